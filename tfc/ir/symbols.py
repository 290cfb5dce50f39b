"""Symbol tables: ops with the SymbolTable trait hold symbols (ops with `sym_name`)."""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir.core import Operation
from tfc.ir.traits import SymbolTable


def symbol_name_of(op: Operation) -> str | None:
    name = op.get_attr("sym_name")
    return name.value if isinstance(name, A.StringAttr) else None


def visibility_of(op: Operation) -> str:
    vis = op.get_attr("sym_visibility")
    return vis.value if isinstance(vis, A.StringAttr) else "public"


def symbols_in(table_op: Operation) -> dict[str, Operation]:
    """The symbols defined directly in a symbol-table op's region."""
    found = {}
    for region in table_op.regions:
        for block in region.blocks:
            for op in block:
                name = symbol_name_of(op)
                if name is not None:
                    found.setdefault(name, op)
    return found


def nearest_symbol_table(op: Operation) -> Operation | None:
    current = op
    while current is not None:
        if current.has_trait(SymbolTable):
            return current
        current = current.parent_op
    return None


def lookup_in(table_op: Operation, ref: A.SymbolRefAttr) -> Operation | None:
    found = symbols_in(table_op).get(ref.root)
    for name in ref.nested:
        if found is None or not found.has_trait(SymbolTable):
            return None
        found = symbols_in(found).get(name)
    return found


def lookup_from(op: Operation, ref: A.SymbolRefAttr) -> Operation | None:
    """Resolve `ref` from `op`, looking in each enclosing symbol table outward."""
    table = nearest_symbol_table(op.parent_op if op.has_trait(SymbolTable) else op)
    while table is not None:
        found = lookup_in(table, ref)
        if found is not None:
            return found
        table = nearest_symbol_table(table.parent_op)
    return None


def symbol_refs(attr) -> list[A.SymbolRefAttr]:
    """Every symbol reference nested in an attribute."""
    if isinstance(attr, A.SymbolRefAttr):
        return [attr]
    if isinstance(attr, A.ArrayAttr):
        return [r for a in attr.value for r in symbol_refs(a)]
    if isinstance(attr, A.DictionaryAttr):
        return [r for _, a in attr.entries for r in symbol_refs(a)]
    return []


def uses_in(root: Operation) -> list[tuple[Operation, A.SymbolRefAttr]]:
    """(user op, reference) for every symbol reference in `root` and the ops nested in it."""
    uses = []
    for op in root.walk(pre_order=True):
        for attr in (*op.properties.values(), *op.attributes.values()):
            for ref in symbol_refs(attr):
                uses.append((op, ref))
    return uses
