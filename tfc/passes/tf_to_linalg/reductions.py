"""Reductions and the softmax family -> `linalg.reduce` / `linalg.generic` over filled inits.

Sum, Prod, Max, Min and Mean reduce over constant axes (negative axes count from the end,
repeats are merged, no axes is the identity): a `linalg.fill` of the reduction's identity (0,
1, -inf / the integer minimum, +inf / the integer maximum) is the init of one `linalg.reduce`;
Mean then divides by the number of reduced elements (dynamic dims via `tensor.dim`; integers
divide toward zero, an empty set gives 0), and `keep_dims` re-inserts the reduced dims with a
`tensor.expand_shape`. Float sums and products of f16 accumulate in f32.

    %s = "tf.Sum"(%x, %axes) <{keep_dims = false}> : (tensor<?x8xf32>, tensor<1xi32>) -> tensor<?xf32>
      ->
    %init = "linalg.fill"(%zero, %empty) ...                       : tensor<?xf32>
    %s = "linalg.reduce"(%x, %init) <{dimensions = array<i64: 1>}> ({
      ^bb0(%in: f32, %acc: f32):
        %a = "arith.addf"(%in, %acc) : (f32, f32) -> f32
        "linalg.yield"(%a) : (f32) -> ()
    }) : (tensor<?x8xf32>, tensor<?xf32>) -> tensor<?xf32>

ArgMax / ArgMin carry (best value, its index) through one `linalg.generic` with a reduction
iterator, taking the first index of the extreme (the first NaN for floats, as numpy). L2Loss is
`sum(x * x) / 2`. Softmax and LogSoftmax subtract the row max before exponentiating; the
cross-entropy ops compute loss and backprop (`softmax - labels`) as their numpy rules do,
step by step. Out-of-range sparse labels and empty ArgMax axes (errors in TF) are undefined.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import types as T
from tfc.ir.affine import AffineMap
from tfc.ir.builder import Builder

from tfc.dialects import math as mathd
from tfc.dialects.arith import (AddFOp, AddIOp, AndIOp, DivFOp, DivSIOp, ExtFOp, IndexCastOp,
                                MaximumFOp, MaxSIOp, MinimumFOp, MinSIOp, MulFOp, MulIOp, SIToFPOp,
                                SubFOp, TruncFOp)
from tfc.dialects.linalg.generic import GenericOp, IndexOp
from tfc.dialects.linalg.named import FillOp, ReduceOp
from tfc.dialects.tensor import CastOp as TensorCastOp
from tfc.dialects.tensor import DimOp, EmptyOp, ExpandShapeOp
from tfc.dialects.tf import nn_ops as tfn
from tfc.dialects.tf import reduction_ops as tfr
from tfc.dialects.tf.base import constant_value

from tfc.passes.tf_to_linalg.common import dim_source, emit_check, index_const, operand_map, replace, unsupported
from tfc.passes.tf_to_linalg.elementwise import cmpf, cmpi, const_like, kind_of, select

# ----- shapes and structured-op builders -------------------------------------------------------------


def dim_of(b: Builder, value, i: int):
    return b.create(DimOp, value, index_const(b, i), result_types=[T.index]).result


def empty_of(b: Builder, shape, et: T.Type, source):
    """A tensor.empty of `shape`; `source(i)` -> (value, dim) gives a dynamic dim i's size."""
    sizes = [dim_of(b, *source(i)) for i, d in enumerate(shape) if d is None]
    return b.create(EmptyOp, sizes, result_types=[T.TensorType(tuple(shape), et)]).result


def filled(b: Builder, shape, et: T.Type, value, source, location):
    """`empty_of(...)` filled with the scalar constant `value`."""
    empty = empty_of(b, shape, et, source)
    fill = FillOp.create(const_like(b, value, et), empty, location=location)
    b.insert(fill)
    return fill.results[0]


def generic(b: Builder, location, inputs, inits, maps, iterators, body) -> list:
    """Insert a linalg.generic; `body(builder, scalars)` returns the yielded values."""
    op = GenericOp.create(inputs, inits, maps, iterators, body, location=location)
    b.insert(op)
    return list(op.results)


def reduce(b: Builder, location, x, init, dims, body):
    """linalg.reduce of `x` over `dims` into `init`; `body(builder, value, acc)`."""
    op = ReduceOp.create([x], [init], list(dims), lambda bb, args: [body(bb, *args)], location=location)
    b.insert(op)
    return op.results[0]


