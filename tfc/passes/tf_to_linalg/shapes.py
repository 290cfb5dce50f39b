"""Constants, identities and the shape/array tf ops -> arith / tensor / linalg.

    tf.Const                      arith.constant holding the same dense elements
    tf.Identity, tf.StopGradient, tf.PlaceholderWithDefault   their input (tensor.cast when
                                  the result type is less specific)
    tf.Reshape, ExpandDims, Squeeze   tensor.collapse_shape / tensor.expand_shape; a reshape that
                                  is neither collapses to 1-D, then expands
    tf.Transpose                  linalg.transpose (constant perm)
    tf.ConcatV2, tf.Pack          tensor.insert_slice into a tensor.empty (Pack expands first)
    tf.Unpack                     tensor.extract_slice + collapse_shape per result
    tf.Tile                       linalg.generic reading `d mod size` (static input), or a
                                  broadcast along new dims + collapse_shape (dynamic input)
    tf.Slice, tf.StridedSlice     tensor.extract_slice, then collapse (shrunk dims) and expand
                                  (new axes); negative strides on static dims: linalg.generic
    tf.Fill, ZerosLike, OnesLike  linalg.fill of a tensor.empty
    tf.Shape, tf.Size, tf.Rank    arith.constant when static, else tensor.dim + from_elements
    tf.Range, tf.OneHot           linalg.generic over linalg.index

For example a reshape that merges dims:

    %r = "tf.Reshape"(%x, %shape) : (tensor<?x3x4xf32>, tensor<2xi32>) -> tensor<?x12xf32>
      ->
    %r = "tensor.collapse_shape"(%x) <{reassociation = [[0], [1, 2]]}> : (tensor<?x3x4xf32>) -> tensor<?x12xf32>

Sizes of dynamic dims come from `tensor.dim`; a shape, axis, perm or multiples operand must be
constant (a lowered tf.Const is an arith.constant, which `constant_ints` reads) unless the
rule says otherwise. A rule computes its result in the most specific type it can and casts to
the op's result type at the end.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from tfc.ir.builder import Builder

from tfc.dialects import math as mathd
from tfc.dialects.arith import (AddFOp, AddIOp, CeilDivSIOp, CmpIOp, ConstantOp, DivFOp, DivSIOp, FPToSIOp,
                                IndexCastOp, MaxSIOp, MinSIOp, MulFOp, MulIOp, RemSIOp, SelectOp, SIToFPOp, SubFOp,
                                SubIOp)
from tfc.dialects.cf import AssertOp
from tfc.dialects.linalg import FillOp, GenericOp, IndexOp, TransposeOp
from tfc.dialects.tensor import (CastOp, CollapseShapeOp, DimOp, EmptyOp, ExpandShapeOp, ExtractOp, ExtractSliceOp,
                                 FromElementsOp, InsertSliceOp, collapsed_shape)
from tfc.dialects.tf import array_ops as tfa
from tfc.dialects.tf import core_ops as tfcore
from tfc.dialects.tf import math_ops as tfm
from tfc.dialects.tf import shape_ops as tfs
from tfc.dialects.tf import slice_ops as tfsl
from tfc.dialects.tf.base import ShapeError, constant_ints

from tfc.passes.tf_to_linalg.common import index_const, int_const, replace, unsupported


# ----- small builders: sizes are ints (static) or index Values --------------------------------------

def _ranked(op, *values) -> None:
    for v in values:
        if not isinstance(v.type, T.TensorType):
            raise unsupported(op, f"unranked or non-tensor type {v.type}")


def _dim(b: Builder, value, i: int):
    """The size of dim `i` of `value`: an int when static, else a tensor.dim."""
    d = value.type.shape[i]
    if d is not None:
        return d
    return b.create(DimOp, value, index_const(b, i), result_types=[T.index]).result


def _index(b: Builder, size):
    return index_const(b, size) if isinstance(size, int) else size


def _arith(b: Builder, op_class, python, x, y):
    if isinstance(x, int) and isinstance(y, int):
        return python(x, y)
    return b.create(op_class, _index(b, x), _index(b, y), result_types=[T.index]).result


def _add(b, x, y):
    if isinstance(x, int) and x == 0:
        return y
    if isinstance(y, int) and y == 0:
        return x
    return _arith(b, AddIOp, lambda p, q: p + q, x, y)


def _sub(b, x, y):
    if isinstance(y, int) and y == 0:
        return x
    return _arith(b, SubIOp, lambda p, q: p - q, x, y)


def _mul(b, x, y):
    if isinstance(x, int) and x == 1:
        return y
    if isinstance(y, int) and y == 1:
        return x
    return _arith(b, MulIOp, lambda p, q: p * q, x, y)


def _div(b, x, y):
    """x / y for non-negative sizes (exact divisions of element counts)."""
    if isinstance(y, int) and y == 1:
        return x
    return _arith(b, DivSIOp, lambda p, q: p // q, x, y)


def _static(size):
    return size if isinstance(size, int) else None


def _empty(b: Builder, sizes, et: T.Type):
    """A tensor.empty of `sizes` (ints or index Values; a Value makes the dim dynamic)."""
    shape = tuple(_static(s) for s in sizes)
    dynamic = [s for s in sizes if not isinstance(s, int)]
    return b.create(EmptyOp, dynamic, result_types=[T.TensorType(shape, et)]).result


def _cast(b: Builder, value, t: T.Type):
    """`value` as type `t` (tensor.cast when only static shape information differs)."""
    if value.type == t:
        return value
    return b.create(CastOp, value, result_types=[t]).result


def _extract_scalar(b: Builder, tensor):
    """The first element of a one-element tensor (a 0-d tf scalar or a tensor<1xT>)."""
    zeros = [index_const(b, 0) for _ in range(tensor.type.rank)]
    return b.create(ExtractOp, tensor, zeros, result_types=[tensor.type.element_type]).result


def _extract_index(b: Builder, tensor, i: int):
    """Element `i` of an integer vector operand (a shape, a begin) as an index."""
    element = b.create(ExtractOp, tensor, [index_const(b, i)], result_types=[tensor.type.element_type]).result
    return b.create(IndexCastOp, element, result_types=[T.index]).result


def _axis(op, axis: int, rank: int) -> int:
    if not -rank <= axis < rank:
        raise unsupported(op, f"axis {axis} is out of range for rank {rank}")
    return axis % rank


def _constant(op, value, what: str) -> list:
    found = constant_ints(value)
    if found is None:
        raise unsupported(op, f"'{what}' must be a constant")
    return found


# ----- reshapes ---------------------------------------------------------------------------------------

def _unit_groups(is_real) -> list:
    """Reassociation groups over dims where only the `is_real` ones count: each other dim (a
    unit dim added or removed) joins the group of the real dim before it (the first for leading
    ones). No real dim: no groups (a rank-0 side)."""
    if not any(is_real):
        return []
    groups, seen = [], 0
    for j, real in enumerate(is_real):
        seen += bool(real)
        g = max(seen - 1, 0)
        if g == len(groups):
            groups.append([])
        groups[g].append(j)
    return groups


def _collapse(b: Builder, value, groups):
    return b.insert(CollapseShapeOp.create(value, groups, location=b.location)).result


def _expand(b: Builder, value, groups, sizes):
    """expand_shape of `value` by `groups` to `sizes` (ints / index Values); the source is cast
    first when its type is less specific than the sizes say."""
    et = value.type.element_type
    shape = tuple(_static(s) for s in sizes)
    value = _cast(b, value, T.TensorType(collapsed_shape(shape, groups), et))
    dynamic = [s for s in sizes if not isinstance(s, int)]
    return b.create(ExpandShapeOp, value, dynamic, reassociation=groups, static_output_shape=list(shape),
                    result_types=[T.TensorType(shape, et)]).result


def drop_unit_dims(b: Builder, value, dropped) -> object:
    """`value` without the dims in `dropped` (each of size 1 at run time)."""
    t = value.type
    kept = [i for i in range(t.rank) if i not in dropped]
    collapsed = _collapse(b, value, _unit_groups([i not in dropped for i in range(t.rank)]))
    return _cast(b, collapsed, T.TensorType(tuple(t.shape[i] for i in kept), t.element_type))


def insert_unit_dims(b: Builder, value, positions) -> object:
    """`value` with dims of size 1 at `positions` of the result."""
    rank = value.type.rank + len(positions)
    sizes, source = [], iter(range(value.type.rank))
    for j in range(rank):
        sizes.append(1 if j in positions else _dim(b, value, next(source)))
    return _expand(b, value, _unit_groups([j not in positions for j in range(rank)]), sizes)


def _greedy(long, short):
    """Groups of leading `long` dims whose products are the static `short` dims, and how many
    `long` dims they use; None when some product does not match or meets a dynamic dim."""
    groups, i = [], 0
    for s in short:
        group, p = [], 1
        while not group or p < s:
            if i >= len(long) or long[i] is None:
                return None
            group.append(i)
            p *= long[i]
            i += 1
        if p != s:
            return None
        groups.append(group)
    return groups, i


def match_groups(long, short):
    """The reassociation that collapses shape `long` into shape `short` (dims None when
    dynamic, at most one in `short`), or None when the reshape is no pure collapse."""
    if not short:
        return [] if all(d == 1 for d in long) else None
    if None not in short:
        found = _greedy(long, short)
        if found is None or any(d != 1 for d in long[found[1]:]):
            return None
        groups, used = found
        groups[-1].extend(range(used, len(long)))
        return groups
    if short.count(None) > 1:
        return None
    k = short.index(None)
    left = _greedy(long, short[:k])
    right = _greedy(long[::-1], short[k + 1:][::-1])
    if left is None or right is None or left[1] + right[1] >= len(long):
        return None
    n = len(long)
    tail = [sorted(n - 1 - i for i in g) for g in reversed(right[0])]
    return left[0] + [list(range(left[1], n - right[1]))] + tail


def reshape(b: Builder, value, shape):
    """`value` (elements in order) with the static `shape` whose one None dim, if any, takes
    the remaining elements: a cast, a collapse, an expand, or a collapse to 1-D and an expand."""
    t = value.type
    src = list(t.shape)
    shape = list(shape)
    et = t.element_type
    unknown = [i for i, (a, d) in enumerate(zip(src, shape)) if a is None or d is None or a != d]
    if len(src) == len(shape) and len(unknown) <= 1:
        # every other dim is static and the same: the element count fixes the one left
        return _cast(b, value, T.TensorType(tuple(shape), et))
    if len(src) > len(shape):
        groups = match_groups(src, shape)
        if groups is not None:
            return _cast(b, _collapse(b, value, groups), T.TensorType(tuple(shape), et))
    if len(src) < len(shape):
        groups = match_groups(shape, src)
        if groups is not None:
            return _expand(b, value, groups, _group_sizes(b, value, groups, shape))
    flat = _collapse(b, value, [list(range(len(src)))]) if src else _expand(b, value, [], [1])
    if not shape:
        return _collapse(b, flat, [])
    return _expand(b, flat, [list(range(len(shape)))], _group_sizes(b, flat, [list(range(len(shape)))], shape))


def _group_sizes(b: Builder, source, groups, shape) -> list:
    """The sizes of an expansion of `source` to `shape`: a None dim is its source dim divided
    by the static dims of its group."""
    sizes = list(shape)
    for g, group in enumerate(groups):
        for j in group:
            if shape[j] is not None:
                continue
            known = int(np.prod([shape[i] for i in group if i != j], dtype=np.int64))
            sizes[j] = 0 if known == 0 else _div(b, _dim(b, source, g), known)
    return sizes


# ----- constants and identities ----------------------------------------------------------------------

def lower_const(op) -> None:
    t = op.output.type
    et = T.element_type(t)
    signless = isinstance(et, T.FloatType) or (isinstance(et, T.IntegerType) and et.is_signless)
    if not isinstance(t, T.TensorType) or not isinstance(op.value, A.DenseElementsAttr) or not signless:
        raise unsupported(op, f"no arith constant of type {t}")
    const = Builder.before(op).create(ConstantOp, value=op.value, result_types=[t]).result
    replace(op, [const])


def lower_forward(op) -> None:
    """Identity, StopGradient and PlaceholderWithDefault (not fed) are their input."""
    source, t = op.data_operands[0], op.results[0].type
    if source.type == t:
        replace(op, [source])
        return
    _ranked(op, source, op.results[0])
    replace(op, [_cast(Builder.before(op), source, t)])


# ----- reshape-like ops ----------------------------------------------------------------------------

def _reshape_target(op) -> list:
    """The result shape with a -1 of the shape operand as the one dynamic dim."""
    shape = list(op.output.type.shape)
    dims = constant_ints(op.shape)
    if dims is not None and len(dims) == len(shape):
        shape = [r if r is not None else (None if d < 0 else d) for r, d in zip(shape, dims)]
    if sum(d is None for d in shape) > 1:
        raise unsupported(op, "a reshape to more than one dynamic dim needs a constant shape with at most one -1")
    return shape


def _check_reshape_size(b: Builder, op, target) -> None:
    """TF's run-time error when a dynamic input's element count does not fit the target."""
    source = op.tensor
    if all(d is not None for d in source.type.shape):
        return  # static: shape inference has checked it
    total = 1
    for i in range(source.type.rank):
        total = _mul(b, total, _dim(b, source, i))
    known = int(np.prod([d for d in target if d is not None], dtype=np.int64))
    if any(d is None for d in target):
        if known == 0:
            return
        rest = b.create(RemSIOp, _index(b, total), index_const(b, known), result_types=[T.index]).result
        ok = b.create(CmpIOp, rest, index_const(b, 0), predicate="eq", result_types=[T.i1]).result
    else:
        ok = b.create(CmpIOp, _index(b, total), index_const(b, known), predicate="eq", result_types=[T.i1]).result
    b.create(AssertOp, ok, msg="Input to reshape is a tensor whose number of values does not fit the requested shape")


def lower_reshape(op) -> None:
    _ranked(op, op.tensor, op.output)
    b = Builder.before(op)
    target = _reshape_target(op)
    _check_reshape_size(b, op, target)
    replace(op, [_cast(b, reshape(b, op.tensor, target), op.output.type)])


def lower_expand_dims(op) -> None:
    _ranked(op, op.input, op.output)
    dim = _constant(op, op.dim, "dim")
    rank = op.input.type.rank + 1
    if len(dim) != 1:
        raise unsupported(op, "'dim' must hold one value")
    b = Builder.before(op)
    expanded = insert_unit_dims(b, op.input, [_axis(op, dim[0], rank)])
    replace(op, [_cast(b, expanded, op.output.type)])


def lower_squeeze(op) -> None:
    _ranked(op, op.input, op.output)
    shape = op.input.type.shape
    axes = {_axis(op, a, len(shape)) for a in op.attrs.squeeze_dims}
    if not axes:
        if None in shape:
            raise unsupported(op, "squeezing every unit dim of a tensor with dynamic dims")
        axes = {i for i, d in enumerate(shape) if d == 1}
    b = Builder.before(op)
    replace(op, [_cast(b, drop_unit_dims(b, op.input, axes), op.output.type)])


def lower_transpose(op) -> None:
    _ranked(op, op.x, op.y)
    perm = _constant(op, op.perm, "perm")
    x = op.x
    b = Builder.before(op)
    if perm == list(range(len(perm))):
        replace(op, [_cast(b, x, op.y.type)])
        return
    init = _empty(b, [_dim(b, x, p) for p in perm], x.type.element_type)
    transposed = b.insert(TransposeOp.create(x, init, perm, location=op.location)).results[0]
    replace(op, [_cast(b, transposed, op.y.type)])


# ----- joining and splitting -------------------------------------------------------------------------

def concat(b: Builder, values, axis: int):
    """`values` (one rank, equal dims but `axis`) joined along `axis` by insert_slice."""
    rank = values[0].type.rank
    parts = [[_dim(b, v, d) for d in range(rank)] for v in values]
    sizes = []
    for d in range(rank):
        if d == axis:
            total = 0
            for part in parts:
                total = _add(b, total, part[d])
            sizes.append(total)
            continue
        known = [part[d] for part in parts if isinstance(part[d], int)]
        sizes.append(known[0] if known else parts[0][d])
    result = _empty(b, sizes, values[0].type.element_type)
    offset = 0
    for i, (v, part) in enumerate(zip(values, parts)):
        offsets = [offset if d == axis else 0 for d in range(rank)]
        result = b.insert(InsertSliceOp.create(v, result, offsets, part, [1] * rank, location=b.location)).result
        if i + 1 < len(values):
            offset = _add(b, offset, part[axis])
    return result


def lower_concat(op) -> None:
    _ranked(op, *op.values, op.output)
    axis = _constant(op, op.axis, "axis")
    b = Builder.before(op)
    joined = concat(b, op.values, _axis(op, axis[0], op.values[0].type.rank))
    replace(op, [_cast(b, joined, op.output.type)])


def lower_pack(op) -> None:
    _ranked(op, *op.values, op.output)
    axis = _axis(op, op.attrs.axis, op.values[0].type.rank + 1)
    b = Builder.before(op)
    expanded = [insert_unit_dims(b, v, [axis]) for v in op.values]
    joined = expanded[0] if len(expanded) == 1 else concat(b, expanded, axis)
    replace(op, [_cast(b, joined, op.output.type)])


def lower_unpack(op) -> None:
    _ranked(op, op.value, *op.results)
    value = op.value
    rank = value.type.rank
    axis = _axis(op, op.attrs.axis, rank)
    b = Builder.before(op)
    sizes = [1 if d == axis else _dim(b, value, d) for d in range(rank)]
    parts = []
    for i, result in enumerate(op.results):
        offsets = [i if d == axis else 0 for d in range(rank)]
        piece = b.insert(ExtractSliceOp.create(value, offsets, sizes, [1] * rank, location=op.location)).result
        parts.append(_cast(b, drop_unit_dims(b, piece, {axis}), result.type))
    replace(op, parts)


def lower_tile(op) -> None:
    _ranked(op, op.input, op.output)
    multiples = _constant(op, op.multiples, "multiples")
    x = op.input
    rank, et = x.type.rank, x.type.element_type
    b = Builder.before(op)
    if all(m == 1 for m in multiples):
        replace(op, [_cast(b, x, op.output.type)])
        return
    dims = [_dim(b, x, i) for i in range(rank)]
    if x.type.has_static_shape:
        init = _empty(b, [d * m for d, m in zip(dims, multiples)], et)
        reads = [AffineConstantExpr(0) if d in (0, 1) or m == 0 else AffineDimExpr(i) if m == 1
                 else AffineDimExpr(i) % d for i, (d, m) in enumerate(zip(dims, multiples))]
        generic = b.insert(GenericOp.create([x], [init], [AffineMap(rank, 0, tuple(reads)), AffineMap.identity(rank)],
                                            ["parallel"] * rank, lambda bb, args: [args[0]], location=op.location))
        replace(op, [_cast(b, generic.results[0], op.output.type)])
        return
    # A dynamic input: broadcast it along a new dim of size m before each tiled dim (the copies
    # lie side by side in row-major order), then merge each such pair of dims.
    sizes, reads, groups = [], [], []
    for d, m in zip(dims, multiples):
        group = []
        if m != 1:
            group.append(len(sizes))
            sizes.append(m)
        group.append(len(sizes))
        reads.append(len(sizes))
        sizes.append(d)
        groups.append(group)
    n = len(sizes)
    generic = b.insert(GenericOp.create([x], [_empty(b, sizes, et)], [AffineMap.from_dims(n, reads),
                                                                      AffineMap.identity(n)],
                                        ["parallel"] * n, lambda bb, args: [args[0]], location=op.location))
    replace(op, [_cast(b, _collapse(b, generic.results[0], groups), op.output.type)])


# ----- slices ---------------------------------------------------------------------------------------

def lower_slice(op) -> None:
    _ranked(op, op.input, op.begin, op.output)
    size = _constant(op, op.size, "size")
    x = op.input
    b = Builder.before(op)
    begin = constant_ints(op.begin)
    offsets = begin if begin is not None else [_extract_index(b, op.begin, i) for i in range(x.type.rank)]
    sizes = [_sub(b, _dim(b, x, i), offsets[i]) if s == -1 else s for i, s in enumerate(size)]
    piece = b.insert(ExtractSliceOp.create(x, offsets, sizes, [1] * len(sizes), location=op.location)).result
    replace(op, [_cast(b, piece, op.output.type)])


def _clamped(b: Builder, x: int, dim, masked: bool, masked_value):
    """TF's begin/end of a positive-stride dim of dynamic size `dim`: masked, or `x` counted
    from the end when negative, clamped into [0, dim]."""
    if masked:
        return masked_value
    if x >= 0:
        return b.create(MinSIOp, index_const(b, x), dim, result_types=[T.index]).result
    shifted = _add(b, dim, x)
    return b.create(MaxSIOp, shifted, index_const(b, 0), result_types=[T.index]).result


def _dynamic_dense_dim(b: Builder, d, dim):
    """(begin, size) Values of a dense dim of dynamic size `dim` (TF's canonicalization)."""
    if d.shrink:
        return (d.begin if d.begin >= 0 else _add(b, dim, d.begin)), 1
    if d.begin_masked and d.end_masked and d.stride == 1:
        return 0, dim
    begin = _clamped(b, d.begin, dim, d.begin_masked, 0)
    end = _clamped(b, d.end, dim, d.end_masked, dim)
    interval = _sub(b, end, begin)
    if d.stride != 1:
        interval = b.create(CeilDivSIOp, interval, index_const(b, d.stride), result_types=[T.index]).result
    return begin, b.create(MaxSIOp, interval, index_const(b, 0), result_types=[T.index]).result


def lower_strided_slice(op) -> None:
    _ranked(op, op.input, op.output)
    begin, end, strides = (_constant(op, v, w) for v, w in ((op.begin, "begin"), (op.end, "end"),
                                                               (op.strides, "strides")))
    x = op.input
    shape = x.type.shape
    masks = tuple(getattr(op.attrs, m) for m in ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
                                                   "shrink_axis_mask"))
    try:
        dense, gather = tfsl.dense_spec(len(shape), begin, end, strides, *masks)
        static = tfsl.slice_dims(shape, dense)
    except ShapeError as err:
        raise unsupported(op, str(err)) from None
    b = Builder.before(op)
    if any(d.stride < 0 for d in dense):
        piece = _reversed_slice(op, b, x, dense, static)
    else:
        offsets, sizes = [], []
        for i, (d, (first, _, size)) in enumerate(zip(dense, static)):
            if shape[i] is None:
                first, size = _dynamic_dense_dim(b, d, _dim(b, x, i))
            offsets.append(first)
            sizes.append(size)
        strides = [d.stride for d in dense]
        piece = b.insert(ExtractSliceOp.create(x, offsets, sizes, strides, location=op.location)).result
    shrunk = {i for i, d in enumerate(dense) if d.shrink}
    if shrunk:
        piece = drop_unit_dims(b, piece, shrunk)
    final = [g for g in gather if g != tfsl.SHRINK_AXIS]
    new_axes = [j for j, g in enumerate(final) if g == tfsl.NEW_AXIS]
    if new_axes:
        piece = insert_unit_dims(b, piece, new_axes)
    replace(op, [_cast(b, piece, op.output.type)])


