"""Printing IR as MLIR text.

Every op prints in MLIR's generic form; `builtin.module`, `func.func`, `func.return` and
`func.call` print in MLIR's custom forms unless `generic=True`. Values are numbered as MLIR
numbers them: `%0, %1, ...` for results and `%argN` for entry-block arguments, a region
continuing from its op's numbers; affine maps get `#map` aliases at the top of the output.
"""

from __future__ import annotations

from dataclasses import dataclass

from tfc.ir import attributes as A
from tfc.ir.core import Block, Operation, Region
from tfc.ir.text import symbol_name
from tfc.ir import types as T
from tfc.ir.types import FunctionType, type_text

INDENT = "  "
_HIDDEN_FUNC_ATTRS = ("sym_name", "function_type", "arg_attrs", "res_attrs", "sym_visibility")


@dataclass
class PrintOptions:
    generic: bool = False
    debuginfo: bool = False


class _Scope:
    """The next value and argument numbers (blocks are numbered per region)."""

    __slots__ = ("next_value", "next_arg")

    def __init__(self):
        self.next_value = 0
        self.next_arg = 0


class Printer:
    def __init__(self, options: PrintOptions | None = None):
        self.options = options or PrintOptions()
        self.out: list[str] = []
        self.names: dict = {}
        self.aliases: dict = {}
        self.default_dialect = ""

    # ----- entry points ---------------------------------------------------------------------

    def print_top(self, op: Operation) -> str:
        self._collect_aliases(op)
        for attr, alias in self.aliases.items():
            self.out.append(f"{alias} = {attr}\n")
        self._number_op(op, _Scope())
        self._print_op(op, 0)
        self.out.append("\n")
        return "".join(self.out)

    # ----- naming -----------------------------------------------------------------------------

    def _number_op_regions(self, op: Operation, scope: _Scope) -> None:
        # As MLIR numbers values: a region continues from the counters at its op, and the
        # counters are restored after it, so nested names never shadow visible ones and
        # sibling regions (such as the functions of a module) start from the same numbers.
        for region in op.regions:
            saved = (scope.next_value, scope.next_arg)
            for block_index, block in enumerate(region.blocks):
                self.names[block] = f"^bb{block_index}"
                for arg in block.arguments:
                    if block_index == 0:
                        self.names[arg] = f"%arg{scope.next_arg}"
                        scope.next_arg += 1
                    else:
                        self.names[arg] = f"%{scope.next_value}"
                        scope.next_value += 1
                for inner in block:
                    self._number_op(inner, scope)
            scope.next_value, scope.next_arg = saved

    def _number_op(self, op: Operation, scope: _Scope) -> None:
        results = op.results
        if results:
            base = f"%{scope.next_value}"
            scope.next_value += 1
            if len(results) == 1:
                self.names[results[0]] = base
            else:
                self.names[op] = base
                for r in results:
                    self.names[r] = f"{base}#{r.index}"
        if op.regions:
            self._number_op_regions(op, scope)

    def value_name(self, value) -> str:
        name = self.names.get(value)
        if name is None:
            return "%<<UNKNOWN SSA VALUE>>"
        return name

    def _result_defs(self, op: Operation) -> str:
        if not op.results:
            return ""
        if len(op.results) == 1:
            return self.names[op.results[0]] + " = "
        return f"{self.names[op]}:{len(op.results)} = "

    # ----- aliases ------------------------------------------------------------------------------

    def _collect_aliases(self, root: Operation) -> None:
        maps: dict = {}
        for op in root.walk(pre_order=True):
            for attr in (*op.properties.values(), *op.attributes.values()):
                _find_maps(attr, maps)
        for i, attr in enumerate(maps):
            self.aliases[attr] = "#map" if i == 0 else f"#map{i}"

    def attr_text(self, attr) -> str:
        if not self.aliases:
            return str(attr)
        alias = self.aliases.get(attr)
        if alias is not None:
            return alias
        if isinstance(attr, A.ArrayAttr):
            return "[" + ", ".join(self.element_text(a) for a in attr.value) + "]"
        if isinstance(attr, A.DictionaryAttr):
            return "{" + self.attr_entries(attr.entries) + "}"
        return str(attr)

    def element_text(self, attr) -> str:
        """An array element: i64 integers elide their type, as MLIR prints them."""
        if isinstance(attr, A.IntegerAttr) and attr.type == T.i64:
            return str(attr.value)
        return self.attr_text(attr)

    def attr_entries(self, entries) -> str:
        parts = []
        for name, attr in entries:
            key = A.attribute_name(name)
            parts.append(key if isinstance(attr, A.UnitAttr) else f"{key} = {self.attr_text(attr)}")
        return ", ".join(parts)

    # ----- ops ------------------------------------------------------------------------------------

    def _print_op(self, op: Operation, depth: int) -> None:
        out = self.out
        out.append(INDENT * depth)
        if not self.options.generic:
            custom = _CUSTOM_PRINTERS.get(op.name)
            if custom is not None and custom(self, op, depth):
                self._print_loc(op.location)
                return
        self._print_generic(op, depth)
        self._print_loc(op.location)

    def _print_loc(self, location) -> None:
        if self.options.debuginfo:
            self.out.append(f" {location}")

    def _print_generic(self, op: Operation, depth: int) -> None:
        out = self.out
        names = self.names
        out.append(self._result_defs(op))
        out.append(f'"{op.name}"(')
        out.append(", ".join([names.get(u._value) or self.value_name(u._value) for u in op.operand_uses]))
        out.append(")")
        if op.successors:
            out.append("[" + ", ".join(names.get(b, "^<<UNKNOWN BLOCK>>") for b in op.successors) + "]")
        if op.properties:
            out.append(" <{" + self.attr_entries(sorted(op.properties.items())) + "}>")
        if op.regions:
            out.append(" (")
            for i, region in enumerate(op.regions):
                if i:
                    out.append(", ")
                self._print_region(region, depth, print_entry_args=True)
            out.append(")")
        if op.attributes:
            out.append(" {" + self.attr_entries(sorted(op.attributes.items())) + "}")
        operand_types = ", ".join([type_text(u._value.type) for u in op.operand_uses])
        out.append(f" : ({operand_types}) -> {_results_text(op.results)}")

    def _print_region(self, region: Region, depth: int, print_entry_args: bool,
                      implicit_entry: bool = False) -> None:
        out = self.out
        out.append("{\n")
        for i, block in enumerate(region.blocks):
            # An entry block with no ops and no arguments keeps its label, or it would vanish
            # (unless the parser always creates it, as for a module body).
            bare_empty = block.is_empty and not block.arguments and not implicit_entry
            if i > 0 or bare_empty or (print_entry_args and block.arguments) or block.predecessors:
                self._print_block_header(block, depth)
            for op in block:
                self._print_op(op, depth + 1)
                out.append("\n")
        out.append(INDENT * depth + "}")

    def _print_block_header(self, block: Block, depth: int) -> None:
        header = self.names[block]
        if block.arguments:
            header += "(" + ", ".join(self._arg_decl(a) for a in block.arguments) + ")"
        self.out.append(INDENT * depth + header + ":\n")

    def _arg_decl(self, arg) -> str:
        text = f"{self.names[arg]}: {type_text(arg.type)}"
        if self.options.debuginfo:
            text += f" {arg.location}"
        return text

    def print_body(self, region: Region, depth: int, default_dialect: str, implicit_entry: bool = False) -> None:
        saved = self.default_dialect
        self.default_dialect = default_dialect
        self._print_region(region, depth, print_entry_args=False, implicit_entry=implicit_entry)
        self.default_dialect = saved

    def op_keyword(self, name: str) -> str:
        dialect, _, short = name.partition(".")
        return short if dialect == self.default_dialect else name


