"""Op traits: facts about an op class that passes and the verifier rely on.

A trait is a class; an op lists the traits it has in `traits = (...)`. A trait may define
`verify(op)` returning an error message (or None); the verifier runs it for every op that
has the trait. Passes ask `op.has_trait(Pure)` and never look at op names.
"""

from __future__ import annotations

from tfc.ir import types as T


class Trait:
    @staticmethod
    def verify(op) -> str | None:
        return None


class Pure(Trait):
    """No memory effects and always safe to execute: may be moved, deduplicated or erased."""


class RecursiveMemoryEffects(Trait):
    """The op's effects are exactly those of the ops in its regions."""


class IsTerminator(Trait):
    @staticmethod
    def verify(op):
        block = op.parent
        if block is not None and block.last is not op:
            return "must be the last operation in the parent block"
        return None


class ReturnLike(Trait):
    """Returns control (and its operands) to the parent op."""


class NoTerminator(Trait):
    """The op's regions need no terminator."""


class SingleBlock(Trait):
    @staticmethod
    def verify(op):
        for i, region in enumerate(op.regions):
            if len(region.blocks) > 1:
                return f"expects region #{i} to have 0 or 1 blocks"
        return None


class IsolatedFromAbove(Trait):
    """Ops in its regions may not use values defined outside it."""


class GraphRegions(Trait):
    """The op's regions are graph regions: no dominance between their ops is required."""


class SymbolTable(Trait):
    """Its single region holds symbols (ops with `sym_name`) whose names are unique."""


class Symbol(Trait):
    """Defines a symbol through its `sym_name` string attribute."""

    @staticmethod
    def verify(op):
        from tfc.ir.attributes import StringAttr
        if not isinstance(op.get_attr("sym_name"), StringAttr):
            return "requires string attribute 'sym_name'"
        return None


class ConstantLike(Trait):
    """Materializes the attribute in its `value` property; folds to it."""


class Commutative(Trait):
    """Operand order does not matter (canonicalization moves constants to the right)."""


class Elementwise(Trait):
    """Applies elementwise over scalars, vectors and tensors of the same shape."""


class SameOperandsAndResultType(Trait):
    @staticmethod
    def verify(op):
        types = [*op.result_types, *(v.type for v in op.operands)]
        if types and any(t != types[0] for t in types):
            return "requires the same type for all operands and results"
        return None


class SameTypeOperands(Trait):
    @staticmethod
    def verify(op):
        types = [v.type for v in op.operands]
        if types and any(t != types[0] for t in types):
            return "requires all operands to have the same type"
        return None


class SameOperandsAndResultShape(Trait):
    @staticmethod
    def verify(op):
        shapes = [_shape_of(t) for t in [*op.result_types, *(v.type for v in op.operands)]]
        if shapes and any(s != shapes[0] for s in shapes):
            return "requires the same shape for all operands and results"
        return None


def _shape_of(t):
    if isinstance(t, (T.TensorType, T.VectorType, T.MemRefType)):
        return (type(t).__name__, tuple(t.shape))
    if isinstance(t, (T.UnrankedTensorType, T.UnrankedMemRefType)):
        return (type(t).__name__, None)
    return None


def HasParent(*op_names: str):
    """Trait factory: the op must sit directly inside one of the named ops."""

    class _HasParent(Trait):
        parents = op_names

        @staticmethod
        def verify(op):
            parent = op.parent_op
            if parent is None or parent.name not in op_names:
                expected = ", ".join(f"'{n}'" for n in op_names)
                return f"expects parent op {'to be one of ' if len(op_names) > 1 else ''}{expected}"
            return None

    _HasParent.__name__ = f"HasParent({', '.join(op_names)})"
    return _HasParent


def is_pure(op) -> bool:
    """True when erasing or moving the op cannot change what the program does.

    Besides the traits, an op class may define `has_memory_effects(self) -> bool` when its
    effects depend on its operands (linalg on tensors is pure, on memrefs it writes)."""
    cls = type(op)
    if Pure in cls.traits:
        return True
    hook = getattr(cls, "has_memory_effects", None)
    if hook is not None:
        return not hook(op) and all(
            is_pure(inner) for region in op.regions for block in region.blocks for inner in block)
    if RecursiveMemoryEffects in cls.traits:
        return all(is_pure(inner) for region in op.regions for block in region.blocks for inner in block)
    return False


def is_trivially_dead(op) -> bool:
    return not any(r.uses for r in op.results) and is_pure(op) and not op.has_trait(IsTerminator)
