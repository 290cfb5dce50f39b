"""bufferize keeps the numbers and manages memory: the function before (tensors) and after
(memrefs) computes the same results on random inputs, variables passed as numpy arrays are
updated in place as the tensor program says, and every buffer is freed exactly once, after
its last use, unless it is a result (a freed buffer is poisoned, so a late read shows)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects import memref
from tfc.ir import types as T
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.printer import print_op
from tfc.ir.verifier import verify

RNG = np.random.default_rng(7)
GENERIC_MAPS = "indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], " \
               "iterator_types = [#linalg.iterator_type<parallel>]"


def lower(text: str, pipeline: str = "bufferize"):
    """(the module as written, the module after `pipeline`), both verified."""
    load_all_passes()
    reference = parse_module(text)
    verify(reference)
    lowered = parse_module(text)
    parse_pipeline(f"builtin.module({pipeline})").run(lowered)
    verify(lowered)
    return reference, lowered


def _same_memory(a, b) -> bool:
    """Whether `a` is the whole buffer `b` (itself or a reshaped view: one base pointer)."""
    if not isinstance(a, np.ndarray) or a.size != b.size:
        return False
    return a.__array_interface__["data"][0] == b.__array_interface__["data"][0]


class MemoryChecker:
    """Records what memref.alloc / memref.dealloc do while the interpreter runs."""

    def __init__(self, monkeypatch):
        self.allocated, self.freed = [], []
        alloc_rule, checker = memref.AllocOp.interpret, self

        def alloc(op, ctx, *sizes):
            buffer = alloc_rule(op, ctx, *sizes)
            checker.allocated.append(buffer)
            return buffer

        def dealloc(op, ctx, buffer):
            assert any(buffer is b for b in checker.allocated), "dealloc of a buffer that was not allocated"
            assert not any(buffer is b for b in checker.freed), "double free"
            checker.freed.append(buffer)
            if buffer.dtype.kind == "f":
                buffer[...] = np.nan  # a read after the free shows in the results
            else:
                buffer[...] = 123
        monkeypatch.setattr(memref.AllocOp, "interpret", alloc)
        monkeypatch.setattr(memref.DeallocOp, "interpret", dealloc)

    def check(self, results) -> None:
        """Each allocation is freed once or returned (exactly), and results are distinct."""
        for buffer in self.allocated:
            returned = any(_same_memory(r, buffer) for r in results)
            freed = any(f is buffer for f in self.freed)
            assert returned != freed, "a buffer leaked" if not returned else "a returned buffer was freed"
        for i, a in enumerate(results):
            for b in results[i + 1:]:
                assert not np.shares_memory(a, b), "two results share memory"


def compare(text: str, *args, name: str = "f", pipeline: str = "bufferize", monkeypatch=None, mutable=()):
    """Run `name` before and after `pipeline` on copies of `args`; arguments at the indices
    in `mutable` are variables: their final values must agree too. Returns the lowered text."""
    reference, lowered = lower(text, pipeline)
    text_after = print_op(lowered)
    assert tensor_free(lowered)
    want_args = [np.array(a, copy=True) for a in args]
    want = Interpreter().call(reference, name, *want_args)
    checker = MemoryChecker(monkeypatch)
    got_args = [np.array(a, copy=True) for a in args]
    got = Interpreter().call(lowered, name, *got_args)
    checker.check(got)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-6)
    for i in mutable:
        np.testing.assert_allclose(got_args[i], want_args[i], rtol=1e-6)
    for i, (g, a) in enumerate(zip(got_args, args)):
        if i not in mutable:
            np.testing.assert_array_equal(g, a)  # a feed is never written
    return text_after


def tensor_free(module) -> bool:
    """No value of tensor type is left (attributes may still hold dense tensors, as in MLIR)."""
    for op in module.walk():
        values = [*op.operands, *op.results]
        values += [a for region in op.regions for block in region.blocks for a in block.arguments]
        if any(isinstance(v.type, (T.TensorType, T.UnrankedTensorType)) for v in values):
            return False
    return True


def count(text: str, op: str) -> int:
    return len(re.findall(f'"{re.escape(op)}"', text))


def rand(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def tf_lowered(text: str) -> str:
    """The linalg-level text of a tf function (tf-to-linalg run on it)."""
    load_all_passes()
    module = parse_module(text)
    parse_pipeline("builtin.module(tf-to-linalg)").run(module)
    return print_op(module)


# ----- elementwise, matmul, dynamic dims --------------------------------------------------------

def test_elementwise_chain_reuses_buffers(monkeypatch):
    text = tf_lowered("""func.func @f(%a: tensor<6xf32>) -> tensor<6xf32> {
      %r = "tf.Relu"(%a) : (tensor<6xf32>) -> tensor<6xf32>
      %s = "tf.Sigmoid"(%r) : (tensor<6xf32>) -> tensor<6xf32>
      %t = "tf.Tanh"(%s) : (tensor<6xf32>) -> tensor<6xf32>
      %u = "tf.Exp"(%t) : (tensor<6xf32>) -> tensor<6xf32>
      %v = "tf.Neg"(%u) : (tensor<6xf32>) -> tensor<6xf32>
      return %v : tensor<6xf32>
    }""")
    after = compare(text, rand(6), monkeypatch=monkeypatch)
    assert count(after, "linalg.generic") == 5
    assert count(after, "memref.alloc") == 2  # two buffers take turns
    assert count(after, "memref.copy") == 0


def test_generic_in_place_on_its_init(monkeypatch):
    """An init that is read by nothing later is written in place; one read later is not."""
    text = f"""func.func @f(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {{
      %e = "tensor.empty"() : () -> tensor<4xf32>
      %a = "linalg.generic"(%x, %e) <{{{GENERIC_MAPS}, operandSegmentSizes = array<i32: 1, 1>}}> ({{
      ^bb0(%i: f32, %o: f32):
        %m = "arith.mulf"(%i, %i) : (f32, f32) -> f32
        "linalg.yield"(%m) : (f32) -> ()
      }}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %b = "linalg.generic"(%x, %a) <{{{GENERIC_MAPS}, operandSegmentSizes = array<i32: 1, 1>}}> ({{
      ^bb0(%i: f32, %o: f32):
        %s = "arith.addf"(%i, %o) : (f32, f32) -> f32
        "linalg.yield"(%s) : (f32) -> ()
      }}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %c = "linalg.generic"(%x, %b) <{{{GENERIC_MAPS}, operandSegmentSizes = array<i32: 1, 1>}}> ({{
      ^bb0(%i: f32, %o: f32):
        %s = "arith.subf"(%o, %i) : (f32, f32) -> f32
        "linalg.yield"(%s) : (f32) -> ()
      }}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      return %b, %c : tensor<4xf32>, tensor<4xf32>
    }}"""
    after = compare(text, rand(4), monkeypatch=monkeypatch)
    # %b accumulates into %a's buffer in place; %c must not clobber %b (returned): a copy.
    assert count(after, "memref.alloc") == 2
    assert count(after, "memref.copy") == 1


def test_matmul_accumulates_into_a_copy_of_a_live_init(monkeypatch):
    text = """func.func @f(%a: tensor<3x5xf32>, %b: tensor<5x2xf32>, %c: tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
      %z = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
      %e = "tensor.empty"() : () -> tensor<3x2xf32>
      %f = "linalg.fill"(%z, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
      ^bb0(%in: f32, %out: f32):
        "linalg.yield"(%in) : (f32) -> ()
      }) : (f32, tensor<3x2xf32>) -> tensor<3x2xf32>
      %m = "linalg.matmul"(%a, %b, %f) <{operandSegmentSizes = array<i32: 2, 1>}> ({
      ^bb0(%x: f32, %y: f32, %acc: f32):
        %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
        %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
        "linalg.yield"(%s) : (f32) -> ()
      }) : (tensor<3x5xf32>, tensor<5x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
      %n = "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
      ^bb0(%x: f32, %y: f32, %acc: f32):
        %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
        %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
        "linalg.yield"(%s) : (f32) -> ()
      }) : (tensor<3x5xf32>, tensor<5x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
      return %m, %n : tensor<3x2xf32>, tensor<3x2xf32>
    }"""
    after = compare(text, rand(3, 5), rand(5, 2), rand(3, 2), monkeypatch=monkeypatch)
    # the fill and the first matmul share one buffer; the argument %c is copied (read-only)
    assert count(after, "memref.alloc") == 2
    assert count(after, "memref.copy") == 1


@pytest.mark.parametrize("rows", [1, 5])
def test_dynamic_dims(rows, monkeypatch):
    text = tf_lowered("""func.func @f(%a: tensor<?x3xf32>, %b: tensor<1x3xf32>) -> tensor<?x3xf32> {
      %m = "tf.Mul"(%a, %b) : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
      %n = "tf.Neg"(%m) : (tensor<?x3xf32>) -> tensor<?x3xf32>
      %s = "tf.AddV2"(%n, %a) : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
      return %s : tensor<?x3xf32>
    }""")
    after = compare(text, rand(rows, 3), rand(1, 3), monkeypatch=monkeypatch)
    assert count(after, "memref.alloc") == 2  # sizes known equal: the third op reuses the first buffer


# ----- the function boundary -----------------------------------------------------------------------

def test_returned_argument_is_copied(monkeypatch):
    text = """func.func @f(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
      return %x, %x : tensor<3xf32>, tensor<3xf32>
    }"""
    after = compare(text, rand(3), monkeypatch=monkeypatch)
    assert count(after, "memref.copy") == 2


def test_two_returns_of_one_value(monkeypatch):
    text = tf_lowered("""func.func @f(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
      %y = "tf.Exp"(%x) : (tensor<2x2xf32>) -> tensor<2x2xf32>
      return %y, %y, %y : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
    }""")
    after = compare(text, rand(2, 2), monkeypatch=monkeypatch)
    assert count(after, "memref.copy") == 2  # the first result takes the buffer itself


def test_constants_become_globals(monkeypatch):
    text = """func.func @f(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
      %c = "arith.constant"() <{value = dense<[1.5, -2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
      %d = "arith.constant"() <{value = dense<[1.5, -2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
      %e = "tensor.empty"() : () -> tensor<2xf32>
      %s = "linalg.generic"(%c, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
          iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
      ^bb0(%i: f32, %o: f32):
        %m = "arith.mulf"(%i, %i) : (f32, f32) -> f32
        "linalg.yield"(%m) : (f32) -> ()
      }) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      return %s, %d : tensor<2xf32>, tensor<2xf32>
    }"""
    after = compare(text, rand(2), monkeypatch=monkeypatch)
    assert count(after, "memref.global") == 1
    assert "constant" in after and 'sym_visibility = "private"' in after
    assert count(after, "memref.copy") == 1  # the returned global is copied


# ----- tensor ops ------------------------------------------------------------------------------------

def test_slices_insert_extract_and_reshapes(monkeypatch):
    text = """func.func @f(%x: tensor<4x6xf32>, %v: f32, %i: index) -> (tensor<2x3xf32>, tensor<4x6xf32>, f32, tensor<24xf32>, tensor<3xf32>) {
      %s = "tensor.extract_slice"(%x) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>,
          static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x6xf32>) -> tensor<2x3xf32>
      %r = "tensor.extract_slice"(%x, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>,
          static_sizes = array<i64: 1, 3>, static_strides = array<i64: 1, 2>}> : (tensor<4x6xf32>, index) -> tensor<3xf32>
      %ins = "tensor.insert"(%v, %x, %i, %i) : (f32, tensor<4x6xf32>, index, index) -> tensor<4x6xf32>
      %p = "tensor.insert_slice"(%s, %ins) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 2, 0>,
          static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 2>}> : (tensor<2x3xf32>, tensor<4x6xf32>) -> tensor<4x6xf32>
      %e = "tensor.extract"(%s, %i, %i) : (tensor<2x3xf32>, index, index) -> f32
      %flat = "tensor.collapse_shape"(%p) <{reassociation = [[0, 1]]}> : (tensor<4x6xf32>) -> tensor<24xf32>
      %back = "tensor.expand_shape"(%flat) <{reassociation = [[0, 1]], static_output_shape = array<i64: 4, 6>}> : (tensor<24xf32>) -> tensor<4x6xf32>
      return %s, %back, %e, %flat, %r : tensor<2x3xf32>, tensor<4x6xf32>, f32, tensor<24xf32>, tensor<3xf32>
    }"""
    compare(text, rand(4, 6), np.float32(9.0), np.int64(1), monkeypatch=monkeypatch)


def test_from_elements_splat_cast_and_dim(monkeypatch):
    text = """func.func @f(%a: f32, %b: f32, %n: index) -> (tensor<2xf32>, tensor<?x2xf32>, index, tensor<?xf32>) {
      %t = "tensor.from_elements"(%a, %b) : (f32, f32) -> tensor<2xf32>
      %s = "tensor.splat"(%b, %n) : (f32, index) -> tensor<?x2xf32>
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %d = "tensor.dim"(%s, %c0) : (tensor<?x2xf32>, index) -> index
      %c = "tensor.cast"(%t) : (tensor<2xf32>) -> tensor<?xf32>
      return %t, %s, %d, %c : tensor<2xf32>, tensor<?x2xf32>, index, tensor<?xf32>
    }"""
    compare(text, np.float32(1.5), np.float32(-3.0), np.int64(3), monkeypatch=monkeypatch)


# ----- variables -------------------------------------------------------------------------------------

READ_THEN_ASSIGN = """func.func @f(%x: tensor<4xf32>, %w: memref<4xf32> {tfc.variable = "w"}) -> tensor<4xf32> {
  %r = "bufferization.to_tensor"(%w) : (memref<4xf32>) -> tensor<4xf32>
  "bufferization.materialize_in_destination"(%x, %w) <{writable}> : (tensor<4xf32>, memref<4xf32>) -> ()
  return %r : tensor<4xf32>
}"""


def test_read_then_assign_keeps_the_snapshot(monkeypatch):
    after = compare(READ_THEN_ASSIGN, rand(4), rand(4), monkeypatch=monkeypatch, mutable=(1,))
    assert count(after, "memref.copy") == 2  # snapshot before the write, then the write


def tf_with_variables(body: str, results: str, ret: str, args: str = "%x: tensor<4xf32>") -> str:
    return f"""func.func @f({args}) -> ({results}) {{
      %h = "tf.VarHandleOp"() <{{dtype = f32, shape = [4], shared_name = "w"}}> : () -> !tf.resource<tensor<4xf32>>
      {body}
      return {ret} : {results}
    }}"""


def run_with_variable(text: str, x, w0, monkeypatch, pipeline="tf-resources-to-args,tf-to-linalg,bufferize"):
    """The tf function on the interpreter (the variable in its resources) against the compiled
    one (the variable a numpy argument updated in place); returns the lowered text."""
    load_all_passes()
    reference = parse_module(text)
    verify(reference)
    resources = {("var", "w"): np.array(w0, copy=True)}
    want = Interpreter(resources=resources).call(reference, "f", x)
    _, lowered = lower(text, pipeline)
    after = print_op(lowered)
    assert tensor_free(lowered) and '"tf.' not in after
    checker = MemoryChecker(monkeypatch)
    w = np.array(w0, copy=True)
    got = Interpreter().call(lowered, "f", x, w)
    checker.check(got)
    for g, e in zip(got, want):
        np.testing.assert_allclose(g, e, rtol=1e-6)
    np.testing.assert_allclose(w, resources[("var", "w")], rtol=1e-6)
    return after


def test_update_is_computed_in_the_variable(monkeypatch):
    text = tf_with_variables("""
      %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<4xf32>>) -> tensor<4xf32>
      %m = "tf.Mul"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %n = "tf.Sub"(%r, %m) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %c = "tf.AssignVariableOp"(%h, %n) : (!tf.resource<tensor<4xf32>>, tensor<4xf32>) -> !tf.control""",
                             "tensor<4xf32>", "%m")
    after = run_with_variable(text, rand(4), rand(4), monkeypatch)
    assert count(after, "memref.copy") == 0  # w -= x*x runs in place in w


def test_assign_add_and_reads_around_it(monkeypatch):
    text = tf_with_variables("""
      %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<4xf32>>) -> tensor<4xf32>
      %c = "tf.AssignAddVariableOp"(%h, %x) : (!tf.resource<tensor<4xf32>>, tensor<4xf32>) -> !tf.control
      %r2 = "tf.ReadVariableOp"(%h, %c) : (!tf.resource<tensor<4xf32>>, !tf.control) -> tensor<4xf32>
      %c2 = "tf.AssignSubVariableOp"(%h, %r, %c) : (!tf.resource<tensor<4xf32>>, tensor<4xf32>, !tf.control) -> !tf.control
      %s = "tf.Mul"(%r2, %r, %c2) : (tensor<4xf32>, tensor<4xf32>, !tf.control) -> tensor<4xf32>""",
                             "tensor<4xf32>, tensor<4xf32>", "%s, %r2")
    run_with_variable(text, rand(4), rand(4), monkeypatch)


def test_snapshot_before_a_loop_that_writes(monkeypatch):
    """A read before a loop, used inside it after the loop writes the variable: a copy."""
    text = """func.func @f(%x: tensor<4xf32>, %w: memref<4xf32> {tfc.variable = "w"}) -> tensor<4xf32> {
      %r = "bufferization.to_tensor"(%w) : (memref<4xf32>) -> tensor<4xf32>
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
      %c3 = "arith.constant"() <{value = 3 : index}> : () -> index
      %out = "scf.for"(%c0, %c3, %c1, %x) ({
      ^bb0(%iv: index, %acc: tensor<4xf32>):
        %e = "tensor.empty"() : () -> tensor<4xf32>
        %s = "linalg.generic"(%acc, %r, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
            iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
        ^bb1(%a: f32, %b: f32, %o: f32):
          %t = "arith.addf"(%a, %b) : (f32, f32) -> f32
          "linalg.yield"(%t) : (f32) -> ()
        }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
        "bufferization.materialize_in_destination"(%s, %w) <{writable}> : (tensor<4xf32>, memref<4xf32>) -> ()
        "scf.yield"(%s) : (tensor<4xf32>) -> ()
      }) : (index, index, index, tensor<4xf32>) -> tensor<4xf32>
      return %out : tensor<4xf32>
    }"""
    compare(text, rand(4), rand(4), monkeypatch=monkeypatch, mutable=(1,))


# ----- control flow ----------------------------------------------------------------------------------

IF_TEXT = """func.func @f(%p: i1, %x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %r:2 = "scf.if"(%p) ({
    %e = "tensor.empty"() : () -> tensor<3xf32>
    %y = "linalg.generic"(%x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%i: f32, %o: f32):
      %m = "arith.mulf"(%i, %i) : (f32, f32) -> f32
      "linalg.yield"(%m) : (f32) -> ()
    }) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    "scf.yield"(%y, %y) : (tensor<3xf32>, tensor<3xf32>) -> ()
  }, {
    "scf.yield"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> ()
  }) : (i1) -> (tensor<3xf32>, tensor<3xf32>)
  return %r#0, %r#1 : tensor<3xf32>, tensor<3xf32>
}"""


@pytest.mark.parametrize("p", [True, False])
def test_scf_if_results_are_owned(p, monkeypatch):
    after = compare(IF_TEXT, np.bool_(p), rand(3), monkeypatch=monkeypatch)
    # then: the first result takes the branch's buffer, the second a copy; else: two copies
    assert count(after, "memref.copy") == 3


WHILE_TEXT = """func.func @f(%x: tensor<3xf32>, %limit: f32) -> (tensor<3xf32>, i32) {
  %z = "arith.constant"() <{value = 0 : i32}> : () -> i32
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %r:2 = "scf.while"(%x, %z) ({
  ^bb0(%v: tensor<3xf32>, %k: i32):
    %first = "tensor.extract"(%v, %c0) : (tensor<3xf32>, index) -> f32
    %go = "arith.cmpf"(%first, %limit) <{predicate = 4 : i64}> : (f32, f32) -> i1
    "scf.condition"(%go, %v, %k) : (i1, tensor<3xf32>, i32) -> ()
  }, {
  ^bb0(%v: tensor<3xf32>, %k: i32):
    %e = "tensor.empty"() : () -> tensor<3xf32>
    %d = "linalg.generic"(%v, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb1(%i: f32, %o: f32):
      %two = "arith.constant"() <{value = 2.0 : f32}> : () -> f32
      %m = "arith.mulf"(%i, %two) : (f32, f32) -> f32
      "linalg.yield"(%m) : (f32) -> ()
    }) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %one = "arith.constant"() <{value = 1 : i32}> : () -> i32
    %k1 = "arith.addi"(%k, %one) : (i32, i32) -> i32
    "scf.yield"(%d, %k1) : (tensor<3xf32>, i32) -> ()
  }) : (tensor<3xf32>, i32) -> (tensor<3xf32>, i32)
  return %r#0, %r#1 : tensor<3xf32>, i32
}"""


def test_scf_while_carries_one_buffer(monkeypatch):
    x = np.array([1.0, -2.0, 3.0], np.float32)
    after = compare(WHILE_TEXT, x, np.float32(50.0), monkeypatch=monkeypatch)
    assert count(after, "scf.while") == 1


def test_scf_for_accumulates_in_place_and_swaps(monkeypatch):
    text = """func.func @f(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
      %c5 = "arith.constant"() <{value = 5 : index}> : () -> index
      %e = "tensor.empty"() : () -> tensor<4xf32>
      %zero = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
      %init = "linalg.fill"(%zero, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
      ^bb0(%in: f32, %out: f32):
        "linalg.yield"(%in) : (f32) -> ()
      }) : (f32, tensor<4xf32>) -> tensor<4xf32>
      %r:3 = "scf.for"(%c0, %c5, %c1, %init, %x, %y) ({
      ^bb0(%iv: index, %acc: tensor<4xf32>, %a: tensor<4xf32>, %b: tensor<4xf32>):
        %s = "linalg.generic"(%a, %acc) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
            iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
        ^bb1(%i: f32, %o: f32):
          %t = "arith.addf"(%o, %i) : (f32, f32) -> f32
          "linalg.yield"(%t) : (f32) -> ()
        }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
        "scf.yield"(%s, %b, %a) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> ()
      }) : (index, index, index, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      return %r#0, %r#1, %r#2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
    }"""
    after = compare(text, rand(4), rand(4), monkeypatch=monkeypatch)
    body = after[after.index('"scf.for"'):]
    assert "memref.alloc" in body  # the swap goes through a temporary


def test_loop_body_allocations_are_freed_in_the_body(monkeypatch):
    text = """func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
      %c3 = "arith.constant"() <{value = 3 : index}> : () -> index
      %r = "scf.for"(%c0, %c3, %c1, %x) ({
      ^bb0(%iv: index, %acc: tensor<4xf32>):
        %e = "tensor.empty"() : () -> tensor<4xf32>
        %t = "linalg.generic"(%acc, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
            iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
        ^bb1(%i: f32, %o: f32):
          %h = "math.tanh"(%i) : (f32) -> f32
          "linalg.yield"(%h) : (f32) -> ()
        }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
        %u = "linalg.generic"(%t, %acc, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
            iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
        ^bb1(%i: f32, %j: f32, %o: f32):
          %s = "arith.addf"(%i, %j) : (f32, f32) -> f32
          "linalg.yield"(%s) : (f32) -> ()
        }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
        "scf.yield"(%u) : (tensor<4xf32>) -> ()
      }) : (index, index, index, tensor<4xf32>) -> tensor<4xf32>
      return %r : tensor<4xf32>
    }"""
    after = compare(text, rand(4), monkeypatch=monkeypatch)
    body = after[after.index('"scf.for"'):after.index('"scf.yield"')]
    assert count(body, "memref.alloc") == count(body, "memref.dealloc") >= 1


# ----- loops carrying tensors with dynamic dims (ownership handed over) ---------------------------

TF_PIPELINE = "tf-to-linalg{strict=true},canonicalize,linalg-fuse-elementwise,canonicalize,cse,bufferize"

GROWING_WHILE = """func.func @f(%x: tensor<?xf32>, %limit: tensor<i32>) -> tensor<?xf32> {
  %r = "tf.While"(%x) <{parallel_iterations = 10 : i64}> ({
  ^bb0(%v: tensor<?xf32>):
    %n = "tf.Size"(%v) <{out_type = i32}> : (tensor<?xf32>) -> tensor<i32>
    %go = "tf.Less"(%n, %limit) : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "tf.Yield"(%go) : (tensor<i1>) -> ()
  }, {
  ^bb0(%v: tensor<?xf32>):
    %axis = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %two = "tf.Const"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
    %d = "tf.Mul"(%v, %two) : (tensor<?xf32>, tensor<f32>) -> tensor<?xf32>
    %c = "tf.ConcatV2"(%v, %d, %axis) : (tensor<?xf32>, tensor<?xf32>, tensor<i32>) -> tensor<?xf32>
    "tf.Yield"(%c) : (tensor<?xf32>) -> ()
  }) : (tensor<?xf32>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}"""


@pytest.mark.parametrize("size,limit", [(1, 8), (3, 20), (5, 2)])
def test_growing_while_loop_hands_its_buffers_over(size, limit, monkeypatch):
    """Each iteration yields the buffer its concat allocated and frees the one it received;
    (5, 2) runs no iteration: the result is the loop's own copy of the argument."""
    after = compare(GROWING_WHILE, rand(size), np.int32(limit), pipeline=TF_PIPELINE, monkeypatch=monkeypatch)
    after_region = after[after.index("}, {"):]
    assert count(after_region, "memref.dealloc") >= 1


RNN_WHILE = """func.func @f(%h0: tensor<?x4xf32>, %x: tensor<?x4xf32>, %w: tensor<4x4xf32>, %steps: tensor<i32>)
    -> (tensor<i32>, tensor<?x4xf32>) {
  %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %r:2 = "tf.While"(%zero, %h0) <{parallel_iterations = 10 : i64}> ({
  ^bb0(%i: tensor<i32>, %h: tensor<?x4xf32>):
    %go = "tf.Less"(%i, %steps) : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "tf.Yield"(%go) : (tensor<i1>) -> ()
  }, {
  ^bb0(%i: tensor<i32>, %h: tensor<?x4xf32>):
    %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
    %i1 = "tf.AddV2"(%i, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    %m = "tf.MatMul"(%h, %w) <{transpose_a = false, transpose_b = false}> : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
    %a = "tf.AddV2"(%m, %x) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    %t = "tf.Tanh"(%a) : (tensor<?x4xf32>) -> tensor<?x4xf32>
    "tf.Yield"(%i1, %t) : (tensor<i32>, tensor<?x4xf32>) -> ()
  }) : (tensor<i32>, tensor<?x4xf32>) -> (tensor<i32>, tensor<?x4xf32>)
  return %r#0, %r#1 : tensor<i32>, tensor<?x4xf32>
}"""


@pytest.mark.parametrize("batch,steps", [(3, 4), (1, 0), (0, 2)])
def test_while_loop_with_a_dynamic_batch_state(batch, steps, monkeypatch):
    """An RNN-style loop: the `?` batch state is updated by an elementwise op each step."""
    compare(RNN_WHILE, rand(batch, 4), rand(batch, 4), rand(4, 4) * 0.5, np.int32(steps),
            pipeline=TF_PIPELINE, monkeypatch=monkeypatch)


def _generic_1d(ins: str, types: str, body: str, out: str = "%e") -> str:
    n = ins.count("%") + 1
    maps = ", ".join(["affine_map<(d0) -> (d0)>"] * n)
    return (f'"linalg.generic"({ins}, {out}) <{{indexing_maps = [{maps}], '
            f'iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: {n - 1}, 1>}}> ({{\n'
            f'{body}\n}}) : ({types}, tensor<?xf32>) -> tensor<?xf32>')


FOR_DYNAMIC = """func.func @f(%x: tensor<?xf32>, %y: tensor<?xf32>, %n: index) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %r:3 = "scf.for"(%c0, %n, %c1, %x, %y, %x) ({
  ^bb0(%iv: index, %acc: tensor<?xf32>, %a: tensor<?xf32>, %unused: tensor<?xf32>):
    %d = "tensor.dim"(%acc, %c0) : (tensor<?xf32>, index) -> index
    %e = "tensor.empty"(%d) : (index) -> tensor<?xf32>
    %s = GENERIC_ADD
    "scf.yield"(%s, %acc, %y) : (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) -> ()
  }) : (index, index, index, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>)
  return %r#0, %r#1, %r#2 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}""".replace("GENERIC_ADD", _generic_1d("%acc, %a", "tensor<?xf32>, tensor<?xf32>", """^bb1(%i: f32, %j: f32, %o: f32):
      %t = "arith.addf"(%i, %j) : (f32, f32) -> f32
      "linalg.yield"(%t) : (f32) -> ()"""))


@pytest.mark.parametrize("n", [0, 1, 4])
def test_for_loop_with_dynamic_carried_tensors(n, monkeypatch):
    """Position 0 yields a fresh buffer, position 1 passes on the buffer of position 0's
    argument (no copy: the iteration owns it), position 2 ignores its argument (freed at the
    start of the body) and yields a value from above (copied)."""
    after = compare(FOR_DYNAMIC, rand(5), rand(5), np.int64(n), monkeypatch=monkeypatch)
    body = after[after.index('"scf.for"'):]
    body = body[:body.index('"scf.yield"')]
    assert count(body, "memref.copy") == 1
    assert count(body, "memref.dealloc") == 2  # the arguments of positions 1 and 2


SWAP_DYNAMIC = """func.func @f(%x: tensor<?xf32>, %y: tensor<?xf32>, %n: index) -> (tensor<?xf32>, tensor<?xf32>) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %r:2 = "scf.for"(%c0, %n, %c1, %x, %y) ({
  ^bb0(%iv: index, %a: tensor<?xf32>, %b: tensor<?xf32>):
    "scf.yield"(%b, %a) : (tensor<?xf32>, tensor<?xf32>) -> ()
  }) : (index, index, index, tensor<?xf32>, tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>)
  return %r#0, %r#1, %x : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}"""


@pytest.mark.parametrize("n", [0, 3])
def test_dynamic_swap_passes_buffers_without_copies(n, monkeypatch):
    """Two handed-over positions swap their buffers: the body copies nothing; the loop starts
    with copies of the arguments (it owns its buffers), which it returns."""
    after = compare(SWAP_DYNAMIC.replace("-> (tensor<?xf32>, tensor<?xf32>) {", "-> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {", 1),
                    rand(2), rand(3), np.int64(n), monkeypatch=monkeypatch)
    body = after[after.index('"scf.for"'):]
    body = body[:body.index('"scf.yield"')]
    assert count(body, "memref.copy") == count(body, "memref.alloc") == count(body, "memref.dealloc") == 0


NESTED_DYNAMIC = """func.func @f(%x: tensor<?xf32>, %n: index, %m: index) -> tensor<?xf32> {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %r = "scf.for"(%c0, %n, %c1, %x) ({
  ^bb0(%i: index, %outer: tensor<?xf32>):
    %grown = "scf.for"(%c0, %m, %c1, %outer) ({
    ^bb1(%j: index, %inner: tensor<?xf32>):
      %d = "tensor.dim"(%inner, %c0) : (tensor<?xf32>, index) -> index
      %d1 = "arith.addi"(%d, %c1) : (index, index) -> index
      %e = "tensor.empty"(%d1) : (index) -> tensor<?xf32>
      %head = "tensor.insert_slice"(%inner, %e, %d) <{operandSegmentSizes = array<i32: 1, 1, 0, 1, 0>,
          static_offsets = array<i64: 0>, static_sizes = array<i64: -9223372036854775808>,
          static_strides = array<i64: 1>}> : (tensor<?xf32>, tensor<?xf32>, index) -> tensor<?xf32>
      %jf = "arith.index_cast"(%j) : (index) -> i64
      %v = "arith.sitofp"(%jf) : (i64) -> f32
      %next = "tensor.insert"(%v, %head, %d) : (f32, tensor<?xf32>, index) -> tensor<?xf32>
      "scf.yield"(%next) : (tensor<?xf32>) -> ()
    }) : (index, index, index, tensor<?xf32>) -> tensor<?xf32>
    %dg = "tensor.dim"(%grown, %c0) : (tensor<?xf32>, index) -> index
    %e2 = "tensor.empty"(%dg) : (index) -> tensor<?xf32>
    %scaled = GENERIC_HALF
    "scf.yield"(%scaled) : (tensor<?xf32>) -> ()
  }) : (index, index, index, tensor<?xf32>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}""".replace("GENERIC_HALF", _generic_1d("%grown", "tensor<?xf32>", """^bb2(%g: f32, %o: f32):
      %h = "arith.constant"() <{value = 0.5 : f32}> : () -> f32
      %t = "arith.mulf"(%g, %h) : (f32, f32) -> f32
      "linalg.yield"(%t) : (f32) -> ()""", out="%e2"))


@pytest.mark.parametrize("n,m", [(3, 2), (2, 0), (0, 3)])
def test_nested_loops_hand_buffers_down_and_back(n, m, monkeypatch):
    """The outer body hands its argument to the inner loop (no copy: it owns it), which grows
    it; the outer body frees the inner loop's result after using it."""
    after = compare(NESTED_DYNAMIC, rand(2), np.int64(n), np.int64(m), monkeypatch=monkeypatch)
    outer = after[after.index('"scf.for"'):]
    assert count(outer[:outer.index('"scf.for"', 1)], "memref.copy") == 0


NESTED_TF = """func.func @f(%x: tensor<?xf32>, %steps: tensor<i32>) -> (tensor<i32>, tensor<?xf32>) {
  %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
  %axis = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %r:2 = "tf.While"(%zero, %x) <{parallel_iterations = 10 : i64}> ({
  ^bb0(%i: tensor<i32>, %v: tensor<?xf32>):
    %go = "tf.Less"(%i, %steps) : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "tf.Yield"(%go) : (tensor<i1>) -> ()
  }, {
  ^bb0(%i: tensor<i32>, %v: tensor<?xf32>):
    %i1 = "tf.AddV2"(%i, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    %w:2 = "tf.While"(%zero, %v) <{parallel_iterations = 10 : i64}> ({
    ^bb1(%j: tensor<i32>, %u: tensor<?xf32>):
      %more = "tf.Less"(%j, %i1) : (tensor<i32>, tensor<i32>) -> tensor<i1>
      "tf.Yield"(%more) : (tensor<i1>) -> ()
    }, {
    ^bb1(%j: tensor<i32>, %u: tensor<?xf32>):
      %j1 = "tf.AddV2"(%j, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
      %s = "tf.Tanh"(%u) : (tensor<?xf32>) -> tensor<?xf32>
      %c = "tf.ConcatV2"(%u, %s, %axis) : (tensor<?xf32>, tensor<?xf32>, tensor<i32>) -> tensor<?xf32>
      "tf.Yield"(%j1, %c) : (tensor<i32>, tensor<?xf32>) -> ()
    }) : (tensor<i32>, tensor<?xf32>) -> (tensor<i32>, tensor<?xf32>)
    %n = "tf.Neg"(%w#1) : (tensor<?xf32>) -> tensor<?xf32>
    "tf.Yield"(%i1, %n) : (tensor<i32>, tensor<?xf32>) -> ()
  }) : (tensor<i32>, tensor<?xf32>) -> (tensor<i32>, tensor<?xf32>)
  return %r#0, %r#1 : tensor<i32>, tensor<?xf32>
}"""


@pytest.mark.parametrize("steps", [0, 1, 3])
def test_nested_tf_while_loops_that_grow(steps, monkeypatch):
    compare(NESTED_TF, rand(2), np.int32(steps), pipeline=TF_PIPELINE, monkeypatch=monkeypatch)


INIT_READ_LATER = """func.func @f(%x: tensor<?xf32>, %n: index, %p: i1) -> (tensor<?xf32>, tensor<?xf32>, f32) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %one = "arith.constant"() <{value = 1.0 : f32}> : () -> f32
  %d = "tensor.dim"(%x, %c0) : (tensor<?xf32>, index) -> index
  %e = "tensor.empty"(%d) : (index) -> tensor<?xf32>
  %init = NEG
  %r = "scf.for"(%c0, %n, %c1, %init) ({
  ^bb0(%iv: index, %acc: tensor<?xf32>):
    %q = "scf.if"(%p) ({
      "scf.yield"(%acc) : (tensor<?xf32>) -> ()
    }, {
      %s = "tensor.insert"(%one, %acc, %iv) : (f32, tensor<?xf32>, index) -> tensor<?xf32>
      "scf.yield"(%s) : (tensor<?xf32>) -> ()
    }) : (i1) -> tensor<?xf32>
    "scf.yield"(%q) : (tensor<?xf32>) -> ()
  }) : (index, index, index, tensor<?xf32>) -> tensor<?xf32>
  %first = "tensor.extract"(%init, %c0) : (tensor<?xf32>, index) -> f32
  return %r, %init, %first : tensor<?xf32>, tensor<?xf32>, f32
}""".replace("NEG", _generic_1d("%x", "tensor<?xf32>", """^bb1(%i: f32, %o: f32):
      %t = "arith.negf"(%i) : (f32) -> f32
      "linalg.yield"(%t) : (f32) -> ()"""))


@pytest.mark.parametrize("p", [True, False])
def test_dynamic_init_read_after_the_loop_is_copied(p, monkeypatch):
    """The init is read after the loop, so the loop starts with a copy; the body's scf.if
    forwards the iteration's argument (copied by the branch) or updates a copy of it."""
    after = compare(INIT_READ_LATER, rand(3), np.int64(3), np.bool_(p), monkeypatch=monkeypatch)
    before_loop = after[:after.index('"scf.for"')]
    assert count(before_loop, "memref.copy") == 1


REENTERED_INIT = """func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %c3 = "arith.constant"() <{value = 3 : index}> : () -> index
  %d = "tensor.dim"(%x, %c0) : (tensor<?xf32>, index) -> index
  %e = "tensor.empty"(%d) : (index) -> tensor<?xf32>
  %a = NEG
  %r = "scf.for"(%c0, %c3, %c1, %x) ({
  ^bb0(%i: index, %acc: tensor<?xf32>):
    %in = "scf.for"(%c0, %c3, %c1, %a) ({
    ^bb1(%j: index, %c: tensor<?xf32>):
      %e3 = "tensor.empty"(%d) : (index) -> tensor<?xf32>
      %c2 = DOUBLE
      "scf.yield"(%c2) : (tensor<?xf32>) -> ()
    }) : (index, index, index, tensor<?xf32>) -> tensor<?xf32>
    %e2 = "tensor.empty"(%d) : (index) -> tensor<?xf32>
    %s = SUM
    "scf.yield"(%s) : (tensor<?xf32>) -> ()
  }) : (index, index, index, tensor<?xf32>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}""".replace("NEG", _generic_1d("%x", "tensor<?xf32>", """^bb5(%u: f32, %o: f32):
      %t = "arith.negf"(%u) : (f32) -> f32
      "linalg.yield"(%t) : (f32) -> ()""")).replace("DOUBLE", _generic_1d("%c", "tensor<?xf32>", """^bb5(%u: f32, %o: f32):
      %t = "arith.addf"(%u, %u) : (f32, f32) -> f32
      "linalg.yield"(%t) : (f32) -> ()""", out="%e3")).replace("SUM", _generic_1d("%acc, %in", "tensor<?xf32>, tensor<?xf32>", """^bb5(%u: f32, %v: f32, %o: f32):
      %t = "arith.addf"(%u, %v) : (f32, f32) -> f32
      "linalg.yield"(%t) : (f32) -> ()""", out="%e2"))


@pytest.mark.parametrize("static", [False, True])
def test_inner_loop_init_from_outside_the_outer_loop_is_copied(static, monkeypatch):
    """The inner loop starts from %a on every outer iteration, so it may neither write %a in
    place (one carried buffer) nor free it (handed over): it starts with a copy."""
    text = REENTERED_INIT
    if static:
        text = text.replace("?xf32", "4xf32").replace('"tensor.empty"(%d) : (index)', '"tensor.empty"() : ()')
    after = compare(text, rand(4), monkeypatch=monkeypatch)
    outer = after[after.index('"scf.for"'):]
    assert count(outer[:outer.index('"scf.for"', 1)], "memref.copy") == 1


# ----- errors ------------------------------------------------------------------------------------------

def test_unsupported_op_on_tensors_is_an_error():
    text = """func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
      %y = "arith.addf"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      return %y : tensor<2xf32>
    }"""
    with pytest.raises(DiagnosticError, match="'arith.addf' op cannot be bufferized"):
        lower(text)


def test_insert_into_a_carried_tensor_is_in_place(monkeypatch):
    text = """func.func @f(%n: index) -> tensor<5xi64> {
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
      %zero = "arith.constant"() <{value = 0 : i64}> : () -> i64
      %init = "tensor.splat"(%zero) : (i64) -> tensor<5xi64>
      %r = "scf.for"(%c0, %n, %c1, %init) ({
      ^bb0(%iv: index, %acc: tensor<5xi64>):
        %v = "arith.index_cast"(%iv) : (index) -> i64
        %sq = "arith.muli"(%v, %v) : (i64, i64) -> i64
        %next = "tensor.insert"(%sq, %acc, %iv) : (i64, tensor<5xi64>, index) -> tensor<5xi64>
        "scf.yield"(%next) : (tensor<5xi64>) -> ()
      }) : (index, index, index, tensor<5xi64>) -> tensor<5xi64>
      return %r : tensor<5xi64>
    }"""
    after = compare(text, np.int64(4), monkeypatch=monkeypatch)
    assert count(after, "memref.copy") == 0 and count(after, "memref.alloc") == 1


def test_read_in_a_loop_then_written_later_in_the_body(monkeypatch):
    """The snapshot is read after the write in the same iteration: it is a copy; a read used
    only before the write aliases the variable."""
    text = """func.func @f(%x: tensor<3xf32>, %w: memref<3xf32> {tfc.variable = "w"}) -> tensor<3xf32> {
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
      %c2 = "arith.constant"() <{value = 2 : index}> : () -> index
      %r = "scf.for"(%c0, %c2, %c1, %x) ({
      ^bb0(%iv: index, %acc: tensor<3xf32>):
        %old = "bufferization.to_tensor"(%w) : (memref<3xf32>) -> tensor<3xf32>
        %e = "tensor.empty"() : () -> tensor<3xf32>
        %s = "linalg.generic"(%old, %acc, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
            iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
        ^bb1(%a: f32, %b: f32, %o: f32):
          %t = "arith.mulf"(%a, %b) : (f32, f32) -> f32
          "linalg.yield"(%t) : (f32) -> ()
        }) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
        "bufferization.materialize_in_destination"(%s, %w) <{writable}> : (tensor<3xf32>, memref<3xf32>) -> ()
        %u = "linalg.generic"(%old, %s, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
            iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
        ^bb1(%a: f32, %b: f32, %o: f32):
          %t = "arith.subf"(%b, %a) : (f32, f32) -> f32
          "linalg.yield"(%t) : (f32) -> ()
        }) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
        "scf.yield"(%u) : (tensor<3xf32>) -> ()
      }) : (index, index, index, tensor<3xf32>) -> tensor<3xf32>
      return %r : tensor<3xf32>
    }"""
    x = np.array([1.0, 2.0, -1.0], np.float32)
    compare(text, x, np.array([0.5, 3.0, 2.0], np.float32), monkeypatch=monkeypatch, mutable=(1,))


# ----- whole tf programs (tf-to-linalg, fusion, bufferize) ------------------------------------------

TF_PROGRAMS = {
    "mlp_layer": ("""func.func @f(%x: tensor<?x4xf32>, %w: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> {
      %m = "tf.MatMul"(%x, %w) <{transpose_a = false, transpose_b = false}> : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
      %a = "tf.BiasAdd"(%m, %b) <{data_format = "NHWC"}> : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
      %r = "tf.Relu"(%a) : (tensor<?x3xf32>) -> tensor<?x3xf32>
      %s = "tf.Softmax"(%r) : (tensor<?x3xf32>) -> tensor<?x3xf32>
      return %s : tensor<?x3xf32>
    }""", [(5, 4), (4, 3), (3,)]),
    "reduce_transpose_reshape": ("""func.func @f(%x: tensor<3x4xf32>) -> (tensor<4xf32>, tensor<4x3xf32>, tensor<12xf32>) {
      %ax = "tf.Const"() <{value = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
      %m = "tf.Mean"(%x, %ax) <{keep_dims = false}> : (tensor<3x4xf32>, tensor<1xi32>) -> tensor<4xf32>
      %p = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
      %t = "tf.Transpose"(%x, %p) : (tensor<3x4xf32>, tensor<2xi32>) -> tensor<4x3xf32>
      %sh = "tf.Const"() <{value = dense<[12]> : tensor<1xi32>}> : () -> tensor<1xi32>
      %r = "tf.Reshape"(%t, %sh) : (tensor<4x3xf32>, tensor<1xi32>) -> tensor<12xf32>
      return %m, %t, %r : tensor<4xf32>, tensor<4x3xf32>, tensor<12xf32>
    }""", [(3, 4)]),
    "conv_pool": ("""func.func @f(%x: tensor<1x5x5x2xf32>, %k: tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> {
      %c = "tf.Conv2D"(%x, %k) <{strides = [1, 2, 2, 1], padding = "SAME", data_format = "NHWC", dilations = [1, 1, 1, 1]}> : (tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32>
      %p = "tf.MaxPool"(%c) <{ksize = [1, 2, 2, 1], strides = [1, 1, 1, 1], padding = "SAME", data_format = "NHWC"}> : (tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
      return %p : tensor<1x3x3x4xf32>
    }""", [(1, 5, 5, 2), (3, 3, 2, 4)]),
}


@pytest.mark.parametrize("name", sorted(TF_PROGRAMS))
def test_tf_programs_through_the_linalg_stage(name, monkeypatch):
    text, shapes = TF_PROGRAMS[name]
    load_all_passes()
    reference = parse_module(text)
    args = [rand(*shape) for shape in shapes]
    want = Interpreter().call(reference, "f", *args)
    _, lowered = lower(text, "tf-to-linalg{strict=true},canonicalize,linalg-fuse-elementwise,canonicalize,cse,bufferize")
    assert tensor_free(lowered)
    checker = MemoryChecker(monkeypatch)
    got = Interpreter().call(lowered, "f", *args)
    checker.check(got)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-6)


