"""The vector dialect: semantics through the reference interpreter (loads copy, bounds are
checked), reductions of every kind against numpy, folds, builders and memory effects."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter, InterpreterError
from tfc.dialects import vector as V
from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.core import Block
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.printer import print_op
from tfc.ir.traits import is_pure
from tfc.ir.verifier import verify


def load(text: str):
    module = parse_module(text, "<test>")
    verify(module)
    return module


def run(text: str, *args, name: str = "f") -> list:
    return Interpreter().call(load(text), name, *args)


LOAD_STORE = """
func.func @f(%m: memref<3x10xf32>, %out: memref<2x8xf32>, %i: index, %j: index) -> vector<4xf32> {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %v = "vector.load"(%m, %i, %j) : (memref<3x10xf32>, index, index) -> vector<4xf32>
  "vector.store"(%v, %out, %c1, %c0) : (vector<4xf32>, memref<2x8xf32>, index, index) -> ()
  %z = "arith.constant"() <{value = dense<0.0> : vector<4xf32>}> : () -> vector<4xf32>
  "vector.store"(%z, %m, %i, %j) : (vector<4xf32>, memref<3x10xf32>, index, index) -> ()
  return %v : vector<4xf32>
}
"""


def test_load_and_store_along_the_last_dim():
    m = np.arange(30, dtype=np.float32).reshape(3, 10)
    out = np.full((2, 8), -1, np.float32)
    original = m.copy()
    v, = run(LOAD_STORE, m, out, 2, 5)
    # The loaded vector is a value: overwriting its source afterwards does not change it.
    np.testing.assert_array_equal(v, original[2, 5:9])
    np.testing.assert_array_equal(out[1, :4], original[2, 5:9])
    np.testing.assert_array_equal(out[0], -1)
    np.testing.assert_array_equal(m[2, 5:9], 0)
    assert v.dtype == np.float32


@pytest.mark.parametrize("i, j", [(2, 7), (3, 0), (0, -1)])
def test_out_of_bounds_access_is_an_interpreter_error(i, j):
    m = np.zeros((3, 10), np.float32)
    with pytest.raises(InterpreterError, match="out of bounds"):
        run(LOAD_STORE, m, np.zeros((2, 8), np.float32), i, j)


def test_broadcast_splat_and_fma():
    text = """
func.func @f(%s: f32, %a: vector<8xf32>, %c: vector<8xf32>, %row: vector<8xf32>) -> (vector<8xf32>, vector<8xf32>, vector<3x8xf32>) {
  %b = "vector.broadcast"(%s) : (f32) -> vector<8xf32>
  %p = "vector.splat"(%s) : (f32) -> vector<8xf32>
  %f = "vector.fma"(%a, %b, %c) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
  %g = "vector.fma"(%a, %p, %c) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
  %m = "vector.broadcast"(%row) : (vector<8xf32>) -> vector<3x8xf32>
  return %f, %g, %m : vector<8xf32>, vector<8xf32>, vector<3x8xf32>
}
"""
    rng = np.random.default_rng(0)
    a, c, row = (rng.standard_normal(8).astype(np.float32) for _ in range(3))
    f, g, m = run(text, np.float32(1.5), a, c, row)
    want = (a.astype(np.float64) * 1.5 + c).astype(np.float32)
    np.testing.assert_array_equal(f, want)
    np.testing.assert_array_equal(g, want)
    np.testing.assert_array_equal(m, np.broadcast_to(row, (3, 8)))
    assert f.dtype == np.float32 and m.shape == (3, 8)


def test_fma_rounds_once():
    # a * b = 1 - 2^-46 exactly; an unfused f32 multiply rounds it to 1.0 and the sum to 0.
    text = """
func.func @f(%a: vector<1xf32>, %c: vector<1xf32>) -> vector<1xf32> {
  %r = "vector.fma"(%a, %a, %c) : (vector<1xf32>, vector<1xf32>, vector<1xf32>) -> vector<1xf32>
  return %r : vector<1xf32>
}
"""
    a = np.array([1 - 2.0 ** -23], np.float32)
    r, = run(text, a, np.array([-1.0], np.float32))
    assert r[0] == np.float32((1 - 2.0 ** -23) ** 2 - 1)
    assert r[0] != 0


FLOAT_KINDS = {
    "add": lambda v: np.add.reduce(v, dtype=np.float64), "mul": lambda v: np.multiply.reduce(v, dtype=np.float64),
    "maximumf": np.max, "minimumf": np.min, "maxnumf": np.max, "minnumf": np.min,
}


@pytest.mark.parametrize("kind", sorted(FLOAT_KINDS))
def test_float_reductions(kind):
    text = f"""
