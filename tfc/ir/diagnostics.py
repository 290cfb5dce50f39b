"""Diagnostics: errors, warnings, notes and remarks attached to locations.

A diagnostic renders as `file:line:col: error: message`, followed by the offending source line
and a caret when the file's text is known (every parsed buffer is registered with `SOURCES`).
Errors that stop the current action are raised as `DiagnosticError`; warnings and remarks go
to the active handler (`emit`), which tools replace, e.g. to check `expected-warning` lines.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field

from tfc.ir.location import Location, UnknownLoc, UNKNOWN


class SourceManager:
    """Remembers the text of every buffer parsed, so diagnostics can quote the line."""

    def __init__(self):
        self._lines: dict[str, list[str]] = {}

    def add(self, filename: str, text: str, first_line: int = 1) -> None:
        lines = self._lines.setdefault(filename, [])
        needed = first_line - 1 + text.count("\n") + 1
        if len(lines) < needed:
            lines.extend([""] * (needed - len(lines)))
        for i, line in enumerate(text.split("\n")):
            lines[first_line - 1 + i] = line

    def line(self, filename: str, line: int) -> str | None:
        lines = self._lines.get(filename)
        if lines is None or not 1 <= line <= len(lines):
            return None
        return lines[line - 1]


SOURCES = SourceManager()


@dataclass
class Diagnostic:
    severity: str  # "error", "warning", "note", "remark"
    message: str
    location: Location = UNKNOWN
    notes: list["Diagnostic"] = field(default_factory=list)

    def attach_note(self, message: str, location: Location | None = None) -> "Diagnostic":
        self.notes.append(Diagnostic("note", message, location or self.location))
        return self

    def render(self, show_source: bool = True) -> str:
        pos = self.location.file_line_col()
        if pos is not None:
            prefix = f"{pos.filename}:{pos.line}:{pos.col}: "
        elif isinstance(self.location, UnknownLoc):
            prefix = ""
        else:
            prefix = f"{self.location.body()}: "
        text = f"{prefix}{self.severity}: {self.message}"
        if show_source and pos is not None:
            line = SOURCES.line(pos.filename, pos.line)
            if line is not None:
                text += f"\n{line}\n{' ' * max(pos.col - 1, 0)}^"
        for note in self.notes:
            text += "\n" + note.render(show_source)
        return text

    def __str__(self) -> str:
        return self.render(show_source=False)


class DiagnosticError(Exception):
    """An error diagnostic raised to abort the current parse, verification or pass."""

    def __init__(self, message: str, location: Location | None = None, notes=None):
        self.diagnostic = Diagnostic("error", message, location or UNKNOWN, list(notes or []))
        super().__init__(str(self.diagnostic))

    @property
    def location(self) -> Location:
        return self.diagnostic.location

    def attach_note(self, message: str, location: Location | None = None) -> "DiagnosticError":
        self.diagnostic.attach_note(message, location)
        return self


def _print_to_stderr(diagnostic: Diagnostic) -> None:
    print(diagnostic.render(), file=sys.stderr)


_handlers = [_print_to_stderr]


def emit(diagnostic: Diagnostic) -> None:
    """Send a diagnostic to the innermost handler."""
    _handlers[-1](diagnostic)


def emit_warning(message: str, location: Location | None = None) -> None:
    emit(Diagnostic("warning", message, location or UNKNOWN))


def emit_remark(message: str, location: Location | None = None) -> None:
    emit(Diagnostic("remark", message, location or UNKNOWN))


@contextlib.contextmanager
def handler(callback):
    """Route diagnostics emitted inside the block to `callback(diagnostic)`."""
    _handlers.append(callback)
    try:
        yield
    finally:
        _handlers.pop()
