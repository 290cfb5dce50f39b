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

SEED = 20240611
_rng = np.random.default_rng(SEED)


def _uniform(shape, lo=-1.0, hi=1.0, dtype=np.float32):
    return (lo + (hi - lo) * _rng.random(shape)).astype(dtype)


def _ints(shape, lo, hi, dtype=np.int32):
    """Integers in [lo, hi)."""
    return np.floor(lo + (hi - lo) * _rng.random(shape)).astype(dtype)


def _nonzero_ints(shape, magnitude, dtype=np.int32):
    """Integers in [-magnitude, -1] or [1, magnitude]."""
    mags = np.floor(1 + magnitude * _rng.random(shape))
    signs = np.where(_rng.random(shape) < 0.5, -1.0, 1.0)
    return (mags * signs).astype(dtype)


def _distribution(shape):
    """Rows (last axis) that are probability distributions."""
    p = _rng.random(shape) + 0.05
    return (p / p.sum(axis=-1, keepdims=True)).astype(np.float32)


# ----- inputs ---------------------------------------------------------------------------------------

A_3x1x4 = _uniform((3, 1, 4))
B_5x1 = _uniform((5, 1))
A_3x4 = _uniform((3, 4))
B_3x4 = _uniform((3, 4))
POS_3x4 = _uniform((3, 4), 0.1, 4.0)
X_4x5x6 = _uniform((4, 5, 6), -3.0, 3.0)
X_2x3x4 = _uniform((2, 3, 4), -2.0, 2.0)
F64_3x4 = _uniform((3, 4), -5.0, 5.0, np.float64)

I_3x4 = _ints((3, 4), -9, 10)
I_4 = _ints((4,), -9, 10)
NZ_3x4 = _nonzero_ints((3, 4), 4)
I64_2x3 = _ints((2, 3), -(2**40), 2**40, np.int64)
U8_6 = _ints((6,), 0, 120, np.uint8)
SMALL_I_3x4 = _ints((3, 4), 0, 4)  # values with ties, for argmax/argmin

NEG_FLOATS = np.array([-7.5, -7.0, -2.5, -0.25, 0.0, 0.25, 2.5, 7.0, 7.5], np.float32)
FLOAT_DIVISORS = np.array([2.0, -2.0, 3.0, -0.5, 1.5, -1.5, 2.0, -3.0, 0.75], np.float32)
LARGE = np.array([-1000.0, -100.0, -30.0, -20.0, -10.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 5.9, 6.0, 6.1, 10.0,
                  20.0, 30.0, 100.0, 1000.0], np.float32)
TRUNC = np.array([-2.7, -2.5, -1.0, -0.9, -0.5, -0.0, 0.0, 0.5, 0.9, 1.0, 2.5, 2.7, 1e5 + 0.5], np.float32)

MAT_A_3x4 = _uniform((3, 4))
MAT_B_4x5 = _uniform((4, 5))
MAT_AT_4x3 = _uniform((4, 3))
MAT_BT_5x4 = _uniform((5, 4))
BATCH_A_2x1x3x4 = _uniform((2, 1, 3, 4))
BATCH_B_5x4x2 = _uniform((5, 4, 2))
BATCH_A_2x4x3 = _uniform((2, 4, 3))
INT_MAT_A_2x3 = _ints((2, 3), -5, 6)
INT_MAT_B_3x2 = _ints((3, 2), -5, 6)

NHWC_2x3x4x5 = _uniform((2, 3, 4, 5))
NCHW_2x5x3x4 = _uniform((2, 5, 3, 4))
BIAS_5 = _uniform((5,))

IMG_1x5x5x2 = _uniform((1, 5, 5, 2))
IMG_2x7x6x2 = _uniform((2, 7, 6, 2))
IMG_1x6x6x2 = _uniform((1, 6, 6, 2))
IMG_1x7x7x2 = _uniform((1, 7, 7, 2))
K_3x3x2x3 = _uniform((3, 3, 2, 3))
K_3x2x2x4 = _uniform((3, 2, 2, 4))
K_1x1x2x3 = _uniform((1, 1, 2, 3))
POOL_1x5x5x2 = _uniform((1, 5, 5, 2), -5.0, 5.0)
POOL_2x7x6x3 = _uniform((2, 7, 6, 3), -5.0, 5.0)
NEG_POOL_1x5x5x1 = _uniform((1, 5, 5, 1), -9.0, -1.0)
K_5x5x2x2 = _uniform((5, 5, 2, 2))

LOGITS_4x5 = _uniform((4, 5), -3.0, 3.0)
LOGITS_2x3x4 = _uniform((2, 3, 4), -3.0, 3.0)
BIG_LOGITS_4x6 = _uniform((4, 6), -1e4, 1e4)
LABELS_4x6 = _distribution((4, 6))
LABELS_4x5 = _distribution((4, 5))
LABELS_2x3x4 = _distribution((2, 3, 4))
SPARSE_LABELS_4 = _ints((4,), 0, 5)
SPARSE_LABELS_2x3 = _ints((2, 3), 0, 4, np.int64)
BIG_SPARSE_LABELS_4 = _ints((4,), 0, 6)
BATCH_FEED_5x3 = _uniform((5, 3))
W_3x2 = _uniform((3, 2))
B_2 = _uniform((2,))


EMPTY_0x3 = np.zeros((0, 3), np.float32)
F16_3x4 = _uniform((3, 4), -4.0, 4.0, np.float16)
F64_FEED_2x3 = _uniform((2, 3), -1.0, 1.0, np.float64)
SPECIAL = np.array([0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, np.inf, -np.inf, np.nan], np.float32)
SPECIAL_Y = np.array([0.0, 0.0, 0.0, 0.0, -3.0, 3.0, -0.5, 2.0, 2.0, 1.0], np.float32)
INT_EDGE = np.array([2**31 - 1, -2**31, -2**31 + 1, 0, -1, 1, 123456789], np.int32)
I64_BIG = np.array([2**40 + 5, -(2**40) - 5, 2**31, -(2**31) - 1, 255, -1], np.int64)


I8_6 = _ints((6,), -128, 128, np.int8)
I8_6B = _nonzero_ints((6,), 100, np.int8)
I16_6 = _ints((6,), -30000, 30000, np.int16)
U8_6B = _ints((6,), 1, 256, np.uint8)
K_2x2x2x3 = _uniform((2, 2, 2, 3))
K_4x4x2x1 = _uniform((4, 4, 2, 1))
NCW_2x5x3 = _uniform((2, 5, 3))


F16_LONG_3000 = _uniform((3000,), 0.0, 0.2, np.float16)