def pointwise(b: Builder, location, value, et: T.Type, fn):
    """`fn(builder, scalar)` applied to every element of `value` (result element type `et`)."""
    t = value.type
    init = empty_of(b, t.shape, et, lambda i: (value, i))
    rank = t.rank
    identity = AffineMap.identity(rank)
    return generic(b, location, [value], [init], [identity, identity], ["parallel"] * rank,
                   lambda bb, args: [fn(bb, args[0])])[0]


def _binary(float_op, int_op):
    def apply(b, x, y):
        op_class = float_op if isinstance(x.type, T.FloatType) else int_op
        return b.create(op_class, x, y, result_types=[x.type]).result
    return apply


add = _binary(AddFOp, AddIOp)
sub = _binary(SubFOp, None)
mul = _binary(MulFOp, MulIOp)
div = _binary(DivFOp, DivSIOp)
maximum = _binary(MaximumFOp, MaxSIOp)
minimum = _binary(MinimumFOp, MinSIOp)


def exp(b, x):
    return b.create(mathd.ExpOp, x, result_types=[x.type]).result


def log(b, x):
    return b.create(mathd.LogOp, x, result_types=[x.type]).result


def extend(b, x, et: T.Type):
    """A float scalar widened to the accumulator type `et` (nothing when it already is)."""
    return x if x.type == et else b.create(ExtFOp, x, result_types=[et]).result


def checked_tensors(op, values) -> None:
    for v in values:
        if not isinstance(v.type, T.TensorType):
            raise unsupported(op, f"unranked or non-tensor type {v.type}")
        if kind_of(v.type.element_type) is None:
            raise unsupported(op, f"element type {v.type.element_type}")


def finish(b: Builder, op, value) -> None:
    """Replace `op`'s result by `value`, through a tensor.cast when only shape knowledge differs."""
    result_type = op.results[0].type
    if value.type != result_type:
        if not T.is_compatible(value.type, result_type):
            raise unsupported(op, f"computed {value.type}, expected {result_type}")
        value = b.create(TensorCastOp, value, result_types=[result_type]).result
    replace(op, [value])


# ----- Sum, Prod, Max, Min, Mean ---------------------------------------------------------------------


def constant_axes(op, value, rank: int) -> tuple:
    """Sorted distinct non-negative axes of a constant operand; unsupported when not constant."""
    data = constant_value(value)
    if data is None:
        raise unsupported(op, "reduction axes are not a constant")
    axes = set()
    for a in np.asarray(data).reshape(-1).tolist():
        if not -rank <= a < rank:
            raise unsupported(op, f"axis {a} out of range for rank {rank}")
        axes.add(a % rank)
    return tuple(sorted(axes))


def _lowest(et: T.Type):
    return -np.inf if isinstance(et, T.FloatType) else -(1 << (et.width - 1))


def _highest(et: T.Type):
    return np.inf if isinstance(et, T.FloatType) else (1 << (et.width - 1)) - 1


# tf op class -> (combine(builder, value, acc), identity(element type))
COMBINERS = {
    tfr.SumOp: (add, lambda et: 0),
    tfr.MeanOp: (add, lambda et: 0),
    tfr.ProdOp: (mul, lambda et: 1),
    tfr.MaxOp: (maximum, _lowest),
    tfr.MinOp: (minimum, _highest),
}


def accumulator(op, et: T.Type) -> T.Type:
    """f16 sums and products accumulate in f32 (Max and Min are exact in any type)."""
    if et == T.f16 and not isinstance(op, (tfr.MaxOp, tfr.MinOp)):
        return T.f32
    return et


def reduced_count(b: Builder, x, axes, et: T.Type):
    """The number of reduced elements as a scalar of `et` (integers: at least 1, as the sum of an
    empty set is 0 and TF's integer mean of it is 0)."""
    static = int(np.prod([x.type.shape[a] for a in axes if x.type.shape[a] is not None], dtype=np.int64))
    count = None if static == 1 else index_const(b, static)
    for a in axes:
        if x.type.shape[a] is None:
            size = dim_of(b, x, a)
            count = size if count is None else b.create(MulIOp, count, size, result_types=[T.index]).result
    if count is None:
        count = index_const(b, 1)
    if isinstance(et, T.FloatType):
        wide = b.create(IndexCastOp, count, result_types=[T.i64]).result
        return b.create(SIToFPOp, wide, result_types=[et]).result
    count = b.create(MaxSIOp, count, index_const(b, 1), result_types=[T.index]).result
    return b.create(IndexCastOp, count, result_types=[et]).result


