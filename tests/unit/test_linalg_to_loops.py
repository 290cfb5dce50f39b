"""linalg-to-loops keeps the numbers: for every structured op kind, the memref-level function
run by the interpreter writes the same buffers before and after the pass."""

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.dialects.linalg import StructuredMixin
from tfc.dialects.scf import ForOp, ParallelOp
from tfc.ir.affine import AffineMap
from tfc.ir.parser import parse_module
from tfc.ir.passes import load_all_passes, parse_pipeline
from tfc.ir.verifier import verify
from tfc.passes.linalg_to_loops import accumulator_start, parallel_prefix

PAR, RED = "#linalg.iterator_type<parallel>", "#linalg.iterator_type<reduction>"


def generic(ins, outs, maps, iterators, body, args):
    """A func.func @f over memref arguments holding one linalg.generic."""
    operands = [*ins, *outs]
    names = [f"%a{i}" for i in range(len(operands))]
    types = [t for _, t in operands]
    maps_text = ", ".join(f"affine_map<{m}>" for m in maps)
    params = ", ".join(f"{n}: {t}" for n, t in zip(names, types))
    return f"""func.func @f({params}) {{
  "linalg.generic"({", ".join(names)}) <{{indexing_maps = [{maps_text}], iterator_types = [{", ".join(iterators)}], operandSegmentSizes = array<i32: {len(ins)}, {len(outs)}>}}> ({{
  ^bb0({args}):
{body}
  }}) : ({", ".join(types)}) -> ()
  return
}}"""


def lower(text, threshold=None):
    module = parse_module(text)
    verify(module)
    load_all_passes()
    option = "" if threshold is None else f"{{parallel-threshold={threshold}}}"
    parse_pipeline(f"builtin.module(linalg-to-loops{option})").run(module)
    verify(module)
    assert not any(isinstance(op, StructuredMixin) for op in module.walk()), "a linalg op is left"
    return module


def check_same(text, arrays, threshold=None):
    """Run @f on copies of `arrays` before and after the pass; every buffer must match exactly
    (the loops keep the op's order of iteration, so even float rounding is the same)."""
    before = [np.array(a, copy=True) for a in arrays]
    after = [np.array(a, copy=True) for a in arrays]
    assert Interpreter().call(parse_module(text), "f", *before) == []
    module = lower(text, threshold)
    assert Interpreter().call(module, "f", *after) == []
    for want, got in zip(before, after):
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
    return module, after


def loops_of(module):
    ops = module.walk()
    return sum(isinstance(o, ParallelOp) for o in ops), sum(isinstance(o, ForOp) for o in ops)


RNG = np.random.default_rng(7)