def _reversed_slice(op, b: Builder, x, dense, static):
    """A slice with negative strides (static dims only): a linalg.generic reading
    `begin + stride * d` in each dim."""
    if not x.type.has_static_shape:
        raise unsupported(op, "negative strides on a tensor with dynamic dims")
    rank = len(dense)
    reads = []
    for i, (first, stride, size) in enumerate(static):
        read = AffineDimExpr(i) if stride == 1 else AffineDimExpr(i) * stride
        reads.append(AffineConstantExpr(0) if not size else read + first if first else read)
    init = _empty(b, [size for _, _, size in static], x.type.element_type)
    generic = GenericOp.create([x], [init], [AffineMap(rank, 0, tuple(reads)), AffineMap.identity(rank)],
                               ["parallel"] * rank, lambda bb, args: [args[0]], location=op.location)
    return b.insert(generic).results[0]


# ----- tensors from shapes and values -------------------------------------------------------------------

def _filled(op, b: Builder, scalar, sizes):
    init = _empty(b, sizes, scalar.type)
    filled = b.insert(FillOp.create(scalar, init, location=op.location)).results[0]
    return _cast(b, filled, op.results[0].type)


def lower_fill(op) -> None:
    _ranked(op, op.dims, op.value, op.output)
    shape = op.output.type.shape
    b = Builder.before(op)
    dims = constant_ints(op.dims)
    sizes = [d if d is not None else (dims[i] if dims is not None else _extract_index(b, op.dims, i))
             for i, d in enumerate(shape)]
    replace(op, [_filled(op, b, _extract_scalar(b, op.value), sizes)])


