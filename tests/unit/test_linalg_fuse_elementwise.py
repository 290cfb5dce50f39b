"""linalg-fuse-elementwise keeps the numbers and leaves one generic per fusable chain."""

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects.linalg.generic import GenericOp
from tfc.dialects.linalg.named import MatmulOp
from tfc.ir.affine import AffineDimExpr, AffineMap, compose, inverse_permutation
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline

CHAIN = """func.func @f(%x: tensor<?x16xf32>, %a: tensor<16xf32>, %b: tensor<f32>, %c: tensor<1x16xf32>) -> tensor<?x16xf32> {
  %0 = "tf.Mul"(%x, %a) : (tensor<?x16xf32>, tensor<16xf32>) -> tensor<?x16xf32>
  %1 = "tf.AddV2"(%0, %b) : (tensor<?x16xf32>, tensor<f32>) -> tensor<?x16xf32>
  %2 = "tf.Relu"(%1) : (tensor<?x16xf32>) -> tensor<?x16xf32>
  %3 = "tf.Mul"(%2, %c) : (tensor<?x16xf32>, tensor<1x16xf32>) -> tensor<?x16xf32>
  %4 = "tf.Tanh"(%x) : (tensor<?x16xf32>) -> tensor<?x16xf32>
  %5 = "tf.AddV2"(%3, %4) : (tensor<?x16xf32>, tensor<?x16xf32>) -> tensor<?x16xf32>
  return %5 : tensor<?x16xf32>
}"""

SHARED = """func.func @f(%x: tensor<3x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
  %e = "tf.Exp"(%x) : (tensor<3x5xf32>) -> tensor<3x5xf32>
  %s = "tf.Sigmoid"(%e) : (tensor<3x5xf32>) -> tensor<3x5xf32>
  %a = "tf.AddV2"(%s, %x) : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  %b = "tf.Mul"(%e, %e) : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %a, %b : tensor<3x5xf32>, tensor<3x5xf32>
}"""

BIAS = """func.func @f(%a: tensor<?x8xf32>, %b: tensor<8x3xf32>, %bias: tensor<3xf32>) -> tensor<?x3xf32> {
  %zero = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %n = "tensor.dim"(%a, %c0) : (tensor<?x8xf32>, index) -> index
  %e = "tensor.empty"(%n) : (index) -> tensor<?x3xf32>
  %f = "linalg.fill"(%zero, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<?x3xf32>) -> tensor<?x3xf32>
  %m = "linalg.matmul"(%a, %b, %f) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<?x8xf32>, tensor<8x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %r = "tf.AddV2"(%m, %bias) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %t = "tf.Relu"(%r) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %t : tensor<?x3xf32>
}"""


def _run(text, pipeline, *args):
    module = parse_module(text)
    load_all_passes()
    parse_pipeline(pipeline).run(module)
    return module, Interpreter().call(module, "f", *args)


def _compare(text, *args):
    _, want = _run(text, "builtin.module(tf-to-linalg)", *args)
    fused, got = _run(text, "builtin.module(tf-to-linalg,linalg-fuse-elementwise,canonicalize)", *args)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-6)
    return fused


def _count(module, cls):
    return sum(1 for op in module.walk() if isinstance(op, cls))


def test_chain_becomes_one_generic():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((5, 16)).astype(np.float32)
    a, c = rng.standard_normal(16).astype(np.float32), rng.standard_normal((1, 16)).astype(np.float32)
    fused = _compare(CHAIN, x, a, np.float32(0.25), c)
    assert _count(fused, GenericOp) == 1


def test_shared_producer_is_not_duplicated():
    x = np.random.default_rng(2).standard_normal((3, 5)).astype(np.float32)
    fused = _compare(SHARED, x)
    # exp(x) has three uses, so it stays its own generic; sigmoid fuses into the add, and
    # e * e reads its one input once.
    assert _count(fused, GenericOp) == 3
    square = [op for op in fused.walk() if isinstance(op, GenericOp)][-1]
    assert len(square.inputs) == 1


def test_bias_initializes_the_accumulator():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((6, 8)).astype(np.float32), rng.standard_normal((8, 3)).astype(np.float32)
    bias = rng.standard_normal(3).astype(np.float32)
    fused = _compare(BIAS, a, b, bias)
    matmul = next(op for op in fused.walk() if isinstance(op, MatmulOp))
    init = matmul.dps_inits[0].defining_op
    assert isinstance(init, GenericOp) and init.inputs[0].owner is not None
    assert _count(fused, GenericOp) == 2  # the bias broadcast and the relu
    np.testing.assert_allclose(_run(BIAS, "builtin.module(tf-to-linalg)", a, b, bias)[1][0],
                               np.maximum(a @ b + bias, 0), rtol=1e-5)


@pytest.mark.parametrize("perm", [(1, 0), (0, 1), (2, 0, 1)])
def test_compose_with_inverse_permutation_is_identity(perm):
    m = AffineMap.from_dims(len(perm), perm)
    assert compose(m, inverse_permutation(m)).is_identity()
    assert compose(inverse_permutation(m), m).is_identity()


def test_compose_substitutes_results():
    outer = AffineMap(2, 0, (AffineDimExpr(1),))
    inner = AffineMap.from_dims(3, (2, 0))
    assert compose(outer, inner) == AffineMap.from_dims(3, (0,))
