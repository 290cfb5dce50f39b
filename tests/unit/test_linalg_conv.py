"""linalg.conv_2d_nhwc_hwcf, depthwise_conv_2d_nhwc_hwc, pooling_nhwc_max and pooling_nhwc_sum:
numerics against an independent numpy reference (explicit windows gathered by index arrays,
then einsum / max / sum), on tensors and on memrefs (in place), through the numpy fast path and
through the per-point oracle (which runs the indexing maps and the body exactly as
linalg-to-loops will), MLIR's maps, the builders, and verifier errors."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects import linalg
from tfc.dialects.builtin import ModuleOp
from tfc.dialects.func import FuncOp, ReturnOp
from tfc.dialects.linalg import base as linalg_base
from tfc.dialects.linalg import named
from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.parser import parse_module
from tfc.ir.verifier import verify

rng = np.random.default_rng(3)

BODIES = {
    "conv": """^bb0(%a: {et}, %b: {et}, %c: {et}):
    %m = "arith.mul{k}"(%a, %b) : ({et}, {et}) -> {et}
    %s = "arith.add{k}"(%c, %m) : ({et}, {et}) -> {et}
    "linalg.yield"(%s) : ({et}) -> ()""",
    "max": """^bb0(%a: {et}, %w: {et}, %c: {et}):
    %s = "arith.{maxop}"(%c, %a) : ({et}, {et}) -> {et}
    "linalg.yield"(%s) : ({et}) -> ()""",
    "sum": """^bb0(%a: {et}, %w: {et}, %c: {et}):
    %s = "arith.add{k}"(%c, %a) : ({et}, {et}) -> {et}
    "linalg.yield"(%s) : ({et}) -> ()""",
}
OPS = {"conv": "linalg.conv_2d_nhwc_hwcf", "depthwise": "linalg.depthwise_conv_2d_nhwc_hwc",
       "max": "linalg.pooling_nhwc_max", "sum": "linalg.pooling_nhwc_sum"}


def shape_str(shape) -> str:
    return "x".join(str(d) for d in shape)


def op_text(kind, x_shape, k_shape, out_shape, strides=None, dilations=None, et="f32", memref=False, body=None):
    """A func @f(%x, %k, %o) applying one windowed op (attributes omitted when None)."""
    container = "memref" if memref else "tensor"
    types = [f"{container}<{shape_str(s)}x{et}>" for s in (x_shape, k_shape, out_shape)]
    props = ["operandSegmentSizes = array<i32: 2, 1>"]
    if strides is not None:
        props.insert(0, f"strides = dense<[{strides[0]}, {strides[1]}]> : tensor<2xi64>")
    if dilations is not None:
        props.insert(0, f"dilations = dense<[{dilations[0]}, {dilations[1]}]> : tensor<2xi64>")
    k = "f" if et.startswith(("f", "bf")) else "i"
    body_kind = "conv" if kind == "depthwise" else kind
    body = (body or BODIES[body_kind]).format(et=et, k=k, maxop="maximumf" if k == "f" else "maxsi")
    result = "" if memref else f" -> {types[2]}"
    results = "()" if memref else types[2]
    ret = "return" if memref else f"return %r : {types[2]}"
    assign = "" if memref else "%r = "
    return f"""func.func @f(%x: {types[0]}, %k: {types[1]}, %o: {types[2]}){result} {{
  {assign}"{OPS[kind]}"(%x, %k, %o) <{{{", ".join(props)}}}> ({{
  {body}
  }}) : ({", ".join(types)}) -> {results}
  {ret}
}}"""


def windows(x, out_hw, k_hw, strides, dilations):
    """x's windows [n, oh, ow, kh, kw, c] gathered by explicit index arrays."""
    (oh, ow), (kh, kw), (sh, sw), (dh, dw) = out_hw, k_hw, strides, dilations
    rows = np.arange(oh)[:, None] * sh + np.arange(kh)[None, :] * dh
    cols = np.arange(ow)[:, None] * sw + np.arange(kw)[None, :] * dw
    return x[:, rows[:, None, :, None], cols[None, :, None, :], :]


def reference(kind, x, k, out, strides, dilations):
    k_hw = k.shape[:2] if kind in ("conv", "depthwise") else k.shape
    patches = windows(x, out.shape[1:3], k_hw, strides, dilations)
    if kind == "conv":
        return out + np.einsum("nhwijc,ijcf->nhwf", patches.astype(np.float64), k.astype(np.float64))
    if kind == "depthwise":
        return out + np.einsum("nhwijc,ijc->nhwc", patches.astype(np.float64), k.astype(np.float64))
    if kind == "max":
        return np.maximum(out, patches.max(axis=(3, 4)))
    return out + patches.sum(axis=(3, 4), dtype=out.dtype)


def out_size(size, k, stride, dilation, extra=0):
    return (size - extra - ((k - 1) * dilation + 1)) // stride + 1


