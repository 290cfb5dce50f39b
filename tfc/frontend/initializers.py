"""Variable initializers (`tf.zeros_initializer()`, `tf.glorot_uniform_initializer()`, ...) and
the seeded random tensor functions (`tf.random_uniform`, `tf.random_normal`,
`tf.truncated_normal`, `tf.set_random_seed`).

Seeds follow TensorFlow's rule: with a graph seed, an op without its own seed gets one from the
graph's op count; with only an op seed, the graph seed defaults to 87654321; with neither, the
numbers differ from run to run.
"""

from __future__ import annotations

import math

import numpy as np

from tfc.frontend import dtypes as D
from tfc.frontend.framework import constant, convert_to_tensor, output
from tfc.frontend.graph import get_default_graph

DEFAULT_GRAPH_SEED = 87654321


def set_random_seed(seed) -> None:
    get_default_graph().seed = seed


def get_seed(op_seed):
    graph = get_default_graph()
    if graph.seed is not None:
        if op_seed is None:
            op_seed = len(graph._by_name)
        return graph.seed, op_seed
    if op_seed is not None:
        return DEFAULT_GRAPH_SEED, op_seed
    return None, None


def _random(op_class, shape, dtype, seed, name):
    from tfc.dialects.tf import state_ops
    dtype = D.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"Invalid dtype {dtype.name}: random ops here produce floating-point tensors")
    seed1, seed2 = get_seed(seed)
    shape_tensor = _shape_tensor(shape)
    attrs = {"dtype": dtype.ir, "seed": int(seed1 or 0), "seed2": int(seed2 or 0)}
    return output(getattr(state_ops, op_class), [shape_tensor], name, op_class[:-len("Op")], attrs)


def _shape_tensor(shape):
    from tfc.frontend.graph import Tensor
    if isinstance(shape, Tensor):
        return shape
    dims = list(shape.as_list()) if hasattr(shape, "as_list") else list(shape)
    if any(d is None for d in dims):
        raise ValueError(f"a random tensor needs a fully defined shape, got {dims}")
    return constant(np.asarray(dims, np.int32), dtype=D.int32, name="shape")


def _affine(x, scale, shift, dtype, name):
    """x * scale + shift as tf ops (left out when scale is 1 and shift 0)."""
    from tfc.dialects.tf import math_ops
    if scale != 1:
        x = output(math_ops.MulOp, [x, constant(scale, dtype=dtype, name="scale")], None, "mul")
    if shift != 0:
        x = output(math_ops.AddV2Op, [x, constant(shift, dtype=dtype, name="shift")], name, "add")
    return x


def random_uniform(shape, minval=0, maxval=None, dtype=D.float32, seed=None, name=None):
    dtype = D.as_dtype(dtype)
    maxval = 1 if maxval is None else maxval
    graph = get_default_graph()
    with graph.name_scope(name or "random_uniform"):
        x = _random("RandomUniformOp", shape, dtype, seed, None)
        return _affine(x, maxval - minval, minval, dtype, None)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    graph = get_default_graph()
    with graph.name_scope(name or "random_normal"):
        x = _random("RandomStandardNormalOp", shape, dtype, seed, None)
        return _affine(x, stddev, mean, D.as_dtype(dtype), None)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    graph = get_default_graph()
    with graph.name_scope(name or "truncated_normal"):
        x = _random("TruncatedNormalOp", shape, dtype, seed, None)
        return _affine(x, stddev, mean, D.as_dtype(dtype), None)


# ----- initializers --------------------------------------------------------------------------

class Initializer:
    """Called as `init(shape, dtype=None, partition_info=None)` to make the initial value."""

    dtype = None

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def _dtype(self, dtype):
        return D.as_dtype(dtype or self.dtype or D.float32)


class Constant(Initializer):
    def __init__(self, value=0, dtype=None, verify_shape=False):
        self.value = value
        self.dtype = D.as_dtype(dtype) if dtype is not None else None

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self._dtype(dtype)
        value = np.asarray(self.value)
        shape = list(shape)
        if value.size == 1 or value.shape == tuple(shape):
            return constant(np.broadcast_to(value, shape), dtype=dtype)
        if value.size == int(np.prod(shape)):
            return constant(value.reshape(shape), dtype=dtype)
        raise TypeError(f"Expected Tensor's shape: {tuple(shape)}, got {value.shape}.")


class Zeros(Constant):
    def __init__(self, dtype=None):
        super().__init__(0, dtype)


class Ones(Constant):
    def __init__(self, dtype=None):
        super().__init__(1, dtype)


class RandomUniform(Initializer):
    def __init__(self, minval=0.0, maxval=None, seed=None, dtype=None):
        self.minval, self.maxval, self.seed = minval, maxval, seed
        self.dtype = D.as_dtype(dtype) if dtype is not None else None

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_uniform(shape, self.minval, self.maxval, self._dtype(dtype), self.seed)


class RandomNormal(Initializer):
    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = D.as_dtype(dtype) if dtype is not None else None

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_normal(shape, self.mean, self.stddev, self._dtype(dtype), self.seed)


class TruncatedNormal(RandomNormal):
    def __call__(self, shape, dtype=None, partition_info=None):
        return truncated_normal(shape, self.mean, self.stddev, self._dtype(dtype), self.seed)


def _fans(shape):
    shape = list(shape)
    if not shape:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return shape[-2] * receptive, shape[-1] * receptive


class GlorotUniform(Initializer):
    """Uniform in [-limit, limit] with limit = sqrt(6 / (fan_in + fan_out)): get_variable's default."""

    def __init__(self, seed=None, dtype=None):
        self.seed = seed
        self.dtype = D.as_dtype(dtype) if dtype is not None else None

    def __call__(self, shape, dtype=None, partition_info=None):
        fan_in, fan_out = _fans(shape)
        limit = math.sqrt(6.0 / max(1.0, fan_in + fan_out))
        return random_uniform(shape, -limit, limit, self._dtype(dtype), self.seed)


class GlorotNormal(Initializer):
    def __init__(self, seed=None, dtype=None):
        self.seed = seed
        self.dtype = D.as_dtype(dtype) if dtype is not None else None

    def __call__(self, shape, dtype=None, partition_info=None):
        fan_in, fan_out = _fans(shape)
        stddev = math.sqrt(2.0 / max(1.0, fan_in + fan_out)) / 0.87962566103423978
        return truncated_normal(shape, 0.0, stddev, self._dtype(dtype), self.seed)


constant_initializer = Constant
zeros_initializer = Zeros
ones_initializer = Ones
random_uniform_initializer = RandomUniform
random_normal_initializer = RandomNormal
truncated_normal_initializer = TruncatedNormal
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal


def as_initial_value(initializer, shape, dtype):
    """The initial-value tensor from an initializer object, a callable, or a value."""
    if isinstance(initializer, Initializer) or (callable(initializer) and not hasattr(initializer, "_as_tensor")):
        return initializer(shape, dtype=dtype)
    return convert_to_tensor(initializer, dtype=dtype)
