"""Tensor operators, as TensorFlow 1.x overloads them: `x + 1`, `2.0 * x`, `-x`, `x < y`,
`~p`, `p & q`, `a @ b`, `x[1:, None]`.

Ops are named as TensorFlow names them (`add`, `sub`, `mul`, `truediv`, `floordiv`, `mod`,
`pow`, `and`, `or`, `matmul`; `Neg`, `Abs`, `LogicalNot`, `Less`, ...). A Python value takes
the tensor's dtype. `==` and `!=` keep TF1's identity semantics (use tf.equal for values).
"""

from __future__ import annotations

import numbers

import numpy as np

from tfc.frontend.framework import convert_to_tensor, graph_of, is_tensor_like
from tfc.frontend.graph import Tensor


def _math():
    from tfc.frontend import math_api
    return math_api


def _plain(value) -> bool:
    """Values that convert to a tensor, or fail to with a TypeError that is the answer."""
    return isinstance(value, (numbers.Number, np.ndarray, np.generic, list, tuple)) or is_tensor_like(value)


def _binary(func_name: str, op_name: str, reflected: str):
    """`x <op> y` and `y <op> x` calling math_api.<func_name> with an op named `op_name`."""

    def forward(self, other):
        try:
            return getattr(_math(), func_name)(self, other, name=op_name)
        except TypeError:
            if not _plain(other) and hasattr(type(other), reflected):
                return NotImplemented
            raise

    def backward(self, other):
        return getattr(_math(), func_name)(other, self, name=op_name)

    return forward, backward


_BINARY = {
    "add": ("add", "add"),
    "sub": ("subtract", "sub"),
    "mul": ("multiply", "mul"),
    "truediv": ("truediv", "truediv"),
    "floordiv": ("floordiv", "floordiv"),
    "mod": ("floormod", "mod"),
    "pow": ("pow", "pow"),
    "and": ("logical_and", "and"),
    "or": ("logical_or", "or"),
}

_COMPARISONS = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal"}


def _comparison(func_name: str):
    def compare(self, other):
        return getattr(_math(), func_name)(self, other)

    return compare


def _neg(self):
    return _math().negative(self)


def _abs(self):
    return _math().abs(self)


def _invert(self):
    return _math().logical_not(self)


def _matmul(self, other):
    from tfc.frontend.nn_api import matmul
    return matmul(self, other, name="matmul")


def _rmatmul(self, other):
    from tfc.frontend.nn_api import matmul
    graph = graph_of(self, other)
    with graph.as_default(), graph.name_scope("matmul") as scope:
        if not is_tensor_like(other):
            other = convert_to_tensor(other, dtype=self.dtype, name="x")
        return matmul(other, self, name=scope)


def _getitem(self, key):
    from tfc.frontend.array_api import tensor_getitem
    return tensor_getitem(self, key)


def install() -> None:
    """Set the operators on `tfc.frontend.graph.Tensor` (idempotent)."""
    for method, (func_name, op_name) in _BINARY.items():
        forward, backward = _binary(func_name, op_name, f"__r{method}__")
        forward.__name__, backward.__name__ = f"__{method}__", f"__r{method}__"
        setattr(Tensor, f"__{method}__", forward)
        setattr(Tensor, f"__r{method}__", backward)
    for method, func_name in _COMPARISONS.items():
        compare = _comparison(func_name)
        compare.__name__ = f"__{method}__"
        setattr(Tensor, f"__{method}__", compare)
    Tensor.__neg__ = _neg
    Tensor.__abs__ = _abs
    Tensor.__invert__ = _invert
    Tensor.__matmul__ = _matmul
    Tensor.__rmatmul__ = _rmatmul
    Tensor.__getitem__ = _getitem
