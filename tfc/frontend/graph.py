"""The graph: TF1's `Graph`, `Operation` and `Tensor`, as thin handles on tf-dialect IR.

The graph *is* IR: a block of tf ops in creation order (which is always a valid execution
order). `Operation` and `Tensor` wrap an IR op and an IR value. Every op is created through
`Graph.create_op`, which names it as TensorFlow does (scopes, `_1` suffixes), applies the
current control dependencies and device, records the user's file and line as the op's
location, and turns a shape error from the op's inference into a `ValueError` naming the op.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading

from tfc.ir.core import Block
from tfc.ir import attributes as A
from tfc.ir.location import FileLineColLoc, NameLoc

from tfc.dialects.tf.base import ShapeError, format_shape, shape_of
from tfc.dialects.tf.types import ControlType
from tfc.frontend import dtypes as D
from tfc.frontend.tensor_shape import TensorShape

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_VALID_OP_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$")
_VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\-/>]*$")


def user_location():
    """The file:line:col of the innermost frame outside tfc (the user's line)."""
    frame = sys._getframe(1)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame = frame.f_back
    if frame is None:
        return None
    col = 1
    try:
        for i, position in enumerate(frame.f_code.co_positions()):
            if i == frame.f_lasti // 2:
                col = (position[2] or 0) + 1
                break
    except (AttributeError, ValueError):
        pass
    return FileLineColLoc(frame.f_code.co_filename, frame.f_lineno, col)


def describe_location(location) -> str:
    """`model.py:12` for messages, or '' when the location has no file."""
    pos = location.file_line_col() if location is not None else None
    return f"{pos.filename}:{pos.line}" if pos is not None else ""


class Operation:
    """A node of the graph (a handle on one IR op)."""

    __slots__ = ("ir", "graph", "_outputs", "__weakref__")

    def __init__(self, ir, graph: "Graph"):
        self.ir = ir
        self.graph = graph
        self._outputs = [Tensor(self, i) for i in range(len(ir.results))
                         if not isinstance(ir.results[i].type, ControlType)]

    @property
    def name(self) -> str:
        return self.ir.location.name

    @property
    def type(self) -> str:
        return self.ir.name.split(".", 1)[1]

    @property
    def outputs(self) -> list:
        return list(self._outputs)

    @property
    def inputs(self) -> list:
        return [self.graph.tensor_for(v) for v in self.ir.data_operands]

    @property
    def control_inputs(self) -> list:
        return [self.graph.op_for(v) for v in self.ir.control_inputs]

    @property
    def device(self) -> str:
        attr = self.ir.attributes.get("device")
        return attr.value if attr is not None else ""

    def _set_device(self, device: str) -> None:
        self.ir.attributes["device"] = A.StringAttr(device)

    @property
    def location(self):
        return self.ir.location

    @property
    def control_value(self):
        """The IR value that other ops list among their control inputs to depend on this one."""
        return self.ir.results[-1] if self.ir.results else None

    def get_attr(self, name: str):
        from tfc.dialects.tf.base import to_python
        value = self.ir.properties.get(name, self.ir.attributes.get(name))
        if value is None:
            field = type(self.ir)._attr_defs_by_name.get(name)
            value = field.default if field is not None else None
        if value is None:
            raise ValueError(f"Operation '{self.name}' has no attr named '{name}'.")
        python = to_python(value)
        if isinstance(python, D.T.Type):
            return D.as_dtype(python)
        return python

    def run(self, feed_dict=None, session=None) -> None:
        from tfc.frontend.session import get_default_session
        session = session or get_default_session()
        if session is None:
            raise ValueError("Cannot execute operation using `run()`: No default session is registered. "
                             "Use `with sess.as_default():` or pass an explicit session to `run(session=sess)`")
        session.run(self, feed_dict=feed_dict)

    def __repr__(self):
        return f"<tf.Operation '{self.name}' type={self.type}>"


class Tensor:
    """One output of an Operation: `x.name == "x:0"`."""

    __slots__ = ("op", "value_index", "__weakref__")

    # numpy must defer to our reflected operators (np.float32(2) * tensor)
    __array_priority__ = 100

    def __init__(self, op: Operation, index: int):
        self.op = op
        self.value_index = index

    @property
    def value(self):
        """The IR value."""
        return self.op.ir.results[self.value_index]

    @property
    def name(self) -> str:
        return f"{self.op.name}:{self.value_index}"

    @property
    def graph(self) -> "Graph":
        return self.op.graph

    @property
    def device(self) -> str:
        return self.op.device

    @property
    def dtype(self) -> D.DType:
        return D.as_dtype(self.value.type)

    @property
    def shape(self) -> TensorShape:
        return TensorShape(shape_of(self.value.type))

    def get_shape(self) -> TensorShape:
        return self.shape

    def set_shape(self, shape) -> None:
        merged = self.shape.merge_with(shape)
        from tfc.dialects.tf.base import tensor_type
        self.value.type = tensor_type(merged.as_tuple(), self.value.type.element_type)

    def consumers(self) -> list:
        return [self.graph.op_for_ir(u) for u in self.value.users if u in self.graph._handles]

    def eval(self, feed_dict=None, session=None):
        from tfc.frontend.session import get_default_session
        session = session or get_default_session()
        if session is None:
            raise ValueError("Cannot evaluate tensor using `eval()`: No default session is registered. "
                             "Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`")
        return session.run(self, feed_dict=feed_dict)

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other  # TF1: tensors compare by identity (tf.equal compares values)

    def __bool__(self):
        raise TypeError("Using a `tf.Tensor` as a Python `bool` is not allowed. Use `if t is not None:` "
                        "instead of `if t:` to test if a tensor is defined, and use TensorFlow ops such as "
                        "tf.cond to execute subgraphs conditioned on the value of a tensor.")

    def __iter__(self):
        shape = self.shape
        if shape.ndims is None or shape[0].value is None:
            raise TypeError(f"Tensor '{self.name}' is not iterable: its first dimension is unknown.")
        return iter(self[i] for i in range(shape[0].value))

    def __len__(self):
        raise TypeError(f"len is not well defined for symbolic Tensors ({self.name}). Use tf.shape(x)[0].")


class Graph:
    """A TF1 graph: ops in a block of tf-dialect IR, plus names, scopes and collections."""

    def __init__(self):
        self.block = Block()
        self._insertion = [self.block]
        self._handles: dict = {}
        self._by_name: dict[str, Operation] = {}
        self._names_in_use: dict[str, int] = {}
        self._name_stack = ""
        self._control_stack: list[list] = []
        self._device_stack: list[str] = []
        self._collections: dict[str, list] = {}
        self._variable_scope_store = None
        self.seed = None
        self.exports: list = []
        self._finalized = False

    # ----- defaults --------------------------------------------------------------------------

    @contextlib.contextmanager
    def as_default(self):
        _default_graphs.stack.append(self)
        try:
            yield self
        finally:
            _default_graphs.stack.pop()

    def finalize(self) -> None:
        self._finalized = True

    @property
    def finalized(self) -> bool:
        return self._finalized

    # ----- handles -----------------------------------------------------------------------------

    def op_for_ir(self, ir) -> Operation:
        return self._handles[ir]

    def op_for(self, value) -> Operation:
        return self._handles[value.owner if hasattr(value, "owner") else value.defining_op]

    def tensor_for(self, value) -> "Tensor":
        op = self._handles.get(value.defining_op) if value.defining_op is not None else None
        if op is None:
            raise ValueError(f"value {value} is not an output of an op of this graph")
        for t in op._outputs:
            if t.value_index == value.index:
                return t
        raise ValueError(f"value {value} is a control output")

    def get_operations(self) -> list:
        return list(self._by_name.values())

    def get_operation_by_name(self, name: str) -> Operation:
        op = self._by_name.get(name)
        if op is None:
            raise KeyError(f"The name '{name}' refers to an Operation not in the graph.")
        return op

    def get_tensor_by_name(self, name: str) -> "Tensor":
        if ":" not in name:
            raise ValueError(f"The name '{name}' looks like an (invalid) Operation name, not a Tensor. "
                             "Tensor names must be of the form \"<op_name>:<output_index>\".")
        op_name, _, index = name.rpartition(":")
        op = self._by_name.get(op_name)
        if op is None:
            raise KeyError(f"The name '{name}' refers to a Tensor which does not exist. "
                           f"The operation, '{op_name}', does not exist in the graph.")
        outputs = op.outputs
        if not index.isdigit() or int(index) >= len(outputs):
            raise KeyError(f"The name '{name}' refers to a Tensor which does not exist. The operation, "
                           f"'{op_name}', exists but only has {len(outputs)} outputs.")
        return outputs[int(index)]

    def as_graph_element(self, obj):
        if isinstance(obj, (Tensor, Operation)):
            return obj
        if hasattr(obj, "_as_graph_element"):
            return obj._as_graph_element()
        if isinstance(obj, str):
            return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)
        raise TypeError(f"Can not convert a {type(obj).__name__} into a Tensor or Operation.")

    # ----- names -------------------------------------------------------------------------------

    def unique_name(self, name: str, mark_as_used: bool = True) -> str:
        if self._name_stack:
            name = f"{self._name_stack}/{name}"
        key = name.lower()
        i = self._names_in_use.get(key, 0)
        if mark_as_used:
            self._names_in_use[key] = i + 1
        if i > 0:
            base = key
            while key in self._names_in_use:
                key = f"{base}_{i}"
                i += 1
            if mark_as_used:
                self._names_in_use[key] = 1
            name = f"{name}_{i - 1}"
        return name

    def get_name_scope(self) -> str:
        return self._name_stack

    @contextlib.contextmanager
    def name_scope(self, name):
        if name:
            pattern = _VALID_SCOPE_NAME if self._name_stack else _VALID_OP_NAME
            if not pattern.match(name):
                raise ValueError(f"'{name}' is not a valid scope name")
        old = self._name_stack
        if not name:
            new = ""
        elif name[-1] == "/":
            new = name[:-1]
        else:
            new = self.unique_name(name)
        self._name_stack = new
        try:
            yield "" if not new else new + "/"
        finally:
            self._name_stack = old

    # ----- control dependencies and devices ---------------------------------------------------

    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        if control_inputs is None:
            saved, self._control_stack = self._control_stack, []
            try:
                yield
            finally:
                self._control_stack = saved
            return
        ops = []
        for c in control_inputs:
            if hasattr(c, "_as_control_op"):
                c = c._as_control_op()
            if isinstance(c, Tensor):
                c = c.op
            if not isinstance(c, Operation):
                raise TypeError(f"Control input must be an Operation, a Tensor, or IndexedSlices: {c!r}")
            ops.append(c)
        self._control_stack.append(ops)
        try:
            yield
        finally:
            self._control_stack.pop()

    def current_control_ops(self) -> list:
        seen, out = set(), []
        for frame in self._control_stack:
            for op in frame:
                if id(op) not in seen:
                    seen.add(id(op))
                    out.append(op)
        return out

    @contextlib.contextmanager
    def device(self, name):
        if callable(name):
            raise NotImplementedError("device functions are not supported; pass a device string")
        self._device_stack.append(_merge_device(self._device_stack[-1] if self._device_stack else "", name or ""))
        try:
            yield
        finally:
            self._device_stack.pop()

    # ----- collections ---------------------------------------------------------------------------

    def add_to_collection(self, name, value) -> None:
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value) -> None:
        for name in ([names] if isinstance(names, str) else names):
            self.add_to_collection(name, value)

    def get_collection(self, name, scope=None) -> list:
        items = list(self._collections.get(name, []))
        if scope is None:
            return items
        pattern = re.compile(scope)
        return [x for x in items if pattern.match(getattr(x, "name", "") or "")]

    def get_collection_ref(self, name) -> list:
        return self._collections.setdefault(name, [])

    def get_all_collection_keys(self) -> list:
        return list(self._collections)

    def clear_collection(self, name) -> None:
        self._collections.pop(name, None)

    # ----- building ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _building_in(self, block: Block):
        """Create ops in `block` (a region of tf.If / tf.While) instead of the top level."""
        self._insertion.append(block)
        try:
            yield
        finally:
            self._insertion.pop()

    def create_op(self, op_class, inputs=(), attrs=None, name=None, result_types=None,
                  control_inputs=(), location=None, regions=None) -> Operation:
        """Create an op of `op_class` (a TFOp) from input groups (Tensors, or lists for a
        variadic group) and Python attribute values; returns its Operation handle."""
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        op_type = op_class.name.split(".", 1)[1]
        if name and name.endswith("/"):  # a scope name: used exactly, as TF does
            node_name = name[:-1]
            self._names_in_use.setdefault(node_name.lower(), 1)
        else:
            node_name = self.unique_name(name or op_type)
        location = location or user_location()
        loc = NameLoc(node_name, location) if location is not None else NameLoc(node_name)
        groups = [[t.value for t in g] if isinstance(g, (list, tuple)) else g.value for g in inputs]
        controls = self._control_values(inputs, control_inputs)
        try:
            ir = op_class.create(*groups, controls=controls, result_types=result_types, location=loc,
                                 regions=regions, **(attrs or {}))
        except ShapeError as err:
            shapes = ", ".join(format_shape(shape_of(t.type)) for g in groups
                               for t in (g if isinstance(g, list) else [g]))
            where = describe_location(location)
            raise ValueError(f"{err} for '{node_name}' (op: '{op_type}') with input shapes: {shapes}."
                             + (f" (at {where})" if where else "")) from None
        self._insertion[-1].append(ir)
        if self._device_stack and self._device_stack[-1]:
            ir.attributes["device"] = A.StringAttr(self._device_stack[-1])
        handle = Operation(ir, self)
        self._handles[ir] = handle
        self._by_name[node_name] = handle
        return handle

    def _control_values(self, inputs, extra) -> list:
        input_ops = {id(t.op) for g in inputs for t in (g if isinstance(g, (list, tuple)) else [g])}
        values, seen = [], set()
        for op in [*self.current_control_ops(), *extra]:
            if id(op) in input_ops or id(op) in seen or op.control_value is None:
                continue
            seen.add(id(op))
            values.append(op.control_value)
        return values

    def _check_same_graph(self, tensor) -> None:
        if tensor.graph is not self:
            raise ValueError(f"Tensor {tensor.name} must be from the same graph as the ops being created.")


