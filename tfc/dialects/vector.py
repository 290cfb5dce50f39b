"""The vector dialect (a minimal subset): 1-D vectors loaded from and stored to memrefs,
broadcasts, fused multiply-add and reductions, with MLIR's op names and generic forms:

    %v = "vector.load"(%m, %i, %j) : (memref<?x?xf32>, index, index) -> vector<8xf32>
    "vector.store"(%v, %m, %i, %j) : (vector<8xf32>, memref<?x?xf32>, index, index) -> ()
    %b = "vector.broadcast"(%s) : (f32) -> vector<8xf32>
    %b = "vector.splat"(%s) : (f32) -> vector<8xf32>
    %r = "vector.fma"(%a, %b, %c) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    %s = "vector.reduction"(%v) <{fastmath = #arith.fastmath<none>, kind = #vector.kind<add>}>
           : (vector<8xf32>) -> f32

The CPU translator (tfc/backends/cpu/) lowers exactly these ops: vector.load, vector.store,
vector.broadcast, vector.splat, vector.fma and vector.reduction. Elementwise arithmetic on
vectors is arith's and math's (they accept vector types), constants are `arith.constant
dense<...> : vector<8xf32>`.

tfc restricts the vectors of load, store, fma and reduction to rank 1 (what the lowerings
emit). In the interpreter a vector is a numpy array of shape (n,); a load copies (a vector is
a value, not a view of its memref) and reading or writing past the end of the memref's last
dimension is an error there (undefined behaviour in compiled code: callers guarantee bounds).
"""

from __future__ import annotations

import functools

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Dialect, Op, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.arith import FastMathFlagsAttr, MaxNumFOp, MaximumFOp, MinNumFOp, MinimumFOp
from tfc.dialects.arith.attrs import FastMathAttrC
from tfc.dialects.arith.attrs import fastmath as _to_fastmath
from tfc.dialects.arith.common import finish, to_unsigned


class VectorDialect(Dialect):
    name = "vector"

    def materialize_constant(self, value, type, location):
        from tfc.dialects.arith import materialize_constant
        return materialize_constant(value, type, location)


# ----- the combining kind ------------------------------------------------------------------

def _unsigned_pick(choose):
    """min/max of two integers read as unsigned (`choose` picks from the unsigned pair)."""
    def pick(a, b):
        ua, ub = to_unsigned(a, 64), to_unsigned(b, 64)
        return a if choose(ua, ub) == ua else b
    return pick


# kind -> (numpy function combining two values, which element types it applies to); the
# float min/max kinds use arith's functions, so NaN and signed zeros behave the same.
_COMBINERS = {
    "add": (np.add, "any"), "mul": (np.multiply, "any"),
    "minui": (_unsigned_pick(min), "int"), "minsi": (np.minimum, "int"),
    "maxui": (_unsigned_pick(max), "int"), "maxsi": (np.maximum, "int"),
    "and": (np.bitwise_and, "int"), "or": (np.bitwise_or, "int"), "xor": (np.bitwise_xor, "int"),
    "minnumf": (MinNumFOp._fn, "float"), "maxnumf": (MaxNumFOp._fn, "float"),
    "minimumf": (MinimumFOp._fn, "float"), "maximumf": (MaximumFOp._fn, "float"),
}


class CombiningKindAttr(A.DialectAttr):
    """`#vector.kind<add>`: how vector.reduction combines elements (MLIR's CombiningKind)."""

    __slots__ = ()
    attr_name = "vector.kind"

    def __init__(self, name: str | None = None, params: tuple = ()):
        object.__setattr__(self, "name", name or self.attr_name)
        object.__setattr__(self, "params", tuple(str(p) for p in params))

    @staticmethod
    def get(kind: str) -> "CombiningKindAttr":
        if kind not in _COMBINERS:
            raise ValueError(f"unknown combining kind '{kind}'")
        return CombiningKindAttr("vector.kind", (kind,))

    @property
    def kind(self) -> str:
        return self.params[0]

    @classmethod
    def verify_params(cls, params: tuple) -> str | None:
        if len(params) != 1 or str(params[0]) not in _COMBINERS:
            return f"expected one of {', '.join(_COMBINERS)}"
        return None


def _kind(value) -> CombiningKindAttr:
    return value if isinstance(value, CombiningKindAttr) else CombiningKindAttr.get(value)


KindC = C.AttrOf(CombiningKindAttr, description="Kind of combining function for contractions and reductions")


# ----- constraints and helpers ----------------------------------------------------------------

