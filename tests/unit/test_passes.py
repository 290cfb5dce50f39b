"""The transformation passes, run directly on parsed IR: canonicalize, cse, dce, symbol-dce, inline."""

import pytest

from tfc.ir.diagnostics import Diagnostic, DiagnosticError, handler
from tfc.ir.parser import parse_module
from tfc.ir.passes import lookup_pass
from tfc.ir.printer import print_op
from tfc.ir.rewrite import RewritePattern
from tfc.ir.verifier import verify
from tfc.passes import canonicalize as canon
from tfc.passes.canonicalize import CanonicalizePass
from tfc.passes.cse import CSEPass
from tfc.passes.dce import DCEPass
from tfc.passes.inline import InlinePass
from tfc.passes.symbol_dce import SymbolDCEPass
from tfc.dialects import test as TD


def run_pass(pass_, text: str, anchor: str | None = None) -> str:
    """Parse, run the pass on the module (or on each op named `anchor`), verify and print."""
    module = parse_module(text, allow_unregistered=True)
    verify(module)
    targets = [op for op in module.walk(pre_order=True) if op.name == anchor] if anchor else [module]
    for target in targets:
        pass_.run(target)
    verify(module)
    return print_op(module)


def body_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.strip().startswith(("module", "func.func", "}"))]


def test_passes_are_registered_by_name():
    for name, cls in [("canonicalize", CanonicalizePass), ("cse", CSEPass), ("dce", DCEPass),
                      ("symbol-dce", SymbolDCEPass), ("inline", InlinePass)]:
        assert lookup_pass(name) is cls


# ----- canonicalize ---------------------------------------------------------------------------------

def test_canonicalize_folds_and_moves_constants_right():
    out = run_pass(CanonicalizePass(), """
    func.func @f(%a: i32) -> i32 {
      %c1 = "test.constant"() <{value = 1 : i32}> : () -> i32
      %c2 = "test.constant"() <{value = 2 : i32}> : () -> i32
      %0 = "test.add"(%c1, %c2) : (i32, i32) -> i32
      %1 = "test.add"(%0, %a) : (i32, i32) -> i32
      return %1 : i32
    }""")
    assert body_lines(out) == [
        '%0 = "test.constant"() <{value = 3 : i32}> : () -> i32',
        '%1 = "test.add"(%arg0, %0) : (i32, i32) -> i32',
        "return %1 : i32",
    ]


def test_commutative_operands_keep_their_order_within_each_group():
    out = run_pass(CanonicalizePass(), """
    func.func @f(%a: i32, %b: i32) {
      %c = "test.constant"() <{value = 5 : i32}> : () -> i32
      %0 = "test.add"(%a, %b) : (i32, i32) -> i32
      %1 = "test.add"(%c, %a) : (i32, i32) -> i32
      "test.side_effect"(%0, %1) : (i32, i32) -> ()
      return
    }""")
    assert '"test.add"(%arg0, %arg1)' in out and '"test.add"(%arg0, %0)' in out


class _Flip(RewritePattern):
    root = TD.PureOp

    def match_and_rewrite(self, op, rewriter):
        rewriter.modify_op_in_place(op, lambda: op.set_operands(list(reversed(op.operands))))
        return True


FLIPPING = """
func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = "test.pure"(%a, %b) : (i32, i32) -> i32
  return %0 : i32
}"""


def test_canonicalize_warns_when_it_does_not_converge(monkeypatch):
    monkeypatch.setattr(canon, "canonicalization_patterns", lambda: [_Flip()])
    seen: list[Diagnostic] = []
    with handler(seen.append):
        run_pass(CanonicalizePass(max_iterations=3), FLIPPING)
    assert [d.severity for d in seen] == ["warning"]
    assert "canonicalizer failed to converge within 3 iterations" in seen[0].message


def test_canonicalize_test_convergence_makes_it_an_error(monkeypatch):
    monkeypatch.setattr(canon, "canonicalization_patterns", lambda: [_Flip()])
    with pytest.raises(DiagnosticError, match="failed to converge within 10 iterations"):
        run_pass(CanonicalizePass(test_convergence=True), FLIPPING)


def test_canonicalize_collects_patterns_of_registered_ops():
    patterns = canon.canonicalization_patterns()
    assert any(isinstance(p, canon.CommutativeConstantsToRight) for p in patterns)


# ----- cse ------------------------------------------------------------------------------------------

