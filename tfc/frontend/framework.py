"""Turning Python values into tensors, and the helpers every op wrapper uses.

    def add(x, y, name=None):
        x, y = binary_operands(x, y, "AddV2")
        return output(tf_ops.AddV2Op, [x, y], name, "Add")

`output` creates the op in the graph of its inputs (or the default graph) and returns its
first output Tensor; `build` returns the Operation.
"""

from __future__ import annotations

import numbers

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T

from tfc.dialects.tf.core_ops import ConstOp
from tfc.frontend import dtypes as D
from tfc.frontend.graph import Operation, Tensor, get_default_graph


def graph_of(*values):
    """The graph that `values` (Tensors, lists of them, Python values) live in."""
    for v in values:
        if isinstance(v, (list, tuple)):
            found = graph_of(*v)
            if found is not None:
                return found
        elif isinstance(v, (Tensor, Operation)):
            return v.graph
        elif hasattr(v, "graph") and hasattr(v, "_as_graph_element"):
            return v.graph
    return get_default_graph()


def build(op_class, inputs=(), name=None, default_name=None, attrs=None, result_types=None,
          control_inputs=()) -> Operation:
    graph = graph_of(*inputs)
    for group in inputs:
        for t in (group if isinstance(group, (list, tuple)) else [group]):
            if not isinstance(t, Tensor):
                raise TypeError(f"op inputs must be Tensors, got {t!r}")
            graph._check_same_graph(t)
    return graph.create_op(op_class, inputs, attrs=attrs, name=name or default_name,
                           result_types=result_types, control_inputs=control_inputs)


def output(op_class, inputs=(), name=None, default_name=None, attrs=None, result_types=None) -> Tensor:
    return build(op_class, inputs, name, default_name, attrs, result_types).outputs[0]


# ----- constants -----------------------------------------------------------------------------

def _infer_dtype(value) -> D.DType:
    if isinstance(value, (np.ndarray, np.generic)):
        return D.as_dtype(value.dtype)
    array = np.asarray(value)
    if array.dtype == np.bool_:
        return D.bool
    if array.dtype.kind in "iu":
        fits = array.size == 0 or ((array >= -2**31) & (array < 2**31)).all()
        return D.int32 if fits else D.int64
    if array.dtype.kind == "f":
        return D.float32
    if array.dtype.kind in "US":
        return D.string
    raise TypeError(f"Failed to convert object of type {type(value).__name__} to Tensor. Contents: {value!r}.")


