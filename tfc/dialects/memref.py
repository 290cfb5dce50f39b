"""The memref dialect: buffers, with MLIR's op names, operands, properties and generic forms.

    %m = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?x4xf32>
    %v = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>,
           static_offsets = array<i64: 0, 1>, static_sizes = array<i64: 2, 2>,
           static_strides = array<i64: 1, 1>}> : (memref<4x4xf32>) -> memref<2x2xf32, strided<[4, 1], offset: 1>>

In the interpreter a memref is a numpy array: alloc makes a fresh one, views (subview, cast,
collapse_shape, expand_shape) are numpy views of the same memory, so a store through a view
is seen through its parent. Layouts are checked by the verifier (the strides and offset MLIR
infers) but not modelled at run time: a view's array already indexes the right elements.

Ops with memory effects (alloc, alloca, dealloc, load, store, copy) are not Pure.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import Attr, Dialect, Op, Operand, Result
from tfc.ir.symbols import lookup_from
from tfc.ir.traits import Pure, Symbol
from tfc.dialects.tensor import (I64Array, ReassociationAttr, checked_slice, collapsed_shape, fold_dim,
                                 i64_array, interpret_dim, mixed_values, rank_reduction_mask,
                                 reassociation_attr, reassociation_groups, runtime_shape, split_mixed,
                                 static_list, verify_in_bounds, verify_offsets_sizes_strides,
                                 verify_output_shape, verify_reassociation)


class MemRefDialect(Dialect):
    name = "memref"

    def materialize_constant(self, value, type, location):
        from tfc.dialects.arith import materialize_constant
        return materialize_constant(value, type, location)


RankedMemRef = C.Constraint(lambda t: isinstance(t, T.MemRefType), "ranked memref of any type values")
StaticMemRef = C.Constraint(lambda t: isinstance(t, T.MemRefType) and t.has_static_shape,
                            "statically shaped memref of any type values")


# ----- layouts -----------------------------------------------------------------------------------

def _mul(a, b):
    return None if a is None or b is None else a * b


def strides_and_offset(t: T.MemRefType) -> tuple[list, int | None] | None:
    """The strides and offset of a memref's layout (None entries are dynamic), or None when
    the layout is not strided. No layout means row-major (canonical) strides and offset 0."""
    layout = t.layout
    if layout is None:
        strides, running = [], 1
        for dim in reversed(t.shape):
            strides.append(running)
            running = _mul(running, dim)
        return strides[::-1], 0
    if isinstance(layout, A.StridedLayoutAttr):
        return list(layout.strides), layout.offset
    return None


def subview_type(source: T.MemRefType, offsets, sizes, strides) -> T.MemRefType:
    """SubViewOp::inferResultType: sizes as shape, strided layout from the source's."""
    src_strides, offset = strides_and_offset(source)
    for off, stride in zip(offsets, src_strides):
        part = _mul(off, stride)
        offset = None if offset is None or part is None else offset + part
    layout = A.StridedLayoutAttr(tuple(_mul(a, b) for a, b in zip(src_strides, strides)), offset)
    return T.MemRefType(tuple(sizes), source.element_type, layout, source.memory_space)


def _layout_symbols(t: T.MemRefType) -> int:
    layout = t.layout
    if isinstance(layout, A.StridedLayoutAttr):
        return sum(1 for s in layout.strides if s is None) + (layout.offset is None)
    return 0


def _view(array: np.ndarray, shape) -> np.ndarray:
    """`array` reshaped without copying (views must alias their source)."""
    out = array.reshape(shape)
    if out.size and not np.shares_memory(out, array):
        raise ValueError(f"cannot reshape a non-contiguous buffer of shape {list(array.shape)} to {list(shape)}")
    return out


# ----- allocation ----------------------------------------------------------------------------------

