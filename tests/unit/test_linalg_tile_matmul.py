"""linalg-tile-matmul keeps the numbers: memref-level matmul / batch_matmul IR computes the
same C += A * B before and after the pass (and as numpy does), for static and dynamic
shapes whose sizes are and are not multiples of the tiles and blocks, on the packed path
and on the unpacked one for few rows (`small-m`), chosen at run time for a dynamic M."""

from __future__ import annotations

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.printer import print_op
from tfc.ir.verifier import verify
from tfc.passes.linalg_tile_matmul import LinalgTileMatmulPass, TileConfig, default_tile_m

BODY = """({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%z, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  })"""

SMALL_BLOCKS = "vector-width=4 tile-m=3 tile-n=8 block-m=6 block-n=16 block-k=5"
PACKED, UNPACKED = "small-m=0", "small-m=1000"  # every M packed / every M below small-m
PATHS = pytest.mark.parametrize("path", [PACKED, UNPACKED])


def memref(shape, dynamic=()) -> str:
    dims = ["?" if i in dynamic else str(d) for i, d in enumerate(shape)]
    return f"memref<{'x'.join(dims)}xf32>"


def contraction_text(op: str, ta: str, tb: str, tc: str) -> str:
    return f"""func.func @mm(%a: {ta}, %b: {tb}, %c: {tc}) {{
  "linalg.{op}"(%a, %b, %c) <{{operandSegmentSizes = array<i32: 2, 1>}}> {BODY} : ({ta}, {tb}, {tc}) -> ()
  return
}}"""


def tile(text: str, options: str = ""):
    """(reference module, tiled module re-parsed from its printed form)."""
    reference = parse_module(text)
    verify(reference)
    module = parse_module(text)
    load_all_passes()
    parse_pipeline(f"builtin.module(linalg-tile-matmul{{{options}}})" if options
                   else "builtin.module(linalg-tile-matmul)").run(module)
    printed = print_op(module)
    assert "linalg." not in printed and "vector.fma" in printed
    tiled = parse_module(printed)
    verify(tiled)
    return reference, tiled


