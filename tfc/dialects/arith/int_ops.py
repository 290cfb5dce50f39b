"""arith ops on integers: constant, the integer binary ops, cmpi and select.

Integers are signless bit vectors: each op says whether it reads them as signed or unsigned
(divsi/divui, shrsi/shrui, ...). Results wrap modulo 2^width. Division by zero and signed
division overflow are undefined behaviour in MLIR: the interpreter raises ArithmeticError
(reported by the interpreter as an error of the op) and folding leaves them alone. Shifting
by the bit width or more gives poison: the interpreter returns 0 and folding leaves it alone.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import Attr, Op, Operand, Result
from tfc.ir.rewrite import RewritePattern, constant_value
from tfc.ir.traits import (Commutative, ConstantLike, Elementwise, Pure, SameOperandsAndResultType,
                           SameTypeOperands)

from tfc.dialects.arith.attrs import (CMPI_PREDICATES, CmpIPredicateC, IntegerOverflowFlagsAttr,
                                      OverflowAttrC, cmpi_predicate, overflow)
from tfc.dialects.arith.common import (CONSTANT_ATTRS, BoolLike, ElementwiseOp, SignlessIntegerLike,
                                       attr_value, bit_width, fold_constants, is_int_splat,
                                       is_splat_of, same_type_infer, to_signed, to_unsigned,
                                       value_attr, with_element_type)


# ----- constant ----------------------------------------------------------------------------------

class ConstantOp(Op):
    """An integer, float or elements constant.

    `%0 = "arith.constant"() <{value = 42 : i32}> : () -> i32`
    `%1 = "arith.constant"() <{value = dense<[1.0, 2.0]> : vector<2xf32>}> : () -> vector<2xf32>`
    """

    name = "arith.constant"
    traits = (Pure, ConstantLike)
    value = Attr(C.AttrOf(*CONSTANT_ATTRS, description="integer, float, or elements attribute"))
    result = Result(C.AnyType)

    @classmethod
    def infer_type(cls, operands, properties):
        value = properties.get("value")
        return [value.type] if isinstance(value, CONSTANT_ATTRS) else None

    @classmethod
    def get(cls, value, t: T.Type, location=UNKNOWN) -> "ConstantOp":
        """A constant of type `t` from a Python/numpy number (splatted for vectors/tensors)."""
        if not isinstance(value, A.Attribute):
            value = np.asarray(value)
            if isinstance(t, T.ShapedType):
                value = A.DenseElementsAttr(value.astype(T.numpy_dtype(t)), t)
            elif isinstance(t, T.FloatType):
                value = A.FloatAttr.get(float(value), t)
            else:
                value = A.IntegerAttr.get(int(value), t)
        return cls.build(value=value, result_types=[t], location=location)

    def verify(self):
        t, value_type = self.result.type, self.value.type
        if value_type != t:
            raise self.emit_error(f"value type {value_type} must match return type: {t}")
        et = T.element_type(t)
        if isinstance(et, T.IntegerType) and not et.is_signless:
            raise self.emit_error("integer return type must be signless")
        if not isinstance(et, (T.IntegerType, T.IndexType, T.FloatType)):
            raise self.emit_error(f"value must be an integer, float, or elements attribute of those, got {t}")

    def fold(self, constants):
        return [self.value]

    def interpret(self, ctx):
        value = attr_value(self.value)
        return np.array(value) if isinstance(value, np.ndarray) else value


# ----- integer binary ops --------------------------------------------------------------------------

class _IntBinaryOp(ElementwiseOp):
    """Base of `"arith.<op>"(%lhs, %rhs) : (T, T) -> T` on signless integers or index.

    Subclasses define `_int(a, b, width)` on operands as given (use `to_signed`/`to_unsigned`)
    and may list identities: `_rhs_rules(width)` maps a constant rhs value (read as signed)
    to "lhs" (fold to lhs), "rhs" (fold to the constant) or "zero"; `_same_operands` does the
    same for `x op x`.
    """

    traits = (Pure, Elementwise, SameOperandsAndResultType)
    lhs = Operand(SignlessIntegerLike)
    rhs = Operand(SignlessIntegerLike)
    result = Result(SignlessIntegerLike)
    _same_operands: str | None = None
    _divides = False  # _can_fold refuses x/0 ...
    _signed_divisor = False  # ... and MIN/-1
    _associative = False  # (with Commutative) ReassociateConstants regroups its constants

    @classmethod
    def infer_type(cls, operands, properties):
        return same_type_infer(operands, properties)

    def _int(self, a, b, width: int):
        raise NotImplementedError

    def _compute(self, a, b):
        problem = self._undefined(a, b)
        if problem:
            raise ArithmeticError(f"{problem} is undefined behaviour")
        return self._int(a, b, bit_width(self.result.type))

    def _rhs_rules(self, width: int) -> dict:
        return {}

    @classmethod
    def canonicalization_patterns(cls) -> list:
        return [ReassociateConstants(cls)] if cls._associative and cls.name else []

    def _undefined(self, a, b) -> str | None:
        """What makes these operands undefined behaviour (division by zero, signed overflow)."""
        if not self._divides:
            return None
        width = bit_width(self.result.type)
        if np.any(to_unsigned(b, width) == 0):
            return "division by zero"
        overflows = (to_signed(b, width) == -1) & (to_signed(a, width) == _smin(width))
        if self._signed_divisor and np.any(overflows):
            return "signed division overflow (the minimum value divided by -1)"
        return None

    def _can_fold(self, a, b) -> bool:
        return self._undefined(a, b) is None

    def _fold_identity(self, constants):
        lhs, rhs, constant = self._rhs_constant(constants)
        if lhs is rhs and self._same_operands:
            return self._folded(self._same_operands, lhs, constant)
        if constant is not None:
            width = bit_width(self.result.type)
            for n, what in self._rhs_rules(width).items():
                if is_int_splat(constant, width, n):
                    return self._folded(what, lhs, constant)
        return None

    def _folded(self, what: str, lhs, constant):
        if what == "lhs":
            return [lhs]
        if what == "rhs":
            return [constant]
        zero = value_attr(0, self.result.type)
        return None if zero is None else [zero]


class ReassociateConstants(RewritePattern):
    """`op(op(x, c0), c1)` -> `op(x, op(c0, c1))` for an associative and commutative op
    (constants are already on the right: the canonicalizer moves them there). Overflow flags
    are dropped, as the regrouped additions may overflow differently."""

    def __init__(self, root: type):
        self.root = root

    def matches_root(self, op) -> bool:
        return type(op) is self.root

    def match_and_rewrite(self, op, rewriter) -> bool:
        inner = op.lhs.defining_op
        outer_constant = constant_value(op.rhs)
        if outer_constant is None or type(inner) is not type(op):
            return False
        inner_constant = constant_value(inner.rhs)
        if inner_constant is None or constant_value(inner.lhs) is not None:
            return False
        folded = fold_constants(op, [inner_constant, outer_constant])
        if folded is None:
            return False
        rewriter.set_insertion_point_before(op)
        constant = rewriter.create(ConstantOp, value=folded[0], result_types=[op.result.type])
        rewriter.replace_op_with_new(op, type(op), inner.lhs, constant.result)
        return True


class _IntBinaryOpWithOverflow(_IntBinaryOp):
    overflowFlags = Attr(OverflowAttrC, default=IntegerOverflowFlagsAttr.get("none"), convert=overflow)


def _smax(width):
    return (1 << (width - 1)) - 1


def _smin(width):
    return -(1 << (width - 1))


def _s(x, w):
    return to_signed(x, w)


def _u(x, w):
    return to_unsigned(x, w)


def _safe(b, bad):
    """Divisor `b` with the elements where `bad` holds replaced by 1."""
    return np.where(bad, b.dtype.type(1), b)


def _sdiv(a, b, rounding: str):
    """Signed a / b (int64) rounded "trunc", "floor" or "ceil"; x/0 gives 0, x/-1 gives -x."""
    zero, neg1 = b == 0, b == -1
    d = _safe(b, zero | neg1)
    q = a // d
    inexact = (a - q * d) != 0
    if rounding == "trunc":
        q = q + (inexact & ((a < 0) != (d < 0)))
    elif rounding == "ceil":
        q = q + inexact
    q = np.where(neg1, np.negative(a), q)
    return np.where(zero, np.int64(0), q)


def _udiv(a, b, rounding: str = "floor"):
    zero = b == 0
    d = _safe(b, zero)
    q = a // d
    if rounding == "ceil":
        q = q + (a % d != 0).astype(np.uint64)
    return np.where(zero, np.uint64(0), q)


def _shift_amount(b, width):
    amount = _u(b, width)
    valid = amount < np.uint64(width)
    return np.where(valid, amount, np.uint64(0)), valid


class AddIOp(_IntBinaryOpWithOverflow):
    """`%r = "arith.addi"(%a, %b) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32`"""

    name = "arith.addi"
    traits = (*_IntBinaryOp.traits, Commutative)
    _associative = True

    def _int(self, a, b, w):
        return _u(a, w) + _u(b, w)

    def _rhs_rules(self, w):
        return {0: "lhs"}

    def _fold_identity(self, constants):
        # (a - b) + b -> a and b + (a - b) -> a
        for x, y in ((self.lhs, self.rhs), (self.rhs, self.lhs)):
            sub = x.defining_op
            if isinstance(sub, SubIOp) and sub.rhs is y:
                return [sub.lhs]
        return super()._fold_identity(constants)


class SubIOp(_IntBinaryOpWithOverflow):
    """`%r = "arith.subi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.subi"
    _same_operands = "zero"

    def _int(self, a, b, w):
        return _u(a, w) - _u(b, w)

    def _rhs_rules(self, w):
        return {0: "lhs"}

    def _fold_identity(self, constants):
        # (a + b) - b -> a and (a + b) - a -> b
        add = self.lhs.defining_op
        if isinstance(add, AddIOp):
            if add.rhs is self.rhs:
                return [add.lhs]
            if add.lhs is self.rhs:
                return [add.rhs]
        return super()._fold_identity(constants)


class MulIOp(_IntBinaryOpWithOverflow):
    """`%r = "arith.muli"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.muli"
    traits = (*_IntBinaryOp.traits, Commutative)
    _associative = True

    def _int(self, a, b, w):
        return _u(a, w) * _u(b, w)

    def _rhs_rules(self, w):
        return {0: "rhs", 1: "lhs"}


