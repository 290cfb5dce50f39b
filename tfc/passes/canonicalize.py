"""`canonicalize`: fold every op and apply every op's canonicalization patterns to a fixed point.

The patterns are those of all loaded op classes (`Op.canonicalization_patterns()`) plus
generic ones that need no knowledge of particular ops. Like MLIR's canonicalizer, the greedy
driver also erases trivially dead ops and deduplicates and hoists constants.
"""

from __future__ import annotations

from tfc.ir.core import Operation
from tfc.ir.diagnostics import emit_warning
from tfc.ir.opdef import OPS
from tfc.ir.passes import Option, Pass
from tfc.ir.rewrite import GreedyPatternRewriteDriver, RewritePattern, constant_value
from tfc.ir.traits import Commutative


class CommutativeConstantsToRight(RewritePattern):
    """`op(c, x)` -> `op(x, c)` for commutative ops: constant operands go last, in order."""

    root = None

    def match_and_rewrite(self, op: Operation, rewriter) -> bool:
        if not op.has_trait(Commutative):
            return False
        # An op may commute only its leading operands (tf ops: not their control inputs).
        count = getattr(op, "commutative_operand_count", op.num_operands)
        if count < 2:
            return False
        operands, rest = op.operands[:count], op.operands[count:]
        is_constant = [constant_value(v) is not None for v in operands]
        first_constant = is_constant.index(True) if True in is_constant else len(operands)
        if all(is_constant[first_constant:]):
            return False  # already constants-last
        ordered = ([v for v, c in zip(operands, is_constant) if not c]
                   + [v for v, c in zip(operands, is_constant) if c] + rest)
        rewriter.modify_op_in_place(op, lambda: op.set_operands(ordered))
        return True


GENERIC_PATTERNS = (CommutativeConstantsToRight,)

_pattern_cache: dict = {"count": -1, "patterns": []}


def canonicalization_patterns() -> list[RewritePattern]:
    """The patterns of every loaded op class and the generic ones (cached per op registry size)."""
    if _pattern_cache["count"] != len(OPS):
        patterns = [cls() for cls in GENERIC_PATTERNS]
        for op_class in list(OPS.values()):
            patterns.extend(op_class.canonicalization_patterns())
        _pattern_cache.update(count=len(OPS), patterns=patterns)
    return _pattern_cache["patterns"]


class CanonicalizePass(Pass):
    name = "canonicalize"
    summary = "Fold ops and apply canonicalization patterns to a fixed point"
    max_iterations = Option(int, 10, "the greatest number of sweeps over the IR")
    test_convergence = Option(bool, False, "fail (rather than warn) when no fixed point is reached")

    def run(self, op: Operation) -> None:
        driver = GreedyPatternRewriteDriver(op, canonicalization_patterns())
        if driver.run(self.max_iterations):
            return
        message = f"canonicalizer failed to converge within {self.max_iterations} iterations"
        stats = driver.stats
        if stats.hit_rewrite_limit:
            message += " (patterns keep rewriting each other's results)"
        if stats.idle_successes:
            pattern, op_name = stats.idle_successes[0]
            message += f" (pattern {pattern!r} reported success on '{op_name}' without changing the IR)"
        if self.test_convergence:
            raise op.emit_error(message)
        emit_warning(message, op.location)
