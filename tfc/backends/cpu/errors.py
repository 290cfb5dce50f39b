"""Errors of compiled code, importable without LLVM."""

from __future__ import annotations

# runtime/include/tfc_runtime.h
ERROR_NAMES = {1: "TFC_ERR_INVALID", 2: "TFC_ERR_NOMEM", 3: "TFC_ERR_NOT_FOUND", 4: "TFC_ERR_EXISTS",
               5: "TFC_ERR_MISMATCH", 6: "TFC_ERR_IO", 7: "TFC_ERR_FORMAT", 8: "TFC_ERR_SYSTEM"}

# What compiled code returns when a cf.assert fails (a run-time check TensorFlow would raise
# InvalidArgumentError for): TFC_ERR_INVALID, with the assert's message.
CHECK_FAILED = 1


class CompiledError(RuntimeError):
    """A compiled function returned a non-zero status; `message` is tfc_last_error()."""

    def __init__(self, code: int, message: str):
        self.code = code
        self.message = message
        super().__init__(f"{ERROR_NAMES.get(code, f'error {code}')}: {message}")
