"""tf nn ops (MatMul, BatchMatMulV2, BiasAdd, Conv2D, pooling, softmax, the cross-entropy losses,
L2Loss): interpreted through the harness against plain numpy references, static shape inference
with dynamic dims, and TensorFlow's shape errors."""

import itertools

import numpy as np
import pytest

from tf_harness import const, result_types_of, run_op
from tfc.dialects.tf.base import ShapeError
from tfc.dialects.tf.conv_ops import AvgPoolOp, Conv2DOp, MaxPoolOp
from tfc.dialects.tf.core_ops import ConstOp, PlaceholderOp
from tfc.dialects.tf.nn_ops import (BatchMatMulV2Op, BiasAddOp, L2LossOp, LogSoftmaxOp, MatMulOp,
                                    SoftmaxCrossEntropyWithLogitsOp, SoftmaxOp,
                                    SparseSoftmaxCrossEntropyWithLogitsOp)
from tfc.errors import InvalidArgumentError
from tfc.ir import types as T

rng = np.random.default_rng(0)


def randn(*shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def placeholder(shape, dtype=T.f32):
    """A value of a partially known type: dims None are dynamic; shape None is unranked."""
    if shape is None:
        return PlaceholderOp.create(dtype=dtype).output
    return PlaceholderOp.create(dtype=dtype, shape=[-1 if d is None else d for d in shape]).output


def types(op) -> list:
    return [str(r.type) for r in op.results]


# ----- references ---------------------------------------------------------------------------------

def same_pads(size, k, stride, dilation=1):
    eff = (k - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + eff - size, 0)
    return total // 2, total - total // 2


def ref_conv2d(x, w, strides, padding, dilations=(1, 1)):
    """NHWC convolution by explicit loops, in float64."""
    x, w = x.astype(np.float64), w.astype(np.float64)
    n, h, wd, c = x.shape
    kh, kw, kc, oc = w.shape
    (sh, sw), (dh, dw) = strides, dilations
    if padding == "SAME":
        (pt, pb), (pl, pr) = same_pads(h, kh, sh, dh), same_pads(wd, kw, sw, dw)
    elif padding == "VALID":
        pt = pb = pl = pr = 0
    else:
        (pt, pb), (pl, pr) = padding
    xp = np.zeros((n, h + pt + pb, wd + pl + pr, c))
    xp[:, pt:pt + h, pl:pl + wd, :] = x
    oh = (h + pt + pb - (kh - 1) * dh - 1) // sh + 1
    ow = (wd + pl + pr - (kw - 1) * dw - 1) // sw + 1
    groups = c // kc
    per_group = oc // groups
    out = np.zeros((n, oh, ow, oc))
    for b, i, j, o in itertools.product(range(n), range(oh), range(ow), range(oc)):
        g = o // per_group
        total = 0.0
        for p, q, ci in itertools.product(range(kh), range(kw), range(kc)):
            total += xp[b, i * sh + p * dh, j * sw + q * dw, g * kc + ci] * w[p, q, ci, o]
        out[b, i, j, o] = total
    return out


def ref_pool(x, k, strides, padding, reduce):
    """NHWC pooling by explicit loops over the input elements each window covers."""
    n, h, w, c = x.shape
    (kh, kw), (sh, sw) = k, strides
    if padding == "SAME":
        (pt, _), (pl, _) = same_pads(h, kh, sh), same_pads(w, kw, sw)
        oh, ow = -(-h // sh), -(-w // sw)
    else:
        pt = pl = 0
        oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((n, oh, ow, c))
    for b, i, j, ch in itertools.product(range(n), range(oh), range(ow), range(c)):
        values = [x[b, r, s, ch]
                  for r in range(i * sh - pt, i * sh - pt + kh) for s in range(j * sw - pl, j * sw - pl + kw)
                  if 0 <= r < h and 0 <= s < w]
        out[b, i, j, ch] = reduce(values)
    return out


def ref_softmax(x):
    x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def ref_xent(logits, labels):
    logits = logits.astype(np.float64)
    log_softmax = logits - logits.max(axis=-1, keepdims=True)
    log_softmax -= np.log(np.exp(log_softmax).sum(axis=-1, keepdims=True))
    return -(labels * log_softmax).sum(axis=-1), np.exp(log_softmax) - labels


# ----- MatMul ------------------------------------------------------------------------------------

@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
def test_matmul_with_transposes_matches_numpy(ta, tb):
    a, b = randn(3, 4), randn(4, 5)
    a_in, b_in = (a.T.copy() if ta else a), (b.T.copy() if tb else b)
    out, = run_op(MatMulOp, a_in, b_in, transpose_a=ta, transpose_b=tb)
    assert out.dtype == np.float32 and out.shape == (3, 5)
    np.testing.assert_allclose(out, a.astype(np.float64) @ b, rtol=1e-5, atol=1e-5)


def test_matmul_computes_in_the_input_dtype():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    out, = run_op(MatMulOp, a, np.ones((3, 2), np.int32))
    assert out.dtype == np.int32
    np.testing.assert_array_equal(out, [[3, 3], [12, 12]])
    a, b = randn(8, 16), randn(16, 8)
    out, = run_op(MatMulOp, a, b)
    np.testing.assert_array_equal(out, np.matmul(a, b))  # float32 products, as TF's sgemm


def test_matmul_infers_static_types_with_dynamic_dims():
    a, b = randn(2, 3), randn(4, 3)
    assert [str(t) for t in result_types_of(MatMulOp, a, b, transpose_b=True)] == ["tensor<2x4xf32>"]
    assert [str(t) for t in result_types_of(MatMulOp, a, b, transpose_b=True, dynamic=True)] == ["tensor<?x?xf32>"]
    op = MatMulOp.create(placeholder([None, 3]), placeholder([3, 4]))
    assert types(op) == ["tensor<?x4xf32>"]
    op = MatMulOp.create(placeholder([None, 3]), placeholder([4, None]), transpose_a=True, transpose_b=True)
    assert types(op) == ["tensor<3x4xf32>"]
    op = MatMulOp.create(placeholder(None), placeholder([3, 4]))
    assert types(op) == ["tensor<?x4xf32>"]


def test_matmul_shape_errors_speak_tensorflow():
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 3 and 4"):
        result_types_of(MatMulOp, randn(2, 3), randn(4, 5))
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 2 and 4"):
        result_types_of(MatMulOp, randn(2, 3), randn(4, 5), transpose_a=True)
    with pytest.raises(ShapeError, match="Shape must be rank 2 but is rank 3"):
        MatMulOp.create(placeholder([2, 3, 4]), placeholder([4, 5]))
    with pytest.raises(ShapeError, match="Input 'b' of 'MatMul' Op has type int32 that does not match type "
                                         "float32 of argument 'a'"):
        MatMulOp.create(placeholder([2, 3]), placeholder([3, 4], T.i32))
    with pytest.raises(ShapeError, match="DataType bool not in list of allowed values"):
        MatMulOp.create(placeholder([2, 3], T.i1), placeholder([3, 4], T.i1))


# ----- BatchMatMulV2 -----------------------------------------------------------------------------

def test_batch_matmul_broadcasts_batch_dims():
    x, y = randn(2, 1, 3, 4), randn(5, 4, 2)
    out, = run_op(BatchMatMulV2Op, x, y)
    assert out.shape == (2, 5, 3, 2)
    np.testing.assert_allclose(out, np.matmul(x.astype(np.float64), y), rtol=1e-5, atol=1e-5)
    out, = run_op(BatchMatMulV2Op, randn(3, 2, 3), randn(3, 4))
    assert out.shape == (3, 2, 4)


@pytest.mark.parametrize("adj_x,adj_y", [(True, False), (False, True), (True, True)])
def test_batch_matmul_adjoints(adj_x, adj_y):
    x, y = randn(2, 3, 4), randn(2, 4, 5)
    x_in = np.swapaxes(x, -1, -2).copy() if adj_x else x
    y_in = np.swapaxes(y, -1, -2).copy() if adj_y else y
    out, = run_op(BatchMatMulV2Op, x_in, y_in, adj_x=adj_x, adj_y=adj_y)
    np.testing.assert_allclose(out, np.matmul(x.astype(np.float64), y), rtol=1e-5, atol=1e-5)


def test_batch_matmul_inference():
    op = BatchMatMulV2Op.create(placeholder([None, 2, 3]), placeholder([3, 4]))
    assert types(op) == ["tensor<?x2x4xf32>"]
    op = BatchMatMulV2Op.create(placeholder([None, 1, 2, 3]), placeholder([5, 4, 3]), adj_y=True)
    assert types(op) == ["tensor<?x5x2x4xf32>"]
    assert types(BatchMatMulV2Op.create(placeholder(None), placeholder([3, 4]))) == ["tensor<*xf32>"]
    assert [str(t) for t in result_types_of(BatchMatMulV2Op, randn(2, 2, 3), randn(2, 3, 4), dynamic=True)] \
        == ["tensor<?x?x?xf32>"]
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 2 and 3"):
        BatchMatMulV2Op.create(placeholder([2, 2, 3]), placeholder([3, 3, 4]))
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 3 and 5"):
        BatchMatMulV2Op.create(placeholder([2, 2, 3]), placeholder([5, 4]))
    with pytest.raises(ShapeError, match="Shape must be at least rank 2 but is rank 1"):
        BatchMatMulV2Op.create(placeholder([3]), placeholder([3, 4]))


# ----- BiasAdd -------------------------------------------------------------------------------------

def test_bias_add_nhwc_and_nchw():
    x, b = randn(2, 3, 4, 5), randn(5)
    out, = run_op(BiasAddOp, x, b)
    np.testing.assert_array_equal(out, x + b)
    x = randn(2, 5, 3, 4)
    out, = run_op(BiasAddOp, x, b, data_format="NCHW")
    np.testing.assert_array_equal(out, x + b.reshape(5, 1, 1))
    out, = run_op(BiasAddOp, randn(4, 5), b)
    assert out.shape == (4, 5)


def test_bias_add_inference_and_errors():
    assert types(BiasAddOp.create(placeholder([None, 3]), placeholder([3]))) == ["tensor<?x3xf32>"]
    assert types(BiasAddOp.create(placeholder([2, None]), placeholder([3]))) == ["tensor<2x3xf32>"]
    assert types(BiasAddOp.create(placeholder(None), placeholder([3]))) == ["tensor<*xf32>"]
    assert types(BiasAddOp.create(placeholder([None, 3, None, None]), placeholder([3]), data_format="NCHW")) \
        == ["tensor<?x3x?x?xf32>"]
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 4 and 3"):
        BiasAddOp.create(placeholder([2, 4]), placeholder([3]))
    with pytest.raises(ShapeError, match="Shape must be at least rank 3 but is rank 2"):
        BiasAddOp.create(placeholder([2, 3]), placeholder([3]), data_format="NCHW")
    with pytest.raises(ShapeError, match="Shape must be rank 1 but is rank 2"):
        BiasAddOp.create(placeholder([2, 3]), placeholder([1, 3]))
    with pytest.raises(ShapeError, match="Value for attr 'data_format' of \"NWHC\""):
        BiasAddOp.create(placeholder([2, 3]), placeholder([3]), data_format="NWHC")


def test_bias_add_checks_the_channel_at_run_time():
    with pytest.raises(InvalidArgumentError, match="Must provide as many biases as the channel dimension"):
        run_op(BiasAddOp, randn(2, 4), randn(3), dynamic=True)


# ----- Conv2D --------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape,kernel,strides,padding,dilations", [
    ((2, 5, 5, 3), (3, 3, 3, 4), (1, 1), "VALID", (1, 1)),
    ((1, 5, 5, 2), (3, 3, 2, 3), (2, 2), "SAME", (1, 1)),      # odd input, stride 2: pads 1 and 1
    ((1, 4, 4, 2), (2, 2, 2, 3), (1, 1), "SAME", (1, 1)),      # pad 0 before, 1 after
    ((1, 6, 7, 2), (3, 2, 2, 2), (2, 3), "SAME", (1, 1)),
    ((1, 7, 7, 1), (3, 3, 1, 2), (1, 1), "VALID", (2, 2)),     # dilation 2: effective 5x5
    ((1, 7, 6, 2), (2, 3, 2, 2), (2, 1), "SAME", (2, 2)),
    ((2, 4, 5, 3), (2, 2, 3, 2), (1, 2), ((1, 2), (0, 1)), (1, 1)),  # explicit paddings
])
def test_conv2d_matches_loops(shape, kernel, strides, padding, dilations):
    x, w = randn(*shape), randn(*kernel)
    attrs = {"strides": [1, *strides, 1], "dilations": [1, *dilations, 1]}
    if isinstance(padding, tuple):
        attrs.update(padding="EXPLICIT", explicit_paddings=[0, 0, *padding[0], *padding[1], 0, 0])
    else:
        attrs["padding"] = padding
    out, = run_op(Conv2DOp, x, w, **attrs)
    expected = ref_conv2d(x, w, strides, padding, dilations)
    assert out.dtype == np.float32 and out.shape == expected.shape
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)
    assert [t.shape for t in result_types_of(Conv2DOp, x, w, **attrs)] == [expected.shape]


