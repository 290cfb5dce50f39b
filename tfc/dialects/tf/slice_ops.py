"""Slicing ops: tf.Slice (begin and size per dim) and tf.StridedSlice (Python's indexing, with
TensorFlow's masks for `:`, `...`, `tf.newaxis` and integer indices).

tf.StridedSlice follows TensorFlow's `ValidateStridedSliceOp` exactly: the sparse spec (one entry
per index of the Python key) becomes a dense spec (one entry per input dim) by expanding the
ellipsis (or an implicit one at the end); each dim's begin and end are clamped to the dim
(masked ones take the whole range in the stride's direction); new axes add dims of 1 and shrunk
dims (integer indices) are removed from the final shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.tf.array_ops import (I64_ZERO, check_index_type, check_rank, partial_ints, run_error,
                                       static_by_compute, static_from_partial)
from tfc.dialects.tf.base import (ShapeError, TFOp, constant_value, dtype_of, fold_by_compute, format_shape,
                                  shape_of, tensor_type)


def _fold_static(op):
    value = op.static_value()
    t = op.results[0].type
    if value is None or not isinstance(t, T.TensorType) or not t.has_static_shape:
        return None
    value = np.asarray(value)
    if value.shape != tuple(t.shape):
        return None
    return [A.DenseElementsAttr(value, t)]


# ----- Slice ------------------------------------------------------------------------------------

class SliceOp(TFOp):
    """`size[i]` elements from `begin[i]` along each dim i (`size[i] == -1`: all the rest):
    `%y = "tf.Slice"(%x, %begin, %size) : (tensor<4x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>`"""

    name = "tf.Slice"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    begin = Operand(C.AnyTensor)
    size = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input, begin, size):
        et = dtype_of(input.type)
        check_index_type(begin, "begin")
        check_index_type(size, "size")
        if dtype_of(begin.type) != dtype_of(size.type):
            raise ShapeError(f"begin and size must have the same type, got {dtype_of(begin.type)} and "
                             f"{dtype_of(size.type)}")
        check_rank(begin, 1, "begin")
        check_rank(size, 1, "size")
        b, s = partial_ints(begin), partial_ints(size)
        if b is not None and s is not None and len(b) != len(s):
            raise ShapeError(f"Dimensions must be equal, but are {len(b)} and {len(s)}")
        n = len(b) if b is not None else len(s) if s is not None else None
        in_shape = shape_of(input.type)
        if in_shape is not None and n is not None and n != len(in_shape):
            raise ShapeError(f"Shape must be rank {n} but is rank {len(in_shape)}")
        rank = len(in_shape) if in_shape is not None else n
        if rank is None:
            return [tensor_type(None, et)]
        in_shape = in_shape if in_shape is not None else (None,) * rank
        b = b if b is not None else [None] * rank
        s = s if s is not None else [None] * rank
        out = []
        for i, (dim, bi, si) in enumerate(zip(in_shape, b, s)):
            if si is not None and si < -1:
                raise ShapeError(f"Requested size {si} for dimension {i} cannot be < -1")
            if bi is not None and bi < 0:
                raise ShapeError(f"Expected begin[{i}] >= 0, but got {bi}")
            if si == -1:
                if dim is None or bi is None:
                    out.append(None)
                    continue
                if dim - bi < 0:
                    raise ShapeError(f"Negative dimension size caused by subtracting {bi} from {dim}")
                out.append(dim - bi)
                continue
            if dim is not None and bi is not None and si is not None and bi + si > dim:
                raise ShapeError(f"Expected size[{i}] in [0, {max(dim - bi, 0)}], but got {si}")
            out.append(si)
        return [tensor_type(out, et)]

    def compute(self, ctx, x, begin, size):
        x = np.asarray(x)
        b = [int(v) for v in np.asarray(begin).reshape(-1)]
        s = [int(v) for v in np.asarray(size).reshape(-1)]
        if len(b) != x.ndim or len(s) != x.ndim:
            raise run_error(self, f"Expected begin and size arguments to be 1-D tensors of size {x.ndim}, but got "
                                  f"shapes [{len(b)}] and [{len(s)}] instead.")
        index = []
        for i, (dim, bi, si) in enumerate(zip(x.shape, b, s)):
            if si == -1:
                si = dim - bi
            if not 0 <= bi <= dim:
                raise run_error(self, f"Expected begin[{i}] in [0, {dim}], but got {bi}")
            if not 0 <= si <= dim - bi:
                raise run_error(self, f"Expected size[{i}] in [0, {dim - bi}], but got {si}")
            index.append(slice(bi, bi + si))
        return x[tuple(index)]

    def fold_data(self, constants):
        folded = fold_by_compute(self, constants)
        if folded is not None:
            return folded
        b, s = constant_value(self.begin), constant_value(self.size)
        if b is not None and s is not None and self.input.type == self.output.type \
                and not np.asarray(b).any() and isinstance(self.output.type, T.TensorType) \
                and self.output.type.has_static_shape:
            return [self.input]
        return None

    def static_value(self):
        return static_by_compute(self)


# ----- StridedSlice -------------------------------------------------------------------------------

NEW_AXIS = -1
SHRINK_AXIS = -2


@dataclass
class _DenseDim:
    begin: int | None
    end: int | None
    stride: int | None
    begin_masked: bool
    end_masked: bool
    shrink: bool


def dense_spec(rank: int, begin, end, strides, begin_mask, end_mask, ellipsis_mask, new_axis_mask,
               shrink_axis_mask, error=ShapeError):
    """TF's BuildDenseSpec: (one _DenseDim per input dim, the final shape's gather indices)."""
    if ellipsis_mask & (ellipsis_mask - 1):
        raise error("Multiple ellipses in slice spec not allowed")
    sparse_dims = len(strides)
    ellipsis_seen, new_after_ellipsis = False, 0
    for i in range(sparse_dims):
        if ellipsis_seen and (1 << i) & new_axis_mask:
            new_after_ellipsis += 1
        if (1 << i) & ellipsis_mask:
            ellipsis_seen = True
    if not ellipsis_seen:
        ellipsis_mask |= 1 << sparse_dims
        sparse_dims += 1
    dims, gather, full = [], [], 0
    for i in range(sparse_dims):
        bit = 1 << i
        if bit & ellipsis_mask:
            next_index = min(rank - (sparse_dims - i) + 1 + new_after_ellipsis, rank)
            while full < next_index:
                dims.append(_DenseDim(0, 0, 1, True, True, False))
                gather.append(full)
                full += 1
        elif bit & new_axis_mask:
            gather.append(NEW_AXIS)
        else:
            if full == rank:
                raise error(f"Index out of range using input dim {full}; input has only {rank} dims")
            shrink = bool(bit & shrink_axis_mask)
            dims.append(_DenseDim(begin[i], end[i], strides[i], bool(bit & begin_mask), bool(bit & end_mask),
                                  shrink))
            gather.append(SHRINK_AXIS if shrink else full)
            full += 1
    return dims, gather


def _canonical(x, c, stride, dim, masked):
    """TF's clamping of a begin (c=0) or end (c=1) index into a dim of size `dim`."""
    valid = (0, dim) if stride > 0 else (-1, dim - 1)
    if masked:
        return valid[c] if stride > 0 else valid[(c + 1) & 1]
    x = dim + x if x < 0 else x
    return min(max(x, valid[0]), valid[1])


