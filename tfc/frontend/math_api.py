"""TF1's math functions: `tf.add`, `tf.reduce_sum`, `tf.cast`, `tf.where`, `tf.nn.relu`, ...

Each function has TensorFlow 1.x's signature and naming: the op is created in a name scope
(`name`, or TensorFlow's default such as "Add"), Python values are converted there to tensors
named after the op's parameters (`Add/y`) taking the other operand's dtype (`x + 1` stays
float32), and the op takes the scope's name (`Add`, `Add_1`). Wrong dtypes raise TypeError as
TensorFlow's op wrappers do; incompatible static shapes raise ValueError naming the op.
`NN` lists the names that also belong in `tf.nn`.
"""

from __future__ import annotations

import builtins
import contextlib

import numpy as np

from tfc.dialects.tf import math_ops as M
from tfc.dialects.tf import reduction_ops as R
from tfc.frontend import dtypes as D
from tfc.frontend.framework import binary_operands, constant, convert_to_tensor, graph_of, is_tensor_like, output
from tfc.frontend.graph import Tensor

__all__ = ["range", "squared_difference", "clip_by_value", "add", "subtract", "sub", "multiply", "mul", "divide", "truediv", "realdiv", "floordiv", "floormod",
           "mod", "negative", "neg", "abs", "square", "sqrt", "rsqrt", "exp", "log", "log1p", "tanh", "sigmoid",
           "maximum", "minimum", "pow", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
           "logical_and", "logical_or", "logical_not", "where", "where_v2", "cast", "to_float", "to_int32",
           "to_int64", "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "argmax", "argmin",
           "add_n"]

NN = ["relu", "relu6", "elu", "softplus", "sigmoid", "tanh"]


# ----- helpers ------------------------------------------------------------------------------------

@contextlib.contextmanager
def _scope(values, name, default):
    """TF's `ops.name_scope(name, default, values)`: in the graph of `values`, made default."""
    graph = graph_of(*values)
    with graph.as_default(), graph.name_scope(name if name is not None else default) as scope:
        yield scope


@contextlib.contextmanager
def _in_graph(values):
    """The graph of `values` made default (Python values become constants there)."""
    with graph_of(*values).as_default():
        yield


def _require(t: Tensor, param: str, accepts, allowed: str) -> Tensor:
    """TypeError (TensorFlow's message) unless `t`'s dtype is one the op takes."""
    ir = t.dtype.ir
    if ir is None or not accepts(ir):
        raise TypeError(f"Value passed to parameter '{param}' has DataType {t.dtype.name} not in list of "
                        f"allowed values: {allowed}")
    return t


def _binary(x, y, op_type: str):
    """x and y as tensors of one dtype; a Python value takes the other side's dtype and is
    named after its parameter."""
    if is_tensor_like(x) and not is_tensor_like(y):
        x = convert_to_tensor(x)
        y = convert_to_tensor(y, dtype=x.dtype, name="y")
    elif is_tensor_like(y) and not is_tensor_like(x):
        y = convert_to_tensor(y)
        x = convert_to_tensor(x, dtype=y.dtype, name="x")
    elif not is_tensor_like(x):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype=x.dtype, name="y")
    return binary_operands(x, y, op_type)


def _binary_op(op_class, x, y, name, default, attrs=None) -> Tensor:
    op_type = op_class.name.split(".", 1)[1]
    with _scope([x, y], name, default) as scope:
        x, y = _binary(x, y, op_type)
        _require(x, "x", op_class.accepts, op_class.allowed)
        return output(op_class, [x, y], scope, op_type, attrs)


def _unary_op(op_class, x, name, default, param="x") -> Tensor:
    op_type = op_class.name.split(".", 1)[1]
    with _scope([x], name, default) as scope:
        x = convert_to_tensor(x, name=param)
        _require(x, param, op_class.accepts, op_class.allowed)
        return output(op_class, [x], scope, op_type)


def _lookup(new_name, new_value, old_name, old_value):
    """TF's deprecated_argument_lookup."""
    if new_value is not None:
        if old_value is not None:
            raise ValueError(f"Cannot specify both '{old_name}' and '{new_name}'")
        return new_value
    return old_value


# ----- arithmetic ---------------------------------------------------------------------------------

def add(x, y, name=None) -> Tensor:
    return _binary_op(M.AddV2Op, x, y, name, "Add")


def subtract(x, y, name=None) -> Tensor:
    return _binary_op(M.SubOp, x, y, name, "Sub")


def multiply(x, y, name=None) -> Tensor:
    return _binary_op(M.MulOp, x, y, name, "Mul")


sub = subtract
mul = multiply

