"""The base of every tf op: control inputs, typed attribute access, shape inference and
interpretation on data operands only.

A tf op declares its data operands, results and attributes as any op does, and implements:

    @classmethod
    def infer(cls, attrs, x, y) -> list[Type]     # result types; raise ShapeError when the
                                                   # static shapes are incompatible
    def compute(self, ctx, x, y)                   # numpy semantics, returns result value(s)
    def fold_data(self, constants)                 # optional: like Op.fold, data operands only

`attrs` is an `AttrView`: `attrs.transpose_a` is the attribute as a Python value (bool, int,
float, str, list, Type), or the declared default. Variadic operand groups arrive as lists.

Every tf op also takes control inputs: a trailing variadic operand group `control_inputs` of
any type (a `!tf.control` result, or any result of the op depended upon). They order effects and
decide what runs; they are never read. Build ops with `Cls.create(*data, controls=[...], ...)`.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.constraints import AnyType
from tfc.ir.opdef import Op, Operand, segment_sizes
from tfc.ir.location import UNKNOWN


class ShapeError(ValueError):
    """Incompatible static shapes or attributes, found while inferring result types."""


# ----- attributes as Python values ----------------------------------------------------------

def to_python(attr):
    """The Python value of an attribute: bool, int, float, str, Type, numpy array or list."""
    if attr is None:
        return None
    if isinstance(attr, A.BoolAttr):
        return attr.value
    if isinstance(attr, A.IntegerAttr):
        return int(attr.value)
    if isinstance(attr, A.FloatAttr):
        return float(attr.value)
    if isinstance(attr, A.StringAttr):
        return attr.value
    if isinstance(attr, A.TypeAttr):
        return attr.value
    if isinstance(attr, A.ArrayAttr):
        return [to_python(a) for a in attr.value]
    if isinstance(attr, A.DenseElementsAttr):
        return np.array(attr.data)
    return attr


def int_list(values) -> A.ArrayAttr:
    """`[1, 2, 2, 1]` as TF's MLIR dialect spells an int-list attribute (i64 elements)."""
    return A.ArrayAttr(tuple(A.IntegerAttr.get(int(v), T.i64) for v in values))


def shape_attr(shape) -> A.ArrayAttr | None:
    """A TF shape attribute: dims as i64 with -1 for unknown; None for an unknown rank."""
    if shape is None:
        return None
    return int_list(-1 if d is None else d for d in shape)


def shape_from_attr(value) -> tuple | None:
    """The inverse of `shape_attr` (given the attribute's Python value)."""
    if value is None:
        return None
    return tuple(None if d < 0 else d for d in value)


class AttrView:
    """An op's attributes as Python values: `attrs.padding` -> "SAME"."""

    __slots__ = ("_cls", "_props")

    def __init__(self, cls, properties: dict):
        self._cls = cls
        self._props = properties

    def __getattr__(self, name):
        field = self._cls._attr_defs_by_name.get(name)
        if field is None:
            raise AttributeError(f"'{self._cls.name}' has no attribute '{name}'")
        return to_python(self._props.get(name, field.default))

    def raw(self, name):
        return self._props.get(name)


# ----- shapes and types ----------------------------------------------------------------------

def tensor_type(shape, element_type: T.Type) -> T.Type:
    """`tensor<...>` of `shape` (dims may be None); an unranked tensor when shape is None."""
    if shape is None:
        return T.UnrankedTensorType(element_type)
    return T.TensorType(tuple(None if d is None else int(d) for d in shape), element_type)


def shape_of(t: T.Type) -> tuple | None:
    """The static shape of a tensor type (dims None when dynamic), None when unranked."""
    if isinstance(t, T.TensorType):
        return tuple(t.shape)
    return None


def dtype_of(t: T.Type) -> T.Type:
    return T.element_type(t)


def format_shape(shape) -> str:
    """TF's spelling of a shape in messages: `[?,3]`, `<unknown>`."""
    if shape is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def broadcast_shapes(a, b):
    """TF (numpy) broadcasting of two static shapes; None dims stay unknown where they may be.

    Raises ShapeError when two known dims differ and neither is 1."""
    if a is None or b is None:
        return None
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        out.append(_broadcast_dim(x, y, a, b))
    return tuple(reversed(out))


