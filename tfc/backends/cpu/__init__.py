"""The CPU backend: loops-level IR -> LLVM (llvmlite) -> in-process JIT or object code.

    compile_jit(module, target=None, cache=True) -> JitModule     (jit.py)
    JitModule.function(name)(*arrays) -> [arrays]                  raises CompiledError
    translate_module(module, target) -> llvmlite.ir.Module         (translate/)
    emit_llvm_ir / emit_assembly / emit_object(module, target)     (codegen.py)
    Target.host() / Target.portable()                              (target.py)
    runtime_build: the C runtime as a shared library / object files

`import tfc` must not load LLVM: names needing llvmlite are imported on first access.
"""

from __future__ import annotations

from tfc.backends.cpu.errors import CompiledError
from tfc.backends.cpu.target import Target

_LAZY = {
    "compile_jit": "tfc.backends.cpu.jit", "JitModule": "tfc.backends.cpu.jit",
    "JitFunction": "tfc.backends.cpu.jit", "create_pool": "tfc.backends.cpu.jit",
    "translate_module": "tfc.backends.cpu.translate",
    "emit_llvm_ir": "tfc.backends.cpu.codegen", "emit_assembly": "tfc.backends.cpu.codegen",
    "emit_object": "tfc.backends.cpu.codegen",
}


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tfc.backends.cpu' has no attribute '{name}'")
    import importlib
    return getattr(importlib.import_module(module), name)


__all__ = ["CompiledError", "Target", *_LAZY]
