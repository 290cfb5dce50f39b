"""The tensor and memref dialects: semantics through the reference interpreter (views alias
their buffers), verifier errors, folds, builders and memory-effect traits."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter, InterpreterError
from tfc.dialects import memref as M
from tfc.dialects import tensor as TS
from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.core import Block
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.parser import parse_module
from tfc.ir.printer import print_op
from tfc.ir.traits import is_pure
from tfc.ir.verifier import verify

DYN = TS.K_DYNAMIC


def load(text: str):
    module = parse_module(text, "<test>")
    verify(module)
    return module


def run(text: str, *args, name: str = "f") -> list:
    return Interpreter().call(load(text), name, *args)


def slice_props(offsets, sizes, strides, leading: int = 1) -> str:
    dyn = [sum(1 for v in values if v == DYN) for values in (offsets, sizes, strides)]
    seg = ", ".join(map(str, [1] * leading + dyn))

    def arr(values):
        return f"array<i64: {', '.join(map(str, values))}>"
    return (f"<{{operandSegmentSizes = array<i32: {seg}>, static_offsets = {arr(offsets)}, "
            f"static_sizes = {arr(sizes)}, static_strides = {arr(strides)}}}>")


def verify_error(text: str) -> str:
    with pytest.raises(DiagnosticError) as info:
        load(text)
    return str(info.value)


# ----- tensor ------------------------------------------------------------------------------------

def test_empty_dim_and_splat():
    out = run("""
func.func @f(%n: index, %x: f32) -> (tensor<?x3xf32>, index, index, tensor<?x2xf32>) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %e = "tensor.empty"(%n) : (index) -> tensor<?x3xf32>
  %d0 = "tensor.dim"(%e, %c0) : (tensor<?x3xf32>, index) -> index
  %d1 = "tensor.dim"(%e, %c1) : (tensor<?x3xf32>, index) -> index
  %s = "tensor.splat"(%x, %n) : (f32, index) -> tensor<?x2xf32>
  return %e, %d0, %d1, %s : tensor<?x3xf32>, index, index, tensor<?x2xf32>
}""", 5, 1.5)
    assert out[0].shape == (5, 3) and out[0].dtype == np.float32
    assert (int(out[1]), int(out[2])) == (5, 3)
    np.testing.assert_array_equal(out[3], np.full((5, 2), 1.5, np.float32))


def test_extract_insert_copy_semantics():
    t = np.arange(6, dtype=np.int32).reshape(2, 3)
    new, old, x = run("""
func.func @f(%t: tensor<2x3xi32>, %i: index, %j: index, %v: i32) -> (tensor<2x3xi32>, tensor<2x3xi32>, i32) {
  %r = "tensor.insert"(%v, %t, %i, %j) : (i32, tensor<2x3xi32>, index, index) -> tensor<2x3xi32>
  %x = "tensor.extract"(%r, %i, %j) : (tensor<2x3xi32>, index, index) -> i32
  return %r, %t, %x : tensor<2x3xi32>, tensor<2x3xi32>, i32
}""", t, 1, 2, 42)
    assert int(x) == 42 and new[1, 2] == 42
    np.testing.assert_array_equal(old, np.arange(6).reshape(2, 3))  # tensors are values


def test_from_elements_and_cast():
    r, c = run("""
func.func @f(%a: i64, %b: i64) -> (tensor<2x2xi64>, tensor<?x2xi64>) {
  %t = "tensor.from_elements"(%a, %b, %b, %a) : (i64, i64, i64, i64) -> tensor<2x2xi64>
  %c = "tensor.cast"(%t) : (tensor<2x2xi64>) -> tensor<?x2xi64>
  return %t, %c : tensor<2x2xi64>, tensor<?x2xi64>
}""", 1, 2)
    np.testing.assert_array_equal(r, [[1, 2], [2, 1]])
    np.testing.assert_array_equal(c, r)


def test_extract_slice_dynamic_and_rank_reduced():
    src = np.arange(32, dtype=np.float32).reshape(8, 4)
    a, row = run(f"""