class DivSIOp(_IntBinaryOp):
    """Signed division rounding toward zero: `%r = "arith.divsi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.divsi"
    _divides = _signed_divisor = True

    def _int(self, a, b, w):
        return _sdiv(_s(a, w), _s(b, w), "trunc")

    def _rhs_rules(self, w):
        return {1: "lhs"}


class DivUIOp(_IntBinaryOp):
    """Unsigned division: `%r = "arith.divui"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.divui"
    _divides = True

    def _int(self, a, b, w):
        return _udiv(_u(a, w), _u(b, w))

    def _rhs_rules(self, w):
        return {1: "lhs"}


class CeilDivSIOp(DivSIOp):
    """Signed division rounding toward +inf: `%r = "arith.ceildivsi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.ceildivsi"

    def _int(self, a, b, w):
        return _sdiv(_s(a, w), _s(b, w), "ceil")


class CeilDivUIOp(DivUIOp):
    """Unsigned division rounding up: `%r = "arith.ceildivui"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.ceildivui"

    def _int(self, a, b, w):
        return _udiv(_u(a, w), _u(b, w), "ceil")


class FloorDivSIOp(DivSIOp):
    """Signed division rounding toward -inf: `%r = "arith.floordivsi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.floordivsi"

    def _int(self, a, b, w):
        return _sdiv(_s(a, w), _s(b, w), "floor")


class RemSIOp(_IntBinaryOp):
    """Signed remainder, with the sign of the dividend: `%r = "arith.remsi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.remsi"
    _divides = True

    def _int(self, a, b, w):
        a, b = _s(a, w), _s(b, w)
        r = a - _sdiv(a, b, "trunc") * b
        return np.where(b == 0, np.int64(0), r)

    def _rhs_rules(self, w):
        return {1: "zero"}


