"""Session semantics: fetch structures, feeds, pruning, variables, errors."""

import collections

import numpy as np
import pytest

import tfc as tf



def test_fetch_structures_come_back_in_the_same_shape():
    a = tf.constant(1.0)
    b = tf.constant([1, 2])
    op = tf.no_op()
    Pair = collections.namedtuple("Pair", "first second")
    with tf.Session() as sess:
        out = sess.run({"a": a, "rest": [b, (a, op)], "pair": Pair(a, b)})
    assert out["a"] == np.float32(1.0) and isinstance(out["a"], np.float32)
    np.testing.assert_array_equal(out["rest"][0], [1, 2])
    assert out["rest"][1] == (np.float32(1.0), None)
    assert isinstance(out["pair"], Pair) and out["pair"].first == 1.0


def test_fetching_an_op_gives_none_and_a_variable_its_value():
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        assert sess.run(v.initializer) is None
        np.testing.assert_array_equal(sess.run(v), [1.0, 2.0])
        np.testing.assert_array_equal(sess.run("v:0"), [1.0, 2.0])


def test_feeds_convert_lists_and_scalars_to_the_tensor_dtype():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    n = tf.placeholder(tf.int32, [], name="n")
    with tf.Session() as sess:
        out = sess.run(x, feed_dict={x: [[1, 2]]})
        assert out.dtype == np.float32 and out.shape == (1, 2)
        assert sess.run(n, {n: 3}) == 3 and sess.run(n, {"n:0": 4}) == 4


def test_any_tensor_can_be_fed_and_replaces_its_computation():
    v = tf.Variable(1.0)
    read = v.value()
    out = tf.identity(read)
    with tf.Session() as sess:
        # `v` was never initialized: feeding `read` means the variable is never read
        assert sess.run(out, {read: 5.0}) == 5.0
        c = tf.constant(2.0)
        assert sess.run(c, {c: 7.0}) == 7.0


def test_unfed_placeholder_fails_at_run_time_naming_it():
    x = tf.placeholder(tf.float32, [None, 3], name="inputs")
    y = tf.identity(x)
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            sess.run(y)
    message = str(info.value)
    assert "You must feed a value for placeholder tensor 'inputs' with dtype float and shape [?,3]" in message
    assert "test_session.py" in message  # the user's line


def test_only_needed_placeholders_must_be_fed():
    x = tf.placeholder(tf.float32, name="x")
    tf.identity(x)
    c = tf.constant(3)
    with tf.Session() as sess:
        assert sess.run(c) == 3


def test_wrong_feed_shape_and_dtype_fail_naming_the_tensor():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    n = tf.placeholder(tf.int32, [2], name="n")
    with tf.Session() as sess:
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(3,\) for Tensor 'x:0', which has shape '\(\?, 2\)'"):
            sess.run(x, {x: [1, 2, 3]})
        np.testing.assert_array_equal(sess.run(n, {n: [1.7, -2.5]}), [1, -2])  # TF truncates, as numpy
        with pytest.raises(TypeError, match="Type of feed value 4294967296 .* not compatible with Tensor type int32"):
            sess.run(n, {n: 2**32})
        with pytest.raises(ValueError, match="Cannot feed .* to Tensor 'x:0' of dtype float32"):
            sess.run(x, {x: [["a", "b"]]})


def test_unfetched_assign_never_runs():
    v = tf.Variable(0.0)
    bump = tf.assign_add(v, 1.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(v) == 0.0
        assert sess.run(bump) == 1.0
        assert sess.run(bump) == 2.0
        assert sess.run(v) == 2.0


def test_control_dependencies_pull_in_their_ops():
    v = tf.Variable(0.0)
    bump = tf.assign_add(v, 10.0)
    with tf.control_dependencies([bump]):
        after = v.read_value()
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(after) == 10.0
        grouped = tf.group(bump, name="bump_group")
        assert sess.run(grouped) is None
        assert sess.run(v) == 20.0


def test_variables_persist_across_runs_and_new_sessions_start_uninitialized():
    v = tf.Variable(3.0, name="weights")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(v, 4.0))
        assert sess.run(v) == 4.0
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value weights"):
            sess.run(v)


