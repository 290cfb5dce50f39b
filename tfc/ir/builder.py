"""Building IR from Python: a builder with an insertion point and a default location.

    b = Builder.at_end(func.entry, location=loc)
    total = b.create(AddFOp, x, y).result      # AddFOp.build(x, y), inserted at the end
    with b.insertion_point(InsertionPoint.before(total.op)):
        ...
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from tfc.ir.core import Block, Operation
from tfc.ir.location import UNKNOWN, Location


@dataclass(frozen=True)
class InsertionPoint:
    """Where new ops go: before `anchor` in `block`, or at the block's end when anchor is None."""

    block: Block
    anchor: Operation | None = None

    @staticmethod
    def at_end(block: Block) -> "InsertionPoint":
        return InsertionPoint(block, None)

    @staticmethod
    def at_start(block: Block) -> "InsertionPoint":
        return InsertionPoint(block, block.first)

    @staticmethod
    def before(op: Operation) -> "InsertionPoint":
        return InsertionPoint(op.parent, op)

    @staticmethod
    def after(op: Operation) -> "InsertionPoint":
        return InsertionPoint(op.parent, op.next)

    def insert(self, op: Operation) -> Operation:
        if self.anchor is None:
            return self.block.append(op)
        return self.block.insert_before(self.anchor, op)


class Builder:
    def __init__(self, point: InsertionPoint | None = None, location: Location = UNKNOWN):
        self.point = point
        self.location = location

    @staticmethod
    def at_end(block: Block, location: Location = UNKNOWN) -> "Builder":
        return Builder(InsertionPoint.at_end(block), location)

    @staticmethod
    def before(op: Operation, location: Location | None = None) -> "Builder":
        return Builder(InsertionPoint.before(op), location or op.location)

    def insert(self, op: Operation) -> Operation:
        if self.point is None:
            raise ValueError("the builder has no insertion point")
        return self.point.insert(op)

    def create(self, op_class, *operands, **kwargs) -> Operation:
        """Build `op_class` (through its `build`) at the default location and insert it."""
        kwargs.setdefault("location", self.location)
        return self.insert(op_class.build(*operands, **kwargs))

    @contextlib.contextmanager
    def insertion_point(self, point: InsertionPoint):
        saved = self.point
        self.point = point
        try:
            yield self
        finally:
            self.point = saved

    @contextlib.contextmanager
    def at_location(self, location: Location):
        saved = self.location
        self.location = location
        try:
            yield self
        finally:
            self.location = saved
