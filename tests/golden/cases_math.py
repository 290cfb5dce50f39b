"""Golden cases: broadcasting arithmetic (see cases.py for the conventions)."""

from __future__ import annotations

import numpy as np  # noqa: F401

from golden_inputs import (  # noqa: F401
    A_3x1x4,
    A_3x4,
    B_3x4,
    B_5x1,
    F64_3x4,
    FLOAT_DIVISORS,
    I64_2x3,
    I_3x4,
    I_4,
    LARGE,
    NEG_FLOATS,
    NZ_3x4,
    POS_3x4,
    SMALL_I_3x4,
    TRUNC,
    U8_6,
    X_2x3x4,
    X_4x5x6,
)


# ----- broadcasting arithmetic ---------------------------------------------------------------------------

def add_sub_mul_broadcast_f32(tf):
    a, b = tf.constant(A_3x1x4), tf.constant(B_5x1)
    return {"add": tf.add(a, b), "sub": tf.subtract(a, b), "mul": tf.multiply(a, b),
            "op_add": a + b, "op_sub": b - a, "op_mul": a * b}


def arithmetic_int32_broadcast(tf):
    x, v = tf.constant(I_3x4), tf.constant(I_4)
    return {"add": x + v, "sub": x - v, "mul": x * v, "neg": -x, "abs": tf.abs(x), "square": tf.square(x),
            "max": tf.maximum(x, v), "min": tf.minimum(x, v)}


def arithmetic_int64_and_uint8(tf):
    x = tf.constant(I64_2x3)
    u = tf.constant(U8_6)
    return {"i64_add": x + x, "i64_sub_const": x - 7, "i64_mul": x * 3, "i64_max": tf.maximum(x, 0),
            "u8_add": u + u, "u8_mul": u * 2}


def arithmetic_float64(tf):
    x = tf.constant(F64_3x4)
    return {"add": x + 1.5, "mul": x * x, "div": x / 3.0, "exp": tf.exp(x), "tanh": tf.tanh(x)}


def python_scalar_operands(tf):
    x = tf.constant(A_3x4)
    i = tf.constant(I_3x4)
    return {"radd": 1 + x, "rsub": 1 - x, "rmul": 2.0 * x, "rdiv": 1.0 / (x + 2.0), "add_int": i + 1,
            "rsub_int": 10 - i, "mul_int": i * -2}


def divide_float(tf):
    x, y = tf.constant(A_3x4), tf.constant(POS_3x4)
    return {"divide": tf.divide(x, y), "truediv": tf.truediv(x, y), "realdiv": tf.realdiv(x, y),
            "op_div": x / y, "rdiv_scalar": 2.0 / y}


def truediv_int32_gives_float64(tf):
    x, y = tf.constant(I_3x4), tf.constant(NZ_3x4)
    return {"op_div": x / y, "truediv": tf.truediv(x, y), "divide": tf.divide(x, 4)}


