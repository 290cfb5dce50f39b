"""arith cast ops: `"arith.<cast>"(%in) : (A) -> B`, elementwise, operand and result of one shape.

Integer extensions read the operand as signed (extsi, sitofp, index_cast) or unsigned (extui,
uitofp, index_castui); truncations keep the low bits. Float-to-integer casts round toward
zero; out-of-range results are poison in MLIR (the interpreter gives 0 for values outside
int64/uint64 and wraps the rest) and are not folded.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Elementwise, Pure, SameOperandsAndResultShape

from tfc.dialects.arith.attrs import (ROUNDING_MODES, FastMathAttrC, RoundingModeC,
                                      fastmath as _to_fastmath, rounding_mode)
from tfc.dialects.arith.common import (ElementwiseOp, FloatLike, SignlessFixedWidthIntegerLike,
                                       SignlessIntegerLike, SignlessIntegerOrFloatLike, bit_width,
                                       to_float, to_signed, to_unsigned)


class _CastOp(ElementwiseOp):
    """Base of casts. `_compute(x)` sees the operand value; `_width_rule` is "wider",
    "shorter" or "equal": how the result's bit width must compare with the operand's."""

    traits = (Pure, Elementwise, SameOperandsAndResultShape)
    _width_rule: str | None = None
    _undoes: tuple = ()  # cast classes this one inverts: self(inner(x)) folds to x

    @property
    def in_type(self) -> T.Type:
        return self.operands[0].type

    @property
    def out_type(self) -> T.Type:
        return self.results[0].type

    def verify(self):
        src, dst = bit_width(self.in_type), bit_width(self.out_type)
        elem_in, elem_out = T.element_type(self.in_type), T.element_type(self.out_type)
        if self._width_rule == "wider" and dst <= src:
            raise self.emit_error(f"result type {elem_out} must be wider than operand type {elem_in}")
        if self._width_rule == "shorter" and dst >= src:
            raise self.emit_error(f"result type {elem_out} must be shorter than operand type {elem_in}")
        if self._width_rule == "equal" and dst != src:
            raise self._incompatible()

    def _incompatible(self):
        return self.emit_error(f"operand type {self.in_type} and result type {self.out_type} are cast incompatible")

    def _fold_identity(self, constants):
        # cast(inverse_cast(x)) -> x when that gives back x's type
        inner = self.operands[0].defining_op
        if isinstance(inner, self._undoes) and inner.operands[0].type == self.out_type:
            return [inner.operands[0]]
        return None


class _IToICastOp(_CastOp):
    in_ = Operand(SignlessFixedWidthIntegerLike)
    out = Result(SignlessFixedWidthIntegerLike)


class _FToFCastOp(_CastOp):
    in_ = Operand(FloatLike)
    out = Result(FloatLike)
    fastmath = Attr(FastMathAttrC, optional=True, convert=_to_fastmath)


class ExtSIOp(_IToICastOp):
    """Sign extension: `%r = "arith.extsi"(%a) : (i8) -> i32`"""

    name = "arith.extsi"
    _width_rule = "wider"

    def _compute(self, x):
        return to_signed(x, bit_width(self.in_type))


class ExtUIOp(_IToICastOp):
    """Zero extension: `%r = "arith.extui"(%a) : (i8) -> i32`"""

    name = "arith.extui"
    _width_rule = "wider"

    def _compute(self, x):
        return to_unsigned(x, bit_width(self.in_type))


class TruncIOp(_IToICastOp):
    """Keeps the low bits: `%r = "arith.trunci"(%a) : (i32) -> i8`"""

    name = "arith.trunci"
    _width_rule = "shorter"
    _undoes = (ExtSIOp, ExtUIOp)

    def _compute(self, x):
        return to_unsigned(x, bit_width(self.in_type))


class ExtFOp(_FToFCastOp):
    """`%r = "arith.extf"(%a) : (f16) -> f32`"""

    name = "arith.extf"
    _width_rule = "wider"

    def _compute(self, x):
        return x


def _next_toward(r: np.ndarray, direction: float, t: T.Type) -> np.ndarray:
    """The float of type `t` next to `r` toward `direction`."""
    if T.element_type(t).kind != "bf16":
        return np.nextafter(r, r.dtype.type(direction))
    # bf16 values are float32 patterns with 16 low zero bits: step the magnitude by 1 << 16
    r = np.asarray(r, np.float32)
    away_from_zero = (r < direction) == (r > 0)
    bits = r.view(np.int32).astype(np.int64) + np.where(away_from_zero, 1 << 16, -(1 << 16))
    moved = bits.astype(np.int32).view(np.float32)
    tiny = np.copysign(np.float32(2.0 ** -133), np.float32(direction))  # smallest bf16 subnormal
    return np.where(r == 0, tiny, moved)


class TruncFOp(_CastOp):
    """Narrowing float cast, rounding by `roundingmode` (to_nearest_even=0 downward=1 upward=2
    toward_zero=3 to_nearest_away=4; default to nearest even).

    `%r = "arith.truncf"(%a) : (f64) -> f32`,
    `%r = "arith.truncf"(%a) <{roundingmode = 1 : i32}> : (f64) -> f32`
    """

    name = "arith.truncf"
    in_ = Operand(FloatLike)
    out = Result(FloatLike)
    roundingmode = Attr(RoundingModeC, optional=True, convert=rounding_mode)
    fastmath = Attr(FastMathAttrC, optional=True, convert=_to_fastmath)
    _width_rule = "shorter"
    _undoes = (ExtFOp,)

    def _compute(self, x):
        r = np.asarray(to_float(x, self.out_type))
        mode = ROUNDING_MODES[self.roundingmode.value] if self.roundingmode is not None else "to_nearest_even"
        if mode == "to_nearest_even":
            return r
        exact, back = np.asarray(x, np.float64), r.astype(np.float64)
        if mode == "downward":
            return np.where(back > exact, _next_toward(r, -np.inf, self.out_type), r)
        if mode == "upward":
            return np.where(back < exact, _next_toward(r, np.inf, self.out_type), r)
        if mode == "toward_zero":
            return np.where(np.abs(back) > np.abs(exact), _next_toward(r, 0.0, self.out_type), r)
        other = np.where(back < exact, _next_toward(r, np.inf, self.out_type),
                         _next_toward(r, -np.inf, self.out_type))
        tie = np.abs(exact - back) == np.abs(other.astype(np.float64) - exact)
        return np.where(tie & (np.abs(other) > np.abs(r)), other, r)


class SIToFPOp(_CastOp):
    """Signed integer to float: `%r = "arith.sitofp"(%a) : (i32) -> f32`"""

    name = "arith.sitofp"
    in_ = Operand(SignlessFixedWidthIntegerLike)
    out = Result(FloatLike)

    def _compute(self, x):
        return to_signed(x, bit_width(self.in_type)).astype(T.numpy_dtype(self.out_type))


class UIToFPOp(SIToFPOp):
    """Unsigned integer to float: `%r = "arith.uitofp"(%a) : (i32) -> f32`"""

    name = "arith.uitofp"

    def _compute(self, x):
        return to_unsigned(x, bit_width(self.in_type)).astype(T.numpy_dtype(self.out_type))


class FPToSIOp(_CastOp):
    """Float to signed integer, rounding toward zero: `%r = "arith.fptosi"(%a) : (f32) -> i32`"""

    name = "arith.fptosi"
    in_ = Operand(FloatLike)
    out = Result(SignlessFixedWidthIntegerLike)
    _signed = True

    def _range(self):
        w = bit_width(self.out_type)
        return (-(2.0 ** (w - 1)), 2.0 ** (w - 1)) if self._signed else (0.0, 2.0 ** w)

    def _can_fold(self, x):
        low, high = self._range()
        t = np.trunc(np.asarray(x, np.float64))
        return bool(np.all((t >= low) & (t < high)))

    def _compute(self, x):
        t = np.trunc(np.asarray(x, np.float64))
        ok = np.isfinite(t) & (t >= -2.0 ** 63) & (t < 2.0 ** 64)
        t = np.where(ok, t, 0.0)
        big = t >= 2.0 ** 63
        low = np.where(big, t - 2.0 ** 63, t).astype(np.int64).astype(np.uint64)
        return low + np.where(big, np.uint64(1 << 63), np.uint64(0))


class FPToUIOp(FPToSIOp):
    """Float to unsigned integer, rounding toward zero: `%r = "arith.fptoui"(%a) : (f32) -> i32`"""

    name = "arith.fptoui"
    _signed = False


class IndexCastOp(_CastOp):
    """Between index and integers, sign-extending or truncating.

    `%r = "arith.index_cast"(%a) : (i32) -> index`
    """

    name = "arith.index_cast"
    in_ = Operand(SignlessIntegerLike)
    out = Result(SignlessIntegerLike)

    def verify(self):
        src, dst = T.element_type(self.in_type), T.element_type(self.out_type)
        if isinstance(src, T.IndexType) == isinstance(dst, T.IndexType):
            raise self._incompatible()

    def _compute(self, x):
        return to_signed(x, bit_width(self.in_type))


class IndexCastUIOp(IndexCastOp):
    """Between index and integers, zero-extending or truncating.

    `%r = "arith.index_castui"(%a) : (i32) -> index`
    """

    name = "arith.index_castui"

    def _compute(self, x):
        return to_unsigned(x, bit_width(self.in_type))


IndexCastOp._undoes = (IndexCastOp,)
IndexCastUIOp._undoes = (IndexCastUIOp,)


def _to_bits(x, t: T.Type) -> np.ndarray:
    et = T.element_type(t)
    if isinstance(et, T.FloatType):
        a = np.asarray(x)
        if et.kind == "bf16":
            return (a.astype(np.float32).view(np.uint32) >> np.uint32(16)).astype(np.uint64)
        return a.view(f"u{a.dtype.itemsize}").astype(np.uint64)
    return to_unsigned(x, bit_width(t))


def _from_bits(bits: np.ndarray, t: T.Type) -> np.ndarray:
    et = T.element_type(t)
    if isinstance(et, T.FloatType):
        if et.kind == "bf16":
            return (bits.astype(np.uint32) << np.uint32(16)).view(np.float32)
        dtype = T.numpy_dtype(t)
        return bits.astype(f"u{dtype.itemsize}").view(dtype)
    return bits


class BitcastOp(_CastOp):
    """Reinterprets the bits of a value of equal width: `%r = "arith.bitcast"(%a) : (f32) -> i32`"""

    name = "arith.bitcast"
    in_ = Operand(SignlessIntegerOrFloatLike)
    out = Result(SignlessIntegerOrFloatLike)
    _width_rule = "equal"

    def _compute(self, x):
        return _from_bits(_to_bits(x, self.in_type), self.out_type)

    def _fold_identity(self, constants):
        if self.in_type == self.out_type:
            return [self.operands[0]]
        return super()._fold_identity(constants)


BitcastOp._undoes = (BitcastOp,)
