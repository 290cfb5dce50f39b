"""Reductions: Sum, Mean, Max, Min, Prod over a set of axes, and ArgMax / ArgMin along one.

`reduction_indices` is an i32 or i64 scalar or vector; negative axes count from the end,
repeats are allowed and an empty set reduces nothing. The result shape is static when the
axes are constant (a tf.Const, a static tf.Shape...); otherwise only its rank is known with
`keep_dims`, and nothing without. Integer means divide toward zero, as TensorFlow's do.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.tf.base import ShapeError, TFOp, constant_ints, dtype_of, fold_by_compute, format_shape, \
    shape_of, tensor_type
from tfc.dialects.tf.checks import INDEX_TYPES, check_rank_at_most
from tfc.dialects.tf.math_ops import NUMBERS, NUMBERS_AND_BOOL, check_dtype, is_number, is_number_or_bool, \
    tf_name, trunc_div
from tfc.errors import InvalidArgumentError

def check_index(value, param: str) -> None:
    """`value` must be an i32 or i64 tensor (axes, dims)."""
    check_dtype(value, param, lambda et: et in INDEX_TYPES, "int32, int64")


def _rank_at_most(value, rank: int, param: str) -> None:
    check_rank_at_most(value, rank, f"'{param}'")


def reduced_axes(values, rank: int) -> tuple:
    """Constant axes as sorted distinct non-negative dims; ShapeError naming a bad one."""
    dims = set()
    for a in values:
        if not -rank <= a < rank:
            raise ShapeError(f"Invalid reduction dimension {a} for input with {rank} dimensions")
        dims.add(a % rank)
    return tuple(sorted(dims))


class ReductionOp(TFOp):
    """Base of the reductions over `reduction_indices`."""

    __slots__ = ()
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    reduction_indices = Operand(C.AnyTensor)
    keep_dims = Attr(C.BoolAttrC, default=A.BoolAttr(False))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input, reduction_indices):  # noqa: A002 - TF's name
        et = check_dtype(input, "input", is_number, NUMBERS)
        check_index(reduction_indices, "reduction_indices")
        _rank_at_most(reduction_indices, 1, "reduction_indices")
        shape = shape_of(input.type)
        keep = attrs.keep_dims
        if shape is None:
            return [tensor_type(None, et)]
        axes = constant_ints(reduction_indices)
        if axes is None:
            if keep:
                return [tensor_type((None,) * len(shape), et)]
            if len(shape) == 0:
                return [tensor_type((), et)]
            return [tensor_type(None, et)]
        dims = reduced_axes(axes, len(shape))
        if keep:
            out = tuple(1 if i in dims else d for i, d in enumerate(shape))
        else:
            out = tuple(d for i, d in enumerate(shape) if i not in dims)
        return [tensor_type(out, et)]

    def compute(self, ctx, input, reduction_indices):  # noqa: A002 - TF's name
        x = np.asarray(input)
        dims = set()
        for a in np.asarray(reduction_indices).reshape(-1):
            a = int(a)
            if not -x.ndim <= a < x.ndim:
                raise InvalidArgumentError(f"Invalid reduction dimension ({a} for input with {x.ndim} "
                                           f"dimension(s)", self.location)
            dims.add(a % x.ndim)
        with np.errstate(all="ignore"):
            return self.reduce(x, tuple(sorted(dims)), bool(self.attrs.keep_dims))

    def reduce(self, x, axes, keep):
        raise NotImplementedError

    def fold_data(self, constants):
        if self.results[0].type == self.input.type and len(constants) > 1 \
                and isinstance(constants[1], A.DenseElementsAttr) and constants[1].data.size == 0:
            return [self.input]  # no axes: no reduction
        return fold_by_compute(self, constants)


def _accumulator(x):
    """Float sums accumulate in float64 and round once: the oracle is correctly rounded where
    TensorFlow's tree reductions nearly always are (a float32 running sum drifts)."""
    return np.float64 if x.dtype.kind == "f" else x.dtype


class SumOp(ReductionOp):
    """`%s = "tf.Sum"(%x, %axes) <{keep_dims = false}> : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xf32>`"""

    name = "tf.Sum"

    def reduce(self, x, axes, keep):
        return np.sum(x, axis=axes, dtype=_accumulator(x), keepdims=keep)


