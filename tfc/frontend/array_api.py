"""TF1's array functions (`tf.reshape`, `tf.concat`, `tf.stack`, `tf.shape`, `tf.one_hot`, ...),
Python indexing of tensors (`x[:, 0]`, `x[..., None]`) and the auto-packing of nested lists
that contain tensors (`tf.convert_to_tensor([t, 1.0])`).

Each function builds its op as TensorFlow's generated wrappers do: inside a name scope named
after the op (so the constants made from Python arguments are `Reshape/shape`, `concat/axis`,
...) and with the op itself named exactly after the scope.
"""

from __future__ import annotations

import builtins

import numpy as np

from tfc.dialects.tf import array_ops as ops
from tfc.dialects.tf import shape_ops, slice_ops
from tfc.dialects.tf.core_ops import IdentityOp, StopGradientOp
from tfc.frontend import dtypes as D
from tfc.frontend.framework import build, constant, convert_to_tensor, graph_of, is_tensor_like
from tfc.frontend.graph import Tensor
from tfc.frontend.tensor_shape import Dimension, TensorShape

__all__ = [
    "reshape", "transpose", "expand_dims", "squeeze", "concat", "stack", "pack", "unstack", "unpack", "slice",
    "strided_slice", "tile", "fill", "zeros", "ones", "zeros_like", "ones_like", "shape", "size", "rank",
    "one_hot", "identity", "stop_gradient",
]

_INDEX = "index"  # an int32 (preferred) or int64 input
_SLICE_TYPE_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                     "tf.int32/tf.int64 tensors are valid indices")


# ----- building ops as TF's wrappers do -----------------------------------------------------------

def _plain(value):
    """Python values with TensorShapes and Dimensions turned into ints (for shape arguments)."""
    if isinstance(value, TensorShape):
        if not value.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: {value}")
        return value.as_list()
    if isinstance(value, Dimension):
        if value.value is None:
            raise ValueError("Cannot convert an unknown Dimension to a Tensor: ?")
        return value.value
    if isinstance(value, (list, tuple)) and any(isinstance(v, (TensorShape, Dimension, list, tuple)) for v in value):
        return [_plain(v) for v in value]
    return value


def _convert(value, arg: str, kind, op_type: str) -> Tensor:
    if kind == _INDEX:
        t = convert_to_tensor(_plain(value), name=arg, preferred_dtype=D.int32)
        if t.dtype not in (D.int32, D.int64):
            raise TypeError(f"Value passed to parameter '{arg}' has DataType {t.dtype.name} not in list of "
                            f"allowed values: int32, int64")
        return t
    if isinstance(kind, D.DType):
        return convert_to_tensor(value, dtype=kind, name=arg)
    return convert_to_tensor(value, name=arg)


def _convert_list(values, arg: str, op_type: str) -> list:
    """A list input whose elements share one dtype: the first tensor's, else the first value's."""
    if isinstance(values, (Tensor,)) or not isinstance(values, (list, tuple)):
        raise TypeError(f"Expected list for '{arg}' argument to '{op_type}' Op, not {values!r}.")
    given = {i: convert_to_tensor(v) for i, v in enumerate(values) if is_tensor_like(v)}
    dtype = next(iter(given.values())).dtype if given else None
    out = []
    for i, v in enumerate(values):
        t = given[i] if i in given else convert_to_tensor(v, dtype=dtype, name=f"{arg}_{i}")
        if dtype is None:
            dtype = t.dtype
        elif t.dtype != dtype:
            raise TypeError(f"Tensors in list passed to '{arg}' of '{op_type}' Op have types "
                            f"[{', '.join(x.dtype.name for x in [*out, t])}, ...] that don't all match.")
        out.append(t)
    return out


def _apply(op_class, name, inputs, attrs=None):
    """Build `op_class` in a scope `name` from (value, TF input name, kind) triples; kind is None,
    _INDEX, a DType, or "list" for a variadic input. Returns the Operation."""
    op_type = op_class.name.split(".", 1)[1]
    graph = graph_of(*[value for value, _, _ in inputs])
    with graph.as_default(), graph.name_scope(name or op_type) as scope:
        groups = []
        for value, arg, kind in inputs:
            if kind == "list":
                groups.append(_convert_list(value, arg, op_type))
            else:
                groups.append(_convert(value, arg, kind, op_type))
        return build(op_class, groups, name=scope, attrs=attrs)


