"""The verifier: declared fields, traits, op-specific rules, terminators, dominance,
region isolation and symbol tables. Raises DiagnosticError naming the op and its location.
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.core import Block, BlockArgument, Operation, Region
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.opdef import Op, implicit_segments, segment_sizes, variable_count
from tfc.ir.symbols import symbol_name_of
from tfc.ir.traits import (GraphRegions, IsolatedFromAbove, IsTerminator, NoTerminator,
                           SymbolTable)

_SEGMENT_ATTRS = ("operandSegmentSizes", "resultSegmentSizes")


def verify(op: Operation) -> None:
    """Verify `op` and everything nested in it."""
    _Verifier().run(op)


class _Verifier:
    def __init__(self):
        self.dominators: dict[Region, dict[Block, set]] = {}

    def run(self, root: Operation) -> None:
        self.verify_op(root)
        self.verify_symbol_uses(root)

    # ----- one op and its regions ------------------------------------------------------------

    def verify_op(self, op: Operation) -> None:
        if isinstance(op, Op):
            verify_declared(op)
        for trait in getattr(op, "trait_list", ()):
            problem = trait.verify(op)
            if problem:
                raise op.emit_error(problem)
        if isinstance(op, Op):
            check_inferred(op)
            op.verify()
        for index, region in enumerate(op.regions):
            self.verify_region(op, index, region)

    def verify_region(self, op: Operation, index: int, region: Region) -> None:
        needs_terminator = op.is_registered and not op.has_trait(NoTerminator)
        for i, block in enumerate(region.blocks):
            if i == 0 and block.predecessors:
                raise op.emit_error(f"entry block of region #{index} may not have predecessors")
            if needs_terminator and block.is_empty:
                raise op.emit_error("empty block: expect at least a terminator")
            for inner in block:
                for succ in inner.successors:
                    if succ.parent is not region:
                        raise inner.emit_error("reference to block defined in another region")
                self.verify_op(inner)
                self.check_operands(inner, graph=op.has_trait(GraphRegions))
            if needs_terminator:
                self.check_terminator(op, block)

    @staticmethod
    def check_terminator(op: Operation, block: Block) -> None:
        last = block.last
        if last is None:
            raise op.emit_error("empty block: expect at least a terminator")
        if last.is_registered and not last.has_trait(IsTerminator):
            raise DiagnosticError(f"block with no terminator, has '{last.name}'", last.location)

    # ----- dominance and isolation ----------------------------------------------------------------

    def check_operands(self, user: Operation, graph: bool) -> None:
        for use in user.operand_uses:
            value = use.value
            def_block = value.parent_block
            if def_block is None:
                raise user.emit_error(f"operand #{use.index} uses a value that is not defined in any block")
            region = def_block.parent
            # Climb from the user to the op that sits in the value's region.
            anchor, crossed = user, None
            while anchor is not None and anchor.parent_region is not region:
                if anchor is not user and anchor.has_trait(IsolatedFromAbove):
                    crossed = anchor
                anchor = anchor.parent_op
            if anchor is None:
                raise user.emit_error(f"operand #{use.index} does not dominate this use")
            if crossed is not None:
                raise user.emit_error("using value defined outside the region").attach_note(
                    "required by region isolation constraints", crossed.location)
            if graph or anchor.parent is None:
                continue
            if not self.dominates(value, def_block, anchor):
                raise user.emit_error(f"operand #{use.index} does not dominate this use")

    def dominates(self, value, def_block: Block, anchor: Operation) -> bool:
        use_block = anchor.parent
        region = use_block.parent
        if len(region.blocks) > 1 and use_block not in self.dominator_sets(region):
            return True  # as in MLIR, uses in unreachable blocks are not checked
        if use_block is def_block:
            if isinstance(value, BlockArgument):
                return True
            return value.op.is_before_in_block(anchor)
        doms = self.dominator_sets(def_block.parent)
        use_doms = doms.get(use_block)
        return use_doms is None or def_block in use_doms  # unreachable uses are not checked

    def dominator_sets(self, region: Region) -> dict[Block, set]:
        found = self.dominators.get(region)
        if found is None:
            found = self.dominators[region] = compute_dominators(region)
        return found

    # ----- symbols ---------------------------------------------------------------------------------

    def verify_symbol_uses(self, root: Operation) -> None:
        for op in root.walk(pre_order=True):
            if op.has_trait(SymbolTable):
                seen = {}
                for inner in op.nested_ops():
                    name = symbol_name_of(inner)
                    if name is None:
                        continue
                    if name in seen:
                        raise inner.emit_error(f"redefinition of symbol named '{name}'").attach_note(
                            "see existing symbol definition here", seen[name].location)
                    seen[name] = inner
            hook = getattr(op, "verify_symbol_uses", None)
            if hook is not None:
                hook()


def compute_dominators(region: Region) -> dict[Block, set]:
    """Dominator sets of the blocks reachable from the entry (iterative data flow)."""
    if not region.blocks:
        return {}
    entry = region.blocks[0]
    order, seen, stack = [], {entry}, [entry]
    while stack:
        block = stack.pop()
        order.append(block)
        for succ in block.successors:
            if succ not in seen and succ.parent is region:
                seen.add(succ)
                stack.append(succ)
    preds = {b: [] for b in order}
    for block in order:
        for succ in block.successors:
            if succ in preds:
                preds[succ].append(block)
    doms = {b: set(order) for b in order}
    doms[entry] = {entry}
    changed = True
    while changed:
        changed = False
        for block in order[1:]:
            new = set.intersection(*(doms[p] for p in preds[block])) | {block} if preds[block] else {block}
            if new != doms[block]:
                doms[block] = new
                changed = True
    return doms


# ----- checks derived from an op's declared fields -----------------------------------------------

def verify_declared(op: Op) -> None:
    cls = type(op)
    _check_values(op, cls._operand_defs, [v.type for v in op.operands], "operand", "operandSegmentSizes")
    _check_values(op, cls._result_defs, op.result_types, "result", "resultSegmentSizes")
    for field in cls._attr_defs:
        value = op.properties.get(field.field_name)
        if value is None:
            if not field.optional:
                raise op.emit_error(f"requires attribute '{field.field_name}'")
        elif not field.constraint(value):
            raise op.emit_error(f"attribute '{field.field_name}' failed to satisfy constraint: {field.constraint.description}")
    for name in op.properties:
        if name not in cls._attr_defs_by_name and name not in _SEGMENT_ATTRS:
            raise op.emit_error(f"has no inherent attribute '{name}'; discardable attributes belong in the attribute dictionary")
    fixed_regions = [r for r in cls._region_defs if not r.variadic]
    if len(op.regions) < len(fixed_regions) or (len(op.regions) > len(fixed_regions) and not any(r.variadic for r in cls._region_defs)):
        raise op.emit_error(f"requires {len(fixed_regions)} region{'s' if len(fixed_regions) != 1 else ''}")
    fixed_succ = [s for s in cls._successor_defs if not s.variadic]
    if len(op.successors) < len(fixed_succ) or (len(op.successors) > len(fixed_succ) and not any(s.variadic for s in cls._successor_defs)):
        raise op.emit_error(f"requires {len(fixed_succ)} successor{'s' if len(fixed_succ) != 1 else ''}")


def _check_values(op: Op, defs, types, what: str, segment_attr: str) -> None:
    total = len(types)
    if not variable_count(defs):  # the common case, kept short
        if total != len(defs):
            raise op.emit_error(f"expected {len(defs)} {what}{'s' if len(defs) != 1 else ''}, but found {total}")
        for i, field in enumerate(defs):
            if not field.constraint(types[i]):
                raise op.emit_error(f"{what} #{i} must be {field.constraint.description}, but got '{types[i]}'")
        return
    variable = [d for d in defs if d.is_variable]
    fixed = len(defs) - len(variable)
    if not variable and total != fixed:
        raise op.emit_error(f"expected {fixed} {what}{'s' if fixed != 1 else ''}, but found {total}")
    if len(variable) == 1 and total < fixed:
        raise op.emit_error(f"expected {fixed} or more {what}s, but found {total}")
    if len(variable) > 1:
        attr = op.properties.get(segment_attr)
        if attr is None and implicit_segments(defs):
            if total < fixed:
                raise op.emit_error(f"expected {fixed} or more {what}s, but found {total}")
        elif attr is None or len(getattr(attr, "values", ())) != len(defs):
            raise op.emit_error(f"requires '{segment_attr}' with {len(defs)} entries")
        elif sum(attr.values) != total:
            raise op.emit_error(f"{what} count ({total}) does not match with the total size ({sum(attr.values)}) specified in attribute '{segment_attr}'")
    sizes = segment_sizes(op.properties, defs, total, segment_attr, op.name)
    start = 0
    for field, size in zip(defs, sizes):
        if size < 0 or (not field.variadic and size != 1 and not (field.optional and size == 0)):
            raise op.emit_error(f"{what} group '{field.field_name}' has {size} values")
        for i in range(start, start + size):
            if not field.constraint(types[i]):
                raise op.emit_error(f"{what} #{i} must be {field.constraint.description}, but got '{types[i]}'")
        start += size


def check_inferred(op: Op) -> None:
    cls = type(op)
    if cls.infer_type.__func__ is Op.infer_type.__func__:
        return
    try:
        inferred = cls.infer_type(op.operands, op.properties)
    except ValueError as err:  # an op's inference rejecting its operands (e.g. tf shapes)
        raise op.emit_error(str(err)) from None
    if inferred is None:
        return
    actual = op.result_types
    if len(inferred) != len(actual) or not all(T.is_compatible(a, b) for a, b in zip(inferred, actual)):
        shown = ", ".join(map(str, inferred))
        raise op.emit_error(f"inferred type(s) '{shown}' are incompatible with return type(s) of operation '{', '.join(map(str, actual))}'")
