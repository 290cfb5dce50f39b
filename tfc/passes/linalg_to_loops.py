"""`linalg-to-loops`: every structured linalg op on memrefs becomes a loop nest of scf.parallel /
scf.for with memref.load / memref.store around a copy of the op's body.

One lowering serves every structured op (linalg.generic, the named ops, convolutions and
pooling): it reads only the structured-op interface (`get_indexing_maps`,
`get_iterator_types`, `block_operand_indices`, the body block).

    "linalg.matmul"(%A, %B, %C) : (memref<MxKxf32>, memref<KxNxf32>, memref<MxNxf32>) -> ()
  becomes (when the op has enough work to run in parallel)
    "scf.parallel"(%c0, %c0, %M, %N, %c1, %c1) ({
    ^bb0(%m: index, %n: index):
      %init = "memref.load"(%C, %m, %n)
      %acc = "scf.for"(%c0, %K, %c1, %init) ({
      ^bb0(%k: index, %sum: f32):
        %a = "memref.load"(%A, %m, %k)
        %b = "memref.load"(%B, %k, %n)
        ... the body, with %sum for the output's block argument ...
        "scf.yield"(%next)
      })
      "memref.store"(%acc, %C, %m, %n)
      "scf.reduce"()
    })

Loop order is the op's dim order, so values (floating-point rounding included) are the ones
the interpreter computes. The loop bound of dim d is the size of an operand dimension whose
map result is the bare `dd` (a constant when static, memref.dim otherwise).

- Parallel: the leading run of `parallel` dims that appear bare in every init's map becomes
  one multi-dim scf.parallel (two of its iterations then never write the same output
  element), but only when the op has at least `parallel-threshold` iterations (dynamic sizes
  always count as enough): below that, threads cost more than they save.
- Accumulators: the trailing dims that no init's map uses leave each output element
  loop-invariant, so those loops carry the elements as scf.for iter_args (one load before,
  one store after) instead of a load and a store per iteration.
- Inputs are loaded in the innermost loop (only those the body reads); scalar inputs are used
  as they are; `linalg.index` becomes the loop's induction variable; map results lower to
  index arithmetic (addi, muli, floordivsi, ceildivsi, and remsi adjusted to a non-negative
  `mod`).

An input that is also an output buffer (in-place ops) keeps MLIR's point-by-point buffer
semantics: such an op carries no output element in an iter_arg, and runs without
scf.parallel when it reads that buffer through another map than the one it writes.

Ops on tensors (results, value semantics) are left alone: bufferize runs first. Other ops
(memref.copy included) are left alone too; the translator handles them.
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.affine import AffineBinaryExpr, AffineConstantExpr, AffineDimExpr, AffineExpr, AffineMap
from tfc.ir.builder import Builder, InsertionPoint
from tfc.ir.core import Block, Operation
from tfc.ir.passes import Option, Pass

from tfc.dialects import arith, memref, scf
from tfc.dialects.linalg import IndexOp, StructuredMixin
from tfc.dialects.linalg.base import PARALLEL

DEFAULT_PARALLEL_THRESHOLD = 32768


# ----- the loop plan --------------------------------------------------------------------------------

def used_dims(expr: AffineExpr) -> set:
    if isinstance(expr, AffineDimExpr):
        return {expr.position}
    if isinstance(expr, AffineBinaryExpr):
        return used_dims(expr.lhs) | used_dims(expr.rhs)
    return set()


def bare_dims(m: AffineMap) -> set:
    return {r.position for r in m.results if isinstance(r, AffineDimExpr)}


def static_sizes(maps, shapes, loops: int) -> list:
    """Each loop dim's size where some operand fixes it statically, else None."""
    sizes: list = [None] * loops
    for m, shape in zip(maps, shapes):
        for r, size in zip(m.results, shape):
            if isinstance(r, AffineDimExpr) and size is not None and sizes[r.position] is None:
                sizes[r.position] = size
    return sizes


def parallel_prefix(kinds, init_maps) -> int:
    """How many leading dims may run as one scf.parallel: parallel, and bare in every init's
    map, so that different iterations write different output elements."""
    if not init_maps:
        return 0
    count = 0
    for d, kind in enumerate(kinds):
        if kind != PARALLEL or not all(d in bare_dims(m) for m in init_maps):
            break
        count += 1
    return count


def accumulator_start(init_maps, loops: int) -> int:
    """The first dim of the trailing run that no init's map uses: inside those loops every
    output element stays where it is, so it can live in an iter_arg."""
    used = set().union(*(used_dims(r) for m in init_maps for r in m.results)) if init_maps else set()
    return max(used) + 1 if used else 0


def reads_other_outputs(op, maps) -> bool:
    """Whether an input is also an init buffer read through another map: one iteration may
    then read an element that another writes, so the iterations must run in order."""
    n_in = len(op.dps_inputs)
    for i, value in enumerate(op.dps_inputs):
        for j, init in enumerate(op.dps_inits):
            if value is init and maps[i] != maps[n_in + j]:
                return True
    return False


def total_iterations(sizes) -> int | None:
    total = 1
    for size in sizes:
        if size is None:
            return None
        total *= size
    return total


