"""scf control flow compiled by the CPU backend: scf.for with carried values, nested loops
over dynamic dims, scf.while, scf.if and scf.index_switch with results, scf.parallel on a
real thread pool (identical results with any pool), with reductions, and memrefs carried
through loops."""

import numpy as np
import pytest

from conftest import assert_same, compile_text, run_both

C = '''  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
'''

SUM = '''
func.func @sum(%a: memref<?xf32>) -> f32 {
''' + C + '''  %n = "memref.dim"(%a, %c0) : (memref<?xf32>, index) -> index
  %z = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
  %s = "scf.for"(%c0, %n, %c1, %z) ({
  ^bb0(%i: index, %acc: f32):
    %x = "memref.load"(%a, %i) : (memref<?xf32>, index) -> f32
    %t = "arith.addf"(%acc, %x) : (f32, f32) -> f32
    "scf.yield"(%t) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return %s : f32
}
'''

MATMUL = '''
func.func @matmul(%a: memref<?x?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
''' + C + '''  %m = "memref.dim"(%a, %c0) : (memref<?x?xf64>, index) -> index
  %k = "memref.dim"(%a, %c1) : (memref<?x?xf64>, index) -> index
  %n = "memref.dim"(%b, %c1) : (memref<?x?xf64>, index) -> index
  %out = "memref.alloc"(%m, %n) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xf64>
  %z = "arith.constant"() <{value = 0.0 : f64}> : () -> f64
  "scf.for"(%c0, %m, %c1) ({
  ^bb0(%i: index):
    "scf.for"(%c0, %n, %c1) ({
    ^bb0(%j: index):
      %s = "scf.for"(%c0, %k, %c1, %z) ({
      ^bb0(%p: index, %acc: f64):
        %x = "memref.load"(%a, %i, %p) : (memref<?x?xf64>, index, index) -> f64
        %y = "memref.load"(%b, %p, %j) : (memref<?x?xf64>, index, index) -> f64
        %t = "math.fma"(%x, %y, %acc) : (f64, f64, f64) -> f64
        "scf.yield"(%t) : (f64) -> ()
      }) : (index, index, index, f64) -> f64
      "memref.store"(%s, %out, %i, %j) : (f64, memref<?x?xf64>, index, index) -> ()
      "scf.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return %out : memref<?x?xf64>
}
'''

COLLATZ = '''
func.func @collatz(%n: i64) -> (i64, i64) {
  %one = "arith.constant"() <{value = 1 : i64}> : () -> i64
  %two = "arith.constant"() <{value = 2 : i64}> : () -> i64
  %three = "arith.constant"() <{value = 3 : i64}> : () -> i64
  %zero = "arith.constant"() <{value = 0 : i64}> : () -> i64
  %r:2 = "scf.while"(%n, %zero) ({
  ^bb0(%x: i64, %steps: i64):
    %go = "arith.cmpi"(%x, %one) <{predicate = 4 : i64}> : (i64, i64) -> i1
    "scf.condition"(%go, %x, %steps) : (i1, i64, i64) -> ()
  }, {
  ^bb0(%x: i64, %steps: i64):
    %rem = "arith.remui"(%x, %two) : (i64, i64) -> i64
    %even = "arith.cmpi"(%rem, %zero) <{predicate = 0 : i64}> : (i64, i64) -> i1
    %next = "scf.if"(%even) ({
      %h = "arith.divui"(%x, %two) : (i64, i64) -> i64
      "scf.yield"(%h) : (i64) -> ()
    }, {
      %t = "arith.muli"(%x, %three) : (i64, i64) -> i64
      %u = "arith.addi"(%t, %one) : (i64, i64) -> i64
      "scf.yield"(%u) : (i64) -> ()
    }) : (i1) -> i64
    %s = "arith.addi"(%steps, %one) : (i64, i64) -> i64
    "scf.yield"(%next, %s) : (i64, i64) -> ()
  }) : (i64, i64) -> (i64, i64)
  return %r#0, %r#1 : i64, i64
}
'''

SWITCH = '''
func.func @switch(%k: index, %x: f32) -> f32 {
  %r = "scf.index_switch"(%k) <{cases = array<i64: 0, 5>}> ({
    %n = "arith.negf"(%x) : (f32) -> f32
    "scf.yield"(%n) : (f32) -> ()
  }, {
    "scf.yield"(%x) : (f32) -> ()
  }, {
    %d = "arith.addf"(%x, %x) : (f32, f32) -> f32
    "scf.yield"(%d) : (f32) -> ()
  }) : (index) -> f32
  return %r : f32
}
'''