class AllocOp(Op):
    """A new buffer on the heap: dynamic sizes, then symbol operands of the layout."""

    name = "memref.alloc"
    traits = ()
    dynamicSizes = Operand(C.Index, variadic=True)
    symbolOperands = Operand(C.Index, variadic=True)
    alignment = Attr(C.I64Attr, optional=True)
    memref = Result(RankedMemRef)

    @classmethod
    def create(cls, t: T.MemRefType, sizes=(), alignment: int | None = None, location=UNKNOWN):
        return cls.build(list(sizes), [], alignment=None if alignment is None else A.IntegerAttr(alignment, T.i64),
                         result_types=[t], location=location)

    def verify(self):
        if self.alignment is not None and self.alignment.value < 0:
            raise self.emit_error("attribute 'alignment' failed to satisfy constraint: 64-bit signless integer "
                                  "attribute whose minimum value is 0")
        t = self.memref.type
        dynamic = sum(1 for d in t.shape if d is None)
        if len(self.dynamicSizes) != dynamic:
            raise self.emit_error("dimension operand count does not equal memref dynamic dimension count")
        symbols = _layout_symbols(t)
        if len(self.symbolOperands) != symbols:
            raise self.emit_error(f"symbol operand count does not equal memref symbol count: expected {symbols}, "
                                  f"got {len(self.symbolOperands)}")

    def interpret(self, ctx, *operands):
        t = self.memref.type
        return np.empty(runtime_shape(t, operands[:len(self.dynamicSizes)]), T.numpy_dtype(t))


class AllocaOp(AllocOp):
    """A new buffer on the stack, freed when the enclosing function returns."""

    name = "memref.alloca"


class DeallocOp(Op):
    """Frees a buffer allocated by memref.alloc."""

    name = "memref.dealloc"
    memref = Operand(C.AnyMemRef)

    def interpret(self, ctx, memref):
        return None


# ----- element access ----------------------------------------------------------------------------

def _check_index_count(op: Op, count: int, message: str) -> None:
    if count != op.memref.type.rank:
        raise op.emit_error(message)


class LoadOp(Op):
    """`%v = "memref.load"(%m, %i, %j) : (memref<4x4xf32>, index, index) -> f32`."""

    name = "memref.load"
    memref = Operand(RankedMemRef)
    indices = Operand(C.Index, variadic=True)
    nontemporal = Attr(C.BoolAttrC, optional=True)
    result = Result(C.AnyType)

    @classmethod
    def infer_type(cls, operands, properties):
        t = operands[0].type if operands else None
        return [t.element_type] if isinstance(t, T.MemRefType) else None

    def verify(self):
        rank = self.memref.type.rank
        if len(self.indices) != rank:
            raise self.emit_error(f"incorrect number of indices for load, expected {rank} but got {len(self.indices)}")

    def interpret(self, ctx, memref, *indices):
        return memref[tuple(int(i) for i in indices)]


class StoreOp(Op):
    """`"memref.store"(%v, %m, %i) : (f32, memref<4xf32>, index) -> ()`: writes in place."""

    name = "memref.store"
    value = Operand(C.AnyType)
    memref = Operand(RankedMemRef)
    indices = Operand(C.Index, variadic=True)
    nontemporal = Attr(C.BoolAttrC, optional=True)

    def verify(self):
        if self.value.type != self.memref.type.element_type:
            raise self.emit_error("failed to verify that type of 'value' matches element type of 'memref'")
        _check_index_count(self, len(self.indices), "store index operand count not equal to memref rank")

    def interpret(self, ctx, value, memref, *indices):
        memref[tuple(int(i) for i in indices)] = value


class DimOp(Op):
    """The size of dimension `index`: `"memref.dim"(%m, %c0) : (memref<?xf32>, index) -> index`."""

    name = "memref.dim"
    traits = (Pure,)
    source = Operand(C.Constraint(lambda t: isinstance(t, T.UnrankedMemRefType)
                                  or (isinstance(t, T.MemRefType) and t.rank > 0),
                                  "non-0-ranked or unranked memref"))
    index = Operand(C.Index)
    result = Result(C.Index)

    @classmethod
    def infer_type(cls, operands, properties):
        return [T.index]

    def fold(self, constants):
        return fold_dim(self, constants, (AllocOp,))

    def interpret(self, ctx, source, index):
        return interpret_dim(source, index)


class CopyOp(Op):
    """Copies all elements of `source` into `target` (same shape and element type)."""

    name = "memref.copy"
    source = Operand(C.AnyMemRef)
    target = Operand(C.AnyMemRef)

    def verify(self):
        a, b = self.source.type, self.target.type
        if a.element_type != b.element_type:
            raise self.emit_error("requires the same element type for all operands")
        if a.has_rank and b.has_rank and tuple(a.shape) != tuple(b.shape):
            raise self.emit_error("requires the same shape for all operands")

    def interpret(self, ctx, source, target):
        if source.shape != target.shape:
            raise ValueError(f"copy between shapes {list(source.shape)} and {list(target.shape)}")
        target[...] = source


