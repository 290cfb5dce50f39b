"""Helpers shared by the tf-to-linalg lowerings: constants, broadcasting maps, empty tensors,
and the error for what the CPU backend does not lower."""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from tfc.ir.builder import Builder
from tfc.ir.diagnostics import DiagnosticError

from tfc.dialects.arith import AndIOp, CmpIOp, ConstantOp
from tfc.dialects.cf import AssertOp
from tfc.dialects.linalg.generic import GenericOp
from tfc.dialects.linalg.named import FillOp
from tfc.dialects.tensor import DimOp, EmptyOp, ExtractOp


class UnsupportedOpError(DiagnosticError):
    """An op (or a form of it) that the CPU backend does not lower; raised at the op's location."""


def unsupported(op, why: str = "") -> UnsupportedOpError:
    message = f"op '{op.name}' is not supported by the CPU backend"
    return UnsupportedOpError(message + (f": {why}" if why else ""), op.location)


def float_const(b: Builder, value: float, et: T.Type):
    return b.create(ConstantOp, value=A.FloatAttr.get(value, et), result_types=[et]).result


def int_const(b: Builder, value: int, et: T.Type):
    return b.create(ConstantOp, value=A.IntegerAttr.get(int(value), et), result_types=[et]).result


def index_const(b: Builder, value: int):
    return int_const(b, value, T.index)


def replace(op, values) -> None:
    """Replace the data results of `op` by `values` and erase it."""
    for result, value in zip(op.results, values):
        result.replace_all_uses_with(value)
    op.erase()


def operand_map(operand_type: T.TensorType, result_type: T.TensorType) -> AffineMap:
    """Right-aligned broadcasting: a static 1 against another size reads index 0."""
    rank, offset = result_type.rank, result_type.rank - operand_type.rank
    results = []
    for j, d in enumerate(operand_type.shape):
        i = offset + j
        if d == 1 and result_type.shape[i] != 1:
            results.append(AffineConstantExpr(0))
        else:
            results.append(AffineDimExpr(i))
    return AffineMap(rank, 0, tuple(results))


def empty_like(b: Builder, result_type: T.TensorType, operands):
    """A tensor.empty of `result_type`, its dynamic sizes read from operands with that dim."""
    sizes = []
    for i, d in enumerate(result_type.shape):
        if d is not None:
            continue
        source, dim = dim_source(operands, result_type, i)
        index = b.create(ConstantOp, value=A.IntegerAttr.get(dim, T.index), result_types=[T.index]).result
        sizes.append(b.create(DimOp, source, index, result_types=[T.index]).result)
    return b.create(EmptyOp, sizes, result_types=[result_type]).result


def dim_source(operands, result_type, i):
    for value in operands:
        t = value.type
        j = i - (result_type.rank - t.rank)
        if j >= 0 and t.shape[j] is None:
            return value, j
    raise ValueError("no operand carries the dynamic dim")  # unreachable for inferred types




def emit_check(b: Builder, op, value, ok, message: str) -> None:
    """A run-time check at `op`'s place: `cf.assert` that `ok(builder, element) -> i1` holds for
    every element of the ranked tensor `value` (an all-reduction into a rank-0 i1 tensor). The
    interpreter re-runs a call whose check failed, to raise TensorFlow's own error with its values."""
    rank = value.type.rank
    flag_type = T.TensorType((), T.i1)
    empty = b.create(EmptyOp, [], result_types=[flag_type]).result
    filled = b.insert(FillOp.create(int_const(b, 1, T.i1), empty, location=op.location)).results[0]

    def body(bb, args):
        return [bb.create(AndIOp, args[1], ok(bb, args[0]), result_types=[T.i1]).result]

    reduce = GenericOp.create([value], [filled], [AffineMap.identity(rank), AffineMap(rank, 0, ())],
                              ["reduction"] * rank, body, location=op.location)
    flag = b.create(ExtractOp, b.insert(reduce).results[0], [], result_types=[T.i1]).result
    b.create(AssertOp, flag, msg=message)


def check_broadcast(b: Builder, op, operands, result_type) -> None:
    """Broadcasting maps treat a dynamic dim as the full size (`operand_map`); where a dynamic
    dim meets another operand's dim, check at run time that they are equal. A dim that is 1 at
    run time (broadcasting decided only then) fails the check, and the Session runs that call
    on the interpreter, which broadcasts it."""
    checks = []
    for i in range(result_type.rank):
        dims = []  # (operand, its dim) meeting at result dim i, broadcast 1s left out
        for value in operands:
            j = i - (result_type.rank - value.type.rank)
            if j >= 0 and value.type.shape[j] != 1:
                dims.append((value, j))
        if len(dims) < 2 or all(v.type.shape[j] is not None for v, j in dims):
            continue
        sizes = [index_const(b, v.type.shape[j]) if v.type.shape[j] is not None else
                 b.create(DimOp, v, index_const(b, j), result_types=[T.index]).result for v, j in dims]
        for other in sizes[1:]:
            checks.append(b.create(CmpIOp, sizes[0], other, predicate="eq", result_types=[T.i1]).result)
    if not checks:
        return
    ok = checks[0]
    for c in checks[1:]:
        ok = b.create(AndIOp, ok, c, result_types=[T.i1]).result
    b.create(AssertOp, ok, msg="Incompatible shapes: dynamic dims differ at run time")
