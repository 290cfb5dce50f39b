"""Contractions, bias addition, convolution and pooling -> linalg named ops.

    tf.MatMul        (transpose_a/b: linalg.transpose into a tensor.empty first)
                     -> linalg.fill 0 + linalg.matmul on plain (m, k) x (k, n) operands
    tf.BatchMatMulV2 (adj_x/adj_y: transposes of the last two dims first)
                     y without batch dims (or only static 1s) and x not broadcasting: x
                       collapsed to (batch * m, k), one linalg.matmul, the result expanded back;
                     otherwise: operands whose batch dims broadcast are materialized at the
                       result's batch shape (a linalg.generic with broadcasting maps), the batch
                       dims collapse into one, linalg.batch_matmul, expand back
    tf.BiasAdd       -> linalg.generic adding the bias through the map (..., c) -> (c)
                       (NHWC: the last dim; NCHW: dim 1)
    tf.Conv2D        -> padded input + linalg.fill 0 + linalg.conv_2d_nhwc_hwcf {strides, dilations}
    tf.MaxPool       -> padded input (-inf) + linalg.fill -inf + linalg.pooling_nhwc_max
    tf.AvgPool       -> padded input (0) + linalg.fill 0 + linalg.pooling_nhwc_sum, then a
                       linalg.generic dividing each sum by its window's count of input elements

Padding (SAME, EXPLICIT) builds the padded tensor without a tensor.pad op:
`linalg.fill(pad value, tensor.empty(padded sizes))` then `tensor.insert_slice` of the input
at offsets (0, top, left, 0). TF's SAME split: `total = max((out - 1) * stride + eff - size, 0)`,
`top = total / 2`, `out = ceil(size / stride)`; VALID: `out = (size - eff + stride) / stride`.
Sizes that are static fold to ints; dynamic ones (a `?` batch, or `?` spatial dims) are
computed with `arith` on `index` values from `tensor.dim`. AvgPool's counts are a constant
tensor (out_h x out_w) when the spatial sizes are static, else computed by a linalg.generic
from `linalg.index`. NCHW convolution and pooling run in NHWC between two linalg.transposes.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.affine import AffineMap
from tfc.ir.builder import Builder

from tfc.dialects.arith import (AddFOp, AddIOp, CeilDivSIOp, ConstantOp, DivFOp, DivSIOp, IndexCastOp,
                                MaxSIOp, MinSIOp, MulIOp, SIToFPOp, SubIOp)
from tfc.dialects.linalg.conv import Conv2DNhwcHwcfOp, PoolingNhwcMaxOp, PoolingNhwcSumOp
from tfc.dialects.linalg.generic import GenericOp, IndexOp
from tfc.dialects.linalg.named import BatchMatmulOp, FillOp, MatmulOp, TransposeOp
from tfc.dialects.tensor import CastOp, CollapseShapeOp, DimOp, EmptyOp, ExpandShapeOp, InsertSliceOp
from tfc.dialects.tf import conv_ops as tfc_conv
from tfc.dialects.tf import nn_ops as tfn

from tfc.passes.tf_to_linalg.common import float_const, index_const, int_const, operand_map, unsupported

NHWC_FROM_NCHW = (0, 2, 3, 1)
NCHW_FROM_NHWC = (0, 3, 1, 2)


# ----- index arithmetic on static ints and dynamic index values -----------------------------------

def _is(x, constant: int) -> bool:
    return isinstance(x, int) and x == constant


class IndexMath:
    """Sizes as Python ints (folded) or `index` Values (arith ops built at the builder)."""

    def __init__(self, b: Builder):
        self.b = b

    def value(self, x):
        return index_const(self.b, x) if isinstance(x, int) else x

    def _op(self, op_class, fold, x, y):
        if isinstance(x, int) and isinstance(y, int):
            return fold(x, y)
        return self.b.create(op_class, self.value(x), self.value(y), result_types=[T.index]).result

    def add(self, x, y):
        if _is(y, 0) or _is(x, 0):
            return x if _is(y, 0) else y
        return self._op(AddIOp, lambda p, q: p + q, x, y)

    def sub(self, x, y):
        return x if _is(y, 0) else self._op(SubIOp, lambda p, q: p - q, x, y)

    def mul(self, x, y):
        if _is(y, 1) or _is(x, 1):
            return x if _is(y, 1) else y
        return self._op(MulIOp, lambda p, q: p * q, x, y)

    def div(self, x, y):
        """Division truncating toward zero (C++ and arith.divsi)."""
        if _is(y, 1):
            return x
        return self._op(DivSIOp, lambda p, q: abs(p) // abs(q) * (1 if p * q >= 0 else -1), x, y)

    def ceildiv(self, x, y):
        return x if _is(y, 1) else self._op(CeilDivSIOp, lambda p, q: -(-p // q), x, y)

    def max(self, x, y):
        return self._op(MaxSIOp, max, x, y)

    def min(self, x, y):
        return self._op(MinSIOp, min, x, y)


def dim_of(b: Builder, value, i: int):
    """Size of dim `i` of a ranked tensor: an int when static, else a `tensor.dim` Value."""
    size = value.type.shape[i]
    if size is not None:
        return size
    return b.create(DimOp, value, index_const(b, i), result_types=[T.index]).result


def dims_of(b: Builder, value) -> list:
    return [dim_of(b, value, i) for i in range(value.type.rank)]


def split_sizes(sizes) -> tuple[tuple, list]:
    """(static shape with None for dynamic entries, the dynamic Values in order)."""
    static = tuple(s if isinstance(s, int) else None for s in sizes)
    return static, [s for s in sizes if not isinstance(s, int)]


def empty(b: Builder, sizes, et: T.Type):
    static, dynamic = split_sizes(sizes)
    return b.create(EmptyOp, dynamic, result_types=[T.TensorType(static, et)]).result


def scalar_const(b: Builder, value, et: T.Type):
    return float_const(b, value, et) if isinstance(et, T.FloatType) else int_const(b, value, et)


def filled(b: Builder, sizes, et: T.Type, value):
    """`linalg.fill(value, tensor.empty(sizes))`."""
    init = empty(b, sizes, et)
    return b.insert(FillOp.create(scalar_const(b, value, et), init, b.location)).results[0]


def transposed(b: Builder, value, perm):
    """`value` permuted by `perm` (result dim i is operand dim perm[i]) into a tensor.empty."""
    sizes = dims_of(b, value)
    init = empty(b, [sizes[p] for p in perm], value.type.element_type)
    return b.insert(TransposeOp.create(value, init, list(perm), b.location)).results[0]


def swap_last_two(rank: int) -> list:
    return [*range(rank - 2), rank - 1, rank - 2]


def finish(b: Builder, op, value) -> None:
    """Replace the tf op's result by `value` (a tensor.cast when the static info differs)."""
    want = op.results[0].type
    if value.type != want:
        value = b.create(CastOp, value, result_types=[want]).result
    op.results[0].replace_all_uses_with(value)
    op.erase()


