"""tf-to-linalg keeps the numbers: the lowered function computes what the tf ops computed."""

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects.tf import math_ops as tfm
from tfc.dialects.tf import nn_ops as tfn
from tfc.dialects.tf import reduction_ops as tfr
from tfc.dialects.tf import shape_ops as tfs
from tfc.ir import types as T
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.verifier import verify
from tfc.passes.tf_to_linalg import UnsupportedOpError, lower_tf_ops

from tests.tf_harness import build_module, const

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


# ----- every lowered op against its own interpreter rule -------------------------------------------
#
# `check` builds a function applying one tf op (tests/tf_harness.py; constant operands such as axes
# are tf.Const), interprets it, lowers a copy with `tf-to-linalg` in strict mode and interprets that.

RNG = np.random.default_rng(1234)


def lower_strict(module):
    lower_tf_ops(module, strict=True)
    verify(module)
    text = str(module)
    assert '"tf.' not in text
    reparsed = parse_module(text)  # the lowered IR prints and parses back
    verify(reparsed)
    return reparsed


def check(op_class, *inputs, dynamic=False, rtol=1e-6, atol=0.0, **attrs):
    """Lower one op; the lowered function returns what the op's compute returns."""
    module, op, args = build_module(op_class, inputs, None, dynamic, **attrs)
    verify(module)
    reference = parse_module(str(module))
    lowered = lower_strict(module)
    want = Interpreter().call(reference, "f", *args)
    got = Interpreter().call(lowered, "f", *args)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        g, w = np.asarray(g), np.asarray(w)
        assert g.dtype == w.dtype and g.shape == w.shape
        if w.dtype.kind in "biu":
            np.testing.assert_array_equal(g, w)
        else:
            np.testing.assert_allclose(g, w, rtol=rtol, atol=atol)
    return got


def floats(*shape, dtype=np.float32, scale=3.0):
    return (RNG.standard_normal(shape) * scale).astype(dtype)


def ints(*shape, dtype=np.int32, low=-50, high=50):
    return RNG.integers(low, high, shape).astype(dtype)


def bools(*shape):
    return RNG.random(shape) < 0.5


F16_RTOL = 1e-3  # the lowered f16 math rounds each step as numpy does; libm differences stay below


# ----- elementwise ---------------------------------------------------------------------------------

FLOAT_UNARY = [tfm.NegOp, tfm.AbsOp, tfm.SquareOp, tfm.SqrtOp, tfm.RsqrtOp, tfm.ExpOp, tfm.LogOp, tfm.Log1pOp,
               tfm.TanhOp, tfm.SigmoidOp, tfm.ReluOp, tfm.Relu6Op, tfm.EluOp, tfm.SoftplusOp]
INT_UNARY = [tfm.NegOp, tfm.AbsOp, tfm.SquareOp, tfm.ReluOp, tfm.Relu6Op]


@pytest.mark.parametrize("op_class", FLOAT_UNARY, ids=lambda c: c.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_float_unary(op_class, dtype):
    x = floats(3, 4, dtype=dtype)
    x[0, :3] = [0.0, np.nan, -np.inf]
    rtol = F16_RTOL if dtype == np.float16 else 1e-6
    check(op_class, x, rtol=rtol)
    check(op_class, x, dynamic=True, rtol=rtol)


@pytest.mark.parametrize("op_class", INT_UNARY, ids=lambda c: c.name)
@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.int64])
def test_int_unary(op_class, dtype):
    x = ints(2, 5, dtype=dtype)
    x[0, 0] = np.iinfo(dtype).min  # Neg and Abs wrap it to itself, as numpy does
    check(op_class, x)
    check(op_class, x, dynamic=True)


FLOAT_BINARY = [tfm.AddV2Op, tfm.SubOp, tfm.MulOp, tfm.RealDivOp, tfm.FloorDivOp, tfm.FloorModOp, tfm.PowOp,
                tfm.MaximumOp, tfm.MinimumOp]
SHAPES = [((2, 3), (3,)), ((2, 1), (1, 3)), ((4, 3), (1, 3)), ((), (2, 3)), ((2, 3), ())]


