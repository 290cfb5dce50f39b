"""scf.parallel -> a body function run by the runtime's thread pool.

    void body(void *ctx, int64_t begin, int64_t end)      (tfc_range_fn)

The body runs the *outer* iterations [begin, end) of the loop nest: all dimensions but the
last, linearized (the only dimension when there is one). Each outer index is decomposed once
and the last dimension runs as a plain inner loop, so the innermost loop stays a simple
counted loop that LLVM vectorizes. The caller fills a stack struct

    { i32 error code, ptr error message, ptr pool, ptr partials, captured leaves... }

(values defined outside the loop and used in it, memrefs as their leaves; constants and
globals need no capture), calls tfc_parallel_for(pool, 0, outer iterations, grain, body,
&ctx) and then reports a failure a body recorded (tfc_last_error is per thread, so a body
stores code and message in the struct instead).

Grain. Chunks are sized from an estimate of the work per outer iteration (ops in the body,
times the inner trip count and the trip counts of nested loops: static ones, or computed at
run time when their bounds are defined outside the parallel loop) so a chunk is worth a
wake-up, and there are at most MAX_CHUNKS of them. When the whole loop is one chunk (little
work, e.g. a bias-add on a batch of 1) the caller runs the body itself, without the pool.

Reductions (scf.reduce). Chunk c (= begin / grain) folds its iterations in order, starting
from its first value, into partials[c] (with a flag: a chunk whose inner loop ran zero
times has none); the caller then folds init, partials[0], partials[1], ... in order. The
chunks depend on the grain only, never on the number of threads, so results are the same
with any pool (and with none).
"""

from __future__ import annotations

from llvmlite import ir

from tfc.ir import types as T
from tfc.dialects import scf as S
from tfc.backends.cpu.translate.context import (FunctionContext, as_int, is_static,
                                                lowers)
from tfc.backends.cpu.translate.memref_desc import from_leaves, to_leaves
from tfc.backends.cpu.translate.types import (I1, I8, I32, I64, PTR, VOID, UnsupportedError,
                                              value_type)

MAX_CHUNKS = 256
MIN_WORK_PER_CHUNK = 32768  # op executions: enough to amortize a worker's wake-up
_DYNAMIC_TRIP_GUESS = 16

_HEADER = [I32, PTR, PTR, PTR]  # error code, error message, pool, partials
_POOL, _PARTIALS = 2, 3


def captured_values(op) -> list:
    """Values used inside op's regions but defined outside them, in first-use order."""
    defined, used, seen = set(), [], set()

    def visit(region):
        for block in region.blocks:
            defined.update(block.arguments)
            for inner in block:
                for value in inner.operands:
                    if value not in seen:
                        seen.add(value)
                        used.append(value)
                defined.update(inner.results)
                for nested in inner.regions:
                    visit(nested)

    for region in op.regions:
        visit(region)
    return [v for v in used if v not in defined]


def body_cost(block) -> int:
    """Ops executed per run of `block`, nested loops counted with their static trip counts
    (a guess for dynamic ones)."""
    return _cost(None, block)


def _cost(ctx, block):
    """body_cost; with `ctx` (the function around the parallel loop), a loop whose bounds are
    already defined there counts with its trip count computed at run time (an LLVM value)."""
    total = 0
    for op in block:
        total = ctx.add(total, 1) if ctx is not None else total + 1
        factor = _trip_factor(ctx, op)
        for region in op.regions:
            for inner in region.blocks:
                inner_cost = _cost(ctx, inner)
                total = ctx.add(total, ctx.mul(factor, inner_cost)) if ctx is not None else total + factor * inner_cost
    return total


