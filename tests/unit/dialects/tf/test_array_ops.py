"""tf array and slice ops: interpreted against numpy, static and dynamic result types, TF's
shape errors, folds and values known while building."""

import numpy as np
import pytest

from tf_harness import build_module, const, result_types_of, run_op
from tfc.dialects.tf.array_ops import (ConcatV2Op, ExpandDimsOp, PackOp, ReshapeOp, SqueezeOp, TileOp,
                                       TransposeOp, UnpackOp, partial_ints)
from tfc.dialects.tf.shape_ops import FillOp, OneHotOp, OnesLikeOp, RankOp, ShapeOp, SizeOp, ZerosLikeOp
from tfc.dialects.tf.base import ShapeError, constant_value
from tfc.dialects.tf.slice_ops import SliceOp, StridedSliceOp
from tfc.errors import InvalidArgumentError
from tfc.ir import types as T
from tfc.ir.parser import parse_module
from tfc.ir.printer import print_op
from tfc.ir.verifier import verify
from tfc.passes.canonicalize import CanonicalizePass

X = np.arange(24, dtype=np.float32).reshape(2, 3, 4)


def i32(v):
    return const(np.asarray(v, np.int32))


def types(op_class, *inputs, **attrs):
    return [str(t) for t in result_types_of(op_class, *inputs, **attrs)]


def check(op_class, inputs, expected, **attrs):
    """Run statically shaped and with dynamic dims; both must give `expected`."""
    for dynamic in (False, True):
        outs = run_op(op_class, *inputs, dynamic=dynamic, **attrs)
        expected_list = expected if isinstance(expected, list) else [expected]
        assert len(outs) == len(expected_list)
        for out, want in zip(outs, expected_list):
            want = np.asarray(want)
            assert out.shape == want.shape
            assert out.dtype == want.dtype
            np.testing.assert_array_equal(out, want)


# ----- Reshape ----------------------------------------------------------------------------------

def test_reshape_values_and_static_types():
    check(ReshapeOp, [X, i32([4, 6])], X.reshape(4, 6))
    check(ReshapeOp, [X, i32([-1, 2])], X.reshape(-1, 2))
    check(ReshapeOp, [X, i32([-1])], X.reshape(-1))
    assert types(ReshapeOp, X, i32([-1, 2])) == ["tensor<12x2xf32>"]
    assert types(ReshapeOp, X, i32([4, -1, 3])) == ["tensor<4x2x3xf32>"]
    assert types(ReshapeOp, np.float32(1), i32([1, 1])) == ["tensor<1x1xf32>"]


def test_reshape_dynamic_types():
    assert types(ReshapeOp, X, i32([-1, 4]), dynamic=True) == ["tensor<?x4xf32>"]
    assert types(ReshapeOp, X, np.array([4, 6], np.int32)) == ["tensor<?x?xf32>"]  # shape not constant
    # one unknown dim in and out with equal known products: the unknown dim carries over
    module, op, _ = build_module(ReshapeOp, [np.zeros((2, 3), np.float32), i32([-1, 3])], dynamic=True)
    assert str(op.output.type) == "tensor<?x3xf32>"


def test_reshape_shape_errors():
    with pytest.raises(ShapeError, match=r"Cannot reshape a tensor with 6 elements to shape \[4\] \(4 elements\)"):
        result_types_of(ReshapeOp, np.zeros((2, 3), np.float32), i32([4]))
    with pytest.raises(ShapeError, match="Dimension size must be evenly divisible by 2 but is 7"):
        result_types_of(ReshapeOp, np.zeros(7, np.float32), i32([2, -1]))
    with pytest.raises(ShapeError, match="Only one input size may be -1, not both 0 and 1"):
        result_types_of(ReshapeOp, X, i32([-1, -1]))
    with pytest.raises(ShapeError, match="Size 1 must be non-negative, not -2"):
        result_types_of(ReshapeOp, X, i32([2, -2]))
    with pytest.raises(ShapeError, match="shape must be an int32 or int64 tensor"):
        result_types_of(ReshapeOp, X, const(np.array([24.0], np.float32)))


def test_reshape_run_time_error():
    with pytest.raises(InvalidArgumentError, match="Input to reshape is a tensor with 24 values, but the requested "
                                                   "shape requires a multiple of 5"):
        run_op(ReshapeOp, X, i32([5, -1]), dynamic=True, result_types=[T.TensorType((None, None), T.f32)])


# ----- Transpose, ExpandDims, Squeeze ---------------------------------------------------------------

