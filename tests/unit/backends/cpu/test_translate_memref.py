"""memref ops, functions and the ABI compiled by the CPU backend: globals, views (subview,
cast, collapse/expand_shape), strided and contiguous copies, alloca, f16/f64/i1 element
types, dynamic dims read from the ABI, zero-sized and failing allocations, results that
alias arguments, calls to private and external functions, cf.assert."""

import numpy as np
import pytest

from tfc.backends.cpu import CompiledError

from conftest import assert_same, compile_text, run_both

C = '''  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %c2 = "arith.constant"() <{value = 2 : index}> : () -> index
'''

GLOBALS = '''
"memref.global"() <{sym_name = "table", type = memref<2x3xf32>, initial_value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]]> : tensor<2x3xf32>, constant, sym_visibility = "private"}> : () -> ()
"memref.global"() <{sym_name = "mask", type = memref<4xi1>, initial_value = dense<[true, false, true, true]> : tensor<4xi1>, constant, sym_visibility = "private"}> : () -> ()
"memref.global"() <{sym_name = "counter", type = memref<1xi64>, initial_value = dense<0> : tensor<1xi64>, sym_visibility = "private"}> : () -> ()
func.func @use_globals(%x: memref<2x3xf32>) -> (memref<2x3xf32>, memref<4xi1>, i64) {
''' + C + '''  %t = "memref.get_global"() <{name = @table}> : () -> memref<2x3xf32>
  %m = "memref.get_global"() <{name = @mask}> : () -> memref<4xi1>
  %k = "memref.get_global"() <{name = @counter}> : () -> memref<1xi64>
  %out = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<2x3xf32>
  "scf.for"(%c0, %c2, %c1) ({
  ^bb0(%i: index):
    "scf.for"(%c0, %c2, %c1) ({
    ^bb0(%j: index):
      %a = "memref.load"(%t, %i, %j) : (memref<2x3xf32>, index, index) -> f32
      %b = "memref.load"(%x, %i, %j) : (memref<2x3xf32>, index, index) -> f32
      %s = "arith.addf"(%a, %b) : (f32, f32) -> f32
      "memref.store"(%s, %out, %i, %j) : (f32, memref<2x3xf32>, index, index) -> ()
      "scf.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  %c = "memref.load"(%k, %c0) : (memref<1xi64>, index) -> i64
  %one = "arith.constant"() <{value = 1 : i64}> : () -> i64
  %c_next = "arith.addi"(%c, %one) : (i64, i64) -> i64
  "memref.store"(%c_next, %k, %c0) : (i64, memref<1xi64>, index) -> ()
  return %out, %m, %c_next : memref<2x3xf32>, memref<4xi1>, i64
}
'''

VIEWS = '''
func.func @views(%a: memref<4x6xf32>) -> (memref<2x3xf32>, memref<24xf32>, memref<2x2x6xf32>, memref<?x6xf32>, memref<6xf32>) {
  %sub = "memref.subview"(%a) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 2, 1>}> : (memref<4x6xf32>) -> memref<2x3xf32, strided<[12, 1], offset: 8>>
  %s_out = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<2x3xf32>
  "memref.copy"(%sub, %s_out) : (memref<2x3xf32, strided<[12, 1], offset: 8>>, memref<2x3xf32>) -> ()
  %flat = "memref.collapse_shape"(%a) <{reassociation = [[0, 1]]}> : (memref<4x6xf32>) -> memref<24xf32>
  %f_out = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<24xf32>
  "memref.copy"(%flat, %f_out) : (memref<24xf32>, memref<24xf32>) -> ()
  %e = "memref.expand_shape"(%a) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 2, 2, 6>}> : (memref<4x6xf32>) -> memref<2x2x6xf32>
  %e_out = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<2x2x6xf32>
  "memref.copy"(%e, %e_out) : (memref<2x2x6xf32>, memref<2x2x6xf32>) -> ()
  %d = "memref.cast"(%a) : (memref<4x6xf32>) -> memref<?x6xf32>
  %row = "memref.subview"(%a) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 0>, static_sizes = array<i64: 1, 6>, static_strides = array<i64: 1, 1>}> : (memref<4x6xf32>) -> memref<6xf32, strided<[1], offset: 18>>
  %r_out = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<6xf32>
  "memref.copy"(%row, %r_out) : (memref<6xf32, strided<[1], offset: 18>>, memref<6xf32>) -> ()
  return %s_out, %f_out, %e_out, %d, %r_out : memref<2x3xf32>, memref<24xf32>, memref<2x2x6xf32>, memref<?x6xf32>, memref<6xf32>
}
'''

