"""The scf dialect: semantics through the reference interpreter, verifier errors, folding,
the scf.for builder, and parse -> print -> parse round trips."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter, InterpreterError
from tfc.dialects.scf import ForOp
from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.opdef import lookup_op
from tfc.ir.parser import parse_module
from tfc.ir.printer import print_op
from tfc.ir.traits import is_trivially_dead
from tfc.ir.verifier import verify


def load(text: str):
    module = parse_module(text, "<test>")
    verify(module)
    return module


def run(text: str, name: str, *args) -> list:
    return Interpreter().call(load(text), name, *args)


def func_ops(module, index: int = 0) -> list:
    func = module.regions[0].blocks[0].ops[index]
    return func.regions[0].blocks[0].ops


# ----- scf.for ---------------------------------------------------------------------------------

SUM = """
func.func @sum(%lb: index, %ub: index, %step: index) -> (index, i32) {
  %zero = "arith.constant"() <{value = 0 : index}> : () -> index
  %count0 = "arith.constant"() <{value = 0 : i32}> : () -> i32
  %one = "arith.constant"() <{value = 1 : i32}> : () -> i32
  %r:2 = "scf.for"(%lb, %ub, %step, %zero, %count0) ({
  ^bb0(%iv: index, %acc: index, %count: i32):
    %s = "arith.addi"(%acc, %iv) : (index, index) -> index
    %c = "arith.addi"(%count, %one) : (i32, i32) -> i32
    "scf.yield"(%s, %c) : (index, i32) -> ()
  }) : (index, index, index, index, i32) -> (index, i32)
  return %r#0, %r#1 : index, i32
}
"""


@pytest.mark.parametrize("lb, ub, step, total, count", [
    (0, 10, 1, 45, 10),
    (2, 11, 3, 2 + 5 + 8, 3),
    (-3, 3, 2, -3 - 1 + 1, 3),
    (5, 5, 1, 0, 0),      # no iteration: the results are the inits
    (7, 2, 1, 0, 0),
])
def test_for_carries_values(lb, ub, step, total, count):
    s, c = run(SUM, "sum", lb, ub, step)
    assert (int(s), int(c)) == (total, count)
    assert s.dtype == np.int64 and c.dtype == np.int32


def test_for_step_must_be_positive():
    with pytest.raises(InterpreterError, match="'scf.for' op failed in the interpreter: ValueError: loop step must be positive"):
        run(SUM, "sum", 0, 10, 0)


LOOP_I32 = """
func.func @count(%lb: i32, %ub: i32, %step: i32) {
  "scf.for"(%lb, %ub, %step) ({
  ^bb0(%iv: i32):
    "test.side_effect"(%iv) : (i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "scf.for"(%lb, %ub, %step) <{unsignedCmp}> ({
  ^bb0(%iv: i32):
    "test.side_effect"() : () -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  return
}
"""


def test_for_over_integers_signed_and_unsigned():
    ctx = Interpreter()
    ctx.call(load(LOOP_I32), "count", -2, 1, 1)
    signed = [t for t in ctx.trace if t]
    assert [int(v) for (v,) in signed] == [-2, -1, 0]
    assert all(v.dtype == np.int32 for (v,) in signed)
    # Unsigned, -2 is 0xFFFFFFFE, which is not below 1: no iteration.
    assert len(ctx.trace) == 3
    ctx = Interpreter()
    ctx.call(load(LOOP_I32), "count", 0, -1, 2**30)
    # Signed: 0 < -1 is false. Unsigned: 0 .. 0xFFFFFFFF in steps of 2**30: 4 iterations.
    assert ctx.trace == [()] * 4


def test_nested_loops_run_in_order():
    text = """
    func.func @f(%n: index) {
      %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
      %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
      "scf.for"(%c0, %n, %c1) ({
      ^bb0(%i: index):
        "scf.for"(%i, %n, %c1) ({
        ^bb0(%j: index):
          "test.side_effect"(%i, %j) : (index, index) -> ()
          "scf.yield"() : () -> ()
        }) : (index, index, index) -> ()
        "scf.yield"() : () -> ()
      }) : (index, index, index) -> ()
      return
    }
    """
    ctx = Interpreter()
    ctx.call(load(text), "f", 3)
    assert [(int(i), int(j)) for i, j in ctx.trace] == [(0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (2, 2)]


def test_for_builder():
    module = load("func.func @f(%lb: index, %ub: index, %x: f32) -> f32 {\n  return %x : f32\n}")
    func = module.regions[0].blocks[0].first
    entry = func.regions[0].blocks[0]
    lb, ub, x = entry.arguments
    add = lookup_op("test.add")
    loop = ForOp.create(lb, ub, lb, [x],
                        body=lambda block, iv, args: [block.append(add.build(args[0], args[0])).result])
    entry.insert_before(entry.last, loop)
    entry.last.set_operand(0, loop.results[0])
    verify(module)
    assert loop.induction_var.type == T.index and loop.region_iter_args[0].type == T.f32
    assert Interpreter().call(module, "f", 1, 4, 1.5) == [12.0]  # step %lb = 1: iv = 1, 2, 3
    # Without a body callback the block is left for the caller to fill.
    empty = ForOp.create(lb, ub, lb)
    assert len(empty.body.arguments) == 1 and empty.body.is_empty


# ----- scf.if, scf.index_switch, scf.execute_region -------------------------------------------------

SELECT = """
func.func @select(%c: i1, %a: i32, %b: i32) -> i32 {
  %r = "scf.if"(%c) ({
    %d = "arith.addi"(%a, %a) : (i32, i32) -> i32
    "scf.yield"(%d) : (i32) -> ()
  }, {
    "test.side_effect"(%b) : (i32) -> ()
    "scf.yield"(%b) : (i32) -> ()
  }) : (i1) -> i32
  "scf.if"(%c) ({
    "test.side_effect"() : () -> ()
    "scf.yield"() : () -> ()
  }, {
  }) : (i1) -> ()
  return %r : i32
}
"""


def test_if_runs_one_region():
    ctx = Interpreter()
    assert ctx.call(load(SELECT), "select", True, 3, 4) == [6]
    assert ctx.trace == [()]
    ctx = Interpreter()
    assert ctx.call(load(SELECT), "select", False, 3, 4) == [4]
    assert ctx.trace == [(4,)]


SWITCH = """
func.func @switch(%i: index, %x: f32) -> f32 {
  %r = "scf.index_switch"(%i) <{cases = array<i64: 2, 5>}> ({
    "scf.yield"(%x) : (f32) -> ()
  }, {
    %d = "arith.addf"(%x, %x) : (f32, f32) -> f32
    "scf.yield"(%d) : (f32) -> ()
  }, {
    %n = "arith.negf"(%x) : (f32) -> f32
    "scf.yield"(%n) : (f32) -> ()
  }) : (index) -> f32
  return %r : f32
}
"""


@pytest.mark.parametrize("index, expected", [(2, 3.0), (5, -1.5), (0, 1.5), (-2, 1.5), (3, 1.5)])
def test_index_switch(index, expected):
    assert run(SWITCH, "switch", index, 1.5) == [expected]


def test_execute_region_with_several_blocks():
    text = """
    func.func @f(%a: i32, %sel: i1) -> i32 {
      %r = "scf.execute_region"() ({
        %one = "arith.constant"() <{value = 1 : i32}> : () -> i32
        "test.terminator"(%sel, %a)[^keep, ^inc] : (i1, i32) -> ()
      ^keep(%k: i32):
        "scf.yield"(%k) : (i32) -> ()
      ^inc(%v: i32):
        %w = "arith.addi"(%v, %one) : (i32, i32) -> i32
        "scf.yield"(%w) : (i32) -> ()
      }) : () -> i32
      return %r : i32
    }
    """
    assert run(text, "f", 10, False) == [10]
    assert run(text, "f", 10, True) == [11]


# ----- scf.while ---------------------------------------------------------------------------------------

WHILE = """
func.func @pow2_above(%n: i32) -> (i32, index) {
  %one = "arith.constant"() <{value = 1 : i32}> : () -> i32
  %z = "arith.constant"() <{value = 0 : index}> : () -> index
  %r:2 = "scf.while"(%one, %z) ({
  ^bb0(%x: i32, %steps: index):
    %go = "arith.cmpi"(%x, %n) <{predicate = 3 : i64}> : (i32, i32) -> i1
    "scf.condition"(%go, %steps, %x) : (i1, index, i32) -> ()
  }, {
  ^bb0(%s: index, %y: i32):
    %y2 = "arith.addi"(%y, %y) : (i32, i32) -> i32
    %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
    %s2 = "arith.addi"(%s, %c1) : (index, index) -> index
    "scf.yield"(%y2, %s2) : (i32, index) -> ()
  }) : (i32, index) -> (index, i32)
  return %r#1, %r#0 : i32, index
}
"""


@pytest.mark.parametrize("n, value, steps", [(0, 1, 0), (1, 2, 1), (100, 128, 7), (128, 256, 8)])
def test_while_loop(n, value, steps):
    x, s = run(WHILE, "pow2_above", n)
    assert (int(x), int(s)) == (value, steps)


def test_recursion_through_if_and_call():
    text = """
    func.func @fact(%n: i64) -> i64 {
      %one = "arith.constant"() <{value = 1 : i64}> : () -> i64
      %small = "arith.cmpi"(%n, %one) <{predicate = 3 : i64}> : (i64, i64) -> i1
      %r = "scf.if"(%small) ({
        "scf.yield"(%one) : (i64) -> ()
      }, {
        %m = "arith.subi"(%n, %one) : (i64, i64) -> i64
        %f = func.call @fact(%m) : (i64) -> i64
        %p = "arith.muli"(%n, %f) : (i64, i64) -> i64
        "scf.yield"(%p) : (i64) -> ()
      }) : (i1) -> i64
      return %r : i64
    }
    """
    assert run(text, "fact", 12) == [479001600]


# ----- scf.parallel ----------------------------------------------------------------------------------------

PARALLEL = """
func.func @dot(%n: index, %m: index) -> (index, f32) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %c2 = "arith.constant"() <{value = 2 : index}> : () -> index
  %f1 = "arith.constant"() <{value = 1.0 : f32}> : () -> f32
  %r:2 = "scf.parallel"(%c0, %c0, %n, %m, %c1, %c2, %c0, %f1) <{operandSegmentSizes = array<i32: 2, 2, 2, 2>}> ({
  ^bb0(%i: index, %j: index):
    %p = "arith.muli"(%i, %j) : (index, index) -> index
    %f = "arith.constant"() <{value = 2.0 : f32}> : () -> f32
    "scf.reduce"(%p, %f) ({
    ^bb0(%l: index, %r: index):
      %s = "arith.addi"(%l, %r) : (index, index) -> index
      "scf.reduce.return"(%s) : (index) -> ()
    }, {
    ^bb0(%l: f32, %r: f32):
      %s = "arith.mulf"(%l, %r) : (f32, f32) -> f32
      "scf.reduce.return"(%s) : (f32) -> ()
    }) : (index, f32) -> ()
  }) : (index, index, index, index, index, index, index, f32) -> (index, f32)
  return %r#0, %r#1 : index, f32
}
"""


def test_parallel_loop_with_reductions():
    total, product = run(PARALLEL, "dot", 3, 5)  # j in 0, 2, 4: 6 points
    assert int(total) == sum(i * j for i in range(3) for j in range(0, 5, 2))
    assert product == np.float32(2.0 ** 9)  # 9 points
    total, product = run(PARALLEL, "dot", 0, 5)
    assert (int(total), float(product)) == (0, 1.0)


# ----- verifier errors --------------------------------------------------------------------------------------

def _wrap(body: str, args: str = "%i: index, %c: i1, %f: f32") -> str:
    return f"func.func @f({args}) {{\n{body}\n  return\n}}"


@pytest.mark.parametrize("body, message", [
    ('"scf.for"(%i, %i, %i) ({\n^bb0(%x: f32):\n  "scf.yield"() : () -> ()\n}) : (index, index, index) -> ()',
     "expected induction variable to be same type as bounds and step"),
    ('%r = "scf.for"(%i, %i, %i, %f) ({\n^bb0(%x: index, %a: f32):\n  "scf.yield"(%i) : (index) -> ()\n}) : (index, index, index, f32) -> f32',
     "0-th region iter_arg and 0-th yielded value have different type: 'f32' != 'index'"),
    ('%r = "scf.if"(%c) ({\n  "scf.yield"(%f) : (f32) -> ()\n}, {}) : (i1) -> f32',
     "'scf.if' op must have an else block if defining values"),
    ('"scf.while"() ({\n  "scf.yield"() : () -> ()\n}, {\n  "scf.yield"() : () -> ()\n}) : () -> ()',
     "expects the 'before' region to terminate with 'scf.condition'"),
    ('"scf.index_switch"(%i) <{cases = array<i64: 1, 1>}> ({\n  "scf.yield"() : () -> ()\n}, {\n  "scf.yield"() : () -> ()\n}, {\n  "scf.yield"() : () -> ()\n}) : (index) -> ()',
     "has duplicate case value: 1"),
    ('"test.region"() ({\n  "scf.yield"() : () -> ()\n}) : () -> ()',
     "'scf.yield' op expects parent op to be one of"),
    ('"scf.parallel"(%i, %i, %i) ({\n^bb0(%x: index):\n  "scf.yield"() : () -> ()\n}) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()',
     "'scf.parallel' op expects body to terminate with 'scf.reduce'"),
])
def test_verifier_errors(body, message):
    with pytest.raises(DiagnosticError, match=re.escape(message)):
        load(_wrap(body))


def test_error_points_at_the_op():
    text = _wrap('%r = "scf.if"(%c) ({\n  "scf.yield"(%f) : (f32) -> ()\n}, {}) : (i1) -> f32')
    with pytest.raises(DiagnosticError) as err:
        load(text)
    assert str(err.value).startswith("<test>:2:1: error: 'scf.if' op must have an else block")


# ----- folding and effects ------------------------------------------------------------------------------------

IF_FOLD = """
func.func @f(%a: i32, %b: i32, %c: i1) -> (i32, i32, i32) {
  %t = "test.constant"() <{value = true}> : () -> i1
  %x = "scf.if"(%t) ({
    "scf.yield"(%a) : (i32) -> ()
  }, {
    "scf.yield"(%b) : (i32) -> ()
  }) : (i1) -> i32
  %y = "scf.if"(%c) ({
    "scf.yield"(%a) : (i32) -> ()
  }, {
    "scf.yield"(%a) : (i32) -> ()
  }) : (i1) -> i32
  %z = "scf.if"(%t) ({
    %s = "test.add"(%a, %b) : (i32, i32) -> i32
    "scf.yield"(%s) : (i32) -> ()
  }, {
    "scf.yield"(%b) : (i32) -> ()
  }) : (i1) -> i32
  return %x, %y, %z : i32, i32, i32
}
"""


def test_if_fold():
    module = load(IF_FOLD)
    t, x, y, z = func_ops(module)[:4]
    a, b, _ = module.regions[0].blocks[0].first.regions[0].blocks[0].arguments
    assert x.fold([t.value]) == [a]
    assert x.fold([A.FALSE]) == [b]
    assert x.fold([None]) is None
    assert y.fold([None]) == [a]                   # both regions yield the same value
    assert z.fold([t.value]) is None               # the region computes: no fold (it creates no ops)
    assert z.fold([A.FALSE]) == [b]


def test_if_fold_through_the_greedy_driver():
    from tfc.ir.rewrite import GreedyPatternRewriteDriver
    module = load(IF_FOLD)
    GreedyPatternRewriteDriver(module, []).run()
    verify(module)
    names = [op.name for op in func_ops(module)]
    assert names.count("scf.if") == 1  # only %z, whose then-region computes, is left
    assert Interpreter().call(module, "f", 1, 2, False) == [1, 1, 3]


def test_loops_with_pure_bodies_are_trivially_dead():
    module = load("""
    func.func @f(%i: index, %x: f32) {
      %r = "scf.for"(%i, %i, %i, %x) ({
      ^bb0(%iv: index, %a: f32):
        %d = "test.add"(%a, %a) : (f32, f32) -> f32
        "scf.yield"(%d) : (f32) -> ()
      }) : (index, index, index, f32) -> f32
      "scf.for"(%i, %i, %i) ({
      ^bb0(%iv: index):
        "test.side_effect"() : () -> ()
        "scf.yield"() : () -> ()
      }) : (index, index, index) -> ()
      %w = "scf.while"(%x) ({
      ^bb0(%a: f32):
        %t = "test.constant"() <{value = false}> : () -> i1
        "scf.condition"(%t, %a) : (i1, f32) -> ()
      }, {
      ^bb0(%a: f32):
        "scf.yield"(%a) : (f32) -> ()
      }) : (f32) -> f32
      return
    }
    """)
    pure_for, effect_for, pure_while = func_ops(module)[:3]
    assert is_trivially_dead(pure_for) and is_trivially_dead(pure_while)
    assert not is_trivially_dead(effect_for)


# ----- round trips ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [SUM, LOOP_I32, SELECT, SWITCH, WHILE, PARALLEL, IF_FOLD])
@pytest.mark.parametrize("generic", [False, True])
def test_print_parse_print_is_stable(text, generic):
    once = print_op(load(text), generic=generic)
    twice = print_op(load(once), generic=generic)
    assert once == twice
    assert print_op(load(once)) == print_op(load(text))