def test_transpose():
    check(TransposeOp, [X, i32([2, 0, 1])], X.transpose(2, 0, 1))
    assert types(TransposeOp, X, i32([2, 0, 1])) == ["tensor<4x2x3xf32>"]
    assert types(TransposeOp, X, i32([1, 0, 2]), dynamic=True) == ["tensor<?x?x?xf32>"]
    assert types(TransposeOp, X, np.array([1, 0, 2], np.int32)) == ["tensor<?x?x?xf32>"]
    with pytest.raises(ShapeError, match="Dimension must be 3 but is 2"):
        result_types_of(TransposeOp, X, i32([1, 0]))
    with pytest.raises(ShapeError, match="perm dim 3 is out of range of input rank 3"):
        result_types_of(TransposeOp, X, i32([1, 0, 3]))
    with pytest.raises(ShapeError, match="1 is duplicated in perm"):
        result_types_of(TransposeOp, X, i32([1, 1, 0]))


def test_expand_dims():
    for d in (0, 1, 3, -1, -4):
        check(ExpandDimsOp, [X, i32(d)], np.expand_dims(X, d))
    assert types(ExpandDimsOp, X, i32(-1)) == ["tensor<2x3x4x1xf32>"]
    assert types(ExpandDimsOp, X, i32(1), dynamic=True) == ["tensor<?x1x?x?xf32>"]
    assert types(ExpandDimsOp, X, np.int32(1)) == ["tensor<?x?x?x?xf32>"]
    with pytest.raises(ShapeError, match=r"dim 4 not in the interval \[-4, 3\]"):
        result_types_of(ExpandDimsOp, X, i32(4))


def test_squeeze():
    y = np.zeros((1, 3, 1, 2), np.float32)
    check(SqueezeOp, [y], np.squeeze(y))
    check(SqueezeOp, [y], np.squeeze(y, 2), squeeze_dims=[-2])
    assert types(SqueezeOp, y) == ["tensor<3x2xf32>"]
    assert types(SqueezeOp, y, squeeze_dims=[0]) == ["tensor<3x1x2xf32>"]
    assert types(SqueezeOp, y, dynamic=True) == ["tensor<*xf32>"]  # any ? dim may be a 1
    assert types(SqueezeOp, y, dynamic=True, squeeze_dims=[0, 2]) == ["tensor<?x?xf32>"]
    with pytest.raises(ShapeError, match=r"Can not squeeze dim\[1\], expected a dimension of 1, got 3"):
        result_types_of(SqueezeOp, y, squeeze_dims=[1])
    with pytest.raises(ShapeError, match="not in"):
        result_types_of(SqueezeOp, y, squeeze_dims=[4])
    with pytest.raises(InvalidArgumentError, match="Can not squeeze dim"):
        run_op(SqueezeOp, y, dynamic=True, squeeze_dims=[1], result_types=[T.TensorType((None, None, None), T.f32)])


# ----- ConcatV2, Pack, Unpack -------------------------------------------------------------------------

def test_concat():
    a, b = X, X[:, :2] + 100
    check(ConcatV2Op, [[a, b], i32(1)], np.concatenate([a, b], 1))
    check(ConcatV2Op, [[a, a, a], i32(-1)], np.concatenate([a, a, a], -1))
    assert types(ConcatV2Op, [a, b], i32(1)) == ["tensor<2x5x4xf32>"]
    assert types(ConcatV2Op, [a, b], i32(1), dynamic=True) == ["tensor<?x?x?xf32>"]
    assert types(ConcatV2Op, [a, b], np.int32(1)) == ["tensor<?x?x?xf32>"]


def test_concat_shape_errors():
    with pytest.raises(ShapeError, match="Dimension 0 in both shapes must be equal, but are 2 and 3"):
        result_types_of(ConcatV2Op, [np.zeros((2, 2), np.float32), np.zeros((2, 3), np.float32)], i32(0))
    with pytest.raises(ShapeError, match="Dimension 1 in both shapes must be equal, but are 2 and 3"):
        result_types_of(ConcatV2Op, [np.zeros((4, 2, 5), np.float32), np.zeros((4, 3, 5), np.float32)], i32(2))
    with pytest.raises(ShapeError, match="Shape must be rank 2 but is rank 1"):
        result_types_of(ConcatV2Op, [np.zeros((2, 2), np.float32), np.zeros(2, np.float32)], i32(0))
    with pytest.raises(ShapeError, match=r"Can't concatenate scalars \(use tf.stack instead\)"):
        result_types_of(ConcatV2Op, [np.float32(1), np.float32(2)], i32(0))
    with pytest.raises(ShapeError, match=r"in the range \[-2, 2\), but got 2"):
        result_types_of(ConcatV2Op, [np.zeros((2, 2), np.float32)] * 2, i32(2))
    with pytest.raises(ShapeError, match="element types differ"):
        result_types_of(ConcatV2Op, [np.zeros(2, np.float32), np.zeros(2, np.int32)], i32(0))


