"""Builtin types, spelled as MLIR spells them. All types are immutable and hashable.

Dynamic dimensions are `None` (printed `?`), as TensorFlow's Python shapes use None.
Dialect types (`!tf.resource`, `!tf.control`) subclass `DialectType` and register
themselves by `dialect.mnemonic`; an unregistered one parses as a plain `DialectType`.
"""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np

DYNAMIC = None


class Type:
    """Base of all types."""

    __slots__ = ()

    def __str__(self) -> str:  # overridden; kept for clarity of the protocol
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"Type({self})"


@dataclass(frozen=True, slots=True, repr=False)
class IntegerType(Type):
    width: int
    signedness: str = ""  # "" (signless), "s" or "u"

    def __str__(self) -> str:
        return f"{self.signedness}i{self.width}"

    @property
    def is_signless(self) -> bool:
        return self.signedness == ""

    def numpy_dtype(self) -> np.dtype:
        if self.width == 1:
            return np.dtype(np.bool_)
        unsigned = self.signedness == "u"
        for bits in (8, 16, 32, 64):
            if self.width <= bits:
                return np.dtype(f"{'u' if unsigned else 'i'}{bits // 8}")
        raise ValueError(f"no numpy dtype holds {self}")


@dataclass(frozen=True, slots=True, repr=False)
class FloatType(Type):
    kind: str  # "f16", "bf16", "f32", "f64", "tf32", "f80", "f128"

    def __str__(self) -> str:
        return self.kind

    @property
    def width(self) -> int:
        return {"f16": 16, "bf16": 16, "f32": 32, "tf32": 19, "f64": 64, "f80": 80, "f128": 128}[self.kind]

    def numpy_dtype(self) -> np.dtype:
        # bf16 and tf32 have no numpy dtype; their values are held in float32.
        return np.dtype({"f16": np.float16, "f64": np.float64}.get(self.kind, np.float32))


@dataclass(frozen=True, slots=True, repr=False)
class IndexType(Type):
    def __str__(self) -> str:
        return "index"

    def numpy_dtype(self) -> np.dtype:
        return np.dtype(np.int64)


@dataclass(frozen=True, slots=True, repr=False)
class NoneType(Type):
    def __str__(self) -> str:
        return "none"


@dataclass(frozen=True, slots=True, repr=False)
class ComplexType(Type):
    element_type: Type

    def __str__(self) -> str:
        return f"complex<{self.element_type}>"


@dataclass(frozen=True, slots=True, repr=False)
class TupleType(Type):
    types: tuple

    def __str__(self) -> str:
        return f"tuple<{', '.join(map(str, self.types))}>"


@dataclass(frozen=True, slots=True, repr=False)
class FunctionType(Type):
    inputs: tuple
    results: tuple

    def __str__(self) -> str:
        inputs = ", ".join(map(str, self.inputs))
        if len(self.results) == 1 and not isinstance(self.results[0], FunctionType):
            return f"({inputs}) -> {self.results[0]}"
        return f"({inputs}) -> ({', '.join(map(str, self.results))})"


def _dims(shape) -> str:
    return "".join(("?" if d is None else str(d)) + "x" for d in shape)


class ShapedType(Type):
    """Common interface of tensor, memref and vector types."""

    __slots__ = ()

    @property
    def has_rank(self) -> bool:
        return True

    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def has_static_shape(self) -> bool:
        return self.has_rank and all(d is not None for d in self.shape)

    def num_elements(self) -> int:
        if not self.has_static_shape:
            raise ValueError(f"{self} has no static shape")
        return int(np.prod(self.shape, dtype=np.int64))


@dataclass(frozen=True, slots=True, repr=False)
class TensorType(ShapedType):
    shape: tuple
    element_type: Type
    encoding: object = None

    def __str__(self) -> str:
        enc = f", {self.encoding}" if self.encoding is not None else ""
        return f"tensor<{_dims(self.shape)}{self.element_type}{enc}>"

    def clone(self, shape=None, element_type=None) -> "TensorType":
        return TensorType(tuple(self.shape if shape is None else shape),
                          element_type or self.element_type, self.encoding)


@dataclass(frozen=True, slots=True, repr=False)
class UnrankedTensorType(ShapedType):
    element_type: Type

    def __str__(self) -> str:
        return f"tensor<*x{self.element_type}>"

    @property
    def has_rank(self) -> bool:
        return False

    @property
    def shape(self):
        raise ValueError(f"{self} has no rank")


@dataclass(frozen=True, slots=True, repr=False)
class MemRefType(ShapedType):
    shape: tuple
    element_type: Type
    layout: object = None
    memory_space: object = None

    def __str__(self) -> str:
        extra = "".join(f", {_space_text(a) if a is self.memory_space else a}"
                        for a in (self.layout, self.memory_space) if a is not None)
        return f"memref<{_dims(self.shape)}{self.element_type}{extra}>"


