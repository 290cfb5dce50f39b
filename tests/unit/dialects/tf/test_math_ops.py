"""Elementwise math tf ops: interpretation against numpy (TF semantics), inference and errors."""

import warnings

import numpy as np
import pytest

from tf_harness import result_types_of, run_op
from tfc.dialects.tf import math_ops as M
from tfc.dialects.tf.base import ShapeError
from tfc.errors import InvalidArgumentError
from tfc.ir import attributes as A
from tfc.ir import types as T

FLOAT_DTYPES = [np.float32, np.float64]
NUMBER_DTYPES = [np.float32, np.float64, np.int32, np.int64]

# (lhs shape, rhs shape) pairs that broadcast
BROADCASTS = [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 1), (1, 3)), ((), (4,)), ((3, 1, 2), (4, 1))]


def _data(shape, dtype, seed=0, positive=False):
    rng = np.random.default_rng(seed)
    if np.dtype(dtype).kind == "f":
        values = rng.uniform(0.5 if positive else -5, 5, size=shape)
    else:
        values = rng.integers(1 if positive else -9, 10, size=shape)
    return np.asarray(values, dtype=dtype)


def _run1(cls, *inputs, **kwargs):
    out, = run_op(cls, *inputs, **kwargs)
    return out


@pytest.fixture(autouse=True)
def numpy_warnings_are_errors():
    """The ops never let numpy warn (TF gives inf and nan silently)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ----- arithmetic --------------------------------------------------------------------------------

ARITHMETIC = [
    (M.AddV2Op, np.add),
    (M.SubOp, np.subtract),
    (M.MulOp, np.multiply),
    (M.MaximumOp, np.maximum),
    (M.MinimumOp, np.minimum),
]


@pytest.mark.parametrize("cls,reference", ARITHMETIC, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("dtype", NUMBER_DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("shapes", BROADCASTS, ids=str)
def test_arithmetic_broadcasts_like_numpy(cls, reference, dtype, shapes):
    x, y = _data(shapes[0], dtype, 1), _data(shapes[1], dtype, 2)
    out = _run1(cls, x, y)
    np.testing.assert_array_equal(out, reference(x, y))
    assert out.dtype == dtype


@pytest.mark.parametrize("cls,reference", ARITHMETIC, ids=lambda v: getattr(v, "__name__", ""))
def test_arithmetic_with_dynamic_dims(cls, reference):
    x, y = _data((2, 3), np.float32, 1), _data((3,), np.float32, 2)
    out = _run1(cls, x, y, dynamic=True)
    np.testing.assert_array_equal(out, reference(x, y))


def test_dynamic_dims_that_do_not_broadcast_fail_at_run_time():
    with pytest.raises(InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3\]"):
        run_op(M.AddV2Op, np.ones(2, np.float32), np.ones(3, np.float32), dynamic=True)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_real_div_of_floats(dtype):
    x, y = _data((2, 3), dtype, 1), _data((3,), dtype, 2, positive=True)
    np.testing.assert_allclose(_run1(M.RealDivOp, x, y), x / y, rtol=1e-6)
    out = _run1(M.RealDivOp, np.array([1, -1, 0], dtype), np.zeros(3, dtype))
    assert out[0] == np.inf and out[1] == -np.inf and np.isnan(out[2])


def test_real_div_of_integers_truncates_toward_zero():
    out = _run1(M.RealDivOp, np.array([7, -7, 7, -7], np.int32), np.array([2, 2, -2, -2], np.int32))
    np.testing.assert_array_equal(out, [3, -3, -3, 3])


def test_floor_div_and_mod_of_integers_follow_the_divisor():
    x = np.array([7, -7, 7, -7, 6, 0], np.int32)
    y = np.array([3, 3, -3, -3, 3, -5], np.int32)
    np.testing.assert_array_equal(_run1(M.FloorDivOp, x, y), [2, -3, -3, 2, 2, 0])
    np.testing.assert_array_equal(_run1(M.FloorModOp, x, y), [1, 2, -2, -1, 0, 0])
    for dtype in (np.int64, np.int8, np.uint8):
        a, b = np.array([9, 100], dtype), np.array([4, 7], dtype)
        np.testing.assert_array_equal(_run1(M.FloorModOp, a, b), [1, 2])
        np.testing.assert_array_equal(_run1(M.FloorDivOp, a, b), [2, 14])


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_floor_div_and_mod_of_floats(dtype):
    x = np.array([7.5, -7.5, 7.5, -7.5, 1.0, -6.0], dtype)
    y = np.array([2.0, 2.0, -2.0, -2.0, 0.1, 3.0], dtype)
    # TF's FloorDiv of floats is floor(x / y): 1 // 0.1 is 10, where Python's gives 9
    np.testing.assert_array_equal(_run1(M.FloorDivOp, x, y), np.floor(x / y))
    out = _run1(M.FloorModOp, x, y)
    np.testing.assert_allclose(out[:4], [1.5, 0.5, -0.5, -1.5])
    assert out[5] == 0
    assert out.dtype == dtype


def test_float_floor_div_by_zero_is_infinite():
    out = _run1(M.FloorDivOp, np.array([1.0, -1.0], np.float32), np.zeros(2, np.float32))
    np.testing.assert_array_equal(out, [np.inf, -np.inf])
    assert np.isnan(_run1(M.FloorModOp, np.float32(1), np.float32(0)))


@pytest.mark.parametrize("cls", [M.FloorDivOp, M.FloorModOp, M.RealDivOp])
def test_integer_division_by_zero_fails(cls):
    with pytest.raises(InvalidArgumentError, match="Integer division by zero"):
        run_op(cls, np.array([1, 2], np.int32), np.array([1, 0], np.int32))


def test_pow():
    x = _data((2, 3), np.float32, 1, positive=True)
    np.testing.assert_allclose(_run1(M.PowOp, x, np.float32(2.5)), x ** 2.5, rtol=1e-6)
    np.testing.assert_array_equal(_run1(M.PowOp, np.array([2, -3], np.int32), np.array([3, 2], np.int32)), [8, 9])
    with pytest.raises(InvalidArgumentError, match="Integers to negative powers are not allowed"):
        run_op(M.PowOp, np.array([2, 3], np.int32), np.array([1, -1], np.int32))


def test_maximum_and_minimum_propagate_nan():
    x = np.array([np.nan, 1.0, 3.0], np.float32)
    y = np.array([0.0, np.nan, 2.0], np.float32)
    for cls in (M.MaximumOp, M.MinimumOp):
        out = _run1(cls, x, y)
        assert np.isnan(out[0]) and np.isnan(out[1])
    assert _run1(M.MaximumOp, x, y)[2] == 3 and _run1(M.MinimumOp, x, y)[2] == 2


def test_integer_overflow_wraps_silently():
    big = np.array([2**31 - 1], np.int32)
    np.testing.assert_array_equal(_run1(M.AddV2Op, big, np.int32(1)), [-2**31])


# ----- unary math --------------------------------------------------------------------------------

UNARY_FLOAT = [
    (M.SqrtOp, np.sqrt, True),
    (M.RsqrtOp, lambda x: 1 / np.sqrt(x), True),
    (M.ExpOp, np.exp, False),
    (M.LogOp, np.log, True),
    (M.Log1pOp, np.log1p, True),
    (M.TanhOp, np.tanh, False),
    (M.SigmoidOp, lambda x: 1 / (1 + np.exp(-x)), False),
    (M.NegOp, np.negative, False),
    (M.AbsOp, np.abs, False),
    (M.SquareOp, np.square, False),
    (M.ReluOp, lambda x: np.maximum(x, 0), False),
    (M.Relu6Op, lambda x: np.clip(x, 0, 6), False),
    (M.EluOp, lambda x: np.where(x > 0, x, np.exp(x) - 1), False),
    (M.SoftplusOp, lambda x: np.log(1 + np.exp(x)), False),
]


@pytest.mark.parametrize("cls,reference,positive", UNARY_FLOAT, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("dtype", FLOAT_DTYPES + [np.float16], ids=lambda d: np.dtype(d).name)
def test_unary_float_ops(cls, reference, positive, dtype):
    x = _data((2, 5), dtype, 3, positive=positive)
    out = _run1(cls, x)
    assert out.dtype == dtype and out.shape == x.shape
    tol = 2e-3 if dtype == np.float16 else 1e-5
    np.testing.assert_allclose(out.astype(np.float64), reference(x.astype(np.float64)), rtol=tol, atol=tol)


@pytest.mark.parametrize("cls", [M.ExpOp, M.SigmoidOp, M.ReluOp])
def test_unary_with_dynamic_and_unranked_shapes(cls):
    x = _data((2, 3), np.float32, 4)
    np.testing.assert_array_equal(_run1(cls, x, dynamic=True), _run1(cls, x))
    assert str(result_types_of(cls, x, dynamic=True)[0]) == "tensor<?x?xf32>"
    assert str(_infer(cls, T.UnrankedTensorType(T.f32))[0]) == "tensor<*xf32>"


@pytest.mark.parametrize("cls,reference", [(M.NegOp, np.negative), (M.AbsOp, np.abs), (M.SquareOp, np.square),
                                           (M.ReluOp, lambda x: np.maximum(x, 0)),
                                           (M.Relu6Op, lambda x: np.clip(x, 0, 6))])
@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_unary_integer_ops(cls, reference, dtype):
    x = np.array([-9, -1, 0, 3, 7], dtype)
    out = _run1(cls, x)
    np.testing.assert_array_equal(out, reference(x))
    assert out.dtype == dtype


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_sigmoid_and_softplus_are_stable_for_large_inputs(dtype):
    x = np.array([-1e4, -100, -30, 0, 30, 100, 1e4], dtype) if dtype != np.float16 else \
        np.array([-6e4, -100, -30, 0, 30, 100, 6e4], dtype)
    sig = _run1(M.SigmoidOp, x)
    assert np.all(np.isfinite(sig))
    assert sig[0] == 0 and sig[-1] == 1 and sig[3] == 0.5
    soft = _run1(M.SoftplusOp, x)
    assert np.all(np.isfinite(soft))
    assert soft[0] == 0 and soft[-1] == x[-1] and soft[-2] == x[-2]
    np.testing.assert_allclose(soft[3], np.log(2), rtol=1e-3)
    elu = _run1(M.EluOp, x)
    assert elu[0] == -1 and elu[-1] == x[-1]


def test_relu_keeps_nan():
    assert np.isnan(_run1(M.ReluOp, np.array([np.nan], np.float32))[0])


def test_sqrt_and_log_outside_their_domain_give_nan_and_inf():
    out = _run1(M.SqrtOp, np.array([-1.0, 4.0], np.float32))
    assert np.isnan(out[0]) and out[1] == 2
    assert _run1(M.LogOp, np.float32(0)) == -np.inf
    assert _run1(M.RsqrtOp, np.float32(0)) == np.inf


@pytest.mark.parametrize("cls", [M.SqrtOp, M.RsqrtOp, M.ExpOp, M.LogOp, M.Log1pOp, M.TanhOp, M.SigmoidOp,
                                 M.EluOp, M.SoftplusOp])
def test_float_only_ops_reject_integers(cls):
    param = "features" if cls in (M.EluOp, M.SoftplusOp) else "x"
    with pytest.raises(ShapeError, match=f"Value passed to parameter '{param}' has DataType int32 not in list "
                                         "of allowed values: bfloat16, float16, float32, float64"):
        result_types_of(cls, np.ones(3, np.int32))


@pytest.mark.parametrize("cls", [M.NegOp, M.AbsOp, M.AddV2Op, M.LessOp])
def test_number_ops_reject_bool(cls):
    args = [np.ones(3, bool)] * (1 if issubclass(cls, M.UnaryOp) else 2)
    with pytest.raises(ShapeError, match="has DataType bool not in list of allowed values"):
        result_types_of(cls, *args)


# ----- comparisons and logic ---------------------------------------------------------------------

COMPARISONS = [
    (M.EqualOp, np.equal),
    (M.NotEqualOp, np.not_equal),
    (M.LessOp, np.less),
    (M.LessEqualOp, np.less_equal),
    (M.GreaterOp, np.greater),
    (M.GreaterEqualOp, np.greater_equal),
]


@pytest.mark.parametrize("cls,reference", COMPARISONS, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("dtype", NUMBER_DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("dynamic", [False, True])
def test_comparisons_give_bool(cls, reference, dtype, dynamic):
    x = np.array([[1, 2, 3], [3, 2, 1]], dtype)
    y = np.array([2, 2, 2], dtype)
    out = _run1(cls, x, y, dynamic=dynamic)
    np.testing.assert_array_equal(out, reference(x, y))
    assert out.dtype == np.bool_
    assert str(result_types_of(cls, x, y)[0]) == "tensor<2x3xi1>"


def test_equality_of_bools_and_nan():
    p = np.array([True, False, True])
    np.testing.assert_array_equal(_run1(M.EqualOp, p, np.bool_(True)), p)
    np.testing.assert_array_equal(_run1(M.NotEqualOp, p, np.bool_(True)), ~p)
    nan = np.array([np.nan], np.float32)
    assert not _run1(M.EqualOp, nan, nan)[0] and _run1(M.NotEqualOp, nan, nan)[0]


def test_equal_with_incompatible_shapes_allowed():
    a, b = np.ones(2, np.int32), np.ones(3, np.int32)
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 2 and 3"):
        result_types_of(M.EqualOp, a, b)
    assert str(result_types_of(M.EqualOp, a, b, incompatible_shape_error=False)[0]) == "tensor<*xi1>"
    assert _run1(M.EqualOp, a, b, incompatible_shape_error=False) == np.bool_(False)
    assert _run1(M.NotEqualOp, a, b, incompatible_shape_error=False) == np.bool_(True)
    # compatible static shapes keep their broadcast shape; dynamic ones are unranked
    assert str(result_types_of(M.EqualOp, a, np.int32(1), incompatible_shape_error=False)[0]) == "tensor<2xi1>"
    np.testing.assert_array_equal(_run1(M.EqualOp, a, a, dynamic=True, incompatible_shape_error=False), [1, 1])


def test_logical_ops():
    p = np.array([[True, False], [True, True]])
    q = np.array([False, True])
    np.testing.assert_array_equal(_run1(M.LogicalAndOp, p, q), p & q)
    np.testing.assert_array_equal(_run1(M.LogicalOrOp, p, q, dynamic=True), p | q)
    np.testing.assert_array_equal(_run1(M.LogicalNotOp, p), ~p)
    with pytest.raises(ShapeError, match="Value passed to parameter 'x' has DataType int32 not in list of "
                                         "allowed values: bool"):
        result_types_of(M.LogicalNotOp, np.ones(2, np.int32))


# ----- inference -------------------------------------------------------------------------------

def test_broadcast_inference_keeps_dynamic_dims_and_unranked():
    x = np.ones((2, 3), np.float32)
    assert str(result_types_of(M.AddV2Op, x, np.ones(3, np.float32))[0]) == "tensor<2x3xf32>"
    assert str(result_types_of(M.AddV2Op, x, np.ones(3, np.float32), dynamic=True)[0]) == "tensor<?x?xf32>"
    shapes = {((None, 3), (1,)): "tensor<?x3xf32>", ((None, 1), (3,)): "tensor<?x3xf32>",
              ((None, 1), (None,)): "tensor<?x?xf32>", ((2, None), (2, 1)): "tensor<2x?xf32>",
              ((4,), None): "tensor<*xf32>"}
    for (a, b), expected in shapes.items():
        ta = T.TensorType(a, T.f32)
        tb = T.UnrankedTensorType(T.f32) if b is None else T.TensorType(b, T.f32)
        assert str(_infer(M.MulOp, ta, tb)[0]) == expected


def _infer(cls, *types, **attrs):
    from tfc.dialects.func import FuncOp
    func = FuncOp.create("f", list(types), [])
    op = cls.create(*func.entry.arguments, **attrs)
    return [r.type for r in op.results]


@pytest.mark.parametrize("cls", [M.AddV2Op, M.SubOp, M.MulOp, M.RealDivOp, M.FloorModOp, M.LessOp,
                                 M.EqualOp, M.LogicalAndOp])
def test_incompatible_broadcast_is_a_shape_error(cls):
    dtype = bool if cls is M.LogicalAndOp else np.float32
    with pytest.raises(ShapeError, match="Dimensions must be equal, but are 3 and 4"):
        result_types_of(cls, np.ones((2, 3), dtype), np.ones(4, dtype))


def test_mismatched_element_types_are_a_shape_error():
    with pytest.raises(ShapeError, match="Input 'y' of 'AddV2' Op has type int32 that does not match type "
                                         "float32 of argument 'x'."):
        result_types_of(M.AddV2Op, np.ones(2, np.float32), np.ones(2, np.int32))


def test_wrong_result_type_fails_verification():
    from tfc.ir.diagnostics import DiagnosticError
    with pytest.raises(DiagnosticError, match="incompatible with return type"):
        run_op(M.LessOp, np.ones(2, np.float32), np.ones(2, np.float32),
               result_types=[T.TensorType((2,), T.f32)])


# ----- selection -----------------------------------------------------------------------------------

def test_select_same_shape_vector_rows_and_scalar():
    t, e = _data((3, 2), np.float32, 1), _data((3, 2), np.float32, 2)
    c = np.array([[True, False], [False, False], [True, True]])
    np.testing.assert_array_equal(_run1(M.SelectOp, c, t, e), np.where(c, t, e))
    rows = np.array([True, False, True])
    np.testing.assert_array_equal(_run1(M.SelectOp, rows, t, e), np.where(rows[:, None], t, e))
    np.testing.assert_array_equal(_run1(M.SelectOp, rows, t, e, dynamic=True), np.where(rows[:, None], t, e))
    np.testing.assert_array_equal(_run1(M.SelectOp, np.bool_(False), t, e), e)
    v = np.array([1, 2, 3], np.int32)
    np.testing.assert_array_equal(_run1(M.SelectOp, rows, v, -v), [1, -2, 3])


def test_select_shape_errors():
    t = np.ones((3, 2), np.float32)
    with pytest.raises(ShapeError, match="Dimension 0 in both shapes must be equal, but are 2 and 3"):
        result_types_of(M.SelectOp, np.ones(2, bool), t, t)
    with pytest.raises(ShapeError, match="Shapes must be equal rank, but are 2 and 3"):
        result_types_of(M.SelectOp, np.ones((3, 2, 1), bool), t, t)
    with pytest.raises(ShapeError, match="Value passed to parameter 'condition' has DataType float32"):
        result_types_of(M.SelectOp, np.ones(3, np.float32), t, t)
    with pytest.raises(ShapeError, match="Input 'e' of 'Select' Op has type int32"):
        result_types_of(M.SelectOp, np.ones(3, bool), t, np.ones((3, 2), np.int32))
    with pytest.raises(InvalidArgumentError, match="Number of batches of 'then' must match size of 'cond'"):
        run_op(M.SelectOp, np.ones(2, bool), t, t, dynamic=True)


def test_select_v2_broadcasts_all_three():
    c = np.array([[True], [False]])
    t = np.array([1.0, 2.0, 3.0], np.float32)
    e = np.float32(-1)
    out = _run1(M.SelectV2Op, c, t, e)
    np.testing.assert_array_equal(out, np.where(c, t, e))
    assert out.shape == (2, 3)
    np.testing.assert_array_equal(_run1(M.SelectV2Op, c, t, e, dynamic=True), np.where(c, t, e))
    with pytest.raises(ShapeError, match="Dimensions must be equal"):
        result_types_of(M.SelectV2Op, np.ones(2, bool), t, e)


# ----- casts ---------------------------------------------------------------------------------------

def test_cast_float_to_int_truncates_toward_zero():
    x = np.array([-2.7, -0.5, 0.5, 2.7, 7.0], np.float32)
    for dtype, ir in ((np.int32, T.i32), (np.int64, T.i64), (np.int8, T.i8)):
        out = _run1(M.CastOp, x, DstT=ir)
        np.testing.assert_array_equal(out, [-2, 0, 0, 2, 7])
        assert out.dtype == dtype


def test_cast_to_and_from_bool():
    x = np.array([0.0, -0.0, 0.1, np.nan, -3], np.float32)
    np.testing.assert_array_equal(_run1(M.CastOp, x, DstT=T.i1), [False, False, True, True, True])
    np.testing.assert_array_equal(_run1(M.CastOp, np.array([True, False]), DstT=T.f32), [1.0, 0.0])
    np.testing.assert_array_equal(_run1(M.CastOp, np.array([3, 0], np.int32), DstT=T.i1), [True, False])


def test_cast_between_widths():
    out = _run1(M.CastOp, np.array([1, 2**40], np.int64), DstT=T.f64)
    np.testing.assert_array_equal(out, [1.0, 2.0**40])
    out = _run1(M.CastOp, np.array([0.1], np.float64), DstT=T.f32)
    assert out.dtype == np.float32 and out[0] == np.float32(0.1)
    assert str(result_types_of(M.CastOp, np.ones(2, np.float32), dynamic=True, DstT=T.i64)[0]) == "tensor<?xi64>"


def test_cast_to_bfloat16_rounds_or_truncates():
    x = np.array([1.0 + 2**-8 + 2**-10, 1.0 + 2**-9], np.float32)  # bf16 keeps 7 fraction bits
    rounded = _run1(M.CastOp, x, DstT=T.bf16)
    truncated = _run1(M.CastOp, x, DstT=T.bf16, Truncate=True)
    np.testing.assert_array_equal(rounded, [1.0 + 2**-7, 1.0])  # ties go to even
    np.testing.assert_array_equal(truncated, [1.0, 1.0])


def test_cast_rejects_non_number_destinations():
    with pytest.raises(ShapeError, match="Value for attr 'DstT' of index"):
        result_types_of(M.CastOp, np.ones(2, np.float32), DstT=T.index)


# ----- folding -------------------------------------------------------------------------------------

def _constant(array):
    array = np.asarray(array)
    from tfc.frontend import dtypes as D
    return A.DenseElementsAttr(array, T.TensorType(array.shape, D.as_dtype(array.dtype).ir))


def _fold_op(cls, *arrays, **attrs):
    from tfc.dialects.func import FuncOp
    types = [T.TensorType(np.shape(a), T.f32 if np.asarray(a).dtype.kind == "f" else T.i32) for a in arrays]
    func = FuncOp.create("f", types, [])
    op = cls.create(*func.entry.arguments, **attrs)
    return op, op.fold([_constant(a) if a is not None else None for a in arrays])


def test_constant_operands_fold_through_compute():
    op, folded = _fold_op(M.AddV2Op, np.array([1.0, 2.0], np.float32), np.float32(3))
    np.testing.assert_array_equal(folded[0].data, [4.0, 5.0])
    op, folded = _fold_op(M.FloorDivOp, np.array([1, 2], np.int32), np.array([0, 1], np.int32))
    assert folded is None  # a division by zero is left to fail at run time


def test_identities_fold_only_when_the_type_is_unchanged():
    from tfc.dialects.func import FuncOp
    func = FuncOp.create("f", [T.TensorType((3,), T.f32), T.TensorType((), T.f32)], [])
    x, s = func.entry.arguments
    mul = M.MulOp.create(x, s)
    assert mul.fold([None, _constant(np.float32(1))]) == [x]
    scalar_mul = M.MulOp.create(s, x)  # the result is 3 wide, s is a scalar
    assert scalar_mul.fold([None, _constant(np.ones(3, np.float32))]) is None
    add = M.AddV2Op.create(x, s)
    assert add.fold([None, _constant(np.float32(0))]) is None  # -0.0 + 0.0 is +0.0
    assert add.fold([None, _constant(np.float32(-0.0))]) == [x]
    assert M.SubOp.create(x, s).fold([None, _constant(np.float32(0))]) == [x]