def test_pack_and_unpack():
    a, b = X[0], X[1]
    for axis in (0, 1, 2, -1, -3):
        check(PackOp, [[a, b]], np.stack([a, b], axis), axis=axis)
    assert types(PackOp, [a, b], axis=1) == ["tensor<3x2x4xf32>"]
    assert types(PackOp, [a, b], axis=1, dynamic=True) == ["tensor<?x2x?xf32>"]
    for axis in (0, 1, -1):
        check(UnpackOp, [X], list(np.moveaxis(X, axis, 0)), num=X.shape[axis], axis=axis)
    check(UnpackOp, [X[:1]], [X[0]], num=1)
    assert types(UnpackOp, X, num=3, axis=1) == ["tensor<2x4xf32>"] * 3
    assert types(UnpackOp, X, num=3, axis=1, dynamic=True) == ["tensor<?x?xf32>"] * 3


def test_pack_and_unpack_errors():
    with pytest.raises(ShapeError, match=r"Invalid axis: 3; must be in \[-3,3\)"):
        result_types_of(PackOp, [X[0], X[1]], axis=3)
    with pytest.raises(ShapeError, match="Shapes must be equal rank, but are 2 and 1"):
        result_types_of(PackOp, [X[0], X[0, 0]])
    with pytest.raises(ShapeError, match="Dimension 1 in both shapes must be equal, but are 4 and 3"):
        result_types_of(PackOp, [X[0], X[0, :, :3]])
    with pytest.raises(ShapeError, match="Dimension must be 2 but is 3"):
        result_types_of(UnpackOp, X, num=2, axis=1)
    with pytest.raises(ShapeError, match=r"Invalid axis: -4; must be in \[-3,3\)"):
        result_types_of(UnpackOp, X, num=2, axis=-4)
    with pytest.raises(InvalidArgumentError, match="Input shape axis 0 must equal 3"):
        run_op(UnpackOp, X, dynamic=True, num=3)


# ----- Slice ------------------------------------------------------------------------------------------

def test_slice():
    check(SliceOp, [X, i32([1, 0, 1]), i32([1, 2, -1])], X[1:2, 0:2, 1:])
    check(SliceOp, [X, i32([0, 0, 0]), i32([-1, -1, -1])], X)
    assert types(SliceOp, X, i32([1, 0, 1]), i32([1, 2, -1])) == ["tensor<1x2x3xf32>"]
    assert types(SliceOp, X, i32([1, 0, 1]), i32([1, 2, -1]), dynamic=True) == ["tensor<1x2x?xf32>"]
    assert types(SliceOp, X, np.array([1, 0, 1], np.int32), i32([1, 2, -1])) == ["tensor<1x2x?xf32>"]


def test_slice_errors():
    with pytest.raises(ShapeError, match="Negative dimension size caused by subtracting 5 from 4"):
        result_types_of(SliceOp, X, i32([0, 0, 5]), i32([-1, -1, -1]))
    with pytest.raises(ShapeError, match="cannot be < -1"):
        result_types_of(SliceOp, X, i32([0, 0, 0]), i32([-1, -1, -2]))
    with pytest.raises(ShapeError, match=r"Expected size\[1\] in \[0, 2\], but got 3"):
        result_types_of(SliceOp, X, i32([0, 1, 0]), i32([1, 3, 1]))
    with pytest.raises(ShapeError, match="Shape must be rank 2 but is rank 3"):
        result_types_of(SliceOp, X, i32([0, 0]), i32([1, 1]))
    with pytest.raises(InvalidArgumentError, match=r"Expected size\[0\] in \[0, 1\], but got 2"):
        run_op(SliceOp, X, i32([1, 0, 0]), i32([2, 1, 1]), dynamic=True)


# ----- StridedSlice -------------------------------------------------------------------------------------

