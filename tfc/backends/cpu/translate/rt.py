"""rt ops -> calls into the C runtime (runtime/include/tfc_runtime.h).

    "rt.print"(%a, %b) <{message = "m", summarize = 3, first_n = 2}>
      ->
    status = tfc_print("m", 2, args, 3, 2, &count)   ; args: tfc_print_arg[2] on the stack
    (fail with status when it is non-zero; tfc_print has set the error)

Each rt.print gets its own i64 counter, a global of the module initialized to 0, so
`first_n` counts the runs of this op in this loaded module (one JIT module per Session
signature; one per process for a `tfc compile` library), where the interpreter counts per
op and Session across signatures.
"""

from __future__ import annotations

from llvmlite import ir

from tfc.ir import types as T
from tfc.dialects import rt
from tfc.backends.cpu.translate.context import lowers
from tfc.backends.cpu.translate.types import I32, I64, PTR, UnsupportedError

# tfc_print_arg: {int32_t dtype, int32_t rank, const int64_t *sizes, const int64_t *strides, const void *data}
PRINT_ARG = ir.LiteralStructType([I32, I32, PTR, PTR, PTR])

# IR element type -> tfc_dtype (runtime/include/tfc_runtime.h)
_FLOAT_DTYPES = {"f16": 1, "bf16": 2, "f32": 3, "f64": 4}
_SIGNED_DTYPES = {8: 5, 16: 6, 32: 7, 64: 8}
_UNSIGNED_DTYPES = {8: 9, 16: 10, 32: 11, 64: 12}
TFC_BOOL = 13


def dtype_code(t: T.Type) -> int:
    if isinstance(t, T.IndexType):
        return _SIGNED_DTYPES[64]
    if isinstance(t, T.FloatType) and t.kind in _FLOAT_DTYPES:
        return _FLOAT_DTYPES[t.kind]
    if isinstance(t, T.IntegerType):
        if t.width == 1:
            return TFC_BOOL
        table = _UNSIGNED_DTYPES if t.signedness == "u" else _SIGNED_DTYPES
        if t.width in table:
            return table[t.width]
    raise UnsupportedError(f"cannot print elements of type {t}")


def _index_array(ctx, values):
    """A stack array of i64 holding `values` (ints or i64 values); NULL when empty."""
    if not values:
        return ir.Constant(PTR, None)
    array_type = ir.ArrayType(I64, len(values))
    array = ctx.entry_alloca(array_type)
    for k, value in enumerate(values):
        slot = ctx.builder.gep(array, [ir.Constant(I64, 0), ir.Constant(I64, k)], source_etype=array_type)
        ctx.builder.store(ctx.ir_index(value), slot)
    return array


def _fill_arg(ctx, slot, desc) -> None:
    b = ctx.builder
    rank = len(desc.sizes)
    fields = [ir.Constant(I32, dtype_code(desc.element_type)), ir.Constant(I32, rank),
              _index_array(ctx, desc.sizes), _index_array(ctx, desc.strides), desc.address(ctx, [0] * rank)]
    for k, value in enumerate(fields):
        b.store(value, b.gep(slot, [ir.Constant(I32, 0), ir.Constant(I32, k)], source_etype=PRINT_ARG))


def _counter(mctx) -> ir.GlobalVariable:
    counter = ir.GlobalVariable(mctx.llmod, I64, mctx.unique("tfc.print.count"))
    counter.initializer = ir.Constant(I64, 0)
    counter.linkage = "internal"
    return counter


@lowers(rt.PrintOp)
def _print(ctx, op):
    b = ctx.builder
    descs = [ctx.get(v) for v in op.data]
    if any(not isinstance(v.type, T.MemRefType) for v in op.data):
        raise UnsupportedError("rt.print takes memrefs here (run bufferize first)")
    args = ir.Constant(PTR, None)
    if descs:
        args = ctx.entry_alloca(ir.ArrayType(PRINT_ARG, len(descs)))
        for k, desc in enumerate(descs):
            slot = b.gep(args, [ir.Constant(I64, 0), ir.Constant(I64, k)],
                         source_etype=ir.ArrayType(PRINT_ARG, len(descs)))
            _fill_arg(ctx, slot, desc)
    tfc_print = ctx.mctx.declare("tfc_print", I32, [PTR, I32, PTR, I64, I64, PTR])
    status = b.call(tfc_print, [ctx.mctx.string(op.message.value), ir.Constant(I32, len(descs)), args,
                                ir.Constant(I64, op.summarize.value), ir.Constant(I64, op.first_n.value),
                                _counter(ctx.mctx)])
    ctx.fail_if(b.icmp_signed("!=", status, ir.Constant(I32, 0)), status, None)
