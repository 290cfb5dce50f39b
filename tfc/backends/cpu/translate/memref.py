"""memref ops -> LLVM: buffers through the runtime (tfc_alloc/tfc_free), element access by
address arithmetic on descriptors, views as pure descriptor arithmetic, globals as LLVM
globals holding the dense data."""

from __future__ import annotations

import numpy as np
from llvmlite import ir

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.symbols import lookup_from
from tfc.dialects import memref as M
from tfc.dialects.tensor import rank_reduction_mask, reassociation_groups, static_list
from tfc.backends.cpu.translate.context import TFC_ERR_NOMEM, as_int, lowers, opaque_alloca
from tfc.backends.cpu.translate.memref_desc import MemRefDesc, row_major_strides
from tfc.backends.cpu.translate.types import (I1, I8, I64, PTR, UnsupportedError, byte_size,
                                              storage_type)

ALIGNMENT = 64
_MAX_BYTES = (1 << 63) - 1


def _describe(op) -> str:
    where = op.location.file_line_col()
    return f" at {where.filename}:{where.line}:{where.col}" if where is not None else ""


def _mixed(ctx, static: list, dynamic) -> list:
    """Static entries (None = dynamic) filled in order from the translated `dynamic` values."""
    it = iter(dynamic)
    return [as_int(ctx.get(next(it))) if s is None else s for s in static]


# ----- allocation --------------------------------------------------------------------------------

def byte_count(ctx, element_type: T.Type, sizes) -> object:
    """element size * product(sizes); -1 (which tfc_alloc refuses) when it overflows int64."""
    total = byte_size(element_type)
    static_sizes = [s for s in sizes if isinstance(s, int)]
    for s in static_sizes:
        total *= s
    if total > _MAX_BYTES:
        return -1
    dynamic = [s for s in sizes if not isinstance(s, int)]
    if not dynamic or total == 0:
        return total
    b = ctx.builder
    product, overflow = ir.Constant(I64, total), ir.Constant(I1, 0)
    for size in dynamic:
        pair = b.smul_with_overflow(product, size)
        product = b.extract_value(pair, 0)
        overflow = b.or_(overflow, b.extract_value(pair, 1))
    return b.select(overflow, ir.Constant(I64, -1), product)


def heap_alloc(ctx, t: T.MemRefType, sizes, message: str) -> MemRefDesc:
    """A row-major buffer from tfc_alloc; the function fails with `message` when it is NULL."""
    nbytes = byte_count(ctx, t.element_type, sizes)
    b = ctx.builder
    pointer = b.call(ctx.mctx.runtime("tfc_alloc"), [ctx.ir_index(nbytes)])
    ctx.fail_if(b.icmp_unsigned("==", pointer, ir.Constant(PTR, None)), TFC_ERR_NOMEM, message)
    return MemRefDesc.make(t, pointer, 0, sizes, row_major_strides(ctx, sizes))


def _check_plain(op, t: T.MemRefType) -> None:
    if t.layout is not None or op.symbolOperands:
        raise UnsupportedError(f"allocating {t}: only row-major (no layout) buffers are supported")


@lowers(M.AllocOp)
def _alloc(ctx, op):
    t = op.memref.type
    _check_plain(op, t)
    sizes = _mixed(ctx, list(t.shape), op.dynamicSizes)
    return heap_alloc(ctx, t, sizes, f"out of memory (or size overflow) allocating {t} in memref.alloc{_describe(op)}")


@lowers(M.AllocaOp)
def _alloca(ctx, op):
    t = op.memref.type
    _check_plain(op, t)
    sizes = _mixed(ctx, list(t.shape), op.dynamicSizes)
    count = 1
    for s in sizes:
        count = ctx.mul(count, s)
    element = storage_type(t.element_type)
    if isinstance(count, int):
        slot = ctx.entry_alloca(element, max(count, 1), align=ALIGNMENT)
    else:
        slot = opaque_alloca(ctx.builder, element, count, ALIGNMENT)
    return MemRefDesc.make(t, slot, 0, sizes, row_major_strides(ctx, sizes))


@lowers(M.DeallocOp)
def _dealloc(ctx, op):
    ctx.builder.call(ctx.mctx.runtime("tfc_free"), [ctx.get(op.memref).base])


# ----- element access ---------------------------------------------------------------------------

def load_element(ctx, desc: MemRefDesc, indices) -> ir.Value:
    b = ctx.builder
    value = b.load(desc.address(ctx, indices), typ=desc.llvm_element, align=byte_size(desc.element_type))
    return b.trunc(value, I1) if desc.element_type == T.i1 else value


def store_element(ctx, desc: MemRefDesc, indices, value) -> None:
    b = ctx.builder
    if desc.element_type == T.i1:
        value = b.zext(value, I8)
    b.store(value, desc.address(ctx, indices), align=byte_size(desc.element_type))


@lowers(M.LoadOp)
def _load(ctx, op):
    return load_element(ctx, ctx.get(op.memref), [as_int(ctx.get(i)) for i in op.indices])


@lowers(M.StoreOp)
def _store(ctx, op):
    store_element(ctx, ctx.get(op.memref), [as_int(ctx.get(i)) for i in op.indices], ctx.get(op.value))


@lowers(M.DimOp)
def _dim(ctx, op):
    desc = ctx.get(op.source)
    index = as_int(ctx.get(op.index))
    if isinstance(index, int):
        if not 0 <= index < len(desc.sizes):
            raise UnsupportedError(f"dimension {index} is out of range for {desc.type}")
        return ctx.ir_index(desc.sizes[index])
    b = ctx.builder
    result = ir.Constant(I64, 0)
    for k, size in enumerate(desc.sizes):
        result = b.select(b.icmp_signed("==", index, ir.Constant(I64, k)), ctx.ir_index(size), result)
    return result


