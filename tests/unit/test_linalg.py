"""The linalg dialect: generic and named ops through the reference interpreter on tensors
(results) and memrefs (written in place), the vectorized path against the per-point oracle,
the builders, and verifier errors."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects.linalg import (BroadcastOp, FillOp, GenericOp, MapOp, MatmulOp, ReduceOp,
                                 TransposeOp)
from tfc.dialects.linalg import base as linalg_base
from tfc.ir import types as T
from tfc.ir.affine import AffineMap
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.opdef import lookup_op
from tfc.ir.parser import parse_module
from tfc.ir.printer import print_op
from tfc.ir.verifier import verify


def load(text: str):
    module = parse_module(text, "<test>")
    verify(module)
    return module


def run(text, name, *args, per_point=False, monkeypatch=None):
    if per_point:
        monkeypatch.setattr(linalg_base, "run_vectorized", lambda *a: False)
        import tfc.dialects.linalg.named as named
        monkeypatch.setattr(named, "run_vectorized", lambda *a: False)
        monkeypatch.setattr(named.NamedOp, "has_standard_body", lambda self: False)
    return Interpreter().call(load(text), name, *args)


def maps_attr(*maps):
    return "[" + ", ".join(f"affine_map<{m}>" for m in maps) + "]"


def iters(*kinds):
    return "[" + ", ".join(f"#linalg.iterator_type<{k}>" for k in kinds) + "]"


ELEMENTWISE = f"""
func.func @f(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %init: tensor<2x3xf32>) -> tensor<2x3xf32> {{
  %r = "linalg.generic"(%a, %b, %init) <{{indexing_maps = {maps_attr("(d0, d1) -> (d0, d1)", "(d0, d1) -> (d1)", "(d0, d1) -> (d0, d1)")}, iterator_types = {iters("parallel", "parallel")}, operandSegmentSizes = array<i32: 2, 1>}}> ({{
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %t = "arith.addf"(%s, %o) : (f32, f32) -> f32
    "linalg.yield"(%t) : (f32) -> ()
  }}) : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}}
"""


@pytest.mark.parametrize("per_point", [False, True])
def test_generic_elementwise_broadcast_via_maps(per_point, monkeypatch):
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([1, 2, 3], np.float32)
    init = np.full((2, 3), 0.5, np.float32)
    (r,) = run(ELEMENTWISE, "f", a, b, init, per_point=per_point, monkeypatch=monkeypatch)
    np.testing.assert_array_equal(r, a * b + 0.5)
    assert r.dtype == np.float32
    np.testing.assert_array_equal(init, np.full((2, 3), 0.5))  # tensor semantics: outs untouched


TRANSPOSE_MAPS = f"""
func.func @f(%a: tensor<2x3xi32>, %init: tensor<3x2xi32>) -> tensor<3x2xi32> {{
  %r = "linalg.generic"(%a, %init) <{{indexing_maps = {maps_attr("(d0, d1) -> (d1, d0)", "(d0, d1) -> (d0, d1)")}, iterator_types = {iters("parallel", "parallel")}, operandSegmentSizes = array<i32: 1, 1>}}> ({{
  ^bb0(%x: i32, %o: i32):
    "linalg.yield"(%x) : (i32) -> ()
  }}) : (tensor<2x3xi32>, tensor<3x2xi32>) -> tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}}
