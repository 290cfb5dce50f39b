"""Golden cases: edge values: overflow, special floats, empty tensors (see cases.py for the conventions)."""

from __future__ import annotations

import numpy as np  # noqa: F401

from golden_inputs import (  # noqa: F401
    A_3x4,
    BATCH_FEED_5x3,
    BIAS_5,
    BIG_LOGITS_4x6,
    BIG_SPARSE_LABELS_4,
    B_3x4,
    EMPTY_0x3,
    F16_3x4,
    F16_LONG_3000,
    F64_3x4,
    F64_FEED_2x3,
    I16_6,
    I64_2x3,
    I64_BIG,
    I8_6,
    I8_6B,
    IMG_1x7x7x2,
    INT_EDGE,
    I_3x4,
    I_4,
    K_2x2x2x3,
    K_3x3x2x3,
    K_4x4x2x1,
    K_5x5x2x2,
    LABELS_4x5,
    LOGITS_4x5,
    MAT_A_3x4,
    NCW_2x5x3,
    POOL_1x5x5x2,
    SMALL_I_3x4,
    SPECIAL,
    SPECIAL_Y,
    U8_6,
    U8_6B,
    W_3x2,
    X_2x3x4,
    X_4x5x6,
)


# ----- edge values: overflow, special floats, empty tensors --------------------------------------

def integer_overflow_wraps(tf):
    x = tf.constant(INT_EDGE)
    u = tf.constant(np.array([200, 100, 0, 255], np.uint8))
    return {"add_wrap": x + 1, "sub_wrap": x - 2, "mul_wrap": x * 3, "neg_min": -x, "abs_min": tf.abs(x),
            "square_wrap": tf.square(x), "sum_wrap": tf.reduce_sum(x), "u8_add_wrap": u + tf.constant(np.uint8(100)),
            "u8_sub_wrap": u - tf.constant(np.uint8(201)), "u8_mul_wrap": u * u}


def cast_integer_narrowing(tf):
    big = tf.constant(I64_BIG)
    i = tf.constant(INT_EDGE)
    return {"i64_to_i32": tf.cast(big, tf.int32), "i64_to_u8": tf.cast(big, tf.uint8),
            "i32_to_u8": tf.cast(i, tf.uint8),
            "i32_to_i64": tf.cast(i, tf.int64), "i32_to_bool": tf.cast(i, tf.bool),
            "i32_to_f32": tf.cast(i, tf.float32),
            "i64_to_f64": tf.cast(big, tf.float64), "f64_to_f32": tf.cast(tf.constant(F64_3x4 / 3.0), tf.float32),
            "bool_to_f64": tf.cast(tf.constant(np.array([True, False])), tf.float64)}


def special_float_values(tf):
    x, y = tf.constant(SPECIAL), tf.constant(SPECIAL_Y)
    return {"div": x / y, "floordiv": tf.floordiv(x, y), "floormod": tf.floormod(x, y), "log": tf.log(x),
            "log1p": tf.log1p(x - 1.0), "sqrt": tf.sqrt(x), "rsqrt": tf.rsqrt(x), "exp": tf.exp(x), "pow": tf.pow(x, y),
            "sigmoid": tf.sigmoid(x), "tanh": tf.tanh(x), "relu": tf.nn.relu(x), "elu": tf.nn.elu(x),
            "softplus": tf.nn.softplus(x), "equal_self": tf.equal(x, x), "less": x < y,
            "cast_bool": tf.cast(x, tf.bool),
            "square": tf.square(x), "abs": tf.abs(x), "neg": -x}


def nan_propagation(tf):
    x = tf.constant(np.array([np.nan, 1.0, -1.0, np.nan], np.float32))
    y = tf.constant(np.array([1.0, np.nan, np.nan, np.nan], np.float32))
    m = tf.constant(np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]], np.float32))
    return {"maximum": tf.maximum(x, y), "minimum": tf.minimum(x, y), "sum": tf.reduce_sum(m, 1),
            "mean": tf.reduce_mean(m, 1), "prod": tf.reduce_prod(m, 1), "relu6": tf.nn.relu6(x)}
    # (no softmax of NaN: TensorFlow's own answer differs between its runtime kernel and its
    # constant folding)


