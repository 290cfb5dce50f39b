"""builtin.module and func -> LLVM functions, with the compiled-function ABI wrapper.

Every func.func with a body becomes an internal function

    i32 impl(ptr pool, ptr results, <leaves of the arguments>...)

returning a status (0 or a TFC_ERR_* code with the error set) and storing the leaves of its
results into the struct at `results`; the pool is threaded through every call so parallel
loops anywhere run on it. A public function also gets the ABI wrapper (docs/cpu_backend.md)

    i32 name(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool)

which reads data pointers and dynamic dims from `args`, calls the impl, and fills `results`
with buffers the caller owns (tfc_alloc). A returned memref is handed over as is when it is
a row-major buffer the function allocated; one that may alias something else (an argument,
a global, a stack buffer, a strided view, a value returned twice) is copied into a fresh
buffer first. Scalars travel as rank-0 buffers. A private declaration is a C function
(scalar arguments and at most one scalar result), e.g. from libm.
"""

from __future__ import annotations

from dataclasses import dataclass

from llvmlite import ir

from tfc.ir import types as T
from tfc.ir.core import BlockArgument
from tfc.ir.symbols import visibility_of
from tfc.dialects import func as F
from tfc.dialects import memref as M
from tfc.backends.cpu.translate.context import FunctionContext, lowers, unsupported
from tfc.backends.cpu.translate.memref import copy_elements, heap_alloc, load_element, store_element
from tfc.backends.cpu.translate.memref_desc import MemRefDesc, row_major_strides, to_leaves
from tfc.backends.cpu.translate.scf import unflatten
from tfc.backends.cpu.translate.types import (BUFFER, BUFFER_MAX_RANK, I32, I64, PTR, VOID,
                                              UnsupportedError, leaf_types, value_type)


@dataclass
class FunctionInfo:
    op: F.FuncOp
    fn: ir.Function
    external: bool
    results: ir.LiteralStructType | None = None


def _result_struct(types) -> ir.LiteralStructType:
    return ir.LiteralStructType([lt for t in types for lt in leaf_types(t)])


def declare_function(mctx, op: F.FuncOp, called: set) -> FunctionInfo:
    name = op.sym_name.value
    ftype = op.type
    if op.is_declaration:
        if any(isinstance(t, T.ShapedType) for t in (*ftype.inputs, *ftype.results)) or len(ftype.results) > 1:
            raise unsupported(op, "an external function may take and return scalars only (at most one result)")
        ret = value_type(ftype.results[0]) if ftype.results else VOID
        return FunctionInfo(op, mctx.declare(name, ret, [value_type(t) for t in ftype.inputs]), external=True)
    params = [PTR, PTR] + [lt for t in ftype.inputs for lt in leaf_types(t)]
    public = visibility_of(op) == "public"
    # ".impl" cannot clash with a C symbol (libm, the runtime) the module also calls
    fn = ir.Function(mctx.llmod, ir.FunctionType(I32, params), f"{name}.impl")
    fn.linkage = "internal"
    fn.attributes.add("nounwind")
    if public and name not in called:
        # Only the ABI wrapper calls it: arguments are distinct buffers (the ABI's rule).
        for arg, t in zip(_arg_params(fn, ftype.inputs), ftype.inputs):
            if isinstance(t, T.MemRefType):
                arg.add_attribute("noalias")
    return FunctionInfo(op, fn, external=False, results=_result_struct(ftype.results))


def _arg_params(fn: ir.Function, inputs) -> list:
    """The base-pointer parameter of each argument (the first of its leaves)."""
    out, index = [], 2
    for t in inputs:
        out.append(fn.args[index])
        index += len(leaf_types(t))
    return out


def translate_function(mctx, info: FunctionInfo) -> None:
    op = info.op
    if len(op.regions[0].blocks) != 1:
        raise unsupported(op, "functions with more than one block are not supported by the CPU backend")
    fn = info.fn
    ctx = FunctionContext(mctx, fn, pool=fn.args[0])
    args = unflatten(op.type.inputs, list(fn.args[2:]))
    ret = ctx.translate_block(op.entry, args)
    if not isinstance(ret, F.ReturnOp):
        raise unsupported(op, "function body must end in func.return")
    values = [_off_the_stack(ctx, v, j, op) for j, v in enumerate(ret.operands)]
    leaves = [leaf for v, value in zip(ret.operands, values) for leaf in to_leaves(value, v.type)]
    _store_results(ctx, fn.args[1], info.results, leaves)
    ctx.builder.ret(ir.Constant(I32, 0))


def _root(value):
    """The buffer a memref value views (through casts and reshapes)."""
    while isinstance(value.defining_op, (M.CastOp, M.CollapseShapeOp, M.ExpandShapeOp)):
        value = value.defining_op.operands[0]
    return value


def _off_the_stack(ctx, value, j: int, op):
    """A returned memref.alloca buffer dies with this function's frame: return a heap copy."""
    translated = ctx.get(value)
    if not isinstance(_root(value).defining_op, M.AllocaOp):
        return translated
    plain = T.MemRefType(value.type.shape, value.type.element_type)
    fresh = heap_alloc(ctx, plain, translated.sizes, f"out of memory returning result #{j} of @{op.sym_name.value}")
    copy_elements(ctx, translated, fresh)
    return MemRefDesc.make(value.type, fresh.base, 0, fresh.sizes, fresh.strides)


def _store_results(ctx, out, struct, leaves) -> None:
    zero = ir.Constant(I32, 0)
    for i, leaf in enumerate(leaves):
        ctx.builder.store(leaf, ctx.builder.gep(out, [zero, ir.Constant(I32, i)], source_etype=struct))


