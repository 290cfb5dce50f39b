"""tf-to-linalg on constants, identities and the shape/array ops keeps the numbers: each op runs
through the interpreter before and after the lowering, and the results are identical (values,
dtypes and shapes), with static and dynamic dims."""

import numpy as np
import pytest

from tests.tf_harness import build_module, const
from tfc.backends.interpreter import Interpreter
from tfc.dialects.tf import array_ops as tfa
from tfc.dialects.tf import core_ops as tfcore
from tfc.dialects.tf import math_ops as tfm
from tfc.dialects.tf import shape_ops as tfs
from tfc.dialects.tf import slice_ops as tfsl
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.verifier import verify
from tfc.passes.tf_to_linalg import NOT_LOWERED, UnsupportedOpError, lower_tf_ops

X = np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 5.5


def _lowered(module):
    """The module's text before, and the module after `tf-to-linalg` (strict), re-parsed."""
    verify(module)
    before = str(module)
    load_all_passes()
    parse_pipeline("builtin.module(tf-to-linalg{strict=true})").run(module)
    after = str(module)
    assert '"tf.' not in after
    reparsed = parse_module(after)
    verify(reparsed)
    assert str(reparsed) == after
    return parse_module(before), reparsed


def _same(reference, lowered, args):
    want = Interpreter().call(reference, "f", *args)
    got = Interpreter().call(lowered, "f", *args)
    assert len(got) == len(want)
    for w, g in zip(want, got):
        w, g = np.asarray(w), np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w)
    return got


def check(op_class, *inputs, dynamic=False, **attrs):
    """Lower one tf op built by the harness and compare the interpreter's results."""
    module, _, args = build_module(op_class, inputs, None, dynamic, **attrs)
    reference, lowered = _lowered(module)
    return _same(reference, lowered, args), str(lowered)


def check_text(text, *args):
    reference, lowered = _lowered(parse_module(text))
    return _same(reference, lowered, args), str(lowered)


# ----- constants and identities ------------------------------------------------------------------

@pytest.mark.parametrize("value", [X, np.array([[True, False]]), np.arange(6, dtype=np.int64).reshape(3, 2),
                                   np.float64(2.5), np.full((2, 2), 7, np.int32)])
def test_const(value):
    (got,), text = check(tfcore.IdentityOp, const(value))
    np.testing.assert_array_equal(got, value)
    assert '"arith.constant"' in text


@pytest.mark.parametrize("op_class", [tfcore.IdentityOp, tfcore.StopGradientOp])
@pytest.mark.parametrize("dynamic", [False, True])
def test_identities(op_class, dynamic):
    (got,), text = check(op_class, X > 0, dynamic=dynamic)
    np.testing.assert_array_equal(got, X > 0)
    assert "linalg" not in text


def test_placeholder_with_default_casts_to_its_less_specific_type():
    _, text = check_text("""func.func @f(%x: tensor<2x3xi32>) -> tensor<?x3xi32> {
      %y = "tf.PlaceholderWithDefault"(%x) <{shape = [-1, 3]}> : (tensor<2x3xi32>) -> tensor<?x3xi32>
      return %y : tensor<?x3xi32>
    }""", np.arange(6, dtype=np.int32).reshape(2, 3))
    assert '"tensor.cast"' in text


def test_placeholder_is_not_lowered():
    assert tfcore.PlaceholderOp in NOT_LOWERED
    module = parse_module("""func.func @f() -> tensor<2xf32> {
      %x = "tf.Placeholder"() <{dtype = f32, shape = [2]}> : () -> tensor<2xf32>
      return %x : tensor<2xf32>
    }""")
    with pytest.raises(UnsupportedOpError, match="tf.Placeholder.*function argument"):
        lower_tf_ops(module)


# ----- reshape-like ------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [[6, 4], [-1, 4], [2, 12], [24], [-1], [2, 3, 2, 2], [4, -1], [3, 2, 4],
                                   [1, 2, 1, 12, 1], [2, 3, 4]])
