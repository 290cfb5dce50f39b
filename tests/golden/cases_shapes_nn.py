"""Golden cases: shapes, reshaping, joining (see cases.py for the conventions)."""

from __future__ import annotations

import numpy as np  # noqa: F401

from golden_inputs import (  # noqa: F401
    A_3x4,
    BATCH_A_2x1x3x4,
    BATCH_A_2x4x3,
    BATCH_B_5x4x2,
    BATCH_FEED_5x3,
    BIAS_5,
    BIG_LOGITS_4x6,
    BIG_SPARSE_LABELS_4,
    B_2,
    B_3x4,
    F64_3x4,
    IMG_1x5x5x2,
    IMG_1x6x6x2,
    IMG_1x7x7x2,
    IMG_2x7x6x2,
    INT_MAT_A_2x3,
    INT_MAT_B_3x2,
    I_3x4,
    I_4,
    K_1x1x2x3,
    K_3x2x2x4,
    K_3x3x2x3,
    LABELS_2x3x4,
    LABELS_4x5,
    LABELS_4x6,
    LOGITS_2x3x4,
    LOGITS_4x5,
    MAT_AT_4x3,
    MAT_A_3x4,
    MAT_BT_5x4,
    MAT_B_4x5,
    NCHW_2x5x3x4,
    NEG_POOL_1x5x5x1,
    NHWC_2x3x4x5,
    POOL_1x5x5x2,
    POOL_2x7x6x3,
    SPARSE_LABELS_2x3,
    SPARSE_LABELS_4,
    W_3x2,
    X_2x3x4,
    X_4x5x6,
)


# ----- shapes, reshaping, joining -----------------------------------------------------------------

def reshape_transpose_expand_squeeze(tf):
    x = tf.constant(X_2x3x4)
    one = tf.constant(np.arange(6, dtype=np.float32).reshape(1, 2, 1, 3))
    return {"reshape_m1": tf.reshape(x, [-1, 4]), "reshape_m1_mid": tf.reshape(x, [2, -1, 3]),
            "reshape_flat": tf.reshape(x, [-1]), "reshape_scalar": tf.reshape(tf.constant([5.0]), []),
            "transpose_default": tf.transpose(x), "transpose_perm": tf.transpose(x, [1, 2, 0]),
            "expand0": tf.expand_dims(x, 0), "expand_neg1": tf.expand_dims(x, -1),
            "expand_dim_kw": tf.expand_dims(x, dim=2),
            "squeeze_all": tf.squeeze(one), "squeeze_axis": tf.squeeze(one, [2]),
            "squeeze_neg": tf.squeeze(one, axis=-2), "squeeze_dims_kw": tf.squeeze(one, squeeze_dims=[0])}


def concat_stack_unstack(tf):
    a, b = tf.constant(A_3x4), tf.constant(B_3x4)
    u = tf.unstack(tf.constant(X_2x3x4), axis=1)
    u0 = tf.unstack(tf.constant(I_3x4))
    return {"concat0": tf.concat([a, b], 0), "concat_neg1": tf.concat([a, b, a], -1),
            "concat_single": tf.concat([a], 1), "stack0": tf.stack([a, b]), "stack1": tf.stack([a, b], axis=1),
            "stack_neg": tf.stack([a, b], axis=-1), "unstack_a1_0": u[0], "unstack_a1_2": u[2],
            "unstack_len": tf.constant(len(u)), "unstack0_1": u0[1]}


def slice_op(tf):
    x = tf.constant(X_4x5x6)
    return {"slice": tf.slice(x, [1, 0, 2], [2, 3, 3]), "slice_rest": tf.slice(x, [2, 1, 0], [-1, -1, 4]),
            "slice_int": tf.slice(tf.constant(I_3x4), [1, 1], [2, -1])}


def strided_slice_explicit(tf):
    x = tf.constant(X_4x5x6)
    return {"basic": tf.strided_slice(x, [0, 1, 0], [4, 5, 6], [2, 2, 3]),
            "neg_strides": tf.strided_slice(x, [3, 4, 5], [0, 0, 0], [-1, -2, -2]),
            "masks": tf.strided_slice(x, [1, 0, 2], [0, 3, 0], [1, 1, 1], begin_mask=2, end_mask=5),
            "shrink": tf.strided_slice(x, [1, 0, 4], [2, 5, 5], [1, 1, 1], shrink_axis_mask=5),
            "new_axis": tf.strided_slice(x, [0, 0, 1], [0, 2, 3], [1, 1, 1], new_axis_mask=1),
            "ellipsis": tf.strided_slice(x, [0, 2], [0, 4], [1, 1], ellipsis_mask=1),
            "default_strides": tf.strided_slice(x, [1, 1, 1], [3, 3, 3])}


