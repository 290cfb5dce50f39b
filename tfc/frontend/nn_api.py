"""TF1's matrix product and `tf.nn` layers: `tf.matmul`, `tf.nn.conv2d`, `tf.nn.softmax`, ...

Each function has TensorFlow 1.x's signature, converts Python values to tensors named after the
op's parameters inside the op's name scope (`MatMul/a`), and names the op as TensorFlow does
(`MatMul`, `MatMul_1`; the losses inside their own scope). `NN` lists the names of `tf.nn`.
"""

from __future__ import annotations

import collections.abc

from tfc.dialects.tf import conv_ops, nn_ops
from tfc.dialects.tf.core_ops import StopGradientOp
from tfc.frontend import dtypes as D
from tfc.frontend.framework import build, convert_to_tensor, is_tensor_like, output
from tfc.frontend.graph import Tensor
from tfc.frontend.state_api import name_scope

__all__ = ["matmul"]

NN = ["bias_add", "conv2d", "max_pool", "max_pool2d", "avg_pool", "avg_pool2d", "softmax", "log_softmax",
      "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
      "sparse_softmax_cross_entropy_with_logits", "l2_loss", "xw_plus_b"]


# ----- helpers ------------------------------------------------------------------------------------

def _inputs(op_type: str, params) -> list:
    """Tensors for `params` [(value, parameter name)], which share one dtype as the op's `T`
    attribute: the first fixes it, the others convert to it; TypeError when a tensor differs."""
    tensors, first = [], None
    for value, param in params:
        if first is None:
            t = convert_to_tensor(value, name=param)
            first = (t, param)
        elif is_tensor_like(value):
            t = convert_to_tensor(value)
            if t.dtype != first[0].dtype:
                raise TypeError(f"Input '{param}' of '{op_type}' Op has type {t.dtype.name} that does not match "
                                f"type {first[0].dtype.name} of argument '{first[1]}'.")
        else:
            t = convert_to_tensor(value, dtype=first[0].dtype, name=param)
        tensors.append(t)
    return tensors


def _gen_op(op_class, op_type: str, name, params, attrs=None) -> Tensor:
    """An op as TensorFlow's generated wrappers make it: in scope `name` (default: the op type),
    Python inputs converted there and named after their parameters; the op takes the scope's name."""
    with name_scope(name, op_type, [v for v, _ in params]) as scope:
        tensors = _inputs(op_type, params)
        return output(op_class, tensors, scope or None, op_type, attrs)


def _lookup(new_name, new_value, old_name, old_value):
    """TF's deprecated_argument_lookup."""
    if new_value is not None:
        if old_value is not None:
            raise ValueError(f"Cannot specify both '{old_name}' and '{new_name}'")
        return new_value
    return old_value


def _get_sequence(value, n, channel_index, name) -> list:
    """A window attribute (strides, ksize, dilations) of length n + 2 from 1, n or n + 2 values."""
    if value is None:
        value = [1]
    elif not isinstance(value, collections.abc.Sized):
        value = [value]
    value = [int(v) for v in value]
    if len(value) == n + 2:
        return value
    if len(value) == 1:
        value = value * n
    elif len(value) != n:
        raise ValueError(f"{name} should be of length 1, {n} or {n + 2} but was {len(value)}")
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def _convert_padding(padding, expected_length=4):
    """`padding` as TF's (padding string, explicit_paddings)."""
    explicit = []
    if padding == "EXPLICIT":
        raise ValueError('"EXPLICIT" is not a valid value for `padding`. To use explicit padding, `padding` '
                         "must be a list.")
    if isinstance(padding, (list, tuple)):
        for dim in padding:
            if not isinstance(dim, (list, tuple)) or len(dim) != 2:
                raise ValueError(f"When `padding` is a list, each element of `padding` must be a list/tuple of "
                                 f"size 2. Received: padding={padding}")
            explicit.extend(int(p) for p in dim)
        if len(padding) != expected_length:
            raise ValueError(f"When padding is a list, it must be of size {expected_length}. Received: "
                             f"padding={padding} of size {len(padding)}")
        padding = "EXPLICIT"
    return padding, explicit


def _math_api():
    from tfc.frontend import math_api
    return math_api


def _array_api():
    from tfc.frontend import array_api
    return array_api


def _cast(x: Tensor, dtype: D.DType) -> Tensor:
    return x if x.dtype == dtype else _math_api().cast(x, dtype)