def spec(key):
    """begin, end, strides and masks for a Python key, as TensorFlow's _slice_helper makes them."""
    key = key if isinstance(key, tuple) else (key,)
    begin, end, strides = [], [], []
    masks = dict(begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0, shrink_axis_mask=0)
    for i, s in enumerate(key):
        if isinstance(s, slice):
            begin.append(0 if s.start is None else s.start)
            end.append(0 if s.stop is None else s.stop)
            strides.append(1 if s.step is None else s.step)
            masks["begin_mask"] |= (s.start is None) << i
            masks["end_mask"] |= (s.stop is None) << i
        elif s is Ellipsis:
            begin.append(0), end.append(0), strides.append(1)
            masks["ellipsis_mask"] |= 1 << i
        elif s is None:
            begin.append(0), end.append(0), strides.append(1)
            masks["new_axis_mask"] |= 1 << i
        else:
            begin.append(s), end.append(s + 1), strides.append(1)
            masks["shrink_axis_mask"] |= 1 << i
    return i32(begin), i32(end), i32(strides), masks


KEYS = [
    np.s_[1], np.s_[-1], np.s_[:, 1], np.s_[1:], np.s_[:, ::2], np.s_[::-1], np.s_[:, ::-2, 1:3],
    np.s_[..., 1], np.s_[1, ..., 2], np.s_[..., None], np.s_[None, :, None], np.s_[:, None, ..., None, 0],
    np.s_[..., None, 1], np.s_[1, None, -1], np.s_[10:], np.s_[-10:1], np.s_[:, 5:0:-1], np.s_[:, 1:1],
    np.s_[:, -1:-10:-1, ::-3], np.s_[..., ::-1], np.s_[:, :, -2], np.s_[1:-1:2, 2:0:-1], np.s_[...],
    np.s_[:, 3:1], np.s_[0, 0, 0],
]


@pytest.mark.parametrize("key", KEYS, ids=[str(k) for k in KEYS])
def test_strided_slice_matches_python_indexing(key):
    b, e, s, masks = spec(key)
    want = X[key]
    check(StridedSliceOp, [X, b, e, s], want, **masks)
    assert types(StridedSliceOp, X, b, e, s, **masks) == [str(T.TensorType(want.shape, T.f32))]
    dynamic, = result_types_of(StridedSliceOp, X, b, e, s, dynamic=True, **masks)
    assert dynamic.rank == want.ndim


def test_strided_slice_dynamic_dims_keep_what_is_known():
    b, e, s, masks = spec(np.s_[None, 1, :, ::2])
    assert types(StridedSliceOp, X, b, e, s, dynamic=True, **masks) == ["tensor<1x?x?xf32>"]
    # unknown begin and end: only new axes and shrunk dims are known
    b, e, s, masks = spec(np.s_[1:2, None, 0])
    assert types(StridedSliceOp, X, np.array([1, 0, 0], np.int32), np.array([2, 0, 1], np.int32), s,
                 **masks) == ["tensor<?x1x4xf32>"]


def test_strided_slice_errors():
    b, e, s, masks = spec(np.s_[5])
    with pytest.raises(ShapeError, match="slice index 5 of dimension 0 out of bounds."):
        result_types_of(StridedSliceOp, X, b, e, s, **masks)
    with pytest.raises(InvalidArgumentError, match="slice index 5 of dimension 0 out of bounds."):
        run_op(StridedSliceOp, X, b, e, s, dynamic=True, **masks)
    with pytest.raises(ShapeError, match=r"strides\[0\] must be non-zero"):
        result_types_of(StridedSliceOp, X, i32([0]), i32([1]), i32([0]))
    with pytest.raises(ShapeError, match="Multiple ellipses in slice spec not allowed"):
        result_types_of(StridedSliceOp, X, i32([0, 0]), i32([0, 0]), i32([1, 1]), ellipsis_mask=3)
    with pytest.raises(ShapeError, match="Index out of range using input dim 3; input has only 3 dims"):
        result_types_of(StridedSliceOp, X, *spec(np.s_[0, 0, 0, 0])[:3], shrink_axis_mask=15)
    with pytest.raises(ShapeError, match="Expected begin, end, and strides to be 1D equal size tensors"):
        result_types_of(StridedSliceOp, X, i32([0]), i32([1, 1]), i32([1]))


# ----- Tile, Fill, ZerosLike, OnesLike ---------------------------------------------------------------