def getitem_negative_strides(tf):
    x = tf.constant(X_4x5x6)
    return {"rev_then_index": x[::-1, 1], "rev_all": x[::-1, ::-1, ::-1], "rev_step2": x[::-2],
            "bounded_rev": x[3:0:-2, ::-1], "rev_out_of_range": x[10:-10:-1, 4:-10:-3],
            "rev_last": x[..., ::-2]}


def getitem_ellipsis_newaxis(tf):
    x = tf.constant(X_4x5x6)
    return {"ell_none": x[..., None], "none_ell_idx": x[None, ..., -1], "newaxis_mid": x[:, tf.newaxis, 2],
            "ell_only": x[...], "ell_mid": x[1, ..., 2], "two_new": x[None, 1:3, None]}


def getitem_ranges_and_shrink(tf):
    x = tf.constant(X_4x5x6)
    v = tf.constant(I_4)
    return {"from1_step2": x[1:, ::2], "last": x[-1], "tail2": x[:, -2:], "mid": x[-3:-1, 1:-1:2, 1::3],
            "scalar": x[1, 2, 3], "clamped": x[-100:100, 3:100], "empty": x[3:1], "vec_idx": v[2],
            "vec_neg_idx": v[-1], "vec_slice": v[1:3]}


def getitem_with_tensor_index(tf):
    x = tf.constant(X_4x5x6)
    i = tf.placeholder(tf.int32, [])
    return {"row": x[i], "range": x[i:i + 2, i], "rev_from": x[i::-1]}, {i: np.int32(2)}


def tile_fill_zeros_ones(tf):
    x = tf.constant(A_3x4)
    return {"tile": tf.tile(x, [2, 3]), "tile_3d": tf.tile(tf.constant(X_2x3x4), [1, 2, 1]),
            "fill_int": tf.fill([2, 3], 7), "fill_float": tf.fill([3, 1], 2.5), "fill_dyn": tf.fill(tf.shape(x), -1.0),
            "zeros": tf.zeros([2, 3]), "zeros_i32": tf.zeros([4], tf.int32), "ones": tf.ones([2, 2], dtype=tf.float64),
            "ones_big": tf.ones([40, 30], tf.int32), "zeros_bool": tf.zeros([3], tf.bool),
            "zeros_like": tf.zeros_like(x), "ones_like": tf.ones_like(x),
            "zeros_like_i": tf.zeros_like(x, dtype=tf.int32),
            "ones_like_int": tf.ones_like(tf.constant(I_3x4))}


def shape_size_rank_static(tf):
    x = tf.constant(X_4x5x6)
    return {"shape": tf.shape(x), "shape_i64": tf.shape(x, out_type=tf.int64), "size": tf.size(x),
            "size_i64": tf.size(x, out_type=tf.int64), "rank": tf.rank(x), "rank_scalar": tf.rank(tf.constant(1.0))}


