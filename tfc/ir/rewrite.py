"""Pattern rewriting: rewrite patterns, the rewriter they act through, and the greedy driver.

    class AddZero(RewritePattern):
        root = AddIOp                      # matched with isinstance; None matches every op
        benefit = 2                        # tried before patterns of lower benefit

        def match_and_rewrite(self, op, rewriter) -> bool:
            if not is_zero(op.rhs):
                return False               # a failing pattern must not touch the IR
            rewriter.replace_op(op, [op.lhs])
            return True

    converged = apply_patterns_greedily(func_op, [AddZero()])

A pattern changes the IR only through the `PatternRewriter` it is given, which tells the
driver what changed so that the affected ops are visited again. The driver works like MLIR's
greedy pattern rewrite driver, top-down: every op nested in the root is put on a worklist;
an op popped from it is erased when trivially dead, otherwise folded (`Op.fold`, constants
materialized through the op's dialect, hoisted to the entry block of the enclosing
isolated-from-above region and deduplicated there, like MLIR's OperationFolder), otherwise
handed to the patterns by decreasing benefit. Sweeps repeat until one changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from tfc.ir import attributes as A
from tfc.ir.core import Block, Operation, Region, Value
from tfc.ir.location import UNKNOWN, Location
from tfc.ir.opdef import DIALECTS
from tfc.ir.traits import ConstantLike, IsolatedFromAbove, is_pure, is_trivially_dead


# ----- patterns -------------------------------------------------------------------------------

class RewritePattern:
    """One rewrite. Subclasses set `root` (an op class, or None for any op) and `benefit`."""

    root: type | None = None
    benefit: int = 1

    def match_and_rewrite(self, op: Operation, rewriter: "PatternRewriter") -> bool:
        """Rewrite `op` through `rewriter` and return True, or return False leaving it as is."""
        raise NotImplementedError

    def matches_root(self, op: Operation) -> bool:
        return self.root is None or isinstance(op, self.root)

    def __repr__(self) -> str:
        return type(self).__name__


def attribute_key(attr) -> object:
    """A hashable key under which two attributes are equal only when they are the same value.

    `FloatAttr(0.0) == FloatAttr(-0.0)` holds, but the two must never be merged, so the key adds
    the printed form (which tells them apart); dense elements compare their bytes already.
    """
    if attr is None or isinstance(attr, A.DenseElementsAttr):
        return attr
    return (attr, str(attr))


def constant_value(value: Value):
    """The `value` attribute of the constant-like op defining `value`, or None."""
    op = value.defining_op
    if op is None or not op.has_trait(ConstantLike) or op.operands:
        return None
    return op.get_attr("value")


# ----- the rewriter ---------------------------------------------------------------------------

class RewriteListener:
    """What a rewriter reports; the greedy driver listens to update its worklist."""

    def notify_op_inserted(self, op: Operation) -> None:
        pass

    def notify_op_modified(self, op: Operation) -> None:
        pass

    def notify_op_replaced(self, op: Operation, values: Sequence[Value]) -> None:
        pass

    def notify_op_erased(self, op: Operation) -> None:
        pass


class PatternRewriter:
    """Builds and edits IR, reporting every change to its listener.

    New ops go to the insertion point (before the op being rewritten, when the driver calls a
    pattern) and get `location` (that op's location) unless told otherwise. `num_changes`
    counts the notifications, so a driver can tell whether a pattern that claimed success
    changed anything.
    """

    def __init__(self, listener: RewriteListener | None = None):
        self.listener = listener or RewriteListener()
        self.block: Block | None = None
        self.anchor: Operation | None = None  # insert before this op; None: at the block's end
        self.location: Location = UNKNOWN
        self.num_changes = 0

    # ----- insertion point ---------------------------------------------------------------

    def set_insertion_point_before(self, op: Operation) -> None:
        self.block, self.anchor, self.location = op.parent, op, op.location

    def set_insertion_point_after(self, op: Operation) -> None:
        self.block, self.anchor, self.location = op.parent, op.next, op.location

    def set_insertion_point_to_start(self, block: Block) -> None:
        self.block, self.anchor = block, block.first

    def set_insertion_point_to_end(self, block: Block) -> None:
        self.block, self.anchor = block, None

    # ----- creating ops ------------------------------------------------------------------

    def insert(self, op: Operation) -> Operation:
        """Insert a new (detached) op at the insertion point."""
        if self.block is None:
            raise ValueError("the rewriter has no insertion point")
        if self.anchor is None:
            self.block.append(op)
        else:
            self.block.insert_before(self.anchor, op)
        self.notify_inserted(op)
        return op

    def insert_before(self, anchor: Operation, op: Operation) -> Operation:
        anchor.parent.insert_before(anchor, op)
        self.notify_inserted(op)
        return op

    def create(self, op_class: type, *operands, **kwargs) -> Operation:
        """`op_class.build(*operands, **kwargs)` inserted at the insertion point."""
        kwargs.setdefault("location", self.location)
        return self.insert(op_class.build(*operands, **kwargs))

    def move_op_before(self, op: Operation, anchor: Operation) -> None:
        op.move_before(anchor)
        self.notify_inserted(op)

    def inline_block_before(self, source: Block, anchor: Operation, args: Sequence[Value] = ()) -> None:
        """Move the ops of `source` before `anchor`, its arguments replaced by `args`."""
        if len(args) != len(source.arguments):
            raise ValueError(f"inlining a block of {len(source.arguments)} arguments with {len(args)} values")
        for arg, value in zip(source.arguments, args):
            self.replace_all_uses_with(arg, value)
        for op in list(source):
            self.move_op_before(op, anchor)

    # ----- changing ops ------------------------------------------------------------------

    def replace_all_uses_with(self, old: Value, new: Value) -> None:
        if old is new:
            return
        for user in old.users:
            self.notify_modified(user)
        old.replace_all_uses_with(new)

    def replace_op(self, op: Operation, values) -> None:
        """Replace the results of `op` by `values` (a list of values or an op) and erase it."""
        if isinstance(values, Operation):
            values = values.results
        values = list(values)
        if len(values) != len(op.results):
            raise ValueError(f"replacing {len(op.results)} results of '{op.name}' with {len(values)} values")
        self.num_changes += 1
        self.listener.notify_op_replaced(op, values)
        for old, new in zip(op.results, values):
            self.replace_all_uses_with(old, new)
        self.erase_op(op)

    def replace_op_with_new(self, op: Operation, op_class: type, *operands, **kwargs) -> Operation:
        self.set_insertion_point_before(op)
        new = self.create(op_class, *operands, **kwargs)
        self.replace_op(op, new)
        return new

    def erase_op(self, op: Operation) -> None:
        """Erase an op whose results have no uses left, and everything nested in it."""
        if not op.use_empty():
            raise ValueError(f"erasing '{op.name}' whose results are still used")
        for inner in op.walk():
            self.num_changes += 1
            self.listener.notify_op_erased(inner)
        if self.anchor is op:
            self.anchor = op.next
        op.erase()

    def erase_block(self, block: Block) -> None:
        for op in reversed(block):
            for inner in op.walk():
                self.num_changes += 1
                self.listener.notify_op_erased(inner)
        block.erase()

    def modify_op_in_place(self, op: Operation, fn: Callable[[], object]) -> None:
        """Run `fn`, which changes `op` (operands, attributes) without replacing it."""
        fn()
        self.notify_modified(op)

    # ----- notifications -------------------------------------------------------------------

    def notify_inserted(self, op: Operation) -> None:
        self.num_changes += 1
        self.listener.notify_op_inserted(op)

    def notify_modified(self, op: Operation) -> None:
        self.num_changes += 1
        self.listener.notify_op_modified(op)


# ----- constant folding ------------------------------------------------------------------------

class OperationFolder:
    """Folds ops and keeps one constant per (dialect, value, type) per insertion region.

    Constants live at the start of the entry block of the nearest region whose parent is
    isolated from above (or is the root, or is not in a block), in the order they were met.
    """

    def __init__(self, rewriter: PatternRewriter, root: Operation):
        self.rewriter = rewriter
        self.root = root
        self.tables: dict[Region, dict] = {}
        self.owned: dict[Operation, list] = {}  # constant -> [(region, key), ...]
        self.last: dict[Region, Operation] = {}  # the last constant of each region's prefix

    def insertion_region(self, op: Operation) -> Region:
        region = op.parent_region
        while True:
            parent = region.parent
            if (parent is None or parent is self.root or parent.parent is None or not parent.is_registered
                    or parent.has_trait(IsolatedFromAbove)):
                return region
            region = parent.parent_region

    # ----- known constants -------------------------------------------------------------------

    def insert_known_constant(self, op: Operation) -> bool:
        """Record a constant-like op, hoisted; False when it was a duplicate and got erased."""
        if op in self.owned:
            return True
        value = op.get_attr("value")
        if value is None or len(op.results) != 1 or op.regions:
            return True
        region = self.insertion_region(op)
        key = (op.dialect_name, attribute_key(value), op.results[0].type)
        table = self.tables.setdefault(region, {})
        existing = table.get(key)
        if existing is not None:
            self.rewriter.replace_op(op, existing.results)
            return False
        self._hoist(op, region)
        table[key] = op
        self.owned[op] = [(region, key)]
        return True

    def _hoist(self, op: Operation, region: Region) -> None:
        """Move `op` to the end of the run of known constants at the start of the entry block."""
        anchor = self._prefix_end(region, op)
        self.last[region] = op
        if anchor is op:
            return
        if anchor is None:
            op.detach()
            region.blocks[0].append(op)
            return
        op.move_before(anchor)

    def _prefix_end(self, region: Region, op: Operation | None = None) -> Operation | None:
        """The first op of the entry block after its known constants (or `op` if met first)."""
        entry = region.blocks[0]
        last = self.last.get(region)
        anchor = last.next if last is not None and last.parent is entry else entry.first
        while anchor is not None and anchor is not op and anchor in self.owned:
            anchor = anchor.next
        return anchor

    def notify_removal(self, op: Operation) -> None:
        entries = self.owned.pop(op, None)
        if entries is None:
            return
        for region, key in entries:
            self.tables[region].pop(key, None)
            if self.last.get(region) is op:
                previous = op.prev
                self.last[region] = previous if previous in self.owned else None
                if self.last[region] is None:
                    del self.last[region]

    # ----- folding ----------------------------------------------------------------------------

    def try_fold(self, op: Operation) -> bool:
        """Fold `op` and replace its results; True when the IR changed."""
        fold = getattr(op, "fold", None)
        if fold is None:
            return False
        folded = fold([constant_value(v) for v in op.operands])
        if folded is None:
            return False
        folded = list(folded)
        if len(folded) != len(op.results):
            raise op.emit_error(f"fold returned {len(folded)} values for {len(op.results)} results")
        if all(new is old for new, old in zip(folded, op.results)):
            self.rewriter.notify_modified(op)  # folded in place
            return True
        values = self._materialize_all(op, folded)
        if values is None:
            return False
        return self._replace_folded(op, values)

    def _materialize_all(self, op: Operation, folded: list) -> list | None:
        values = []
        for result, item in zip(op.results, folded):
            if isinstance(item, Value):
                values.append(item)
                continue
            constant = self.get_or_create_constant(op, item, result.type)
            if constant is None:
                return None  # constants made so far stay; unused ones die as trivially dead
            values.append(constant.results[0])
        return values

    def _replace_folded(self, op: Operation, values: list) -> bool:
        if is_pure(op) and not any(new is old for new, old in zip(values, op.results)):
            self.rewriter.replace_op(op, values)
            return True
        # An op with side effects is never erased (nor one that folds some results to
        # themselves): only the uses of its results move.
        changed = False
        for old, new in zip(op.results, values):
            if old.uses and new is not old:
                self.rewriter.replace_all_uses_with(old, new)
                changed = True
        return changed

    def get_or_create_constant(self, op: Operation, value, type) -> Operation | None:
        """The known constant for `value` in `op`'s insertion region, made by `op`'s dialect."""
        dialect = DIALECTS.get(op.dialect_name)
        if dialect is None:
            return None
        region = self.insertion_region(op)
        table = self.tables.setdefault(region, {})
        key = (op.dialect_name, attribute_key(value), type)
        existing = table.get(key)
        if existing is not None:
            return existing
        constant = dialect.materialize_constant(value, type, op.location)
        if constant is None or len(constant.results) != 1 or constant.results[0].type != type:
            return None
        own_key = (constant.dialect_name, attribute_key(value), type)
        existing = table.get(own_key)
        if existing is not None:  # the dialect made another dialect's constant, already known
            table[key] = existing
            self.owned[existing].append((region, key))
            return existing
        self._place_new(constant, region)
        table[key] = constant
        entries = self.owned[constant] = [(region, key)]
        if own_key != key:
            table[own_key] = constant
            entries.append((region, own_key))
        return constant

    def _place_new(self, constant: Operation, region: Region) -> None:
        anchor = self._prefix_end(region)
        if anchor is None:
            region.blocks[0].append(constant)
        else:
            region.blocks[0].insert_before(anchor, constant)
        self.last[region] = constant
        self.rewriter.notify_inserted(constant)


# ----- the greedy driver ----------------------------------------------------------------------------

@dataclass
class GreedyRewriteStats:
    """What one run of the driver did, for diagnostics and tests."""

    converged: bool = True
    iterations: int = 0
    num_rewrites: int = 0
    hit_rewrite_limit: bool = False
    idle_successes: list = field(default_factory=list)  # patterns that claimed a change but made none


class GreedyPatternRewriteDriver(RewriteListener):
    def __init__(self, root: Operation, patterns: Iterable[RewritePattern], fold: bool = True,
                 max_num_rewrites: int | None = None):
        self.root = root
        self.patterns = sorted(patterns, key=lambda p: -p.benefit)  # stable: ties keep their order
        self.fold = fold
        self.max_num_rewrites = max_num_rewrites
        self.rewriter = PatternRewriter(self)
        self.folder = OperationFolder(self.rewriter, root)
        self.worklist: dict[Operation, None] = {}
        self.by_class: dict[type, list] = {}
        self.stats = GreedyRewriteStats()

    def run(self, max_iterations: int = 10) -> bool:
        stats = self.stats
        changed = True
        while changed and stats.iterations < max(max_iterations, 1):
            stats.iterations += 1
            changed = self.sweep()
            if stats.hit_rewrite_limit:
                break
        stats.converged = not changed
        return stats.converged

    # ----- one sweep ----------------------------------------------------------------------------

    def sweep(self) -> bool:
        ops = [op for op in self.root.walk(pre_order=True) if op is not self.root]
        self.worklist = dict.fromkeys(reversed(ops))
        limit = self.max_num_rewrites
        if limit is None:
            limit = 1000 + 16 * len(ops)
        changed = False
        rewrites = 0
        while self.worklist:
            op, _ = self.worklist.popitem()
            if not self._in_scope(op):
                continue
            if self.process(op):
                changed = True
                rewrites += 1
                if rewrites > limit:
                    self.stats.hit_rewrite_limit = True
                    break
        self.stats.num_rewrites += rewrites
        self.worklist = {}
        return changed

    def process(self, op: Operation) -> bool:
        """Erase, fold or rewrite one op; True when the IR changed."""
        if is_trivially_dead(op):
            self.rewriter.erase_op(op)
            return True
        if self.fold:
            # Constants are deduplicated, never folded (that would rematerialize them forever).
            # One with (control) operands stays where it is: hoisting it would break dominance.
            if op.has_trait(ConstantLike) and not op.operands:
                if not self.folder.insert_known_constant(op):
                    return True
            elif self.folder.try_fold(op):
                return True
        return self.apply_patterns(op)

    def apply_patterns(self, op: Operation) -> bool:
        rewriter = self.rewriter
        for pattern in self._patterns_for(op):
            before = rewriter.num_changes
            rewriter.set_insertion_point_before(op)
            applied = pattern.match_and_rewrite(op, rewriter)
            made_changes = rewriter.num_changes != before
            if applied and not made_changes:
                self.stats.idle_successes.append((pattern, op.name))
            if applied or made_changes:
                return True
        return False

    def _patterns_for(self, op: Operation) -> list:
        cls = type(op)
        found = self.by_class.get(cls)
        if found is None:
            found = [p for p in self.patterns if p.matches_root(op)]
            self.by_class[cls] = found
        return found

    def _in_scope(self, op: Operation) -> bool:
        current = op
        while current.parent is not None:
            current = current.parent_op
            if current is self.root:
                return True
            if current is None:
                return False
        return False

    # ----- listening to the rewriter --------------------------------------------------------------

    def _push(self, op: Operation | None) -> None:
        if op is not None and op is not self.root and op not in self.worklist:
            self.worklist[op] = None

    def notify_op_inserted(self, op: Operation) -> None:
        for inner in op.walk():
            self._push(inner)

    def notify_op_modified(self, op: Operation) -> None:
        self._push(op)

    def notify_op_replaced(self, op: Operation, values) -> None:
        for user in op.users:
            self._push(user)

    def notify_op_erased(self, op: Operation) -> None:
        self.worklist.pop(op, None)
        self.folder.notify_removal(op)
        for value in op.operands:
            definer = value.defining_op
            if definer is not None and definer.parent is not None:
                self._push(definer)


def apply_patterns_greedily(root: Operation, patterns: Iterable[RewritePattern], max_iterations: int = 10,
                            fold: bool = True, max_num_rewrites: int | None = None) -> bool:
    """Rewrite the ops nested in `root` to a fixed point; False when it did not converge.

    At most `max_iterations` sweeps; a sweep stops early (not converged) after
    `max_num_rewrites` changes (by default a generous multiple of the op count), which
    catches patterns that undo each other forever.
    """
    driver = GreedyPatternRewriteDriver(root, patterns, fold, max_num_rewrites)
    return driver.run(max_iterations)
