"""tf-to-linalg on control flow: tf.If -> scf.if, tf.While -> scf.while, tf.NoOp erased; the
lowered function computes what the tf graph computed (interpreter before and after)."""

import numpy as np
import pytest

import tfc as tf
from tfc.backends.interpreter import Interpreter
from tfc.frontend.signature import build_signature
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.verifier import verify
from tfc.passes.tf_to_linalg import UnsupportedOpError, lower_tf_ops

CONTROL = ('"tf.If"', '"tf.While"', '"tf.Yield"', '"tf.NoOp"')


def _lowered(module, strict=False):
    """Before and after `tf-to-linalg`, both re-parsed. Not strict by default: these tests own
    the control-flow rules; ops of other families left in the bodies still interpret."""
    verify(module)
    before = str(module)
    load_all_passes()
    parse_pipeline(f"builtin.module(tf-to-linalg{{strict={'true' if strict else 'false'}}})").run(module)
    after = str(module)
    assert not any(name in after for name in CONTROL)
    reparsed = parse_module(after)
    verify(reparsed)
    return parse_module(before), reparsed


def _same(reference, lowered, *args):
    want = Interpreter().call(reference, "f", *args)
    got = Interpreter().call(lowered, "f", *args)
    for w, g in zip(want, got):
        w, g = np.asarray(w), np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w)
    return got


@pytest.fixture
def graph():
    g = tf.Graph()
    with g.as_default():
        yield g


# ----- If ----------------------------------------------------------------------------------------

IF_TEXT = """func.func @f(%p: tensor<i1>, %x: tensor<2x3xf32>, %n: tensor<i32>) -> (tensor<2x3xf32>, tensor<i32>) {
  %r:2 = "tf.If"(%p) ({
    %a = "tf.Mul"(%x, %x) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    "tf.Yield"(%a, %n) : (tensor<2x3xf32>, tensor<i32>) -> ()
  }, {
    %perm = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
    %t = "tf.Transpose"(%x, %perm) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
    %shape = "tf.Const"() <{value = dense<[2, 3]> : tensor<2xi32>}> : () -> tensor<2xi32>
    %b = "tf.Reshape"(%t, %shape) : (tensor<3x2xf32>, tensor<2xi32>) -> tensor<2x3xf32>
    %m = "tf.AddV2"(%n, %n) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    "tf.Yield"(%b, %m) : (tensor<2x3xf32>, tensor<i32>) -> ()
  }) : (tensor<i1>) -> (tensor<2x3xf32>, tensor<i32>)
  return %r#0, %r#1 : tensor<2x3xf32>, tensor<i32>
}"""


@pytest.mark.parametrize("pred", [True, False])
def test_if_from_text(pred):
    reference, lowered = _lowered(parse_module(IF_TEXT), strict=True)
    text = str(lowered)
    assert '"scf.if"' in text and '"tensor.extract"(%arg0) : (tensor<i1>) -> i1' in text
    assert text.count('"scf.yield"') == 2
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    got = _same(reference, lowered, np.bool_(pred), x, np.int32(5))
    np.testing.assert_array_equal(got[0], x * x if pred else x.T.reshape(2, 3))
    assert int(got[1]) == (5 if pred else 10)


def test_if_casts_yielded_values_to_less_specific_results():
    text = """func.func @f(%p: tensor<1xi1>, %x: tensor<2xf32>, %y: tensor<3xf32>) -> tensor<?xf32> {
      %r = "tf.If"(%p) ({
        "tf.Yield"(%x) : (tensor<2xf32>) -> ()
      }, {
        "tf.Yield"(%y) : (tensor<3xf32>) -> ()
      }) : (tensor<1xi1>) -> tensor<?xf32>
      return %r : tensor<?xf32>
    }"""
    reference, lowered = _lowered(parse_module(text), strict=True)
    assert str(lowered).count('"tensor.cast"') == 2
    x, y = np.ones(2, np.float32), np.zeros(3, np.float32)
    for pred in (True, False):
        (got,) = _same(reference, lowered, np.array([pred]), x, y)
        assert got.shape == ((2,) if pred else (3,))


@pytest.mark.parametrize("pred", [True, False])
def test_cond_from_the_frontend(graph, pred):
    x = tf.placeholder(tf.float32, [None, 3])
    p = tf.placeholder(tf.bool, [])
    y = tf.cond(p, lambda: tf.transpose(x * 2.0), lambda: tf.reshape(tf.concat([x, x], 0)[1:4], [3, -1]))
    module = build_signature(graph, "f", [x, p], [y])
    reference, lowered = _lowered(module)
    assert '"scf.if"' in str(lowered)
    _same(reference, lowered, np.arange(6, dtype=np.float32).reshape(2, 3), np.bool_(pred))


# ----- While -------------------------------------------------------------------------------------