def inputs_fingerprint() -> str:
    """A sha256 of every input array (name, dtype, shape, bytes)."""
    h = hashlib.sha256()
    for name in sorted(INPUTS):
        a = np.ascontiguousarray(INPUTS[name])
        h.update(f"{name}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.tobytes())
    return h.hexdigest()


# ----- broadcasting arithmetic ---------------------------------------------------------------------------

def add_sub_mul_broadcast_f32(tf):
    a, b = tf.constant(A_3x1x4), tf.constant(B_5x1)
    return {"add": tf.add(a, b), "sub": tf.subtract(a, b), "mul": tf.multiply(a, b),
            "op_add": a + b, "op_sub": b - a, "op_mul": a * b}


def arithmetic_int32_broadcast(tf):
    x, v = tf.constant(I_3x4), tf.constant(I_4)
    return {"add": x + v, "sub": x - v, "mul": x * v, "neg": -x, "abs": tf.abs(x), "square": tf.square(x),
            "max": tf.maximum(x, v), "min": tf.minimum(x, v)}


def arithmetic_int64_and_uint8(tf):
    x = tf.constant(I64_2x3)
    u = tf.constant(U8_6)
    return {"i64_add": x + x, "i64_sub_const": x - 7, "i64_mul": x * 3, "i64_max": tf.maximum(x, 0),
            "u8_add": u + u, "u8_mul": u * 2}


def arithmetic_float64(tf):
    x = tf.constant(F64_3x4)
    return {"add": x + 1.5, "mul": x * x, "div": x / 3.0, "exp": tf.exp(x), "tanh": tf.tanh(x)}


def python_scalar_operands(tf):
    x = tf.constant(A_3x4)
    i = tf.constant(I_3x4)
    return {"radd": 1 + x, "rsub": 1 - x, "rmul": 2.0 * x, "rdiv": 1.0 / (x + 2.0), "add_int": i + 1,
            "rsub_int": 10 - i, "mul_int": i * -2}


def divide_float(tf):
    x, y = tf.constant(A_3x4), tf.constant(POS_3x4)
    return {"divide": tf.divide(x, y), "truediv": tf.truediv(x, y), "realdiv": tf.realdiv(x, y),
            "op_div": x / y, "rdiv_scalar": 2.0 / y}


def truediv_int32_gives_float64(tf):
    x, y = tf.constant(I_3x4), tf.constant(NZ_3x4)
    return {"op_div": x / y, "truediv": tf.truediv(x, y), "divide": tf.divide(x, 4)}


def floordiv_floormod_int_negatives(tf):
    x, y = tf.constant(I_3x4), tf.constant(NZ_3x4)
    return {"floordiv": tf.floordiv(x, y), "floormod": tf.floormod(x, y), "mod": tf.mod(x, y),
            "op_floordiv": x // y, "op_mod": x % y, "neg_const_floordiv": x // -3, "neg_const_mod": x % -3,
            "rfloordiv": -17 // y, "rmod": -17 % y}


def floordiv_floormod_float_negatives(tf):
    x, y = tf.constant(NEG_FLOATS), tf.constant(FLOAT_DIVISORS)
    return {"floordiv": tf.floordiv(x, y), "floormod": tf.floormod(x, y), "op_floordiv": x // 2.0,
            "op_mod": x % -2.0}


def pow_float_and_int(tf):
    base = tf.constant(POS_3x4)
    expo = tf.constant(A_3x4 * 3.0)
    neg = tf.constant(NEG_FLOATS)
    ibase = tf.constant(np.array([-3, -2, -1, 0, 1, 2, 3, 5], np.int32))
    iexp = tf.constant(np.array([3, 2, 5, 0, 7, 10, 4, 3], np.int32))
    return {"pow": tf.pow(base, expo), "op_pow": base ** 2.0, "sqrt_pow": base ** 0.5, "rpow": 2.0 ** expo,
            "neg_base_int_exp": tf.pow(neg, 3.0), "neg_base_even": neg ** 2.0, "int_pow": tf.pow(ibase, iexp),
            "int_op_pow": ibase ** 2}


def unary_math(tf):
    x = tf.constant(A_3x4 * 3.0)
    p = tf.constant(POS_3x4)
    return {"neg": tf.negative(x), "abs": tf.abs(x), "op_abs": abs(x), "square": tf.square(x),
            "sqrt": tf.sqrt(p), "rsqrt": tf.rsqrt(p), "exp": tf.exp(x), "log": tf.log(p), "log1p": tf.log1p(p),
            "tanh": tf.tanh(x), "sigmoid": tf.sigmoid(x)}


def activations_at_large_magnitudes(tf):
    x = tf.constant(LARGE)
    return {"sigmoid": tf.sigmoid(x), "nn_sigmoid": tf.nn.sigmoid(x), "softplus": tf.nn.softplus(x),
            "elu": tf.nn.elu(x), "relu": tf.nn.relu(x), "relu6": tf.nn.relu6(x), "tanh": tf.nn.tanh(x),
            "exp": tf.exp(x)}


def add_n_and_identity(tf):
    a, b = tf.constant(A_3x4), tf.constant(B_3x4)
    return {"add_n3": tf.add_n([a, b, a]), "add_n1": tf.add_n([b]), "identity": tf.identity(a),
            "stop_gradient": tf.stop_gradient(b)}


# ----- comparisons, logic, selection ---------------------------------------------------------------------

def comparisons_broadcast(tf):
    x, y = tf.constant(I_3x4), tf.constant(I_4)
    f = tf.constant(A_3x4)
    return {"equal": tf.equal(x, y), "not_equal": tf.not_equal(x, y), "less": tf.less(x, y),
            "less_equal": tf.less_equal(x, y), "greater": tf.greater(x, y), "greater_equal": tf.greater_equal(x, y),
            "op_lt": f < 0.25, "op_le": f <= 0.0, "op_gt": f > -0.5, "op_ge": x >= 0, "eq_scalar": tf.equal(x, 3)}


def logical_ops(tf):
    p = tf.constant(A_3x4 > 0)
    q = tf.constant(B_3x4 > 0.2)
    return {"and": tf.logical_and(p, q), "or": tf.logical_or(p, q), "not": tf.logical_not(p), "op_and": p & q,
            "op_or": p | q, "op_not": ~q}


def where_select(tf):
    c = tf.constant(A_3x4 > 0)
    rows = tf.constant(np.array([True, False, True]))
    x, y = tf.constant(A_3x4), tf.constant(B_3x4)
    return {"elementwise": tf.where(c, x, y), "row_select": tf.where(rows, x, y),
            "int": tf.where(c, tf.constant(I_3x4), tf.constant(NZ_3x4))}


def where_v2_broadcast(tf):
    c = tf.constant(np.array([[True], [False], [True]]))
    x = tf.constant(np.array([[1.0, 2.0, 3.0, 4.0]], np.float32))
    return {"bcast": tf.where_v2(c, x, -1.0),
            "bcast_cond_row": tf.where_v2(tf.constant(A_3x4 > 0), x, tf.constant(B_3x4))}


def cast_conversions(tf):
    t = tf.constant(TRUNC)
    i = tf.constant(I_3x4)
    return {"f_to_i32": tf.cast(t, tf.int32), "f_to_i64": tf.cast(t, tf.int64), "f_to_bool": tf.cast(t, tf.bool),
            "f_to_f64": tf.cast(t, tf.float64), "i_to_f": tf.cast(i, tf.float32), "to_float": tf.to_float(i),
            "to_int32": tf.to_int32(t), "to_int64": tf.to_int64(t), "bool_to_f": tf.cast(i > 0, tf.float32),
            "bool_to_i": tf.cast(i > 0, tf.int32), "i_to_u8": tf.cast(tf.abs(i), tf.uint8),
            "same": tf.cast(t, tf.float32)}


def constant_dtypes_and_shapes(tf):
    return {"int": tf.constant(3), "float": tf.constant(2.5), "bool": tf.constant([True, False]),
            "list2d": tf.constant([[1, 2], [3, 4]]), "as_f32": tf.constant([[1, 2], [3, 4]], dtype=tf.float32),
            "f64": tf.constant(np.array([1.5, 2.5])), "i64": tf.constant(np.array([1, 2], np.int64)),
            "filled": tf.constant(7, shape=[2, 3]), "filled_f": tf.constant(0.5, dtype=tf.float32, shape=[3]),
            "autopack": tf.convert_to_tensor([tf.constant(1.0), 2.0, tf.constant(3.0)]),
            "autopack_nested": tf.stack([[tf.constant(1), 2], [3, tf.constant(4)]])}


# ----- reductions and arg-reductions --------------------------------------------------------------

def reduce_sum_mean_axes(tf):
    x = tf.constant(X_4x5x6)
    return {"sum_all": tf.reduce_sum(x), "sum_0": tf.reduce_sum(x, 0), "sum_neg1": tf.reduce_sum(x, axis=-1),
            "sum_02": tf.reduce_sum(x, [0, 2]), "sum_keep": tf.reduce_sum(x, [1], keepdims=True),
            "sum_keep_dims_kw": tf.reduce_sum(x, axis=-2, keep_dims=True),
            "sum_reduction_indices": tf.reduce_sum(x, reduction_indices=[2]),
            "sum_empty_axes": tf.reduce_sum(x, axis=[]),
            "mean_all": tf.reduce_mean(x), "mean_neg": tf.reduce_mean(x, [-1, -3]),
            "mean_keep": tf.reduce_mean(x, 1, keepdims=True)}


def reduce_max_min_prod(tf):
    x = tf.constant(X_4x5x6)
    s = tf.constant(X_2x3x4)
    return {"max_all": tf.reduce_max(x), "max_1": tf.reduce_max(x, 1), "max_keep": tf.reduce_max(x, -1, True),
            "min_all": tf.reduce_min(x), "min_neg2": tf.reduce_min(x, axis=-2),
            "min_keep": tf.reduce_min(x, [0, 2], keepdims=True), "prod_all": tf.reduce_prod(s),
            "prod_2": tf.reduce_prod(s, 2), "prod_keep": tf.reduce_prod(s, [0, -1], keepdims=True)}


def reduce_int32(tf):
    x = tf.constant(I_3x4)
    return {"sum": tf.reduce_sum(x), "sum_1": tf.reduce_sum(x, 1), "max": tf.reduce_max(x, 0),
            "min_keep": tf.reduce_min(x, 1, keepdims=True), "prod": tf.reduce_prod(x, 0)}


def reduce_mean_int32_truncates(tf):
    # TensorFlow's integer mean is sum / count in integer arithmetic (truncation toward zero).
    x = tf.constant(I_3x4)
    return {"mean_all": tf.reduce_mean(x), "mean_0": tf.reduce_mean(x, 0), "mean_1": tf.reduce_mean(x, 1)}


def argmax_argmin(tf):
    x = tf.constant(X_2x3x4)
    t = tf.constant(SMALL_I_3x4)
    return {"argmax0": tf.argmax(x, 0), "argmax1": tf.argmax(x, axis=1), "argmax_neg1": tf.argmax(x, -1),
            "argmin2": tf.argmin(x, 2), "argmin_i32": tf.argmin(x, 1, output_type=tf.int32),
            "argmax_dimension_kw": tf.argmax(x, dimension=2),
            "ties_argmax": tf.argmax(t, 1), "ties_argmin": tf.argmin(t, 0), "ties_argmax_axis0": tf.argmax(t, 0)}


# ----- shapes, reshaping, joining -----------------------------------------------------------------

def reshape_transpose_expand_squeeze(tf):
    x = tf.constant(X_2x3x4)
    one = tf.constant(np.arange(6, dtype=np.float32).reshape(1, 2, 1, 3))
    return {"reshape_m1": tf.reshape(x, [-1, 4]), "reshape_m1_mid": tf.reshape(x, [2, -1, 3]),
            "reshape_flat": tf.reshape(x, [-1]), "reshape_scalar": tf.reshape(tf.constant([5.0]), []),
            "transpose_default": tf.transpose(x), "transpose_perm": tf.transpose(x, [1, 2, 0]),
            "expand0": tf.expand_dims(x, 0), "expand_neg1": tf.expand_dims(x, -1),
            "expand_dim_kw": tf.expand_dims(x, dim=2),
            "squeeze_all": tf.squeeze(one), "squeeze_axis": tf.squeeze(one, [2]),
            "squeeze_neg": tf.squeeze(one, axis=-2), "squeeze_dims_kw": tf.squeeze(one, squeeze_dims=[0])}


def concat_stack_unstack(tf):
    a, b = tf.constant(A_3x4), tf.constant(B_3x4)
    u = tf.unstack(tf.constant(X_2x3x4), axis=1)
    u0 = tf.unstack(tf.constant(I_3x4))
    return {"concat0": tf.concat([a, b], 0), "concat_neg1": tf.concat([a, b, a], -1),
            "concat_single": tf.concat([a], 1), "stack0": tf.stack([a, b]), "stack1": tf.stack([a, b], axis=1),
            "stack_neg": tf.stack([a, b], axis=-1), "unstack_a1_0": u[0], "unstack_a1_2": u[2],
            "unstack_len": tf.constant(len(u)), "unstack0_1": u0[1]}


def slice_op(tf):
    x = tf.constant(X_4x5x6)
    return {"slice": tf.slice(x, [1, 0, 2], [2, 3, 3]), "slice_rest": tf.slice(x, [2, 1, 0], [-1, -1, 4]),
            "slice_int": tf.slice(tf.constant(I_3x4), [1, 1], [2, -1])}


def strided_slice_explicit(tf):
    x = tf.constant(X_4x5x6)
    return {"basic": tf.strided_slice(x, [0, 1, 0], [4, 5, 6], [2, 2, 3]),
            "neg_strides": tf.strided_slice(x, [3, 4, 5], [0, 0, 0], [-1, -2, -2]),
            "masks": tf.strided_slice(x, [1, 0, 2], [0, 3, 0], [1, 1, 1], begin_mask=2, end_mask=5),
            "shrink": tf.strided_slice(x, [1, 0, 4], [2, 5, 5], [1, 1, 1], shrink_axis_mask=5),
            "new_axis": tf.strided_slice(x, [0, 0, 1], [0, 2, 3], [1, 1, 1], new_axis_mask=1),
            "ellipsis": tf.strided_slice(x, [0, 2], [0, 4], [1, 1], ellipsis_mask=1),
            "default_strides": tf.strided_slice(x, [1, 1, 1], [3, 3, 3])}


def getitem_negative_strides(tf):
    x = tf.constant(X_4x5x6)
    return {"rev_then_index": x[::-1, 1], "rev_all": x[::-1, ::-1, ::-1], "rev_step2": x[::-2],
            "bounded_rev": x[3:0:-2, ::-1], "rev_out_of_range": x[10:-10:-1, 4:-10:-3],
            "rev_last": x[..., ::-2]}


def getitem_ellipsis_newaxis(tf):
    x = tf.constant(X_4x5x6)
    return {"ell_none": x[..., None], "none_ell_idx": x[None, ..., -1], "newaxis_mid": x[:, tf.newaxis, 2],
            "ell_only": x[...], "ell_mid": x[1, ..., 2], "two_new": x[None, 1:3, None]}


def getitem_ranges_and_shrink(tf):
    x = tf.constant(X_4x5x6)
    v = tf.constant(I_4)
    return {"from1_step2": x[1:, ::2], "last": x[-1], "tail2": x[:, -2:], "mid": x[-3:-1, 1:-1:2, 1::3],
            "scalar": x[1, 2, 3], "clamped": x[-100:100, 3:100], "empty": x[3:1], "vec_idx": v[2],
            "vec_neg_idx": v[-1], "vec_slice": v[1:3]}


def getitem_with_tensor_index(tf):
    x = tf.constant(X_4x5x6)
    i = tf.placeholder(tf.int32, [])
    return {"row": x[i], "range": x[i:i + 2, i], "rev_from": x[i::-1]}, {i: np.int32(2)}


def tile_fill_zeros_ones(tf):
    x = tf.constant(A_3x4)
    return {"tile": tf.tile(x, [2, 3]), "tile_3d": tf.tile(tf.constant(X_2x3x4), [1, 2, 1]),
            "fill_int": tf.fill([2, 3], 7), "fill_float": tf.fill([3, 1], 2.5), "fill_dyn": tf.fill(tf.shape(x), -1.0),
            "zeros": tf.zeros([2, 3]), "zeros_i32": tf.zeros([4], tf.int32), "ones": tf.ones([2, 2], dtype=tf.float64),
            "ones_big": tf.ones([40, 30], tf.int32), "zeros_bool": tf.zeros([3], tf.bool),
            "zeros_like": tf.zeros_like(x), "ones_like": tf.ones_like(x),
            "zeros_like_i": tf.zeros_like(x, dtype=tf.int32),
            "ones_like_int": tf.ones_like(tf.constant(I_3x4))}


def shape_size_rank_static(tf):
    x = tf.constant(X_4x5x6)
    return {"shape": tf.shape(x), "shape_i64": tf.shape(x, out_type=tf.int64), "size": tf.size(x),
            "size_i64": tf.size(x, out_type=tf.int64), "rank": tf.rank(x), "rank_scalar": tf.rank(tf.constant(1.0))}


def shape_size_dynamic_placeholder(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    n = tf.shape(x)[0]
    flat = tf.reshape(x, tf.stack([n * 3]))
    return ({"shape": tf.shape(x), "size": tf.size(x), "rank": tf.rank(x), "n": n, "flat": flat,
             "zeros_like": tf.zeros_like(x), "ones_like": tf.ones_like(x, dtype=tf.int32),
             "reshape_dyn": tf.reshape(x, [-1, 1, 3]), "col_sum": tf.reduce_sum(x, 0),
             "fill_like": tf.fill(tf.shape(x), 3)},
            {x: BATCH_FEED_5x3})


def one_hot_variants(tf):
    idx = tf.constant(np.array([0, 2, -1, 1, 3], np.int32))
    mat = tf.constant(np.array([[0, 1], [2, 0]], np.int64))
    return {"default": tf.one_hot(idx, 3), "axis0": tf.one_hot(idx, 4, axis=0),
            "on_off": tf.one_hot(idx, 3, on_value=5, off_value=-1),
            "on_off_f": tf.one_hot(idx, 3, on_value=2.0, off_value=0.5),
            "dtype": tf.one_hot(idx, 3, dtype=tf.float64), "mat_axis1": tf.one_hot(mat, 3, axis=1),
            "mat_default": tf.one_hot(mat, 3), "mat_axis_neg1": tf.one_hot(mat, 2, axis=-1)}


# ----- matrix products ------------------------------------------------------------------------------

def matmul_transposes(tf):
    a, b = tf.constant(MAT_A_3x4), tf.constant(MAT_B_4x5)
    at, bt = tf.constant(MAT_AT_4x3), tf.constant(MAT_BT_5x4)
    return {"nn": tf.matmul(a, b), "tn": tf.matmul(at, b, transpose_a=True), "nt": tf.matmul(a, bt, transpose_b=True),
            "tt": tf.matmul(at, bt, transpose_a=True, transpose_b=True),
            "adjoint": tf.matmul(at, b, adjoint_a=True), "op": a @ b}


def batch_matmul_broadcast(tf):
    a, b = tf.constant(BATCH_A_2x1x3x4), tf.constant(BATCH_B_5x4x2)
    at = tf.constant(BATCH_A_2x4x3)
    return {"bcast": tf.matmul(a, b), "adj_a": tf.matmul(at, tf.constant(BATCH_B_5x4x2[0]), transpose_a=True),
            "rank3_by_2": tf.matmul(tf.constant(X_2x3x4), tf.constant(MAT_B_4x5)), "op": a @ b}


def matmul_int32_float64(tf):
    a, b = tf.constant(INT_MAT_A_2x3), tf.constant(INT_MAT_B_3x2)
    f = tf.constant(F64_3x4)
    return {"int": tf.matmul(a, b), "int_tb": tf.matmul(a, a, transpose_b=True),
            "f64": tf.matmul(f, f, transpose_a=True)}


def bias_add_formats(tf):
    return {"nhwc": tf.nn.bias_add(tf.constant(NHWC_2x3x4x5), tf.constant(BIAS_5)),
            "nchw": tf.nn.bias_add(tf.constant(NCHW_2x5x3x4), tf.constant(BIAS_5), data_format="NCHW"),
            "explicit_nhwc": tf.nn.bias_add(tf.constant(NHWC_2x3x4x5), tf.constant(BIAS_5), data_format="NHWC"),
            "rank2": tf.nn.bias_add(tf.constant(MAT_BT_5x4.T.copy()), tf.constant(BIAS_5))}


def xw_plus_b(tf):
    x, w, b = tf.constant(BATCH_FEED_5x3), tf.constant(W_3x2), tf.constant(B_2)
    return {"xw_plus_b": tf.nn.xw_plus_b(x, w, b)}


# ----- convolution and pooling ----------------------------------------------------------------------

def conv2d_same_stride2(tf):
    x, k = tf.constant(IMG_1x5x5x2), tf.constant(K_3x3x2x3)
    return {"out": tf.nn.conv2d(x, k, [1, 2, 2, 1], "SAME")}


def conv2d_valid_strides(tf):
    x, k = tf.constant(IMG_2x7x6x2), tf.constant(K_3x2x2x4)
    return {"out": tf.nn.conv2d(x, k, [1, 2, 3, 1], "VALID"), "stride1": tf.nn.conv2d(x, k, [1, 1, 1, 1], "VALID")}


def conv2d_same_odd_and_even(tf):
    k = tf.constant(K_3x3x2x3)
    return {"even_s2": tf.nn.conv2d(tf.constant(IMG_1x6x6x2), k, [1, 2, 2, 1], "SAME"),
            "odd_s1": tf.nn.conv2d(tf.constant(IMG_1x7x7x2), k, [1, 1, 1, 1], "SAME"),
            "odd_s3": tf.nn.conv2d(tf.constant(IMG_1x7x7x2), k, [1, 3, 3, 1], "SAME"),
            "rect_kernel": tf.nn.conv2d(tf.constant(IMG_2x7x6x2), tf.constant(K_3x2x2x4), [1, 2, 2, 1], "SAME")}


def conv2d_dilations(tf):
    x, k = tf.constant(IMG_1x7x7x2), tf.constant(K_3x3x2x3)
    return {"same_d2": tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME", dilations=[1, 2, 2, 1]),
            "valid_d2": tf.nn.conv2d(x, k, [1, 1, 1, 1], "VALID", dilations=[1, 2, 2, 1]),
            "valid_d21": tf.nn.conv2d(x, tf.constant(K_3x2x2x4), [1, 1, 1, 1], "VALID", dilations=[1, 2, 3, 1])}


def conv2d_explicit_padding_and_1x1(tf):
    x = tf.constant(IMG_1x5x5x2)
    return {"explicit": tf.nn.conv2d(x, tf.constant(K_3x3x2x3), [1, 1, 1, 1], [[0, 0], [1, 2], [2, 1], [0, 0]]),
            "one_by_one_s2": tf.nn.conv2d(x, tf.constant(K_1x1x2x3), [1, 2, 2, 1], "SAME"),
            "filters_kw": tf.nn.conv2d(x, filters=tf.constant(K_1x1x2x3), strides=[1, 1, 1, 1], padding="VALID")}


def max_pool_variants(tf):
    x = tf.constant(POOL_1x5x5x2)
    y = tf.constant(POOL_2x7x6x3)
    return {"same_k3_s2": tf.nn.max_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
            "same_k2_s2": tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
            "valid_rect": tf.nn.max_pool(y, [1, 2, 3, 1], [1, 2, 1, 1], "VALID"),
            "same_rect": tf.nn.max_pool(y, [1, 3, 2, 1], [1, 2, 3, 1], "SAME"),
            "all_negative_same": tf.nn.max_pool(tf.constant(NEG_POOL_1x5x5x1), [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
            "max_pool2d": tf.nn.max_pool2d(y, 2, 2, "SAME")}


def avg_pool_variants(tf):
    x = tf.constant(POOL_1x5x5x2)
    y = tf.constant(POOL_2x7x6x3)
    return {"same_k3_s2": tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
            "same_k2_s2": tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
            "same_k3_s1": tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 1, 1, 1], "SAME"),
            "valid_rect": tf.nn.avg_pool(y, [1, 3, 2, 1], [1, 2, 2, 1], "VALID"),
            "same_rect": tf.nn.avg_pool(y, [1, 2, 3, 1], [1, 3, 2, 1], "SAME"),
            "avg_pool2d": tf.nn.avg_pool2d(y, [3, 3], [2, 2], "SAME")}


# ----- softmax and losses ---------------------------------------------------------------------------

def softmax_and_log_softmax(tf):
    x = tf.constant(LOGITS_4x5)
    y = tf.constant(LOGITS_2x3x4)
    return {"softmax": tf.nn.softmax(x), "log_softmax": tf.nn.log_softmax(x), "softmax_axis0": tf.nn.softmax(x, axis=0),
            "softmax_3d_axis1": tf.nn.softmax(y, axis=1), "log_softmax_3d": tf.nn.log_softmax(y),
            "log_softmax_axis0": tf.nn.log_softmax(y, axis=0), "softmax_dim_kw": tf.nn.softmax(y, dim=-2)}


def softmax_large_logits(tf):
    x = tf.constant(np.array([[1e4, -1e4, 0.0], [1000.0, 1000.0, -1000.0], [-1e4, -1e4, -1e4]], np.float32))
    big = tf.constant(BIG_LOGITS_4x6)
    return {"softmax": tf.nn.softmax(x), "log_softmax": tf.nn.log_softmax(x), "softmax_big": tf.nn.softmax(big),
            "log_softmax_big": tf.nn.log_softmax(big)}


def softmax_xent_v2_large_logits(tf):
    logits = tf.constant(BIG_LOGITS_4x6)
    onehot = tf.one_hot(tf.constant(BIG_SPARSE_LABELS_4), 6)
    return {"soft_labels": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x6), logits=logits),
            "onehot_labels": tf.nn.softmax_cross_entropy_with_logits_v2(labels=onehot, logits=logits),
            "sparse": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(BIG_SPARSE_LABELS_4),
                                                                     logits=logits)}