def copy_elements(ctx, source: MemRefDesc, target: MemRefDesc) -> None:
    """target[...] = source[...]: one memcpy when both are contiguous, loops otherwise."""
    b = ctx.builder
    if source.is_identity and target.is_identity:
        nbytes = ctx.mul(source.num_elements(ctx), byte_size(source.element_type))
        if nbytes == 0:
            return
        memcpy = ctx.mctx.declare("llvm.memcpy.p0.p0.i64", ir.VoidType(), [PTR, PTR, I64, I1])
        b.call(memcpy, [target.address(ctx, [0] * len(target.sizes)), source.address(ctx, [0] * len(source.sizes)),
                        ctx.ir_index(nbytes), ir.Constant(I1, 0)])
        return

    def nest(dim, indices):
        if dim == len(source.sizes):
            store_element(ctx, target, indices, load_element(ctx, source, indices))
            return
        ctx.emit_loop(0, source.sizes[dim], 1, [], lambda iv, _: nest(dim + 1, [*indices, iv]), name="copy")

    nest(0, [])


@lowers(M.CopyOp)
def _copy(ctx, op):
    copy_elements(ctx, ctx.get(op.source), ctx.get(op.target))


# ----- views ------------------------------------------------------------------------------------------

@lowers(M.SubViewOp)
def _subview(ctx, op):
    source = ctx.get(op.source)
    offsets = _mixed(ctx, static_list(op.static_offsets), op.offsets)
    sizes = _mixed(ctx, static_list(op.static_sizes), op.sizes)
    steps = _mixed(ctx, static_list(op.static_strides), op.strides)
    offset = source.offset
    for o, stride in zip(offsets, source.strides):
        offset = ctx.add(offset, ctx.mul(o, stride))
    strides = [ctx.mul(s, step) for s, step in zip(source.strides, steps)]
    result = op.result.type
    dropped = rank_reduction_mask(static_list(op.static_sizes), list(result.shape)) or set()
    keep = [i for i in range(len(sizes)) if i not in dropped]
    return MemRefDesc.make(result, source.base, offset, [sizes[i] for i in keep], [strides[i] for i in keep])


@lowers(M.CastOp)
def _cast(ctx, op):
    source = ctx.get(op.source)
    return MemRefDesc.make(op.dest.type, source.base, source.offset, source.sizes, source.strides)


@lowers(M.CollapseShapeOp)
def _collapse(ctx, op):
    source = ctx.get(op.src)
    sizes, strides = [], []
    for group in reassociation_groups(op.reassociation):
        size = 1
        for i in group:
            size = ctx.mul(size, source.sizes[i])
        sizes.append(size)
        strides.append(source.strides[group[-1]] if group else 1)
    return MemRefDesc.make(op.result.type, source.base, source.offset, sizes, strides)


@lowers(M.ExpandShapeOp)
def _expand(ctx, op):
    source = ctx.get(op.src)
    sizes = _mixed(ctx, static_list(op.static_output_shape), op.output_shape)
    strides = [1] * len(sizes)
    for group, stride in zip(reassociation_groups(op.reassociation), source.strides):
        for i in reversed(group):
            strides[i] = stride
            stride = ctx.mul(stride, sizes[i])
    return MemRefDesc.make(op.result.type, source.base, source.offset, sizes, strides)


# ----- globals ----------------------------------------------------------------------------------------

def global_bytes(op: M.GlobalOp) -> bytearray | None:
    """The global's initial contents in memory layout; None when it has no initializer."""
    t = op.memref_type
    init = op.initial_value
    if isinstance(init, A.DenseElementsAttr):
        data = np.ascontiguousarray(np.broadcast_to(init.data, t.shape))
        if t.element_type == T.i1:
            data = data.astype(np.uint8)
        return bytearray(data.astype(data.dtype.newbyteorder("<")).tobytes())
    if isinstance(init, A.UnitAttr):
        return bytearray(byte_size(t.element_type) * int(np.prod(t.shape, dtype=np.int64)))
    return None


def define_global(mctx, op: M.GlobalOp) -> ir.GlobalVariable:
    t = op.memref_type
    name = op.sym_name.value
    data = global_bytes(op)
    size = byte_size(t.element_type) * int(np.prod(t.shape, dtype=np.int64))
    var = ir.GlobalVariable(mctx.llmod, ir.ArrayType(I8, size), name)
    var.type = PTR  # opaque, like every pointer the translator handles (see opaque_alloca)
    alignment = op.alignment.value if op.alignment is not None else 0
    var.align = max(alignment, ALIGNMENT)
    if data is None:
        var.linkage = "external"  # a declaration: defined elsewhere
        return var
    var.initializer = ir.Constant(ir.ArrayType(I8, size), data) if any(data) else ir.Constant(var.value_type, None)
    var.global_constant = op.constant is not None
    var.linkage = "internal"
    return var


@lowers(M.GlobalOp)
def _global(ctx, op):
    return None  # defined once per module by translate_module


@lowers(M.GetGlobalOp)
def _get_global(ctx, op):
    target = lookup_from(op, op.global_name)
    var = ctx.mctx.globals[target.sym_name.value]
    t = op.result.type
    return MemRefDesc.make(t, var, 0, list(t.shape), row_major_strides(ctx, list(t.shape)))
