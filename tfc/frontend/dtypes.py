"""TensorFlow's dtypes (`tf.float32`, ...) and their IR element types and numpy dtypes."""

from __future__ import annotations

import builtins

import numpy as np

from tfc.ir import types as T


class DType:
    """A tensor element type as TensorFlow names it: `tf.float32.name == "float32"`."""

    __slots__ = ("name", "ir", "_np")

    def __init__(self, name: str, ir: T.Type | None, np_dtype):
        self.name = name
        self.ir = ir
        self._np = np.dtype(np_dtype) if np_dtype is not None else None

    @property
    def as_numpy_dtype(self):
        return self._np.type if self._np is not None else None

    @property
    def base_dtype(self) -> "DType":
        return self

    @property
    def is_floating(self) -> bool:
        return isinstance(self.ir, T.FloatType)

    @property
    def is_integer(self) -> bool:
        return isinstance(self.ir, T.IntegerType) and self.ir.width > 1

    @property
    def is_unsigned(self) -> bool:
        return isinstance(self.ir, T.IntegerType) and self.ir.signedness == "u"

    @property
    def is_bool(self) -> bool:
        return self.ir == T.i1

    @property
    def is_numpy_compatible(self) -> bool:
        return self._np is not None

    @property
    def size(self) -> int:
        return self._np.itemsize if self._np is not None else 0

    @property
    def min(self):
        return np.finfo(self._np).min if self.is_floating else np.iinfo(self._np).min

    @property
    def max(self):
        return np.finfo(self._np).max if self.is_floating else np.iinfo(self._np).max

    def is_compatible_with(self, other) -> bool:
        return self is as_dtype(other)

    def __eq__(self, other):
        if other is None:
            return False
        try:
            return self is as_dtype(other)
        except TypeError:
            return False

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return f"tf.{self.name}"

    def __str__(self):
        return f"<dtype: '{self.name}'>"


float16 = half = DType("float16", T.f16, np.float16)
bfloat16 = DType("bfloat16", T.bf16, np.float32)
float32 = DType("float32", T.f32, np.float32)
float64 = double = DType("float64", T.f64, np.float64)
int8 = DType("int8", T.i8, np.int8)
int16 = DType("int16", T.i16, np.int16)
int32 = DType("int32", T.i32, np.int32)
int64 = DType("int64", T.i64, np.int64)
uint8 = DType("uint8", T.IntegerType(8, "u"), np.uint8)
uint16 = DType("uint16", T.IntegerType(16, "u"), np.uint16)
uint32 = DType("uint32", T.IntegerType(32, "u"), np.uint32)
uint64 = DType("uint64", T.IntegerType(64, "u"), np.uint64)
bool = DType("bool", T.i1, np.bool_)  # noqa: A001 - TensorFlow's name
resource = DType("resource", None, None)
string = DType("string", None, None)

_ALL = (float16, bfloat16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
        bool, resource, string)
_BY_NAME = {d.name: d for d in _ALL}
_BY_NAME.update(half=float16, double=float64, float=float32)
_BY_IR = {d.ir: d for d in _ALL if d.ir is not None}
_BY_NP = {np.dtype(d._np): d for d in _ALL if d._np is not None and d is not bfloat16}


def as_dtype(value) -> DType:
    """A DType from a DType, its name, a numpy dtype or type, a Python type or an IR type."""
    if isinstance(value, DType):
        return value
    if isinstance(value, str):
        found = _BY_NAME.get(value)
        if found is not None:
            return found
    if isinstance(value, T.Type):
        found = _BY_IR.get(T.element_type(value))
        if found is not None:
            return found
        from tfc.dialects.tf.types import ResourceType
        if isinstance(value, ResourceType):
            return resource
    if value is float:
        return float32
    if value is int:
        return int32
    if value is builtins.bool:
        return bool
    try:
        found = _BY_NP.get(np.dtype(value))
    except TypeError:
        found = None
    if found is not None:
        return found
    raise TypeError(f"Cannot convert {value!r} to a TensorFlow DType")
