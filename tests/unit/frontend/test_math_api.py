"""The TF1 math functions and Tensor operators: names, dtypes, shapes, errors and values."""

import numpy as np
import pytest

import tfc as tf
from tfc.frontend.graph import Graph


@pytest.fixture(autouse=True)
def fresh_graph():
    graph = Graph()
    with graph.as_default():
        yield graph


def _run(fetches, feed_dict=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed_dict)


def _names(graph):
    return [op.name for op in graph.get_operations()]


# ----- names -----------------------------------------------------------------------------------------

def test_functions_are_named_as_tensorflow_names_them(fresh_graph):
    x = tf.placeholder(tf.float32, [2], name="x")
    assert tf.add(x, x).name == "Add:0"
    assert tf.add(x, x).name == "Add_1:0"
    assert tf.add(x, x, name="total").name == "total:0"
    assert tf.add(x, 1.0).op.inputs[1].name == "Add_2/y:0"
    assert tf.add(x, x).op.type == "AddV2"
    cases = {tf.subtract: ("Sub", "Sub"), tf.sub: ("Sub", "Sub"), tf.multiply: ("Mul", "Mul"),
             tf.mul: ("Mul", "Mul"), tf.divide: ("truediv", "RealDiv"), tf.truediv: ("truediv", "RealDiv"),
             tf.realdiv: ("RealDiv", "RealDiv"), tf.floordiv: ("floordiv", "FloorDiv"),
             tf.floormod: ("FloorMod", "FloorMod"), tf.mod: ("FloorMod", "FloorMod"),
             tf.maximum: ("Maximum", "Maximum"), tf.minimum: ("Minimum", "Minimum"), tf.pow: ("Pow", "Pow"),
             tf.equal: ("Equal", "Equal"), tf.not_equal: ("NotEqual", "NotEqual"), tf.less: ("Less", "Less"),
             tf.less_equal: ("LessEqual", "LessEqual"), tf.greater: ("Greater", "Greater"),
             tf.greater_equal: ("GreaterEqual", "GreaterEqual")}
    for fn, (name, op_type) in cases.items():
        with tf.Graph().as_default():
            y = tf.placeholder(tf.float32, [2])
            t = fn(y, y)
            assert (t.op.name, t.op.type) == (name, op_type), fn.__name__


def test_unary_functions_are_named_after_their_ops():
    x = tf.placeholder(tf.float32, [2])
    for fn, name in [(tf.negative, "Neg"), (tf.neg, "Neg_1"), (tf.abs, "Abs"), (tf.square, "Square"),
                     (tf.sqrt, "Sqrt"), (tf.rsqrt, "Rsqrt"), (tf.exp, "Exp"), (tf.log, "Log"),
                     (tf.log1p, "Log1p"), (tf.tanh, "Tanh"), (tf.sigmoid, "Sigmoid"), (tf.nn.relu, "Relu"),
                     (tf.nn.relu6, "Relu6"), (tf.nn.elu, "Elu"), (tf.nn.softplus, "Softplus"),
                     (tf.nn.sigmoid, "Sigmoid_1"), (tf.nn.tanh, "Tanh_1")]:
        t = fn(x)
        assert t.op.name == name and t.dtype == tf.float32 and t.shape.as_list() == [2]
    p = tf.placeholder(tf.bool, [2])
    assert tf.logical_not(p).op.name == "LogicalNot"
    assert tf.logical_and(p, p).op.name == "LogicalAnd" and tf.logical_or(p, p).op.name == "LogicalOr"


