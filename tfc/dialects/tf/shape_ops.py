"""Tensors made from shapes and values: tf.Fill, tf.ZerosLike, tf.OnesLike and tf.OneHot; and
shapes as tensors: tf.Shape, tf.Size and tf.Rank, whose values are known while building (and
fold to constants) when the input's type says them.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.tf.array_ops import (INDEX_TYPES, check_index_type, check_rank, partial_ints, partial_scalar,
                                       product, run_error, splat_fold, static_by_compute)
from tfc.dialects.tf.base import (ShapeError, TFOp, dtype_of, fold_by_compute, format_shape, same_element_type,
                                  shape_of, tensor_type)


# ----- filling ----------------------------------------------------------------------------------

class FillOp(TFOp):
    """A tensor of shape `dims` with every element `value` (a scalar):
    `%y = "tf.Fill"(%dims, %v) : (tensor<2xi32>, tensor<f32>) -> tensor<2x3xf32>`"""

    name = "tf.Fill"
    traits = (Pure,)
    dims = Operand(C.AnyTensor)
    value = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, dims, value):
        et = dtype_of(value.type)
        check_index_type(dims, "dims")
        check_rank(dims, 1, "dims")
        check_rank(value, 0, "value")
        d = partial_ints(dims)
        if d is None:
            return [tensor_type(None, et)]
        for i, k in enumerate(d):
            if k is not None and k < 0:
                raise ShapeError(f"Fill dimensions must be >= 0, got dims[{i}] = {k}")
        return [tensor_type(d, et)]

    def compute(self, ctx, dims, value):
        d = [int(v) for v in np.asarray(dims).reshape(-1)]
        if any(k < 0 for k in d):
            raise run_error(self, f"Fill dimensions must be >= 0, got {format_shape(d)}")
        if np.ndim(value) != 0:
            raise run_error(self, f"value must be a scalar, got shape {format_shape(np.shape(value))}")
        return np.full(d, np.asarray(value).reshape(()))

    def fold_data(self, constants):
        return fold_by_compute(self, constants)

    def static_value(self):
        return static_by_compute(self)


class ZerosLikeOp(TFOp):
    """Zeros of the type of `x`: `%y = "tf.ZerosLike"(%x) : (tensor<2xf32>) -> tensor<2xf32>`"""

    name = "tf.ZerosLike"
    traits = (Pure,)
    x = Operand(C.AnyTensor)
    y = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, x):
        return [x.type]

    def compute(self, ctx, x):
        return np.zeros_like(np.asarray(x))

    def fold_data(self, constants):
        return splat_fold(self, 0)


class OnesLikeOp(TFOp):
    """Ones of the type of `x`: `%y = "tf.OnesLike"(%x) : (tensor<2xf32>) -> tensor<2xf32>`"""

    name = "tf.OnesLike"
    traits = (Pure,)
    x = Operand(C.AnyTensor)
    y = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, x):
        return [x.type]

    def compute(self, ctx, x):
        return np.ones_like(np.asarray(x))

    def fold_data(self, constants):
        return splat_fold(self, 1)


# ----- shapes as tensors ------------------------------------------------------------------------

def _out_type(attrs):
    t = attrs.out_type
    if t not in INDEX_TYPES:
        raise ShapeError(f"out_type must be int32 or int64, got {t}")
    return t


class _ShapeLike(TFOp):
    """Shape, Size and Rank: values known while building when the input's type says them."""

    def fold_data(self, constants):
        value = self.static_value()
        t = self.output.type
        if value is None or not isinstance(t, T.TensorType) or not t.has_static_shape:
            return None
        value = np.asarray(value)
        if value.shape != tuple(t.shape):
            return None
        return [A.DenseElementsAttr(value, t)]

    def compute(self, ctx, x):
        return self._of(np.shape(x))


class ShapeOp(_ShapeLike):
    """The shape of `input` as a vector:
    `%s = "tf.Shape"(%x) <{out_type = i32}> : (tensor<?x3xf32>) -> tensor<2xi32>`"""

    name = "tf.Shape"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    out_type = Attr(C.TypeAttrOf(C.AnyType), default=A.TypeAttr(T.i32))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input):
        shape = shape_of(input.type)
        return [tensor_type([None if shape is None else len(shape)], _out_type(attrs))]

    def _of(self, shape):
        return np.asarray(shape, dtype=self.attrs.out_type.numpy_dtype()).reshape(len(shape))

    def static_value(self):
        shape = shape_of(self.input.type)
        if shape is None or any(d is None for d in shape):
            return None
        return self._of(shape)

    def partial_value(self):
        shape = shape_of(self.input.type)
        return None if shape is None else list(shape)


