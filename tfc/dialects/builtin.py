"""The builtin dialect: the module and the unrealized conversion cast."""

from __future__ import annotations

from tfc.ir import constraints as C
from tfc.ir.core import Block
from tfc.ir.opdef import Attr, Dialect, Op, Operand, RegionDef, Result
from tfc.ir.traits import (GraphRegions, IsolatedFromAbove, NoTerminator, Pure, SingleBlock,
                           SymbolTable)


class BuiltinDialect(Dialect):
    name = "builtin"


class ModuleOp(Op):
    """The top-level container of a program: `module @name attributes {...} { ... }`.

    Generic form: `"builtin.module"() ({ ... }) : () -> ()`.
    """

    name = "builtin.module"
    traits = (IsolatedFromAbove, SymbolTable, NoTerminator, SingleBlock, GraphRegions)
    sym_name = Attr(C.StrAttr, optional=True)
    sym_visibility = Attr(C.StrAttr, optional=True)
    body_region = RegionDef()

    @classmethod
    def create(cls, location=None, name: str | None = None) -> "ModuleOp":
        from tfc.ir.location import UNKNOWN
        module = cls.build(location=location or UNKNOWN, sym_name=name)
        module.regions[0].add_block(Block())
        return module

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    def verify(self):
        region = self.regions[0]
        if len(region.blocks) != 1:
            raise self.emit_error("expects a body region with exactly one block")
        if region.blocks[0].arguments:
            raise self.emit_error("expects the body block to have no arguments")

    def interpret(self, ctx):
        return None


class UnrealizedConversionCastOp(Op):
    """Marks a type conversion that a later lowering must resolve.

    `%1 = "builtin.unrealized_conversion_cast"(%0) : (tensor<4xf32>) -> memref<4xf32>`
    """

    name = "builtin.unrealized_conversion_cast"
    traits = (Pure,)
    inputs = Operand(C.AnyType, variadic=True)
    outputs = Result(C.AnyType, variadic=True)

    def fold(self, constants):
        # cast(cast(x : A) : B) : A  ->  x
        sources = self.operands
        if not sources or not self.results:
            return None
        producer = sources[0].defining_op
        if not isinstance(producer, UnrealizedConversionCastOp) or producer.results != sources:
            return None
        original = producer.operands
        if [v.type for v in original] == self.result_types:
            return original
        return None

    def interpret(self, ctx, *values):
        return list(values)