WHILE_TEXT = """func.func @f(%x: tensor<2xi32>, %limit: tensor<i32>) -> (tensor<i32>, tensor<2xi32>, tensor<?xi32>) {
  %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
  %none = "tf.Const"() <{value = dense<> : tensor<0xi32>}> : () -> tensor<0xi32>
  %start = "tf.PlaceholderWithDefault"(%none) <{shape = [-1]}> : (tensor<0xi32>) -> tensor<?xi32>
  %r:3 = "tf.While"(%zero, %x, %start) <{parallel_iterations = 10 : i64}> ({
  ^bb0(%i: tensor<i32>, %v: tensor<2xi32>, %s: tensor<?xi32>):
    %size = "tf.Size"(%s) : (tensor<?xi32>) -> tensor<i32>
    %d = "tf.Sub"(%limit, %size) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    %c = "tf.Cast"(%d) <{DstT = i1}> : (tensor<i32>) -> tensor<i1>
    "tf.Yield"(%c) : (tensor<i1>) -> ()
  }, {
  ^bb0(%i: tensor<i32>, %v: tensor<2xi32>, %s: tensor<?xi32>):
    %n = "tf.AddV2"(%i, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    %w = "tf.Mul"(%v, %v) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
    %shape = "tf.Const"() <{value = dense<1> : tensor<1xi32>}> : () -> tensor<1xi32>
    %e = "tf.Reshape"(%i, %shape) : (tensor<i32>, tensor<1xi32>) -> tensor<1xi32>
    %axis = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %t = "tf.ConcatV2"(%s, %e, %axis) : (tensor<?xi32>, tensor<1xi32>, tensor<i32>) -> tensor<?xi32>
    "tf.Yield"(%n, %w, %t) : (tensor<i32>, tensor<2xi32>, tensor<?xi32>) -> ()
  }) : (tensor<i32>, tensor<2xi32>, tensor<?xi32>) -> (tensor<i32>, tensor<2xi32>, tensor<?xi32>)
  return %r#0, %r#1, %r#2 : tensor<i32>, tensor<2xi32>, tensor<?xi32>
}"""


@pytest.mark.parametrize("limit", [0, 1, 4])
def test_while_from_text(limit):
    reference, lowered = _lowered(parse_module(WHILE_TEXT))
    text = str(lowered)
    assert '"scf.while"' in text and '"scf.condition"' in text and text.count('"scf.yield"') == 1
    got = _same(reference, lowered, np.array([2, 3], np.int32), np.int32(limit))
    assert int(got[0]) == limit
    np.testing.assert_array_equal(got[2], np.arange(limit, dtype=np.int32))


@pytest.mark.parametrize("n", [0, 3])
def test_while_loop_from_the_frontend(graph, n):
    x = tf.placeholder(tf.float32, [None, 3])
    limit = tf.placeholder(tf.int32, [])

    def body(i, acc, rows):
        return i + 1, acc * 1.5, tf.concat([rows, tf.reshape(acc[0], [1, 3])], 0)

    rows = tf.zeros([0, 3])
    out = tf.while_loop(lambda i, acc, rows: i < limit, body, [tf.constant(0), x, rows],
                        shape_invariants=[tf.TensorShape([]), x.shape, tf.TensorShape([None, 3])],
                        maximum_iterations=5)
    module = build_signature(graph, "f", [x, limit], list(out))
    reference, lowered = _lowered(module)
    assert '"scf.while"' in str(lowered)
    got = _same(reference, lowered, np.arange(6, dtype=np.float32).reshape(2, 3), np.int32(n))
    assert got[2].shape == (n, 3)


def test_while_with_mismatched_region_types_is_unsupported():
    text = """func.func @f(%x: tensor<2xf32>) -> tensor<?xf32> {
      %r = "tf.While"(%x) ({
      ^bb0(%v: tensor<?xf32>):
        %c = "tf.Const"() <{value = dense<false> : tensor<i1>}> : () -> tensor<i1>
        "tf.Yield"(%c) : (tensor<i1>) -> ()
      }, {
      ^bb0(%v: tensor<2xf32>):
        "tf.Yield"(%v) : (tensor<2xf32>) -> ()
      }) : (tensor<2xf32>) -> tensor<?xf32>
      return %r : tensor<?xf32>
    }"""
    module = parse_module(text)
    with pytest.raises(UnsupportedOpError, match="different types"):
        lower_tf_ops(module)


# ----- NoOp --------------------------------------------------------------------------------------

def test_no_op_is_erased_with_the_control_edges():
    text = """func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
      %n = "tf.NoOp"() : () -> !tf.control
      %g = "tf.NoOp"(%n) : (!tf.control) -> !tf.control
      %y = "tf.Identity"(%x, %g) : (tensor<3xf32>, !tf.control) -> tensor<3xf32>
      return %y : tensor<3xf32>
    }"""
    reference, lowered = _lowered(parse_module(text), strict=True)
    assert '"tf.' not in str(lowered) and "!tf.control" not in str(lowered)
    _same(reference, lowered, np.array([1, 2, 3], np.float32))
