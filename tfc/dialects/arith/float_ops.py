"""arith ops on floating-point values: the binary ops, negf and cmpf.

Values follow IEEE 754 at the type's precision (bf16 is computed in float32 and rounded).
`maximumf`/`minimumf` propagate NaN and order -0.0 below +0.0; `maxnumf`/`minnumf` return
the other operand when one is NaN. The `fastmath` flags do not change the reference semantics.
"""

from __future__ import annotations

import numpy as np

from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Commutative, Elementwise, Pure, SameOperandsAndResultType

from tfc.dialects.arith.attrs import (CMPF_PREDICATES, CmpFPredicateC, FastMathAttrC,
                                      FastMathFlagsAttr, cmpf_predicate)
from tfc.dialects.arith.attrs import fastmath as _to_fastmath
from tfc.dialects.arith.common import (ElementwiseOp, FloatLike, is_float_splat, same_type_infer,
                                       value_attr)
from tfc.dialects.arith.int_ops import _CompareOp

FASTMATH_NONE = FastMathFlagsAttr.get("none")


class FloatOp(ElementwiseOp):
    """Base of float ops whose operands and result share one floating-point-like type and
    that carry `fastmath` flags (also used by the math dialect)."""

    traits = (Pure, Elementwise, SameOperandsAndResultType)
    result = Result(FloatLike)
    fastmath = Attr(FastMathAttrC, default=FASTMATH_NONE, convert=_to_fastmath)

    @classmethod
    def infer_type(cls, operands, properties):
        return same_type_infer(operands, properties)


class _FloatBinaryOp(FloatOp):
    """`"arith.<op>"(%lhs, %rhs) : (T, T) -> T`, computed by the numpy function `_fn`.

    Folds to lhs when rhs is one of `_rhs_identities` (matched bit-exactly, NaN by NaN-ness)
    and, with `_same_operands`, when both operands are the same value.
    """

    lhs = Operand(FloatLike)
    rhs = Operand(FloatLike)
    _fn = None
    _rhs_identities: tuple = ()
    _same_operands = False

    def _compute(self, a, b):
        return type(self)._fn(a, b)

    def _fold_identity(self, constants):
        lhs, rhs, constant = self._rhs_constant(constants)
        if self._same_operands and lhs is rhs:
            return [lhs]
        if constant is not None and any(is_float_splat(constant, x) for x in self._rhs_identities):
            return [lhs]
        return None


def _maximum(a, b):
    """IEEE 754-2019 maximum: NaN if either is NaN, +0.0 > -0.0."""
    return np.where(a == b, np.where(np.signbit(a), b, a), np.maximum(a, b))


def _minimum(a, b):
    return np.where(a == b, np.where(np.signbit(a), a, b), np.minimum(a, b))


def _maxnum(a, b):
    """maxNum: the non-NaN operand when one is NaN."""
    return np.where(a == b, np.where(np.signbit(a), b, a), np.fmax(a, b))


def _minnum(a, b):
    return np.where(a == b, np.where(np.signbit(a), a, b), np.fmin(a, b))


class AddFOp(_FloatBinaryOp):
    """`%r = "arith.addf"(%a, %b) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32`"""

    name = "arith.addf"
    traits = (*FloatOp.traits, Commutative)
    _fn = staticmethod(np.add)
    _rhs_identities = (-0.0,)


class SubFOp(_FloatBinaryOp):
    """`%r = "arith.subf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.subf"
    _fn = staticmethod(np.subtract)
    _rhs_identities = (0.0,)


class MulFOp(_FloatBinaryOp):
    """`%r = "arith.mulf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.mulf"
    traits = (*FloatOp.traits, Commutative)
    _fn = staticmethod(np.multiply)
    _rhs_identities = (1.0,)


class DivFOp(_FloatBinaryOp):
    """`%r = "arith.divf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.divf"
    _fn = staticmethod(np.divide)
    _rhs_identities = (1.0,)


