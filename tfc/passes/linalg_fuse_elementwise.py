"""`linalg-fuse-elementwise`: fuse producers into their consumers on tensors.

Two patterns, run by the greedy driver:

- **Producer into consumer.** A `linalg.generic` whose loops are all parallel, whose one result
  has one user (a `linalg.generic`, elementwise or a reduction) and whose output map is a
  permutation is inlined into that user: the consumer's body computes the producer's value
  from the producer's inputs, read through `producer input map ∘ inverse(producer output map)
  ∘ consumer operand map`. Five chained elementwise ops become one generic (one loop nest,
  no intermediate tensors); `sum(square(x))` becomes one reduction.

      %t = linalg.generic ins(%x) outs(%e0) { exp }          -> %r = linalg.generic ins(%x, %y) outs(%e1) {
      %r = linalg.generic ins(%t, %y) outs(%e1) { mulf }            exp; mulf }

- **Bias into the matmul's accumulator.** `add(matmul(A, B, fill(0)), bias)`, the matmul used
  only by the add, becomes `matmul(A, B, broadcast(bias))`: the bias initializes the
  accumulator, so the epilogue costs no extra pass over the output (matmul, batch_matmul
  and conv_2d_nhwc_hwcf accumulate into their init alike).

A producer with several users is not fused (that would compute it twice). An input read
twice through the same map (what fusing `f(x) + g(x)` leaves) is read once.
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.affine import AffineMap, compose, inverse_permutation
from tfc.ir.builder import Builder
from tfc.ir.passes import Pass
from tfc.ir.rewrite import GreedyPatternRewriteDriver, RewritePattern, constant_value

from tfc.dialects.arith import AddFOp, AddIOp
from tfc.dialects.linalg.conv import Conv2DNhwcHwcfOp
from tfc.dialects.linalg.generic import GenericOp, YieldOp
from tfc.dialects.linalg.named import BatchMatmulOp, FillOp, MatmulOp
from tfc.dialects.tensor import DimOp


def _all_parallel(op: GenericOp) -> bool:
    return all(k == "parallel" for k in op.get_iterator_types())


def _reads_outputs(op: GenericOp) -> bool:
    args = op.body.arguments[len(op.inputs):]
    return any(not a.use_empty() for a in args)


def _only_user(value):
    """The one op using `value` (once), not counting `tensor.dim`s, which read only its shape."""
    users = [u for u in value.users if not isinstance(u, DimOp)]
    if len(users) != 1:
        return None
    user = users[0]
    return user if sum(1 for v in user.operands if v is value) == 1 else None


def _move_dims_to_init(op, rewriter) -> None:
    """Let the `tensor.dim`s of `op`'s results read its init (same shape) instead."""
    for result, init in zip(op.results, op.dps_inits):
        for user in list(result.users):
            if isinstance(user, DimOp):
                rewriter.modify_op_in_place(user, lambda u=user, i=init: u.set_operand(0, i))


def _fusable_producer(value, consumer) -> GenericOp | None:
    producer = value.defining_op
    if not isinstance(producer, GenericOp) or len(producer.results) != 1:
        return None
    if not _all_parallel(producer) or _reads_outputs(producer):
        return None
    if _only_user(value) is not consumer:
        return None
    out_map = producer.get_indexing_maps()[len(producer.inputs)]
    return producer if out_map.is_permutation() else None


def _clone_body_ops(block, mapping, builder: Builder):
    """Clone the ops of `block` but its yield through `builder`; return the yielded values."""
    for op in block.ops:
        if isinstance(op, YieldOp):
            return [mapping.get(v, v) for v in op.operands]
        builder.insert(op.clone(mapping))
    return []


class FuseProducerIntoConsumer(RewritePattern):
    root = GenericOp

    def match_and_rewrite(self, consumer: GenericOp, rewriter) -> bool:
        if not all(isinstance(r.type, T.TensorType) for r in consumer.results):
            return False
        for index, value in enumerate(consumer.inputs):
            producer = _fusable_producer(value, consumer)
            if producer is not None:
                _move_dims_to_init(producer, rewriter)
                fused = _fuse(producer, consumer, index)
                rewriter.insert_before(consumer, fused)
                rewriter.replace_op(consumer, list(fused.results))
                rewriter.erase_op(producer)
                return True
        return False


def _fuse(producer: GenericOp, consumer: GenericOp, index: int) -> GenericOp:
    c_maps = consumer.get_indexing_maps()
    p_maps = producer.get_indexing_maps()
    to_producer_loops = compose(inverse_permutation(p_maps[len(producer.inputs)]), c_maps[index])
    p_inputs = list(producer.inputs)
    inputs = list(consumer.inputs[:index]) + p_inputs + list(consumer.inputs[index + 1:])
    n_in = len(consumer.inputs)
    maps = (c_maps[:index] + [compose(m, to_producer_loops) for m in p_maps[:len(p_inputs)]]
            + c_maps[index + 1:n_in])

    def body(builder, args):
        before, p_args = args[:index], args[index:index + len(p_inputs)]
        after = args[index + len(p_inputs):]
        mapping = dict(zip(producer.body.arguments[:len(p_inputs)], p_args))
        (value,) = _clone_body_ops(producer.body, mapping, builder)
        c_args = [*before, value, *after]
        mapping = dict(zip(consumer.body.arguments, c_args))
        return _clone_body_ops(consumer.body, mapping, builder)

    return GenericOp.create(inputs, list(consumer.outputs), maps + c_maps[n_in:], consumer.get_iterator_types(),
                            body, location=consumer.location)


