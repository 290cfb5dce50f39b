"""Stateful tf ops: resource variables, Print, Assert and the seeded random ops.

None of these is Pure (but VarHandleOp, which only names a variable): passes keep them and
their order. At run time they keep their state in the interpreter's `resources` dict, which
the Session owns, so variables and random streams persist across `Session.run` calls:

    ("var", shared_name)      -> the variable's numpy value
    ("random", node, seeds)   -> a numpy Generator
    ("print", node)           -> how many times a Print has printed
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.tf.base import ShapeError, TFOp, constant_ints, node_name, shape_from_attr, tensor_type
from tfc.dialects.tf.types import CONTROL, ResourceType
from tfc.errors import FailedPreconditionError, InvalidArgumentError

ResourceC = C.Constraint(lambda t: isinstance(t, ResourceType), "'!tf.resource'")
ControlC = C.DialectTypeOf("tf.control")


@dataclass(frozen=True)
class ResourceHandle:
    """The run-time value of a `!tf.resource`: which variable it names."""

    name: str


# ----- variables --------------------------------------------------------------------------------

class VarHandleOp(TFOp):
    """A handle on the variable `shared_name`:
    `%v = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>`
    """

    name = "tf.VarHandleOp"
    traits = (Pure,)
    container = Attr(C.StrAttr, default=A.StringAttr(""))
    shared_name = Attr(C.StrAttr)
    dtype = Attr(C.TypeAttrOf(C.AnyType))
    shape = Attr(C.ArrayOf(C.I64Attr), optional=True)
    resource = Result(ResourceC)

    @classmethod
    def infer(cls, attrs):
        return [ResourceType.get(tensor_type(shape_from_attr(attrs.shape), attrs.dtype))]

    def compute(self, ctx):
        return ResourceHandle(self.attrs.shared_name)


def _value_type(resource) -> T.Type | None:
    t = resource.type
    return t.value_type if isinstance(t, ResourceType) else None


def _read(ctx, handle: ResourceHandle, op):
    value = ctx.resources.get(("var", handle.name))
    if value is None:
        raise FailedPreconditionError(f"Attempting to use uninitialized value {handle.name}", op.location)
    return value


class ReadVariableOp(TFOp):
    """The variable's current value:
    `%x = "tf.ReadVariableOp"(%v) : (!tf.resource<tensor<2xf32>>) -> tensor<2xf32>`"""

    name = "tf.ReadVariableOp"
    resource = Operand(ResourceC)
    value = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, resource):
        t = _value_type(resource)
        return [t] if t is not None else None

    def compute(self, ctx, handle):
        return np.array(_read(ctx, handle, self))


class _AssignBase(TFOp):
    resource = Operand(ResourceC)
    value = Operand(C.AnyTensor)
    control = Result(ControlC)

    @classmethod
    def infer(cls, attrs, resource, value):
        t = _value_type(resource)
        if t is not None and not T.is_compatible(t, value.type):
            if T.element_type(t) != T.element_type(value.type):
                raise ShapeError(f"the variable holds {T.element_type(t)} but the value is {T.element_type(value.type)}")
            raise ShapeError(f"Shapes must be equal: the variable has type {t} but the value has type {value.type}")
        return [CONTROL]

    def compute(self, ctx, handle, value):
        ctx.resources[("var", handle.name)] = self._update(ctx, handle, np.asarray(value))

    def _update(self, ctx, handle, value):
        raise NotImplementedError


class AssignVariableOp(_AssignBase):
    """`%c = "tf.AssignVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control`"""

    name = "tf.AssignVariableOp"

    def _update(self, ctx, handle, value):
        t = _value_type(self.resource)
        if t is not None and t.has_rank and (value.ndim != t.rank or any(
                d is not None and d != s for d, s in zip(t.shape, value.shape))):
            raise InvalidArgumentError(f"Trying to assign a value of shape {list(value.shape)} to variable "
                                       f"{handle.name} of shape {list(d if d is not None else -1 for d in t.shape)}",
                                       self.location)
        return np.array(value)


class AssignAddVariableOp(_AssignBase):
    """`%c = "tf.AssignAddVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control`"""

    name = "tf.AssignAddVariableOp"

    def _update(self, ctx, handle, value):
        current = _read(ctx, handle, self)
        return (current + value).astype(current.dtype)


class AssignSubVariableOp(_AssignBase):
    """`%c = "tf.AssignSubVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control`"""

    name = "tf.AssignSubVariableOp"

    def _update(self, ctx, handle, value):
        current = _read(ctx, handle, self)
        return (current - value).astype(current.dtype)


class VarIsInitializedOp(TFOp):
    """Whether the variable has a value:
    `%b = "tf.VarIsInitializedOp"(%v) : (!tf.resource<tensor<2xf32>>) -> tensor<i1>`"""

    name = "tf.VarIsInitializedOp"
    resource = Operand(ResourceC)
    is_initialized = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, resource):
        return [T.TensorType((), T.i1)]

    def compute(self, ctx, handle):
        return np.array(("var", handle.name) in ctx.resources)


# ----- Print and Assert ------------------------------------------------------------------------

def _format(value, summarize: int) -> str:
    """TF's text of a tensor in Print/Assert: `[1 2 3...]`, at most `summarize` elements."""
    array = np.asarray(value)
    if array.ndim == 0:
        return _scalar_text(array[()])
    flat = array.reshape(-1)
    limit = flat.size if summarize < 0 else summarize
    return _nested(array, [limit])