@pytest.mark.parametrize("op_class", FLOAT_BINARY, ids=lambda c: c.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_float_binary(op_class, dtype):
    rtol = F16_RTOL if dtype == np.float16 else 1e-6
    for sx, sy in SHAPES:
        x, y = floats(*sx, dtype=dtype), floats(*sy, dtype=dtype)
        check(op_class, x, y, rtol=rtol)
    x, y = floats(4, 3, dtype=dtype), floats(4, 3, dtype=dtype)
    x.flat[:4] = [np.nan, 1.0, -0.0, np.inf]
    y.flat[:4] = [1.0, np.nan, 2.0, -3.0]
    check(op_class, x, y, dynamic=True, rtol=rtol)


INT_BINARY = [tfm.AddV2Op, tfm.SubOp, tfm.MulOp, tfm.RealDivOp, tfm.FloorDivOp, tfm.FloorModOp, tfm.MaximumOp,
              tfm.MinimumOp]


@pytest.mark.parametrize("op_class", INT_BINARY, ids=lambda c: c.name)
@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64])
def test_int_binary(op_class, dtype):
    for sx, sy in SHAPES:
        x, y = ints(*sx, dtype=dtype), ints(*sy, dtype=dtype, low=1, high=9)
        y = np.where(RNG.random(y.shape) < 0.5, -y, y).astype(dtype)  # both signs, never 0
        check(op_class, x, y)
    check(op_class, ints(5, 3, dtype=dtype), ints(5, 3, dtype=dtype, low=1, high=7), dynamic=True)


def test_int_pow():
    x, y = ints(3, 4, low=-5, high=6), ints(3, 4, low=0, high=7)
    check(tfm.PowOp, x, y)
    check(tfm.PowOp, x.astype(np.int64), np.int64(3), dynamic=True)


def test_integer_division_rounding():
    x = np.array([7, -7, 7, -7, 0, 6], np.int32)
    y = np.array([2, 2, -2, -2, 3, -3], np.int32)
    div, = check(tfm.FloorDivOp, x, y)
    np.testing.assert_array_equal(div, [3, -4, -4, 3, 0, -2])
    mod, = check(tfm.FloorModOp, x, y)
    np.testing.assert_array_equal(mod, [1, 1, -1, -1, 0, 0])
    real, = check(tfm.RealDivOp, x, y)
    np.testing.assert_array_equal(real, [3, -3, -3, 3, 0, -2])


COMPARE = [tfm.EqualOp, tfm.NotEqualOp, tfm.LessOp, tfm.LessEqualOp, tfm.GreaterOp, tfm.GreaterEqualOp]


@pytest.mark.parametrize("op_class", COMPARE, ids=lambda c: c.name)
def test_comparisons(op_class):
    x, y = floats(4, 3), floats(3)
    x[0, :] = y  # ties
    x[1, 0], y[2] = np.nan, np.nan
    check(op_class, x, y)
    check(op_class, x.astype(np.float16), x[::-1].astype(np.float16), dynamic=True)
    check(op_class, x.astype(np.float64), y.astype(np.float64))
    a, c = ints(4, 3, low=-3, high=3), ints(1, 3, low=-3, high=3)
    check(op_class, a, c)
    check(op_class, a.astype(np.int64), a[::-1].astype(np.int64), dynamic=True)  # (? against ? never broadcasts)
    check(op_class, a.astype(np.int8), c.astype(np.int8))


@pytest.mark.parametrize("op_class", [tfm.EqualOp, tfm.NotEqualOp], ids=lambda c: c.name)
def test_bool_equality(op_class):
    check(op_class, bools(4, 3), bools(3))
    check(op_class, bools(2, 3), bools(2, 3), dynamic=True)


@pytest.mark.parametrize("op_class", [tfm.LogicalAndOp, tfm.LogicalOrOp], ids=lambda c: c.name)
def test_logical_binary(op_class):
    check(op_class, bools(4, 3), bools(3))
    check(op_class, bools(2, 3), bools(2, 3), dynamic=True)
    check(op_class, bools(2, 3), np.bool_(True))


def test_logical_not():
    check(tfm.LogicalNotOp, bools(4, 3))
    check(tfm.LogicalNotOp, bools(5), dynamic=True)


