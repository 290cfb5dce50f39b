"""math ops -> LLVM: exact operations as intrinsics (they vectorize: sqrt, fabs, floor, fma,
copysign, ...), exp/log/log1p/expm1/tanh on f32 inline from math_approx (so loops using them
vectorize too), everything else through LLVM's libm intrinsics or libm calls (f64, and the
rarer functions). f16 is computed in f32 and rounded back."""

from __future__ import annotations

from llvmlite import ir

from tfc.dialects import math as MA
from tfc.backends.cpu.math_approx import APPROXIMATIONS
from tfc.backends.cpu.translate.arith import call_intrinsic, fastmath_flags
from tfc.backends.cpu.translate.context import lowers
from tfc.backends.cpu.translate.types import F16, F32, F64, I1, I32, element_of, like

# op -> LLVM intrinsic name (llvm.<name>.<type>)
_INTRINSIC_UNARY = {
    MA.CeilOp: "ceil", MA.FloorOp: "floor", MA.RoundOp: "round", MA.RoundEvenOp: "roundeven",
    MA.TruncOp: "trunc", MA.SqrtOp: "sqrt", MA.ExpOp: "exp", MA.Exp2Op: "exp2", MA.LogOp: "log",
    MA.Log2Op: "log2", MA.Log10Op: "log10", MA.SinOp: "sin", MA.CosOp: "cos", MA.TanOp: "tan",
    MA.AsinOp: "asin", MA.AcosOp: "acos", MA.AtanOp: "atan", MA.SinhOp: "sinh", MA.CoshOp: "cosh",
    MA.TanhOp: "tanh",
}
# op -> libm function (f64 name; the f32 one adds "f")
_LIBM_UNARY = {MA.CbrtOp: "cbrt", MA.ExpM1Op: "expm1", MA.Log1pOp: "log1p", MA.AsinhOp: "asinh",
               MA.AcoshOp: "acosh", MA.AtanhOp: "atanh", MA.ErfOp: "erf", MA.ErfcOp: "erfc"}
# ops with an inline f32 approximation
_APPROX = {MA.ExpOp: "exp", MA.LogOp: "log", MA.Log1pOp: "log1p", MA.ExpM1Op: "expm1", MA.TanhOp: "tanh"}
_INTRINSIC_BINARY = {MA.Atan2Op: "atan2", MA.PowFOp: "pow", MA.CopySignOp: "copysign"}


def _in_f32(ctx, values, compute):
    """compute(values) with f16 operands widened to f32 and the result rounded back."""
    t = values[0].type
    if element_of(t) != F16:
        return compute(values)
    b = ctx.builder
    result = compute([b.fpext(v, like(t, F32)) for v in values])
    return b.fptrunc(result, t)


def libm_call(ctx, name: str, args):
    """A libm function on scalars, element by element on vectors (no vector libm)."""
    t = args[0].type
    scalar = element_of(t)
    symbol = name + ("f" if scalar == F32 else "")
    fn = ctx.mctx.declare(symbol, scalar, [scalar] * len(args))
    b = ctx.builder
    if not isinstance(t, ir.VectorType):
        return b.call(fn, args)
    result = ir.Constant(t, ir.Undefined)
    for i in range(t.count):
        index = ir.Constant(I32, i)
        element = b.call(fn, [b.extract_element(a, index) for a in args])
        result = b.insert_element(result, element, index)
    return result


@lowers(MA.AbsFOp)
def _absf(ctx, op):
    return call_intrinsic(ctx, "fabs", [ctx.get(op.operand_)], flags=fastmath_flags(op))


@lowers(*_INTRINSIC_UNARY, *_LIBM_UNARY)
def _unary(ctx, op):
    flags = fastmath_flags(op)

    def compute(values):
        (x,) = values
        approx = _APPROX.get(type(op))
        if approx is not None and element_of(x.type) == F32:
            return APPROXIMATIONS[approx](ctx.builder, x)
        if type(op) in _INTRINSIC_UNARY:
            return call_intrinsic(ctx, _INTRINSIC_UNARY[type(op)], [x], flags=flags)
        return libm_call(ctx, _LIBM_UNARY[type(op)], [x])

    return _in_f32(ctx, [ctx.get(op.operand_)], compute)


