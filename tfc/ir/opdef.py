"""Op definitions: one class per op, declaring everything about it.

    class AddFOp(Op):
        '''`%r = "arith.addf"(%a, %b) : (f32, f32) -> f32`'''
        name = "arith.addf"
        traits = (Pure, Commutative, Elementwise, SameOperandsAndResultType)
        lhs = Operand(FloatLike)
        rhs = Operand(FloatLike)
        result = Result(FloatLike)
        fastmath = Attr(AnyAttr, optional=True)

        def fold(self, constants): ...
        def interpret(self, ctx, lhs, rhs): return lhs + rhs

Declared fields become typed accessors (`op.lhs`, `op.fastmath`); declared attributes are the
op's inherent attributes and live in `op.properties`. Defining the class registers it by name;
`lookup_op` imports `tfc.dialects.<dialect>` on first use, so there is no central list.
"""

from __future__ import annotations

import importlib
import pkgutil

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.constraints import AnyAttr, AnyType, Constraint
from tfc.ir.core import Operation, Region, Value
from tfc.ir.location import UNKNOWN

OPS: dict[str, type] = {}
DIALECTS: dict[str, "Dialect"] = {}


# ----- field declarations ---------------------------------------------------------------

class _ValueField:
    kind = "operand"

    def __init__(self, constraint: Constraint = AnyType, *, variadic: bool = False,
                 optional: bool = False, default_empty: bool = False, doc: str = ""):
        self.constraint = constraint
        self.variadic = variadic
        # A `default_empty` variadic group may go unmentioned: without a segment-sizes
        # attribute it is empty (tf ops' control inputs keep `"tf.ConcatV2"(%a, %b, %axis)`).
        self.default_empty = default_empty
        self.optional = optional
        self.is_variable = variadic or optional
        self.doc = doc
        self.field_name = ""
        self.index = 0

    def __set_name__(self, owner, name):
        self.field_name = name


class Operand(_ValueField):
    kind = "operand"

    def __get__(self, op, owner=None):
        if op is None:
            return self
        start, size = _segment(op, owner._operand_defs, self.index, op.num_operands, "operandSegmentSizes")
        return _pick(self, [u._value for u in op.operand_uses[start:start + size]])


class Result(_ValueField):
    kind = "result"

    def __get__(self, op, owner=None):
        if op is None:
            return self
        start, size = _segment(op, owner._result_defs, self.index, len(op.results), "resultSegmentSizes")
        return _pick(self, op.results[start:start + size])


def _pick(field: _ValueField, values: list):
    if field.variadic:
        return values
    if field.optional:
        return values[0] if values else None
    return values[0]


def _segment(op, defs, index: int, total: int, segment_attr: str) -> tuple[int, int]:
    sizes = segment_sizes(op.properties, defs, total, segment_attr, op.name)
    return sum(sizes[:index]), sizes[index]


_VARIABLE_COUNTS: dict[tuple, int] = {}


def variable_count(defs: tuple) -> int:
    """How many of an op's operand (or result) groups are variadic or optional (cached)."""
    count = _VARIABLE_COUNTS.get(defs)
    if count is None:
        count = _VARIABLE_COUNTS[defs] = sum(1 for d in defs if d.is_variable)
    return count


def segment_sizes(properties: dict, defs, total: int, segment_attr: str, op_name: str = "op") -> list[int]:
    """The size of each operand (or result) group, from the op's properties when needed."""
    variable = variable_count(defs)
    if not variable:
        return [1] * len(defs)
    if variable == 1:
        fixed = len(defs) - 1
        return [total - fixed if d.is_variable else 1 for d in defs]
    attr = properties.get(segment_attr)
    if attr is None and implicit_segments(defs):
        fixed = sum(1 for d in defs if not d.is_variable)
        return [0 if d.default_empty else (total - fixed if d.is_variable else 1) for d in defs]
    if not isinstance(attr, A.DenseArrayAttr):
        raise ValueError(f"'{op_name}' op needs the '{segment_attr}' property")
    return list(attr.values)


