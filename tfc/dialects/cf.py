"""The cf dialect, as far as tfc needs it: `cf.assert`, a run-time check.

    "cf.assert"(%ok) <{msg = "Integer division by zero"}> : (i1) -> ()

When `%ok` is false the program stops with `msg`. tfc's lowerings emit one for each run-time
error TensorFlow raises (integer division by zero, a sparse label out of range, ...), placed
where the tf op was, so effects before it have run and effects after it have not. The
interpreter raises `tf.errors.InvalidArgumentError(msg)` at the op's location; compiled code
returns TFC_ERR_INVALID from the function with the message (the Session then re-runs the call
on the interpreter, which raises TensorFlow's exact error with its values).
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Dialect, Op, Operand


class CFDialect(Dialect):
    name = "cf"


class AssertOp(Op):
    """Stops the program with `msg` unless the `i1` operand is true (not Pure: never erased)."""

    name = "cf.assert"
    arg = Operand(C.OfType(T.i1))
    msg = Attr(C.StrAttr, convert=lambda s: A.StringAttr(str(s)))

    def interpret(self, ctx, ok):
        if not bool(np.asarray(ok)):
            from tfc.errors import InvalidArgumentError
            raise InvalidArgumentError(self.msg.value, self.location)
        return []