def contraction_type(op, *values) -> T.Type:
    """The element type shared by the operands; unsupported unless float or signless int."""
    for v in values:
        if not isinstance(v.type, T.TensorType):
            raise unsupported(op, "unranked operand")
    et = values[0].type.element_type
    if any(v.type.element_type != et for v in values):
        raise unsupported(op, "operands of different element types")
    if isinstance(et, T.FloatType) or (isinstance(et, T.IntegerType) and et.is_signless and et.width > 1):
        return et
    raise unsupported(op, f"no lowering for element type {et}")


# ----- MatMul and BatchMatMulV2 ---------------------------------------------------------------------

def matmul(b: Builder, lhs, rhs, et):
    """lhs (m, k) x rhs (k, n) into a zero-filled (m, n)."""
    init = filled(b, [dim_of(b, lhs, 0), dim_of(b, rhs, 1)], et, 0)
    return b.insert(MatmulOp.create(lhs, rhs, init, b.location)).results[0]


def lower_matmul(op) -> None:
    lhs, rhs = op.data_operands
    et = contraction_type(op, lhs, rhs)
    b = Builder.before(op)
    if op.attrs.transpose_a:
        lhs = transposed(b, lhs, (1, 0))
    if op.attrs.transpose_b:
        rhs = transposed(b, rhs, (1, 0))
    finish(b, op, matmul(b, lhs, rhs, et))


def _collapse(b: Builder, value, groups):
    return b.insert(CollapseShapeOp.create(value, groups, b.location)).result


def _expand(b: Builder, value, groups, sizes):
    static, dynamic = split_sizes(sizes)
    t = T.TensorType(static, value.type.element_type)
    return b.create(ExpandShapeOp, value, dynamic, reassociation=groups, static_output_shape=list(static),
                    result_types=[t]).result


def _only_unit_batch(value) -> bool:
    return all(d == 1 for d in value.type.shape[:-2])


