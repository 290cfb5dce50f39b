"""Array ops: reshaping, transposing, joining, splitting and tiling tensors.

Shape inference follows TensorFlow's shape functions: result shapes are static wherever the
operands that describe them (shapes, axes, perms, multiples) are known while building, which
includes values computed from static shapes (`tf.shape(x)[0]` of an `x` with a static first
dim, a `tf.stack` of such scalars). `partial_ints` reads such a shape operand element by
element, unknown elements as None, as TensorFlow's `MakeShapeFromShapeTensor` does.

Slicing ops (tf.Slice, tf.StridedSlice) live in `slice_ops`; shapes as tensors (tf.Shape,
tf.Size, tf.Rank) and tensors made from shapes (tf.Fill, tf.ZerosLike, tf.OnesLike, tf.OneHot) in
`shape_ops`.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.tf.base import (FOLD_ELEMENT_LIMIT, ShapeError, TFOp, constant_value, dtype_of, fold_by_compute,
                                  format_shape, int_list, same_element_type, shape_of, tensor_type)
from tfc.errors import InvalidArgumentError

from tfc.dialects.tf.checks import (INDEX_TYPES, check_index_type, check_rank,  # noqa: E402,F401
                                    check_rank_at_most, merge_shapes)
STATIC_VALUE_LIMIT = 1 << 12  # static values bigger than this are left to folding


# ----- helpers shared by the array and slice ops --------------------------------------------

def partial_ints(value) -> list | None:
    """The elements of an integer vector (or scalar) operand known while building, unknown ones
    as None; None when not even its length is known."""
    data = constant_value(value)
    if data is not None:
        return [int(v) for v in np.asarray(data).reshape(-1)]
    op = value.defining_op if hasattr(value, "defining_op") else None
    partial = getattr(op, "partial_value", None) if op is not None else None
    if partial is not None:
        found = partial()
        if found is not None:
            return found
    shape = shape_of(value.type)
    if shape == ():
        return [None]
    if shape is not None and len(shape) == 1 and shape[0] is not None:
        return [None] * shape[0]
    return None


def partial_scalar(value):
    """A scalar integer operand's value when known while building, else None."""
    found = partial_ints(value)
    return found[0] if found is not None and len(found) == 1 else None


def product(dims):
    """The product of dims, or None when one is unknown (0 when a known one is 0)."""
    if any(d == 0 for d in dims):
        return 0
    if any(d is None for d in dims):
        return None
    return int(np.prod(dims, dtype=np.int64))


def run_error(op, message: str) -> InvalidArgumentError:
    return InvalidArgumentError(message, op.location)


def _result_array(op, value) -> np.ndarray:
    t = op.results[0].type
    return np.asarray(value, dtype=T.numpy_dtype(t))


def static_from_partial(op, partial):
    """A static value from a fully known partial value, shaped as the op's static result."""
    t = op.results[0].type
    if partial is None or any(v is None for v in partial):
        return None
    if not isinstance(t, T.TensorType) or not t.has_static_shape:
        return None
    array = np.asarray(partial, dtype=T.numpy_dtype(t))
    if array.size != t.num_elements():
        return None
    return array.reshape(t.shape)


def splat_fold(op, value):
    """Fold an op whose static result is a splat of `value` (ZerosLike/OnesLike)."""
    t = op.results[0].type
    if not isinstance(t, T.TensorType) or not t.has_static_shape or t.num_elements() > FOLD_ELEMENT_LIMIT:
        return None
    if not isinstance(dtype_of(t), (T.IntegerType, T.FloatType)):
        return None
    return [A.DenseElementsAttr.splat(value, t)]


I64_ZERO = A.IntegerAttr.get(0, T.i64)


# ----- reshaping ------------------------------------------------------------------------------

