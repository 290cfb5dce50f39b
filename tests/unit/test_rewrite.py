"""The greedy pattern rewrite driver: fixed points, folding, constants, non-convergence, safety."""

import pytest

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.constraints import AnyType
from tfc.ir.opdef import Op, Operand, Result
from tfc.ir.parser import parse_module
from tfc.ir.printer import print_op
from tfc.ir.rewrite import (GreedyPatternRewriteDriver, PatternRewriter, RewritePattern,
                            apply_patterns_greedily)
from tfc.ir.verifier import verify
from tfc.dialects import test as TD


class EffectfulIdentityOp(Op):
    """Has side effects, yet folds to its operand: the driver must keep it."""

    name = "rwtest.effectful_identity"
    input = Operand(AnyType)
    output = Result(AnyType)

    def fold(self, constants):
        return [self.input]


def parse(text: str):
    module = parse_module(text)
    verify(module)
    return module


def ops_named(root, name: str) -> list:
    return [op for op in root.walk(pre_order=True) if op.name == name]


def tag_of(op) -> str | None:
    tag = op.get_attr("tag")
    return tag.value if isinstance(tag, A.StringAttr) else None


# ----- patterns used below -------------------------------------------------------------------------

class CountDown(RewritePattern):
    """test.pure {count = n} -> {count = n - 1}, down to 0: a chain of in-place rewrites."""

    root = TD.PureOp

    def match_and_rewrite(self, op, rewriter):
        count = op.get_attr("count")
        if not isinstance(count, A.IntegerAttr) or count.value == 0:
            return False
        rewriter.modify_op_in_place(op, lambda: op.set_attr("count", A.IntegerAttr(count.value - 1)))
        return True


class Retag(RewritePattern):
    """Renames `tag` in place; two of these pointing at each other never settle."""

    root = TD.PureOp

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new

    def match_and_rewrite(self, op, rewriter):
        if tag_of(op) != self.old:
            return False
        rewriter.modify_op_in_place(op, lambda: op.set_attr("tag", A.StringAttr(self.new)))
        return True


class RebuildRetag(Retag):
    """Like Retag, but replaces the op by a new one (new ops go back on the worklist at once)."""

    def match_and_rewrite(self, op, rewriter):
        if tag_of(op) != self.old:
            return False
        new = rewriter.create(TD.PureOp, op.operands, result_types=op.result_types,
                              attributes={"tag": A.StringAttr(self.new)})
        rewriter.replace_op(op, new)
        return True


class ClaimsSuccess(RewritePattern):
    root = TD.PureOp

    def match_and_rewrite(self, op, rewriter):
        return True


# ----- fixed points ------------------------------------------------------------------------------

def test_reaches_a_fixed_point():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) {count = 3 : i64} : (i32) -> i32
      %1 = "test.pure"(%0) {count = 2 : i64} : (i32) -> i32
      return %1 : i32
    }""")
    driver = GreedyPatternRewriteDriver(module, [CountDown()])
    assert driver.run(max_iterations=10)
    assert driver.stats.converged and driver.stats.num_rewrites == 5
    assert [op.get_attr("count").value for op in ops_named(module, "test.pure")] == [0, 0]
    verify(module)


def test_fixed_point_is_not_reported_after_a_changing_last_sweep():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) {count = 1 : i64} : (i32) -> i32
      return %0 : i32
    }""")
    # One sweep applies the rewrite; only a second, idle sweep shows that nothing is left.
    assert not apply_patterns_greedily(module, [CountDown()], max_iterations=1)
    assert apply_patterns_greedily(module, [CountDown()], max_iterations=1)