def empty_tensors(tf):
    e = tf.constant(EMPTY_0x3)
    a = tf.constant(A_3x4)
    return {"sum0": tf.reduce_sum(e, 0), "sum1": tf.reduce_sum(e, 1), "prod0": tf.reduce_prod(e, 0),
            "mean0": tf.reduce_mean(e, 0), "max0": tf.reduce_max(e, 0), "min0": tf.reduce_min(e, 0),
            "int_max0": tf.reduce_max(tf.cast(e, tf.int32), 0), "add": e + 1.0, "concat": tf.concat([e, a[:, :3]], 0),
            "matmul_m0": tf.matmul(e, a[:, :2]), "matmul_k0": tf.matmul(tf.transpose(e), e),
            "tile0": tf.tile(a, [0, 2]), "slice_empty": a[2:1], "reshape": tf.reshape(e, [-1, 3, 1]),
            "shape": tf.shape(e), "size": tf.size(e), "zeros_like": tf.zeros_like(e)}


def scalars_and_rank0(tf):
    s = tf.constant(np.float32(2.5))
    return {"expand": tf.expand_dims(s, 0), "reshape": tf.reshape(s, [1, 1]), "new": s[None], "ell": s[...],
            "sum": tf.reduce_sum(s), "transpose": tf.transpose(s), "stack": tf.stack([s, s * 2.0]),
            "squeeze": tf.squeeze(tf.constant(np.array([7.0], np.float32))), "size": tf.size(s),
            "bcast": s + tf.constant(A_3x4), "tile": tf.tile(tf.reshape(s, [1]), [3])}


def float16_ops(tf):
    h = tf.constant(F16_3x4)
    return {"add": h + h, "mul": h * 0.5, "relu": tf.nn.relu(h), "cast_up": tf.cast(h, tf.float32),
            "cast_down": tf.cast(tf.constant(A_3x4 * 3.0), tf.float16), "neg": -h, "max": tf.reduce_max(h, 1),
            "square": tf.square(h), "argmax": tf.argmax(h, 1)}


def feed_conversions(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    n = tf.placeholder(tf.int32, [None])
    b = tf.placeholder(tf.bool, [2])
    return [({"f64_into_f32": x * 1.0}, {x: F64_FEED_2x3}),
            ({"list_into_f32": x + 0.0, "list_into_i32": n * 2, "bool": tf.logical_not(b)},
             {x: [[1, 2, 3], [4, 5, 6]], n: [1, 2, 3], b: [True, False]}),
            ({"scalar_shape_feed": n + 1}, {n: np.array([7], np.int64)})]


def feed_float_into_int_placeholder(tf):
    n = tf.placeholder(tf.int32, [3])
    return {"truncated": n * 1}, {n: np.array([1.7, -2.5, 3.0])}


def fetch_by_name_print_and_assert(tf):
    x = tf.constant(A_3x4, name="x_const")
    p = tf.Print(x, [tf.reduce_sum(x)], message="golden: ")
    check = tf.Assert(tf.less(tf.reduce_max(-x), 2.0), [x])
    with tf.control_dependencies([check]):
        checked = tf.identity(x * 2.0)
    return {"by_name": "x_const:0", "print": p + 1.0, "checked": checked, "_check": check}


def reductions_with_fed_axes(tf):
    x = tf.constant(X_4x5x6)
    ax = tf.placeholder(tf.int32, [None])
    return [({"sum_fed_axes": tf.reduce_sum(x, ax), "max_fed_axes_keep": tf.reduce_max(x, ax, keepdims=True)},
             {ax: np.array([0, 2], np.int32)}),
            ({"mean_fed_neg": tf.reduce_mean(x, ax)}, {ax: np.array([-1], np.int32)})]


def unknown_rank_placeholder(tf):
    x = tf.placeholder(tf.float32, None)
    return {"shape": tf.shape(x), "rank": tf.rank(x), "size": tf.size(x), "sum_axes": tf.reduce_sum(x, [0, 2]),
            "mul": x * 2.0, "transpose_perm": tf.transpose(x, [2, 0, 1]), "getitem": x[1, ..., ::-1],
            "reshape": tf.reshape(x, [-1, 4])}, {x: X_2x3x4}


def more_slicing_edges(tf):
    x = tf.constant(X_4x5x6)
    v = tf.constant(np.arange(10, dtype=np.int32))
    return {"neg_idx_rev": x[-1, ::-1], "rev_to": v[:2:-1], "rev_from": v[6::-2], "pos_empty": v[5:2],
            "neg_empty": v[2:5:-1], "step3": v[::3], "neg_both": v[-2:-8:-2], "ell_new_shrink": x[..., None, 0],
            "multi_new": x[None, :, None, 1, None], "int_last_dims": x[:, 1, 2]}


def where_scalar_and_cond_branches(tf):
    x, y = tf.constant(A_3x4), tf.constant(B_3x4)
    s = tf.where(tf.constant(True), x, y)
    return {"where_scalar": s, "where_scalar_f": tf.where(tf.constant(False), x, y),
            "softmax_rank1": tf.nn.softmax(tf.constant(LOGITS_4x5[0])),
            "softmax_single_class": tf.nn.softmax(tf.constant(LOGITS_4x5[:, :1])),
            "log_softmax_neg_inf": tf.nn.log_softmax(tf.constant(np.array([-np.inf, 0.0, 1.0], np.float32))),
            "softmax_neg_inf": tf.nn.softmax(tf.constant(np.array([-np.inf, 0.0, 1.0], np.float32)))}


def pooling_kernel_larger_than_input(tf):
    x = tf.constant(POOL_1x5x5x2[:, :3, :3, :])
    return {"max_same_k5": tf.nn.max_pool(x, [1, 5, 5, 1], [1, 1, 1, 1], "SAME"),
            "avg_same_k5": tf.nn.avg_pool(x, [1, 5, 5, 1], [1, 1, 1, 1], "SAME"),
            "avg_same_k4_s3": tf.nn.avg_pool(x, [1, 4, 4, 1], [1, 3, 3, 1], "SAME"),
            "conv_same_k5": tf.nn.conv2d(x, tf.constant(K_5x5x2x2), [1, 1, 1, 1], "SAME"),
            "conv_valid_full": tf.nn.conv2d(x, tf.constant(K_5x5x2x2[1:4, 1:4]), [1, 2, 2, 1], "VALID")}


def bias_add_int_and_conv_nchw(tf):
    return {"int": tf.nn.bias_add(tf.constant(I_3x4), tf.constant(I_4)),
            "conv_nchw": tf.nn.conv2d(tf.constant(np.transpose(IMG_1x7x7x2, [0, 3, 1, 2]).copy()),
                                      tf.constant(K_3x3x2x3), [1, 1, 2, 2], "SAME", data_format="NCHW")}


def cond_with_side_effects(tf):
    v = tf.Variable(0, name="hits")
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: tf.assign_add(v, 1), lambda: tf.identity(v.read_value()))
    return [({"r1": out}, {p: True}), ({"r2": out}, {p: True}), ({"r3": out}, {p: False}),
            {"final": v.read_value()}]


