"""Sliding-window tf ops: Conv2D, MaxPool and AvgPool, in NHWC or NCHW layout.

Output sizes follow TensorFlow: with VALID padding `ceil((in - eff + 1) / stride)`, with SAME
padding `ceil(in / stride)` and `pad_total = max((out - 1) * stride + eff - in, 0)` split as
`pad_total // 2` before (the extra row or column after), with EXPLICIT padding (Conv2D only) the
`explicit_paddings` pairs; `eff = (k - 1) * dilation + 1`. Max pooling pads with -inf; average
pooling divides by the number of input elements in each window (padding is not counted).
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir.opdef import Attr, Operand, Result
from tfc.ir.traits import Pure

from tfc.dialects.tf.base import ShapeError, TFOp, fold_by_compute, int_list, shape_of, tensor_type
from tfc.dialects.tf.nn_ops import FLOATS, NUMBERS, check_dtype, check_same_dtype, is_float, is_number, with_rank

_FORMATS = ("NHWC", "NCHW")


def _check_format(fmt: str) -> None:
    if fmt not in _FORMATS:
        raise ShapeError(f"Value for attr 'data_format' of \"{fmt}\" is not in the list of allowed values: "
                         + ", ".join(f'"{f}"' for f in _FORMATS))


def _check_padding(padding: str, allowed: tuple) -> None:
    if padding not in allowed:
        raise ShapeError(f"Value for attr 'padding' of \"{padding}\" is not in the list of allowed values: "
                         + ", ".join(f'"{p}"' for p in allowed))


def _spatial(fmt: str) -> tuple:
    """Indices of (batch, height, width, channel) in a 4-d shape of layout `fmt`."""
    return (0, 1, 2, 3) if fmt == "NHWC" else (0, 2, 3, 1)


def _check_window(values, fmt: str, what: str, field: str, batch_depth_msg: str) -> tuple:
    """A 4-entry window attribute (strides, dilations, ksize) as its (height, width) entries."""
    if len(values) != 4:
        raise ShapeError(f"Sliding window {field} field must specify 4 dimensions")
    n, h, w, c = _spatial(fmt)
    if values[n] != 1 or values[c] != 1:
        raise ShapeError(batch_depth_msg)
    if values[h] < 1 or values[w] < 1:
        raise ShapeError(f"{what} must be positive, got {list(values)}")
    return values[h], values[w]


def _out_size(size, k, stride, dilation, padding, pad_pair=(0, 0)):
    """The static output size of one spatial dim (None when unknown)."""
    if size is None or k is None:
        return None
    eff = (k - 1) * dilation + 1
    if padding == "SAME":
        return -(-size // stride)
    if padding == "EXPLICIT":
        size = size + pad_pair[0] + pad_pair[1]
    if size < eff:
        raise ShapeError(f"Negative dimension size caused by subtracting {eff} from {size}")
    return (size - eff) // stride + 1


def _window_pads(op, size, k, stride, dilation, padding, pad_pair=(0, 0)) -> tuple:
    """(pad before, pad after, output size) of one spatial dim at run time."""
    eff = (k - 1) * dilation + 1
    if padding == "SAME":
        out = -(-size // stride)
        total = max((out - 1) * stride + eff - size, 0)
        return total // 2, total - total // 2, out
    before, after = pad_pair if padding == "EXPLICIT" else (0, 0)
    padded = size + before + after
    out = int((padded - eff + stride) / stride)  # C++ division truncates toward zero, as in TF
    if out < 0:
        from tfc.errors import InvalidArgumentError
        raise InvalidArgumentError(f"Computed output size would be negative: {out} [input_size: {size}, "
                                   f"effective_filter_size: {eff}, stride: {stride}]", op.location)
    return before, after, out


def _to_nhwc(x, fmt):
    return x if fmt == "NHWC" else np.transpose(x, (0, 2, 3, 1))


def _from_nhwc(x, fmt):
    return x if fmt == "NHWC" else np.transpose(x, (0, 3, 1, 2))


def _rows(start, out, stride):
    """The slice of a padded dim that the `out` windows starting at offset `start` read."""
    return slice(start, start + (out - 1) * stride + 1, stride)


# ----- convolution --------------------------------------------------------------------------------


class Conv2DOp(TFOp):
    """2-D convolution (cross-correlation) of `input` [batch, h, w, in] (NHWC) or [batch, in, h, w]
    (NCHW) with `filter` [kh, kw, in / groups, out]:
    `%y = "tf.Conv2D"(%x, %w) <{padding = "SAME", strides = [1, 2, 2, 1]}> :
    (tensor<?x28x28x1xf32>, tensor<5x5x1x32xf32>) -> tensor<?x14x14x32xf32>`"""

    name = "tf.Conv2D"
    traits = (Pure,)
    input = Operand(C.AnyTensor)
    filter = Operand(C.AnyTensor)
    strides = Attr(C.ArrayOf(C.I64Attr))
    use_cudnn_on_gpu = Attr(C.BoolAttrC, default=A.BoolAttr(True))
    padding = Attr(C.StrAttr)
    explicit_paddings = Attr(C.ArrayOf(C.I64Attr), default=int_list([]))
    data_format = Attr(C.StrAttr, default=A.StringAttr("NHWC"))
    dilations = Attr(C.ArrayOf(C.I64Attr), default=int_list([1, 1, 1, 1]))
    output = Result(C.AnyTensor)

    @classmethod
    def _attributes(cls, attrs):
        """(format, (sh, sw), (dh, dw), padding, ((top, bottom), (left, right))); ShapeError if invalid."""
        fmt, padding = attrs.data_format, attrs.padding
        _check_format(fmt)
        _check_padding(padding, ("SAME", "VALID", "EXPLICIT"))
        strides = _check_window(attrs.strides, fmt, "Strides", "strides",
                                "Current implementation does not yet support strides in the batch and depth "
                                "dimensions.")
        dilations = _check_window(attrs.dilations, fmt, "Dilations", "dilations",
                                  "Current implementation does not yet support dilations in the batch and depth "
                                  "dimensions.")
        explicit = attrs.explicit_paddings
        pads = ((0, 0), (0, 0))
        if padding == "EXPLICIT":
            if len(explicit) != 8:
                raise ShapeError(f"explicit_paddings attribute must contain 8 values, but got: {len(explicit)}")
            if any(p < 0 for p in explicit):
                raise ShapeError("All elements of explicit_paddings must be nonnegative")
            n, h, w, c = _spatial(fmt)
            if any(explicit[2 * d] or explicit[2 * d + 1] for d in (n, c)):
                raise ShapeError("Nonzero explicit padding in the batch or depth dimensions is not supported")
            pads = ((explicit[2 * h], explicit[2 * h + 1]), (explicit[2 * w], explicit[2 * w + 1]))
        elif explicit:
            raise ShapeError("explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT")
        return fmt, strides, dilations, padding, pads

    @classmethod
    def infer(cls, attrs, input, filter):  # noqa: A002 - TF's operand names
        et = check_dtype(input, "input", is_number, NUMBERS)
        check_same_dtype("Conv2D", ("input", input), ("filter", filter))
        fmt, strides, dilations, padding, pads = cls._attributes(attrs)
        shape = with_rank(shape_of(input.type), 4)
        fshape = with_rank(shape_of(filter.type), 4)
        n_i, h_i, w_i, c_i = _spatial(fmt)
        dims = (None,) * 4 if shape is None else shape
        kh, kw, k_in, k_out = (None,) * 4 if fshape is None else fshape
        depth = dims[c_i]
        if depth is not None and k_in is not None:
            if k_in == 0 or depth % k_in:
                raise ShapeError(f"Depth of input ({depth}) is not a multiple of input depth of filter ({k_in})")
            groups = depth // k_in
            if k_out is not None and k_out % groups:
                raise ShapeError(f"Depth of output ({k_out}) is not a multiple of the number of groups ({groups})")
        out_h = _out_size(dims[h_i], kh, strides[0], dilations[0], padding, pads[0])
        out_w = _out_size(dims[w_i], kw, strides[1], dilations[1], padding, pads[1])
        out = [None] * 4
        out[n_i], out[h_i], out[w_i], out[c_i] = dims[n_i], out_h, out_w, k_out
        return [tensor_type(out, et)]

    def compute(self, ctx, input, filter):  # noqa: A002 - TF's operand names
        from tfc.errors import InvalidArgumentError
        fmt, (sh, sw), (dh, dw), padding, pads = type(self)._attributes(self.attrs)
        x, w = _to_nhwc(np.asarray(input), fmt), np.asarray(filter)
        batch, height, width, depth = x.shape
        kh, kw, k_in, k_out = w.shape
        if k_in == 0 or depth % k_in or k_out % (depth // k_in or 1):
            raise InvalidArgumentError(f"input depth must be evenly divisible by filter depth: {depth} vs {k_in}",
                                       self.location)
        groups = depth // k_in
        top, bottom, out_h = _window_pads(self, height, kh, sh, dh, padding, pads[0])
        left, right, out_w = _window_pads(self, width, kw, sw, dw, padding, pads[1])
        dtype = np.result_type(x, w)
        out = np.zeros((batch, out_h, out_w, k_out), dtype)
        if out.size == 0 or groups == 0:
            return _from_nhwc(out, fmt)
        xp = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
        per_group = k_out // groups
        for i in range(kh):
            for j in range(kw):
                patch = xp[:, _rows(i * dh, out_h, sh), _rows(j * dw, out_w, sw), :]
                if groups == 1:
                    out += np.matmul(patch, w[i, j])
                    continue
                for g in range(groups):
                    out[..., g * per_group:(g + 1) * per_group] += np.matmul(
                        patch[..., g * k_in:(g + 1) * k_in], w[i, j, :, g * per_group:(g + 1) * per_group])
        return _from_nhwc(out, fmt)

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


# ----- pooling --------------------------------------------------------------------------------------


class _PoolBase(TFOp):
    ksize = Attr(C.ArrayOf(C.I64Attr))
    strides = Attr(C.ArrayOf(C.I64Attr))
    padding = Attr(C.StrAttr)
    data_format = Attr(C.StrAttr, default=A.StringAttr("NHWC"))
    output = Result(C.AnyTensor)

    _input_name = "input"
    _dtype_ok = staticmethod(is_number)
    _allowed = NUMBERS

    @classmethod
    def _attributes(cls, attrs):
        fmt, padding = attrs.data_format, attrs.padding
        _check_format(fmt)
        _check_padding(padding, ("SAME", "VALID"))
        ksize = _check_window(attrs.ksize, fmt, "Sliding window ksize", "ksize",
                              "Pooling is not yet supported on the batch or depth dimension in tfc.")
        strides = _check_window(attrs.strides, fmt, "Sliding window strides", "stride",
                                "Pooling is not yet supported on the batch or depth dimension in tfc.")
        return fmt, ksize, strides, padding

    @classmethod
    def infer(cls, attrs, value):
        et = check_dtype(value, cls._input_name, cls._dtype_ok, cls._allowed)
        fmt, ksize, strides, padding = cls._attributes(attrs)
        shape = with_rank(shape_of(value.type), 4)
        dims = (None,) * 4 if shape is None else shape
        n_i, h_i, w_i, c_i = _spatial(fmt)
        out = list(dims)
        out[h_i] = _out_size(dims[h_i], ksize[0], strides[0], 1, padding)
        out[w_i] = _out_size(dims[w_i], ksize[1], strides[1], 1, padding)
        return [tensor_type(out, et)]

    def _windows(self, x, fill):
        """The input as windows [batch, out_h, out_w, channels, kh, kw], padded with `fill`, and
        the number of input (not padding) elements in each window [out_h, out_w]."""
        fmt, (kh, kw), (sh, sw), padding = type(self)._attributes(self.attrs)
        x = _to_nhwc(np.asarray(x), fmt)
        batch, height, width, depth = x.shape
        top, bottom, out_h = _window_pads(self, height, kh, sh, 1, padding)
        left, right, out_w = _window_pads(self, width, kw, sw, 1, padding)
        if min(batch, out_h, out_w, depth) == 0:
            return fmt, None, (batch, out_h, out_w, depth), None
        xp = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=fill)
        view = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(1, 2))
        view = view[:, ::sh, ::sw][:, :out_h, :out_w]
        mask = np.pad(np.ones((height, width), np.int64), ((top, bottom), (left, right)))
        counts = np.lib.stride_tricks.sliding_window_view(mask, (kh, kw))[::sh, ::sw][:out_h, :out_w].sum(axis=(-2, -1))
        return fmt, view, (batch, out_h, out_w, depth), counts

    def fold_data(self, constants):
        return fold_by_compute(self, constants)


class MaxPoolOp(_PoolBase):
    """The maximum over each window (padding never wins):
    `%y = "tf.MaxPool"(%x) <{ksize = [1, 2, 2, 1], padding = "VALID", strides = [1, 2, 2, 1]}> :
    (tensor<?x28x28x32xf32>) -> tensor<?x14x14x32xf32>`"""

    name = "tf.MaxPool"
    traits = (Pure,)
    input = Operand(C.AnyTensor)

    def compute(self, ctx, input):  # noqa: A002 - TF's operand name
        x = np.asarray(input)
        fill = -np.inf if np.issubdtype(x.dtype, np.floating) else np.iinfo(x.dtype).min
        fmt, view, shape, _ = self._windows(x, fill)
        if view is None:
            return _from_nhwc(np.zeros(shape, x.dtype), fmt)
        return _from_nhwc(view.max(axis=(-2, -1)), fmt)


class AvgPoolOp(_PoolBase):
    """The mean over each window of the input elements it covers (SAME padding is not counted):
    `%y = "tf.AvgPool"(%x) <{ksize = [1, 3, 3, 1], padding = "SAME", strides = [1, 2, 2, 1]}> :
    (tensor<?x5x5x8xf32>) -> tensor<?x3x3x8xf32>`"""

    name = "tf.AvgPool"
    traits = (Pure,)
    value = Operand(C.AnyTensor)

    _input_name = "value"
    _dtype_ok = staticmethod(is_float)
    _allowed = FLOATS

    def compute(self, ctx, value):
        x = np.asarray(value)
        fmt, view, shape, counts = self._windows(x, 0)
        if view is None:
            return _from_nhwc(np.zeros(shape, x.dtype), fmt)
        sums = view.sum(axis=(-2, -1), dtype=x.dtype)
        return _from_nhwc(sums / counts[None, :, :, None].astype(x.dtype), fmt)