def test_tile():
    check(TileOp, [X, i32([1, 2, 3])], np.tile(X, (1, 2, 3)))
    check(TileOp, [X, i32([2, 0, 1])], np.tile(X, (2, 0, 1)))
    assert types(TileOp, X, i32([1, 2, 3])) == ["tensor<2x6x12xf32>"]
    assert types(TileOp, X, i32([1, 0, 3]), dynamic=True) == ["tensor<?x0x?xf32>"]
    with pytest.raises(ShapeError, match="Expected multiples argument to be a vector of length 3 but got length 2"):
        result_types_of(TileOp, X, i32([1, 2]))
    with pytest.raises(ShapeError, match=r"Expected multiples\[1\] >= 0, but got -1"):
        result_types_of(TileOp, X, i32([1, -1, 1]))


def test_fill_and_zeros_ones_like():
    check(FillOp, [i32([2, 3]), const(np.float32(1.5))], np.full((2, 3), 1.5, np.float32))
    check(FillOp, [np.array([2, 3], np.int32), np.int32(7)], np.full((2, 3), 7, np.int32))
    assert types(FillOp, i32([2, 3]), const(np.float32(1.5))) == ["tensor<2x3xf32>"]
    assert types(FillOp, np.array([2, 3], np.int32), np.float32(1.5)) == ["tensor<?x?xf32>"]
    with pytest.raises(ShapeError, match="Shape must be rank 0 but is rank 1"):
        result_types_of(FillOp, i32([2]), np.zeros(2, np.float32))
    with pytest.raises(ShapeError, match="Fill dimensions must be >= 0"):
        result_types_of(FillOp, i32([2, -1]), np.float32(0))
    check(ZerosLikeOp, [X], np.zeros_like(X))
    check(OnesLikeOp, [X.astype(np.int32)], np.ones(X.shape, np.int32))
    assert types(OnesLikeOp, X, dynamic=True) == ["tensor<?x?x?xf32>"]


# ----- Shape, Size, Rank -------------------------------------------------------------------------------

def test_shape_size_rank():
    check(ShapeOp, [X], np.array([2, 3, 4], np.int32))
    check(ShapeOp, [X], np.array([2, 3, 4], np.int64), out_type=T.i64)
    check(SizeOp, [X], np.int32(24))
    check(SizeOp, [X], np.int64(24), out_type=T.i64)
    check(RankOp, [X], np.int32(3))
    assert types(ShapeOp, X, dynamic=True) == ["tensor<3xi32>"]
    assert types(SizeOp, X, dynamic=True) == ["tensor<i32>"]
    with pytest.raises(ShapeError, match="out_type must be int32 or int64"):
        result_types_of(ShapeOp, X, out_type=T.f32)


def test_static_values_and_partial_shapes():
    _, op, _ = build_module(ShapeOp, [X])
    np.testing.assert_array_equal(constant_value(op.output), [2, 3, 4])
    _, op, _ = build_module(ShapeOp, [X], dynamic=True)
    assert constant_value(op.output) is None
    assert partial_ints(op.output) == [None, None, None]
    _, op, _ = build_module(SizeOp, [np.zeros((2, 0), np.float32)])
    assert constant_value(op.output) == 0
    _, op, _ = build_module(RankOp, [X], dynamic=True)
    assert constant_value(op.output) == 3


def _module(text):
    module = parse_module(text)
    verify(module)
    return module


def test_shape_of_a_partly_known_tensor_gives_its_known_dims():
    module = _module("""
    func.func @f(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
      %s = "tf.Shape"(%x) : (tensor<?x3xf32>) -> tensor<2xi32>
      %b = "tf.Const"() <{value = dense<1> : tensor<1xi32>}> : () -> tensor<1xi32>
      %e = "tf.Const"() <{value = dense<2> : tensor<1xi32>}> : () -> tensor<1xi32>
      %one = "tf.StridedSlice"(%s, %b, %e, %e) <{shrink_axis_mask = 1}> : (tensor<2xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<i32>
      %m = "tf.Const"() <{value = dense<-1> : tensor<i32>}> : () -> tensor<i32>
      %shape = "tf.Pack"(%m, %one) : (tensor<i32>, tensor<i32>) -> tensor<2xi32>
      %y = "tf.Reshape"(%x, %shape) : (tensor<?x3xf32>, tensor<2xi32>) -> tensor<?x3xf32>
      return %y : tensor<?x3xf32>
    }""")
    ops = {op.name: op for op in module.walk()}
    assert constant_value(ops["tf.StridedSlice"].output) == 3
    assert partial_ints(ops["tf.Pack"].output) == [-1, 3]
    inferred = ReshapeOp.infer_type(ops["tf.Reshape"].operands, ops["tf.Reshape"].properties)
    assert str(inferred[0]) == "tensor<?x3xf32>"