def variable_update_from_itself(tf):
    v = tf.Variable(tf.constant(np.array([1.0, -2.0, 3.0], np.float32)), name="v")
    w = tf.Variable(1.5, dtype=tf.float64, name="w")
    double = tf.assign(v, v * 2.0)
    lst = tf.Variable([[1, 2], [3, 4]], name="lst")
    return [{"d1": double}, {"d2": double}, {"w_plus": w + 1.0, "init_flag": tf.is_variable_initialized(v)},
            {"lst_t": tf.transpose(lst), "v_end": v.read_value()}]


def small_int_dtypes(tf):
    a, b = tf.constant(I8_6), tf.constant(I8_6B)
    h = tf.constant(I16_6)
    u, w = tf.constant(U8_6), tf.constant(U8_6B)
    return {"i8_add": a + b, "i8_mul": a * b, "i8_floordiv": a // b, "i8_mod": a % b, "i8_max": tf.maximum(a, b),
            "i8_abs": tf.abs(a), "i8_neg": -a, "i16_mul": h * 3, "i16_sub": h - tf.constant(I16_6[::-1].copy()),
            "u8_floordiv": u // w, "u8_mod": u % w, "u8_less": u < w, "u8_argmax": tf.argmax(u),
            "i8_to_f": tf.cast(a, tf.float32), "u8_sum": tf.reduce_sum(u), "u8_max": tf.reduce_max(w)}


def relu_on_integers(tf):
    x = tf.constant(I_3x4)
    return {"relu": tf.nn.relu(x), "relu6": tf.nn.relu6(x * 2), "relu_i64": tf.nn.relu(tf.constant(I64_BIG))}


def constant_integer_width_inference(tf):
    # Python ints take int32 when every value fits in int32 (-2**31 included), else int64.
    return {"min_int32": tf.constant(-2**31), "min_int32_list": tf.constant([-2**31, 5]),
            "max_int32": tf.constant(2**31 - 1), "over_int32": tf.constant(2**31), "big_list": tf.constant([1, 2**40]),
            "empty": tf.constant([]), "empty_2d": tf.constant([[], []]), "neg_min_plus": tf.constant(-2**31) + 1}