# ----- views -----------------------------------------------------------------------------------------

class SubViewOp(Op):
    """A strided window of a memref sharing its memory; the result may drop unit dims."""

    name = "memref.subview"
    traits = (Pure,)
    source = Operand(RankedMemRef)
    offsets = Operand(C.Index, variadic=True)
    sizes = Operand(C.Index, variadic=True)
    strides = Operand(C.Index, variadic=True)
    static_offsets = Attr(I64Array)
    static_sizes = Attr(I64Array)
    static_strides = Attr(I64Array)
    result = Result(RankedMemRef)

    @classmethod
    def create(cls, source, offsets, sizes, strides, result_type=None, location=UNKNOWN):
        """offsets/sizes/strides are lists of ints and index Values; the result type defaults
        to the one MLIR infers (no rank reduction)."""
        so, do = split_mixed(offsets)
        ss, ds = split_mixed(sizes)
        st, dt = split_mixed(strides)
        if result_type is None:
            result_type = subview_type(source.type, so, ss, st)
        return cls.build(source, do, ds, dt, static_offsets=i64_array(so), static_sizes=i64_array(ss),
                         static_strides=i64_array(st), result_types=[result_type], location=location)

    def verify(self):
        base, actual = self.source.type, self.result.type
        offsets, sizes, strides = verify_offsets_sizes_strides(self, base.rank)
        if base.memory_space != actual.memory_space:
            raise self.emit_error(f"different memory spaces specified for base memref type {base} and subview "
                                  f"memref type {actual}")
        if strides_and_offset(base) is None:
            raise self.emit_error(f"base type {base} is not strided")
        expected = subview_type(base, offsets, sizes, strides)
        if actual.rank > expected.rank:
            raise self.emit_error(f"expected result rank to be smaller or equal to the source rank, but got {actual}")
        dropped = rank_reduction_mask(list(expected.shape), list(actual.shape))
        if dropped is None:
            raise self.emit_error(f"expected result type to be {expected} or a rank-reduced version. "
                                  f"(mismatch of result sizes), but got {actual}")
        if actual.element_type != expected.element_type:
            raise self.emit_error(f"expected result element type to be {expected.element_type}, but got {actual}")
        layout = strides_and_offset(actual)
        exp_strides, exp_offset = strides_and_offset(expected)
        kept = [s for i, s in enumerate(exp_strides) if i not in dropped]
        if layout is None or layout[1] != exp_offset or layout[0] != kept:
            raise self.emit_error(f"expected result type to be {expected} or a rank-reduced version. "
                                  f"(mismatch of result layout), but got {actual}")
        verify_in_bounds(self, base.shape, offsets, sizes, strides)

    def interpret(self, ctx, source, *dynamic):
        n_off, n_size = len(self.offsets), len(self.sizes)
        static_sizes = static_list(self.static_sizes)
        offsets = mixed_values(static_list(self.static_offsets), dynamic[:n_off])
        sizes = mixed_values(static_sizes, dynamic[n_off:n_off + n_size])
        strides = mixed_values(static_list(self.static_strides), dynamic[n_off + n_size:])
        view = checked_slice(source, offsets, sizes, strides)
        dropped = rank_reduction_mask(static_sizes, list(self.result.type.shape)) or set()
        return view.reshape([d for i, d in enumerate(view.shape) if i not in dropped]) if dropped else view


def _cast_compatible(a: T.Type, b: T.Type) -> bool:
    """CastOp::areCastCompatible for memrefs."""
    if a.element_type != b.element_type or a.memory_space != b.memory_space:
        return False
    if not a.has_rank or not b.has_rank:
        return a.has_rank or b.has_rank  # unranked <-> unranked is not a cast
    if a.rank != b.rank or any(x is not None and y is not None and x != y for x, y in zip(a.shape, b.shape)):
        return False
    if a.layout == b.layout:
        return True
    la, lb = strides_and_offset(a), strides_and_offset(b)
    if la is None or lb is None:
        return False
    pairs = [*zip(la[0], lb[0]), (la[1], lb[1])]
    return all(x is None or y is None or x == y for x, y in pairs)