def _scalar_const(b: Builder, value: int, et: T.Type):
    if isinstance(et, T.FloatType):
        return b.create(ConstantOp, value=A.FloatAttr.get(float(value), et), result_types=[et]).result
    return int_const(b, value, et)


def lower_fill_like(op) -> None:
    """ZerosLike / OnesLike: a fill of 0 / 1 (false / true) in the shape of the operand."""
    x = op.operands[0]
    _ranked(op, x)
    et = x.type.element_type
    if not isinstance(et, T.FloatType) and not (isinstance(et, T.IntegerType) and et.is_signless):
        raise unsupported(op, f"element type {et}")
    b = Builder.before(op)
    value = _scalar_const(b, 1 if isinstance(op, tfs.OnesLikeOp) else 0, et)
    replace(op, [_filled(op, b, value, [_dim(b, x, i) for i in range(x.type.rank)])])


def lower_shape_like(op) -> None:
    """Shape / Size / Rank: a constant when the input's type says it, else from tensor.dim."""
    x, t = op.input, op.output.type
    _ranked(op, x, op.output)
    b = Builder.before(op)
    value = op.static_value()
    if value is not None:
        attr = A.DenseElementsAttr(np.asarray(value, T.numpy_dtype(t)).reshape(t.shape), t)
        replace(op, [b.create(ConstantOp, value=attr, result_types=[t]).result])
        return
    et = t.element_type
    dims = [_dim(b, x, i) for i in range(x.type.rank)]
    if isinstance(op, tfs.SizeOp):
        total = 1
        for d in dims:
            total = _mul(b, total, d)
        dims = [total]
    elements = [b.create(IndexCastOp, d, result_types=[et]).result if not isinstance(d, int)
                else int_const(b, d, et) for d in dims]
    result_type = T.TensorType(tuple(t.shape), et)
    replace(op, [b.create(FromElementsOp, elements, result_types=[result_type]).result])