class ReshapeOp(TFOp):
    """`tensor` with the elements in the same order and shape `shape` (one dim may be -1):
    `%y = "tf.Reshape"(%x, %shape) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>`"""

    name = "tf.Reshape"
    traits = (Pure,)
    tensor = Operand(C.AnyTensor)
    shape = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, tensor, shape):
        et = dtype_of(tensor.type)
        check_index_type(shape, "shape")
        check_rank_at_most(shape, 1, "shape")
        dims = partial_ints(shape)
        if dims is None:
            return [tensor_type(None, et)]
        minus = [i for i, d in enumerate(dims) if d == -1]
        for i, d in enumerate(dims):
            if d is not None and d < -1:
                raise ShapeError(f"Size {i} must be non-negative, not {d}")
        if len(minus) > 1:
            raise ShapeError(f"Only one input size may be -1, not both {minus[0]} and {minus[1]}")
        out = [None if d is None or d < 0 else d for d in dims]
        in_shape = shape_of(tensor.type)
        if in_shape is None:
            return [tensor_type(out, et)]
        return [tensor_type(_reshape_dims(in_shape, out, dims), et)]

    def compute(self, ctx, x, shape):
        x = np.asarray(x)
        dims = [int(d) for d in np.asarray(shape).reshape(-1)]
        n = x.size
        if dims.count(-1) > 1:
            raise run_error(self, "Only one input size may be -1, not both "
                                  f"{dims.index(-1)} and {dims.index(-1, dims.index(-1) + 1)}")
        if -1 in dims:
            known = int(np.prod([d for d in dims if d != -1], dtype=np.int64))
            if known == 0 or n % known:
                if not (known == 0 and n == 0):
                    raise run_error(self, f"Input to reshape is a tensor with {n} values, but the requested "
                                          f"shape requires a multiple of {known}")
                dims = [0 if d == -1 else d for d in dims]
        elif int(np.prod(dims, dtype=np.int64)) != n:
            raise run_error(self, f"Input to reshape is a tensor with {n} values, but the requested shape "
                                  f"has {int(np.prod(dims, dtype=np.int64))}")
        return x.reshape(dims)

    def fold_data(self, constants):
        return fold_by_compute(self, constants) or fold_reshape_chain(self, self.tensor)


_RESHAPE_LIKE = ("tf.Reshape", "tf.ExpandDims", "tf.Squeeze")


def fold_reshape_chain(op, source):
    """A reshape-like op (element order kept) whose static result type is that of its input, or
    of the input of the reshape-like op before it, is that value."""
    t = op.results[0].type
    if not isinstance(t, T.TensorType) or not t.has_static_shape:
        return None
    if source.type == t:
        return [source]
    producer = source.defining_op if hasattr(source, "defining_op") else None
    if producer is not None and producer.name in _RESHAPE_LIKE and not producer.control_inputs \
            and producer.operands[0].type == t:
        return [producer.operands[0]]
    return None


def _reshape_dims(in_shape, out, dims):
    """TF's SetOutputShapeForReshape once the input rank and the output dims are known."""
    num_in = product(in_shape)
    out = list(out)
    unknown_out = [i for i, d in enumerate(out) if d is None]
    unknown_in = [i for i, d in enumerate(in_shape) if d is None]
    known_out = product([d for d in out if d is not None])
    known_in = product([d for d in in_shape if d is not None])
    if num_in is not None and not unknown_out:
        if num_in != known_out:
            raise ShapeError(f"Cannot reshape a tensor with {num_in} elements to shape {format_shape(out)} "
                             f"({known_out} elements)")
        return out
    if len(unknown_out) > 1 or len(unknown_in) > 1:
        return out
    if not unknown_in and len(unknown_out) == 1 and known_out > 0:
        if known_in % known_out:
            raise ShapeError(f"Dimension size must be evenly divisible by {known_out} but is {known_in}")
        out[unknown_out[0]] = known_in // known_out
    elif unknown_in and not unknown_out and known_in != 0:
        if known_out % known_in:
            raise ShapeError(f"Dimension size must be evenly divisible by {known_in} but is {known_out}")
    elif unknown_in and unknown_out and known_in == known_out:
        out[unknown_out[0]] = in_shape[unknown_in[0]]
    return out


class TransposeOp(TFOp):
    """Dims permuted: `y.shape[i] == x.shape[perm[i]]`:
    `%y = "tf.Transpose"(%x, %perm) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>`"""

    name = "tf.Transpose"
    traits = (Pure,)
    x = Operand(C.AnyTensor)
    perm = Operand(C.AnyTensor)
    y = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, x, perm):
        et = dtype_of(x.type)
        check_index_type(perm, "perm")
        check_rank(perm, 1, "perm")
        in_shape = shape_of(x.type)
        perm_shape = shape_of(perm.type)
        n = perm_shape[0] if perm_shape is not None else None
        if in_shape is not None and n is not None and n != len(in_shape):
            raise ShapeError(f"Dimension must be {len(in_shape)} but is {n}")
        values = constant_value(perm)
        if values is None:
            rank = len(in_shape) if in_shape is not None else n
            return [tensor_type(None if rank is None else [None] * rank, et)]
        p = [int(v) for v in np.asarray(values).reshape(-1)]
        rank = len(in_shape) if in_shape is not None else len(p)
        _check_perm(p, rank, ShapeError)
        if in_shape is None:
            return [tensor_type([None] * rank, et)]
        return [tensor_type([in_shape[i] for i in p], et)]

    def compute(self, ctx, x, perm):
        x = np.asarray(x)
        p = [int(v) for v in np.asarray(perm).reshape(-1)]
        if len(p) != x.ndim:
            raise run_error(self, f"transpose expects a vector of size {x.ndim}. But input(1) is a vector of "
                                  f"size {len(p)}")
        _check_perm(p, x.ndim, lambda message: run_error(self, message))
        return np.transpose(x, p)

    def fold_data(self, constants):
        folded = fold_by_compute(self, constants)
        if folded is not None:
            return folded
        values = constant_value(self.perm)
        if values is not None and [int(v) for v in np.asarray(values).reshape(-1)] == list(range(values.size)) \
                and self.x.type == self.y.type:
            return [self.x]
        return None


