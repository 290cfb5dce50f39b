"""The test dialect: small ops for testing the IR infrastructure itself, like MLIR's.

Each op exercises one property that passes and the verifier depend on:

    test.op             anything goes; unknown side effects; regions need no terminator
    test.pure           any operands and results, Pure (erasable, movable, CSE-able)
    test.side_effect    has effects; the interpreter appends its operands to `ctx.trace`
    test.constant       ConstantLike: folds to its `value` (TestDialect materializes it)
    test.add            Pure, Commutative; folds x + 0 and constant + constant
    test.region         one region run once (RecursiveMemoryEffects), ends in test.yield
    test.isolated_region  the same, IsolatedFromAbove
    test.yield          terminator, ReturnLike
    test.terminator     terminator with any number of successors (CFG and dominance tests)
    test.symbol         a Symbol (`sym_name`)
    test.symbol_table   a SymbolTable (single block, no terminator)
    test.symbol_user    refers to a symbol (`symbol`), verified to resolve
    test.graph_region   a graph region (no dominance, no terminator)
    test.warn           its verifier emits a warning (for --verify-diagnostics tests)
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.diagnostics import emit_warning
from tfc.ir.opdef import Attr, Dialect, Op, Operand, RegionDef, Result, Successor
from tfc.ir.symbols import lookup_from
from tfc.ir.traits import (Commutative, ConstantLike, GraphRegions, IsolatedFromAbove, IsTerminator,
                           NoTerminator, Pure, RecursiveMemoryEffects, ReturnLike,
                           SameOperandsAndResultType, SingleBlock, Symbol, SymbolTable)


class TestDialect(Dialect):
    name = "test"

    def materialize_constant(self, value, type, location):
        if not C.TypedAttr(value) or value.type != type:
            return None
        return ConstantOp.build(value=value, result_types=[type], location=location)


def _type_list(types) -> str:
    return "(" + ", ".join(map(str, types)) + ")"


# ----- generic ops ------------------------------------------------------------------------------

class TestOp(Op):
    """`"test.op"(...) : (...) -> (...)`: any operands, results and regions; unknown effects."""

    name = "test.op"
    traits = (NoTerminator,)
    inputs = Operand(C.AnyType, variadic=True)
    outputs = Result(C.AnyType, variadic=True)
    bodies = RegionDef(variadic=True)


class PureOp(Op):
    """Any operands and results, no side effects."""

    name = "test.pure"
    traits = (Pure,)
    inputs = Operand(C.AnyType, variadic=True)
    outputs = Result(C.AnyType, variadic=True)


class SideEffectOp(Op):
    """An op with effects and no results; the interpreter records its operands in order."""

    name = "test.side_effect"
    inputs = Operand(C.AnyType, variadic=True)

    def interpret(self, ctx, *values):
        ctx.trace.append(tuple(values))


class ConstantOp(Op):
    """`%c = "test.constant"() <{value = 42 : i32}> : () -> i32`."""

    name = "test.constant"
    traits = (Pure, ConstantLike)
    value = Attr(C.TypedAttr)
    result = Result(C.AnyType)

    @classmethod
    def infer_type(cls, operands, properties):
        value = properties.get("value")
        return [value.type] if C.TypedAttr(value) else None

    def fold(self, constants):
        return [self.value]

    def interpret(self, ctx):
        from tfc.backends.interpreter import attr_to_value
        return attr_to_value(self.value, self.result.type)


_ADDABLE = C.OfType(T.i32) | C.Index | C.AnyFloat


def _is_identity(attr) -> bool:
    """True for the additive identity: integer 0 and float -0.0 (x + 0.0 is not x for x = -0.0)."""
    if isinstance(attr, A.IntegerAttr):
        return attr.value == 0
    if isinstance(attr, A.FloatAttr):
        return attr.value == 0.0 and np.signbit(attr.value)
    return False


class AddOp(Op):
    """`%s = "test.add"(%a, %b) : (i32, i32) -> i32` on i32, index or floats."""

    name = "test.add"
    traits = (Pure, Commutative, SameOperandsAndResultType)
    lhs = Operand(_ADDABLE)
    rhs = Operand(_ADDABLE)
    result = Result(_ADDABLE)

    @classmethod
    def infer_type(cls, operands, properties):
        return [operands[0].type]

    def fold(self, constants):
        lhs, rhs = constants
        t = self.result.type
        if isinstance(lhs, A.IntegerAttr) and isinstance(rhs, A.IntegerAttr):
            return [A.IntegerAttr.get(lhs.value + rhs.value, t)]
        if isinstance(lhs, A.FloatAttr) and isinstance(rhs, A.FloatAttr):
            return [A.FloatAttr.get(lhs.value + rhs.value, t)]
        if _is_identity(rhs):
            return [self.lhs]
        if _is_identity(lhs):
            return [self.rhs]
        return None

    def interpret(self, ctx, lhs, rhs):
        with np.errstate(over="ignore"):
            return lhs + rhs


# ----- regions and terminators ----------------------------------------------------------------------

class _RunsRegionOnce(Op):
    """Shared by test.region and test.isolated_region: operands, results and one region whose
    entry block takes either no arguments or the operands; it runs once and its test.yield
    gives the results."""

    inputs = Operand(C.AnyType, variadic=True)
    outputs = Result(C.AnyType, variadic=True)
    body = RegionDef()

    def verify(self):
        region = self.regions[0]
        if not region.blocks:
            return
        args = region.blocks[0].arg_types
        if args and args != [v.type for v in self.operands]:
            raise self.emit_error(f"entry block arguments {_type_list(args)} must be empty or match the operand "
                                  f"types {_type_list(v.type for v in self.operands)}")
        for block in region.blocks:
            last = block.last
            if last is not None and last.name == "test.yield" and last.operands:
                yielded = [v.type for v in last.operands]
                if yielded != self.result_types:
                    raise self.emit_error(f"yields {_type_list(yielded)} but its results are "
                                          f"{_type_list(self.result_types)}")

    def interpret(self, ctx, *values):
        region = self.regions[0]
        args = list(values) if region.blocks and region.blocks[0].arguments else []
        return ctx.run_region(region, args)[1]


class RegionOp(_RunsRegionOnce):
    name = "test.region"
    traits = (RecursiveMemoryEffects,)


class IsolatedRegionOp(_RunsRegionOnce):
    name = "test.isolated_region"
    traits = (IsolatedFromAbove,)


class YieldOp(Op):
    """Ends a region, returning its operands to the parent op."""

    name = "test.yield"
    traits = (Pure, IsTerminator, ReturnLike)
    yielded = Operand(C.AnyType, variadic=True)


class TerminatorOp(Op):
    """A terminator with any successors: `"test.terminator"(%x)[^bb1] : (i32) -> ()`.

    With no successor it ends the region like a return. With one, it branches there passing
    all its operands. With several, operand #0 (an integer) picks the successor and the
    other operands are passed to it.
    """

    name = "test.terminator"
    traits = (IsTerminator,)
    values = Operand(C.AnyType, variadic=True)
    targets = Successor(variadic=True)

    def verify(self):
        if len(self.successors) == 1:
            expected = self.successors[0].arg_types
            given = [v.type for v in self.operands]
            if given != expected:
                raise self.emit_error(f"passes {_type_list(given)} to a successor taking {_type_list(expected)}")

    def interpret(self, ctx, *values):
        from tfc.backends.interpreter import Branch
        if len(self.successors) == 1:
            return Branch(self.successors[0], list(values))
        return Branch(self.successors[int(values[0])], list(values[1:]))


# ----- symbols ---------------------------------------------------------------------------------

class SymbolOp(Op):
    """`"test.symbol"() <{sym_name = "s"}> : () -> ()`."""

    name = "test.symbol"
    traits = (Symbol,)
    sym_name = Attr(C.StrAttr)
    sym_visibility = Attr(C.StrAttr, optional=True)

    def interpret(self, ctx):
        return None


class SymbolTableOp(Op):
    """A symbol table; with a `sym_name` it is itself reachable by nested references."""

    name = "test.symbol_table"
    traits = (SymbolTable, NoTerminator, SingleBlock)
    sym_name = Attr(C.StrAttr, optional=True)
    sym_visibility = Attr(C.StrAttr, optional=True)
    body = RegionDef()

    def interpret(self, ctx):
        return None


class SymbolUserOp(Op):
    """`"test.symbol_user"() <{symbol = @s}> : () -> ()`: the reference must resolve."""

    name = "test.symbol_user"
    symbol = Attr(C.SymbolRefAttrC, convert=lambda name: A.SymbolRefAttr(name))

    def verify_symbol_uses(self):
        if lookup_from(self, self.symbol) is None:
            raise self.emit_error(f"'{self.symbol}' does not reference a valid symbol")

    def interpret(self, ctx):
        return None


# ----- region kinds and diagnostics ------------------------------------------------------------------

class GraphRegionOp(Op):
    """A graph region: its ops may use values defined after them; no terminator."""

    name = "test.graph_region"
    traits = (GraphRegions, NoTerminator, SingleBlock)
    body = RegionDef()


class WarnOp(Op):
    """Its verifier emits a warning (`message`, or a default one) at the op's location."""

    name = "test.warn"
    message = Attr(C.StrAttr, optional=True)

    def verify(self):
        text = self.message.value if self.message is not None else "warning from test.warn"
        emit_warning(text, self.location)

    def interpret(self, ctx):
        return None