@pytest.mark.parametrize("dynamic", [False, True])
def test_reshape(shape, dynamic):
    (got,), _ = check(tfa.ReshapeOp, X, const(shape, np.int32), dynamic=dynamic)
    np.testing.assert_array_equal(got, X.reshape(shape))


@pytest.mark.parametrize("src, dst, target, forms", [
    ("?x3x4", "?x12", [-1, 12], ["collapse_shape"]),
    ("?x12", "?x3x4", [-1, 3, 4], ["expand_shape"]),
    ("3x?", "?x3", [-1, 3], ["collapse_shape", "expand_shape"]),
    ("2x?x4", "2x?", [2, -1], ["collapse_shape"]),
    ("?x4", "4x?", [4, -1], ["collapse_shape", "expand_shape"]),
])
def test_reshape_with_one_dynamic_dim(src, dst, target, forms):
    dims = [int(d) if d != "?" else 6 for d in src.split("x")]
    x = np.arange(int(np.prod(dims)), dtype=np.float32).reshape(dims)
    (got,), text = check_text(f"""func.func @f(%x: tensor<{src}xf32>) -> tensor<{dst}xf32> {{
      %s = "tf.Const"() <{{value = dense<{target}> : tensor<{len(target)}xi32>}}> : () -> tensor<{len(target)}xi32>
      %y = "tf.Reshape"(%x, %s) : (tensor<{src}xf32>, tensor<{len(target)}xi32>) -> tensor<{dst}xf32>
      return %y : tensor<{dst}xf32>
    }}""", x)
    np.testing.assert_array_equal(got, x.reshape(target))
    for form in forms:
        assert f'"tensor.{form}"' in text


def test_reshape_of_scalars_and_empty_tensors():
    check(tfa.ReshapeOp, np.float32(3), const([1, 1], np.int32))
    check(tfa.ReshapeOp, np.ones((1, 1), np.int32), const([], np.int32))
    check(tfa.ReshapeOp, np.zeros((0, 3), np.float32), const([3, 0], np.int32))
    check(tfa.ReshapeOp, np.zeros((0, 3), np.float32), const([-1, 3], np.int32), dynamic=True)


def test_reshape_to_several_dynamic_dims_is_unsupported():
    module = parse_module("""func.func @f(%x: tensor<?xf32>, %s: tensor<2xi32>) -> tensor<?x?xf32> {
      %y = "tf.Reshape"(%x, %s) : (tensor<?xf32>, tensor<2xi32>) -> tensor<?x?xf32>
      return %y : tensor<?x?xf32>
    }""")
    with pytest.raises(UnsupportedOpError, match="more than one dynamic dim"):
        lower_tf_ops(module)


@pytest.mark.parametrize("dim", [0, 1, 3, -1, -4])
@pytest.mark.parametrize("dynamic", [False, True])
def test_expand_dims(dim, dynamic):
    (got,), _ = check(tfa.ExpandDimsOp, X, const(dim, np.int32), dynamic=dynamic)
    np.testing.assert_array_equal(got, np.expand_dims(X, dim))


def test_expand_dims_of_a_scalar():
    (got,), _ = check(tfa.ExpandDimsOp, np.int64(4), const([-1], np.int32))
    assert got.shape == (1,)


@pytest.mark.parametrize("dims", [[], [0], [2, -1], [-3]])
def test_squeeze(dims):
    x = X.reshape(1, 2, 1, 12, 1)
    (got,), _ = check(tfa.SqueezeOp, x, squeeze_dims=dims)
    np.testing.assert_array_equal(got, np.squeeze(x, tuple(dims)) if dims else np.squeeze(x))


def test_squeeze_dynamic_dims_named():
    (got,), _ = check(tfa.SqueezeOp, X.reshape(2, 1, 12), dynamic=True, squeeze_dims=[1])
    np.testing.assert_array_equal(got, X.reshape(2, 12))