def implicit_segments(defs) -> bool:
    """Whether segment sizes may be omitted: one variable group besides default-empty ones."""
    return sum(1 for d in defs if d.is_variable and not d.default_empty) <= 1


class Attr:
    """An inherent attribute. `convert` turns a Python value into the attribute in builders."""

    def __init__(self, constraint: Constraint = AnyAttr, *, optional: bool = False,
                 default=None, convert=None, property_name: str | None = None, doc: str = ""):
        self.constraint = constraint
        self.optional = optional or default is not None
        self.default = default
        self.convert = convert
        self.doc = doc
        # The attribute's name in the IR when the Python field must differ (MLIR's `name`
        # property would shadow every op's `name`).
        self.property_name = property_name
        self.field_name = ""

    def __set_name__(self, owner, name):
        self.field_name = self.property_name or name

    def __get__(self, op, owner=None):
        if op is None:
            return self
        value = op.properties.get(self.field_name)
        return self.default if value is None else value

    def __set__(self, op, value):
        op.properties[self.field_name] = value

    def to_attribute(self, value) -> A.Attribute:
        if isinstance(value, A.Attribute):
            return value
        if self.convert is not None:
            return self.convert(value)
        return A.from_python(value)


class RegionDef:
    def __init__(self, *, variadic: bool = False, doc: str = ""):
        self.variadic = variadic
        self.doc = doc
        self.field_name = ""
        self.index = 0

    def __set_name__(self, owner, name):
        self.field_name = name

    def __get__(self, op, owner=None):
        if op is None:
            return self
        return op.regions[self.index:] if self.variadic else op.regions[self.index]


class Successor:
    def __init__(self, *, variadic: bool = False):
        self.variadic = variadic
        self.field_name = ""
        self.index = 0

    def __set_name__(self, owner, name):
        self.field_name = name

    def __get__(self, op, owner=None):
        if op is None:
            return self
        return op.successors[self.index:] if self.variadic else op.successors[self.index]


# ----- the op base ------------------------------------------------------------------------

# `result` may be declared: on a single-result op it means the same as Operation.result.
_RESERVED = set(dir(Operation)) - {"result"}