# TensorFlow's `_TRUEDIV_TABLE`: integers divide as floats of a width that holds them exactly.
_TRUEDIV = {D.int8: D.float32, D.uint8: D.float32, D.int16: D.float32, D.uint16: D.float32,
            D.int32: D.float64, D.int64: D.float64,
            D.float16: None, D.bfloat16: None, D.float32: None, D.float64: None}


def truediv(x, y, name=None) -> Tensor:
    """`x / y` in floating point: integer operands are cast (int32 and int64 to float64)."""
    with _scope([x, y], name, "truediv") as scope:
        x, y = _binary(x, y, "RealDiv")
        if x.dtype not in _TRUEDIV:
            raise TypeError(f"Invalid dtype {x.dtype!r} in __truediv__")
        target = _TRUEDIV[x.dtype]
        if target is not None:
            x, y = cast(x, target), cast(y, target)
        return output(M.RealDivOp, [x, y], scope, "RealDiv")


def divide(x, y, name=None) -> Tensor:
    """`x / y` (TF1's `tf.divide`: Python's true division, an op named "truediv")."""
    return truediv(x, y, name=name)


def realdiv(x, y, name=None) -> Tensor:
    return _binary_op(M.RealDivOp, x, y, name, "RealDiv")


def floordiv(x, y, name=None) -> Tensor:
    return _binary_op(M.FloorDivOp, x, y, name, "floordiv")


def floormod(x, y, name=None) -> Tensor:
    return _binary_op(M.FloorModOp, x, y, name, "FloorMod")


mod = floormod


def maximum(x, y, name=None) -> Tensor:
    return _binary_op(M.MaximumOp, x, y, name, "Maximum")


def minimum(x, y, name=None) -> Tensor:
    return _binary_op(M.MinimumOp, x, y, name, "Minimum")


def pow(x, y, name=None) -> Tensor:  # noqa: A001 - TF's name
    return _binary_op(M.PowOp, x, y, name, "Pow")


def add_n(inputs, name=None) -> Tensor:
    """The sum of tensors of one dtype and shape (a chain of AddV2; the last is named "AddN")."""
    if not isinstance(inputs, (list, tuple)) or not inputs:
        raise ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the same dtype "
                         "and shape")
    with _in_graph(list(inputs)):
        tensors = [convert_to_tensor(t) for t in inputs]
    first = tensors[0]
    shape = first.shape
    for t in tensors[1:]:
        if t.dtype != first.dtype:
            raise TypeError(f"inputs must be a list of Tensors with the same dtype: {first.dtype.name} and "
                            f"{t.dtype.name}")
        try:
            shape = shape.merge_with(t.shape)
        except ValueError:
            shapes = ", ".join(str(s.shape) for s in tensors)
            raise ValueError(f"Shapes must be equal for 'AddN' (op: 'AddN'): the inputs have shapes "
                             f"{shapes}") from None
    if len(tensors) == 1:
        if name:
            from tfc.dialects.tf.core_ops import IdentityOp
            with _scope(tensors, name, "Identity") as scope:
                return output(IdentityOp, [first], scope, "Identity")
        return first
    _require(first, "inputs", M.is_number, M.NUMBERS)
    with _scope(tensors, name, "AddN") as scope:
        total = first
        for i, t in enumerate(tensors[1:], start=2):
            total = output(M.AddV2Op, [total, t], scope if i == len(tensors) else None, "add")
        total.set_shape(shape)  # AddN's inputs all have one shape (AddV2 alone would broadcast)
        return total


# ----- unary math ---------------------------------------------------------------------------------

def negative(x, name=None) -> Tensor:
    return _unary_op(M.NegOp, x, name, "Neg")


neg = negative


def abs(x, name=None) -> Tensor:  # noqa: A001 - TF's name
    return _unary_op(M.AbsOp, x, name, "Abs")


def square(x, name=None) -> Tensor:
    return _unary_op(M.SquareOp, x, name, "Square")


def squared_difference(x, y, name=None) -> Tensor:
    """`(x - y)**2`, as TF's SquaredDifference computes it."""
    with _scope([x, y], name, "SquaredDifference") as scope:
        return _unary_op(M.SquareOp, subtract(x, y), scope, "Square")


def clip_by_value(t, clip_value_min, clip_value_max, name=None) -> Tensor:
    """Elementwise `min(max(t, clip_value_min), clip_value_max)`."""
    with _scope([t, clip_value_min, clip_value_max], name, "clip_by_value") as scope:
        low = maximum(t, clip_value_min)
        return minimum(low, clip_value_max, name=scope)


