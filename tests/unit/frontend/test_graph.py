"""Graph construction: names, scopes, variables, devices, control dependencies, exports."""

import numpy as np
import pytest

import tfc as tf



def test_names_are_uniquified_as_tensorflow_does():
    a, b = tf.constant(1), tf.constant(2)
    c = tf.constant(3, name="Const_1")
    assert (a.name, b.name, c.name) == ("Const:0", "Const_1:0", "Const_1_1:0")
    with tf.name_scope("layer") as scope:
        assert scope == "layer/"
        d = tf.constant(4)
    with tf.name_scope("layer"):
        e = tf.constant(5)
    assert (d.name, e.name) == ("layer/Const:0", "layer_1/Const:0")


def test_tensor_metadata():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    assert x.dtype == tf.float32 and x.dtype == "float32"
    assert x.shape.as_list() == [None, 3] and x.get_shape()[1].value == 3
    assert str(x.shape) == "(?, 3)"
    assert x.op.type == "Placeholder" and x.op.name == "x" and x.value_index == 0
    assert x.graph is tf.get_default_graph()
    assert tf.get_default_graph().get_tensor_by_name("x:0") is x
    assert tf.get_default_graph().get_operation_by_name("x") is x.op
    with pytest.raises(TypeError, match="as a Python `bool`"):
        bool(x)


def test_variables_are_named_and_collected():
    w = tf.Variable(np.zeros((2, 3), np.float32), name="W")
    s = tf.Variable(0, trainable=False, name="step")
    assert w.name == "W:0" and w.op.name == "W" and w.initializer.name == "W/Assign"
    assert w.shape.as_list() == [2, 3] and w.dtype == tf.float32
    assert tf.global_variables() == [w, s]
    assert tf.trainable_variables() == [w]
    assert tf.global_variables_initializer().type == "NoOp"


def test_get_variable_scopes_reuse_and_duplicates():
    with tf.variable_scope("layer1"):
        w = tf.get_variable("w", [2, 2])
    assert w.name == "layer1/w:0"
    with pytest.raises(ValueError, match="Variable layer1/w already exists, disallowed"):
        with tf.variable_scope("layer1"):
            tf.get_variable("w", [2, 2])
    with tf.variable_scope("layer1", reuse=True):
        assert tf.get_variable("w", [2, 2]) is w
        with pytest.raises(ValueError, match="Variable layer1/v does not exist"):
            tf.get_variable("v", [1])
    with tf.variable_scope("layer1", reuse=tf.AUTO_REUSE):
        assert tf.get_variable("w") is w
        fresh = tf.get_variable("fresh", [1])
    assert fresh.name == "layer1/fresh:0"
    with tf.variable_scope("layer1", reuse=True):
        with pytest.raises(ValueError, match="Trying to share variable layer1/w, but specified shape"):
            tf.get_variable("w", [3, 3])
    with pytest.raises(ValueError, match="must be fully defined"):
        tf.get_variable("no_shape")


def test_get_variable_initializers():
    a = tf.get_variable("a", [2], initializer=tf.constant_initializer(0.5))
    b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    c = tf.get_variable("c", [2], initializer=tf.ones_initializer(), dtype=tf.float64)
    d = tf.get_variable("d", initializer=tf.constant([1, 2]))
    g = tf.get_variable("g", [100, 50], initializer=tf.glorot_uniform_initializer(seed=3))
    default = tf.get_variable("default", [10, 10])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        va, vb, vc, vd, vg, vdef = sess.run([a, b, c, d, g, default])
    np.testing.assert_array_equal(va, [0.5, 0.5])
    np.testing.assert_array_equal(vb, [0, 0])
    assert vc.dtype == np.float64 and (vc == 1).all()
    np.testing.assert_array_equal(vd, [1, 2])
    limit = np.sqrt(6 / 150)
    assert np.abs(vg).max() <= limit and vg.std() > limit / 3
    assert np.abs(vdef).max() <= np.sqrt(6 / 20)


def test_devices_nest_and_are_recorded():
    with tf.device("/job:ps/task:0"):
        a = tf.constant(1)
        with tf.device("/cpu:0"):
            b = tf.constant(2)
    assert a.device == "/job:ps/task:0"
    assert b.device == "/job:ps/task:0/device:CPU:0"
    assert 'device = "/job:ps/task:0"' in str(a.op.ir)


def test_control_dependencies_become_control_inputs():
    a = tf.no_op(name="first")
    with tf.control_dependencies([a]):
        b = tf.constant(1)
        with tf.control_dependencies(None):
            c = tf.constant(2)
    assert b.op.control_inputs == [a]
    assert c.op.control_inputs == []


def test_ops_carry_the_user_line_and_node_name():
    x = tf.constant(1.0, name="here")
    location = x.op.ir.location
    assert location.name == "here"
    assert location.file_line_col().filename.endswith("test_graph.py")


def test_export_validates_its_arguments():
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.identity(x)
    tf.export("predict", inputs={"x": x}, outputs={"y": y})
    with pytest.raises(ValueError, match="already exported"):
        tf.export("predict", inputs={"x": x}, outputs={"y": y})
    with pytest.raises(ValueError, match="C identifier"):
        tf.export("bad-name", outputs={"y": y})
    with pytest.raises(TypeError, match="must be a tf.Tensor"):
        tf.export("other", inputs={"x": 3}, outputs={"y": y})
