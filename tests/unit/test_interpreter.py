"""The reference interpreter (tfc.backends.interpreter) and the test dialect it runs on."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import (Branch, Interpreter, InterpreterError, attr_to_value,
                                      check_value, interpret, to_value)
from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.diagnostics import DiagnosticError, handler
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import DIALECTS, Op, Operand, Result, lookup_op
from tfc.ir.parser import parse_module
from tfc.ir.traits import is_trivially_dead
from tfc.ir.verifier import verify


def load(text: str, allow_unregistered: bool = False):
    module = parse_module(text, "<test>", allow_unregistered)
    verify(module)
    return module


def run(text: str, name: str, *args, **kwargs) -> list:
    return Interpreter(**kwargs).call(load(text), name, *args)


# ----- ops defined only for these tests -----------------------------------------------------

class _BadDtypeOp(Op):
    name = "interp_test.bad_dtype"
    result = Result(C.AnyType)

    def interpret(self, ctx):
        return np.float64(1.0)


class _TwoValuesOp(Op):
    name = "interp_test.two_values"
    result = Result(C.AnyType)

    def interpret(self, ctx):
        return [np.int32(1), np.int32(2)]


class _PythonIntOp(Op):
    name = "interp_test.python_int"
    result = Result(C.AnyType)

    def interpret(self, ctx):
        return 2**31 + 5  # wraps to the result's width


class _FailingOp(Op):
    name = "interp_test.failing"
    x = Operand(C.AnyType)

    def interpret(self, ctx, x):
        1 // int(x)


class _BranchingOp(Op):
    name = "interp_test.branching"

    def interpret(self, ctx):
        return Branch(self.parent, [])


# ----- calls, arguments and results ---------------------------------------------------------------

ADD = """
func.func @add(%a: i32, %b: i32) -> (i32, i32) {
  %s = "test.add"(%a, %b) : (i32, i32) -> i32
  return %s, %a : i32, i32
}
"""


def test_call_returns_all_results():
    assert run(ADD, "add", 2, 3) == [5, 2]


def test_arguments_are_converted_to_their_types():
    text = """
    func.func @f(%i: index, %x: f32, %b: i1, %t: tensor<2xf32>) -> (index, f32, i1, tensor<2xf32>) {
      return %i, %x, %b, %t : index, f32, i1, tensor<2xf32>
    }
    """
    i, x, b, t = run(text, "f", 7, 0.1, True, [1, 2])
    assert i.dtype == np.int64 and x.dtype == np.float32 and b.dtype == np.bool_
    assert x == np.float32(0.1)
    assert isinstance(t, np.ndarray) and t.dtype == np.float32 and t.tolist() == [1.0, 2.0]


def test_integer_arithmetic_wraps_at_the_type_width():
    [s, _] = run(ADD, "add", 2**31 - 1, 1)
    assert s == -(2**31) and s.dtype == np.int32


def test_float_and_index_add():
    text = """
    func.func @f(%x: f64, %i: index) -> (f64, index) {
      %y = "test.add"(%x, %x) : (f64, f64) -> f64
      %j = "test.add"(%i, %i) : (index, index) -> index
      return %y, %j : f64, index
    }
    """
    y, j = run(text, "f", 0.25, 21)
    assert y == 0.5 and y.dtype == np.float64 and j == 42 and j.dtype == np.int64


def test_constants():
    text = """
    func.func @f() -> (i32, f16, i1, tensor<2x2xi8>, index) {
      %a = "test.constant"() <{value = -7 : i32}> : () -> i32
      %b = "test.constant"() <{value = 1.5 : f16}> : () -> f16
      %c = "test.constant"() <{value = true}> : () -> i1
      %d = "test.constant"() <{value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi8>}> : () -> tensor<2x2xi8>
      %e = "test.constant"() <{value = 9 : index}> : () -> index
      return %a, %b, %c, %d, %e : i32, f16, i1, tensor<2x2xi8>, index
    }
    """
    a, b, c, d, e = run(text, "f")
    assert (a, a.dtype) == (-7, np.int32)
    assert (b, b.dtype) == (1.5, np.float16)
    assert c is np.True_ or c == np.bool_(True)
    assert d.dtype == np.int8 and d.tolist() == [[1, 2], [3, 4]]
    d[0, 0] = 5  # the interpreter hands out a writable copy, never the attribute's storage
    assert e == 9 and e.dtype == np.int64


def test_calls_direct_and_indirect():
    text = ADD + """
    func.func @twice(%a: i32) -> i32 {
      %r:2 = call @add(%a, %a) : (i32, i32) -> (i32, i32)
      %f = "func.constant"() <{value = @add}> : () -> ((i32, i32) -> (i32, i32))
      %q:2 = "func.call_indirect"(%f, %r#0, %r#1) : ((i32, i32) -> (i32, i32), i32, i32) -> (i32, i32)
      return %q#0 : i32
    }
    """
    assert run(text, "twice", 5) == [15]


def test_each_call_has_its_own_frame():
    text = """
    func.func @id(%a: i32) -> i32 {
      return %a : i32
    }
    func.func @f(%a: i32, %b: i32) -> (i32, i32) {
      %x = call @id(%a) : (i32) -> i32
      %y = call @id(%b) : (i32) -> i32
      return %x, %y : i32, i32
    }
    """
    assert run(text, "f", 1, 2) == [1, 2]


def test_interpret_shorthand():
    assert interpret(load(ADD), "add", 1, 1) == [2, 1]


# ----- regions and control flow -----------------------------------------------------------------------

def test_region_ops_run_their_region_once():
    text = """
    func.func @f(%x: i32) -> (i32, i32) {
      %r = "test.region"(%x) ({
      ^bb0(%in: i32):
        %t = "test.add"(%in, %x) : (i32, i32) -> i32
        "test.yield"(%t) : (i32) -> ()
      }) : (i32) -> i32
      %q = "test.isolated_region"(%r) ({
      ^bb0(%v: i32):
        %w = "test.add"(%v, %v) : (i32, i32) -> i32
        "test.yield"(%w) : (i32) -> ()
      }) : (i32) -> i32
      return %r, %q : i32, i32
    }
    """
    assert run(text, "f", 3) == [6, 12]


CFG_LOOP = """
func.func @count(%n: i32) -> i32 {
  %zero = "test.constant"() <{value = 0 : i32}> : () -> i32
  %one = "test.constant"() <{value = 1 : i32}> : () -> i32
  "test.terminator"(%zero, %zero)[^head] : (i32, i32) -> ()
^head(%i: i32, %acc: i32):
  %done = "arith.cmpi"(%i, %n) <{predicate = 5 : i64}> : (i32, i32) -> i1
  "test.side_effect"(%i) : (i32) -> ()
  "test.terminator"(%done, %i, %acc)[^body, ^exit] : (i1, i32, i32) -> ()
^body(%bi: i32, %bacc: i32):
  %next = "test.add"(%bi, %one) : (i32, i32) -> i32
  %sum = "test.add"(%bacc, %bi) : (i32, i32) -> i32
  "test.terminator"(%next, %sum)[^head] : (i32, i32) -> ()
^exit(%ei: i32, %eacc: i32):
  return %eacc : i32
}
"""


def test_branches_between_blocks():
    ctx = Interpreter()
    assert ctx.call(load(CFG_LOOP), "count", 5) == [0 + 1 + 2 + 3 + 4]
    assert [int(i) for (i,) in ctx.trace] == [0, 1, 2, 3, 4, 5]


def test_step_limit_stops_runaway_loops():
    text = """
    func.func @forever() {
      "test.terminator"()[^bb1] : () -> ()
    ^bb1:
      "test.terminator"()[^bb1] : () -> ()
    }
    """
    with pytest.raises(InterpreterError, match="exceeded the limit of 50 executed operations"):
        run(text, "forever", max_steps=50)


def test_side_effects_are_traced_in_order():
    text = """
    func.func @f(%a: i32, %b: f32) {
      "test.side_effect"(%a) : (i32) -> ()
      "test.side_effect"(%b, %a) : (f32, i32) -> ()
      "test.side_effect"() : () -> ()
      return
    }
    """
    ctx = Interpreter()
    assert ctx.call(load(text), "f", 1, 2.0) == []
    assert ctx.trace == [(1,), (2.0, 1), ()]


def test_run_region_of_empty_region():
    ctx = Interpreter()
    module = load('"test.region"() ({\n  "test.yield"() : () -> ()\n}) : () -> ()')
    op = module.regions[0].blocks[0].first
    assert ctx.run_region(op.regions[0]) == (op.regions[0].blocks[0].last, [])
    from tfc.ir.core import Region
    assert ctx.run_region(Region()) == (None, [])


# ----- errors ----------------------------------------------------------------------------------------

def test_op_without_rule_is_named_with_its_location():
    text = """
    func.func @f() -> i32 {
      %x = "test.op"() : () -> i32
      return %x : i32
    }
    """
    with pytest.raises(InterpreterError) as err:
        run(text, "f")
    assert "'test.op' op has no interpreter rule" in str(err.value)
    assert "<test>:3:" in str(err.value)


def test_unregistered_op_cannot_run():
    text = 'func.func @f() {\n  "foo.bar"() : () -> ()\n  return\n}'
    module = load(text, allow_unregistered=True)
    with pytest.raises(InterpreterError, match=r"'foo.bar' op has no interpreter rule \(its dialect is not registered\)"):
        Interpreter().call(module, "f")


def test_calling_unknown_function_or_declaration():
    module = load("func.func private @decl(i32) -> i32\n" + ADD)
    with pytest.raises(InterpreterError, match="no function named '@nope'"):
        Interpreter().call(module, "nope")
    with pytest.raises(InterpreterError, match="cannot call the declaration @decl"):
        Interpreter().call(module, "decl", 1)
    with pytest.raises(InterpreterError, match="'@add' takes 2 arguments, got 1"):
        Interpreter().call(module, "add", 1)


@pytest.mark.parametrize("op_text, message", [
    ('%x = "interp_test.bad_dtype"() : () -> f32',
     "gave result #0 a bad value: a float64 scalar is not a value of type f32"),
    ('%x = "interp_test.two_values"() : () -> i32', "has 1 results but its interpreter rule returned 2 values"),
    ('"interp_test.branching"() : () -> ()', "branches but is not the terminator of its block"),
])
def test_rule_results_are_checked(op_text, message):
    with pytest.raises(InterpreterError, match=message):
        run(f"func.func @f() {{\n  {op_text}\n  return\n}}", "f")


def test_python_scalars_from_rules_are_converted():
    text = 'func.func @f() -> i32 {\n  %x = "interp_test.python_int"() : () -> i32\n  return %x : i32\n}'
    [x] = run(text, "f")
    assert x.dtype == np.int32 and x == -(2**31) + 5


def test_failures_inside_rules_name_the_op():
    text = 'func.func @f(%x: i32) {\n  "interp_test.failing"(%x) : (i32) -> ()\n  return\n}'
    with pytest.raises(InterpreterError, match="'interp_test.failing' op failed in the interpreter: ZeroDivisionError"):
        run(text, "f", 0)
    assert run(text, "f", 1) == []


def test_terminator_with_successors_must_branch(monkeypatch):
    module = load(CFG_LOOP)
    monkeypatch.setattr(lookup_op("test.terminator"), "interpret", lambda self, ctx, *values: None)
    with pytest.raises(InterpreterError, match="has successors but its interpreter rule returned no Branch"):
        Interpreter().call(module, "count", 1)


# ----- runtime values ------------------------------------------------------------------------------------

def test_to_value_and_check_value():
    assert to_value(300, T.i8) == 44 and to_value(300, T.i8).dtype == np.int8
    assert to_value(-1, T.IntegerType(8, "u")) == 255
    assert to_value(3, T.i1) == np.bool_(True)
    assert to_value(1.0 / 3, T.bf16) == np.float32(A.round_float(1.0 / 3, T.bf16))
    assert to_value(np.array(2.0), T.f64) == 2.0
    assert to_value([[1, 2]], T.TensorType((1, 2), T.i32)).dtype == np.int32
    marker = object()
    assert to_value(marker, T.FunctionType((), ())) is marker
    with pytest.raises(TypeError, match="not a value of type tensor<3xf32>"):
        check_value(np.zeros(3, np.float64), T.TensorType((3,), T.f32))
    with pytest.raises(TypeError, match="does not have the shape of tensor<3xf32>"):
        check_value(np.zeros(2, np.float32), T.TensorType((3,), T.f32))
    with pytest.raises(TypeError, match="not a value of scalar type f32"):
        check_value(np.zeros(2, np.float32), T.f32)
    assert check_value(np.zeros((5, 3), np.float32), T.TensorType((None, 3), T.f32)).shape == (5, 3)
    assert check_value(np.float32(1), T.TensorType((), T.f32)).shape == ()


def test_attr_to_value():
    assert attr_to_value(A.IntegerAttr.get(5, T.i16)).dtype == np.int16
    assert attr_to_value(A.TRUE) == np.bool_(True)
    assert attr_to_value(A.FloatAttr.get(0.5, T.f32)).dtype == np.float32
    with pytest.raises(TypeError):
        attr_to_value(A.StringAttr("x"))


# ----- the test dialect -----------------------------------------------------------------------------------

def _ops(text: str):
    module = load(text)
    return module.regions[0].blocks[0].first.regions[0].blocks[0].ops


def test_add_folds_constants_and_identities():
    ops = _ops("""
    func.func @f(%x: i32, %y: f32) {
      %c = "test.constant"() <{value = 2147483647 : i32}> : () -> i32
      %one = "test.constant"() <{value = 1 : i32}> : () -> i32
      %z = "test.constant"() <{value = 0 : i32}> : () -> i32
      %a = "test.add"(%c, %one) : (i32, i32) -> i32
      %b = "test.add"(%x, %z) : (i32, i32) -> i32
      %d = "test.add"(%z, %x) : (i32, i32) -> i32
      %p = "test.constant"() <{value = 0.0 : f32}> : () -> f32
      %n = "test.constant"() <{value = -0.0 : f32}> : () -> f32
      %e = "test.add"(%y, %p) : (f32, f32) -> f32
      %g = "test.add"(%y, %n) : (f32, f32) -> f32
      %h = "test.add"(%p, %n) : (f32, f32) -> f32
      return
    }
    """)
    c, one, z, a, b, d, p, n, e, g, h = ops[:11]
    assert a.fold([c.value, one.value]) == [A.IntegerAttr.get(-(2**31), T.i32)]
    assert b.fold([None, z.value]) == [b.lhs]
    assert d.fold([z.value, None]) == [d.rhs]
    assert e.fold([None, p.value]) is None  # y + 0.0 is not y when y is -0.0
    assert g.fold([None, n.value]) == [g.lhs]
    assert h.fold([p.value, n.value]) == [A.FloatAttr.get(0.0, T.f32)]
    assert c.fold([]) == [c.value]


def test_purity_traits():
    ops = _ops("""
    func.func @f(%x: i32) {
      %a = "test.pure"(%x) : (i32) -> i32
      %b = "test.op"(%x) : (i32) -> i32
      %r = "test.region"() ({
        %t = "test.add"(%x, %x) : (i32, i32) -> i32
        "test.yield"(%t) : (i32) -> ()
      }) : () -> i32
      %s = "test.region"() ({
        "test.side_effect"() : () -> ()
        "test.yield"(%x) : (i32) -> ()
      }) : () -> i32
      return
    }
    """)
    pure, opaque, pure_region, effect_region = ops[:4]
    assert is_trivially_dead(pure) and is_trivially_dead(pure_region)
    assert not is_trivially_dead(opaque) and not is_trivially_dead(effect_region)


def test_materialize_constant():
    dialect = DIALECTS["test"]
    op = dialect.materialize_constant(A.IntegerAttr.get(3, T.i32), T.i32, UNKNOWN)
    assert op.name == "test.constant" and op.result.type == T.i32
    verify(op)
    assert dialect.materialize_constant(A.IntegerAttr.get(3, T.i32), T.f32, UNKNOWN) is None
    assert dialect.materialize_constant(A.StringAttr("s"), T.i32, UNKNOWN) is None


def test_warn_op_emits_a_warning_when_verified():
    seen = []
    with handler(seen.append):
        load('"test.warn"() <{message = "careful"}> : () -> ()')
    assert [(d.severity, d.message) for d in seen] == [("warning", "careful")]


def test_symbol_user_must_resolve():
    load('"test.symbol"() <{sym_name = "s"}> : () -> ()\n"test.symbol_user"() <{symbol = @s}> : () -> ()')
    with pytest.raises(DiagnosticError, match="'@t' does not reference a valid symbol"):
        load('"test.symbol_user"() <{symbol = @t}> : () -> ()')