def test_conv2d_same_padding_on_an_odd_input_with_stride_2():
    x, w = np.ones((1, 5, 5, 1), np.float32), np.ones((3, 3, 1, 1), np.float32)
    out, = run_op(Conv2DOp, x, w, strides=[1, 2, 2, 1], padding="SAME")
    np.testing.assert_array_equal(out[0, :, :, 0], [[4, 6, 4], [6, 9, 6], [4, 6, 4]])


def test_conv2d_nchw_matches_nhwc():
    x, w = randn(2, 3, 6, 5), randn(3, 3, 3, 4)
    attrs = {"strides": [1, 1, 2, 2], "padding": "SAME", "data_format": "NCHW", "dilations": [1, 1, 1, 1]}
    out, = run_op(Conv2DOp, x, w, **attrs)
    expected = ref_conv2d(x.transpose(0, 2, 3, 1), w, (2, 2), "SAME").transpose(0, 3, 1, 2)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)
    assert [t.shape for t in result_types_of(Conv2DOp, x, w, **attrs)] == [(2, 4, 3, 3)]


def test_conv2d_grouped():
    x, w = randn(1, 4, 4, 4), randn(2, 2, 2, 6)
    out, = run_op(Conv2DOp, x, w, strides=[1, 1, 1, 1], padding="VALID")
    np.testing.assert_allclose(out, ref_conv2d(x, w, (1, 1), "VALID"), rtol=1e-4, atol=1e-4)