DYNAMIC_SUBVIEW = '''
func.func @window(%a: memref<?x?xf64>, %off: index, %size: index) -> memref<?x?xf64> {
''' + C + '''  %n = "memref.dim"(%a, %c1) : (memref<?x?xf64>, index) -> index
  %v = "memref.subview"(%a, %off, %size, %n) <{operandSegmentSizes = array<i32: 1, 1, 2, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<?x?xf64>, index, index, index) -> memref<?x?xf64, strided<[?, 1], offset: ?>>
  %out = "memref.alloc"(%size, %n) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xf64>
  "memref.copy"(%v, %out) : (memref<?x?xf64, strided<[?, 1], offset: ?>>, memref<?x?xf64>) -> ()
  return %out : memref<?x?xf64>
}
'''

HALF = '''
func.func @half(%a: memref<?xf16>, %b: memref<?xf16>) -> (memref<?xf16>, memref<?xf32>) {
''' + C + '''  %n = "memref.dim"(%a, %c0) : (memref<?xf16>, index) -> index
  %o16 = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf16>
  %o32 = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
  "scf.for"(%c0, %n, %c1) ({
  ^bb0(%i: index):
    %x = "memref.load"(%a, %i) : (memref<?xf16>, index) -> f16
    %y = "memref.load"(%b, %i) : (memref<?xf16>, index) -> f16
    %m = "arith.mulf"(%x, %y) : (f16, f16) -> f16
    "memref.store"(%m, %o16, %i) : (f16, memref<?xf16>, index) -> ()
    %xe = "arith.extf"(%x) : (f16) -> f32
    %ye = "arith.extf"(%y) : (f16) -> f32
    %s = "arith.divf"(%xe, %ye) : (f32, f32) -> f32
    %e = "math.exp"(%x) : (f16) -> f16
    %ee = "arith.extf"(%e) : (f16) -> f32
    %t = "arith.addf"(%s, %ee) : (f32, f32) -> f32
    "memref.store"(%t, %o32, %i) : (f32, memref<?xf32>, index) -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return %o16, %o32 : memref<?xf16>, memref<?xf32>
}
'''

RANK3 = '''
func.func @rank3(%a: memref<?x3x?xi16>) -> (memref<?x?xi16>, index) {
''' + C + '''  %n0 = "memref.dim"(%a, %c0) : (memref<?x3x?xi16>, index) -> index
  %n2 = "memref.dim"(%a, %c2) : (memref<?x3x?xi16>, index) -> index
  %flat = "memref.collapse_shape"(%a) <{reassociation = [[0, 1], [2]]}> : (memref<?x3x?xi16>) -> memref<?x?xi16>
  %n = "memref.dim"(%flat, %c0) : (memref<?x?xi16>, index) -> index
  %out = "memref.alloc"(%n, %n2) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xi16>
  "memref.copy"(%flat, %out) : (memref<?x?xi16>, memref<?x?xi16>) -> ()
  %total = "arith.muli"(%n, %n2) : (index, index) -> index
  return %out, %total : memref<?x?xi16>, index
}
'''

