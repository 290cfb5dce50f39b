"""vector ops -> LLVM vector instructions and intrinsics (1-D vectors).

vector.load/store are (unaligned-safe: element-aligned) vector memory accesses at the
address of their indices; broadcast/splat are insertelement + shufflevector; fma is
llvm.fma; reduction is llvm.vector.reduce.* (fadd/fmul ordered, starting from the
accumulator, as the interpreter folds: acc first, then the elements in order).
"""

from __future__ import annotations

from llvmlite import ir

from tfc.ir import types as T
from tfc.dialects import vector as V
from tfc.backends.cpu.translate.arith import call_intrinsic, fastmath_flags
from tfc.backends.cpu.translate.context import as_int, lowers
from tfc.backends.cpu.translate.types import (I1, I32, UnsupportedError, byte_size,
                                              intrinsic_suffix, storage_type, value_type)


@lowers(V.LoadOp)
def _load(ctx, op):
    desc = ctx.get(op.base)
    t = op.result.type
    b = ctx.builder
    address = desc.address(ctx, [as_int(ctx.get(i)) for i in op.indices])
    value = b.load(address, typ=storage_type(t), align=byte_size(t.element_type))
    return b.trunc(value, value_type(t)) if t.element_type == T.i1 else value


@lowers(V.StoreOp)
def _store(ctx, op):
    desc = ctx.get(op.base)
    t = op.valueToStore.type
    b = ctx.builder
    value = ctx.get(op.valueToStore)
    if t.element_type == T.i1:
        value = b.zext(value, storage_type(t))
    address = desc.address(ctx, [as_int(ctx.get(i)) for i in op.indices])
    b.store(value, address, align=byte_size(t.element_type))


def splat(ctx, scalar, t: ir.VectorType):
    b = ctx.builder
    one = b.insert_element(ir.Constant(ir.VectorType(scalar.type, 1), ir.Undefined), scalar, ir.Constant(I32, 0))
    return b.shuffle_vector(one, ir.Constant(one.type, ir.Undefined), ir.Constant(ir.VectorType(I32, t.count), [0] * t.count))


@lowers(V.BroadcastOp)
def _broadcast(ctx, op):
    source = ctx.get(op.source)
    t = value_type(op.vector.type)
    if not isinstance(source.type, ir.VectorType):
        return splat(ctx, source, t)
    if source.type.count == t.count:
        return source
    if source.type.count == 1:
        return splat(ctx, ctx.builder.extract_element(source, ir.Constant(I32, 0)), t)
    raise UnsupportedError(f"broadcast of {op.source.type} to {op.vector.type}")


@lowers(V.SplatOp)
def _splat(ctx, op):
    return splat(ctx, ctx.get(op.input), value_type(op.aggregate.type))


@lowers(V.FMAOp)
def _fma(ctx, op):
    return call_intrinsic(ctx, "fma", [ctx.get(op.lhs), ctx.get(op.rhs), ctx.get(op.acc)])


# kind -> (integer intrinsic, float intrinsic) of llvm.vector.reduce.*
_REDUCE = {
    "add": ("add", "fadd"), "mul": ("mul", "fmul"), "and": ("and", None), "or": ("or", None),
    "xor": ("xor", None), "minsi": ("smin", None), "maxsi": ("smax", None), "minui": ("umin", None),
    "maxui": ("umax", None), "minnumf": (None, "fmin"), "maxnumf": (None, "fmax"),
    "minimumf": (None, "fminimum"), "maximumf": (None, "fmaximum"),
}
# combining the reduced value with the accumulator: kind -> builder method or intrinsic
_COMBINE_INT = {"add": "add", "mul": "mul", "and": "and_", "or": "or_", "xor": "xor"}
_COMBINE_INTRINSIC = {"minsi": "smin", "maxsi": "smax", "minui": "umin", "maxui": "umax",
                      "minnumf": "minnum", "maxnumf": "maxnum", "minimumf": "minimum", "maximumf": "maximum"}


@lowers(V.ReductionOp)
def _reduction(ctx, op):
    b = ctx.builder
    vector = ctx.get(op.vector)
    kind = op.kind.kind
    element = vector.type.element
    is_float = not isinstance(element, ir.IntType)
    name = _REDUCE[kind][1 if is_float else 0]
    flags = fastmath_flags(op)
    acc = ctx.get(op.acc) if op.acc is not None else None
    suffix = intrinsic_suffix(vector.type)
    if name in ("fadd", "fmul"):
        start = acc if acc is not None else ir.Constant(element, -0.0 if name == "fadd" else 1.0)
        fn = ctx.mctx.declare(f"llvm.vector.reduce.{name}.{suffix}", element, [element, vector.type])
        return b.call(fn, [start, vector], fastmath=flags)
    fn = ctx.mctx.declare(f"llvm.vector.reduce.{name}.{suffix}", element, [vector.type])
    reduced = b.call(fn, [vector], fastmath=flags)
    if element == I1 and kind in ("add", "mul"):
        raise UnsupportedError(f"reduction '{kind}' of i1 vectors")
    if acc is None:
        return reduced
    if kind in _COMBINE_INT:
        return getattr(b, _COMBINE_INT[kind])(acc, reduced)
    return call_intrinsic(ctx, _COMBINE_INTRINSIC[kind], [acc, reduced], flags=flags)


__all__ = ["splat"]