class CastOp(Op):
    """Changes static shape or layout information only (or ranked <-> unranked)."""

    name = "memref.cast"
    traits = (Pure,)
    source = Operand(C.AnyMemRef)
    dest = Result(C.AnyMemRef)

    def verify(self):
        a, b = self.source.type, self.dest.type
        if not _cast_compatible(a, b):
            raise self.emit_error(f"operand type '{a}' and result type '{b}' are cast incompatible")

    def fold(self, constants):
        if self.source.type == self.dest.type:
            return [self.source]
        inner = self.source.defining_op
        if isinstance(inner, CastOp) and inner.source.type == self.dest.type:
            return [inner.source]
        return None

    def interpret(self, ctx, source):
        return source


def _collapsed_layout(src: T.MemRefType, groups) -> A.StridedLayoutAttr | None:
    """computeCollapsedLayoutMap: each group takes the stride of its last non-unit dim; None
    when a group is statically known not to be contiguous (or the layout is not strided)."""
    found = strides_and_offset(src)
    if found is None:
        return None
    strides, offset = found
    shape = src.shape
    result = []
    for group in groups:
        ref = list(group)
        while len(ref) > 1 and shape[ref[-1]] == 1:
            ref.pop()
        result.append(strides[ref[-1]] if shape[ref[-1]] is not None or len(ref) == 1 else None)
    for group, stride in zip(groups, result):
        for idx in reversed(group[1:]):
            stride = _mul(stride, shape[idx])
            if shape[idx - 1] == 1:
                continue
            if stride is not None and strides[idx - 1] is not None and stride != strides[idx - 1]:
                return None
    return A.StridedLayoutAttr(tuple(result), offset)


def _expanded_layout(src: T.MemRefType, shape, groups) -> A.StridedLayoutAttr | None:
    found = strides_and_offset(src)
    if found is None:
        return None
    src_strides, offset = found
    reverse, index = [], len(shape) - 1
    for group, stride in reversed(list(zip(groups, src_strides))):
        for _ in group:
            reverse.append(stride)
            stride = _mul(stride, shape[index])
            index -= 1
    strides = reverse[::-1] + [1] * (len(shape) - len(reverse))
    return A.StridedLayoutAttr(tuple(strides), offset)


class CollapseShapeOp(Op):
    """A view merging groups of contiguous dims: reassociation [[0, 1], [2]]."""

    name = "memref.collapse_shape"
    traits = (Pure,)
    src = Operand(RankedMemRef)
    reassociation = Attr(ReassociationAttr, convert=reassociation_attr)
    result = Result(RankedMemRef)

    def verify(self):
        src, result = self.src.type, self.result.type
        groups = reassociation_groups(self.reassociation)
        verify_reassociation(self, src, result, groups)
        shape = collapsed_shape(src.shape, groups)
        if src.layout is None:
            layout = None
        else:
            layout = _collapsed_layout(src, groups)
            if layout is None:
                raise self.emit_error("invalid source layout map or collapsing non-contiguous dims")
        expected = T.MemRefType(shape, src.element_type, layout, src.memory_space)
        if expected != result:
            raise self.emit_error(f"expected collapsed type to be {expected} but found {result}")

    def interpret(self, ctx, src):
        return _view(src, collapsed_shape(src.shape, reassociation_groups(self.reassociation)))


class ExpandShapeOp(Op):
    """A view splitting dims; dynamic result sizes come from `output_shape` operands."""

    name = "memref.expand_shape"
    traits = (Pure,)
    src = Operand(RankedMemRef)
    output_shape = Operand(C.Index, variadic=True)
    reassociation = Attr(ReassociationAttr, convert=reassociation_attr)
    static_output_shape = Attr(I64Array, convert=i64_array)
    result = Result(RankedMemRef)

    def verify(self):
        src, result = self.src.type, self.result.type
        if src.rank > result.rank:
            raise self.emit_error(f"has source rank {src.rank} and result rank {result.rank}. This is not an "
                                  f"expansion ({src.rank} > {result.rank}).")
        groups = reassociation_groups(self.reassociation)
        verify_reassociation(self, result, src, groups)
        if src.layout is None:
            layout = None
        else:
            layout = _expanded_layout(src, result.shape, groups)
            if layout is None:
                raise self.emit_error("invalid source layout map")
        expected = T.MemRefType(tuple(result.shape), src.element_type, layout, src.memory_space)
        if expected != result:
            raise self.emit_error(f"expected expanded type to be {expected} but found {result}")
        verify_output_shape(self, result, "bounds")

    def interpret(self, ctx, src, *dynamic):
        return _view(src, mixed_values(static_list(self.static_output_shape), dynamic))


