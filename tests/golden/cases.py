"""TF1 graph programs written once against a module parameter `tf`, so the same function builds
its graph under real TensorFlow (`tensorflow.compat.v1`, see make_golden.py) and under tfc
(`import tfc as tf`, see test_against_tensorflow.py).

Conventions
-----------
* `CASES` maps a case name to a function `case(tf)`. It is called inside a fresh
  `tf.Graph().as_default()` and returns what to run, in one of these forms:

  - a dict `{fetch_name: tensor_or_op}`: one `sess.run(dict)`;
  - a tuple `(fetches, feeds)`: the same, with a feed dict;
  - a list of "steps", each a dict or a `(fetches, feeds)` tuple: run one after the other in
    ONE session (state such as variables carries over from step to step).

  `feeds` is a dict `{placeholder: numpy array}` or a zero-argument callable returning one
  (called when its step runs).

* Before the first step, `run_case` runs `tf.global_variables_initializer()` (a no-op when the
  case made no variables).

* Fetch names are unique within a case (across all its steps). The outputs are recorded as
  `"<case>/<fetch>"`; a fetch whose name starts with "_" is run (an assign op, a tf.group, ...)
  but not recorded.

* Inputs are deterministic numpy arrays made here, at import, from
  `np.random.default_rng(SEED)` (uniform draws only, turned into the wanted ranges with plain
  float64 arithmetic, so that they do not depend on numpy's non-uniform samplers).
  `inputs_fingerprint()` hashes them; make_golden.py stores it and the test checks it, so a
  change in the inputs shows up as such instead of as mismatching outputs.

* `run_case(tf, fn)` is the one runner both sides use. `run_case(tf, fn, feed_constants=True)`
  runs the same program with every `tf.constant(<ndarray>)` (no dtype, no shape) turned into a
  placeholder fed that array (see FeedConstants), so that ops compute at run time instead of
  being constant-folded; the answers must be the same.

* Some cases are about things other than op values: `static_shape_inference` fetches static
  shapes encoded as int32 constants (`_shape_code`: -1 for an unknown dim, [-2] for an unknown
  rank); `variable_initializers_and_collections` fetches collection sizes as constants.
"""

from __future__ import annotations

import hashlib

import numpy as np

import cases_edges
import cases_math
import cases_shapes_nn
import cases_state
import golden_inputs
from golden_inputs import SEED  # noqa: F401