def test_cse_merges_identical_pure_ops_only():
    out = run_pass(CSEPass(), """
    func.func @f(%a: i32) {
      %0 = "test.add"(%a, %a) : (i32, i32) -> i32
      %1 = "test.add"(%a, %a) : (i32, i32) -> i32
      %2 = "test.pure"(%a) {k = 1 : i64} : (i32) -> i32
      %3 = "test.pure"(%a) {k = 2 : i64} : (i32) -> i32
      %4 = "test.op"(%a) : (i32) -> i32
      %5 = "test.op"(%a) : (i32) -> i32
      "test.side_effect"(%0, %1, %2, %3, %4, %5) : (i32, i32, i32, i32, i32, i32) -> ()
      return
    }""")
    assert out.count('"test.add"') == 1 and out.count('"test.pure"') == 2 and out.count('"test.op"') == 2
    assert '"test.side_effect"(%0, %0, %1, %2, %3, %4)' in out


def test_cse_follows_regions_and_isolation():
    out = run_pass(CSEPass(), """
    func.func @f(%a: i32) {
      %0 = "test.pure"(%a) : (i32) -> i32
      %r = "test.region"() ({
        %1 = "test.pure"(%a) : (i32) -> i32
        %2 = "test.pure"(%1) : (i32) -> i32
        "test.yield"(%2) : (i32) -> ()
      }) : () -> i32
      %3 = "test.pure"(%0) : (i32) -> i32
      %i = "test.isolated_region"(%a) ({
      ^bb0(%x: i32):
        %4 = "test.constant"() <{value = 1 : i32}> : () -> i32
        "test.yield"(%4) : (i32) -> ()
      }) : (i32) -> i32
      %5 = "test.constant"() <{value = 1 : i32}> : () -> i32
      "test.side_effect"(%0, %r, %3, %i, %5) : (i32, i32, i32, i32, i32) -> ()
      return
    }""")
    lines = body_lines(out)
    # Inside test.region, %1 is %0 and %2 is available only there, so the later %3 stays.
    # (Printed numbering continues into a region and resumes after it, as MLIR's does, so
    # both survivors print as %2: the region's and the one after it.)
    assert lines.count('%2 = "test.pure"(%0) : (i32) -> i32') == 2
    assert out.count('"test.constant"') == 2  # no merging across the isolated region


def test_cse_uses_dominance_in_multi_block_regions():
    out = run_pass(CSEPass(), """
    func.func @f(%a: i32, %c: i1) {
      %r = "test.region"() ({
        %0 = "test.pure"(%a) : (i32) -> i32
        "test.terminator"(%c)[^bb1, ^bb2] : (i1) -> ()
      ^bb1:
        %1 = "test.pure"(%a) : (i32) -> i32
        %2 = "test.pure"(%1, %1) : (i32, i32) -> i32
        "test.yield"(%2) : (i32) -> ()
      ^bb2:
        %3 = "test.pure"(%0, %0) : (i32, i32) -> i32
        "test.yield"(%3) : (i32) -> ()
      }) : () -> i32
      "test.side_effect"(%r) : (i32) -> ()
      return
    }""")
    # %1 is %0 (the entry dominates ^bb1); %2 and %3 then look alike but neither block
    # dominates the other, so both stay.
    assert out.count('"test.pure"') == 3


def test_cse_erases_trivially_dead_ops_but_not_side_effects():
    out = run_pass(CSEPass(), """
    func.func @f(%a: i32) {
      %0 = "test.pure"(%a) : (i32) -> i32
      %1 = "test.op"(%a) : (i32) -> i32
      return
    }""")
    assert '"test.pure"' not in out and '"test.op"' in out


def test_cse_keeps_signed_zeros_apart():
    out = run_pass(CSEPass(), """
    func.func @f() {
      %0 = "test.constant"() <{value = 0.0 : f32}> : () -> f32
      %1 = "test.constant"() <{value = -0.0 : f32}> : () -> f32
      "test.side_effect"(%0, %1) : (f32, f32) -> ()
      return
    }""")
    assert out.count('"test.constant"') == 2


# ----- dce ------------------------------------------------------------------------------------------

