"""vector ops (and arith/math on vectors) compiled by the CPU backend against the
interpreter: load, store, broadcast, splat, fma, every reduction kind, i1 vectors."""

import numpy as np
import pytest

from conftest import assert_same, compile_text, run_both

C = '''  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c8 = "arith.constant"() <{value = 8 : index}> : () -> index
'''

AXPY = '''
func.func @axpy(%a: memref<?xf32>, %b: memref<?xf32>, %s: f32) -> memref<?xf32> {
''' + C + '''  %n = "memref.dim"(%a, %c0) : (memref<?xf32>, index) -> index
  %out = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
  %vs = "vector.broadcast"(%s) : (f32) -> vector<8xf32>
  %half = "arith.constant"() <{value = 0.5 : f32}> : () -> f32
  %vh = "vector.splat"(%half) : (f32) -> vector<8xf32>
  %k = "arith.constant"() <{value = dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : vector<8xf32>}> : () -> vector<8xf32>
  "scf.for"(%c0, %n, %c8) ({
  ^bb0(%i: index):
    %x = "vector.load"(%a, %i) : (memref<?xf32>, index) -> vector<8xf32>
    %y = "vector.load"(%b, %i) : (memref<?xf32>, index) -> vector<8xf32>
    %f = "vector.fma"(%x, %vs, %y) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    %m = "arith.mulf"(%f, %vh) : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    %e = "math.exp"(%m) : (vector<8xf32>) -> vector<8xf32>
    %p = "arith.cmpf"(%e, %k) <{predicate = 2 : i64}> : (vector<8xf32>, vector<8xf32>) -> vector<8xi1>
    %r = "arith.select"(%p, %e, %k) : (vector<8xi1>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    "vector.store"(%r, %out, %i) : (vector<8xf32>, memref<?xf32>, index) -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return %out : memref<?xf32>
}
'''

MASK = '''
func.func @mask(%a: memref<16xi1>, %b: memref<16xi32>) -> memref<16xi1> {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %out = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<16xi1>
  %x = "vector.load"(%a, %c0) : (memref<16xi1>, index) -> vector<16xi1>
  %y = "vector.load"(%b, %c0) : (memref<16xi32>, index) -> vector<16xi32>
  %z = "arith.constant"() <{value = dense<0> : vector<16xi32>}> : () -> vector<16xi32>
  %pos = "arith.cmpi"(%y, %z) <{predicate = 4 : i64}> : (vector<16xi32>, vector<16xi32>) -> vector<16xi1>
  %r = "arith.xori"(%x, %pos) : (vector<16xi1>, vector<16xi1>) -> vector<16xi1>
  "vector.store"(%r, %out, %c0) : (vector<16xi1>, memref<16xi1>, index) -> ()
  return %out : memref<16xi1>
}
'''


def _reduction(kind: str, t: str, with_acc: bool) -> str:
    acc_operand = ", %acc" if with_acc else ""
    acc_type = f", {t}" if with_acc else ""
    return f'''
func.func @r_{kind}(%a: memref<8x{t}>, %acc: {t}) -> {t} {{
  %c0 = "arith.constant"() <{{value = 0 : index}}> : () -> index
  %v = "vector.load"(%a, %c0) : (memref<8x{t}>, index) -> vector<8x{t}>
  %r = "vector.reduction"(%v{acc_operand}) <{{fastmath = #arith.fastmath<none>, kind = #vector.kind<{kind}>}}> : (vector<8x{t}>{acc_type}) -> {t}
  return %r : {t}
}}
'''


FLOAT_KINDS = ["add", "mul", "minnumf", "maxnumf", "minimumf", "maximumf"]
INT_KINDS = ["add", "mul", "minsi", "minui", "maxsi", "maxui", "and", "or", "xor"]


def test_vector_arithmetic_loop():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(64).astype(np.float32), rng.standard_normal(64).astype(np.float32)
    got, want = run_both(AXPY, "axpy", a, b, np.float32(1.5))
    np.testing.assert_allclose(got[0], want[0], rtol=3e-7)


def test_i1_vectors():
    rng = np.random.default_rng(1)
    a = rng.random(16) < 0.5
    b = rng.integers(-5, 5, 16).astype(np.int32)
    got, want = run_both(MASK, "mask", a, b)
    assert_same(got, want)
    np.testing.assert_array_equal(got[0], a ^ (b > 0))


@pytest.mark.parametrize("with_acc", [False, True])
@pytest.mark.parametrize("t", ["f32", "f64"])
def test_float_reductions(t, with_acc):
    dtype = np.float32 if t == "f32" else np.float64
    text = "".join(_reduction(k, t, with_acc) for k in FLOAT_KINDS)
    _, jm = compile_text(text)
    rng = np.random.default_rng(2)
    cases = [rng.standard_normal(8).astype(dtype), np.array([1, np.nan, 2, 3, -0.0, 0.0, 4, 5], dtype),
             np.array([-0.0, 0.0, -0.0, 0.0, -1, 1, 2, -2], dtype)]
    for kind in FLOAT_KINDS:
        for a in cases:
            got, want = run_both(text, f"r_{kind}", a, dtype(0.25), jit=jm)
            assert_same(got, want)


@pytest.mark.parametrize("t", ["i8", "i32", "i64"])
def test_integer_reductions(t):
    dtype = {"i8": np.int8, "i32": np.int32, "i64": np.int64}[t]
    text = "".join(_reduction(k, t, True) for k in INT_KINDS)
    _, jm = compile_text(text)
    rng = np.random.default_rng(3)
    info = np.iinfo(dtype)
    a = rng.integers(info.min, info.max, 8, dtype=dtype)
    for kind in INT_KINDS:
        assert_same(*run_both(text, f"r_{kind}", a, dtype(-3), jit=jm))