def _output(op_class, name, inputs, attrs=None) -> Tensor:
    return _apply(op_class, name, inputs, attrs).outputs[0]


def _cast(x: Tensor, dtype: D.DType, name="Cast") -> Tensor:
    if x.dtype == dtype:
        return x
    from tfc.dialects.tf.math_ops import CastOp
    return build(CastOp, [x], name=name, attrs={"DstT": dtype.ir}).outputs[0]


# ----- reshaping ------------------------------------------------------------------------------------

def reshape(tensor, shape, name=None) -> Tensor:
    """`tf.reshape`: one dim of `shape` may be -1."""
    return _output(ops.ReshapeOp, name, [(tensor, "tensor", None), (shape, "shape", _INDEX)])


def transpose(a, perm=None, name="transpose", conjugate=False) -> Tensor:
    """`tf.transpose`: dims permuted by `perm` (reversed when None)."""
    graph = graph_of(a)
    with graph.as_default(), graph.name_scope(name or "transpose") as scope:
        a = convert_to_tensor(a, name="a")
        if perm is None:
            ndims = a.shape.ndims
            if ndims is None:
                perm = _reversed_range(a)
            else:
                perm = np.arange(ndims - 1, -1, -1, dtype=np.int32)
        return _output(ops.TransposeOp, scope, [(a, "x", None), (perm, "perm", _INDEX)])


def _reversed_range(a: Tensor) -> Tensor:
    """`(rank - 1) - range(rank)` for a tensor of unknown rank."""
    from tfc.dialects.tf import math_ops
    range_op = math_ops.RangeOp
    r = build(shape_ops.RankOp, [a], name="Rank").outputs[0]
    last = build(math_ops.SubOp, [r, constant(1, D.int32, name="sub/y")], name="sub").outputs[0]
    seq = build(range_op, [constant(0, D.int32, name="range/start"), r, constant(1, D.int32, name="range/delta")],
                name="range").outputs[0]
    return build(math_ops.SubOp, [last, seq], name="sub_1").outputs[0]


def expand_dims(input, axis=None, name=None, dim=None) -> Tensor:  # noqa: A002 - TF's name
    """`tf.expand_dims`: a dim of 1 inserted at `axis` (`dim` is its deprecated name)."""
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'axis' and 'dim'")
    axis = dim if axis is None else axis
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    return _output(ops.ExpandDimsOp, name, [(input, "input", None), (axis, "dim", _INDEX)])


def squeeze(input, axis=None, name=None, squeeze_dims=None) -> Tensor:  # noqa: A002 - TF's name
    """`tf.squeeze`: dims of 1 removed (those in `axis`, or all)."""
    if axis is not None and squeeze_dims is not None:
        raise ValueError("Cannot specify both 'axis' and 'squeeze_dims'")
    axis = squeeze_dims if axis is None else axis
    if isinstance(axis, (int, np.integer)):
        axis = [axis]
    attrs = {"squeeze_dims": [int(a) for a in axis]} if axis else {}
    return _output(ops.SqueezeOp, name, [(input, "input", None)], attrs)


# ----- joining and splitting -----------------------------------------------------------------------