def _trip_factor(ctx, op):
    """How many times op's regions run per run of op (1 for ops that are not loops)."""
    if isinstance(op, S.WhileOp):
        return _DYNAMIC_TRIP_GUESS
    if isinstance(op, S.ForOp):
        groups = [(op.lowerBound, op.upperBound, op.step)]
    elif isinstance(op, S.ParallelOp):
        groups = list(zip(op.lowerBound, op.upperBound, op.step))
    else:
        return 1
    factor = 1
    for bounds in groups:
        known = [_constant_int(v) for v in bounds]
        if all(x is not None for x in known) and known[2] > 0:
            count = max(0, -(-(known[1] - known[0]) // known[2]))
        elif ctx is not None and all(v in ctx.values for v in bounds):
            count = ctx.trip_count(*(ctx.get(v) for v in bounds))  # defined before the parallel loop
        else:
            count = _DYNAMIC_TRIP_GUESS
        factor = ctx.mul(factor, count) if ctx is not None else factor * count
    return factor


def _constant_int(value):
    op = value.defining_op
    attr = op.get_attr("value") if op is not None else None
    return attr.value if attr is not None and isinstance(getattr(attr, "value", None), int) else None


class _Captures:
    """Leaves for the context struct: constants stay Python-side, the rest get a field."""

    def __init__(self):
        self.dynamic: list = []

    def add(self, leaf):
        if isinstance(leaf, int) or is_static(leaf):
            return leaf
        self.dynamic.append(leaf)
        return _Field(len(_HEADER) + len(self.dynamic) - 1)


class _Field:
    def __init__(self, index: int):
        self.index = index


def _resolve(item, fields):
    return fields[item.index] if isinstance(item, _Field) else item


def _ceil_div(ctx, a, b):
    a, b = as_int(a), as_int(b)
    if isinstance(a, int) and isinstance(b, int):
        return -(-a // b)
    return ctx.builder.sdiv(ctx.ir_index(ctx.add(a, ctx.sub(b, 1))), ctx.ir_index(b))


def _max(ctx, a, b):
    a, b = as_int(a), as_int(b)
    if isinstance(a, int) and isinstance(b, int):
        return max(a, b)
    x, y = ctx.ir_index(a), ctx.ir_index(b)
    return ctx.builder.select(ctx.builder.icmp_signed(">", x, y), x, y)


def _combine(ctx, reduce_op, index: int, accumulator, value):
    block = reduce_op.regions[index].blocks[0]
    returned = ctx.translate_block(block, [accumulator, value])
    return ctx.get(returned.value)


@lowers(S.ParallelOp)
def _parallel(ctx, op):
    b = ctx.builder
    rank = len(op.step)
    lowers_, uppers = [ctx.get(v) for v in op.lowerBound], [ctx.get(v) for v in op.upperBound]
    steps = [ctx.get(v) for v in op.step]
    counts = [ctx.trip_count(lo, hi, st) for lo, hi, st in zip(lowers_, uppers, steps)]
    outer_counts = counts if rank == 1 else counts[:-1]
    outer_total = 1
    for c in outer_counts:
        outer_total = ctx.mul(outer_total, c)
    body_block = op.regions[0].blocks[0]
    reduce_op = body_block.last
    reduced_types = [value_type(t) for t in op.result_types]
    if any(isinstance(t, T.MemRefType) for t in op.result_types):
        raise UnsupportedError("scf.parallel reductions of memrefs")

    work = ctx.mul(1 if rank == 1 else _max(ctx, counts[-1], 1), _max(ctx, _cost(ctx, body_block), 1))
    grain = _max(ctx, _max(ctx, _ceil_div(ctx, MIN_WORK_PER_CHUNK, work), _ceil_div(ctx, outer_total, MAX_CHUNKS)), 1)

    # what the body needs from here
    captures = _Captures()
    captured = captured_values(op)
    captured_items = [[captures.add(leaf) for leaf in to_leaves(ctx.get(v), v.type)] for v in captured]
    loop_items = [[captures.add(as_int(x)) for x in group] for group in (lowers_, uppers, steps, outer_counts)]
    grain_item = captures.add(as_int(grain))
    struct = ir.LiteralStructType(_HEADER + [leaf.type for leaf in captures.dynamic])
    partial = ir.LiteralStructType([*reduced_types, I8])  # value(s), then "has a value"

    fn = ir.Function(ctx.mctx.llmod, ir.FunctionType(VOID, [PTR, I64, I64]), ctx.mctx.unique(f"{ctx.fn.name}.parallel"))
    fn.linkage = "internal"
    fn.attributes.add("nounwind")
    _emit_body(ctx, fn, op, struct, partial, captured, captured_items, loop_items, grain_item, rank)

    # the call
    slot = ctx.entry_alloca(struct)
    zero = ir.Constant(I32, 0)

    def field(i):
        return b.gep(slot, [zero, ir.Constant(I32, i)], source_etype=struct)

    partials = ctx.entry_alloca(ir.ArrayType(partial, MAX_CHUNKS)) if reduced_types else ir.Constant(PTR, None)
    b.store(zero, field(0))
    b.store(ir.Constant(PTR, None), field(1))
    pool = ctx.pool if ctx.pool is not None else ir.Constant(PTR, None)
    b.store(pool, field(_POOL))
    b.store(partials, field(_PARTIALS))
    for i, leaf in enumerate(captures.dynamic):
        b.store(leaf, field(len(_HEADER) + i))
    _call_body(ctx, fn, slot, pool, outer_total, grain)
    code = b.load(field(0), typ=I32)
    ctx.fail_if(b.icmp_signed("!=", code, zero), code, b.load(field(1), typ=PTR))
    if not reduced_types:
        return []
    return _fold_partials(ctx, op, reduce_op, partials, partial, _ceil_div(ctx, outer_total, grain))


def _call_body(ctx, fn, slot, pool, total, grain) -> None:
    """Run fn over [0, total): itself when that is one chunk (no thread is worth waking, and
    not even the runtime call is needed), else through tfc_parallel_for."""
    b = ctx.builder
    zero = ir.Constant(I32, 0)
    args = [slot, ir.Constant(I64, 0), ctx.ir_index(total)]

    def on_pool():
        status = b.call(ctx.mctx.runtime("tfc_parallel_for"), [pool, *args[1:], ctx.ir_index(grain), fn, slot])
        ctx.fail_if(b.icmp_signed("!=", status, zero), status, None)

    total, grain = as_int(total), as_int(grain)
    if isinstance(total, int) and isinstance(grain, int):
        b.call(fn, args) if total <= grain else on_pool()
        return
    inline = b.icmp_signed("<=", ctx.ir_index(total), ctx.ir_index(grain))
    with b.if_else(inline) as (then, otherwise):
        with then:
            b.call(fn, args)
        with otherwise:
            on_pool()


def _fold_partials(ctx, op, reduce_op, partials, partial, chunks):
    b = ctx.builder
    count = len(op.result_types)

    def fold(chunk, accumulators):
        slot = b.gep(partials, [ir.Constant(I64, 0), chunk], source_etype=ir.ArrayType(partial, MAX_CHUNKS))
        zero = ir.Constant(I32, 0)
        has = b.load(b.gep(slot, [zero, ir.Constant(I32, count)], source_etype=partial), typ=I8)
        has = b.icmp_unsigned("!=", has, ir.Constant(I8, 0))
        out = []
        for j, acc in enumerate(accumulators):
            value = b.load(b.gep(slot, [zero, ir.Constant(I32, j)], source_etype=partial), typ=acc.type)
            out.append(b.select(has, _combine(ctx, reduce_op, j, acc, value), acc))
        return out

    inits = [ctx.get(v) for v in op.initVals]
    return ctx.emit_loop(0, chunks, 1, inits, fold, name="parallel.fold")


def _emit_body(outer, fn, op, struct, partial, captured, captured_items, loop_items, grain_item, rank):
    ctx = FunctionContext(outer.mctx, fn, pool=None, error_slot=fn.args[0])
    b = ctx.builder
    zero = ir.Constant(I32, 0)
    fields = {}
    for i in range(_POOL, len(struct.elements)):
        fields[i] = b.load(b.gep(fn.args[0], [zero, ir.Constant(I32, i)], source_etype=struct), typ=struct.elements[i])
    ctx.pool = fields[_POOL]
    for value, items in zip(captured, captured_items):
        ctx.set(value, from_leaves(value.type, [_resolve(item, fields) for item in items]))
    lowers_, uppers, steps, outer_counts = ([_resolve(item, fields) for item in group] for group in loop_items)
    grain = _resolve(grain_item, fields)
    body_block = op.regions[0].blocks[0]
    reduce_op = body_block.last
    reduced = [value_type(t) for t in op.result_types]
    begin, end = fn.args[1], fn.args[2]

    def run_body(ivs, carried):
        ctx.translate_block(body_block, ivs)
        if not reduced:
            return []
        first, accumulators = carried[-1], carried[:-1]
        out = []
        for j, (acc, value) in enumerate(zip(accumulators, (ctx.get(v) for v in reduce_op.operands))):
            out.append(b.select(first, value, _combine(ctx, reduce_op, j, acc, value)))
        return [*out, ir.Constant(I1, 0)]

    def outer_body(linear, carried):
        ivs, rest = [], linear
        for k in reversed(range(len(outer_counts))):
            if k == 0:
                index = rest
            else:
                count = ctx.ir_index(outer_counts[k])
                index, rest = b.urem(rest, count), b.udiv(rest, count)
            ivs.append(ctx.add(lowers_[k], ctx.mul(index, steps[k])))
        ivs = [ctx.ir_index(iv) for iv in reversed(ivs)]
        if rank == 1:
            return run_body(ivs, carried)
        return ctx.emit_loop(lowers_[-1], uppers[-1], steps[-1], carried,
                             lambda iv, inner: run_body([*ivs, iv], inner), name="parallel.inner")

    inits = [ir.Constant(t, None) for t in reduced] + ([ir.Constant(I1, 1)] if reduced else [])
    finals = ctx.emit_loop(begin, end, 1, inits, outer_body, name="parallel.outer")
    if reduced:
        chunk = b.udiv(begin, ctx.ir_index(grain))
        slot = b.gep(b.load(b.gep(fn.args[0], [zero, ir.Constant(I32, _PARTIALS)], source_etype=struct), typ=PTR),
                     [chunk], source_etype=partial)
        for j, value in enumerate(finals[:-1]):
            b.store(value, b.gep(slot, [zero, ir.Constant(I32, j)], source_etype=partial))
        has = b.zext(b.not_(finals[-1]), I8)
        b.store(has, b.gep(slot, [zero, ir.Constant(I32, len(reduced))], source_etype=partial))
    b.ret_void()
