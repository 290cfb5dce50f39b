"""Rewrites of tensor-dialect ops, dense constants and bufferization ops onto buffers.

    tensor.empty                    -> memref.alloc (dynamic sizes from its operands)
    tensor.extract / tensor.dim     -> memref.load / memref.dim
    tensor.insert                   -> memref.store into dest's buffer (in place when safe,
                                       else into a copy)
    tensor.extract_slice            -> memref.subview (a strided view, no copy)
    tensor.insert_slice             -> memref.subview of dest's buffer (in place when safe,
                                       else of a copy) + memref.copy of the source into it
    tensor.collapse/expand_shape    -> memref.collapse/expand_shape views
    tensor.cast                     -> memref.cast (or nothing when the buffer already fits)
    tensor.from_elements / splat    -> memref.alloc + memref.store / linalg.fill
    arith.constant dense<...>       -> memref.global (private, constant) + memref.get_global
    bufferization.to_tensor         -> the variable's buffer, or a copy of it when the
                                       variable is written while the snapshot is still read
    bufferization.materialize_in_destination -> memref.copy (none when the value already
                                       lives in the destination)
    bufferization.to_memref         -> the tensor's buffer (read_only) or a copy

Each rewrite is `rewrite(ctx, op, b)`: `b` inserts into the new IR, `ctx` maps old values.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.builder import Builder

from tfc.dialects import bufferization as bz
from tfc.dialects import memref, tensor
from tfc.dialects.arith import ConstantOp
from tfc.dialects.linalg.named import FillOp
from tfc.dialects.memref import subview_type, strides_and_offset
from tfc.dialects.tensor import rank_reduction_mask, static_list
from tfc.passes.bufferize.analysis import AFTER, buffer_writers, is_tensor, order, used_after, view_closure
from tfc.passes.bufferize.buffers import Context, index, known_size, static_indices, unsupported


def rewrite_empty(ctx: Context, op: tensor.EmptyOp, b: Builder) -> None:
    result = ctx.alloc(b, op.result.type, sizes=[ctx.value(s) for s in op.dynamicSizes])
    ctx.bind(op.result, result)
    ctx.undefined.add(op.result)


def rewrite_extract(ctx: Context, op: tensor.ExtractOp, b: Builder) -> None:
    load = b.create(memref.LoadOp, ctx.buffer(op.tensor), [ctx.value(i) for i in op.indices])
    ctx.values[op.result] = load.result


def rewrite_dim(ctx: Context, op: tensor.DimOp, b: Builder) -> None:
    buffer = ctx.buffer(op.source)
    constant = op.index.defining_op
    if isinstance(constant, ConstantOp) and 0 <= constant.value.value < buffer.type.rank:
        known = known_size(buffer, constant.value.value)
        if known is not None:
            ctx.values[op.result] = known
            return
    found = b.create(memref.DimOp, buffer, ctx.value(op.index), result_types=[T.index])
    ctx.values[op.result] = found.result


def destination(ctx: Context, op, dest, b: Builder, source=None, overwrites: bool = False):
    """The buffer an op that updates `dest` writes: dest's own when safe (and the tensor
    `source` it copies from does not live there), else a copy (or a fresh buffer when dest's
    contents are undefined, or when the op `overwrites` all of them)."""
    buffer = ctx.buffer(dest)
    overlaps = source is not None and ctx.root(ctx.buffer(source)) is ctx.root(buffer)
    if not overlaps and ctx.can_write(dest, op):
        return buffer
    if overwrites or dest in ctx.undefined:
        return ctx.alloc(b, dest.type, like=buffer)
    return ctx.copy_of(b, buffer, dest.type)


def rewrite_insert(ctx: Context, op: tensor.InsertOp, b: Builder) -> None:
    target = destination(ctx, op, op.dest, b)
    b.create(memref.StoreOp, ctx.value(op.scalar), target, [ctx.value(i) for i in op.indices])
    ctx.bind(op.result, target)


def _slice_view(ctx: Context, b: Builder, op, source, shape):
    """A memref.subview of `source` at op's offsets/sizes/strides, reduced to `shape`."""
    offsets, sizes, strides = (static_list(op.properties[n]) for n in
                               ("static_offsets", "static_sizes", "static_strides"))
    full = subview_type(source.type, offsets, sizes, strides)
    dropped = rank_reduction_mask(sizes, list(shape)) or set()
    layout_strides, offset = strides_and_offset(full)
    kept = tuple(s for i, s in enumerate(layout_strides) if i not in dropped)
    result_type = T.MemRefType(tuple(shape), source.type.element_type, A.StridedLayoutAttr(kept, offset))
    view = b.create(memref.SubViewOp, source, [ctx.value(v) for v in op.offsets], [ctx.value(v) for v in op.sizes],
                    [ctx.value(v) for v in op.strides], static_offsets=op.static_offsets,
                    static_sizes=op.static_sizes, static_strides=op.static_strides, result_types=[result_type])
    ctx.view(view.result, source, full=False)
    return view.result


def rewrite_extract_slice(ctx: Context, op: tensor.ExtractSliceOp, b: Builder) -> None:
    ctx.bind(op.result, _slice_view(ctx, b, op, ctx.buffer(op.source), op.result.type.shape))


def rewrite_insert_slice(ctx: Context, op: tensor.InsertSliceOp, b: Builder) -> None:
    target = destination(ctx, op, op.dest, b, source=op.source)
    window = _slice_view(ctx, b, op, target, op.source.type.shape)
    ctx.copy(b, ctx.buffer(op.source), window)
    ctx.bind(op.result, target)