@pytest.mark.parametrize("perm", [[2, 0, 1], [0, 1, 2], [1, 0, 2]])
@pytest.mark.parametrize("dynamic", [False, True])
def test_transpose(perm, dynamic):
    (got,), text = check(tfa.TransposeOp, X.astype(np.int32), const(perm, np.int32), dynamic=dynamic)
    np.testing.assert_array_equal(got, np.transpose(X.astype(np.int32), perm))
    assert ('"linalg.transpose"' in text) == (perm != [0, 1, 2])


# ----- joining and splitting ---------------------------------------------------------------------

@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("dynamic", [False, True])
def test_concat(axis, dynamic):
    (got,), _ = check(tfa.ConcatV2Op, [X, X * 2, X + 1], const(axis, np.int32), dynamic=dynamic)
    np.testing.assert_array_equal(got, np.concatenate([X, X * 2, X + 1], axis))


def test_concat_of_different_sizes_with_a_dynamic_input():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    b = np.arange(12, dtype=np.int32).reshape(4, 3)
    (got,), _ = check_text("""func.func @f(%a: tensor<?x3xi32>, %b: tensor<4x3xi32>) -> tensor<?x3xi32> {
      %axis = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
      %y = "tf.ConcatV2"(%a, %b, %axis) : (tensor<?x3xi32>, tensor<4x3xi32>, tensor<i32>) -> tensor<?x3xi32>
      return %y : tensor<?x3xi32>
    }""", a, b)
    np.testing.assert_array_equal(got, np.concatenate([a, b]))


@pytest.mark.parametrize("axis", [0, 1, 3, -1, -4])
@pytest.mark.parametrize("dynamic", [False, True])
def test_pack(axis, dynamic):
    (got,), _ = check(tfa.PackOp, [X, -X, X * 3], dynamic=dynamic, axis=axis)
    np.testing.assert_array_equal(got, np.stack([X, -X, X * 3], axis))


def test_pack_scalars_and_one_value():
    (got,), _ = check(tfa.PackOp, [np.int32(1), np.int32(2)])
    np.testing.assert_array_equal(got, [1, 2])
    (got,), _ = check(tfa.PackOp, [X > 0], axis=-1)
    np.testing.assert_array_equal(got, (X > 0)[..., None])


@pytest.mark.parametrize("axis, num", [(0, 2), (1, 3), (-1, 4)])
@pytest.mark.parametrize("dynamic", [False, True])
def test_unpack(axis, num, dynamic):
    got, _ = check(tfa.UnpackOp, X, dynamic=dynamic, axis=axis, num=num)
    for i, part in enumerate(got):
        np.testing.assert_array_equal(part, np.take(X, i, axis))


@pytest.mark.parametrize("multiples", [[2, 1, 3], [1, 1, 1], [1, 0, 2]])
@pytest.mark.parametrize("dynamic", [False, True])
def test_tile(multiples, dynamic):
    x = X.astype(np.int64)
    (got,), text = check(tfa.TileOp, x, const(multiples, np.int32), dynamic=dynamic)
    np.testing.assert_array_equal(got, np.tile(x, multiples))
    tiles = multiples != [1, 1, 1]
    assert (" mod " in text) == (tiles and not dynamic)
    assert ('"tensor.collapse_shape"' in text) == (tiles and dynamic)


def test_tile_bool_with_unit_dims():
    x = np.array([[True], [False]])
    (got,), _ = check(tfa.TileOp, x, const([2, 3], np.int64))
    np.testing.assert_array_equal(got, np.tile(x, [2, 3]))


# ----- slices ------------------------------------------------------------------------------------

@pytest.mark.parametrize("begin, size", [([1, 0, 1], [1, -1, 2]), ([0, 0, 0], [-1, -1, -1]), ([1, 2, 3], [1, 1, 1]),
                                         ([0, 1, 0], [2, 0, 4])])
