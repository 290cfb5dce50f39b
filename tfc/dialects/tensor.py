"""The tensor dialect: MLIR's value-semantics tensor ops, with upstream names, operands,
properties and generic forms, e.g. a slice with a dynamic offset:

    %s = "tensor.extract_slice"(%t, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>,
           static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 4>,
           static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>, index) -> tensor<2x4xf32>

Offsets, sizes and strides are "mixed" lists as in MLIR: a `static_*` i64 array with
ShapedType::kDynamic (INT64_MIN) where the value is the next dynamic index operand.
Reshapes carry `reassociation = [[0, 1], [2]]`. Values are numpy arrays; every op is Pure.

The helpers for mixed lists, rank reduction, slice bounds and reassociations are shared
with the memref dialect.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Dialect, Op, Operand, Result
from tfc.ir.traits import Pure

K_DYNAMIC = -9223372036854775808  # ShapedType::kDynamic


class TensorDialect(Dialect):
    name = "tensor"

    def materialize_constant(self, value, type, location):
        from tfc.dialects.arith import materialize_constant
        return materialize_constant(value, type, location)


# ----- shared helpers (also used by memref) ----------------------------------------------------

def i64_array(values) -> A.DenseArrayAttr:
    """`array<i64: ...>` from ints, with None meaning ShapedType::kDynamic."""
    return A.DenseArrayAttr(T.i64, tuple(K_DYNAMIC if v is None else int(v) for v in values))


def static_list(attr: A.DenseArrayAttr) -> list:
    """A static_* array as Python ints with None for kDynamic."""
    return [None if v == K_DYNAMIC else int(v) for v in attr.values]


def split_mixed(mixed) -> tuple[list, list]:
    """Split a list of ints and Values into (static entries with None, dynamic Values)."""
    static, dynamic = [], []
    for item in mixed:
        if isinstance(item, (int, np.integer)):
            static.append(int(item))
        else:
            static.append(None)
            dynamic.append(item)
    return static, dynamic


def mixed_values(static: list, dynamic) -> list:
    """Runtime ints of a mixed list: static entries, kDynamic filled from `dynamic` in order."""
    it = iter(dynamic)
    return [int(next(it)) if s is None else s for s in static]


def reassociation_attr(groups) -> A.ArrayAttr:
    return A.ArrayAttr(tuple(A.ArrayAttr(tuple(A.IntegerAttr(int(i), T.i64) for i in g)) for g in groups))


def reassociation_groups(attr: A.ArrayAttr) -> list[list[int]]:
    return [[int(i.value) for i in group] for group in attr.value]


ReassociationAttr = C.Constraint(
    lambda a: isinstance(a, A.ArrayAttr) and all(
        isinstance(g, A.ArrayAttr) and all(isinstance(i, A.IntegerAttr) and i.type == T.i64 for i in g)
        for g in a.value),
    "Array of 64-bit integer array attributes")
I64Array = C.DenseArrayOf(T.i64)


def verify_mixed_list(op: Op, name: str, count: int, static: list, dynamic) -> None:
    """MLIR's verifyListOfOperandsOrIntegers."""
    if len(static) != count:
        raise op.emit_error(f"expected {count} {name} values, got {len(static)}")
    dynamic_count = sum(1 for s in static if s is None)
    if len(dynamic) != dynamic_count:
        raise op.emit_error(f"expected {dynamic_count} dynamic {name} values")


def verify_offsets_sizes_strides(op: Op, rank: int) -> tuple[list, list, list]:
    """Check an OffsetSizeAndStrideOp's three mixed lists against `rank`; return the statics."""
    offsets, sizes, strides = (static_list(op.properties[n]) for n in
                               ("static_offsets", "static_sizes", "static_strides"))
    verify_mixed_list(op, "offset", rank, offsets, op.offsets)
    verify_mixed_list(op, "size", rank, sizes, op.sizes)
    verify_mixed_list(op, "stride", rank, strides, op.strides)
    for s in sizes:
        if s is not None and s < 0:
            raise op.emit_error(f"expected sizes to be non-negative, but got {s}")
    return offsets, sizes, strides


