"""The state of one function's bufferization: which buffer holds each tensor, which buffers
share memory, which may be written, and the builders of allocations and copies.

Every buffer (a memref value of the new IR) has a `Buffer` record naming its `root` (the
value that owns or names the memory: an alloc, an argument, a global, a variable, a loop's
carried buffer), whether it may be written in place (`writable`: our own allocations, not
the caller's arguments, variables or constants) and whether it is `full` (the whole root
with the root's base pointer, as opposed to a strided window of it). `aliases[root]` lists
the tensors whose buffers live in that memory, in the order they were bound; a write into
the root is safe when none of them is read afterwards (`Context.can_write`).

Invariant: a tensor of type tensor<S x E> is held by a memref of shape S and element E
(its layout may be strided).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.builder import Builder

from tfc.dialects import memref
from tfc.dialects.arith import ConstantOp
from tfc.dialects.bufferization import memref_type_for
from tfc.passes.bufferize.analysis import is_tensor, used_after
from tfc.passes.tf_to_linalg.common import UnsupportedOpError


class BufferizeError(UnsupportedOpError):
    """IR that bufferize does not handle, raised at the op (an UnsupportedOpError, so that
    callers that fall back to the interpreter for what the CPU backend lacks do so here too)."""


def unsupported(op, why: str) -> BufferizeError:
    return BufferizeError(f"'{op.name}' op cannot be bufferized: {why}", op.location)


@dataclass
class Buffer:
    root: object
    writable: bool
    full: bool = True


@dataclass
class Context:
    """The maps from the tensor IR (old values) to the memref IR (new values)."""

    module: object = None
    values: dict = field(default_factory=dict)      # old non-tensor value -> new value
    buffers: dict = field(default_factory=dict)     # old tensor value -> memref value
    info: dict = field(default_factory=dict)        # memref value -> Buffer
    aliases: dict = field(default_factory=dict)     # root -> [old tensor values]
    undefined: set = field(default_factory=set)     # old tensors whose contents are never defined
    owned: set = field(default_factory=set)         # roots that are fresh allocations of this function
    globals: dict = field(default_factory=dict)     # DenseElementsAttr -> memref.global op
    carried: dict = field(default_factory=dict)     # old loop terminator -> the new carried buffers
    # translate(old_block, new_block) -> the old block's terminator (set by the driver; the
    # control-flow rewrites call it on their regions)
    translate: object = None

    # ----- lookups ------------------------------------------------------------------------

    def value(self, old):
        """The new value standing for an old non-tensor value."""
        return self.values.get(old, old)

    def buffer(self, old):
        found = self.buffers.get(old)
        if found is None:
            raise ValueError(f"no buffer for a tensor of type {old.type} (its definition was not bufferized)")
        return found

    def operand(self, old):
        """A new operand for an old one: the buffer of a tensor, else the mapped value."""
        return self.buffer(old) if is_tensor(old) else self.value(old)

    def root(self, buffer):
        return self.info[buffer].root

    # ----- recording ----------------------------------------------------------------------

    def track(self, buffer, root=None, writable: bool = True, full: bool = True, owned: bool = False) -> None:
        """Describe a new memref value (its own root unless `root` is given)."""
        root = buffer if root is None else root
        self.info[buffer] = Buffer(root, writable, full)
        if owned:
            self.owned.add(root)

    def view(self, buffer, source, full: bool) -> None:
        """`buffer` is a view of `source`: same memory, same writability."""
        base = self.info[source]
        self.track(buffer, base.root, base.writable, full and base.full)

    def bind(self, old, buffer) -> None:
        """The old tensor `old` is held by `buffer` from now on."""
        self.buffers[old] = buffer
        self.aliases.setdefault(self.root(buffer), []).append(old)

    def can_write(self, old, writer) -> bool:
        """Whether `writer` may write the buffer of tensor `old` in place."""
        buffer = self.info[self.buffer(old)]
        return buffer.writable and not self.read_later(buffer.root, writer)

    def read_later(self, root, writer) -> bool:
        """Whether a tensor living in `root`'s memory may be read after `writer`."""
        return any(used_after(v, writer) for v in self.aliases.get(root, ()))

    # ----- building -----------------------------------------------------------------------

    def alloc(self, b: Builder, tensor_type: T.TensorType, sizes=None, like=None):
        """A new buffer for a tensor of `tensor_type`; dynamic sizes are `sizes` or read from
        the buffer `like` (which has the same shape)."""
        t = memref_type_for(tensor_type)
        if sizes is None:
            sizes = [dim(b, like, i) for i, d in enumerate(t.shape) if d is None]
        result = b.create(memref.AllocOp, list(sizes), [], result_types=[t]).result
        self.track(result, owned=True)
        return result

    def copy(self, b: Builder, source, target) -> None:
        b.create(memref.CopyOp, source, target)

    def copy_of(self, b: Builder, source, tensor_type: T.TensorType):
        """A new buffer (identity layout) holding the contents of `source`."""
        result = self.alloc(b, tensor_type, like=source)
        self.copy(b, source, result)
        return result

    def identity(self, b: Builder, buffer, tensor_type: T.TensorType):
        """`buffer` with the identity layout of `tensor_type`: itself, a memref.cast of it
        when only static sizes differ, else a copy."""
        t = memref_type_for(tensor_type)
        if buffer.type == t:
            return buffer
        if buffer.type.layout is None:
            result = b.create(memref.CastOp, buffer, result_types=[t]).result
            self.view(result, buffer, full=True)
            return result
        return self.copy_of(b, buffer, tensor_type)

    def global_for(self, attr: A.DenseElementsAttr, location):
        """The private constant memref.global holding `attr` (one per distinct constant in the
        module, placed after the module's other globals)."""
        found = self.globals.get(attr)
        if found is not None:
            return found
        body = self.module.regions[0].blocks[0]
        for op in body:
            if isinstance(op, memref.GlobalOp) and op.constant is not None and op.initial_value == attr:
                self.globals[attr] = op  # made for another function of the module
                return op
        t = attr.type
        name = unique_symbol(self.module, "__constant_" + "".join(f"{d}x" for d in t.shape) + str(t.element_type))
        op = memref.GlobalOp.build(sym_name=A.StringAttr(name), sym_visibility=A.StringAttr("private"),
                                   type=memref_type_for(t), initial_value=attr, constant=A.UnitAttr(),
                                   location=location)
        anchor = next((g for g in reversed(list(body)) if isinstance(g, memref.GlobalOp)), None)
        if anchor is not None:
            body.insert_after(anchor, op)
        elif body.first is not None:
            body.insert_before(body.first, op)
        else:
            body.append(op)
        self.globals[attr] = op
        return op


def index(b: Builder, value: int):
    return b.create(ConstantOp, value=A.IntegerAttr.get(int(value), T.index), result_types=[T.index]).result


def known_size(buffer, i: int):
    """The size of dim `i` of `buffer` as its memref.alloc received it, else None."""
    alloc = buffer.defining_op
    if not isinstance(alloc, memref.AllocOp) or buffer.type.shape[i] is not None:
        return None
    return alloc.dynamicSizes[sum(1 for d in buffer.type.shape[:i] if d is None)]


def dim(b: Builder, buffer, i: int):
    """The size of dim `i` (a dynamic one) of a buffer: its allocation's operand, else memref.dim."""
    known = known_size(buffer, i)
    if known is not None:
        return known
    return b.create(memref.DimOp, buffer, index(b, i), result_types=[T.index]).result


def unique_symbol(module, base: str) -> str:
    taken = {op.get_attr("sym_name").value for op in module.regions[0].blocks[0]
             if isinstance(op.get_attr("sym_name"), A.StringAttr)}
    if base not in taken:
        return base
    n = 0
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


def static_indices(shape) -> list:
    """Every multi-index of a static shape in row-major order."""
    return list(np.ndindex(*shape)) if shape else [()]
