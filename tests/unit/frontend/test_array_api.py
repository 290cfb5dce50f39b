"""tf.reshape, tf.concat, tf.stack, slicing and the other array functions: graph construction
(names, shapes, dtypes, errors) and values through a Session."""

import numpy as np
import pytest

import tfc as tf
from tfc.frontend import array_api
from tfc.frontend.graph import Tensor



@pytest.fixture
def indexing(monkeypatch):
    """`x[...]` on tensors (installed by the operator overloads when they are loaded)."""
    if not hasattr(Tensor, "__getitem__"):
        monkeypatch.setattr(Tensor, "__getitem__", array_api.tensor_getitem, raising=False)


def run(fetches, feed_dict=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed_dict)


def names(graph):
    return [(op.name, op.type) for op in graph.get_operations()]


X = np.arange(24, dtype=np.float32).reshape(2, 3, 4)


# ----- graph construction ------------------------------------------------------------------------

def test_wrappers_name_ops_and_their_constant_inputs_as_tensorflow_does(fresh_graph):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.reshape(x, [-1, 2, 2])
    z = tf.reshape(x, [2, 8], name="flat")
    t = tf.transpose(x)
    c = tf.concat([x, x], 1)
    assert (y.name, z.name, t.name, c.name) == ("Reshape:0", "flat:0", "transpose:0", "concat:0")
    assert ("Reshape/shape", "Const") in names(fresh_graph)
    assert ("flat/shape", "Const") in names(fresh_graph)
    assert ("transpose/perm", "Const") in names(fresh_graph)
    assert ("concat/axis", "Const") in names(fresh_graph)
    assert y.shape.as_list() == [None, 2, 2] and z.shape.as_list() == [2, 8]
    assert t.shape.as_list() == [4, None] and c.shape.as_list() == [None, 8]


def test_shapes_and_dtypes_of_each_wrapper():
    x = tf.placeholder(tf.float32, [None, 3, 1], name="x")
    assert tf.expand_dims(x, 0).shape.as_list() == [1, None, 3, 1]
    assert tf.expand_dims(x, dim=-1).shape.as_list() == [None, 3, 1, 1]
    assert tf.squeeze(x, [2]).shape.as_list() == [None, 3]
    assert tf.squeeze(x, axis=-1).shape.as_list() == [None, 3]
    assert tf.squeeze(x).shape.ndims is None  # the ? dim may be 1
    assert tf.stack([x, x], axis=1).shape.as_list() == [None, 2, 3, 1]
    parts = tf.unstack(x, axis=1)
    assert len(parts) == 3 and [p.name for p in parts] == ["unstack:0", "unstack:1", "unstack:2"]
    assert tf.tile(x, [2, 1, 4]).shape.as_list() == [None, 3, 4]
    assert tf.slice(x, [0, 1, 0], [-1, 2, 1]).shape.as_list() == [None, 2, 1]
    assert tf.fill([2, 3], 1.5).shape.as_list() == [2, 3]
    s = tf.shape(x)
    assert s.op.type == "Shape" and s.dtype == tf.int32 and s.shape.as_list() == [3]
    assert tf.shape(x, out_type=tf.int64).dtype == tf.int64
    assert tf.size(x).op.type == "Size" and tf.rank(x).op.type == "Const"
    oh = tf.one_hot(tf.constant([0, 2]), 3)
    assert oh.dtype == tf.float32 and oh.shape.as_list() == [2, 3] and oh.op.type == "OneHot"
    assert tf.one_hot([0, 2], 3, axis=0, dtype=tf.int32).shape.as_list() == [3, 2]
    assert tf.identity(x).op.type == "Identity" and tf.stop_gradient(x).op.type == "StopGradient"
    assert tf.ones_like(x, dtype=tf.int32).dtype == tf.int32
    assert tf.transpose(tf.placeholder(tf.float32, [None, 2, 3])).shape.as_list() == [3, 2, None]


