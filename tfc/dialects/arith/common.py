"""Machinery shared by the arith and math dialects.

* type constraints MLIR's ODS uses for these ops (`SignlessFixedWidthIntegerLike`, ...);
* two's-complement helpers on numpy values: integers of any width up to 64 are computed in
  uint64/int64 and wrapped back to the result type (`to_unsigned`, `to_signed`, `finish`);
* conversions between constant attributes and numpy values (`attr_value`, `value_attr`);
* `ElementwiseOp`, the base of every elementwise op: it interprets through a `_compute`
  hook and constant-folds by interpreting its constant operands.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Op
from tfc.ir.traits import Commutative

# ----- type constraints ----------------------------------------------------------------------

_ELEMENTWISE_CONTAINERS = (T.VectorType, T.TensorType, T.UnrankedTensorType)


def _like(element_ok, description: str) -> C.Constraint:
    """Scalars satisfying `element_ok`, and vectors and tensors of them."""
    return C.Constraint(lambda t: element_ok(t) or (isinstance(t, _ELEMENTWISE_CONTAINERS)
                                                    and element_ok(t.element_type)), description)


def _signless_int(t) -> bool:
    return isinstance(t, T.IntegerType) and t.is_signless


FloatLike = C.FloatLike
BoolLike = C.BoolLike
SignlessIntegerLike = C.SignlessIntegerLike  # integers and index ("signless-integer-like")
SignlessFixedWidthIntegerLike = _like(_signless_int, "signless-fixed-width-integer-like")
SignlessIntegerOrFloatLike = _like(lambda t: _signless_int(t) or isinstance(t, T.FloatType),
                                   "signless-integer-or-float-like")


def with_element_type(t: T.Type, element: T.Type) -> T.Type:
    """`t` with its element type replaced (the element itself for scalars)."""
    if isinstance(t, T.TensorType):
        return T.TensorType(t.shape, element, t.encoding)
    if isinstance(t, T.VectorType):
        return T.VectorType(t.shape, element, t.scalable)
    if isinstance(t, T.UnrankedTensorType):
        return T.UnrankedTensorType(element)
    return element


def shape_key(t: T.Type):
    """What must match between the operand and result of an elementwise cast."""
    if isinstance(t, (T.TensorType, T.VectorType)):
        return (type(t).__name__, tuple(t.shape), getattr(t, "scalable", ()))
    if isinstance(t, T.UnrankedTensorType):
        return ("unranked",)
    return None


def bit_width(t: T.Type) -> int:
    et = T.element_type(t)
    return 64 if isinstance(et, T.IndexType) else et.width


# ----- two's complement on numpy values ----------------------------------------------------------

def to_unsigned(x, width: int) -> np.ndarray:
    """The low `width` bits of integers (or bools) `x`, as uint64."""
    u = np.asarray(x).astype(np.uint64)
    if width < 64:
        u = u & np.uint64((1 << width) - 1)
    return u


def to_signed(x, width: int) -> np.ndarray:
    """The low `width` bits of `x` read as a two's complement number, as int64."""
    u = to_unsigned(x, width)
    if width < 64:
        sign = np.uint64(1 << (width - 1))
        u = (u ^ sign) - sign
    return np.asarray(u).view(np.int64)


def wrap_int(x, t: T.Type) -> np.ndarray:
    """Integers `x` (any integer dtype, any magnitude mod 2^64) as values of integer type `t`."""
    dtype = T.numpy_dtype(t)
    width = bit_width(t)
    if dtype == np.bool_:
        return to_unsigned(x, 1).astype(np.bool_)
    if dtype.kind == "i":
        return to_signed(x, width).astype(dtype)
    return to_unsigned(x, width).astype(dtype)


def round_bf16(a: np.ndarray) -> np.ndarray:
    """Round float32 values to the nearest bfloat16 (ties to even), kept in float32."""
    a = np.asarray(a, np.float32)
    bits = a.view(np.uint32)
    rounded = ((bits + np.uint32(0x7FFF) + ((bits >> np.uint32(16)) & np.uint32(1)))
               & np.uint32(0xFFFF0000)).view(np.float32)
    return np.where(np.isnan(a), a, rounded)


def to_float(x, t: T.Type) -> np.ndarray:
    r = np.asarray(x).astype(T.numpy_dtype(t))
    if T.element_type(t).kind == "bf16":
        r = round_bf16(r)
    return r


def finish(value, t: T.Type, operands):
    """Convert a computed value to the numpy representation of type `t`.

    Integers wrap to the type's width, floats round to its precision. The result is a numpy
    scalar when every operand was a scalar, an array otherwise.
    """
    if T.is_float_like(t):
        r = to_float(value, t)
    elif T.is_integer_like(t):
        r = wrap_int(value, t)
    else:
        r = np.asarray(value)
    if any(isinstance(v, np.ndarray) for v in operands):
        return r
    return r[()]