# ----- index arithmetic ---------------------------------------------------------------------------

class IndexEmitter:
    """Emits index values: constants before the op (shared by the whole nest), map results at
    the builder's point (memoized per block, so operands sharing `d0 + d2` share its ops)."""

    def __init__(self, op: Operation):
        self.top = Builder.before(op)
        self.constants: dict = {}
        self.anchored = False

    def hoist_above(self, loop: Operation) -> None:
        """Later constants go above the outermost loop, which they must dominate."""
        if not self.anchored:
            self.top, self.anchored = Builder.before(loop), True

    def constant(self, value: int):
        if value not in self.constants:
            self.constants[value] = self.top.insert(arith.ConstantOp.get(value, T.index, self.top.location)).result
        return self.constants[value]

    def indices(self, builder: Builder, m: AffineMap, ivs: dict, memo: dict) -> list:
        return [self.expr(builder, r, ivs, memo) for r in m.results]

    def expr(self, builder: Builder, e: AffineExpr, ivs: dict, memo: dict):
        if isinstance(e, AffineDimExpr):
            return ivs[e.position]
        if isinstance(e, AffineConstantExpr):
            return self.constant(e.value)
        if not isinstance(e, AffineBinaryExpr):
            raise ValueError(f"unsupported affine expression '{e}' (symbols are not allowed in indexing maps)")
        if e not in memo:
            lhs = self.expr(builder, e.lhs, ivs, memo)
            rhs = self.expr(builder, e.rhs, ivs, memo)
            memo[e] = self.binary(builder, e.kind, lhs, rhs)
        return memo[e]

    def binary(self, builder: Builder, kind: str, lhs, rhs):
        simple = {"add": arith.AddIOp, "mul": arith.MulIOp, "floordiv": arith.FloorDivSIOp,
                  "ceildiv": arith.CeilDivSIOp}
        if kind in simple:
            return builder.create(simple[kind], lhs, rhs).result
        # Affine `mod` is never negative (for a positive divisor); remsi takes the dividend's sign.
        rem = builder.create(arith.RemSIOp, lhs, rhs).result
        shifted = builder.create(arith.AddIOp, rem, rhs).result
        negative = builder.create(arith.CmpIOp, rem, self.constant(0), predicate="slt").result
        return builder.create(arith.SelectOp, negative, shifted, rem).result


# ----- the lowering -----------------------------------------------------------------------------------

def loop_bounds(op, emit: IndexEmitter, maps, sizes) -> list:
    """One index value per loop dim: a constant, or memref.dim of an operand that fixes it."""
    operands = op.dps_operands
    bounds = []
    for d, size in enumerate(sizes):
        if size is not None:
            bounds.append(emit.constant(size))
            continue
        source = next((v, j) for v, m in zip(operands, maps) for j, r in enumerate(m.results)
                      if isinstance(r, AffineDimExpr) and r.position == d)
        value, position = source
        bounds.append(emit.top.create(memref.DimOp, value, emit.constant(position)).result)
    return bounds


def open_parallel(builder: Builder, emit: IndexEmitter, bounds, ivs: dict) -> Builder:
    """An scf.parallel over dims 0..len(bounds)-1; a builder inside its body."""
    count = len(bounds)
    zero, one = emit.constant(0), emit.constant(1)
    loop = builder.create(scf.ParallelOp, [zero] * count, list(bounds), [one] * count, [], result_types=[])
    block = loop.regions[0].add_block(Block([T.index] * count))
    terminator = block.append(scf.ReduceOp.build([], location=builder.location))
    emit.hoist_above(loop)
    for d, iv in enumerate(block.arguments):
        ivs[d] = iv
    return Builder(InsertionPoint.before(terminator), builder.location)


def open_for(builder: Builder, emit: IndexEmitter, bound, inits=()) -> scf.ForOp:
    loop = builder.insert(scf.ForOp.create(emit.constant(0), bound, emit.constant(1), list(inits),
                                           location=builder.location))
    emit.hoist_above(loop)
    return loop


def emit_body(op, builder: Builder, emit: IndexEmitter, ivs: dict, memo: dict, init_values: list) -> list:
    """Clone the op's body at `builder` on loaded elements; the values it yields."""
    operands, maps = op.dps_operands, op.get_indexing_maps()
    n_in = len(op.dps_inputs)
    body = op.body
    mapping = {}
    for arg, k in zip(body.arguments, op.block_operand_indices()):
        operand = operands[k]
        if k >= n_in and init_values[k - n_in] is not None:
            mapping[arg] = init_values[k - n_in]
        elif not isinstance(operand.type, T.ShapedType):
            mapping[arg] = operand
        elif not arg.use_empty():
            indices = emit.indices(builder, maps[k], ivs, memo)
            mapping[arg] = builder.create(memref.LoadOp, operand, indices).result
    index_ops = [inner for inner in op.walk() if isinstance(inner, IndexOp) and inner._structured_parent() is op]
    for inner in body:
        if inner is body.last:
            break
        builder.insert(inner.clone(mapping))
    for index_op in index_ops:
        clone = mapping[index_op]
        clone.result.replace_all_uses_with(ivs[index_op.dim.value])
        clone.erase()
    return [mapping.get(v, v) for v in body.last.operands]