class MeanOp(ReductionOp):
    """`%m = "tf.Mean"(%x, %axes) : (tensor<2x3xf32>, tensor<i32>) -> tensor<3xf32>`"""

    name = "tf.Mean"

    def reduce(self, x, axes, keep):
        count = int(np.prod([x.shape[a] for a in axes], dtype=np.int64))
        if x.dtype.kind in "iu":
            total = np.sum(x, axis=axes, dtype=x.dtype, keepdims=keep)
            if count == 0:
                return np.zeros_like(total)
            return trunc_div(total, np.asarray(count).astype(x.dtype))
        acc = _accumulator(x)
        return np.true_divide(np.sum(x, axis=axes, dtype=acc, keepdims=keep), np.asarray(count, acc))


class ProdOp(ReductionOp):
    """`%p = "tf.Prod"(%x, %axes) <{keep_dims = true}> : (tensor<2x3xi32>, tensor<i32>) -> tensor<2x1xi32>`"""

    name = "tf.Prod"

    def reduce(self, x, axes, keep):
        return np.prod(x, axis=axes, dtype=_accumulator(x), keepdims=keep)


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if dtype.kind == "f" else np.iinfo(dtype).max


class MaxOp(ReductionOp):
    """The greatest element (NaN wins; an empty set gives the lowest value, -inf for floats):
    `%m = "tf.Max"(%x, %axes) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<f32>`"""

    name = "tf.Max"

    def reduce(self, x, axes, keep):
        return np.max(x, axis=axes, keepdims=keep, initial=_lowest(x.dtype))


class MinOp(ReductionOp):
    """The least element (NaN wins; an empty set gives the highest value, inf for floats):
    `%m = "tf.Min"(%x, %axes) : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xf32>`"""

    name = "tf.Min"

    def reduce(self, x, axes, keep):
        return np.min(x, axis=axes, keepdims=keep, initial=_highest(x.dtype))


# ----- arg reductions ----------------------------------------------------------------------------

_ARG_OUTPUT_TYPES = (T.i16, T.i32, T.i64, T.IntegerType(16, "u"))


class ArgReductionOp(TFOp):
    """Base of ArgMax / ArgMin: the index of the extreme element along `dimension` (a scalar)."""

    __slots__ = ()
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    dimension = Operand(C.AnyTensor)
    output_type = Attr(C.TypeAttrOf(C.AnyType), default=A.TypeAttr(T.i64))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input, dimension):  # noqa: A002 - TF's name
        check_dtype(input, "input", is_number_or_bool, NUMBERS_AND_BOOL)
        check_index(dimension, "dimension")
        _rank_at_most(dimension, 0, "dimension")
        out_type = attrs.output_type
        if out_type not in _ARG_OUTPUT_TYPES:
            raise ShapeError(f"Value for attr 'output_type' of {out_type} is not in the list of allowed "
                             f"values: int16, uint16, int32, int64")
        shape = shape_of(input.type)
        if shape is None:
            return [tensor_type(None, out_type)]
        axis = constant_ints(dimension)
        rank = len(shape)
        if axis is None:
            return [tensor_type((None,) * max(rank - 1, 0), out_type)]
        a = axis[0]
        if not -rank <= a < rank:
            raise ShapeError(f"Expected dimension in the range [{-rank}, {rank}), but got {a}")
        a %= rank
        return [tensor_type(shape[:a] + shape[a + 1:], out_type)]

    def compute(self, ctx, input, dimension):  # noqa: A002 - TF's name
        x = np.asarray(input)
        a = int(np.asarray(dimension).reshape(-1)[0])
        if not -x.ndim <= a < x.ndim:
            raise InvalidArgumentError(f"Expected dimension in the range [{-x.ndim}, {x.ndim}), but got {a}",
                                       self.location)
        a %= x.ndim
        if x.shape[a] == 0:
            raise InvalidArgumentError(f"Reduction axis {a} is empty in shape {format_shape(x.shape)}",
                                       self.location)
        return self.pick(x, a)

    def pick(self, x, axis):
        raise NotImplementedError

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


class ArgMaxOp(ArgReductionOp):
    """`%i = "tf.ArgMax"(%x, %d) <{output_type = i32}> : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xi32>`"""

    name = "tf.ArgMax"

    def pick(self, x, axis):
        return np.argmax(x, axis=axis)


class ArgMinOp(ArgReductionOp):
    """`%i = "tf.ArgMin"(%x, %d) : (tensor<2x3xf32>, tensor<i32>) -> tensor<3xi64>`"""

    name = "tf.ArgMin"

    def pick(self, x, axis):
        return np.argmin(x, axis=axis)