def _range_size(b: Builder, start, limit, delta, et):
    """TF's element count of a range, as an index."""
    if isinstance(et, T.FloatType):
        quotient = b.create(DivFOp, b.create(SubFOp, limit, start, result_types=[et]).result, delta,
                            result_types=[et]).result
        count = b.create(mathd.CeilOp, b.create(mathd.AbsFOp, quotient, result_types=[et]).result,
                         result_types=[et]).result
        count = b.create(FPToSIOp, count, result_types=[T.i64]).result
    else:
        span = b.create(mathd.AbsIOp, b.create(SubIOp, limit, start, result_types=[et]).result,
                        result_types=[et]).result
        step = b.create(mathd.AbsIOp, delta, result_types=[et]).result
        top = b.create(SubIOp, b.create(AddIOp, span, step, result_types=[et]).result, int_const(b, 1, et),
                       result_types=[et]).result
        count = b.create(DivSIOp, top, step, result_types=[et]).result
    return b.create(IndexCastOp, count, result_types=[T.index]).result


def lower_range(op) -> None:
    _ranked(op, op.start, op.limit, op.delta, op.output)
    t = op.output.type
    et = t.element_type
    if not isinstance(et, T.FloatType) and not (isinstance(et, T.IntegerType) and et.is_signless):
        raise unsupported(op, f"element type {et}")
    b = Builder.before(op)
    start, limit, delta = (_extract_scalar(b, v) for v in (op.start, op.limit, op.delta))
    size = t.shape[0] if t.shape[0] is not None else _range_size(b, start, limit, delta, et)
    init = _empty(b, [size], et)

    def body(bb, args):
        i = bb.create(IndexOp, dim=0, result_types=[T.index]).result
        if isinstance(et, T.FloatType):
            wide = bb.create(IndexCastOp, i, result_types=[T.i64]).result
            x = bb.create(SIToFPOp, wide, result_types=[et]).result
            return [bb.create(AddFOp, start, bb.create(MulFOp, x, delta, result_types=[et]).result,
                              result_types=[et]).result]
        x = bb.create(IndexCastOp, i, result_types=[et]).result
        return [bb.create(AddIOp, start, bb.create(MulIOp, x, delta, result_types=[et]).result,
                          result_types=[et]).result]

    generic = b.insert(GenericOp.create([], [init], [AffineMap.identity(1)], ["parallel"], body,
                                        location=op.location))
    replace(op, [_cast(b, generic.results[0], t)])