def _merge_device(outer: str, inner: str) -> str:
    """Merge a nested device spec into the outer one, as TF merges `/job:ps` and `/task:0`."""
    if not inner:
        return outer
    fields = _device_fields(outer)
    fields.update(_device_fields(inner))
    order = ("job", "replica", "task", "device")
    return "".join(f"/{k}:{fields[k]}" for k in order if k in fields)


def _device_fields(spec: str) -> dict:
    fields = {}
    for part in spec.strip("/").split("/"):
        if not part:
            continue
        key, _, value = part.partition(":")
        key = key.lower()
        if key in ("cpu", "gpu", "tpu") or (key == "device" and value):
            fields["device"] = f"{key.upper()}:{value}" if key != "device" else value.upper()
        elif key in ("job", "replica", "task"):
            fields[key] = value
        else:
            fields["device"] = part.upper()
    return fields


class _DefaultGraphs(threading.local):
    def __init__(self):
        self.stack: list[Graph] = []
        self.global_graph: Graph | None = None


_default_graphs = _DefaultGraphs()


def get_default_graph() -> Graph:
    if _default_graphs.stack:
        return _default_graphs.stack[-1]
    if _default_graphs.global_graph is None:
        _default_graphs.global_graph = Graph()
    return _default_graphs.global_graph


def reset_default_graph() -> None:
    if _default_graphs.stack:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs.")
    _default_graphs.global_graph = Graph()