def numpy_operands(tf):
    x = tf.constant(A_3x4)
    return {"ndarray_left": B_3x4 + x, "ndarray_right": x * B_3x4, "np_scalar_left": np.float32(2.0) * x,
            "np_f64_scalar": x + np.float64(1.5), "list_right": tf.add(x, [1.0, 2.0, 3.0, 4.0]),
            "ndarray_sub_left": B_3x4 - x, "ndarray_cmp": x < B_3x4}


def cond_singleton_list_unpacked(tf):
    # TF1's non-strict tf.cond returns the tensor itself when both branches return a one-element list.
    x, y = tf.constant(A_3x4), tf.constant(B_3x4)
    single = tf.cond(tf.constant(True), lambda: [x], lambda: [y])
    return {"single": single}


def cond_shapes_and_structures(tf):
    x = tf.constant(A_3x4)
    p = tf.placeholder(tf.bool, [])
    varying = tf.cond(p, lambda: x[:2], lambda: x)
    nested = tf.cond(p, lambda: (x[0], {"k": tf.reduce_sum(x), "t": (tf.constant(1), x * 0.5)}),
                     lambda: (x[1], {"k": tf.reduce_min(x), "t": (tf.constant(2), x * -0.5)}))
    strict = tf.cond(p, lambda: [x], lambda: [x + 1.0], strict=True)[0]
    return [({"varying_t": varying, "varying_t_rows": tf.shape(varying)[0], "nested_t0": nested[0],
              "nested_tk": nested[1]["k"], "nested_t1": nested[1]["t"][0], "nested_t2": nested[1]["t"][1],
              "strict_t": strict}, {p: True}),
            ({"varying_f": varying, "varying_f_rows": tf.shape(varying)[0], "nested_f0": nested[0],
              "nested_fk": nested[1]["k"], "strict_f": strict}, {p: False})]


def while_loop_nested_structures_and_zero_trips(tf):
    def body(i, state):
        return i + 1, {"a": state["a"] * 2.0, "b": (state["b"][0] + i, state["b"][1] - 1)}
    i, state = tf.while_loop(lambda i, state: i < 4, body,
                             (tf.constant(0), {"a": tf.constant(A_3x4[0]), "b": (tf.constant(10), tf.constant(0.5))}))
    zero = tf.while_loop(lambda x: x > 100.0, lambda x: x * 2.0, [tf.constant(3.0)])
    same = tf.while_loop(lambda k, v: k < 3, lambda k, v: (k + 1, v + 1), [tf.constant(0), tf.constant(I_4)],
                         parallel_iterations=1, back_prop=False)
    return {"i": i, "a": state["a"], "b0": state["b"][0], "b1": state["b"][1], "zero_trips": zero, "same": same[1]}


def while_loop_with_side_effects(tf):
    v = tf.Variable(0, name="total")

    def body(i):
        with tf.control_dependencies([tf.assign_add(v, i)]):
            return i + 1
    done = tf.while_loop(lambda i: i < 5, body, [tf.constant(0)])
    return [{"done": done}, {"total": v.read_value()}]


def dynamic_shape_arguments(tf):
    x = tf.constant(X_2x3x4)
    shape = tf.placeholder(tf.int32, [None])
    mult = tf.placeholder(tf.int32, [3])
    perm = tf.placeholder(tf.int32, [3])
    axis = tf.placeholder(tf.int32, [])
    begin = tf.placeholder(tf.int32, [3])
    depth = tf.placeholder(tf.int32, [])
    feeds = {shape: np.array([4, -1], np.int32), mult: np.array([1, 2, 1], np.int32),
             perm: np.array([2, 0, 1], np.int32), axis: np.int32(1), begin: np.array([1, 0, 2], np.int32),
             depth: np.int32(4)}
    return {"reshape": tf.reshape(x, shape), "tile": tf.tile(x, mult), "transpose": tf.transpose(x, perm),
            "expand": tf.expand_dims(x, axis), "concat": tf.concat([x, x], axis), "argmax": tf.argmax(x, axis),
            "slice": tf.slice(x, begin, [1, -1, 2]), "strided": tf.strided_slice(x, begin, begin + 2),
            "one_hot": tf.one_hot(tf.constant(SMALL_I_3x4), depth), "fill": tf.fill(tf.stack([axis, 3]), 2.5),
            "reduce": tf.reduce_sum(x, axis), "stack": tf.stack([x[0], x[1]], axis=1),
            "zeros": tf.zeros(tf.shape(x)[1:]), "ones": tf.ones(tf.stack([axis + 1, 2]), tf.int32)}, feeds