# ----- globals ------------------------------------------------------------------------------------------

class GlobalOp(Op):
    """A named buffer at module level: `"memref.global"() <{sym_name = "w", type = memref<2xf32>,
    initial_value = dense<...> : tensor<2xf32>, constant}> : () -> ()`. Without an initial
    value it is a declaration; `initial_value = unit` leaves it uninitialized."""

    name = "memref.global"
    traits = (Symbol,)
    sym_name = Attr(C.StrAttr)
    sym_visibility = Attr(C.StrAttr, optional=True)
    type = Attr(C.TypeAttrOf(C.AnyMemRef), convert=A.TypeAttr)
    initial_value = Attr(C.AnyAttr, optional=True)
    constant = Attr(C.UnitAttrC, optional=True)
    alignment = Attr(C.I64Attr, optional=True)

    @property
    def memref_type(self) -> T.Type:
        return self.type.value

    def verify(self):
        t = self.memref_type
        if not isinstance(t, T.MemRefType) or not t.has_static_shape:
            raise self.emit_error(f"type should be static shaped memref, but got {t}")
        init = self.initial_value
        if init is not None:
            if not isinstance(init, (A.UnitAttr, A.DenseElementsAttr)):
                raise self.emit_error(f"initial value should be a unit or elements attribute, but got {init}")
            tensor = T.TensorType(tuple(t.shape), t.element_type)
            if isinstance(init, A.DenseElementsAttr) and init.type != tensor:
                raise self.emit_error(f"initial value expected to be of type {tensor}, but was of type {init.type}")
        if self.alignment is not None:
            a = self.alignment.value
            if a <= 0 or a & (a - 1):
                raise self.emit_error(f"alignment attribute value {a} is not a power of 2")

    def storage(self, ctx) -> np.ndarray:
        """This global's buffer in the interpreter (made on first use, kept in ctx.resources)."""
        key = ("memref.global", self)
        buffer = ctx.resources.get(key)
        if buffer is None:
            t = self.memref_type
            init = self.initial_value
            if isinstance(init, A.DenseElementsAttr):
                buffer = np.array(init.data)
            elif init is None:
                raise ValueError(f"global @{self.sym_name.value} is only declared: it has no storage")
            else:
                buffer = np.zeros(t.shape, T.numpy_dtype(t))
            if self.constant is not None:
                buffer.flags.writeable = False  # a store to a constant global is an error
            ctx.resources[key] = buffer
        return buffer


class GetGlobalOp(Op):
    """The buffer of a memref.global: `"memref.get_global"() <{name = @w}> : () -> memref<2xf32>`."""

    name = "memref.get_global"
    traits = (Pure,)
    result = Result(StaticMemRef)
    # MLIR's property is `name`, which is also every op's class attribute (the op name)
    global_name = Attr(C.FlatSymbolRefAttr, convert=lambda name: A.SymbolRefAttr(name), property_name="name")

    def verify_symbol_uses(self):
        ref = self.global_name
        target = lookup_from(self, ref)
        if not isinstance(target, GlobalOp):
            raise self.emit_error(f"'{ref.root}' does not reference a valid global memref")
        if target.memref_type != self.result.type:
            raise self.emit_error(f"result type {self.result.type} does not match type {target.memref_type} "
                                  f"of the global memref @{ref.root}")

    def interpret(self, ctx):
        return lookup_from(self, self.global_name).storage(ctx)


__all__ = [
    "MemRefDialect", "AllocOp", "AllocaOp", "DeallocOp", "LoadOp", "StoreOp", "DimOp", "CopyOp",
    "SubViewOp", "CastOp", "CollapseShapeOp", "ExpandShapeOp", "GlobalOp", "GetGlobalOp",
    "strides_and_offset", "subview_type",
]