def _broadcasts(t: T.TensorType, batch: list) -> bool:
    """Whether a (..., r, c) operand of type `t` must repeat to reach batch shape `batch`."""
    static, _ = split_sizes(batch)
    return t.rank - 2 != len(batch) or any(s == 1 and want != 1 for s, want in zip(t.shape, static))


def _broadcast_batch(b: Builder, value, batch: list, et):
    """`value` (..., r, c) materialized at batch shape `batch` (TF's right-aligned broadcasting;
    a static 1 against another size repeats); unchanged when no dim broadcasts."""
    if not _broadcasts(value.type, batch):
        return value
    rows_cols = dims_of(b, value)[-2:]
    target = T.TensorType(split_sizes([*batch, *rows_cols])[0], et)
    source = value.type
    init = empty(b, [*batch, *rows_cols], et)
    maps = [operand_map(source, target), AffineMap.identity(target.rank)]
    generic = GenericOp.create([value], [init], maps, ["parallel"] * target.rank,
                               lambda body, args: [args[0]], location=b.location)
    return b.insert(generic).results[0]


def _batch_sizes(b: Builder, op, x, y) -> list:
    """The result's batch sizes: static from the result type, dynamic from an operand's dim."""
    result = op.results[0].type
    count = result.rank - 2
    sizes = []
    for i, size in enumerate(result.shape[:count]):
        if size is not None:
            sizes.append(size)
            continue
        for v in (x, y):
            j = i - (count - (v.type.rank - 2))
            if j >= 0 and v.type.shape[j] is None:
                sizes.append(dim_of(b, v, j))
                break
        else:
            raise unsupported(op, "a dynamic batch dim that no operand carries")
    return sizes


def lower_batch_matmul(op) -> None:
    x, y = op.data_operands
    et = contraction_type(op, x, y)
    if not isinstance(op.results[0].type, T.TensorType):
        raise unsupported(op, "unranked result")
    b = Builder.before(op)
    if op.attrs.adj_x:
        x = transposed(b, x, swap_last_two(x.type.rank))
    if op.attrs.adj_y:
        y = transposed(b, y, swap_last_two(y.type.rank))
    batch = _batch_sizes(b, op, x, y)
    if _only_unit_batch(y) and not _broadcasts(x.type, batch):
        # One matmul over x's rows: y's (static 1) batch dims do not change the product.
        if y.type.rank > 2:
            y = _collapse(b, y, [list(range(y.type.rank - 1)), [y.type.rank - 1]])
        finish(b, op, _matmul_unbatched_rhs(b, x, y, et))
        return
    x = _broadcast_batch(b, x, batch, et)
    y = _broadcast_batch(b, y, batch, et)
    m, n = dim_of(b, x, len(batch)), dim_of(b, y, len(batch) + 1)
    groups = [list(range(len(batch))), [len(batch)], [len(batch) + 1]]
    if len(batch) != 1:
        x, y = _collapse(b, x, groups), _collapse(b, y, groups)
    init = filled(b, [dim_of(b, x, 0), m, n], et, 0)
    product = b.insert(BatchMatmulOp.create(x, y, init, b.location)).results[0]
    if len(batch) != 1:
        product = _expand(b, product, groups, [*batch, m, n])
    finish(b, op, product)


def _matmul_unbatched_rhs(b: Builder, x, y, et):
    """x (batch..., m, k) x y (k, n) as one matmul over the collapsed (batch * m, k)."""
    rank = x.type.rank
    if rank == 2:
        return matmul(b, x, y, et)
    sizes = dims_of(b, x)
    groups = [list(range(rank - 1)), [rank - 1]]
    product = matmul(b, _collapse(b, x, groups), y, et)
    return _expand(b, product, groups, [*sizes[:-1], dim_of(b, y, 1)])


# ----- BiasAdd ------------------------------------------------------------------------------------------

def _add(body: Builder, et, x, y):
    add = AddFOp if isinstance(et, T.FloatType) else AddIOp
    return body.create(add, x, y, result_types=[et]).result


def lower_bias_add(op) -> None:
    value, bias = op.data_operands
    et = contraction_type(op, value, bias)
    result = op.results[0].type
    if not isinstance(result, T.TensorType):
        raise unsupported(op, "unranked result")
    rank = value.type.rank
    channel = 1 if op.attrs.data_format == "NCHW" else rank - 1
    b = Builder.before(op)
    init = empty(b, dims_of(b, value), et)
    maps = [AffineMap.identity(rank), AffineMap.from_dims(rank, [channel]), AffineMap.identity(rank)]
    generic = GenericOp.create([value, bias], [init], maps, ["parallel"] * rank,
                               lambda body, args: [_add(body, et, args[0], args[1])], location=op.location)
    finish(b, op, b.insert(generic).results[0])


