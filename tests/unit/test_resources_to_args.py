"""tf-resources-to-args keeps the numbers: the function with tf variables (held by the
interpreter's resources) and the function taking them as memref arguments (numpy arrays
updated in place) compute the same results and leave the variables with the same values."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.printer import print_op
from tfc.ir.verifier import verify
from tfc.passes.tf_to_linalg import UnsupportedOpError

RNG = np.random.default_rng(3)


def convert(text: str, pipeline: str = "tf-resources-to-args"):
    load_all_passes()
    module = parse_module(text)
    verify(module)
    parse_pipeline(f"builtin.module({pipeline})").run(module)
    verify(module)
    return module


def check(text: str, args, variables: dict, pipeline: str = "tf-resources-to-args") -> str:
    """Compare the tf function on resources with the converted one on array arguments (in
    the order the variables appear); returns the converted text."""
    load_all_passes()
    reference = parse_module(text)
    resources = {("var", name): np.array(v, copy=True) for name, v in variables.items()}
    want = Interpreter(resources=resources).call(reference, "f", *args)
    converted = convert(text, pipeline)
    after = print_op(converted)
    assert "tf.VarHandleOp" not in after and "tf.ReadVariableOp" not in after and "VariableOp" not in after
    arrays = {name: np.array(v, copy=True) for name, v in variables.items()}
    got = Interpreter().call(converted, "f", *args, *arrays.values())
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-6)
    for name, array in arrays.items():
        np.testing.assert_allclose(array, resources[("var", name)], rtol=1e-6)
    return after


STEP = """func.func @f(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<f32>) {
  %w = "tf.VarHandleOp"() <{dtype = f32, shape = [3], shared_name = "w"}> : () -> !tf.resource<tensor<3xf32>>
  %b = "tf.VarHandleOp"() <{dtype = f32, shape = [], shared_name = "b"}> : () -> !tf.resource<tensor<f32>>
  %w2 = "tf.VarHandleOp"() <{dtype = f32, shape = [3], shared_name = "w"}> : () -> !tf.resource<tensor<3xf32>>
  %r = "tf.ReadVariableOp"(%w) : (!tf.resource<tensor<3xf32>>) -> tensor<3xf32>
  %rb = "tf.ReadVariableOp"(%b) : (!tf.resource<tensor<f32>>) -> tensor<f32>
  %m = "tf.Mul"(%x, %r) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %c1 = "tf.AssignVariableOp"(%w2, %m) : (!tf.resource<tensor<3xf32>>, tensor<3xf32>) -> !tf.control
  %c2 = "tf.AssignAddVariableOp"(%w, %x, %c1) : (!tf.resource<tensor<3xf32>>, tensor<3xf32>, !tf.control) -> !tf.control
  %c3 = "tf.AssignSubVariableOp"(%b, %rb) : (!tf.resource<tensor<f32>>, tensor<f32>) -> !tf.control
  %after = "tf.ReadVariableOp"(%w, %c2, %c3) : (!tf.resource<tensor<3xf32>>, !tf.control, !tf.control) -> tensor<3xf32>
  %rb2 = "tf.ReadVariableOp"(%b, %c3) : (!tf.resource<tensor<f32>>, !tf.control) -> tensor<f32>
  return %r, %after, %rb2 : tensor<3xf32>, tensor<3xf32>, tensor<f32>
}"""


def test_read_assign_assign_add_assign_sub():
    x = RNG.standard_normal(3).astype(np.float32)
    variables = {"w": RNG.standard_normal(3).astype(np.float32), "b": np.array(2.5, np.float32)}
    after = check(STEP, [x], variables)
    assert after.count("tfc.variable") == 2  # one argument per distinct variable ("w" has two handles)


def test_through_bufferize_too():
    """The whole way to memrefs: the variables are the same arrays, updated in place."""
    x = RNG.standard_normal(3).astype(np.float32)
    variables = {"w": RNG.standard_normal(3).astype(np.float32), "b": np.array(-1.0, np.float32)}
    check(STEP, [x], variables, "tf-resources-to-args,tf-to-linalg,bufferize")


IF_TEXT = """func.func @f(%p: tensor<i1>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %h = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
  %i = "tf.If"(%p) ({
    %c = "tf.AssignAddVariableOp"(%h, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
    %r = "tf.ReadVariableOp"(%h, %c) : (!tf.resource<tensor<2xf32>>, !tf.control) -> tensor<2xf32>
    "tf.Yield"(%r) : (tensor<2xf32>) -> ()
  }, {
    %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<2xf32>>) -> tensor<2xf32>
    "tf.Yield"(%r) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  return %i : tensor<2xf32>
}"""


@pytest.mark.parametrize("p", [True, False])
def test_reads_and_writes_in_if_branches(p):
    x = RNG.standard_normal(2).astype(np.float32)
    check(IF_TEXT, [np.array(p), x], {"w": RNG.standard_normal(2).astype(np.float32)})


WHILE_TEXT = """func.func @f(%n: tensor<i32>, %x: tensor<2xf32>) -> tensor<i32> {
  %h = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
  %w = "tf.While"(%n) <{parallel_iterations = 10}> ({
  ^bb0(%k: tensor<i32>):
    %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %go = "tf.Greater"(%k, %zero) : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "tf.Yield"(%go) : (tensor<i1>) -> ()
  }, {
  ^bb0(%k: tensor<i32>):
    %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<2xf32>>) -> tensor<2xf32>
    %d = "tf.Mul"(%r, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %c = "tf.AssignVariableOp"(%h, %d) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
    %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
    %k1 = "tf.Sub"(%k, %one, %c) : (tensor<i32>, tensor<i32>, !tf.control) -> tensor<i32>
    "tf.Yield"(%k1) : (tensor<i32>) -> ()
  }) : (tensor<i32>) -> tensor<i32>
  return %w : tensor<i32>
}"""


def test_reads_and_writes_in_a_while_body():
    x = RNG.standard_normal(2).astype(np.float32)
    check(WHILE_TEXT, [np.array(4, np.int32), x], {"w": RNG.standard_normal(2).astype(np.float32)})


def test_arguments_keep_their_attributes_and_order():
    module = convert(STEP)
    func = next(op for op in module.walk() if op.name == "func.func")
    names = [d.get_item("tfc.variable") for d in func.arg_attrs]
    assert [getattr(n, "value", None) for n in names] == [None, "w", "b"]
    assert [str(t) for t in func.type.inputs] == ["tensor<3xf32>", "memref<3xf32>", "memref<f32>"]


def _error(text: str, pipeline: str = "tf-resources-to-args") -> str:
    with pytest.raises(DiagnosticError) as info:
        convert(text, pipeline)
    return str(info.value)


def test_a_dynamic_variable_is_an_error_at_its_handle():
    text = """func.func @f() -> tensor<?xf32> {
      %h = "tf.VarHandleOp"() <{dtype = f32, shape = [-1], shared_name = "w"}> : () -> !tf.resource<tensor<?xf32>>
      %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<?xf32>>) -> tensor<?xf32>
      return %r : tensor<?xf32>
    }"""
    with pytest.raises(UnsupportedOpError, match="the variable 'w' needs a static shape, got tensor<\\?xf32>"):
        convert(text)


def test_var_is_initialized_is_not_compiled():
    text = """func.func @f() -> tensor<i1> {
      %h = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
      %b = "tf.VarIsInitializedOp"(%h) : (!tf.resource<tensor<2xf32>>) -> tensor<i1>
      return %b : tensor<i1>
    }"""
    assert "'tf.VarIsInitializedOp' is not supported by the CPU backend: whether a variable is initialized" in _error(text)


def test_a_handle_may_only_be_read_or_assigned():
    text = """func.func @f() -> !tf.resource<tensor<2xf32>> {
      %h = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
      return %h : !tf.resource<tensor<2xf32>>
    }"""
    assert "a variable handle may only be read or assigned" in _error(text)


def test_strict_tf_to_linalg_asks_for_this_pass_first():
    text = """func.func @f() -> tensor<2xf32> {
      %h = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
      %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<2xf32>>) -> tensor<2xf32>
      return %r : tensor<2xf32>
    }"""
    message = _error(text, "tf-to-linalg{strict=true}")
    assert "'tf.VarHandleOp' is not supported by the CPU backend: run tf-resources-to-args first" in message
