"""scf.if / scf.for / scf.while with tensor results or carried tensors -> the same ops on
buffers. The rules are the simplest ones that keep ownership obvious:

- A loop carries a tensor of static shape in ONE buffer for all its iterations: the init's
  buffer when the loop may write it (ours, and nothing reads it inside or after the loop),
  else a copy. At the end of each iteration (scf.yield, scf.condition) a value that does not
  already live in the carried buffer is copied into it, through a temporary when an earlier
  of these copies overwrites it (a swap). The loop's results are the carried buffers, i.e.
  the init's memory.
- A loop carries a tensor with a dynamic dim (whose size may change from one iteration to
  the next) by handing over ownership (`hands_over`): the loop owns the buffer it starts
  with (the init's own when the init's block owns it and nothing reads it inside or after
  the loop, else a copy); each region owns the buffer its block argument receives and
  passes on a buffer it owns at its terminator (one it allocated, or that argument, else a
  copy); the dealloc pass frees an incoming buffer after its last use unless it is passed
  on; the loop's results are buffers owned by the block around the loop.
- An scf.if's tensor results are buffers it owns: each branch yields a fresh buffer it
  allocated itself (ownership passes to the result), or a copy of what it would otherwise
  forward (an argument, a value from above, a view, a buffer yielded twice).

The bodies are translated by the driver (`ctx.translate`), which leaves the old terminator
for these rewrites to turn into the new one.
"""

from __future__ import annotations

from tfc.ir.builder import Builder
from tfc.ir.core import Block, Region

from tfc.dialects import scf
from tfc.dialects.bufferization import memref_type_for
from tfc.passes.bufferize.analysis import hands_over, is_tensor
from tfc.passes.bufferize.buffers import Context, unsupported


def new_type(value):
    return memref_type_for(value.type) if is_tensor(value) else value.type


def _bind_arguments(ctx: Context, old_args, new_args) -> None:
    """Block arguments: tensors get their carried buffer (its own root, writable), which the
    region owns when it is handed over."""
    for old, new in zip(old_args, new_args):
        if is_tensor(old):
            ctx.track(new, writable=True, owned=hands_over(new.type))
            ctx.bind(old, new)
        else:
            ctx.values[old] = new


def _bind_results(ctx: Context, old_results, new_results, inits) -> None:
    """Loop results live in the memory of the buffers the loop was started with, or own the
    buffer handed over by the last iteration."""
    for i, (old, new) in enumerate(zip(old_results, new_results)):
        if not is_tensor(old):
            ctx.values[old] = new
            continue
        if hands_over(new.type):
            ctx.track(new, writable=True, owned=True)
        else:
            ctx.view(new, inits[i], full=True)
        ctx.bind(old, new)


def _carried_targets(args) -> list:
    """What `ctx.carried` records for a terminator: the carried buffer of each position, None
    where the position is handed over (its result may have any size, so no op may compute
    it into the incoming buffer on the grounds that it goes there anyway)."""
    return [None if hands_over(a.type) else a for a in args]


def _may_pass_on(ctx: Context, value, block, writer, passed: set) -> bool:
    """Whether the buffer of `value` may be handed over at `writer` (a loop taking it as init,
    or a loop terminator): the whole buffer, identity layout, memory that `block` owns (an
    allocation in it or a handed-over argument of it), not passed on already, and no tensor
    living there is read after `writer`."""
    buffer = ctx.buffer(value)
    info = ctx.info[buffer]
    if not info.full or buffer.type != memref_type_for(value.type):
        return False
    if info.root not in ctx.owned or info.root in passed or info.root.parent_block is not block:
        return False
    return not ctx.read_later(info.root, writer)


def _owned_copy(ctx: Context, value, b: Builder):
    """A fresh buffer holding `value` (none is copied when its contents are undefined)."""
    buffer = ctx.buffer(value)
    if value in ctx.undefined:
        return ctx.alloc(b, value.type, like=buffer)
    return ctx.copy_of(b, buffer, value.type)


def carried_inits(ctx: Context, loop, values, b: Builder) -> list:
    """The buffers a loop starts with (see the module doc); non-tensors are mapped values."""
    inits, taken = [], set()
    for value in values:
        if not is_tensor(value):
            inits.append(ctx.value(value))
            continue
        buffer = ctx.buffer(value)
        root = ctx.root(buffer)
        if hands_over(value.type):
            chosen = buffer if _may_pass_on(ctx, value, b.point.block, loop, taken) else _owned_copy(ctx, value, b)
        elif buffer.type == memref_type_for(value.type) and root not in taken and ctx.can_write(value, loop):
            chosen = buffer
        elif value in ctx.undefined:
            chosen = ctx.alloc(b, value.type, like=buffer)
        else:
            chosen = ctx.copy_of(b, buffer, value.type)
        taken.add(ctx.root(chosen))
        inits.append(chosen)
    return inits


def yield_carried(ctx: Context, values, carried, term, b: Builder) -> list:
    """The operands of a loop terminator (`term`, of the tensor IR): a tensor at a handed-over
    position passes on a buffer the block owns (itself or a copy); any other tensor moves into
    its carried buffer. The copies for handed-over positions come first: they read sources
    that the moves may overwrite."""
    block = b.point.block
    operands, moves, passed = [], [], set()
    for value, target in zip(values, carried):
        if not is_tensor(value):
            operands.append(ctx.value(value))
            continue
        if hands_over(target.type):
            own = _may_pass_on(ctx, value, block, term, passed)
            operand = ctx.buffer(value) if own else _owned_copy(ctx, value, b)
            passed.add(ctx.root(operand))
            operands.append(operand)
            continue
        source = ctx.buffer(value)
        operands.append(target)
        if source is not target:
            moves.append((source, target, value.type))
    # The moves run in order; a source whose memory an earlier move overwrites is saved first.
    staged, overwritten = [], set()
    for source, target, t in moves:
        staged.append((ctx.copy_of(b, source, t) if ctx.root(source) in overwritten else source, target))
        overwritten.add(ctx.root(target))
    for source, target in staged:
        ctx.copy(b, source, target)
    return operands