# ----- sliding windows: padding and output sizes ---------------------------------------------------------

def window_pads(ix: IndexMath, size, k, stride: int, dilation: int, padding: str, pad_pair=(0, 0)) -> tuple:
    """(pad before, pad after, output size) of one spatial dim, as TF computes them."""
    eff = ix.add(ix.mul(ix.sub(k, 1), dilation), 1)
    if padding == "SAME":
        out = ix.ceildiv(size, stride)
        needed = ix.sub(ix.add(ix.mul(ix.sub(out, 1), stride), eff), size)
        total = ix.max(needed, 0)
        before = ix.div(total, 2)
        return before, ix.sub(total, before), out
    before, after = pad_pair if padding == "EXPLICIT" else (0, 0)
    padded = ix.add(ix.add(size, before), after)
    return before, after, ix.div(ix.add(ix.sub(padded, eff), stride), stride)


def padded(b: Builder, x, sizes, pads, value, et):
    """`x` (NHWC, of `sizes`) with `pads` ((top, bottom), (left, right)) rows/columns of
    `value` around it."""
    if all(isinstance(p, int) and p == 0 for pair in pads for p in pair):
        return x
    ix = IndexMath(b)
    (top, bottom), (left, right) = pads
    grown = [sizes[0], ix.add(ix.add(sizes[1], top), bottom), ix.add(ix.add(sizes[2], left), right), sizes[3]]
    dest = filled(b, grown, et, value)
    return b.insert(InsertSliceOp.create(x, dest, [0, top, left, 0], sizes, [1, 1, 1, 1], b.location)).result


def to_nhwc(b: Builder, x, fmt: str):
    return transposed(b, x, NHWC_FROM_NCHW) if fmt == "NCHW" else x


def from_nhwc(b: Builder, y, fmt: str):
    return transposed(b, y, NCHW_FROM_NHWC) if fmt == "NCHW" else y


def _check_4d(op, *values) -> None:
    for v in values:
        if v.type.rank != 4:
            raise unsupported(op, f"expected a 4-d operand, got '{v.type}'")


# ----- Conv2D ---------------------------------------------------------------------------------------------

def lower_conv2d(op) -> None:
    x, w = op.data_operands
    et = contraction_type(op, x, w)
    _check_4d(op, x, w)
    fmt, strides, dilations, padding, explicit = tfc_conv.Conv2DOp._attributes(op.attrs)
    depth, k_in = x.type.shape[1 if fmt == "NCHW" else 3], w.type.shape[2]
    if depth is not None and k_in is not None and depth != k_in:
        raise unsupported(op, f"grouped convolution (input depth {depth}, filter depth {k_in})")
    b = Builder.before(op)  # nothing is built before every check has passed
    x = to_nhwc(b, x, fmt)
    ix = IndexMath(b)
    sizes, kernel = dims_of(b, x), dims_of(b, w)
    top, bottom, out_h = window_pads(ix, sizes[1], kernel[0], strides[0], dilations[0], padding, explicit[0])
    left, right, out_w = window_pads(ix, sizes[2], kernel[1], strides[1], dilations[1], padding, explicit[1])
    source = padded(b, x, sizes, ((top, bottom), (left, right)), 0, et)
    init = filled(b, [sizes[0], out_h, out_w, kernel[3]], et, 0)
    conv = b.insert(Conv2DNhwcHwcfOp.create(source, w, init, strides, dilations, b.location)).results[0]
    finish(b, op, from_nhwc(b, conv, fmt))


# ----- MaxPool and AvgPool ----------------------------------------------------------------------------------

def lowest(et):
    """The pad and initial value of max pooling: -inf, or the smallest integer."""
    if isinstance(et, T.FloatType):
        return float("-inf")
    return int(np.iinfo(T.numpy_dtype(et)).min)


def _pool(op, pool_class, pad_value):
    """(builder, NHWC pooled tensor, format, geometry) of a MaxPool / AvgPool."""
    x, = op.data_operands
    et = contraction_type(op, x)
    _check_4d(op, x)
    fmt, ksize, strides, padding = type(op)._attributes(op.attrs)
    b = Builder.before(op)
    x = to_nhwc(b, x, fmt)
    ix = IndexMath(b)
    sizes = dims_of(b, x)
    top, bottom, out_h = window_pads(ix, sizes[1], ksize[0], strides[0], 1, padding)
    left, right, out_w = window_pads(ix, sizes[2], ksize[1], strides[1], 1, padding)
    source = padded(b, x, sizes, ((top, bottom), (left, right)), pad_value, et)
    window = empty(b, list(ksize), et)
    init = filled(b, [sizes[0], out_h, out_w, sizes[3]], et, pad_value)
    pooled = b.insert(pool_class.create(source, window, init, strides, (1, 1), b.location)).results[0]
    geometry = {"sizes": sizes, "ksize": ksize, "strides": strides, "pads": (top, left), "out": (out_h, out_w),
                "padding": padding}
    return b, pooled, fmt, geometry