def softmax_xent_v2_axes_and_ranks(tf):
    return {"rank2": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x5),
                                                                logits=tf.constant(LOGITS_4x5)),
            "axis0": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x5.T.copy()),
                                                                logits=tf.constant(LOGITS_4x5.T.copy()), axis=0),
            "rank3": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_2x3x4),
                                                                logits=tf.constant(LOGITS_2x3x4)),
            "v1": tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant(LABELS_4x5),
                                                          logits=tf.constant(LOGITS_4x5)),
            "v1_dim0": tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant(LABELS_4x5.T.copy()),
                                                               logits=tf.constant(LOGITS_4x5.T.copy()), dim=0)}


def sparse_softmax_xent(tf):
    return {"rank2": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(SPARSE_LABELS_4),
                                                                    logits=tf.constant(LOGITS_4x5)),
            "rank3_int64": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(SPARSE_LABELS_2x3),
                                                                          logits=tf.constant(LOGITS_2x3x4))}


def l2_loss(tf):
    return {"matrix": tf.nn.l2_loss(tf.constant(A_3x4)), "f64": tf.nn.l2_loss(tf.constant(F64_3x4)),
            "3d": tf.nn.l2_loss(tf.constant(X_4x5x6))}


def small_mlp_forward(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    labels = tf.placeholder(tf.int32, [None], name="labels")
    h = tf.nn.relu(tf.matmul(x, tf.constant(W_3x2)) + tf.constant(B_2))
    logits = tf.matmul(h, tf.constant(MAT_A_3x4[:2, :]))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    pred = tf.argmax(logits, 1, output_type=tf.int32)
    acc = tf.reduce_mean(tf.cast(tf.equal(pred, labels), tf.float32))
    return ({"logits": logits, "loss": loss, "pred": pred, "acc": acc},
            {x: BATCH_FEED_5x3, labels: np.array([0, 1, 2, 3, 1], np.int32)})


# ----- control flow ---------------------------------------------------------------------------------

def cond_fed_predicate(tf):
    p = tf.placeholder(tf.bool, [])
    x = tf.constant(A_3x4)
    out = tf.cond(p, lambda: x * 2.0, lambda: x - 1.0)
    pair = tf.cond(p, lambda: (tf.reduce_sum(x), tf.constant(1)), lambda: (tf.reduce_max(x), tf.constant(2)))
    return [({"true": out, "true_pair0": pair[0], "true_pair1": pair[1]}, {p: True}),
            ({"false": out, "false_pair0": pair[0], "false_pair1": pair[1]}, {p: False})]


def cond_on_tensor_values(tf):
    x = tf.constant(A_3x4)
    s = tf.reduce_sum(x)
    a = tf.cond(s > 0.0, lambda: tf.reduce_max(x), lambda: tf.reduce_min(x))
    b = tf.cond(tf.less(s, -100.0), true_fn=lambda: {"v": x[0]}, false_fn=lambda: {"v": x[1] * 3.0})
    nested = tf.cond(s < 100.0, lambda: tf.cond(s < -100.0, lambda: 1, lambda: 2), lambda: 3)
    return {"a": a, "dict_v": b["v"], "nested": nested}


def while_loop_sum_and_fib(tf):
    total = tf.while_loop(lambda i, s: i < 10, lambda i, s: (i + 1, s + i), [0, 0])
    fib = tf.while_loop(lambda i, a, b: i < 20, lambda i, a, b: (i + 1, b, a + b),
                        [tf.constant(0), tf.constant(0, tf.int64), tf.constant(1, tf.int64)])
    single = tf.while_loop(lambda x: x < 1000.0, lambda x: x * 3.0, [tf.constant(1.5)])
    return {"i": total[0], "sum": total[1], "fib": fib[1], "fib_i": fib[0], "single": single}


def while_loop_max_iterations_and_tensors(tf):
    m = tf.constant(np.array([[0.5, 0.25], [0.125, 1.0]], np.float32))

    def body(k, acc):
        return k + 1, tf.matmul(acc, m)

    k, power = tf.while_loop(lambda k, acc: k < 100, body, (tf.constant(0), tf.constant(np.eye(2, dtype=np.float32))),
                             maximum_iterations=5)
    capped = tf.while_loop(lambda i: i < 100, lambda i: i + 3, [tf.constant(1)], maximum_iterations=7)
    return {"k": k, "power": power, "capped": capped}


def while_loop_shape_invariants(tf):
    i0 = tf.constant(0)
    acc0 = tf.constant(np.zeros([0], np.float32))
    i, acc = tf.while_loop(lambda i, acc: i < 5,
                           lambda i, acc: (i + 1, tf.concat([acc, tf.cast(tf.expand_dims(i * i, 0), tf.float32)], 0)),
                           [i0, acc0], shape_invariants=[i0.get_shape(), tf.TensorShape([None])])
    return {"i": i, "acc": acc}


def while_loop_with_cond_inside(tf):
    def body(i, x):
        x = tf.cond(tf.equal(i % 2, 0), lambda: x * 2, lambda: x + 3)
        return i + 1, x
    _, x = tf.while_loop(lambda i, x: i < 6, body, [tf.constant(0), tf.constant(1)])
    return {"x": x}


# ----- variables ------------------------------------------------------------------------------------

def variable_assign_then_read(tf):
    v = tf.Variable(tf.constant(A_3x4), name="v")
    assign = tf.assign(v, tf.constant(B_3x4))
    return [{"initial": v.read_value()}, {"_assign": assign.op}, {"after": v.read_value(), "plus1": v + 1.0}]


def variable_assign_add_sub_sequence(tf):
    v = tf.Variable(tf.zeros([2, 3]), name="acc")
    c = tf.Variable(0, name="counter")
    add = v.assign_add(tf.ones([2, 3]) * 2.0)
    sub = tf.assign_sub(v, tf.ones([2, 3]) * 0.5)
    inc = tf.assign_add(c, 1)
    return [{"added": add, "inc1": inc}, {"inc2": inc}, {"subbed": sub},
            {"v_final": v.read_value(), "c_final": c.read_value(), "fetch_var": v}]


def variable_control_dependencies(tf):
    v = tf.Variable(tf.constant(10.0), name="v")
    a = tf.assign(v, 3.0)
    with tf.control_dependencies([a]):
        after = v.read_value() * 2.0
    g = tf.group(tf.assign_add(v, 1.0), tf.no_op())
    return [{"after": after}, {"_group": g}, {"read": v.read_value()}]


def get_variable_initializers(tf):
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", [2, 3], initializer=tf.constant_initializer(0.5))
        z = tf.get_variable("z", [3], initializer=tf.zeros_initializer())
        o = tf.get_variable("o", [2], dtype=tf.int32, initializer=tf.ones_initializer())
        lst = tf.get_variable("lst", [2, 2], initializer=tf.constant_initializer([1.0, 2.0, 3.0, 4.0]))
        val = tf.get_variable("val", initializer=tf.constant(I_3x4))
    with tf.variable_scope("layer", reuse=True):
        w_again = tf.get_variable("w")
    upd = w_again.assign(w * 3.0)
    return [{"w": w.read_value(), "z": z.read_value(), "o": o.read_value(), "lst": lst.read_value(),
             "val": val.read_value()}, {"upd": upd}, {"w_after": w.read_value()}]


def resource_variable_and_feed(tf):
    w = tf.Variable(tf.constant(W_3x2), use_resource=True, name="w")
    b = tf.get_variable("b", initializer=tf.constant(B_2), use_resource=True)
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.matmul(x, w) + b
    step = w.assign_sub(0.1 * tf.ones_like(w))
    feeds = {x: BATCH_FEED_5x3}
    return [({"y0": y}, feeds), {"step": step}, ({"y1": y}, lambda: {x: BATCH_FEED_5x3[:2]})]


def placeholder_with_default_and_feeds(tf):
    d = tf.placeholder_with_default(tf.constant(A_3x4), [3, 4])
    f64 = tf.placeholder(tf.float64, [3, 4])
    return [{"default": d * 2.0}, ({"fed": d * 2.0, "f64": f64 * 2.0}, {d: B_3x4, f64: F64_3x4})]


# ----- edge values: overflow, special floats, empty tensors --------------------------------------

def integer_overflow_wraps(tf):
    x = tf.constant(INT_EDGE)
    u = tf.constant(np.array([200, 100, 0, 255], np.uint8))
    return {"add_wrap": x + 1, "sub_wrap": x - 2, "mul_wrap": x * 3, "neg_min": -x, "abs_min": tf.abs(x),
            "square_wrap": tf.square(x), "sum_wrap": tf.reduce_sum(x), "u8_add_wrap": u + tf.constant(np.uint8(100)),
            "u8_sub_wrap": u - tf.constant(np.uint8(201)), "u8_mul_wrap": u * u}


def cast_integer_narrowing(tf):
    big = tf.constant(I64_BIG)
    i = tf.constant(INT_EDGE)
    return {"i64_to_i32": tf.cast(big, tf.int32), "i64_to_u8": tf.cast(big, tf.uint8),
            "i32_to_u8": tf.cast(i, tf.uint8),
            "i32_to_i64": tf.cast(i, tf.int64), "i32_to_bool": tf.cast(i, tf.bool),
            "i32_to_f32": tf.cast(i, tf.float32),
            "i64_to_f64": tf.cast(big, tf.float64), "f64_to_f32": tf.cast(tf.constant(F64_3x4 / 3.0), tf.float32),
            "bool_to_f64": tf.cast(tf.constant(np.array([True, False])), tf.float64)}


def special_float_values(tf):
    x, y = tf.constant(SPECIAL), tf.constant(SPECIAL_Y)
    return {"div": x / y, "floordiv": tf.floordiv(x, y), "floormod": tf.floormod(x, y), "log": tf.log(x),
            "log1p": tf.log1p(x - 1.0), "sqrt": tf.sqrt(x), "rsqrt": tf.rsqrt(x), "exp": tf.exp(x), "pow": tf.pow(x, y),
            "sigmoid": tf.sigmoid(x), "tanh": tf.tanh(x), "relu": tf.nn.relu(x), "elu": tf.nn.elu(x),
            "softplus": tf.nn.softplus(x), "equal_self": tf.equal(x, x), "less": x < y,
            "cast_bool": tf.cast(x, tf.bool),
            "square": tf.square(x), "abs": tf.abs(x), "neg": -x}


def nan_propagation(tf):
    x = tf.constant(np.array([np.nan, 1.0, -1.0, np.nan], np.float32))
    y = tf.constant(np.array([1.0, np.nan, np.nan, np.nan], np.float32))
    m = tf.constant(np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]], np.float32))
    return {"maximum": tf.maximum(x, y), "minimum": tf.minimum(x, y), "sum": tf.reduce_sum(m, 1),
            "mean": tf.reduce_mean(m, 1), "prod": tf.reduce_prod(m, 1), "relu6": tf.nn.relu6(x)}
    # (no softmax of NaN: TensorFlow's own answer differs between its runtime kernel and its
    # constant folding)


