"""Reductions and arg reductions: numpy semantics, inferred shapes and errors."""

import warnings

import numpy as np
import pytest

from tf_harness import const, result_types_of, run_op
from tfc.dialects.tf import reduction_ops as R
from tfc.dialects.tf.base import ShapeError
from tfc.errors import InvalidArgumentError
from tfc.ir import types as T


@pytest.fixture(autouse=True)
def numpy_warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _mean(x, axis, keepdims):
    if x.dtype.kind in "iu":
        total = np.sum(x, axis=axis, keepdims=keepdims, dtype=np.int64)
        count = int(np.prod([x.shape[a] for a in axis])) if axis != () else 1
        return (np.abs(total) // count * np.sign(total)).astype(x.dtype)  # toward zero
    return np.mean(x, axis=axis, keepdims=keepdims)


REDUCTIONS = [
    (R.SumOp, lambda x, axis, keepdims: np.sum(x, axis=axis, keepdims=keepdims)),
    (R.MeanOp, _mean),
    (R.MaxOp, lambda x, axis, keepdims: np.max(x, axis=axis, keepdims=keepdims)),
    (R.MinOp, lambda x, axis, keepdims: np.min(x, axis=axis, keepdims=keepdims)),
    (R.ProdOp, lambda x, axis, keepdims: np.prod(x, axis=axis, keepdims=keepdims)),
]

# axes as given -> the normalized numpy axis tuple for an input of rank 3
AXES = [([0], (0,)), ([-1], (2,)), ([0, -1], (0, 2)), ([1, 1], (1,)), ([], ()), ([0, 1, 2], (0, 1, 2)),
        (1, (1,))]


def _input(dtype):
    rng = np.random.default_rng(7)
    if np.dtype(dtype).kind == "f":
        return rng.uniform(-2, 2, size=(2, 3, 4)).astype(dtype)
    return rng.integers(-5, 6, size=(2, 3, 4)).astype(dtype)


@pytest.mark.parametrize("cls,reference", REDUCTIONS, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("axes,normalized", AXES, ids=str)
@pytest.mark.parametrize("keep_dims", [False, True])
def test_reductions_with_constant_axes(cls, reference, dtype, axes, normalized, keep_dims):
    x = _input(dtype)
    out, = run_op(cls, x, const(axes, np.int32), keep_dims=keep_dims)
    expected = reference(x, normalized, keep_dims)
    assert out.dtype == dtype
    assert out.shape == expected.shape
    np.testing.assert_allclose(out, expected, rtol=1e-5)
    inferred, = result_types_of(cls, x, const(axes, np.int32), keep_dims=keep_dims)
    assert tuple(inferred.shape) == expected.shape


@pytest.mark.parametrize("cls,reference", REDUCTIONS, ids=lambda v: getattr(v, "__name__", ""))
def test_reductions_with_axes_known_only_at_run_time(cls, reference):
    x = _input(np.float32)
    axes = np.array([0, -1], np.int64)
    out, = run_op(cls, x, axes)
    np.testing.assert_allclose(out, reference(x, (0, 2), False), rtol=1e-5)
    assert str(result_types_of(cls, x, axes)[0]) == "tensor<*xf32>"
    out, = run_op(cls, x, axes, keep_dims=True)
    assert out.shape == (1, 3, 1)
    assert str(result_types_of(cls, x, axes, keep_dims=True)[0]) == "tensor<?x?x?xf32>"


@pytest.mark.parametrize("cls,reference", REDUCTIONS, ids=lambda v: getattr(v, "__name__", ""))
def test_reductions_of_dynamic_inputs(cls, reference):
    x = _input(np.float64)
    out, = run_op(cls, x, const([1], np.int32), dynamic=True, keep_dims=True)
    np.testing.assert_allclose(out, reference(x, (1,), True))
    assert str(result_types_of(cls, x, const([1], np.int32), dynamic=True)[0]) == "tensor<?x?xf64>"


def test_reduction_of_a_scalar_over_no_axes():
    out, = run_op(R.SumOp, np.float32(3), const([], np.int32))
    assert out == 3 and out.shape == ()


def test_integer_mean_divides_toward_zero():
    out, = run_op(R.MeanOp, np.array([[-1, -2], [1, 2], [-3, -4]], np.int32), const(1, np.int32))
    np.testing.assert_array_equal(out, [-1, 1, -3])


def test_reductions_over_empty_sets():
    x = np.zeros((0, 3), np.float32)
    axis = const(0, np.int32)
    np.testing.assert_array_equal(run_op(R.SumOp, x, axis)[0], [0, 0, 0])
    np.testing.assert_array_equal(run_op(R.ProdOp, x, axis)[0], [1, 1, 1])
    np.testing.assert_array_equal(run_op(R.MaxOp, x, axis)[0], [-np.inf] * 3)
    np.testing.assert_array_equal(run_op(R.MinOp, x, axis)[0], [np.inf] * 3)
    assert np.isnan(run_op(R.MeanOp, x, axis)[0]).all()
    np.testing.assert_array_equal(run_op(R.MaxOp, np.zeros((0,), np.int32), axis)[0], np.iinfo(np.int32).min)


def test_max_and_min_propagate_nan():
    x = np.array([[1.0, np.nan], [2.0, 3.0]], np.float32)
    out, = run_op(R.MaxOp, x, const(1, np.int32))
    assert np.isnan(out[0]) and out[1] == 3


def test_float16_sums_accumulate_precisely():
    x = np.full(4096, 1.0, np.float16)
    out, = run_op(R.SumOp, x, const(0, np.int32))
    assert out == 4096 and out.dtype == np.float16


def test_reduction_axis_out_of_range():
    x = np.ones((2, 3), np.float32)
    with pytest.raises(ShapeError, match="Invalid reduction dimension 2 for input with 2 dimensions"):
        result_types_of(R.SumOp, x, const([0, 2], np.int32))
    with pytest.raises(ShapeError, match="Invalid reduction dimension -3 for input with 2 dimensions"):
        result_types_of(R.MaxOp, x, const(-3, np.int32))
    with pytest.raises(InvalidArgumentError, match=r"Invalid reduction dimension \(5 for input with 2"):
        run_op(R.SumOp, x, np.array([5], np.int32))


def test_reduction_operand_types():
    x = np.ones((2, 3), np.float32)
    with pytest.raises(ShapeError, match="parameter 'reduction_indices' has DataType float32 not in list of "
                                         "allowed values: int32, int64"):
        result_types_of(R.SumOp, x, np.zeros(1, np.float32))
    with pytest.raises(ShapeError, match="Shape must be at most rank 1 but is rank 2"):
        result_types_of(R.SumOp, x, np.zeros((1, 1), np.int32))
    with pytest.raises(ShapeError, match="parameter 'input' has DataType bool"):
        result_types_of(R.SumOp, np.ones(3, bool), const(0, np.int32))


def test_reduction_of_unranked_input_is_unranked():
    from tfc.dialects.func import FuncOp
    from tfc.dialects.tf.core_ops import ConstOp
    func = FuncOp.create("f", [T.UnrankedTensorType(T.f32)], [])
    axes = ConstOp.of(np.array([0], np.int32), T.i32)
    op = R.MeanOp.create(func.entry.arguments[0], axes.output, keep_dims=True)
    assert str(op.output.type) == "tensor<*xf32>"


def test_no_axes_folds_to_the_input():
    from tfc.dialects.func import FuncOp
    from tfc.ir import attributes as A
    func = FuncOp.create("f", [T.TensorType((2, 3), T.f32), T.TensorType((0,), T.i32)], [])
    x, axes = func.entry.arguments
    op = R.SumOp.create(x, axes, result_types=[x.type])
    assert op.fold([None, A.DenseElementsAttr(np.zeros(0, np.int32), axes.type)]) == [x]


# ----- arg reductions ----------------------------------------------------------------------------

@pytest.mark.parametrize("cls,reference", [(R.ArgMaxOp, np.argmax), (R.ArgMinOp, np.argmin)],
                         ids=["ArgMax", "ArgMin"])
@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.int64])
@pytest.mark.parametrize("axis", [0, 1, -1, 2])
def test_arg_reductions(cls, reference, dtype, axis):
    x = _input(dtype)
    out, = run_op(cls, x, const(axis, np.int32))
    np.testing.assert_array_equal(out, reference(x, axis=axis))
    assert out.dtype == np.int64
    out, = run_op(cls, x, const(axis, np.int64), output_type=T.i32)
    assert out.dtype == np.int32
    np.testing.assert_array_equal(out, reference(x, axis=axis))