def lower_max_pool(op) -> None:
    x, = op.data_operands
    b, pooled, fmt, _ = _pool(op, PoolingNhwcMaxOp, lowest(contraction_type(op, x)))
    finish(b, op, from_nhwc(b, pooled, fmt))


def lower_avg_pool(op) -> None:
    x, = op.data_operands
    et = contraction_type(op, x)
    if not isinstance(et, T.FloatType):
        raise unsupported(op, f"AvgPool of element type {et}")
    b, sums, fmt, geometry = _pool(op, PoolingNhwcSumOp, 0)
    finish(b, op, from_nhwc(b, _divide_by_counts(b, sums, geometry, et), fmt))


def _divide_by_counts(b: Builder, sums, geometry, et):
    """Each window sum divided by the number of input elements in its window."""
    rank = 4
    init = empty(b, dims_of(b, sums), et)
    identity = AffineMap.identity(rank)
    kh, kw = geometry["ksize"]
    if geometry["padding"] == "VALID":  # every window lies inside the input
        def divide_by_window(body, args):
            return [body.create(DivFOp, args[0], float_const(body, float(kh * kw), et), result_types=[et]).result]
        generic = GenericOp.create([sums], [init], [identity, identity], ["parallel"] * rank, divide_by_window,
                                   location=b.location)
        return b.insert(generic).results[0]
    counts = _window_counts(b, geometry, et)
    maps = [identity, AffineMap.from_dims(rank, [1, 2]), identity]
    generic = GenericOp.create([sums, counts], [init], maps, ["parallel"] * rank,
                               lambda body, args: [body.create(DivFOp, args[0], args[1], result_types=[et]).result],
                               location=b.location)
    return b.insert(generic).results[0]


def _static_counts(size: int, k: int, stride: int, before: int, out: int) -> np.ndarray:
    starts = np.arange(out) * stride - before
    return np.minimum(starts + k, size) - np.maximum(starts, 0)


def _window_counts(b: Builder, geometry, et):
    """A (out_h, out_w) tensor of the input elements each SAME window covers."""
    (_, height, width, _), (kh, kw) = geometry["sizes"], geometry["ksize"]
    (sh, sw), (top, left), (out_h, out_w) = geometry["strides"], geometry["pads"], geometry["out"]
    static = all(isinstance(v, int) for v in (height, width, top, left, out_h, out_w))
    if static:
        counts = np.outer(_static_counts(height, kh, sh, top, out_h), _static_counts(width, kw, sw, left, out_w))
        t = T.TensorType((out_h, out_w), et)
        return b.create(ConstantOp, value=A.DenseElementsAttr(counts.astype(T.numpy_dtype(t)), t),
                        result_types=[t]).result

    def count_body(body, args):
        ix = IndexMath(body)
        per_dim = []
        for dim, (size, k, stride, before) in enumerate(((height, kh, sh, top), (width, kw, sw, left))):
            position = body.create(IndexOp, dim=dim, result_types=[T.index]).result
            start = ix.sub(ix.mul(position, stride), before)
            per_dim.append(ix.sub(ix.min(ix.add(start, k), size), ix.max(start, 0)))
        count = body.create(IndexCastOp, ix.mul(*per_dim), result_types=[T.i64]).result
        return [body.create(SIToFPOp, count, result_types=[et]).result]

    init = empty(b, [out_h, out_w], et)
    generic = GenericOp.create([], [init], [AffineMap.identity(2)], ["parallel"] * 2, count_body,
                               location=b.location)
    return b.insert(generic).results[0]


LOWERINGS = {
    tfn.MatMulOp: lower_matmul,
    tfn.BatchMatMulV2Op: lower_batch_matmul,
    tfn.BiasAddOp: lower_bias_add,
    tfc_conv.Conv2DOp: lower_conv2d,
    tfc_conv.MaxPoolOp: lower_max_pool,
    tfc_conv.AvgPoolOp: lower_avg_pool,
}