def yield_owned(ctx: Context, values, types, block: Block, b: Builder) -> list:
    """The operands of an scf.if branch's yield: fresh buffers the branch allocated pass
    their ownership on; anything else is copied."""
    operands, passed = [], set()
    for value, t in zip(values, types):
        if not is_tensor(value):
            operands.append(ctx.value(value))
            continue
        buffer = ctx.buffer(value)
        info = ctx.info[buffer]
        definer = info.root.defining_op
        if (info.full and buffer.type == t and info.root in ctx.owned and info.root not in passed
                and definer is not None and definer.parent is block):
            passed.add(info.root)
            operands.append(buffer)
        else:
            operands.append(ctx.copy_of(b, buffer, value.type))
    return operands


def _rebuild(op, operands, result_types):
    """A copy of `op` (properties, attributes) with new operands, result types, empty regions."""
    return type(op)(operands, result_types, dict(op.properties), dict(op.attributes),
                    [Region() for _ in op.regions], [], op.location)


def _terminator_values(term) -> list:
    return list(term.operands) if term is not None else []


def rewrite_if(ctx: Context, op: scf.IfOp, b: Builder) -> None:
    types = [new_type(r) for r in op.results]
    new = b.insert(_rebuild(op, [ctx.value(op.condition)], types))
    for old_region, new_region in zip(op.regions, new.regions):
        if not old_region.blocks:
            continue
        block = new_region.add_block(Block())
        term = ctx.translate(old_region.blocks[0], block)
        location = term.location if term is not None else op.location
        yields = yield_owned(ctx, _terminator_values(term), types, block, Builder.at_end(block, location))
        block.append(scf.YieldOp.build(yields, location=location))
    for old, result in zip(op.results, new.results):
        if is_tensor(old):
            ctx.track(result, writable=True, owned=True)
            ctx.bind(old, result)
        else:
            ctx.values[old] = result


def rewrite_for(ctx: Context, op: scf.ForOp, b: Builder) -> None:
    inits = carried_inits(ctx, op, op.initArgs, b)
    bounds = [ctx.value(v) for v in (op.lowerBound, op.upperBound, op.step)]
    new = b.insert(_rebuild(op, bounds + inits, [v.type for v in inits]))
    body = new.regions[0].add_block(Block([bounds[0].type, *(v.type for v in inits)]))
    ctx.values[op.induction_var] = body.arguments[0]
    _bind_arguments(ctx, op.region_iter_args, body.arguments[1:])
    ctx.carried[op.body.last] = _carried_targets(body.arguments[1:])
    term = ctx.translate(op.body, body)
    location = term.location if term is not None else op.location
    yields = yield_carried(ctx, _terminator_values(term), body.arguments[1:], term, Builder.at_end(body, location))
    body.append(scf.YieldOp.build(yields, location=location))
    _bind_results(ctx, op.results, new.results, inits)


def _check_while_positions(op: scf.WhileOp, condition) -> None:
    """One carried buffer per position: tensors must keep their type through the loop."""
    before = op.regions[0].blocks[0].arguments
    forwarded = list(condition.args) if condition is not None else []
    if len(before) != len(forwarded) and any(is_tensor(v) for v in [*before, *forwarded]):
        raise unsupported(op, "a loop that changes the number of carried tensors")
    for a, c in zip(before, forwarded):
        if (is_tensor(a) or is_tensor(c)) and a.type != c.type:
            raise unsupported(op, f"a carried tensor changes type in the loop ({a.type} -> {c.type})")


def rewrite_while(ctx: Context, op: scf.WhileOp, b: Builder) -> None:
    old_before, old_after = op.regions[0].blocks[0], op.regions[1].blocks[0]
    _check_while_positions(op, old_before.last)
    inits = carried_inits(ctx, op, op.inits, b)
    result_types = [new_type(r) for r in op.results]
    new = b.insert(_rebuild(op, inits, result_types))
    before = new.regions[0].add_block(Block([v.type for v in inits]))
    _bind_arguments(ctx, old_before.arguments, before.arguments)
    ctx.carried[old_before.last] = _carried_targets(before.arguments)
    condition = ctx.translate(old_before, before)
    args = yield_carried(ctx, list(condition.args), before.arguments, condition,
                         Builder.at_end(before, condition.location))
    before.append(scf.ConditionOp.build(ctx.value(condition.condition), args, location=condition.location))
    after = new.regions[1].add_block(Block(result_types))
    _bind_arguments(ctx, old_after.arguments, after.arguments)
    ctx.carried[old_after.last] = _carried_targets(after.arguments)
    term = ctx.translate(old_after, after)
    location = term.location if term is not None else op.location
    yields = yield_carried(ctx, _terminator_values(term), after.arguments, term, Builder.at_end(after, location))
    after.append(scf.YieldOp.build(yields, location=location))
    _bind_results(ctx, op.results, new.results, inits)


REWRITES = {scf.IfOp: rewrite_if, scf.ForOp: rewrite_for, scf.WhileOp: rewrite_while}