def verify_in_bounds(op: Op, shape, offsets, sizes, strides) -> None:
    """MLIR's verifyInBoundsSlice on the statically known entries."""
    for i, (dim, off, size, stride) in enumerate(zip(shape, offsets, sizes, strides)):
        if dim is None or off is None:
            continue
        if size != 0 and off >= dim:
            raise op.emit_error(f"offset {i} is out-of-bounds: {off} >= {dim}")
        if size is None or stride is None or size == 0:
            continue
        end = off + (size - 1) * stride
        if end >= dim:
            raise op.emit_error(f"slice along dimension {i} runs out-of-bounds: {end} >= {dim}")


def rank_reduction_mask(original, reduced) -> set[int] | None:
    """The dims of `original` dropped to get `reduced` (only static 1s may go), or None."""
    dropped, j = set(), 0
    for i, dim in enumerate(original):
        if j < len(reduced) and dim == reduced[j]:
            j += 1
        elif dim == 1:
            dropped.add(i)
        else:
            return None
    return dropped if j == len(reduced) else None


def slice_index(offsets, sizes, strides) -> tuple:
    """A numpy basic index (slices only, so memrefs get views) for runtime offsets/sizes/strides."""
    index = []
    for off, size, stride in zip(offsets, sizes, strides):
        if stride <= 0:
            raise ValueError(f"only positive strides are supported, got {stride}")
        if off < 0 or size < 0:
            raise ValueError(f"negative offset or size: {off}, {size}")
        index.append(slice(off, off + (size - 1) * stride + 1, stride) if size else slice(off, off))
    return tuple(index)


def checked_slice(array: np.ndarray, offsets, sizes, strides) -> np.ndarray:
    part = array[slice_index(offsets, sizes, strides)]
    if list(part.shape) != list(sizes):
        raise ValueError(f"slice with offsets {offsets}, sizes {sizes}, strides {strides} runs out of "
                         f"bounds of shape {list(array.shape)}")
    return part


def verify_reassociation(op: Op, expanded: T.ShapedType, collapsed: T.ShapedType, groups) -> None:
    """MLIR's verifyReshapeLikeTypes: ranks, contiguous groups, compatible dims."""
    if expanded.rank < collapsed.rank:
        raise op.emit_error(f"expected the expanded type, {expanded} to have a higher (or same) rank "
                            f"than the collapsed type, {collapsed}.")
    if collapsed.rank != len(groups):
        raise op.emit_error(f"expected collapsed rank ({collapsed.rank}) to equal the number of "
                            f"reassociation maps ({len(groups)}).")
    nxt = 0
    for i, group in enumerate(groups):
        if not group or group != list(range(nxt, nxt + len(group))):
            raise op.emit_error(f"expected reassociation map #{i} to be valid and contiguous.")
        nxt += len(group)
    if groups and nxt != expanded.rank:
        raise op.emit_error(f"expected reassociation map #{len(groups) - 1} to be valid and contiguous.")
    for i, group in enumerate(groups):
        dims = [expanded.shape[d] for d in group]
        if any(d is None for d in dims):
            if collapsed.shape[i] is not None:
                raise op.emit_error(f"expected dimension {i} of collapsed type to be dynamic since one or more "
                                    "of the corresponding dimensions in the expanded type is dynamic")
        elif collapsed.shape[i] != int(np.prod(dims, dtype=np.int64)):
            raise op.emit_error(f"expected dimension {i} of collapsed type to be static value of "
                                f"{int(np.prod(dims, dtype=np.int64))}")


def collapsed_shape(shape, groups) -> tuple:
    out = []
    for group in groups:
        dims = [shape[d] for d in group]
        out.append(None if any(d is None for d in dims) else int(np.prod(dims, dtype=np.int64)))
    return tuple(out)


def verify_output_shape(op: Op, result: T.ShapedType, dims: str = "dims") -> list:
    """expand_shape's `static_output_shape` against the result type and the dynamic operands."""
    static = static_list(op.properties["static_output_shape"])
    if len(static) != result.rank:
        raise op.emit_error(f"expected number of static shape {dims} to be equal to the output rank "
                            f"({result.rank}) but found {len(static)} inputs instead")
    dynamic = sum(1 for s in static if s is None)
    if len(op.output_shape) != dynamic:
        raise op.emit_error("mismatch in dynamic dims in output_shape and static_output_shape: "
                            f"static_output_shape has {dynamic} dynamic dims while output_shape has "
                            f"{len(op.output_shape)} values")
    for pos, (want, given) in enumerate(zip(result.shape, static)):
        if want is not None and want != given:
            raise op.emit_error(f"invalid output shape provided at pos {pos}")
    return static


def constant_index(attr) -> int | None:
    return int(attr.value) if isinstance(attr, A.IntegerAttr) else None