def check(op: str, shapes, dynamic=(), options: str = "", seed: int = 0):
    a_shape, b_shape, c_shape = shapes
    text = contraction_text(op, *(memref(s, dynamic) for s in shapes))
    reference, tiled = tile(text, options)
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(a_shape).astype(np.float32)
    b = rng.standard_normal(b_shape).astype(np.float32)
    bias = rng.standard_normal(c_shape).astype(np.float32)
    want = bias + np.matmul(a.astype(np.float64), b.astype(np.float64))
    c_ref, c_tiled = bias.copy(), bias.copy()
    Interpreter().call(reference, "mm", a, b, c_ref)
    Interpreter().call(tiled, "mm", a, b, c_tiled)  # C is updated in place
    np.testing.assert_allclose(c_tiled, want, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(c_tiled, c_ref, rtol=1e-5, atol=1e-5)
    assert c_tiled.dtype == np.float32


MATMUL_SHAPES = [(1, 1, 1), (7, 5, 3), (13, 17, 19), (6, 16, 4), (12, 32, 9), (64, 64, 64)]


@PATHS
@pytest.mark.parametrize("m, n, k", MATMUL_SHAPES)
def test_matmul_static(m, n, k, path):
    check("matmul", [(m, k), (k, n), (m, n)], options=path)


@PATHS
@pytest.mark.parametrize("m, n, k", [(1, 1, 1), (13, 17, 19), (30, 9, 8)])
def test_matmul_dynamic_m(m, n, k, path):
    check("matmul", [(m, k), (k, n), (m, n)], dynamic={0}, options=path)


@PATHS
@pytest.mark.parametrize("m, n, k", [(7, 5, 3), (13, 17, 19)])
def test_matmul_all_dims_dynamic(m, n, k, path):
    check("matmul", [(m, k), (k, n), (m, n)], dynamic={0, 1}, options=path)


@pytest.mark.parametrize("m, n, k", [(1, 1, 1), (7, 5, 3), (13, 17, 19), (20, 40, 11), (6, 16, 5)])
@pytest.mark.parametrize("dynamic", [(), (0, 1)])
def test_matmul_many_blocks(m, n, k, dynamic):
    # Small blocks: several row, column and depth blocks, each with edges.
    check("matmul", [(m, k), (k, n), (m, n)], dynamic=set(dynamic), options=f"{SMALL_BLOCKS} {PACKED}")


@PATHS
def test_matmul_avx512_tiles(path):
    check("matmul", [(29, 35), (35, 40), (29, 40)], options=f"vector-width=16 {path}")


@pytest.mark.parametrize("m", range(0, 10))
@pytest.mark.parametrize("n", [3, 11, 37])
def test_every_row_count_either_side_of_small_m(m, n):
    # A dynamic M, tested against small-m = 7 at run time: below it, groups of 3 rows (4 lanes:
    # 3 x 4 accumulators + 3 broadcasts + 1 of 16 registers) then single rows; the columns as
    # tiles of 8 vectors (one row) or 4 (a group), whole vectors, then a 2- and 1-lane tail.
    check("matmul", [(m, 6), (6, n), (m, n)], dynamic={0}, options="vector-width=4 small-m=7", seed=m)


@pytest.mark.parametrize("m", [1, 2, 4, 5])
@pytest.mark.parametrize("n", [1, 4, 7, 21, 40])
def test_unpacked_dynamic_columns(m, n):
    # A dynamic N: whole vectors, then one column at a time.
    check("matmul", [(m, 5), (5, n), (m, n)], dynamic={0, 1}, options="vector-width=4 small-m=6", seed=n)


def test_small_m_picks_the_path():
    text = contraction_text("matmul", "memref<?x8xf32>", "memref<8x8xf32>", "memref<?x8xf32>")
    _, unpacked = tile(text, "small-m=4")
    assert "arith.cmpi" in print_op(unpacked) and "memref.alloc" in print_op(unpacked)  # both, tested
    _, packed_only = tile(text, PACKED)
    assert "scf.if" not in print_op(packed_only).split("memref.alloc")[0]
    static = contraction_text("matmul", "memref<2x8xf32>", "memref<8x8xf32>", "memref<2x8xf32>")
    _, no_copy = tile(static, "small-m=4")
    assert "memref.alloc" not in print_op(no_copy) and "arith.cmpi" not in print_op(no_copy)
    assert TileConfig(16, 0, 0, 112, 1024, 256).small_m == 32
    assert TileConfig(16, 20, 16, 112, 1024, 256).small_m == 40  # two 20-row tiles
    assert TileConfig(8, 0, 0, 112, 1024, 256, small_m=5).small_m == 5


@pytest.mark.parametrize("m", [0, 1, 3, 7, 30])
def test_compiled_paths_match_numpy(m):
    # The code the JIT makes of both paths (vector<1>/<2> tails, run-time choice), default options.
    from tfc.backends.cpu import compile_jit
    text = contraction_text("matmul", "memref<?x37xf32>", "memref<37x43xf32>", "memref<?x43xf32>")
    _, tiled = tile(text, "vector-width=8")
    f = compile_jit(tiled, cache=False).function("mm")
    rng = np.random.default_rng(m)
    a = rng.standard_normal((m, 37)).astype(np.float32)
    b = rng.standard_normal((37, 43)).astype(np.float32)
    c = rng.standard_normal((m, 43)).astype(np.float32)
    want = c + a.astype(np.float64) @ b.astype(np.float64)
    f(a, b, c)
    np.testing.assert_allclose(c, want, rtol=1e-5, atol=1e-5)


@PATHS
def test_zero_depth_leaves_c_unchanged(path):
    text = contraction_text("matmul", "memref<3x?xf32>", "memref<?x4xf32>", "memref<3x4xf32>")
    _, tiled = tile(text, path)
    c = np.arange(12, dtype=np.float32).reshape(3, 4)
    Interpreter().call(tiled, "mm", np.zeros((3, 0), np.float32), np.zeros((0, 4), np.float32), c)
    np.testing.assert_array_equal(c, np.arange(12, dtype=np.float32).reshape(3, 4))


@PATHS
@pytest.mark.parametrize("batch, m, n, k, dynamic", [(3, 7, 9, 5, ()), (2, 13, 17, 4, (0, 1, 2))])
def test_batch_matmul(batch, m, n, k, dynamic, path):
    check("batch_matmul", [(batch, m, k), (batch, k, n), (batch, m, n)], dynamic=set(dynamic), options=path)


@PATHS
def test_strided_views_are_tiled(path):
    # C is a column window of a wider buffer (inner stride 1): tiled, and only the window changes.
    text = """func.func @mm(%a: memref<5x6xf32>, %b: memref<6x7xf32>, %buffer: memref<5x12xf32>) {
  %c = "memref.subview"(%buffer) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 2>, static_sizes = array<i64: 5, 7>, static_strides = array<i64: 1, 1>}> : (memref<5x12xf32>) -> memref<5x7xf32, strided<[12, 1], offset: 2>>
  "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> """ + BODY + """ : (memref<5x6xf32>, memref<6x7xf32>, memref<5x7xf32, strided<[12, 1], offset: 2>>) -> ()
  return
}"""
    _, tiled = tile(text, path)
    rng = np.random.default_rng(3)
    a = rng.standard_normal((5, 6)).astype(np.float32)
    b = rng.standard_normal((6, 7)).astype(np.float32)
    buffer = rng.standard_normal((5, 12)).astype(np.float32)
    want = buffer.copy()
    want[:, 2:9] += a @ b
    Interpreter().call(tiled, "mm", a, b, buffer)
    np.testing.assert_allclose(buffer, want, rtol=1e-5, atol=1e-5)


def test_default_tile_rows_fit_the_registers():
    assert default_tile_m(8, 16) == 6     # 12 accumulators + 2 + 1 of 16 ymm registers
    assert default_tile_m(16, 32) == 14   # 28 accumulators + 2 + 1 of 32 zmm registers
    config = TileConfig(8, 0, 0, 100, 1000, 256)
    assert (config.mr, config.nr, config.mc, config.nc) == (6, 16, 96, 992)


def test_bad_options_are_errors():
    with pytest.raises(ValueError, match="multiple of vector-width"):
        TileConfig(8, 6, 12, 96, 1024, 256)
    with pytest.raises(ValueError, match="positive"):
        TileConfig(8, 6, 16, 96, 1024, -1)
    module = parse_module(contraction_text("matmul", "memref<2x2xf32>", "memref<2x2xf32>", "memref<2x2xf32>"))
    with pytest.raises(ValueError):
        LinalgTileMatmulPass(vector_width=8, tile_n=4).run(module)
