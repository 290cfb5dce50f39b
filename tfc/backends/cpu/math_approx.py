"""Vectorizable f32 approximations of exp, log, log1p, expm1 and tanh, emitted as LLVM IR.

libm's expf/logf are calls the loop vectorizer cannot widen (no vector math library is
linked), so math.exp & co on f32 are expanded inline here: straight-line code (selects, no
branches) that works unchanged on `float` and `<N x float>` values.

Methods (Cephes' single-precision algorithms, as in Eigen's and many others' vector math):
  exp    round-to-nearest range reduction x = n ln2 + r (ln2 in two parts, Cody-Waite),
         a degree-5 polynomial for e^r, and 2^n applied as two exact power-of-two factors so
         results that underflow into subnormals are rounded once.
  log    x = m 2^e with m in [sqrt(1/2), sqrt(2)), log(m) = f - f^2/2 + f^3 P(f) (f = m - 1),
         plus e ln2 in two parts; subnormal inputs are scaled by 2^23 first.
  log1p  log(u) * x / (u - 1) with u = 1 + x (exact compensation of u's rounding, Goldberg).
  expm1  (u - 1) * (x / log(u)) with u = exp(x) (Kahan), x itself where u rounds to 1.
  tanh   x + x^3 P(x^2) for |x| < 0.625, 1 - 2 / (exp(2|x|) + 1) beyond, sign from x.
Special values follow C99 (NaN in, NaN out; exp(-inf) = 0, exp(+inf) = inf, log(0) = -inf,
log(x < 0) = NaN, tanh(+-inf) = +-1, ...). Errors are measured by tests/unit/backends/cpu/
test_math_approx.py over wide ranges: a few ulp at most.

`polynomial` coefficients use `llvm.fmuladd`: fused where the target has FMA, separate
multiply and add where it does not.
"""

from __future__ import annotations

from llvmlite import ir

F32 = ir.FloatType()
I32 = ir.IntType(32)
I1 = ir.IntType(1)

_LOG2E = 1.44269504088896341
_LN2_HI = 0.693359375
_LN2_LO = -2.12194440e-4
_SQRT_HALF = 0.707106781186547524
_FLT_MIN = 1.17549435e-38

_EXP_P = (1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1)
_LOG_P = (7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
          -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1)
_TANH_P = (-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1)


def _like(t: ir.Type, element: ir.Type) -> ir.Type:
    return ir.VectorType(element, t.count) if isinstance(t, ir.VectorType) else element


def _suffix(t: ir.Type) -> str:
    return f"v{t.count}f32" if isinstance(t, ir.VectorType) else "f32"


class _Emitter:
    """Builds f32 (or <N x f32>) arithmetic with splatted constants and intrinsics."""

    def __init__(self, builder: ir.IRBuilder, t: ir.Type):
        self.b = builder
        self.t = t
        self.it = _like(t, I32)

    def _splat(self, t, c):
        return ir.Constant(t, [c] * t.count) if isinstance(t, ir.VectorType) else c

    def f(self, value: float):
        return self._splat(self.t, ir.Constant(F32, value))

    def i(self, value: int):
        return self._splat(self.it, ir.Constant(I32, value))

    def intrinsic(self, name: str, *args):
        module = self.b.module
        full = f"llvm.{name}.{_suffix(self.t)}"
        fn = module.globals.get(full)
        if fn is None:
            fn = ir.Function(module, ir.FunctionType(self.t, [a.type for a in args]), full)
        return self.b.call(fn, list(args))

    def fma(self, a, b, c):
        return self.intrinsic("fmuladd", a, b, c)

    def polynomial(self, x, coefficients):
        """Horner's rule, highest degree first."""
        acc = self.f(coefficients[0])
        for c in coefficients[1:]:
            acc = self.fma(acc, x, self.f(c))
        return acc

    def is_nan(self, x):
        return self.b.fcmp_unordered("uno", x, x)

    def pow2(self, n):
        """2^n as a float for integer n in [-126, 127]."""
        return self.b.bitcast(self.b.shl(self.b.add(n, self.i(127)), self.i(23)), self.t)