func.func @f(%t: tensor<8x4xf32>, %o: index, %n: index) -> (tensor<?x2xf32>, tensor<4xf32>) {{
  %s = "tensor.extract_slice"(%t, %o, %n) {slice_props([DYN, 1], [DYN, 2], [2, 2])} : (tensor<8x4xf32>, index, index) -> tensor<?x2xf32>
  %r = "tensor.extract_slice"(%t) {slice_props([5, 0], [1, 4], [1, 1])} : (tensor<8x4xf32>) -> tensor<4xf32>
  return %s, %r : tensor<?x2xf32>, tensor<4xf32>
}}""", src, 1, 3)
    np.testing.assert_array_equal(a, src[1:6:2, 1:4:2])
    np.testing.assert_array_equal(row, src[5])


def test_extract_slice_out_of_bounds_at_run_time():
    with pytest.raises(InterpreterError, match="runs out of bounds"):
        run(f"""
func.func @f(%t: tensor<8x4xf32>, %o: index) -> tensor<2x4xf32> {{
  %s = "tensor.extract_slice"(%t, %o) {slice_props([DYN, 0], [2, 4], [1, 1])} : (tensor<8x4xf32>, index) -> tensor<2x4xf32>
  return %s : tensor<2x4xf32>
}}""", np.zeros((8, 4), np.float32), 7)


def test_insert_slice():
    dest = np.zeros((4, 4), np.float32)
    [out] = run(f"""
func.func @f(%s: tensor<2xf32>, %d: tensor<4x4xf32>, %j: index) -> tensor<4x4xf32> {{
  %r = "tensor.insert_slice"(%s, %d, %j) {slice_props([2, DYN], [1, 2], [1, 2], leading=2)} : (tensor<2xf32>, tensor<4x4xf32>, index) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}}""", np.array([7, 8], np.float32), dest, 1)
    expected = np.zeros((4, 4), np.float32)
    expected[2, 1:4:2] = [7, 8]
    np.testing.assert_array_equal(out, expected)
    assert not dest.any()


def test_collapse_and_expand_shape():
    src = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    c, e, d = run("""
