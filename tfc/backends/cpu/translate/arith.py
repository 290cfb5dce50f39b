"""arith ops -> LLVM instructions, on scalars and 1-D vectors alike.

Integer ops map one to one (flags carried over); the rounding divisions are spelled with
sdiv/srem fix-ups; maximumf/minimumf are llvm.maximum/minimum (NaN-propagating, -0 < +0, as
MLIR's semantics), maxnumf/minnumf are llvm.maxnum/minnum. Fast-math flags carry over.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.dialects import arith as AR
from tfc.backends.cpu.translate.context import lowers
from tfc.backends.cpu.translate.types import (I1, UnsupportedError, element_of, intrinsic_suffix,
                                              like, scalar_type, value_type)


def fastmath_flags(op) -> tuple:
    attr = getattr(op, "fastmath", None)
    if attr is None:
        return ()
    flags = attr.flags
    if flags >= {"reassoc", "nnan", "ninf", "nsz", "arcp", "contract", "afn"}:
        return ("fast",)
    return tuple(sorted(flags))


def overflow_flags(op) -> tuple:
    attr = getattr(op, "overflowFlags", None)
    return tuple(sorted(attr.flags)) if attr is not None else ()


def call_intrinsic(ctx, name: str, args, ret=None, flags=()):
    """Call llvm.<name>.<suffix of the first argument's type> (declared on first use)."""
    ret = ret if ret is not None else args[0].type
    fn = ctx.mctx.declare(f"llvm.{name}.{intrinsic_suffix(args[0].type)}", ret, [a.type for a in args])
    return ctx.builder.call(fn, list(args), fastmath=flags)


# ----- constants ------------------------------------------------------------------------------

def scalar_constant(t: T.Type, value) -> ir.Constant:
    lt = scalar_type(t)
    if isinstance(lt, ir.IntType):
        v = int(value) & ((1 << lt.width) - 1)
        if lt.width > 1 and v >= 1 << (lt.width - 1):
            v -= 1 << lt.width
        return ir.Constant(lt, v)
    return ir.Constant(lt, float(value))


def constant(t: T.Type, attr) -> ir.Constant:
    if isinstance(attr, A.DenseElementsAttr):
        if not isinstance(t, T.VectorType):
            raise UnsupportedError(f"constant of type {t}: only scalars and vectors exist at this level")
        values = np.broadcast_to(attr.data, t.shape).reshape(-1)
        return ir.Constant(value_type(t), [scalar_constant(t.element_type, v) for v in values])
    if isinstance(attr, (A.IntegerAttr, A.BoolAttr, A.FloatAttr)):
        return scalar_constant(t, attr.value)
    raise UnsupportedError(f"constant attribute {attr}")


@lowers(AR.ConstantOp)
def _constant(ctx, op):
    return constant(op.result.type, op.value)


# ----- integer ----------------------------------------------------------------------------------

_INT_BINARY = {
    AR.AddIOp: "add", AR.SubIOp: "sub", AR.MulIOp: "mul", AR.DivSIOp: "sdiv", AR.DivUIOp: "udiv",
    AR.RemSIOp: "srem", AR.RemUIOp: "urem", AR.AndIOp: "and_", AR.OrIOp: "or_", AR.XOrIOp: "xor",
    AR.ShLIOp: "shl", AR.ShRSIOp: "ashr", AR.ShRUIOp: "lshr",
}
_WITH_FLAGS = ("add", "sub", "mul", "shl")


@lowers(*_INT_BINARY)
def _int_binary(ctx, op):
    method = _INT_BINARY[type(op)]
    a, b = ctx.get(op.lhs), ctx.get(op.rhs)
    if method in _WITH_FLAGS:
        return getattr(ctx.builder, method)(a, b, flags=overflow_flags(op))
    return getattr(ctx.builder, method)(a, b)


def _zero_like(v):
    return ir.Constant(v.type, 0) if not isinstance(v.type, ir.VectorType) else ir.Constant(v.type, [ir.Constant(v.type.element, 0)] * v.type.count)


def _splat(t: ir.Type, scalar: ir.Constant) -> ir.Constant:
    return ir.Constant(t, [scalar] * t.count) if isinstance(t, ir.VectorType) else scalar


@lowers(AR.FloorDivSIOp, AR.CeilDivSIOp)
def _rounding_sdiv(ctx, op):
    """q = a sdiv b, moved by one toward -inf (floor) or +inf (ceil) when inexact and the
    exact quotient's sign calls for it."""
    b = ctx.builder
    x, y = ctx.get(op.lhs), ctx.get(op.rhs)
    zero = _zero_like(x)
    q, r = b.sdiv(x, y), b.srem(x, y)
    inexact = b.icmp_signed("!=", r, zero)
    same_sign = b.icmp_signed("==", b.icmp_signed("<", r, zero), b.icmp_signed("<", y, zero))
    one = _splat(x.type, ir.Constant(element_of(x.type), 1))
    if isinstance(op, AR.CeilDivSIOp):
        return b.select(b.and_(inexact, same_sign), b.add(q, one), q)
    return b.select(b.and_(inexact, b.not_(same_sign)), b.sub(q, one), q)