@pytest.mark.parametrize("dynamic", [False, True])
def test_slice(begin, size, dynamic):
    (got,), _ = check(tfsl.SliceOp, X, const(begin, np.int32), const(size, np.int32), dynamic=dynamic)
    ends = [X.shape[i] if s == -1 else b + s for i, (b, s) in enumerate(zip(begin, size))]
    np.testing.assert_array_equal(got, X[tuple(slice(b, e) for b, e in zip(begin, ends))])


def test_slice_with_a_runtime_begin():
    (got,), text = check(tfsl.SliceOp, X, np.array([1, 1, 0], np.int64), const([1, 2, -1], np.int64))
    np.testing.assert_array_equal(got, X[1:2, 1:3, 0:])
    assert '"tensor.extract"' in text and '"arith.index_cast"' in text


STRIDED = [
    # begin, end, strides, masks (begin, end, ellipsis, new_axis, shrink)
    ([0, 1], [2, 3], [1, 1], (0, 0, 0, 0, 0)),
    ([1], [0], [1], (0, 0, 0, 0, 1)),                      # x[1]
    ([-1], [0], [1], (0, 0, 0, 0, 1)),                     # x[-1]
    ([0, -2], [0, 3], [1, 2], (1, 1, 0, 0, 0)),            # x[:, -2:3:2]
    ([0, 1], [0, 0], [1, 1], (0, 0, 1, 0, 2)),             # x[..., 1]
    ([0, 0, 1], [0, 0, 3], [1, 1, 1], (1, 1, 0, 2, 0)),    # x[:, newaxis, 1:3]
    ([0, 0, 0], [0, 0, 0], [1, 1, 1], (0, 0, 1, 6, 0)),    # x[..., newaxis, newaxis]
    ([1, 0, -3], [2, 0, 10], [1, 1, 3], (0, 2, 0, 0, 1)),  # x[1, :, -3:10:3]
    ([-5, 0], [7, 0], [2, 1], (0, 0, 0, 0, 2)),            # x[-5:7:2, 0] (clamped)
    ([0, 0], [0, 0], [1, 1], (3, 3, 0, 0, 0)),             # x[:, :]
    ([2, 0], [1, 0], [1, 1], (0, 3, 0, 0, 0)),             # an empty dim
]


@pytest.mark.parametrize("begin, end, strides, masks", STRIDED)
@pytest.mark.parametrize("dynamic", [False, True])
def test_strided_slice(begin, end, strides, masks, dynamic):
    names = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")
    x = X.astype(np.int32)
    got, _ = check(tfsl.StridedSliceOp, x, *(const(v, np.int32) for v in (begin, end, strides)), dynamic=dynamic,
                   **dict(zip(names, masks)))
    assert got[0].size > 0 or masks == (0, 3, 0, 0, 0)


@pytest.mark.parametrize("begin, end, strides, masks", [
    ([0], [0], [-1], (1, 1, 0, 0, 0)),                    # x[::-1]
    ([1, 2], [0, 0], [1, -2], (0, 2, 0, 0, 1)),           # x[1, 2::-2]
    ([0, 0, -1], [0, 0, 0], [1, 1, -1], (3, 3, 0, 0, 0)),  # x[:, :, -1:0:-1]
])
def test_strided_slice_negative_strides(begin, end, strides, masks):
    names = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")
    _, text = check(tfsl.StridedSliceOp, X, *(const(v, np.int32) for v in (begin, end, strides)),
                    **dict(zip(names, masks)))
    assert '"linalg.generic"' in text


def test_strided_slice_negative_strides_on_dynamic_dims_are_unsupported():
    module, _, _ = build_module(tfsl.StridedSliceOp, [X, const([0]), const([0]), const([-1])], None, True,
                                begin_mask=1, end_mask=1)
    with pytest.raises(UnsupportedOpError, match="negative strides"):
        lower_tf_ops(module)


# ----- tensors from shapes and values --------------------------------------------------------------

