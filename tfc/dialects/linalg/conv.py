"""Sliding-window named linalg ops: 2-D convolution and pooling in NHWC layout, with MLIR's
names, operand order, properties, indexing maps and bodies (generic form):

    %r = "linalg.conv_2d_nhwc_hwcf"(%input, %filter, %init) <{dilations = dense<1> : tensor<2xi64>,
           operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
    ^bb0(%in: f32, %f: f32, %out: f32):
      %m = "arith.mulf"(%in, %f) : (f32, f32) -> f32
      %s = "arith.addf"(%out, %m) : (f32, f32) -> f32
      "linalg.yield"(%s) : (f32) -> ()
    }) : (tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>

    "linalg.depthwise_conv_2d_nhwc_hwc"(%input, %filter [kh, kw, c], %init)   (same body)
    "linalg.pooling_nhwc_max"(%input, %window [kh, kw], %init)   body: maximumf(%out, %in)
    "linalg.pooling_nhwc_sum"(%input, %window [kh, kw], %init)   body: addf(%out, %in)

`strides` and `dilations` are optional `dense<...> : tensor<2xi64>` properties (default 1, 1),
as MLIR's OpDSL ops declare them. Loop dims follow MLIR's `domain(...)`: convolution
(n, oh, ow, f, kh, kw, c) with input map (n, oh * sh + kh * dh, ow * sw + kw * dw, c);
depthwise and pooling (n, oh, ow, c, kh, kw). The pooling `window` operand only gives the
window's shape (its elements are never read by the standard body). The input may be larger
than the windows need (trailing rows/columns are ignored), never smaller.

With the standard body each op computes with numpy, one window offset at a time (pooling:
the same accumulation order as the per-point oracle).
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from tfc.ir.core import Block
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import Attr, Operand, RegionDef, Result, lookup_op

from tfc.dialects.linalg.base import (PARALLEL, REDUCTION, check_runtime_accesses, element_type, map_array,
                                      runtime_bounds)
from tfc.dialects.linalg.named import NamedOp, _mul_add

WINDOW_TYPE = T.TensorType((2,), T.i64)


def window_attr(values) -> A.DenseElementsAttr:
    """`dense<[a, b]> : tensor<2xi64>` from two ints (an attribute passes through)."""
    if isinstance(values, A.DenseElementsAttr):
        return values
    return A.DenseElementsAttr(np.array([int(v) for v in values], np.int64), WINDOW_TYPE)


WindowAttrC = C.Constraint(lambda a: isinstance(a, A.DenseElementsAttr) and a.type == WINDOW_TYPE,
                           "64-bit signless int elements attribute of shape [2]")


def _scaled(dim: int, factor: int):
    """`d{dim} * factor`, simplified as MLIR prints it (`d{dim}` when the factor is 1)."""
    expr = AffineDimExpr(dim)
    return expr if factor == 1 else expr * AffineConstantExpr(factor)


def window_index(out_dim: int, window_dim: int, stride: int, dilation: int):
    """The input index `out * stride + window * dilation` of one spatial dim."""
    return _scaled(out_dim, stride) + _scaled(window_dim, dilation)


class _WindowOp(NamedOp):
    """Shared fields and rules: inputs (input, filter or window), one init, strides, dilations."""

    inputs = Operand(C.AnyType, variadic=True)
    outputs = Operand(C.AnyType, variadic=True)
    result_tensors = Result(C.AnyRankedTensor, variadic=True)
    strides = Attr(WindowAttrC, optional=True, convert=window_attr)
    dilations = Attr(WindowAttrC, optional=True, convert=window_attr)
    region = RegionDef()
    LOOPS = 7

    @classmethod
    def create(cls, input, second, init, strides=(1, 1), dilations=(1, 1), location=UNKNOWN):  # noqa: A002
        """The op over `input`, the filter (or window-shape tensor) and `init`, standard body."""
        attributes = {"linalg.memoized_indexing_maps": map_array(cls.maps_for(tuple(strides), tuple(dilations)))}
        return cls._create([input, second], [init], location, attributes=attributes,
                           strides=strides, dilations=dilations)

    def stride_values(self) -> tuple:
        attr = self.strides
        return (1, 1) if attr is None else tuple(int(v) for v in attr.data)

    def dilation_values(self) -> tuple:
        attr = self.dilations
        return (1, 1) if attr is None else tuple(int(v) for v in attr.data)

    @classmethod
    def maps_for(cls, strides, dilations) -> list:
        raise NotImplementedError

    def get_indexing_maps(self):
        return self.maps_for(self.stride_values(), self.dilation_values())

    def get_iterator_types(self):
        return [PARALLEL] * 4 + [REDUCTION] * (self.LOOPS - 4)

    def verify_named(self):
        if len(self.inputs) != 2 or len(self.outputs) != 1:
            raise self.emit_error("expected two inputs and one output")
        for v in (*self.inputs, *self.outputs):
            if not isinstance(v.type, (T.TensorType, T.MemRefType)):
                raise self.emit_error(f"expected ranked tensor or memref operands, got '{v.type}'")
        for what, values in (("strides", self.stride_values()), ("dilations", self.dilation_values())):
            if min(values) < 1:
                raise self.emit_error(f"expected {what} to be positive, got {list(values)}")

    # ----- the numpy fast path ------------------------------------------------------------------

    def _patches(self, x, out_shape, kh: int, kw: int):
        """The input elements that window offset (kh, kw) reads, shaped like the output's
        [n, oh, ow] dims plus x's channel dim."""
        (sh, sw), (dh, dw) = self.stride_values(), self.dilation_values()
        _, oh, ow = out_shape[:3]
        rows = slice(kh * dh, kh * dh + (oh - 1) * sh + 1, sh)
        cols = slice(kw * dw, kw * dw + (ow - 1) * sw + 1, sw)
        return x[:, rows, cols, :]

    def _numpy_ok(self, ins, out) -> bool:
        """numpy computes like the body for these element types (not f16/bf16 accumulation);
        raises ValueError when a window reads outside the input."""
        maps = self.get_indexing_maps()
        arrays = [*ins, out]
        bounds = runtime_bounds(maps, [np.shape(a) for a in arrays], self.LOOPS)
        check_runtime_accesses(maps, arrays, bounds)
        et = element_type(self.outputs[0].type)
        return out.dtype.kind in "fiu" and et not in (T.bf16, T.f16) and 0 not in out.shape