class SizeOp(_ShapeLike):
    """The number of elements of `input`:
    `%n = "tf.Size"(%x) <{out_type = i32}> : (tensor<2x3xf32>) -> tensor<i32>`"""

    name = "tf.Size"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    out_type = Attr(C.TypeAttrOf(C.AnyType), default=A.TypeAttr(T.i32))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input):
        return [tensor_type((), _out_type(attrs))]

    def _of(self, shape):
        return np.asarray(int(np.prod(shape, dtype=np.int64)), dtype=self.attrs.out_type.numpy_dtype())

    def static_value(self):
        shape = shape_of(self.input.type)
        if shape is None or product(shape) is None:
            return None
        return self._of([product(shape)])


class RankOp(_ShapeLike):
    """The number of dims of `input`: `%r = "tf.Rank"(%x) : (tensor<2x3xf32>) -> tensor<i32>`"""

    name = "tf.Rank"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input):
        return [tensor_type((), T.i32)]

    def _of(self, shape):
        return np.asarray(len(shape), dtype=np.int32)

    def static_value(self):
        shape = shape_of(self.input.type)
        return None if shape is None else self._of(shape)


# ----- one-hot ----------------------------------------------------------------------------------

class OneHotOp(TFOp):
    """`on_value` where `indices` names the position along a new dim `axis` of size `depth`,
    `off_value` elsewhere (-1 for the last dim):
    `%y = "tf.OneHot"(%i, %depth, %on, %off) <{axis = -1 : i64}> : (tensor<3xi32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<3x4xf32>`"""

    name = "tf.OneHot"
    traits = (Pure,)
    indices = Operand(C.AnyTensor)
    depth = Operand(C.AnyTensor)
    on_value = Operand(C.AnyTensor)
    off_value = Operand(C.AnyTensor)
    axis = Attr(C.I64Attr, default=A.IntegerAttr.get(-1, T.i64))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, indices, depth, on_value, off_value):
        it = dtype_of(indices.type)
        if it not in (T.i32, T.i64, T.IntegerType(8, "u")):
            raise ShapeError(f"indices must be a uint8, int32 or int64 tensor, got {it}")
        if dtype_of(depth.type) != T.i32:
            raise ShapeError(f"depth must be an int32 scalar, got {depth.type}")
        check_rank(depth, 0, "depth")
        check_rank(on_value, 0, "on_value")
        check_rank(off_value, 0, "off_value")
        try:
            et = same_element_type(on_value.type, off_value.type)
        except ShapeError:
            raise ShapeError(f"on_value and off_value must have the same type, got {dtype_of(on_value.type)} "
                             f"and {dtype_of(off_value.type)}") from None
        a = attrs.axis
        if a < -1:
            raise ShapeError("axis must be >= -1")
        d = partial_scalar(depth)
        if d is not None and d < 0:
            raise ShapeError(f"depth must be non-negative, got: {d}")
        shape = shape_of(indices.type)
        if shape is None:
            return [tensor_type(None, et)]
        if a > len(shape):
            raise ShapeError(f"Expected axis to be -1 or between [0, {len(shape) + 1}).  But received: {a}")
        a = len(shape) if a == -1 else a
        return [tensor_type(shape[:a] + (d,) + shape[a:], et)]

    def compute(self, ctx, indices, depth, on_value, off_value):
        indices = np.asarray(indices)
        d = int(np.asarray(depth).reshape(()))
        if d < 0:
            raise run_error(self, f"depth must be non-negative, got: {d}")
        a = self.attrs.axis
        hot = indices[..., None] == np.arange(d)
        out = np.where(hot, np.asarray(on_value), np.asarray(off_value))
        if a != -1:
            out = np.moveaxis(out, -1, a)
        return out

    def fold_data(self, constants):
        return fold_by_compute(self, constants)