def test_operators_are_named_as_tensorflow_names_them(fresh_graph):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [2], name="p")
    cases = [(x + x, "add", "AddV2"), (x + x, "add_1", "AddV2"), (x - x, "sub", "Sub"), (x * x, "mul", "Mul"),
             (x / x, "truediv", "RealDiv"), (x // x, "floordiv", "FloorDiv"), (x % x, "mod", "FloorMod"),
             (x ** x, "pow", "Pow"), (-x, "Neg", "Neg"), (abs(x), "Abs", "Abs"), (x < x, "Less", "Less"),
             (x <= x, "LessEqual", "LessEqual"), (x > x, "Greater", "Greater"),
             (x >= x, "GreaterEqual", "GreaterEqual"), (~p, "LogicalNot", "LogicalNot"),
             (p & p, "and", "LogicalAnd"), (p | p, "or", "LogicalOr")]
    for t, name, op_type in cases:
        assert (t.op.name, t.op.type) == (name, op_type)


def test_equality_operators_keep_identity_semantics():
    x = tf.placeholder(tf.float32, [2])
    y = tf.placeholder(tf.float32, [2])
    assert (x == x) is True and (x == y) is False and (x != y) is True
    assert len({x, y, x}) == 2


def test_python_scalars_take_the_tensor_dtype():
    x = tf.placeholder(tf.float32, [3], name="x")
    y = x + 1
    assert y.dtype == tf.float32 and y.op.inputs[1].name == "add/y:0"
    z = 2.0 * x
    assert z.dtype == tf.float32 and z.op.name == "mul"
    assert [t.name for t in z.op.inputs] == ["mul/x:0", "x:0"]
    i = tf.placeholder(tf.int64, [3])
    assert (i * 2).dtype == tf.int64 and (3 - i).dtype == tf.int64 and (i < 2).dtype == tf.bool
    assert (np.float32(2) * x).dtype == tf.float32
    assert tf.add(1, 2).dtype == tf.int32 and tf.add(1.0, 2).dtype == tf.float32
    np.testing.assert_array_equal(_run(1 - x, {x: [1, 2, 3]}), [0, -1, -2])


def test_mismatched_dtypes_raise_type_error():
    x = tf.placeholder(tf.float32, [3])
    i = tf.placeholder(tf.int32, [3])
    with pytest.raises(TypeError, match="Input 'y' of 'AddV2' Op has type int32 that does not match type float32"):
        tf.add(x, i)
    with pytest.raises(TypeError):
        x * i
    with pytest.raises(TypeError, match="Expected int32, got 1.5"):
        i + 1.5
    with pytest.raises(TypeError, match="x and y must have the same dtype|does not match"):
        x / i
    with pytest.raises(TypeError):
        x + "a"


def test_dtypes_an_op_does_not_take_raise_type_error():
    i = tf.placeholder(tf.int32, [3])
    with pytest.raises(TypeError, match="Value passed to parameter 'x' has DataType int32 not in list of allowed "
                                        "values: bfloat16, float16, float32, float64"):
        tf.sqrt(i)
    with pytest.raises(TypeError, match="has DataType int32 not in list of allowed values: bool"):
        tf.logical_and(i, i)
    with pytest.raises(TypeError, match="has DataType int32 not in list of allowed values: bool"):
        ~i
    with pytest.raises(TypeError, match="DataType bool not in list"):
        -tf.placeholder(tf.bool, [2])


def test_incompatible_static_shapes_raise_value_error_naming_the_op():
    a = tf.placeholder(tf.float32, [2, 3])
    b = tf.placeholder(tf.float32, [4])
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 3 and 4 for 'Add' \(op: 'AddV2'\) "
                                         r"with input shapes: \[2,3\], \[4\]"):
        tf.add(a, b)
    with pytest.raises(ValueError, match="for 'mul' \\(op: 'Mul'\\)"):
        a * b


def test_broadcast_shapes():
    a = tf.placeholder(tf.float32, [None, 3])
    assert (a + tf.placeholder(tf.float32, [3])).shape.as_list() == [None, 3]
    assert (a * tf.placeholder(tf.float32, [5, 1, 1])).shape.as_list() == [5, None, 3]
    assert (a - tf.placeholder(tf.float32)).shape.ndims is None
    assert tf.equal(a, 1.0).shape.as_list() == [None, 3]