def lower_one_hot(op) -> None:
    _ranked(op, op.indices, op.depth, op.on_value, op.off_value, op.output)
    indices, t = op.indices, op.output.type
    it = indices.type.element_type
    if not (isinstance(it, T.IntegerType) and it.is_signless):
        raise unsupported(op, f"indices of type {it}")
    rank = t.rank
    axis = rank - 1 if op.attrs.axis == -1 else op.attrs.axis
    b = Builder.before(op)
    depth = t.shape[axis]
    if depth is None:
        known = constant_ints(op.depth)
        depth = known[0] if known is not None else \
            b.create(IndexCastOp, _extract_scalar(b, op.depth), result_types=[T.index]).result
    source = iter(range(indices.type.rank))
    sizes = [depth if j == axis else _dim(b, indices, next(source)) for j in range(rank)]
    on, off = _extract_scalar(b, op.on_value), _extract_scalar(b, op.off_value)
    init = _empty(b, sizes, t.element_type)
    read = AffineMap(rank, 0, tuple(AffineDimExpr(j) for j in range(rank) if j != axis))

    def body(bb, args):
        position = bb.create(IndexOp, dim=axis, result_types=[T.index]).result
        position = bb.create(IndexCastOp, position, result_types=[it]).result
        hot = bb.create(CmpIOp, args[0], position, predicate="eq", result_types=[T.i1]).result
        return [bb.create(SelectOp, hot, on, off, result_types=[t.element_type]).result]

    generic = b.insert(GenericOp.create([indices], [init], [read, AffineMap.identity(rank)], ["parallel"] * rank,
                                        body, location=op.location))
    replace(op, [_cast(b, generic.results[0], t)])


