"""IR types -> LLVM types, and the layout facts the translator needs about memref types.

index is i64; i1 is an i1 value but one byte in memory (the ABI's numpy bool); f16 is LLVM
half. Vectors are 1-D LLVM vectors. A memref has no single LLVM type: see memref_desc.
"""

from __future__ import annotations

from llvmlite import ir

from tfc.ir import types as T
from tfc.dialects.memref import strides_and_offset

I1 = ir.IntType(1)
I8 = ir.IntType(8)
I32 = ir.IntType(32)
I64 = ir.IntType(64)
PTR = ir.PointerType()
VOID = ir.VoidType()
F16 = ir.HalfType()
F32 = ir.FloatType()
F64 = ir.DoubleType()

BUFFER_MAX_RANK = 8
BUFFER = ir.LiteralStructType([PTR, ir.ArrayType(I64, BUFFER_MAX_RANK)])  # tfc_buffer, 72 bytes
BUFFER_SIZE = 8 + 8 * BUFFER_MAX_RANK

_FLOATS = {"f16": F16, "f32": F32, "f64": F64}


class UnsupportedError(Exception):
    """The translator cannot handle a type or an op; the caller turns it into a diagnostic."""


def scalar_type(t: T.Type) -> ir.Type:
    if isinstance(t, T.IndexType):
        return I64
    if isinstance(t, T.IntegerType):
        return ir.IntType(t.width)
    if isinstance(t, T.FloatType) and t.kind in _FLOATS:
        return _FLOATS[t.kind]
    raise UnsupportedError(f"type {t} is not supported by the CPU backend")


def value_type(t: T.Type) -> ir.Type:
    """The LLVM type of an SSA value of scalar or vector type `t`."""
    if isinstance(t, T.VectorType):
        if len(t.shape) != 1 or any(t.scalable):
            raise UnsupportedError(f"only 1-D fixed-size vectors are supported, got {t}")
        return ir.VectorType(scalar_type(t.element_type), t.shape[0])
    return scalar_type(t)


def storage_type(t: T.Type) -> ir.Type:
    """How a scalar or vector of type `t` is laid out in memory (i1 as one byte)."""
    if isinstance(t, T.VectorType):
        inner = storage_type(t.element_type)
        return ir.VectorType(inner, t.shape[0])
    return I8 if t == T.i1 else scalar_type(t)


def byte_size(t: T.Type) -> int:
    """Bytes per element of memref element type `t`."""
    if t == T.i1:
        return 1
    if isinstance(t, T.IndexType):
        return 8
    if isinstance(t, T.VectorType):
        return byte_size(t.element_type) * t.shape[0]
    if isinstance(t, (T.IntegerType, T.FloatType)):
        scalar_type(t)
        return (t.width + 7) // 8
    raise UnsupportedError(f"type {t} is not supported by the CPU backend")


def memref_layout(t: T.MemRefType) -> tuple[list, list, int | None]:
    """(sizes, strides, offset) of a memref type, None where dynamic."""
    if not isinstance(t, T.MemRefType):
        raise UnsupportedError(f"type {t} is not supported by the CPU backend (ranked memrefs only)")
    layout = strides_and_offset(t)
    if layout is None:
        raise UnsupportedError(f"memref layout of {t} is not strided")
    strides, offset = layout
    return list(t.shape), list(strides), offset


def leaf_types(t: T.Type) -> list[ir.Type]:
    """The LLVM values one IR value of type `t` travels as (function parameters, captures):
    a memref is its base pointer plus its dynamic offset, sizes and strides."""
    if isinstance(t, T.MemRefType):
        sizes, strides, offset = memref_layout(t)
        dynamic = (offset is None) + sum(s is None for s in sizes) + sum(s is None for s in strides)
        return [PTR] + [I64] * dynamic
    return [value_type(t)]


def intrinsic_suffix(t: ir.Type) -> str:
    if isinstance(t, ir.VectorType):
        return f"v{t.count}{intrinsic_suffix(t.element)}"
    if isinstance(t, ir.HalfType):
        return "f16"
    if isinstance(t, ir.FloatType):
        return "f32"
    if isinstance(t, ir.DoubleType):
        return "f64"
    if isinstance(t, ir.IntType):
        return f"i{t.width}"
    raise UnsupportedError(f"no intrinsic suffix for {t}")


def element_of(t: ir.Type) -> ir.Type:
    return t.element if isinstance(t, ir.VectorType) else t


def like(t: ir.Type, element: ir.Type) -> ir.Type:
    """`element`, as a vector when `t` is one."""
    return ir.VectorType(element, t.count) if isinstance(t, ir.VectorType) else element
