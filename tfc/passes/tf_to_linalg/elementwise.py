"""Elementwise tf ops -> one `linalg.generic` each.

Covered: the elementwise arithmetic and activations (float and integer adds, subs, muls,
float division, min/max, negation, abs, square, sqrt, rsqrt, exp, log, log1p, tanh, sigmoid,
relu, relu6), with TF's broadcasting. Each becomes one `linalg.generic` whose indexing maps
broadcast its operands (a static dim of 1 against a larger dim reads index 0) into a
`tensor.empty` of the result's shape (dynamic sizes from `tensor.dim` of an operand).

    %r = "tf.AddV2"(%a, %b) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
      ->
    %e = "tensor.empty"() : () -> tensor<4x8xf32>
    %r = "linalg.generic"(%a, %b, %e) <{indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d1),
         (d0, d1) -> (d0, d1)], iterator_types = [parallel, parallel], ...}> ({
      ^bb0(%x: f32, %y: f32, %out: f32):
        %s = "arith.addf"(%x, %y) : (f32, f32) -> f32
        "linalg.yield"(%s) : (f32) -> ()
    }) : (...) -> tensor<4x8xf32>

A dynamic dim that broadcasts at run time (? against ?) is assumed to be equal.
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.affine import AffineMap
from tfc.ir.builder import Builder

from tfc.dialects import math as mathd
from tfc.dialects.arith import (AddFOp, AddIOp, DivFOp, MaximumFOp, MinimumFOp, MulFOp, MulIOp,
                                NegFOp, SubFOp, SubIOp)
from tfc.dialects.linalg.generic import GenericOp
from tfc.dialects.tf import math_ops as tfm

from tfc.passes.tf_to_linalg.common import empty_like, float_const, operand_map, unsupported


def _binary(arith_op):
    return lambda b, et, x, y: b.create(arith_op, x, y, result_types=[et]).result


def _unary(op_class):
    return lambda b, et, x: b.create(op_class, x, result_types=[et]).result


def _square(b, et, x):
    mul = MulFOp if isinstance(et, T.FloatType) else MulIOp
    return b.create(mul, x, x, result_types=[et]).result


def _relu(b, et, x):
    return b.create(MaximumFOp, x, float_const(b, 0.0, et), result_types=[et]).result


def _relu6(b, et, x):
    low = _relu(b, et, x)
    return b.create(MinimumFOp, low, float_const(b, 6.0, et), result_types=[et]).result


def _sigmoid(b, et, x):
    neg = b.create(NegFOp, x, result_types=[et]).result
    exp = b.create(mathd.ExpOp, neg, result_types=[et]).result
    den = b.create(AddFOp, exp, float_const(b, 1.0, et), result_types=[et]).result
    return b.create(DivFOp, float_const(b, 1.0, et), den, result_types=[et]).result


# tf op class -> (scalar body for floats, scalar body for integers or None)
ELEMENTWISE = {
    tfm.AddV2Op: (_binary(AddFOp), _binary(AddIOp)),
    tfm.SubOp: (_binary(SubFOp), _binary(SubIOp)),
    tfm.MulOp: (_binary(MulFOp), _binary(MulIOp)),
    tfm.RealDivOp: (_binary(DivFOp), None),
    tfm.MaximumOp: (_binary(MaximumFOp), None),
    tfm.MinimumOp: (_binary(MinimumFOp), None),
    tfm.NegOp: (_unary(NegFOp), None),
    tfm.AbsOp: (_unary(mathd.AbsFOp), None),
    tfm.SquareOp: (_square, _square),
    tfm.SqrtOp: (_unary(mathd.SqrtOp), None),
    tfm.RsqrtOp: (_unary(mathd.RsqrtOp), None),
    tfm.ExpOp: (_unary(mathd.ExpOp), None),
    tfm.LogOp: (_unary(mathd.LogOp), None),
    tfm.Log1pOp: (_unary(mathd.Log1pOp), None),
    tfm.TanhOp: (_unary(mathd.TanhOp), None),
    tfm.SigmoidOp: (_sigmoid, None),
    tfm.ReluOp: (_relu, None),
    tfm.Relu6Op: (_relu6, None),
}


def _body_for(op):
    et = T.element_type(op.results[0].type)
    rules = ELEMENTWISE.get(type(op))
    if rules is None:
        return None
    floating, integer = rules
    if isinstance(et, T.FloatType):
        return floating
    if isinstance(et, T.IntegerType) and et.width > 1:
        return integer
    return None


def lower_elementwise(op) -> None:
    """Replace one elementwise tf op by a linalg.generic."""
    body = _body_for(op)
    result_type = op.results[0].type
    operands = op.data_operands
    if body is None or not isinstance(result_type, T.TensorType):
        raise unsupported(op, "no lowering for this element type")
    if any(not isinstance(v.type, T.TensorType) for v in operands):
        raise unsupported(op, "unranked operand")
    b = Builder.before(op)
    init = empty_like(b, result_type, operands)
    maps = [operand_map(v.type, result_type) for v in operands] + [AffineMap.identity(result_type.rank)]
    et = T.element_type(result_type)

    def build_body(body_builder, args):
        return [body(body_builder, et, *args[:len(operands)])]

    generic = GenericOp.create(operands, [init], maps, ["parallel"] * result_type.rank, build_body,
                               location=op.location)
    b.insert(generic)
    op.results[0].replace_all_uses_with(generic.results[0])
    op.erase()


LOWERINGS = {op_class: lower_elementwise for op_class in ELEMENTWISE}