ALLOC = '''
func.func @alloc(%n: index, %m: index) -> memref<?x?xf32> {
''' + C + '''  %out = "memref.alloc"(%n, %m) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xf32>
  %z = "arith.constant"() <{value = 0.25 : f32}> : () -> f32
  "scf.for"(%c0, %n, %c1) ({
  ^bb0(%i: index):
    "scf.for"(%c0, %m, %c1) ({
    ^bb0(%j: index):
      "memref.store"(%z, %out, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
      "scf.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return %out : memref<?x?xf32>
}
'''

ALIASING = '''
func.func @aliasing(%a: memref<3xf32>) -> (memref<3xf32>, memref<3xf32>, memref<3xf32>, memref<f32>) {
''' + C + '''  %x = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<3xf32>
  "memref.copy"(%a, %x) : (memref<3xf32>, memref<3xf32>) -> ()
  %s = "memref.alloca"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<f32>
  %v = "memref.load"(%a, %c1) : (memref<3xf32>, index) -> f32
  "memref.store"(%v, %s) : (f32, memref<f32>) -> ()
  return %a, %x, %x, %s : memref<3xf32>, memref<3xf32>, memref<3xf32>, memref<f32>
}
'''

CALLS = '''
func.func private @hypotf(f32, f32) -> f32
func.func private @helper(%a: memref<?xf32>, %k: f32) -> (memref<?xf32>, f32) {
''' + C + '''  %n = "memref.dim"(%a, %c0) : (memref<?xf32>, index) -> index
  %out = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
  %z = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
  %s = "scf.for"(%c0, %n, %c1, %z) ({
  ^bb0(%i: index, %acc: f32):
    %x = "memref.load"(%a, %i) : (memref<?xf32>, index) -> f32
    %h = "func.call"(%x, %k) <{callee = @hypotf}> : (f32, f32) -> f32
    "memref.store"(%h, %out, %i) : (f32, memref<?xf32>, index) -> ()
    %t = "arith.addf"(%acc, %h) : (f32, f32) -> f32
    "scf.yield"(%t) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return %out, %s : memref<?xf32>, f32
}
func.func @caller(%a: memref<?xf32>) -> (memref<?xf32>, f32) {
  %k = "arith.constant"() <{value = 4.0 : f32}> : () -> f32
  %r:2 = "func.call"(%a, %k) <{callee = @helper}> : (memref<?xf32>, f32) -> (memref<?xf32>, f32)
  return %r#0, %r#1 : memref<?xf32>, f32
}
'''

ASSERT = '''
func.func @checked(%x: i32) -> i32 {
  %z = "arith.constant"() <{value = 0 : i32}> : () -> i32
  %ok = "arith.cmpi"(%x, %z) <{predicate = 1 : i64}> : (i32, i32) -> i1
  "cf.assert"(%ok) <{msg = "Integer division by zero"}> : (i1) -> ()
  %h = "arith.constant"() <{value = 100 : i32}> : () -> i32
  %q = "arith.divsi"(%h, %x) : (i32, i32) -> i32
  return %q : i32
}
'''


def test_globals_constant_and_mutable():
    _, jm = compile_text(GLOBALS)
    f = jm.function("use_globals")
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    table, mask, count = f(x)
    want = np.array([[1, 2, 3], [4, 5, 6.5]], np.float32)
    np.testing.assert_array_equal(table[:, :2], (want + x)[:, :2])
    np.testing.assert_array_equal(mask, [True, False, True, True])
    assert mask.dtype == np.bool_ and count == 1
    assert f(x)[2] == 2  # the mutable global keeps its state across calls of the module


def test_views_and_copies():
    a = np.arange(24, dtype=np.float32).reshape(4, 6)
    got, want = run_both(VIEWS, "views", a)
    assert_same(got, want)
    np.testing.assert_array_equal(got[0], a[1:4:2, 2:5])
    np.testing.assert_array_equal(got[3], a)  # returned argument view: copied into a fresh buffer
    np.testing.assert_array_equal(got[4], a[3])