def feeding_non_placeholders(tf):
    c = tf.constant(A_3x4)
    mid = c * 3.0
    out = mid + 1.0
    return [{"unfed": out}, ({"fed_mid": out}, {mid: B_3x4}), ({"fed_const": out * 1.0, "fed_twice": out},
                                                             lambda: {c: B_3x4})]


def fetch_structures(tf):
    a, b = tf.constant(A_3x4), tf.constant(B_3x4)
    t = tf.tuple([a * 2.0, b * 2.0])
    return {"pair": (a, b), "same_twice_1": a + b, "same_twice_2": a + b, "tuple0": t[0], "tuple1": t[1],
            "list": [tf.reduce_sum(a), tf.reduce_sum(b)]}


def string_dtypes_and_shape_objects(tf):
    x = tf.constant(X_2x3x4)
    return {"cast_str_dtype": tf.cast(x, "int32"), "zeros_str": tf.zeros([2], "float64"),
            "reshape_by_shape": tf.reshape(tf.reshape(x, [-1]), x.shape), "static_dims": tf.constant(x.shape.as_list()),
            "get_shape_dim": tf.fill([x.get_shape()[1]], 1.0), "ones_bool": tf.ones([2, 3], tf.bool),
            "zeros_like_bool": tf.zeros_like(x, dtype=tf.bool), "one_hot_bool": tf.one_hot([0, 2], 3, True, False)}


def reductions_more(tf):
    x = tf.constant(X_4x5x6)
    i64 = tf.constant(I64_2x3)
    return {"sum_all_keep": tf.reduce_sum(x, keepdims=True), "max_all_keep": tf.reduce_max(x, keep_dims=True),
            "argmax_default_axis": tf.argmax(x), "argmin_1d": tf.argmin(tf.constant(I_4)),
            "argmin_i64": tf.argmin(i64, 1), "sum_i64": tf.reduce_sum(i64, 0),
            "prod_f64": tf.reduce_prod(tf.constant(F64_3x4), 0),
            "mean_f64": tf.reduce_mean(tf.constant(F64_3x4)), "sum_axis_tuple": tf.reduce_sum(x, (0, 1)),
            "sum_dup_neg": tf.reduce_sum(x, [2, -2])}


def conv_and_pool_even_kernels(tf):
    x = tf.constant(IMG_1x7x7x2)
    return {"k2_same_s1": tf.nn.conv2d(x, tf.constant(K_2x2x2x3), [1, 1, 1, 1], "SAME"),
            "k2_same_s2": tf.nn.conv2d(x, tf.constant(K_2x2x2x3), [1, 2, 2, 1], "SAME"),
            "k4_same_s3": tf.nn.conv2d(x, tf.constant(K_4x4x2x1), [1, 3, 3, 1], "SAME"),
            "k4_valid_s2": tf.nn.conv2d(x, tf.constant(K_4x4x2x1), [1, 2, 2, 1], "VALID"),
            "int_stride": tf.nn.conv2d(x, tf.constant(K_2x2x2x3), 2, "SAME"),
            "max_k4_s3_same": tf.nn.max_pool(x, [1, 4, 4, 1], [1, 3, 3, 1], "SAME"),
            "avg_k2_s3_valid": tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 3, 3, 1], "VALID"),
            "max_k1_s2_same": tf.nn.max_pool(x, [1, 1, 1, 1], [1, 2, 2, 1], "SAME"),
            "max_pool2d_list2": tf.nn.max_pool2d(x, [3, 2], [2, 3], "VALID")}


def nn_more(tf):
    return {"bias_add_nchw_rank3": tf.nn.bias_add(tf.constant(NCW_2x5x3), tf.constant(BIAS_5), data_format="NCHW"),
            "bias_add_list": tf.nn.bias_add(tf.constant(A_3x4), [1.0, 2.0, 3.0, 4.0]),
            "softmax_f64": tf.nn.softmax(tf.constant(F64_3x4)),
            "log_softmax_f64": tf.nn.log_softmax(tf.constant(F64_3x4)),
            "sigmoid_f64": tf.sigmoid(tf.constant(F64_3x4 * 20.0)),
            "xent_unnormalized": tf.nn.softmax_cross_entropy_with_logits_v2(
                labels=tf.constant(LABELS_4x5 * 3.0), logits=tf.constant(LOGITS_4x5)),
            "xent_f64": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x5.astype(np.float64)),
                                                                   logits=tf.constant(LOGITS_4x5.astype(np.float64))),
            "sparse_big": tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf.constant(BIG_SPARSE_LABELS_4.astype(np.int64)), logits=tf.constant(BIG_LOGITS_4x6))}