def _nested(array, budget) -> str:
    """TF's SummarizeValue: elements separated by spaces, "..." right after the last shown."""
    parts, cut = [], False
    for sub in array:
        if budget[0] <= 0:
            cut = True
            break
        if array.ndim == 1:
            budget[0] -= 1
            parts.append(_scalar_text(sub))
        else:
            parts.append(_nested(sub, budget))
    separator = " " if array.ndim == 1 else ""
    return "[" + separator.join(parts) + ("..." if cut else "") + "]"


def print_text(message: str, data, summarize: int) -> str:
    """The line tf.Print writes (without its newline): `message` then each tensor, a scalar
    in brackets (rt.print, its compiled form, reuses it)."""
    return message + "".join(_format(d, summarize) if np.ndim(d) else f"[{_format(d, summarize)}]" for d in data)


def _scalar_text(x) -> str:
    if isinstance(x, (np.bool_, bool)):
        return "1" if x else "0"
    if isinstance(x, np.floating):
        return f"{float(x):g}"
    return str(x)


class PrintOp(TFOp):
    """Passes `input` through and prints `message` and `data` to stderr when it runs:
    `%y = "tf.Print"(%x, %x) <{message = "x: "}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>`"""

    name = "tf.Print"
    input = Operand(C.AnyTensor)
    data = Operand(C.AnyTensor, variadic=True)
    message = Attr(C.StrAttr, default=A.StringAttr(""))
    first_n = Attr(C.I64Attr, default=A.IntegerAttr.get(-1, T.i64))
    summarize = Attr(C.I64Attr, default=A.IntegerAttr.get(3, T.i64))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, input, data):
        return [input.type]

    def compute(self, ctx, x, data):
        key = ("print", node_name(self))
        count = ctx.resources.get(key, 0) if ctx is not None else 0
        first_n = self.attrs.first_n
        if first_n < 0 or count < first_n:
            text = print_text(self.attrs.message, data, self.attrs.summarize)
            stream = getattr(ctx, "stderr", None) or sys.stderr
            print(text, file=stream)
        if ctx is not None:
            ctx.resources[key] = count + 1
        return x


