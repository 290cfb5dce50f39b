"""A memref value during translation: a Python-side descriptor, not an LLVM struct.

    MemRefDesc(type, base, offset, sizes, strides)

`base` is an LLVM pointer to the element at linear position 0; element (i, j, ...) lives at
base[offset + i*strides[0] + j*strides[1] + ...]. Every other field is a Python int when
known at compile time (the memref type says so, or it was computed from constants) and an
LLVM i64 otherwise, so views (subview, cast, collapse/expand_shape) cost no instructions and
static shapes fold into the address arithmetic.

Where a memref crosses an LLVM boundary (function parameters and results, captures of a
parallel loop, phis of loops and ifs) it travels as its *leaves*: the base pointer, then the
offset, sizes and strides that its type leaves dynamic, in that order (types.leaf_types).
"""

from __future__ import annotations

from dataclasses import dataclass

from llvmlite import ir

from tfc.ir import types as T
from tfc.backends.cpu.translate.context import as_int
from tfc.backends.cpu.translate.types import I64, memref_layout, storage_type


@dataclass
class MemRefDesc:
    type: T.MemRefType
    base: ir.Value
    offset: object
    sizes: list
    strides: list

    @classmethod
    def make(cls, t: T.MemRefType, base, offset, sizes, strides) -> "MemRefDesc":
        """A descriptor of type `t`; where `t` states a field statically, `t` wins."""
        static_sizes, static_strides, static_offset = memref_layout(t)
        pick = lambda known, computed: known if known is not None else as_int(computed)  # noqa: E731
        return cls(t, base, pick(static_offset, offset),
                   [pick(k, c) for k, c in zip(static_sizes, sizes)],
                   [pick(k, c) for k, c in zip(static_strides, strides)])

    @classmethod
    def from_leaves(cls, t: T.MemRefType, leaves: list) -> "MemRefDesc":
        sizes, strides, offset = memref_layout(t)
        rest = iter(leaves[1:])
        fill = lambda known: known if known is not None else as_int(next(rest))  # noqa: E731
        offset = fill(offset)
        sizes = [fill(s) for s in sizes]
        strides = [fill(s) for s in strides]
        return cls(t, leaves[0], offset, sizes, strides)

    def leaves(self) -> list:
        sizes, strides, offset = memref_layout(self.type)
        out = [self.base]
        for known, value in [(offset, self.offset), *zip(sizes, self.sizes), *zip(strides, self.strides)]:
            if known is None:
                out.append(ir.Constant(I64, value) if isinstance(value, int) else value)
        return out

    @property
    def element_type(self) -> T.Type:
        return self.type.element_type

    @property
    def llvm_element(self) -> ir.Type:
        return storage_type(self.type.element_type)

    def linear_index(self, ctx, indices):
        position = self.offset
        for index, stride in zip(indices, self.strides):
            position = ctx.add(position, ctx.mul(index, stride))
        return position

    def address(self, ctx, indices) -> ir.Value:
        position = self.linear_index(ctx, indices)
        if position == 0:
            return self.base
        return ctx.builder.gep(self.base, [ctx.ir_index(position)], inbounds=True, source_etype=self.llvm_element)

    def num_elements(self, ctx):
        count = 1
        for size in self.sizes:
            count = ctx.mul(count, size)
        return count

    @property
    def is_identity(self) -> bool:
        """Row-major and contiguous by its type (no layout)."""
        return self.type.layout is None


def row_major_strides(ctx, sizes) -> list:
    strides, running = [], 1
    for size in reversed(sizes):
        strides.append(running)
        running = ctx.mul(running, size)
    return strides[::-1]


def to_leaves(value, t: T.Type) -> list:
    """The LLVM values one translated IR value travels as (see the module docstring)."""
    return value.leaves() if isinstance(t, T.MemRefType) else [value]


def from_leaves(t: T.Type, leaves: list):
    return MemRefDesc.from_leaves(t, leaves) if isinstance(t, T.MemRefType) else leaves[0]