# ----- OneHot ---------------------------------------------------------------------------------------------

def _one_hot(indices, depth, on, off, axis):
    out = np.where(indices[..., None] == np.arange(depth), on, off)
    return np.moveaxis(out, -1, axis) if axis != -1 else out


def test_one_hot():
    idx = np.array([[0, 2, -1], [3, 1, 5]], np.int32)
    on, off = const(np.float32(5)), const(np.float32(-1))
    for axis in (-1, 0, 1, 2):
        check(OneHotOp, [idx, i32(4), on, off], _one_hot(idx, 4, np.float32(5), np.float32(-1), axis), axis=axis)
    assert types(OneHotOp, idx, i32(4), on, off) == ["tensor<2x3x4xf32>"]
    assert types(OneHotOp, idx, i32(4), on, off, axis=0) == ["tensor<4x2x3xf32>"]
    assert types(OneHotOp, idx, np.int32(4), on, off, axis=1) == ["tensor<2x?x3xf32>"]
    with pytest.raises(ShapeError, match="axis must be >= -1"):
        result_types_of(OneHotOp, idx, i32(4), on, off, axis=-2)
    with pytest.raises(ShapeError, match="on_value and off_value must have the same type"):
        result_types_of(OneHotOp, idx, i32(4), on, const(np.int32(0)))


# ----- folding --------------------------------------------------------------------------------------------

def canonical(text):
    module = _module(text)
    CanonicalizePass().run(module)
    verify(module)
    return print_op(module)


def test_folds():
    out = canonical("""
    func.func @f(%x: tensor<2x3xf32>, %d: tensor<?x3xf32>) -> (tensor<2xi32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xi32>, tensor<2x3xf32>) {
      %s = "tf.Shape"(%x) : (tensor<2x3xf32>) -> tensor<2xi32>
      %y = "tf.Reshape"(%x, %s) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
      %p = "tf.Const"() <{value = dense<[0, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
      %t = "tf.Transpose"(%y, %p) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
      %ds = "tf.Shape"(%d) : (tensor<?x3xf32>) -> tensor<2xi32>
      %z = "tf.ZerosLike"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
      return %s, %t, %y, %ds, %z : tensor<2xi32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xi32>, tensor<2x3xf32>
    }""")
    assert '"tf.Const"() <{value = dense<[2, 3]> : tensor<2xi32>}>' in out
    assert "tf.Reshape" not in out and "tf.Transpose" not in out and "tf.ZerosLike" not in out
    assert "tf.Shape" in out  # the dynamic one stays
    assert "dense<0.000000e+00> : tensor<2x3xf32>" in out


def test_constant_operands_fold_by_computing():
    out = canonical("""
    func.func @f() -> (tensor<3x2xi32>, tensor<2xi32>) {
      %c = "tf.Const"() <{value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>}> : () -> tensor<2x3xi32>
      %p = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
      %t = "tf.Transpose"(%c, %p) : (tensor<2x3xi32>, tensor<2xi32>) -> tensor<3x2xi32>
      %a, %b = "tf.Unpack"(%c) <{num = 2}> : (tensor<2x3xi32>) -> (tensor<3xi32>, tensor<3xi32>)
      %i = "tf.Const"() <{value = dense<1> : tensor<1xi32>}> : () -> tensor<1xi32>
      %e = "tf.Const"() <{value = dense<3> : tensor<1xi32>}> : () -> tensor<1xi32>
      %s = "tf.StridedSlice"(%b, %i, %e, %i) : (tensor<3xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<2xi32>
      return %t, %s : tensor<3x2xi32>, tensor<2xi32>
    }""")
    assert "dense<[[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>" in out
    assert "dense<[5, 6]> : tensor<2xi32>" in out
    assert "tf.Unpack" not in out and "tf.StridedSlice" not in out


def test_single_result_unpack_folds():
    out = canonical("""
    func.func @f() -> tensor<2xi32> {
      %c = "tf.Const"() <{value = dense<[[1, 2]]> : tensor<1x2xi32>}> : () -> tensor<1x2xi32>
      %a = "tf.Unpack"(%c) <{num = 1}> : (tensor<1x2xi32>) -> tensor<2xi32>
      return %a : tensor<2xi32>
    }""")
    assert "dense<[1, 2]> : tensor<2xi32>" in out and "tf.Unpack" not in out
