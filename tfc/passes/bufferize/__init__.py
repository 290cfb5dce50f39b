"""`bufferize`: one-shot bufferization, tensors -> memrefs.

Reads func/linalg/tensor/arith/math/scf/bufferization ops on builtin tensor types and
leaves no tensor type behind. Each function is rewritten op by op in one walk in program
order (the decisions need only what came before and the uses of the tensor IR):

    analysis.py      execution order, "is this tensor read after that op?", view closures
    buffers.py       the state: tensor -> buffer, roots, writability, aliases, alloc/copy
    tensor_ops.py    tensor ops, dense constants (-> memref.global), bufferization ops
    linalg_ops.py    linalg ops -> destination-passing style on buffers (in place if safe)
    control_flow.py  scf.if / scf.for / scf.while with tensors
    function.py      the driver and the function boundary (arguments, owned results)
    dealloc.py       memref.dealloc after the last use, reuse of dead buffers

In place where safe: an op writes the buffer of its destination tensor (a linalg init, the
dest of tensor.insert / insert_slice, a loop's init) when that buffer is ours and no tensor
living in it is read afterwards; otherwise it writes a new buffer, into which the old
contents are copied only when they are read. A variable read (`bufferization.to_tensor`)
aliases the variable unless the variable is written while the read value is still in use;
an update stored into a variable (`materialize_in_destination`) is computed in place there
when nothing reads the variable in between. Function results are fresh buffers owned by
the caller (docs/cpu_backend.md).
"""

from __future__ import annotations

from tfc.ir.passes import Pass

from tfc.dialects.func import FuncOp
from tfc.passes.bufferize.buffers import BufferizeError
from tfc.passes.bufferize.function import bufferize_function

__all__ = ["BufferizePass", "BufferizeError", "bufferize"]


def _module_of(op):
    while op.parent_op is not None:
        op = op.parent_op
    return op


def bufferize(root) -> None:
    """Bufferize every function in `root` (a module, or one func.func inside a module)."""
    funcs = [root] if isinstance(root, FuncOp) else [op for op in root.walk(pre_order=True) if isinstance(op, FuncOp)]
    for func in funcs:
        bufferize_function(func, _module_of(func))


class BufferizePass(Pass):
    name = "bufferize"
    summary = "Turn tensors into memrefs: in-place buffers where safe, owned results, deallocs and reuse"

    def run(self, op) -> None:
        bufferize(op)