def sqrt(x, name=None) -> Tensor:
    return _unary_op(M.SqrtOp, x, name, "Sqrt")


def rsqrt(x, name=None) -> Tensor:
    return _unary_op(M.RsqrtOp, x, name, "Rsqrt")


def exp(x, name=None) -> Tensor:
    return _unary_op(M.ExpOp, x, name, "Exp")


def log(x, name=None) -> Tensor:
    return _unary_op(M.LogOp, x, name, "Log")


def log1p(x, name=None) -> Tensor:
    return _unary_op(M.Log1pOp, x, name, "Log1p")


def tanh(x, name=None) -> Tensor:
    return _unary_op(M.TanhOp, x, name, "Tanh")


def sigmoid(x, name=None) -> Tensor:
    return _unary_op(M.SigmoidOp, x, name, "Sigmoid")


# ----- activations (tf.nn) ------------------------------------------------------------------------

def relu(features, name=None) -> Tensor:
    return _unary_op(M.ReluOp, features, name, "Relu", "features")


def relu6(features, name=None) -> Tensor:
    return _unary_op(M.Relu6Op, features, name, "Relu6", "features")


def elu(features, name=None) -> Tensor:
    return _unary_op(M.EluOp, features, name, "Elu", "features")


def softplus(features, name=None) -> Tensor:
    return _unary_op(M.SoftplusOp, features, name, "Softplus", "features")


# ----- comparisons and logic ----------------------------------------------------------------------

def equal(x, y, name=None) -> Tensor:
    return _binary_op(M.EqualOp, x, y, name, "Equal")


def not_equal(x, y, name=None) -> Tensor:
    return _binary_op(M.NotEqualOp, x, y, name, "NotEqual")


def less(x, y, name=None) -> Tensor:
    return _binary_op(M.LessOp, x, y, name, "Less")


def less_equal(x, y, name=None) -> Tensor:
    return _binary_op(M.LessEqualOp, x, y, name, "LessEqual")


def greater(x, y, name=None) -> Tensor:
    return _binary_op(M.GreaterOp, x, y, name, "Greater")


def greater_equal(x, y, name=None) -> Tensor:
    return _binary_op(M.GreaterEqualOp, x, y, name, "GreaterEqual")


def logical_and(x, y, name=None) -> Tensor:
    return _binary_op(M.LogicalAndOp, x, y, name, "LogicalAnd")


def logical_or(x, y, name=None) -> Tensor:
    return _binary_op(M.LogicalOrOp, x, y, name, "LogicalOr")


def logical_not(x, name=None) -> Tensor:
    return _unary_op(M.LogicalNotOp, x, name, "LogicalNot")


# ----- selection ----------------------------------------------------------------------------------

def _select(op_class, condition, x, y, name, default) -> Tensor:
    op_type = op_class.name.split(".", 1)[1]
    with _scope([condition, x, y], name, default) as scope:
        cond = convert_to_tensor(condition, name="condition", preferred_dtype=D.bool)
        _require(cond, "condition", M.is_bool, "bool")
        t, e = _binary(x, y, op_type)
        return output(op_class, [cond, t, e], scope, op_type)


def where(condition, x=None, y=None, name=None) -> Tensor:
    """TF1's `tf.where(condition, x, y)`: elements of x where condition holds, else of y; a
    vector condition picks rows (Select)."""
    if x is None and y is None:
        raise NotImplementedError("tf.where(condition) with one argument (the coordinates of true elements) "
                                  "is not supported; pass x and y")
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return _select(M.SelectOp, condition, x, y, name, "Select")


def where_v2(condition, x=None, y=None, name=None) -> Tensor:
    """`tf.where_v2(condition, x, y)`: condition, x and y broadcast together (SelectV2)."""
    if x is None and y is None:
        raise NotImplementedError("tf.where_v2(condition) with one argument (the coordinates of true "
                                  "elements) is not supported; pass x and y")
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return _select(M.SelectV2Op, condition, x, y, name, "SelectV2")


# ----- casts --------------------------------------------------------------------------------------

def cast(x, dtype, name=None) -> Tensor:
    """`x` as `dtype` (the tensor itself when it has that dtype already)."""
    base = D.as_dtype(dtype)
    if isinstance(x, Tensor) and x.dtype == base:
        return x
    with _scope([x], name, "Cast") as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype == base:
            return x
        _require(x, "x", M.is_number_or_bool, M.NUMBERS_AND_BOOL)
        if base.ir is None or not M.is_number_or_bool(base.ir):
            raise TypeError(f"Value for attr 'DstT' of {base.name} is not in the list of allowed values: "
                            f"{M.NUMBERS_AND_BOOL}")
        return output(M.CastOp, [x], scope, "Cast", {"DstT": base.ir})