from cases_math import (  # noqa: F401
    activations_at_large_magnitudes,
    add_n_and_identity,
    add_sub_mul_broadcast_f32,
    argmax_argmin,
    arithmetic_float64,
    arithmetic_int32_broadcast,
    arithmetic_int64_and_uint8,
    cast_conversions,
    comparisons_broadcast,
    constant_dtypes_and_shapes,
    divide_float,
    floordiv_floormod_float_negatives,
    floordiv_floormod_int_negatives,
    logical_ops,
    pow_float_and_int,
    python_scalar_operands,
    reduce_int32,
    reduce_max_min_prod,
    reduce_mean_int32_truncates,
    reduce_sum_mean_axes,
    truediv_int32_gives_float64,
    unary_math,
    where_select,
    where_v2_broadcast,
)
from cases_shapes_nn import (  # noqa: F401
    avg_pool_variants,
    batch_matmul_broadcast,
    bias_add_formats,
    concat_stack_unstack,
    conv2d_dilations,
    conv2d_explicit_padding_and_1x1,
    conv2d_same_odd_and_even,
    conv2d_same_stride2,
    conv2d_valid_strides,
    getitem_ellipsis_newaxis,
    getitem_negative_strides,
    getitem_ranges_and_shrink,
    getitem_with_tensor_index,
    l2_loss,
    matmul_int32_float64,
    matmul_transposes,
    max_pool_variants,
    one_hot_variants,
    reshape_transpose_expand_squeeze,
    shape_size_dynamic_placeholder,
    shape_size_rank_static,
    slice_op,
    small_mlp_forward,
    softmax_and_log_softmax,
    softmax_large_logits,
    softmax_xent_v2_axes_and_ranks,
    softmax_xent_v2_large_logits,
    sparse_softmax_xent,
    strided_slice_explicit,
    tile_fill_zeros_ones,
    xw_plus_b,
)
from cases_state import (  # noqa: F401
    cond_fed_predicate,
    cond_on_tensor_values,
    get_variable_initializers,
    placeholder_with_default_and_feeds,
    resource_variable_and_feed,
    variable_assign_add_sub_sequence,
    variable_assign_then_read,
    variable_control_dependencies,
    while_loop_max_iterations_and_tensors,
    while_loop_shape_invariants,
    while_loop_sum_and_fib,
    while_loop_with_cond_inside,
)
from cases_edges import (  # noqa: F401
    bias_add_int_and_conv_nchw,
    cast_integer_narrowing,
    cast_more,
    cond_shapes_and_structures,
    cond_singleton_list_unpacked,
    cond_with_side_effects,
    constant_integer_width_inference,
    constant_list_padded_to_shape,
    conv_and_pool_even_kernels,
    dynamic_shape_arguments,
    empty_tensors,
    feed_conversions,
    feed_float_into_int_placeholder,
    feeding_non_placeholders,
    fetch_by_name_print_and_assert,
    fetch_structures,
    float16_ops,
    float16_precision,
    int64_index_arguments,
    integer_overflow_wraps,
    more_slicing_edges,
    nan_propagation,
    nested_while_loops,
    nn_more,
    numpy_operands,
    placeholder_with_default_fed_other_shape,
    pooling_kernel_larger_than_input,
    reductions_more,
    reductions_with_fed_axes,
    relu_on_integers,
    scalars_and_rank0,
    small_int_dtypes,
    special_float_values,
    static_shape_inference,
    string_dtypes_and_shape_objects,
    truediv_small_ints_and_int64,
    unknown_rank_placeholder,
    unknown_rank_reduce_all_axes,
    unknown_rank_transpose,
    variable_initializers_and_collections,
    variable_scopes_and_reuse,
    variable_update_from_itself,
    variable_validate_shape_false,
    where_scalar_and_cond_branches,
    while_loop_nested_structures_and_zero_trips,
    while_loop_with_side_effects,
)


CASES = {fn.__name__: fn for fn in [
    add_sub_mul_broadcast_f32, arithmetic_int32_broadcast, arithmetic_int64_and_uint8, arithmetic_float64,
    python_scalar_operands, divide_float, truediv_int32_gives_float64, floordiv_floormod_int_negatives,
    floordiv_floormod_float_negatives, pow_float_and_int, unary_math, activations_at_large_magnitudes,
    add_n_and_identity, comparisons_broadcast, logical_ops, where_select, where_v2_broadcast, cast_conversions,
    constant_dtypes_and_shapes, reduce_sum_mean_axes, reduce_max_min_prod, reduce_int32,
    reduce_mean_int32_truncates, argmax_argmin, reshape_transpose_expand_squeeze, concat_stack_unstack, slice_op,
    strided_slice_explicit, getitem_negative_strides, getitem_ellipsis_newaxis, getitem_ranges_and_shrink,
    getitem_with_tensor_index, tile_fill_zeros_ones, shape_size_rank_static, shape_size_dynamic_placeholder,
    one_hot_variants, matmul_transposes, batch_matmul_broadcast, matmul_int32_float64, bias_add_formats, xw_plus_b,
    conv2d_same_stride2, conv2d_valid_strides, conv2d_same_odd_and_even, conv2d_dilations,
    conv2d_explicit_padding_and_1x1, max_pool_variants, avg_pool_variants, softmax_and_log_softmax,
    softmax_large_logits, softmax_xent_v2_large_logits, softmax_xent_v2_axes_and_ranks, sparse_softmax_xent,
    l2_loss, small_mlp_forward, cond_fed_predicate, cond_on_tensor_values, while_loop_sum_and_fib,
    while_loop_max_iterations_and_tensors, while_loop_shape_invariants, while_loop_with_cond_inside,
    variable_assign_then_read, variable_assign_add_sub_sequence, variable_control_dependencies,
    get_variable_initializers, resource_variable_and_feed, placeholder_with_default_and_feeds,
    integer_overflow_wraps, cast_integer_narrowing, special_float_values, nan_propagation, empty_tensors,
    scalars_and_rank0, float16_ops, feed_conversions, feed_float_into_int_placeholder,
    fetch_by_name_print_and_assert, reductions_with_fed_axes, unknown_rank_placeholder, more_slicing_edges,
    where_scalar_and_cond_branches, pooling_kernel_larger_than_input, bias_add_int_and_conv_nchw,
    cond_with_side_effects, variable_update_from_itself, small_int_dtypes, relu_on_integers,
    constant_integer_width_inference, numpy_operands, cond_singleton_list_unpacked, cond_shapes_and_structures,
    while_loop_nested_structures_and_zero_trips, while_loop_with_side_effects, dynamic_shape_arguments,
    feeding_non_placeholders, fetch_structures, string_dtypes_and_shape_objects, reductions_more,
    conv_and_pool_even_kernels, nn_more, variable_initializers_and_collections, variable_validate_shape_false,
    unknown_rank_reduce_all_axes, unknown_rank_transpose, cast_more, truediv_small_ints_and_int64,
    int64_index_arguments, nested_while_loops, variable_scopes_and_reuse, float16_precision,
    static_shape_inference, placeholder_with_default_fed_other_shape, constant_list_padded_to_shape,
]}

