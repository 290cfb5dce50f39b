"""tf-to-linalg keeps the numbers: the lowered function computes what the tf ops computed."""

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.verifier import verify

UNARY = ["Neg", "Abs", "Square", "Sqrt", "Rsqrt", "Exp", "Log", "Log1p", "Tanh", "Sigmoid", "Relu", "Relu6"]
BINARY = ["AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum"]


def _lower(text):
    module = parse_module(text)
    verify(module)
    reference = parse_module(text)
    load_all_passes()
    parse_pipeline("builtin.module(tf-to-linalg)").run(module)
    assert '"tf.' not in str(module)
    return reference, module


@pytest.mark.parametrize("op", UNARY)
def test_unary_ops(op):
    text = f"""func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {{
      %r = "tf.{op}"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
      return %r : tensor<2x3xf32>
    }}"""
    reference, lowered = _lower(text)
    x = np.array([[0.5, 2.0, 7.5], [0.01, 3.0, 9.0]], np.float32)
    want, = Interpreter().call(reference, "f", x)
    got, = Interpreter().call(lowered, "f", x)
    np.testing.assert_allclose(got, want, rtol=1e-6)
    assert got.dtype == np.float32


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("shapes", [("2x3", "3", "2x3"), ("?x3", "1x3", "?x3"), ("2x1", "1x3", "2x3")])
def test_binary_ops_broadcast(op, shapes):
    a, b, r = (f"tensor<{s}xf32>" for s in shapes)
    text = f"""func.func @f(%x: {a}, %y: {b}) -> {r} {{
      %r = "tf.{op}"(%x, %y) : ({a}, {b}) -> {r}
      return %r : {r}
    }}"""
    reference, lowered = _lower(text)
    rng = np.random.default_rng(0)
    dims = {"2x3": (2, 3), "3": (3,), "?x3": (4, 3), "1x3": (1, 3), "2x1": (2, 1)}
    x = (rng.random(dims[shapes[0]]) + 0.5).astype(np.float32)
    y = (rng.random(dims[shapes[1]]) + 0.5).astype(np.float32)
    want, = Interpreter().call(reference, "f", x, y)
    got, = Interpreter().call(lowered, "f", x, y)
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_integer_ops():
    text = """func.func @f(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
      %a = "tf.AddV2"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
      %m = "tf.Mul"(%a, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
      %s = "tf.Sub"(%m, %x) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
      return %s : tensor<4xi32>
    }"""
    reference, lowered = _lower(text)
    x, y = np.array([1, -2, 3, 2**30], np.int32), np.array([5, 6, -7, 4], np.int32)
    np.testing.assert_array_equal(Interpreter().call(lowered, "f", x, y)[0], Interpreter().call(reference, "f", x, y)[0])
