"""cf.assert -> the function fails with TFC_ERR_INVALID and the assert's message when its
condition is false (docs/cpu_backend.md: the Session re-runs the call on the interpreter for
TensorFlow's exact error)."""

from __future__ import annotations

from tfc.dialects import cf as CF
from tfc.backends.cpu.errors import CHECK_FAILED
from tfc.backends.cpu.translate.context import lowers


@lowers(CF.AssertOp)
def _assert(ctx, op):
    ctx.fail_if(ctx.builder.not_(ctx.get(op.arg)), CHECK_FAILED, op.msg.value)