def _check_perm(p, rank, error):
    seen = set()
    for i in p:
        if not 0 <= i < rank:
            raise error(f"perm dim {i} is out of range of input rank {rank}")
        if i in seen:
            raise error(f"{i} is duplicated in perm")
        seen.add(i)


class ExpandDimsOp(TFOp):
    """A dim of size 1 inserted at index `dim` (negative counts from the end):
    `%y = "tf.ExpandDims"(%x, %dim) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x1x3xf32>`"""

    name = "tf.ExpandDims"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    dim = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input, dim):
        et = dtype_of(input.type)
        check_index_type(dim, "dim")
        values = constant_value(dim)
        if values is not None and np.asarray(values).size != 1:
            raise ShapeError(f"'dim' input must be a tensor with a single value, got {np.asarray(values).size}")
        in_shape = shape_of(input.type)
        if in_shape is None:
            return [tensor_type(None, et)]
        rank = len(in_shape)
        if values is None:
            return [tensor_type([None] * (rank + 1), et)]
        d = int(np.asarray(values).reshape(-1)[0])
        if not -rank - 1 <= d <= rank:
            raise ShapeError(f"dim {d} not in the interval [{-rank - 1}, {rank}].")
        d = d % (rank + 1)
        return [tensor_type(in_shape[:d] + (1,) + in_shape[d:], et)]

    def compute(self, ctx, x, dim):
        x = np.asarray(x)
        d = int(np.asarray(dim).reshape(-1)[0])
        if not -x.ndim - 1 <= d <= x.ndim:
            raise run_error(self, f"Tried to expand dim index {d} for tensor with {x.ndim} dimensions.")
        return np.expand_dims(x, d)

    def fold_data(self, constants):
        return fold_by_compute(self, constants) or fold_reshape_chain(self, self.input)


class SqueezeOp(TFOp):
    """Dims of size 1 removed (those in `squeeze_dims`, or all when it is empty):
    `%y = "tf.Squeeze"(%x) <{squeeze_dims = [0]}> : (tensor<1x3xf32>) -> tensor<3xf32>`"""

    name = "tf.Squeeze"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    squeeze_dims = Attr(C.ArrayOf(C.I64Attr), default=int_list([]))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input):
        et = dtype_of(input.type)
        in_shape = shape_of(input.type)
        if in_shape is None:
            return [tensor_type(None, et)]
        axes = _squeeze_axes(attrs.squeeze_dims, len(in_shape), ShapeError)
        out = []
        for i, d in enumerate(in_shape):
            if axes:
                if i in axes:
                    if d is not None and d != 1:
                        raise ShapeError(f"Can not squeeze dim[{i}], expected a dimension of 1, got {d}")
                    continue
            elif d == 1:
                continue
            elif d is None:
                return [tensor_type(None, et)]  # it may or may not be squeezed away
            out.append(d)
        return [tensor_type(out, et)]

    def compute(self, ctx, x):
        x = np.asarray(x)
        axes = _squeeze_axes(self.attrs.squeeze_dims, x.ndim, lambda m: run_error(self, m))
        if not axes:
            return np.squeeze(x)
        for i in axes:
            if x.shape[i] != 1:
                raise run_error(self, f"Can not squeeze dim[{i}], expected a dimension of 1, got {x.shape[i]}")
        return np.squeeze(x, axis=tuple(sorted(axes)))

    def fold_data(self, constants):
        return fold_by_compute(self, constants) or fold_reshape_chain(self, self.input)


def _squeeze_axes(dims, rank, error) -> set:
    axes = set()
    for d in dims:
        if not -rank <= d < rank:
            raise error(f"Tried to squeeze dim index {d} for tensor with {rank} dimensions "
                        f"(not in [{-rank},{rank}))")
        axes.add(d % rank)
    return axes


