"""TensorFlow's run-time error classes (`tf.errors`), raised by ops while a graph runs.

Each is a `DiagnosticError` carrying the failing op's location (the user's file and line and the
TF node name), so tools render it as `file:line:col: error: message` and the interpreter passes
it through unchanged. `OpError.op` is the node name, as TensorFlow's `OpError.op` names the op.
"""

from __future__ import annotations

from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.location import NameLoc


def _node_name(location) -> str | None:
    while location is not None:
        if isinstance(location, NameLoc):
            return location.name
        location = getattr(location, "child", None)
    return None


class OpError(DiagnosticError):
    """An op failed while the graph ran. `message` is TensorFlow's message text."""

    error_code = 2

    def __init__(self, message: str, location=None, notes=None):
        super().__init__(message, location, notes)
        self.message = message
        self.op = _node_name(location)

    @property
    def node_def(self):
        return self.op


class CancelledError(OpError):
    error_code = 1


class UnknownError(OpError):
    error_code = 2


class InvalidArgumentError(OpError):
    error_code = 3


class NotFoundError(OpError):
    error_code = 5


class FailedPreconditionError(OpError):
    error_code = 9


class OutOfRangeError(OpError):
    error_code = 11


class UnimplementedError(OpError):
    error_code = 12


class InternalError(OpError):
    error_code = 13


class ResourceExhaustedError(OpError):
    error_code = 8
