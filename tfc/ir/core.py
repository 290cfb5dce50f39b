"""The IR object model: SSA values with use lists, operations, blocks and regions.

Operations in a block form a doubly linked list, so insertion and erasure are O(1); the
relative order of ops in a block is numbered lazily when a dominance query needs it.
Every use of a value is an `OpOperand` in the value's ordered use set, so
`replace_all_uses_with` and erasure touch only the uses involved.

Registered ops are instances of their op class (see `tfc.ir.opdef`); ops whose name no
dialect defines are `UnregisteredOp`s and are treated as having unknown side effects.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.location import Location, UNKNOWN
from tfc.ir.types import Type


class Value:
    __slots__ = ("type", "uses")

    def __init__(self, type: Type):
        self.type = type
        self.uses: dict[OpOperand, None] = {}

    @property
    def users(self) -> list["Operation"]:
        seen = {}
        for use in self.uses:
            seen[use.owner] = None
        return list(seen)

    def has_one_use(self) -> bool:
        return len(self.uses) == 1

    def use_empty(self) -> bool:
        return not self.uses

    def replace_all_uses_with(self, new: "Value") -> None:
        if new is self:
            return
        for use in list(self.uses):
            use.value = new

    def replace_uses_with_if(self, new: "Value", predicate) -> None:
        for use in list(self.uses):
            if predicate(use):
                use.value = new

    @property
    def owner(self):
        raise NotImplementedError

    @property
    def defining_op(self) -> "Operation | None":
        return None

    @property
    def parent_block(self) -> "Block | None":
        raise NotImplementedError


class OpResult(Value):
    __slots__ = ("op", "index")

    def __init__(self, type: Type, op: "Operation", index: int):
        super().__init__(type)
        self.op = op
        self.index = index

    @property
    def owner(self):
        return self.op

    @property
    def defining_op(self):
        return self.op

    @property
    def parent_block(self):
        return self.op.parent

    def __repr__(self):
        return f"<result #{self.index} of {self.op.name}: {self.type}>"


class BlockArgument(Value):
    __slots__ = ("block", "index", "location")

    def __init__(self, type: Type, block: "Block", index: int, location: Location = UNKNOWN):
        super().__init__(type)
        self.block = block
        self.index = index
        self.location = location

    @property
    def owner(self):
        return self.block

    @property
    def parent_block(self):
        return self.block

    def __repr__(self):
        return f"<block argument #{self.index}: {self.type}>"


class OpOperand:
    """One use of a value by an operation."""

    __slots__ = ("owner", "index", "_value")

    def __init__(self, owner: "Operation", index: int, value: Value):
        self.owner = owner
        self.index = index
        self._value = value
        value.uses[self] = None

    @property
    def value(self) -> Value:
        return self._value

    @value.setter
    def value(self, new: Value) -> None:
        del self._value.uses[self]
        self._value = new
        new.uses[self] = None

    def drop(self) -> None:
        self._value.uses.pop(self, None)


class Operation:
    """Base of every operation. `name` is a class attribute on registered op classes."""

    __slots__ = ("operand_uses", "results", "properties", "attributes", "regions", "successors",
                 "location", "parent", "prev", "next", "_order", "__weakref__")

    name = "<abstract>"
    traits: frozenset = frozenset()

    def __init__(self, operands: Iterable[Value] = (), result_types: Iterable[Type] = (),
                 properties: dict | None = None, attributes: dict | None = None,
                 regions: "Iterable[Region] | int" = 0, successors: Iterable["Block"] = (),
                 location: Location = UNKNOWN):
        self.operand_uses = [OpOperand(self, i, v) for i, v in enumerate(operands)]
        self.results = [OpResult(t, self, i) for i, t in enumerate(result_types)]
        self.properties = dict(properties) if properties else {}
        self.attributes = dict(attributes) if attributes else {}
        if isinstance(regions, int):
            regions = [Region() for _ in range(regions)]
        self.regions: list[Region] = []
        for region in regions:
            self.add_region(region)
        self.successors = list(successors)
        self.location = location
        self.parent: Block | None = None
        self.prev: Operation | None = None
        self.next: Operation | None = None
        self._order = 0

    # ----- operands and results ------------------------------------------------------------

    @property
    def operands(self) -> list[Value]:
        return [use._value for use in self.operand_uses]

    @property
    def num_operands(self) -> int:
        return len(self.operand_uses)

    def operand(self, i: int) -> Value:
        return self.operand_uses[i]._value

    def set_operand(self, i: int, value: Value) -> None:
        self.operand_uses[i].value = value

    def set_operands(self, values: Iterable[Value]) -> None:
        for use in self.operand_uses:
            use.drop()
        self.operand_uses = [OpOperand(self, i, v) for i, v in enumerate(values)]

    @property
    def result(self) -> OpResult:
        if len(self.results) != 1:
            raise ValueError(f"'{self.name}' has {len(self.results)} results, not one")
        return self.results[0]

    @property
    def result_types(self) -> list[Type]:
        return [r.type for r in self.results]

    def replace_all_uses_with(self, values) -> None:
        if isinstance(values, Operation):
            values = values.results
        values = list(values)
        if len(values) != len(self.results):
            raise ValueError(f"replacing {len(self.results)} results of '{self.name}' with {len(values)} values")
        for old, new in zip(self.results, values):
            old.replace_all_uses_with(new)

    def use_empty(self) -> bool:
        return all(not r.uses for r in self.results)

    @property
    def users(self) -> list["Operation"]:
        seen = {}
        for r in self.results:
            for use in r.uses:
                seen[use.owner] = None
        return list(seen)

    # ----- attributes --------------------------------------------------------------------

    def get_attr(self, name: str, default=None):
        """An inherent (property) or discardable attribute by name."""
        found = self.properties.get(name)
        if found is None:
            found = self.attributes.get(name, default)
        return found

    def set_attr(self, name: str, value) -> None:
        if name in self.properties or name in getattr(type(self), "_attr_defs_by_name", ()):
            self.properties[name] = value
        else:
            self.attributes[name] = value

    def remove_attr(self, name: str) -> None:
        self.properties.pop(name, None)
        self.attributes.pop(name, None)

    # ----- traits and structure -----------------------------------------------------------

    @classmethod
    def has_trait(cls, trait) -> bool:
        return trait in cls.traits

    def emit_error(self, message: str) -> DiagnosticError:
        """An error naming this op at its location, for `raise op.emit_error(...)`."""
        return DiagnosticError(f"'{self.name}' op {message}", self.location)

    @property
    def dialect_name(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def is_registered(self) -> bool:
        return True

    def add_region(self, region: "Region") -> "Region":
        if region.parent is not None:
            raise ValueError("region already belongs to an operation")
        region.parent = self
        self.regions.append(region)
        return region

    @property
    def parent_region(self) -> "Region | None":
        return self.parent.parent if self.parent is not None else None

    @property
    def parent_op(self) -> "Operation | None":
        region = self.parent_region
        return region.parent if region is not None else None

    def ancestors(self) -> Iterator["Operation"]:
        op = self.parent_op
        while op is not None:
            yield op
            op = op.parent_op

    def is_proper_ancestor(self, other: "Operation") -> bool:
        return any(a is self for a in other.ancestors())

    def is_before_in_block(self, other: "Operation") -> bool:
        block = self.parent
        if block is None or other.parent is not block:
            raise ValueError("ops are not in the same block")
        block.number_ops()
        return self._order < other._order

    # ----- placement -----------------------------------------------------------------------

    def detach(self) -> "Operation":
        """Unlink from the parent block (keeping uses and nested regions)."""
        block = self.parent
        if block is None:
            return self
        if self.prev is None:
            block.first = self.next
        else:
            self.prev.next = self.next
        if self.next is None:
            block.last = self.prev
        else:
            self.next.prev = self.prev
        self.parent = self.prev = self.next = None
        block._size -= 1
        return self

    def move_before(self, anchor: "Operation") -> None:
        self.detach()
        anchor.parent.insert_before(anchor, self)

    def move_after(self, anchor: "Operation") -> None:
        self.detach()
        anchor.parent.insert_after(anchor, self)

    def drop_all_references(self) -> None:
        """Drop every use held by this op and the ops nested in it."""
        for use in self.operand_uses:
            use.drop()
        self.operand_uses = []
        self.successors = []
        for region in self.regions:
            for block in region.blocks:
                for op in block:
                    op.drop_all_references()

    def erase(self) -> None:
        """Remove from its block and destroy. Its results must have no uses left."""
        for r in self.results:
            if r.uses:
                user = next(iter(r.uses)).owner
                raise ValueError(f"erasing '{self.name}' whose result #{r.index} is still used by '{user.name}'")
        self.detach()
        self.drop_all_references()

    # ----- traversal and copying -----------------------------------------------------------

    def walk(self, pre_order: bool = False) -> list["Operation"]:
        """This op and every nested op, children first (or parents first with pre_order)."""
        out: list[Operation] = []
        _walk_into(self, out, pre_order)
        return out

    def nested_ops(self) -> Iterator["Operation"]:
        """The ops directly in this op's regions, in order."""
        for region in self.regions:
            for block in region.blocks:
                yield from block

    def clone(self, mapping: dict | None = None) -> "Operation":
        """A deep copy; uses of values in `mapping` are remapped and the map is extended."""
        mapping = {} if mapping is None else mapping
        clone = self._clone_shallow(mapping)
        for region, new_region in zip(self.regions, clone.regions):
            region.clone_into(new_region, mapping)
        return clone

    def _clone_shallow(self, mapping: dict) -> "Operation":
        cls = type(self)
        new = cls.__new__(cls)
        if isinstance(self, UnregisteredOp):
            new.op_name = self.op_name
        Operation.__init__(
            new, [mapping.get(v, v) for v in self.operands], self.result_types,
            self.properties, self.attributes, len(self.regions),
            [mapping.get(b, b) for b in self.successors], self.location)
        for old, fresh in zip(self.results, new.results):
            mapping[old] = fresh
        mapping[self] = new
        return new

    def __repr__(self):
        return f"<{self.name} at {self.location}>"

    def __str__(self):
        from tfc.ir.printer import print_op
        return print_op(self)


