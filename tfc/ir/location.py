"""Source locations, spelled as MLIR spells them inside `loc(...)`.

Every operation carries one. Ops parsed from a file get the file, line and column of their
first token; ops built by the TF1 frontend get the user's line and the TF node name
(`loc("dense/MatMul"("model.py":12:4))`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tfc.ir.text import quote_string


class Location:
    """Base of all locations. Immutable and hashable."""

    __slots__ = ()

    def file_line_col(self) -> "FileLineColLoc | None":
        """The first file position this location mentions, if any."""
        return None

    def body(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return f"loc({self.body()})"


@dataclass(frozen=True, slots=True)
class UnknownLoc(Location):
    def body(self) -> str:
        return "unknown"


@dataclass(frozen=True, slots=True)
class FileLineColLoc(Location):
    filename: str
    line: int
    col: int

    def file_line_col(self):
        return self

    def body(self) -> str:
        return f"{quote_string(self.filename)}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class NameLoc(Location):
    """A named location, as TF node names are carried: `loc("name"(child))`."""

    name: str
    child: Location | None = None

    def file_line_col(self):
        return self.child.file_line_col() if self.child is not None else None

    def body(self) -> str:
        if self.child is None or isinstance(self.child, UnknownLoc):
            return quote_string(self.name)
        return f"{quote_string(self.name)}({self.child.body()})"


@dataclass(frozen=True, slots=True)
class CallSiteLoc(Location):
    callee: Location
    caller: Location

    def file_line_col(self):
        return self.callee.file_line_col() or self.caller.file_line_col()

    def body(self) -> str:
        return f"callsite({self.callee.body()} at {self.caller.body()})"


@dataclass(frozen=True, slots=True)
class FusedLoc(Location):
    locations: tuple
    metadata: object = None

    def file_line_col(self):
        for loc in self.locations:
            found = loc.file_line_col()
            if found is not None:
                return found
        return None

    def body(self) -> str:
        meta = f"<{self.metadata}>" if self.metadata is not None else ""
        inner = ", ".join(loc.body() for loc in self.locations)
        return f"fused{meta}[{inner}]"


UNKNOWN = UnknownLoc()