def slice_dims(shape, dims, error=ShapeError):
    """Per dense dim: (begin, stride, size) with begin/size None when unknown (TF's Step 3)."""
    out = []
    for i, (dim, d) in enumerate(zip(shape, dims)):
        stride = d.stride
        if stride == 0:
            raise error(f"strides[{i}] must be non-zero")
        if d.shrink and stride is not None and stride <= 0:
            raise error("only stride 1 allowed on non-range indexing.")
        if d.shrink:
            if dim is None or d.begin is None:
                out.append((None, 1, 1))
                continue
            begin = dim + d.begin if d.begin < 0 else d.begin
            if not 0 <= begin < dim:
                raise error(f"slice index {d.begin} of dimension {i} out of bounds.")
            out.append((begin, 1, 1))
            continue
        if dim is None or stride is None:
            out.append((None, stride, None))
            continue
        begin_known = d.begin_masked or d.begin is not None
        end_known = d.end_masked or d.end is not None
        if not (begin_known and end_known):
            out.append((None, stride, None))
            continue
        begin = _canonical(d.begin, 0, stride, dim, d.begin_masked)
        end = _canonical(d.end, 1, stride, dim, d.end_masked)
        interval = end - begin
        if interval == 0 or (interval < 0) != (stride < 0):
            size = 0
        else:
            size = interval // stride + (1 if interval % stride else 0)
        out.append((begin, stride, size))
    return out


def final_shape(sizes, gather):
    return [1 if g == NEW_AXIS else sizes[g][2] for g in gather if g != SHRINK_AXIS]


def _masks(attrs) -> tuple:
    return (attrs.begin_mask, attrs.end_mask, attrs.ellipsis_mask, attrs.new_axis_mask, attrs.shrink_axis_mask)


