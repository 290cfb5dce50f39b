"""Elementwise tf ops -> one `linalg.generic` each (ZerosLike / OnesLike: see shapes.py).

Covered: arithmetic (AddV2, Sub, Mul, RealDiv, FloorDiv, FloorMod, Pow, Maximum, Minimum),
unary math (Neg, Abs, Square, Sqrt, Rsqrt, Exp, Log, Log1p, Tanh, Sigmoid), activations
(Relu, Relu6, Elu, Softplus), comparisons, logic, Select (TF1: a vector condition picks rows),
SelectV2 (broadcasting) and Cast, on the element types the CPU backend
computes: f16, f32, f64, signless i8..i64 and i1 (bool). Unsigned integers and bf16 raise
`UnsupportedOpError`.

Each op becomes one `linalg.generic` whose indexing maps broadcast its operands (a static dim
of 1 against a larger dim reads index 0) into a `tensor.empty` of the result's shape (dynamic
sizes from `tensor.dim` of an operand). The scalar body mirrors the op's numpy `compute` step
by step, so the lowered function computes the same bits (f16 is computed in f16, as numpy
does; `arith.maximumf` propagates NaN as `np.maximum` does):

    %r = "tf.AddV2"(%a, %b) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
      ->
    %e = "tensor.empty"() : () -> tensor<4x8xf32>
    %r = "linalg.generic"(%a, %b, %e) <{indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d1),
         (d0, d1) -> (d0, d1)], iterator_types = [parallel, parallel], ...}> ({
      ^bb0(%x: f32, %y: f32, %out: f32):
        %s = "arith.addf"(%x, %y) : (f32, f32) -> f32
        "linalg.yield"(%s) : (f32) -> ()
    }) : (...) -> tensor<4x8xf32>

A dynamic dim that broadcasts at run time (? against ?) is assumed to be equal. Integer
division by zero (an error in TF) and out-of-range float-to-integer casts are undefined.
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.affine import AffineDimExpr, AffineMap
from tfc.ir.builder import Builder

from tfc.dialects import math as mathd
from tfc.dialects.arith import (AddFOp, AddIOp, AndIOp, CmpFOp, CmpIOp, DivFOp, DivSIOp, ExtFOp,
                                ExtSIOp, ExtUIOp, FloorDivSIOp, FPToSIOp, MaximumFOp, MaxSIOp,
                                MinimumFOp, MinSIOp, MulFOp, MulIOp, NegFOp, OrIOp, RemFOp, RemSIOp,
                                SelectOp, SIToFPOp, SubFOp, SubIOp, TruncFOp, TruncIOp, UIToFPOp,
                                XOrIOp)
from tfc.dialects.linalg.generic import GenericOp
from tfc.dialects.tf import math_ops as tfm

from tfc.passes.tf_to_linalg.common import (check_broadcast, emit_check, empty_like, float_const, int_const, operand_map, replace,
                                            unsupported)

# ----- element types -----------------------------------------------------------------------------

FLOAT_KINDS = ("f16", "f32", "f64")
INT_WIDTHS = (8, 16, 32, 64)


def kind_of(et: T.Type) -> str | None:
    """'float', 'int' or 'bool' for the element types the CPU backend computes, else None."""
    if isinstance(et, T.FloatType) and et.kind in FLOAT_KINDS:
        return "float"
    if isinstance(et, T.IntegerType) and et.is_signless:
        if et.width == 1:
            return "bool"
        if et.width in INT_WIDTHS:
            return "int"
    return None


def const_like(b: Builder, value, et: T.Type):
    """A scalar constant of element type `et` (a bool for i1)."""
    if isinstance(et, T.FloatType):
        return float_const(b, float(value), et)
    return int_const(b, int(bool(value)) if et == T.i1 else int(value), et)


# ----- scalar helpers (used by the bodies here and by the reductions) ----------------------------

def cmpf(b: Builder, predicate: str, x, y):
    return b.create(CmpFOp, x, y, predicate=predicate, result_types=[T.i1]).result


def cmpi(b: Builder, predicate: str, x, y):
    return b.create(CmpIOp, x, y, predicate=predicate, result_types=[T.i1]).result


def select(b: Builder, c, x, y):
    return b.create(SelectOp, c, x, y, result_types=[x.type]).result


def _op(op_class):
    """A body that applies one arith/math op to its scalars (the result has their type)."""
    return lambda b, *args: b.create(op_class, *args, result_types=[args[0].type]).result


def _compare(predicate: str, compare=cmpf):
    return lambda b, x, y: compare(b, predicate, x, y)


def _square(b, x):
    mul = MulFOp if isinstance(x.type, T.FloatType) else MulIOp
    return b.create(mul, x, x, result_types=[x.type]).result


def _neg_int(b, x):
    return b.create(SubIOp, const_like(b, 0, x.type), x, result_types=[x.type]).result


def _relu(b, x):
    if isinstance(x.type, T.FloatType):
        return b.create(MaximumFOp, x, const_like(b, 0, x.type), result_types=[x.type]).result
    return b.create(MaxSIOp, x, const_like(b, 0, x.type), result_types=[x.type]).result


def _relu6(b, x):
    low = _relu(b, x)
    minimum = MinimumFOp if isinstance(x.type, T.FloatType) else MinSIOp
    return b.create(minimum, low, const_like(b, 6, x.type), result_types=[x.type]).result


def _sigmoid(b, x):
    # compute's stable form: e = exp(-|x|) in (0, 1]; 1 / (1 + e) for x >= 0, else e / (1 + e)
    et = x.type
    e = _op(mathd.ExpOp)(b, _op(NegFOp)(b, _op(mathd.AbsFOp)(b, x)))
    one = const_like(b, 1, et)
    den = _op(AddFOp)(b, one, e)
    return select(b, cmpf(b, "oge", x, const_like(b, 0, et)), _op(DivFOp)(b, one, den), _op(DivFOp)(b, e, den))


def _elu(b, x):
    zero = const_like(b, 0, x.type)
    negative = _op(mathd.ExpM1Op)(b, _op(MinimumFOp)(b, x, zero))
    return select(b, cmpf(b, "ogt", x, zero), x, negative)


def _softplus(b, x):
    # log1p(exp(-|x|)) + max(x, 0): no overflow for large |x|
    soft = _op(mathd.Log1pOp)(b, _op(mathd.ExpOp)(b, _op(NegFOp)(b, _op(mathd.AbsFOp)(b, x))))
    return _op(AddFOp)(b, soft, _op(MaximumFOp)(b, x, const_like(b, 0, x.type)))


def _floor_div_float(b, x, y):
    return _op(mathd.FloorOp)(b, _op(DivFOp)(b, x, y))


def _floor_mod_float(b, x, y):
    # compute: m = fmod(x, y); m + y where m != 0 and its sign differs from y's
    zero = const_like(b, 0, x.type)
    m = _op(RemFOp)(b, x, y)
    signs_differ = _op(XOrIOp)(b, cmpf(b, "olt", y, zero), cmpf(b, "olt", m, zero))
    fix = _op(AndIOp)(b, cmpf(b, "une", m, zero), signs_differ)
    return select(b, fix, _op(AddFOp)(b, m, y), m)


def _floor_mod_int(b, x, y):
    # np.mod: the truncated remainder, moved into the divisor's sign
    zero = const_like(b, 0, x.type)
    r = _op(RemSIOp)(b, x, y)
    signs_differ = _op(XOrIOp)(b, cmpi(b, "slt", y, zero), cmpi(b, "slt", r, zero))
    fix = _op(AndIOp)(b, cmpi(b, "ne", r, zero), signs_differ)
    return select(b, fix, _op(AddIOp)(b, r, y), r)


def _logical_not(b, x):
    return _op(XOrIOp)(b, x, const_like(b, True, T.i1))


def _rules(float=None, int=None, bool=None) -> dict:  # noqa: A002 - the kinds' names
    return {"float": float, "int": int, "bool": bool}


# tf op class -> scalar body per kind of the operands' element type ('float', 'int', 'bool'); a
# body takes (builder, *scalars) and returns the result scalar.
ELEMENTWISE = {
    tfm.AddV2Op: _rules(_op(AddFOp), _op(AddIOp)),
    tfm.SubOp: _rules(_op(SubFOp), _op(SubIOp)),
    tfm.MulOp: _rules(_op(MulFOp), _op(MulIOp)),
    tfm.RealDivOp: _rules(_op(DivFOp), _op(DivSIOp)),  # integers divide toward zero
    tfm.FloorDivOp: _rules(_floor_div_float, _op(FloorDivSIOp)),
    tfm.FloorModOp: _rules(_floor_mod_float, _floor_mod_int),
    tfm.PowOp: _rules(_op(mathd.PowFOp), _op(mathd.IPowIOp)),
    tfm.MaximumOp: _rules(_op(MaximumFOp), _op(MaxSIOp)),
    tfm.MinimumOp: _rules(_op(MinimumFOp), _op(MinSIOp)),
    tfm.NegOp: _rules(_op(NegFOp), _neg_int),
    tfm.AbsOp: _rules(_op(mathd.AbsFOp), _op(mathd.AbsIOp)),
    tfm.SquareOp: _rules(_square, _square),
    tfm.SqrtOp: _rules(_op(mathd.SqrtOp)),
    tfm.RsqrtOp: _rules(_op(mathd.RsqrtOp)),
    tfm.ExpOp: _rules(_op(mathd.ExpOp)),
    tfm.LogOp: _rules(_op(mathd.LogOp)),
    tfm.Log1pOp: _rules(_op(mathd.Log1pOp)),
    tfm.TanhOp: _rules(_op(mathd.TanhOp)),
    tfm.SigmoidOp: _rules(_sigmoid),
    tfm.ReluOp: _rules(_relu, _relu),
    tfm.Relu6Op: _rules(_relu6, _relu6),
    tfm.EluOp: _rules(_elu),
    tfm.SoftplusOp: _rules(_softplus),
    # comparisons: NaN compares false, except NotEqual (numpy's != is true for NaN)
    tfm.EqualOp: _rules(_compare("oeq"), _compare("eq", cmpi), _compare("eq", cmpi)),
    tfm.NotEqualOp: _rules(_compare("une"), _compare("ne", cmpi), _compare("ne", cmpi)),
    tfm.LessOp: _rules(_compare("olt"), _compare("slt", cmpi)),
    tfm.LessEqualOp: _rules(_compare("ole"), _compare("sle", cmpi)),
    tfm.GreaterOp: _rules(_compare("ogt"), _compare("sgt", cmpi)),
    tfm.GreaterEqualOp: _rules(_compare("oge"), _compare("sge", cmpi)),
    tfm.LogicalAndOp: _rules(bool=_op(AndIOp)),
    tfm.LogicalOrOp: _rules(bool=_op(OrIOp)),
    tfm.LogicalNotOp: _rules(bool=_logical_not),
}


# ----- building the generic ------------------------------------------------------------------------

def ranked_operands(op) -> list:
    """The data operands and results, checked to be ranked tensors of computable types."""
    values = [*op.data_operands, *op.results]
    for v in values:
        if not isinstance(v.type, T.TensorType):
            raise unsupported(op, f"unranked or non-tensor type {v.type}")
        if kind_of(v.type.element_type) is None:
            raise unsupported(op, f"element type {v.type.element_type}")
    return list(op.data_operands)


def build_generic(op, operands, maps, body, shape_sources=None) -> None:
    """Replace `op`'s one result by a parallel linalg.generic of `body(builder, *scalars)`;
    dynamic result sizes come from `shape_sources` (default: the operands), right-aligned."""
    result_type = op.results[0].type
    b = Builder.before(op, op.location)
    init = empty_like(b, result_type, operands if shape_sources is None else shape_sources)
    maps = list(maps) + [AffineMap.identity(result_type.rank)]

    def build_body(body_builder, args):
        return [body(body_builder, *args[:len(operands)])]

    generic = GenericOp.create(operands, [init], maps, ["parallel"] * result_type.rank, build_body,
                               location=op.location)
    b.insert(generic)
    replace(op, generic.results)


def broadcast_maps(operands, result_type) -> list:
    return [operand_map(v.type, result_type) for v in operands]


# tf op class -> (what every element of the second operand must satisfy, TF's message), for
# integer operands: the run-time errors TensorFlow raises.
INTEGER_CHECKS = {
    tfm.RealDivOp: (lambda b, y: cmpi(b, "ne", y, const_like(b, 0, y.type)), "Integer division by zero"),
    tfm.FloorDivOp: (lambda b, y: cmpi(b, "ne", y, const_like(b, 0, y.type)), "Integer division by zero"),
    tfm.FloorModOp: (lambda b, y: cmpi(b, "ne", y, const_like(b, 0, y.type)), "Integer division by zero"),
    tfm.PowOp: (lambda b, y: cmpi(b, "sge", y, const_like(b, 0, y.type)),
                "Integers to negative powers are not allowed"),
}


def lower_elementwise(op) -> None:
    """Replace one elementwise tf op by a linalg.generic (after its run-time check, if any)."""
    operands = ranked_operands(op)
    kind = kind_of(operands[0].type.element_type)
    body = ELEMENTWISE[type(op)][kind]
    if body is None:
        raise unsupported(op, f"no lowering for element type {operands[0].type.element_type}")
    check = INTEGER_CHECKS.get(type(op)) if kind == "int" else None
    if check is not None:
        emit_check(Builder.before(op, op.location), op, operands[1], *check)
    check_broadcast(Builder.before(op, op.location), op, operands, op.results[0].type)
    build_generic(op, operands, broadcast_maps(operands, op.results[0].type), body)


# ----- selection -----------------------------------------------------------------------------------

def lower_select(op) -> None:
    """TF1 Select: a scalar condition picks a whole operand, a vector one picks rows, otherwise
    the condition has the operands' shape (no broadcasting)."""
    condition, t, e = ranked_operands(op)
    result_type = op.results[0].type
    rank = result_type.rank
    if condition.type.rank == 1 and rank > 1:
        condition_map = AffineMap(rank, 0, (AffineDimExpr(0),))
    elif condition.type.rank in (0, rank):
        condition_map = AffineMap(rank, 0, tuple(AffineDimExpr(i) for i in range(condition.type.rank)))
    else:
        raise unsupported(op, "condition rank does not fit the operands")
    identity = AffineMap.identity(rank)
    build_generic(op, [condition, t, e], [condition_map, identity, identity], select, shape_sources=[t, e])