def _conv_maps(strides, dilations, depthwise: bool) -> list:
    (sh, sw), (dh, dw) = strides, dilations
    if depthwise:  # (n, oh, ow, c, kh, kw)
        n, oh, ow, c, kh, kw = range(6)
        loops = 6
        filter_map = AffineMap.from_dims(loops, (kh, kw, c))
        out_channel = c
    else:  # (n, oh, ow, f, kh, kw, c)
        n, oh, ow, f, kh, kw, c = range(7)
        loops = 7
        filter_map = AffineMap.from_dims(loops, (kh, kw, c, f))
        out_channel = f
    input_map = AffineMap(loops, 0, (AffineDimExpr(n), window_index(oh, kh, sh, dh),
                                     window_index(ow, kw, sw, dw), AffineDimExpr(c)))
    return [input_map, filter_map, AffineMap.from_dims(loops, (n, oh, ow, out_channel))]


class Conv2DNhwcHwcfOp(_WindowOp):
    """O(n, oh, ow, f) += I(n, oh * sh + kh * dh, ow * sw + kw * dw, c) * K(kh, kw, c, f)."""

    name = "linalg.conv_2d_nhwc_hwcf"
    build_body = classmethod(lambda cls, block, location: _mul_add(block, location))

    @classmethod
    def maps_for(cls, strides, dilations):
        return _conv_maps(strides, dilations, depthwise=False)

    def compute(self, ins, outs):
        x, w = ins
        out = outs[0]
        if not self._numpy_ok(ins, out):
            return False
        kh_size, kw_size = w.shape[:2]
        with np.errstate(all="ignore"):
            total = np.array(out, copy=True)
            for kh in range(kh_size):
                for kw in range(kw_size):
                    total += np.matmul(self._patches(x, out.shape, kh, kw), w[kh, kw])
        out[...] = total
        return True


