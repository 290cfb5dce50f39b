"""tf control flow -> scf: tf.If -> scf.if, tf.While -> scf.while; tf.NoOp is erased.

The regions move into the scf op as they are (the tf ops inside are lowered afterwards: the
driver lowers outer ops first); only their tf.Yield terminators change:

    %r = "tf.If"(%p) ({ ... "tf.Yield"(%a) ... }, { ... "tf.Yield"(%b) ... }) : (tensor<i1>) -> tensor<f32>
      ->
    %c = "tensor.extract"(%p) : (tensor<i1>) -> i1
    %r = "scf.if"(%c) ({ ... "scf.yield"(%a) ... }, { ... "scf.yield"(%b) ... }) : (i1) -> tensor<f32>

    %r = "tf.While"(%x) ({^bb0(%k): ... "tf.Yield"(%p)}, {^bb0(%k): ... "tf.Yield"(%n)})
      ->
    %r = "scf.while"(%x) ({^bb0(%k): ... %c = "tensor.extract"(%p) ... "scf.condition"(%c, %k)},
                          {^bb0(%k): ... "scf.yield"(%n)})

The loop carries the types of the cond region's block arguments (the loop values' shape
invariants): initial values, yielded values and results are cast (tensor.cast) where their
types are more specific. `parallel_iterations` only tunes TF's executor and is dropped.
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.builder import Builder

from tfc.dialects import scf
from tfc.dialects.tensor import CastOp, ExtractOp
from tfc.dialects.tf import control_flow as tfcf
from tfc.dialects.tf import core_ops as tfcore

from tfc.passes.tf_to_linalg.common import index_const, replace, unsupported


def _check_types(op, types) -> None:
    for t in types:
        if not isinstance(t, T.TensorType):
            raise unsupported(op, f"unranked or non-tensor value of type {t}")


def _cast(b: Builder, value, t: T.Type):
    if value.type == t:
        return value
    if not T.is_compatible(value.type, t):
        raise ValueError(f"{value.type} and {t} are not cast compatible")  # the tf verifier rules this out
    return b.create(CastOp, value, result_types=[t]).result


def _predicate(b: Builder, tensor):
    """The i1 of a one-element bool tensor (TF's scalar predicate)."""
    zeros = [index_const(b, 0) for _ in range(tensor.type.rank)]
    return b.create(ExtractOp, tensor, zeros, result_types=[T.i1]).result


def _yield_as(terminator, types) -> None:
    """Replace a tf.Yield by an scf.yield of its values cast to `types`."""
    b = Builder.before(terminator)
    values = [_cast(b, v, t) for v, t in zip(terminator.operands, types)]
    b.insert(scf.YieldOp.build(values, location=terminator.location))
    terminator.erase()


def lower_if(op) -> None:
    types = [r.type for r in op.results]
    _check_types(op, [op.cond.type, *types])
    b = Builder.before(op)
    new = scf.IfOp.build(_predicate(b, op.cond), result_types=types, location=op.location)
    b.insert(new)
    for source, target in zip(op.regions, new.regions):
        target.take_body(source)
        _yield_as(target.blocks[0].last, types)
    replace(op, new.results)


def lower_while(op) -> None:
    cond, body = op.regions[0].blocks[0], op.regions[1].blocks[0]
    carried = cond.arg_types
    _check_types(op, [*carried, *(r.type for r in op.results)])
    if body.arg_types != carried:
        raise unsupported(op, "the cond and body regions take the loop values as different types")
    b = Builder.before(op)
    inits = [_cast(b, v, t) for v, t in zip(op.data_operands, carried)]
    new = scf.WhileOp.build(inits, result_types=carried, location=op.location)
    b.insert(new)
    new.regions[0].take_body(op.regions[0])
    new.regions[1].take_body(op.regions[1])
    keep_going = cond.last
    at_end = Builder.before(keep_going)
    at_end.insert(scf.ConditionOp.build(_predicate(at_end, keep_going.operands[0]), list(cond.arguments),
                                        location=keep_going.location))
    keep_going.erase()
    _yield_as(body.last, carried)
    replace(op, [_cast(b, v, r.type) for v, r in zip(new.results, op.results)])


def lower_no_op(op) -> None:
    if not op.control.use_empty():
        raise unsupported(op, "its control result is still used")
    op.erase()


LOWERINGS = {
    tfcf.IfOp: lower_if,
    tfcf.WhileOp: lower_while,
    tfcore.NoOp: lower_no_op,
}

NOT_LOWERED = {
    tfcf.YieldOp: "lowered with its tf.If / tf.While (it becomes scf.yield or scf.condition)",
}