class Op(Operation):
    """Base of registered ops. Subclasses declare fields, traits and the hooks below."""

    __slots__ = ()
    name = None
    traits: frozenset = frozenset()
    trait_list: tuple = ()
    _operand_defs: tuple = ()
    _result_defs: tuple = ()
    _attr_defs: tuple = ()
    _attr_defs_by_name: dict = {}
    _region_defs: tuple = ()
    _successor_defs: tuple = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__
        if "traits" in own:
            cls.trait_list = tuple(own["traits"])  # declared order: the verifier's order
            cls.traits = frozenset(cls.trait_list)
        fields = {kind: {} for kind in ("operand", "result", "attr", "region", "successor")}
        for base in reversed(cls.__mro__):
            for key, value in vars(base).items():
                kind = _FIELD_KINDS.get(type(value))
                if kind is None:
                    continue
                if base is cls and key in _RESERVED:
                    raise TypeError(f"{cls.__name__}: field name '{key}' clashes with Operation.{key}")
                fields[kind][key] = value
        cls._operand_defs = _indexed(fields["operand"])
        cls._result_defs = _indexed(fields["result"])
        cls._attr_defs = tuple(fields["attr"].values())
        cls._attr_defs_by_name = {d.field_name: d for d in fields["attr"].values()}
        cls._region_defs = _indexed(fields["region"])
        cls._successor_defs = _indexed(fields["successor"])
        if own.get("name"):
            OPS[cls.name] = cls

    # ----- hooks an op overrides -------------------------------------------------------

    def verify(self) -> None:
        """Op-specific checks beyond the declared fields; raise self.emit_error(...)."""

    @classmethod
    def infer_type(cls, operands: list[Value], properties: dict) -> list[T.Type] | None:
        """Result types from operands and attributes, or None when they cannot be inferred."""
        return None

    def fold(self, constants: list) -> list | None:
        """Fold given each operand's constant attribute (or None).

        Returns one existing Value or constant Attribute per result, or None when nothing
        folds. Never creates ops. As in MLIR, returning the op's own results means it was
        folded in place (its attributes or operands were updated); so an op without results
        returns None, not [], when it has nothing to fold.
        """
        return None

    def interpret(self, ctx, *operands):
        """Numpy semantics: the reference interpreter calls this with operand values."""
        raise NotImplementedError(f"'{self.name}' has no interpreter rule")

    @classmethod
    def canonicalization_patterns(cls) -> list:
        return []

    # ----- building ------------------------------------------------------------------------

    @classmethod
    def build(cls, *operands, result_types=None, regions=None, successors=(),
              location=UNKNOWN, attributes=None, **attrs):
        """Build from positional operands (a list for a variadic group) and keyword attributes."""
        flat, operand_sizes = _flatten(cls, cls._operand_defs, operands, "operand")
        properties = {}
        for name, value in attrs.items():
            field = cls._attr_defs_by_name.get(name)
            if field is None:
                raise TypeError(f"'{cls.name}' has no attribute field '{name}'")
            if value is not None:
                properties[name] = field.to_attribute(value)
        defs = cls._operand_defs
        if sum(1 for d in defs if d.is_variable) > 1 and not (
                implicit_segments(defs) and all(n == 0 for d, n in zip(defs, operand_sizes) if d.default_empty)):
            properties["operandSegmentSizes"] = A.DenseArrayAttr(T.i32, tuple(operand_sizes))
        if result_types is None and not cls._result_defs:
            result_types = []
        if result_types is None:
            result_types = cls.infer_type(flat, properties)
            if result_types is None:
                raise TypeError(f"'{cls.name}' cannot infer its result types; pass result_types=")
        if regions is None:
            regions = [Region() for _ in cls._region_defs if not _.variadic]
        return cls(flat, list(result_types), properties, attributes, regions, successors, location)


_FIELD_KINDS = {Operand: "operand", Result: "result", Attr: "attr", RegionDef: "region",
                Successor: "successor"}


def _indexed(fields: dict) -> tuple:
    for i, d in enumerate(fields.values()):
        d.index = i
    return tuple(fields.values())


def _flatten(cls, defs, given, what):
    if len(given) != len(defs):
        raise TypeError(f"'{cls.name}' takes {len(defs)} {what} groups, got {len(given)}")
    flat, sizes = [], []
    for d, value in zip(defs, given):
        if d.variadic:
            values = list(value)
        elif d.optional:
            values = [] if value is None else [value]
        else:
            values = [value]
        flat.extend(values)
        sizes.append(len(values))
    return flat, sizes


# ----- dialects and the registry ------------------------------------------------------------

class Dialect:
    """A namespace of ops, types and attributes. Subclass with `name = "arith"` to register."""

    name = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("name"):
            DIALECTS[cls.name] = cls()

    def materialize_constant(self, value: A.Attribute, type: T.Type, location):
        """An op producing constant `value` of `type` (used by folding), or None."""
        return None


_MISSING_DIALECTS: set[str] = set()


def load_dialect(name: str) -> bool:
    """Import `tfc.dialects.<name>` if it exists; True when the dialect is now loaded."""
    if name in DIALECTS:
        return True
    if name in _MISSING_DIALECTS:
        return False
    module = f"tfc.dialects.{name}"
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name not in (module, "tfc.dialects"):
            raise
        _MISSING_DIALECTS.add(name)
        return False
    return name in DIALECTS


def lookup_op(name: str) -> type | None:
    cls = OPS.get(name)
    if cls is None and "." in name and load_dialect(name.split(".", 1)[0]):
        cls = OPS.get(name)
    return cls


def load_all_dialects() -> None:
    import tfc.dialects as package
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")