func.func @f(%t: tensor<2x3x4xi32>, %v: tensor<?xi32>, %n: index) -> (tensor<6x4xi32>, tensor<3x2x4xi32>, tensor<?x4xi32>) {
  %c = "tensor.collapse_shape"(%t) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xi32>) -> tensor<6x4xi32>
  %e = "tensor.expand_shape"(%c) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 3, 2, 4>}> : (tensor<6x4xi32>) -> tensor<3x2x4xi32>
  %d = "tensor.expand_shape"(%v, %n) <{reassociation = [[0, 1]], static_output_shape = array<i64: -9223372036854775808, 4>}> : (tensor<?xi32>, index) -> tensor<?x4xi32>
  return %c, %e, %d : tensor<6x4xi32>, tensor<3x2x4xi32>, tensor<?x4xi32>
}""", src, np.arange(8, dtype=np.int32), 2)
    np.testing.assert_array_equal(c, src.reshape(6, 4))
    np.testing.assert_array_equal(e, src.reshape(3, 2, 4))
    np.testing.assert_array_equal(d, np.arange(8).reshape(2, 4))


@pytest.mark.parametrize("body, message", [
    ('%e = "tensor.empty"() : () -> tensor<?xf32>', "incorrect number of dynamic sizes, has 0, expected 1"),
    ('%x = "tensor.extract"(%t) : (tensor<4x4xf32>) -> f32', "incorrect number of indices for extract_element"),
    ('%c = "tensor.cast"(%t) : (tensor<4x4xf32>) -> tensor<4x4xi32>', "are cast incompatible"),
    ('%c = "tensor.cast"(%t) : (tensor<4x4xf32>) -> tensor<4xf32>', "are cast incompatible"),
    (f'%s = "tensor.extract_slice"(%t) {slice_props([0, 0], [2, 2], [1, 1])} : (tensor<4x4xf32>) -> tensor<2x3xf32>',
     "expected type to be tensor<2x2xf32> or a rank-reduced version. (size mismatch)"),
    (f'%s = "tensor.extract_slice"(%t) {slice_props([0, 0], [2, 2], [1, 1])} : (tensor<4x4xf32>) -> tensor<1x2x2xf32>',
     "expected rank to be smaller or equal to the other rank"),
    (f'%s = "tensor.extract_slice"(%t) {slice_props([0, 0], [2, -3], [1, 1])} : (tensor<4x4xf32>) -> tensor<2x2xf32>',
     "expected sizes to be non-negative, but got -3"),
    ('%c = "tensor.collapse_shape"(%t) <{reassociation = [[0, 1]]}> : (tensor<4x4xf32>) -> tensor<16xi32>',
     "expected collapsed type to be tensor<16xf32>, but got tensor<16xi32>"),
    ('%c = "tensor.expand_shape"(%t) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 2, 2>}> '
     ': (tensor<4x4xf32>) -> tensor<2x2x4xf32>', "expected number of static shape dims to be equal to the output rank (3)"),
    ('%c = "tensor.expand_shape"(%t) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 2, 3, 4>}> '
     ': (tensor<4x4xf32>) -> tensor<2x2x4xf32>', "invalid output shape provided at pos 1"),
])
def test_tensor_verify_errors(body, message):
    text = f"func.func @f(%t: tensor<4x4xf32>) {{\n  {body}\n  return\n}}"
    assert message in verify_error(text)


def test_tensor_builders_infer_types():
    block = Block([T.TensorType((8, 4), T.f32), T.index])
    t, i = block.arguments
    s = TS.ExtractSliceOp.create(t, [i, 0], [2, 4], [1, 1])
    assert s.result.type == T.TensorType((2, 4), T.f32)
    assert list(s.static_offsets.values) == [DYN, 0]
    assert list(s.properties["operandSegmentSizes"].values) == [1, 1, 0, 0]
    c = TS.CollapseShapeOp.create(t, [[0, 1]])
    assert c.result.type == T.TensorType((32,), T.f32)
    assert str(c.reassociation) == "[[0, 1]]"
    d = TS.DimOp.build(t, i)
    x = TS.ExtractOp.build(t, [i, i])
    assert d.result.type == T.index and x.result.type == T.f32
    ins = TS.InsertSliceOp.create(s.result, t, [0, 0], [2, 4], [1, 1])
    assert ins.result.type == t.type
    for op in (s, c, d, x, ins):
        block.append(op)
    for op in (s, c, d, x, ins):
        verify(op)


def test_tensor_folds():
    t = T.TensorType((4, None), T.f32)
    block = Block([t, T.index])
    arg, n = block.arguments
    dim = TS.DimOp.build(arg, n)
    assert dim.fold([None, A.IntegerAttr(0, T.index)]) == [A.IntegerAttr(4, T.index)]
    assert dim.fold([None, A.IntegerAttr(1, T.index)]) is None
    cast = TS.CastOp.build(arg, result_types=[t])
    assert cast.fold([None]) == [arg]
    data = A.DenseElementsAttr(np.array([[1.0, 2.0], [3.0, 4.0]], np.float32), T.TensorType((2, 2), T.f32))
    ex = TS.ExtractOp.build(arg, [n, n])
    assert ex.fold([data, A.IntegerAttr(1, T.index), A.IntegerAttr(0, T.index)]) == [A.FloatAttr.get(3.0, T.f32)]


def test_tensor_ops_are_pure():
    module = load("""