def _scalar_attr(value, t: T.Type) -> A.Attribute:
    if isinstance(t, T.FloatType):
        return A.FloatAttr.get(float(value), t)
    return A.IntegerAttr.get(int(value), t)


def _dynamic_count(t: T.TensorType) -> int:
    return sum(1 for d in t.shape if d is None)


def _check_dynamic_sizes(op: Op, sizes, t: T.ShapedType) -> None:
    if len(sizes) != _dynamic_count(t):
        raise op.emit_error(f"incorrect number of dynamic sizes, has {len(sizes)}, expected {_dynamic_count(t)}")


def runtime_shape(t: T.ShapedType, dynamic) -> tuple:
    """The shape of a value of type `t` whose dynamic dims are `dynamic` (in order)."""
    it = iter(dynamic)
    shape = tuple(int(next(it)) if d is None else d for d in t.shape)
    if any(d < 0 for d in shape):
        raise ValueError(f"negative dynamic size in {list(shape)}")
    return shape


def fold_dim(op: Op, constants: list, creators: tuple):
    """`tensor.dim` / `memref.dim`: a static size, or the dynamic size given to the op in
    `creators` (tensor.empty, memref.alloc, ...) that made the value."""
    i = constant_index(constants[1])
    t = op.source.type
    if i is None or not t.has_rank or not 0 <= i < t.rank:
        return None
    if t.shape[i] is not None:
        return [A.IntegerAttr(t.shape[i], T.index)]
    producer = op.source.defining_op
    if isinstance(producer, creators):
        return [producer.dynamicSizes[sum(1 for d in t.shape[:i] if d is None)]]
    return None


def interpret_dim(source: np.ndarray, index) -> int:
    if not 0 <= int(index) < source.ndim:
        raise ValueError(f"dimension index {int(index)} out of range for rank {source.ndim}")
    return source.shape[int(index)]


# ----- creation -----------------------------------------------------------------------------------

class EmptyOp(Op):
    """A tensor of unspecified contents: `"tensor.empty"(%d) : (index) -> tensor<?x4xf32>`."""

    name = "tensor.empty"
    traits = (Pure,)
    dynamicSizes = Operand(C.Index, variadic=True)
    result = Result(C.AnyRankedTensor)

    def verify(self):
        _check_dynamic_sizes(self, self.dynamicSizes, self.result.type)

    def interpret(self, ctx, *sizes):
        t = self.result.type
        return np.zeros(runtime_shape(t, sizes), T.numpy_dtype(t))  # any contents are valid


class FromElementsOp(Op):
    """A static tensor from its elements in row-major order."""

    name = "tensor.from_elements"
    traits = (Pure,)
    elements = Operand(C.AnyType, variadic=True)
    result = Result(C.Constraint(lambda t: isinstance(t, T.TensorType) and t.has_static_shape,
                                 "statically shaped tensor of any type values"))

    def verify(self):
        t = self.result.type
        if len(self.elements) != t.num_elements() or any(v.type != t.element_type for v in self.elements):
            raise self.emit_error("failed to verify that operand types match result element type")

    def fold(self, constants):
        if not constants or any(not isinstance(c, (A.IntegerAttr, A.BoolAttr, A.FloatAttr)) for c in constants):
            return None
        t = self.result.type
        return [A.DenseElementsAttr(np.array([c.value for c in constants]).reshape(t.shape), t)]

    def interpret(self, ctx, *elements):
        t = self.result.type
        return np.array(elements, dtype=T.numpy_dtype(t)).reshape(t.shape)


class SplatOp(Op):
    """A tensor filled with one scalar: `"tensor.splat"(%v, %d) : (f32, index) -> tensor<?xf32>`."""

    name = "tensor.splat"
    traits = (Pure,)
    input = Operand(C.Constraint(lambda t: isinstance(t, (T.IntegerType, T.IndexType, T.FloatType)),
                                 "integer/index/float type"))
    dynamicSizes = Operand(C.Index, variadic=True)
    aggregate = Result(C.AnyRankedTensor)

    def verify(self):
        t = self.aggregate.type
        if self.input.type != t.element_type:
            raise self.emit_error("failed to verify that operand type matches element type of result")
        _check_dynamic_sizes(self, self.dynamicSizes, t)

    def fold(self, constants):
        t = self.aggregate.type
        value = constants[0]
        if not t.has_static_shape or not isinstance(value, (A.IntegerAttr, A.BoolAttr, A.FloatAttr)):
            return None
        return [A.DenseElementsAttr.splat(value.value, t)]

    def interpret(self, ctx, value, *sizes):
        t = self.aggregate.type
        return np.full(runtime_shape(t, sizes), value, dtype=T.numpy_dtype(t))