def to_numpy(value, dtype: D.DType, what: str = "value") -> np.ndarray:
    """`value` as an array of `dtype`; TypeError when the conversion would change a value."""
    if dtype in (D.string, D.resource):
        raise TypeError(f"{what}: tensors of dtype {dtype.name} are not supported")
    try:
        source = np.asarray(value)
    except (ValueError, TypeError) as err:
        raise TypeError(f"{what}: cannot convert {value!r} to a tensor: {err}") from None
    if source.dtype.kind in "OUS":
        raise TypeError(f"Expected {dtype.name}, got {value!r} of type '{type(value).__name__}' instead.")
    with np.errstate(all="ignore"):
        array = source.astype(dtype._np)
    lossy = False
    if dtype.is_integer or dtype.is_bool:
        if source.dtype.kind == "f":
            lossy = not np.array_equal(array.astype(np.float64), source.astype(np.float64))
        elif source.dtype.kind in "iu" and not dtype.is_bool:
            lossy = not np.array_equal(array.astype(object), source.astype(object))
        elif source.dtype.kind in "iu" and dtype.is_bool:
            lossy = not np.isin(source, (0, 1)).all()
    if lossy:
        raise TypeError(f"Expected {dtype.name}, got {value!r} of type '{type(value).__name__}' instead.")
    return array


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False) -> Tensor:
    """`tf.constant`: a tf.Const op holding `value` (broadcast to `shape` when given)."""
    dtype = D.as_dtype(dtype) if dtype is not None else _infer_dtype(value)
    source = np.asarray(value)
    if (dtype.is_integer or dtype.is_bool) and source.dtype.kind == "f" and source.size:
        # TF refuses a float for an integer tensor even when it is integral (`x_int + 2.0`)
        raise TypeError(f"Expected {dtype.name}, got {value!r} of type '{type(value).__name__}' instead.")
    array = to_numpy(value, dtype)
    if shape is not None:
        shape = tuple(int(d) for d in (shape if isinstance(shape, (list, tuple)) else [shape]))
        count = int(np.prod(shape))
        if array.size == 1:
            array = np.broadcast_to(array.reshape(()), shape)
        elif array.size == count and not verify_shape:
            array = array.reshape(shape)
        elif 0 < array.size < count and not verify_shape:
            # TF1 fills the rest with the last element: constant([1, 2], shape=[2, 3])
            flat = array.reshape(-1)
            array = np.concatenate([flat, np.repeat(flat[-1:], count - flat.size)]).reshape(shape)
        else:
            raise TypeError(f"Expected Tensor's shape: {shape}, got {array.shape}.")
    t = T.TensorType(array.shape, dtype.ir)
    graph = get_default_graph()
    return graph.create_op(ConstOp, [], attrs={"value": A.DenseElementsAttr(array, t)}, name=name).outputs[0]


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None) -> Tensor:
    """A Tensor for `value`: Tensors pass through, Variables read, Python/numpy values become
    constants of `dtype` (or `preferred_dtype` when the value converts to it exactly)."""
    dtype = D.as_dtype(dtype) if dtype is not None else None
    if hasattr(value, "_as_tensor") and not isinstance(value, Tensor):
        value = value._as_tensor(dtype)
    if isinstance(value, Tensor):
        if dtype is not None and value.dtype != dtype:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                             f"{value.dtype.name}: {value!r}")
        return value
    if isinstance(value, Operation):
        raise TypeError(f"Can't convert Operation '{value.name}' to Tensor (target dtype={dtype}, name={name!r})")
    if isinstance(value, (list, tuple)) and any(isinstance(v, Tensor) or hasattr(v, "_as_tensor") for v in _flat(value)):
        from tfc.frontend.array_api import stack_nested
        return stack_nested(value, dtype, name)
    preferred = preferred_dtype or dtype_hint
    if dtype is None and preferred is not None:
        try:
            return constant(value, dtype=preferred, name=name or "Const")
        except (TypeError, ValueError):
            pass
    return constant(value, dtype=dtype, name=name or "Const")


def _flat(values):
    for v in values:
        if isinstance(v, (list, tuple)):
            yield from _flat(v)
        else:
            yield v


def is_tensor_like(value) -> bool:
    return isinstance(value, Tensor) or hasattr(value, "_as_tensor")


def binary_operands(x, y, op_type: str) -> tuple:
    """Both operands as Tensors of one dtype: a Python value takes the other side's dtype."""
    if is_tensor_like(x):
        x = convert_to_tensor(x)
        y = _operand_like(y, x.dtype, op_type, "y", x)
    elif is_tensor_like(y):
        y = convert_to_tensor(y)
        x = _operand_like(x, y.dtype, op_type, "x", y)
    else:
        x = convert_to_tensor(x)
        y = _operand_like(y, x.dtype, op_type, "y", x)
    return x, y


def _operand_like(value, dtype: D.DType, op_type: str, arg: str, other: Tensor) -> Tensor:
    if is_tensor_like(value):
        value = convert_to_tensor(value)
        if value.dtype != dtype:
            first, second = ("x", "y") if arg == "y" else ("y", "x")
            raise TypeError(f"Input '{arg}' of '{op_type}' Op has type {value.dtype.name} that does not match "
                            f"type {dtype.name} of argument '{first}'.")
        return value
    if isinstance(value, numbers.Number) or isinstance(value, (list, tuple, np.ndarray, np.generic)):
        return convert_to_tensor(value, dtype=dtype, name=None)
    raise TypeError(f"Failed to convert object of type {type(value).__name__} to Tensor. Contents: {value!r}.")