@lowers(MA.RsqrtOp)
def _rsqrt(ctx, op):
    def compute(values):
        (x,) = values
        one = ir.Constant(element_of(x.type), 1.0)
        one = ir.Constant(x.type, [one] * x.type.count) if isinstance(x.type, ir.VectorType) else one
        return ctx.builder.fdiv(one, call_intrinsic(ctx, "sqrt", [x]))
    return _in_f32(ctx, [ctx.get(op.operand_)], compute)


@lowers(*_INTRINSIC_BINARY)
def _binary(ctx, op):
    name = _INTRINSIC_BINARY[type(op)]
    args = [ctx.get(op.lhs), ctx.get(op.rhs)]
    if name == "copysign":
        return call_intrinsic(ctx, name, args, flags=fastmath_flags(op))
    return _in_f32(ctx, args, lambda values: call_intrinsic(ctx, name, values, flags=fastmath_flags(op)))


@lowers(MA.FmaOp)
def _fma(ctx, op):
    args = [ctx.get(op.a), ctx.get(op.b), ctx.get(op.c)]
    return _in_f32(ctx, args, lambda values: call_intrinsic(ctx, "fma", values, flags=fastmath_flags(op)))


@lowers(MA.FPowIOp)
def _fpowi(ctx, op):
    base, exponent = ctx.get(op.lhs), ctx.get(op.rhs)

    def compute(values):
        (x,) = values
        return call_intrinsic(ctx, "pow", [x, ctx.builder.sitofp(exponent, x.type)])
    return _in_f32(ctx, [base], compute)


# ----- integers -------------------------------------------------------------------------------

@lowers(MA.AbsIOp)
def _absi(ctx, op):
    x = ctx.get(op.operand_)
    return call_intrinsic(ctx, "abs", [x, ir.Constant(I1, 0)])


@lowers(MA.CountLeadingZerosOp, MA.CountTrailingZerosOp)
def _count_zeros(ctx, op):
    name = "ctlz" if isinstance(op, MA.CountLeadingZerosOp) else "cttz"
    return call_intrinsic(ctx, name, [ctx.get(op.operand_), ir.Constant(I1, 0)])


@lowers(MA.CtPopOp)
def _ctpop(ctx, op):
    return call_intrinsic(ctx, "ctpop", [ctx.get(op.operand_)])


def _splat(t, value):
    c = ir.Constant(element_of(t), value)
    return ir.Constant(t, [c] * t.count) if isinstance(t, ir.VectorType) else c


@lowers(MA.IPowIOp)
def _ipowi(ctx, op):
    """Square-and-multiply over every exponent bit (branch-free, so vectors work); a
    negative exponent gives 1 or -1 for a base of 1 or -1 and 0 otherwise."""
    b = ctx.builder
    base, exponent = ctx.get(op.lhs), ctx.get(op.rhs)
    t = base.type
    width = element_of(t).width
    zero, one = _splat(t, 0), _splat(t, 1)
    result, square = one, base
    for bit in range(width - 1):
        set_ = b.icmp_unsigned("!=", b.and_(exponent, _splat(t, 1 << bit)), zero)
        result = b.select(set_, b.mul(result, square), result)
        square = b.mul(square, square)
    is_one = b.icmp_signed("==", base, one)
    is_minus_one = b.icmp_signed("==", base, _splat(t, -1))
    odd = b.icmp_unsigned("!=", b.and_(exponent, one), zero)
    negative = b.select(is_one, one, b.select(is_minus_one, b.select(odd, _splat(t, -1), one), zero))
    return b.select(b.icmp_signed("<", exponent, zero), negative, result)


# ----- classification ---------------------------------------------------------------------------

@lowers(MA.IsNaNOp, MA.IsInfOp, MA.IsFiniteOp, MA.IsNormalOp)
def _classify(ctx, op):
    b = ctx.builder
    x = ctx.get(op.operand_)
    if isinstance(op, MA.IsNaNOp):
        return b.fcmp_unordered("uno", x, x)
    magnitude = call_intrinsic(ctx, "fabs", [x])
    inf = _splat(x.type, float("inf"))
    if isinstance(op, MA.IsInfOp):
        return b.fcmp_ordered("==", magnitude, inf)
    if isinstance(op, MA.IsFiniteOp):
        return b.fcmp_ordered("<", magnitude, inf)
    tiny = {F16: 2.0 ** -14, F32: 2.0 ** -126, F64: 2.0 ** -1022}[element_of(x.type)]
    return b.and_(b.fcmp_ordered(">=", magnitude, _splat(x.type, tiny)), b.fcmp_ordered("<", magnitude, inf))