def empty_tensors(tf):
    e = tf.constant(EMPTY_0x3)
    a = tf.constant(A_3x4)
    return {"sum0": tf.reduce_sum(e, 0), "sum1": tf.reduce_sum(e, 1), "prod0": tf.reduce_prod(e, 0),
            "mean0": tf.reduce_mean(e, 0), "max0": tf.reduce_max(e, 0), "min0": tf.reduce_min(e, 0),
            "int_max0": tf.reduce_max(tf.cast(e, tf.int32), 0), "add": e + 1.0, "concat": tf.concat([e, a[:, :3]], 0),
            "matmul_m0": tf.matmul(e, a[:, :2]), "matmul_k0": tf.matmul(tf.transpose(e), e),
            "tile0": tf.tile(a, [0, 2]), "slice_empty": a[2:1], "reshape": tf.reshape(e, [-1, 3, 1]),
            "shape": tf.shape(e), "size": tf.size(e), "zeros_like": tf.zeros_like(e)}


def scalars_and_rank0(tf):
    s = tf.constant(np.float32(2.5))
    return {"expand": tf.expand_dims(s, 0), "reshape": tf.reshape(s, [1, 1]), "new": s[None], "ell": s[...],
            "sum": tf.reduce_sum(s), "transpose": tf.transpose(s), "stack": tf.stack([s, s * 2.0]),
            "squeeze": tf.squeeze(tf.constant(np.array([7.0], np.float32))), "size": tf.size(s),
            "bcast": s + tf.constant(A_3x4), "tile": tf.tile(tf.reshape(s, [1]), [3])}


