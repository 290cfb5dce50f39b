"""The tf dialect: TensorFlow's graph-level ops, named and attributed as TensorFlow names them.

`%0 = "tf.AddV2"(%a, %b) : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>`

Each op is one class (see `base.TFOp`) with its verify, shape and dtype inference (TF's
broadcasting, dynamic dims), folds and numpy interpretation. Ops live in submodules by kind.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.opdef import Dialect

from tfc.dialects.tf.types import CONTROL, ControlType, ResourceType  # noqa: F401
from tfc.dialects.tf.base import ShapeError, TFOp  # noqa: F401
from tfc.dialects.tf import core_ops  # noqa: F401
from tfc.dialects.tf.core_ops import ConstOp


class TFDialect(Dialect):
    name = "tf"

    def materialize_constant(self, value, type, location):
        if isinstance(value, A.DenseElementsAttr) and value.type == type:
            return ConstOp.create(value=value, location=location)
        if isinstance(value, (A.IntegerAttr, A.FloatAttr, A.BoolAttr)) and isinstance(type, T.TensorType) \
                and type.has_static_shape:
            data = np.full(type.shape, value.value, dtype=T.numpy_dtype(type))
            return ConstOp.create(value=A.DenseElementsAttr(data, type), location=location)
        return None


def _load_submodules():
    import importlib
    for name in ("math_ops", "reduction_ops", "array_ops", "slice_ops", "shape_ops", "nn_ops", "conv_ops",
                 "state_ops", "control_flow"):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise


_load_submodules()