# ----- joining and splitting ------------------------------------------------------------------

class ConcatV2Op(TFOp):
    """`values` joined along `axis` (negative counts from the end):
    `%y = "tf.ConcatV2"(%a, %b, %axis) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<i32>) -> tensor<6x3xf32>`"""

    name = "tf.ConcatV2"
    traits = (Pure,)
    values = Operand(C.AnyTensor, variadic=True)
    axis = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, values, axis):
        if not values:
            raise ShapeError("ConcatV2 needs at least one value")
        et = same_element_type(*[v.type for v in values])
        check_index_type(axis, "axis")
        check_rank(axis, 0, "axis")
        shapes = [shape_of(v.type) for v in values]
        ranked = [s for s in shapes if s is not None]
        if not ranked:
            return [tensor_type(None, et)]
        rank = len(ranked[0])
        for s in ranked:
            if len(s) != rank:
                raise ShapeError(f"Shape must be rank {rank} but is rank {len(s)}")
        if rank == 0:
            raise ShapeError("Can't concatenate scalars (use tf.stack instead)")
        a = partial_scalar(axis)
        if a is None:
            return [tensor_type([None] * rank, et)]
        if not -rank <= a < rank:
            raise ShapeError(f"ConcatOp : Expected concatenating dimensions in the range [{-rank}, {rank}), "
                             f"but got {a}")
        a %= rank
        before, after, total = None, None, 0
        for s in ranked:
            before = merge_shapes(before, s[:a])
            after = merge_shapes(after, s[a + 1:])
            total = None if total is None or s[a] is None else total + s[a]
        if len(ranked) < len(shapes):
            total = None
        return [tensor_type(before + (total,) + after, et)]

    def compute(self, ctx, values, axis):
        arrays = [np.asarray(v) for v in values]
        rank = arrays[0].ndim
        a = int(np.asarray(axis).reshape(-1)[0])
        if not -rank <= a < rank:
            raise run_error(self, f"ConcatOp : Expected concatenating dimensions in the range [{-rank}, {rank}), "
                                  f"but got {a}")
        a %= rank
        for i, x in enumerate(arrays[1:], 1):
            if x.ndim != rank or x.shape[:a] + x.shape[a + 1:] != arrays[0].shape[:a] + arrays[0].shape[a + 1:]:
                raise run_error(self, "ConcatOp : Dimensions of inputs should match: shape[0] = "
                                      f"{format_shape(arrays[0].shape)} vs. shape[{i}] = {format_shape(x.shape)}")
        return np.concatenate(arrays, axis=a)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)

    def static_value(self):
        return static_by_compute(self)

    def partial_value(self):
        a = partial_scalar(self.axis)
        if a not in (0, -1) or any(shape_of(v.type) is None or len(shape_of(v.type)) != 1 for v in self.values):
            return None
        out = []
        for v in self.values:
            part = partial_ints(v)
            if part is None:
                return None
            out.extend(part)
        return out


def static_by_compute(op):
    """The value of a pure op whose data operands are all known while building (small only)."""
    t = op.results[0].type
    if not isinstance(t, T.TensorType) or not t.has_static_shape or t.num_elements() > STATIC_VALUE_LIMIT:
        return None
    groups = type(op).split_groups(op.operands, op.properties)[:-1]
    known = []
    for group in groups:
        values = group if isinstance(group, list) else [group]
        arrays = [constant_value(v) for v in values]
        if any(a is None for a in arrays):
            return None
        known.append(arrays if isinstance(group, list) else arrays[0])
    try:
        with np.errstate(all="ignore"):
            return _result_array(op, op.compute(None, *known))
    except Exception:  # noqa: BLE001 - a value that would fail at run time is not static
        return None


class PackOp(TFOp):
    """`values` (all of one shape) stacked along a new dim `axis`:
    `%y = "tf.Pack"(%a, %b) <{axis = 0 : i64}> : (tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>`"""

    name = "tf.Pack"
    traits = (Pure,)
    values = Operand(C.AnyTensor, variadic=True)
    axis = Attr(C.I64Attr, default=I64_ZERO)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, values):
        if not values:
            raise ShapeError("Pack needs at least one value")
        et = same_element_type(*[v.type for v in values])
        shape = None
        for v in values:
            try:
                shape = merge_shapes(shape, shape_of(v.type))
            except ShapeError as err:
                raise ShapeError(f"{err} From merging shape 0 with other shapes.") from None
        if shape is None:
            return [tensor_type(None, et)]
        rank = len(shape) + 1
        a = attrs.axis
        if not -rank <= a < rank:
            raise ShapeError(f"Invalid axis: {a}; must be in [{-rank},{rank})")
        a %= rank
        return [tensor_type(shape[:a] + (len(values),) + shape[a:], et)]

    def compute(self, ctx, values):
        arrays = [np.asarray(v) for v in values]
        for i, x in enumerate(arrays[1:], 1):
            if x.shape != arrays[0].shape:
                raise run_error(self, f"Shapes of all inputs must match: values[0].shape = "
                                      f"{format_shape(arrays[0].shape)} != values[{i}].shape = {format_shape(x.shape)}")
        return np.stack(arrays, axis=self.attrs.axis)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)

    def static_value(self):
        found = static_by_compute(self)
        return found if found is not None else static_from_partial(self, self.partial_value())

    def partial_value(self):
        if any(shape_of(v.type) != () for v in self.values):
            return None
        return [partial_scalar(v) for v in self.values]