func.func @f(%t: tensor<4xf32>, %i: index) {
  %x = "tensor.extract"(%t, %i) : (tensor<4xf32>, index) -> f32
  return
}""")
    op = module.regions[0].blocks[0].ops[0].regions[0].blocks[0].ops[0]
    assert isinstance(op, TS.ExtractOp) and is_pure(op)


# ----- memref ------------------------------------------------------------------------------------

def test_alloc_store_load_dim_dealloc():
    v, d = run("""
func.func @f(%n: index, %x: f32) -> (f32, index) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c2 = "arith.constant"() <{value = 2 : index}> : () -> index
  %m = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?x3xf32>
  "memref.store"(%x, %m, %c2, %c0) : (f32, memref<?x3xf32>, index, index) -> ()
  %v = "memref.load"(%m, %c2, %c0) : (memref<?x3xf32>, index, index) -> f32
  %d = "memref.dim"(%m, %c0) : (memref<?x3xf32>, index) -> index
  "memref.dealloc"(%m) : (memref<?x3xf32>) -> ()
  return %v, %d : f32, index
}""", 4, 2.5)
    assert float(v) == 2.5 and v.dtype == np.float32 and int(d) == 4


def test_store_writes_argument_buffer_in_place():
    buf = np.zeros(4, np.int32)
    run("""
func.func @f(%m: memref<4xi32>, %i: index, %v: i32) {
  "memref.store"(%v, %m, %i) : (i32, memref<4xi32>, index) -> ()
  return
}""", buf, 3, 9)
    assert buf.tolist() == [0, 0, 0, 9]


def test_subview_aliases_parent():
    parent = np.zeros((4, 4), np.float32)
    out = run(f"""
func.func @f(%m: memref<4x4xf32>, %o: index, %x: f32) -> memref<4x4xf32> {{
  %c0 = "arith.constant"() <{{value = 0 : index}}> : () -> index
  %c1 = "arith.constant"() <{{value = 1 : index}}> : () -> index
  %v = "memref.subview"(%m, %o) {slice_props([1, DYN], [2, 2], [2, 1])} : (memref<4x4xf32>, index) -> memref<2x2xf32, strided<[8, 1], offset: ?>>
  "memref.store"(%x, %v, %c1, %c1) : (f32, memref<2x2xf32, strided<[8, 1], offset: ?>>, index, index) -> ()
  %row = "memref.subview"(%m) {slice_props([0, 0], [1, 4], [1, 1])} : (memref<4x4xf32>) -> memref<4xf32, strided<[1]>>
  "memref.store"(%x, %row, %c0) : (f32, memref<4xf32, strided<[1]>>, index) -> ()
  return %m : memref<4x4xf32>
}}""", parent, 2, 5.0)
    expected = np.zeros((4, 4), np.float32)
    expected[3, 3] = 5.0   # subview element (1, 1) = parent (1 + 1*2, 2 + 1)
    expected[0, 0] = 5.0   # rank-reduced row view
    np.testing.assert_array_equal(parent, expected)
    np.testing.assert_array_equal(out[0], expected)


def test_copy_and_reshape_views_alias():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.zeros((2, 3), np.float32)
    run("""
func.func @f(%a: memref<2x3xf32>, %b: memref<2x3xf32>, %x: f32) {
  "memref.copy"(%a, %b) : (memref<2x3xf32>, memref<2x3xf32>) -> ()
  %c = "memref.collapse_shape"(%b) <{reassociation = [[0, 1]]}> : (memref<2x3xf32>) -> memref<6xf32>
  %c5 = "arith.constant"() <{value = 5 : index}> : () -> index
  "memref.store"(%x, %c, %c5) : (f32, memref<6xf32>, index) -> ()
  %e = "memref.expand_shape"(%c) <{reassociation = [[0, 1, 2]], static_output_shape = array<i64: 3, 1, 2>}> : (memref<6xf32>) -> memref<3x1x2xf32>
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  "memref.store"(%x, %e, %c0, %c0, %c0) : (f32, memref<3x1x2xf32>, index, index, index) -> ()
  %u = "memref.cast"(%b) : (memref<2x3xf32>) -> memref<?x?xf32>
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  "memref.store"(%x, %u, %c1, %c0) : (f32, memref<?x?xf32>, index, index) -> ()
  return
}""", a, b, -1.0)
    np.testing.assert_array_equal(b, [[-1, 1, 2], [-1, 4, -1]])


def test_globals_persist_and_constant_globals_are_read_only():
    text = """
