"""Golden cases: control flow (see cases.py for the conventions)."""

from __future__ import annotations

import numpy as np  # noqa: F401

from golden_inputs import (  # noqa: F401
    A_3x4,
    BATCH_FEED_5x3,
    B_2,
    B_3x4,
    F64_3x4,
    I_3x4,
    W_3x2,
)


# ----- control flow ---------------------------------------------------------------------------------

def cond_fed_predicate(tf):
    p = tf.placeholder(tf.bool, [])
    x = tf.constant(A_3x4)
    out = tf.cond(p, lambda: x * 2.0, lambda: x - 1.0)
    pair = tf.cond(p, lambda: (tf.reduce_sum(x), tf.constant(1)), lambda: (tf.reduce_max(x), tf.constant(2)))
    return [({"true": out, "true_pair0": pair[0], "true_pair1": pair[1]}, {p: True}),
            ({"false": out, "false_pair0": pair[0], "false_pair1": pair[1]}, {p: False})]


def cond_on_tensor_values(tf):
    x = tf.constant(A_3x4)
    s = tf.reduce_sum(x)
    a = tf.cond(s > 0.0, lambda: tf.reduce_max(x), lambda: tf.reduce_min(x))
    b = tf.cond(tf.less(s, -100.0), true_fn=lambda: {"v": x[0]}, false_fn=lambda: {"v": x[1] * 3.0})
    nested = tf.cond(s < 100.0, lambda: tf.cond(s < -100.0, lambda: 1, lambda: 2), lambda: 3)
    return {"a": a, "dict_v": b["v"], "nested": nested}


def while_loop_sum_and_fib(tf):
    total = tf.while_loop(lambda i, s: i < 10, lambda i, s: (i + 1, s + i), [0, 0])
    fib = tf.while_loop(lambda i, a, b: i < 20, lambda i, a, b: (i + 1, b, a + b),
                        [tf.constant(0), tf.constant(0, tf.int64), tf.constant(1, tf.int64)])
    single = tf.while_loop(lambda x: x < 1000.0, lambda x: x * 3.0, [tf.constant(1.5)])
    return {"i": total[0], "sum": total[1], "fib": fib[1], "fib_i": fib[0], "single": single}


def while_loop_max_iterations_and_tensors(tf):
    m = tf.constant(np.array([[0.5, 0.25], [0.125, 1.0]], np.float32))

    def body(k, acc):
        return k + 1, tf.matmul(acc, m)

    k, power = tf.while_loop(lambda k, acc: k < 100, body, (tf.constant(0), tf.constant(np.eye(2, dtype=np.float32))),
                             maximum_iterations=5)
    capped = tf.while_loop(lambda i: i < 100, lambda i: i + 3, [tf.constant(1)], maximum_iterations=7)
    return {"k": k, "power": power, "capped": capped}


def while_loop_shape_invariants(tf):
    i0 = tf.constant(0)
    acc0 = tf.constant(np.zeros([0], np.float32))
    i, acc = tf.while_loop(lambda i, acc: i < 5,
                           lambda i, acc: (i + 1, tf.concat([acc, tf.cast(tf.expand_dims(i * i, 0), tf.float32)], 0)),
                           [i0, acc0], shape_invariants=[i0.get_shape(), tf.TensorShape([None])])
    return {"i": i, "acc": acc}


def while_loop_with_cond_inside(tf):
    def body(i, x):
        x = tf.cond(tf.equal(i % 2, 0), lambda: x * 2, lambda: x + 3)
        return i + 1, x
    _, x = tf.while_loop(lambda i, x: i < 6, body, [tf.constant(0), tf.constant(1)])
    return {"x": x}


# ----- variables ------------------------------------------------------------------------------------

def variable_assign_then_read(tf):
    v = tf.Variable(tf.constant(A_3x4), name="v")
    assign = tf.assign(v, tf.constant(B_3x4))
    return [{"initial": v.read_value()}, {"_assign": assign.op}, {"after": v.read_value(), "plus1": v + 1.0}]


def variable_assign_add_sub_sequence(tf):
    v = tf.Variable(tf.zeros([2, 3]), name="acc")
    c = tf.Variable(0, name="counter")
    add = v.assign_add(tf.ones([2, 3]) * 2.0)
    sub = tf.assign_sub(v, tf.ones([2, 3]) * 0.5)
    inc = tf.assign_add(c, 1)
    return [{"added": add, "inc1": inc}, {"inc2": inc}, {"subbed": sub},
            {"v_final": v.read_value(), "c_final": c.read_value(), "fetch_var": v}]


def variable_control_dependencies(tf):
    v = tf.Variable(tf.constant(10.0), name="v")
    a = tf.assign(v, 3.0)
    with tf.control_dependencies([a]):
        after = v.read_value() * 2.0
    g = tf.group(tf.assign_add(v, 1.0), tf.no_op())
    return [{"after": after}, {"_group": g}, {"read": v.read_value()}]


def get_variable_initializers(tf):
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", [2, 3], initializer=tf.constant_initializer(0.5))
        z = tf.get_variable("z", [3], initializer=tf.zeros_initializer())
        o = tf.get_variable("o", [2], dtype=tf.int32, initializer=tf.ones_initializer())
        lst = tf.get_variable("lst", [2, 2], initializer=tf.constant_initializer([1.0, 2.0, 3.0, 4.0]))
        val = tf.get_variable("val", initializer=tf.constant(I_3x4))
    with tf.variable_scope("layer", reuse=True):
        w_again = tf.get_variable("w")
    upd = w_again.assign(w * 3.0)
    return [{"w": w.read_value(), "z": z.read_value(), "o": o.read_value(), "lst": lst.read_value(),
             "val": val.read_value()}, {"upd": upd}, {"w_after": w.read_value()}]


def resource_variable_and_feed(tf):
    w = tf.Variable(tf.constant(W_3x2), use_resource=True, name="w")
    b = tf.get_variable("b", initializer=tf.constant(B_2), use_resource=True)
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.matmul(x, w) + b
    step = w.assign_sub(0.1 * tf.ones_like(w))
    feeds = {x: BATCH_FEED_5x3}
    return [({"y0": y}, feeds), {"step": step}, ({"y1": y}, lambda: {x: BATCH_FEED_5x3[:2]})]


def placeholder_with_default_and_feeds(tf):
    d = tf.placeholder_with_default(tf.constant(A_3x4), [3, 4])
    f64 = tf.placeholder(tf.float64, [3, 4])
    return [{"default": d * 2.0}, ({"fed": d * 2.0, "f64": f64 * 2.0}, {d: B_3x4, f64: F64_3x4})]