class UnpackOp(TFOp):
    """`value` split into its `num` slices along `axis`:
    `%a, %b = "tf.Unpack"(%x) <{axis = 0 : i64, num = 2 : i64}> : (tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3xf32>)`"""

    name = "tf.Unpack"
    traits = (Pure,)
    value = Operand(C.AnyTensor)
    num = Attr(C.I64Attr)
    axis = Attr(C.I64Attr, default=I64_ZERO)
    output = Result(C.AnyTensor, variadic=True)

    @classmethod
    def infer(cls, attrs, value):
        et = dtype_of(value.type)
        num = attrs.num
        if num < 0:
            raise ShapeError(f"num must be non-negative, got {num}")
        shape = shape_of(value.type)
        if shape is None:
            return [tensor_type(None, et)] * num
        rank = len(shape)
        a = attrs.axis
        if not -rank <= a < rank:
            raise ShapeError(f"Invalid axis: {a}; must be in [{-rank},{rank})")
        a %= rank
        if shape[a] is not None and shape[a] != num:
            raise ShapeError(f"Dimension must be {num} but is {shape[a]}")
        return [tensor_type(shape[:a] + shape[a + 1:], et)] * num

    def compute(self, ctx, x):
        x = np.asarray(x)
        a = self.attrs.axis % x.ndim if x.ndim else 0
        if x.ndim == 0 or x.shape[a] != self.attrs.num:
            raise run_error(self, f"Input shape axis {self.attrs.axis} must equal {self.attrs.num}, got shape "
                                  f"{format_shape(x.shape)}")
        parts = [np.take(x, i, axis=a) for i in range(self.attrs.num)]
        return parts[0] if len(parts) == 1 else parts  # one result: its value, not a list

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


class TileOp(TFOp):
    """`input` repeated `multiples[i]` times along each dim i:
    `%y = "tf.Tile"(%x, %multiples) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x3xf32>`"""

    name = "tf.Tile"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    multiples = Operand(C.AnyTensor)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input, multiples):
        et = dtype_of(input.type)
        check_index_type(multiples, "multiples")
        check_rank(multiples, 1, "multiples")
        in_shape = shape_of(input.type)
        m = partial_ints(multiples)
        if in_shape is not None and m is not None and len(m) != len(in_shape):
            raise ShapeError(f"Expected multiples argument to be a vector of length {len(in_shape)} but got "
                             f"length {len(m)}")
        if in_shape is None:
            return [tensor_type(None if m is None else [None if k != 0 else 0 for k in m], et)]
        if m is None:
            return [tensor_type([None] * len(in_shape), et)]
        out = []
        for i, (d, k) in enumerate(zip(in_shape, m)):
            if k is not None and k < 0:
                raise ShapeError(f"Expected multiples[{i}] >= 0, but got {k}")
            out.append(0 if 0 in (d, k) else None if d is None or k is None else d * k)
        return [tensor_type(out, et)]

    def compute(self, ctx, x, multiples):
        x = np.asarray(x)
        m = [int(v) for v in np.asarray(multiples).reshape(-1)]
        if len(m) != x.ndim:
            raise run_error(self, f"Expected multiples argument to be a vector of length {x.ndim} but got "
                                  f"length {len(m)}")
        for i, k in enumerate(m):
            if k < 0:
                raise run_error(self, f"Expected multiples[{i}] >= 0, but got {k}")
        return np.tile(x, m) if m else x.copy()

    def fold_data(self, constants):
        folded = fold_by_compute(self, constants)
        if folded is not None:
            return folded
        m = constant_value(self.multiples)
        if m is not None and all(int(k) == 1 for k in np.asarray(m).reshape(-1)) \
                and self.input.type == self.output.type:
            return [self.input]
        return None