LOWERINGS = {
    tfcore.ConstOp: lower_const,
    tfcore.IdentityOp: lower_forward,
    tfcore.StopGradientOp: lower_forward,
    tfcore.PlaceholderWithDefaultOp: lower_forward,
    tfa.ReshapeOp: lower_reshape,
    tfa.ExpandDimsOp: lower_expand_dims,
    tfa.SqueezeOp: lower_squeeze,
    tfa.TransposeOp: lower_transpose,
    tfa.ConcatV2Op: lower_concat,
    tfa.PackOp: lower_pack,
    tfa.UnpackOp: lower_unpack,
    tfa.TileOp: lower_tile,
    tfsl.SliceOp: lower_slice,
    tfsl.StridedSliceOp: lower_strided_slice,
    tfs.FillOp: lower_fill,
    tfs.ZerosLikeOp: lower_fill_like,
    tfs.OnesLikeOp: lower_fill_like,
    tfs.ShapeOp: lower_shape_like,
    tfs.SizeOp: lower_shape_like,
    tfs.RankOp: lower_shape_like,
    tfm.RangeOp: lower_range,
    tfs.OneHotOp: lower_one_hot,
}

NOT_LOWERED = {
    tfcore.PlaceholderOp: "a placeholder never reaches the lowering: building a signature turns every fed "
                       "placeholder into a function argument (an unfed one is an error there)",
}
