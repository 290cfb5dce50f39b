"""Neural-network tf ops: matrix products, bias addition, softmax and the cross-entropy losses.

Convolution and pooling live in `conv_ops`. Every op here is pure; shapes follow TensorFlow's
shape functions (dynamic dims stay `?`, an unranked input gives an unranked or partially known
result) and the numpy rules compute in the input dtype, as TensorFlow's kernels do.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.tf.base import ShapeError, TFOp, broadcast_shapes, dtype_of, fold_by_compute, shape_of, \
    tensor_type

# ----- shared checks (also used by conv_ops) ----------------------------------------------------

from tfc.dialects.tf.checks import check_dtype, check_same_dtype, is_float, is_number  # noqa: E402,F401
from tfc.dialects.tf.checks import tf_name as tf_dtype_name  # noqa: E402,F401

# TensorFlow's allowed-type lists for these ops, as its messages quote them
FLOATS = "float16, bfloat16, float32, float64"
NUMBERS = "bfloat16, float16, float32, float64, int8, int16, int32, int64, uint8"


def with_rank(shape, rank: int):
    if shape is not None and len(shape) != rank:
        raise ShapeError(f"Shape must be rank {rank} but is rank {len(shape)}")
    return shape


def with_rank_at_least(shape, rank: int):
    if shape is not None and len(shape) < rank:
        raise ShapeError(f"Shape must be at least rank {rank} but is rank {len(shape)}")
    return shape


def merge_dim(a, b):
    """Two dims of one size (either may be None); ShapeError when both are known and differ."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    raise ShapeError(f"Dimensions must be equal, but are {a} and {b}")


def _dim(shape, i):
    return None if shape is None else shape[i]


def _conj(x):
    return np.conj(x) if np.iscomplexobj(x) else x


# ----- matrix products ------------------------------------------------------------------------


class MatMulOp(TFOp):
    """The matrix product of two rank-2 tensors, either side optionally transposed:
    `%c = "tf.MatMul"(%a, %b) <{transpose_b = true}> : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>`"""

    name = "tf.MatMul"
    traits = (Pure,)
    a = Operand(C.AnyTensor)
    b = Operand(C.AnyTensor)
    transpose_a = Attr(C.BoolAttrC, default=A.BoolAttr(False))
    transpose_b = Attr(C.BoolAttrC, default=A.BoolAttr(False))
    product = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, a, b):
        et = check_dtype(a, "a", is_number, NUMBERS)
        check_same_dtype("MatMul", ("a", a), ("b", b))
        sa, sb = with_rank(shape_of(a.type), 2), with_rank(shape_of(b.type), 2)
        ta, tb = attrs.transpose_a, attrs.transpose_b
        m, ka = (_dim(sa, 1), _dim(sa, 0)) if ta else (_dim(sa, 0), _dim(sa, 1))
        kb, n = (_dim(sb, 1), _dim(sb, 0)) if tb else (_dim(sb, 0), _dim(sb, 1))
        merge_dim(ka, kb)
        return [tensor_type((m, n), et)]

    def compute(self, ctx, a, b):
        a, b = np.asarray(a), np.asarray(b)
        if self.attrs.transpose_a:
            a = a.T
        if self.attrs.transpose_b:
            b = b.T
        return np.matmul(a, b)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


class BatchMatMulV2Op(TFOp):
    """Matrix products over the last two dims; the leading (batch) dims broadcast:
    `%z = "tf.BatchMatMulV2"(%x, %y) <{adj_y = true}> : (tensor<?x2x3xf32>, tensor<4x3xf32>) -> tensor<?x2x4xf32>`"""

    name = "tf.BatchMatMulV2"
    traits = (Pure,)
    x = Operand(C.AnyTensor)
    y = Operand(C.AnyTensor)
    adj_x = Attr(C.BoolAttrC, default=A.BoolAttr(False))
    adj_y = Attr(C.BoolAttrC, default=A.BoolAttr(False))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, x, y):
        et = check_dtype(x, "x", is_number, NUMBERS)
        check_same_dtype("BatchMatMulV2", ("x", x), ("y", y))
        sx, sy = with_rank_at_least(shape_of(x.type), 2), with_rank_at_least(shape_of(y.type), 2)
        if sx is None or sy is None:
            return [tensor_type(None, et)]  # the batch dims are unknown in number
        m, kx = (sx[-1], sx[-2]) if attrs.adj_x else (sx[-2], sx[-1])
        ky, n = (sy[-1], sy[-2]) if attrs.adj_y else (sy[-2], sy[-1])
        merge_dim(kx, ky)
        batch = broadcast_shapes(sx[:-2], sy[:-2])
        return [tensor_type(batch + (m, n), et)]

    def compute(self, ctx, x, y):
        x, y = np.asarray(x), np.asarray(y)
        if self.attrs.adj_x:
            x = _conj(np.swapaxes(x, -1, -2))
        if self.attrs.adj_y:
            y = _conj(np.swapaxes(y, -1, -2))
        return np.matmul(x, y)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