def case(kind, n=2, h=7, w=8, c=3, f=4, kh=3, kw=2, strides=(1, 1), dilations=(1, 1), dtype=np.float32):
    x = rng.standard_normal((n, h, w, c)).astype(dtype) if dtype != np.int32 else \
        rng.integers(-20, 20, (n, h, w, c)).astype(dtype)
    if kind == "conv":
        k_shape = (kh, kw, c, f)
    elif kind == "depthwise":
        k_shape = (kh, kw, c)
    else:
        k_shape = (kh, kw)
    k = rng.standard_normal(k_shape).astype(dtype) if dtype != np.int32 else \
        rng.integers(-5, 5, k_shape).astype(dtype)
    oh, ow = out_size(h, kh, strides[0], dilations[0]), out_size(w, kw, strides[1], dilations[1])
    channels = f if kind == "conv" else c
    out = rng.standard_normal((n, oh, ow, channels)).astype(dtype) if dtype != np.int32 else \
        rng.integers(-5, 5, (n, oh, ow, channels)).astype(dtype)
    return x, k, out


def run(text, *args):
    module = parse_module(text, "<test>")
    verify(module)
    return Interpreter().call(module, "f", *args)


def force_per_point(monkeypatch):
    monkeypatch.setattr(named.NamedOp, "has_standard_body", lambda self: False)
    monkeypatch.setattr(named, "run_vectorized", lambda *a: False)
    monkeypatch.setattr(linalg_base, "run_vectorized", lambda *a: False)


GEOMETRIES = [((1, 1), (1, 1)), ((2, 2), (1, 1)), ((1, 2), (2, 1)), ((2, 3), (2, 2))]


