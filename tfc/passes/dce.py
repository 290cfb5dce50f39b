"""`dce`: dead code elimination.

Erases, until none remain, the ops that are trivially dead (pure, results unused, not a
terminator; an op with regions counts as pure when everything in them is), visiting users
before the values they use so that whole dead expression trees go in one pass; and the
blocks of multi-block regions that no path from the entry block reaches. Ops with side
effects that can run are never erased.
"""

from __future__ import annotations

from tfc.ir.core import Block, Operation, Region
from tfc.ir.passes import Pass
from tfc.ir.traits import is_trivially_dead


def unreachable_blocks(region: Region) -> list[Block]:
    if len(region.blocks) < 2:
        return []
    seen = {region.blocks[0]}
    stack = [region.blocks[0]]
    while stack:
        for succ in stack.pop().successors:
            if succ not in seen and succ.parent is region:
                seen.add(succ)
                stack.append(succ)
    return [b for b in region.blocks if b not in seen]


def erase_unreachable_blocks(root: Operation) -> int:
    """Erase the unreachable blocks of every region of registered ops nested in `root`."""
    erased = 0
    for op in root.walk(pre_order=True):
        if not op.is_registered:
            continue  # unknown ops may give their regions other control flow
        for region in op.regions:
            dead = unreachable_blocks(region)
            for block in dead:
                block.erase()  # dead blocks may use each other's values; erasing drops them
            erased += len(dead)
    return erased


def erase_dead_ops(root: Operation) -> int:
    """Erase trivially dead ops nested in `root`, bottom-up, until none are left."""
    worklist = [op for op in root.walk(pre_order=True) if op is not root]
    queued = set(worklist)
    erased: set[Operation] = set()
    while worklist:
        op = worklist.pop()
        queued.discard(op)
        if op in erased or not is_trivially_dead(op):
            continue
        nested = op.walk()
        definers = [v.defining_op for inner in nested for v in inner.operands]
        erased.update(nested)
        op.erase()
        for definer in definers:
            if (definer is not None and definer not in erased and definer not in queued
                    and root.is_proper_ancestor(definer)):
                worklist.append(definer)
                queued.add(definer)
    return len(erased)


class DCEPass(Pass):
    name = "dce"
    summary = "Erase dead ops and unreachable blocks"

    def run(self, op: Operation) -> None:
        erase_unreachable_blocks(op)
        erase_dead_ops(op)
