"""Every construction-time error names the op and the user's line; run-time errors name the
tensor or variable (TF's messages where TF has one)."""

import numpy as np
import pytest

import tfc as tf

HERE = "test_errors.py"



def test_matmul_inner_dimensions():
    a = tf.placeholder(tf.float32, [2, 3])
    b = tf.placeholder(tf.float32, [4, 5])
    with pytest.raises(ValueError) as info:
        tf.matmul(a, b, name="product")
    message = str(info.value)
    assert "Dimensions must be equal, but are 3 and 4" in message
    assert "'product'" in message and "MatMul" in message and HERE in message


def test_broadcasting():
    a = tf.placeholder(tf.float32, [2, 3])
    b = tf.placeholder(tf.float32, [4])
    with pytest.raises(ValueError) as info:
        _ = a + b
    message = str(info.value)
    assert "Dimensions must be equal, but are 3 and 4" in message
    assert "input shapes: [2,3], [4]" in message and HERE in message


def test_reshape_element_count():
    a = tf.placeholder(tf.float32, [2, 3])
    with pytest.raises(ValueError) as info:
        tf.reshape(a, [4])
    assert "Cannot reshape a tensor with 6 elements to shape [4] (4 elements)" in str(info.value)
    assert HERE in str(info.value)


def test_concat_mismatch():
    a = tf.placeholder(tf.float32, [2, 2])
    b = tf.placeholder(tf.float32, [3, 3])
    with pytest.raises(ValueError) as info:
        tf.concat([a, b], axis=0)
    assert "must be equal" in str(info.value) and "ConcatV2" in str(info.value) and HERE in str(info.value)


def test_duplicate_get_variable():
    tf.get_variable("w", [1])
    with pytest.raises(ValueError) as info:
        tf.get_variable("w", [1])
    assert "Variable w already exists, disallowed" in str(info.value)
    assert HERE in str(info.value)  # where the first one was defined


def test_mixed_dtypes():
    a = tf.placeholder(tf.float32, [2])
    b = tf.placeholder(tf.int32, [2])
    with pytest.raises(TypeError, match="int32 that does not match type float32"):
        tf.add(a, b)
    with pytest.raises(TypeError, match="Expected int32, got 2.0"):
        _ = b + 2.0


def test_run_time_errors_name_the_tensor():
    x = tf.placeholder(tf.float32, [None, 2], name="features")
    v = tf.Variable(np.zeros(2, np.float32), name="bias")
    y = x + v
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="placeholder tensor 'features'"):
            sess.run(y)
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value bias") as info:
            sess.run(y, {x: [[1, 2]]})
        assert info.value.op == "add/ReadVariableOp"  # the op that read it, as TF reports
        with pytest.raises(ValueError, match="Cannot feed value of shape \\(2,\\) for Tensor 'features:0'"):
            sess.run(y, {x: [1, 2]})


def test_run_time_op_failure_points_at_the_users_line():
    a = tf.placeholder(tf.int32, [])
    q = tf.floordiv(tf.constant(1), a)
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero") as info:
            sess.run(q, {a: 0})
    assert HERE in str(info.value)