"memref.global"() <{sym_name = "w", type = memref<2xf32>, initial_value = dense<[1.0, 2.0]> : tensor<2xf32>, constant}> : () -> ()
"memref.global"() <{sym_name = "acc", type = memref<1xi32>, initial_value = dense<0> : tensor<1xi32>}> : () -> ()
func.func @f() -> (f32, i32) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %w = "memref.get_global"() <{name = @w}> : () -> memref<2xf32>
  %x = "memref.load"(%w, %c1) : (memref<2xf32>, index) -> f32
  %a = "memref.get_global"() <{name = @acc}> : () -> memref<1xi32>
  %v = "memref.load"(%a, %c0) : (memref<1xi32>, index) -> i32
  %one = "arith.constant"() <{value = 1 : i32}> : () -> i32
  %n = "arith.addi"(%v, %one) : (i32, i32) -> i32
  "memref.store"(%n, %a, %c0) : (i32, memref<1xi32>, index) -> ()
  return %x, %n : f32, i32
}
func.func @g(%y: f32) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %w = "memref.get_global"() <{name = @w}> : () -> memref<2xf32>
  "memref.store"(%y, %w, %c0) : (f32, memref<2xf32>, index) -> ()
  return
}"""
    module = load(text)
    interp = Interpreter()
    assert [float(x) for x in interp.call(module, "f")] == [2.0, 1.0]
    assert int(interp.call(module, "f")[1]) == 2   # the global's state persists
    with pytest.raises(InterpreterError, match="read-only"):
        interp.call(module, "g", 3.0)


@pytest.mark.parametrize("sig, body, message", [
    ("", '%m = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<?xf32>',
     "dimension operand count does not equal memref dynamic dimension count"),
    ("", '%m = "memref.alloc"() : () -> memref<4xf32>', "requires 'operandSegmentSizes' with 2 entries"),
    ("%m: memref<4x4xf32>, %i: index", '%v = "memref.load"(%m, %i) : (memref<4x4xf32>, index) -> f32',
     "incorrect number of indices for load, expected 2 but got 1"),
    ("%m: memref<4x4xf32>, %i: index", '%v = "memref.load"(%m, %i, %i) : (memref<4x4xf32>, index, index) -> f16',
     "inferred type(s) 'f32' are incompatible"),
    ("%m: memref<4x4xf32>, %i: index, %v: f32", '"memref.store"(%v, %m, %i) : (f32, memref<4x4xf32>, index) -> ()',
     "store index operand count not equal to memref rank"),
    ("%m: memref<4x4xf32>",
     f'%v = "memref.subview"(%m) {slice_props([1, 1], [2, 2], [1, 1])} : (memref<4x4xf32>) -> memref<2x2xf32, strided<[4, 1], offset: 4>>',
     "expected result type to be memref<2x2xf32, strided<[4, 1], offset: 5>> or a rank-reduced version. (mismatch of result layout)"),
    ("%m: memref<4x4xf32, 1>",
     f'%v = "memref.subview"(%m) {slice_props([0, 0], [2, 2], [1, 1])} : (memref<4x4xf32, 1>) -> memref<2x2xf32, strided<[4, 1]>>',
     "different memory spaces specified"),
    ("%m: memref<4x4xf32>",
     f'%v = "memref.subview"(%m) {slice_props([0, 0], [2, 2], [1, 1])} : (memref<4x4xf32>) -> memref<2x2xi32, strided<[4, 1]>>',
     "expected result element type to be f32"),
    ("%a: memref<4xf32>, %b: memref<4xi32>", '"memref.copy"(%a, %b) : (memref<4xf32>, memref<4xi32>) -> ()',
     "requires the same element type for all operands"),
    ("%a: memref<*xf32>", '%c = "memref.cast"(%a) : (memref<*xf32>) -> memref<*xf32>', "are cast incompatible"),
    ("%a: memref<2x3xf32>",
     '%c = "memref.expand_shape"(%a) <{reassociation = [[0, 1]], static_output_shape = array<i64: 2, 3>}> '
     ': (memref<2x3xf32>) -> memref<6xf32>', "This is not an expansion (2 > 1)."),
])
def test_memref_verify_errors(sig, body, message):
    text = f"func.func @f({sig}) {{\n  {body}\n  return\n}}"
    assert message in verify_error(text)


def test_subview_builder_infers_mlir_layout():
    block = Block([T.MemRefType((8, 4), T.f32), T.index])
    m, i = block.arguments
    v = M.SubViewOp.create(m, [i, 1], [2, 2], [2, 1])
    assert str(v.result.type) == "memref<2x2xf32, strided<[8, 1], offset: ?>>"
    w = M.SubViewOp.create(v.result, [1, 0], [1, 2], [1, 1])
    assert str(w.result.type) == "memref<1x2xf32, strided<[8, 1], offset: ?>>"
    s = M.SubViewOp.create(m, [2, 1], [3, 2], [1, 2])
    assert str(s.result.type) == "memref<3x2xf32, strided<[4, 2], offset: 9>>"
    for op in (v, w, s):
        block.append(op)
        verify(op)
    assert M.strides_and_offset(T.MemRefType((None, 3, 4), T.f32)) == ([12, 4, 1], 0)
    assert M.strides_and_offset(T.MemRefType((3, None, 4), T.f32)) == ([None, 4, 1], 0)


def test_memref_effects_and_folds():
    module = load("""