def _walk_into(op: Operation, out: list, pre_order: bool) -> None:
    if pre_order:
        out.append(op)
    for region in op.regions:
        for block in region.blocks:
            child = block.first
            while child is not None:
                following = child.next
                _walk_into(child, out, pre_order)
                child = following
    if not pre_order:
        out.append(op)


class UnregisteredOp(Operation):
    """An op of a dialect that is not loaded; kept as written, assumed to have side effects."""

    __slots__ = ("op_name",)

    def __init__(self, name: str, *args, **kwargs):
        self.op_name = name
        super().__init__(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.op_name

    @property
    def is_registered(self) -> bool:
        return False


class Block:
    __slots__ = ("arguments", "parent", "first", "last", "_size", "_numbered")

    def __init__(self, arg_types: Iterable[Type] = (), arg_locations: Iterable[Location] | None = None):
        arg_types = list(arg_types)
        locations = list(arg_locations) if arg_locations is not None else [UNKNOWN] * len(arg_types)
        self.arguments = [BlockArgument(t, self, i, loc) for i, (t, loc) in enumerate(zip(arg_types, locations))]
        self.parent: Region | None = None
        self.first: Operation | None = None
        self.last: Operation | None = None
        self._size = 0
        self._numbered = False

    # ----- arguments ---------------------------------------------------------------------

    def add_argument(self, t: Type, location: Location = UNKNOWN) -> BlockArgument:
        arg = BlockArgument(t, self, len(self.arguments), location)
        self.arguments.append(arg)
        return arg

    def erase_argument(self, index: int) -> None:
        arg = self.arguments[index]
        if arg.uses:
            raise ValueError(f"erasing block argument #{index} that still has uses")
        del self.arguments[index]
        for i, a in enumerate(self.arguments):
            a.index = i

    @property
    def arg_types(self) -> list[Type]:
        return [a.type for a in self.arguments]

    # ----- ops -----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Operation]:
        op = self.first
        while op is not None:
            following = op.next
            yield op
            op = following

    def __reversed__(self) -> Iterator[Operation]:
        op = self.last
        while op is not None:
            preceding = op.prev
            yield op
            op = preceding

    def __len__(self) -> int:
        return self._size

    def __bool__(self) -> bool:
        # A block is an object, not a container to test for emptiness (use `is_empty`).
        return True

    @property
    def ops(self) -> list[Operation]:
        return list(self)

    @property
    def is_empty(self) -> bool:
        return self.first is None

    def _adopt(self, op: Operation) -> None:
        if op.parent is not None:
            raise ValueError(f"'{op.name}' is already in a block")
        op.parent = self
        self._size += 1
        self._numbered = False

    def append(self, op: Operation) -> Operation:
        self._adopt(op)
        op.prev = self.last
        op.next = None
        if self.last is None:
            self.first = op
        else:
            self.last.next = op
        self.last = op
        return op

    def prepend(self, op: Operation) -> Operation:
        if self.first is None:
            return self.append(op)
        return self.insert_before(self.first, op)

    def insert_before(self, anchor: Operation, op: Operation) -> Operation:
        self._adopt(op)
        op.next = anchor
        op.prev = anchor.prev
        if anchor.prev is None:
            self.first = op
        else:
            anchor.prev.next = op
        anchor.prev = op
        return op

    def insert_after(self, anchor: Operation, op: Operation) -> Operation:
        if anchor.next is None:
            return self.append(op)
        return self.insert_before(anchor.next, op)

    def number_ops(self) -> None:
        if self._numbered:
            return
        for i, op in enumerate(self):
            op._order = i
        self._numbered = True

    @property
    def terminator(self) -> Operation | None:
        from tfc.ir.traits import IsTerminator
        last = self.last
        return last if last is not None and last.has_trait(IsTerminator) else None

    @property
    def parent_op(self) -> Operation | None:
        return self.parent.parent if self.parent is not None else None

    @property
    def successors(self) -> list["Block"]:
        last = self.last
        return list(last.successors) if last is not None else []

    @property
    def predecessors(self) -> list["Block"]:
        if self.parent is None:
            return []
        return [b for b in self.parent.blocks if any(s is self for s in b.successors)]

    def erase(self) -> None:
        for op in list(reversed(self)):
            op.drop_all_references()
        for op in list(reversed(self)):
            op.detach()
        if self.parent is not None:
            self.parent.blocks.remove(self)
            self.parent = None

    def __repr__(self):
        return f"<block with {len(self.arguments)} args, {self._size} ops>"


class Region:
    __slots__ = ("blocks", "parent")

    def __init__(self, blocks: Iterable[Block] = ()):
        self.blocks: list[Block] = []
        self.parent: Operation | None = None
        for block in blocks:
            self.add_block(block)

    def add_block(self, block: Block) -> Block:
        block.parent = self
        self.blocks.append(block)
        return block

    def insert_block(self, index: int, block: Block) -> Block:
        block.parent = self
        self.blocks.insert(index, block)
        return block

    @property
    def entry(self) -> Block | None:
        return self.blocks[0] if self.blocks else None

    @property
    def is_empty(self) -> bool:
        return not self.blocks

    def ops(self) -> Iterator[Operation]:
        for block in self.blocks:
            yield from block

    def clone_into(self, dest: "Region", mapping: dict) -> None:
        new_blocks = []
        for block in self.blocks:
            new = Block()
            for arg in block.arguments:
                mapping[arg] = new.add_argument(arg.type, arg.location)
            mapping[block] = new
            new_blocks.append(new)
        cloned = []
        for block, new in zip(self.blocks, new_blocks):
            for op in block:
                copy = op.clone(mapping)
                new.append(copy)
                cloned.append(copy)
            dest.add_block(new)
        # Values defined later in the region (legal across blocks) are mapped only now.
        for copy in cloned:
            for root in copy.walk():
                for use in root.operand_uses:
                    mapped = mapping.get(use.value)
                    if mapped is not None:
                        use.value = mapped
                root.successors = [mapping.get(b, b) for b in root.successors]

    def take_body(self, other: "Region") -> None:
        """Move all blocks of `other` into this (empty) region."""
        for block in other.blocks:
            block.parent = self
            self.blocks.append(block)
        other.blocks = []

    @property
    def parent_op(self) -> Operation | None:
        return self.parent
