"""Accuracy of the inline f32 approximations (math_approx) against float64 numpy, over a
million points per range, with the special values: max error in ulps of the correctly
rounded result. The measured maxima are printed (pytest -s) and bounded here."""

import numpy as np
import pytest

from conftest import compile_text, elementwise

OPS = ["exp", "log", "log1p", "expm1", "tanh"]
REFERENCE = {"exp": np.exp, "log": np.log, "log1p": np.log1p, "expm1": np.expm1, "tanh": np.tanh}
RANGES = {
    "exp": [(-110.0, 90.0), (-1.0, 1.0), (-1e-6, 1e-6)],
    "log": [(0.0, 1e-37), (0.0, 10.0), (0.0, 3e38)],  # the first is mostly subnormal
    "log1p": [(-1.0, 1.0), (-1e-5, 1e-5), (-1.0, 1e30)],
    "expm1": [(-100.0, 90.0), (-1.0, 1.0), (-1e-5, 1e-5)],
    "tanh": [(-10.0, 10.0), (-1.0, 1.0), (-1e-4, 1e-4)],
}
MAX_ULP = {"exp": 1, "log": 1, "log1p": 2, "expm1": 3, "tanh": 2}
SPECIALS = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 1e-40, -1e-40, 3e38, -3e38, 1.0, -1.0,
                     88.72, 88.73, -87.0, -103.0, -104.0, 1e-30, 44.0, -44.0], np.float32)


@pytest.fixture(scope="module")
def jit():
    text = "".join(elementwise(op, ["f32"], "f32", [f'%r = "math.{op}"(%x0) : (f32) -> f32']) for op in OPS)
    return compile_text(text)[1]


def ulp_error(got: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """|got - round(exact)| in units in the last place (NaN vs NaN is 0, NaN vs number huge)."""
    with np.errstate(over="ignore"):
        want = exact.astype(np.float32)

    def ordered(x):
        i = x.view(np.int32).astype(np.int64)
        return np.where(i < 0, -(i & 0x7FFFFFFF), i)

    distance = np.abs(ordered(got) - ordered(want))
    distance = np.where(np.isnan(got) & np.isnan(want), 0, distance)
    return np.where(np.isnan(got) != np.isnan(want), 1 << 40, distance)


@pytest.mark.parametrize("op", OPS)
def test_accuracy_over_wide_ranges(jit, op):
    rng = np.random.default_rng(7)
    f = jit.function(op)
    worst = 0
    for low, high in RANGES[op]:
        x = np.concatenate([rng.uniform(low, high, 1_000_000).astype(np.float32), SPECIALS])
        if op == "log":
            x = np.abs(x)
        (got,) = f(x)
        with np.errstate(all="ignore"):
            exact = REFERENCE[op](x.astype(np.float64))
        error = ulp_error(got, exact)
        worst = max(worst, int(error.max()))
        assert error.max() <= MAX_ULP[op], (op, low, high, x[np.argmax(error)], got[np.argmax(error)])
    print(f"math.{op} f32: max error {worst} ulp")


@pytest.mark.parametrize("op", OPS)
def test_special_values(jit, op):
    x = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, -1.0, -2.0, 1e-45], np.float32)
    (got,) = jit.function(op)(x)
    with np.errstate(all="ignore"):
        want = REFERENCE[op](x.astype(np.float64)).astype(np.float32)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(np.signbit(got[3:5]), np.signbit(want[3:5]))  # signed zeros


def test_vectorized_loop_uses_vector_instructions():
    """The point of the inline approximations: a loop calling math.exp vectorizes."""
    from tfc.backends.cpu import Target, emit_llvm_ir
    from tfc.ir.parser import parse_module
    text = elementwise("e", ["f32"], "f32", ['%r = "math.exp"(%x0) : (f32) -> f32'])
    llvm_ir = emit_llvm_ir(parse_module(text), Target.host())
    assert "x float>" in llvm_ir
    assert "@expf" not in llvm_ir