class DeduplicateInputs(RewritePattern):
    """A value read twice through the same map (fusion's usual leftover) becomes one input."""

    root = GenericOp

    def match_and_rewrite(self, op: GenericOp, rewriter) -> bool:
        maps = op.get_indexing_maps()
        n_in = len(op.inputs)
        seen, keep = {}, []
        for i, value in enumerate(op.inputs):
            first = seen.setdefault((value, maps[i]), i)
            if first == i:
                keep.append(i)
        if len(keep) == n_in:
            return False
        args = op.body.arguments

        def body(builder, new_args):
            slot = {i: keep.index(seen[(v, maps[i])]) for i, v in enumerate(op.inputs)}
            mapping = {args[i]: new_args[slot[i]] for i in range(n_in)}
            mapping.update(zip(args[n_in:], new_args[len(keep):]))
            return _clone_body_ops(op.body, mapping, builder)

        fused = GenericOp.create([op.inputs[i] for i in keep], list(op.outputs),
                                 [maps[i] for i in keep] + maps[n_in:], op.get_iterator_types(), body,
                                 location=op.location)
        rewriter.insert_before(op, fused)
        rewriter.replace_op(op, list(fused.results))
        return True


# ----- bias into the accumulator ---------------------------------------------------------------

_ACCUMULATING = (MatmulOp, BatchMatmulOp, Conv2DNhwcHwcfOp)


def _is_plain_add(op: GenericOp) -> bool:
    """A two-input elementwise generic whose body is `yield add(in0, in1)`."""
    if len(op.inputs) != 2 or len(op.outputs) != 1 or not _all_parallel(op) or _reads_outputs(op):
        return False
    ops = op.body.ops
    if len(ops) != 2 or not isinstance(ops[0], (AddFOp, AddIOp)) or not isinstance(ops[1], YieldOp):
        return False
    a, b = op.body.arguments[:2]
    return set(ops[0].operands) == {a, b} and ops[1].operands[0] is ops[0].results[0]


def _zero_filled(value) -> FillOp | None:
    fill = value.defining_op
    if not isinstance(fill, FillOp):
        return None
    scalar = constant_value(fill.operands[0])
    return fill if scalar is not None and getattr(scalar, "value", None) == 0 else None


class FuseBiasIntoAccumulator(RewritePattern):
    root = GenericOp

    def match_and_rewrite(self, add: GenericOp, rewriter) -> bool:
        if not _is_plain_add(add) or not isinstance(add.results[0].type, T.TensorType):
            return False
        maps = add.get_indexing_maps()
        for i in (0, 1):
            contraction = add.inputs[i].defining_op
            if not isinstance(contraction, _ACCUMULATING) or _only_user(add.inputs[i]) is not add:
                continue
            if not maps[i].is_identity() or not maps[2].is_identity():
                continue
            fill = _zero_filled(contraction.dps_inits[0])
            if fill is None or contraction.results[0].type != add.results[0].type:
                continue
            bias, bias_map = add.inputs[1 - i], maps[1 - i]
            init = GenericOp.create([bias], [fill.dps_inits[0]], [bias_map, AffineMap.identity(len(maps[2].results))],
                                    ["parallel"] * len(maps[2].results), lambda b, args: [args[0]],
                                    location=add.location)
            _move_dims_to_init(contraction, rewriter)
            # The bias may be defined after the contraction (a variable read where the graph
            # made it): the contraction moves down to the add, where everything it needs exists.
            rewriter.move_op_before(contraction, add)
            rewriter.insert_before(contraction, init)
            rewriter.modify_op_in_place(contraction, lambda: contraction.set_operand(
                contraction.num_operands - 1, init.results[0]))
            rewriter.replace_op(add, [contraction.results[0]])
            if fill.results[0].use_empty():
                rewriter.erase_op(fill)
            return True
        return False


class LinalgFuseElementwisePass(Pass):
    name = "linalg-fuse-elementwise"
    summary = "Fuse elementwise producers into their consumers and biases into matmul accumulators"

    def run(self, op) -> None:
        # Biases first: once an add is fused into its activation it no longer looks like one.
        GreedyPatternRewriteDriver(op, [FuseBiasIntoAccumulator()]).run(10)
        GreedyPatternRewriteDriver(op, [FuseProducerIntoConsumer(), DeduplicateInputs()]).run(10)