class StridedSliceOp(TFOp):
    """Python-style `input[begin:end:strides]` per index, with TF's masks: bit i of `begin_mask`
    / `end_mask` ignores begin[i] / end[i] (`:`), of `ellipsis_mask` makes index i `...`, of
    `new_axis_mask` `tf.newaxis`, of `shrink_axis_mask` an integer index (the dim is removed):
    `%y = "tf.StridedSlice"(%x, %b, %e, %s) <{shrink_axis_mask = 1 : i64}> : (tensor<4x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<3xf32>`"""

    name = "tf.StridedSlice"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    begin = Operand(C.AnyTensor)
    end = Operand(C.AnyTensor)
    strides = Operand(C.AnyTensor)
    begin_mask = Attr(C.I64Attr, default=I64_ZERO)
    end_mask = Attr(C.I64Attr, default=I64_ZERO)
    ellipsis_mask = Attr(C.I64Attr, default=I64_ZERO)
    new_axis_mask = Attr(C.I64Attr, default=I64_ZERO)
    shrink_axis_mask = Attr(C.I64Attr, default=I64_ZERO)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input, begin, end, strides):
        et = dtype_of(input.type)
        index_types = set()
        for value, what in ((begin, "begin"), (end, "end"), (strides, "strides")):
            check_index_type(value, what)
            check_rank(value, 1, what)
            index_types.add(dtype_of(value.type))
        if len(index_types) > 1:
            raise ShapeError("begin, end and strides must have the same type")
        b, e, s = partial_ints(begin), partial_ints(end), partial_ints(strides)
        lengths = {len(v) for v in (b, e, s) if v is not None}
        if len(lengths) > 1:
            shapes = ", ".join(format_shape(shape_of(v.type)) for v in (begin, end, strides))
            raise ShapeError(f"Expected begin, end, and strides to be 1D equal size tensors, but got shapes "
                             f"{shapes} instead.")
        in_shape = shape_of(input.type)
        if not lengths or in_shape is None:
            return [tensor_type(None, et)]
        n = lengths.pop()
        if n >= 32:
            raise ShapeError("begin, end and strides must have fewer than 32 elements")
        b, e, s = (v if v is not None else [None] * n for v in (b, e, s))
        dims, gather = dense_spec(len(in_shape), b, e, s, *_masks(attrs))
        sizes = slice_dims(in_shape, dims)
        return [tensor_type(final_shape(sizes, gather), et)]

    def compute(self, ctx, x, begin, end, strides):
        x = np.asarray(x)
        return _strided_slice(x, begin, end, strides, _masks(self.attrs), lambda m: run_error(self, m))

    def fold_data(self, constants):
        folded = fold_by_compute(self, constants)
        if folded is not None:
            return folded
        folded = _fold_static(self)
        if folded is not None:
            return folded
        if self._is_identity():
            return [self.input]
        return None

    def _is_identity(self) -> bool:
        t = self.input.type
        if t != self.output.type or not isinstance(t, T.TensorType) or not t.has_static_shape:
            return False
        masks = _masks(self.attrs)
        if masks[3] or masks[4]:
            return False
        values = [constant_value(v) for v in (self.begin, self.end, self.strides)]
        if any(v is None for v in values):
            return False
        b, e, s = ([int(x) for x in np.asarray(v).reshape(-1)] for v in values)
        try:
            dims, _ = dense_spec(t.rank, b, e, s, *masks)
            sizes = slice_dims(t.shape, dims)
        except ShapeError:
            return False
        return all(begin == 0 and stride == 1 and size == dim for (begin, stride, size), dim in zip(sizes, t.shape))

    def static_value(self):
        found = static_by_compute(self)
        if found is not None:
            return found
        return static_from_partial(self, self.partial_value())

    def partial_value(self):
        """The known elements of a slice of a 1-D partial value (`tf.shape(x)[1:]`)."""
        in_shape = shape_of(self.input.type)
        if in_shape is None or len(in_shape) != 1:
            return None
        known = partial_ints(self.input)
        values = [constant_value(v) for v in (self.begin, self.end, self.strides)]
        if known is None or any(v is None for v in values):
            return None
        array = np.empty(len(known), dtype=object)
        array[:] = known
        try:
            out = _strided_slice(array, *values, _masks(self.attrs), ShapeError)
        except ShapeError:
            return None
        return list(np.asarray(out, dtype=object).reshape(-1))


def _strided_slice(x, begin, end, strides, masks, error):
    b, e, s = ([int(v) for v in np.asarray(a).reshape(-1)] for a in (begin, end, strides))
    if not len(b) == len(e) == len(s):
        raise error(f"Expected begin, end, and strides to be 1D equal size tensors, but got shapes "
                    f"[{len(b)}], [{len(e)}], and [{len(s)}] instead.")
    dims, gather = dense_spec(x.ndim, b, e, s, *masks, error=error)
    sizes = slice_dims(x.shape, dims, error)
    index = []
    for begin, stride, size in sizes:
        if size == 0:
            index.append(slice(0, 0))
            continue
        stop = begin + size * stride
        index.append(slice(begin, None if stop < 0 else stop, stride))
    processed = x[tuple(index)]
    return processed.reshape(final_shape(sizes, gather))