def test_dce_erases_dead_trees_and_pure_region_ops():
    out = run_pass(DCEPass(), """
    func.func @f(%a: i32) -> i32 {
      %0 = "test.pure"(%a) : (i32) -> i32
      %1 = "test.pure"(%0) : (i32) -> i32
      %2 = "test.pure"(%1) : (i32) -> i32
      %r = "test.region"() ({
        %3 = "test.pure"(%a) : (i32) -> i32
        "test.yield"(%3) : (i32) -> ()
      }) : () -> i32
      %s = "test.region"() ({
        "test.side_effect"(%a) : (i32) -> ()
        "test.yield"(%a) : (i32) -> ()
      }) : () -> i32
      %4 = "test.op"(%a) : (i32) -> i32
      return %a : i32
    }""")
    assert body_lines(out)[:1] == ['%0 = "test.region"() ({']
    assert '"test.pure"' not in out and out.count('"test.region"') == 1 and '"test.op"' in out


def test_dce_erases_unreachable_blocks():
    out = run_pass(DCEPass(), """
    func.func @f(%a: i32) {
      "test.region"() ({
        "test.terminator"()[^bb2] : () -> ()
      ^bb1:
        "test.side_effect"(%a) : (i32) -> ()
        "test.terminator"()[^bb1] : () -> ()
      ^bb2:
        "test.side_effect"(%a) : (i32) -> ()
        "test.yield"() : () -> ()
      }) : () -> ()
      return
    }""")
    assert out.count('"test.side_effect"') == 1 and "^bb2" not in out
    assert '"test.terminator"() [^bb1]' in out or '"test.terminator"()[^bb1]' in out


# ----- symbol-dce -----------------------------------------------------------------------------------

SYMBOLS = """
module {
  func.func @public_entry() {
    func.call @used() : () -> ()
    return
  }
  func.func private @used() {
    func.call @used_transitively() : () -> ()
    return
  }
  func.func private @used_transitively() {
    return
  }
  func.func private @dead() {
    func.call @dead_callee() : () -> ()
    return
  }
  func.func private @dead_callee() {
    return
  }
  func.func private @self_recursive() {
    func.call @self_recursive() : () -> ()
    return
  }
  "test.symbol"() <{sym_name = "kept_public"}> : () -> ()
  "test.symbol"() <{sym_name = "private_dead", sym_visibility = "private"}> : () -> ()
  "test.symbol"() <{sym_name = "private_used", sym_visibility = "private"}> : () -> ()
  "test.symbol_user"() <{symbol = @private_used}> : () -> ()
  "test.symbol_table"() <{sym_name = "nested"}> ({
    "test.symbol"() <{sym_name = "inner_dead", sym_visibility = "private"}> : () -> ()
    "test.symbol"() <{sym_name = "inner_used", sym_visibility = "private"}> : () -> ()
    "test.symbol_user"() <{symbol = @inner_used}> : () -> ()
  }) : () -> ()
}"""


def test_symbol_dce():
    out = run_pass(SymbolDCEPass(), SYMBOLS)
    for kept in ("@public_entry", "@used(", "@used_transitively", '"kept_public"', '"private_used"',
                 '"nested"', '"inner_used"'):
        assert kept in out, kept
    for gone in ("@dead(", "@dead_callee", "@self_recursive", '"private_dead"', '"inner_dead"'):
        assert gone not in out, gone


def test_symbol_dce_keeps_what_a_nested_reference_needs():
    out = run_pass(SymbolDCEPass(), """
    module {
      "test.symbol_table"() <{sym_name = "outer"}> ({
        "test.symbol_table"() <{sym_name = "inner"}> ({
          "test.symbol"() <{sym_name = "leaf", sym_visibility = "private"}> : () -> ()
        }) : () -> ()
      }) {sym_visibility = "private"} : () -> ()
      "test.symbol_user"() <{symbol = @outer::@inner::@leaf}> : () -> ()
    }""")
    assert '"outer"' in out and '"inner"' in out and '"leaf"' in out


def test_symbol_dce_needs_a_symbol_table():
    module = parse_module('func.func @f() {\n  return\n}')
    func = module.body.first
    with pytest.raises(DiagnosticError, match="does not define a symbol table"):
        SymbolDCEPass().run(func)


# ----- inline ---------------------------------------------------------------------------------------