INPUTS = {name: value
          for module in (golden_inputs, cases_math, cases_shapes_nn, cases_state, cases_edges)
          for name, value in vars(module).items() if name[:1].isupper() and isinstance(value, np.ndarray)}


def inputs_fingerprint() -> str:
    """A sha256 of every input array (name, dtype, shape, bytes)."""
    h = hashlib.sha256()
    for name in sorted(INPUTS):
        a = np.ascontiguousarray(INPUTS[name])
        h.update(f"{name}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.tobytes())
    return h.hexdigest()


# ----- running --------------------------------------------------------------------------------------

def _steps(result):
    """The case's return value as a list of (fetches, feeds)."""
    if isinstance(result, dict):
        return [(result, None)]
    if isinstance(result, tuple):
        return [result]
    if isinstance(result, list):
        return [step if isinstance(step, tuple) else (step, None) for step in result]
    raise TypeError(f"a case returns a dict, a (fetches, feeds) tuple or a list of steps, got {result!r}")


class FeedConstants:
    """Stands in for the `tf` module: `constant(ndarray)` (no dtype, no shape) makes a placeholder
    of the array's dtype and shape instead, fed the array in every run; everything else is the
    module's. Running a case through it makes the ops compute at run time from fed values rather
    than on constants (which a compiler may fold at graph-optimization time)."""

    def __init__(self, tf):
        self._tf = tf
        self.feeds = {}

    def __getattr__(self, name):
        return getattr(self._tf, name)

    def constant(self, value, dtype=None, shape=None, name=None, **kwargs):
        if isinstance(value, np.ndarray) and dtype is None and shape is None and not kwargs:
            placeholder = self._tf.placeholder(self._tf.as_dtype(value.dtype), value.shape, name=name)
            self.feeds[placeholder] = value
            return placeholder
        return self._tf.constant(value, dtype=dtype, shape=shape, name=name or "Const", **kwargs)


def run_case(tf, fn, feed_constants: bool = False) -> dict:
    """Build `fn` in a fresh graph of `tf`, run its steps in one session; {fetch: ndarray}.

    With `feed_constants`, the case's array constants become fed placeholders (FeedConstants)."""
    graph = tf.Graph()
    outputs = {}
    with graph.as_default():
        module = FeedConstants(tf) if feed_constants else tf
        steps = _steps(fn(module))
        fed = module.feeds if feed_constants else {}
        init = tf.global_variables_initializer()
        with tf.Session(graph=graph) as sess:
            sess.run(init, feed_dict=dict(fed) or None)
            for fetches, feeds in steps:
                feed_dict = dict(fed)
                feed_dict.update((feeds() if callable(feeds) else feeds) or {})
                values = sess.run(fetches, feed_dict=feed_dict or None)
                for name, value in values.items():
                    if name.startswith("_"):
                        continue
                    if name in outputs:
                        raise ValueError(f"case {fn.__name__}: fetch name {name!r} used twice")
                    outputs[name] = np.asarray(value)
    return outputs