def _broadcast_dim(x, y, a, b):
    if x == 1:
        return y
    if y == 1:
        return x
    if x is None:
        return y
    if y is None or x == y:
        return x
    raise ShapeError(f"Dimensions must be equal, but are {x} and {y}")


def normalize_axis(axis: int, rank: int, what: str = "axis") -> int:
    """A possibly negative axis as an index into `rank` dims; ShapeError when out of range."""
    if not -rank <= axis < rank:
        raise ShapeError(f"{what} {axis} is out of range for a tensor of rank {rank} "
                         f"(expected [{-rank}, {rank}))")
    return axis % rank


def same_element_type(*types: T.Type) -> T.Type:
    """The common element type of `types`; ShapeError when they differ."""
    first = dtype_of(types[0])
    for t in types[1:]:
        if dtype_of(t) != first:
            raise ShapeError(f"operand element types differ: {first} and {dtype_of(t)}")
    return first


# ----- constant operands -------------------------------------------------------------------

def constant_value(value) -> np.ndarray | None:
    """The value of `value` when it is known while building (a tf.Const, a static tf.Shape...).

    Ops take part by implementing `static_value(self) -> np.ndarray | None`."""
    op = value.defining_op if hasattr(value, "defining_op") else None
    if op is None:
        return None
    static = getattr(op, "static_value", None)
    if static is not None:
        return static()
    attr = op.get_attr("value") if op.name == "arith.constant" else None
    if isinstance(attr, A.DenseElementsAttr):
        return np.array(attr.data)
    if isinstance(attr, (A.IntegerAttr, A.FloatAttr, A.BoolAttr)):
        return np.array(attr.value)
    return None


def constant_ints(value) -> list[int] | None:
    """A constant integer operand as a flat list of ints (axes, shapes, perms), or None."""
    data = constant_value(value)
    if data is None:
        return None
    return [int(v) for v in np.asarray(data).reshape(-1)]


# ----- the op base ---------------------------------------------------------------------------

