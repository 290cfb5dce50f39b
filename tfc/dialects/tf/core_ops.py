"""The tf ops every graph has: constants, placeholders, identities and NoOp."""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import ConstantLike, Pure

from tfc.dialects.tf.base import TFOp, format_shape, node_name, shape_from_attr, tensor_type
from tfc.dialects.tf.types import CONTROL


# TensorFlow's DataTypeString spelling, which its messages use
_TF_TYPE_STRINGS = {"float32": "float", "float64": "double", "float16": "half"}


class ConstOp(TFOp):
    """A constant tensor: `%0 = "tf.Const"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<2xf32>`."""

    name = "tf.Const"
    traits = (Pure, ConstantLike)
    value = Attr(C.ElementsAttr)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs):
        value = attrs.raw("value")
        return [value.type] if isinstance(value, A.DenseElementsAttr) else None

    @classmethod
    def of(cls, array, element_type: T.Type, location=None, **kwargs) -> "ConstOp":
        array = np.asarray(array, dtype=element_type.numpy_dtype())
        t = T.TensorType(array.shape, element_type)
        return cls.create(value=A.DenseElementsAttr(array, t), **({"location": location} if location else {}), **kwargs)

    def verify(self):
        if self.value.type != self.output.type:
            raise self.emit_error(f"value type {self.value.type} must match the result type {self.output.type}")

    def static_value(self):
        return np.array(self.value.data)

    def fold_data(self, constants):
        return [self.value]

    def compute(self, ctx):
        return np.array(self.value.data)


class PlaceholderOp(TFOp):
    """A value fed at run time; a function argument once a signature is built.

    `%x = "tf.Placeholder"() <{dtype = f32, shape = [-1, 3]}> : () -> tensor<?x3xf32>`
    (`shape` uses -1 for an unknown dim; no `shape` means an unknown rank).
    """

    name = "tf.Placeholder"
    dtype = Attr(C.TypeAttrOf(C.AnyType))
    shape = Attr(C.ArrayOf(C.I64Attr), optional=True)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs):
        return [tensor_type(shape_from_attr(attrs.shape), attrs.dtype)]

    def unfed_error(self):
        """TensorFlow's error for running this placeholder without a feed."""
        from tfc.dialects.tf.checks import tf_name
        from tfc.errors import InvalidArgumentError
        dtype = tf_name(self.attrs.dtype)
        return InvalidArgumentError(f"You must feed a value for placeholder tensor '{node_name(self)}' with dtype "
                                    f"{_TF_TYPE_STRINGS.get(dtype, dtype)} and shape "
                                    f"{format_shape(shape_from_attr(self.attrs.shape))}", self.location)

    def compute(self, ctx):
        raise self.unfed_error()


class PlaceholderWithDefaultOp(TFOp):
    """`input` unless fed; its type is the (less specific) `shape`. Not pure, like Placeholder:
    two of them are two feed points, never merged.
    `%y = "tf.PlaceholderWithDefault"(%x) <{shape = [-1, 3]}> : (tensor<2x3xf32>) -> tensor<?x3xf32>`"""

    name = "tf.PlaceholderWithDefault"
    input = Operand(C.AnyTensor)
    shape = Attr(C.ArrayOf(C.I64Attr), optional=True)
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, x):
        from tfc.dialects.tf.base import ShapeError, shape_of
        shape = shape_from_attr(attrs.shape)
        given = shape_of(x.type)
        if shape is not None and given is not None and (len(shape) != len(given) or any(
                d is not None and d != g for d, g in zip(shape, given))):
            raise ShapeError(f"the default value's shape {list(given)} is not compatible with {list(shape)}")
        return [tensor_type(shape, T.element_type(x.type))]

    def compute(self, ctx, x):
        return x


class IdentityOp(TFOp):
    """`%y = "tf.Identity"(%x) : (tensor<2xf32>) -> tensor<2xf32>`"""

    name = "tf.Identity"
    traits = (Pure,)
    input = Operand(C.AnyType)
    output = Result(C.AnyType)

    @classmethod
    def infer(cls, attrs, x):
        return [x.type]

    def fold_data(self, constants):
        return [self.input]

    def compute(self, ctx, x):
        return x


class StopGradientOp(IdentityOp):
    """Identity that gradients do not flow through:
    `%y = "tf.StopGradient"(%x) : (tensor<2xf32>) -> tensor<2xf32>`"""

    name = "tf.StopGradient"


class NoOp(TFOp):
    """Does nothing; a point to hang control inputs on (`tf.group`):
    `%c = "tf.NoOp"(%a, %b) : (!tf.control, !tf.control) -> !tf.control`"""

    name = "tf.NoOp"
    control = Result(C.DialectTypeOf("tf.control"))

    @classmethod
    def infer(cls, attrs):
        return [CONTROL]

    def compute(self, ctx):
        return None