def concat(values, axis, name="concat") -> Tensor:
    """`tf.concat`: `values` joined along `axis`."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    if len(values) == 1:
        graph = graph_of(values, axis)
        with graph.as_default(), graph.name_scope(name or "concat") as scope:
            dim = convert_to_tensor(axis, name="concat_dim", dtype=D.int32)
            if dim.shape.ndims not in (None, 0):
                raise ValueError(f"Shape must be rank 0 but is rank {dim.shape.ndims} for 'concat_dim'")
            return build(IdentityOp, [convert_to_tensor(values[0])], name=scope).outputs[0]
    return _output(ops.ConcatV2Op, name, [(values, "values", "list"), (axis, "axis", _INDEX)])


def stack(values, axis=0, name="stack") -> Tensor:
    """`tf.stack`: `values` (of one shape) stacked along a new dim `axis`."""
    name = name or "stack"
    if axis == 0:
        try:
            return convert_to_tensor(values, name=name)
        except (TypeError, ValueError):
            pass  # the values do not make one constant or auto-packed tensor: build Pack below
    first = convert_to_tensor(values[0], name=name)
    ndims = first.shape.ndims
    if ndims is not None:
        expanded = ndims + 1
        if not -expanded <= axis < expanded:
            raise ValueError(f"axis = {axis} not in [{-expanded}, {expanded})")
    return _output(ops.PackOp, name, [(values, "values", "list")], {"axis": int(axis)})


pack = stack


def unstack(value, num=None, axis=0, name="unstack") -> list:
    """`tf.unstack`: the slices of `value` along `axis` (`num` from the static shape if not given)."""
    if num is None:
        value = convert_to_tensor(value)
        shape = value.shape
        if shape.ndims is not None:
            if not -shape.ndims <= axis < shape.ndims:
                raise ValueError(f"axis = {axis} not in [{-shape.ndims}, {shape.ndims})")
            num = shape.as_list()[axis]
        if num is None:
            raise ValueError(f"Cannot infer num from shape {shape}")
    op = _apply(ops.UnpackOp, name or "unstack", [(value, "value", None)], {"num": int(num), "axis": int(axis)})
    return op.outputs


unpack = unstack


# ----- slicing ----------------------------------------------------------------------------------------

def slice(input_, begin, size, name=None) -> Tensor:  # noqa: A001 - TF's name
    """`tf.slice`: `size[i]` elements from `begin[i]` per dim (-1: the rest)."""
    return _output(slice_ops.SliceOp, name, [(input_, "input", None), (begin, "begin", _INDEX),
                                             (size, "size", _INDEX)])


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0,
                  shrink_axis_mask=0, var=None, name=None) -> Tensor:
    """`tf.strided_slice` with TF's masks (see `slice_ops.StridedSliceOp`)."""
    if strides is None:
        strides = ones_like(begin) if is_tensor_like(begin) else [1] * len(begin)
    attrs = {"begin_mask": int(begin_mask), "end_mask": int(end_mask), "ellipsis_mask": int(ellipsis_mask),
             "new_axis_mask": int(new_axis_mask), "shrink_axis_mask": int(shrink_axis_mask)}
    return _output(slice_ops.StridedSliceOp, name, [(input_, "input", None), (begin, "begin", _INDEX),
                                                    (end, "end", _INDEX), (strides, "strides", _INDEX)], attrs)


def _is_undefined_dimension(d) -> bool:
    return isinstance(d, Dimension) and d.value is None


def _check_index(idx) -> None:
    if isinstance(idx, (int, np.integer, Dimension)) and not isinstance(idx, bool):
        return
    dtype = getattr(idx, "dtype", None)
    try:
        dtype = D.as_dtype(dtype) if dtype is not None else None
    except TypeError:
        dtype = None
    if dtype not in (D.int32, D.int64) or (isinstance(idx, Tensor) and idx.shape.ndims not in (None, 0)):
        raise TypeError(f"{_SLICE_TYPE_ERROR}, got {idx!r}")


def _index_value(idx):
    if isinstance(idx, Dimension):
        return idx.value
    if isinstance(idx, np.integer):
        return int(idx)
    return idx


def _plus_one(idx):
    if not isinstance(idx, Tensor):
        return idx + 1
    if hasattr(Tensor, "__add__"):
        return idx + 1
    from tfc.dialects.tf.math_ops import AddV2Op
    return build(AddV2Op, [idx, constant(1, idx.dtype, name="add/y")], name="add").outputs[0]