def keep_reduced_dims(b: Builder, location, value, x, axes):
    """tensor.expand_shape re-inserting the reduced dims (size 1) of `x` into `value`."""
    rank = x.type.rank
    kept = [i for i in range(rank) if i not in axes]
    groups = [[] for _ in kept]
    for i in range(rank):
        # a reduced dim joins the group of the kept dim before it (the first group if none)
        owner = sum(1 for k in kept if k <= i) - 1
        if groups:
            groups[max(owner, 0)].append(i)
    shape = tuple(1 if i in axes else x.type.shape[i] for i in range(rank))
    dynamic = [dim_of(b, x, i) for i, d in enumerate(shape) if d is None]
    expand = b.create(ExpandShapeOp, value, dynamic, reassociation=groups, static_output_shape=shape,
                      result_types=[T.TensorType(shape, value.type.element_type)], location=location)
    return expand.result


def lower_reduction(op) -> None:
    x = op.input
    checked_tensors(op, [x, *op.results])
    rank, et = x.type.rank, x.type.element_type
    axes = constant_axes(op, op.reduction_indices, rank)
    b = Builder.before(op, op.location)
    if not axes and x.type == op.results[0].type:
        replace(op, [x])
        return
    combine, identity = COMBINERS[type(op)]
    acc = accumulator(op, et)
    kept_shape = [d for i, d in enumerate(x.type.shape) if i not in axes]
    kept = [i for i in range(rank) if i not in axes]
    init = filled(b, kept_shape, acc, identity(acc), lambda j: (x, kept[j]), op.location)
    value = reduce(b, op.location, x, init, axes, lambda bb, v, a: combine(bb, extend(bb, v, acc), a))
    if isinstance(op, tfr.MeanOp):
        count = reduced_count(b, x, axes, acc)
        value = pointwise(b, op.location, value, acc, lambda bb, s: div(bb, s, count))
    if acc != et:
        value = pointwise(b, op.location, value, et, lambda bb, s: bb.create(TruncFOp, s, result_types=[et]).result)
    if op.attrs.keep_dims:
        value = keep_reduced_dims(b, op.location, value, x, axes)
    finish(b, op, value)


# ----- ArgMax, ArgMin ----------------------------------------------------------------------------------


def _takes(b, v, best, greater: bool):
    """Whether `v` replaces `best`: strictly better, or the first NaN (then kept)."""
    kind = kind_of(v.type)
    if kind == "float":
        beats = cmpf(b, "ugt" if greater else "ult", v, best)
        return b.create(AndIOp, beats, cmpf(b, "ord", best, best), result_types=[T.i1]).result
    prefix = "u" if kind == "bool" else "s"  # false < true
    return cmpi(b, prefix + ("gt" if greater else "lt"), v, best)


def lower_arg_reduction(op) -> None:
    x = op.input
    checked_tensors(op, [x, *op.results])
    rank, et = x.type.rank, x.type.element_type
    index_type = op.results[0].type.element_type
    if rank == 0 or kind_of(index_type) != "int":
        raise unsupported(op, "needs a ranked input and a signless integer output_type")
    data = constant_value(op.dimension)
    if data is None:
        raise unsupported(op, "dimension is not a constant")
    axis = int(np.asarray(data).reshape(-1)[0])
    if not -rank <= axis < rank:
        raise unsupported(op, f"dimension {axis} out of range for rank {rank}")
    axis %= rank
    greater = isinstance(op, tfr.ArgMaxOp)
    kept = [i for i in range(rank) if i != axis]
    kept_shape = [x.type.shape[i] for i in kept]
    b = Builder.before(op, op.location)
    start = _lowest(et) if greater else _highest(et)
    if kind_of(et) == "bool":
        start = not greater
    best = filled(b, kept_shape, et, start, lambda j: (x, kept[j]), op.location)
    index = filled(b, kept_shape, index_type, 0, lambda j: (x, kept[j]), op.location)
    out_map = AffineMap.from_dims(rank, kept)
    iterators = ["reduction" if i == axis else "parallel" for i in range(rank)]

    def body(bb, args):
        v, best_value, best_index = args
        take = _takes(bb, v, best_value, greater)
        i = bb.create(IndexOp, dim=axis, result_types=[T.index]).result
        i = bb.create(IndexCastOp, i, result_types=[index_type]).result
        return [select(bb, take, v, best_value), select(bb, take, i, best_index)]

    results = generic(b, op.location, [x], [best, index], [AffineMap.identity(rank), out_map, out_map],
                      iterators, body)
    finish(b, op, results[1])


# ----- L2Loss ------------------------------------------------------------------------------------------


