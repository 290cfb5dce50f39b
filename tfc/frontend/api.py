"""The TF1 surface that `import tfc as tf` exposes (as `tf.compat.v1` spells it)."""

from __future__ import annotations

from tfc.frontend.dtypes import (DType, as_dtype, bfloat16, bool, double, float16, float32, float64,  # noqa: A004
                                 half, int8, int16, int32, int64, resource, string, uint8, uint16, uint32,
                                 uint64)
from tfc.frontend.graph import Graph, Operation, Tensor, get_default_graph, reset_default_graph
from tfc.frontend.tensor_shape import Dimension, TensorShape
from tfc.frontend.framework import constant, convert_to_tensor
from tfc.frontend.variables import (AUTO_REUSE, GraphKeys, Variable, VariableScope, all_variables, assign,
                                    assign_add, assign_sub, get_variable, get_variable_scope,
                                    global_variables, global_variables_initializer,
                                    initialize_all_variables, is_variable_initialized, local_variables,
                                    local_variables_initializer, model_variables, trainable_variables,
                                    variable_scope, variables_initializer)
from tfc.frontend.initializers import (constant_initializer, glorot_normal_initializer,
                                       glorot_uniform_initializer, ones_initializer, random_normal,
                                       random_normal_initializer, random_uniform, random_uniform_initializer,
                                       set_random_seed, truncated_normal, truncated_normal_initializer,
                                       zeros_initializer)
from tfc.frontend.state_api import (Assert, Print, control_dependencies, device, get_name_scope, group,
                                    name_scope, no_op)
from tfc.frontend.state_api import tuple_ as tuple  # noqa: A001 - TF's name
from tfc.frontend.control_flow_api import cond, while_loop
from tfc.frontend.session import InteractiveSession, Session, get_default_session
from tfc.frontend.export import export
from tfc.frontend.math_api import *  # noqa: F401,F403
from tfc.frontend.array_api import *  # noqa: F401,F403
from tfc.frontend.nn_api import *  # noqa: F401,F403
from tfc.frontend import overloads as _overloads
from tfc import errors

newaxis = None


def get_collection(key, scope=None) -> list:
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key) -> list:
    return get_default_graph().get_collection_ref(key)


def add_to_collection(name, value) -> None:
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value) -> None:
    get_default_graph().add_to_collections(names, value)


def placeholder(dtype, shape=None, name=None) -> Tensor:
    """A tensor that must be fed: `tf.placeholder(tf.float32, [None, 784], name="x")`."""
    from tfc.dialects.tf.base import shape_attr
    from tfc.dialects.tf.core_ops import PlaceholderOp
    dtype = as_dtype(dtype)
    if dtype.ir is None:
        raise TypeError(f"placeholders of dtype {dtype.name} are not supported")
    dims = TensorShape(shape).as_tuple()
    attrs = {"dtype": dtype.ir, "shape": shape_attr(dims)}
    return get_default_graph().create_op(PlaceholderOp, [], attrs=attrs, name=name or "Placeholder").outputs[0]


def placeholder_with_default(input, shape, name=None) -> Tensor:  # noqa: A002 - TF's name
    """`input` unless fed; fed values may have any shape compatible with `shape`."""
    from tfc.dialects.tf.base import shape_attr
    from tfc.dialects.tf.core_ops import PlaceholderWithDefaultOp
    from tfc.frontend.framework import output
    attrs = {"shape": shape_attr(TensorShape(shape).as_tuple())}
    return output(PlaceholderWithDefaultOp, [convert_to_tensor(input)], name, "PlaceholderWithDefault", attrs)


def _install_variable_operators() -> None:
    """Variables take part in expressions as their current value (`W * x + b`)."""
    names = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
             "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pow__", "__rpow__", "__neg__", "__abs__",
             "__matmul__", "__rmatmul__", "__lt__", "__le__", "__gt__", "__ge__", "__getitem__", "__and__",
             "__rand__", "__or__", "__ror__", "__invert__"]
    for name in names:
        method = getattr(Tensor, name, None)
        if method is None:
            continue

        def forward(self, *args, _method=method):
            return _method(self.value(), *args)

        setattr(Variable, name, forward)


_overloads.install()
_install_variable_operators()
