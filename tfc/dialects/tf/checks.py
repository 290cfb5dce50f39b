"""Checks shared by tf ops' inference: dtypes by TensorFlow's names, ranks and partial shapes.

Each raises ShapeError with TensorFlow's message, which the frontend reports at construction
and the verifier reports on the op.
"""

from __future__ import annotations

from tfc.ir import types as T

from tfc.dialects.tf.base import ShapeError, dtype_of, format_shape, shape_of

_TF_NAMES = {"f16": "float16", "bf16": "bfloat16", "f32": "float32", "f64": "float64", "i1": "bool",
             "i8": "int8", "i16": "int16", "i32": "int32", "i64": "int64", "ui8": "uint8", "ui16": "uint16",
             "ui32": "uint32", "ui64": "uint64"}

FLOATS = "bfloat16, float16, float32, float64"
NUMBERS = "bfloat16, float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64"
NUMBERS_AND_BOOL = NUMBERS + ", bool"
INDEX_TYPES = (T.i32, T.i64)


def tf_name(t: T.Type) -> str:
    """TensorFlow's name of an element type (`f32` -> `float32`)."""
    text = str(dtype_of(t))
    return _TF_NAMES.get(text, text)


def is_float(t: T.Type) -> bool:
    return isinstance(dtype_of(t), T.FloatType)


def is_int(t: T.Type) -> bool:
    et = dtype_of(t)
    return isinstance(et, T.IntegerType) and et.width > 1


def is_bool(t: T.Type) -> bool:
    return dtype_of(t) == T.i1


def is_number(t: T.Type) -> bool:
    return is_float(t) or is_int(t)


def is_number_or_bool(t: T.Type) -> bool:
    return is_number(t) or is_bool(t)


def check_dtype(value, param: str, ok, allowed: str) -> T.Type:
    """The element type of `value`; ShapeError (TensorFlow's message) unless `ok(type)`."""
    et = dtype_of(value.type)
    if not ok(et):
        raise ShapeError(f"Value passed to parameter '{param}' has DataType {tf_name(et)} not in list of "
                         f"allowed values: {allowed}")
    return et


def check_same_dtype(op_type: str, first: tuple, second: tuple) -> T.Type:
    """`first`, `second`: (parameter name, value); ShapeError when their element types differ."""
    (name_a, a), (name_b, b) = first, second
    ta, tb = dtype_of(a.type), dtype_of(b.type)
    if ta != tb:
        raise ShapeError(f"Input '{name_b}' of '{op_type}' Op has type {tf_name(tb)} that does not match type "
                         f"{tf_name(ta)} of argument '{name_a}'.")
    return ta


def check_index_type(value, what: str) -> None:
    """`value` must be an int32 or int64 tensor (TF's Tidx / Tshape / Tperm attributes)."""
    et = dtype_of(value.type)
    if et not in INDEX_TYPES:
        raise ShapeError(f"{what} must be an int32 or int64 tensor, got {et}")


def check_rank(value, rank: int, what: str | None = None) -> None:
    shape = shape_of(value.type)
    if shape is not None and len(shape) != rank:
        suffix = f" for {what}" if what else ""
        raise ShapeError(f"Shape must be rank {rank} but is rank {len(shape)}{suffix}")


def check_rank_at_most(value, rank: int, what: str | None = None) -> None:
    shape = shape_of(value.type)
    if shape is not None and len(shape) > rank:
        suffix = f" for {what}" if what else ""
        raise ShapeError(f"Shape must be at most rank {rank} but is rank {len(shape)}{suffix}")


def merge_shapes(a, b):
    """TF's Merge of two partial shapes: equal ranks, known dims agree; None when unknown."""
    if a is None:
        return b
    if b is None:
        return a
    if len(a) != len(b):
        raise ShapeError(f"Shapes must be equal rank, but are {len(a)} and {len(b)}")
    out = []
    for i, (x, y) in enumerate(zip(a, b)):
        if x is not None and y is not None and x != y:
            raise ShapeError(f"Dimension {i} in both shapes must be equal, but are {x} and {y}. "
                             f"Shapes are {format_shape(a)} and {format_shape(b)}.")
        out.append(x if x is not None else y)
    return tuple(out)