def variable_initializers_and_collections(tf):
    w = tf.Variable(tf.constant(W_3x2), name="w")
    w2 = tf.Variable(w.initialized_value() * 2.0, name="w2")
    local = tf.Variable(5, name="local", trainable=False, collections=[tf.GraphKeys.LOCAL_VARIABLES])
    frozen = tf.get_variable("frozen", [2], initializer=tf.ones_initializer(), trainable=False)
    no_read = w.assign(tf.constant(W_3x2) + 1.0, read_value=False)
    return [{"w2": w2.read_value(), "n_global": tf.constant(len(tf.global_variables())),
             "n_trainable": tf.constant(len(tf.trainable_variables())),
             "n_local": tf.constant(len(tf.local_variables())), "frozen": frozen.read_value()},
            {"_local_init": tf.local_variables_initializer()},
            {"local": local.read_value(), "_no_read": no_read},
            {"w_after": w.read_value(), "_reinit": tf.variables_initializer([w2])},
            {"w2_after_reinit": w2.read_value()}]


def variable_validate_shape_false(tf):
    v = tf.Variable(tf.zeros([2]), validate_shape=False, name="v")
    grow = tf.assign(v, tf.ones([3]) * 4.0, validate_shape=False)
    return [{"before": v.read_value()}, {"_grow": grow}, {"after": v.read_value()}]


def unknown_rank_reduce_all_axes(tf):
    x = tf.placeholder(tf.float32, None)
    return {"sum_all": tf.reduce_sum(x), "mean_all": tf.reduce_mean(x), "max_all": tf.reduce_max(x)}, {x: X_2x3x4}


def unknown_rank_transpose(tf):
    x = tf.placeholder(tf.float32, None)
    return {"transpose": tf.transpose(x)}, {x: X_2x3x4}


def cast_more(tf):
    f = tf.constant(np.array([2.7, 255.9, 0.2, 100.5], np.float32))
    h = tf.constant(np.array([2.7, -3.9, 0.5, 65504.0], np.float16))
    return {"f_to_u8": tf.cast(f, tf.uint8), "h_to_i32": tf.cast(h, tf.int32), "h_to_f64": tf.cast(h, tf.float64),
            "big_to_h": tf.cast(tf.constant(np.array([70000.0, -70000.0, 1e-8, 0.1], np.float32)), tf.float16),
            "bool_to_i8": tf.cast(tf.constant(np.array([True, False])), tf.int8),
            "i8_to_i64": tf.cast(tf.constant(I8_6), tf.int64), "u8_to_i8": tf.cast(tf.constant(U8_6B), tf.int8),
            "i16_to_h": tf.cast(tf.constant(I16_6), tf.float16)}


def truediv_small_ints_and_int64(tf):
    a, b = tf.constant(I8_6), tf.constant(I8_6B)
    return {"i8": a / b, "u8": tf.truediv(tf.constant(U8_6), tf.constant(U8_6B)), "i16": tf.constant(I16_6) / 7,
            "i64": tf.constant(I64_2x3) / tf.constant(np.array([[3, -7, 11], [13, -2, 5]], np.int64)),
            "i64_floormod": tf.floormod(tf.constant(I64_2x3), tf.constant(np.int64(-1000003))),
            "i64_pow": tf.pow(tf.constant(np.array([2, -3], np.int64)), tf.constant(np.array([40, 21], np.int64))),
            "i32_pow_wrap": tf.pow(tf.constant(np.array([2, 3], np.int32)), tf.constant(np.array([40, 25], np.int32)))}


def int64_index_arguments(tf):
    x = tf.constant(X_4x5x6)
    i = tf.placeholder(tf.int64, [])
    return ({"reshape": tf.reshape(x, tf.constant(np.array([-1, 6], np.int64))),
             "tile": tf.tile(tf.constant(I_4), tf.constant(np.array([2], np.int64))),
             "fill": tf.fill(tf.constant(np.array([2, 2], np.int64)), 1.5),
             "slice": tf.slice(x, tf.constant(np.array([1, 1, 1], np.int64)),
                               tf.constant(np.array([2, -1, 2], np.int64))),
             "strided": tf.strided_slice(x, tf.constant(np.array([0, 4], np.int64)),
                                         tf.constant(np.array([4, 0], np.int64)),
                                         tf.constant(np.array([2, -2], np.int64))),
             "getitem": x[i], "getitem_range": x[i:, i],
             "transpose": tf.transpose(x, tf.constant(np.array([1, 0, 2], np.int64))),
             "expand": tf.expand_dims(x, tf.constant(np.int64(-4))),
             "reduce": tf.reduce_sum(x, tf.constant(np.array([1], np.int64))),
             "argmax": tf.argmax(x, tf.constant(np.int64(2))),
             "one_hot": tf.one_hot(tf.constant(np.array([0, 5, 2], np.uint8)), 3),
             "concat": tf.concat([x, x], tf.constant(np.int64(-3))), "unstack_neg": tf.unstack(x, axis=-1)[5],
             "stack_neg": tf.stack([x, x], axis=-2), "expand_neg": tf.expand_dims(x, -3)},
            {i: np.int64(2)})