class RemUIOp(_IntBinaryOp):
    """Unsigned remainder: `%r = "arith.remui"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.remui"
    _divides = True

    def _int(self, a, b, w):
        a, b = _u(a, w), _u(b, w)
        return np.where(b == 0, np.uint64(0), a % _safe(b, b == 0))

    def _rhs_rules(self, w):
        return {1: "zero"}


class AndIOp(_IntBinaryOp):
    """`%r = "arith.andi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.andi"
    traits = (*_IntBinaryOp.traits, Commutative)
    _associative = True
    _same_operands = "lhs"

    def _int(self, a, b, w):
        return _u(a, w) & _u(b, w)

    def _rhs_rules(self, w):
        return {0: "rhs", -1: "lhs"}


class OrIOp(_IntBinaryOp):
    """`%r = "arith.ori"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.ori"
    traits = (*_IntBinaryOp.traits, Commutative)
    _associative = True
    _same_operands = "lhs"

    def _int(self, a, b, w):
        return _u(a, w) | _u(b, w)

    def _rhs_rules(self, w):
        return {0: "lhs", -1: "rhs"}


class XOrIOp(_IntBinaryOp):
    """`%r = "arith.xori"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.xori"
    traits = (*_IntBinaryOp.traits, Commutative)
    _associative = True
    _same_operands = "zero"

    def _int(self, a, b, w):
        return _u(a, w) ^ _u(b, w)

    def _rhs_rules(self, w):
        return {0: "lhs"}


class _ShiftOp(_IntBinaryOp):
    def _can_fold(self, a, b):
        return bool(np.all(_shift_amount(b, bit_width(self.result.type))[1]))

    def _rhs_rules(self, w):
        return {0: "lhs"}


class ShLIOp(_ShiftOp, _IntBinaryOpWithOverflow):
    """Shift left; shifting by the bit width or more is poison (0 here).

    `%r = "arith.shli"(%a, %b) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32`
    """

    name = "arith.shli"

    def _int(self, a, b, w):
        amount, valid = _shift_amount(b, w)
        return np.where(valid, _u(a, w) << amount, np.uint64(0))


class ShRSIOp(_ShiftOp):
    """Arithmetic shift right: `%r = "arith.shrsi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.shrsi"

    def _int(self, a, b, w):
        amount, valid = _shift_amount(b, w)
        return np.where(valid, _s(a, w) >> amount.astype(np.int64), np.int64(0))


class ShRUIOp(_ShiftOp):
    """Logical shift right: `%r = "arith.shrui"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.shrui"

    def _int(self, a, b, w):
        amount, valid = _shift_amount(b, w)
        return np.where(valid, _u(a, w) >> amount, np.uint64(0))


