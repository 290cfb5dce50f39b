"""Order and aliasing questions bufferize asks about the tensor IR (which it never modifies
while it builds the memref IR, so these answers stay valid through the whole rewrite).

Execution order between two ops is decided in their deepest common block; ops in different
regions of one op (the branches of an scf.if, the two regions of an scf.while) are
`exclusive` for one run of it. Loop back edges are handled by `used_after`: a value defined
outside a loop and used inside it is read again on the next iteration, after any write in
that loop.
"""

from __future__ import annotations

from tfc.ir import types as T

from tfc.dialects import memref, scf, tensor
from tfc.dialects.bufferization import MaterializeInDestinationOp
from tfc.dialects.linalg.base import PARALLEL, StructuredMixin, dim_positions

LOOPS = (scf.ForOp, scf.WhileOp)
TENSOR_VIEWS = (tensor.CastOp, tensor.ExtractSliceOp, tensor.CollapseShapeOp, tensor.ExpandShapeOp)
MEMREF_VIEWS = (memref.SubViewOp, memref.CastOp, memref.CollapseShapeOp, memref.ExpandShapeOp)

BEFORE, AFTER, NESTED, EXCLUSIVE = "before", "after", "nested", "exclusive"


def is_tensor(value) -> bool:
    return isinstance(value.type, (T.TensorType, T.UnrankedTensorType))


def hands_over(t) -> bool:
    """Whether a loop carries a value of type `t` by handing over ownership (a memref or
    tensor with a dynamic dim: its size may change from one iteration to the next, so it
    cannot live in one buffer for the whole loop) rather than in one carried buffer."""
    if not isinstance(t, (T.MemRefType, T.TensorType)):
        return False
    return any(d is None for d in t.shape)


def _chain(op) -> list:
    chain = []
    while op is not None:
        chain.append(op)
        op = op.parent_op
    return chain


def order(a, b) -> str:
    """How op `a` runs relative to op `b`: BEFORE, AFTER, NESTED (one contains the other, or
    is it) or EXCLUSIVE (different regions of a common op), ignoring loop back edges."""
    in_block = {anc.parent: anc for anc in _chain(b)}
    for anc in _chain(a):
        other = in_block.get(anc.parent)
        if other is None:
            continue
        if anc is other:
            return NESTED if anc is a or anc is b else EXCLUSIVE
        return BEFORE if anc.is_before_in_block(other) else AFTER
    return EXCLUSIVE


def defined_inside(value, op) -> bool:
    """Whether `value` is defined in one of `op`'s regions (at any depth)."""
    definer = value.defining_op
    if definer is None:
        block = value.parent_block
        definer = block.parent_op if block is not None else None
        if definer is op:
            return True
    return definer is not None and op.is_proper_ancestor(definer)


def used_after(value, writer) -> bool:
    """Whether `value` may be read after `writer` runs (so writing its buffer there would
    clobber it): a use later in execution order, a use nested in `writer`'s regions, or a
    use inside a loop around `writer` that the value comes into from outside (`writer`'s
    own use included). Uses by tensor.dim do not count (they read the shape only)."""
    loops = [op for op in _chain(writer.parent_op) if isinstance(op, LOOPS)]
    for use in value.uses:
        user = use.owner
        if isinstance(user, tensor.DimOp):
            continue  # a dim reads the shape, which no write changes
        reentered = any(loop.is_proper_ancestor(user) and not defined_inside(value, loop) for loop in loops)
        if user is writer:
            # the writer itself reads the value again on the loop's next iteration (unless
            # its contents are undefined: a tensor.empty is never read)
            if reentered and not isinstance(value.defining_op, tensor.EmptyOp):
                return True
            continue
        if reentered:
            return True
        relation = order(user, writer)
        if relation == AFTER or (relation == NESTED and writer.is_proper_ancestor(user)):
            return True
    return False


def view_closure(value) -> list:
    """`value` and the tensors that views of it (casts, slices, reshapes) define."""
    found, stack = [value], [value]
    while stack:
        for use in stack.pop().uses:
            user = use.owner
            if isinstance(user, TENSOR_VIEWS) and use.index == 0 and user.results[0] not in found:
                found.append(user.results[0])
                stack.append(user.results[0])
    return found


def buffer_writers(buffer) -> list:
    """The ops that write a memref (or a view of it) in the input IR."""
    writers, stack, seen = [], [buffer], {buffer}
    while stack:
        for use in stack.pop().uses:
            user = use.owner
            if isinstance(user, MEMREF_VIEWS) and use.index == 0:
                if user.results[0] not in seen:
                    seen.add(user.results[0])
                    stack.append(user.results[0])
            elif _writes_operand(user, use.index):
                writers.append(user)
    return writers


def _writes_operand(op, index: int) -> bool:
    if isinstance(op, (MaterializeInDestinationOp, memref.CopyOp, memref.StoreOp)):
        return index == 1
    if isinstance(op, StructuredMixin):
        return index >= len(op.dps_inputs)
    return False


def reads_init(op, init_index: int) -> bool:
    """Whether a structured op's body reads the current value of its init #init_index."""
    operand = len(op.dps_inputs) + init_index
    for arg, k in zip(op.body.arguments, op.block_operand_indices()):
        if k == operand:
            return not arg.use_empty()
    return False


def elementwise_pair(op, input_index: int, init_index: int) -> bool:
    """Whether input #input_index is read at exactly the point that init #init_index is
    written (so both may share one buffer): all loops parallel, the same permutation map."""
    if any(kind != PARALLEL for kind in op.get_iterator_types()):
        return False
    maps = op.get_indexing_maps()
    read, write = maps[input_index], maps[len(op.dps_inputs) + init_index]
    return read == write and dim_positions(write) is not None


def ops_between(first, last) -> list:
    """The ops strictly between two ops of one block."""
    found, op = [], first.next
    while op is not None and op is not last:
        found.append(op)
        op = op.next
    return found


def uses_value(op, value) -> bool:
    """Whether `op` or an op nested in it uses `value`."""
    return any(value in inner.operands for inner in op.walk())