def tensor_getitem(tensor, slice_spec):
    """`tensor[slice_spec]` as TensorFlow's `_slice_helper` builds it: one tf.StridedSlice
    named `strided_slice`, with begin/end/strides stacked from the Python key."""
    if not isinstance(tensor, Tensor):
        tensor = convert_to_tensor(tensor)
    if isinstance(slice_spec, bool) or (isinstance(slice_spec, Tensor) and slice_spec.dtype == D.bool) or \
            (isinstance(slice_spec, np.ndarray) and slice_spec.dtype == np.bool_):
        raise TypeError("boolean masks (tf.boolean_mask) are not supported as indices")
    if not isinstance(slice_spec, (list, tuple)):
        slice_spec = [slice_spec]
    begin, end, strides = [], [], []
    begin_mask = end_mask = ellipsis_mask = new_axis_mask = shrink_axis_mask = 0
    for index, s in enumerate(slice_spec):
        bit = 1 << index
        if isinstance(s, builtins.slice):
            if s.start is not None and not _is_undefined_dimension(s.start):
                _check_index(s.start)
                begin.append(_index_value(s.start))
            else:
                begin.append(0)
                begin_mask |= bit
            if s.stop is not None and not _is_undefined_dimension(s.stop):
                _check_index(s.stop)
                end.append(_index_value(s.stop))
            else:
                end.append(0)
                end_mask |= bit
            if s.step is not None and not _is_undefined_dimension(s.step):
                _check_index(s.step)
                strides.append(_index_value(s.step))
            else:
                strides.append(1)
        elif s is Ellipsis:
            begin.append(0)
            end.append(0)
            strides.append(1)
            ellipsis_mask |= bit
        elif s is None:
            begin.append(0)
            end.append(0)
            strides.append(1)
            new_axis_mask |= bit
        else:
            _check_index(s)
            s = _index_value(s)
            begin.append(s)
            end.append(_plus_one(s))
            strides.append(1)
            shrink_axis_mask |= bit
    graph = tensor.graph
    with graph.as_default(), graph.name_scope("strided_slice") as scope:
        if begin:
            packed = [stack(begin), stack(end), stack(strides)]
            if any(p.dtype == D.int64 for p in packed):
                packed = [_cast(p, D.int64) for p in packed]
        else:
            empty = constant([], dtype=D.int32)
            packed = [empty, empty, empty]
        return strided_slice(tensor, *packed, begin_mask=begin_mask, end_mask=end_mask,
                             ellipsis_mask=ellipsis_mask, new_axis_mask=new_axis_mask,
                             shrink_axis_mask=shrink_axis_mask, name=scope)


def stack_nested(value, dtype=None, name=None) -> Tensor:
    """A nested list/tuple holding Tensors (and Python numbers) as one tensor: TF's auto-packing,
    a tf.Pack per list level that holds a tensor (named `packed` unless `name` is given)."""
    dtype = D.as_dtype(dtype) if dtype is not None else None
    inferred = _first_dtype(value)
    if inferred is None:
        return constant(value, dtype=dtype, name=name or "Const")
    if dtype is None:
        dtype = inferred
    elif dtype != inferred:
        value = _cast_nested(value, dtype)
    graph = graph_of(value)
    with graph.as_default():
        packed = _autopack(graph, value, dtype, name or "packed")
    if not isinstance(packed, Tensor):
        return constant(packed, dtype=dtype, name=name or "Const")
    return packed


def _first_dtype(value):
    for v in value:
        if isinstance(v, (list, tuple)):
            found = _first_dtype(v)
            if found is not None:
                return found
        elif is_tensor_like(v):
            return convert_to_tensor(v).dtype
    return None


def _cast_nested(value, dtype):
    out = []
    for v in value:
        if isinstance(v, (list, tuple)):
            out.append(_cast_nested(v, dtype))
        elif is_tensor_like(v):
            out.append(_cast(convert_to_tensor(v), dtype))
        else:
            out.append(v)
    return out


def _autopack(graph, values, dtype, name):
    with graph.name_scope(name) as scope:
        converted, must_pack = [], False
        for i, elem in enumerate(values):
            if is_tensor_like(elem):
                t = convert_to_tensor(elem)
                if t.dtype != dtype:
                    raise TypeError(f"Cannot convert a list containing a tensor of dtype {t.dtype.name} to "
                                    f"{dtype.name} (Tensor is: {t!r})")
                converted.append(t)
                must_pack = True
            elif isinstance(elem, (list, tuple)):
                inner = _autopack(graph, elem, dtype, str(i))
                must_pack = must_pack or isinstance(inner, Tensor)
                converted.append(inner)
            else:
                converted.append(elem)
        if not must_pack:
            return converted
        tensors = [e if isinstance(e, Tensor) else constant(e, dtype=dtype, name=str(i))
                   for i, e in enumerate(converted)]
        return build(ops.PackOp, [tensors], name=scope).outputs[0]


