"""Elementwise math tf ops: arithmetic, math functions, activations, comparisons, logic,
selection and casts.

Binary ops broadcast as TensorFlow (numpy) does; both operands have one element type, and
comparisons give `i1` tensors. Dynamic dims and unranked inputs are accepted: inference keeps
what is known. Compute rules follow TensorFlow's kernels exactly where numpy differs (floor
division and modulo, integer division by zero, negative integer powers, casts), and the
activations are computed in numerically stable forms (no overflow for large inputs).
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Commutative, Pure

from tfc.dialects.tf.base import ShapeError, TFOp, broadcast_shapes, dtype_of, fold_by_compute, format_shape, \
    shape_of, tensor_type
from tfc.errors import InvalidArgumentError

# ----- element types ---------------------------------------------------------------------------

from tfc.dialects.tf.checks import (FLOATS, NUMBERS, NUMBERS_AND_BOOL, check_dtype,  # noqa: F401,E402
                                    check_same_dtype, is_bool, is_float, is_int, is_number,
                                    is_number_or_bool, merge_shapes, tf_name)


def runtime_broadcast(op, *arrays) -> tuple:
    """The broadcast shape of run-time values; InvalidArgumentError (TF's message) if none."""
    shapes = [np.shape(a) for a in arrays]
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        shown = " vs. ".join(format_shape(s) for s in shapes)
        raise InvalidArgumentError(f"Incompatible shapes: {shown}", op.location) from None


def _node_type(cls) -> str:
    return cls.name.split(".", 1)[1]


def _all_equal(constant, value, positive_zero=False) -> bool:
    """Whether a constant operand holds `value` everywhere (+0.0 only when `positive_zero`)."""
    if not isinstance(constant, A.DenseElementsAttr) or constant.data.size == 0:
        return False
    data = constant.data
    if not bool(np.all(data == value)):
        return False
    return not (positive_zero and data.dtype.kind == "f" and bool(np.any(np.signbit(data))))


def _int_zero_check(op, y, shape) -> None:
    """TensorFlow's integer division by zero error (for elements that are computed)."""
    if np.asarray(y).dtype.kind in "iu" and int(np.prod(shape)) and bool(np.any(np.asarray(y) == 0)):
        raise InvalidArgumentError("Integer division by zero", op.location)


def trunc_div(x, y):
    """C's integer division (toward zero), as TensorFlow's integer kernels divide."""
    q = np.floor_divide(x, y)
    r = x - q * y
    return np.where((r != 0) & ((np.asarray(x) < 0) != (np.asarray(y) < 0)), q + 1, q)


# ----- bases -----------------------------------------------------------------------------------

class ElementwiseOp(TFOp):
    """Base of the ops here: numpy never warns (TF gives inf and nan silently); folds constants."""

    __slots__ = ()
    traits = (Pure,)

    def interpret(self, ctx, *operands):
        with np.errstate(all="ignore"):
            return super().interpret(ctx, *operands)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


class _OneOperandOp(ElementwiseOp):
    """`fn` of one tensor; `accepts` says which element types are allowed."""

    __slots__ = ()
    accepts = staticmethod(is_number)
    allowed = NUMBERS
    param = "x"

    @classmethod
    def infer(cls, attrs, x):
        check_dtype(x, cls.param, cls.accepts, cls.allowed)
        return [x.type]

    def compute(self, ctx, x):
        return self.fn(np.asarray(x))

    def fn(self, x):
        raise NotImplementedError


class UnaryOp(_OneOperandOp):
    """`y = f(x)`."""

    __slots__ = ()
    x = Operand(C.AnyTensor)
    y = Result(C.AnyTensor)


class ActivationOp(_OneOperandOp):
    """An activation: TensorFlow names its operand `features` and its result `activations`."""

    __slots__ = ()
    param = "features"
    features = Operand(C.AnyTensor)
    activations = Result(C.AnyTensor)


class BinaryOp(ElementwiseOp):
    """`z = f(x, y)` with broadcasting; `bool_result` for comparisons."""

    __slots__ = ()
    x = Operand(C.AnyTensor)
    y = Operand(C.AnyTensor)
    z = Result(C.AnyTensor)
    accepts = staticmethod(is_number)
    allowed = NUMBERS
    bool_result = False

    @classmethod
    def infer(cls, attrs, x, y):
        et = check_same_dtype(_node_type(cls), ("x", x), ("y", y))
        check_dtype(x, "x", cls.accepts, cls.allowed)
        shape = cls.result_shape(attrs, shape_of(x.type), shape_of(y.type))
        return [tensor_type(shape, T.i1 if cls.bool_result else et)]

    @classmethod
    def result_shape(cls, attrs, a, b):
        return broadcast_shapes(a, b)

    def compute(self, ctx, x, y):
        x, y = np.asarray(x), np.asarray(y)
        runtime_broadcast(self, x, y)
        return self.fn(x, y)

    def fn(self, x, y):
        raise NotImplementedError

    def fold_identity(self, constants, identity, positive_zero=False):
        """`[x]` when `y` is the constant `identity` and the result has x's type exactly."""
        if len(constants) > 1 and _all_equal(constants[1], identity, positive_zero) \
                and self.results[0].type == self.x.type:
            return [self.x]
        return None


# ----- arithmetic ------------------------------------------------------------------------------

class AddV2Op(BinaryOp):
    """`%z = "tf.AddV2"(%x, %y) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`"""

    name = "tf.AddV2"
    traits = (Pure, Commutative)

    def fn(self, x, y):
        return np.add(x, y)

    def fold_data(self, constants):
        # x + 0 is x for integers; for floats only x + (-0.0) is (-0.0 + 0.0 is +0.0).
        x_float = is_float(dtype_of(self.x.type))
        if isinstance(constants[1] if len(constants) > 1 else None, A.DenseElementsAttr) and x_float:
            data = constants[1].data
            if data.size and bool(np.all(data == 0)) and bool(np.all(np.signbit(data))) \
                    and self.results[0].type == self.x.type:
                return [self.x]
        elif not x_float:
            folded = self.fold_identity(constants, 0)
            if folded:
                return folded
        return fold_by_compute(self, constants)


class SubOp(BinaryOp):
    """`%z = "tf.Sub"(%x, %y) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>`"""

    name = "tf.Sub"

    def fn(self, x, y):
        return np.subtract(x, y)

    def fold_data(self, constants):
        return self.fold_identity(constants, 0, positive_zero=True) or fold_by_compute(self, constants)


class MulOp(BinaryOp):
    """`%z = "tf.Mul"(%x, %y) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>`"""

    name = "tf.Mul"
    traits = (Pure, Commutative)

    def fn(self, x, y):
        return np.multiply(x, y)

    def fold_data(self, constants):
        return self.fold_identity(constants, 1) or fold_by_compute(self, constants)


class RealDivOp(BinaryOp):
    """`%z = "tf.RealDiv"(%x, %y) : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>`

    Integers divide toward zero (C's division), as TensorFlow's integer kernels do."""

    name = "tf.RealDiv"

    def fn(self, x, y):
        if x.dtype.kind in "iu":
            _int_zero_check(self, y, np.broadcast_shapes(x.shape, y.shape))
            return trunc_div(x, y)
        return np.true_divide(x, y)

    def fold_data(self, constants):
        return self.fold_identity(constants, 1) or fold_by_compute(self, constants)


class FloorDivOp(BinaryOp):
    """Division rounded toward negative infinity (floats: `floor(x / y)`):
    `%z = "tf.FloorDiv"(%x, %y) : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>`"""

    name = "tf.FloorDiv"

    def fn(self, x, y):
        if x.dtype.kind in "iu":
            _int_zero_check(self, y, np.broadcast_shapes(x.shape, y.shape))
            return np.floor_divide(x, y)
        return np.floor(np.true_divide(x, y))


class FloorModOp(BinaryOp):
    """The remainder of floor division; it has the sign of the divisor:
    `%z = "tf.FloorMod"(%x, %y) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>`"""

    name = "tf.FloorMod"

    def fn(self, x, y):
        if x.dtype.kind in "iu":
            _int_zero_check(self, y, np.broadcast_shapes(x.shape, y.shape))
            return np.mod(x, y)
        m = np.fmod(x, y)
        return np.where((m != 0) & ((y < 0) != (m < 0)), m + y, m)


class MaximumOp(BinaryOp):
    """`%z = "tf.Maximum"(%x, %y) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>` (NaN wins)"""

    name = "tf.Maximum"
    traits = (Pure, Commutative)

    def fn(self, x, y):
        return np.maximum(x, y)


class MinimumOp(BinaryOp):
    """`%z = "tf.Minimum"(%x, %y) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>` (NaN wins)"""

    name = "tf.Minimum"
    traits = (Pure, Commutative)

    def fn(self, x, y):
        return np.minimum(x, y)


class PowOp(BinaryOp):
    """`%z = "tf.Pow"(%x, %y) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>`"""

    name = "tf.Pow"

    def fn(self, x, y):
        if x.dtype.kind in "iu":
            if bool(np.any(y < 0)):
                raise InvalidArgumentError("Integers to negative powers are not allowed", self.location)
        return np.power(x, y)

    def fold_data(self, constants):
        return self.fold_identity(constants, 1) or fold_by_compute(self, constants)


# ----- unary math --------------------------------------------------------------------------------

class NegOp(UnaryOp):
    """`%y = "tf.Neg"(%x) : (tensor<3xi32>) -> tensor<3xi32>`"""

    name = "tf.Neg"

    def fn(self, x):
        return np.negative(x)


class AbsOp(UnaryOp):
    """`%y = "tf.Abs"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Abs"

    def fn(self, x):
        return np.abs(x)


class SquareOp(UnaryOp):
    """`%y = "tf.Square"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Square"

    def fn(self, x):
        return np.multiply(x, x)


class FloatUnaryOp(UnaryOp):
    """A unary op defined on floating-point tensors only."""

    __slots__ = ()
    accepts = staticmethod(is_float)
    allowed = FLOATS


class SqrtOp(FloatUnaryOp):
    """`%y = "tf.Sqrt"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Sqrt"

    def fn(self, x):
        return np.sqrt(x)


class RsqrtOp(FloatUnaryOp):
    """`1 / sqrt(x)`: `%y = "tf.Rsqrt"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Rsqrt"

    def fn(self, x):
        return np.reciprocal(np.sqrt(x))


class ExpOp(FloatUnaryOp):
    """`%y = "tf.Exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Exp"

    def fn(self, x):
        return np.exp(x)


class LogOp(FloatUnaryOp):
    """`%y = "tf.Log"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Log"

    def fn(self, x):
        return np.log(x)


class Log1pOp(FloatUnaryOp):
    """`log(1 + x)`: `%y = "tf.Log1p"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Log1p"

    def fn(self, x):
        return np.log1p(x)


class TanhOp(FloatUnaryOp):
    """`%y = "tf.Tanh"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Tanh"

    def fn(self, x):
        return np.tanh(x)


class SigmoidOp(FloatUnaryOp):
    """`1 / (1 + exp(-x))`, without overflow for large |x|:
    `%y = "tf.Sigmoid"(%x) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Sigmoid"

    def fn(self, x):
        e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
        one = np.ones_like(e)
        return np.where(x >= 0, one / (one + e), e / (one + e))


# ----- activations -------------------------------------------------------------------------------

class ReluOp(ActivationOp):
    """`max(features, 0)`: `%a = "tf.Relu"(%f) : (tensor<?x3xf32>) -> tensor<?x3xf32>`"""

    name = "tf.Relu"

    def fn(self, x):
        return np.maximum(x, np.zeros((), x.dtype))


class Relu6Op(ActivationOp):
    """`min(max(features, 0), 6)`: `%a = "tf.Relu6"(%f) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Relu6"

    def fn(self, x):
        return np.minimum(np.maximum(x, np.zeros((), x.dtype)), np.asarray(6, x.dtype))


class EluOp(ActivationOp):
    """`features` where positive, else `exp(features) - 1`:
    `%a = "tf.Elu"(%f) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Elu"
    accepts = staticmethod(is_float)
    allowed = FLOATS

    def fn(self, x):
        return np.where(x > 0, x, np.expm1(np.minimum(x, np.zeros((), x.dtype))))


class SoftplusOp(ActivationOp):
    """`log(1 + exp(features))`, as `log1p(exp(-|x|)) + max(x, 0)` (stable for large |x|):
    `%a = "tf.Softplus"(%f) : (tensor<3xf32>) -> tensor<3xf32>`"""

    name = "tf.Softplus"
    accepts = staticmethod(is_float)
    allowed = FLOATS

    def fn(self, x):
        return np.log1p(np.exp(-np.abs(x))) + np.maximum(x, np.zeros((), x.dtype))


# ----- comparisons and logic ---------------------------------------------------------------------

class CompareOp(BinaryOp):
    """An ordering comparison: numbers in, `i1` out."""

    __slots__ = ()
    bool_result = True


class EqualityOp(CompareOp):
    """Equal / NotEqual: bools too. With `incompatible_shape_error = false`, operands whose
    shapes do not broadcast compare as unequal (a scalar result); the result is then unranked
    unless both shapes are static and broadcast."""

    __slots__ = ()
    accepts = staticmethod(is_number_or_bool)
    allowed = NUMBERS_AND_BOOL
    incompatible_shape_error = Attr(C.BoolAttrC, default=A.BoolAttr(True))
    when_incompatible = False

    @classmethod
    def result_shape(cls, attrs, a, b):
        if attrs.incompatible_shape_error:
            return broadcast_shapes(a, b)
        if a is None or b is None or None in a or None in b:
            return None
        try:
            return broadcast_shapes(a, b)
        except ShapeError:
            return None

    def compute(self, ctx, x, y):
        x, y = np.asarray(x), np.asarray(y)
        if not self.attrs.incompatible_shape_error:
            try:
                np.broadcast_shapes(x.shape, y.shape)
            except ValueError:
                return np.array(self.when_incompatible)
        return super().compute(ctx, x, y)


class EqualOp(EqualityOp):
    """`%z = "tf.Equal"(%x, %y) <{incompatible_shape_error = true}> : (tensor<3xi32>, tensor<i32>) -> tensor<3xi1>`"""

    name = "tf.Equal"
    traits = (Pure, Commutative)

    def fn(self, x, y):
        return np.equal(x, y)


class NotEqualOp(EqualityOp):
    """`%z = "tf.NotEqual"(%x, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>`"""

    name = "tf.NotEqual"
    traits = (Pure, Commutative)
    when_incompatible = True

    def fn(self, x, y):
        return np.not_equal(x, y)


class LessOp(CompareOp):
    """`%z = "tf.Less"(%x, %y) : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>`"""

    name = "tf.Less"

    def fn(self, x, y):
        return np.less(x, y)


class LessEqualOp(CompareOp):
    """`%z = "tf.LessEqual"(%x, %y) : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>`"""

    name = "tf.LessEqual"

    def fn(self, x, y):
        return np.less_equal(x, y)


class GreaterOp(CompareOp):
    """`%z = "tf.Greater"(%x, %y) : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>`"""

    name = "tf.Greater"

    def fn(self, x, y):
        return np.greater(x, y)


class GreaterEqualOp(CompareOp):
    """`%z = "tf.GreaterEqual"(%x, %y) : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>`"""

    name = "tf.GreaterEqual"

    def fn(self, x, y):
        return np.greater_equal(x, y)


class LogicalAndOp(BinaryOp):
    """`%z = "tf.LogicalAnd"(%x, %y) : (tensor<3xi1>, tensor<i1>) -> tensor<3xi1>`"""

    name = "tf.LogicalAnd"
    traits = (Pure, Commutative)
    accepts = staticmethod(is_bool)
    allowed = "bool"

    def fn(self, x, y):
        return np.logical_and(x, y)


class LogicalOrOp(BinaryOp):
    """`%z = "tf.LogicalOr"(%x, %y) : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>`"""

    name = "tf.LogicalOr"
    traits = (Pure, Commutative)
    accepts = staticmethod(is_bool)
    allowed = "bool"

    def fn(self, x, y):
        return np.logical_or(x, y)


class LogicalNotOp(UnaryOp):
    """`%y = "tf.LogicalNot"(%x) : (tensor<3xi1>) -> tensor<3xi1>`"""

    name = "tf.LogicalNot"
    accepts = staticmethod(is_bool)
    allowed = "bool"

    def fn(self, x):
        return np.logical_not(x)


# ----- selection ---------------------------------------------------------------------------------

def _select_operands(cls, condition, t, e):
    check_dtype(condition, "condition", is_bool, "bool")
    return check_same_dtype(_node_type(cls), ("t", t), ("e", e))


def _fold_select(op, constants):
    """A constant condition that is all true (all false) selects `t` (`e`) when types allow."""
    cond = constants[0] if constants else None
    if isinstance(cond, A.DenseElementsAttr) and cond.data.size:
        if bool(np.all(cond.data)) and op.results[0].type == op.t.type:
            return [op.t]
        if not bool(np.any(cond.data)) and op.results[0].type == op.e.type:
            return [op.e]
    return fold_by_compute(op, constants)


class SelectOp(ElementwiseOp):
    """TF1's select: `condition` is a scalar, has the shape of `t` and `e`, or is a vector
    choosing rows (it matches their first dim):
    `%r = "tf.Select"(%c, %t, %e) : (tensor<2xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>`"""

    name = "tf.Select"
    condition = Operand(C.AnyTensor)
    t = Operand(C.AnyTensor)
    e = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, condition, t, e):
        et = _select_operands(cls, condition, t, e)
        data = merge_shapes(shape_of(t.type), shape_of(e.type))
        cond = shape_of(condition.type)
        if cond is not None and data is not None and len(cond) > 0:
            if len(cond) == 1 and len(data) > 0:
                first = merge_shapes(cond, data[:1])
                data = first + data[1:]
            else:
                data = merge_shapes(data, cond)
        return [tensor_type(data, et)]

    def compute(self, ctx, condition, t, e):
        c, t, e = np.asarray(condition), np.asarray(t), np.asarray(e)
        if t.shape != e.shape:
            raise InvalidArgumentError(f"'then' and 'else' must have the same size.  but received: "
                                       f"{format_shape(t.shape)} vs. {format_shape(e.shape)}", self.location)
        if c.ndim == 0:
            return np.array(t if c else e)
        if c.ndim == 1 and t.ndim > 1:
            if c.shape[0] != t.shape[0]:
                raise InvalidArgumentError(f"Number of batches of 'then' must match size of 'cond', but saw: "
                                           f"{t.shape[0]} vs. {c.shape[0]}", self.location)
            c = c.reshape(c.shape + (1,) * (t.ndim - 1))
        elif c.shape != t.shape:
            raise InvalidArgumentError(f"'then' and 'cond' must have the same size.  but received: "
                                       f"{format_shape(t.shape)} vs. {format_shape(c.shape)}", self.location)
        return np.where(c, t, e)

    def fold_data(self, constants):
        return _fold_select(self, constants)


class SelectV2Op(ElementwiseOp):
    """Select with `condition`, `t` and `e` broadcast together:
    `%r = "tf.SelectV2"(%c, %t, %e) : (tensor<?x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<?x3xf32>`"""

    name = "tf.SelectV2"
    condition = Operand(C.AnyTensor)
    t = Operand(C.AnyTensor)
    e = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, condition, t, e):
        et = _select_operands(cls, condition, t, e)
        shape = broadcast_shapes(shape_of(condition.type), broadcast_shapes(shape_of(t.type), shape_of(e.type)))
        return [tensor_type(shape, et)]

    def compute(self, ctx, condition, t, e):
        c, t, e = np.asarray(condition), np.asarray(t), np.asarray(e)
        runtime_broadcast(self, c, t, e)
        return np.where(c, t, e)

    def fold_data(self, constants):
        return _fold_select(self, constants)


# ----- casts -------------------------------------------------------------------------------------

def _round_to_bf16(x: np.ndarray, truncate: bool) -> np.ndarray:
    """float32 values rounded (to nearest even, or truncated) to bfloat16's precision."""
    x = np.asarray(x, np.float32)
    bits = x.view(np.uint32).astype(np.uint64)
    if not truncate:
        bits = bits + 0x7FFF + ((bits >> 16) & 1)
    rounded = (bits & 0xFFFF0000).astype(np.uint32).view(np.float32)
    return np.where(np.isnan(x), x, rounded)


class CastOp(ElementwiseOp):
    """`x` as element type `DstT`: floats to integers truncate toward zero, anything to bool is
    `x != 0`, bool to numbers is 0 or 1; `Truncate` rounds to bfloat16 by truncation:
    `%y = "tf.Cast"(%x) <{DstT = i32}> : (tensor<3xf32>) -> tensor<3xi32>`"""

    name = "tf.Cast"
    x = Operand(C.AnyTensor)
    DstT = Attr(C.TypeAttrOf(C.AnyType))
    Truncate = Attr(C.BoolAttrC, default=A.BoolAttr(False))
    y = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, x):
        check_dtype(x, "x", is_number_or_bool, NUMBERS_AND_BOOL)
        dst = attrs.DstT
        if not is_number_or_bool(dst):
            raise ShapeError(f"Value for attr 'DstT' of {dst} is not in the list of allowed values: "
                             f"{NUMBERS_AND_BOOL}")
        return [tensor_type(shape_of(x.type), dst)]

    def compute(self, ctx, x):
        x = np.asarray(x)
        dst = self.attrs.DstT
        if is_bool(dst):
            return x != 0
        if is_int(dst) and x.dtype.kind == "f":
            x = np.trunc(x)
        if dst == T.bf16:
            return _round_to_bf16(x, self.attrs.Truncate)
        return x.astype(dst.numpy_dtype())

    def fold_data(self, constants):
        if self.results[0].type == self.x.type:
            return [self.x]
        return fold_by_compute(self, constants)


# ----- sequences -----------------------------------------------------------------------------------

class RangeOp(TFOp):
    """`start, start + delta, ...` up to `limit` (excluded), as np.arange:
    `%r = "tf.Range"(%start, %limit, %delta) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>`"""

    name = "tf.Range"
    traits = (Pure,)
    start = Operand(C.AnyTensor)
    limit = Operand(C.AnyTensor)
    delta = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, start, limit, delta):
        et = check_dtype(start, "start", is_number, NUMBERS)
        check_same_dtype("Range", ("start", start), ("limit", limit))
        check_same_dtype("Range", ("start", start), ("delta", delta))
        for value, param in ((start, "start"), (limit, "limit"), (delta, "delta")):
            shape = shape_of(value.type)
            if shape is not None and len(shape) != 0:
                raise ShapeError(f"Shape must be rank 0 but is rank {len(shape)} for '{param}'")
        from tfc.dialects.tf.base import constant_value
        known = [constant_value(v) for v in (start, limit, delta)]
        if all(k is not None for k in known):
            s, l, d = (np.asarray(k).item() for k in known)
            if d == 0:
                raise ShapeError("Requires delta != 0")
            return [tensor_type((len(np.arange(s, l, d)),), et)]
        return [tensor_type((None,), et)]

    def compute(self, ctx, start, limit, delta):
        if delta == 0:
            raise InvalidArgumentError("Requires delta != 0", self.location)
        if (delta > 0 and start > limit) or (delta < 0 and start < limit):
            raise InvalidArgumentError(f"Requires start <= limit when delta > 0: {start}/{limit}"
                                       if delta > 0 else f"Requires start >= limit when delta < 0: {start}/{limit}",
                                       self.location)
        return np.arange(start, limit, delta)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)