def float16_ops(tf):
    h = tf.constant(F16_3x4)
    return {"add": h + h, "mul": h * 0.5, "relu": tf.nn.relu(h), "cast_up": tf.cast(h, tf.float32),
            "cast_down": tf.cast(tf.constant(A_3x4 * 3.0), tf.float16), "neg": -h, "max": tf.reduce_max(h, 1),
            "square": tf.square(h), "argmax": tf.argmax(h, 1)}


def feed_conversions(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    n = tf.placeholder(tf.int32, [None])
    b = tf.placeholder(tf.bool, [2])
    return [({"f64_into_f32": x * 1.0}, {x: F64_FEED_2x3}),
            ({"list_into_f32": x + 0.0, "list_into_i32": n * 2, "bool": tf.logical_not(b)},
             {x: [[1, 2, 3], [4, 5, 6]], n: [1, 2, 3], b: [True, False]}),
            ({"scalar_shape_feed": n + 1}, {n: np.array([7], np.int64)})]


def feed_float_into_int_placeholder(tf):
    n = tf.placeholder(tf.int32, [3])
    return {"truncated": n * 1}, {n: np.array([1.7, -2.5, 3.0])}


def fetch_by_name_print_and_assert(tf):
    x = tf.constant(A_3x4, name="x_const")
    p = tf.Print(x, [tf.reduce_sum(x)], message="golden: ")
    check = tf.Assert(tf.less(tf.reduce_max(-x), 2.0), [x])
    with tf.control_dependencies([check]):
        checked = tf.identity(x * 2.0)
    return {"by_name": "x_const:0", "print": p + 1.0, "checked": checked, "_check": check}


def reductions_with_fed_axes(tf):
    x = tf.constant(X_4x5x6)
    ax = tf.placeholder(tf.int32, [None])
    return [({"sum_fed_axes": tf.reduce_sum(x, ax), "max_fed_axes_keep": tf.reduce_max(x, ax, keepdims=True)},
             {ax: np.array([0, 2], np.int32)}),
            ({"mean_fed_neg": tf.reduce_mean(x, ax)}, {ax: np.array([-1], np.int32)})]


def unknown_rank_placeholder(tf):
    x = tf.placeholder(tf.float32, None)
    return {"shape": tf.shape(x), "rank": tf.rank(x), "size": tf.size(x), "sum_axes": tf.reduce_sum(x, [0, 2]),
            "mul": x * 2.0, "transpose_perm": tf.transpose(x, [2, 0, 1]), "getitem": x[1, ..., ::-1],
            "reshape": tf.reshape(x, [-1, 4])}, {x: X_2x3x4}


def more_slicing_edges(tf):
    x = tf.constant(X_4x5x6)
    v = tf.constant(np.arange(10, dtype=np.int32))
    return {"neg_idx_rev": x[-1, ::-1], "rev_to": v[:2:-1], "rev_from": v[6::-2], "pos_empty": v[5:2],
            "neg_empty": v[2:5:-1], "step3": v[::3], "neg_both": v[-2:-8:-2], "ell_new_shrink": x[..., None, 0],
            "multi_new": x[None, :, None, 1, None], "int_last_dims": x[:, 1, 2]}


def where_scalar_and_cond_branches(tf):
    x, y = tf.constant(A_3x4), tf.constant(B_3x4)
    s = tf.where(tf.constant(True), x, y)
    return {"where_scalar": s, "where_scalar_f": tf.where(tf.constant(False), x, y),
            "softmax_rank1": tf.nn.softmax(tf.constant(LOGITS_4x5[0])),
            "softmax_single_class": tf.nn.softmax(tf.constant(LOGITS_4x5[:, :1])),
            "log_softmax_neg_inf": tf.nn.log_softmax(tf.constant(np.array([-np.inf, 0.0, 1.0], np.float32))),
            "softmax_neg_inf": tf.nn.softmax(tf.constant(np.array([-np.inf, 0.0, 1.0], np.float32)))}


def pooling_kernel_larger_than_input(tf):
    x = tf.constant(POOL_1x5x5x2[:, :3, :3, :])
    return {"max_same_k5": tf.nn.max_pool(x, [1, 5, 5, 1], [1, 1, 1, 1], "SAME"),
            "avg_same_k5": tf.nn.avg_pool(x, [1, 5, 5, 1], [1, 1, 1, 1], "SAME"),
            "avg_same_k4_s3": tf.nn.avg_pool(x, [1, 4, 4, 1], [1, 3, 3, 1], "SAME"),
            "conv_same_k5": tf.nn.conv2d(x, tf.constant(K_5x5x2x2), [1, 1, 1, 1], "SAME"),
            "conv_valid_full": tf.nn.conv2d(x, tf.constant(K_5x5x2x2[1:4, 1:4]), [1, 2, 2, 1], "VALID")}


def bias_add_int_and_conv_nchw(tf):
    return {"int": tf.nn.bias_add(tf.constant(I_3x4), tf.constant(I_4)),
            "conv_nchw": tf.nn.conv2d(tf.constant(np.transpose(IMG_1x7x7x2, [0, 3, 1, 2]).copy()),
                                      tf.constant(K_3x3x2x3), [1, 1, 2, 2], "SAME", data_format="NCHW")}


def cond_with_side_effects(tf):
    v = tf.Variable(0, name="hits")
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: tf.assign_add(v, 1), lambda: tf.identity(v.read_value()))
    return [({"r1": out}, {p: True}), ({"r2": out}, {p: True}), ({"r3": out}, {p: False}),
            {"final": v.read_value()}]