# ----- elements and dims ---------------------------------------------------------------------------

class DimOp(Op):
    """The size of dimension `index` of a tensor: `"tensor.dim"(%t, %c1) : (tensor<?x4xf32>, index) -> index`."""

    name = "tensor.dim"
    traits = (Pure,)
    source = Operand(C.Constraint(lambda t: isinstance(t, T.UnrankedTensorType)
                                  or (isinstance(t, T.TensorType) and t.rank > 0),
                                  "non-0-ranked or unranked tensor"))
    index = Operand(C.Index)
    result = Result(C.Index)

    @classmethod
    def infer_type(cls, operands, properties):
        return [T.index]

    def fold(self, constants):
        return fold_dim(self, constants, (EmptyOp, SplatOp))

    def interpret(self, ctx, source, index):
        return interpret_dim(source, index)


class ExtractOp(Op):
    """One element: `"tensor.extract"(%t, %i, %j) : (tensor<4x4xf32>, index, index) -> f32`."""

    name = "tensor.extract"
    traits = (Pure,)
    tensor = Operand(C.AnyRankedTensor)
    indices = Operand(C.Index, variadic=True)
    result = Result(C.AnyType)

    @classmethod
    def infer_type(cls, operands, properties):
        t = operands[0].type if operands else None
        return [t.element_type] if isinstance(t, T.TensorType) else None

    def verify(self):
        if self.tensor.type.rank != len(self.indices):
            raise self.emit_error("incorrect number of indices for extract_element")

    def fold(self, constants):
        data = constants[0]
        if isinstance(data, A.DenseElementsAttr) and data.is_splat:
            return [_scalar_attr(data.splat_value(), data.type.element_type)]
        indices = [constant_index(c) for c in constants[1:]]
        if not isinstance(data, A.DenseElementsAttr) or any(i is None for i in indices):
            return None
        if any(not 0 <= i < d for i, d in zip(indices, data.type.shape)):
            return None
        return [_scalar_attr(data.data[tuple(indices)], data.type.element_type)]

    def interpret(self, ctx, tensor, *indices):
        return tensor[tuple(int(i) for i in indices)]


class InsertOp(Op):
    """A copy of `dest` with one element replaced: `"tensor.insert"(%v, %t, %i)`."""

    name = "tensor.insert"
    traits = (Pure,)
    scalar = Operand(C.AnyType)
    dest = Operand(C.AnyRankedTensor)
    indices = Operand(C.Index, variadic=True)
    result = Result(C.AnyRankedTensor)

    @classmethod
    def infer_type(cls, operands, properties):
        return [operands[1].type] if len(operands) > 1 else None

    def verify(self):
        t = self.dest.type
        if self.result.type != t:
            raise self.emit_error("failed to verify that all of {dest, result} have same type")
        if self.scalar.type != t.element_type:
            raise self.emit_error("failed to verify that scalar type matches element type of dest")
        if t.rank != len(self.indices):
            raise self.emit_error("incorrect number of indices")

    def interpret(self, ctx, scalar, dest, *indices):
        out = np.array(dest)
        out[tuple(int(i) for i in indices)] = scalar
        return out


# ----- slices --------------------------------------------------------------------------------------

def _mixed_build(cls, leading: list, offsets, sizes, strides, result_type, location):
    so, do = split_mixed(offsets)
    ss, ds = split_mixed(sizes)
    st, dt = split_mixed(strides)
    return cls.build(*leading, do, ds, dt, static_offsets=i64_array(so), static_sizes=i64_array(ss),
                     static_strides=i64_array(st), result_types=[result_type], location=location)