@dataclass(frozen=True, slots=True, repr=False)
class UnrankedMemRefType(ShapedType):
    element_type: Type
    memory_space: object = None

    def __str__(self) -> str:
        space = f", {_space_text(self.memory_space)}" if self.memory_space is not None else ""
        return f"memref<*x{self.element_type}{space}>"

    @property
    def has_rank(self) -> bool:
        return False


def _space_text(space) -> str:
    """A memory space as MLIR prints it: an i64 integer attribute is a bare number."""
    if getattr(space, "type", None) == i64 and isinstance(getattr(space, "value", None), int):
        return str(space.value)
    return str(space)


@dataclass(frozen=True, slots=True, repr=False)
class VectorType(ShapedType):
    shape: tuple
    element_type: Type
    scalable: tuple = ()

    def __str__(self) -> str:
        scalable = self.scalable or (False,) * len(self.shape)
        dims = "".join((f"[{d}]" if s else str(d)) + "x" for d, s in zip(self.shape, scalable))
        return f"vector<{dims}{self.element_type}>"


# ----- dialect types -------------------------------------------------------------------

DIALECT_TYPES: dict[str, type] = {}


@dataclass(frozen=True, slots=True, repr=False)
class DialectType(Type):
    """`!dialect.mnemonic` or `!dialect.mnemonic<params>`.

    Subclasses set `type_name = "dialect.mnemonic"` to register; `verify_params` checks the
    parameters when the type is parsed or built.
    """

    name: str
    params: tuple = ()

    type_name = None

    def __init_subclass__(cls, **kwargs):
        # Explicit super(): @dataclass(slots=True) replaces the class, which breaks the
        # zero-argument form in methods defined in its body.
        super(DialectType, cls).__init_subclass__(**kwargs)
        if cls.__dict__.get("type_name"):
            DIALECT_TYPES[cls.type_name] = cls

    def __str__(self) -> str:
        if not self.params:
            return f"!{self.name}"
        return f"!{self.name}<{', '.join(map(str, self.params))}>"

    @classmethod
    def verify_params(cls, params: tuple) -> str | None:
        """Return an error message when `params` are invalid for this type."""
        return None

    @classmethod
    def get(cls, *params) -> "DialectType":
        return cls(cls.type_name, tuple(params))

    @classmethod
    def from_params(cls, name: str, params: tuple) -> "DialectType":
        """The type for parsed params (a subclass may normalize them, e.g. unwrap TypeAttrs)."""
        return cls(name, tuple(params))


def make_dialect_type(name: str, params: tuple) -> DialectType:
    """Build a dialect type by name, using its registered class when there is one."""
    cls = DIALECT_TYPES.get(name)
    if cls is None:
        from tfc.ir.opdef import load_dialect  # a dialect registers its types when imported
        load_dialect(name.split(".", 1)[0])
        cls = DIALECT_TYPES.get(name, DialectType)
    return cls.from_params(name, tuple(params))


# ----- common instances and predicates -------------------------------------------------

i1 = IntegerType(1)
i8 = IntegerType(8)
i16 = IntegerType(16)
i32 = IntegerType(32)
i64 = IntegerType(64)
f16 = FloatType("f16")
bf16 = FloatType("bf16")
f32 = FloatType("f32")
f64 = FloatType("f64")
index = IndexType()
none = NoneType()


def element_type(t: Type) -> Type:
    """The element type of a shaped type, or the type itself for scalars."""
    return t.element_type if isinstance(t, ShapedType) else t


def is_integer_like(t: Type) -> bool:
    return isinstance(element_type(t), (IntegerType, IndexType))


def is_float_like(t: Type) -> bool:
    return isinstance(element_type(t), FloatType)


def numpy_dtype(t: Type) -> np.dtype:
    return element_type(t).numpy_dtype()


def is_compatible(a: Type, b: Type) -> bool:
    """True when two types may describe the same value (dynamic dims match any size)."""
    if a == b:
        return True
    if not (isinstance(a, (TensorType, UnrankedTensorType)) and isinstance(b, (TensorType, UnrankedTensorType))):
        return False
    if a.element_type != b.element_type:
        return False
    if not a.has_rank or not b.has_rank:
        return True
    return a.rank == b.rank and all(x is None or y is None or x == y for x, y in zip(a.shape, b.shape))


# Printed text of each type seen, since types are immutable and printing is hot.
_type_text: dict = {}


def type_text(t: Type) -> str:
    text = _type_text.get(t)
    if text is None:
        text = str(t)
        _type_text[t] = text
    return text