def test_dynamic_subview():
    a = np.random.default_rng(0).standard_normal((9, 5))
    _, jm = compile_text(DYNAMIC_SUBVIEW)
    for off, size in ((0, 9), (3, 4), (9, 0)):
        got, want = run_both(DYNAMIC_SUBVIEW, "window", a, np.int64(off), np.int64(size), jit=jm)
        assert_same(got, want)


def test_half_precision():
    rng = np.random.default_rng(1)
    a = rng.uniform(-4, 4, 300).astype(np.float16)
    b = rng.uniform(0.5, 4, 300).astype(np.float16)
    got, want = run_both(HALF, "half", a, b)
    assert_same(got[:1], want[:1])  # f16 arithmetic rounds like numpy's
    np.testing.assert_allclose(got[1], want[1], rtol=2e-6)


def test_dynamic_dims_from_the_abi_and_index_results():
    a = np.arange(2 * 3 * 5, dtype=np.int16).reshape(2, 3, 5)
    got, want = run_both(RANK3, "rank3", a)
    assert_same(got, want)
    assert got[0].shape == (6, 5) and got[1] == 30 and got[1].dtype == np.int64


def test_allocations_zero_sized_and_failing():
    _, jm = compile_text(ALLOC)
    f = jm.function("alloc")
    assert f(np.int64(0), np.int64(5))[0].shape == (0, 5)
    np.testing.assert_array_equal(f(np.int64(3), np.int64(70))[0], np.full((3, 70), 0.25, np.float32))
    with pytest.raises(CompiledError) as err:
        f(np.int64(1 << 40), np.int64(1 << 30))  # 2^72 bytes: the size overflows
    assert err.value.code == 2 and "memref<?x?xf32>" in err.value.message and "out of memory" in err.value.message
    with pytest.raises(CompiledError) as err:
        f(np.int64(1 << 30), np.int64(1 << 30))  # 2^62 bytes: fits int64, no machine has it
    assert err.value.code == 2
    assert f(np.int64(2), np.int64(2))[0].shape == (2, 2)  # still usable afterwards


def test_results_aliasing_arguments_and_each_other_are_copied():
    a = np.array([1.0, 2.0, 3.0], np.float32)
    _, jm = compile_text(ALIASING)
    arg, x1, x2, scalar = jm.function("aliasing")(a)
    for r in (arg, x1, x2):
        np.testing.assert_array_equal(r, a)
    assert not np.shares_memory(arg, a) and not np.shares_memory(x1, x2)
    assert scalar.shape == () and scalar == 2.0
    x1[:] = 0  # distinct buffers, each freed once when its array dies
    np.testing.assert_array_equal(x2, a)
    del arg, x1, x2


def test_private_and_external_calls():
    a = np.array([3.0, 0.0, -5.0], np.float32)
    got = compile_text(CALLS)[1].function("caller")(a)  # (the interpreter has no libm to call)
    np.testing.assert_allclose(got[0], np.hypot(a, 4.0), rtol=1e-6)
    np.testing.assert_allclose(got[1], np.hypot(a, 4.0).sum(), rtol=1e-6)


def test_assert_fails_with_its_message():
    _, jm = compile_text(ASSERT)
    f = jm.function("checked")
    assert f(np.int32(7))[0] == 14
    with pytest.raises(CompiledError) as err:
        f(np.int32(0))
    assert err.value.code == 1 and err.value.message == "Integer division by zero"


def test_argument_checks():
    _, jm = compile_text(RANK3)
    f = jm.function("rank3")
    with pytest.raises(TypeError, match="dtype int16"):
        f(np.zeros((2, 3, 4), np.float32))
    with pytest.raises(ValueError, match="shape"):
        f(np.zeros((2, 4, 4), np.int16))
    with pytest.raises(ValueError, match="rank 3"):
        f(np.zeros((2, 3), np.int16))
    with pytest.raises(ValueError, match="contiguous"):
        f(np.zeros((2, 3, 8), np.int16)[:, :, ::2])
    with pytest.raises(TypeError, match="takes 1 arguments"):
        f()
