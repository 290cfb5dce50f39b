"""The math dialect: MLIR's elementwise mathematical functions on floats and integers.

Ops print in MLIR's generic form, e.g.
`%0 = "math.sqrt"(%x) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32`. Names, operands
and attributes are upstream MLIR's (unary ops' `operand` is the field `operand_` here, as
`operand` would shadow `Operation.operand`). Each op interprets with numpy; an op whose
operands are all constants folds by interpreting them. Constants materialize as
`arith.constant`.
"""

from __future__ import annotations

import math

import numpy as np

from tfc.ir.opdef import Attr, Dialect, Operand, Result
from tfc.ir.traits import Elementwise, Pure, SameOperandsAndResultShape, SameOperandsAndResultType

from tfc.dialects.arith import materialize_constant
from tfc.dialects.arith.attrs import FastMathAttrC
from tfc.dialects.arith.attrs import fastmath as _to_fastmath
from tfc.dialects.arith.common import (BoolLike, ElementwiseOp, FloatLike, SignlessIntegerLike,
                                       bit_width, same_type_infer, shape_key, to_signed,
                                       to_unsigned)
from tfc.dialects.arith.float_ops import FASTMATH_NONE, FloatOp
from tfc.dialects.arith.int_ops import i1_like


class MathDialect(Dialect):
    name = "math"

    def materialize_constant(self, value, type, location):
        return materialize_constant(value, type, location)


# ----- base classes ------------------------------------------------------------------------------

class _FloatUnaryOp(FloatOp):
    """`%r = "math.<op>"(%x) : (T) -> T` on floats, computed by the numpy function `_fn`."""

    operand_ = Operand(FloatLike)
    _fn = None

    def _compute(self, x):
        return type(self)._fn(x)


class _FloatBinaryOp(FloatOp):
    """`%r = "math.<op>"(%lhs, %rhs) : (T, T) -> T` on floats, computed by `_fn`."""

    lhs = Operand(FloatLike)
    rhs = Operand(FloatLike)
    _fn = None

    def _compute(self, a, b):
        return type(self)._fn(a, b)


class _IntUnaryOp(ElementwiseOp):
    """`%r = "math.<op>"(%x) : (T) -> T` on signless integers; `_int(u, width)` gets the
    operand's bits as uint64."""

    traits = (Pure, Elementwise, SameOperandsAndResultType)
    operand_ = Operand(SignlessIntegerLike)
    result = Result(SignlessIntegerLike)

    @classmethod
    def infer_type(cls, operands, properties):
        return same_type_infer(operands, properties)

    def _compute(self, x):
        width = bit_width(self.result.type)
        return self._int(to_unsigned(x, width), width)

    def _int(self, u, width):
        raise NotImplementedError


class _FloatClassificationOp(ElementwiseOp):
    """`%r = "math.is<class>"(%x) : (f32) -> i1`: an i1 (shaped like the operand) per element."""

    traits = (Pure, Elementwise, SameOperandsAndResultShape)
    operand_ = Operand(FloatLike)
    result = Result(BoolLike)
    fastmath = Attr(FastMathAttrC, default=FASTMATH_NONE, convert=_to_fastmath)
    _fn = None

    @classmethod
    def infer_type(cls, operands, properties):
        return [i1_like(operands[0].type)] if operands else None

    def verify(self):
        if self.result.type != i1_like(self.operand_.type):
            raise self.emit_error("failed to verify that result type has i1 element type and same shape as operand")

    def _compute(self, x):
        return type(self)._fn(x)


# ----- numpy helpers -----------------------------------------------------------------------------

def _round_half_away(x):
    t = np.trunc(x)
    return np.where(np.abs(x - t) >= 0.5, t + np.sign(x), t)


def _vectorized(fn):
    ufunc = np.vectorize(fn, otypes=[np.float64])
    return lambda x: ufunc(np.asarray(x, np.float64))


def _bit_count(u, width, predicate):
    """For each element, how many k in [0, width) satisfy predicate(u, k)."""
    n = np.zeros(np.shape(u), np.uint64)
    for k in range(width):
        n = n + predicate(u, np.uint64(k)).astype(np.uint64)
    return n