class AssertOp(TFOp):
    """Fails the run when `condition` is false, reporting `data`:
    `%c = "tf.Assert"(%cond, %x) <{summarize = 3}> : (tensor<i1>, tensor<2xf32>) -> !tf.control`"""

    name = "tf.Assert"
    condition = Operand(C.AnyTensor)
    data = Operand(C.AnyTensor, variadic=True)
    summarize = Attr(C.I64Attr, default=A.IntegerAttr.get(3, T.i64))
    message = Attr(C.StrAttr, optional=True, doc="tfc: the leading string entries of `data`")
    control = Result(ControlC)

    @classmethod
    def infer(cls, attrs, condition, data):
        t = condition.type
        if T.element_type(t) != T.i1:
            raise ShapeError(f"the condition must be a bool tensor, got {t}")
        if isinstance(t, T.TensorType) and t.rank != 0 and t.has_static_shape and t.num_elements() != 1:
            raise ShapeError(f"In[0] expects a scalar condition, got shape {list(t.shape)}")
        return [CONTROL]

    def compute(self, ctx, condition, data):
        if bool(np.asarray(condition).reshape(-1)[0]):
            return None
        summarize = self.attrs.summarize
        parts = [f"[{self.attrs.message}]"] if self.attrs.message else []
        parts += [_format(d, summarize) if np.ndim(d) else f"[{_format(d, summarize)}]" for d in data]
        raise InvalidArgumentError("assertion failed: " + " ".join(parts), self.location)


# ----- random numbers ---------------------------------------------------------------------------

class _RandomOp(TFOp):
    """A stateful random op: each run draws new numbers from a stream that `seed`/`seed2` fix."""

    shape = Operand(C.AnyTensor)
    dtype = Attr(C.TypeAttrOf(C.AnyFloat))
    seed = Attr(C.I64Attr, default=A.IntegerAttr.get(0, T.i64))
    seed2 = Attr(C.I64Attr, default=A.IntegerAttr.get(0, T.i64))
    output = Result(C.AnyTensor)

    @classmethod
    def infer(cls, attrs, shape):
        dims = constant_ints(shape)
        if dims is not None:
            if any(d < 0 for d in dims):
                raise ShapeError(f"the shape must be non-negative, got {dims}")
            return [tensor_type(dims, attrs.dtype)]
        st = shape.type
        if isinstance(st, T.TensorType) and st.rank == 1 and st.shape[0] is not None:
            return [tensor_type([None] * st.shape[0], attrs.dtype)]
        return [tensor_type(None, attrs.dtype)]

    def _generator(self, ctx):
        seed, seed2 = self.attrs.seed, self.attrs.seed2
        if ctx is None:
            return None
        key = ("random", node_name(self), seed, seed2)
        generator = ctx.resources.get(key)
        if generator is None:
            if seed == 0 and seed2 == 0:
                generator = np.random.default_rng()
            else:
                generator = np.random.Generator(np.random.Philox(key=[seed & (2**64 - 1), seed2 & (2**64 - 1)]))
            ctx.resources[key] = generator
        return generator

    def compute(self, ctx, shape):
        generator = self._generator(ctx)
        if generator is None:
            raise InvalidArgumentError("random ops need a run-time context", self.location)
        dims = tuple(int(d) for d in np.asarray(shape).reshape(-1))
        return self._draw(generator, dims).astype(self.attrs.dtype.numpy_dtype())

    def _draw(self, generator, dims):
        raise NotImplementedError


class RandomUniformOp(_RandomOp):
    """Uniform in [0, 1): `%r = "tf.RandomUniform"(%shape) <{dtype = f32, seed = 1, seed2 = 2}> : (tensor<2xi32>) -> tensor<3x4xf32>`"""

    name = "tf.RandomUniform"

    def _draw(self, generator, dims):
        return generator.random(dims)


class RandomStandardNormalOp(_RandomOp):
    """Standard normal: `%r = "tf.RandomStandardNormal"(%shape) <{dtype = f32}> : (tensor<2xi32>) -> tensor<3x4xf32>`"""

    name = "tf.RandomStandardNormal"

    def _draw(self, generator, dims):
        return generator.standard_normal(dims)


class TruncatedNormalOp(_RandomOp):
    """Standard normal redrawn outside two standard deviations:
    `%r = "tf.TruncatedNormal"(%shape) <{dtype = f32}> : (tensor<2xi32>) -> tensor<3x4xf32>`"""

    name = "tf.TruncatedNormal"

    def _draw(self, generator, dims):
        values = generator.standard_normal(dims)
        bad = np.abs(values) > 2.0
        while bad.any():
            values[bad] = generator.standard_normal(int(bad.sum()))
            bad = np.abs(values) > 2.0
        return values
