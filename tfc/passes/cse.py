"""`cse`: common sub-expression elimination, as MLIR's CSE pass does it.

Two pure ops without regions are the same expression when they have the same name, operands,
result types, properties and attributes; the later one is replaced by the earlier one when
the earlier dominates it. Known expressions live in a scoped hash table that follows
dominance: a block sees the expressions of the blocks dominating it in its region and of the
regions enclosing it, up to the nearest isolated-from-above op, which starts afresh.
Ops with side effects are never touched; trivially dead ops are erased on the way.
"""

from __future__ import annotations

from tfc.ir.core import Block, Operation, Region
from tfc.ir.passes import Pass
from tfc.ir.rewrite import attribute_key
from tfc.ir.traits import GraphRegions, IsolatedFromAbove, IsTerminator, Pure, is_trivially_dead
from tfc.ir.verifier import compute_dominators


class ScopedTable:
    """A hash table whose entries are dropped again when the scope adding them closes."""

    def __init__(self):
        self.entries: dict = {}
        self.scopes: list[list] = []

    def open(self) -> None:
        self.scopes.append([])

    def close(self) -> None:
        for key in reversed(self.scopes.pop()):
            stack = self.entries[key]
            stack.pop()
            if not stack:
                del self.entries[key]

    def lookup(self, key):
        stack = self.entries.get(key)
        return stack[-1] if stack else None

    def insert(self, key, value) -> None:
        self.entries.setdefault(key, []).append(value)
        self.scopes[-1].append(key)


def expression_key(op: Operation) -> tuple:
    return (op.name, tuple(op.operands), tuple(op.result_types),
            tuple((k, attribute_key(v)) for k, v in sorted(op.properties.items())),
            tuple((k, attribute_key(v)) for k, v in sorted(op.attributes.items())))


def is_cse_candidate(op: Operation) -> bool:
    return not op.regions and op.has_trait(Pure) and not op.has_trait(IsTerminator) and bool(op.results)


def block_dominator_children(region: Region) -> tuple[list[Block], dict[Block, list[Block]]]:
    """The reachable blocks' dominator tree as (roots, children), and the unreachable ones as roots."""
    doms = compute_dominators(region)
    children: dict[Block, list[Block]] = {b: [] for b in region.blocks}
    roots = []
    for block in region.blocks:
        dominators = doms.get(block)
        if dominators is None or len(dominators) == 1:
            roots.append(block)  # the entry, or an unreachable block: nothing dominates it
            continue
        # The immediate dominator is the strict dominator dominated by all the others.
        idom = max((d for d in dominators if d is not block), key=lambda d: len(doms[d]))
        children[idom].append(block)
    return roots, children


class CSE:
    def __init__(self):
        self.table = ScopedTable()
        self.to_erase: list[Operation] = []
        self.num_replaced = 0

    def simplify_region(self, region: Region, graph: bool) -> None:
        if not region.blocks:
            return
        if len(region.blocks) == 1:
            self.simplify_block(region.blocks[0], graph)
            return
        roots, children = block_dominator_children(region)
        for root in roots:
            # Depth-first over the dominator tree with an explicit stack (regions may be long).
            stack = [(root, False)]
            while stack:
                block, leaving = stack.pop()
                if leaving:
                    self.table.close()
                    continue
                self.table.open()
                self.visit_ops(block, graph)
                stack.append((block, True))
                stack.extend((child, False) for child in reversed(children[block]))

    def simplify_block(self, block: Block, graph: bool) -> None:
        self.table.open()
        self.visit_ops(block, graph)
        self.table.close()

    def visit_ops(self, block: Block, graph: bool) -> None:
        for op in block:
            if is_trivially_dead(op):
                self.to_erase.append(op)
                continue
            if op.regions:
                self.simplify_nested(op)
            # In a graph region an op may use a value defined after it: leave those blocks alone.
            if graph or not is_cse_candidate(op):
                continue
            key = expression_key(op)
            existing = self.table.lookup(key)
            if existing is None:
                self.table.insert(key, op)
                continue
            op.replace_all_uses_with(existing)
            self.to_erase.append(op)
            self.num_replaced += 1

    def simplify_nested(self, op: Operation) -> None:
        graph = op.has_trait(GraphRegions) or not op.is_registered
        if not op.has_trait(IsolatedFromAbove) and op.is_registered:
            for region in op.regions:
                self.simplify_region(region, graph)
            return
        # Values from outside may not be used inside: start from an empty table.
        outer, self.table = self.table, ScopedTable()
        for region in op.regions:
            self.simplify_region(region, graph)
        self.table = outer

    def run(self, root: Operation) -> None:
        self.simplify_nested(root)
        for op in reversed(self.to_erase):
            op.erase()


class CSEPass(Pass):
    name = "cse"
    summary = "Eliminate common sub-expressions"

    def run(self, op: Operation) -> None:
        CSE().run(op)