def to_float(x, name="ToFloat") -> Tensor:
    return cast(x, D.float32, name=name)


def to_int32(x, name="ToInt32") -> Tensor:
    return cast(x, D.int32, name=name)


def to_int64(x, name="ToInt64") -> Tensor:
    return cast(x, D.int64, name=name)


# ----- reductions ---------------------------------------------------------------------------------

def _reduce(op_class, default, input_tensor, axis, keepdims, name, reduction_indices, keep_dims) -> Tensor:
    axis = _lookup("axis", axis, "reduction_indices", reduction_indices)
    keepdims = _lookup("keepdims", keepdims, "keep_dims", keep_dims)
    keepdims = builtins.bool(keepdims) if keepdims is not None else False
    with _in_graph([input_tensor]):
        x = convert_to_tensor(input_tensor)
        if axis is None:
            rank = x.shape.ndims
            if rank is None:
                axis = _all_axes(x)
            else:
                axis = constant(np.arange(rank, dtype=np.int32), name="Const")
    with _scope([x, axis], name, default) as scope:
        _require(x, "input", M.is_number, M.NUMBERS)
        empty = not is_tensor_like(axis) and np.size(axis) == 0  # [] is int32, as TF's Tidx default
        axes = convert_to_tensor(axis, name="reduction_indices", dtype=D.int32 if empty else None)
        _require(axes, "reduction_indices", lambda t: t in R.INDEX_TYPES, "int32, int64")
        return output(op_class, [x, axes], scope, default, {"keep_dims": keepdims} if keepdims else None)


def _all_axes(x) -> Tensor:
    """`range(rank(x))` for a tensor of unknown rank."""
    from tfc.dialects.tf.shape_ops import RankOp
    rank = output(RankOp, [x], None, "Rank")
    return output(M.RangeOp, [constant(0, D.int32, name="range/start"), rank,
                              constant(1, D.int32, name="range/delta")], None, "range")


def range(start, limit=None, delta=1, dtype=None, name="range") -> Tensor:  # noqa: A001 - TF's name
    """`tf.range`: like Python's range, as a 1-D tensor (int32 for ints, float32 for floats)."""
    if limit is None:
        start, limit = 0, start
    with _scope([start, limit, delta], name, "range") as scope:
        values = [start, limit, delta]
        tensors = [v for v in values if is_tensor_like(v)]
        if dtype is not None:
            dtype = D.as_dtype(dtype)
        elif tensors:
            dtype = convert_to_tensor(tensors[0]).dtype
        else:
            floating = builtins.any(isinstance(v, float) for v in values)
            dtype = D.float32 if floating else D.int32
        names = ("start", "limit", "delta")
        start, limit, delta = (convert_to_tensor(v, dtype=dtype, name=n) for v, n in zip(values, names))
        return output(M.RangeOp, [start, limit, delta], scope, "Range")


def reduce_sum(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduce(R.SumOp, "Sum", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def reduce_mean(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduce(R.MeanOp, "Mean", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def reduce_max(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduce(R.MaxOp, "Max", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def reduce_min(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduce(R.MinOp, "Min", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def reduce_prod(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduce(R.ProdOp, "Prod", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def _arg(op_class, default, input, axis, name, dimension, output_type) -> Tensor:  # noqa: A002
    axis = _lookup("axis", axis, "dimension", dimension)
    if axis is None:
        axis = 0
    out = D.as_dtype(output_type)
    with _scope([input, axis], name, default) as scope:
        x = convert_to_tensor(input, name="input")
        _require(x, "input", M.is_number_or_bool, M.NUMBERS_AND_BOOL)
        dim = convert_to_tensor(axis, name="dimension")
        _require(dim, "dimension", lambda t: t in R.INDEX_TYPES, "int32, int64")
        if out.ir is None or out.ir not in R._ARG_OUTPUT_TYPES:
            raise TypeError(f"Value for attr 'output_type' of {out.name} is not in the list of allowed values: "
                            f"int16, uint16, int32, int64")
        attrs = {"output_type": out.ir} if out != D.int64 else None
        return output(op_class, [x, dim], scope, default, attrs)


def argmax(input, axis=None, name=None, dimension=None, output_type=D.int64) -> Tensor:  # noqa: A002
    return _arg(R.ArgMaxOp, "ArgMax", input, axis, name, dimension, output_type)


def argmin(input, axis=None, name=None, dimension=None, output_type=D.int64) -> Tensor:  # noqa: A002
    return _arg(R.ArgMinOp, "ArgMin", input, axis, name, dimension, output_type)