def _attrs(**values) -> dict:
    """The attributes that differ from the op's defaults (the IR prints only those)."""
    defaults = {"transpose_a": False, "transpose_b": False, "adj_x": False, "adj_y": False,
                "data_format": "NHWC", "use_cudnn_on_gpu": True, "explicit_paddings": [],
                "dilations": [1, 1, 1, 1]}
    return {k: v for k, v in values.items() if k not in defaults or v != defaults[k]}


# ----- matrix products ----------------------------------------------------------------------------

def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False, a_is_sparse=False,
           b_is_sparse=False, name=None) -> Tensor:
    """`a @ b` (MatMul for matrices, BatchMatMulV2 when either side has rank > 2 or an unknown rank)."""
    with name_scope(name, "MatMul", [a, b]) as scope:
        if transpose_a and adjoint_a:
            raise ValueError("Only one of transpose_a and adjoint_a can be True.")
        if transpose_b and adjoint_b:
            raise ValueError("Only one of transpose_b and adjoint_b can be True.")
        a, b = _inputs("MatMul", [(a, "a"), (b, "b")])
        # tfc has no complex dtypes, so an adjoint is a transpose
        ta, tb = bool(transpose_a or adjoint_a), bool(transpose_b or adjoint_b)
        rank_a, rank_b = a.shape.ndims, b.shape.ndims
        if not (a_is_sparse or b_is_sparse) and (rank_a is None or rank_a > 2 or rank_b is None or rank_b > 2):
            return output(nn_ops.BatchMatMulV2Op, [a, b], scope, "MatMul", _attrs(adj_x=ta, adj_y=tb))
        return output(nn_ops.MatMulOp, [a, b], scope, "MatMul", _attrs(transpose_a=ta, transpose_b=tb))


def bias_add(value, bias, data_format=None, name=None) -> Tensor:
    """`value + bias` along the channel dim ("NHWC": the last; "NCHW": dim 1)."""
    with name_scope(name, "BiasAdd", [value, bias]) as scope:
        if data_format is not None and data_format.startswith("NC"):
            data_format = "NCHW"
        elif data_format is not None and data_format.startswith("N") and data_format.endswith("C"):
            data_format = "NHWC"
        value = convert_to_tensor(value, name="input")
        bias = convert_to_tensor(bias, dtype=value.dtype, name="bias")
        return output(nn_ops.BiasAddOp, [value, bias], scope, "BiasAdd", _attrs(data_format=data_format or "NHWC"))


def xw_plus_b(x, weights, biases, name=None) -> Tensor:
    """`matmul(x, weights) + biases`."""
    with name_scope(name, "xw_plus_b", [x, weights, biases]) as scope:
        x = convert_to_tensor(x, name="x")
        weights = convert_to_tensor(weights, name="weights")
        biases = convert_to_tensor(biases, name="biases")
        return bias_add(matmul(x, weights), biases, name=scope)


# ----- convolution and pooling ----------------------------------------------------------------------

def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,  # noqa: A002 - TF's names
           data_format="NHWC", dilations=[1, 1, 1, 1], name=None, filters=None) -> Tensor:  # noqa: B006
    """2-D convolution; `padding` is "SAME", "VALID" or a list of 4 [before, after] pairs."""
    filter = _lookup("filters", filters, "filter", filter)  # noqa: A001
    padding, explicit = _convert_padding(padding)
    data_format = data_format or "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    strides = _get_sequence(strides, 2, channel_index, "strides")
    dilations = _get_sequence(dilations, 2, channel_index, "dilations")
    attrs = _attrs(strides=strides, use_cudnn_on_gpu=bool(use_cudnn_on_gpu), padding=padding,
                   explicit_paddings=explicit, data_format=data_format, dilations=dilations)
    return _gen_op(conv_ops.Conv2DOp, "Conv2D", name, [(input, "input"), (filter, "filter")], attrs)


def _pool(op_class, op_type, value, ksize, strides, padding, data_format, name) -> Tensor:
    with name_scope(name, op_type, [value]) as scope:
        data_format = data_format or "NHWC"
        channel_index = 1 if data_format.startswith("NC") else 3
        ksize = _get_sequence(ksize, 2, channel_index, "ksize")
        strides = _get_sequence(strides, 2, channel_index, "strides")
        if any(v == 0 for v in ksize):
            raise ValueError("ksize cannot be zero.")
        value = convert_to_tensor(value, name="input")
        attrs = _attrs(ksize=ksize, strides=strides, padding=padding, data_format=data_format)
        return output(op_class, [value], scope, op_type, attrs)


