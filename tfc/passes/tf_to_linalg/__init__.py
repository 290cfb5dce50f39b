"""`tf-to-linalg`: tf ops on ranked tensors become linalg / tensor / arith / math / scf ops.

Each module of this package lowers one family of tf ops and exports `LOWERINGS`, a dict from
tf op class to a function `lower(op) -> None` that builds the replacement before `op`,
replaces its results and erases it, or raises `UnsupportedOpError` (at the op's location) for
a form it does not handle. `NOT_LOWERED` names the tf op classes the CPU backend does not
lower, each with the reason; a registry test checks that every tf op is in one or the other.

Control operands are dropped first: after this pass, effects are ordered by block order
alone (the order the graph created them, which respects every control edge).

With `strict=false` (the default in `tfc-opt`) ops without a lowering stay as they are; the
CPU pipeline runs it strict, so the first unsupported op is an error naming it.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.passes import Option, Pass

from tfc.dialects.tf.base import TFOp
from tfc.passes.tf_to_linalg import contraction, control, elementwise, reductions, shapes, state
from tfc.passes.tf_to_linalg.common import UnsupportedOpError, unsupported

__all__ = ["LOWERINGS", "NOT_LOWERED", "TFToLinalgPass", "UnsupportedOpError", "lower_tf_ops"]

LOWERINGS: dict = {}
for _module in (elementwise, reductions, contraction, shapes, control, state):
    LOWERINGS.update(_module.LOWERINGS)

# tf op class -> why the CPU backend does not lower it (the Session runs such signatures on the
# interpreter; `tfc compile` reports the op).
NOT_LOWERED: dict = {}
for _module in (elementwise, reductions, contraction, shapes, control, state):
    NOT_LOWERED.update(getattr(_module, "NOT_LOWERED", {}))


def strip_controls(op: TFOp) -> None:
    """Drop the control operands of a tf op (they only ordered effects, which block order keeps)."""
    if not op.control_inputs:
        return
    op.set_operands(op.data_operands)
    sizes = op.properties.get("operandSegmentSizes")
    if isinstance(sizes, A.DenseArrayAttr):
        op.properties["operandSegmentSizes"] = A.DenseArrayAttr(T.i32, sizes.values[:-1] + (0,))


def lower_tf_ops(root, strict: bool = True) -> None:
    """Lower every tf op nested in `root` (outer ops first; nested bodies after their parent)."""
    ops = [op for op in root.walk(pre_order=True) if isinstance(op, TFOp)]
    for op in ops:
        strip_controls(op)
    for op in ops:
        if op.parent is None:  # erased by an earlier lowering
            continue
        lower = LOWERINGS.get(type(op))
        if lower is None:
            if strict:
                raise unsupported(op, NOT_LOWERED.get(type(op), ""))
            continue
        try:
            lower(op)
        except UnsupportedOpError:
            if strict:
                raise


class TFToLinalgPass(Pass):
    name = "tf-to-linalg"
    summary = "Lower tf ops on ranked tensors to linalg, tensor, arith, math and scf"
    strict = Option(bool, False, "fail on the first tf op that has no lowering")

    def run(self, op) -> None:
        lower_tf_ops(op, strict=self.strict)