def variable_update_from_itself(tf):
    v = tf.Variable(tf.constant(np.array([1.0, -2.0, 3.0], np.float32)), name="v")
    w = tf.Variable(1.5, dtype=tf.float64, name="w")
    double = tf.assign(v, v * 2.0)
    lst = tf.Variable([[1, 2], [3, 4]], name="lst")
    return [{"d1": double}, {"d2": double}, {"w_plus": w + 1.0, "init_flag": tf.is_variable_initialized(v)},
            {"lst_t": tf.transpose(lst), "v_end": v.read_value()}]


def small_int_dtypes(tf):
    a, b = tf.constant(I8_6), tf.constant(I8_6B)
    h = tf.constant(I16_6)
    u, w = tf.constant(U8_6), tf.constant(U8_6B)
    return {"i8_add": a + b, "i8_mul": a * b, "i8_floordiv": a // b, "i8_mod": a % b, "i8_max": tf.maximum(a, b),
            "i8_abs": tf.abs(a), "i8_neg": -a, "i16_mul": h * 3, "i16_sub": h - tf.constant(I16_6[::-1].copy()),
            "u8_floordiv": u // w, "u8_mod": u % w, "u8_less": u < w, "u8_argmax": tf.argmax(u),
            "i8_to_f": tf.cast(a, tf.float32), "u8_sum": tf.reduce_sum(u), "u8_max": tf.reduce_max(w)}


def relu_on_integers(tf):
    x = tf.constant(I_3x4)
    return {"relu": tf.nn.relu(x), "relu6": tf.nn.relu6(x * 2), "relu_i64": tf.nn.relu(tf.constant(I64_BIG))}


def constant_integer_width_inference(tf):
    # Python ints take int32 when every value fits in int32 (-2**31 included), else int64.
    return {"min_int32": tf.constant(-2**31), "min_int32_list": tf.constant([-2**31, 5]),
            "max_int32": tf.constant(2**31 - 1), "over_int32": tf.constant(2**31), "big_list": tf.constant([1, 2**40]),
            "empty": tf.constant([]), "empty_2d": tf.constant([[], []]), "neg_min_plus": tf.constant(-2**31) + 1}


def numpy_operands(tf):
    x = tf.constant(A_3x4)
    return {"ndarray_left": B_3x4 + x, "ndarray_right": x * B_3x4, "np_scalar_left": np.float32(2.0) * x,
            "np_f64_scalar": x + np.float64(1.5), "list_right": tf.add(x, [1.0, 2.0, 3.0, 4.0]),
            "ndarray_sub_left": B_3x4 - x, "ndarray_cmp": x < B_3x4}


def cond_singleton_list_unpacked(tf):
    # TF1's non-strict tf.cond returns the tensor itself when both branches return a one-element list.
    x, y = tf.constant(A_3x4), tf.constant(B_3x4)
    single = tf.cond(tf.constant(True), lambda: [x], lambda: [y])
    return {"single": single}


def cond_shapes_and_structures(tf):
    x = tf.constant(A_3x4)
    p = tf.placeholder(tf.bool, [])
    varying = tf.cond(p, lambda: x[:2], lambda: x)
    nested = tf.cond(p, lambda: (x[0], {"k": tf.reduce_sum(x), "t": (tf.constant(1), x * 0.5)}),
                     lambda: (x[1], {"k": tf.reduce_min(x), "t": (tf.constant(2), x * -0.5)}))
    strict = tf.cond(p, lambda: [x], lambda: [x + 1.0], strict=True)[0]
    return [({"varying_t": varying, "varying_t_rows": tf.shape(varying)[0], "nested_t0": nested[0],
              "nested_tk": nested[1]["k"], "nested_t1": nested[1]["t"][0], "nested_t2": nested[1]["t"][1],
              "strict_t": strict}, {p: True}),
            ({"varying_f": varying, "varying_f_rows": tf.shape(varying)[0], "nested_f0": nested[0],
              "nested_fk": nested[1]["k"], "strict_f": strict}, {p: False})]


def while_loop_nested_structures_and_zero_trips(tf):
    def body(i, state):
        return i + 1, {"a": state["a"] * 2.0, "b": (state["b"][0] + i, state["b"][1] - 1)}
    i, state = tf.while_loop(lambda i, state: i < 4, body,
                             (tf.constant(0), {"a": tf.constant(A_3x4[0]), "b": (tf.constant(10), tf.constant(0.5))}))
    zero = tf.while_loop(lambda x: x > 100.0, lambda x: x * 2.0, [tf.constant(3.0)])
    same = tf.while_loop(lambda k, v: k < 3, lambda k, v: (k + 1, v + 1), [tf.constant(0), tf.constant(I_4)],
                         parallel_iterations=1, back_prop=False)
    return {"i": i, "a": state["a"], "b0": state["b"][0], "b1": state["b"][1], "zero_trips": zero, "same": same[1]}


def while_loop_with_side_effects(tf):
    v = tf.Variable(0, name="total")

    def body(i):
        with tf.control_dependencies([tf.assign_add(v, i)]):
            return i + 1
    done = tf.while_loop(lambda i: i < 5, body, [tf.constant(0)])
    return [{"done": done}, {"total": v.read_value()}]