RankedMemRef = C.Constraint(lambda t: isinstance(t, T.MemRefType), "memref of any type values")
FloatVector = C.Constraint(lambda t: isinstance(t, T.VectorType) and isinstance(t.element_type, T.FloatType),
                           "vector of floating-point values")
Scalar = C.Constraint(lambda t: isinstance(t, (T.IntegerType, T.IndexType, T.FloatType)),
                      "integer, index or floating-point")


def _check_1d(op: Op, t: T.VectorType) -> None:
    if t.rank != 1:
        raise op.emit_error(f"only 1-D vectors are supported, got '{t}'")
    if t.scalable and any(t.scalable):
        raise op.emit_error(f"scalable vectors are not supported, got '{t}'")


def _verify_access(op: Op, memref_type: T.MemRefType, vector_type: T.VectorType, what: str) -> None:
    """The checks vector.load and vector.store share (MLIR's messages)."""
    if memref_type.element_type != vector_type.element_type:
        raise op.emit_error(f"base and {what} element type should match")
    if len(op.indices) != memref_type.rank:
        raise op.emit_error(f"requires {memref_type.rank} indices")
    if memref_type.rank == 0:
        raise op.emit_error("expected a memref of rank at least 1")
    _check_1d(op, vector_type)


def _window(memref: np.ndarray, indices, length: int) -> tuple:
    """The numpy index of `length` elements from `indices` along the last dim (bounds checked)."""
    where = [int(i) for i in indices]
    for axis, (i, size) in enumerate(zip(where, memref.shape)):
        span = length if axis == memref.ndim - 1 else 1
        if i < 0 or i + span > size:
            raise IndexError(f"access of {span} element(s) at index {i} of dimension {axis} (size {size}) "
                             f"is out of bounds")
    return (*where[:-1], slice(where[-1], where[-1] + length))


# ----- memory access ------------------------------------------------------------------------

class LoadOp(Op):
    """Reads `n` consecutive elements along the memref's last dimension, starting at the
    indices: `%v = "vector.load"(%m, %i, %j) : (memref<4x16xf32>, index, index) -> vector<8xf32>`."""

    name = "vector.load"
    base = Operand(RankedMemRef)
    indices = Operand(C.Index, variadic=True)
    nontemporal = Attr(C.BoolAttrC, optional=True)
    result = Result(C.AnyVector)

    def verify(self):
        _verify_access(self, self.base.type, self.result.type, "result")

    def interpret(self, ctx, base, *indices):
        return np.array(base[_window(base, indices, self.result.type.shape[0])], copy=True)


class StoreOp(Op):
    """Writes a vector to consecutive elements along the memref's last dimension:
    `"vector.store"(%v, %m, %i, %j) : (vector<8xf32>, memref<4x16xf32>, index, index) -> ()`."""

    name = "vector.store"
    valueToStore = Operand(C.AnyVector)
    base = Operand(RankedMemRef)
    indices = Operand(C.Index, variadic=True)
    nontemporal = Attr(C.BoolAttrC, optional=True)

    def verify(self):
        _verify_access(self, self.base.type, self.valueToStore.type, "valueToStore")

    def interpret(self, ctx, value, base, *indices):
        base[_window(base, indices, len(value))] = value


# ----- building vectors -------------------------------------------------------------------

class BroadcastOp(Op):
    """A vector with every element equal to a scalar (or a lower-rank vector repeated along
    the leading dims): `%b = "vector.broadcast"(%s) : (f32) -> vector<8xf32>`."""

    name = "vector.broadcast"
    traits = (Pure,)
    source = Operand(C.AnyType)
    vector = Result(C.AnyVector)

    def verify(self):
        src, dst = self.source.type, self.vector.type
        if isinstance(src, T.VectorType):
            if src.rank > dst.rank:
                raise self.emit_error("source rank higher than destination rank")
            tail = dst.shape[dst.rank - src.rank:]
            if any(s != 1 and s != d for s, d in zip(src.shape, tail)):
                raise self.emit_error(f"dimension mismatch ({list(src.shape)} vs. {list(dst.shape)})")
        elif not isinstance(src, (T.IntegerType, T.IndexType, T.FloatType)):
            raise self.emit_error(f"operand #0 must be any type but not a shaped type, got '{src}'")
        if T.element_type(src) != dst.element_type:
            raise self.emit_error("failed to verify that source operand and result have same element type")

    def fold(self, constants):
        value = constants[0]
        if isinstance(value, (A.FloatAttr, A.IntegerAttr)):
            return [A.DenseElementsAttr.splat(value.value, self.vector.type)]
        return None

    def interpret(self, ctx, source):
        t = self.vector.type
        return np.array(np.broadcast_to(source, t.shape), dtype=T.numpy_dtype(t))