def test_only_the_taken_branch_of_cond_runs():
    v = tf.Variable(0.0)
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: tf.assign_add(v, 1.0), lambda: tf.assign_add(v, 100.0))
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(out, {p: True}) == 1.0
        assert sess.run(out, {p: False}) == 101.0
        assert sess.run(out, {p: True}) == 102.0


def test_cond_branch_side_effects_run_only_when_outputs_need_them():
    v = tf.Variable(0.0)
    p = tf.placeholder(tf.bool, [])

    def branch():
        tf.assign_add(v, 1.0)  # not connected to the output: TF1 never runs it
        return tf.constant(1.0)

    out = tf.cond(p, branch, lambda: tf.constant(2.0))
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(out, {p: True}) == 1.0
        assert sess.run(v) == 0.0


def test_signatures_are_cached_per_fetches_and_feeds_not_feed_shapes():
    x = tf.placeholder(tf.float32, [None])
    y = tf.identity(x)
    with tf.Session() as sess:
        sess.run(y, {x: [1.0]})
        sess.run(y, {x: [2.0]})
        assert len(sess._cache) == 1
        np.testing.assert_array_equal(sess.run(y, {x: [1.0, 2.0]}), [1.0, 2.0])  # a new batch size
        assert len(sess._cache) == 1
        sess.run([y, x], {x: [1.0]})
        assert len(sess._cache) == 2


def test_print_writes_to_stderr_and_passes_its_input(capfd):
    # capfd: compiled code writes to file descriptor 2, as TensorFlow does
    x = tf.constant([1, 2, 3])
    y = tf.Print(x, [x, tf.constant(7)], message="x is ")
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y), [1, 2, 3])
    assert capfd.readouterr().err == "x is [1 2 3][7]\n"


def test_assert_fails_the_run_with_its_data():
    p = tf.placeholder(tf.bool, [])
    check = tf.Assert(p, ["p must hold", tf.constant([1, 2])])
    with tf.control_dependencies([check]):
        out = tf.identity(tf.constant(1.0))
    with tf.Session() as sess:
        assert sess.run(out, {p: True}) == 1.0
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"assertion failed: \[p must hold\] \[1 2\]"):
            sess.run(out, {p: False})


def test_closed_session_refuses_to_run():
    sess = tf.Session()
    sess.close()
    with pytest.raises(RuntimeError, match="closed Session"):
        sess.run(tf.constant(1))


def test_eval_and_run_use_the_default_session():
    c = tf.constant(5)
    with tf.Session():
        assert c.eval() == 5
        tf.no_op().run()


def test_fetching_a_non_graph_element_fails_clearly():
    with tf.Session() as sess:
        with pytest.raises(TypeError, match="has invalid type"):
            sess.run(3)
        with pytest.raises(ValueError, match="cannot be interpreted as a Tensor"):
            sess.run("missing:0")


def test_seeded_random_ops_repeat_per_session_and_advance_per_run():
    tf.set_random_seed(42)
    r = tf.random_uniform([3], seed=1)
    with tf.Session() as sess:
        first, second = sess.run(r), sess.run(r)
    with tf.Session() as sess:
        again = sess.run(r)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, second)
    assert ((first >= 0) & (first < 1)).all()


def test_print_formats_like_tensorflow(capfd):
    # TF 2.18 (compat.v1) prints exactly this line for the same program
    x = tf.constant(np.arange(12).reshape(3, 4))
    y = tf.Print(x, [x, tf.constant(2.5), tf.constant([True, False])], message="m=", summarize=5)
    with tf.Session() as sess:
        sess.run(y)
    assert capfd.readouterr().err == "m=[[0 1 2 3][4...]...][2.5][1 0]\n"
