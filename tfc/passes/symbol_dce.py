"""`symbol-dce`: erase private symbols that nothing live refers to, as MLIR's SymbolDCE does.

Runs on an op with the SymbolTable trait. Live to begin with: every op in the table that is
not a private symbol (public and nested-visibility symbols, and ops that are not symbols at
all, such as a top-level op using a symbol). A live op makes live every symbol referenced
from it or from the ops nested in it; a live nested symbol table is scanned the same way.
Every other symbol (a private symbol, or one inside a dead symbol table) is erased.
References resolve as the verifier resolves them (nearest symbol table outward).
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir.core import Operation
from tfc.ir.passes import Pass
from tfc.ir.symbols import lookup_from, lookup_in, symbol_name_of, symbol_refs, visibility_of
from tfc.ir.traits import SymbolTable


def is_symbol(op: Operation) -> bool:
    return symbol_name_of(op) is not None


def is_discardable(op: Operation) -> bool:
    return is_symbol(op) and visibility_of(op) == "private"


def scan(op: Operation) -> tuple[list, list[Operation]]:
    """The (user, reference) pairs in `op` and its nested ops, and the symbol tables nested in
    it, whose insides are scanned as tables of their own."""
    uses, tables = [], []
    stack = [op]
    while stack:
        current = stack.pop()
        for attr in (*current.properties.values(), *current.attributes.values()):
            uses.extend((current, ref) for ref in symbol_refs(attr))
        if current is not op and current.has_trait(SymbolTable):
            tables.append(current)
            continue
        stack.extend(current.nested_ops())
    return uses, tables


def resolve_path(user: Operation, ref: A.SymbolRefAttr) -> list[Operation]:
    """Every symbol along `ref` (`@a::@b` gives @a and @b), or [] when it does not resolve."""
    first = lookup_from(user, A.SymbolRefAttr(ref.root))
    if first is None:
        return []
    found = [first]
    for name in ref.nested:
        inner = lookup_in(found[-1], A.SymbolRefAttr(name)) if found[-1].has_trait(SymbolTable) else None
        if inner is None:
            break
        found.append(inner)
    return found


def live_symbols(root: Operation) -> set[Operation]:
    live: set[Operation] = set()
    worklist: list[Operation] = []

    def mark(op: Operation) -> None:
        if op not in live:
            live.add(op)
            worklist.append(op)

    def open_table(table: Operation) -> None:
        for op in table.nested_ops():
            if not is_discardable(op):
                mark(op)

    open_table(root)
    while worklist:
        op = worklist.pop()
        if op.has_trait(SymbolTable):
            open_table(op)
        uses, tables = scan(op)
        for table in tables:
            mark(table)  # a symbol table nested in a live op is live itself
        for user, ref in uses:
            for symbol in resolve_path(user, ref):
                mark(symbol)
    return live


def dead_symbols(root: Operation, live: set[Operation]) -> list[Operation]:
    """The symbols to erase, outermost only (a dead symbol goes with everything in it)."""
    dead = []
    stack = [root]
    while stack:
        op = stack.pop()
        if op is not root and op not in live and is_symbol(op) and op.parent_op.has_trait(SymbolTable):
            dead.append(op)
            continue
        stack.extend(op.nested_ops())
    return dead


class SymbolDCEPass(Pass):
    name = "symbol-dce"
    summary = "Erase private symbols that are not referenced"

    def run(self, op: Operation) -> None:
        if not op.has_trait(SymbolTable):
            raise op.emit_error("was scheduled to run under symbol-dce, but does not define a symbol table")
        for symbol in dead_symbols(op, live_symbols(op)):
            if symbol.use_empty():
                symbol.erase()
