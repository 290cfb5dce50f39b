"""The machine code is generated for: triple, CPU, CPU features and optimization level.

    Target.host()       the CPU this process runs on (what the JIT uses)
    Target.portable()   x86-64 baseline (SSE2), what `tfc compile` ships unless told otherwise

A Target is a plain value (hashable, part of the disk cache key). Only `host()` and
`target_machine()` touch LLVM, and they import llvmlite when called: `import tfc` must not.
"""

from __future__ import annotations

from dataclasses import dataclass

PORTABLE_TRIPLE = "x86_64-unknown-linux-gnu"

_initialized = False


def initialize_llvm():
    """Initialize LLVM's native target once per process; returns llvmlite.binding."""
    global _initialized
    import llvmlite.binding as llvm
    if not _initialized:
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        llvm.initialize_native_asmparser()
        _initialized = True
    return llvm


@dataclass(frozen=True)
class Target:
    triple: str
    cpu: str
    features: str = ""
    opt_level: int = 3

    @classmethod
    def host(cls, opt_level: int = 3) -> "Target":
        llvm = initialize_llvm()
        return cls(llvm.get_process_triple(), llvm.get_host_cpu_name(),
                   llvm.get_host_cpu_features().flatten(), opt_level)

    @classmethod
    def portable(cls, opt_level: int = 3) -> "Target":
        return cls(PORTABLE_TRIPLE, "x86-64", "", opt_level)

    def key(self) -> str:
        """The text this target contributes to a cache key."""
        return f"{self.triple}|{self.cpu}|{self.features}|O{self.opt_level}"

    def target_machine(self):
        """An llvmlite TargetMachine for this target: PIC (one object serves the JIT and
        shared libraries), small code model."""
        llvm = initialize_llvm()
        target = llvm.Target.from_triple(self.triple)
        return target.create_target_machine(cpu=self.cpu, features=self.features, opt=self.opt_level,
                                            reloc="pic", codemodel="default")