def shape_size_dynamic_placeholder(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    n = tf.shape(x)[0]
    flat = tf.reshape(x, tf.stack([n * 3]))
    return ({"shape": tf.shape(x), "size": tf.size(x), "rank": tf.rank(x), "n": n, "flat": flat,
             "zeros_like": tf.zeros_like(x), "ones_like": tf.ones_like(x, dtype=tf.int32),
             "reshape_dyn": tf.reshape(x, [-1, 1, 3]), "col_sum": tf.reduce_sum(x, 0),
             "fill_like": tf.fill(tf.shape(x), 3)},
            {x: BATCH_FEED_5x3})


def one_hot_variants(tf):
    idx = tf.constant(np.array([0, 2, -1, 1, 3], np.int32))
    mat = tf.constant(np.array([[0, 1], [2, 0]], np.int64))
    return {"default": tf.one_hot(idx, 3), "axis0": tf.one_hot(idx, 4, axis=0),
            "on_off": tf.one_hot(idx, 3, on_value=5, off_value=-1),
            "on_off_f": tf.one_hot(idx, 3, on_value=2.0, off_value=0.5),
            "dtype": tf.one_hot(idx, 3, dtype=tf.float64), "mat_axis1": tf.one_hot(mat, 3, axis=1),
            "mat_default": tf.one_hot(mat, 3), "mat_axis_neg1": tf.one_hot(mat, 2, axis=-1)}


# ----- matrix products ------------------------------------------------------------------------------

def matmul_transposes(tf):
    a, b = tf.constant(MAT_A_3x4), tf.constant(MAT_B_4x5)
    at, bt = tf.constant(MAT_AT_4x3), tf.constant(MAT_BT_5x4)
    return {"nn": tf.matmul(a, b), "tn": tf.matmul(at, b, transpose_a=True), "nt": tf.matmul(a, bt, transpose_b=True),
            "tt": tf.matmul(at, bt, transpose_a=True, transpose_b=True),
            "adjoint": tf.matmul(at, b, adjoint_a=True), "op": a @ b}


def batch_matmul_broadcast(tf):
    a, b = tf.constant(BATCH_A_2x1x3x4), tf.constant(BATCH_B_5x4x2)
    at = tf.constant(BATCH_A_2x4x3)
    return {"bcast": tf.matmul(a, b), "adj_a": tf.matmul(at, tf.constant(BATCH_B_5x4x2[0]), transpose_a=True),
            "rank3_by_2": tf.matmul(tf.constant(X_2x3x4), tf.constant(MAT_B_4x5)), "op": a @ b}


def matmul_int32_float64(tf):
    a, b = tf.constant(INT_MAT_A_2x3), tf.constant(INT_MAT_B_3x2)
    f = tf.constant(F64_3x4)
    return {"int": tf.matmul(a, b), "int_tb": tf.matmul(a, a, transpose_b=True),
            "f64": tf.matmul(f, f, transpose_a=True)}


def bias_add_formats(tf):
    return {"nhwc": tf.nn.bias_add(tf.constant(NHWC_2x3x4x5), tf.constant(BIAS_5)),
            "nchw": tf.nn.bias_add(tf.constant(NCHW_2x5x3x4), tf.constant(BIAS_5), data_format="NCHW"),
            "explicit_nhwc": tf.nn.bias_add(tf.constant(NHWC_2x3x4x5), tf.constant(BIAS_5), data_format="NHWC"),
            "rank2": tf.nn.bias_add(tf.constant(MAT_BT_5x4.T.copy()), tf.constant(BIAS_5))}


def xw_plus_b(tf):
    x, w, b = tf.constant(BATCH_FEED_5x3), tf.constant(W_3x2), tf.constant(B_2)
    return {"xw_plus_b": tf.nn.xw_plus_b(x, w, b)}


# ----- convolution and pooling ----------------------------------------------------------------------

def conv2d_same_stride2(tf):
    x, k = tf.constant(IMG_1x5x5x2), tf.constant(K_3x3x2x3)
    return {"out": tf.nn.conv2d(x, k, [1, 2, 2, 1], "SAME")}


def conv2d_valid_strides(tf):
    x, k = tf.constant(IMG_2x7x6x2), tf.constant(K_3x2x2x4)
    return {"out": tf.nn.conv2d(x, k, [1, 2, 3, 1], "VALID"), "stride1": tf.nn.conv2d(x, k, [1, 1, 1, 1], "VALID")}


def conv2d_same_odd_and_even(tf):
    k = tf.constant(K_3x3x2x3)
    return {"even_s2": tf.nn.conv2d(tf.constant(IMG_1x6x6x2), k, [1, 2, 2, 1], "SAME"),
            "odd_s1": tf.nn.conv2d(tf.constant(IMG_1x7x7x2), k, [1, 1, 1, 1], "SAME"),
            "odd_s3": tf.nn.conv2d(tf.constant(IMG_1x7x7x2), k, [1, 3, 3, 1], "SAME"),
            "rect_kernel": tf.nn.conv2d(tf.constant(IMG_2x7x6x2), tf.constant(K_3x2x2x4), [1, 2, 2, 1], "SAME")}


def conv2d_dilations(tf):
    x, k = tf.constant(IMG_1x7x7x2), tf.constant(K_3x3x2x3)
    return {"same_d2": tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME", dilations=[1, 2, 2, 1]),
            "valid_d2": tf.nn.conv2d(x, k, [1, 1, 1, 1], "VALID", dilations=[1, 2, 2, 1]),
            "valid_d21": tf.nn.conv2d(x, tf.constant(K_3x2x2x4), [1, 1, 1, 1], "VALID", dilations=[1, 2, 3, 1])}


def conv2d_explicit_padding_and_1x1(tf):
    x = tf.constant(IMG_1x5x5x2)
    return {"explicit": tf.nn.conv2d(x, tf.constant(K_3x3x2x3), [1, 1, 1, 1], [[0, 0], [1, 2], [2, 1], [0, 0]]),
            "one_by_one_s2": tf.nn.conv2d(x, tf.constant(K_1x1x2x3), [1, 2, 2, 1], "SAME"),
            "filters_kw": tf.nn.conv2d(x, filters=tf.constant(K_1x1x2x3), strides=[1, 1, 1, 1], padding="VALID")}


def max_pool_variants(tf):
    x = tf.constant(POOL_1x5x5x2)
    y = tf.constant(POOL_2x7x6x3)
    return {"same_k3_s2": tf.nn.max_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
            "same_k2_s2": tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
            "valid_rect": tf.nn.max_pool(y, [1, 2, 3, 1], [1, 2, 1, 1], "VALID"),
            "same_rect": tf.nn.max_pool(y, [1, 3, 2, 1], [1, 2, 3, 1], "SAME"),
            "all_negative_same": tf.nn.max_pool(tf.constant(NEG_POOL_1x5x5x1), [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
            "max_pool2d": tf.nn.max_pool2d(y, 2, 2, "SAME")}


def avg_pool_variants(tf):
    x = tf.constant(POOL_1x5x5x2)
    y = tf.constant(POOL_2x7x6x3)
    return {"same_k3_s2": tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
            "same_k2_s2": tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
            "same_k3_s1": tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 1, 1, 1], "SAME"),
            "valid_rect": tf.nn.avg_pool(y, [1, 3, 2, 1], [1, 2, 2, 1], "VALID"),
            "same_rect": tf.nn.avg_pool(y, [1, 2, 3, 1], [1, 3, 2, 1], "SAME"),
            "avg_pool2d": tf.nn.avg_pool2d(y, [3, 3], [2, 2], "SAME")}


# ----- softmax and losses ---------------------------------------------------------------------------

def softmax_and_log_softmax(tf):
    x = tf.constant(LOGITS_4x5)
    y = tf.constant(LOGITS_2x3x4)
    return {"softmax": tf.nn.softmax(x), "log_softmax": tf.nn.log_softmax(x), "softmax_axis0": tf.nn.softmax(x, axis=0),
            "softmax_3d_axis1": tf.nn.softmax(y, axis=1), "log_softmax_3d": tf.nn.log_softmax(y),
            "log_softmax_axis0": tf.nn.log_softmax(y, axis=0), "softmax_dim_kw": tf.nn.softmax(y, dim=-2)}


def softmax_large_logits(tf):
    x = tf.constant(np.array([[1e4, -1e4, 0.0], [1000.0, 1000.0, -1000.0], [-1e4, -1e4, -1e4]], np.float32))
    big = tf.constant(BIG_LOGITS_4x6)
    return {"softmax": tf.nn.softmax(x), "log_softmax": tf.nn.log_softmax(x), "softmax_big": tf.nn.softmax(big),
            "log_softmax_big": tf.nn.log_softmax(big)}


def softmax_xent_v2_large_logits(tf):
    logits = tf.constant(BIG_LOGITS_4x6)
    onehot = tf.one_hot(tf.constant(BIG_SPARSE_LABELS_4), 6)
    return {"soft_labels": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x6), logits=logits),
            "onehot_labels": tf.nn.softmax_cross_entropy_with_logits_v2(labels=onehot, logits=logits),
            "sparse": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(BIG_SPARSE_LABELS_4),
                                                                     logits=logits)}


