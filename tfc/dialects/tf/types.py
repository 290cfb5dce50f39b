"""Types of the tf dialect: `!tf.resource<tensor<...>>` (a variable handle) and `!tf.control`.

`!tf.control` is the result of an op that has no data output (`tf.NoOp`, `tf.AssignVariableOp`,
`tf.Assert`), so that other ops can name it among their control inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

from tfc.ir import types as T


@dataclass(frozen=True, slots=True, repr=False)
class ResourceType(T.DialectType):
    """`!tf.resource` or `!tf.resource<tensor<2x3xf32>>`: a handle on a variable of that type."""

    type_name = "tf.resource"

    @classmethod
    def from_params(cls, name, params):
        from tfc.ir.attributes import TypeAttr
        return cls(name, tuple(p.value if isinstance(p, TypeAttr) else p for p in params))

    @classmethod
    def verify_params(cls, params):
        if len(params) > 1 or any(not isinstance(p, (T.TensorType, T.UnrankedTensorType)) for p in params):
            return "expects at most one tensor type parameter (the variable's type)"
        return None

    @property
    def value_type(self) -> T.Type | None:
        """The type of the variable's value, when the handle says it."""
        return self.params[0] if self.params else None


@dataclass(frozen=True, slots=True, repr=False)
class ControlType(T.DialectType):
    """`!tf.control`: the output of an op that only has effects."""

    type_name = "tf.control"

    @classmethod
    def verify_params(cls, params):
        return "takes no parameters" if params else None


CONTROL = ControlType.get()


def resource_of(value_type: T.Type) -> ResourceType:
    return ResourceType.get(value_type)