func.func @f(%v: vector<8xf32>, %acc: f32) -> (f32, f32) {{
  %r = "vector.reduction"(%v) <{{kind = #vector.kind<{kind}>}}> : (vector<8xf32>) -> f32
  %s = "vector.reduction"(%v, %acc) <{{kind = #vector.kind<{kind}>}}> : (vector<8xf32>, f32) -> f32
  return %r, %s : f32, f32
}}
"""
    v = np.array([0.5, -2.0, 3.25, 1.0, 0.75, -1.5, 2.0, 1.25], np.float32)
    acc = np.float32(4.0)
    r, s = run(text, v, acc)
    assert isinstance(r, np.float32)
    np.testing.assert_allclose(r, FLOAT_KINDS[kind](v), rtol=1e-6)
    np.testing.assert_allclose(s, FLOAT_KINDS[kind](np.append(v, acc)), rtol=1e-6)


def test_float_reduction_nan_rules():
    text = """
func.func @f(%v: vector<3xf32>) -> (f32, f32) {
  %a = "vector.reduction"(%v) <{kind = #vector.kind<maximumf>}> : (vector<3xf32>) -> f32
  %b = "vector.reduction"(%v) <{kind = #vector.kind<maxnumf>}> : (vector<3xf32>) -> f32
  return %a, %b : f32, f32
}
"""
    a, b = run(text, np.array([1.0, np.nan, 3.0], np.float32))
    assert np.isnan(a) and b == 3.0


INT_KINDS = {
    "add": np.sum, "mul": np.prod, "minsi": np.min, "maxsi": np.max,
    "minui": lambda v: v[np.argmin(v.view(np.uint32))], "maxui": lambda v: v[np.argmax(v.view(np.uint32))],
    "and": np.bitwise_and.reduce, "or": np.bitwise_or.reduce, "xor": np.bitwise_xor.reduce,
}


@pytest.mark.parametrize("kind", sorted(INT_KINDS))
def test_integer_reductions(kind):
    text = f"""
func.func @f(%v: vector<6xi32>) -> i32 {{
  %r = "vector.reduction"(%v) <{{kind = #vector.kind<{kind}>}}> : (vector<6xi32>) -> i32
  return %r : i32
}}
"""
    v = np.array([7, -3, 12, 5, -9, 6], np.int32)
    r, = run(text, v)
    assert r == INT_KINDS[kind](v).astype(np.int32)
    assert r.dtype == np.int32


def test_integer_add_reduction_wraps():
    text = """
func.func @f(%v: vector<2xi8>) -> i8 {
  %r = "vector.reduction"(%v) <{kind = #vector.kind<add>}> : (vector<2xi8>) -> i8
  return %r : i8
}
"""
    r, = run(text, np.array([100, 100], np.int8))
    assert r == np.int8(-56)


def test_broadcast_and_splat_of_constants_fold():
    text = """
func.func @f() -> (vector<4xf32>, vector<4xi32>) {
  %x = "arith.constant"() <{value = 2.5 : f32}> : () -> f32
  %i = "arith.constant"() <{value = 7 : i32}> : () -> i32
  %b = "vector.broadcast"(%x) : (f32) -> vector<4xf32>
  %s = "vector.splat"(%i) : (i32) -> vector<4xi32>
  return %b, %s : vector<4xf32>, vector<4xi32>
}
"""
    module = load(text)
    load_all_passes()
    parse_pipeline("builtin.module(canonicalize)").run(module)
    printed = print_op(module)
    assert "vector.broadcast" not in printed and "vector.splat" not in printed
    assert "dense<2.500000e+00> : vector<4xf32>" in printed and "dense<7> : vector<4xi32>" in printed
    b, s = Interpreter().call(module, "f")
    np.testing.assert_array_equal(b, np.full(4, 2.5, np.float32))
    np.testing.assert_array_equal(s, np.full(4, 7, np.int32))


def test_builders_infer_types_and_kind_attribute():
    v8 = T.VectorType((8,), T.f32)
    block = Block([v8, v8, v8])
    a, b, c = block.arguments
    fma = V.FMAOp.build(a, b, c)
    assert fma.result.type == v8
    reduction = V.ReductionOp.build(a, None, kind="maximumf")
    assert reduction.result.type == T.f32
    assert reduction.kind == V.CombiningKindAttr.get("maximumf")
    assert str(reduction.kind) == "#vector.kind<maximumf>"
    with pytest.raises(ValueError, match="unknown combining kind"):
        V.CombiningKindAttr.get("sum")


def test_memory_effects():
    module = load(LOAD_STORE)
    ops = {op.name: op for op in module.walk()}
    assert not is_pure(ops["vector.load"]) and not is_pure(ops["vector.store"])
    text = """
func.func @f(%s: f32, %v: vector<4xf32>) -> (vector<4xf32>, f32) {
  %b = "vector.broadcast"(%s) : (f32) -> vector<4xf32>
  %f = "vector.fma"(%b, %v, %v) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  %r = "vector.reduction"(%f) <{kind = #vector.kind<add>}> : (vector<4xf32>) -> f32
  return %f, %r : vector<4xf32>, f32
}
"""
    pure = {op.name: op for op in load(text).walk()}
    assert all(is_pure(pure[name]) for name in ("vector.broadcast", "vector.fma", "vector.reduction"))


def test_arith_accepts_vectors():
    text = """
func.func @f(%a: vector<4xf32>, %b: vector<4xf32>) -> vector<4xf32> {
  %m = "arith.maximumf"(%a, %b) : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  %s = "arith.addf"(%m, %b) : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  return %s : vector<4xf32>
}
"""
    a = np.array([1, -2, 3, -4], np.float32)
    b = np.array([0, 0, 5, 5], np.float32)
    r, = run(text, a, b)
    np.testing.assert_array_equal(r, np.maximum(a, b) + b)


def test_kind_attribute_round_trips():
    attr = A.make_dialect_attr("vector.kind", ("minimumf",))
    assert isinstance(attr, V.CombiningKindAttr) and attr.kind == "minimumf"