class DepthwiseConv2DNhwcHwcOp(_WindowOp):
    """O(n, oh, ow, c) += I(n, oh * sh + kh * dh, ow * sw + kw * dw, c) * K(kh, kw, c)."""

    name = "linalg.depthwise_conv_2d_nhwc_hwc"
    LOOPS = 6
    build_body = classmethod(lambda cls, block, location: _mul_add(block, location))

    @classmethod
    def maps_for(cls, strides, dilations):
        return _conv_maps(strides, dilations, depthwise=True)

    def compute(self, ins, outs):
        x, w = ins
        out = outs[0]
        if not self._numpy_ok(ins, out):
            return False
        with np.errstate(all="ignore"):
            total = np.array(out, copy=True)
            for kh in range(w.shape[0]):
                for kw in range(w.shape[1]):
                    total += self._patches(x, out.shape, kh, kw) * w[kh, kw]
        out[...] = total
        return True


# ----- pooling ---------------------------------------------------------------------------------------

def _pool_maps(strides, dilations) -> list:
    (sh, sw), (dh, dw) = strides, dilations
    n, oh, ow, c, kh, kw = range(6)
    input_map = AffineMap(6, 0, (AffineDimExpr(n), window_index(oh, kh, sh, dh),
                                 window_index(ow, kw, sw, dw), AffineDimExpr(c)))
    return [input_map, AffineMap.from_dims(6, (kh, kw)), AffineMap.from_dims(6, (n, oh, ow, c))]


def _combine(block: Block, location, float_name: str, int_name: str) -> list:
    """`combine(out, in)` of a pooling body ^bb0(%in, %window, %out) in the init's type."""
    x, _, acc = block.arguments
    if x.type != acc.type:
        raise TypeError("the standard body needs one element type")
    name = float_name if isinstance(acc.type, T.FloatType) else int_name
    return [block.append(lookup_op(name).build(acc, x, location=location)).result]


class _PoolingOp(_WindowOp):
    LOOPS = 6

    @classmethod
    def maps_for(cls, strides, dilations):
        return _pool_maps(strides, dilations)

    def _reduce(self, acc, patch):
        raise NotImplementedError

    def compute(self, ins, outs):
        x, window = ins
        out = outs[0]
        if not self._numpy_ok(ins, out) or x.dtype != out.dtype:
            return False
        kh_size, kw_size = np.shape(window)
        with np.errstate(all="ignore"):
            total = np.array(out, copy=True)
            for kh in range(kh_size):
                for kw in range(kw_size):
                    total = self._reduce(total, self._patches(x, out.shape, kh, kw))
        out[...] = total
        return True


class PoolingNhwcMaxOp(_PoolingOp):
    """O(n, oh, ow, c) = max(O(n, oh, ow, c), I(n, oh * sh + kh * dh, ow * sw + kw * dw, c))
    over the window (kh, kw); floats use `arith.maximumf` (NaN wins), integers `arith.maxsi`."""

    name = "linalg.pooling_nhwc_max"
    build_body = classmethod(lambda cls, block, location: _combine(block, location, "arith.maximumf",
                                                                   "arith.maxsi"))

    def _reduce(self, acc, patch):
        return np.maximum(acc, patch)


class PoolingNhwcSumOp(_PoolingOp):
    """O(n, oh, ow, c) += I(n, oh * sh + kh * dh, ow * sw + kw * dw, c) over the window (kh, kw)."""

    name = "linalg.pooling_nhwc_sum"
    build_body = classmethod(lambda cls, block, location: _combine(block, location, "arith.addf",
                                                                   "arith.addi"))

    def _reduce(self, acc, patch):
        return acc + patch


__all__ = ["Conv2DNhwcHwcfOp", "DepthwiseConv2DNhwcHwcOp", "PoolingNhwcMaxOp", "PoolingNhwcSumOp",
           "window_attr", "window_index"]