def rewrite_collapse(ctx: Context, op: tensor.CollapseShapeOp, b: Builder) -> None:
    source = ctx.identity(b, ctx.buffer(op.src), op.src.type)
    view = b.create(memref.CollapseShapeOp, source, reassociation=op.reassociation,
                    result_types=[bz.memref_type_for(op.result.type)])
    ctx.view(view.result, source, full=True)
    ctx.bind(op.result, view.result)


def rewrite_expand(ctx: Context, op: tensor.ExpandShapeOp, b: Builder) -> None:
    source = ctx.identity(b, ctx.buffer(op.src), op.src.type)
    view = b.create(memref.ExpandShapeOp, source, [ctx.value(v) for v in op.output_shape],
                    reassociation=op.reassociation, static_output_shape=op.static_output_shape,
                    result_types=[bz.memref_type_for(op.result.type)])
    ctx.view(view.result, source, full=True)
    ctx.bind(op.result, view.result)


def rewrite_cast(ctx: Context, op: tensor.CastOp, b: Builder) -> None:
    if not isinstance(op.dest.type, T.TensorType):
        raise unsupported(op, "unranked tensors have no buffer type here")
    source = ctx.identity(b, ctx.buffer(op.source), op.source.type)
    ctx.bind(op.dest, ctx.identity(b, source, op.dest.type))


def rewrite_from_elements(ctx: Context, op: tensor.FromElementsOp, b: Builder) -> None:
    t = op.result.type
    result = ctx.alloc(b, t, sizes=[])
    for element, position in zip(op.elements, static_indices(t.shape)):
        b.create(memref.StoreOp, ctx.value(element), result, [index(b, i) for i in position])
    ctx.bind(op.result, result)


def rewrite_splat(ctx: Context, op: tensor.SplatOp, b: Builder) -> None:
    result = ctx.alloc(b, op.aggregate.type, sizes=[ctx.value(s) for s in op.dynamicSizes])
    b.insert(FillOp.create(ctx.value(op.input), result, location=b.location))
    ctx.bind(op.aggregate, result)


def rewrite_constant(ctx: Context, op: ConstantOp, b: Builder) -> None:
    """Dense tensor constants live in read-only globals; scalar constants are copied over."""
    if not is_tensor(op.result):
        ctx.values[op.result] = b.insert(op.clone(ctx.values)).result
        return
    attr = op.value
    if not isinstance(attr, A.DenseElementsAttr):
        raise unsupported(op, f"a tensor constant needs dense elements, got {attr}")
    found = ctx.global_for(attr, op.location)
    result = b.create(memref.GetGlobalOp, result_types=[found.memref_type], **{"name": found.sym_name.value}).result
    ctx.track(result, writable=False)
    ctx.bind(op.result, result)


# ----- bufferization ops ------------------------------------------------------------------------

def snapshot_needs_copy(op: bz.ToTensorOp) -> bool:
    """Whether a read of a buffer must be copied: some write to the buffer after the read
    runs while the tensor read (or a view of it) may still be read."""
    readers = view_closure(op.result)
    for writer in buffer_writers(op.memref):
        if order(writer, op) != AFTER:
            continue
        if any(used_after(v, writer) for v in readers):
            return True
    return False


def rewrite_to_tensor(ctx: Context, op: bz.ToTensorOp, b: Builder) -> None:
    if not isinstance(op.result.type, T.TensorType):
        raise unsupported(op, "unranked tensors have no buffer type here")
    source = ctx.value(op.memref)
    if source not in ctx.info:
        ctx.track(source, writable=False)
    if snapshot_needs_copy(op):
        ctx.bind(op.result, ctx.copy_of(b, source, op.result.type))
        return
    ctx.bind(op.result, source)


def rewrite_materialize(ctx: Context, op: bz.MaterializeInDestinationOp, b: Builder) -> None:
    source = ctx.buffer(op.source)
    if op.results:
        target = destination(ctx, op, op.dest, b, source=op.source, overwrites=True)
        ctx.copy(b, source, target)
        ctx.bind(op.result, target)
        return
    target = ctx.value(op.dest)
    if source is target:
        return  # the value was computed in the destination
    if source.type.shape != target.type.shape:
        source = b.create(memref.CastOp, source, result_types=[
            T.MemRefType(tuple(target.type.shape), source.type.element_type, source.type.layout)]).result
    ctx.copy(b, source, target)


def rewrite_to_memref(ctx: Context, op: bz.ToMemrefOp, b: Builder) -> None:
    """The buffer itself when nobody writes it (read_only), else a copy the user may write."""
    buffer = ctx.buffer(op.tensor)
    if op.read_only is not None and buffer.type == op.memref.type:
        ctx.values[op.memref] = buffer
        return
    result = ctx.copy_of(b, buffer, op.tensor.type)
    if result.type != op.memref.type:
        result = b.create(memref.CastOp, result, result_types=[op.memref.type]).result
    ctx.values[op.memref] = result


REWRITES = {
    tensor.EmptyOp: rewrite_empty,
    tensor.ExtractOp: rewrite_extract,
    tensor.DimOp: rewrite_dim,
    tensor.InsertOp: rewrite_insert,
    tensor.ExtractSliceOp: rewrite_extract_slice,
    tensor.InsertSliceOp: rewrite_insert_slice,
    tensor.CollapseShapeOp: rewrite_collapse,
    tensor.ExpandShapeOp: rewrite_expand,
    tensor.CastOp: rewrite_cast,
    tensor.FromElementsOp: rewrite_from_elements,
    tensor.SplatOp: rewrite_splat,
    ConstantOp: rewrite_constant,
    bz.ToTensorOp: rewrite_to_tensor,
    bz.MaterializeInDestinationOp: rewrite_materialize,
    bz.ToMemrefOp: rewrite_to_memref,
}