# ----- tiling and filling -------------------------------------------------------------------------------

def tile(input, multiples, name=None) -> Tensor:  # noqa: A002 - TF's name
    """`tf.tile`: `input` repeated `multiples[i]` times along dim i."""
    return _output(ops.TileOp, name, [(input, "input", None), (multiples, "multiples", _INDEX)])


def fill(dims, value, name=None) -> Tensor:
    """`tf.fill`: a tensor of shape `dims` filled with the scalar `value`."""
    return _output(shape_ops.FillOp, name, [(dims, "dims", _INDEX), (value, "value", None)])


def _filled(shape, dtype, value, name, default_name) -> Tensor:
    dtype = D.as_dtype(dtype)
    graph = graph_of(shape)
    with graph.as_default(), graph.name_scope(name or default_name) as scope:
        if not isinstance(shape, Tensor):
            try:
                dims = [int(d) for d in np.asarray(_plain(shape), dtype=np.int64).reshape(-1)]
            except (TypeError, ValueError):
                dims = None
            if dims is not None and int(np.prod(dims, dtype=np.int64)) < 1000:
                return constant(value, dtype=dtype, shape=dims, name=scope)
            if dims is not None:
                shape = constant(np.asarray(dims, np.int64 if max(dims, default=0) >= 2**31 else np.int32),
                                 name="shape_as_tensor")
            else:
                shape = convert_to_tensor(shape, dtype=D.int32)
        if shape.shape.ndims == 0:
            shape = reshape(shape, [-1])
        scalar = constant(value, dtype=dtype, name="Const")
        return build(shape_ops.FillOp, [shape, scalar], name=scope).outputs[0]


def zeros(shape, dtype=D.float32, name=None) -> Tensor:
    """`tf.zeros`: a constant when small, else a tf.Fill."""
    return _filled(shape, dtype, False if D.as_dtype(dtype) == D.bool else 0, name, "zeros")


def ones(shape, dtype=D.float32, name=None) -> Tensor:
    """`tf.ones`: a constant when small, else a tf.Fill."""
    return _filled(shape, dtype, True if D.as_dtype(dtype) == D.bool else 1, name, "ones")


def zeros_like(tensor, dtype=None, name=None, optimize=True) -> Tensor:
    """`tf.zeros_like`: a constant when the shape is static, else tf.ZerosLike (of a cast when
    `dtype` differs)."""
    return _like(shape_ops.ZerosLikeOp, tensor, dtype, name, optimize, "zeros_like", zeros)


def ones_like(tensor, dtype=None, name=None, optimize=True) -> Tensor:
    """`tf.ones_like`: a constant when the shape is static, else tf.OnesLike (of a cast when
    `dtype` differs)."""
    return _like(shape_ops.OnesLikeOp, tensor, dtype, name, optimize, "ones_like", ones)


def _like(op_class, tensor, dtype, name, optimize, default_name, filled):
    graph = graph_of(tensor)
    with graph.as_default(), graph.name_scope(name or default_name) as scope:
        tensor = convert_to_tensor(tensor, name="tensor")
        dtype = D.as_dtype(dtype) if dtype is not None else tensor.dtype
        if optimize and tensor.shape.is_fully_defined():
            return filled(tensor.shape.as_list(), dtype=dtype, name=scope)
        return build(op_class, [_cast(tensor, dtype)], name=scope).outputs[0]


# ----- shapes as tensors ----------------------------------------------------------------------------------