class _MinMaxIOp(_IntBinaryOp):
    traits = (*_IntBinaryOp.traits, Commutative)
    _associative = True
    _same_operands = "lhs"
    _signed = True
    _pick = staticmethod(np.maximum)

    def _int(self, a, b, w):
        convert = _s if self._signed else _u
        return self._pick(convert(a, w), convert(b, w))

    def _rhs_rules(self, w):
        low, high = (_smin(w), _smax(w)) if self._signed else (0, -1)
        if self._pick is np.maximum:
            return {high: "rhs", low: "lhs"}
        return {low: "rhs", high: "lhs"}


class MaxSIOp(_MinMaxIOp):
    """Signed maximum: `%r = "arith.maxsi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.maxsi"


class MaxUIOp(_MinMaxIOp):
    """Unsigned maximum: `%r = "arith.maxui"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.maxui"
    _signed = False


class MinSIOp(_MinMaxIOp):
    """Signed minimum: `%r = "arith.minsi"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.minsi"
    _pick = staticmethod(np.minimum)


class MinUIOp(_MinMaxIOp):
    """Unsigned minimum: `%r = "arith.minui"(%a, %b) : (i32, i32) -> i32`"""

    name = "arith.minui"
    _signed = False
    _pick = staticmethod(np.minimum)