def lower_select_v2(op) -> None:
    operands = ranked_operands(op)
    check_broadcast(Builder.before(op, op.location), op, operands, op.results[0].type)
    build_generic(op, operands, broadcast_maps(operands, op.results[0].type), select)


# ----- casts ---------------------------------------------------------------------------------------

def cast_scalar(b: Builder, x, dst: T.Type):
    """TF's cast of one scalar: float -> int truncates toward zero, anything -> bool is `!= 0`,
    bool -> number is 0 or 1, ints wrap (numpy's astype)."""
    src = x.type
    if src == dst:
        return x
    src_kind, dst_kind = kind_of(src), kind_of(dst)
    if dst_kind == "bool":
        zero = const_like(b, 0, src)
        return cmpf(b, "une", x, zero) if src_kind == "float" else cmpi(b, "ne", x, zero)
    if src_kind == "float" and dst_kind == "float":
        cast = ExtFOp if dst.width > src.width else TruncFOp
    elif src_kind == "float":
        cast = FPToSIOp
    elif dst_kind == "float":
        cast = UIToFPOp if src_kind == "bool" else SIToFPOp
    elif src_kind == "bool":
        cast = ExtUIOp
    else:
        cast = ExtSIOp if dst.width > src.width else TruncIOp
    return b.create(cast, x, result_types=[dst]).result


def lower_cast(op) -> None:
    (x,) = ranked_operands(op)
    dst = op.results[0].type.element_type
    if x.type == op.results[0].type:
        replace(op, [x])
        return
    build_generic(op, [x], [AffineMap.identity(x.type.rank)], lambda b, v: cast_scalar(b, v, dst))


LOWERINGS = {op_class: lower_elementwise for op_class in ELEMENTWISE}
LOWERINGS.update({
    tfm.SelectOp: lower_select,
    tfm.SelectV2Op: lower_select_v2,
    tfm.CastOp: lower_cast,
})
