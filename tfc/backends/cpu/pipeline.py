"""The CPU pipeline: the pass lists from a pruned tf function down to loops (docs/cpu_backend.md).

    lower(module, "linalg")   tf -> linalg/tensor (+ fusion)           `--emit=linalg`
    lower(module, "loops")    ... -> memref + scf (+ vector)           `--emit=loops`

Each stage is a textual pipeline that `tfc-opt --pass-pipeline=...` runs as well.
"""

from __future__ import annotations

TF_CLEANUP = ["canonicalize", "cse"]

TO_LINALG = ["tf-resources-to-args", "tf-to-linalg{strict=true}", "canonicalize", "linalg-fuse-elementwise",
             "linalg-conv-to-matmul", "canonicalize", "cse"]


def to_loops(vector_width: int = 8) -> list[str]:
    return ["bufferize", f"linalg-tile-matmul{{vector-width={vector_width}}}", "linalg-to-loops",
            "canonicalize", "cse"]


STAGES = ("tf", "linalg", "loops")


def vector_width_for(features: str) -> int:
    """f32 lanes of the widest vector registers a target's features give (`+avx512f,...`)."""
    flags = set(features.split(","))
    if "+avx512f" in flags:
        return 16
    if "+avx" in flags or "+avx2" in flags:
        return 8
    return 4


def passes_for(stage: str, vector_width: int = 8) -> list[str]:
    """The passes that take a pruned tf module to `stage`."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage '{stage}' (expected one of {', '.join(STAGES)})")
    passes = list(TF_CLEANUP)
    if stage in ("linalg", "loops"):
        passes += TO_LINALG
    if stage == "loops":
        passes += to_loops(vector_width)
    return passes


def pipeline_text(stage: str, vector_width: int = 8) -> str:
    return f"builtin.module({','.join(passes_for(stage, vector_width))})"


def lower(module, stage: str = "loops", vector_width: int = 8, instrumentation=None,
          verify_each: bool = True) -> None:
    """Run the pipeline in place on `module` (a builtin.module of pruned tf functions).

    `verify_each=False` verifies once, at the end (the Session's JIT: verifying after each of
    the ~15 passes was a third of a compile)."""
    from tfc.ir.passes import load_all_passes, parse_pipeline
    from tfc.ir.verifier import verify
    load_all_passes()
    parse_pipeline(pipeline_text(stage, vector_width), verify_each=verify_each,
                   instrumentation=instrumentation).run(module)
    if not verify_each:
        verify(module)
