"""math ops compiled by the CPU backend against the interpreter: exact ops bit for bit,
transcendental ones within a few ulp (libm's and the inline approximations' rounding),
integer and classification ops exactly, on f16, f32 and f64."""

from fractions import Fraction

import numpy as np
import pytest

from conftest import assert_same, compile_text, elementwise, run_both

N = 200
EXACT_UNARY = ["absf", "ceil", "floor", "round", "roundeven", "trunc", "sqrt"]
INEXACT_UNARY = ["rsqrt", "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
                 "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc"]
FLOATS = {"f16": np.float16, "f32": np.float32, "f64": np.float64}
ULPS = {"f16": 1, "f32": 4, "f64": 4}


def _inputs(dtype, rng):
    special = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 0.5, -0.5, 1.0, -1.0, 2.5, -2.5, 1e-3], dtype)
    body = np.concatenate([rng.uniform(-3, 3, N // 2), rng.uniform(-30, 30, N // 2)]).astype(dtype)
    return np.concatenate([special, body])


def assert_close_ulps(got, want, dtype, ulps):
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    finite = np.isfinite(want)
    np.testing.assert_array_equal(got[~finite & ~np.isnan(want)], want[~finite & ~np.isnan(want)])
    spacing = np.spacing(np.abs(want[finite]).astype(dtype)).astype(np.float64)
    spacing = np.maximum(spacing, np.finfo(dtype).smallest_subnormal)
    error = np.abs(got[finite].astype(np.float64) - want[finite].astype(np.float64)) / spacing
    assert error.max(initial=0) <= ulps, (error.max(), got[finite][np.argmax(error)], want[finite][np.argmax(error)])


def _exact_fma(a, b, c):
    """a * b + c rounded once (exact rational arithmetic where all are finite)."""
    out = a * b + c
    for i, (x, y, z) in enumerate(zip(a, b, c)):
        if np.isfinite(x) and np.isfinite(y) and np.isfinite(z):
            out[i] = float(Fraction(float(x)) * Fraction(float(y)) + Fraction(float(z)))
    return out


@pytest.mark.parametrize("t", list(FLOATS))
def test_float_unary(t):
    dtype = FLOATS[t]
    ops = EXACT_UNARY + INEXACT_UNARY
    text = "".join(elementwise(f"f_{op}", [t], t, [f'%r = "math.{op}"(%x0) : ({t}) -> {t}']) for op in ops)
    _, jm = compile_text(text)
    x = _inputs(dtype, np.random.default_rng(11))
    for op in ops:
        with np.errstate(all="ignore"):
            got, want = run_both(text, f"f_{op}", x, jit=jm)
        if op in EXACT_UNARY:
            assert_same(got, want)
        else:
            assert_close_ulps(got[0], want[0], dtype, ULPS[t])


@pytest.mark.parametrize("t", list(FLOATS))
def test_float_binary_and_fma(t):
    dtype = FLOATS[t]
    text = "".join(elementwise(f"f_{op}", [t, t], t, [f'%r = "math.{op}"(%x0, %x1) : ({t}, {t}) -> {t}'])
                   for op in ("atan2", "powf", "copysign"))
    text += elementwise("fma", [t, t, t], t, [f'%r = "math.fma"(%x0, %x1, %x2) : ({t}, {t}, {t}) -> {t}'])
    text += elementwise("fpowi", [t, "i32"], t, [f'%r = "math.fpowi"(%x0, %x1) : ({t}, i32) -> {t}'])
    _, jm = compile_text(text)
    rng = np.random.default_rng(12)
    a, b = _inputs(dtype, rng), _inputs(dtype, rng)[::-1].copy()
    c = rng.uniform(-5, 5, a.size).astype(dtype)
    with np.errstate(all="ignore"):
        assert_same(*run_both(text, "f_copysign", a, b, jit=jm))
        got, want = run_both(text, "fma", a, b, c, jit=jm)
        if t == "f64":  # the interpreter's f64 fma rounds twice before Python 3.13 (no math.fma)
            np.testing.assert_array_equal(got[0], _exact_fma(a, b, c))
        else:
            assert_same(got, want)
        for op in ("atan2", "powf"):
            got, want = run_both(text, f"f_{op}", a, np.abs(b) if op == "powf" else b, jit=jm)
            assert_close_ulps(got[0], want[0], dtype, ULPS[t])
        exponents = rng.integers(-4, 5, a.size).astype(np.int32)
        got, want = run_both(text, "fpowi", np.clip(a, -4, 4), exponents, jit=jm)
        assert_close_ulps(got[0], want[0], dtype, ULPS[t])


@pytest.mark.parametrize("t", ["i8", "i32", "i64"])
def test_integer_ops(t):
    dtype = {"i8": np.int8, "i32": np.int32, "i64": np.int64}[t]
    ops = ["absi", "ctlz", "cttz", "ctpop"]
    text = "".join(elementwise(op, [t], t, [f'%r = "math.{op}"(%x0) : ({t}) -> {t}']) for op in ops)
    text += elementwise("ipowi", [t, t], t, [f'%r = "math.ipowi"(%x0, %x1) : ({t}, {t}) -> {t}'])
    _, jm = compile_text(text)
    rng = np.random.default_rng(13)
    info = np.iinfo(dtype)
    x = np.concatenate([np.array([0, 1, -1, info.min, info.max], dtype), rng.integers(info.min, info.max, 100, dtype=dtype)])
    for op in ops:
        assert_same(*run_both(text, op, x, jit=jm))
    base = np.concatenate([np.array([1, -1, 1, -1, 2, -2, 3], dtype), rng.integers(-5, 6, 60).astype(dtype)])
    exponent = np.concatenate([np.array([-3, -3, -4, -4, 5, 7, 0], dtype), rng.integers(0, 40, 60).astype(dtype)])
    base[(base == 0) & (exponent < 0)] = 2
    assert_same(*run_both(text, "ipowi", base, exponent, jit=jm))


@pytest.mark.parametrize("t", list(FLOATS))
def test_classification(t):
    dtype = FLOATS[t]
    ops = ["isnan", "isinf", "isfinite", "isnormal"]
    text = "".join(elementwise(op, [t], "i1", [f'%r = "math.{op}"(%x0) : ({t}) -> i1']) for op in ops)
    _, jm = compile_text(text)
    finfo = np.finfo(dtype)
    x = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, finfo.tiny, finfo.smallest_subnormal, -finfo.tiny / 2,
                  finfo.max, 1.0, -3.0], dtype)
    for op in ops:
        assert_same(*run_both(text, op, x, jit=jm))
