"""Building a signature: the pruned function that computes some fetches from some feeds.

    module = build_signature(graph, "main", feeds=[x], fetches=[loss], targets=[train_op])

Only what the fetches and targets need is kept (following data and control edges, and the
values that If/While bodies use from outside); fed tensors become the function's arguments,
replacing their computation; fetches become its results. Inside If/While bodies only what the
body's outputs need is kept (TF1's rule). Every needed tf.Placeholder must be fed.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.location import NameLoc

from tfc.dialects.builtin import ModuleOp
from tfc.dialects.func import FuncOp, ReturnOp
from tfc.dialects.tf.core_ops import PlaceholderOp
from tfc.dialects.tf.state_ops import ReadVariableOp
from tfc.dialects.tf.types import ResourceType

def _outer_operands(op):
    """Values that `op` and the ops nested in it use from outside `op`."""
    yield from op.operands
    for nested in op.nested_ops():
        for value in nested.operands:
            owner = value.defining_op
            anchor = owner if owner is not None else value.owner.parent_op
            if anchor is None or not (anchor is op or op.is_proper_ancestor(anchor)):
                yield value


def needed_ops(graph, roots, fed: set) -> set:
    """The top-level graph ops that computing `roots` (ops) needs, given the fed values."""
    needed, stack = set(), list(roots)
    while stack:
        op = stack.pop()
        if op in needed:
            continue
        needed.add(op)
        for value in _outer_operands(op):
            if value in fed:
                continue
            owner = value.defining_op
            if owner is not None and owner.parent is graph.block and owner not in needed:
                stack.append(owner)
    return needed


def _check_top_level(graph, value, what: str, name: str) -> None:
    owner = value.defining_op
    if owner is None or owner.parent is not graph.block:
        raise ValueError(f"{what} {name} is inside a tf.cond branch or a tf.while_loop body; only tensors "
                         "outside them can be fed or fetched")


def _prune_region_ops(op) -> None:
    """Erase ops of If/While bodies that nothing in the body's outputs needs (TF1 semantics)."""
    for region in op.regions:
        for block in region.blocks:
            for nested in list(reversed(block.ops))[1:]:  # users before what they use; not the yield
                _prune_region_ops(nested)
                if all(r.use_empty() for r in nested.results):
                    nested.erase()


def build_signature(graph, name: str, feeds, fetches, targets=(), variable_fetches=()) -> ModuleOp:
    """A module holding `func.func @name(feeds...) -> (fetches..., variable values...)`.

    `feeds` and `fetches` are Tensors, `targets` Operations, `variable_fetches` Variables (read
    after everything else ran)."""
    fed = {}
    for t in feeds:
        _check_top_level(graph, t.value, "Tensor", t.name)
        fed.setdefault(t.value, len(fed))
    roots = []
    for t in fetches:
        _check_top_level(graph, t.value, "Tensor", t.name)
        if t.value not in fed:
            roots.append(t.value.defining_op)
    for op in targets:
        if op.ir.parent is not graph.block:
            raise ValueError(f"Operation {op.name} is inside a tf.cond branch or a tf.while_loop body; only "
                             "ops outside them can be run")
        roots.append(op.ir)
    for v in variable_fetches:
        roots.append(v.op.ir)
    needed = needed_ops(graph, roots, set(fed))
    for op in graph.block:
        if op in needed and isinstance(op, PlaceholderOp) and op.results[0] not in fed:
            raise op.unfed_error()

    arg_types = [v.type for v in fed]
    func = FuncOp.create(name, arg_types, [])
    body = func.entry
    mapping = {v: arg for v, arg in zip(fed, body.arguments)}
    for value, arg in mapping.items():
        arg.location = value.defining_op.location  # the fed tensor's node name and line
    for op in graph.block:
        if op in needed:
            clone = op.clone(mapping)
            body.append(clone)
            if clone.regions:
                _prune_region_ops(clone)
    results = [mapping[t.value] for t in fetches]
    for v in variable_fetches:
        handle = mapping[v.handle.value]
        read = ReadVariableOp.create(handle, location=NameLoc(f"{v.op.name}/fetch"))
        body.append(read)
        results.append(read.results[0])
    body.append(ReturnOp.build(results))
    func.function_type = A.TypeAttr(T.FunctionType(tuple(arg_types), tuple(r.type for r in results)))
    module = ModuleOp.create()
    module.body.append(func)
    return module


def is_resource(tensor) -> bool:
    return isinstance(tensor.value.type, ResourceType)