class TFOp(Op):
    """Base of tf ops (see the module docstring)."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs):
        control = Operand(AnyType, variadic=True, default_empty=True,
                          doc="control inputs: ops that must run first")
        control.__set_name__(cls, "control_inputs")
        cls.control_inputs = control
        super().__init_subclass__(**kwargs)
        data = tuple(d for d in cls._operand_defs if d.field_name != "control_inputs")
        for i, d in enumerate(data + (control,)):
            d.index = i
        cls._operand_defs = data + (control,)

    # ----- building -------------------------------------------------------------------------

    @classmethod
    def create(cls, *data, controls=(), result_types=None, location=UNKNOWN, attributes=None, regions=None,
               **attrs):
        """Build with data operand groups, then control inputs; attrs take Python values."""
        converted = {}
        for name, value in attrs.items():
            field = cls._attr_defs_by_name.get(name)
            if field is None:
                raise TypeError(f"'{cls.name}' has no attribute '{name}'")
            converted[name] = _to_attr(value) if value is not None and field.convert is None else value
        return cls.build(*data, list(controls), result_types=result_types, location=location,
                         attributes=attributes, regions=regions, **converted)

    # ----- operand groups -------------------------------------------------------------------

    @classmethod
    def split_groups(cls, operands, properties) -> list:
        """Operands split into the declared groups (variadic ones as lists), controls last."""
        sizes = segment_sizes(properties, cls._operand_defs, len(operands), "operandSegmentSizes", cls.name)
        groups, start = [], 0
        for d, size in zip(cls._operand_defs, sizes):
            chunk = list(operands[start:start + size])
            start += size
            if d.variadic:
                groups.append(chunk)
            elif d.optional:
                groups.append(chunk[0] if chunk else None)
            else:
                groups.append(chunk[0])
        return groups

    @property
    def num_data_operands(self) -> int:
        """How many operands come before the control inputs."""
        return self.num_operands - len(self.control_inputs)

    @property
    def data_operands(self) -> list:
        """Operands without the control inputs."""
        return self.operands[:self.num_data_operands]

    @property
    def commutative_operand_count(self) -> int:
        """For Commutative ops: only the data operands commute, never the control inputs."""
        return self.num_data_operands

    @property
    def attrs(self) -> AttrView:
        return AttrView(type(self), self.properties)

    # ----- hooks ------------------------------------------------------------------------------

    @classmethod
    def infer(cls, attrs: AttrView, *data) -> list[T.Type] | None:
        """Result types from the data operand groups (Values) and attributes. The verifier
        checks the op's result types against them (a ShapeError becomes the op's error)."""
        return None

    @classmethod
    def infer_type(cls, operands, properties):
        groups = cls.split_groups(operands, properties)[:-1]
        return cls.infer(AttrView(cls, properties), *groups)

    def compute(self, ctx, *data):
        """Numpy semantics. Returns the value of a single-result op (also of an op whose one
        declared result group is variadic and holds one value), else a list of values."""
        raise NotImplementedError(f"'{self.name}' has no interpreter rule")

    def interpret(self, ctx, *operands):
        groups = type(self).split_groups(operands, self.properties)[:-1]
        outcome = self.compute(ctx, *groups)
        if len(self.results) == 1:
            return _coerce(outcome, self.results[0].type)
        if isinstance(outcome, (list, tuple)):
            return [_coerce(v, r.type) for v, r in zip(outcome, self.results)]
        return outcome

    def fold_data(self, constants: list):
        return None

    def fold(self, constants):
        if self.control_inputs:
            return None  # folding would drop the control edges
        return self.fold_data(constants)


def _to_attr(value) -> A.Attribute:
    if isinstance(value, A.Attribute):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                                                for v in value):
        return int_list(value)
    if isinstance(value, (np.integer,)):
        return A.IntegerAttr.get(int(value), T.i64)
    if isinstance(value, np.floating):
        return A.FloatAttr.get(float(value), T.f64 if value.dtype == np.float64 else T.f32)
    return A.from_python(value)


def _coerce(value, t: T.Type):
    """A compute() result as the exact numpy dtype of its tensor type (numpy often widens)."""
    if not isinstance(t, (T.TensorType, T.UnrankedTensorType)):
        return value
    dtype = T.element_type(t)
    if not isinstance(dtype, (T.IntegerType, T.FloatType, T.IndexType)):
        return value
    np_dtype = dtype.numpy_dtype()
    array = np.asarray(value)
    if array.dtype != np_dtype:
        array = array.astype(np_dtype)
    return array


def node_name(op) -> str:
    """The TF node name an op carries in its location (its op name when it has none)."""
    from tfc.errors import _node_name
    return _node_name(op.location) or op.name


# ----- constant folding ----------------------------------------------------------------------

FOLD_ELEMENT_LIMIT = 1 << 16  # larger constants are left for the compiled code to compute


def fold_by_compute(op: TFOp, constants: list):
    """Fold a pure op whose data operands are all constant by running its compute()."""
    data = constants[:op.num_data_operands]
    if not data or any(not isinstance(c, A.DenseElementsAttr) for c in data):
        return None
    if any(c.data.size > FOLD_ELEMENT_LIMIT for c in data):
        return None
    if any(not isinstance(r.type, T.TensorType) or not r.type.has_static_shape for r in op.results):
        return None
    groups = type(op).split_groups([np.array(c.data) for c in data] + [None] * len(op.control_inputs),
                                   op.properties)[:-1]
    try:
        with np.errstate(all="ignore"):
            outcome = op.compute(None, *groups)
    except Exception:  # noqa: BLE001 - an op that fails at run time is not folded
        return None
    values = [outcome] if len(op.results) == 1 else list(outcome)
    folded = []
    for value, result in zip(values, op.results):
        array = np.asarray(_coerce(value, result.type))
        if array.shape != tuple(result.type.shape):
            return None
        folded.append(A.DenseElementsAttr(array, result.type))
    return folded