PARALLEL_2D = '''
func.func @scale(%a: memref<?x?xf32>, %s: f32) -> memref<?x?xf32> {
''' + C + '''  %m = "memref.dim"(%a, %c0) : (memref<?x?xf32>, index) -> index
  %n = "memref.dim"(%a, %c1) : (memref<?x?xf32>, index) -> index
  %out = "memref.alloc"(%m, %n) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xf32>
  "scf.parallel"(%c0, %c0, %m, %n, %c1, %c1) ({
  ^bb0(%i: index, %j: index):
    %x = "memref.load"(%a, %i, %j) : (memref<?x?xf32>, index, index) -> f32
    %y = "arith.mulf"(%x, %s) : (f32, f32) -> f32
    %e = "math.tanh"(%y) : (f32) -> f32
    "memref.store"(%e, %out, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 2, 2, 2, 0>} : (index, index, index, index, index, index) -> ()
  return %out : memref<?x?xf32>
}
'''

PARALLEL_REDUCE = '''
func.func @reduce(%a: memref<?xf32>, %b: memref<?xi64>) -> (f32, i64, f32) {
''' + C + '''  %c2 = "arith.constant"() <{value = 2 : index}> : () -> index
  %n = "memref.dim"(%a, %c0) : (memref<?xf32>, index) -> index
  %z = "arith.constant"() <{value = 1.5 : f32}> : () -> f32
  %zi = "arith.constant"() <{value = 7 : i64}> : () -> i64
  %ninf = "arith.constant"() <{value = 0xFF800000 : f32}> : () -> f32
  %r:3 = "scf.parallel"(%c0, %n, %c1, %z, %zi, %ninf) ({
  ^bb0(%i: index):
    %x = "memref.load"(%a, %i) : (memref<?xf32>, index) -> f32
    %y = "memref.load"(%b, %i) : (memref<?xi64>, index) -> i64
    "scf.reduce"(%x, %y, %x) ({
    ^bb0(%p: f32, %q: f32):
      %s = "arith.addf"(%p, %q) : (f32, f32) -> f32
      "scf.reduce.return"(%s) : (f32) -> ()
    }, {
    ^bb0(%p: i64, %q: i64):
      %s = "arith.addi"(%p, %q) : (i64, i64) -> i64
      "scf.reduce.return"(%s) : (i64) -> ()
    }, {
    ^bb0(%p: f32, %q: f32):
      %s = "arith.maximumf"(%p, %q) : (f32, f32) -> f32
      "scf.reduce.return"(%s) : (f32) -> ()
    }) : (f32, i64, f32) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 3>} : (index, index, index, f32, i64, f32) -> (f32, i64, f32)
  return %r#0, %r#1, %r#2 : f32, i64, f32
}
'''

PARALLEL_REDUCE_2D = '''
func.func @rowsum(%a: memref<?x?xi32>) -> i32 {
''' + C + '''  %m = "memref.dim"(%a, %c0) : (memref<?x?xi32>, index) -> index
  %n = "memref.dim"(%a, %c1) : (memref<?x?xi32>, index) -> index
  %z = "arith.constant"() <{value = 0 : i32}> : () -> i32
  %r = "scf.parallel"(%c0, %c0, %m, %n, %c1, %c1, %z) ({
  ^bb0(%i: index, %j: index):
    %x = "memref.load"(%a, %i, %j) : (memref<?x?xi32>, index, index) -> i32
    "scf.reduce"(%x) ({
    ^bb0(%p: i32, %q: i32):
      %s = "arith.addi"(%p, %q) : (i32, i32) -> i32
      "scf.reduce.return"(%s) : (i32) -> ()
    }) : (i32) -> ()
  }) {operandSegmentSizes = array<i32: 2, 2, 2, 1>} : (index, index, index, index, index, index, i32) -> i32
  return %r : i32
}
'''

