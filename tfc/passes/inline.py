"""`inline`: inline calls to functions whose body is a single block.

A `func.call` is inlined when its callee is a `func.func` with a body of one block that is
not part of a call-graph cycle (a recursive function is never inlined, nor inlined into).
Callees are handled before their callers, so a caller receives bodies that are already
inlined. The callee body is cloned before the call with its arguments mapped to the call's
operands, the call's results are replaced by the cloned `func.return` operands, and the
cloned ops get call-site locations. Private callees left with no uses are erased.
"""

from __future__ import annotations

from tfc.dialects.func import CallOp, FuncOp, ReturnOp
from tfc.ir.core import Operation
from tfc.ir.location import CallSiteLoc
from tfc.ir.passes import Pass
from tfc.ir.symbols import lookup_from, nearest_symbol_table, symbol_refs, uses_in, visibility_of
from tfc.ir.traits import SymbolTable


class CallGraph:
    """The functions nested in a root, the calls in each, and the functions in cycles."""

    def __init__(self, root: Operation):
        self.funcs: list[FuncOp] = []
        self.calls: dict[FuncOp | None, list[CallOp]] = {None: []}
        self.callees: dict[FuncOp, list[FuncOp]] = {}
        for op in root.walk(pre_order=True):
            if isinstance(op, FuncOp):
                self.funcs.append(op)
                self.calls[op] = []
                self.callees[op] = []
            elif isinstance(op, CallOp):
                caller = enclosing_func(op)
                self.calls.setdefault(caller, []).append(op)
                callee = op.resolve_callee()
                if caller is not None and callee is not None:
                    self.callees[caller].append(callee)
        self.sccs = strongly_connected(self.funcs, self.callees)
        self.recursive = set()
        for scc in self.sccs:
            if len(scc) > 1 or scc[0] in self.callees.get(scc[0], ()):
                self.recursive.update(scc)

    def bottom_up(self) -> list[FuncOp]:
        """Functions with every callee before its callers (Tarjan's SCC order)."""
        return [f for scc in self.sccs for f in scc]


def enclosing_func(op: Operation) -> FuncOp | None:
    for ancestor in op.ancestors():
        if isinstance(ancestor, FuncOp):
            return ancestor
    return None


def strongly_connected(nodes: list, edges: dict) -> list[list]:
    """Tarjan's algorithm without recursion; SCCs come out callees first."""
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    out: list[list] = []
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(edges.get(start, ())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(edges.get(succ, ()))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                scc = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    scc.append(member)
                    if member is node:
                        break
                out.append(scc)
    return out


def inlinable_callee(call: CallOp, graph: CallGraph) -> FuncOp | None:
    callee = call.resolve_callee()
    if callee is None or callee.is_declaration or callee in graph.recursive:
        return None
    if len(callee.regions[0].blocks) != 1 or not isinstance(callee.entry.last, ReturnOp):
        return None
    if enclosing_func(call) is callee:
        return None
    # Symbol references in the body would resolve differently from another symbol table.
    if nearest_symbol_table(call) is not nearest_symbol_table(callee.parent_op) and uses_in(callee):
        return None
    return callee


def inline_call(call: CallOp, callee: FuncOp) -> None:
    """Clone the callee's body before `call` and replace the call by what it returns."""
    entry = callee.entry
    mapping = dict(zip(entry.arguments, call.operands))
    block = call.parent
    for op in entry:
        if op is entry.last:
            break
        clone = op.clone(mapping)
        for inner in clone.walk():
            inner.location = CallSiteLoc(inner.location, call.location)
        block.insert_before(call, clone)
    call.replace_all_uses_with([mapping.get(v, v) for v in entry.last.operands])
    call.erase()


def erase_unused_private(root: Operation, funcs) -> None:
    """Erase the private functions of `funcs` inside `root` that no reference resolves to any more."""
    candidates = [f for f in funcs if visibility_of(f) == "private" and root.is_proper_ancestor(f)]
    if not candidates:
        return
    referenced = set()
    tables = {nearest_symbol_table(f.parent_op) for f in candidates}
    for table in tables:
        if table is None:
            continue
        for op in table.walk(pre_order=True):
            for attr in (*op.properties.values(), *op.attributes.values()):
                for ref in symbol_refs(attr):
                    target = lookup_from(op, ref)
                    if target is not None:
                        referenced.add(target)
    for func in candidates:
        if func not in referenced and nearest_symbol_table(func.parent_op) is not None:
            func.erase()


class InlinePass(Pass):
    name = "inline"
    summary = "Inline calls to non-recursive single-block functions"

    def run(self, op: Operation) -> None:
        # The call graph spans the whole symbol table so that cycles through functions outside
        # `op` are seen too; only the calls inside `op` are inlined.
        scope = op if op.has_trait(SymbolTable) else nearest_symbol_table(op) or op
        graph = CallGraph(scope)
        inlined = {}
        for caller in [*graph.bottom_up(), None]:
            for call in graph.calls.get(caller, ()):
                callee = inlinable_callee(call, graph)
                if callee is not None and op.is_proper_ancestor(call):
                    inline_call(call, callee)
                    inlined[callee] = None
        erase_unused_private(op, inlined)