def _results_text(results) -> str:
    if len(results) == 1:
        t = results[0].type
        return f"({type_text(t)})" if isinstance(t, FunctionType) else type_text(t)
    return "(" + ", ".join(type_text(r.type) for r in results) + ")"


def _find_maps(attr, found: dict) -> None:
    if isinstance(attr, A.AffineMapAttr):
        found.setdefault(attr, None)
    elif isinstance(attr, A.ArrayAttr):
        for a in attr.value:
            _find_maps(a, found)
    elif isinstance(attr, A.DictionaryAttr):
        for _, a in attr.entries:
            _find_maps(a, found)


# ----- custom forms ---------------------------------------------------------------------------
# Each returns False to fall back to the generic form when the op does not fit its custom form.

def _print_module(p: Printer, op: Operation, depth: int) -> bool:
    if len(op.regions) != 1 or len(op.regions[0].blocks) != 1 or op.regions[0].blocks[0].arguments:
        return False
    out = p.out
    out.append("module")
    name = op.get_attr("sym_name")
    if isinstance(name, A.StringAttr):
        out.append(" " + symbol_name(name.value))
    extra = [(k, v) for k, v in sorted({**op.properties, **op.attributes}.items()) if k != "sym_name"]
    if extra:
        out.append(" attributes {" + p.attr_entries(extra) + "}")
    out.append(" ")
    p.print_body(op.regions[0], depth, "", implicit_entry=True)
    return True


