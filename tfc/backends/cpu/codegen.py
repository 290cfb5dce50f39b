"""From a loops-level module to optimized LLVM IR, assembly and object code.

    emit_llvm_ir(module, target) -> str      optimized LLVM IR text
    emit_assembly(module, target) -> str
    emit_object(module, target) -> bytes     ELF object, PIC (fit for a shared library)

Optimization is LLVM's new pass manager at the target's level (O0-O3) with the loop and
SLP vectorizers on and the target machine of the target's CPU and features, so vector
widths follow the CPU (AVX2, AVX-512). STATS counts how often the optimizer ran (tests use
it to see that a cache hit skipped it).
"""

from __future__ import annotations

from tfc.backends.cpu.target import Target, initialize_llvm

STATS = {"optimized": 0}


def _target_or_host(target):
    return target if target is not None else Target.host()


def optimized_module(module, target: Target | None = None):
    """(llvmlite.binding ModuleRef, TargetMachine): translated, verified and optimized."""
    from tfc.backends.cpu.translate import translate_module
    llvm = initialize_llvm()
    target = _target_or_host(target)
    llmod = translate_module(module, target)
    ref = llvm.parse_assembly(str(llmod))
    ref.verify()
    tm = target.target_machine()
    optimize(ref, tm, target.opt_level)
    return ref, tm


def optimize(ref, tm, opt_level: int) -> None:
    llvm = initialize_llvm()
    pto = llvm.PipelineTuningOptions(speed_level=opt_level)
    if opt_level >= 2:
        pto.loop_vectorization = True
        pto.slp_vectorization = True
    pb = llvm.create_pass_builder(tm, pto)
    pb.getModulePassManager().run(ref, pb)
    STATS["optimized"] += 1


def emit_llvm_ir(module, target: Target | None = None) -> str:
    ref, _ = optimized_module(module, target)
    return str(ref)


def emit_assembly(module, target: Target | None = None) -> str:
    ref, tm = optimized_module(module, target)
    return tm.emit_assembly(ref)


def emit_object(module, target: Target | None = None) -> bytes:
    ref, tm = optimized_module(module, target)
    return tm.emit_object(ref)