def test_arg_reduction_shapes():
    x = np.ones((2, 3, 4), np.float32)
    assert str(result_types_of(R.ArgMaxOp, x, const(1, np.int32))[0]) == "tensor<2x4xi64>"
    assert str(result_types_of(R.ArgMaxOp, x, np.int32(1))[0]) == "tensor<?x?xi64>"
    assert str(result_types_of(R.ArgMinOp, x, const(-1, np.int32), dynamic=True)[0]) == "tensor<?x?xi64>"
    out, = run_op(R.ArgMinOp, x, np.int32(1), dynamic=True)
    assert out.shape == (2, 4)


def test_arg_reduction_errors():
    x = np.ones((2, 3), np.float32)
    with pytest.raises(ShapeError, match=r"Expected dimension in the range \[-2, 2\), but got 2"):
        result_types_of(R.ArgMaxOp, x, const(2, np.int32))
    with pytest.raises(ShapeError, match="Shape must be at most rank 0 but is rank 1"):
        result_types_of(R.ArgMaxOp, x, const([0], np.int32))
    with pytest.raises(ShapeError, match="Value for attr 'output_type' of f32"):
        result_types_of(R.ArgMaxOp, x, const(0, np.int32), output_type=T.f32)
    with pytest.raises(InvalidArgumentError, match=r"Expected dimension in the range \[-2, 2\), but got -5"):
        run_op(R.ArgMaxOp, x, np.int32(-5))
    with pytest.raises(InvalidArgumentError, match=r"Reduction axis 0 is empty in shape \[0,3\]"):
        run_op(R.ArgMaxOp, np.ones((0, 3), np.float32), const(0, np.int32))


def test_arg_reduction_ties_pick_the_first():
    out, = run_op(R.ArgMaxOp, np.array([1, 3, 3, 0], np.int32), const(0, np.int32))
    assert out == 1
    out, = run_op(R.ArgMinOp, np.array([True, False, False]), const(0, np.int32))
    assert out == 1
