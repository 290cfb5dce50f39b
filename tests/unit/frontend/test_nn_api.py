"""tf.matmul and tf.nn: graph construction (op types, TF's names, static shapes, errors at
construction) and numeric results through a Session."""

import numpy as np
import pytest

import tfc as tf
from tfc.errors import InvalidArgumentError
from tfc.frontend import nn_api as nn
from tfc.frontend.graph import Graph


@pytest.fixture(autouse=True)
def fresh_graph():
    graph = Graph()
    with graph.as_default():
        yield graph


def needs(module):
    """Skip a test that needs another frontend module (array_api, math_api) until it exists."""
    return pytest.importorskip(f"tfc.frontend.{module}")


def run(fetches, feed_dict=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed_dict)


# ----- matmul ------------------------------------------------------------------------------------

def test_matmul_names_and_shapes():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.constant(np.ones((4, 3), np.float32), name="w")
    y = nn.matmul(x, w, transpose_b=True)
    z = nn.matmul(y, tf.constant(np.ones((4, 2), np.float32)))
    assert (y.name, z.name) == ("MatMul:0", "MatMul_1:0")
    assert y.op.type == "MatMul" and y.shape.as_list() == [None, 4] and z.shape.as_list() == [None, 2]
    assert y.op.get_attr("transpose_b") is True and y.dtype == tf.float32
    assert [t.name for t in y.op.inputs] == ["x:0", "w:0"]
    named = nn.matmul(x, w, transpose_b=True, name="logits")
    assert named.name == "logits:0"


def test_matmul_converts_python_values_in_its_scope():
    y = nn.matmul([[1.0, 2.0]], [[3.0], [4.0]])
    assert [t.op.name for t in y.op.inputs] == ["MatMul/a", "MatMul/b"]
    assert y.shape.as_list() == [1, 1]
    # the second operand takes the first one's dtype
    x = tf.placeholder(tf.float32, [2, 2])
    assert nn.matmul(x, [[1, 0], [0, 1]]).dtype == tf.float32


def test_matmul_picks_batch_matmul_for_rank_above_two_or_unknown():
    x = tf.placeholder(tf.float32, [None, 2, 3])
    y = nn.matmul(x, tf.placeholder(tf.float32, [3, 4]))
    assert y.op.type == "BatchMatMulV2" and y.name == "MatMul:0" and y.shape.as_list() == [None, 2, 4]
    u = nn.matmul(tf.placeholder(tf.float32), tf.placeholder(tf.float32, [4, 3]), transpose_b=True)
    assert u.op.type == "BatchMatMulV2" and u.op.get_attr("adj_y") is True and u.shape.ndims is None
    a = nn.matmul(x, tf.placeholder(tf.float32, [None, 4, 3]), adjoint_b=True)
    assert a.shape.as_list() == [None, 2, 4]


def test_matmul_incompatible_shapes_fail_at_construction_naming_the_op():
    x = tf.placeholder(tf.float32, [None, 3])
    w = tf.placeholder(tf.float32, [4, 5])
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 3 and 4 for 'MatMul' \(op: 'MatMul'\) "
                                         r"with input shapes: \[\?,3\], \[4,5\]"):
        nn.matmul(x, w)
    with pytest.raises(ValueError, match=r"Shape must be rank 2 but is rank 1 for 'mm' \(op: 'MatMul'\)"):
        nn.matmul(tf.placeholder(tf.float32, [3]), w, name="mm")
    with pytest.raises(ValueError, match="but are 3 and 2 for 'MatMul_1' .op: 'BatchMatMulV2'."):
        nn.matmul(tf.placeholder(tf.float32, [2, 2, 3]), tf.placeholder(tf.float32, [3, 2, 2]))


def test_matmul_argument_errors():
    x = tf.placeholder(tf.float32, [2, 2])
    with pytest.raises(TypeError, match="Input 'b' of 'MatMul' Op has type int32 that does not match type float32"):
        nn.matmul(x, tf.placeholder(tf.int32, [2, 2]))
    with pytest.raises(ValueError, match="Only one of transpose_a and adjoint_a can be True."):
        nn.matmul(x, x, transpose_a=True, adjoint_a=True)