class SplatOp(Op):
    """A vector with every element equal to a scalar: `%b = "vector.splat"(%s) : (f32) -> vector<8xf32>`."""

    name = "vector.splat"
    traits = (Pure,)
    input = Operand(Scalar)
    aggregate = Result(C.AnyVector)

    def verify(self):
        if self.input.type != self.aggregate.type.element_type:
            raise self.emit_error("failed to verify that operand type matches element type of result")

    def fold(self, constants):
        value = constants[0]
        if isinstance(value, (A.FloatAttr, A.IntegerAttr)):
            return [A.DenseElementsAttr.splat(value.value, self.aggregate.type)]
        return None

    def interpret(self, ctx, value):
        t = self.aggregate.type
        return np.full(t.shape, value, dtype=T.numpy_dtype(t))


# ----- arithmetic -----------------------------------------------------------------------------

class FMAOp(Op):
    """Elementwise fused multiply-add `lhs * rhs + acc`:
    `%r = "vector.fma"(%a, %b, %c) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>`.

    The interpreter computes f16/bf16/f32 in float64 and rounds once (as a fused operation
    does, up to double rounding); f64 is computed unfused."""

    name = "vector.fma"
    traits = (Pure,)
    lhs = Operand(FloatVector)
    rhs = Operand(FloatVector)
    acc = Operand(FloatVector)
    result = Result(FloatVector)

    @classmethod
    def infer_type(cls, operands, properties):
        return [operands[0].type] if operands else None

    def verify(self):
        if not (self.lhs.type == self.rhs.type == self.acc.type == self.result.type):
            raise self.emit_error("failed to verify that all of {lhs, rhs, acc, result} have same type")
        _check_1d(self, self.result.type)

    def interpret(self, ctx, lhs, rhs, acc):
        dtype = T.numpy_dtype(self.result.type)
        wide = np.float64 if np.dtype(dtype).itemsize < 8 else dtype
        with np.errstate(all="ignore"):
            exact = lhs.astype(wide) * rhs.astype(wide) + acc.astype(wide)
        return exact.astype(dtype)


class ReductionOp(Op):
    """Combines the elements of a 1-D vector (and the optional accumulator, first) in order:
    `%s = "vector.reduction"(%v, %acc) <{fastmath = #arith.fastmath<none>, kind = #vector.kind<add>}>
    : (vector<8xf32>, f32) -> f32`. Float kinds: add, mul, minnumf, maxnumf, minimumf,
    maximumf; integer kinds: add, mul, minsi, minui, maxsi, maxui, and, or, xor."""

    name = "vector.reduction"
    traits = (Pure,)
    vector = Operand(C.AnyVector)
    acc = Operand(Scalar, optional=True)
    kind = Attr(KindC, convert=_kind)
    fastmath = Attr(FastMathAttrC, default=FastMathFlagsAttr.get("none"), convert=_to_fastmath)
    dest = Result(Scalar)

    @classmethod
    def infer_type(cls, operands, properties):
        return [operands[0].type.element_type] if operands else None

    def verify(self):
        t = self.vector.type
        if t.rank != 1:
            raise self.emit_error(f"unsupported reduction rank: {t.rank}")
        if self.dest.type != t.element_type:
            raise self.emit_error("failed to verify that source operand and result have same element type")
        if self.acc is not None and self.acc.type != self.dest.type:
            raise self.emit_error(f"accumulator type '{self.acc.type}' does not match result type '{self.dest.type}'")
        kind = self.kind.kind
        applies = _COMBINERS[kind][1]
        is_float = isinstance(t.element_type, T.FloatType)
        if (applies == "float" and not is_float) or (applies == "int" and is_float):
            raise self.emit_error(f"unsupported reduction type '{t.element_type}' for kind '{kind}'")

    def interpret(self, ctx, vector, acc=None):
        combine = _COMBINERS[self.kind.kind][0]
        t = self.dest.type

        def step(a, b):  # each step rounds (or wraps) to the element type, as compiled code does
            with np.errstate(all="ignore"):
                return finish(combine(a, b), t, ())

        elements = list(vector) if acc is None else [acc, *vector]
        return functools.reduce(step, elements)


__all__ = ["VectorDialect", "CombiningKindAttr", "LoadOp", "StoreOp", "BroadcastOp", "SplatOp", "FMAOp",
           "ReductionOp"]