def shape(input, name=None, out_type=D.int32) -> Tensor:  # noqa: A002 - TF's name
    """`tf.shape`: a constant when the shape is static, else tf.Shape."""
    out_type = D.as_dtype(out_type)
    graph = graph_of(input)
    with graph.as_default(), graph.name_scope(name or "Shape") as scope:
        input = convert_to_tensor(input)
        if input.shape.is_fully_defined():
            return constant(np.asarray(input.shape.as_list(), dtype=out_type._np), dtype=out_type, name=scope)
        return build(shape_ops.ShapeOp, [input], name=scope, attrs={"out_type": out_type.ir}).outputs[0]


def size(input, name=None, out_type=D.int32) -> Tensor:  # noqa: A002 - TF's name
    """`tf.size`: a constant when the number of elements is static, else tf.Size."""
    out_type = D.as_dtype(out_type)
    graph = graph_of(input)
    with graph.as_default(), graph.name_scope(name or "Size") as scope:
        input = convert_to_tensor(input)
        s = input.shape
        if s.is_fully_defined():
            return constant(s.num_elements(), dtype=out_type, name=scope)
        if s.ndims is not None and 0 in s.as_list():
            return constant(0, dtype=out_type, name=scope)
        return build(shape_ops.SizeOp, [input], name=scope, attrs={"out_type": out_type.ir}).outputs[0]


def rank(input, name=None) -> Tensor:  # noqa: A002 - TF's name
    """`tf.rank`: a constant when the rank is static, else tf.Rank."""
    graph = graph_of(input)
    with graph.as_default(), graph.name_scope(name or "Rank") as scope:
        input = convert_to_tensor(input)
        if input.shape.ndims is not None:
            return constant(input.shape.ndims, dtype=D.int32, name=scope)
        return build(shape_ops.RankOp, [input], name=scope).outputs[0]


# ----- one-hot --------------------------------------------------------------------------------------------

def _dtype_of_value(value) -> D.DType:
    if is_tensor_like(value):
        return convert_to_tensor(value).dtype
    from tfc.frontend.framework import _infer_dtype
    return _infer_dtype(value)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None) -> Tensor:
    """`tf.one_hot`: `on_value` (1) at each index along a new dim of size `depth`, `off_value`
    (0) elsewhere; the dtype comes from `dtype`, the on/off values, or float32."""
    graph = graph_of(indices, depth, on_value, off_value)
    dtype = D.as_dtype(dtype) if dtype is not None else None
    with graph.as_default(), graph.name_scope(name or "one_hot") as scope:
        on_dtype = _dtype_of_value(on_value) if on_value is not None else None
        off_dtype = _dtype_of_value(off_value) if off_value is not None else None
        if on_value is not None or off_value is not None:
            if dtype is not None:
                if on_dtype is not None and on_dtype != dtype:
                    raise TypeError(f"dtype {on_dtype.name} of on_value does not match dtype parameter {dtype.name}")
                if off_dtype is not None and off_dtype != dtype:
                    raise TypeError(f"dtype {off_dtype.name} of off_value does not match dtype parameter "
                                    f"{dtype.name}")
            else:
                dtype = on_dtype if on_dtype is not None else off_dtype
        elif dtype is None:
            dtype = D.float32
        on = convert_to_tensor(1 if on_value is None else on_value, dtype=dtype, name="on_value")
        off = convert_to_tensor(0 if off_value is None else off_value, dtype=dtype, name="off_value")
        if on.dtype != off.dtype:
            raise TypeError(f"dtype {on.dtype.name} of on_value does not match dtype {off.dtype.name} of off_value")
        indices = convert_to_tensor(indices, name="indices")
        depth = convert_to_tensor(depth, dtype=D.int32, name="depth")
        attrs = {"axis": -1 if axis is None else int(axis)}
        return build(shape_ops.OneHotOp, [indices, depth, on, off], name=scope, attrs=attrs).outputs[0]


# ----- identities -----------------------------------------------------------------------------------------

def identity(input, name=None) -> Tensor:  # noqa: A002 - TF's name
    """`tf.identity`."""
    return _output(IdentityOp, name, [(input, "input", None)])


def stop_gradient(input, name=None) -> Tensor:  # noqa: A002 - TF's name
    """`tf.stop_gradient`: an identity that gradients do not flow through."""
    return _output(StopGradientOp, name, [(input, "input", None)])
