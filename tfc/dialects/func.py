"""The func dialect: functions, calls and returns."""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.core import Block
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import Attr, Dialect, Op, Operand, RegionDef, Result
from tfc.ir.symbols import lookup_from, visibility_of
from tfc.ir.traits import (ConstantLike, HasParent, IsolatedFromAbove, IsTerminator, Pure,
                           ReturnLike, Symbol)


class FuncDialect(Dialect):
    name = "func"


class FuncOp(Op):
    """A function: `func.func @f(%arg0: f32) -> f32 { ... }`.

    A declaration has no body: `func.func private @g(f32) -> f32`.
    """

    name = "func.func"
    traits = (IsolatedFromAbove, Symbol)
    sym_name = Attr(C.StrAttr)
    function_type = Attr(C.TypeAttrOf(C.AnyFunction))
    sym_visibility = Attr(C.StrAttr, optional=True)
    arg_attrs = Attr(C.ArrayOf(C.DictAttrC), optional=True)
    res_attrs = Attr(C.ArrayOf(C.DictAttrC), optional=True)
    body = RegionDef()

    @classmethod
    def create(cls, name: str, inputs, results, location=UNKNOWN, visibility: str | None = None) -> "FuncOp":
        """A function with an entry block whose arguments match `inputs`."""
        ftype = T.FunctionType(tuple(inputs), tuple(results))
        op = cls.build(sym_name=name, function_type=ftype, sym_visibility=visibility, location=location)
        op.regions[0].add_block(Block(ftype.inputs))
        return op

    @property
    def type(self) -> T.FunctionType:
        return self.function_type.value

    @property
    def is_declaration(self) -> bool:
        return not self.regions[0].blocks

    @property
    def entry(self) -> Block:
        return self.regions[0].blocks[0]

    def verify(self):
        ftype = self.type
        for attr_name, count in (("arg_attrs", len(ftype.inputs)), ("res_attrs", len(ftype.results))):
            attrs = self.properties.get(attr_name)
            if attrs is not None and len(attrs) != count:
                raise self.emit_error(f"expects {attr_name} to have {count} entries, one per {attr_name[:3]}")
        if self.is_declaration:
            if visibility_of(self) == "public":
                raise self.emit_error("symbol declaration cannot have public visibility")
            return
        args = self.entry.arg_types
        if len(args) != len(ftype.inputs):
            raise self.emit_error(f"entry block must have {len(ftype.inputs)} arguments to match function signature")
        for i, (arg, expected) in enumerate(zip(args, ftype.inputs)):
            if arg != expected:
                raise self.emit_error(f"type of entry block argument #{i}('{arg}') must match the type of the corresponding argument in function signature('{expected}')")


class ReturnOp(Op):
    """Returns from a function: `return %0 : f32` (generic: `"func.return"(%0) : (f32) -> ()`)."""

    name = "func.return"
    traits = (Pure, IsTerminator, ReturnLike, HasParent("func.func"))
    values = Operand(C.AnyType, variadic=True)

    def verify(self):
        func = self.parent_op
        results = func.type.results
        if len(self.operands) != len(results):
            raise self.emit_error(f"has {len(self.operands)} operands, but enclosing function (@{func.sym_name.value}) returns {len(results)}")
        for i, (value, expected) in enumerate(zip(self.operands, results)):
            if value.type != expected:
                raise self.emit_error(f"type of return operand {i} ('{value.type}') doesn't match function result type ('{expected}') in function @{func.sym_name.value}")


def _check_call_types(op: Op, callee_type: T.FunctionType, args, results, what: str) -> None:
    if len(args) != len(callee_type.inputs):
        raise op.emit_error(f"incorrect number of operands for {what}")
    for i, (arg, expected) in enumerate(zip(args, callee_type.inputs)):
        if arg.type != expected:
            raise op.emit_error(f"operand type mismatch: expected operand type '{expected}', but provided '{arg.type}' for operand number {i}")
    if len(results) != len(callee_type.results):
        raise op.emit_error(f"incorrect number of results for {what}")
    for i, (result, expected) in enumerate(zip(results, callee_type.results)):
        if result.type != expected:
            raise op.emit_error(f"result type mismatch at index {i}: expected '{expected}', but got '{result.type}'")


class CallOp(Op):
    """Calls a function by symbol: `%r = call @f(%a) : (f32) -> f32`."""

    name = "func.call"
    callee = Attr(C.FlatSymbolRefAttr, convert=lambda name: A.SymbolRefAttr(name))
    args = Operand(C.AnyType, variadic=True)
    outputs = Result(C.AnyType, variadic=True)

    def verify_symbol_uses(self):
        target = lookup_from(self, self.callee)
        if not isinstance(target, FuncOp):
            raise self.emit_error(f"'{self.callee.root}' does not reference a valid function")
        _check_call_types(self, target.type, self.operands, self.results, "callee")

    def resolve_callee(self) -> "FuncOp | None":
        target = lookup_from(self, self.callee)
        return target if isinstance(target, FuncOp) else None

    def interpret(self, ctx, *args):
        return ctx.call_function(self.resolve_callee(), list(args))


class CallIndirectOp(Op):
    """Calls a function value: `%r = "func.call_indirect"(%f, %a) : ((f32) -> f32, f32) -> f32`."""

    name = "func.call_indirect"
    callee = Operand(C.AnyFunction)
    args = Operand(C.AnyType, variadic=True)
    outputs = Result(C.AnyType, variadic=True)

    def verify(self):
        _check_call_types(self, self.callee.type, self.args, self.results, "callee")

    def interpret(self, ctx, callee, *args):
        return ctx.call_function(callee, list(args))


class ConstantOp(Op):
    """A function as a value: `%f = "func.constant"() <{value = @f}> : () -> ((f32) -> f32)`."""

    name = "func.constant"
    traits = (Pure, ConstantLike)
    value = Attr(C.FlatSymbolRefAttr, convert=lambda name: A.SymbolRefAttr(name))
    result = Result(C.AnyFunction)

    def verify_symbol_uses(self):
        target = lookup_from(self, self.value)
        if not isinstance(target, FuncOp):
            raise self.emit_error(f"reference to undefined function '{self.value.root}'")
        if target.type != self.result.type:
            raise self.emit_error(f"reference to function with mismatched type: '{target.type}' vs '{self.result.type}'")

    def fold(self, constants):
        return [self.value]

    def interpret(self, ctx):
        return lookup_from(self, self.value)