def lower_l2_loss(op) -> None:
    x = op.t
    checked_tensors(op, [x, *op.results])
    et = x.type.element_type
    acc = accumulator(op, et)
    b = Builder.before(op, op.location)
    init = filled(b, (), acc, 0, None, op.location)
    total = reduce(b, op.location, x, init, range(x.type.rank),
                   lambda bb, v, a: add(bb, extend(bb, mul(bb, v, v), acc), a))
    two = const_like(b, 2, acc)
    half = pointwise(b, op.location, total, acc, lambda bb, s: div(bb, s, two))
    if acc != et:
        half = pointwise(b, op.location, half, et, lambda bb, s: bb.create(TruncFOp, s, result_types=[et]).result)
    finish(b, op, half)


# ----- Softmax, LogSoftmax -----------------------------------------------------------------------------


class Rows:
    """The [..., n] iteration space of a softmax over the last dim of `x` (rows: all but the last)."""

    def __init__(self, b: Builder, op, x):
        self.b, self.location, self.x = b, op.location, x
        self.rank = x.type.rank
        self.et = x.type.element_type
        self.row_shape = x.type.shape[:-1]
        self.full = AffineMap.identity(self.rank)
        self.row = AffineMap.from_dims(self.rank, range(self.rank - 1))

    def reduce(self, value, start, body):
        init = filled(self.b, self.row_shape, self.et, start, lambda i: (self.x, i), self.location)
        return reduce(self.b, self.location, value, init, [self.rank - 1], body)

    def map(self, full_value, row_value, fn):
        """`fn(builder, element, its row's value)` over the full shape."""
        init = empty_of(self.b, self.x.type.shape, self.et, lambda i: (self.x, i))
        return generic(self.b, self.location, [full_value, row_value], [init], [self.full, self.row, self.full],
                       ["parallel"] * self.rank, lambda bb, args: [fn(bb, args[0], args[1])])[0]


def lower_softmax(op) -> None:
    x = op.logits
    checked_tensors(op, [x, *op.results])
    if x.type.rank == 0:
        raise unsupported(op, "logits must have rank >= 1")
    is_log = isinstance(op, tfn.LogSoftmaxOp)
    b = Builder.before(op, op.location)
    rows = Rows(b, op, x)
    row_max = rows.reduce(x, -np.inf, maximum)
    if is_log:
        shifted = rows.map(x, row_max, sub)
        total = rows.reduce(shifted, 0, lambda bb, v, a: add(bb, exp(bb, v), a))
        log_total = pointwise(b, op.location, total, rows.et, log)
        result = rows.map(shifted, log_total, sub)
    else:
        e = rows.map(x, row_max, lambda bb, v, m: exp(bb, sub(bb, v, m)))
        total = rows.reduce(e, 0, add)
        result = rows.map(e, total, div)
    finish(b, op, result)


# ----- cross entropy -------------------------------------------------------------------------------------


class CrossEntropy:
    """The [batch, classes] iteration space of a cross-entropy op and its per-row reductions.
    `inputs` are (value, map) pairs read at every point; row values are read by `row`."""

    def __init__(self, op, features, feature_map, shape_sources):
        self.b, self.location = Builder.before(op, op.location), op.location
        self.backprop_type = op.results[1].type
        self.et = self.backprop_type.element_type
        self.operands = [v for v in shape_sources if v.type.rank > 0]  # where dynamic sizes are read
        self.features, self.feature_map = features, feature_map
        self.full = AffineMap.identity(2)
        self.row = AffineMap.from_dims(2, [0])

    def _batch_source(self, i):
        return dim_source(self.operands, self.backprop_type, 0)

    def _row_init(self, start):
        shape = self.backprop_type.shape[:1]
        if start is None:
            return empty_of(self.b, shape, self.et, self._batch_source)
        return filled(self.b, shape, self.et, start, self._batch_source, self.location)

    def reduce_rows(self, inputs, start, body):
        """`body(builder, feature, *other inputs, acc)` summed (or maxed) over each row."""
        values = [self.features, *(v for v, _ in inputs)]
        maps = [self.feature_map, *(m for _, m in inputs), self.row]
        return generic(self.b, self.location, values, [self._row_init(start)], maps, ["parallel", "reduction"],
                       lambda bb, args: [body(bb, *args)])[0]

    def softmax_parts(self):
        """(row max, row sum of exp(features - max), log of that sum)."""
        row_max = self.reduce_rows([], -np.inf, maximum)
        total = self.reduce_rows([(row_max, self.row)], 0,
                                 lambda bb, f, m, a: add(bb, exp(bb, sub(bb, f, m)), a))
        log_total = pointwise(self.b, self.location, total, self.et, log)
        return row_max, total, log_total

    def full_map(self, inputs, body):
        """`body(builder, feature, *other inputs)` at every [batch, class] point."""
        values = [self.features, *(v for v, _ in inputs)]
        maps = [self.feature_map, *(m for _, m in inputs), self.full]
        init = empty_of(self.b, self.backprop_type.shape, self.et,
                        lambda i: dim_source(self.operands, self.backprop_type, i))
        return generic(self.b, self.location, values, [init], maps, ["parallel", "parallel"],
                       lambda bb, args: [body(bb, *args[:len(values)])])[0]


