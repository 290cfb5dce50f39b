"""`tf-to-linalg`: tf ops on ranked tensors become `linalg.generic` ops (issue 4, first slice).

Covered so far: the elementwise arithmetic and activations (float and integer adds, subs, muls,
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

Ops it does not cover yet, ops with control inputs and ops on unranked tensors stay as they
are. A dynamic dim that broadcasts at run time (? against ?) is assumed to be equal.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from tfc.ir.builder import Builder
from tfc.ir.passes import Pass

from tfc.dialects import math as mathd
from tfc.dialects.arith import (AddFOp, AddIOp, ConstantOp, DivFOp, MaximumFOp, MinimumFOp, MulFOp, MulIOp,
                                NegFOp, SubFOp, SubIOp)
from tfc.dialects.linalg.generic import GenericOp
from tfc.dialects.tensor import DimOp, EmptyOp
from tfc.dialects.tf import math_ops as tfm


def _float_const(b: Builder, value: float, et: T.Type):
    return b.create(ConstantOp, value=A.FloatAttr.get(value, et), result_types=[et]).result


def _binary(arith_op):
    return lambda b, et, x, y: b.create(arith_op, x, y, result_types=[et]).result


def _unary(op_class):
    return lambda b, et, x: b.create(op_class, x, result_types=[et]).result


def _square(b, et, x):
    mul = MulFOp if isinstance(et, T.FloatType) else MulIOp
    return b.create(mul, x, x, result_types=[et]).result


def _relu(b, et, x):
    return b.create(MaximumFOp, x, _float_const(b, 0.0, et), result_types=[et]).result


def _relu6(b, et, x):
    low = _relu(b, et, x)
    return b.create(MinimumFOp, low, _float_const(b, 6.0, et), result_types=[et]).result


def _sigmoid(b, et, x):
    neg = b.create(NegFOp, x, result_types=[et]).result
    exp = b.create(mathd.ExpOp, neg, result_types=[et]).result
    den = b.create(AddFOp, exp, _float_const(b, 1.0, et), result_types=[et]).result
    return b.create(DivFOp, _float_const(b, 1.0, et), den, result_types=[et]).result


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


def _operand_map(operand_type: T.TensorType, result_type: T.TensorType) -> AffineMap:
    """Right-aligned broadcasting: a static 1 against another size reads index 0."""
    rank, offset = result_type.rank, result_type.rank - operand_type.rank
    results = []
    for j, d in enumerate(operand_type.shape):
        i = offset + j
        if d == 1 and result_type.shape[i] != 1:
            results.append(AffineConstantExpr(0))
        else:
            results.append(AffineDimExpr(i))
    return AffineMap(rank, 0, tuple(results))


def _empty_like(b: Builder, result_type: T.TensorType, operands):
    """A tensor.empty of `result_type`, its dynamic sizes read from operands with that dim."""
    sizes = []
    for i, d in enumerate(result_type.shape):
        if d is not None:
            continue
        source, dim = _dim_source(operands, result_type, i)
        index = b.create(ConstantOp, value=A.IntegerAttr.get(dim, T.index), result_types=[T.index]).result
        sizes.append(b.create(DimOp, source, index, result_types=[T.index]).result)
    return b.create(EmptyOp, sizes, result_types=[result_type]).result


def _dim_source(operands, result_type, i):
    for value in operands:
        t = value.type
        j = i - (result_type.rank - t.rank)
        if j >= 0 and t.shape[j] is None:
            return value, j
    raise ValueError("no operand carries the dynamic dim")  # unreachable for inferred types


def lower_elementwise(op) -> bool:
    """Replace one elementwise tf op by a linalg.generic; False when it is not covered."""
    body = _body_for(op)
    result_type = op.results[0].type
    operands = op.data_operands
    if body is None or op.control_inputs or not isinstance(result_type, T.TensorType):
        return False
    if any(not isinstance(v.type, T.TensorType) for v in operands):
        return False
    b = Builder.before(op)
    init = _empty_like(b, result_type, operands)
    maps = [_operand_map(v.type, result_type) for v in operands] + [AffineMap.identity(result_type.rank)]
    et = T.element_type(result_type)

    def build_body(body_builder, args):
        return [body(body_builder, et, *args[:len(operands)])]

    generic = GenericOp.create(operands, [init], maps, ["parallel"] * result_type.rank, build_body,
                               location=op.location)
    b.insert(generic)
    op.results[0].replace_all_uses_with(generic.results[0])
    op.erase()
    return True


class TFToLinalgPass(Pass):
    name = "tf-to-linalg"
    summary = "Lower tf ops on ranked tensors to linalg.generic (elementwise ops so far)"

    def run(self, op) -> None:
        for inner in op.walk():
            if type(inner) in ELEMENTWISE:
                lower_elementwise(inner)