def test_select_tf1():
    t, e = floats(4, 3), floats(4, 3)
    check(tfm.SelectOp, bools(4, 3), t, e)  # elementwise
    check(tfm.SelectOp, bools(4), t, e)  # a vector condition picks rows
    check(tfm.SelectOp, np.bool_(False), t, e)  # a scalar picks a whole operand
    check(tfm.SelectOp, bools(4), t, e, dynamic=True)
    check(tfm.SelectOp, bools(4, 2, 3), ints(4, 2, 3), ints(4, 2, 3), dynamic=True)
    rows, = check(tfm.SelectOp, np.array([True, False, True, False]), t, e)
    np.testing.assert_array_equal(rows[1], e[1])


def test_select_v2_broadcasts():
    check(tfm.SelectV2Op, bools(4, 1), floats(3), floats())
    check(tfm.SelectV2Op, bools(3), floats(4, 3), floats(4, 1))
    check(tfm.SelectV2Op, bools(4, 3), ints(4, 3, dtype=np.int64), ints(4, 3, dtype=np.int64), dynamic=True)
    check(tfm.SelectV2Op, bools(4, 3), bools(4, 3), bools(4, 3))


CAST_TYPES = [T.f16, T.f32, T.f64, T.i1, T.i8, T.i16, T.i32, T.i64]


def _cast_input(src: T.Type):
    values = np.array([[0.0, 1.0, -1.0, 2.5, -2.5, 0.75], [-0.75, 100.9, -100.9, 7.0, 120.5, -3.25]])
    if src == T.i1:
        return values > 0.5
    if isinstance(src, T.IntegerType):
        return np.array([[0, 1, -1, 300, -300, 127], [-128, 255, 70000, -7, 2, 1]]).astype(src.numpy_dtype())
    return values.astype(src.numpy_dtype())


@pytest.mark.parametrize("src", CAST_TYPES, ids=str)
@pytest.mark.parametrize("dst", CAST_TYPES, ids=str)
def test_cast(src, dst):
    x = _cast_input(src)
    got, = check(tfm.CastOp, x, DstT=dst)
    check(tfm.CastOp, x, dynamic=True, DstT=dst)
    assert got.dtype == dst.numpy_dtype()


def test_cast_semantics():
    x = np.array([2.7, -2.7, 0.0, -0.2, np.nan], np.float32)
    as_int, = check(tfm.CastOp, x[:4], DstT=T.i32)
    np.testing.assert_array_equal(as_int, [2, -2, 0, 0])  # toward zero
    as_bool, = check(tfm.CastOp, x, DstT=T.i1)
    np.testing.assert_array_equal(as_bool, [True, True, False, True, True])  # != 0, NaN included
    from_bool, = check(tfm.CastOp, np.array([True, False]), DstT=T.f32)
    np.testing.assert_array_equal(from_bool, [1.0, 0.0])


@pytest.mark.parametrize("op_class, value", [(tfs.ZerosLikeOp, 0), (tfs.OnesLikeOp, 1)])
def test_zeros_ones_like(op_class, value):
    for x in (floats(2, 3), ints(4, dtype=np.int64), bools(2, 2), floats(), floats(3, dtype=np.float16)):
        got, = check(op_class, x)
        np.testing.assert_array_equal(got, np.full(x.shape, value, x.dtype))
    check(op_class, floats(3, 4), dynamic=True)


def test_unsigned_and_bf16_are_unsupported():
    module, _, _ = build_module(tfm.AddV2Op, [np.ones(3, np.uint8), np.ones(3, np.uint8)], None, False)
    with pytest.raises(UnsupportedOpError, match="tf.AddV2"):
        lower_strict(module)
    module, _, _ = build_module(tfm.CastOp, [np.ones(3, np.float32)], None, False, DstT=T.bf16)
    with pytest.raises(UnsupportedOpError, match="tf.Cast"):
        lower_strict(module)


# ----- reductions ----------------------------------------------------------------------------------

REDUCTIONS = [tfr.SumOp, tfr.MeanOp, tfr.ProdOp, tfr.MaxOp, tfr.MinOp]
AXES = [[], [0], [-1], [0, 2], [1, -2, 1], [0, 1, 2]]
REDUCTION_RTOL = 1e-5  # the interpreter sums floats in f64; the lowered code in f32