def test_ops_join_the_graph_of_their_inputs():
    other = tf.Graph()
    with other.as_default():
        x = tf.placeholder(tf.float32, [2])
    y = x + 1  # the default graph is another one
    assert y.graph is other and y.op.inputs[1].graph is other
    assert tf.reduce_sum(x).graph is other


# ----- division ----------------------------------------------------------------------------------

def test_truediv_casts_integers_like_tensorflow():
    i = tf.constant([7, -7], name="i")
    q = i / 2
    assert q.dtype == tf.float64 and q.op.name == "truediv"
    assert [t.op.name for t in q.op.inputs] == ["truediv/Cast", "truediv/Cast_1"]
    assert (tf.constant([1, 2], tf.int16) / 2).dtype == tf.float32
    assert tf.divide(tf.constant(1.0), 2.0).op.name == "truediv_2"
    np.testing.assert_array_equal(_run(q), [3.5, -3.5])
    with pytest.raises(TypeError, match="Invalid dtype"):
        tf.constant([True]) / tf.constant([False])


def test_floor_division_and_modulo_values():
    i = tf.constant([7, -7, 7, -7])
    j = tf.constant([3, 3, -3, -3])
    div, mod = _run([i // j, i % j])
    np.testing.assert_array_equal(div, [2, -3, -3, 2])
    np.testing.assert_array_equal(mod, [1, 2, -2, -1])
    np.testing.assert_allclose(_run(tf.floormod(tf.constant([-7.5, 7.5]), 2.0)), [0.5, 1.5])


def test_integer_division_by_zero_fails_at_run_time():
    x = tf.placeholder(tf.int32, [2], name="x")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        _run(tf.floordiv(10, x), {x: [1, 0]})


# ----- values through a session ------------------------------------------------------------------

def test_an_expression_evaluates_like_numpy():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = np.array([0.5, -1.0, 2.0], np.float32)
    y = tf.nn.relu(x * w + 1.0) - tf.sigmoid(x) / 2 + tf.square(x) ** 0.5
    data = np.array([[1.0, -2.0, 3.0], [0.0, 4.0, -5.0]], np.float32)
    expected = np.maximum(data * w + 1, 0) - 1 / (1 + np.exp(-data)) / 2 + np.abs(data)
    np.testing.assert_allclose(_run(y, {x: data}), expected, rtol=1e-6)


def test_comparisons_logic_and_selection_values():
    x = tf.constant([1.0, 5.0, 3.0])
    c = (x > 2.0) & ~(x >= 5.0)
    picked = tf.where(c, x, -x)
    picked_v2 = tf.where_v2(x < 2.0, 0.0, x)
    out = _run([c, picked, picked_v2, tf.equal(x, 5.0), tf.not_equal(x, 5.0)])
    np.testing.assert_array_equal(out[0], [False, False, True])
    np.testing.assert_array_equal(out[1], [-1.0, -5.0, 3.0])
    np.testing.assert_array_equal(out[2], [0.0, 5.0, 3.0])
    np.testing.assert_array_equal(out[3], [False, True, False])
    np.testing.assert_array_equal(out[4], [True, False, True])
    assert picked.op.type == "Select" and picked.op.name == "Select"
    assert picked_v2.op.type == "SelectV2"


def test_where_needs_x_and_y():
    c = tf.constant([True])
    with pytest.raises(ValueError, match="x and y must both be non-None"):
        tf.where(c, x=tf.constant([1]))
    with pytest.raises(NotImplementedError):
        tf.where(c)
    with pytest.raises(TypeError, match="parameter 'condition'"):
        tf.where(tf.constant([1.0]), [1.0], [2.0])


def test_large_magnitudes_are_stable():
    x = tf.constant([-1000.0, 0.0, 1000.0])
    sig, soft = _run([tf.sigmoid(x), tf.nn.softplus(x)])
    np.testing.assert_array_equal(sig, [0.0, 0.5, 1.0])
    np.testing.assert_allclose(soft, [0.0, np.log(2), 1000.0])


# ----- casts ---------------------------------------------------------------------------------------

def test_cast():
    x = tf.constant([-1.7, 0.5, 2.9], name="x")
    i = tf.cast(x, tf.int32)
    assert i.dtype == tf.int32 and i.op.name == "Cast" and i.op.type == "Cast"
    assert i.op.get_attr("DstT") == tf.int32 and i.op.get_attr("Truncate") is False
    assert tf.cast(x, tf.float32) is x
    assert tf.to_float(i).op.name == "ToFloat" and tf.to_int64(x).op.name == "ToInt64"
    assert tf.to_int32(x).dtype == tf.int32
    assert tf.cast(3, tf.float32).dtype == tf.float32
    out = _run([i, tf.cast(x, tf.bool), tf.to_float(tf.constant([True, False]))])
    np.testing.assert_array_equal(out[0], [-1, 0, 2])
    np.testing.assert_array_equal(out[1], [True, True, True])
    np.testing.assert_array_equal(out[2], [1.0, 0.0])


# ----- reductions ----------------------------------------------------------------------------------

def test_reductions_over_all_axes_and_some():
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    total = tf.reduce_sum(x)
    assert total.op.name == "Sum" and total.shape.as_list() == []
    assert total.op.inputs[1].op.name == "Const"
    rows = tf.reduce_mean(x, axis=1, keepdims=True)
    assert rows.shape.as_list() == [2, 1] and rows.op.inputs[1].name == "Mean/reduction_indices:0"
    old = tf.reduce_max(x, reduction_indices=[0], keep_dims=True)
    assert old.shape.as_list() == [1, 3] and old.op.get_attr("keep_dims") is True
    assert tf.reduce_min(x, -1).shape.as_list() == [2]
    assert tf.reduce_prod(x, [], name="p").shape.as_list() == [2, 3]
    data = np.arange(6, dtype=np.float32).reshape(2, 3) - 2
    out = _run([total, rows, old, tf.reduce_min(x, -1), tf.reduce_prod(x, 0)], {x: data})
    assert out[0] == data.sum()
    np.testing.assert_allclose(out[1], data.mean(axis=1, keepdims=True))
    np.testing.assert_array_equal(out[2], data.max(axis=0, keepdims=True))
    np.testing.assert_array_equal(out[3], data.min(axis=-1))
    np.testing.assert_array_equal(out[4], data.prod(axis=0))


def test_reduction_argument_errors():
    x = tf.placeholder(tf.float32, [2, 3])
    with pytest.raises(ValueError, match="Cannot specify both 'reduction_indices' and 'axis'"):
        tf.reduce_sum(x, axis=0, reduction_indices=0)
    with pytest.raises(ValueError, match="Invalid reduction dimension 2 for input with 2 dimensions for 'Sum'"):
        tf.reduce_sum(x, 2)
    everything = tf.reduce_sum(tf.placeholder(tf.float32, name="any_rank"))  # over range(rank(x))
    assert everything.op.inputs[1].op.type == "Range"
    with pytest.raises(TypeError, match="reduction_indices"):
        tf.reduce_sum(x, 1.0)
    with pytest.raises(TypeError, match="DataType bool"):
        tf.reduce_sum(tf.constant([True]))


def test_reductions_with_unknown_rank_and_tensor_axes():
    x = tf.placeholder(tf.float32)
    axis = tf.placeholder(tf.int32, [None])
    assert tf.reduce_sum(x, 0).shape.ndims is None
    y = tf.placeholder(tf.float32, [2, None])
    assert tf.reduce_sum(y, axis).shape.ndims is None
    assert tf.reduce_sum(y, axis, keepdims=True).shape.as_list() == [None, None]
    np.testing.assert_array_equal(_run(tf.reduce_sum(y, axis), {y: np.ones((2, 4)), axis: [1]}), [4, 4])


def test_integer_mean_divides_toward_zero():
    np.testing.assert_array_equal(_run(tf.reduce_mean(tf.constant([[-1, -2], [3, 4]]), 1)), [-1, 3])


def test_argmax_and_argmin():
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    a = tf.argmax(x)
    assert a.op.name == "ArgMax" and a.dtype == tf.int64 and a.shape.as_list() == [3]
    b = tf.argmin(x, axis=1, output_type=tf.int32)
    assert b.dtype == tf.int32 and b.shape.as_list() == [2] and b.op.name == "ArgMin"
    c = tf.argmax(x, dimension=-1)
    data = np.array([[1, 5, 2], [7, 0, 3]], np.float32)
    out = _run([a, b, c], {x: data})
    np.testing.assert_array_equal(out[0], [1, 0, 1])
    np.testing.assert_array_equal(out[1], [0, 1])
    np.testing.assert_array_equal(out[2], [1, 0])
    with pytest.raises(ValueError, match=r"Expected dimension in the range \[-2, 2\), but got 2"):
        tf.argmax(x, 2)
    with pytest.raises(TypeError, match="output_type"):
        tf.argmax(x, 0, output_type=tf.float32)


# ----- add_n -----------------------------------------------------------------------------------------

def test_add_n(fresh_graph):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = tf.constant([[1.0, 2.0]], name="y")
    s = tf.add_n([x, y, x])
    assert s.op.name == "AddN" and s.shape.as_list() == [1, 2] and s.dtype == tf.float32
    assert "AddN/add" in _names(fresh_graph)
    assert tf.add_n([x]) is x
    assert tf.add_n([x], name="only").op.name == "only"
    np.testing.assert_array_equal(_run(s, {x: [[1.0, 1.0]]}), [[3.0, 4.0]])
    with pytest.raises(ValueError, match="at least one"):
        tf.add_n([])
    with pytest.raises(ValueError, match="Shapes must be equal"):
        tf.add_n([y, tf.constant([1.0, 2.0, 3.0])])
    with pytest.raises(TypeError, match="same dtype"):
        tf.add_n([y, tf.constant([[1, 2]])])


# ----- other operators -------------------------------------------------------------------------------

def test_matmul_operator():
    a = tf.placeholder(tf.float32, [2, 3])
    b = tf.placeholder(tf.float32, [3, 4])
    c = a @ b
    assert c.op.name == "matmul" and c.shape.as_list() == [2, 4]
    d = np.ones((1, 2), np.float32) @ a
    assert d.op.name == "matmul_1" and d.shape.as_list() == [1, 3]


def test_getitem_operator():
    pytest.importorskip("tfc.frontend.array_api")
    x = tf.constant([[1, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(_run(x[1]), [4, 5, 6])
    np.testing.assert_array_equal(_run(x[:, 1:]), [[2, 3], [5, 6]])


def test_variables_take_part_in_expressions():
    v = tf.Variable([1.0, 2.0], name="v")
    y = v * 2.0 + 1.0
    assert y.dtype == tf.float32
    with tf.Session() as sess:
        sess.run(v.initializer)
        np.testing.assert_array_equal(sess.run(y), [3.0, 5.0])
        np.testing.assert_array_equal(sess.run(-v), [-1.0, -2.0])
        np.testing.assert_array_equal(sess.run(1.0 - v), [0.0, -1.0])


def test_clip_by_value_and_squared_difference():
    x = tf.constant([-2.0, 0.5, 3.0])
    clipped = tf.clip_by_value(x, -1.0, 1.0)
    diff = tf.squared_difference(x, 1.0)
    assert clipped.op.name == "clip_by_value"
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(clipped), [-1.0, 0.5, 1.0])
        np.testing.assert_array_equal(sess.run(diff), [9.0, 0.25, 4.0])


def test_collections_as_module_functions():
    v = tf.Variable(1.0)
    tf.add_to_collection("mine", v)
    assert tf.get_collection("mine") == [v]
    assert tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES) == [v]
    tf.get_collection_ref("mine").append(3)
    assert tf.get_collection("mine") == [v, 3]