def test_matmul_runs():
    a, b = np.random.rand(3, 4).astype(np.float32), np.random.rand(5, 4).astype(np.float32)
    x = tf.placeholder(tf.float32, [None, 4])
    y = nn.matmul(x, b, transpose_b=True)
    out = run(y, {x: a})
    np.testing.assert_allclose(out, a @ b.T, rtol=1e-5)
    xs = np.random.rand(2, 3, 4).astype(np.float32)
    out = run(nn.matmul(tf.constant(xs), tf.constant(b), transpose_b=True))
    np.testing.assert_allclose(out, xs @ b.T, rtol=1e-5)


# ----- bias_add, conv2d, pooling -------------------------------------------------------------------

def test_bias_add():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = nn.bias_add(x, [1.0, 2.0, 3.0])
    assert y.name == "BiasAdd:0" and y.shape.as_list() == [None, 3]
    assert y.op.inputs[1].op.name == "BiasAdd/bias"
    np.testing.assert_array_equal(run(y, {x: np.zeros((2, 3))}), [[1, 2, 3], [1, 2, 3]])
    nchw = tf.placeholder(tf.float32, [None, 2, 4, 4])
    z = nn.bias_add(nchw, tf.constant([1.0, 2.0]), data_format="NCHW")
    assert z.op.get_attr("data_format") == "NCHW" and z.shape.as_list() == [None, 2, 4, 4]
    with pytest.raises(ValueError, match="Dimensions must be equal, but are 3 and 2 for 'BiasAdd_2'"):
        nn.bias_add(x, [1.0, 2.0])


def test_xw_plus_b():
    x = tf.placeholder(tf.float32, [None, 3])
    y = nn.xw_plus_b(x, np.ones((3, 2), np.float32), np.array([1.0, -1.0], np.float32))
    assert y.name == "xw_plus_b:0" and y.op.type == "BiasAdd" and y.shape.as_list() == [None, 2]
    np.testing.assert_array_equal(run(y, {x: [[1.0, 2.0, 3.0]]}), [[7.0, 5.0]])


def test_conv2d_shapes_and_attributes():
    img = tf.placeholder(tf.float32, [None, 28, 28, 1], name="img")
    w = tf.placeholder(tf.float32, [5, 5, 1, 32], name="w")
    y = nn.conv2d(img, w, strides=[1, 2, 2, 1], padding="SAME")
    assert y.name == "Conv2D:0" and y.shape.as_list() == [None, 14, 14, 32]
    assert y.op.get_attr("strides") == [1, 2, 2, 1] and y.op.get_attr("padding") == "SAME"
    assert y.op.ir.attrs.data_format == "NHWC" and y.op.ir.attrs.dilations == [1, 1, 1, 1]  # defaults
    v = nn.conv2d(img, filters=w, strides=1, padding="VALID", dilations=2, name="c")
    assert v.name == "c:0" and v.shape.as_list() == [None, 20, 20, 32]
    assert v.op.get_attr("strides") == [1, 1, 1, 1] and v.op.get_attr("dilations") == [1, 2, 2, 1]
    e = nn.conv2d(img, w, strides=[1, 1], padding=[[0, 0], [1, 1], [2, 2], [0, 0]])
    assert e.op.get_attr("padding") == "EXPLICIT" and e.shape.as_list() == [None, 26, 28, 32]
    assert e.op.get_attr("explicit_paddings") == [0, 0, 1, 1, 2, 2, 0, 0]
    nchw = nn.conv2d(tf.placeholder(tf.float32, [None, 1, 28, 28]), w, strides=[1, 1, 2, 2], padding="SAME",
                     data_format="NCHW")
    assert nchw.shape.as_list() == [None, 32, 14, 14]