def test_inline_single_block_callees_and_erase_private_ones():
    out = run_pass(InlinePass(), """
    module {
      func.func @main(%a: i32) -> i32 {
        %0 = func.call @twice(%a) : (i32) -> i32
        %1 = func.call @twice(%0) : (i32) -> i32
        %2 = func.call @kept_public(%1) : (i32) -> i32
        return %2 : i32
      }
      func.func private @twice(%x: i32) -> i32 {
        %0 = func.call @add(%x, %x) : (i32, i32) -> i32
        return %0 : i32
      }
      func.func private @add(%x: i32, %y: i32) -> i32 {
        %0 = "test.add"(%x, %y) : (i32, i32) -> i32
        return %0 : i32
      }
      func.func @kept_public(%x: i32) -> i32 {
        return %x : i32
      }
    }""")
    assert "call @" not in out and "@twice" not in out and "@add" not in out
    assert "func.func @kept_public" in out
    assert '%0 = "test.add"(%arg0, %arg0)' in out and '%1 = "test.add"(%0, %0)' in out
    assert "return %1 : i32" in out


def test_inline_skips_recursion_and_multi_block_callees():
    out = run_pass(InlinePass(), """
    module {
      func.func @main(%a: i32) -> i32 {
        %0 = func.call @even(%a) : (i32) -> i32
        %1 = func.call @self(%0) : (i32) -> i32
        %2 = func.call @blocks(%1) : (i32) -> i32
        %3 = func.call @decl(%2) : (i32) -> i32
        return %3 : i32
      }
      func.func private @even(%x: i32) -> i32 {
        %0 = func.call @odd(%x) : (i32) -> i32
        return %0 : i32
      }
      func.func private @odd(%x: i32) -> i32 {
        %0 = func.call @even(%x) : (i32) -> i32
        return %0 : i32
      }
      func.func private @self(%x: i32) -> i32 {
        %0 = func.call @self(%x) : (i32) -> i32
        return %0 : i32
      }
      func.func private @blocks(%x: i32) -> i32 {
        "test.terminator"()[^bb1] : () -> ()
      ^bb1:
        return %x : i32
      }
      func.func private @decl(i32) -> i32
    }""")
    for callee in ("@even", "@self", "@blocks", "@decl"):
        assert f"call {callee}(" in out


def test_inline_keeps_side_effects_and_maps_locations():
    module = parse_module("""
    func.func @main(%a: i32) {
      func.call @effect(%a) : (i32) -> ()
      return
    }
    func.func private @effect(%x: i32) {
      "test.side_effect"(%x) : (i32) -> ()
      return
    }""")
    InlinePass().run(module)
    verify(module)
    effect = [op for op in module.walk() if op.name == "test.side_effect"]
    assert len(effect) == 1 and "callsite(" in str(effect[0].location)
    assert len([op for op in module.walk() if op.name == "func.func"]) == 1


def test_inline_keeps_calls_whose_callee_body_would_see_other_symbols():
    out = run_pass(InlinePass(), """
    module {
      func.func private @g()
      func.func @uses_g() {
        func.call @g() : () -> ()
        return
      }
      "test.symbol_table"() <{sym_name = "inner"}> ({
        func.func @g() {
          "test.side_effect"() : () -> ()
          return
        }
        func.func @caller() {
          func.call @uses_g() : () -> ()
          return
        }
      }) : () -> ()
    }""")
    assert "call @uses_g()" in out  # inlined there, @g would mean the inner @g


def test_symbol_dce_scans_tables_nested_in_live_ops():
    out = run_pass(SymbolDCEPass(), """
    module {
      "test.symbol"() <{sym_name = "outer_private", sym_visibility = "private"}> : () -> ()
      "test.symbol"() <{sym_name = "outer_dead", sym_visibility = "private"}> : () -> ()
      "test.op"() ({
        "test.symbol_table"() ({
          "test.symbol_user"() <{symbol = @outer_private}> : () -> ()
          "test.symbol"() <{sym_name = "inner_dead", sym_visibility = "private"}> : () -> ()
        }) : () -> ()
      }) : () -> ()
    }""")
    assert '"outer_private"' in out
    assert '"outer_dead"' not in out and '"inner_dead"' not in out


def test_cse_leaves_graph_regions_alone():
    out = run_pass(CSEPass(), """
    func.func @f(%a: i32) {
      "test.graph_region"() ({
        %0 = "test.pure"(%1) : (i32) -> i32
        %1 = "test.pure"(%a) : (i32) -> i32
        %2 = "test.pure"(%a) : (i32) -> i32
        "test.side_effect"(%0, %2) : (i32, i32) -> ()
      }) : () -> ()
      return
    }""")
    assert out.count('"test.pure"') == 3
