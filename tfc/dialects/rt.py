"""The rt dialect: calls into tfc's C runtime (runtime/include/tfc_runtime.h).

    "rt.print"(%x, %n) <{first_n = -1 : i64, message = "x: ", summarize = 3 : i64}>
        : (tensor<2x3xf32>, tensor<i32>) -> ()

rt ops have effects: they are not Pure, so passes keep them and their order. They take
ranked tensors before bufferization and memrefs after it (bufferize only reads them).
"""

from __future__ import annotations

import sys

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Dialect, Op, Operand


class RTDialect(Dialect):
    name = "rt"


RankedShaped = C.Constraint(lambda t: isinstance(t, (T.TensorType, T.MemRefType)),
                            "ranked tensor or memref of any type values")


class PrintOp(Op):
    """tf.Print's effect: writes `message` and each operand in TensorFlow's format to stderr,
    one line, at most `summarize` elements per operand (all when negative), the first
    `first_n` times the op runs (always when negative):

        "rt.print"(%x) <{first_n = -1 : i64, message = "x: ", summarize = 3 : i64}> : (memref<3xi32>) -> ()

    Compiled, it is a call to `tfc_print` with a counter per op (docs/cpu_backend.md)."""

    name = "rt.print"
    data = Operand(RankedShaped, variadic=True)
    message = Attr(C.StrAttr, default=A.StringAttr(""), convert=lambda s: A.StringAttr(str(s)))
    summarize = Attr(C.I64Attr, default=A.IntegerAttr.get(3, T.i64), convert=lambda n: A.IntegerAttr.get(int(n), T.i64))
    first_n = Attr(C.I64Attr, default=A.IntegerAttr.get(-1, T.i64), convert=lambda n: A.IntegerAttr.get(int(n), T.i64))

    def verify(self):
        kinds = {type(v.type) for v in self.data}
        if len(kinds) > 1:
            raise self.emit_error("requires all operands to be tensors or all to be memrefs")

    def interpret(self, ctx, *data):
        from tfc.dialects.tf.state_ops import print_text
        # Counted per op in the interpreter's resources (the run's state), like tf.Print.
        resources = getattr(ctx, "resources", None)
        key = ("rt.print", id(self))
        count = resources.get(key, 0) if resources is not None else 0
        first_n = self.first_n.value
        if first_n < 0 or count < first_n:
            stream = getattr(ctx, "stderr", None) or sys.stderr
            print(print_text(self.message.value, data, self.summarize.value), file=stream)
        if resources is not None:
            resources[key] = count + 1
        return None
