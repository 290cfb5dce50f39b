"""linalg-conv-to-matmul keeps the numbers: the interpreter runs the tensor IR before and after
the pass (and numpy checks both), for strides, dilations, kernel sizes, batch sizes, dynamic
dims, a bias accumulator and the 1x1 special case."""

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects.linalg.conv import Conv2DNhwcHwcfOp
from tfc.dialects.linalg.generic import GenericOp
from tfc.dialects.linalg.named import MatmulOp
from tfc.dialects.tensor import CollapseShapeOp, ExpandShapeOp
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline

LOWER = "tf-to-linalg,linalg-fuse-elementwise,canonicalize,cse"


def _shape_text(shape) -> str:
    return "x".join("?" if d is None else str(d) for d in shape)


def _tf_conv(x_shape, w_shape, out_shape, strides, dilations, padding, bias: bool) -> str:
    """A func running tf.Conv2D (NHWC), optionally followed by BiasAdd (which fusion turns into
    the conv's accumulator)."""
    xt, wt, ot = (f"tensor<{_shape_text(s)}xf32>" for s in (x_shape, w_shape, out_shape))
    f = w_shape[3]
    args = f"%x: {xt}, %w: {wt}" + (f", %b: tensor<{f}xf32>" if bias else "")
    lines = [f"func.func @f({args}) -> {ot} {{",
             f'  %c = "tf.Conv2D"(%x, %w) {{strides = [1, {strides[0]}, {strides[1]}, 1], padding = "{padding}", '
             f'data_format = "NHWC", dilations = [1, {dilations[0]}, {dilations[1]}, 1]}} : ({xt}, {wt}) -> {ot}']
    result = "%c"
    if bias:
        lines.append(f'  %r = "tf.BiasAdd"(%c, %b) : ({ot}, tensor<{f}xf32>) -> {ot}')
        result = "%r"
    lines += [f"  return {result} : {ot}", "}"]
    return "\n".join(lines)