def test_patterns_are_tried_by_decreasing_benefit():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) {tag = "start"} : (i32) -> i32
      return %0 : i32
    }""")
    low, high = Retag("start", "low"), Retag("start", "high")
    low.benefit, high.benefit = 1, 5
    assert apply_patterns_greedily(module, [low, high])
    assert tag_of(ops_named(module, "test.pure")[0]) == "high"


# ----- folding ---------------------------------------------------------------------------------------

def test_folding_materializes_deduplicates_and_hoists_constants():
    module = parse("""
    func.func @f(%a: i32) -> (i32, i32, i32) {
      %r = "test.region"() ({
        %c1 = "test.constant"() <{value = 1 : i32}> : () -> i32
        %c2 = "test.constant"() <{value = 2 : i32}> : () -> i32
        %s = "test.add"(%c1, %c2) : (i32, i32) -> i32
        "test.yield"(%s) : (i32) -> ()
      }) : () -> i32
      %c2b = "test.constant"() <{value = 2 : i32}> : () -> i32
      %c1b = "test.constant"() <{value = 1 : i32}> : () -> i32
      %t = "test.add"(%c2b, %c1b) : (i32, i32) -> i32
      %c3 = "test.constant"() <{value = 3 : i32}> : () -> i32
      %u = "test.add"(%a, %c3) : (i32, i32) -> i32
      return %r, %t, %u : i32, i32, i32
    }""")
    assert apply_patterns_greedily(module, [])
    verify(module)
    func = ops_named(module, "func.func")[0]
    constants = ops_named(module, "test.constant")
    # One 3, hoisted from the nested region to the start of the function's entry block.
    assert [c.value.value for c in constants] == [3]
    assert constants[0] is func.entry.first
    ret = func.entry.last
    region_yield = ops_named(module, "test.yield")[0]
    assert region_yield.operands[0] is constants[0].result and ret.operands[1] is constants[0].result
    assert len(ops_named(module, "test.add")) == 1  # %u stays: %a is not a constant


def test_existing_constants_are_hoisted_in_order():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %c1 = "test.constant"() <{value = 1 : i32}> : () -> i32
      "test.side_effect"(%c1) : (i32) -> ()
      %c2 = "test.constant"() <{value = 2 : i32}> : () -> i32
      %r = "test.region"() ({
        %c4 = "test.constant"() <{value = 4 : i32}> : () -> i32
        %s = "test.add"(%a, %c4) : (i32, i32) -> i32
        "test.yield"(%s) : (i32) -> ()
      }) : () -> i32
      "test.side_effect"(%c2, %r) : (i32, i32) -> ()
      return %r : i32
    }""")
    assert apply_patterns_greedily(module, [])
    verify(module)
    func = ops_named(module, "func.func")[0]
    values = [op.value.value if op.name == "test.constant" else op.name for op in func.entry]
    assert values == [1, 2, 4, "test.side_effect", "test.region", "test.side_effect", "func.return"]


def test_constants_stay_inside_isolated_regions():
    module = parse("""
    func.func @f() -> i32 {
      %c1 = "test.constant"() <{value = 1 : i32}> : () -> i32
      %r = "test.isolated_region"() ({
        %c1b = "test.constant"() <{value = 1 : i32}> : () -> i32
        %s = "test.add"(%c1b, %c1b) : (i32, i32) -> i32
        "test.yield"(%s) : (i32) -> ()
      }) : () -> i32
      "test.side_effect"(%c1, %r) : (i32, i32) -> ()
      return %r : i32
    }""")
    assert apply_patterns_greedily(module, [])
    verify(module)
    isolated = ops_named(module, "test.isolated_region")[0]
    inner = [op.name for op in isolated.regions[0].blocks[0]]
    assert inner == ["test.constant", "test.yield"]
    assert isolated.regions[0].blocks[0].first.value == A.IntegerAttr(2, T.i32)


def test_positive_and_negative_zero_are_different_constants():
    module = parse("""
    func.func @f() {
      %p = "test.constant"() <{value = 0.0 : f32}> : () -> f32
      %n = "test.constant"() <{value = -0.0 : f32}> : () -> f32
      "test.side_effect"(%p, %n) : (f32, f32) -> ()
      return
    }""")
    assert apply_patterns_greedily(module, [])
    assert len(ops_named(module, "test.constant")) == 2


def test_fold_to_an_existing_value():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %z = "test.constant"() <{value = 0 : i32}> : () -> i32
      %s = "test.add"(%a, %z) : (i32, i32) -> i32
      return %s : i32
    }""")
    assert apply_patterns_greedily(module, [])
    func = ops_named(module, "func.func")[0]
    assert [op.name for op in func.entry] == ["func.return"]
    assert func.entry.last.operands[0] is func.entry.arguments[0]


def test_folding_can_be_turned_off():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %z = "test.constant"() <{value = 0 : i32}> : () -> i32
      %s = "test.add"(%a, %z) : (i32, i32) -> i32
      return %s : i32
    }""")
    assert apply_patterns_greedily(module, [], fold=False)
    assert len(ops_named(module, "test.add")) == 1


# ----- non-convergence -------------------------------------------------------------------------

def test_ping_pong_in_place_is_not_converged():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) {tag = "a"} : (i32) -> i32
      return %0 : i32
    }""")
    driver = GreedyPatternRewriteDriver(module, [Retag("a", "b"), Retag("b", "a")])
    assert not driver.run(max_iterations=10)
    assert not driver.stats.converged
    verify(module)


def test_ping_pong_with_new_ops_stops_and_is_not_converged():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) {tag = "a"} : (i32) -> i32
      return %0 : i32
    }""")
    driver = GreedyPatternRewriteDriver(module, [RebuildRetag("a", "b"), RebuildRetag("b", "a")],
                                        max_num_rewrites=50)
    assert not driver.run(max_iterations=10)
    assert driver.stats.hit_rewrite_limit
    verify(module)
    assert len(ops_named(module, "test.pure")) == 1