def test_conv2d_inference_with_dynamic_dims():
    x, w = placeholder([None, 28, 28, 1]), placeholder([5, 5, 1, 32])
    assert types(Conv2DOp.create(x, w, strides=[1, 2, 2, 1], padding="SAME")) == ["tensor<?x14x14x32xf32>"]
    assert types(Conv2DOp.create(x, w, strides=[1, 1, 1, 1], padding="VALID")) == ["tensor<?x24x24x32xf32>"]
    x = placeholder([None, None, 28, 3])
    assert types(Conv2DOp.create(x, placeholder([3, 3, 3, 8]), strides=[1, 3, 3, 1], padding="SAME")) \
        == ["tensor<?x?x10x8xf32>"]
    assert types(Conv2DOp.create(placeholder(None), w, strides=[1, 1, 1, 1], padding="SAME")) \
        == ["tensor<?x?x?x32xf32>"]
    assert [str(t) for t in result_types_of(Conv2DOp, randn(1, 5, 5, 1), randn(3, 3, 1, 2), dynamic=True,
                                              strides=[1, 1, 1, 1], padding="SAME")] == ["tensor<?x?x?x?xf32>"]


@pytest.mark.parametrize("attrs,message", [
    ({"strides": [1, 1, 1], "padding": "SAME"}, "Sliding window strides field must specify 4 dimensions"),
    ({"strides": [2, 1, 1, 1], "padding": "SAME"}, "does not yet support strides in the batch and depth"),
    ({"strides": [1, 1, 1, 2], "padding": "SAME"}, "does not yet support strides in the batch and depth"),
    ({"strides": [1, 1, 1, 1], "padding": "same"}, "Value for attr 'padding' of \"same\" is not in the list"),
    ({"strides": [1, 1, 1, 1], "padding": "SAME", "data_format": "HWCN"}, "attr 'data_format' of \"HWCN\""),
    ({"strides": [1, 1, 1, 1], "padding": "SAME", "dilations": [1, 2, 2]}, "dilations field must specify 4"),
    ({"strides": [1, 1, 1, 1], "padding": "SAME", "dilations": [2, 1, 1, 1]}, "dilations in the batch"),
    ({"strides": [1, 1, 1, 1], "padding": "EXPLICIT", "explicit_paddings": [0, 0, 1, 1]},
     "explicit_paddings attribute must contain 8 values, but got: 4"),
    ({"strides": [1, 1, 1, 1], "padding": "EXPLICIT", "explicit_paddings": [1, 0, 0, 0, 0, 0, 0, 0]},
     "Nonzero explicit padding in the batch or depth dimensions is not supported"),
    ({"strides": [1, 1, 1, 1], "padding": "SAME", "explicit_paddings": [0] * 8},
     "explicit_paddings attribute must be empty"),
    ({"strides": [1, 1, 1, 1], "padding": "VALID"}, "Negative dimension size caused by subtracting 3 from 2"),
])
def test_conv2d_attribute_and_shape_errors(attrs, message):
    with pytest.raises(ShapeError, match=message):
        Conv2DOp.create(placeholder([1, 2, 5, 4]), placeholder([3, 3, 4, 2]), **attrs)


