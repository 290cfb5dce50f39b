"""Stateful tf ops and tf-to-linalg.

Variables are not lowered here: `tf-resources-to-args` runs first and turns every
tf.VarHandleOp into a function argument (a memref), reads into `bufferization.to_tensor` and
assignments into `bufferization.materialize_in_destination`. So no variable op has a lowering;
each is listed in NOT_LOWERED with the reason. A VarHandleOp still present when strict
tf-to-linalg runs is an error that says to run tf-resources-to-args first.

Print and Assert keep their place (block order is effect order after this pass):

    %y = "tf.Print"(%x, %a) <{message = "a: ", summarize = 3, first_n = -1}>
      -> "rt.print"(%a) <{message = "a: ", summarize = 3, first_n = -1}>; %y is %x
    %c = "tf.Assert"(%ok, %a) <{message = "m"}>
      -> an all-reduction of %ok, then "cf.assert"(%all) <{msg = "assertion failed: [m]"}>

A failed cf.assert fails the compiled call; the Session re-runs it on the interpreter,
which raises TensorFlow's error with the values of the data (which compiled code does not
format).
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.builder import Builder

from tfc.dialects import rt
from tfc.dialects.tf import state_ops as tfs
from tfc.passes.tf_to_linalg.common import emit_check, replace, unsupported


def _check_ranked(op, values) -> None:
    for value in values:
        if not isinstance(value.type, T.TensorType):
            raise unsupported(op, f"unranked or non-tensor value of type {value.type}")


def lower_print(op: tfs.PrintOp) -> None:
    data = list(op.data)
    _check_ranked(op, data)
    b = Builder.before(op)
    b.create(rt.PrintOp, data, message=op.attrs.message, summarize=op.attrs.summarize, first_n=op.attrs.first_n)
    replace(op, [op.input])


def lower_assert(op: tfs.AssertOp) -> None:
    if not op.control.use_empty():
        raise unsupported(op, "its control result is still used")
    _check_ranked(op, [op.condition])
    message = op.attrs.message
    b = Builder.before(op)
    emit_check(b, op, op.condition, lambda bb, ok: ok,
               f"assertion failed: [{message}]" if message else "assertion failed")
    op.erase()


LOWERINGS: dict = {
    tfs.PrintOp: lower_print,
    tfs.AssertOp: lower_assert,
}

RUN_RESOURCES_TO_ARGS = "run tf-resources-to-args first (variables become function arguments)"
INTERPRETER_ONLY = "it runs on the interpreter for now"

NOT_LOWERED = {
    tfs.VarHandleOp: RUN_RESOURCES_TO_ARGS,
    tfs.ReadVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.AssignVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.AssignAddVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.AssignSubVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.VarIsInitializedOp: "whether a variable is initialized is known to the Session, not to compiled code",
    tfs.RandomUniformOp: INTERPRETER_ONLY,
    tfs.RandomStandardNormalOp: INTERPRETER_ONLY,
    tfs.TruncatedNormalOp: INTERPRETER_ONLY,
}