def exp_f32(builder: ir.IRBuilder, x: ir.Value) -> ir.Value:
    e = _Emitter(builder, x.type)
    b = builder
    clamped = e.intrinsic("minnum", e.intrinsic("maxnum", x, e.f(-104.0)), e.f(89.0))
    n = e.intrinsic("roundeven", b.fmul(clamped, e.f(_LOG2E)))
    r = e.fma(n, e.f(-_LN2_HI), clamped)
    r = e.fma(n, e.f(-_LN2_LO), r)
    z = b.fmul(r, r)
    y = b.fadd(e.fma(e.polynomial(r, _EXP_P), z, r), e.f(1.0))
    k = b.fptosi(n, e.it)
    half = b.ashr(k, e.i(1))
    y = b.fmul(b.fmul(y, e.pow2(half)), e.pow2(b.sub(k, half)))
    return b.select(e.is_nan(x), x, y)


def log_f32(builder: ir.IRBuilder, x: ir.Value) -> ir.Value:
    e = _Emitter(builder, x.type)
    b = builder
    subnormal = b.fcmp_ordered("<", e.intrinsic("fabs", x), e.f(_FLT_MIN))
    scaled = b.select(subnormal, b.fmul(x, e.f(8388608.0)), x)
    bits = b.bitcast(scaled, e.it)
    exponent = b.sub(b.lshr(bits, e.i(23)), b.select(subnormal, e.i(126 + 23), e.i(126)))
    m = b.bitcast(b.or_(b.and_(bits, e.i(0x007FFFFF)), e.i(0x3F000000)), e.t)  # in [0.5, 1)
    low = b.fcmp_ordered("<", m, e.f(_SQRT_HALF))
    f = b.select(low, b.fsub(b.fadd(m, m), e.f(1.0)), b.fsub(m, e.f(1.0)))
    exponent = b.sub(exponent, b.zext(low, e.it))
    fe = b.sitofp(exponent, e.t)
    z = b.fmul(f, f)
    y = b.fmul(b.fmul(e.polynomial(f, _LOG_P), f), z)
    y = e.fma(fe, e.f(_LN2_LO), y)
    y = e.fma(z, e.f(-0.5), y)
    result = e.fma(fe, e.f(_LN2_HI), b.fadd(f, y))
    result = b.select(b.fcmp_ordered("==", x, e.f(float("inf"))), x, result)
    result = b.select(b.fcmp_ordered("==", x, e.f(0.0)), e.f(float("-inf")), result)
    return b.select(b.fcmp_unordered("<", x, e.f(0.0)), e.f(float("nan")), result)


def log1p_f32(builder: ir.IRBuilder, x: ir.Value) -> ir.Value:
    e = _Emitter(builder, x.type)
    b = builder
    u = b.fadd(x, e.f(1.0))
    d = b.fsub(u, e.f(1.0))
    result = b.fmul(log_f32(b, u), b.fdiv(x, d))
    result = b.select(b.fcmp_ordered("==", u, e.f(float("inf"))), u, result)
    return b.select(b.fcmp_ordered("==", d, e.f(0.0)), x, result)


def expm1_f32(builder: ir.IRBuilder, x: ir.Value) -> ir.Value:
    e = _Emitter(builder, x.type)
    b = builder
    u = exp_f32(b, x)
    um1 = b.fsub(u, e.f(1.0))
    result = b.fmul(um1, b.fdiv(x, log_f32(b, u)))  # x / log(u) ~ 1: no overflow near exp's top
    result = b.select(b.fcmp_ordered("==", u, e.f(float("inf"))), u, result)
    result = b.select(b.fcmp_ordered("==", um1, e.f(-1.0)), um1, result)
    return b.select(b.fcmp_ordered("==", u, e.f(1.0)), x, result)


def tanh_f32(builder: ir.IRBuilder, x: ir.Value) -> ir.Value:
    e = _Emitter(builder, x.type)
    b = builder
    z = e.intrinsic("fabs", x)
    x2 = b.fmul(x, x)
    small = e.fma(b.fmul(e.polynomial(x2, _TANH_P), x2), x, x)
    s = exp_f32(b, b.fadd(z, z))
    large = b.fsub(e.f(1.0), b.fdiv(e.f(2.0), b.fadd(s, e.f(1.0))))
    result = b.select(b.fcmp_ordered(">=", z, e.f(0.625)), large, small)
    return e.intrinsic("copysign", result, x)


APPROXIMATIONS = {"exp": exp_f32, "log": log_f32, "log1p": log1p_f32, "expm1": expm1_f32, "tanh": tanh_f32}