def max_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None) -> Tensor:  # noqa: A002
    """The maximum over each `ksize` window ("SAME" padding never wins)."""
    value = _lookup("input", input, "value", value)
    return _pool(conv_ops.MaxPoolOp, "MaxPool", value, ksize, strides, padding, data_format, name)


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None) -> Tensor:  # noqa: A002
    return _pool(conv_ops.MaxPoolOp, "MaxPool2d", input, ksize, strides, padding, data_format, name)


def avg_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None) -> Tensor:  # noqa: A002
    """The mean over each `ksize` window of the input elements it covers."""
    value = _lookup("input", input, "value", value)
    return _pool(conv_ops.AvgPoolOp, "AvgPool", value, ksize, strides, padding, data_format, name)


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None) -> Tensor:  # noqa: A002
    return _pool(conv_ops.AvgPoolOp, "AvgPool2D", input, ksize, strides, padding, data_format, name)


# ----- softmax ------------------------------------------------------------------------------------

def _softmax(op_class, op_type, logits, axis, name) -> Tensor:
    logits = convert_to_tensor(logits)
    rank = logits.shape.ndims
    if isinstance(axis, Tensor):
        from tfc.dialects.tf.base import constant_ints
        known = constant_ints(axis.value)
        if known is None or len(known) != 1:
            raise NotImplementedError("tfc: softmax needs a constant axis")
        axis = known[0]
    axis = int(axis)
    if axis == -1 or (rank is not None and axis == rank - 1):
        return output(op_class, [logits], name, op_type)
    if rank is None:
        raise NotImplementedError("tfc: softmax over an axis other than the last needs a known rank")
    if not -rank <= axis < rank:
        from tfc.errors import InvalidArgumentError
        raise InvalidArgumentError(f"Dimension ({axis}) must be in the range [{-rank}, {rank}) where {rank} is "
                                   f"the number of dimensions in the input.")
    axis %= rank
    perm = list(range(rank))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    transpose = _array_api().transpose
    result = output(op_class, [transpose(logits, perm)], None, op_type)
    return transpose(result, perm, name=name or "transpose")


def softmax(logits, axis=None, name=None, dim=None) -> Tensor:
    """`exp(logits) / reduce_sum(exp(logits), axis)`, computed stably."""
    axis = _lookup("axis", axis, "dim", dim)
    return _softmax(nn_ops.SoftmaxOp, "Softmax", logits, -1 if axis is None else axis, name)


def log_softmax(logits, axis=None, name=None, dim=None) -> Tensor:
    """`logits - log(reduce_sum(exp(logits), axis))`, computed stably."""
    axis = _lookup("axis", axis, "dim", dim)
    return _softmax(nn_ops.LogSoftmaxOp, "LogSoftmax", logits, -1 if axis is None else axis, name)


# ----- losses -------------------------------------------------------------------------------------

def _ensure_xent_args(name, sentinel, labels, logits) -> None:
    if sentinel is not None:
        raise ValueError(f"Only call `{name}` with named arguments (labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")


def _static_reshape(x: Tensor, dims, what: str) -> Tensor:
    """`reshape(x, dims)` where dims has at most one unknown (None) entry."""
    if sum(d is None for d in dims) > 1:
        raise NotImplementedError(f"tfc: {what} needs a static shape with at most one unknown dim, "
                                  f"got {list(dims)}")
    return _array_api().reshape(x, [-1 if d is None else int(d) for d in dims])