# ----- bias -------------------------------------------------------------------------------------


class BiasAddOp(TFOp):
    """Adds a rank-1 bias along the channel dim (the last for NHWC, dim 1 for NCHW):
    `%y = "tf.BiasAdd"(%x, %b) <{data_format = "NHWC"}> : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>`"""

    name = "tf.BiasAdd"
    traits = (Pure,)
    value = Operand(C.AnyTensor)
    bias = Operand(C.AnyTensor)
    data_format = Attr(C.StrAttr, default=A.StringAttr("NHWC"))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, value, bias):
        et = check_dtype(value, "value", is_number, NUMBERS)
        check_same_dtype("BiasAdd", ("value", value), ("bias", bias))
        fmt = attrs.data_format
        if fmt not in ("NHWC", "NCHW"):
            raise ShapeError(f"Value for attr 'data_format' of \"{fmt}\" is not in the list of allowed values: "
                             f"\"NHWC\", \"NCHW\"")
        shape = with_rank_at_least(shape_of(value.type), 3 if fmt == "NCHW" else 2)
        bias_shape = with_rank(shape_of(bias.type), 1)
        if shape is None:
            return [tensor_type(None, et)]
        channel = 1 if fmt == "NCHW" else len(shape) - 1
        out = list(shape)
        out[channel] = merge_dim(shape[channel], _dim(bias_shape, 0))
        return [tensor_type(out, et)]

    def compute(self, ctx, value, bias):
        value, bias = np.asarray(value), np.asarray(bias)
        channel = 1 if self.attrs.data_format == "NCHW" else value.ndim - 1
        if value.shape[channel] != bias.shape[0]:
            from tfc.errors import InvalidArgumentError
            raise InvalidArgumentError(f"Must provide as many biases as the channel dimension of the input "
                                       f"tensor: {list(bias.shape)} vs. {list(value.shape)}", self.location)
        shape = [1] * value.ndim
        shape[channel] = bias.shape[0]
        return value + bias.reshape(shape)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


# ----- softmax ------------------------------------------------------------------------------------


def _softmax(x):
    x = np.asarray(x)
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def _log_softmax(x):
    x = np.asarray(x)
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


class _SoftmaxBase(TFOp):
    logits = Operand(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, logits):
        check_dtype(logits, "logits", is_float, FLOATS)
        with_rank_at_least(shape_of(logits.type), 1)
        return [logits.type]

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


class SoftmaxOp(_SoftmaxBase):
    """`exp(x) / sum(exp(x))` over the last dim, computed stably (shifted by the max):
    `%y = "tf.Softmax"(%x) : (tensor<?x10xf32>) -> tensor<?x10xf32>`"""

    name = "tf.Softmax"
    traits = (Pure,)
    softmax = Result(C.AnyTensor)

    def compute(self, ctx, logits):
        if np.asarray(logits).size == 0:
            return np.asarray(logits)
        return _softmax(logits)


class LogSoftmaxOp(_SoftmaxBase):
    """`x - log(sum(exp(x)))` over the last dim, computed stably:
    `%y = "tf.LogSoftmax"(%x) : (tensor<?x10xf32>) -> tensor<?x10xf32>`"""

    name = "tf.LogSoftmax"
    traits = (Pure,)
    logsoftmax = Result(C.AnyTensor)

    def compute(self, ctx, logits):
        if np.asarray(logits).size == 0:
            return np.asarray(logits)
        return _log_softmax(logits)


# ----- cross entropy ------------------------------------------------------------------------------


def _xent_shape(sf, sl):
    """The [batch, classes] shape the features and labels broadcast to (dims may be None)."""
    if sf is not None and sl is not None:
        shape = broadcast_shapes(sf, sl)
        if len(shape) != 2:
            raise ShapeError(f"Shape must be broadcasted with rank 2, but is rank {len(shape)}")
        return shape
    known = sf if sf is not None else sl
    if known is None:
        return (None, None)
    if len(known) > 2:
        raise ShapeError(f"Shape must be broadcasted with rank 2, but is rank {len(known)}")
    padded = (1,) * (2 - len(known)) + tuple(known)
    return tuple(None if d == 1 else d for d in padded)


