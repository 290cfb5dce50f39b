"""The driver: one func.func at a time, the tensor body is translated op by op into a new
memref body (the old body stays untouched until the end, so every order and alias question
is asked of the IR as written), then the new body replaces it and deallocs are placed.

Function boundary: a tensor argument becomes a memref argument of the same shape (identity
layout), read-only to the function; memref arguments (variables) are kept. Each returned
tensor becomes a memref result that the caller owns: the buffer itself when it is a fresh
allocation of this function (whole, identity layout, not already returned), else a copy
(an argument, a variable, a global, a view, or a buffer returned twice). Argument
attributes are kept.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.builder import Builder
from tfc.ir.core import Block
from tfc.ir.traits import IsTerminator

from tfc.dialects import func as funcd
from tfc.dialects.bufferization import memref_type_for
from tfc.dialects.linalg.base import StructuredMixin
from tfc.passes.bufferize import control_flow, runtime_ops, tensor_ops
from tfc.passes.bufferize.analysis import is_tensor
from tfc.passes.bufferize.buffers import Context, unsupported
from tfc.passes.bufferize.dealloc import deallocate
from tfc.passes.bufferize.linalg_ops import rewrite_structured

REWRITES = {**tensor_ops.REWRITES, **control_flow.REWRITES, **runtime_ops.REWRITES}


def _tensor_typed(t) -> bool:
    return isinstance(t, (T.TensorType, T.UnrankedTensorType))


def touches_tensors(op) -> bool:
    """Whether `op` or anything nested in it has a tensor operand, result or block argument."""
    for inner in op.walk():
        if any(_tensor_typed(v.type) for v in (*inner.operands, *inner.results)):
            return True
        if any(_tensor_typed(t) for region in inner.regions for block in region.blocks for t in block.arg_types):
            return True
    return False


def translate_op(ctx: Context, op, b: Builder) -> None:
    """Append the memref form of one op of the tensor IR (ops without tensors are cloned)."""
    if not touches_tensors(op):
        b.insert(op.clone(ctx.values))
        return
    rewrite = REWRITES.get(type(op))
    if rewrite is None and isinstance(op, StructuredMixin):
        rewrite = rewrite_structured
    if rewrite is None:
        raise unsupported(op, "bufferize has no rule for this op on tensors")
    rewrite(ctx, op, b)


def translate_block(ctx: Context, old: Block, new: Block):
    """Translate the ops of `old` into `new`; returns old's terminator (not translated)."""
    b = Builder.at_end(new)
    for op in old:
        if op is old.last and op.has_trait(IsTerminator):
            return op
        b.location = op.location
        translate_op(ctx, op, b)
    return None


def _check_signature(func) -> None:
    for t in (*func.type.inputs, *func.type.results):
        if isinstance(t, T.UnrankedTensorType):
            raise unsupported(func, f"unranked tensor {t} in the signature")
    if len(func.regions[0].blocks) != 1:
        raise unsupported(func, "a body of more than one block")


def return_buffers(ctx: Context, values, b: Builder) -> list:
    """The operands of the new func.return (see the module doc)."""
    operands, returned = [], set()
    for value in values:
        if not is_tensor(value):
            operands.append(ctx.value(value))
            continue
        buffer = ctx.buffer(value)
        info = ctx.info[buffer]
        if info.full and buffer.type == memref_type_for(value.type) and info.root in ctx.owned \
                and info.root not in returned:
            returned.add(info.root)
            operands.append(buffer)
        else:
            operands.append(ctx.copy_of(b, buffer, value.type))
    return operands


def bufferize_function(func: funcd.FuncOp, module) -> None:
    if func.is_declaration:
        return
    _check_signature(func)
    ctx = Context(module=module)
    ctx.translate = lambda old, new: translate_block(ctx, old, new)
    old = func.entry
    arg_types = [memref_type_for(t) if _tensor_typed(t) else t for t in old.arg_types]
    new = Block(arg_types, [a.location for a in old.arguments])
    for old_arg, new_arg in zip(old.arguments, new.arguments):
        if is_tensor(old_arg):
            ctx.track(new_arg, writable=False)
            ctx.bind(old_arg, new_arg)
            continue
        ctx.values[old_arg] = new_arg
        if isinstance(new_arg.type, (T.MemRefType, T.UnrankedMemRefType)):
            ctx.track(new_arg, writable=False)
    term = translate_block(ctx, old, new)
    location = term.location if term is not None else func.location
    returned = return_buffers(ctx, list(term.operands) if term is not None else [], Builder.at_end(new, location))
    new.append(funcd.ReturnOp.build(returned, location=location))
    for op in old:
        op.drop_all_references()
    old.erase()
    func.regions[0].add_block(new)
    func.function_type = A.TypeAttr(T.FunctionType(tuple(arg_types), tuple(v.type for v in returned)))
    deallocate(func, ctx.owned)
