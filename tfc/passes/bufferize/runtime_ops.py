"""Rewrites of rt ops (calls into the C runtime) onto buffers.

    rt.print on tensors -> rt.print on their buffers (it only reads them: no copy, and the
                           analysis counts the use as a read of each tensor)
"""

from __future__ import annotations

from tfc.ir.builder import Builder

from tfc.dialects import rt
from tfc.passes.bufferize.buffers import Context


def rewrite_print(ctx: Context, op: rt.PrintOp, b: Builder) -> None:
    b.create(rt.PrintOp, [ctx.operand(v) for v in op.data], message=op.message, summarize=op.summarize,
             first_n=op.first_n)


REWRITES = {
    rt.PrintOp: rewrite_print,
}