def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None) -> Tensor:
    """The cross entropy of `softmax(logits)` against the distributions `labels`, per example
    (the loss has the shape of `logits` without `axis`)."""
    axis = _lookup("axis", axis, "dim", dim)
    axis = -1 if axis is None else int(axis)
    with name_scope(name, "softmax_cross_entropy_with_logits", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels", dtype_hint=logits.dtype)
        precise = _cast(logits, D.float32) if logits.dtype in (D.float16, D.bfloat16) else logits
        labels = _cast(labels, precise.dtype)
        shape = logits.shape.as_list() if logits.shape.ndims is not None else None
        rank = None if shape is None else len(shape)
        if rank is None:
            raise NotImplementedError("tfc: softmax_cross_entropy_with_logits needs logits of a known rank")
        if rank == 0:
            raise ValueError(f"Logits cannot be scalars - received shape {logits.shape}.")
        axis_n = axis % rank if -rank <= axis < rank else None
        if axis_n is None:
            raise ValueError(f"axis {axis} is out of range for logits of rank {rank}")
        if axis_n != rank - 1:
            perm = [i for i in range(rank) if i != axis_n] + [axis_n]
            transpose = _array_api().transpose
            precise, labels = transpose(precise, perm), transpose(labels, perm)
        moved = [d for i, d in enumerate(shape) if i != axis_n] + [shape[axis_n]]
        if rank != 2:
            if moved[-1] is None:
                raise NotImplementedError("tfc: softmax_cross_entropy_with_logits needs a static class dim "
                                          "for logits of rank other than 2")
            precise = _static_reshape(precise, [None, moved[-1]], "softmax_cross_entropy_with_logits")
            if labels.shape.ndims != 2:
                labels = _static_reshape(labels, [None, moved[-1]], "softmax_cross_entropy_with_logits")
        if rank == 2:
            cost = build(nn_ops.SoftmaxCrossEntropyWithLogitsOp, [precise, labels], scope or None,
                         "SoftmaxCrossEntropyWithLogits").outputs[0]
        else:
            cost = build(nn_ops.SoftmaxCrossEntropyWithLogitsOp, [precise, labels], None,
                         "SoftmaxCrossEntropyWithLogits").outputs[0]
            cost = _static_reshape(cost, moved[:-1], "softmax_cross_entropy_with_logits")
        if precise.dtype != logits.dtype:
            cost = _cast(cost, logits.dtype)
        return cost


def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1, name=None,
                                      axis=None) -> Tensor:
    """TF1's (deprecated) cross entropy: like `_v2`, with no gradient flowing into `labels`.
    Only named arguments are accepted, as in TensorFlow."""
    _ensure_xent_args("softmax_cross_entropy_with_logits", _sentinel, labels, logits)
    dim = _lookup("axis", axis, "dim", dim)
    with name_scope(name, "softmax_cross_entropy_with_logits_sg", [logits, labels]) as scope:
        labels = _gen_op(StopGradientOp, "StopGradient", "labels_stop_gradient", [(labels, "input")])
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=dim, name=scope)


def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None) -> Tensor:
    """The cross entropy of `softmax(logits)` against class indices `labels` (int32 or int64, of
    the shape of `logits` without its last dim). Only named arguments are accepted."""
    _ensure_xent_args("sparse_softmax_cross_entropy_with_logits", _sentinel, labels, logits)
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", [labels, logits]):
        labels = convert_to_tensor(labels)
        logits = convert_to_tensor(logits)
        if labels.dtype not in (D.int32, D.int64):
            raise TypeError(f"Value passed to parameter 'labels' has DataType {labels.dtype.name} not in list of "
                            f"allowed values: int32, int64")
        precise = _cast(logits, D.float32) if logits.dtype == D.float16 else logits
        labels_shape, logits_shape = labels.shape, logits.shape
        if logits_shape.ndims == 0:
            raise ValueError(f"Logits cannot be scalars - received shape {logits_shape}.")
        if logits_shape.ndims is not None and labels_shape.ndims is not None \
                and labels_shape.ndims != logits_shape.ndims - 1:
            raise ValueError(f"Rank mismatch: Rank of labels (received {labels_shape.ndims}) should equal rank of "
                             f"logits minus 1 (received {logits_shape.ndims}).")
        if labels_shape.is_fully_defined() and logits_shape.ndims is not None \
                and logits_shape[:-1].is_fully_defined() and labels_shape != logits_shape[:-1]:
            raise ValueError(f"Shape mismatch: The shape of labels (received {labels_shape}) should equal the "
                             f"shape of logits except for the last dimension (received {logits_shape}).")
        if logits_shape.ndims == 2:
            cost = output(nn_ops.SparseSoftmaxCrossEntropyWithLogitsOp, [precise, labels], name,
                          "SparseSoftmaxCrossEntropyWithLogits")
        else:
            if logits_shape.ndims is None or logits_shape[-1].value is None:
                raise NotImplementedError("tfc: sparse_softmax_cross_entropy_with_logits needs a static class "
                                          "dim for logits of rank other than 2")
            flat_logits = _static_reshape(precise, [None, logits_shape[-1].value],
                                          "sparse_softmax_cross_entropy_with_logits")
            flat_labels = _array_api().reshape(labels, [-1])
            cost = output(nn_ops.SparseSoftmaxCrossEntropyWithLogitsOp, [flat_logits, flat_labels], name,
                          "SparseSoftmaxCrossEntropyWithLogits")
            cost = _static_reshape(cost, labels_shape.as_list(), "sparse_softmax_cross_entropy_with_logits")
        if precise.dtype != logits.dtype:
            cost = _cast(cost, logits.dtype)
        return cost


def l2_loss(t, name=None) -> Tensor:
    """`sum(t ** 2) / 2`."""
    return _gen_op(nn_ops.L2LossOp, "L2Loss", name, [(t, "t")])