def test_conv2d_depth_errors():
    with pytest.raises(ShapeError, match=r"Depth of input \(5\) is not a multiple of input depth of filter \(2\)"):
        Conv2DOp.create(placeholder([1, 4, 4, 5]), placeholder([3, 3, 2, 2]), strides=[1, 1, 1, 1], padding="SAME")
    with pytest.raises(ShapeError, match=r"Depth of output \(3\) is not a multiple of the number of groups \(2\)"):
        Conv2DOp.create(placeholder([1, 4, 4, 4]), placeholder([3, 3, 2, 3]), strides=[1, 1, 1, 1], padding="SAME")
    with pytest.raises(ShapeError, match="Shape must be rank 4 but is rank 3"):
        Conv2DOp.create(placeholder([4, 4, 4]), placeholder([3, 3, 4, 3]), strides=[1, 1, 1, 1], padding="SAME")


def test_conv2d_negative_output_at_run_time():
    with pytest.raises(InvalidArgumentError, match="Computed output size would be negative"):
        run_op(Conv2DOp, randn(1, 1, 5, 1), randn(3, 3, 1, 1), dynamic=True, strides=[1, 1, 1, 1],
               padding="VALID")


# ----- pooling -------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape,k,s,padding", [
    ((2, 4, 4, 3), (2, 2), (2, 2), "VALID"),
    ((2, 4, 4, 3), (2, 2), (2, 2), "SAME"),
    ((1, 5, 5, 2), (3, 3), (2, 2), "SAME"),
    ((1, 5, 5, 2), (2, 2), (2, 2), "SAME"),   # the last window hangs over the bottom/right edge
    ((1, 6, 7, 1), (3, 2), (1, 3), "VALID"),
    ((1, 6, 7, 1), (3, 2), (1, 3), "SAME"),
])
def test_pools_match_loops(shape, k, s, padding):
    x = randn(*shape) - 5  # all negative: SAME padding must not win the max
    attrs = {"ksize": [1, *k, 1], "strides": [1, *s, 1], "padding": padding}
    out, = run_op(MaxPoolOp, x, **attrs)
    np.testing.assert_array_equal(out, ref_pool(x, k, s, padding, max))
    out, = run_op(AvgPoolOp, x, **attrs)
    np.testing.assert_allclose(out, ref_pool(x, k, s, padding, np.mean), rtol=1e-5, atol=1e-6)
    assert [t.shape for t in result_types_of(MaxPoolOp, x, **attrs)] == [out.shape]