def lower_structured_op(op, parallel_threshold: int = DEFAULT_PARALLEL_THRESHOLD) -> None:
    """Replace one structured op on memrefs by its loop nest (see the module doc)."""
    maps, kinds = op.get_indexing_maps(), op.get_iterator_types()
    n_in, loops = len(op.dps_inputs), len(kinds)
    init_maps = maps[n_in:]
    shapes = [tuple(v.type.shape) if isinstance(v.type, T.ShapedType) else () for v in op.dps_operands]
    sizes = static_sizes(maps, shapes, loops)
    emit = IndexEmitter(op)
    bounds = loop_bounds(op, emit, maps, sizes)
    if loops:
        emit.constant(0), emit.constant(1)  # every loop's lower bound and step, made up front

    total = total_iterations(sizes)
    parallel = parallel_prefix(kinds, init_maps)
    if (total is not None and total < parallel_threshold) or reads_other_outputs(op, maps):
        parallel = 0
    start = accumulator_start(init_maps, loops)
    if any(v in op.dps_inits for v in op.dps_inputs):
        start = loops  # an input that is an output buffer must see every store: no carried copies
    builder, ivs = open_outer_loops(op, emit, bounds[:start], parallel)
    emit_accumulation(op, builder, emit, bounds, ivs, start)
    op.erase()


def open_outer_loops(op, emit: IndexEmitter, bounds, parallel: int) -> tuple:
    """The loops of the dims the outputs depend on (the first `parallel` of them as one
    scf.parallel): a builder inside the innermost and the induction variables by dim."""
    builder, ivs = Builder.before(op), {}
    if parallel:
        builder = open_parallel(builder, emit, bounds[:parallel], ivs)
    for d in range(parallel, len(bounds)):
        loop = open_for(builder, emit, bounds[d])
        ivs[d] = loop.induction_var
        terminator = loop.body.append(scf.YieldOp.build([], location=op.location))
        builder = Builder(InsertionPoint.before(terminator), op.location)
    return builder, ivs


def emit_accumulation(op, builder: Builder, emit: IndexEmitter, bounds, ivs: dict, start: int) -> None:
    """At `builder`: load the output elements, run the loops of dims start.. carrying them as
    iter_args around the body, store the results. With no such loops (start == rank) this is
    one load (of the elements the body reads), the body, and one store per output."""
    n_in, inits = len(op.dps_inputs), op.dps_inits
    memo: dict = {}
    init_indices = [emit.indices(builder, m, ivs, memo) for m in op.get_indexing_maps()[n_in:]]
    carried = start < len(bounds)
    read = {k - n_in for arg, k in zip(op.body.arguments, op.block_operand_indices())
            if k >= n_in and not arg.use_empty()}
    values = [builder.create(memref.LoadOp, init, indices).result if carried or i in read else None
              for i, (init, indices) in enumerate(zip(inits, init_indices))]
    inner, nest = builder, []
    for d in range(start, len(bounds)):
        loop = open_for(inner, emit, bounds[d], values)
        ivs[d] = loop.induction_var
        values = list(loop.region_iter_args)
        nest.append(loop)
        inner = Builder.at_end(loop.body, op.location)
    values = emit_body(op, inner, emit, ivs, dict(memo), values)
    for loop in reversed(nest):
        loop.body.append(scf.YieldOp.build(list(values), location=op.location))
        values = list(loop.results)
    for value, init, indices in zip(values, inits, init_indices):
        builder.create(memref.StoreOp, value, init, indices)


def is_on_buffers(op) -> bool:
    """A structured op in destination-passing style on memrefs (no tensor results)."""
    return not op.results and all(isinstance(v.type, T.MemRefType) for v in op.dps_inits)


def lower_linalg_to_loops(root: Operation, parallel_threshold: int = DEFAULT_PARALLEL_THRESHOLD) -> None:
    """Lower every structured op on memrefs nested in `root`. Sweeps until none is left, so ops
    nested in a body (cloned into the loops by their parent's lowering) are lowered too."""
    while True:
        ops = [o for o in root.walk(pre_order=True) if isinstance(o, StructuredMixin) and is_on_buffers(o)]
        if not ops:
            return
        lowered = 0
        for op in ops:
            if op.parent is None or any(isinstance(a, StructuredMixin) for a in op.ancestors()):
                continue  # erased, or still inside an op not lowered yet (its clone comes next sweep)
            lower_structured_op(op, parallel_threshold)
            lowered += 1
        if not lowered:
            return


class LinalgToLoopsPass(Pass):
    name = "linalg-to-loops"
    summary = "Lower structured linalg ops on memrefs to scf.parallel / scf.for loops with loads and stores"
    parallel_threshold = Option(int, DEFAULT_PARALLEL_THRESHOLD,
                                "the fewest static iterations an op needs for its parallel dims to "
                                "become an scf.parallel (dynamic sizes always do)")

    def run(self, op: Operation) -> None:
        lower_linalg_to_loops(op, self.parallel_threshold)