def _out_size(size, k, stride, dilation, padding):
    if size is None:
        return None
    if padding == "SAME":
        return -(-size // stride)
    return (size - (k - 1) * dilation - 1) // stride + 1


def _reference(x, w, strides, dilations, padding):
    """NHWC convolution with numpy (TF's SAME padding: the extra row/column goes after)."""
    kh, kw = w.shape[:2]
    (sh, sw), (dh, dw) = strides, dilations
    if padding == "SAME":
        pads = []
        for size, k, s, d in ((x.shape[1], kh, sh, dh), (x.shape[2], kw, sw, dw)):
            out = -(-size // s)
            total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
            pads.append((total // 2, total - total // 2))
        x = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)))
    oh = (x.shape[1] - (kh - 1) * dh - 1) // sh + 1
    ow = (x.shape[2] - (kw - 1) * dw - 1) // sw + 1
    out = np.zeros((x.shape[0], oh, ow, w.shape[3]), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i * dh:i * dh + (oh - 1) * sh + 1:sh, j * dw:j * dw + (ow - 1) * sw + 1:sw, :]
            out += np.einsum("nhwc,cf->nhwf", patch.astype(np.float64), w[i, j].astype(np.float64))
    return out


def _lowered(text: str, extra: str = ""):
    load_all_passes()
    module = parse_module(text)
    parse_pipeline(f"builtin.module({LOWER}{extra})").run(module)
    return module


def _count(module, cls) -> int:
    return sum(1 for op in module.walk() if isinstance(op, cls))


def _im2col_copies(module) -> int:
    return sum(1 for op in module.walk() if isinstance(op, GenericOp) and len(op.get_iterator_types()) == 6)


def _check(text, *args):
    """Run the tensor IR before and after the pass; return (after module, before, after results)."""
    before = _lowered(text)
    assert _count(before, Conv2DNhwcHwcfOp) == 1
    after = _lowered(text, ",linalg-conv-to-matmul")
    assert _count(after, Conv2DNhwcHwcfOp) == 0
    assert _count(after, MatmulOp) == 1 and _count(after, ExpandShapeOp) == 1
    want = Interpreter().call(before, "f", *args)
    got = Interpreter().call(after, "f", *args)
    assert len(got) == len(want) == 1
    assert got[0].shape == want[0].shape and got[0].dtype == np.float32
    np.testing.assert_allclose(got[0], want[0], rtol=1e-5, atol=1e-5)
    return after, want[0], got[0]


CASES = [
    # (batch, h, w, c, kh, kw, f, strides, dilations, padding)
    pytest.param(1, 7, 7, 3, 3, 3, 4, (1, 1), (1, 1), "VALID", id="3x3-s1-n1"),
    pytest.param(3, 9, 8, 2, 3, 3, 5, (2, 2), (1, 1), "VALID", id="3x3-s2-n3"),
    pytest.param(3, 9, 9, 3, 3, 3, 4, (1, 1), (2, 2), "VALID", id="3x3-d2-n3"),
    pytest.param(1, 10, 9, 2, 3, 3, 3, (2, 1), (1, 2), "SAME", id="3x3-mixed-same"),
    pytest.param(3, 11, 11, 3, 5, 5, 6, (1, 1), (1, 1), "SAME", id="5x5-s1-n3-same"),
    pytest.param(1, 12, 12, 2, 5, 5, 4, (2, 2), (1, 1), "VALID", id="5x5-s2-n1"),
    pytest.param(1, 6, 6, 1, 2, 2, 1, (3, 3), (1, 1), "VALID", id="trailing-rows-ignored"),
    pytest.param(3, 5, 4, 6, 1, 1, 7, (1, 1), (1, 1), "VALID", id="1x1-s1-n3"),
    pytest.param(1, 7, 7, 4, 1, 1, 3, (2, 2), (1, 1), "VALID", id="1x1-s2"),
]


@pytest.mark.parametrize("batch,h,w,c,kh,kw,f,strides,dilations,padding", CASES)
def test_conv_matches_before_and_numpy(batch, h, w, c, kh, kw, f, strides, dilations, padding):
    rng = np.random.default_rng(batch * 100 + kh * 10 + strides[0])
    x = rng.standard_normal((batch, h, w, c)).astype(np.float32)
    k = rng.standard_normal((kh, kw, c, f)).astype(np.float32)
    out = (batch, _out_size(h, kh, strides[0], dilations[0], padding),
           _out_size(w, kw, strides[1], dilations[1], padding), f)
    text = _tf_conv(x.shape, k.shape, out, strides, dilations, padding, bias=False)
    after, _, got = _check(text, x, k)
    np.testing.assert_allclose(got, _reference(x, k, strides, dilations, padding), rtol=1e-4, atol=1e-4)
    pointwise = kh == kw == 1 and strides == (1, 1)
    assert _im2col_copies(after) == (0 if pointwise else 1)


@pytest.mark.parametrize("runtime_batch", [1, 3])
@pytest.mark.parametrize("kernel,strides,dilations", [(3, (2, 2), (1, 1)), (3, (1, 1), (2, 2)), (1, (1, 1), (1, 1)),
                                                      (5, (1, 1), (1, 1))])
def test_dynamic_batch(runtime_batch, kernel, strides, dilations):
    rng = np.random.default_rng(7 + kernel)
    x = rng.standard_normal((runtime_batch, 9, 9, 3)).astype(np.float32)
    k = rng.standard_normal((kernel, kernel, 3, 4)).astype(np.float32)
    out = (None, _out_size(9, kernel, strides[0], dilations[0], "VALID"),
           _out_size(9, kernel, strides[1], dilations[1], "VALID"), 4)
    text = _tf_conv((None, 9, 9, 3), k.shape, out, strides, dilations, "VALID", bias=False)
    after, _, got = _check(text, x, k)
    np.testing.assert_allclose(got, _reference(x, k, strides, dilations, "VALID"), rtol=1e-4, atol=1e-4)
    matmul = next(op for op in after.walk() if isinstance(op, MatmulOp))
    assert matmul.inputs[0].type.shape[0] is None  # the rows N*OH*OW stay dynamic


def test_dynamic_spatial_dims():
    rng = np.random.default_rng(11)
    x = rng.standard_normal((2, 8, 10, 3)).astype(np.float32)
    k = rng.standard_normal((3, 3, 3, 5)).astype(np.float32)
    text = _tf_conv((None, None, None, 3), k.shape, (None, None, None, 5), (2, 1), (1, 1), "SAME", bias=False)
    _, _, got = _check(text, x, k)
    np.testing.assert_allclose(got, _reference(x, k, (2, 1), (1, 1), "SAME"), rtol=1e-4, atol=1e-4)


def test_dynamic_spatial_1x1_uses_the_copy():
    # Whether the input is exactly as large as the output is unknown: the copy is always right.
    rng = np.random.default_rng(12)
    x = rng.standard_normal((2, 4, 5, 3)).astype(np.float32)
    k = rng.standard_normal((1, 1, 3, 2)).astype(np.float32)
    text = _tf_conv((None, None, None, 3), k.shape, (None, None, None, 2), (1, 1), (1, 1), "VALID", bias=False)
    after, _, got = _check(text, x, k)
    np.testing.assert_allclose(got, _reference(x, k, (1, 1), (1, 1), "VALID"), rtol=1e-4, atol=1e-4)
    assert _im2col_copies(after) == 1


@pytest.mark.parametrize("kernel", [1, 3])
def test_bias_stays_the_accumulator(kernel):
    rng = np.random.default_rng(13)
    x = rng.standard_normal((3, 6, 6, 4)).astype(np.float32)
    k = rng.standard_normal((kernel, kernel, 4, 5)).astype(np.float32)
    bias = rng.standard_normal(5).astype(np.float32)
    out = (None, 6 - kernel + 1, 6 - kernel + 1, 5)
    text = _tf_conv((None, 6, 6, 4), k.shape, out, (1, 1), (1, 1), "VALID", bias=True)
    after, _, got = _check(text, x, k, bias)
    np.testing.assert_allclose(got, _reference(x, k, (1, 1), (1, 1), "VALID") + bias, rtol=1e-4, atol=1e-4)
    matmul = next(op for op in after.walk() if isinstance(op, MatmulOp))
    collapse = matmul.dps_inits[0].defining_op
    assert isinstance(collapse, CollapseShapeOp)
    broadcast = collapse.src.defining_op
    assert isinstance(broadcast, GenericOp) and broadcast.inputs[0].type.shape == (5,)


CONV_TEMPLATE = """func.func @f(%x: tensor<{x}x{et}>, %w: tensor<{w}x{et}>, %init: tensor<{o}x{et}>) -> tensor<{o}x{et}> {{
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %init) <{{dilations = dense<1> : tensor<2xi64>,
      operandSegmentSizes = array<i32: 2, 1>, strides = dense<1> : tensor<2xi64>}}> ({{
  ^bb0(%a: {et}, %b: {et}, %acc: {et}):
    %m = "arith.mulf"(%a, %b) : ({et}, {et}) -> {et}
    %s = "arith.addf"(%acc, %m) : ({et}, {et}) -> {et}
    "linalg.yield"(%s) : ({et}) -> ()
  }}) : (tensor<{x}x{et}>, tensor<{w}x{et}>, tensor<{o}x{et}>) -> tensor<{o}x{et}>
  return %r : tensor<{o}x{et}>
}}"""


def _run_hand_written(text, *args):
    load_all_passes()
    before, after = parse_module(text), parse_module(text)
    parse_pipeline("builtin.module(linalg-conv-to-matmul)").run(after)
    return after, Interpreter().call(before, "f", *args)[0], Interpreter().call(after, "f", *args)[0]


def test_1x1_over_a_larger_input_uses_the_copy():
    # The conv reads only the first 4x4 of a 5x5 input: collapsing the input would be wrong.
    rng = np.random.default_rng(14)
    x = rng.standard_normal((2, 5, 5, 3)).astype(np.float32)
    k = rng.standard_normal((1, 1, 3, 4)).astype(np.float32)
    init = rng.standard_normal((2, 4, 4, 4)).astype(np.float32)
    text = CONV_TEMPLATE.format(x="2x5x5x3", w="1x1x3x4", o="2x4x4x4", et="f32")
    after, want, got = _run_hand_written(text, x, k, init)
    assert _count(after, Conv2DNhwcHwcfOp) == 0 and _im2col_copies(after) == 1
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got, init + _reference(x[:, :4, :4], k, (1, 1), (1, 1), "VALID"), rtol=1e-4, atol=1e-4)


def test_init_values_are_accumulated():
    rng = np.random.default_rng(15)
    x = rng.standard_normal((1, 6, 6, 2)).astype(np.float32)
    k = rng.standard_normal((3, 3, 2, 3)).astype(np.float32)
    init = rng.standard_normal((1, 4, 4, 3)).astype(np.float32)
    text = CONV_TEMPLATE.format(x="1x6x6x2", w="3x3x2x3", o="1x4x4x3", et="f32")
    _, want, got = _run_hand_written(text, x, k, init)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got, init + _reference(x, k, (1, 1), (1, 1), "VALID"), rtol=1e-4, atol=1e-4)


def test_other_element_types_are_left_alone():
    text = CONV_TEMPLATE.format(x="1x6x6x2", w="3x3x2x3", o="1x4x4x3", et="f64")
    after, _, _ = _run_hand_written(text, np.zeros((1, 6, 6, 2)), np.zeros((3, 3, 2, 3)), np.zeros((1, 4, 4, 3)))
    assert _count(after, Conv2DNhwcHwcfOp) == 1 and _count(after, MatmulOp) == 0