def test_ping_pong_stops_under_the_default_rewrite_limit():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) {tag = "a"} : (i32) -> i32
      return %0 : i32
    }""")
    assert not apply_patterns_greedily(module, [RebuildRetag("a", "b"), RebuildRetag("b", "a")])


def test_success_without_change_is_caught():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) : (i32) -> i32
      return %0 : i32
    }""")
    driver = GreedyPatternRewriteDriver(module, [ClaimsSuccess()])
    assert not driver.run(max_iterations=3)
    assert driver.stats.iterations == 3
    assert [(type(p).__name__, name) for p, name in driver.stats.idle_successes][0] == ("ClaimsSuccess", "test.pure")


# ----- safety ------------------------------------------------------------------------------------

def test_dead_pure_ops_go_and_ops_with_effects_stay():
    module = parse("""
    func.func @f(%a: i32) {
      %0 = "test.pure"(%a) : (i32) -> i32
      %1 = "test.pure"(%0) : (i32) -> i32
      %2 = "test.op"(%a) : (i32) -> i32
      "test.side_effect"(%a) : (i32) -> ()
      %3 = "test.region"() ({
        %4 = "test.pure"(%a) : (i32) -> i32
        "test.yield"(%4) : (i32) -> ()
      }) : () -> i32
      %5 = "test.region"() ({
        "test.side_effect"(%a) : (i32) -> ()
        "test.yield"(%a) : (i32) -> ()
      }) : () -> i32
      return
    }""")
    assert apply_patterns_greedily(module, [])
    verify(module)
    func = ops_named(module, "func.func")[0]
    assert [op.name for op in func.entry] == ["test.op", "test.side_effect", "test.region", "func.return"]


def test_fold_of_an_op_with_effects_moves_uses_but_keeps_the_op():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "rwtest.effectful_identity"(%a) : (i32) -> i32
      return %0 : i32
    }""")
    assert apply_patterns_greedily(module, [])
    func = ops_named(module, "func.func")[0]
    assert [op.name for op in func.entry] == ["rwtest.effectful_identity", "func.return"]
    assert func.entry.last.operands[0] is func.entry.arguments[0]


def test_erasing_a_used_op_is_refused():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) : (i32) -> i32
      return %0 : i32
    }""")
    op = ops_named(module, "test.pure")[0]
    with pytest.raises(ValueError, match="still used"):
        PatternRewriter().erase_op(op)


# ----- the rewriter -------------------------------------------------------------------------------

class Recorder:
    def __init__(self):
        self.events = []

    def notify_op_inserted(self, op):
        self.events.append(("inserted", op.name))

    def notify_op_modified(self, op):
        self.events.append(("modified", op.name))

    def notify_op_replaced(self, op, values):
        self.events.append(("replaced", op.name))

    def notify_op_erased(self, op):
        self.events.append(("erased", op.name))


def test_rewriter_reports_every_change():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) : (i32) -> i32
      %1 = "test.add"(%0, %0) : (i32, i32) -> i32
      return %1 : i32
    }""")
    recorder = Recorder()
    rewriter = PatternRewriter(recorder)
    pure = ops_named(module, "test.pure")[0]
    new = rewriter.replace_op_with_new(pure, TD.AddOp, pure.operands[0], pure.operands[0])
    assert recorder.events == [("inserted", "test.add"), ("replaced", "test.pure"),
                               ("modified", "test.add"), ("erased", "test.pure")]
    assert ops_named(module, "test.add")[1].operands == [new.result, new.result]
    verify(module)


def test_inline_block_before():
    module = parse("""
    func.func @f(%a: i32) -> i32 {
      %r = "test.region"(%a) ({
      ^bb0(%x: i32):
        %s = "test.add"(%x, %x) : (i32, i32) -> i32
        "test.yield"(%s) : (i32) -> ()
      }) : (i32) -> i32
      return %r : i32
    }""")
    region_op = ops_named(module, "test.region")[0]
    body = region_op.regions[0].blocks[0]
    rewriter = PatternRewriter()
    rewriter.inline_block_before(body, region_op, region_op.operands)
    terminator = region_op.prev
    rewriter.replace_op(region_op, terminator.operands)
    rewriter.erase_op(terminator)
    verify(module)
    text = print_op(module)
    assert '"test.add"(%arg0, %arg0)' in text and "test.region" not in text
