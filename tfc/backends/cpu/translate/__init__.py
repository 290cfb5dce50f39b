"""Loops-level IR (func/scf/memref/arith/math/vector) -> an llvmlite module.

    translate_module(module, target) -> llvmlite.ir.Module

One file per concept: context (state, failure paths, loops), types, memref_desc (memref
values as descriptors), module (functions, calls, the ABI wrapper), scf, parallel
(scf.parallel on the thread pool), memref, arith, math, vector, rt (calls into the C runtime).
Rules register by op class.
"""

from __future__ import annotations

from llvmlite import ir

from tfc.dialects import func as F
from tfc.dialects import memref as M
from tfc.backends.cpu.translate import arith, cf, math, memref, parallel, rt, scf, vector  # noqa: F401 (rules)
from tfc.backends.cpu.translate.context import ModuleContext, unsupported
from tfc.backends.cpu.translate.module import declare_function, emit_wrapper, translate_function
from tfc.backends.cpu.translate.types import UnsupportedError
from tfc.ir.symbols import visibility_of


def _called_names(module) -> set:
    return {op.callee.root for op in module.walk() if isinstance(op, F.CallOp)}


def translate_module(module, target) -> ir.Module:
    """The LLVM module for a loops-level builtin.module, for `target` (a Target)."""
    llmod = ir.Module(name="tfc")
    llmod.triple = target.triple
    llmod.data_layout = str(target.target_machine().target_data)
    mctx = ModuleContext(module, target, llmod)
    body = module.regions[0].blocks[0]
    called = _called_names(module)
    for op in body:
        if isinstance(op, M.GlobalOp):
            try:
                mctx.globals[op.sym_name.value] = memref.define_global(mctx, op)
            except UnsupportedError as err:
                raise unsupported(op, f"cannot translate '{op.name}' to LLVM: {err}") from None
        elif isinstance(op, F.FuncOp):
            try:
                mctx.functions[op.sym_name.value] = declare_function(mctx, op, called)
            except UnsupportedError as err:
                raise unsupported(op, f"cannot translate function @{op.sym_name.value} to LLVM: {err}") from None
        else:
            raise unsupported(op, f"op '{op.name}' at module level is not supported by the CPU backend")
    for info in mctx.functions.values():
        if info.external:
            continue
        translate_function(mctx, info)
        if visibility_of(info.op) == "public":
            try:
                emit_wrapper(mctx, info)
            except UnsupportedError as err:
                raise unsupported(info.op, f"cannot build the ABI wrapper of @{info.op.sym_name.value}: {err}") from None
    return llmod


__all__ = ["translate_module", "UnsupportedError"]
