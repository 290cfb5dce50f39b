"""scf ops -> LLVM control flow: scf.for / scf.while as loops with phis for the carried values,
scf.if / scf.index_switch as branches joined by phis, scf.execute_region inline. scf.parallel
is in parallel.py. Memref values cross block boundaries as their leaves (memref_desc)."""

from __future__ import annotations

from llvmlite import ir

from tfc.dialects import scf as S
from tfc.backends.cpu.translate.context import lowers
from tfc.backends.cpu.translate.memref_desc import from_leaves, to_leaves
from tfc.backends.cpu.translate.types import I64, UnsupportedError, leaf_types


def flatten(ctx, values) -> list:
    leaves = []
    for v in values:
        leaves.extend(to_leaves(ctx.get(v), v.type))
    return leaves


def unflatten(types, leaves) -> list:
    out, rest = [], list(leaves)
    for t in types:
        n = len(leaf_types(t))
        out.append(from_leaves(t, rest[:n]))
        rest = rest[n:]
    return out


def _leaves_of(translated, types) -> list:
    leaves = []
    for value, t in zip(translated, types):
        leaves.extend(to_leaves(value, t))
    return leaves


def _types(values) -> list:
    return [v.type for v in values]


@lowers(S.ForOp)
def _for(ctx, op):
    body = op.body
    iter_types = _types(op.region_iter_args)
    lower, upper, step = ctx.get(op.lowerBound), ctx.get(op.upperBound), ctx.get(op.step)

    def emit_body(iv, carried):
        args = unflatten(iter_types, carried)
        yielded = ctx.translate_block(body, [iv, *args])
        return flatten(ctx, yielded.operands)

    finals = ctx.emit_loop(lower, upper, step, flatten(ctx, op.initArgs), emit_body,
                           unsigned=op.unsignedCmp is not None, name="for")
    return unflatten(op.result_types, finals)


def _join(ctx, branches, types, merge: ir.Block) -> list:
    """Phis in `merge` over (block, leaves) pairs of the branches that reach it."""
    b = ctx.builder
    b.position_at_end(merge)
    leaf_count = sum(len(leaf_types(t)) for t in types)
    phis = []
    for i in range(leaf_count):
        first = branches[0][1][i]
        phi = b.phi(first.type)
        for block, leaves in branches:
            phi.add_incoming(leaves[i], block)
        phis.append(phi)
    return unflatten(types, phis)


def _run_region(ctx, region, merge: ir.Block):
    """Translate a one-block region ending in scf.yield; branch to `merge`; (end block, leaves)."""
    b = ctx.builder
    if not region.blocks:
        b.branch(merge)
        return b.block, []
    yielded = ctx.translate_block(region.blocks[0])
    leaves = flatten(ctx, yielded.operands) if yielded is not None else []
    end = b.block
    b.branch(merge)
    return end, leaves


@lowers(S.IfOp)
def _if(ctx, op):
    b = ctx.builder
    then_block, else_block, merge = ctx.new_block("if.then"), ctx.new_block("if.else"), ctx.new_block("if.end")
    b.cbranch(ctx.get(op.condition), then_block, else_block)
    branches = []
    for block, region in ((then_block, op.regions[0]), (else_block, op.regions[1])):
        b.position_at_end(block)
        branches.append(_run_region(ctx, region, merge))
    if not op.results:
        b.position_at_end(merge)
        return []
    return _join(ctx, branches, op.result_types, merge)


@lowers(S.IndexSwitchOp)
def _index_switch(ctx, op):
    b = ctx.builder
    merge = ctx.new_block("switch.end")
    default = ctx.new_block("switch.default")
    switch = b.switch(ctx.get(op.arg), default)
    branches = []
    b.position_at_end(default)
    branches.append(_run_region(ctx, op.regions[0], merge))
    for value, region in zip(op.cases.values, op.regions[1:]):
        block = ctx.new_block("switch.case")
        switch.add_case(ir.Constant(I64, int(value)), block)
        b.position_at_end(block)
        branches.append(_run_region(ctx, region, merge))
    if not op.results:
        b.position_at_end(merge)
        return []
    return _join(ctx, branches, op.result_types, merge)


@lowers(S.ExecuteRegionOp)
def _execute_region(ctx, op):
    region = op.regions[0]
    if len(region.blocks) != 1:
        raise UnsupportedError("scf.execute_region with several blocks")
    yielded = ctx.translate_block(region.blocks[0])
    return [ctx.get(v) for v in yielded.operands] if yielded is not None else []


@lowers(S.WhileOp)
def _while(ctx, op):
    """before: phis over (inits | yielded), condition -> after or exit; the results are the
    condition's forwarded values (defined in `before`, which dominates the exit)."""
    b = ctx.builder
    before_region, after_region = op.regions[0].blocks[0], op.regions[1].blocks[0]
    before_types = before_region.arg_types
    pre = b.block
    before, after, exit_block = ctx.new_block("while.before"), ctx.new_block("while.after"), ctx.new_block("while.end")
    inits = flatten(ctx, op.inits)
    b.branch(before)
    b.position_at_end(before)
    phis = []
    for leaf in inits:
        phi = b.phi(leaf.type)
        phi.add_incoming(leaf, pre)
        phis.append(phi)
    condition = ctx.translate_block(before_region, unflatten(before_types, phis))
    forwarded = [ctx.get(v) for v in condition.args]
    b.cbranch(ctx.get(condition.condition), after, exit_block)
    b.position_at_end(after)
    yielded = ctx.translate_block(after_region, forwarded)
    for phi, leaf in zip(phis, flatten(ctx, yielded.operands)):
        phi.add_incoming(leaf, b.block)
    b.branch(before)
    b.position_at_end(exit_block)
    return forwarded