def test_conv2d_errors():
    img = tf.placeholder(tf.float32, [None, 28, 28, 3])
    w = tf.placeholder(tf.float32, [5, 5, 2, 8])
    with pytest.raises(ValueError, match=r"Depth of input \(3\) is not a multiple of input depth of filter \(2\) "
                                         r"for 'Conv2D' \(op: 'Conv2D'\)"):
        nn.conv2d(img, w, strides=[1, 1, 1, 1], padding="SAME")
    w = tf.placeholder(tf.float32, [5, 5, 3, 8])
    with pytest.raises(ValueError, match="Cannot specify both 'filter' and 'filters'"):
        nn.conv2d(img, w, strides=1, padding="SAME", filters=w)
    with pytest.raises(ValueError, match="strides should be of length 1, 2 or 4 but was 3"):
        nn.conv2d(img, w, strides=[1, 1, 1], padding="SAME")
    with pytest.raises(ValueError, match='"EXPLICIT" is not a valid value for `padding`'):
        nn.conv2d(img, w, strides=1, padding="EXPLICIT")
    with pytest.raises(ValueError, match="does not yet support strides in the batch and depth dimensions"):
        nn.conv2d(img, w, strides=[2, 1, 1, 1], padding="SAME")


def test_conv2d_runs():
    x = np.random.rand(2, 5, 5, 3).astype(np.float32)
    k = np.random.rand(3, 3, 3, 4).astype(np.float32)
    img = tf.placeholder(tf.float32, [None, 5, 5, 3])
    y = nn.conv2d(img, k, strides=[1, 2, 2, 1], padding="SAME")
    out = run(y, {img: x})
    assert out.shape == (2, 3, 3, 4)
    # SAME on 5x5 with stride 2 pads one row and column on each side
    xp = np.pad(x.astype(np.float64), ((0, 0), (1, 1), (1, 1), (0, 0)))
    expected = np.zeros((2, 3, 3, 4))
    for i in range(3):
        for j in range(3):
            expected[:, i, j] = np.einsum("nhwc,hwco->no", xp[:, 2 * i:2 * i + 3, 2 * j:2 * j + 3], k)
    np.testing.assert_allclose(out, expected, rtol=1e-5)


def test_pools():
    x = tf.placeholder(tf.float32, [None, 4, 4, 2], name="x")
    m = nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    a = nn.avg_pool(x, ksize=2, strides=2, padding="VALID")
    m2 = nn.max_pool2d(x, 3, 2, "SAME")
    assert (m.name, a.name, m2.name) == ("MaxPool:0", "AvgPool:0", "MaxPool2d:0")
    assert m.shape.as_list() == [None, 2, 2, 2] and a.op.get_attr("ksize") == [1, 2, 2, 1]
    assert m2.shape.as_list() == [None, 2, 2, 2]
    data = np.arange(32, dtype=np.float32).reshape(1, 4, 4, 2)
    out_m, out_a, out_m2 = run([m, a, m2], {x: data})
    np.testing.assert_array_equal(out_m[0, :, :, 0], [[10, 14], [26, 30]])
    np.testing.assert_array_equal(out_a[0, :, :, 0], [[5, 9], [21, 25]])
    np.testing.assert_array_equal(out_m2[0, :, :, 0], [[20, 22], [28, 30]])
    with pytest.raises(ValueError, match="ksize cannot be zero."):
        nn.max_pool(x, ksize=[1, 0, 2, 1], strides=1, padding="SAME")
    with pytest.raises(ValueError, match="Negative dimension size caused by subtracting 5 from 4 for 'AvgPool_1'"):
        nn.avg_pool(x, ksize=5, strides=1, padding="VALID")


# ----- softmax and losses -----------------------------------------------------------------------------

