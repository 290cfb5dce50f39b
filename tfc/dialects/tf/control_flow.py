"""tf.If and tf.While with regions (as TensorFlow's IfRegion / WhileRegion), and tf.Yield.

Regions are not isolated: branch and loop bodies use values defined above them. Only the
taken branch runs; a While runs `cond`, then `body` while the condition holds.

    %r = "tf.If"(%pred) ({
      %a = "tf.Mul"(%x, %x) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "tf.Yield"(%a) : (tensor<f32>) -> ()
    }, {
      "tf.Yield"(%x) : (tensor<f32>) -> ()
    }) : (tensor<i1>) -> tensor<f32>

    %i = "tf.While"(%zero) <{parallel_iterations = 10}> ({
    ^bb0(%k: tensor<i32>):
      %c = "tf.Less"(%k, %ten) : (tensor<i32>, tensor<i32>) -> tensor<i1>
      "tf.Yield"(%c) : (tensor<i1>) -> ()
    }, {
    ^bb0(%k: tensor<i32>):
      %n = "tf.AddV2"(%k, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
      "tf.Yield"(%n) : (tensor<i32>) -> ()
    }) : (tensor<i32>) -> tensor<i32>
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Op, Operand, RegionDef, Result
from tfc.ir.traits import HasParent, IsTerminator, Pure, RecursiveMemoryEffects, ReturnLike, SingleBlock

from tfc.dialects.tf.base import TFOp


def _is_scalar_bool(t: T.Type) -> bool:
    if T.element_type(t) != T.i1:
        return False
    return not isinstance(t, T.TensorType) or t.rank == 0 or (t.has_static_shape and t.num_elements() == 1)


def _yield_of(region):
    block = region.blocks[0] if region.blocks else None
    term = block.last if block is not None else None
    return term if isinstance(term, YieldOp) else None


def _check_types(op, what: str, values, expected) -> None:
    if len(values) != len(expected):
        raise op.emit_error(f"{what} yields {len(values)} values, but the op has {len(expected)}")
    for i, (v, t) in enumerate(zip(values, expected)):
        if not T.is_compatible(v.type, t) and v.type != t:
            raise op.emit_error(f"{what} yields {v.type} as value #{i}, but the op expects {t}")


class YieldOp(Op):
    """Ends a region of tf.If / tf.While: `"tf.Yield"(%a) : (tensor<f32>) -> ()`"""

    name = "tf.Yield"
    traits = (Pure, IsTerminator, ReturnLike, HasParent("tf.If", "tf.While"))
    values = Operand(C.AnyType, variadic=True)


class IfOp(TFOp):
    """Runs `then_branch` when `cond` is true, else `else_branch`; results are what it yields:
    `%r = "tf.If"(%pred) ({ "tf.Yield"(%a) : (tensor<f32>) -> () }, { "tf.Yield"(%b) : (tensor<f32>) -> () }) : (tensor<i1>) -> tensor<f32>`
    """

    name = "tf.If"
    traits = (RecursiveMemoryEffects, SingleBlock)
    cond = Operand(C.AnyTensor)
    output = Result(C.AnyType, variadic=True)
    then_branch = RegionDef()
    else_branch = RegionDef()

    def verify(self):
        if not _is_scalar_bool(self.cond.type):
            raise self.emit_error(f"the condition must be a scalar bool tensor, got {self.cond.type}")
        for region, what in ((self.then_branch, "then_branch"), (self.else_branch, "else_branch")):
            term = _yield_of(region)
            if term is None:
                raise self.emit_error(f"{what} must end with tf.Yield")
            if region.blocks[0].arguments:
                raise self.emit_error(f"{what} takes no block arguments")
            _check_types(self, what, term.operands, [r.type for r in self.results])

    def compute(self, ctx, cond):
        region = self.then_branch if bool(np.asarray(cond).reshape(-1)[0]) else self.else_branch
        _, values = ctx.run_region(region)
        return values if len(self.results) != 1 else values[0]


class WhileOp(TFOp):
    """Loops over `input`: `cond` (block args: the loop values) yields a scalar bool; `body`
    yields the next loop values. Results are the loop values when `cond` is false:
    `%r = "tf.While"(%init) ({^bb0(%k: tensor<i32>): ...}, {^bb0(%k: tensor<i32>): ...}) : (tensor<i32>) -> tensor<i32>`
    """

    name = "tf.While"
    traits = (RecursiveMemoryEffects, SingleBlock)
    input = Operand(C.AnyType, variadic=True)
    output = Result(C.AnyType, variadic=True)
    parallel_iterations = Attr(C.I64Attr, default=A.IntegerAttr.get(10, T.i64))
    cond = RegionDef()
    body = RegionDef()

    def verify(self):
        types = [v.type for v in self.input]
        if len(self.results) != len(types):
            raise self.emit_error(f"has {len(self.results)} results but {len(types)} loop values")
        for i, (r, t) in enumerate(zip(self.results, types)):
            if not T.is_compatible(r.type, t) and r.type != t:
                raise self.emit_error(f"result #{i} has type {r.type}, but loop value #{i} is {t}")
        for region, what in ((self.cond, "cond"), (self.body, "body")):
            term = _yield_of(region)
            if term is None:
                raise self.emit_error(f"{what} must end with tf.Yield")
            args = region.blocks[0].arg_types
            if len(args) != len(types) or any(not T.is_compatible(a, t) and a != t for a, t in zip(args, types)):
                raise self.emit_error(f"{what} must take the loop values ({', '.join(map(str, types))}) "
                                      f"as block arguments")
        cond_values = _yield_of(self.cond).operands
        if len(cond_values) != 1 or not _is_scalar_bool(cond_values[0].type):
            raise self.emit_error("cond must yield one scalar bool tensor")
        _check_types(self, "body", _yield_of(self.body).operands, [r.type for r in self.results])

    def compute(self, ctx, values):
        values = list(values)
        while True:
            _, (keep_going,) = ctx.run_region(self.cond, values)
            if not bool(np.asarray(keep_going).reshape(-1)[0]):
                break
            _, values = ctx.run_region(self.body, values)
        return values if len(self.results) != 1 else values[0]