def floordiv_floormod_int_negatives(tf):
    x, y = tf.constant(I_3x4), tf.constant(NZ_3x4)
    return {"floordiv": tf.floordiv(x, y), "floormod": tf.floormod(x, y), "mod": tf.mod(x, y),
            "op_floordiv": x // y, "op_mod": x % y, "neg_const_floordiv": x // -3, "neg_const_mod": x % -3,
            "rfloordiv": -17 // y, "rmod": -17 % y}


def floordiv_floormod_float_negatives(tf):
    x, y = tf.constant(NEG_FLOATS), tf.constant(FLOAT_DIVISORS)
    return {"floordiv": tf.floordiv(x, y), "floormod": tf.floormod(x, y), "op_floordiv": x // 2.0,
            "op_mod": x % -2.0}


def pow_float_and_int(tf):
    base = tf.constant(POS_3x4)
    expo = tf.constant(A_3x4 * 3.0)
    neg = tf.constant(NEG_FLOATS)
    ibase = tf.constant(np.array([-3, -2, -1, 0, 1, 2, 3, 5], np.int32))
    iexp = tf.constant(np.array([3, 2, 5, 0, 7, 10, 4, 3], np.int32))
    return {"pow": tf.pow(base, expo), "op_pow": base ** 2.0, "sqrt_pow": base ** 0.5, "rpow": 2.0 ** expo,
            "neg_base_int_exp": tf.pow(neg, 3.0), "neg_base_even": neg ** 2.0, "int_pow": tf.pow(ibase, iexp),
            "int_op_pow": ibase ** 2}


def unary_math(tf):
    x = tf.constant(A_3x4 * 3.0)
    p = tf.constant(POS_3x4)
    return {"neg": tf.negative(x), "abs": tf.abs(x), "op_abs": abs(x), "square": tf.square(x),
            "sqrt": tf.sqrt(p), "rsqrt": tf.rsqrt(p), "exp": tf.exp(x), "log": tf.log(p), "log1p": tf.log1p(p),
            "tanh": tf.tanh(x), "sigmoid": tf.sigmoid(x)}


def activations_at_large_magnitudes(tf):
    x = tf.constant(LARGE)
    return {"sigmoid": tf.sigmoid(x), "nn_sigmoid": tf.nn.sigmoid(x), "softplus": tf.nn.softplus(x),
            "elu": tf.nn.elu(x), "relu": tf.nn.relu(x), "relu6": tf.nn.relu6(x), "tanh": tf.nn.tanh(x),
            "exp": tf.exp(x)}


def add_n_and_identity(tf):
    a, b = tf.constant(A_3x4), tf.constant(B_3x4)
    return {"add_n3": tf.add_n([a, b, a]), "add_n1": tf.add_n([b]), "identity": tf.identity(a),
            "stop_gradient": tf.stop_gradient(b)}


# ----- comparisons, logic, selection ---------------------------------------------------------------------

def comparisons_broadcast(tf):
    x, y = tf.constant(I_3x4), tf.constant(I_4)
    f = tf.constant(A_3x4)
    return {"equal": tf.equal(x, y), "not_equal": tf.not_equal(x, y), "less": tf.less(x, y),
            "less_equal": tf.less_equal(x, y), "greater": tf.greater(x, y), "greater_equal": tf.greater_equal(x, y),
            "op_lt": f < 0.25, "op_le": f <= 0.0, "op_gt": f > -0.5, "op_ge": x >= 0, "eq_scalar": tf.equal(x, 3)}


def logical_ops(tf):
    p = tf.constant(A_3x4 > 0)
    q = tf.constant(B_3x4 > 0.2)
    return {"and": tf.logical_and(p, q), "or": tf.logical_or(p, q), "not": tf.logical_not(p), "op_and": p & q,
            "op_or": p | q, "op_not": ~q}


def where_select(tf):
    c = tf.constant(A_3x4 > 0)
    rows = tf.constant(np.array([True, False, True]))
    x, y = tf.constant(A_3x4), tf.constant(B_3x4)
    return {"elementwise": tf.where(c, x, y), "row_select": tf.where(rows, x, y),
            "int": tf.where(c, tf.constant(I_3x4), tf.constant(NZ_3x4))}


def where_v2_broadcast(tf):
    c = tf.constant(np.array([[True], [False], [True]]))
    x = tf.constant(np.array([[1.0, 2.0, 3.0, 4.0]], np.float32))
    return {"bcast": tf.where_v2(c, x, -1.0),
            "bcast_cond_row": tf.where_v2(tf.constant(A_3x4 > 0), x, tf.constant(B_3x4))}


def cast_conversions(tf):
    t = tf.constant(TRUNC)
    i = tf.constant(I_3x4)
    return {"f_to_i32": tf.cast(t, tf.int32), "f_to_i64": tf.cast(t, tf.int64), "f_to_bool": tf.cast(t, tf.bool),
            "f_to_f64": tf.cast(t, tf.float64), "i_to_f": tf.cast(i, tf.float32), "to_float": tf.to_float(i),
            "to_int32": tf.to_int32(t), "to_int64": tf.to_int64(t), "bool_to_f": tf.cast(i > 0, tf.float32),
            "bool_to_i": tf.cast(i > 0, tf.int32), "i_to_u8": tf.cast(tf.abs(i), tf.uint8),
            "same": tf.cast(t, tf.float32)}


def constant_dtypes_and_shapes(tf):
    return {"int": tf.constant(3), "float": tf.constant(2.5), "bool": tf.constant([True, False]),
            "list2d": tf.constant([[1, 2], [3, 4]]), "as_f32": tf.constant([[1, 2], [3, 4]], dtype=tf.float32),
            "f64": tf.constant(np.array([1.5, 2.5])), "i64": tf.constant(np.array([1, 2], np.int64)),
            "filled": tf.constant(7, shape=[2, 3]), "filled_f": tf.constant(0.5, dtype=tf.float32, shape=[3]),
            "autopack": tf.convert_to_tensor([tf.constant(1.0), 2.0, tf.constant(3.0)]),
            "autopack_nested": tf.stack([[tf.constant(1), 2], [3, tf.constant(4)]])}


# ----- reductions and arg-reductions --------------------------------------------------------------

def reduce_sum_mean_axes(tf):
    x = tf.constant(X_4x5x6)
    return {"sum_all": tf.reduce_sum(x), "sum_0": tf.reduce_sum(x, 0), "sum_neg1": tf.reduce_sum(x, axis=-1),
            "sum_02": tf.reduce_sum(x, [0, 2]), "sum_keep": tf.reduce_sum(x, [1], keepdims=True),
            "sum_keep_dims_kw": tf.reduce_sum(x, axis=-2, keep_dims=True),
            "sum_reduction_indices": tf.reduce_sum(x, reduction_indices=[2]),
            "sum_empty_axes": tf.reduce_sum(x, axis=[]),
            "mean_all": tf.reduce_mean(x), "mean_neg": tf.reduce_mean(x, [-1, -3]),
            "mean_keep": tf.reduce_mean(x, 1, keepdims=True)}


def reduce_max_min_prod(tf):
    x = tf.constant(X_4x5x6)
    s = tf.constant(X_2x3x4)
    return {"max_all": tf.reduce_max(x), "max_1": tf.reduce_max(x, 1), "max_keep": tf.reduce_max(x, -1, True),
            "min_all": tf.reduce_min(x), "min_neg2": tf.reduce_min(x, axis=-2),
            "min_keep": tf.reduce_min(x, [0, 2], keepdims=True), "prod_all": tf.reduce_prod(s),
            "prod_2": tf.reduce_prod(s, 2), "prod_keep": tf.reduce_prod(s, [0, -1], keepdims=True)}


def reduce_int32(tf):
    x = tf.constant(I_3x4)
    return {"sum": tf.reduce_sum(x), "sum_1": tf.reduce_sum(x, 1), "max": tf.reduce_max(x, 0),
            "min_keep": tf.reduce_min(x, 1, keepdims=True), "prod": tf.reduce_prod(x, 0)}


def reduce_mean_int32_truncates(tf):
    # TensorFlow's integer mean is sum / count in integer arithmetic (truncation toward zero).
    x = tf.constant(I_3x4)
    return {"mean_all": tf.reduce_mean(x), "mean_0": tf.reduce_mean(x, 0), "mean_1": tf.reduce_mean(x, 1)}


def argmax_argmin(tf):
    x = tf.constant(X_2x3x4)
    t = tf.constant(SMALL_I_3x4)
    return {"argmax0": tf.argmax(x, 0), "argmax1": tf.argmax(x, axis=1), "argmax_neg1": tf.argmax(x, -1),
            "argmin2": tf.argmin(x, 2), "argmin_i32": tf.argmin(x, 1, output_type=tf.int32),
            "argmax_dimension_kw": tf.argmax(x, dimension=2),
            "ties_argmax": tf.argmax(t, 1), "ties_argmin": tf.argmin(t, 0), "ties_argmax_axis0": tf.argmax(t, 0)}