# ----- comparison and select ---------------------------------------------------------------------

def i1_like(t: T.Type) -> T.Type:
    """i1, or i1 in the shape of shaped type `t`."""
    return with_element_type(t, T.i1)


class _CompareOp(ElementwiseOp):
    """Base of cmpi/cmpf: same-typed operands, an i1 result shaped like them."""

    traits = (Pure, Elementwise, SameTypeOperands)
    result = Result(BoolLike)
    _PREDICATES: tuple = ()

    @classmethod
    def infer_type(cls, operands, properties):
        return [i1_like(operands[0].type)] if operands else None

    def verify(self):
        if self.result.type != i1_like(self.lhs.type):
            raise self.emit_error("failed to verify that result type has i1 element type and same shape as operands")

    @property
    def predicate_name(self) -> str:
        return self._PREDICATES[self.predicate.value]


_CMPI = {"eq": ("u", np.equal), "ne": ("u", np.not_equal),
         "slt": ("s", np.less), "sle": ("s", np.less_equal),
         "sgt": ("s", np.greater), "sge": ("s", np.greater_equal),
         "ult": ("u", np.less), "ule": ("u", np.less_equal),
         "ugt": ("u", np.greater), "uge": ("u", np.greater_equal)}


class CmpIOp(_CompareOp):
    """Integer comparison; `predicate` is MLIR's enum value (eq=0 ne=1 slt=2 sle=3 sgt=4 sge=5
    ult=6 ule=7 ugt=8 uge=9).

    `%r = "arith.cmpi"(%a, %b) <{predicate = 2 : i64}> : (i32, i32) -> i1`
    """

    name = "arith.cmpi"
    predicate = Attr(CmpIPredicateC, convert=cmpi_predicate)
    lhs = Operand(SignlessIntegerLike)
    rhs = Operand(SignlessIntegerLike)
    _PREDICATES = CMPI_PREDICATES

    def _compute(self, a, b):
        sign, compare = _CMPI[self.predicate_name]
        w = bit_width(self.lhs.type)
        convert = _s if sign == "s" else _u
        return compare(convert(a, w), convert(b, w))

    def _fold_identity(self, constants):
        if self.lhs is self.rhs:
            truth = self.predicate_name in ("eq", "sle", "sge", "ule", "uge")
            attr = value_attr(np.bool_(truth), self.result.type)
            return None if attr is None else [attr]
        return None


class SelectOp(ElementwiseOp):
    """Chooses between two values by an i1 condition (elementwise when the condition is shaped).

    `%r = "arith.select"(%c, %a, %b) : (i1, f32, f32) -> f32`
    """

    name = "arith.select"
    traits = (Pure, Elementwise)
    condition = Operand(BoolLike)
    true_value = Operand(C.AnyType)
    false_value = Operand(C.AnyType)
    result = Result(C.AnyType)

    @classmethod
    def infer_type(cls, operands, properties):
        return [operands[1].type] if len(operands) == 3 else None

    def verify(self):
        t = self.result.type
        if not (self.true_value.type == self.false_value.type == t):
            raise self.emit_error("failed to verify that all of {true_value, false_value, result} have same type")
        cond = self.condition.type
        if cond != T.i1 and cond != i1_like(t):
            raise self.emit_error("failed to verify that condition is signless i1 or has matching shape")

    def _compute(self, c, a, b):
        return np.where(c, a, b)

    def fold(self, constants):
        cond, on_true, on_false = constants
        if self.true_value is self.false_value:
            return [self.true_value]
        if cond is not None:
            if is_splat_of(cond, np.asarray):  # true everywhere
                return [self.true_value]
            if is_splat_of(cond, np.logical_not):
                return [self.false_value]
        if (self.result.type == T.i1 and isinstance(on_true, A.BoolAttr) and on_true.value
                and isinstance(on_false, A.BoolAttr) and not on_false.value):
            return [self.condition]
        return super().fold(constants)