class SoftmaxCrossEntropyWithLogitsOp(TFOp):
    """The cross entropy of `softmax(features)` against the distributions `labels`, per row, and
    its gradient `softmax(features) - labels` (the two broadcast to [batch, classes]):
    `%loss, %backprop = "tf.SoftmaxCrossEntropyWithLogits"(%f, %l) : (tensor<?x10xf32>, tensor<?x10xf32>)
    -> (tensor<?xf32>, tensor<?x10xf32>)`"""

    name = "tf.SoftmaxCrossEntropyWithLogits"
    traits = (Pure,)
    features = Operand(C.AnyTensor)
    labels = Operand(C.AnyTensor)
    loss = Result(C.AnyTensor)
    backprop = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, features, labels):
        et = check_dtype(features, "features", is_float, FLOATS)
        check_same_dtype("SoftmaxCrossEntropyWithLogits", ("features", features), ("labels", labels))
        batch, classes = _xent_shape(shape_of(features.type), shape_of(labels.type))
        return [tensor_type((batch,), et), tensor_type((batch, classes), et)]

    def compute(self, ctx, features, labels):
        features, labels = np.broadcast_arrays(np.asarray(features), np.asarray(labels))
        if features.ndim != 2:
            from tfc.errors import InvalidArgumentError
            raise InvalidArgumentError(f"logits and labels must be broadcastable to rank 2: logits_size="
                                       f"{list(features.shape)} labels_size={list(labels.shape)}", self.location)
        return _xent(features, labels)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


def _xent(features, labels):
    if features.shape[1] == 0:
        return np.zeros(features.shape[:1], features.dtype), np.zeros(features.shape, features.dtype)
    shifted = features - np.max(features, axis=1, keepdims=True)
    e = np.exp(shifted)
    sum_exp = np.sum(e, axis=1, keepdims=True)
    loss = np.sum(labels * (np.log(sum_exp) - shifted), axis=1)
    backprop = e / sum_exp - labels
    return loss, backprop


class SparseSoftmaxCrossEntropyWithLogitsOp(TFOp):
    """The cross entropy of `softmax(features)` against class indices `labels`, per row, and its
    gradient `softmax(features) - one_hot(labels)`:
    `%loss, %backprop = "tf.SparseSoftmaxCrossEntropyWithLogits"(%f, %l) : (tensor<?x10xf32>, tensor<?xi32>)
    -> (tensor<?xf32>, tensor<?x10xf32>)`"""

    name = "tf.SparseSoftmaxCrossEntropyWithLogits"
    traits = (Pure,)
    features = Operand(C.AnyTensor)
    labels = Operand(C.AnyTensor)
    loss = Result(C.AnyTensor)
    backprop = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, features, labels):
        et = check_dtype(features, "features", is_float, FLOATS)
        check_dtype(labels, "labels", lambda t: t in (T.i32, T.i64), "int32, int64")
        sf = with_rank(shape_of(features.type), 2)
        sl = with_rank(shape_of(labels.type), 1)
        batch = merge_dim(_dim(sf, 0), _dim(sl, 0))
        return [tensor_type((batch,), et), tensor_type((batch, _dim(sf, 1)), et)]

    def compute(self, ctx, features, labels):
        features, labels = np.asarray(features), np.asarray(labels)
        if features.shape[0] != labels.shape[0]:
            from tfc.errors import InvalidArgumentError
            raise InvalidArgumentError(f"logits and labels must have the same first dimension, got logits shape "
                                       f"{list(features.shape)} and labels shape {list(labels.shape)}",
                                       self.location)
        classes = features.shape[1]
        bad = (labels < 0) | (labels >= classes)
        if bad.any():
            from tfc.errors import InvalidArgumentError
            value = int(labels[np.argmax(bad)])
            raise InvalidArgumentError(f"Received a label value of {value} which is outside the valid range of "
                                       f"[0, {classes}).", self.location)
        one_hot = np.zeros(features.shape, features.dtype)
        one_hot[np.arange(labels.shape[0]), labels] = 1
        return _xent(features, one_hot)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


# ----- L2 loss ------------------------------------------------------------------------------------


class L2LossOp(TFOp):
    """`sum(t ** 2) / 2`, a scalar: `%l = "tf.L2Loss"(%t) : (tensor<?x3xf32>) -> tensor<f32>`"""

    name = "tf.L2Loss"
    traits = (Pure,)
    t = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, t):
        et = check_dtype(t, "t", is_float, FLOATS)
        return [tensor_type((), et)]

    def compute(self, ctx, t):
        t = np.asarray(t)
        return np.sum(t * t, dtype=t.dtype) / t.dtype.type(2)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)