def floats(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def _small(*shape):
    """Small-integer floats: sums of their products are exact in any order."""
    return RNG.integers(-4, 5, shape).astype(np.float32)


def ints(*shape, dtype=np.int32):
    return RNG.integers(-50, 50, shape).astype(dtype)


# ----- linalg.generic ----------------------------------------------------------------------------

@pytest.mark.parametrize("threshold", [0, None])
def test_elementwise_add_float(threshold):
    text = generic([("a", "memref<4x5xf32>"), ("b", "memref<4x5xf32>")], [("o", "memref<4x5xf32>")],
                   ["(d0, d1) -> (d0, d1)"] * 3, [PAR, PAR],
                   '    %s = "arith.addf"(%x, %y) : (f32, f32) -> f32\n    "linalg.yield"(%s) : (f32) -> ()',
                   "%x: f32, %y: f32, %z: f32")
    module, (a, b, o) = check_same(text, [floats(4, 5), floats(4, 5), np.zeros((4, 5), np.float32)], threshold)
    np.testing.assert_array_equal(o, a + b)
    assert loops_of(module) == ((1, 0) if threshold == 0 else (0, 2))


def test_broadcast_map_reads_index_zero_and_reads_the_old_output():
    text = generic([("a", "memref<1x6xi64>")], [("o", "memref<3x6xi64>")],
                   ["(d0, d1) -> (0, d1)", "(d0, d1) -> (d0, d1)"], [PAR, PAR],
                   '    %s = "arith.subi"(%z, %x) : (i64, i64) -> i64\n    "linalg.yield"(%s) : (i64) -> ()',
                   "%x: i64, %z: i64")
    a, o = ints(1, 6, dtype=np.int64), ints(3, 6, dtype=np.int64)
    _, (_, got) = check_same(text, [a, o])
    np.testing.assert_array_equal(got, o - a)


@pytest.mark.parametrize("threshold", [0, None])
def test_row_sum_with_index_int(threshold):
    body = """    %i = "linalg.index"() <{dim = 1 : i64}> : () -> index
    %j = "linalg.index"() <{dim = 0 : i64}> : () -> index
    %k = "arith.addi"(%i, %j) : (index, index) -> index
    %c = "arith.index_cast"(%k) : (index) -> i32
    %m = "arith.muli"(%x, %c) : (i32, i32) -> i32
    %s = "arith.addi"(%acc, %m) : (i32, i32) -> i32
    "linalg.yield"(%s) : (i32) -> ()"""
    text = generic([("a", "memref<3x7xi32>")], [("o", "memref<3xi32>")],
                   ["(d0, d1) -> (d0, d1)", "(d0, d1) -> (d0)"], [PAR, RED], body, "%x: i32, %acc: i32")
    a, o = ints(3, 7), ints(3)
    module, (_, got) = check_same(text, [a, o], threshold)
    np.testing.assert_array_equal(got, o + (a * (np.arange(7)[None, :] + np.arange(3)[:, None])).sum(1))
    assert loops_of(module) == ((1, 1) if threshold == 0 else (0, 2))


def test_column_max_float_reduction_outer():
    text = generic([("a", "memref<5x4xf32>")], [("o", "memref<4xf32>")],
                   ["(d0, d1) -> (d0, d1)", "(d0, d1) -> (d1)"], [RED, PAR],
                   '    %m = "arith.maximumf"(%x, %acc) : (f32, f32) -> f32\n    "linalg.yield"(%m) : (f32) -> ()',
                   "%x: f32, %acc: f32")
    a = floats(5, 4)
    a[2, 1] = np.nan
    _, (_, got) = check_same(text, [a, np.full(4, -np.inf, np.float32)], threshold=0)
    assert np.isnan(got[1]) and got[0] == a[:, 0].max()


def test_full_float_sum_into_rank0():
    text = generic([("a", "memref<6x5xf32>")], [("o", "memref<f32>")],
                   ["(d0, d1) -> (d0, d1)", "(d0, d1) -> ()"], [RED, RED],
                   '    %s = "arith.addf"(%acc, %x) : (f32, f32) -> f32\n    "linalg.yield"(%s) : (f32) -> ()',
                   "%x: f32, %acc: f32")
    a = floats(6, 5)
    _, (_, got) = check_same(text, [a, np.array(1.5, np.float32)])
    np.testing.assert_allclose(got, 1.5 + a.sum(), rtol=1e-5)


def test_two_outputs_argmax_carried_together():
    body = """    %i = "linalg.index"() <{dim = 1 : i64}> : () -> index
    %c = "arith.index_cast"(%i) : (index) -> i32
    %gt = "arith.cmpf"(%x, %best) <{predicate = 2 : i64}> : (f32, f32) -> i1
    %b = "arith.select"(%gt, %x, %best) : (i1, f32, f32) -> f32
    %k = "arith.select"(%gt, %c, %arg) : (i1, i32, i32) -> i32
    "linalg.yield"(%b, %k) : (f32, i32) -> ()"""
    text = generic([("a", "memref<4x9xf32>")], [("m", "memref<4xf32>"), ("k", "memref<4xi32>")],
                   ["(d0, d1) -> (d0, d1)", "(d0, d1) -> (d0)", "(d0, d1) -> (d0)"], [PAR, RED], body,
                   "%x: f32, %best: f32, %arg: i32")
    a = floats(4, 9)
    _, (_, best, arg) = check_same(text, [a, np.full(4, -np.inf, np.float32), np.zeros(4, np.int32)], threshold=0)
    np.testing.assert_array_equal(arg, a.argmax(1))
    np.testing.assert_array_equal(best, a.max(1))


@pytest.mark.parametrize("threshold", [0, None])
def test_dynamic_dims(threshold):
    text = generic([("a", "memref<?x?xf32>"), ("b", "memref<?xf32>")], [("o", "memref<?x?xf32>")],
                   ["(d0, d1) -> (d0, d1)", "(d0, d1) -> (d1)", "(d0, d1) -> (d0, d1)"], [PAR, PAR],
                   '    %s = "arith.mulf"(%x, %y) : (f32, f32) -> f32\n    "linalg.yield"(%s) : (f32) -> ()',
                   "%x: f32, %y: f32, %z: f32")
    a, b = floats(3, 7), floats(7)
    module, (_, _, o) = check_same(text, [a, b, np.zeros((3, 7), np.float32)], threshold)
    np.testing.assert_array_equal(o, a * b)
    assert loops_of(module) == (1, 0)  # unknown sizes count as enough work
    assert '"memref.dim"' in str(module)


def test_sliding_window_and_floordiv_mod_maps():
    window = generic([("a", "memref<10xi32>"), ("w", "memref<3xi32>")], [("o", "memref<8xi32>")],
                     ["(d0, d1) -> (d0 + d1)", "(d0, d1) -> (d1)", "(d0, d1) -> (d0)"], [PAR, RED],
                     '    %m = "arith.muli"(%x, %y) : (i32, i32) -> i32\n    %s = "arith.addi"(%acc, %m) : '
                     '(i32, i32) -> i32\n    "linalg.yield"(%s) : (i32) -> ()', "%x: i32, %y: i32, %acc: i32")
    a, w = ints(10), ints(3)
    _, (_, _, o) = check_same(window, [a, w, np.zeros(8, np.int32)])
    np.testing.assert_array_equal(o, np.convolve(a, w[::-1], "valid"))
    split = generic([("a", "memref<3x4xi32>")], [("o", "memref<12xi32>")],
                    ["(d0) -> (d0 floordiv 4, d0 mod 4)", "(d0) -> (d0)"], [PAR],
                    '    "linalg.yield"(%x) : (i32) -> ()', "%x: i32, %z: i32")
    a = ints(3, 4)
    _, (_, o) = check_same(split, [a, np.zeros(12, np.int32)])
    np.testing.assert_array_equal(o, a.reshape(-1))


def test_input_that_is_the_output_buffer_sees_every_store():
    # MLIR's buffer semantics run the body point by point, so the input %o reads the running
    # value: no iter_arg copy of the output may hide the stores from it.
    text = """func.func @f(%a: memref<3x4xf32>, %o: memref<3xf32>) {
  "linalg.generic"(%a, %o, %o) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>,
      affine_map<(d0, d1) -> (d0)>], iterator_types = [#linalg.iterator_type<parallel>,
      #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = "arith.addf"(%x, %y) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<3x4xf32>, memref<3xf32>, memref<3xf32>) -> ()
  return
}"""
    module = lower(text)
    out = np.zeros(3, np.float32)
    Interpreter().call(module, "f", np.ones((3, 4), np.float32), out)
    np.testing.assert_array_equal(out, [4, 4, 4])
    assert all(not op.results for op in module.walk() if isinstance(op, ForOp))


def test_output_read_through_another_map_stays_in_order():
    # An in-place transpose reads elements other iterations write: no scf.parallel.
    text = """func.func @f(%o: memref<3x3xi32>) {
  "linalg.generic"(%o, %o) <{indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>],
      operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: i32, %z: i32):
    "linalg.yield"(%x) : (i32) -> ()
  }) : (memref<3x3xi32>, memref<3x3xi32>) -> ()
  return
}"""
    module = lower(text, threshold=0)
    assert loops_of(module) == (0, 2)
    out = ints(3, 3)
    want = out.copy()
    for i in range(3):
        for j in range(3):
            want[i, j] = want[j, i]
    Interpreter().call(module, "f", out)
    np.testing.assert_array_equal(out, want)


def test_scalar_input_and_rank0_op():
    text = generic([("v", "f64")], [("o", "memref<f64>")], ["() -> ()", "() -> ()"], [],
                   '    %s = "arith.addf"(%x, %z) : (f64, f64) -> f64\n    "linalg.yield"(%s) : (f64) -> ()',
                   "%x: f64, %z: f64")
    module = lower(text)
    out = np.array(2.0)
    Interpreter().call(module, "f", np.float64(0.25), out)
    assert out == 2.25
    assert loops_of(module) == (0, 0)


# ----- named ops ------------------------------------------------------------------------------------

def named(op_name, types, args, body, props=""):
    """A func.func @f over memref (or scalar) arguments holding one named op `linalg.<op_name>`."""
    params = ", ".join(f"%a{i}: {t}" for i, t in enumerate(types))
    return f"""func.func @f({params}) {{
  "linalg.{op_name}"({", ".join(f"%a{i}" for i in range(len(types)))}) {props} ({{
  ^bb0({args}):
{body}
  }}) : ({", ".join(types)}) -> ()
  return
}}"""


MUL_ADD_F = """    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()"""
MUL_ADD_I = MUL_ADD_F.replace("mulf", "muli").replace("addf", "addi").replace("f32", "i32")
TWO_ONE = "<{operandSegmentSizes = array<i32: 2, 1>}>"
YIELD_IN = '    "linalg.yield"(%in) : (f32) -> ()'


@pytest.mark.parametrize("threshold", [0, None])
def test_matmul_float_and_int(threshold):
    text = named("matmul", ["memref<5x7xf32>", "memref<7x3xf32>", "memref<5x3xf32>"], "%x: f32, %y: f32, %acc: f32",
                 MUL_ADD_F, TWO_ONE)
    a, b, c = _small(5, 7), _small(7, 3), _small(5, 3)  # exact in any summation order (numpy's matmul)
    module, (_, _, got) = check_same(text, [a, b, c], threshold)
    np.testing.assert_array_equal(got, c + a @ b)
    assert loops_of(module) == ((1, 1) if threshold == 0 else (0, 3))
    itext = named("batch_matmul", ["memref<2x3x4xi32>", "memref<2x4x5xi32>", "memref<2x3x5xi32>"],
                  "%x: i32, %y: i32, %acc: i32", MUL_ADD_I, TWO_ONE)
    a, b, c = ints(2, 3, 4), ints(2, 4, 5), ints(2, 3, 5)
    _, (_, _, got) = check_same(itext, [a, b, c], threshold)
    np.testing.assert_array_equal(got, c + np.matmul(a, b))


def test_fill_transpose_broadcast():
    fill = named("fill", ["f32", "memref<3x4xf32>"], "%in: f32, %out: f32", YIELD_IN,
                 "<{operandSegmentSizes = array<i32: 1, 1>}>")
    _, (_, o) = check_same(fill, [np.float32(1.25), floats(3, 4)], threshold=0)
    np.testing.assert_array_equal(o, 1.25)
    transpose = named("transpose", ["memref<2x3x4xf32>", "memref<4x2x3xf32>"], "%in: f32, %out: f32", YIELD_IN,
                      "<{permutation = array<i64: 2, 0, 1>}>")
    a = floats(2, 3, 4)
    _, (_, o) = check_same(transpose, [a, np.zeros((4, 2, 3), np.float32)])
    np.testing.assert_array_equal(o, np.transpose(a, (2, 0, 1)))
    broadcast = named("broadcast", ["memref<2x3xf32>", "memref<2x4x3xf32>"], "%in: f32, %out: f32", YIELD_IN,
                      "<{dimensions = array<i64: 1>}>")
    a = floats(2, 3)
    _, (_, o) = check_same(broadcast, [a, np.zeros((2, 4, 3), np.float32)])
    np.testing.assert_array_equal(o, np.broadcast_to(a[:, None, :], (2, 4, 3)))


@pytest.mark.parametrize("dims", [(1,), (0,), (0, 2)])
def test_reduce(dims):
    out_shape = [s for d, s in enumerate((3, 4, 5)) if d not in dims]
    out_type = f"memref<{'x'.join(map(str, out_shape))}xi32>"
    body = '    %s = "arith.maxsi"(%in, %acc) : (i32, i32) -> i32\n    "linalg.yield"(%s) : (i32) -> ()'
    text = named("reduce", ["memref<3x4x5xi32>", out_type], "%in: i32, %acc: i32", body,
                 f"<{{dimensions = array<i64: {', '.join(map(str, dims))}>, operandSegmentSizes = array<i32: 1, 1>}}>")
    a = ints(3, 4, 5)
    init = np.full(out_shape, -1000, np.int32)
    _, (_, o) = check_same(text, [a, init], threshold=0)
    np.testing.assert_array_equal(o, a.max(axis=dims))


def test_map():
    body = '    %s = "arith.subf"(%x, %y) : (f32, f32) -> f32\n    "linalg.yield"(%s) : (f32) -> ()'
    text = named("map", ["memref<6xf32>", "memref<6xf32>", "memref<6xf32>"], "%x: f32, %y: f32", body)
    a, b = floats(6), floats(6)
    _, (_, _, o) = check_same(text, [a, b, np.zeros(6, np.float32)])
    np.testing.assert_array_equal(o, a - b)


# ----- convolution and pooling (small-integer floats: numpy's summation order is exact too) -------

WINDOW = ("<{dilations = dense<%d> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, "
          "strides = dense<%d> : tensor<2xi64>}>")


@pytest.mark.parametrize("stride,dilation", [(1, 1), (2, 1), (1, 2)])
def test_conv_2d(stride, dilation):
    types = ["memref<2x9x9x3xf32>", "memref<3x3x3x4xf32>"]
    span = (3 - 1) * dilation + 1
    size = (9 - span) // stride + 1
    types.append(f"memref<2x{size}x{size}x4xf32>")
    text = named("conv_2d_nhwc_hwcf", types, "%x: f32, %y: f32, %acc: f32", MUL_ADD_F, WINDOW % (dilation, stride))
    x, w = _small(2, 9, 9, 3), _small(3, 3, 3, 4)
    _, (_, _, o) = check_same(text, [x, w, _small(2, size, size, 4)], threshold=0)
    assert np.abs(o).sum() > 0


def test_depthwise_conv_and_pooling():
    body = MUL_ADD_F
    types = ["memref<1x6x6x2xf32>", "memref<3x3x2xf32>", "memref<1x2x2x2xf32>"]
    text = named("depthwise_conv_2d_nhwc_hwc", types, "%x: f32, %y: f32, %acc: f32", body, WINDOW % (1, 2))
    check_same(text, [_small(1, 6, 6, 2), _small(3, 3, 2), np.zeros((1, 2, 2, 2), np.float32)])
    for name, combine, init in (("pooling_nhwc_max", "arith.maximumf", -np.inf), ("pooling_nhwc_sum", "arith.addf", 0)):
        body = f'    %m = "{combine}"(%acc, %x) : (f32, f32) -> f32\n    "linalg.yield"(%m) : (f32) -> ()'
        types = ["memref<1x5x5x3xf32>", "memref<2x2xf32>", "memref<1x4x4x3xf32>"]
        text = named(name, types, "%x: f32, %w: f32, %acc: f32", body, WINDOW % (1, 1))
        x = _small(1, 5, 5, 3)
        _, (_, _, o) = check_same(text, [x, np.zeros((2, 2), np.float32), np.full((1, 4, 4, 3), init, np.float32)])
        windows = np.stack([x[:, i:i + 4, j:j + 4, :] for i in range(2) for j in range(2)])
        np.testing.assert_array_equal(o, windows.max(0) if "max" in name else windows.sum(0))


# ----- the loop plan ----------------------------------------------------------------------------------

def test_plan_parallel_prefix_and_accumulators():
    out = AffineMap.from_dims(3, (0, 1))
    assert parallel_prefix(["parallel", "parallel", "reduction"], [out]) == 2
    assert accumulator_start([out], 3) == 2
    # A parallel dim missing from an init's map could write one element twice: not parallel.
    assert parallel_prefix(["parallel", "parallel"], [AffineMap.from_dims(2, (1,))]) == 0
    assert parallel_prefix(["reduction", "parallel"], [AffineMap.from_dims(2, (1,))]) == 0
    assert accumulator_start([AffineMap(2, 0, ())], 2) == 0
    assert parallel_prefix(["parallel"], []) == 0