@pytest.mark.parametrize("kind", ["conv", "depthwise", "max", "sum"])
@pytest.mark.parametrize("strides, dilations", GEOMETRIES)
@pytest.mark.parametrize("per_point", [False, True])
def test_against_numpy_windows(kind, strides, dilations, per_point, monkeypatch):
    if per_point:
        force_per_point(monkeypatch)
    x, k, out = case(kind, h=9, w=10, strides=strides, dilations=dilations)
    text = op_text(kind, x.shape, k.shape, out.shape, strides, dilations)
    got, = run(text, x, k, out)
    assert got.dtype == np.float32 and got.shape == out.shape
    np.testing.assert_allclose(got, reference(kind, x, k, out, strides, dilations), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kind", ["conv", "depthwise", "max", "sum"])
def test_memrefs_are_written_in_place(kind):
    x, k, out = case(kind, strides=(2, 1))
    text = op_text(kind, x.shape, k.shape, out.shape, (2, 1), None, memref=True)
    buffer = out.copy()
    assert run(text, x, k, buffer) == []
    np.testing.assert_allclose(buffer, reference(kind, x, k, out, (2, 1), (1, 1)), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kind", ["conv", "max", "sum"])
def test_integers(kind):
    x, k, out = case(kind, dtype=np.int32, strides=(2, 2))
    got, = run(op_text(kind, x.shape, k.shape, out.shape, (2, 2), (1, 1), et="i32"), x, k, out)
    assert got.dtype == np.int32
    np.testing.assert_array_equal(got, reference(kind, x, k, out, (2, 2), (1, 1)).astype(np.int32))


def test_default_strides_and_dilations_are_one():
    x, k, out = case("conv")
    got, = run(op_text("conv", x.shape, k.shape, out.shape), x, k, out)
    np.testing.assert_allclose(got, reference("conv", x, k, out, (1, 1), (1, 1)), rtol=1e-5, atol=1e-5)


def test_larger_input_than_the_windows_need():
    # Stride 3 over 8 rows reads rows 0..6 only; the op accepts the extra row, like MLIR.
    x, k, out = case("max", h=8, w=8, kh=2, kw=2, strides=(3, 3))
    x = np.concatenate([x, rng.standard_normal((2, 1, 8, 3)).astype(np.float32)], axis=1)
    got, = run(op_text("max", x.shape, k.shape, out.shape, (3, 3), None), x, k, out)
    np.testing.assert_allclose(got, reference("max", x, k, out, (3, 3), (1, 1)))


def test_max_propagates_nan():
    x, k, out = case("max", kh=2, kw=2)
    x[0, 0, 0, 0] = np.nan
    got, = run(op_text("max", x.shape, k.shape, out.shape), x, k, out)
    assert np.isnan(got[0, 0, 0, 0]) and not np.isnan(got[1]).any()


def test_nonstandard_body_runs_per_point():
    # conv with `c + a - b` instead of `c + a * b`: the fast path must not apply.
    body = """^bb0(%a: f32, %b: f32, %c: f32):
    %m = "arith.subf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%c, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()"""
    x, k, out = case("conv", h=4, w=4, c=2, f=2, kh=2, kw=2)
    got, = run(op_text("conv", x.shape, k.shape, out.shape, body=body), x, k, out)
    patches = windows(x, out.shape[1:3], (2, 2), (1, 1), (1, 1)).astype(np.float64)
    # sum over (kh, kw, c) of (x - k[kh, kw, c, f]) = sum(x window) - sum(k[..., f])
    want = out + patches.sum(axis=(3, 4, 5))[..., None] - k.astype(np.float64).sum(axis=(0, 1, 2))
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_dynamic_shapes():
    x, k, out = case("conv", strides=(2, 2))
    text = op_text("conv", x.shape, k.shape, out.shape, (2, 2), None)
    text = text.replace(f"tensor<{shape_str(x.shape)}xf32>", "tensor<?x?x?x3xf32>")
    text = text.replace(f"tensor<{shape_str(out.shape)}xf32>", f"tensor<?x{out.shape[1]}x?x4xf32>")
    got, = run(text, x, k, out)
    np.testing.assert_allclose(got, reference("conv", x, k, out, (2, 2), (1, 1)), rtol=1e-5, atol=1e-5)


def test_input_too_small_at_run_time_is_an_error():
    x, k, out = case("sum", strides=(2, 2))
    text = op_text("sum", x.shape, k.shape, out.shape, (2, 2), None)
    text = text.replace(f"tensor<{shape_str(x.shape)}xf32>", "tensor<?x?x?x3xf32>")
    with pytest.raises(Exception, match="out of bounds"):
        run(text, x[:, :3], k, out)


# ----- maps, builders, printing ----------------------------------------------------------------------

def test_mlir_indexing_maps():
    x, k, out = case("conv", h=9, w=10, strides=(2, 3), dilations=(2, 2))
    module = parse_module(op_text("conv", x.shape, k.shape, out.shape, (2, 3), (2, 2)))
    conv = next(op for op in module.walk() if isinstance(op, linalg.Conv2DNhwcHwcfOp))
    assert [str(m) for m in conv.get_indexing_maps()] == [
        "(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 * 2 + d4 * 2, d2 * 3 + d5 * 2, d6)",
        "(d0, d1, d2, d3, d4, d5, d6) -> (d4, d5, d6, d3)",
        "(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)"]
    assert conv.get_iterator_types() == ["parallel"] * 4 + ["reduction"] * 3
    x, k, out = case("max")
    module = parse_module(op_text("max", x.shape, k.shape, out.shape))
    pool = next(op for op in module.walk() if isinstance(op, linalg.PoolingNhwcMaxOp))
    assert [str(m) for m in pool.get_indexing_maps()] == [
        "(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 + d5, d3)",
        "(d0, d1, d2, d3, d4, d5) -> (d4, d5)",
        "(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)"]
    assert pool.get_iterator_types() == ["parallel"] * 4 + ["reduction"] * 2
    x, k, out = case("depthwise")
    module = parse_module(op_text("depthwise", x.shape, k.shape, out.shape, (1, 2), None))
    dw = next(op for op in module.walk() if isinstance(op, linalg.DepthwiseConv2DNhwcHwcOp))
    assert [str(m) for m in dw.get_indexing_maps()][:2] == [
        "(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 * 2 + d5, d3)",
        "(d0, d1, d2, d3, d4, d5) -> (d4, d5, d3)"]


@pytest.mark.parametrize("op_class, kind", [(linalg.Conv2DNhwcHwcfOp, "conv"),
                                            (linalg.DepthwiseConv2DNhwcHwcOp, "depthwise"),
                                            (linalg.PoolingNhwcMaxOp, "max"), (linalg.PoolingNhwcSumOp, "sum")])
def test_builders_make_the_standard_body(op_class, kind):
    x, k, out = case(kind, strides=(2, 1), dilations=(1, 2), h=9, w=9)
    types = [T.TensorType(a.shape, T.f32) for a in (x, k, out)]
    func = FuncOp.create("f", types, [])
    op = op_class.create(*func.entry.arguments, strides=(2, 1), dilations=(1, 2))
    func.entry.append(op)
    func.entry.append(ReturnOp.build([op.results[0]]))
    func.function_type = A.TypeAttr(T.FunctionType(tuple(types), (types[2],)))
    module = ModuleOp.create()
    module.regions[0].blocks[0].append(func)
    verify(module)
    assert op.has_standard_body()
    text = str(module)
    assert "strides = dense<[2, 1]> : tensor<2xi64>" in text and "dilations = dense<[1, 2]> : tensor<2xi64>" in text
    assert str(parse_module(text)) == text
    got, = run(text, x, k, out)
    np.testing.assert_allclose(got, reference(kind, x, k, out, (2, 1), (1, 2)), rtol=1e-5, atol=1e-5)


# ----- verifier ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("1x4x4x8", "1x5x4x8"), "greater than or equal to 11, but found 9"),
    (lambda t: t.replace("dense<[2, 2]> : tensor<2xi64>", "dense<[0, 2]> : tensor<2xi64>", 1),
     "expected strides to be positive"),
    (lambda t: t.replace("dense<[2, 2]> : tensor<2xi64>", "dense<[2, 2, 2]> : tensor<3xi64>", 1),
     "64-bit signless int elements attribute of shape \\[2\\]"),
    (lambda t: t.replace("tensor<3x3x3x8xf32>", "tensor<3x3x8xf32>"), "expected operand rank"),
])
def test_verifier_errors(edit, message):
    text = op_text("conv", (1, 9, 9, 3), (3, 3, 3, 8), (1, 4, 4, 8), (2, 2), (1, 1))
    text = edit(text)
    with pytest.raises(DiagnosticError, match=message):
        verify(parse_module(text, "<test>"))