def _fma(a, b, c):
    if np.asarray(a).dtype == np.float64:
        fused = getattr(math, "fma", None)  # Python 3.13+
        if fused is not None:
            return np.vectorize(fused, otypes=[np.float64])(a, b, c)
        return a * b + c
    # float32 and narrower: the product is exact in float64, so one rounding of the sum remains
    return np.asarray(a, np.float64) * np.asarray(b, np.float64) + np.asarray(c, np.float64)


# ----- float unary ops ---------------------------------------------------------------------------

class AbsFOp(_FloatUnaryOp):
    """`%r = "math.absf"(%x) : (f32) -> f32`"""
    name = "math.absf"
    _fn = staticmethod(np.abs)


class CeilOp(_FloatUnaryOp):
    """`%r = "math.ceil"(%x) : (f32) -> f32`"""
    name = "math.ceil"
    _fn = staticmethod(np.ceil)


class FloorOp(_FloatUnaryOp):
    """`%r = "math.floor"(%x) : (f32) -> f32`"""
    name = "math.floor"
    _fn = staticmethod(np.floor)


class RoundOp(_FloatUnaryOp):
    """Rounds half away from zero: `%r = "math.round"(%x) : (f32) -> f32`"""
    name = "math.round"
    _fn = staticmethod(_round_half_away)


class RoundEvenOp(_FloatUnaryOp):
    """Rounds half to even: `%r = "math.roundeven"(%x) : (f32) -> f32`"""
    name = "math.roundeven"
    _fn = staticmethod(np.rint)


class TruncOp(_FloatUnaryOp):
    """Rounds toward zero: `%r = "math.trunc"(%x) : (f32) -> f32`"""
    name = "math.trunc"
    _fn = staticmethod(np.trunc)


class SqrtOp(_FloatUnaryOp):
    """`%r = "math.sqrt"(%x) : (f32) -> f32`"""
    name = "math.sqrt"
    _fn = staticmethod(np.sqrt)


class RsqrtOp(_FloatUnaryOp):
    """1 / sqrt(x): `%r = "math.rsqrt"(%x) : (f32) -> f32`"""
    name = "math.rsqrt"
    _fn = staticmethod(lambda x: np.reciprocal(np.sqrt(x)))


class CbrtOp(_FloatUnaryOp):
    """`%r = "math.cbrt"(%x) : (f32) -> f32`"""
    name = "math.cbrt"
    _fn = staticmethod(np.cbrt)


class ExpOp(_FloatUnaryOp):
    """`%r = "math.exp"(%x) : (f32) -> f32`"""
    name = "math.exp"
    _fn = staticmethod(np.exp)


class Exp2Op(_FloatUnaryOp):
    """`%r = "math.exp2"(%x) : (f32) -> f32`"""
    name = "math.exp2"
    _fn = staticmethod(np.exp2)


class ExpM1Op(_FloatUnaryOp):
    """exp(x) - 1: `%r = "math.expm1"(%x) : (f32) -> f32`"""
    name = "math.expm1"
    _fn = staticmethod(np.expm1)


class LogOp(_FloatUnaryOp):
    """`%r = "math.log"(%x) : (f32) -> f32`"""
    name = "math.log"
    _fn = staticmethod(np.log)


class Log2Op(_FloatUnaryOp):
    """`%r = "math.log2"(%x) : (f32) -> f32`"""
    name = "math.log2"
    _fn = staticmethod(np.log2)


class Log10Op(_FloatUnaryOp):
    """`%r = "math.log10"(%x) : (f32) -> f32`"""
    name = "math.log10"
    _fn = staticmethod(np.log10)


class Log1pOp(_FloatUnaryOp):
    """log(1 + x): `%r = "math.log1p"(%x) : (f32) -> f32`"""
    name = "math.log1p"
    _fn = staticmethod(np.log1p)


class SinOp(_FloatUnaryOp):
    """`%r = "math.sin"(%x) : (f32) -> f32`"""
    name = "math.sin"
    _fn = staticmethod(np.sin)


class CosOp(_FloatUnaryOp):
    """`%r = "math.cos"(%x) : (f32) -> f32`"""
    name = "math.cos"
    _fn = staticmethod(np.cos)


class TanOp(_FloatUnaryOp):
    """`%r = "math.tan"(%x) : (f32) -> f32`"""
    name = "math.tan"
    _fn = staticmethod(np.tan)