def dynamic_shape_arguments(tf):
    x = tf.constant(X_2x3x4)
    shape = tf.placeholder(tf.int32, [None])
    mult = tf.placeholder(tf.int32, [3])
    perm = tf.placeholder(tf.int32, [3])
    axis = tf.placeholder(tf.int32, [])
    begin = tf.placeholder(tf.int32, [3])
    depth = tf.placeholder(tf.int32, [])
    feeds = {shape: np.array([4, -1], np.int32), mult: np.array([1, 2, 1], np.int32),
             perm: np.array([2, 0, 1], np.int32), axis: np.int32(1), begin: np.array([1, 0, 2], np.int32),
             depth: np.int32(4)}
    return {"reshape": tf.reshape(x, shape), "tile": tf.tile(x, mult), "transpose": tf.transpose(x, perm),
            "expand": tf.expand_dims(x, axis), "concat": tf.concat([x, x], axis), "argmax": tf.argmax(x, axis),
            "slice": tf.slice(x, begin, [1, -1, 2]), "strided": tf.strided_slice(x, begin, begin + 2),
            "one_hot": tf.one_hot(tf.constant(SMALL_I_3x4), depth), "fill": tf.fill(tf.stack([axis, 3]), 2.5),
            "reduce": tf.reduce_sum(x, axis), "stack": tf.stack([x[0], x[1]], axis=1),
            "zeros": tf.zeros(tf.shape(x)[1:]), "ones": tf.ones(tf.stack([axis + 1, 2]), tf.int32)}, feeds


def feeding_non_placeholders(tf):
    c = tf.constant(A_3x4)
    mid = c * 3.0
    out = mid + 1.0
    return [{"unfed": out}, ({"fed_mid": out}, {mid: B_3x4}), ({"fed_const": out * 1.0, "fed_twice": out},
                                                             lambda: {c: B_3x4})]


def fetch_structures(tf):
    a, b = tf.constant(A_3x4), tf.constant(B_3x4)
    t = tf.tuple([a * 2.0, b * 2.0])
    return {"pair": (a, b), "same_twice_1": a + b, "same_twice_2": a + b, "tuple0": t[0], "tuple1": t[1],
            "list": [tf.reduce_sum(a), tf.reduce_sum(b)]}


def string_dtypes_and_shape_objects(tf):
    x = tf.constant(X_2x3x4)
    return {"cast_str_dtype": tf.cast(x, "int32"), "zeros_str": tf.zeros([2], "float64"),
            "reshape_by_shape": tf.reshape(tf.reshape(x, [-1]), x.shape), "static_dims": tf.constant(x.shape.as_list()),
            "get_shape_dim": tf.fill([x.get_shape()[1]], 1.0), "ones_bool": tf.ones([2, 3], tf.bool),
            "zeros_like_bool": tf.zeros_like(x, dtype=tf.bool), "one_hot_bool": tf.one_hot([0, 2], 3, True, False)}


def reductions_more(tf):
    x = tf.constant(X_4x5x6)
    i64 = tf.constant(I64_2x3)
    return {"sum_all_keep": tf.reduce_sum(x, keepdims=True), "max_all_keep": tf.reduce_max(x, keep_dims=True),
            "argmax_default_axis": tf.argmax(x), "argmin_1d": tf.argmin(tf.constant(I_4)),
            "argmin_i64": tf.argmin(i64, 1), "sum_i64": tf.reduce_sum(i64, 0),
            "prod_f64": tf.reduce_prod(tf.constant(F64_3x4), 0),
            "mean_f64": tf.reduce_mean(tf.constant(F64_3x4)), "sum_axis_tuple": tf.reduce_sum(x, (0, 1)),
            "sum_dup_neg": tf.reduce_sum(x, [2, -2])}


def conv_and_pool_even_kernels(tf):
    x = tf.constant(IMG_1x7x7x2)
    return {"k2_same_s1": tf.nn.conv2d(x, tf.constant(K_2x2x2x3), [1, 1, 1, 1], "SAME"),
            "k2_same_s2": tf.nn.conv2d(x, tf.constant(K_2x2x2x3), [1, 2, 2, 1], "SAME"),
            "k4_same_s3": tf.nn.conv2d(x, tf.constant(K_4x4x2x1), [1, 3, 3, 1], "SAME"),
            "k4_valid_s2": tf.nn.conv2d(x, tf.constant(K_4x4x2x1), [1, 2, 2, 1], "VALID"),
            "int_stride": tf.nn.conv2d(x, tf.constant(K_2x2x2x3), 2, "SAME"),
            "max_k4_s3_same": tf.nn.max_pool(x, [1, 4, 4, 1], [1, 3, 3, 1], "SAME"),
            "avg_k2_s3_valid": tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 3, 3, 1], "VALID"),
            "max_k1_s2_same": tf.nn.max_pool(x, [1, 1, 1, 1], [1, 2, 2, 1], "SAME"),
            "max_pool2d_list2": tf.nn.max_pool2d(x, [3, 2], [2, 3], "VALID")}


def nn_more(tf):
    return {"bias_add_nchw_rank3": tf.nn.bias_add(tf.constant(NCW_2x5x3), tf.constant(BIAS_5), data_format="NCHW"),
            "bias_add_list": tf.nn.bias_add(tf.constant(A_3x4), [1.0, 2.0, 3.0, 4.0]),
            "softmax_f64": tf.nn.softmax(tf.constant(F64_3x4)),
            "log_softmax_f64": tf.nn.log_softmax(tf.constant(F64_3x4)),
            "sigmoid_f64": tf.sigmoid(tf.constant(F64_3x4 * 20.0)),
            "xent_unnormalized": tf.nn.softmax_cross_entropy_with_logits_v2(
                labels=tf.constant(LABELS_4x5 * 3.0), logits=tf.constant(LOGITS_4x5)),
            "xent_f64": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x5.astype(np.float64)),
                                                                   logits=tf.constant(LOGITS_4x5.astype(np.float64))),
            "sparse_big": tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf.constant(BIG_SPARSE_LABELS_4.astype(np.int64)), logits=tf.constant(BIG_LOGITS_4x6))}


def variable_initializers_and_collections(tf):
    w = tf.Variable(tf.constant(W_3x2), name="w")
    w2 = tf.Variable(w.initialized_value() * 2.0, name="w2")
    local = tf.Variable(5, name="local", trainable=False, collections=[tf.GraphKeys.LOCAL_VARIABLES])
    frozen = tf.get_variable("frozen", [2], initializer=tf.ones_initializer(), trainable=False)
    no_read = w.assign(tf.constant(W_3x2) + 1.0, read_value=False)
    return [{"w2": w2.read_value(), "n_global": tf.constant(len(tf.global_variables())),
             "n_trainable": tf.constant(len(tf.trainable_variables())),
             "n_local": tf.constant(len(tf.local_variables())), "frozen": frozen.read_value()},
            {"_local_init": tf.local_variables_initializer()},
            {"local": local.read_value(), "_no_read": no_read},
            {"w_after": w.read_value(), "_reinit": tf.variables_initializer([w2])},
            {"w2_after_reinit": w2.read_value()}]


def variable_validate_shape_false(tf):
    v = tf.Variable(tf.zeros([2]), validate_shape=False, name="v")
    grow = tf.assign(v, tf.ones([3]) * 4.0, validate_shape=False)
    return [{"before": v.read_value()}, {"_grow": grow}, {"after": v.read_value()}]


def unknown_rank_reduce_all_axes(tf):
    x = tf.placeholder(tf.float32, None)
    return {"sum_all": tf.reduce_sum(x), "mean_all": tf.reduce_mean(x), "max_all": tf.reduce_max(x)}, {x: X_2x3x4}


def unknown_rank_transpose(tf):
    x = tf.placeholder(tf.float32, None)
    return {"transpose": tf.transpose(x)}, {x: X_2x3x4}


def cast_more(tf):
    f = tf.constant(np.array([2.7, 255.9, 0.2, 100.5], np.float32))
    h = tf.constant(np.array([2.7, -3.9, 0.5, 65504.0], np.float16))
    return {"f_to_u8": tf.cast(f, tf.uint8), "h_to_i32": tf.cast(h, tf.int32), "h_to_f64": tf.cast(h, tf.float64),
            "big_to_h": tf.cast(tf.constant(np.array([70000.0, -70000.0, 1e-8, 0.1], np.float32)), tf.float16),
            "bool_to_i8": tf.cast(tf.constant(np.array([True, False])), tf.int8),
            "i8_to_i64": tf.cast(tf.constant(I8_6), tf.int64), "u8_to_i8": tf.cast(tf.constant(U8_6B), tf.int8),
            "i16_to_h": tf.cast(tf.constant(I16_6), tf.float16)}


def truediv_small_ints_and_int64(tf):
    a, b = tf.constant(I8_6), tf.constant(I8_6B)
    return {"i8": a / b, "u8": tf.truediv(tf.constant(U8_6), tf.constant(U8_6B)), "i16": tf.constant(I16_6) / 7,
            "i64": tf.constant(I64_2x3) / tf.constant(np.array([[3, -7, 11], [13, -2, 5]], np.int64)),
            "i64_floormod": tf.floormod(tf.constant(I64_2x3), tf.constant(np.int64(-1000003))),
            "i64_pow": tf.pow(tf.constant(np.array([2, -3], np.int64)), tf.constant(np.array([40, 21], np.int64))),
            "i32_pow_wrap": tf.pow(tf.constant(np.array([2, 3], np.int32)), tf.constant(np.array([40, 25], np.int32)))}


