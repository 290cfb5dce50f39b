"""How scf.parallel picks between the calling thread and the pool: the work estimate counts
nested loops whose bounds are known before the loop with their run-time trip counts, and a
loop that is one chunk runs its body directly (no tfc_parallel_for call, no wake-up)."""

import threading

import numpy as np

from tfc.backends.cpu.target import Target
from tfc.backends.cpu.translate import translate_module
from tfc.ir.parser import parse_module

from conftest import compile_text

C = '''  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
'''

# Row i records the thread that ran it; each row runs a dynamic inner loop of n steps.
ROWS = '''
func.func private @pthread_self() -> i64
func.func @rows(%a: memref<?x?xf32>) -> (memref<?xi64>, memref<?xf32>) {
''' + C + '''  %m = "memref.dim"(%a, %c0) : (memref<?x?xf32>, index) -> index
  %n = "memref.dim"(%a, %c1) : (memref<?x?xf32>, index) -> index
  %ids = "memref.alloc"(%m) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xi64>
  %sums = "memref.alloc"(%m) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
  %zero = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
  "scf.parallel"(%c0, %m, %c1) ({
  ^bb0(%i: index):
    %t = "func.call"() <{callee = @pthread_self}> : () -> i64
    "memref.store"(%t, %ids, %i) : (i64, memref<?xi64>, index) -> ()
    %s = "scf.for"(%c0, %n, %c1, %zero) ({
    ^bb0(%j: index, %acc: f32):
      %x = "memref.load"(%a, %i, %j) : (memref<?x?xf32>, index, index) -> f32
      %e = "math.sqrt"(%x) : (f32) -> f32
      %r = "arith.addf"(%acc, %e) : (f32, f32) -> f32
      "scf.yield"(%r) : (f32) -> ()
    }) : (index, index, index, f32) -> f32
    "memref.store"(%s, %sums, %i) : (f32, memref<?xf32>, index) -> ()
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return %ids, %sums : memref<?xi64>, memref<?xf32>
}
'''


def test_little_work_runs_on_the_calling_thread():
    from tfc.backends.cpu import create_pool
    _, jm = compile_text(ROWS)
    a = np.random.default_rng(0).random((64, 3)).astype(np.float32)
    ids, sums = jm.function("rows")(a, pool=create_pool(4))
    assert set(ids.tolist()) == {threading.get_ident()}  # CPython's ident is pthread_self
    np.testing.assert_allclose(sums, np.sqrt(a).sum(axis=1), rtol=1e-5)


def test_inner_trip_counts_known_at_run_time_count():
    # 8 rows would be one chunk if the inner loop counted as a guess; its real length
    # (2**18 steps per row) makes each row worth a thread.
    from tfc.backends.cpu import create_pool
    _, jm = compile_text(ROWS)
    a = np.random.default_rng(1).random((8, 1 << 18)).astype(np.float32)
    ids, sums = jm.function("rows")(a, pool=create_pool(4))
    assert len(set(ids.tolist())) > 1
    np.testing.assert_allclose(sums, np.sqrt(a.astype(np.float64)).sum(axis=1), rtol=1e-4)


STATIC = '''
func.func @small(%a: memref<16xf32>) -> memref<16xf32> {
''' + C + '''  %c16 = "arith.constant"() <{value = 16 : index}> : () -> index
  %out = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<16xf32>
  "scf.parallel"(%c0, %c16, %c1) ({
  ^bb0(%i: index):
    %x = "memref.load"(%a, %i) : (memref<16xf32>, index) -> f32
    %y = "arith.mulf"(%x, %x) : (f32, f32) -> f32
    "memref.store"(%y, %out, %i) : (f32, memref<16xf32>, index) -> ()
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return %out : memref<16xf32>
}
'''


def test_one_static_chunk_calls_the_body_directly():
    text = str(translate_module(parse_module(STATIC), Target.host()))
    calls = [line for line in text.replace('"', "").splitlines() if " call " in line]
    assert any("call void @small.impl.parallel" in line for line in calls)
    assert not any("tfc_parallel_for" in line for line in calls)
    _, jm = compile_text(STATIC)
    a = np.arange(16, dtype=np.float32)
    np.testing.assert_array_equal(jm.function("small")(a)[0], a * a)