def _print_func(p: Printer, op: Operation, depth: int) -> bool:
    ftype = op.get_attr("function_type")
    name = op.get_attr("sym_name")
    if not isinstance(ftype, A.TypeAttr) or not isinstance(ftype.value, FunctionType):
        return False
    if not isinstance(name, A.StringAttr) or len(op.regions) != 1:
        return False
    fn = ftype.value
    body = op.regions[0]
    if body.blocks and body.blocks[0].arg_types != list(fn.inputs):
        return False
    out = p.out
    out.append("func.func ")
    visibility = op.get_attr("sym_visibility")
    if isinstance(visibility, A.StringAttr):
        out.append(visibility.value + " ")
    out.append(symbol_name(name.value) + "(")
    arg_attrs = _per_index_dicts(op.get_attr("arg_attrs"), len(fn.inputs))
    res_attrs = _per_index_dicts(op.get_attr("res_attrs"), len(fn.results))
    args = []
    for i, t in enumerate(fn.inputs):
        text = f"{p.names[body.blocks[0].arguments[i]]}: {type_text(t)}" if body.blocks else type_text(t)
        if arg_attrs[i]:
            text += " {" + p.attr_entries(arg_attrs[i]) + "}"
        if body.blocks and p.options.debuginfo:
            text += f" {body.blocks[0].arguments[i].location}"
        args.append(text)
    out.append(", ".join(args) + ")")
    if fn.results:
        results = [type_text(t) + (" {" + p.attr_entries(res_attrs[i]) + "}" if res_attrs[i] else "")
                   for i, t in enumerate(fn.results)]
        single = len(results) == 1 and not res_attrs[0] and not isinstance(fn.results[0], FunctionType)
        out.append(" -> " + (results[0] if single else "(" + ", ".join(results) + ")"))
    extra = [(k, v) for k, v in sorted({**op.properties, **op.attributes}.items()) if k not in _HIDDEN_FUNC_ATTRS]
    if extra:
        out.append(" attributes {" + p.attr_entries(extra) + "}")
    if body.blocks:
        out.append(" ")
        p.print_body(body, depth, "func")
    return True


def _per_index_dicts(attr, count: int) -> list:
    if not isinstance(attr, A.ArrayAttr) or len(attr) != count:
        return [()] * count
    return [d.entries if isinstance(d, A.DictionaryAttr) else () for d in attr.value]


def _print_return(p: Printer, op: Operation, depth: int) -> bool:
    if op.attributes or op.properties or op.regions or op.successors:
        return False
    p.out.append(p.op_keyword("func.return"))
    if op.operand_uses:
        values = ", ".join(p.value_name(v) for v in op.operands)
        types = ", ".join(type_text(v.type) for v in op.operands)
        p.out.append(f" {values} : {types}")
    return True


def _print_call(p: Printer, op: Operation, depth: int) -> bool:
    callee = op.properties.get("callee")
    if not isinstance(callee, A.SymbolRefAttr) or op.regions or op.successors:
        return False
    extra = [(k, v) for k, v in sorted({**op.properties, **op.attributes}.items()) if k != "callee"]
    p.out.append(p._result_defs(op))
    p.out.append(f"{p.op_keyword('func.call')} {callee}(" + ", ".join(p.value_name(v) for v in op.operands) + ")")
    if extra:
        p.out.append(" {" + p.attr_entries(extra) + "}")
    operand_types = ", ".join(type_text(v.type) for v in op.operands)
    p.out.append(f" : ({operand_types}) -> {_results_text(op.results)}")
    return True


_CUSTOM_PRINTERS = {
    "builtin.module": _print_module,
    "func.func": _print_func,
    "func.return": _print_return,
    "func.call": _print_call,
}


def print_op(op: Operation, generic: bool = False, debuginfo: bool = False) -> str:
    """The text of `op` (and everything nested in it), ending with a newline."""
    return Printer(PrintOptions(generic=generic, debuginfo=debuginfo)).print_top(op)