def int64_index_arguments(tf):
    x = tf.constant(X_4x5x6)
    i = tf.placeholder(tf.int64, [])
    return ({"reshape": tf.reshape(x, tf.constant(np.array([-1, 6], np.int64))),
             "tile": tf.tile(tf.constant(I_4), tf.constant(np.array([2], np.int64))),
             "fill": tf.fill(tf.constant(np.array([2, 2], np.int64)), 1.5),
             "slice": tf.slice(x, tf.constant(np.array([1, 1, 1], np.int64)),
                               tf.constant(np.array([2, -1, 2], np.int64))),
             "strided": tf.strided_slice(x, tf.constant(np.array([0, 4], np.int64)),
                                         tf.constant(np.array([4, 0], np.int64)),
                                         tf.constant(np.array([2, -2], np.int64))),
             "getitem": x[i], "getitem_range": x[i:, i],
             "transpose": tf.transpose(x, tf.constant(np.array([1, 0, 2], np.int64))),
             "expand": tf.expand_dims(x, tf.constant(np.int64(-4))),
             "reduce": tf.reduce_sum(x, tf.constant(np.array([1], np.int64))),
             "argmax": tf.argmax(x, tf.constant(np.int64(2))),
             "one_hot": tf.one_hot(tf.constant(np.array([0, 5, 2], np.uint8)), 3),
             "concat": tf.concat([x, x], tf.constant(np.int64(-3))), "unstack_neg": tf.unstack(x, axis=-1)[5],
             "stack_neg": tf.stack([x, x], axis=-2), "expand_neg": tf.expand_dims(x, -3)},
            {i: np.int64(2)})


def nested_while_loops(tf):
    def outer_body(i, total):
        inner = tf.while_loop(lambda j, acc: j < i, lambda j, acc: (j + 1, acc + j * i), [tf.constant(0), total])
        return i + 1, inner[1]
    _, total = tf.while_loop(lambda i, t: i < 5, outer_body, [tf.constant(0), tf.constant(0)])
    m = tf.constant(MAT_A_3x4[:, :3])
    _, x = tf.while_loop(lambda k, x: k < 3, lambda k, x: (k + 1, tf.nn.relu(tf.matmul(m, x)) + 0.1),
                         [tf.constant(0), tf.constant(W_3x2)])
    return {"total": total, "x": x}


def variable_scopes_and_reuse(tf):
    with tf.variable_scope("s", initializer=tf.constant_initializer(3.0)):
        a = tf.get_variable("a", [2])
        arr = tf.get_variable("arr", initializer=np.array([1.5, 2.5], np.float32))
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        a_again = tf.get_variable("a", [2])
        fresh = tf.get_variable("fresh", [1], initializer=tf.zeros_initializer())
    with tf.variable_scope("counter"):
        n = tf.get_variable("n", [], dtype=tf.int64, initializer=tf.zeros_initializer())
    bump = a_again.assign_add([1.0, 2.0])
    count = tf.assign_add(n, tf.constant(np.int64(7)))
    return [{"a": a.read_value(), "arr": arr.read_value(), "fresh": fresh.read_value()},
            {"bump": bump, "count1": count}, {"a_after": a.read_value(), "count2": count,
                                             "same_var": tf.constant(a is a_again)}]


def float16_precision(tf):
    # TensorFlow computes these in half precision (its float16 reductions and softmax accumulate in
    # float16); a float32 computation rounded to float16 at the end differs by a few float16 ulps.
    h = tf.constant(F16_LONG_3000)
    small = tf.constant(np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]], np.float16))
    return {"sum": tf.reduce_sum(h), "mean": tf.reduce_mean(h), "softmax": tf.nn.softmax(small),
            "log_softmax": tf.nn.log_softmax(small), "sigmoid": tf.sigmoid(small), "exp": tf.exp(small),
            "matmul": tf.matmul(small, small, transpose_b=True)}


def _shape_code(t) -> np.ndarray:
    """A tensor's static shape as an int32 array: -1 for an unknown dim, [-2] for an unknown rank."""
    if t.shape.ndims is None:
        return np.array([-2], np.int32)
    return np.array([-1 if d is None else d for d in t.shape.as_list()], np.int32)


def static_shape_inference(tf):
    """Static shapes (what `t.shape` says at graph-building time) of ops on partly known inputs."""
    x = tf.placeholder(tf.float32, [None, 3])
    img = tf.placeholder(tf.float32, [None, 7, None, 2])
    u = tf.placeholder(tf.float32, None)
    n = tf.placeholder(tf.int32, [])
    lab = tf.placeholder(tf.int32, [None])
    k = tf.constant(K_3x3x2x3)
    tensors = {
        "reduce0": tf.reduce_sum(x, 0), "reduce_keep": tf.reduce_sum(x, 1, keepdims=True), "slice_rows": x[1:],
        "newaxis": x[:, None], "shrink": x[1], "rev": x[..., ::-1], "reshape3": tf.reshape(x, [-1, 1, 3]),
        "reshape_first": tf.reshape(x, [3, -1]), "concat0": tf.concat([x, x], 0), "concat1": tf.concat([x, x], 1),
        "matmul": tf.matmul(x, tf.ones([3, 2])), "tile": tf.tile(x, [2, 1]), "transpose": tf.transpose(x),
        "expand": tf.expand_dims(x, 1), "one_hot": tf.one_hot(lab, 4), "shape": tf.shape(x),
        "conv_same": tf.nn.conv2d(img, k, [1, 2, 2, 1], "SAME"), "conv_valid": tf.nn.conv2d(img, k, [1, 1, 1, 1],
        "VALID"),
        "max_pool": tf.nn.max_pool(img, [1, 3, 3, 1], [1, 2, 2, 1], "VALID"),
        "avg_pool": tf.nn.avg_pool(img, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"), "fill_shape": tf.fill(tf.shape(x), 1.0),
        "fill_n": tf.fill([n, 2], 1.0), "zeros_like": tf.zeros_like(x), "zeros_n": tf.zeros([n, 3]),
        "ones_stack": tf.ones(tf.stack([n, n])),
        "xent": tf.nn.softmax_cross_entropy_with_logits_v2(labels=x, logits=x),
        "sparse_xent": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=x), "index_n": x[n],
        "from_n": x[n:], "col_n": x[:, n], "stack1": tf.stack([x, x], 1), "unstack1": tf.unstack(x, axis=1)[0],
        "squeeze": tf.squeeze(tf.expand_dims(x, 2), [2]), "tf_slice": tf.slice(x, [1, 0], [2, -1]),
        "tf_slice_rest": tf.slice(x, [1, 1], [-1, 1]), "strided": tf.strided_slice(x, [0, 0], [2, 2]),
        "reshape_stack": tf.reshape(x, tf.stack([n, 3])), "reshape_n": tf.reshape(x, [n, -1]),
        "where": tf.where(x > 0, x, x), "bcast_row": x + tf.ones([1, 3]), "bcast_3d": tf.ones([4, 1, 1]) + x,
        "reduce_unknown_rank": tf.reduce_sum(u, [0]), "bcast_unknown_rank": u + x, "argmax": tf.argmax(x, 1),
        "bias_add": tf.nn.bias_add(x, tf.ones([3])), "shape_unknown_rank": tf.shape(u), "cast": tf.cast(x, tf.int32),
        "l2_loss": tf.nn.l2_loss(x), "transpose_img": tf.transpose(img, [0, 3, 1, 2]),
        "reshape_img": tf.reshape(img, [-1, 14]), "flatten": tf.reshape(x, [-1]), "size": tf.size(x),
        "rank": tf.rank(u),
        "tile_n": tf.tile(x, tf.stack([n, 1])), "reduce_n": tf.reduce_sum(x, n), "concat_n": tf.concat([x, x], n),
        "batch_matmul": tf.matmul(tf.ones([2, 4, 3]), tf.ones([3, 5])),
        "batch_matmul_unknown": tf.matmul(tf.placeholder(tf.float32, [None, None, 3]), tf.ones([7, 3, 5])),
        "one_hot_n": tf.one_hot(lab, n), "one_hot_axis0": tf.one_hot(lab, 3, axis=0),
        "softmax0": tf.nn.softmax(x, axis=0),
        "vec_from2": lab[2:], "vec_step2": lab[::2], "cond_varying": tf.cond(n > 0, lambda: x, lambda: x[:, :2]),
        "cond_rows": tf.cond(n > 0, lambda: x[:1], lambda: x[:2]),
        "while_invariant": tf.while_loop(lambda a: tf.shape(a)[0] < 10, lambda a: tf.concat([a, a], 0), [x],
                                         shape_invariants=[tf.TensorShape([None, 3])]),
        "mean_img": tf.reduce_mean(img, [1, 2]), "identity_unknown": tf.identity(u), "pow": tf.pow(x, 2.0),
    }
    return {name: tf.constant(_shape_code(t)) for name, t in tensors.items()}


def placeholder_with_default_fed_other_shape(tf):
    # `shape` ([None, 3]) is the tensor's static shape, not the default's ([2, 3]): a [5, 3] feed is fine.
    d = tf.placeholder_with_default(tf.ones([2, 3]), [None, 3])
    return [{"default_sum": tf.reduce_sum(d, 0), "default_rows": tf.shape(d)[0],
             "static_shape": tf.constant(_shape_code(d))},
            ({"fed_sum": tf.reduce_sum(d, 0), "fed_rows": tf.shape(d)[0]}, {d: BATCH_FEED_5x3})]


def constant_list_padded_to_shape(tf):
    # TF1's tf.constant (compat.v1, verify_shape=False) fills the rest of `shape` with the last
    # element of a list that is too short.
    return {"padded": tf.constant([1, 2], shape=[2, 3]), "padded_f": tf.constant([0.5, 1.5, 2.5], shape=[5]),
            "reshaped": tf.constant([[1, 2, 3]], shape=[3, 1])}


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

INPUTS = {name: value for name, value in list(globals().items())
          if name[:1].isupper() and isinstance(value, np.ndarray)}


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