CARRIED_MEMREF = '''
func.func @pingpong(%a: memref<?xf32>, %steps: index) -> memref<?xf32> {
''' + C + '''  %n = "memref.dim"(%a, %c0) : (memref<?xf32>, index) -> index
  %x = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
  %y = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
  "memref.copy"(%a, %x) : (memref<?xf32>, memref<?xf32>) -> ()
  %two = "arith.constant"() <{value = 2.0 : f32}> : () -> f32
  %r:2 = "scf.for"(%c0, %steps, %c1, %x, %y) ({
  ^bb0(%s: index, %src: memref<?xf32>, %dst: memref<?xf32>):
    "scf.for"(%c0, %n, %c1) ({
    ^bb0(%i: index):
      %v = "memref.load"(%src, %i) : (memref<?xf32>, index) -> f32
      %w = "arith.mulf"(%v, %two) : (f32, f32) -> f32
      "memref.store"(%w, %dst, %i) : (f32, memref<?xf32>, index) -> ()
      "scf.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "scf.yield"(%dst, %src) : (memref<?xf32>, memref<?xf32>) -> ()
  }) : (index, index, index, memref<?xf32>, memref<?xf32>) -> (memref<?xf32>, memref<?xf32>)
  "memref.dealloc"(%r#1) : (memref<?xf32>) -> ()
  return %r#0 : memref<?xf32>
}
'''


def test_for_with_carried_value():
    a = np.random.default_rng(0).standard_normal(1000).astype(np.float32)
    got, want = run_both(SUM, "sum", a)
    assert_same(got, want)
    assert got[0].shape == ()


def test_nested_loops_over_dynamic_dims():
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((7, 5)), rng.standard_normal((5, 3))
    got, want = run_both(MATMUL, "matmul", a, b)
    np.testing.assert_allclose(got[0], a @ b, rtol=1e-12)
    np.testing.assert_allclose(got[0], want[0], rtol=1e-12)  # fused vs unfused multiply-add
    (empty,) = compile_text(MATMUL)[1].function("matmul")(np.zeros((0, 4)), np.zeros((4, 3)))
    assert empty.shape == (0, 3)


def test_while_and_if_with_scalar_arguments_and_results():
    _, jm = compile_text(COLLATZ)
    for n in (1, 6, 27, 97):
        assert_same(*run_both(COLLATZ, "collatz", np.int64(n), jit=jm))
    assert jm.function("collatz")(np.int64(27))[1] == 111


def test_index_switch():
    _, jm = compile_text(SWITCH)
    for k in (0, 5, 3):
        got, want = run_both(SWITCH, "switch", np.int64(k), np.float32(2.5), jit=jm)
        assert_same(got, want)


def test_parallel_2d_identical_with_any_pool():
    from tfc.backends.cpu import create_pool
    _, jm = compile_text(PARALLEL_2D)
    f = jm.function("scale")
    a = np.random.default_rng(2).standard_normal((300, 257)).astype(np.float32)
    serial = f(a, np.float32(0.7), pool=None)[0]
    np.testing.assert_array_equal(f(a, np.float32(0.7))[0], serial)
    np.testing.assert_array_equal(f(a, np.float32(0.7), pool=create_pool(3))[0], serial)
    small = a[:5, :3].copy()
    got, want = run_both(PARALLEL_2D, "scale", small, np.float32(0.7), jit=jm)
    np.testing.assert_allclose(got[0], want[0], rtol=1e-6)
    assert f(np.zeros((0, 9), np.float32), np.float32(1))[0].shape == (0, 9)


def test_parallel_reductions():
    from tfc.backends.cpu import create_pool
    _, jm = compile_text(PARALLEL_REDUCE)
    f = jm.function("reduce")
    rng = np.random.default_rng(3)
    for n in (0, 1, 5, 100_003):
        a = rng.standard_normal(n).astype(np.float32)
        b = rng.integers(-1000, 1000, n)
        serial = f(a, b, pool=None)
        for pool in ("default", create_pool(4)):
            for got, want in zip(f(a, b, pool=pool), serial):
                np.testing.assert_array_equal(got, want)  # same chunks whatever the pool
        assert int(serial[1]) == 7 + int(b.sum())
        np.testing.assert_allclose(serial[0], 1.5 + a.astype(np.float64).sum(), rtol=1e-4, atol=1e-3)
        assert serial[2] == (a.max() if n else -np.inf)
        if n <= 5:
            got, want = run_both(PARALLEL_REDUCE, "reduce", a, b, jit=jm)
            assert_same(got, want)


def test_parallel_reduction_2d_with_empty_inner_dim():
    _, jm = compile_text(PARALLEL_REDUCE_2D)
    f = jm.function("rowsum")
    a = np.arange(12, dtype=np.int32).reshape(3, 4)
    assert_same(*run_both(PARALLEL_REDUCE_2D, "rowsum", a, jit=jm))
    assert f(np.zeros((5, 0), np.int32))[0] == 0
    big = np.random.default_rng(4).integers(-9, 9, (1000, 333)).astype(np.int32)
    assert f(big)[0] == big.sum()


