"""Builtin attributes, spelled as MLIR spells them. All attributes are immutable and hashable.

Floats print as MLIR prints them: `%.6e` when that round-trips at the type's precision, the
shortest round-tripping form otherwise, and the hex bit pattern for inf and nan
(`0x7F800000 : f32`). Dense elements over 100 values print as a hex string of their bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tfc.ir import types as T
from tfc.ir.affine import AffineMap
from tfc.ir.text import attribute_name, quote_string, symbol_name

HEX_ELEMENT_LIMIT = 100


class Attribute:
    __slots__ = ()

    def __repr__(self) -> str:
        return f"Attr({self})"


# ----- scalars -------------------------------------------------------------------------

def _wrap_integer(value: int, t: T.Type) -> int:
    if isinstance(t, T.IndexType):
        width, unsigned = 64, False
    elif isinstance(t, T.IntegerType):
        width, unsigned = t.width, t.signedness == "u"
    else:
        return int(value)
    value = int(value) & ((1 << width) - 1)
    if not unsigned and width > 1 and value >= 1 << (width - 1):
        value -= 1 << width
    return value


@dataclass(frozen=True, slots=True, repr=False)
class IntegerAttr(Attribute):
    value: int
    type: T.Type = T.i64

    @staticmethod
    def get(value: int, t: T.Type = T.i64) -> "Attribute":
        if isinstance(t, T.IntegerType) and t.width == 1 and t.is_signless:
            return BoolAttr(bool(value & 1))
        return IntegerAttr(_wrap_integer(value, t), t)

    def __str__(self) -> str:
        return f"{self.value} : {self.type}"


@dataclass(frozen=True, slots=True, repr=False)
class BoolAttr(Attribute):
    value: bool

    type = T.i1

    def __str__(self) -> str:
        return "true" if self.value else "false"


def _float_bits_dtype(kind: str):
    return {"f16": (np.float16, np.uint16), "f32": (np.float32, np.uint32),
            "f64": (np.float64, np.uint64)}.get(kind)


def round_float(value: float, t: T.FloatType) -> float:
    """Round a Python float to the precision of `t`."""
    if t.kind == "bf16":
        bits = int(np.array(value, np.float32).view(np.uint32))
        if not math.isnan(value):
            bits += 0x7FFF + ((bits >> 16) & 1)
        return float(np.array((bits >> 16) << 16, np.uint32).view(np.float32))
    if t.kind in ("f16", "f32"):
        with np.errstate(over="ignore"):
            return float(np.array(value, _float_bits_dtype(t.kind)[0]))
    return float(value)


def float_to_bits(value: float, t: T.FloatType) -> int:
    if t.kind == "bf16":
        return int(np.array(value, np.float32).view(np.uint32)) >> 16
    ftype, utype = _float_bits_dtype(t.kind) or (np.float32, np.uint32)
    return int(np.array(value, ftype).view(utype))


def bits_to_float(bits: int, t: T.FloatType) -> float:
    if t.kind == "bf16":
        return float(np.array(bits << 16, np.uint32).view(np.float32))
    ftype, utype = _float_bits_dtype(t.kind) or (np.float32, np.uint32)
    return float(np.array(bits, utype).view(ftype))


def format_float(value: float, t: T.FloatType) -> str:
    """The text MLIR would print for a float of type t (without the type)."""
    if math.isnan(value) or math.isinf(value):
        digits = max(t.width // 4, 4)
        return f"0x{float_to_bits(value, t):0{digits}X}"
    text = f"{value:.6e}"
    if round_float(float(text), t) == value:
        return text
    if t.kind == "f64":
        return np.format_float_scientific(value, unique=True)
    return np.format_float_scientific(np.float32(value), unique=True)


@dataclass(frozen=True, slots=True, repr=False)
class FloatAttr(Attribute):
    value: float
    type: T.FloatType = T.f64

    @staticmethod
    def get(value: float, t: T.FloatType = T.f64) -> "FloatAttr":
        return FloatAttr(round_float(float(value), t), t)

    def __str__(self) -> str:
        return f"{format_float(self.value, self.type)} : {self.type}"

    def __eq__(self, other):
        # Compared by bit pattern, like the hash: 0.0 and -0.0 differ, a NaN equals itself.
        if not isinstance(other, FloatAttr) or other.type != self.type:
            return False
        return float_to_bits(self.value, self.type) == float_to_bits(other.value, other.type)

    def __hash__(self):
        return hash(("float", self.type, float_to_bits(self.value, self.type)))


@dataclass(frozen=True, slots=True, repr=False)
class StringAttr(Attribute):
    value: str

    def __str__(self) -> str:
        return quote_string(self.value)


@dataclass(frozen=True, slots=True, repr=False)
class UnitAttr(Attribute):
    def __str__(self) -> str:
        return "unit"


@dataclass(frozen=True, slots=True, repr=False)
class TypeAttr(Attribute):
    value: T.Type

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True, repr=False)
class SymbolRefAttr(Attribute):
    root: str
    nested: tuple = ()

    def __str__(self) -> str:
        return "::".join(symbol_name(n) for n in (self.root, *self.nested))

    @property
    def leaf(self) -> str:
        return self.nested[-1] if self.nested else self.root


@dataclass(frozen=True, slots=True, repr=False)
class AffineMapAttr(Attribute):
    value: AffineMap

    def __str__(self) -> str:
        return f"affine_map<{self.value}>"


@dataclass(frozen=True, slots=True, repr=False)
class StridedLayoutAttr(Attribute):
    strides: tuple
    offset: int | None = 0

    def __str__(self) -> str:
        strides = ", ".join("?" if s is None else str(s) for s in self.strides)
        if self.offset == 0:
            return f"strided<[{strides}]>"
        return f"strided<[{strides}], offset: {'?' if self.offset is None else self.offset}>"


# ----- containers ----------------------------------------------------------------------

def _element_text(attr: "Attribute") -> str:
    """An array element as MLIR prints it: an i64 integer elides its type (`[1, 2]`)."""
    if isinstance(attr, IntegerAttr) and attr.type == T.i64:
        return str(attr.value)
    return str(attr)


@dataclass(frozen=True, slots=True, repr=False)
class ArrayAttr(Attribute):
    value: tuple

    def __str__(self) -> str:
        return f"[{', '.join(map(_element_text, self.value))}]"

    def __iter__(self):
        return iter(self.value)

    def __len__(self):
        return len(self.value)

    def __getitem__(self, i):
        return self.value[i]


def format_attr_entries(entries) -> str:
    """`a = 1 : i64, b` for (name, attr) pairs; unit attributes print as their bare name."""
    parts = []
    for name, attr in entries:
        key = attribute_name(name)
        parts.append(key if isinstance(attr, UnitAttr) else f"{key} = {attr}")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True, repr=False)
class DictionaryAttr(Attribute):
    """Entries are kept sorted by name, as MLIR keeps them."""

    entries: tuple

    @staticmethod
    def get(mapping) -> "DictionaryAttr":
        return DictionaryAttr(tuple(sorted(dict(mapping).items())))

    def __str__(self) -> str:
        return "{" + format_attr_entries(self.entries) + "}"

    def as_dict(self) -> dict:
        return dict(self.entries)

    def get_item(self, name, default=None):
        for key, value in self.entries:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True, repr=False)
class DenseArrayAttr(Attribute):
    """`array<i64: 1, 2>`: a plain list of scalars, as MLIR uses for sizes and permutations."""

    element_type: T.Type
    values: tuple

    def __str__(self) -> str:
        if not self.values:
            return f"array<{self.element_type}>"
        if isinstance(self.element_type, T.FloatType):
            body = ", ".join(format_float(v, self.element_type) for v in self.values)
        elif self.element_type == T.i1:
            body = ", ".join("true" if v else "false" for v in self.values)
        else:
            body = ", ".join(str(v) for v in self.values)
        return f"array<{self.element_type}: {body}>"

    def __iter__(self):
        return iter(self.values)

    def __len__(self):
        return len(self.values)


class DenseElementsAttr(Attribute):
    """`dense<...> : tensor<2x2xf32>`: a constant tensor held as a numpy array."""

    __slots__ = ("type", "data", "_hash")

    def __init__(self, data, t: T.ShapedType):
        if not t.has_static_shape:
            raise ValueError(f"dense elements need a static shape, got {t}")
        array = np.asarray(data, dtype=T.numpy_dtype(t))
        if array.size == 1 and array.shape != tuple(t.shape):
            array = np.broadcast_to(array.reshape(()), tuple(t.shape))
        if array.shape != tuple(t.shape):
            raise ValueError(f"dense elements of shape {list(array.shape)} do not fit {t}")
        array = np.array(array)
        array.flags.writeable = False
        self.type = t
        self.data = array
        self._hash = hash((t, array.tobytes()))

    @staticmethod
    def splat(value, t: T.ShapedType) -> "DenseElementsAttr":
        return DenseElementsAttr(np.full(t.shape, value, dtype=T.numpy_dtype(t)), t)

    def __eq__(self, other):
        return (isinstance(other, DenseElementsAttr) and self.type == other.type
                and self._hash == other._hash and self.data.tobytes() == other.data.tobytes())

    def __hash__(self):
        return self._hash

    @property
    def is_splat(self) -> bool:
        flat = self.data.reshape(-1)
        if flat.size == 0:
            return False
        first = flat[0]
        if isinstance(first, np.floating) and np.isnan(first):
            return bool(np.isnan(flat).all())
        return bool((flat == first).all())

    def splat_value(self):
        return self.data.reshape(-1)[0]

    def __str__(self) -> str:
        return f"dense<{self._body()}> : {self.type}"

    def _body(self) -> str:
        if self.data.size == 0:
            return ""
        if self.is_splat:
            return self._scalar(self.splat_value())
        if self.data.size > HEX_ELEMENT_LIMIT:
            return quote_string("0x" + dense_bytes(self.data, self.type.element_type).hex().upper())
        return self._nested(self.data)

    def _nested(self, array) -> str:
        if array.ndim == 0:
            return self._scalar(array[()])
        return "[" + ", ".join(self._nested(sub) for sub in array) + "]"

    def _scalar(self, value) -> str:
        et = self.type.element_type
        if isinstance(et, T.FloatType):
            return format_float(float(value), et)
        if et == T.i1:
            return "true" if value else "false"
        return str(int(value))


def dense_bytes(data: np.ndarray, et: T.Type) -> bytes:
    """The raw little-endian bytes MLIR uses for a dense hex literal."""
    if isinstance(et, T.FloatType) and et.kind == "bf16":
        bits = np.ascontiguousarray(data, np.float32).view(np.uint32) >> 16
        return bits.astype("<u2").tobytes()
    return np.ascontiguousarray(data).astype(data.dtype.newbyteorder("<")).tobytes()


def dense_from_bytes(raw: bytes, t: T.ShapedType) -> np.ndarray:
    et = t.element_type
    if isinstance(et, T.FloatType) and et.kind == "bf16":
        bits = np.frombuffer(raw, "<u2").astype(np.uint32) << 16
        flat = bits.view(np.float32)
    else:
        flat = np.frombuffer(raw, T.numpy_dtype(t).newbyteorder("<"))
    count = int(np.prod(t.shape, dtype=np.int64))
    if flat.size == 1 and count != 1:
        return np.full(t.shape, flat[0], dtype=T.numpy_dtype(t))
    if flat.size != count:
        raise ValueError(f"hex data holds {flat.size} elements but {t} needs {count}")
    return flat.reshape(t.shape)


# ----- dialect attributes ----------------------------------------------------------------

DIALECT_ATTRS: dict[str, type] = {}


@dataclass(frozen=True, slots=True, repr=False)
class DialectAttr(Attribute):
    """`#dialect.mnemonic<params>`; params are attributes, types or bare identifiers (str).

    Subclasses set `attr_name = "dialect.mnemonic"` to register themselves.
    """

    name: str
    params: tuple = ()

    attr_name = None

    def __init_subclass__(cls, **kwargs):
        # Explicit super(): @dataclass(slots=True) replaces the class, which breaks the
        # zero-argument form in methods defined in its body.
        super(DialectAttr, cls).__init_subclass__(**kwargs)
        if cls.__dict__.get("attr_name"):
            DIALECT_ATTRS[cls.attr_name] = cls

    def __str__(self) -> str:
        if not self.params:
            return f"#{self.name}"
        return f"#{self.name}<{', '.join(map(str, self.params))}>"

    @classmethod
    def verify_params(cls, params: tuple) -> str | None:
        return None


def make_dialect_attr(name: str, params: tuple) -> DialectAttr:
    cls = DIALECT_ATTRS.get(name)
    if cls is None:
        from tfc.ir.opdef import load_dialect  # a dialect registers its attributes when imported
        load_dialect(name.split(".", 1)[0])
        cls = DIALECT_ATTRS.get(name, DialectAttr)
    return cls(name, tuple(params))


# ----- conveniences ------------------------------------------------------------------------

UNIT = UnitAttr()
TRUE = BoolAttr(True)
FALSE = BoolAttr(False)


def from_python(value) -> Attribute:
    """A natural attribute for a Python value (used by builders)."""
    if isinstance(value, Attribute):
        return value
    if isinstance(value, bool):
        return BoolAttr(value)
    if isinstance(value, int):
        return IntegerAttr.get(value, T.i64)
    if isinstance(value, float):
        return FloatAttr.get(value, T.f32)
    if isinstance(value, str):
        return StringAttr(value)
    if isinstance(value, T.Type):
        return TypeAttr(value)
    if isinstance(value, AffineMap):
        return AffineMapAttr(value)
    if isinstance(value, (list, tuple)):
        return ArrayAttr(tuple(from_python(v) for v in value))
    if isinstance(value, dict):
        return DictionaryAttr.get({k: from_python(v) for k, v in value.items()})
    raise TypeError(f"no attribute for Python value {value!r}")