def test_softmax_and_log_softmax():
    logits = tf.placeholder(tf.float32, [None, 3], name="logits")
    s, ls = nn.softmax(logits), nn.log_softmax(logits, name="lsm")
    assert (s.name, ls.name) == ("Softmax:0", "lsm:0") and s.shape.as_list() == [None, 3]
    data = np.array([[1e4, 0.0, -1e4], [1.0, 2.0, 3.0]], np.float32)
    out_s, out_ls = run([s, ls], {logits: data})
    e = np.exp(data[1] - 3.0)
    np.testing.assert_allclose(out_s, [[1, 0, 0], e / e.sum()], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(out_ls[0], [0, -1e4, -2e4], rtol=1e-6)
    with pytest.raises(ValueError, match="DataType int32 not in list of allowed values"):
        nn.softmax(tf.placeholder(tf.int32, [2]))


def test_softmax_over_another_axis_transposes():
    needs("array_api")
    x = np.random.rand(2, 3, 4).astype(np.float32)
    y = nn.softmax(tf.constant(x), axis=1)
    assert y.shape.as_list() == [2, 3, 4]
    e = np.exp(x - x.max(axis=1, keepdims=True))
    np.testing.assert_allclose(run(y), e / e.sum(axis=1, keepdims=True), rtol=1e-5)


def test_softmax_cross_entropy_needs_named_arguments():
    logits = tf.placeholder(tf.float32, [None, 3])
    with pytest.raises(ValueError) as info:
        nn.softmax_cross_entropy_with_logits(logits, logits)
    assert str(info.value) == ("Only call `softmax_cross_entropy_with_logits` with named arguments "
                               "(labels=..., logits=..., ...)")
    with pytest.raises(ValueError, match="Only call `sparse_softmax_cross_entropy_with_logits` with named"):
        nn.sparse_softmax_cross_entropy_with_logits(logits, logits)
    with pytest.raises(ValueError, match="Both labels and logits must be provided."):
        nn.softmax_cross_entropy_with_logits(logits=logits)


def test_softmax_cross_entropy():
    logits = tf.placeholder(tf.float32, [None, 3], name="logits")
    labels = tf.placeholder(tf.float32, [None, 3], name="labels")
    loss = nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    loss2 = nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    assert loss.name == "softmax_cross_entropy_with_logits_sg:0" and loss.shape.as_list() == [None]
    assert loss.op.type == "SoftmaxCrossEntropyWithLogits"
    assert loss.op.inputs[1].op.name == "softmax_cross_entropy_with_logits_sg/labels_stop_gradient"
    assert loss.op.inputs[1].op.type == "StopGradient"
    assert loss2.name == "softmax_cross_entropy_with_logits:0"
    f = np.array([[1e4, 0.0, -1e4], [1.0, 2.0, 3.0]], np.float32)
    lab = np.array([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5]], np.float32)
    out, out2 = run([loss, loss2], {logits: f, labels: lab})
    shifted = f[1].astype(np.float64) - 3.0
    log_softmax = shifted - np.log(np.exp(shifted).sum())
    np.testing.assert_allclose(out, [1e4, -(lab[1] * log_softmax).sum()], rtol=1e-5)
    np.testing.assert_array_equal(out, out2)


def test_softmax_cross_entropy_over_rank_3_and_another_axis():
    needs("array_api")
    f = np.random.rand(2, 3, 4).astype(np.float32)
    lab = np.random.rand(2, 3, 4).astype(np.float32)
    loss = nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(lab), logits=tf.constant(f), axis=1)
    assert loss.shape.as_list() == [2, 4]
    log_softmax = f - np.log(np.exp(f).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(run(loss), -(lab * log_softmax).sum(axis=1), rtol=1e-5)
    last = nn.softmax_cross_entropy_with_logits(labels=tf.constant(lab), logits=tf.constant(f))
    assert last.shape.as_list() == [2, 3]
    log_softmax = f - np.log(np.exp(f).sum(axis=-1, keepdims=True))
    np.testing.assert_allclose(run(last), -(lab * log_softmax).sum(axis=-1), rtol=1e-5)


def test_softmax_cross_entropy_casts_integer_labels():
    needs("math_api")
    loss = nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant([[0, 1]]), logits=[[0.0, 0.0]])
    np.testing.assert_allclose(run(loss), [np.log(2.0)], rtol=1e-6)


def test_sparse_softmax_cross_entropy():
    logits = tf.placeholder(tf.float32, [None, 3], name="logits")
    labels = tf.placeholder(tf.int32, [None], name="labels")
    loss = nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    assert loss.name == "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits:0"
    assert loss.shape.as_list() == [None]
    named = nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xent")
    assert named.name == "xent/xent:0"
    f = np.array([[1.0, 2.0, 3.0], [1e4, 0.0, -1e4]], np.float32)
    out = run(loss, {logits: f, labels: [2, 2]})
    np.testing.assert_allclose(out, [np.log(np.exp(f[0] - 3.0).sum()), 2e4], rtol=1e-6)
    with pytest.raises(InvalidArgumentError, match=r"Received a label value of 3 which is outside the valid range "
                                                   r"of \[0, 3\)."):
        run(loss, {logits: f, labels: [0, 3]})


