"""Deterministic inputs of the golden cases (see cases.py for the conventions)."""

from __future__ import annotations


import numpy as np

SEED = 20240611
_rng = np.random.default_rng(SEED)


def _uniform(shape, lo=-1.0, hi=1.0, dtype=np.float32):
    return (lo + (hi - lo) * _rng.random(shape)).astype(dtype)


def _ints(shape, lo, hi, dtype=np.int32):
    """Integers in [lo, hi)."""
    return np.floor(lo + (hi - lo) * _rng.random(shape)).astype(dtype)


def _nonzero_ints(shape, magnitude, dtype=np.int32):
    """Integers in [-magnitude, -1] or [1, magnitude]."""
    mags = np.floor(1 + magnitude * _rng.random(shape))
    signs = np.where(_rng.random(shape) < 0.5, -1.0, 1.0)
    return (mags * signs).astype(dtype)


def _distribution(shape):
    """Rows (last axis) that are probability distributions."""
    p = _rng.random(shape) + 0.05
    return (p / p.sum(axis=-1, keepdims=True)).astype(np.float32)


# ----- inputs ---------------------------------------------------------------------------------------

A_3x1x4 = _uniform((3, 1, 4))
B_5x1 = _uniform((5, 1))
A_3x4 = _uniform((3, 4))
B_3x4 = _uniform((3, 4))
POS_3x4 = _uniform((3, 4), 0.1, 4.0)
X_4x5x6 = _uniform((4, 5, 6), -3.0, 3.0)
X_2x3x4 = _uniform((2, 3, 4), -2.0, 2.0)
F64_3x4 = _uniform((3, 4), -5.0, 5.0, np.float64)

I_3x4 = _ints((3, 4), -9, 10)
I_4 = _ints((4,), -9, 10)
NZ_3x4 = _nonzero_ints((3, 4), 4)
I64_2x3 = _ints((2, 3), -(2**40), 2**40, np.int64)
U8_6 = _ints((6,), 0, 120, np.uint8)
SMALL_I_3x4 = _ints((3, 4), 0, 4)  # values with ties, for argmax/argmin

NEG_FLOATS = np.array([-7.5, -7.0, -2.5, -0.25, 0.0, 0.25, 2.5, 7.0, 7.5], np.float32)
FLOAT_DIVISORS = np.array([2.0, -2.0, 3.0, -0.5, 1.5, -1.5, 2.0, -3.0, 0.75], np.float32)
LARGE = np.array([-1000.0, -100.0, -30.0, -20.0, -10.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 5.9, 6.0, 6.1, 10.0,
                  20.0, 30.0, 100.0, 1000.0], np.float32)
TRUNC = np.array([-2.7, -2.5, -1.0, -0.9, -0.5, -0.0, 0.0, 0.5, 0.9, 1.0, 2.5, 2.7, 1e5 + 0.5], np.float32)

MAT_A_3x4 = _uniform((3, 4))
MAT_B_4x5 = _uniform((4, 5))
MAT_AT_4x3 = _uniform((4, 3))
MAT_BT_5x4 = _uniform((5, 4))
BATCH_A_2x1x3x4 = _uniform((2, 1, 3, 4))
BATCH_B_5x4x2 = _uniform((5, 4, 2))
BATCH_A_2x4x3 = _uniform((2, 4, 3))
INT_MAT_A_2x3 = _ints((2, 3), -5, 6)
INT_MAT_B_3x2 = _ints((3, 2), -5, 6)

NHWC_2x3x4x5 = _uniform((2, 3, 4, 5))
NCHW_2x5x3x4 = _uniform((2, 5, 3, 4))
BIAS_5 = _uniform((5,))

IMG_1x5x5x2 = _uniform((1, 5, 5, 2))
IMG_2x7x6x2 = _uniform((2, 7, 6, 2))
IMG_1x6x6x2 = _uniform((1, 6, 6, 2))
IMG_1x7x7x2 = _uniform((1, 7, 7, 2))
K_3x3x2x3 = _uniform((3, 3, 2, 3))
K_3x2x2x4 = _uniform((3, 2, 2, 4))
K_1x1x2x3 = _uniform((1, 1, 2, 3))
POOL_1x5x5x2 = _uniform((1, 5, 5, 2), -5.0, 5.0)
POOL_2x7x6x3 = _uniform((2, 7, 6, 3), -5.0, 5.0)
NEG_POOL_1x5x5x1 = _uniform((1, 5, 5, 1), -9.0, -1.0)
K_5x5x2x2 = _uniform((5, 5, 2, 2))

LOGITS_4x5 = _uniform((4, 5), -3.0, 3.0)
LOGITS_2x3x4 = _uniform((2, 3, 4), -3.0, 3.0)
BIG_LOGITS_4x6 = _uniform((4, 6), -1e4, 1e4)
LABELS_4x6 = _distribution((4, 6))
LABELS_4x5 = _distribution((4, 5))
LABELS_2x3x4 = _distribution((2, 3, 4))
SPARSE_LABELS_4 = _ints((4,), 0, 5)
SPARSE_LABELS_2x3 = _ints((2, 3), 0, 4, np.int64)
BIG_SPARSE_LABELS_4 = _ints((4,), 0, 6)
BATCH_FEED_5x3 = _uniform((5, 3))
W_3x2 = _uniform((3, 2))
B_2 = _uniform((2,))


EMPTY_0x3 = np.zeros((0, 3), np.float32)
F16_3x4 = _uniform((3, 4), -4.0, 4.0, np.float16)
F64_FEED_2x3 = _uniform((2, 3), -1.0, 1.0, np.float64)
SPECIAL = np.array([0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, np.inf, -np.inf, np.nan], np.float32)
SPECIAL_Y = np.array([0.0, 0.0, 0.0, 0.0, -3.0, 3.0, -0.5, 2.0, 2.0, 1.0], np.float32)
INT_EDGE = np.array([2**31 - 1, -2**31, -2**31 + 1, 0, -1, 1, 123456789], np.int32)
I64_BIG = np.array([2**40 + 5, -(2**40) - 5, 2**31, -(2**31) - 1, 255, -1], np.int64)


I8_6 = _ints((6,), -128, 128, np.int8)
I8_6B = _nonzero_ints((6,), 100, np.int8)
I16_6 = _ints((6,), -30000, 30000, np.int16)
U8_6B = _ints((6,), 1, 256, np.uint8)
K_2x2x2x3 = _uniform((2, 2, 2, 3))
K_4x4x2x1 = _uniform((4, 4, 2, 1))
NCW_2x5x3 = _uniform((2, 5, 3))


F16_LONG_3000 = _uniform((3000,), 0.0, 0.2, np.float16)