class AsinOp(_FloatUnaryOp):
    """`%r = "math.asin"(%x) : (f32) -> f32`"""
    name = "math.asin"
    _fn = staticmethod(np.arcsin)


class AcosOp(_FloatUnaryOp):
    """`%r = "math.acos"(%x) : (f32) -> f32`"""
    name = "math.acos"
    _fn = staticmethod(np.arccos)


class AtanOp(_FloatUnaryOp):
    """`%r = "math.atan"(%x) : (f32) -> f32`"""
    name = "math.atan"
    _fn = staticmethod(np.arctan)


class SinhOp(_FloatUnaryOp):
    """`%r = "math.sinh"(%x) : (f32) -> f32`"""
    name = "math.sinh"
    _fn = staticmethod(np.sinh)


class CoshOp(_FloatUnaryOp):
    """`%r = "math.cosh"(%x) : (f32) -> f32`"""
    name = "math.cosh"
    _fn = staticmethod(np.cosh)


class TanhOp(_FloatUnaryOp):
    """`%r = "math.tanh"(%x) : (f32) -> f32`"""
    name = "math.tanh"
    _fn = staticmethod(np.tanh)


class AsinhOp(_FloatUnaryOp):
    """`%r = "math.asinh"(%x) : (f32) -> f32`"""
    name = "math.asinh"
    _fn = staticmethod(np.arcsinh)


class AcoshOp(_FloatUnaryOp):
    """`%r = "math.acosh"(%x) : (f32) -> f32`"""
    name = "math.acosh"
    _fn = staticmethod(np.arccosh)


class AtanhOp(_FloatUnaryOp):
    """`%r = "math.atanh"(%x) : (f32) -> f32`"""
    name = "math.atanh"
    _fn = staticmethod(np.arctanh)


class ErfOp(_FloatUnaryOp):
    """The error function: `%r = "math.erf"(%x) : (f32) -> f32`"""
    name = "math.erf"
    _fn = staticmethod(_vectorized(math.erf))


class ErfcOp(_FloatUnaryOp):
    """1 - erf(x): `%r = "math.erfc"(%x) : (f32) -> f32`"""
    name = "math.erfc"
    _fn = staticmethod(_vectorized(math.erfc))


# ----- float binary and ternary ops --------------------------------------------------------------

class Atan2Op(_FloatBinaryOp):
    """atan2(y = lhs, x = rhs): `%r = "math.atan2"(%y, %x) : (f32, f32) -> f32`"""
    name = "math.atan2"
    _fn = staticmethod(np.arctan2)


class CopySignOp(_FloatBinaryOp):
    """Magnitude of lhs, sign of rhs: `%r = "math.copysign"(%a, %b) : (f32, f32) -> f32`"""
    name = "math.copysign"
    _fn = staticmethod(np.copysign)


class PowFOp(_FloatBinaryOp):
    """`%r = "math.powf"(%x, %y) : (f32, f32) -> f32`"""
    name = "math.powf"
    _fn = staticmethod(np.power)


class FmaOp(FloatOp):
    """Fused multiply-add a * b + c: `%r = "math.fma"(%a, %b, %c) : (f32, f32, f32) -> f32`"""

    name = "math.fma"
    a = Operand(FloatLike)
    b = Operand(FloatLike)
    c = Operand(FloatLike)

    def _compute(self, a, b, c):
        return _fma(a, b, c)


class FPowIOp(ElementwiseOp):
    """Float to a signed integer power: `%r = "math.fpowi"(%x, %n) : (f32, i32) -> f32`"""

    name = "math.fpowi"
    traits = (Pure, Elementwise, SameOperandsAndResultShape)
    lhs = Operand(FloatLike)
    rhs = Operand(SignlessIntegerLike)
    result = Result(FloatLike)
    fastmath = Attr(FastMathAttrC, default=FASTMATH_NONE, convert=_to_fastmath)

    @classmethod
    def infer_type(cls, operands, properties):
        return same_type_infer(operands, properties)

    def verify(self):
        if self.lhs.type != self.result.type:
            raise self.emit_error("failed to verify that all of {lhs, result} have same type")
        if shape_key(self.lhs.type) != shape_key(self.rhs.type):
            raise self.emit_error("requires the same shape for all operands and results")

    def _compute(self, x, n):
        exponent = to_signed(n, bit_width(self.rhs.type)).astype(np.float64)
        return np.power(np.asarray(x, np.float64), exponent)


