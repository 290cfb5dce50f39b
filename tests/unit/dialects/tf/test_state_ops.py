"""Variables, Print, Assert, random and control-flow ops, run directly in the interpreter."""

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects.tf import state_ops
from tfc.errors import FailedPreconditionError, InvalidArgumentError
from tfc.ir.parser import parse_module
from tfc.ir.verifier import verify

VARIABLES = """
func.func @init(%x: tensor<2xf32>) {
  %v = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>
  %c = "tf.AssignVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
  return
}
func.func @step(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<i1>) {
  %v = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>
  %ok = "tf.VarIsInitializedOp"(%v) : (!tf.resource<tensor<2xf32>>) -> tensor<i1>
  %a = "tf.AssignAddVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
  %s = "tf.AssignSubVariableOp"(%v, %x, %a) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>, !tf.control) -> !tf.control
  %b = "tf.AssignAddVariableOp"(%v, %x, %s) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>, !tf.control) -> !tf.control
  %r = "tf.ReadVariableOp"(%v, %b) : (!tf.resource<tensor<2xf32>>, !tf.control) -> tensor<2xf32>
  return %r, %ok : tensor<2xf32>, tensor<i1>
}
"""


def _module(text):
    module = parse_module(text)
    verify(module)
    return module


def test_variables_live_in_the_callers_resources():
    module = _module(VARIABLES)
    resources = {}
    with pytest.raises(FailedPreconditionError, match="uninitialized value W"):
        Interpreter(resources=resources).call(module, "step", np.ones(2, np.float32))
    Interpreter(resources=resources).call(module, "init", np.array([1, 2], np.float32))
    value, ok = Interpreter(resources=resources).call(module, "step", np.ones(2, np.float32))
    np.testing.assert_array_equal(value, [2, 3])
    assert ok and value.dtype == np.float32
    value, _ = Interpreter(resources=resources).call(module, "step", np.ones(2, np.float32))
    np.testing.assert_array_equal(value, [3, 4])


def test_assign_checks_the_shape_at_run_time():
    module = _module("""
    func.func @f(%x: tensor<?xf32>) {
      %v = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>
      %c = "tf.AssignVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<?xf32>) -> !tf.control
      return
    }""")
    with pytest.raises(InvalidArgumentError, match="Trying to assign a value of shape \\[3\\] to variable W"):
        Interpreter().call(module, "f", np.ones(3, np.float32))


def test_print_first_n_and_summarize(capsys):
    module = _module("""
    func.func @f(%x: tensor<5xi32>) -> tensor<5xi32> {
      %y = "tf.Print"(%x, %x) <{message = "x=", first_n = 2, summarize = 2}> : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
      return %y : tensor<5xi32>
    }""")
    resources = {}
    for _ in range(3):
        out, = Interpreter(resources=resources).call(module, "f", np.arange(5, dtype=np.int32))
        np.testing.assert_array_equal(out, np.arange(5))
    assert capsys.readouterr().err == "x=[0 1...]\nx=[0 1...]\n"


def test_assert_passes_or_fails_with_its_message_and_data():
    module = _module("""
    func.func @f(%p: tensor<i1>, %x: tensor<2xf32>) {
      %c = "tf.Assert"(%p, %x) <{message = "x must be small"}> : (tensor<i1>, tensor<2xf32>) -> !tf.control
      return
    }""")
    Interpreter().call(module, "f", np.bool_(True), np.zeros(2, np.float32))
    with pytest.raises(InvalidArgumentError, match=r"assertion failed: \[x must be small\] \[1.5 2\]"):
        Interpreter().call(module, "f", np.bool_(False), np.array([1.5, 2], np.float32))


RANDOM = """
func.func @f() -> (tensor<1000xf32>, tensor<1000xf32>, tensor<1000xf32>) {
  %shape = "tf.Const"() <{value = dense<1000> : tensor<1xi32>}> : () -> tensor<1xi32>
  %u = "tf.RandomUniform"(%shape) <{dtype = f32, seed = 1, seed2 = 2}> : (tensor<1xi32>) -> tensor<1000xf32>
  %n = "tf.RandomStandardNormal"(%shape) <{dtype = f32, seed = 1, seed2 = 3}> : (tensor<1xi32>) -> tensor<1000xf32>
  %t = "tf.TruncatedNormal"(%shape) <{dtype = f32, seed = 1, seed2 = 4}> : (tensor<1xi32>) -> tensor<1000xf32>
  return %u, %n, %t : tensor<1000xf32>, tensor<1000xf32>, tensor<1000xf32>
}
"""


def test_random_ops_are_seeded_streams_with_the_right_distribution():
    module = _module(RANDOM)
    resources = {}
    u, n, t = Interpreter(resources=resources).call(module, "f")
    u2, _, _ = Interpreter(resources=resources).call(module, "f")
    fresh, _, _ = Interpreter().call(module, "f")
    np.testing.assert_array_equal(u, fresh)  # same seeds, same first draw
    assert not np.array_equal(u, u2)  # the stream advances between runs
    assert 0 <= u.min() and u.max() < 1 and abs(u.mean() - 0.5) < 0.05
    assert abs(n.mean()) < 0.1 and abs(n.std() - 1) < 0.1
    assert np.abs(t).max() <= 2.0 and abs(t.std() - 0.88) < 0.08
    assert u.dtype == np.float32


def test_random_shape_must_be_non_negative():
    from tfc.ir import types as T
    from tfc.dialects.tf.core_ops import ConstOp
    shape = ConstOp.of(np.array([2, -1], np.int32), T.i32)
    with pytest.raises(ValueError, match="non-negative"):
        state_ops.RandomUniformOp.create(shape.output, dtype=T.f32)


CONTROL_FLOW = """
func.func @f(%p: tensor<i1>, %x: tensor<f32>, %n: tensor<i32>) -> (tensor<f32>, tensor<i32>) {
  %r = "tf.If"(%p) ({
    %a = "tf.Mul"(%x, %x) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "tf.Yield"(%a) : (tensor<f32>) -> ()
  }, {
    %b = "tf.Neg"(%x) : (tensor<f32>) -> tensor<f32>
    "tf.Yield"(%b) : (tensor<f32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
  %i = "tf.While"(%zero) ({
  ^bb0(%k: tensor<i32>):
    %c = "tf.Less"(%k, %n) : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "tf.Yield"(%c) : (tensor<i1>) -> ()
  }, {
  ^bb0(%k: tensor<i32>):
    %k1 = "tf.AddV2"(%k, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    "tf.Yield"(%k1) : (tensor<i32>) -> ()
  }) : (tensor<i32>) -> tensor<i32>
  return %r, %i : tensor<f32>, tensor<i32>
}
"""


def test_if_runs_one_branch_and_while_loops():
    module = _module(CONTROL_FLOW)
    r, i = Interpreter().call(module, "f", np.bool_(True), np.float32(3), np.int32(4))
    assert r == 9.0 and i == 4
    r, i = Interpreter().call(module, "f", np.bool_(False), np.float32(3), np.int32(0))
    assert r == -3.0 and i == 0