func.func @f(%n: index) -> index {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %m = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xf32>
  %d = "memref.dim"(%m, %c0) : (memref<?xf32>, index) -> index
  return %d : index
}""")
    ops = module.regions[0].blocks[0].ops[0].regions[0].blocks[0].ops
    alloc, dim = ops[1], ops[2]
    assert not is_pure(alloc) and is_pure(dim)
    assert dim.fold([None, A.IntegerAttr(0, T.index)]) == [alloc.dynamicSizes[0]]
    for cls in (M.AllocOp, M.AllocaOp, M.DeallocOp, M.LoadOp, M.StoreOp, M.CopyOp):
        assert not is_pure_class(cls)
    for cls in (M.DimOp, M.SubViewOp, M.CastOp, M.CollapseShapeOp, M.ExpandShapeOp, M.GetGlobalOp):
        assert is_pure_class(cls)


def is_pure_class(cls) -> bool:
    from tfc.ir.traits import Pure
    return Pure in cls.traits


def test_get_global_prints_name_property():
    text = """
"memref.global"() <{sym_name = "w", type = memref<2xf32>, initial_value}> : () -> ()
func.func @f() -> memref<2xf32> {
  %w = "memref.get_global"() <{name = @w}> : () -> memref<2xf32>
  return %w : memref<2xf32>
}"""
    module = load(text)
    printed = print_op(module, generic=True)
    assert '"memref.get_global"() <{name = @w}>' in printed
    get = module.regions[0].blocks[0].ops[1].regions[0].blocks[0].ops[0]
    assert get.global_name == A.SymbolRefAttr("w")
    built = M.GetGlobalOp.build(name="w", result_types=[T.MemRefType((2,), T.f32)])
    assert built.properties["name"] == A.SymbolRefAttr("w")
    out = Interpreter().call(module, "f")[0]
    assert out.shape == (2,) and out.dtype == np.float32
