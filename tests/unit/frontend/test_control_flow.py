"""tf.cond and tf.while_loop through the Session."""

import numpy as np
import pytest

import tfc as tf



def test_cond_picks_a_branch_and_merges_shapes():
    x = tf.placeholder(tf.float32, [None])
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: x * 2.0, lambda: tf.concat([x, x], 0))
    assert out.shape.as_list() == [None]
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(out, {x: [1, 2], p: True}), [2, 4])
        np.testing.assert_array_equal(sess.run(out, {x: [1, 2], p: False}), [1, 2, 1, 2])


def test_cond_returns_structures_and_uses_outer_values():
    a = tf.constant(3)
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: {"v": a + 1, "w": (a, a * 2)}, lambda: {"v": a - 1, "w": (a * 0, a)})
    with tf.Session() as sess:
        got = sess.run(out, {p: True})
    assert got["v"] == 4 and got["w"] == (3, 6)


def test_cond_branch_mismatch_is_a_construction_error():
    p = tf.placeholder(tf.bool, [])
    with pytest.raises(ValueError, match="same type"):
        tf.cond(p, lambda: tf.constant(1), lambda: tf.constant(1.0))
    with pytest.raises(ValueError, match="same structure"):
        tf.cond(p, lambda: [tf.constant(1)], lambda: [tf.constant(1), tf.constant(2)])


def test_while_loop_counts_and_sums():
    i0 = tf.constant(0)
    s0 = tf.constant(0.0)
    n = tf.placeholder(tf.int32, [])
    i, s = tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + tf.cast(i, tf.float32)), [i0, s0])
    with tf.Session() as sess:
        assert sess.run([i, s], {n: 5}) == [5, 10.0]
        assert sess.run(i, {n: 0}) == 0


def test_while_loop_maximum_iterations():
    i = tf.while_loop(lambda i: i < 100, lambda i: i + 1, [tf.constant(0)], maximum_iterations=7)
    with tf.Session() as sess:
        assert sess.run(i) == 7


def test_while_loop_shape_invariants():
    x0 = tf.constant([1.0])
    with pytest.raises(ValueError, match="shape_invariants"):
        tf.while_loop(lambda x: tf.size(x) < 8, lambda x: tf.concat([x, x], 0), [x0])
    x = tf.while_loop(lambda x: tf.size(x) < 8, lambda x: tf.concat([x, x], 0), [x0],
                      shape_invariants=[tf.TensorShape([None])])
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(x), np.ones(8))


def test_while_loop_body_names_follow_tf1():
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)])
    names = [op.name for op in tf.get_default_graph().get_operations()]
    assert "while" in names and "while/Identity" in names