def test_insert_slice_of_itself_and_rare_bufferization_ops(monkeypatch):
    """A slice moved within one tensor is not copied onto itself in place; to_memref and a
    materialize into a tensor have buffers of their own."""
    text = """func.func @f(%x: tensor<6xf32>) -> (tensor<6xf32>, tensor<6xf32>, f32) {
      %e = "tensor.empty"() : () -> tensor<6xf32>
      %y = "linalg.generic"(%x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
          iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
      ^bb0(%i: f32, %o: f32):
        %n = "arith.negf"(%i) : (f32) -> f32
        "linalg.yield"(%n) : (f32) -> ()
      }) : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
      %s = "tensor.extract_slice"(%y) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0>,
          static_sizes = array<i64: 4>, static_strides = array<i64: 1>}> : (tensor<6xf32>) -> tensor<4xf32>
      %m = "tensor.insert_slice"(%s, %y) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 2>,
          static_sizes = array<i64: 4>, static_strides = array<i64: 1>}> : (tensor<4xf32>, tensor<6xf32>) -> tensor<6xf32>
      %buf = "bufferization.to_memref"(%m) : (tensor<6xf32>) -> memref<6xf32>
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %v = "arith.constant"() <{value = 7.0 : f32}> : () -> f32
      "memref.store"(%v, %buf, %c0) : (f32, memref<6xf32>, index) -> ()
      %back = "bufferization.to_tensor"(%buf) : (memref<6xf32>) -> tensor<6xf32>
      %d = "bufferization.materialize_in_destination"(%back, %x) : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
      %first = "tensor.extract"(%m, %c0) : (tensor<6xf32>, index) -> f32
      return %m, %d, %first : tensor<6xf32>, tensor<6xf32>, f32
    }"""
    compare(text, rand(6), monkeypatch=monkeypatch)