def test_fill_with_constant_dims():
    (got,), text = check(tfs.FillOp, const([2, 3], np.int32), np.float32(7.5))
    np.testing.assert_array_equal(got, np.full((2, 3), 7.5, np.float32))
    assert '"linalg.fill"' in text


def test_fill_with_runtime_dims():
    (got,), _ = check(tfs.FillOp, np.array([3, 0, 2], np.int64), np.int32(-4))
    assert got.shape == (3, 0, 2)
    (got,), _ = check(tfs.FillOp, np.array([2, 2], np.int32), np.bool_(True))
    np.testing.assert_array_equal(got, np.ones((2, 2), bool))


@pytest.mark.parametrize("op_class", [tfs.ZerosLikeOp, tfs.OnesLikeOp])
@pytest.mark.parametrize("value", [X, X.astype(np.int64), X > 0])
@pytest.mark.parametrize("dynamic", [False, True])
def test_zeros_and_ones_like(op_class, value, dynamic):
    check(op_class, value, dynamic=dynamic)


@pytest.mark.parametrize("op_class", [tfs.ShapeOp, tfs.SizeOp, tfs.RankOp])
@pytest.mark.parametrize("dynamic", [False, True])
def test_shape_size_rank(op_class, dynamic):
    (got,), text = check(op_class, X, dynamic=dynamic)
    assert ('"tensor.dim"' in text) == (dynamic and op_class is not tfs.RankOp)


def test_shape_int64_of_a_partly_dynamic_tensor():
    (got,), text = check_text("""func.func @f(%x: tensor<?x3xf32>) -> (tensor<2xi64>) {
      %s = "tf.Shape"(%x) <{out_type = i64}> : (tensor<?x3xf32>) -> tensor<2xi64>
      return %s : tensor<2xi64>
    }""", np.zeros((5, 3), np.float32))
    np.testing.assert_array_equal(got, [5, 3])
    assert '"tensor.from_elements"' in text


@pytest.mark.parametrize("start, limit, delta", [(3, 17, 4), (10, -3, -3), (0, 5, 1), (4, 4, 1), (-2, 7, 9)])
@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_range_runtime_ints(start, limit, delta, dtype):
    (got,), _ = check(tfm.RangeOp, dtype(start), dtype(limit), dtype(delta))
    np.testing.assert_array_equal(got, np.arange(start, limit, delta, dtype))


@pytest.mark.parametrize("start, limit, delta", [(3.0, -1.0, -0.5), (0.0, 2.0, 0.25), (1.0, 2.5, 0.5)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_range_runtime_floats(start, limit, delta, dtype):
    (got,), _ = check(tfm.RangeOp, dtype(start), dtype(limit), dtype(delta))
    np.testing.assert_array_equal(got, np.arange(start, limit, delta, dtype))


def test_range_constant_bounds():
    (got,), text = check(tfm.RangeOp, const(2, np.int32), const(11, np.int32), const(3, np.int32))
    np.testing.assert_array_equal(got, [2, 5, 8])
    assert '"linalg.index"' in text and '"tensor.empty"() : () -> tensor<3xi32>' in text


@pytest.mark.parametrize("axis", [-1, 0, 1])
@pytest.mark.parametrize("dynamic", [False, True])
def test_one_hot(axis, dynamic):
    indices = np.array([[0, 3, -1], [2, 7, 1]], np.int32)
    (got,), _ = check(tfs.OneHotOp, indices, const(4, np.int32), const(2.5, np.float32), const(-1.0, np.float32),
                      dynamic=dynamic, axis=axis)
    assert got.shape[axis] == 4


def test_one_hot_runtime_depth_and_int_values():
    (got,), _ = check(tfs.OneHotOp, np.array([1, 0, 2], np.int64), np.int32(3), np.int64(9), np.int64(0))
    np.testing.assert_array_equal(got, [[0, 9, 0], [9, 0, 0], [0, 0, 9]])