def test_static_shapes_become_constants():
    x = tf.zeros([2, 3])
    assert x.op.type == "Const" and x.op.name == "zeros" and x.dtype == tf.float32
    assert tf.ones([2], dtype=tf.int32).op.type == "Const"
    assert tf.shape(x).op.type == "Const" and tf.size(x).op.type == "Const"
    assert tf.zeros_like(x).op.type == "Const"
    big = tf.zeros([100, 100])
    assert big.op.type == "Fill" and big.shape.as_list() == [100, 100]
    p = tf.placeholder(tf.float32, [None, 2])
    assert tf.zeros_like(p).op.type == "ZerosLike" and tf.ones_like(p).op.type == "OnesLike"
    assert tf.zeros(tf.shape(p)).shape.as_list() == [None, 2]


def test_slicing_shapes(fresh_graph, indexing):
    x = tf.placeholder(tf.float32, [None, 5, 6], name="x")
    y = x[:, 0]
    assert y.shape.as_list() == [None, 6]
    assert x[1:, ::2].shape.as_list() == [None, 3, 6]
    assert x[..., None].shape.as_list() == [None, 5, 6, 1]
    assert x[0, ..., 1].shape.as_list() == [5]
    assert x[:, -2:, ::-1].shape.as_list() == [None, 2, 6]
    assert y.op.name == "strided_slice" and y.op.type == "StridedSlice"
    assert ("strided_slice/stack", "Const") in names(fresh_graph)
    assert ("strided_slice/stack_2", "Const") in names(fresh_graph)
    assert y.op.get_attr("shrink_axis_mask") == 2 and y.op.get_attr("begin_mask") == 1


def test_indexing_with_a_tensor_and_a_shape_element(indexing):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    i = tf.placeholder(tf.int32, [], name="i")
    assert x[i].shape.as_list() == [3]
    n = tf.shape(x)[0]
    assert n.shape.as_list() == [] and n.dtype == tf.int32
    flat = tf.reshape(x, [n, -1])
    assert flat.shape.as_list() == [None, None]
    assert tf.reshape(x, [-1, tf.shape(x)[1]]).shape.as_list() == [None, 3]
    with pytest.raises(TypeError, match="Only integers, slices"):
        x[1.5]


def test_auto_packing_nested_lists_with_tensors(fresh_graph):
    a = tf.placeholder(tf.float32, [], name="a")
    t = tf.convert_to_tensor([[a, 1.0], [2.0, 3.0]])
    assert t.shape.as_list() == [2, 2] and t.dtype == tf.float32 and t.op.name == "packed"
    assert ("packed/0", "Pack") in names(fresh_graph) and ("packed/0/1", "Const") in names(fresh_graph)
    # the inner list without tensors took the scope name "packed/1" first, as in TensorFlow
    assert ("packed/1_1", "Const") in names(fresh_graph)
    s = tf.stack([a, 2.0])
    assert s.op.name == "stack" and s.op.type == "Pack"
    with pytest.raises(TypeError, match="Cannot convert a list containing a tensor of dtype"):
        tf.convert_to_tensor([a, tf.constant(1)])


def test_construction_errors_name_the_op():
    with pytest.raises(ValueError, match=r"Cannot reshape a tensor with 6 elements to shape \[4\] \(4 elements\) "
                                         r"for 'Reshape' \(op: 'Reshape'\)"):
        tf.reshape(tf.zeros([2, 3]), [4])
    with pytest.raises(ValueError, match=r"Dimension 0 in both shapes must be equal, but are 2 and 3.*"
                                         r"for 'concat' \(op: 'ConcatV2'\) with input shapes: \[2,2\], \[2,3\], \[\]"):
        tf.concat([tf.zeros([2, 2]), tf.zeros([2, 3])], 0)
    with pytest.raises(ValueError, match=r"Cannot infer num from shape \(\?, 2\)"):
        tf.unstack(tf.placeholder(tf.float32, [None, 2]))
    with pytest.raises(ValueError, match=r"axis = 3 not in \[-3, 3\)"):
        tf.stack([tf.zeros([2, 2])] * 2, axis=3)
    with pytest.raises(TypeError, match="Value passed to parameter 'shape' has DataType float32"):
        tf.reshape(tf.zeros([2]), [2.5])
    with pytest.raises(ValueError, match="Must specify an axis"):
        tf.expand_dims(tf.zeros([2]))


# ----- values through a Session --------------------------------------------------------------------