# ----- constants ---------------------------------------------------------------------------------

CONSTANT_ATTRS = (A.IntegerAttr, A.FloatAttr, A.BoolAttr, A.DenseElementsAttr)


def attr_value(attr):
    """The numpy value of a constant attribute (scalar or array), or None."""
    if isinstance(attr, A.BoolAttr):
        return np.bool_(attr.value)
    if isinstance(attr, A.IntegerAttr):
        try:
            return T.numpy_dtype(attr.type).type(attr.value)
        except (ValueError, AttributeError, OverflowError):
            return None
    if isinstance(attr, A.FloatAttr):
        return T.numpy_dtype(attr.type).type(attr.value)
    if isinstance(attr, A.DenseElementsAttr):
        return attr.data
    return None


def value_attr(value, t: T.Type):
    """A constant attribute of type `t` holding numpy `value`, or None when `t` has no static shape."""
    if isinstance(t, T.ShapedType):
        if not isinstance(t, (T.TensorType, T.VectorType)) or not t.has_static_shape:
            return None
        return A.DenseElementsAttr(np.asarray(value), t)
    if isinstance(t, (T.IntegerType, T.IndexType)):
        return A.IntegerAttr.get(int(value), t)
    if isinstance(t, T.FloatType):
        return A.FloatAttr.get(float(value), t)
    return None


def is_splat_of(attr, predicate) -> bool:
    """True when `attr` is a constant whose every element satisfies `predicate` (numpy -> bool array)."""
    value = attr_value(attr)
    if value is None or np.size(value) == 0:
        return False
    with np.errstate(all="ignore"):
        return bool(np.all(predicate(value)))


def is_int_splat(attr, width: int, n: int) -> bool:
    """`attr` is the integer `n` in every element, its bits read as signed or (for n >= 0)
    unsigned: `true : i1` is both 1 and -1."""
    return is_splat_of(attr, lambda v: (to_signed(v, width) == n) | ((n >= 0) & (to_unsigned(v, width) == n)))


def is_float_splat(attr, x: float) -> bool:
    """`attr` is the float `x` in every element; zeros must match in sign, NaN matches NaN."""
    if np.isnan(x):
        return is_splat_of(attr, np.isnan)
    return is_splat_of(attr, lambda v: (v == x) & (np.signbit(v) == np.signbit(x)))


# ----- the base of elementwise ops ---------------------------------------------------------------

class ElementwiseOp(Op):
    """An op computed elementwise with numpy by `_compute(*operand_values)`.

    `interpret` runs `_compute` with floating-point and overflow warnings silenced and
    converts its result to the result type (wrapping integers, rounding floats). `fold`
    interprets constant operands (unless `_can_fold` refuses, e.g. for division by zero)
    and otherwise tries the op's algebraic identities in `_fold_identity`.
    """

    __slots__ = ()

    def _compute(self, *values):
        raise NotImplementedError(f"'{self.name}' has no interpreter rule")

    def interpret(self, ctx, *values):
        with np.errstate(all="ignore"):
            return finish(self._compute(*values), self.results[0].type, values)

    def _can_fold(self, *values) -> bool:
        """False when constant-folding these operand values would fold undefined behaviour."""
        return True

    def _fold_identity(self, constants):
        return None

    def fold(self, constants):
        folded = fold_constants(self, constants)
        return folded if folded is not None else self._fold_identity(constants)

    def _rhs_constant(self, constants):
        """(lhs, rhs, rhs constant), with the operands swapped on a commutative op whose
        only constant is on the left."""
        lhs, rhs = self.operands[0], self.operands[1]
        if constants[1] is None and constants[0] is not None and self.has_trait(Commutative):
            return rhs, lhs, constants[0]
        return lhs, rhs, constants[1]


def fold_constants(op: ElementwiseOp, constants):
    """Fold `op` when every operand is constant, by interpreting it on the constant values."""
    if not constants or any(c is None for c in constants):
        return None
    values = [attr_value(c) for c in constants]
    if any(v is None for v in values):
        return None
    with np.errstate(all="ignore"):
        if not op._can_fold(*values):
            return None
        try:
            attr = value_attr(op.interpret(None, *values), op.results[0].type)
        except (ValueError, TypeError, OverflowError):  # e.g. constants not of the op's types
            return None
    return None if attr is None else [attr]


def same_type_infer(operands, properties):
    """infer_type of ops whose result has the type of their first operand."""
    return [operands[0].type] if operands else None


def check_same_shape(op, in_type, out_type) -> None:
    if shape_key(in_type) != shape_key(out_type):
        raise op.emit_error(f"requires the same shape for all operands and results")