@pytest.mark.parametrize("op_class", REDUCTIONS, ids=lambda c: c.name)
@pytest.mark.parametrize("keep_dims", [False, True])
def test_float_reductions(op_class, keep_dims):
    x = (RNG.random((3, 4, 5)) + 0.5).astype(np.float32)
    x[0, 0, 0] = -x[0, 0, 0]
    for axes in AXES:
        check(op_class, x, const(axes, np.int32), keep_dims=keep_dims, rtol=REDUCTION_RTOL)
        check(op_class, x, const(axes, np.int64), keep_dims=keep_dims, dynamic=True, rtol=REDUCTION_RTOL)
    check(op_class, x.astype(np.float64), const(1, np.int32), keep_dims=keep_dims, rtol=1e-12)
    check(op_class, x.astype(np.float16), const([0, 2], np.int32), keep_dims=keep_dims, rtol=F16_RTOL)


@pytest.mark.parametrize("op_class", REDUCTIONS, ids=lambda c: c.name)
@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.int64])
def test_int_reductions(op_class, dtype):
    x = ints(3, 4, 2, dtype=dtype, low=-9, high=9)
    for axes in AXES:
        check(op_class, x, const(axes, np.int32))
        check(op_class, x, const(axes, np.int32), keep_dims=True, dynamic=True)


def test_reductions_of_empty_dims():
    x = np.zeros((0, 3), np.float32)
    for op_class in REDUCTIONS:
        check(op_class, x, const([0], np.int32), dynamic=True)
        check(op_class, x.astype(np.int32), const([0], np.int32), keep_dims=True)


def test_max_min_propagate_nan():
    x = floats(3, 4)
    x[1, 2] = np.nan
    for op_class in (tfr.MaxOp, tfr.MinOp):
        got, = check(op_class, x, const([1], np.int32))
        assert np.isnan(got[1]) and not np.isnan(got[0])


def test_mean_divides_by_the_dynamic_count():
    x = np.arange(12, dtype=np.int32).reshape(3, 4) - 7
    got, = check(tfr.MeanOp, x, const([1], np.int32), dynamic=True)
    np.testing.assert_array_equal(got, [-5, -1, 2])  # toward zero, as TF's integer mean


def test_reduction_axes_must_be_constant():
    module, _, _ = build_module(tfr.SumOp, [floats(2, 3), np.array([1], np.int32)], None, False, keep_dims=True)
    with pytest.raises(UnsupportedOpError, match="axes are not a constant"):
        lower_strict(module)


@pytest.mark.parametrize("op_class", [tfr.ArgMaxOp, tfr.ArgMinOp], ids=lambda c: c.name)
@pytest.mark.parametrize("output_type", [T.i32, T.i64], ids=str)
def test_arg_reductions(op_class, output_type):
    x = ints(4, 5, 3, low=-3, high=3).astype(np.float32)  # many ties: the first index wins
    for axis in (0, 1, -1, 2):
        check(op_class, x, const(axis, np.int32), output_type=output_type)
        check(op_class, x, const(axis, np.int64), output_type=output_type, dynamic=True)
    check(op_class, ints(6, 4, dtype=np.int64, low=-3, high=3), const(0, np.int32), output_type=output_type)
    check(op_class, bools(6, 4), const(1, np.int32), output_type=output_type)
    check(op_class, x.astype(np.float16), const(1, np.int32), output_type=output_type)
    extremes = np.array([[np.nan, 1.0, np.nan], [2.0, np.nan, 3.0], [-np.inf, -np.inf, -np.inf],
                         [np.inf, np.inf, 1.0]], np.float32)
    got, = check(op_class, extremes, const(1, np.int32), output_type=output_type)
    assert list(got[:2]) == [0, 1]  # the first NaN, as numpy
    check(op_class, floats(7), const(0, np.int32), output_type=output_type, dynamic=True)


@pytest.mark.parametrize("shape", [(), (5,), (3, 4), (2, 3, 4)])
def test_l2_loss(shape):
    x = floats(*shape)
    check(tfn.L2LossOp, x, rtol=REDUCTION_RTOL)
    if shape:
        check(tfn.L2LossOp, x, dynamic=True, rtol=REDUCTION_RTOL)
    check(tfn.L2LossOp, x.astype(np.float64), rtol=1e-12)
    check(tfn.L2LossOp, x.astype(np.float16), rtol=F16_RTOL)