def test_values_of_reshaping_and_joining():
    x = tf.placeholder(tf.float32, [None, 3, 4], name="x")
    fetches = {
        "reshape": tf.reshape(x, [-1, 6]),
        "transpose": tf.transpose(x),
        "perm": tf.transpose(x, [1, 0, 2]),
        "expand": tf.expand_dims(x, 1),
        "squeeze": tf.squeeze(tf.expand_dims(x, 0), [0]),
        "concat": tf.concat([x, x], -1),
        "stack": tf.stack([x, x], axis=1),
        "unstack": tf.unstack(x, axis=1),
        "tile": tf.tile(x, [1, 2, 1]),
        "slice": tf.slice(x, [1, 0, 1], [-1, 2, 2]),
    }
    out = run(fetches, {x: X})
    np.testing.assert_array_equal(out["reshape"], X.reshape(-1, 6))
    np.testing.assert_array_equal(out["transpose"], X.transpose())
    np.testing.assert_array_equal(out["perm"], X.transpose(1, 0, 2))
    np.testing.assert_array_equal(out["expand"], X[:, None])
    np.testing.assert_array_equal(out["squeeze"], X)
    np.testing.assert_array_equal(out["concat"], np.concatenate([X, X], -1))
    np.testing.assert_array_equal(out["stack"], np.stack([X, X], 1))
    for got, want in zip(out["unstack"], np.moveaxis(X, 1, 0)):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(out["tile"], np.tile(X, (1, 2, 1)))
    np.testing.assert_array_equal(out["slice"], X[1:, 0:2, 1:3])


def test_values_of_slicing(indexing):
    x = tf.placeholder(tf.float32, [None, 3, 4], name="x")
    i = tf.placeholder(tf.int32, [], name="i")
    keys = [np.s_[:, 0], np.s_[1:, ::2], np.s_[..., None], np.s_[:, ::-1, 1:3], np.s_[-1, ..., -2], np.s_[None, 0]]
    fetches = [x[k] for k in keys] + [x[i], tf.shape(x)[0], tf.strided_slice(x, [0, 1], [2, 3], [1, 1])]
    out = run(fetches, {x: X, i: 1})
    for got, key in zip(out, keys):
        np.testing.assert_array_equal(got, X[key])
    np.testing.assert_array_equal(out[len(keys)], X[1])
    assert out[len(keys) + 1] == 2
    np.testing.assert_array_equal(out[-1], X[0:2, 1:3])


def test_values_of_fills_shapes_and_one_hot():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    fetches = {
        "zeros_like": tf.zeros_like(x), "ones_like": tf.ones_like(x, dtype=tf.int32),
        "zeros": tf.zeros(tf.shape(x), dtype=tf.int32), "fill": tf.fill([2, 2], 7),
        "shape": tf.shape(x), "size": tf.size(x), "rank": tf.rank(x),
        "one_hot": tf.one_hot([0, 2, 5], 3, on_value=5.0, off_value=-1.0),
        "one_hot_axis0": tf.one_hot(tf.constant([1, 0]), 3, axis=0, dtype=tf.int32),
        "packed": tf.convert_to_tensor([[tf.shape(x)[0], 1], [2, 3]]),
    }
    value = np.ones((3, 2), np.float32)
    out = run(fetches, {x: value})
    np.testing.assert_array_equal(out["zeros_like"], np.zeros((3, 2)))
    assert out["ones_like"].dtype == np.int32
    np.testing.assert_array_equal(out["ones_like"], np.ones((3, 2)))
    assert out["zeros"].dtype == np.int32 and out["zeros"].shape == (3, 2)
    np.testing.assert_array_equal(out["fill"], np.full((2, 2), 7))
    np.testing.assert_array_equal(out["shape"], [3, 2])
    assert out["size"] == 6 and out["rank"] == 2
    np.testing.assert_array_equal(out["one_hot"], [[5, -1, -1], [-1, -1, 5], [-1, -1, -1]])
    np.testing.assert_array_equal(out["one_hot_axis0"], [[0, 1], [1, 0], [0, 0]])
    np.testing.assert_array_equal(out["packed"], [[3, 1], [2, 3]])


def test_run_time_shape_errors_are_invalid_argument():
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.reshape(x, [-1, 4])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input to reshape is a tensor with 6 values, but the "
                                                             "requested shape requires a multiple of 4"):
        run(y, {x: np.zeros(6, np.float32)})