# ----- integer ops -------------------------------------------------------------------------------

class AbsIOp(_IntUnaryOp):
    """Integer absolute value (the minimum value stays itself): `%r = "math.absi"(%x) : (i32) -> i32`"""
    name = "math.absi"

    def _int(self, u, width):
        s = to_signed(u, width)
        return np.where(s < 0, np.uint64(0) - u, u)


class CountLeadingZerosOp(_IntUnaryOp):
    """`%r = "math.ctlz"(%x) : (i32) -> i32` (the bit width for 0)"""
    name = "math.ctlz"

    def _int(self, u, width):
        return np.uint64(width) - _bit_count(u, width, lambda v, k: (v >> k) != 0)


class CountTrailingZerosOp(_IntUnaryOp):
    """`%r = "math.cttz"(%x) : (i32) -> i32` (the bit width for 0)"""
    name = "math.cttz"

    def _int(self, u, width):
        return _bit_count(u, width, lambda v, k: (v & ((np.uint64(2) << k) - np.uint64(1))) == 0)


class CtPopOp(_IntUnaryOp):
    """Number of set bits: `%r = "math.ctpop"(%x) : (i32) -> i32`"""
    name = "math.ctpop"

    def _int(self, u, width):
        return _bit_count(u, width, lambda v, k: ((v >> k) & np.uint64(1)) != 0)


class IPowIOp(ElementwiseOp):
    """Signed integer power, wrapping; a negative exponent gives 0 unless the base is 1 or -1
    (0 to a negative power is undefined: the interpreter raises ArithmeticError, fold refuses).

    `%r = "math.ipowi"(%x, %n) : (i32, i32) -> i32`
    """

    name = "math.ipowi"
    traits = (Pure, Elementwise, SameOperandsAndResultType)
    lhs = Operand(SignlessIntegerLike)
    rhs = Operand(SignlessIntegerLike)
    result = Result(SignlessIntegerLike)

    @classmethod
    def infer_type(cls, operands, properties):
        return same_type_infer(operands, properties)

    def _can_fold(self, base, exponent):
        w = bit_width(self.result.type)
        return not np.any((to_signed(base, w) == 0) & (to_signed(exponent, w) < 0))

    def _compute(self, base, exponent):
        if not self._can_fold(base, exponent):
            raise ArithmeticError("0 to a negative power (a division by zero) is undefined behaviour")
        w = bit_width(self.result.type)
        b, e = np.broadcast_arrays(to_signed(base, w), to_signed(exponent, w))
        result = np.ones(b.shape, np.uint64)
        square = b.astype(np.uint64)
        remaining = np.where(e < 0, 0, e).astype(np.uint64)
        while np.any(remaining):
            result = np.where(remaining & np.uint64(1), result * square, result)
            square = square * square
            remaining = remaining >> np.uint64(1)
        odd = (e & 1) == 1
        negative_power = np.where(b == 1, 1, np.where(b == -1, np.where(odd, -1, 1), 0))
        return np.where(e < 0, negative_power.astype(np.int64).astype(np.uint64), result)


# ----- classification ----------------------------------------------------------------------------

class IsNaNOp(_FloatClassificationOp):
    """`%r = "math.isnan"(%x) : (f32) -> i1`"""
    name = "math.isnan"
    _fn = staticmethod(np.isnan)


class IsInfOp(_FloatClassificationOp):
    """`%r = "math.isinf"(%x) : (f32) -> i1`"""
    name = "math.isinf"
    _fn = staticmethod(np.isinf)


class IsFiniteOp(_FloatClassificationOp):
    """`%r = "math.isfinite"(%x) : (f32) -> i1`"""
    name = "math.isfinite"
    _fn = staticmethod(np.isfinite)


class IsNormalOp(_FloatClassificationOp):
    """Finite, non-zero and not subnormal: `%r = "math.isnormal"(%x) : (f32) -> i1`"""
    name = "math.isnormal"

    def _compute(self, x):
        x = np.asarray(x)  # bf16 (held in float32) has float32's smallest normal, 2^-126
        return np.isfinite(x) & (np.abs(x) >= np.finfo(x.dtype).tiny)