def _load_results(ctx, out, struct) -> list:
    zero = ir.Constant(I32, 0)
    return [ctx.builder.load(ctx.builder.gep(out, [zero, ir.Constant(I32, i)], source_etype=struct), typ=t)
            for i, t in enumerate(struct.elements)]


def call_function(ctx, info: FunctionInfo, args: list, result_types) -> list:
    """Call a translated function from `ctx`; a failure propagates to ctx's caller."""
    b = ctx.builder
    if info.external:
        value = b.call(info.fn, args)
        return [value] if result_types else []
    leaves = [leaf for value, t in zip(args, info.op.type.inputs) for leaf in (value.leaves() if isinstance(t, T.MemRefType) else [value])]
    out = ctx.entry_alloca(info.results) if info.results.elements else ir.Constant(PTR, None)
    status = b.call(info.fn, [ctx.pool if ctx.pool is not None else ir.Constant(PTR, None), out, *leaves])
    ctx.fail_if(b.icmp_signed("!=", status, ir.Constant(I32, 0)), status, None)
    return unflatten(result_types, _load_results(ctx, out, info.results)) if info.results.elements else []


@lowers(F.CallOp)
def _call(ctx, op):
    info = ctx.mctx.functions.get(op.callee.root)
    if info is None:
        raise UnsupportedError(f"call to unknown function @{op.callee.root}")
    return call_function(ctx, info, [ctx.get(v) for v in op.operands], op.result_types)


# ----- the ABI wrapper ---------------------------------------------------------------------------

def _owned_results(op: F.FuncOp) -> list[bool]:
    """Per result: True when the returned memref is certainly a buffer this call allocated
    with memref.alloc (row-major), returned once; False when it must be copied."""
    ret = op.entry.last
    owned, seen = [], set()
    for value in ret.operands:
        root = _root(value)
        # (a returned alloca is already a heap copy: _off_the_stack)
        borrowed = isinstance(root, BlockArgument) or isinstance(root.defining_op, (M.GetGlobalOp, M.SubViewOp))
        owned.append(not borrowed and root not in seen and isinstance(value.type, T.MemRefType)
                     and value.type.layout is None)
        seen.add(root)
    return owned


def _check_rank(op, t) -> None:
    if isinstance(t, T.ShapedType) and t.rank > BUFFER_MAX_RANK:
        raise unsupported(op, f"type {t} has more than {BUFFER_MAX_RANK} dimensions (the ABI's limit)")
    if isinstance(t, T.MemRefType) and t.layout is not None:
        raise unsupported(op, f"public function arguments and results are row-major buffers, got {t}")


def emit_wrapper(mctx, info: FunctionInfo) -> None:
    op = info.op
    name = op.sym_name.value
    ftype = op.type
    for t in (*ftype.inputs, *ftype.results):
        _check_rank(op, t)
    if name in mctx.llmod.globals:
        raise unsupported(op, f"public function @{name} has the name of a C library or runtime function it calls")
    fn = ir.Function(mctx.llmod, ir.FunctionType(I32, [PTR, PTR, PTR]), name)
    fn.attributes.add("nounwind")
    ctx = FunctionContext(mctx, fn, pool=fn.args[2])
    b = ctx.builder
    zero = ir.Constant(I32, 0)

    def buffer_field(base, index, field, dim=None):
        indices = [ir.Constant(I64, index), ir.Constant(I32, field)]
        if dim is not None:
            indices.append(ir.Constant(I32, dim))
        return b.gep(base, indices, source_etype=BUFFER)

    def store_buffer(j, desc):
        b.store(desc.base, buffer_field(fn.args[1], j, 0))
        for k, size in enumerate(desc.sizes):
            b.store(ctx.ir_index(size), buffer_field(fn.args[1], j, 1, k))

    args = []
    for i, t in enumerate(ftype.inputs):
        data = b.load(buffer_field(fn.args[0], i, 0), typ=PTR)
        if isinstance(t, T.MemRefType):
            sizes = [d if d is not None else b.load(buffer_field(fn.args[0], i, 1, k), typ=I64)
                     for k, d in enumerate(t.shape)]
            args.append(MemRefDesc.make(t, data, 0, sizes, row_major_strides(ctx, sizes)))
        else:
            args.append(load_element(ctx, MemRefDesc(T.MemRefType((), t), data, 0, [], []), []))
    results = call_function(ctx, info, args, ftype.results)
    owned = _owned_results(op)
    # Hand over the buffers this call allocated first: should a copy below fail, they are
    # already in `results`, where the caller frees them (docs/cpu_backend.md).
    for j, (value, t) in enumerate(zip(results, ftype.results)):
        if isinstance(t, T.MemRefType) and owned[j]:
            store_buffer(j, value)
    for j, (value, t) in enumerate(zip(results, ftype.results)):
        if isinstance(t, T.MemRefType):
            if not owned[j]:
                plain = T.MemRefType(t.shape, t.element_type)
                fresh = heap_alloc(ctx, plain, value.sizes, f"out of memory copying result #{j} of @{name}")
                copy_elements(ctx, value, fresh)
                store_buffer(j, fresh)
            continue
        scalar = heap_alloc(ctx, T.MemRefType((), t), [], f"out of memory returning result #{j} of @{name}")
        store_element(ctx, scalar, [], value)
        b.store(scalar.base, buffer_field(fn.args[1], j, 0))
    b.ret(zero)