@lowers(AR.CeilDivUIOp)
def _ceildivui(ctx, op):
    b = ctx.builder
    x, y = ctx.get(op.lhs), ctx.get(op.rhs)
    q, r = b.udiv(x, y), b.urem(x, y)
    return b.add(q, b.zext(b.icmp_unsigned("!=", r, _zero_like(x)), x.type))


_INT_MINMAX = {AR.MaxSIOp: "smax", AR.MaxUIOp: "umax", AR.MinSIOp: "smin", AR.MinUIOp: "umin"}


@lowers(*_INT_MINMAX)
def _int_minmax(ctx, op):
    return call_intrinsic(ctx, _INT_MINMAX[type(op)], [ctx.get(op.lhs), ctx.get(op.rhs)])


_CMPI = {"eq": ("u", "=="), "ne": ("u", "!="), "slt": ("s", "<"), "sle": ("s", "<="), "sgt": ("s", ">"),
         "sge": ("s", ">="), "ult": ("u", "<"), "ule": ("u", "<="), "ugt": ("u", ">"), "uge": ("u", ">=")}


@lowers(AR.CmpIOp)
def _cmpi(ctx, op):
    sign, pred = _CMPI[op.predicate_name]
    a, b = ctx.get(op.lhs), ctx.get(op.rhs)
    compare = ctx.builder.icmp_signed if sign == "s" else ctx.builder.icmp_unsigned
    return compare(pred, a, b)


@lowers(AR.SelectOp)
def _select(ctx, op):
    return ctx.builder.select(ctx.get(op.condition), ctx.get(op.true_value), ctx.get(op.false_value))


# ----- float ------------------------------------------------------------------------------------

_FLOAT_BINARY = {AR.AddFOp: "fadd", AR.SubFOp: "fsub", AR.MulFOp: "fmul", AR.DivFOp: "fdiv", AR.RemFOp: "frem"}
_FLOAT_MINMAX = {AR.MaximumFOp: "maximum", AR.MinimumFOp: "minimum", AR.MaxNumFOp: "maxnum", AR.MinNumFOp: "minnum"}


@lowers(*_FLOAT_BINARY)
def _float_binary(ctx, op):
    return getattr(ctx.builder, _FLOAT_BINARY[type(op)])(ctx.get(op.lhs), ctx.get(op.rhs), flags=fastmath_flags(op))


@lowers(*_FLOAT_MINMAX)
def _float_minmax(ctx, op):
    return call_intrinsic(ctx, _FLOAT_MINMAX[type(op)], [ctx.get(op.lhs), ctx.get(op.rhs)], flags=fastmath_flags(op))


@lowers(AR.NegFOp)
def _negf(ctx, op):
    return ctx.builder.fneg(ctx.get(op.operand_), flags=fastmath_flags(op))


_CMPF_ORDERED = {"oeq": "==", "ogt": ">", "oge": ">=", "olt": "<", "ole": "<=", "one": "!=", "ord": "ord"}
_CMPF_UNORDERED = {"ueq": "==", "ugt": ">", "uge": ">=", "ult": "<", "ule": "<=", "une": "!=", "uno": "uno"}


@lowers(AR.CmpFOp)
def _cmpf(ctx, op):
    name = op.predicate_name
    a, b = ctx.get(op.lhs), ctx.get(op.rhs)
    if name in ("false", "true"):
        return _splat(like(a.type, I1), ir.Constant(I1, int(name == "true")))
    flags = fastmath_flags(op)
    if name in _CMPF_ORDERED:
        return ctx.builder.fcmp_ordered(_CMPF_ORDERED[name], a, b, flags=flags)
    return ctx.builder.fcmp_unordered(_CMPF_UNORDERED[name], a, b, flags=flags)


# ----- casts ------------------------------------------------------------------------------------

_SIMPLE_CASTS = {AR.ExtSIOp: "sext", AR.ExtUIOp: "zext", AR.TruncIOp: "trunc", AR.ExtFOp: "fpext",
                 AR.SIToFPOp: "sitofp", AR.UIToFPOp: "uitofp", AR.FPToSIOp: "fptosi", AR.FPToUIOp: "fptoui",
                 AR.BitcastOp: "bitcast"}


@lowers(*_SIMPLE_CASTS)
def _simple_cast(ctx, op):
    return getattr(ctx.builder, _SIMPLE_CASTS[type(op)])(ctx.get(op.operands[0]), value_type(op.results[0].type))


@lowers(AR.TruncFOp)
def _truncf(ctx, op):
    if op.roundingmode is not None and op.roundingmode.value != 0:
        raise UnsupportedError("truncf rounds to nearest even only")
    return ctx.builder.fptrunc(ctx.get(op.in_), value_type(op.out.type))


@lowers(AR.IndexCastOp, AR.IndexCastUIOp)
def _index_cast(ctx, op):
    value = ctx.get(op.in_)
    target = value_type(op.out.type)
    src_width, dst_width = element_of(value.type).width, element_of(target).width
    if src_width == dst_width:
        return value
    if src_width > dst_width:
        return ctx.builder.trunc(value, target)
    extend = ctx.builder.zext if isinstance(op, AR.IndexCastUIOp) else ctx.builder.sext
    return extend(value, target)