def softmax_xent_v2_axes_and_ranks(tf):
    return {"rank2": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x5),
                                                                logits=tf.constant(LOGITS_4x5)),
            "axis0": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_4x5.T.copy()),
                                                                logits=tf.constant(LOGITS_4x5.T.copy()), axis=0),
            "rank3": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(LABELS_2x3x4),
                                                                logits=tf.constant(LOGITS_2x3x4)),
            "v1": tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant(LABELS_4x5),
                                                          logits=tf.constant(LOGITS_4x5)),
            "v1_dim0": tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant(LABELS_4x5.T.copy()),
                                                               logits=tf.constant(LOGITS_4x5.T.copy()), dim=0)}


def sparse_softmax_xent(tf):
    return {"rank2": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(SPARSE_LABELS_4),
                                                                    logits=tf.constant(LOGITS_4x5)),
            "rank3_int64": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(SPARSE_LABELS_2x3),
                                                                          logits=tf.constant(LOGITS_2x3x4))}


def l2_loss(tf):
    return {"matrix": tf.nn.l2_loss(tf.constant(A_3x4)), "f64": tf.nn.l2_loss(tf.constant(F64_3x4)),
            "3d": tf.nn.l2_loss(tf.constant(X_4x5x6))}


def small_mlp_forward(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    labels = tf.placeholder(tf.int32, [None], name="labels")
    h = tf.nn.relu(tf.matmul(x, tf.constant(W_3x2)) + tf.constant(B_2))
    logits = tf.matmul(h, tf.constant(MAT_A_3x4[:2, :]))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    pred = tf.argmax(logits, 1, output_type=tf.int32)
    acc = tf.reduce_mean(tf.cast(tf.equal(pred, labels), tf.float32))
    return ({"logits": logits, "loss": loss, "pred": pred, "acc": acc},
            {x: BATCH_FEED_5x3, labels: np.array([0, 1, 2, 3, 1], np.int32)})