def test_sparse_softmax_cross_entropy_checks_ranks_and_dtypes():
    logits = tf.placeholder(tf.float32, [None, 3])
    with pytest.raises(ValueError, match=r"Rank mismatch: Rank of labels \(received 2\) should equal rank of logits "
                                         r"minus 1 \(received 2\)."):
        nn.sparse_softmax_cross_entropy_with_logits(labels=tf.placeholder(tf.int32, [None, 1]), logits=logits)
    with pytest.raises(ValueError, match="Shape mismatch: The shape of labels"):
        nn.sparse_softmax_cross_entropy_with_logits(labels=tf.placeholder(tf.int32, [4]),
                                                    logits=tf.placeholder(tf.float32, [5, 3]))
    with pytest.raises(ValueError, match="Logits cannot be scalars"):
        nn.sparse_softmax_cross_entropy_with_logits(labels=tf.placeholder(tf.int32, []),
                                                    logits=tf.placeholder(tf.float32, []))
    with pytest.raises(TypeError, match="Value passed to parameter 'labels' has DataType float32"):
        nn.sparse_softmax_cross_entropy_with_logits(labels=tf.placeholder(tf.float32, [None]), logits=logits)
    with pytest.raises(ValueError, match=r"Shape mismatch: .* \(received \(5,\)\) .* \(received \(4, \?\)\)."):
        nn.sparse_softmax_cross_entropy_with_logits(labels=tf.placeholder(tf.int32, [5]),
                                                    logits=tf.placeholder(tf.float32, [4, None]))
    with pytest.raises(ValueError, match=r"Shape mismatch: .* \(received \(4, 3\)\)."):
        nn.sparse_softmax_cross_entropy_with_logits(labels=tf.placeholder(tf.int32, [5]),
                                                    logits=tf.placeholder(tf.float32, [4, 3]))


def test_sparse_softmax_cross_entropy_of_rank_3_logits_reshapes():
    needs("array_api")
    f = np.random.rand(2, 3, 4).astype(np.float32)
    labels = np.array([[0, 1, 3], [2, 2, 0]], np.int32)
    loss = nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(labels), logits=tf.constant(f))
    assert loss.shape.as_list() == [2, 3]
    log_softmax = f - np.log(np.exp(f).sum(axis=-1, keepdims=True))
    expected = -np.take_along_axis(log_softmax, labels[..., None], axis=-1)[..., 0]
    np.testing.assert_allclose(run(loss), expected, rtol=1e-5)


def test_l2_loss():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    loss = nn.l2_loss(x)
    assert loss.name == "L2Loss:0" and loss.shape.as_list() == []
    np.testing.assert_allclose(run(loss, {x: [[1.0, 2.0], [3.0, 4.0]]}), 15.0)


def test_a_small_network_end_to_end():
    rng = np.random.default_rng(1)
    images = rng.random((4, 6, 6, 1), np.float32)
    labels = np.array([0, 1, 2, 1], np.int32)
    w1 = rng.standard_normal((3, 3, 1, 2)).astype(np.float32)
    w2 = rng.standard_normal((18, 3)).astype(np.float32)
    x = tf.placeholder(tf.float32, [None, 6, 6, 1])
    y = tf.placeholder(tf.int32, [None])
    h = nn.max_pool(nn.bias_add(nn.conv2d(x, w1, strides=1, padding="SAME"), [0.1, -0.1]), 2, 2, "VALID")
    assert h.shape.as_list() == [None, 3, 3, 2]
    flat = tf.placeholder_with_default(np.zeros((4, 18), np.float32), [None, 18])
    logits = nn.matmul(flat, w2)
    loss = nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    pooled, out = run([h, loss], {x: images, y: labels, flat: np.ones((4, 18), np.float32)})
    assert pooled.shape == (4, 3, 3, 2)
    z = np.ones((4, 18)) @ w2
    log_softmax = z - z.max(axis=1, keepdims=True)
    log_softmax -= np.log(np.exp(log_softmax).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(out, -log_softmax[np.arange(4), labels], rtol=1e-5)


def test_nn_names_are_listed():
    assert nn.__all__ == ["matmul"]
    for name in nn.NN:
        assert callable(getattr(nn, name))