"""


@pytest.mark.parametrize("per_point", [False, True])
def test_generic_permuted_map(per_point, monkeypatch):
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    (r,) = run(TRANSPOSE_MAPS, "f", a, np.zeros((3, 2), np.int32), per_point=per_point, monkeypatch=monkeypatch)
    np.testing.assert_array_equal(r, a.T)


ROW_SUM_MEMREF = f"""
func.func @f(%a: memref<2x3xi32>, %out: memref<2xi32>) {{
  "linalg.generic"(%a, %out) <{{indexing_maps = {maps_attr("(d0, d1) -> (d0, d1)", "(d0, d1) -> (d0)")}, iterator_types = {iters("parallel", "reduction")}, operandSegmentSizes = array<i32: 1, 1>}}> ({{
  ^bb0(%x: i32, %acc: i32):
    %i = "linalg.index"() <{{dim = 1 : i64}}> : () -> index
    %c = "arith.index_cast"(%i) : (index) -> i32
    %m = "arith.muli"(%x, %c) : (i32, i32) -> i32
    %s = "arith.addi"(%acc, %m) : (i32, i32) -> i32
    "linalg.yield"(%s) : (i32) -> ()
  }}) : (memref<2x3xi32>, memref<2xi32>) -> ()
  return
}}
"""


def test_generic_reduction_with_index_on_memref_in_place():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    out = np.array([100, 200], np.int32)
    assert Interpreter().call(load(ROW_SUM_MEMREF), "f", a, out) == []
    np.testing.assert_array_equal(out, [100 + 1 * 1 + 2 * 2, 200 + 4 * 1 + 5 * 2])


COL_MAX = f"""
func.func @f(%a: tensor<3x4xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {{
  %r = "linalg.generic"(%a, %init) <{{indexing_maps = {maps_attr("(d0, d1) -> (d0, d1)", "(d0, d1) -> (d1)")}, iterator_types = {iters("reduction", "parallel")}, operandSegmentSizes = array<i32: 1, 1>}}> ({{
  ^bb0(%x: f32, %acc: f32):
    %m = "arith.maximumf"(%x, %acc) : (f32, f32) -> f32
    "linalg.yield"(%m) : (f32) -> ()
  }}) : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}}
"""


def test_generic_reduction_vectorized_matches_per_point(monkeypatch):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((3, 4)).astype(np.float32)
    a[1, 2] = np.nan
    init = np.full(4, -np.inf, np.float32)
    (fast,) = run(COL_MAX, "f", a, init)
    (slow,) = run(COL_MAX, "f", a, init, per_point=True, monkeypatch=monkeypatch)
    np.testing.assert_array_equal(fast, slow)
    assert np.isnan(fast[2]) and fast[0] == a[:, 0].max()


NAMED = """
func.func @mm(%a: tensor<4x8xf32>, %b: tensor<8x2xf32>, %c: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %m = "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return %m : tensor<4x2xf32>
}
func.func @mm_memref(%a: memref<2x3x4xi32>, %b: memref<2x4x5xi32>, %c: memref<2x3x5xi32>) {
  "linalg.batch_matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: i32, %y: i32, %acc: i32):
    %p = "arith.muli"(%x, %y) : (i32, i32) -> i32
    %s = "arith.addi"(%acc, %p) : (i32, i32) -> i32
    "linalg.yield"(%s) : (i32) -> ()
  }) : (memref<2x3x4xi32>, memref<2x4x5xi32>, memref<2x3x5xi32>) -> ()
  return
}
func.func @odd_body(%a: tensor<2x2xf32>, %b: tensor<2x2xf32>, %c: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %m = "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.addf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %m : tensor<2x2xf32>
}
func.func @copies(%t: tensor<2x3xf32>, %ti: tensor<3x2xf32>, %bi: tensor<2x4x3xf32>, %ri: tensor<2xf32>, %v: f32) -> (tensor<3x2xf32>, tensor<2x4x3xf32>, tensor<2xf32>, tensor<2x3xf32>, tensor<2xf32>) {
  %tr = "linalg.transpose"(%t, %ti) <{permutation = array<i64: 1, 0>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %br = "linalg.broadcast"(%t, %bi) <{dimensions = array<i64: 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  %rd = "linalg.reduce"(%t, %ri) <{dimensions = array<i64: 1>, operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %acc: f32):
    %s = "arith.addf"(%in, %acc) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2xf32>
  %mp = "linalg.map"(%t, %t) ({
  ^bb0(%x: f32):
    %s = "arith.mulf"(%x, %x) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %f = "linalg.fill"(%v, %ri) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<2xf32>) -> tensor<2xf32>
  return %tr, %br, %rd, %mp, %f : tensor<3x2xf32>, tensor<2x4x3xf32>, tensor<2xf32>, tensor<2x3xf32>, tensor<2xf32>
}
"""


@pytest.mark.parametrize("per_point", [False, True])
def test_matmul_on_tensors(per_point, monkeypatch):
    rng = np.random.default_rng(1)
    a = rng.integers(-3, 4, (4, 8)).astype(np.float32)
    b = rng.integers(-3, 4, (8, 2)).astype(np.float32)
    c = np.ones((4, 2), np.float32)
    (r,) = run(NAMED, "mm", a, b, c, per_point=per_point, monkeypatch=monkeypatch)
    np.testing.assert_array_equal(r, a @ b + 1)
    np.testing.assert_array_equal(c, 1)


@pytest.mark.parametrize("per_point", [False, True])
def test_batch_matmul_on_memrefs_in_place(per_point, monkeypatch):
    rng = np.random.default_rng(2)
    a = rng.integers(-5, 5, (2, 3, 4)).astype(np.int32)
    b = rng.integers(-5, 5, (2, 4, 5)).astype(np.int32)
    c = np.full((2, 3, 5), 7, np.int32)
    assert run(NAMED, "mm_memref", a, b, c, per_point=per_point, monkeypatch=monkeypatch) == []
    np.testing.assert_array_equal(c, np.matmul(a, b) + 7)


def test_named_op_with_nonstandard_body_runs_its_body():
    a = np.array([[1, 2], [3, 4]], np.float32)
    b = np.array([[10, 20], [30, 40]], np.float32)
    (r,) = Interpreter().call(load(NAMED), "odd_body", a, b, np.zeros((2, 2), np.float32))
    expected = np.array([[sum(a[i, k] + b[k, j] for k in range(2)) for j in range(2)] for i in range(2)])
    np.testing.assert_array_equal(r, expected)


@pytest.mark.parametrize("per_point", [False, True])
def test_transpose_broadcast_reduce_map_fill(per_point, monkeypatch):
    t = np.arange(6, dtype=np.float32).reshape(2, 3)
    tr, br, rd, mp, f = run(NAMED, "copies", t, np.zeros((3, 2), np.float32), np.zeros((2, 4, 3), np.float32),
                            np.array([10, 20], np.float32), 2.5, per_point=per_point, monkeypatch=monkeypatch)
    np.testing.assert_array_equal(tr, t.T)
    np.testing.assert_array_equal(br, np.broadcast_to(t[:, None, :], (2, 4, 3)))
    np.testing.assert_array_equal(rd, [10 + 3, 20 + 12])
    np.testing.assert_array_equal(mp, t * t)
    np.testing.assert_array_equal(f, [2.5, 2.5])


# ----- builders ---------------------------------------------------------------------------------

def _func(signature: str, results: str = ""):
    module = load(f"func.func @f({signature}){results} {{\n  return\n}}" if not results else
                  f"func.func @f({signature}) -> {results} {{\n  return {signature.split(':')[0]} : {results}\n}}")
    func = module.regions[0].blocks[0].first
    return module, func.regions[0].blocks[0]


def test_generic_builder_and_named_builders_round_trip():
    module, entry = _func("%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %m: tensor<3x4xf32>, %c: tensor<2x4xf32>, "
                          "%o: tensor<2x3xf32>, %r: tensor<2xf32>, %t: tensor<3x2xf32>, %bc: tensor<5x2x3xf32>",
                          "tensor<2x3xf32>")
    a, b, m, c, o, r, t, bc = entry.arguments
    ret = entry.last
    addf, maxf = lookup_op("arith.addf"), lookup_op("arith.maximumf")
    ident = AffineMap.identity(2)
    gen = GenericOp.create([a, b], [o], [ident, ident, ident], ["parallel", "parallel"],
                           lambda bld, args: [bld.create(addf, args[0], args[1]).result])
    ops = [gen,
           MatmulOp.create(a, m, c),
           TransposeOp.create(a, t, [1, 0]),
           BroadcastOp.create(a, bc, [0]),
           ReduceOp.create([a], [r], [1], lambda bld, args: [bld.create(maxf, args[0], args[1]).result]),
           MapOp.create([a, b], o, lambda bld, args: [bld.create(addf, args[0], args[1]).result])]
    zero = lookup_op("arith.constant").get(0.0, T.f32)
    entry.insert_before(ret, zero)
    ops.append(FillOp.create(zero.result, o))
    for op in ops:
        entry.insert_before(ret, op)
    ret.set_operand(0, gen.results[0])
    verify(module)
    assert ops[1].has_standard_body() and ops[2].has_standard_body() and ops[6].has_standard_body()
    text = print_op(module)
    assert print_op(load(text)) == text
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    args = [x, x, np.ones((3, 4), np.float32), np.zeros((2, 4), np.float32), np.zeros((2, 3), np.float32),
            np.zeros(2, np.float32), np.zeros((3, 2), np.float32), np.zeros((5, 2, 3), np.float32)]
    (res,) = Interpreter().call(module, "f", *args)
    np.testing.assert_array_equal(res, 2 * x)


def test_generic_builder_on_memrefs_has_no_results():
    module, entry = _func("%a: memref<4xf32>, %o: memref<4xf32>")
    a, o = entry.arguments
    negf = lookup_op("arith.negf")
    ident = AffineMap.identity(1)
    op = GenericOp.create([a], [o], [ident, ident], ["parallel"],
                          lambda bld, args: [bld.create(negf, args[0]).result])
    entry.insert_before(entry.last, op)
    verify(module)
    assert not op.results
    src, dst = np.arange(4, dtype=np.float32), np.zeros(4, np.float32)
    Interpreter().call(module, "f", src, dst)
    np.testing.assert_array_equal(dst, -src)


# ----- verifier errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("maps, kinds, types, message", [
    (["(d0) -> (d0)"], ["parallel"], ("tensor<4xf32>", "tensor<4xf32>"),
     "expected the number of indexing_map (1) to be equal to the number of input/output operands (2)"),
    (["(d0, d1) -> (d0)", "(d0) -> (d0)"], ["parallel"], ("tensor<4xf32>", "tensor<4xf32>"),
     "expected indexing_map #0 to have 1 dim(s) to match the number of loops"),
    (["(d0) -> (d0)", "(d0) -> (d0)"], ["parallel"], ("tensor<3xf32>", "tensor<4xf32>"),
     "inferred input/output operand #1 has shape's dimension #0 to be 3, but found 4"),
    (["(d0, d1) -> (d0)", "(d0, d1) -> (d0)"], ["parallel", "reduction"], ("tensor<4xf32>", "tensor<4xf32>"),
     "expected loop dim d1 to be the result of some indexing map"),
    (["(d0) -> (d0 + 1)", "(d0) -> (d0)"], ["parallel"], ("tensor<4xf32>", "tensor<4xf32>"),
     "inferred input/output operand #0 has shape's dimension #0 to be greater than or equal to 5, but found 4"),
])
def test_generic_verify_errors(maps, kinds, types, message):
    text = f"""
    func.func @f(%a: {types[0]}, %o: {types[1]}) -> {types[1]} {{
      %r = "linalg.generic"(%a, %o) <{{indexing_maps = {maps_attr(*maps)}, iterator_types = {iters(*kinds)}, operandSegmentSizes = array<i32: 1, 1>}}> ({{
      ^bb0(%x: f32, %y: f32):
        "linalg.yield"(%x) : (f32) -> ()
      }}) : ({types[0]}, {types[1]}) -> {types[1]}
      return %r : {types[1]}
    }}
    """
    with pytest.raises(DiagnosticError, match=message.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")):
        load(text)


def test_yield_count_error():
    text = ELEMENTWISE.replace('"linalg.yield"(%t) : (f32) -> ()', '"linalg.yield"(%t, %t) : (f32, f32) -> ()')
    with pytest.raises(DiagnosticError, match=r"expected number of yield values \(2\) to match"):
        load(text)


def test_vectorized_path_is_taken_without_linalg_index(monkeypatch):
    import tfc.dialects.linalg.named as named

    def refuse(*args):
        raise AssertionError("per-point run")
    monkeypatch.setattr(linalg_base, "run_per_point", refuse)
    monkeypatch.setattr(named, "run_per_point", refuse)
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    run(ELEMENTWISE, "f", x, np.ones(3, np.float32), x)
    run(COL_MAX, "f", np.ones((3, 4), np.float32), np.zeros(4, np.float32))
    run(NAMED, "copies", x, np.zeros((3, 2), np.float32), np.zeros((2, 4, 3), np.float32),
        np.zeros(2, np.float32), 1.0)
    with pytest.raises(Exception, match="per-point run"):  # linalg.index needs the per-point run
        run(ROW_SUM_MEMREF, "f", np.ones((2, 3), np.int32), np.zeros(2, np.int32))


def test_dead_tensor_ops_are_erased_but_memref_ops_are_kept():
    from tfc.ir.parser import parse_module
    from tfc.passes.dce import DCEPass  # noqa: F401 - registers the pass
    from tfc.ir.passes import load_all_passes, parse_pipeline
    module = parse_module("""
    func.func @f(%t: tensor<4xf32>, %m: memref<4xf32>, %c: f32) {
      %dead = "linalg.fill"(%c, %t) <{operandSegmentSizes = array<i32: 1, 1>}> ({
      ^bb0(%in: f32, %out: f32):
        "linalg.yield"(%in) : (f32) -> ()
      }) : (f32, tensor<4xf32>) -> tensor<4xf32>
      "linalg.fill"(%c, %m) <{operandSegmentSizes = array<i32: 1, 1>}> ({
      ^bb0(%in: f32, %out: f32):
        "linalg.yield"(%in) : (f32) -> ()
      }) : (f32, memref<4xf32>) -> ()
      return
    }""")
    load_all_passes()
    parse_pipeline("builtin.module(canonicalize)").run(module)
    text = str(module)
    assert text.count('"linalg.fill"') == 1 and "memref<4xf32>) -> ()" in text
