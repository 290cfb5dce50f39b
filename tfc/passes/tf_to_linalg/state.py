"""Stateful tf ops and tf-to-linalg.

Variables are not lowered here: `tf-resources-to-args` runs first and turns every
tf.VarHandleOp into a function argument (a memref), reads into `bufferization.to_tensor` and
assignments into `bufferization.materialize_in_destination`. So no state op has a lowering;
each is listed in NOT_LOWERED with the reason. A VarHandleOp still present when strict
tf-to-linalg runs is an error that says to run tf-resources-to-args first.
"""

from __future__ import annotations

from tfc.dialects.tf import state_ops as tfs

LOWERINGS: dict = {}

RUN_RESOURCES_TO_ARGS = "run tf-resources-to-args first (variables become function arguments)"
INTERPRETER_ONLY = "it runs on the interpreter for now"

NOT_LOWERED = {
    tfs.VarHandleOp: RUN_RESOURCES_TO_ARGS,
    tfs.ReadVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.AssignVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.AssignAddVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.AssignSubVariableOp: RUN_RESOURCES_TO_ARGS,
    tfs.VarIsInitializedOp: "whether a variable is initialized is known to the Session, not to compiled code",
    tfs.PrintOp: INTERPRETER_ONLY,
    tfs.AssertOp: INTERPRETER_ONLY,
    tfs.RandomUniformOp: INTERPRETER_ONLY,
    tfs.RandomStandardNormalOp: INTERPRETER_ONLY,
    tfs.TruncatedNormalOp: INTERPRETER_ONLY,
}