def test_avg_pool_same_averages_only_real_elements():
    x = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1)
    out, = run_op(AvgPoolOp, x, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding="SAME")
    # out 2x2; pad_total = max(1*2 + 3 - 4, 0) = 1: 0 before, 1 after
    np.testing.assert_allclose(out[0, :, :, 0], [[np.mean([0, 1, 2, 4, 5, 6, 8, 9, 10]), np.mean([2, 3, 6, 7, 10, 11])],
                                                 [np.mean([8, 9, 10, 12, 13, 14]), np.mean([10, 11, 14, 15])]])


def test_pools_nchw_and_integers():
    x = randn(2, 3, 5, 5)
    attrs = {"ksize": [1, 1, 3, 3], "strides": [1, 1, 2, 2], "padding": "SAME", "data_format": "NCHW"}
    out, = run_op(MaxPoolOp, x, **attrs)
    np.testing.assert_array_equal(out, ref_pool(x.transpose(0, 2, 3, 1), (3, 3), (2, 2), "SAME", max)
                                  .transpose(0, 3, 1, 2))
    out, = run_op(AvgPoolOp, x, **attrs)
    np.testing.assert_allclose(out, ref_pool(x.transpose(0, 2, 3, 1), (3, 3), (2, 2), "SAME", np.mean)
                               .transpose(0, 3, 1, 2), rtol=1e-5, atol=1e-6)
    xi = -np.arange(16, dtype=np.int32).reshape(1, 4, 4, 1)
    out, = run_op(MaxPoolOp, xi, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    assert out.dtype == np.int32
    np.testing.assert_array_equal(out[0, :, :, 0], [[0, -2], [-8, -10]])


def test_pool_inference_and_errors():
    x = placeholder([None, 28, 28, 32])
    assert types(MaxPoolOp.create(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")) \
        == ["tensor<?x14x14x32xf32>"]
    assert types(AvgPoolOp.create(placeholder([None, 5, None, 3]), ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1],
                                  padding="VALID")) == ["tensor<?x2x?x3xf32>"]
    assert types(MaxPoolOp.create(placeholder(None), ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")) \
        == ["tensor<?x?x?x?xf32>"]
    with pytest.raises(ShapeError, match="Sliding window ksize field must specify 4 dimensions"):
        MaxPoolOp.create(x, ksize=[2, 2], strides=[1, 2, 2, 1], padding="SAME")
    with pytest.raises(ShapeError, match="Sliding window stride field must specify 4 dimensions"):
        MaxPoolOp.create(x, ksize=[1, 2, 2, 1], strides=[2, 2], padding="SAME")
    with pytest.raises(ShapeError, match="Pooling is not yet supported on the batch"):
        MaxPoolOp.create(x, ksize=[2, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    with pytest.raises(ShapeError, match="Value for attr 'padding' of \"EXPLICIT\""):
        MaxPoolOp.create(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="EXPLICIT")
    with pytest.raises(ShapeError, match="Negative dimension size caused by subtracting 30 from 28"):
        MaxPoolOp.create(x, ksize=[1, 30, 2, 1], strides=[1, 2, 2, 1], padding="VALID")
    with pytest.raises(ShapeError, match="Value passed to parameter 'value' has DataType int32"):
        AvgPoolOp.create(placeholder([1, 4, 4, 1], T.i32), ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1],
                         padding="SAME")


# ----- softmax -------------------------------------------------------------------------------------

def test_softmax_and_log_softmax_are_stable():
    x = np.array([[1e4, 0.0, -1e4], [1.0, 2.0, 3.0]], np.float32)
    soft, = run_op(SoftmaxOp, x)
    log, = run_op(LogSoftmaxOp, x)
    assert soft.dtype == log.dtype == np.float32
    assert np.isfinite(soft).all() and np.isfinite(log).all()
    np.testing.assert_allclose(soft, ref_softmax(x), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(log, [[0.0, -1e4, -2e4], np.log(ref_softmax(x[1:]))[0]], rtol=1e-6, atol=1e-5)


def test_softmax_works_on_the_last_axis_of_any_rank():
    x = randn(2, 3, 4)
    soft, = run_op(SoftmaxOp, x)
    np.testing.assert_allclose(soft, ref_softmax(x), rtol=1e-5)
    np.testing.assert_allclose(soft.sum(axis=-1), 1, rtol=1e-6)
    log, = run_op(LogSoftmaxOp, randn(5).astype(np.float64))
    assert log.dtype == np.float64
    assert [str(t) for t in result_types_of(SoftmaxOp, x, dynamic=True)] == ["tensor<?x?x?xf32>"]
    with pytest.raises(ShapeError, match="Shape must be at least rank 1 but is rank 0"):
        SoftmaxOp.create(placeholder([]))
    with pytest.raises(ShapeError, match="Value passed to parameter 'logits' has DataType int32"):
        SoftmaxOp.create(placeholder([3], T.i32))


# ----- cross entropy -------------------------------------------------------------------------------

def test_softmax_cross_entropy_loss_and_backprop():
    logits = randn(4, 5)
    labels = ref_softmax(randn(4, 5)).astype(np.float32)
    loss, backprop = run_op(SoftmaxCrossEntropyWithLogitsOp, logits, labels)
    expected_loss, expected_backprop = ref_xent(logits, labels)
    assert loss.shape == (4,) and backprop.shape == (4, 5) and loss.dtype == np.float32
    np.testing.assert_allclose(loss, expected_loss, rtol=1e-5)
    np.testing.assert_allclose(backprop, ref_softmax(logits) - labels, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(backprop, expected_backprop, rtol=1e-5, atol=1e-6)


def test_softmax_cross_entropy_on_huge_logits_stays_finite():
    logits = np.array([[1e4, 0.0, -1e4], [0.0, 1e4, 0.0]], np.float32)
    labels = np.array([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]], np.float32)
    loss, backprop = run_op(SoftmaxCrossEntropyWithLogitsOp, logits, labels)
    assert np.isfinite(loss).all() and np.isfinite(backprop).all()
    np.testing.assert_allclose(loss, [1e4, 0.0], rtol=1e-6)
    np.testing.assert_allclose(backprop, [[1.0, -1.0, 0.0], [0.0, 0.0, 0.0]], atol=1e-6)


def test_softmax_cross_entropy_broadcasts_labels():
    logits, labels = randn(3, 4), np.array([[0.25, 0.25, 0.5, 0.0]], np.float32)
    loss, backprop = run_op(SoftmaxCrossEntropyWithLogitsOp, logits, labels)
    expected_loss, expected_backprop = ref_xent(logits, np.broadcast_to(labels, (3, 4)))
    np.testing.assert_allclose(loss, expected_loss, rtol=1e-5)
    np.testing.assert_allclose(backprop, expected_backprop, rtol=1e-5, atol=1e-6)
    op = SoftmaxCrossEntropyWithLogitsOp.create(placeholder([None, 4]), placeholder([1, 4]))
    assert types(op) == ["tensor<?xf32>", "tensor<?x4xf32>"]


def test_softmax_cross_entropy_inference_and_errors():
    op = SoftmaxCrossEntropyWithLogitsOp.create(placeholder([None, 10]), placeholder([None, None]))
    assert types(op) == ["tensor<?xf32>", "tensor<?x10xf32>"]
    op = SoftmaxCrossEntropyWithLogitsOp.create(placeholder(None), placeholder([8, 10]))
    assert types(op) == ["tensor<8xf32>", "tensor<8x10xf32>"]
    assert [str(t) for t in result_types_of(SoftmaxCrossEntropyWithLogitsOp, randn(2, 3), randn(2, 3),
                                              dynamic=True)] == ["tensor<?xf32>", "tensor<?x?xf32>"]
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 10 and 9"):
        SoftmaxCrossEntropyWithLogitsOp.create(placeholder([None, 10]), placeholder([None, 9]))
    with pytest.raises(ShapeError, match="Shape must be broadcasted with rank 2, but is rank 3"):
        SoftmaxCrossEntropyWithLogitsOp.create(placeholder([2, 3, 4]), placeholder([3, 4]))
    with pytest.raises(ShapeError, match="Input 'labels' of 'SoftmaxCrossEntropyWithLogits' Op has type float64"):
        SoftmaxCrossEntropyWithLogitsOp.create(placeholder([2, 3]), placeholder([2, 3], T.f64))


@pytest.mark.parametrize("label_dtype", [np.int32, np.int64])
def test_sparse_softmax_cross_entropy(label_dtype):
    logits = randn(4, 5)
    labels = np.array([0, 4, 2, 2], label_dtype)
    loss, backprop = run_op(SparseSoftmaxCrossEntropyWithLogitsOp, logits, labels)
    one_hot = np.eye(5)[labels]
    expected_loss, expected_backprop = ref_xent(logits, one_hot)
    np.testing.assert_allclose(loss, expected_loss, rtol=1e-5)
    np.testing.assert_allclose(backprop, ref_softmax(logits) - one_hot, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(backprop, expected_backprop, rtol=1e-5, atol=1e-6)


def test_sparse_softmax_cross_entropy_on_huge_logits():
    logits = np.array([[1e4, 0.0, -1e4], [-1e4, 0.0, 1e4]], np.float32)
    loss, backprop = run_op(SparseSoftmaxCrossEntropyWithLogitsOp, logits, np.array([2, 2], np.int32))
    np.testing.assert_allclose(loss, [2e4, 0.0], rtol=1e-6)
    np.testing.assert_allclose(backprop, [[1.0, 0.0, -1.0], [0.0, 0.0, 0.0]], atol=1e-6)


@pytest.mark.parametrize("bad", [3, -1])
def test_sparse_labels_out_of_range_fail(bad):
    with pytest.raises(InvalidArgumentError) as info:
        run_op(SparseSoftmaxCrossEntropyWithLogitsOp, randn(2, 3), np.array([0, bad], np.int32))
    assert info.value.message == f"Received a label value of {bad} which is outside the valid range of [0, 3)."


def test_sparse_softmax_cross_entropy_inference_and_errors():
    op = SparseSoftmaxCrossEntropyWithLogitsOp.create(placeholder([None, 10]), placeholder([None], T.i32))
    assert types(op) == ["tensor<?xf32>", "tensor<?x10xf32>"]
    op = SparseSoftmaxCrossEntropyWithLogitsOp.create(placeholder([None, 10]), placeholder([8], T.i64))
    assert types(op) == ["tensor<8xf32>", "tensor<8x10xf32>"]
    assert [str(t) for t in result_types_of(SparseSoftmaxCrossEntropyWithLogitsOp, randn(2, 3),
                                              np.zeros(2, np.int32), dynamic=True)] \
        == ["tensor<?xf32>", "tensor<?x?xf32>"]
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 4 and 3"):
        SparseSoftmaxCrossEntropyWithLogitsOp.create(placeholder([4, 10]), placeholder([3], T.i32))
    with pytest.raises(ShapeError, match="Shape must be rank 1 but is rank 2"):
        SparseSoftmaxCrossEntropyWithLogitsOp.create(placeholder([4, 10]), placeholder([4, 1], T.i32))
    with pytest.raises(ShapeError, match="Value passed to parameter 'labels' has DataType float32"):
        SparseSoftmaxCrossEntropyWithLogitsOp.create(placeholder([4, 10]), placeholder([4]))


# ----- L2Loss and folding ---------------------------------------------------------------------------

def test_l2_loss():
    x = randn(3, 4)
    out, = run_op(L2LossOp, x)
    assert out.shape == () and out.dtype == np.float32
    np.testing.assert_allclose(out, (x.astype(np.float64) ** 2).sum() / 2, rtol=1e-5)
    assert [str(t) for t in result_types_of(L2LossOp, x, dynamic=True)] == ["tensor<f32>"]


def test_small_constant_products_fold():
    a = ConstOp.of(np.arange(6).reshape(2, 3), T.f32)
    b = ConstOp.of(np.ones((3, 2)), T.f32)
    op = MatMulOp.create(a.output, b.output)
    folded, = op.fold([a.value, b.value])
    np.testing.assert_array_equal(np.array(folded.data), [[3, 3], [12, 12]])
    sparse = SparseSoftmaxCrossEntropyWithLogitsOp.create(
        a.output, ConstOp.of(np.array([0, 7]), T.i32).output)
    assert sparse.fold([a.value, ConstOp.of(np.array([0, 7]), T.i32).value]) is None  # fails at run time


def test_interpreting_through_const_operands():
    out, = run_op(MatMulOp, const(np.eye(2, dtype=np.float32)), np.ones((2, 3), np.float32))
    np.testing.assert_array_equal(out, np.ones((2, 3)))
