"""Deallocation and buffer reuse on the bufferized (memref) function.

Owned buffers are the allocations bufferize made, the scf.if results (each branch hands
its result a buffer it owns, see control_flow.py) and, for loop positions that hand over
ownership (a carried memref with a dynamic dim, `hands_over`), the loop's results and the
block arguments of its regions. For each, in the block that defines it:

1. the allocation moves down to just before its first use (shorter live ranges);
2. its aliases are followed: views (subview, cast, collapse/expand_shape) and the loops it
   starts (their carried block arguments and results are the same memory);
3. if an alias is returned (func.return), handed to an scf.if result (scf.yield in a
   branch) or handed over to a loop (an init, or a loop terminator's operand, at a
   handed-over position), the buffer escapes and is not freed here; otherwise
   `memref.dealloc` goes right after the last op of the block that uses an alias (a use
   nested in a loop counts as the whole loop, so a buffer allocated inside a loop body is
   freed in the body), or at the start of the block when nothing uses it;
4. reuse: walking each block in order, an allocation of exactly the type (and dynamic sizes)
   of a buffer freed earlier in the block takes that buffer instead, and the earlier
   dealloc goes (the freed buffer is dead, and it dominates the new one's uses).
"""

from __future__ import annotations

from tfc.ir.core import BlockArgument
from tfc.ir.traits import IsTerminator

from tfc.dialects import func as funcd
from tfc.dialects import scf
from tfc.dialects.arith import ConstantOp
from tfc.dialects.memref import AllocOp, DeallocOp, DimOp
from tfc.passes.bufferize.analysis import LOOPS, MEMREF_VIEWS, hands_over


def ancestor_in(op, block):
    """`op` or the op containing it that sits directly in `block` (None if none does)."""
    while op is not None and op.parent is not block:
        op = op.parent_op
    return op


def _handed_over(use) -> bool:
    """Whether a use gives the buffer to a loop that takes ownership of it: a handed-over
    init, or the operand of a loop terminator at a handed-over position."""
    user = use.owner
    if not hands_over(user.operands[use.index].type):
        return False
    if isinstance(user, scf.ForOp):
        return use.index >= 3
    if isinstance(user, scf.WhileOp):
        return True
    return isinstance(user, (scf.YieldOp, scf.ConditionOp)) and isinstance(user.parent_op, LOOPS)


def _derived(use) -> tuple[list, bool]:
    """The values one use of a buffer makes alias it, and whether the use lets it escape."""
    user = use.owner
    if isinstance(user, MEMREF_VIEWS) and use.index == 0:
        return [user.results[0]], False
    if _handed_over(use):
        return [], True
    if isinstance(user, scf.ForOp) and use.index >= 3:
        k = use.index - 3
        return [user.results[k], user.body.arguments[1 + k]], False
    if isinstance(user, scf.WhileOp):
        k = use.index
        return [user.results[k], user.regions[0].blocks[0].arguments[k],
                user.regions[1].blocks[0].arguments[k]], False
    if isinstance(user, funcd.ReturnOp):
        return [], True
    if isinstance(user, scf.YieldOp) and isinstance(user.parent_op, scf.IfOp):
        return [], True
    return [], False


def alias_closure(root) -> tuple[list, bool]:
    """Every value naming `root`'s memory, and whether one of them escapes."""
    found, stack, escapes = [root], [root], False
    while stack:
        for use in list(stack.pop().uses):
            derived, escaping = _derived(use)
            escapes = escapes or escaping
            for value in derived:
                if value not in found:
                    found.append(value)
                    stack.append(value)
    return found, escapes


def _users_in_block(values, block) -> list:
    return [a for v in values for use in v.uses if (a := ancestor_in(use.owner, block)) is not None]


def sink_alloc(alloc: AllocOp) -> None:
    block = alloc.parent
    users = _users_in_block([alloc.result], block)
    if not users:
        return
    first = min(users, key=_position(block))
    if first is not alloc.next and first is not alloc:
        alloc.move_before(first)


def _position(block):
    block.number_ops()
    return lambda op: op._order


def place_dealloc(root) -> None:
    """Free `root` after its last use in its block, unless it escapes (see the module doc)."""
    definer = root.defining_op
    block = root.parent_block
    location = definer.location if definer is not None else block.parent_op.location
    closure, escapes = alias_closure(root)
    if escapes:
        return
    users = _users_in_block(closure, block)
    if not users and isinstance(definer, AllocOp):
        definer.erase()
        return
    if not users and definer is None:  # an unused block argument
        block.insert_before(block.first, DeallocOp.build(root, location=location))
        return
    last = max(users or [definer], key=_position(block))
    if last.has_trait(IsTerminator):
        return  # handed on by the terminator: not ours to free (bufferize never builds this)
    block.insert_after(last, DeallocOp.build(root, location=location))


def _same_index(a, b) -> bool:
    if a is b:
        return True
    da, db = a.defining_op, b.defining_op
    if isinstance(da, ConstantOp) and isinstance(db, ConstantOp):
        return da.value == db.value
    if isinstance(da, DimOp) and isinstance(db, DimOp):
        return da.source is db.source and _same_index(da.index, db.index)
    return False


def _fits(freed: AllocOp, alloc: AllocOp) -> bool:
    if freed.result.type != alloc.result.type or freed.alignment != alloc.alignment:
        return False
    if alloc.symbolOperands or freed.symbolOperands:
        return False
    return all(_same_index(a, b) for a, b in zip(freed.dynamicSizes, alloc.dynamicSizes))


def reuse_in_block(block) -> None:
    freed = []
    for op in list(block):
        if isinstance(op, DeallocOp):
            definer = op.memref.defining_op
            if isinstance(definer, AllocOp) and definer.parent is block:
                freed.append(op)
            continue
        if not isinstance(op, AllocOp):
            continue
        match = next((d for d in freed if _fits(d.memref.defining_op, op)), None)
        if match is None:
            continue
        freed.remove(match)
        op.result.replace_all_uses_with(match.memref)
        op.erase()
        match.erase()


def _blocks(op) -> list:
    return [block for inner in op.walk(pre_order=True) for region in inner.regions for block in region.blocks]


def deallocate(func, owned) -> None:
    """Insert the deallocs of the buffers in `owned` and reuse dead ones (see the module doc)."""
    roots = [v for v in owned if isinstance(v, BlockArgument)
             or (v.defining_op is not None and v.defining_op.parent is not None)]
    for root in roots:
        if isinstance(root.defining_op, AllocOp):
            sink_alloc(root.defining_op)
    for root in roots:
        place_dealloc(root)
    for block in _blocks(func):
        reuse_in_block(block)
