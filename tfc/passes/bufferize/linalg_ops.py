"""Structured (linalg) ops on tensors -> the same ops on memrefs (destination-passing style:
no results, the `outs` buffers are written).

The buffer for each tensor init, in order of preference:

1. the buffer the result goes to anyway, when its only use stores it into a variable
   (`bufferization.materialize_in_destination` later in the block; nothing may use the
   variable in between) or moves it into a loop's carried buffer (the block's scf.yield /
   scf.condition), and the init's contents are not needed: the copy disappears;
2. the init's own buffer, when it may be written (ours, and no tensor living in it is read
   after the op) and no input of the op reads it at other points than the op writes;
3. a new buffer; the init's contents are copied into it only when the body reads them (a
   matmul accumulates, an elementwise op does not) and they are defined (not tensor.empty).
"""

from __future__ import annotations

from tfc.ir.builder import Builder
from tfc.ir.core import Region

from tfc.dialects import scf
from tfc.dialects.bufferization import MaterializeInDestinationOp
from tfc.passes.bufferize.analysis import elementwise_pair, is_tensor, ops_between, reads_init, uses_value
from tfc.passes.bufferize.buffers import Context


def _inputs_fit(ctx: Context, op, init_index: int, root) -> bool:
    """Whether writing init #init_index into `root`'s memory keeps every input intact: an
    input living there must be read exactly where the op writes."""
    for j, value in enumerate(op.dps_inputs):
        if is_tensor(value) and ctx.root(ctx.buffer(value)) is root and not elementwise_pair(op, j, init_index):
            return False
    return True


def _variable_target(ctx: Context, op, use):
    """The variable buffer a store of the result names, when nothing uses the variable between
    the op and the store (a read there must see the old value)."""
    store = use.owner
    if not isinstance(store, MaterializeInDestinationOp) or store.results or use.index != 0:
        return None
    if any(uses_value(between, store.dest) for between in ops_between(op, store)):
        return None
    return ctx.value(store.dest)


def _carried_target(ctx: Context, use):
    """The carried buffer a loop terminator moves the result into."""
    carried = ctx.carried.get(use.owner)
    position = use.index - 1 if isinstance(use.owner, scf.ConditionOp) else use.index
    if carried is None or not 0 <= position < len(carried):
        return None
    return carried[position]


def use_destination(ctx: Context, op, init_index: int):
    """The buffer where the op's result #init_index is going anyway, when the op may write it
    there directly: the result's only use stores it into a variable or moves it into a loop's
    carried buffer, no tensor living in that buffer is read after the op, and the op's inputs
    that live there are read where they are written."""
    inits = op.dps_inits
    init = inits[init_index]
    result = op.results[sum(1 for v in inits[:init_index] if is_tensor(v))]
    if len(result.uses) != 1 or (reads_init(op, init_index) and init not in ctx.undefined):
        return None
    use = next(iter(result.uses))
    if use.owner.parent is not op.parent:
        return None
    target = _variable_target(ctx, op, use) or _carried_target(ctx, use)
    if target is None or target not in ctx.info or target.type.layout is not None or tuple(target.type.shape) != tuple(init.type.shape):
        return None
    root = ctx.root(target)
    if ctx.read_later(root, op) or not _inputs_fit(ctx, op, init_index, root):
        return None
    return target


def _out_buffer(ctx: Context, op, init_index: int, taken: set, b: Builder):
    init = op.dps_inits[init_index]
    target = use_destination(ctx, op, init_index)
    if target is not None and ctx.root(target) not in taken:
        return target
    buffer = ctx.buffer(init)
    root = ctx.root(buffer)
    if root not in taken and ctx.can_write(init, op) and _inputs_fit(ctx, op, init_index, root):
        return buffer
    if reads_init(op, init_index) and init not in ctx.undefined:
        return ctx.copy_of(b, buffer, init.type)
    return ctx.alloc(b, init.type, like=buffer)


def rewrite_structured(ctx: Context, op, b: Builder) -> None:
    """One linalg op on tensors -> the op on buffers, its body cloned."""
    inputs = [ctx.operand(v) for v in op.dps_inputs]
    outs, taken, written = [], set(), []
    for i, init in enumerate(op.dps_inits):
        if not is_tensor(init):
            outs.append(ctx.value(init))
            continue
        out = _out_buffer(ctx, op, i, taken, b)
        taken.add(ctx.root(out))
        outs.append(out)
        written.append(out)
    for result, out in zip(op.results, written):
        ctx.bind(result, out)
    new = type(op)(inputs + outs, [], dict(op.properties), dict(op.attributes),
                   [Region() for _ in op.regions], [], op.location)
    for old_region, new_region in zip(op.regions, new.regions):
        old_region.clone_into(new_region, ctx.values)
    b.insert(new)