class ExtractSliceOp(Op):
    """A strided slice of a tensor; the result may drop unit dims (rank reduction)."""

    name = "tensor.extract_slice"
    traits = (Pure,)
    source = Operand(C.AnyRankedTensor)
    offsets = Operand(C.Index, variadic=True)
    sizes = Operand(C.Index, variadic=True)
    strides = Operand(C.Index, variadic=True)
    static_offsets = Attr(I64Array)
    static_sizes = Attr(I64Array)
    static_strides = Attr(I64Array)
    result = Result(C.AnyRankedTensor)

    @staticmethod
    def inferred_type(source: T.TensorType, sizes) -> T.TensorType:
        """The result type without rank reduction: the (static) sizes, dynamic where unknown."""
        return T.TensorType(tuple(sizes), source.element_type)

    @classmethod
    def create(cls, source, offsets, sizes, strides, result_type=None, location=None):
        """offsets/sizes/strides are lists of ints and index Values (MLIR's mixed lists)."""
        from tfc.ir.location import UNKNOWN
        if result_type is None:
            result_type = cls.inferred_type(source.type, split_mixed(sizes)[0])
        return _mixed_build(cls, [source], offsets, sizes, strides, result_type, location or UNKNOWN)

    def verify(self):
        source = self.source.type
        offsets, sizes, strides = verify_offsets_sizes_strides(self, source.rank)
        expected = self.inferred_type(source, sizes)
        verify_slice_type(self, expected, self.result.type)
        verify_in_bounds(self, source.shape, offsets, sizes, strides)

    def fold(self, constants):
        """A full slice of the same type is the source."""
        t = self.source.type
        if (self.result.type == t and t.has_static_shape and not self.offsets and not self.sizes
                and not self.strides and all(o == 0 for o in self.static_offsets.values)
                and list(self.static_sizes.values) == list(t.shape)
                and all(s == 1 for s in self.static_strides.values)):
            return [self.source]
        return None

    def runtime_slice(self, source: np.ndarray, dynamic) -> np.ndarray:
        n_off, n_size = len(self.offsets), len(self.sizes)
        offsets = mixed_values(static_list(self.static_offsets), dynamic[:n_off])
        sizes = mixed_values(static_list(self.static_sizes), dynamic[n_off:n_off + n_size])
        strides = mixed_values(static_list(self.static_strides), dynamic[n_off + n_size:])
        part = checked_slice(source, offsets, sizes, strides)
        return part.reshape(_reduced_shape(part.shape, self.result.type, static_list(self.static_sizes)))

    def interpret(self, ctx, source, *dynamic):
        return np.array(self.runtime_slice(source, dynamic))


def _reduced_shape(shape, result: T.ShapedType, static_sizes) -> tuple:
    dropped = rank_reduction_mask(static_sizes, list(result.shape)) or set()
    return tuple(d for i, d in enumerate(shape) if i not in dropped)


def verify_slice_type(op: Op, expected: T.TensorType, actual: T.TensorType) -> None:
    """MLIR's isRankReducedType + produceSliceErrorMsg for tensor slices."""
    if actual.rank > expected.rank:
        raise op.emit_error("expected rank to be smaller or equal to the other rank. ")
    if rank_reduction_mask(list(expected.shape), list(actual.shape)) is None:
        raise op.emit_error(f"expected type to be {expected} or a rank-reduced version. (size mismatch) ")
    if actual.element_type != expected.element_type:
        raise op.emit_error(f"expected element type to be {expected.element_type}")


class InsertSliceOp(Op):
    """`dest` with a strided slice replaced by `source` (which may be rank-reduced)."""

    name = "tensor.insert_slice"
    traits = (Pure,)
    source = Operand(C.AnyRankedTensor)
    dest = Operand(C.AnyRankedTensor)
    offsets = Operand(C.Index, variadic=True)
    sizes = Operand(C.Index, variadic=True)
    strides = Operand(C.Index, variadic=True)
    static_offsets = Attr(I64Array)
    static_sizes = Attr(I64Array)
    static_strides = Attr(I64Array)
    result = Result(C.AnyRankedTensor)

    @classmethod
    def infer_type(cls, operands, properties):
        return [operands[1].type] if len(operands) > 1 else None

    @classmethod
    def create(cls, source, dest, offsets, sizes, strides, location=None):
        from tfc.ir.location import UNKNOWN
        return _mixed_build(cls, [source, dest], offsets, sizes, strides, dest.type, location or UNKNOWN)

    def verify(self):
        dest = self.dest.type
        if self.result.type != dest:
            raise self.emit_error("failed to verify that all of {dest, result} have same type")
        offsets, sizes, strides = verify_offsets_sizes_strides(self, dest.rank)
        verify_slice_type(self, T.TensorType(tuple(sizes), dest.element_type), self.source.type)
        verify_in_bounds(self, dest.shape, offsets, sizes, strides)

    def interpret(self, ctx, source, dest, *dynamic):
        n_off, n_size = len(self.offsets), len(self.sizes)
        offsets = mixed_values(static_list(self.static_offsets), dynamic[:n_off])
        sizes = mixed_values(static_list(self.static_sizes), dynamic[n_off:n_off + n_size])
        strides = mixed_values(static_list(self.static_strides), dynamic[n_off + n_size:])
        out = np.array(dest)
        target = checked_slice(out, offsets, sizes, strides)
        target[...] = np.asarray(source).reshape(target.shape)
        return out