class RemFOp(_FloatBinaryOp):
    """Remainder with the sign of the dividend (C fmod): `%r = "arith.remf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.remf"
    _fn = staticmethod(np.fmod)


class MaximumFOp(_FloatBinaryOp):
    """Maximum propagating NaN: `%r = "arith.maximumf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.maximumf"
    traits = (*FloatOp.traits, Commutative)
    _fn = staticmethod(_maximum)
    _rhs_identities = (-np.inf,)
    _same_operands = True


class MinimumFOp(_FloatBinaryOp):
    """Minimum propagating NaN: `%r = "arith.minimumf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.minimumf"
    traits = (*FloatOp.traits, Commutative)
    _fn = staticmethod(_minimum)
    _rhs_identities = (np.inf,)
    _same_operands = True


class MaxNumFOp(_FloatBinaryOp):
    """Maximum ignoring a NaN operand: `%r = "arith.maxnumf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.maxnumf"
    traits = (*FloatOp.traits, Commutative)
    _fn = staticmethod(_maxnum)
    _rhs_identities = (np.nan, -np.inf)
    _same_operands = True


class MinNumFOp(_FloatBinaryOp):
    """Minimum ignoring a NaN operand: `%r = "arith.minnumf"(%a, %b) : (f32, f32) -> f32`"""

    name = "arith.minnumf"
    traits = (*FloatOp.traits, Commutative)
    _fn = staticmethod(_minnum)
    _rhs_identities = (np.nan, np.inf)
    _same_operands = True


class NegFOp(FloatOp):
    """Flips the sign bit: `%r = "arith.negf"(%a) : (f32) -> f32`"""

    name = "arith.negf"
    operand_ = Operand(FloatLike)  # MLIR's `operand` (which would shadow Operation.operand)

    def _compute(self, x):
        return np.negative(x)

    def _fold_identity(self, constants):
        inner = self.operand_.defining_op
        return [inner.operand_] if isinstance(inner, NegFOp) else None


def _cmpf_table(a, b):
    uno = np.isnan(a) | np.isnan(b)
    return {
        "false": lambda: np.zeros(np.shape(uno), np.bool_), "oeq": lambda: a == b,
        "ogt": lambda: a > b, "oge": lambda: a >= b, "olt": lambda: a < b, "ole": lambda: a <= b,
        "one": lambda: (a != b) & ~uno, "ord": lambda: ~uno, "ueq": lambda: uno | (a == b),
        "ugt": lambda: uno | (a > b), "uge": lambda: uno | (a >= b), "ult": lambda: uno | (a < b),
        "ule": lambda: uno | (a <= b), "une": lambda: a != b, "uno": lambda: uno,
        "true": lambda: np.ones(np.shape(uno), np.bool_),
    }


class CmpFOp(_CompareOp):
    """Float comparison; `predicate` is MLIR's enum value (false=0 oeq=1 ogt=2 oge=3 olt=4 ole=5
    one=6 ord=7 ueq=8 ugt=9 uge=10 ult=11 ule=12 une=13 uno=14 true=15). Ordered predicates
    are false and unordered ones true when an operand is NaN.

    `%r = "arith.cmpf"(%a, %b) <{fastmath = #arith.fastmath<none>, predicate = 4 : i64}> : (f32, f32) -> i1`
    """

    name = "arith.cmpf"
    predicate = Attr(CmpFPredicateC, convert=cmpf_predicate)
    lhs = Operand(FloatLike)
    rhs = Operand(FloatLike)
    fastmath = Attr(FastMathAttrC, default=FASTMATH_NONE, convert=_to_fastmath)
    _PREDICATES = CMPF_PREDICATES

    def _compute(self, a, b):
        return _cmpf_table(a, b)[self.predicate_name]()

    def _fold_identity(self, constants):
        if self.predicate_name in ("false", "true"):
            attr = value_attr(np.bool_(self.predicate_name == "true"), self.result.type)
            return None if attr is None else [attr]
        return None