def test_memrefs_carried_through_a_loop():
    a = np.arange(10, dtype=np.float32)
    _, jm = compile_text(CARRIED_MEMREF)
    for steps in (0, 1, 4):
        got, want = run_both(CARRIED_MEMREF, "pingpong", a, np.int64(steps), jit=jm)
        assert_same(got, want)
        np.testing.assert_array_equal(got[0], a * 2 ** steps)


THREADS = '''
func.func private @pthread_self() -> i64
func.func @who(%a: memref<?x?xf32>) -> (memref<?xi64>, memref<?x?xf32>) {
''' + C + '''  %m = "memref.dim"(%a, %c0) : (memref<?x?xf32>, index) -> index
  %n = "memref.dim"(%a, %c1) : (memref<?x?xf32>, index) -> index
  %ids = "memref.alloc"(%m) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xi64>
  %out = "memref.alloc"(%m, %n) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xf32>
  "scf.parallel"(%c0, %m, %c1) ({
  ^bb0(%i: index):
    %t = "func.call"() <{callee = @pthread_self}> : () -> i64
    "memref.store"(%t, %ids, %i) : (i64, memref<?xi64>, index) -> ()
    "scf.for"(%c0, %n, %c1) ({
    ^bb0(%j: index):
      %x = "memref.load"(%a, %i, %j) : (memref<?x?xf32>, index, index) -> f32
      %e = "math.tanh"(%x) : (f32) -> f32
      %s = "math.sqrt"(%e) : (f32) -> f32
      "memref.store"(%s, %out, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
      "scf.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return %ids, %out : memref<?xi64>, memref<?x?xf32>
}
'''


def test_parallel_loop_runs_on_the_pool_threads():
    from tfc.backends.cpu import create_pool
    _, jm = compile_text(THREADS)
    f = jm.function("who")
    a = np.random.default_rng(5).random((1024, 2048)).astype(np.float32)
    ids, serial = f(a, pool=None)
    assert len(set(ids.tolist())) == 1  # no pool: all on the calling thread
    ids, pooled = f(a, pool=create_pool(4))
    np.testing.assert_array_equal(pooled, serial)
    assert len(set(ids.tolist())) > 1  # chunks ran on several threads


NESTED = '''
func.func @nested(%a: memref<?x?xf32>, %sizes: memref<?xindex>) -> memref<?x?xf32> {
''' + C + '''  %m = "memref.dim"(%a, %c0) : (memref<?x?xf32>, index) -> index
  %n = "memref.dim"(%a, %c1) : (memref<?x?xf32>, index) -> index
  %out = "memref.alloc"(%m, %n) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xf32>
  "scf.parallel"(%c0, %m, %c1) ({
  ^bb0(%i: index):
    %k = "memref.load"(%sizes, %i) : (memref<?xindex>, index) -> index
    %tmp = "memref.alloc"(%k) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
    "scf.parallel"(%c0, %n, %c1) ({
    ^bb0(%j: index):
      %x = "memref.load"(%a, %i, %j) : (memref<?x?xf32>, index, index) -> f32
      %y = "arith.addf"(%x, %x) : (f32, f32) -> f32
      "memref.store"(%y, %out, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
      "scf.reduce"() : () -> ()
    }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
    "memref.dealloc"(%tmp) : (memref<?xf32>) -> ()
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return %out : memref<?x?xf32>
}
'''


def test_nested_parallel_and_failure_inside_a_parallel_body():
    from tfc.backends.cpu import CompiledError, create_pool
    _, jm = compile_text(NESTED)
    f = jm.function("nested")
    a = np.random.default_rng(6).random((600, 300)).astype(np.float32)
    sizes = np.full(600, 4, np.int64)
    for pool in (None, create_pool(2)):
        np.testing.assert_array_equal(f(a, sizes, pool=pool)[0], a + a)
        bad = sizes.copy()
        bad[417] = 1 << 62  # that row's buffer cannot be allocated, on whichever thread runs it
        with pytest.raises(CompiledError) as err:
            f(a, bad, pool=pool)
        assert err.value.code == 2 and "memref<?xf32>" in err.value.message
    got, want = run_both(NESTED, "nested", a[:3, :4].copy(), sizes[:3], jit=jm)
    assert_same(got, want)