# ----- casts and reshapes ----------------------------------------------------------------------------

class CastOp(Op):
    """Changes static shape information only: `"tensor.cast"(%t) : (tensor<4xf32>) -> tensor<?xf32>`."""

    name = "tensor.cast"
    traits = (Pure,)
    source = Operand(C.AnyTensor)
    dest = Result(C.AnyTensor)

    def verify(self):
        a, b = self.source.type, self.dest.type
        if not T.is_compatible(a, b):
            raise self.emit_error(f"operand type '{a}' and result type '{b}' are cast incompatible")

    def fold(self, constants):
        if self.source.type == self.dest.type:
            return [self.source]
        inner = self.source.defining_op
        if isinstance(inner, CastOp) and inner.source.type == self.dest.type:
            return [inner.source]
        return None

    def interpret(self, ctx, source):
        return source


class CollapseShapeOp(Op):
    """Merges groups of adjacent dims: reassociation [[0, 1], [2]] turns 2x3x4 into 6x4."""

    name = "tensor.collapse_shape"
    traits = (Pure,)
    src = Operand(C.AnyRankedTensor)
    reassociation = Attr(ReassociationAttr, convert=reassociation_attr)
    result = Result(C.AnyRankedTensor)

    @classmethod
    def create(cls, src, groups, location=None):
        """Collapse `src` by `groups` (lists of dim indices); the result type is inferred."""
        from tfc.ir.location import UNKNOWN
        t = src.type
        result = T.TensorType(collapsed_shape(t.shape, groups), t.element_type)
        return cls.build(src, reassociation=groups, result_types=[result], location=location or UNKNOWN)

    def verify(self):
        src, result = self.src.type, self.result.type
        groups = reassociation_groups(self.reassociation)
        verify_reassociation(self, src, result, groups)
        expected = T.TensorType(collapsed_shape(src.shape, groups), src.element_type)
        if T.TensorType(result.shape, result.element_type) != expected:
            raise self.emit_error(f"expected collapsed type to be {expected}, but got {result}")

    def fold(self, constants):
        if self.src.type == self.result.type:
            return [self.src]
        return None

    def interpret(self, ctx, src):
        groups = reassociation_groups(self.reassociation)
        return np.array(src).reshape(collapsed_shape(src.shape, groups))


class ExpandShapeOp(Op):
    """Splits dims: reassociation [[0, 1], [2]] turns 6x4 into 2x3x4; dynamic result sizes
    come from `output_shape` operands at kDynamic entries of `static_output_shape`."""

    name = "tensor.expand_shape"
    traits = (Pure,)
    src = Operand(C.AnyRankedTensor)
    output_shape = Operand(C.Index, variadic=True)
    reassociation = Attr(ReassociationAttr, convert=reassociation_attr)
    static_output_shape = Attr(I64Array, convert=i64_array)
    result = Result(C.AnyRankedTensor)

    def verify(self):
        src, result = self.src.type, self.result.type
        verify_output_shape(self, result)
        groups = reassociation_groups(self.reassociation)
        verify_reassociation(self, result, src, groups)
        expected = T.TensorType(collapsed_shape(result.shape, groups), result.element_type)
        if T.TensorType(src.shape, src.element_type) != expected:
            raise self.emit_error(f"expected collapsed type to be {expected}, but got {src}")

    def fold(self, constants):
        if self.src.type == self.result.type:
            return [self.src]
        return None

    def interpret(self, ctx, src, *dynamic):
        shape = mixed_values(static_list(self.static_output_shape), dynamic)
        return np.array(src).reshape(shape)


__all__ = [
    "TensorDialect", "K_DYNAMIC", "EmptyOp", "FromElementsOp", "SplatOp", "DimOp", "ExtractOp",
    "InsertOp", "ExtractSliceOp", "InsertSliceOp", "CastOp", "CollapseShapeOp", "ExpandShapeOp",
]