def nested_while_loops(tf):
    def outer_body(i, total):
        inner = tf.while_loop(lambda j, acc: j < i, lambda j, acc: (j + 1, acc + j * i), [tf.constant(0), total])
        return i + 1, inner[1]
    _, total = tf.while_loop(lambda i, t: i < 5, outer_body, [tf.constant(0), tf.constant(0)])
    m = tf.constant(MAT_A_3x4[:, :3])
    _, x = tf.while_loop(lambda k, x: k < 3, lambda k, x: (k + 1, tf.nn.relu(tf.matmul(m, x)) + 0.1),
                         [tf.constant(0), tf.constant(W_3x2)])
    return {"total": total, "x": x}


def variable_scopes_and_reuse(tf):
    with tf.variable_scope("s", initializer=tf.constant_initializer(3.0)):
        a = tf.get_variable("a", [2])
        arr = tf.get_variable("arr", initializer=np.array([1.5, 2.5], np.float32))
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        a_again = tf.get_variable("a", [2])
        fresh = tf.get_variable("fresh", [1], initializer=tf.zeros_initializer())
    with tf.variable_scope("counter"):
        n = tf.get_variable("n", [], dtype=tf.int64, initializer=tf.zeros_initializer())
    bump = a_again.assign_add([1.0, 2.0])
    count = tf.assign_add(n, tf.constant(np.int64(7)))
    return [{"a": a.read_value(), "arr": arr.read_value(), "fresh": fresh.read_value()},
            {"bump": bump, "count1": count}, {"a_after": a.read_value(), "count2": count,
                                             "same_var": tf.constant(a is a_again)}]


def float16_precision(tf):
    # TensorFlow computes these in half precision (its float16 reductions and softmax accumulate in
    # float16); a float32 computation rounded to float16 at the end differs by a few float16 ulps.
    h = tf.constant(F16_LONG_3000)
    small = tf.constant(np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]], np.float16))
    return {"sum": tf.reduce_sum(h), "mean": tf.reduce_mean(h), "softmax": tf.nn.softmax(small),
            "log_softmax": tf.nn.log_softmax(small), "sigmoid": tf.sigmoid(small), "exp": tf.exp(small),
            "matmul": tf.matmul(small, small, transpose_b=True)}


def _shape_code(t) -> np.ndarray:
    """A tensor's static shape as an int32 array: -1 for an unknown dim, [-2] for an unknown rank."""
    if t.shape.ndims is None:
        return np.array([-2], np.int32)
    return np.array([-1 if d is None else d for d in t.shape.as_list()], np.int32)