def _check_cross_entropy(op):
    checked_tensors(op, [*op.data_operands, *op.results])
    if op.results[1].type.rank != 2:
        raise unsupported(op, "needs [batch, classes] operands")


def lower_softmax_cross_entropy(op) -> None:
    _check_cross_entropy(op)
    features, labels = op.features, op.labels
    backprop_type = op.results[1].type
    ce = CrossEntropy(op, features, operand_map(features.type, backprop_type), [features, labels])
    label_map = operand_map(labels.type, backprop_type)
    row_max, total, log_total = ce.softmax_parts()
    # loss = sum(labels * (log(sum) - (features - max))), backprop = exp(features - max) / sum - labels
    loss = ce.reduce_rows([(labels, label_map), (row_max, ce.row), (log_total, ce.row)], 0,
                          lambda bb, f, l, m, s, a: add(bb, mul(bb, l, sub(bb, s, sub(bb, f, m))), a))
    backprop = ce.full_map([(labels, label_map), (row_max, ce.row), (total, ce.row)],
                           lambda bb, f, l, m, s: sub(bb, div(bb, exp(bb, sub(bb, f, m)), s), l))
    replace(op, [loss, backprop])


def _one_hot(b, label):
    """1.0 where the current class (loop dim 1) is `label`, else 0.0 (features' type given later)."""
    j = b.create(IndexOp, dim=1, result_types=[T.index]).result
    return cmpi(b, "eq", b.create(IndexCastOp, j, result_types=[label.type]).result, label)


def lower_sparse_softmax_cross_entropy(op) -> None:
    _check_cross_entropy(op)
    features, labels = op.features, op.labels
    if kind_of(labels.type.element_type) != "int" or features.type.rank != 2:
        raise unsupported(op, "needs [batch, classes] features and integer labels")
    b = Builder.before(op, op.location)
    classes = features.type.shape[1]
    if classes is None:
        count = b.create(DimOp, features, index_const(b, 1), result_types=[T.index]).result
        bound = b.create(IndexCastOp, count, result_types=[labels.type.element_type]).result
    else:
        bound = const_like(b, classes, labels.type.element_type)

    def in_range(bb, label):
        low = cmpi(bb, "sge", label, const_like(bb, 0, label.type))
        return bb.create(AndIOp, low, cmpi(bb, "slt", label, bound), result_types=[T.i1]).result

    shown = classes if classes is not None else "num_classes"
    emit_check(b, op, labels, in_range, f"Received a label value outside the valid range of [0, {shown})")
    ce = CrossEntropy(op, features, AffineMap.identity(2), [features])
    row_max, total, log_total = ce.softmax_parts()
    et = ce.et

    def hot(bb, label):
        return select(bb, _one_hot(bb, label), const_like(bb, 1, et), const_like(bb, 0, et))

    loss = ce.reduce_rows([(labels, ce.row), (row_max, ce.row), (log_total, ce.row)], 0,
                          lambda bb, f, l, m, s, a: add(bb, mul(bb, hot(bb, l), sub(bb, s, sub(bb, f, m))), a))
    backprop = ce.full_map([(labels, ce.row), (row_max, ce.row), (total, ce.row)],
                           lambda bb, f, l, m, s: sub(bb, div(bb, exp(bb, sub(bb, f, m)), s), hot(bb, l)))
    replace(op, [loss, backprop])


LOWERINGS = {
    tfr.SumOp: lower_reduction,
    tfr.MeanOp: lower_reduction,
    tfr.ProdOp: lower_reduction,
    tfr.MaxOp: lower_reduction,
    tfr.MinOp: lower_reduction,
    tfr.ArgMaxOp: lower_arg_reduction,
    tfr.ArgMinOp: lower_arg_reduction,
    tfn.L2LossOp: lower_l2_loss,
    tfn.SoftmaxOp: lower_softmax,
    tfn.LogSoftmaxOp: lower_softmax,
    tfn.SoftmaxCrossEntropyWithLogitsOp: lower_softmax_cross_entropy,
    tfn.SparseSoftmaxCrossEntropyWithLogitsOp: lower_sparse_softmax_cross_entropy,
}