@pytest.mark.parametrize("op_class", [tfn.SoftmaxOp, tfn.LogSoftmaxOp], ids=lambda c: c.name)
@pytest.mark.parametrize("shape", [(6,), (3, 5), (2, 3, 4)])
def test_softmax(op_class, shape):
    x = floats(*shape, scale=10.0)
    x.flat[0] = 80.0  # exp would overflow without the max subtracted
    check(op_class, x, rtol=REDUCTION_RTOL, atol=1e-6)
    check(op_class, x, dynamic=True, rtol=REDUCTION_RTOL, atol=1e-6)
    check(op_class, x.astype(np.float64), rtol=1e-12)
    check(op_class, x.astype(np.float16), rtol=F16_RTOL, atol=1e-3)


def test_softmax_cross_entropy():
    op_class = tfn.SoftmaxCrossEntropyWithLogitsOp
    logits = floats(4, 5, scale=5.0)
    labels = RNG.random((4, 5)).astype(np.float32)
    labels /= labels.sum(axis=1, keepdims=True)
    loss, backprop = check(op_class, logits, labels, rtol=REDUCTION_RTOL, atol=1e-6)
    assert loss.shape == (4,) and backprop.shape == (4, 5)
    check(op_class, logits, labels, dynamic=True, rtol=REDUCTION_RTOL, atol=1e-6)
    check(op_class, logits[:1], labels, rtol=REDUCTION_RTOL, atol=1e-6)  # features broadcast over the batch
    check(op_class, logits, labels[0], rtol=REDUCTION_RTOL, atol=1e-6)  # labels broadcast
    check(op_class, logits.astype(np.float64), labels.astype(np.float64), rtol=1e-12)


@pytest.mark.parametrize("label_dtype", [np.int32, np.int64])
def test_sparse_softmax_cross_entropy(label_dtype):
    op_class = tfn.SparseSoftmaxCrossEntropyWithLogitsOp
    logits = floats(6, 5, scale=5.0)
    labels = RNG.integers(0, 5, 6).astype(label_dtype)
    check(op_class, logits, labels, rtol=REDUCTION_RTOL, atol=1e-6)
    check(op_class, logits, labels, dynamic=True, rtol=REDUCTION_RTOL, atol=1e-6)
    check(op_class, logits.astype(np.float64), labels, rtol=1e-12)


CHECKED = [
    ("FloorDiv", "tensor<4xi32>", "Integer division by zero"),
    ("FloorMod", "tensor<4xi32>", "Integer division by zero"),
    ("RealDiv", "tensor<4xi32>", "Integer division by zero"),
]


@pytest.mark.parametrize("op, t, message", CHECKED)
def test_integer_division_checks_its_divisor(op, t, message):
    from tfc.errors import InvalidArgumentError
    text = f"""func.func @f(%x: {t}, %y: {t}) -> {t} {{
      %r = "tf.{op}"(%x, %y) : ({t}, {t}) -> {t}
      return %r : {t}
    }}"""
    reference, lowered = _lower(text)
    x, good, bad = (np.array(v, np.int32) for v in ([7, -8, 9, 10], [2, 3, -4, 5], [2, 0, -4, 5]))
    np.testing.assert_array_equal(Interpreter().call(lowered, "f", x, good)[0],
                                  Interpreter().call(reference, "f", x, good)[0])
    with pytest.raises(InvalidArgumentError, match=message):
        Interpreter().call(lowered, "f", x, bad)


def test_sparse_cross_entropy_checks_its_labels():
    from tfc.errors import InvalidArgumentError
    text = """func.func @f(%l: tensor<?x10xf32>, %y: tensor<?xi32>) -> tensor<?xf32> {
      %r:2 = "tf.SparseSoftmaxCrossEntropyWithLogits"(%l, %y) : (tensor<?x10xf32>, tensor<?xi32>) -> (tensor<?xf32>, tensor<?x10xf32>)
      return %r#0 : tensor<?xf32>
    }"""
    _, lowered = _lower(text)
    logits = np.random.default_rng(0).random((3, 10), dtype=np.float32)
    Interpreter().call(lowered, "f", logits, np.array([0, 2, 9], np.int32))
    for labels in ([1, 2, 10], [-1, 0, 0]):
        with pytest.raises(InvalidArgumentError, match=r"valid range of \[0, 10\)"):
            Interpreter().call(lowered, "f", logits, np.array(labels, np.int32))
