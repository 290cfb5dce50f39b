"""tf-to-linalg for MatMul, BatchMatMulV2, BiasAdd, Conv2D, MaxPool and AvgPool: the lowered
function computes what the tf op computed (the interpreter runs both), on random inputs, with
transposes, batch broadcasting, SAME/VALID/EXPLICIT padding, strides, dilations, NCHW, a
dynamic batch and fully dynamic shapes; and the lowered IR has the expected structure."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects import linalg
from tfc.dialects.builtin import ModuleOp
from tfc.dialects.func import FuncOp, ReturnOp
from tfc.dialects.tensor import InsertSliceOp
from tfc.dialects.tf.conv_ops import AvgPoolOp, Conv2DOp, MaxPoolOp
from tfc.dialects.tf.nn_ops import BatchMatMulV2Op, BiasAddOp, MatMulOp
from tfc.frontend import dtypes as D
from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.parser import parse_module
from tfc.ir.verifier import verify
from tfc.passes.tf_to_linalg import UnsupportedOpError, lower_tf_ops

rng = np.random.default_rng(7)


def randn(*shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def build(op_class, arrays, dynamic=(), **attrs) -> str:
    """`func.func @f` applying one tf op to arguments of the arrays' types. `dynamic` is
    True (every dim `?`) or, per argument, the set of its dims that are `?`."""
    arg_types = []
    for i, a in enumerate(arrays):
        dims = set(range(a.ndim)) if dynamic is True else (dynamic[i] if i < len(dynamic) else set())
        shape = tuple(None if d in dims else s for d, s in enumerate(a.shape))
        arg_types.append(T.TensorType(shape, D.as_dtype(a.dtype).ir))
    func = FuncOp.create("f", arg_types, [])
    op = op_class.create(*func.entry.arguments, **attrs)
    func.entry.append(op)
    func.entry.append(ReturnOp.build(list(op.results)))
    func.function_type = A.TypeAttr(T.FunctionType(tuple(arg_types), tuple(r.type for r in op.results)))
    module = ModuleOp.create()
    module.regions[0].blocks[0].append(func)
    return str(module)


def lowered(text: str):
    module = parse_module(text)
    lower_tf_ops(module, strict=True)
    verify(module)
    printed = str(module)
    assert '"tf.' not in printed
    assert str(parse_module(printed)) == printed  # the lowered IR round-trips
    return module


def check(op_class, arrays, dynamic=(), rtol=1e-5, atol=1e-5, **attrs):
    """Lower, run both versions on `arrays`, compare; returns the lowered module."""
    text = build(op_class, arrays, dynamic, **attrs)
    reference = parse_module(text)
    verify(reference)
    module = lowered(text)
    want, = Interpreter().call(reference, "f", *arrays)
    got, = Interpreter().call(module, "f", *arrays)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)
    return module


def ops_of(module, op_class) -> list:
    return [op for op in module.walk() if isinstance(op, op_class)]


# ----- MatMul ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("transpose_a", [False, True])
@pytest.mark.parametrize("transpose_b", [False, True])
def test_matmul_transposes(transpose_a, transpose_b):
    a = randn(3, 5) if transpose_a else randn(5, 3)
    b = randn(4, 3) if transpose_b else randn(3, 4)
    module = check(MatMulOp, [a, b], transpose_a=transpose_a, transpose_b=transpose_b)
    assert len(ops_of(module, linalg.MatmulOp)) == 1
    assert len(ops_of(module, linalg.TransposeOp)) == transpose_a + transpose_b
    assert len(ops_of(module, linalg.FillOp)) == 1


def test_matmul_dynamic_batch_and_all_dynamic():
    a, b = randn(6, 3), randn(3, 4)
    check(MatMulOp, [a, b], dynamic=[{0}])
    check(MatMulOp, [a, b.T.copy()], dynamic=True, transpose_b=True)


def test_matmul_integers():
    a = rng.integers(-50, 50, (4, 3)).astype(np.int32)
    b = rng.integers(-50, 50, (3, 2)).astype(np.int32)
    module = check(MatMulOp, [a, b])
    assert any(op.name == "arith.muli" for op in module.walk())


def test_half_precision_runs_the_body():
    # f16 accumulates in f16 through the body (the numpy fast paths are off for f16).
    a, b = randn(3, 4, dtype=np.float16), randn(4, 2, dtype=np.float16)
    check(MatMulOp, [a, b], rtol=2e-2, atol=2e-2)
    x, w = randn(1, 4, 4, 2, dtype=np.float16), randn(2, 2, 2, 3, dtype=np.float16)
    check(Conv2DOp, [x, w], rtol=2e-2, atol=2e-2, strides=[1, 1, 1, 1], padding="SAME")
    check(MaxPoolOp, [x], ksize=[1, 2, 2, 1], strides=[1, 1, 1, 1], padding="SAME")


def test_matmul_f64():
    check(MatMulOp, [randn(2, 3, dtype=np.float64), randn(3, 2, dtype=np.float64)], rtol=1e-12)


# ----- BatchMatMulV2 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("adj_x", [False, True])
@pytest.mark.parametrize("adj_y", [False, True])
def test_batch_matmul_adjoints(adj_x, adj_y):
    x = randn(2, 3, 5) if adj_x else randn(2, 5, 3)
    y = randn(2, 4, 3) if adj_y else randn(2, 3, 4)
    module = check(BatchMatMulV2Op, [x, y], adj_x=adj_x, adj_y=adj_y)
    assert len(ops_of(module, linalg.BatchMatmulOp)) == 1


@pytest.mark.parametrize("x_shape, y_shape", [
    ((2, 3, 5, 3), (2, 3, 3, 4)),      # rank 4, same batch: collapse to one batch dim
    ((2, 1, 5, 3), (1, 3, 3, 4)),      # both sides broadcast
    ((5, 3), (2, 3, 4)),               # x without batch dims
    ((4, 2, 5, 3), (2, 3, 4)),         # y with fewer batch dims
    ((2, 2, 2, 5, 3), (2, 1, 2, 3, 4)),  # rank 5
])
def test_batch_matmul_broadcasting(x_shape, y_shape):
    module = check(BatchMatMulV2Op, [randn(*x_shape), randn(*y_shape)])
    assert len(ops_of(module, linalg.BatchMatmulOp)) == 1


@pytest.mark.parametrize("adj_x", [False, True])
def test_batch_matmul_unbatched_rhs_is_one_matmul(adj_x):
    x = randn(2, 3, 4, 5) if adj_x else randn(2, 3, 5, 4)
    module = check(BatchMatMulV2Op, [x, randn(4, 6)], adj_x=adj_x)
    assert len(ops_of(module, linalg.MatmulOp)) == 1 and not ops_of(module, linalg.BatchMatmulOp)


def test_batch_matmul_dynamic_batch():
    check(BatchMatMulV2Op, [randn(3, 2, 5, 3), randn(2, 3, 4)], dynamic=[{0}])
    check(BatchMatMulV2Op, [randn(3, 5, 3), randn(4, 3)], dynamic=[{0}], adj_y=True)
    check(BatchMatMulV2Op, [randn(3, 2, 5, 3), randn(1, 2, 3, 4)], dynamic=[{0}, set()])
    check(BatchMatMulV2Op, [randn(3, 5, 3), randn(3, 3, 4)], dynamic=True)


@pytest.mark.parametrize("x_shape, y_shape", [((2, 3, 5, 3), (1, 1, 3, 4)), ((4, 5, 3), (1, 3, 4))])
def test_batch_matmul_unit_batch_rhs_is_one_matmul(x_shape, y_shape):
    module = check(BatchMatMulV2Op, [randn(*x_shape), randn(*y_shape)])
    assert len(ops_of(module, linalg.MatmulOp)) == 1 and not ops_of(module, linalg.BatchMatmulOp)
    check(BatchMatMulV2Op, [randn(*x_shape), randn(*y_shape)], dynamic=[{0}])


def test_batch_matmul_unit_batch_rhs_with_broadcasting_lhs():
    # x (5, 3) must grow a batch dim to meet y (1, 3, 4): the batched path, result (1, 5, 4).
    module = check(BatchMatMulV2Op, [randn(5, 3), randn(1, 3, 4)])
    assert len(ops_of(module, linalg.BatchMatmulOp)) == 1


def test_batch_matmul_rank2_both():
    module = check(BatchMatMulV2Op, [randn(5, 3), randn(3, 4)])
    assert len(ops_of(module, linalg.MatmulOp)) == 1


# ----- BiasAdd -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape, data_format", [((4, 3), "NHWC"), ((2, 5, 5, 3), "NHWC"),
                                                ((2, 3, 5, 5), "NCHW"), ((2, 3, 4), "NCHW")])
def test_bias_add(shape, data_format):
    channel = 1 if data_format == "NCHW" else len(shape) - 1
    module = check(BiasAddOp, [randn(*shape), randn(shape[channel])], data_format=data_format)
    generic, = ops_of(module, linalg.GenericOp)
    assert str(generic.get_indexing_maps()[1]).endswith(f"-> (d{channel})")


def test_bias_add_dynamic_and_integers():
    check(BiasAddOp, [randn(6, 4, 3), randn(3)], dynamic=[{0}])
    check(BiasAddOp, [randn(6, 3), randn(3)], dynamic=True)
    ints = rng.integers(-9, 9, (2, 3)).astype(np.int64), rng.integers(-9, 9, (3,)).astype(np.int64)
    check(BiasAddOp, list(ints))


# ----- Conv2D ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("padding", ["VALID", "SAME"])
@pytest.mark.parametrize("stride", [1, 2])
@pytest.mark.parametrize("dilation", [1, 2])
def test_conv2d(padding, stride, dilation):
    x, w = randn(2, 7, 8, 3), randn(3, 2, 3, 4)
    module = check(Conv2DOp, [x, w], rtol=1e-4, atol=1e-4, strides=[1, stride, stride, 1], padding=padding,
                   dilations=[1, dilation, dilation, 1])
    conv, = ops_of(module, linalg.Conv2DNhwcHwcfOp)
    assert conv.stride_values() == (stride, stride) and conv.dilation_values() == (dilation, dilation)


def test_conv2d_asymmetric_strides_and_explicit_padding():
    x, w = randn(1, 6, 9, 2), randn(3, 3, 2, 5)
    check(Conv2DOp, [x, w], rtol=1e-4, atol=1e-4, strides=[1, 2, 3, 1], padding="SAME")
    check(Conv2DOp, [x, w], rtol=1e-4, atol=1e-4, strides=[1, 1, 2, 1], padding="EXPLICIT",
          explicit_paddings=[0, 0, 2, 1, 0, 3, 0, 0])


def test_conv2d_valid_ignores_trailing_rows():
    # 6 - 2 = 4 is not a multiple of the stride 3: TF drops the last row and column.
    module = check(Conv2DOp, [randn(1, 6, 6, 1), randn(2, 2, 1, 1)], rtol=1e-4, strides=[1, 3, 3, 1],
                   padding="VALID")
    conv, = ops_of(module, linalg.Conv2DNhwcHwcfOp)
    assert not ops_of(module, InsertSliceOp)  # VALID: no padding
    assert conv.inputs[0].type.shape == (1, 6, 6, 1) and conv.results[0].type.shape == (1, 2, 2, 1)


def test_conv2d_dynamic_batch_and_dynamic_spatial_dims():
    x, w = randn(3, 7, 6, 2), randn(3, 3, 2, 4)
    for padding in ("SAME", "VALID"):
        check(Conv2DOp, [x, w], dynamic=[{0}], rtol=1e-4, atol=1e-4, strides=[1, 2, 2, 1], padding=padding)
        check(Conv2DOp, [x, w], dynamic=[{0, 1, 2}], rtol=1e-4, atol=1e-4, strides=[1, 2, 1, 1],
              padding=padding)
    check(Conv2DOp, [x, w], dynamic=True, rtol=1e-4, atol=1e-4, strides=[1, 1, 1, 1], padding="SAME",
          dilations=[1, 2, 1, 1])


def test_conv2d_nchw_runs_between_transposes():
    x, w = randn(2, 3, 6, 5), randn(3, 3, 3, 4)
    module = check(Conv2DOp, [x, w], rtol=1e-4, atol=1e-4, strides=[1, 1, 2, 2], padding="SAME",
                   data_format="NCHW", dilations=[1, 1, 1, 1])
    assert len(ops_of(module, linalg.TransposeOp)) == 2


def test_conv2d_grouped_is_unsupported():
    text = build(Conv2DOp, [randn(1, 4, 4, 4), randn(2, 2, 2, 6)], strides=[1, 1, 1, 1], padding="VALID")
    with pytest.raises(UnsupportedOpError, match="grouped convolution"):
        lower_tf_ops(parse_module(text), strict=True)


# ----- MaxPool and AvgPool -------------------------------------------------------------------------------

POOLS = [((2, 2), (2, 2), "VALID"), ((3, 3), (2, 2), "SAME"), ((3, 3), (1, 1), "SAME"),
         ((2, 3), (1, 2), "VALID"), ((3, 2), (2, 1), "SAME")]


@pytest.mark.parametrize("ksize, strides, padding", POOLS)
@pytest.mark.parametrize("op_class", [MaxPoolOp, AvgPoolOp])
def test_pooling(op_class, ksize, strides, padding):
    x = randn(2, 7, 6, 3)
    module = check(op_class, [x], ksize=[1, *ksize, 1], strides=[1, *strides, 1], padding=padding)
    pool_class = linalg.PoolingNhwcMaxOp if op_class is MaxPoolOp else linalg.PoolingNhwcSumOp
    pool, = ops_of(module, pool_class)
    assert pool.stride_values() == tuple(strides)
    assert pool.inputs[1].type.shape == tuple(ksize)


def test_max_pool_same_pads_with_minus_infinity():
    x = -np.abs(randn(1, 5, 5, 2)) - 10  # all below zero: padding with 0 would win
    module = check(MaxPoolOp, [x], ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding="SAME")
    fills = [op for op in module.walk() if op.name == "arith.constant" and "0xFF800000" in str(op)]
    assert fills


def test_max_pool_integers():
    x = rng.integers(-100, -1, (1, 5, 5, 2)).astype(np.int32)
    check(MaxPoolOp, [x], ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


@pytest.mark.parametrize("op_class", [MaxPoolOp, AvgPoolOp])
@pytest.mark.parametrize("padding", ["SAME", "VALID"])
def test_pooling_dynamic(op_class, padding):
    x = randn(3, 7, 5, 2)
    attrs = dict(ksize=[1, 3, 2, 1], strides=[1, 2, 2, 1], padding=padding)
    check(op_class, [x], dynamic=[{0}], **attrs)
    check(op_class, [x], dynamic=True, **attrs)


def test_avg_pool_same_counts_only_input_elements():
    x = np.ones((1, 5, 5, 1), np.float32)
    module = check(AvgPoolOp, [x], ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding="SAME")
    got, = Interpreter().call(module, "f", x)
    np.testing.assert_array_equal(got, np.ones((1, 3, 3, 1), np.float32))


@pytest.mark.parametrize("op_class", [MaxPoolOp, AvgPoolOp])
def test_pooling_nchw(op_class):
    check(op_class, [randn(2, 3, 6, 5)], ksize=[1, 1, 3, 3], strides=[1, 1, 2, 2], padding="SAME",
          data_format="NCHW")