def static_shape_inference(tf):
    """Static shapes (what `t.shape` says at graph-building time) of ops on partly known inputs."""
    x = tf.placeholder(tf.float32, [None, 3])
    img = tf.placeholder(tf.float32, [None, 7, None, 2])
    u = tf.placeholder(tf.float32, None)
    n = tf.placeholder(tf.int32, [])
    lab = tf.placeholder(tf.int32, [None])
    k = tf.constant(K_3x3x2x3)
    tensors = {
        "reduce0": tf.reduce_sum(x, 0), "reduce_keep": tf.reduce_sum(x, 1, keepdims=True), "slice_rows": x[1:],
        "newaxis": x[:, None], "shrink": x[1], "rev": x[..., ::-1], "reshape3": tf.reshape(x, [-1, 1, 3]),
        "reshape_first": tf.reshape(x, [3, -1]), "concat0": tf.concat([x, x], 0), "concat1": tf.concat([x, x], 1),
        "matmul": tf.matmul(x, tf.ones([3, 2])), "tile": tf.tile(x, [2, 1]), "transpose": tf.transpose(x),
        "expand": tf.expand_dims(x, 1), "one_hot": tf.one_hot(lab, 4), "shape": tf.shape(x),
        "conv_same": tf.nn.conv2d(img, k, [1, 2, 2, 1], "SAME"), "conv_valid": tf.nn.conv2d(img, k, [1, 1, 1, 1],
        "VALID"),
        "max_pool": tf.nn.max_pool(img, [1, 3, 3, 1], [1, 2, 2, 1], "VALID"),
        "avg_pool": tf.nn.avg_pool(img, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"), "fill_shape": tf.fill(tf.shape(x), 1.0),
        "fill_n": tf.fill([n, 2], 1.0), "zeros_like": tf.zeros_like(x), "zeros_n": tf.zeros([n, 3]),
        "ones_stack": tf.ones(tf.stack([n, n])),
        "xent": tf.nn.softmax_cross_entropy_with_logits_v2(labels=x, logits=x),
        "sparse_xent": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=x), "index_n": x[n],
        "from_n": x[n:], "col_n": x[:, n], "stack1": tf.stack([x, x], 1), "unstack1": tf.unstack(x, axis=1)[0],
        "squeeze": tf.squeeze(tf.expand_dims(x, 2), [2]), "tf_slice": tf.slice(x, [1, 0], [2, -1]),
        "tf_slice_rest": tf.slice(x, [1, 1], [-1, 1]), "strided": tf.strided_slice(x, [0, 0], [2, 2]),
        "reshape_stack": tf.reshape(x, tf.stack([n, 3])), "reshape_n": tf.reshape(x, [n, -1]),
        "where": tf.where(x > 0, x, x), "bcast_row": x + tf.ones([1, 3]), "bcast_3d": tf.ones([4, 1, 1]) + x,
        "reduce_unknown_rank": tf.reduce_sum(u, [0]), "bcast_unknown_rank": u + x, "argmax": tf.argmax(x, 1),
        "bias_add": tf.nn.bias_add(x, tf.ones([3])), "shape_unknown_rank": tf.shape(u), "cast": tf.cast(x, tf.int32),
        "l2_loss": tf.nn.l2_loss(x), "transpose_img": tf.transpose(img, [0, 3, 1, 2]),
        "reshape_img": tf.reshape(img, [-1, 14]), "flatten": tf.reshape(x, [-1]), "size": tf.size(x),
        "rank": tf.rank(u),
        "tile_n": tf.tile(x, tf.stack([n, 1])), "reduce_n": tf.reduce_sum(x, n), "concat_n": tf.concat([x, x], n),
        "batch_matmul": tf.matmul(tf.ones([2, 4, 3]), tf.ones([3, 5])),
        "batch_matmul_unknown": tf.matmul(tf.placeholder(tf.float32, [None, None, 3]), tf.ones([7, 3, 5])),
        "one_hot_n": tf.one_hot(lab, n), "one_hot_axis0": tf.one_hot(lab, 3, axis=0),
        "softmax0": tf.nn.softmax(x, axis=0),
        "vec_from2": lab[2:], "vec_step2": lab[::2], "cond_varying": tf.cond(n > 0, lambda: x, lambda: x[:, :2]),
        "cond_rows": tf.cond(n > 0, lambda: x[:1], lambda: x[:2]),
        "while_invariant": tf.while_loop(lambda a: tf.shape(a)[0] < 10, lambda a: tf.concat([a, a], 0), [x],
                                         shape_invariants=[tf.TensorShape([None, 3])]),
        "mean_img": tf.reduce_mean(img, [1, 2]), "identity_unknown": tf.identity(u), "pow": tf.pow(x, 2.0),
    }
    return {name: tf.constant(_shape_code(t)) for name, t in tensors.items()}


def placeholder_with_default_fed_other_shape(tf):
    # `shape` ([None, 3]) is the tensor's static shape, not the default's ([2, 3]): a [5, 3] feed is fine.
    d = tf.placeholder_with_default(tf.ones([2, 3]), [None, 3])
    return [{"default_sum": tf.reduce_sum(d, 0), "default_rows": tf.shape(d)[0],
             "static_shape": tf.constant(_shape_code(d))},
            ({"fed_sum": tf.reduce_sum(d, 0), "fed_rows": tf.shape(d)[0]}, {d: BATCH_FEED_5x3})]


def constant_list_padded_to_shape(tf):
    # TF1's tf.constant (compat.v1, verify_shape=False) fills the rest of `shape` with the last
    # element of a list that is too short.
    return {"padded": tf.constant([1, 2], shape=[2, 3]), "padded_f": tf.constant([0.5, 1.5, 2.5], shape=[5]),
            "reshaped": tf.constant([[1, 2, 3]], shape=[3, 1])}
