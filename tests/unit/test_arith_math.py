"""The arith and math dialects: interpretation against independent references, folding,
verification errors and textual round trips. IR is built by parsing MLIR's generic form."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from tfc.dialects import arith
from tfc.dialects import math as mathd
from tfc.dialects.arith import FastMathFlagsAttr, IntegerOverflowFlagsAttr
from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.opdef import DIALECTS, OPS
from tfc.ir.parser import parse_module
from tfc.ir.printer import print_op
from tfc.ir.verifier import verify


# ----- helpers ----------------------------------------------------------------------------------------

def func_text(body: str, types) -> str:
    args = ", ".join(f"%a{i}: {t}" for i, t in enumerate(types))
    return f"func.func @f({args}) {{\n  {body}\n  return\n}}\n"


def op_of(body: str, types=()):
    """Parse `body` (ops using %a0, %a1, ... of `types`) in a function, verify, return its last op."""
    module = parse_module(func_text(body, types))
    verify(module)
    ops = module.body.first.entry.ops
    return ops[-2]


def binop(name: str, t: str, props: str = ""):
    return op_of(f'%r = "{name}"(%a0, %a1) {props} : ({t}, {t}) -> {t}', [t, t])


def unop(name: str, t: str, result: str | None = None):
    return op_of(f'%r = "{name}"(%a0) : ({t}) -> {result or t}', [t])


def verify_error(body: str, types=()) -> str:
    module = parse_module(func_text(body, types))
    with pytest.raises(DiagnosticError) as info:
        verify(module)
    return str(info.value)


def parse_error(body: str, types=()) -> str:
    with pytest.raises(DiagnosticError) as info:
        parse_module(func_text(body, types))
    return str(info.value)


def iattr(v, t=T.i32):
    return A.IntegerAttr.get(v, t)


def fattr(v, t=T.f32):
    return A.FloatAttr.get(v, t)


def sx(v: int, w: int) -> int:
    v &= (1 << w) - 1
    return v - (1 << w) if v >> (w - 1) else v


def zx(v: int, w: int) -> int:
    return v & ((1 << w) - 1)


def tdiv(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


# ----- integer binary ops against a Python big-int reference ----------------------------------------

INT_REF = {
    "addi": lambda a, b, w: a + b,
    "subi": lambda a, b, w: a - b,
    "muli": lambda a, b, w: a * b,
    "divsi": lambda a, b, w: tdiv(sx(a, w), sx(b, w)),
    "divui": lambda a, b, w: zx(a, w) // zx(b, w),
    "ceildivsi": lambda a, b, w: -(-sx(a, w) // sx(b, w)),
    "ceildivui": lambda a, b, w: -(-zx(a, w) // zx(b, w)),
    "floordivsi": lambda a, b, w: sx(a, w) // sx(b, w),
    "remsi": lambda a, b, w: sx(a, w) - sx(b, w) * tdiv(sx(a, w), sx(b, w)),
    "remui": lambda a, b, w: zx(a, w) % zx(b, w),
    "andi": lambda a, b, w: a & b,
    "ori": lambda a, b, w: a | b,
    "xori": lambda a, b, w: a ^ b,
    "shli": lambda a, b, w: zx(a, w) << zx(b, w),
    "shrsi": lambda a, b, w: sx(a, w) >> zx(b, w),
    "shrui": lambda a, b, w: zx(a, w) >> zx(b, w),
    "maxsi": lambda a, b, w: max(sx(a, w), sx(b, w)),
    "maxui": lambda a, b, w: max(zx(a, w), zx(b, w)),
    "minsi": lambda a, b, w: min(sx(a, w), sx(b, w)),
    "minui": lambda a, b, w: min(zx(a, w), zx(b, w)),
}


def int_ub(name: str, a: int, b: int, w: int) -> bool:
    """Operand pairs whose result MLIR leaves undefined (not compared)."""
    if name.startswith(("div", "ceildiv", "floordiv", "rem")) and zx(b, w) == 0:
        return True
    if name in ("divsi", "ceildivsi", "floordivsi", "remsi") and sx(a, w) == -(1 << (w - 1)) and sx(b, w) == -1:
        return True
    return name.startswith("sh") and zx(b, w) >= w


def int_samples(w: int) -> list[int]:
    edges = [0, 1, 2, 3, 7, -1, -2, -7, (1 << (w - 1)) - 1, -(1 << (w - 1)), (1 << (w - 1)) - 2,
             -(1 << (w - 1)) + 1, w - 1, w]
    rng = np.random.default_rng(w)
    randoms = [int(x) for x in rng.integers(-(1 << (w - 1)), (1 << (w - 1)) - 1, size=6, dtype=np.int64)]
    return [sx(v, w) for v in edges + randoms]


@pytest.mark.parametrize("name", sorted(INT_REF))
@pytest.mark.parametrize("width", [8, 16, 32, 64])
def test_int_binary_ops_match_reference(name, width):
    pairs = [(a, b) for a, b in itertools.product(int_samples(width), repeat=2) if not int_ub(name, a, b, width)]
    dtype = T.IntegerType(width).numpy_dtype()
    lhs = np.array([a for a, _ in pairs], dtype)
    rhs = np.array([b for _, b in pairs], dtype)
    op = binop(f"arith.{name}", f"vector<{len(pairs)}xi{width}>")
    got = op.interpret(None, lhs, rhs)
    assert isinstance(got, np.ndarray) and got.dtype == dtype
    expected = [sx(INT_REF[name](a, b, width), width) for a, b in pairs]
    assert [int(x) for x in got] == expected
    # the scalar path gives numpy scalars of the same values
    scalar = binop(f"arith.{name}", f"i{width}")
    for (a, b), want in list(zip(pairs, expected))[:40]:
        value = scalar.interpret(None, dtype.type(a), dtype.type(b))
        assert isinstance(value, np.generic) and value.dtype == dtype and int(value) == want


@pytest.mark.parametrize("name,a,b,expected", [
    ("addi", 127, 1, -128), ("subi", -128, 1, 127), ("muli", 16, 16, 0), ("muli", -128, -1, -128),
    ("divsi", -7, 2, -3), ("divui", -7, 2, 124), ("ceildivsi", -7, 2, -3), ("ceildivsi", 7, 2, 4),
    ("ceildivsi", 7, -2, -3), ("ceildivui", 7, 2, 4), ("floordivsi", -7, 2, -4), ("floordivsi", 7, -2, -4),
    ("remsi", -7, 2, -1), ("remsi", 7, -2, 1), ("remui", -7, 2, 1), ("remui", -7, 4, 1), ("shrsi", -128, 3, -16),
    ("shrui", -128, 3, 16), ("shli", 65, 1, -126), ("maxsi", -1, 3, 3), ("maxui", -1, 3, -1),
    ("minsi", -1, 3, -1), ("minui", -1, 3, 3),
])
def test_int_binary_edge_cases_i8(name, a, b, expected):
    assert binop(f"arith.{name}", "i8").interpret(None, np.int8(a), np.int8(b)) == np.int8(expected)


def test_i1_arithmetic_and_index():
    t, f = np.bool_(True), np.bool_(False)
    assert binop("arith.addi", "i1").interpret(None, t, t) == f
    assert binop("arith.maxsi", "i1").interpret(None, t, f) == f  # true is -1 when signed
    assert binop("arith.maxui", "i1").interpret(None, t, f) == t
    assert binop("arith.muli", "index").interpret(None, np.int64(1 << 62), np.int64(4)) == 0
    assert binop("arith.divsi", "index").interpret(None, np.int64(-9), np.int64(4)) == -2


def test_undefined_division_raises_and_poison_shift_gives_zero():
    for name in ("divsi", "divui", "ceildivsi", "ceildivui", "floordivsi", "remsi", "remui"):
        with pytest.raises(ArithmeticError, match="division by zero is undefined behaviour"):
            binop(f"arith.{name}", "i32").interpret(None, np.int32(5), np.int32(0))
        with pytest.raises(ArithmeticError, match="division by zero"):  # any lane
            binop(f"arith.{name}", "vector<2xi8>").interpret(None, np.array([1, 2], np.int8), np.array([1, 0], np.int8))
    for name in ("divsi", "ceildivsi", "floordivsi"):
        with pytest.raises(ArithmeticError, match="signed division overflow"):
            binop(f"arith.{name}", "i32").interpret(None, np.int32(-2**31), np.int32(-1))
    assert binop("arith.remsi", "i32").interpret(None, np.int32(-2**31), np.int32(-1)) == 0
    assert binop("arith.divui", "i32").interpret(None, np.int32(-2**31), np.int32(-1)) == 0
    assert binop("arith.shli", "i32").interpret(None, np.int32(1), np.int32(32)) == 0
    with pytest.raises(ArithmeticError, match="negative power"):
        binop("math.ipowi", "i32").interpret(None, np.int32(0), np.int32(-1))


def test_undefined_behaviour_is_an_interpreter_error():
    from tfc.backends.interpreter import Interpreter, InterpreterError
    module = parse_module("""
    func.func @f(%a: i32, %b: i32) -> i32 {
      %0 = "arith.divsi"(%a, %b) : (i32, i32) -> i32
      return %0 : i32
    }""")
    assert Interpreter().call(module, "f", 7, -2) == [-3]
    with pytest.raises(InterpreterError, match="'arith.divsi' op failed in the interpreter.*division by zero"):
        Interpreter().call(module, "f", 7, 0)


def test_interpret_does_not_warn():
    with np.errstate(all="raise"):
        assert binop("arith.addi", "i64").interpret(None, np.int64(2**63 - 1), np.int64(1)) == -2**63
        assert binop("arith.mulf", "f32").interpret(None, np.float32(3e38), np.float32(10)) == np.inf
        assert np.isnan(binop("arith.divf", "f32").interpret(None, np.float32(0), np.float32(0)))


# ----- float binary ops -------------------------------------------------------------------------------

FLOAT_SAMPLES = [0.0, -0.0, 1.0, -1.5, 3.25, 1e-45, 3.4e38, -3.4e38, math.inf, -math.inf, math.nan, 0.1]
FLOAT_REF = {
    "addf": lambda a, b: a + b, "subf": lambda a, b: a - b, "mulf": lambda a, b: a * b,
    "divf": lambda a, b: math.copysign(math.inf, a) * math.copysign(1, b) if b == 0 and a != 0 and not math.isnan(a)
    else (math.nan if b == 0 else a / b),
    "remf": lambda a, b: math.fmod(a, b) if b != 0 and not math.isinf(a) else math.nan,
}


def same_float(x, y) -> bool:
    x, y = float(x), float(y)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y and math.copysign(1, x) == math.copysign(1, y)


def ieee(fn, a, b):
    try:
        return fn(a, b)
    except (OverflowError, ValueError, ZeroDivisionError):
        return math.nan


@pytest.mark.parametrize("name", sorted(FLOAT_REF))
def test_float_binary_ops_match_correctly_rounded_reference(name):
    op = binop(f"arith.{name}", "f32")
    for a, b in itertools.product(FLOAT_SAMPLES, repeat=2):
        a32, b32 = np.float32(a), np.float32(b)
        got = op.interpret(None, a32, b32)
        assert isinstance(got, np.float32)
        want = ieee(FLOAT_REF[name], float(a32), float(b32))
        if not math.isnan(want) and abs(want) < 1e300:
            want = float(np.float32(want)) if abs(want) <= 3.5e38 else math.copysign(math.inf, want)
        if name == "mulf" and (math.isinf(a) or math.isinf(b)) and 0 in (a, b):
            want = math.nan
        if name in ("addf", "subf") and math.isinf(a) and math.isinf(b):
            want = ieee(FLOAT_REF[name], float(a32), float(b32))
            want = math.nan if math.isnan(want) else want
        assert same_float(got, want), (a, b, got, want)


@pytest.mark.parametrize("name,a,b,expected", [
    ("maximumf", math.nan, 1.0, math.nan), ("maximumf", 1.0, math.nan, math.nan),
    ("maximumf", -0.0, 0.0, 0.0), ("maximumf", 0.0, -0.0, 0.0), ("maximumf", -2.0, 1.0, 1.0),
    ("minimumf", math.nan, 1.0, math.nan), ("minimumf", 0.0, -0.0, -0.0), ("minimumf", -0.0, 0.0, -0.0),
    ("maxnumf", math.nan, 1.0, 1.0), ("maxnumf", 1.0, math.nan, 1.0), ("maxnumf", math.nan, math.nan, math.nan),
    ("maxnumf", -0.0, 0.0, 0.0), ("minnumf", math.nan, 1.0, 1.0), ("minnumf", 2.0, math.nan, 2.0),
    ("minnumf", 0.0, -0.0, -0.0), ("minnumf", -3.0, 2.0, -3.0),
])
def test_float_min_max_nan_and_signed_zero(name, a, b, expected):
    got = binop(f"arith.{name}", "f32").interpret(None, np.float32(a), np.float32(b))
    assert same_float(got, expected)


def test_negf_and_float_precisions():
    assert same_float(unop("arith.negf", "f32").interpret(None, np.float32(0.0)), -0.0)
    assert same_float(unop("arith.negf", "f64").interpret(None, np.float64(-2.5)), 2.5)
    half = binop("arith.addf", "f16").interpret(None, np.float16(65504), np.float16(65504))
    assert half.dtype == np.float16 and np.isinf(half)
    bf = binop("arith.addf", "bf16").interpret(None, np.float32(1.0), np.float32(2.0 ** -9))
    assert bf == np.float32(1.0)  # rounded to bf16's 8-bit significand
    vec = binop("arith.mulf", "vector<3xf64>").interpret(None, np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, -1.0]))
    assert vec.tolist() == [2.0, 4.0, -3.0]


# ----- comparisons and select -------------------------------------------------------------------------

CMPI_REF = {
    0: lambda a, b, w: a == b, 1: lambda a, b, w: a != b,
    2: lambda a, b, w: sx(a, w) < sx(b, w), 3: lambda a, b, w: sx(a, w) <= sx(b, w),
    4: lambda a, b, w: sx(a, w) > sx(b, w), 5: lambda a, b, w: sx(a, w) >= sx(b, w),
    6: lambda a, b, w: zx(a, w) < zx(b, w), 7: lambda a, b, w: zx(a, w) <= zx(b, w),
    8: lambda a, b, w: zx(a, w) > zx(b, w), 9: lambda a, b, w: zx(a, w) >= zx(b, w),
}


@pytest.mark.parametrize("predicate", range(10))
def test_cmpi_predicates(predicate):
    samples = [0, 1, -1, 127, -128, 5]
    pairs = list(itertools.product(samples, repeat=2))
    op = op_of(f'%r = "arith.cmpi"(%a0, %a1) <{{predicate = {predicate} : i64}}> : '
               f'(vector<36xi8>, vector<36xi8>) -> vector<36xi1>', ["vector<36xi8>"] * 2)
    got = op.interpret(None, np.array([a for a, _ in pairs], np.int8), np.array([b for _, b in pairs], np.int8))
    assert got.dtype == np.bool_
    assert got.tolist() == [CMPI_REF[predicate](a, b, 8) for a, b in pairs]
    scalar = op_of(f'%r = "arith.cmpi"(%a0, %a1) <{{predicate = {predicate} : i64}}> : (i8, i8) -> i1', ["i8", "i8"])
    assert scalar.interpret(None, np.int8(-1), np.int8(1)) == CMPI_REF[predicate](-1, 1, 8)
    assert scalar.predicate_name == arith.CMPI_PREDICATES[predicate]


CMPF_REF = ["false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult", "ule", "une",
            "uno", "true"]


def cmpf_reference(name, a, b):
    unordered = math.isnan(a) or math.isnan(b)
    if name in ("false", "true"):
        return name == "true"
    if name == "ord":
        return not unordered
    if name == "uno":
        return unordered
    rel = {"eq": a == b, "gt": a > b, "ge": a >= b, "lt": a < b, "le": a <= b, "ne": a != b}[name[1:]]
    return (unordered or rel) if name[0] == "u" else (not unordered and rel)


@pytest.mark.parametrize("predicate", range(16))
def test_cmpf_predicates(predicate):
    samples = [0.0, -0.0, 1.0, math.nan, math.inf]
    op = op_of(f'%r = "arith.cmpf"(%a0, %a1) <{{predicate = {predicate} : i64}}> : (f64, f64) -> i1', ["f64", "f64"])
    for a, b in itertools.product(samples, repeat=2):
        got = op.interpret(None, np.float64(a), np.float64(b))
        assert isinstance(got, np.bool_)
        assert bool(got) == cmpf_reference(CMPF_REF[predicate], a, b), (CMPF_REF[predicate], a, b)


def test_select_scalar_and_elementwise():
    op = op_of('%r = "arith.select"(%a0, %a1, %a2) : (i1, i32, i32) -> i32', ["i1", "i32", "i32"])
    assert op.interpret(None, np.bool_(True), np.int32(1), np.int32(2)) == 1
    assert op.interpret(None, np.bool_(False), np.int32(1), np.int32(2)) == 2
    vec = op_of('%r = "arith.select"(%a0, %a1, %a2) : (vector<3xi1>, vector<3xf32>, vector<3xf32>) -> vector<3xf32>',
                ["vector<3xi1>", "vector<3xf32>", "vector<3xf32>"])
    got = vec.interpret(None, np.array([True, False, True]), np.array([1, 2, 3], np.float32), np.array([4, 5, 6], np.float32))
    assert got.tolist() == [1, 5, 3] and got.dtype == np.float32
    whole = op_of('%r = "arith.select"(%a0, %a1, %a2) : (i1, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>',
                  ["i1", "tensor<2xf32>", "tensor<2xf32>"])
    assert whole.interpret(None, np.bool_(False), np.ones(2, np.float32), np.zeros(2, np.float32)).tolist() == [0, 0]


# ----- casts ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,src,dst,value,expected", [
    ("extsi", "i8", "i32", np.int8(-2), -2), ("extui", "i8", "i32", np.int8(-2), 254),
    ("extsi", "i1", "i8", np.bool_(True), -1), ("extui", "i1", "i8", np.bool_(True), 1),
    ("extsi", "i32", "i64", np.int32(-2**31), -2**31), ("extui", "i32", "i64", np.int32(-1), 2**32 - 1),
    ("trunci", "i32", "i8", np.int32(300), 44), ("trunci", "i32", "i8", np.int32(-129), 127),
    ("trunci", "i8", "i1", np.int8(3), True), ("trunci", "i64", "i32", np.int64(2**32 + 5), 5),
    ("sitofp", "i8", "f32", np.int8(-3), -3.0), ("uitofp", "i8", "f32", np.int8(-3), 253.0),
    ("sitofp", "i64", "f32", np.int64(2**53 + 1), float(np.float32(2**53))),
    ("uitofp", "i64", "f64", np.int64(-1), 2.0**64),
    ("fptosi", "f32", "i32", np.float32(-3.7), -3), ("fptosi", "f32", "i32", np.float32(3.7), 3),
    ("fptoui", "f32", "i8", np.float32(250.9), -6), ("fptoui", "f64", "i64", np.float64(2.0**63 + 4096), -2**63 + 4096),
    ("extf", "f16", "f32", np.float16(0.1), float(np.float16(0.1))), ("extf", "f32", "f64", np.float32(-0.0), -0.0),
    ("truncf", "f64", "f32", np.float64(0.1), float(np.float32(0.1))), ("truncf", "f32", "f16", np.float32(1e6), math.inf),
    ("truncf", "f32", "bf16", np.float32(1.00390625), 1.0), ("truncf", "f32", "bf16", np.float32(1.01171875), 1.015625),
    ("index_cast", "i8", "index", np.int8(-3), -3), ("index_castui", "i8", "index", np.int8(-3), 253),
    ("index_cast", "index", "i8", np.int64(300), 44), ("index_castui", "index", "i16", np.int64(-1), -1),
    ("bitcast", "f32", "i32", np.float32(1.0), 0x3F800000), ("bitcast", "i32", "f32", np.int32(0x40490FDB), float(np.float32(math.pi))),
    ("bitcast", "f64", "i64", np.float64(-0.0), -2**63), ("bitcast", "i16", "bf16", np.int16(0x3FC0), 1.5),
    ("bitcast", "bf16", "i16", np.float32(-2.0), -16384), ("bitcast", "f16", "i16", np.float16(1.0), 0x3C00),
])
def test_casts(name, src, dst, value, expected):
    got = unop(f"arith.{name}", src, dst).interpret(None, value)
    assert isinstance(got, np.generic)
    assert got.dtype == T.numpy_dtype(parse_module(func_text("", [dst])).body.first.entry.arguments[0].type)
    if isinstance(expected, float):
        assert same_float(got, expected)
    else:
        assert got == expected


@pytest.mark.parametrize("mode,expected", [
    (0, 0.1), (1, np.nextafter(np.float32(0.1), np.float32(0))), (2, 0.1), (3, np.nextafter(np.float32(0.1), np.float32(0))),
    (4, 0.1),
])
def test_truncf_rounding_modes(mode, expected):
    op = op_of(f'%r = "arith.truncf"(%a0) <{{roundingmode = {mode} : i32}}> : (f64) -> f32', ["f64"])
    assert op.interpret(None, np.float64(0.1)) == np.float32(expected)
    neg = op.interpret(None, np.float64(-0.1))
    assert neg == -np.float32(expected) if mode in (0, 3, 4) else True
    # a tie between two floats: nearest-even goes down, nearest-away up
    tie = np.float64(1.0) + np.float64(2.0 ** -24)
    got = op.interpret(None, tie)
    want = {0: 1.0, 1: 1.0, 2: 1.0 + 2.0 ** -23, 3: 1.0, 4: 1.0 + 2.0 ** -23}[mode]
    assert got == np.float32(want)


def test_vector_casts():
    op = unop("arith.extsi", "vector<4xi8>", "vector<4xi16>")
    got = op.interpret(None, np.array([-128, -1, 0, 127], np.int8))
    assert got.dtype == np.int16 and got.tolist() == [-128, -1, 0, 127]
    op = unop("arith.fptosi", "tensor<3xf32>", "tensor<3xi8>")
    assert op.interpret(None, np.array([-1.5, 0.5, 100.9], np.float32)).tolist() == [-1, 0, 100]


# ----- constant -------------------------------------------------------------------------------------

def test_constant_interpret_fold_and_builders():
    c = op_of('%r = "arith.constant"() <{value = -5 : i8}> : () -> i8')
    assert c.interpret(None) == np.int8(-5) and isinstance(c.interpret(None), np.int8)
    assert c.fold([]) == [iattr(-5, T.i8)]
    d = op_of('%r = "arith.constant"() <{value = dense<[1.5, 2.5]> : vector<2xf32>}> : () -> vector<2xf32>')
    assert d.interpret(None).tolist() == [1.5, 2.5]
    b = op_of('%r = "arith.constant"() <{value = true}> : () -> i1')
    assert b.interpret(None) == np.bool_(True)
    built = arith.ConstantOp.get(3, T.i32)
    assert built.value == iattr(3) and built.result.type == T.i32
    assert arith.ConstantOp.get(2.5, T.f16).value == fattr(2.5, T.f16)
    splat = arith.ConstantOp.get(1.0, T.TensorType((2, 2), T.f32))
    assert splat.value == A.DenseElementsAttr.splat(1.0, T.TensorType((2, 2), T.f32))
    index = arith.ConstantOp.build(value=iattr(7, T.index))
    assert index.result.type == T.index and index.interpret(None) == np.int64(7)


def test_materialize_constant_through_dialects():
    for dialect in (DIALECTS["arith"], DIALECTS["math"]):
        op = dialect.materialize_constant(fattr(1.0), T.f32, None)
        assert isinstance(op, arith.ConstantOp) and op.result.type == T.f32
        verify(op)
    splat = DIALECTS["arith"].materialize_constant(iattr(2), T.VectorType((4,), T.i32), None)
    assert splat.value == A.DenseElementsAttr.splat(2, T.VectorType((4,), T.i32))
    assert DIALECTS["arith"].materialize_constant(iattr(2), T.i64, None) is None
    assert DIALECTS["arith"].materialize_constant(A.StringAttr("x"), T.i64, None) is None
    assert isinstance(DIALECTS["arith"], arith.ArithDialect) and isinstance(DIALECTS["math"], mathd.MathDialect)


# ----- folding --------------------------------------------------------------------------------------

def two_args(name, t="i32", props=""):
    op = binop(name, t, props)
    return op, op.lhs, op.rhs


def test_constant_folding_of_binary_ops():
    op, _, _ = two_args("arith.addi")
    assert op.fold([iattr(2**31 - 1), iattr(1)]) == [iattr(-2**31)]
    op, _, _ = two_args("arith.divui", "i8")
    assert op.fold([iattr(-2, T.i8), iattr(2, T.i8)]) == [iattr(127, T.i8)]
    op, _, _ = two_args("arith.mulf", "f32")
    assert op.fold([fattr(1.5), fattr(2.0)]) == [fattr(3.0)]
    op, _, _ = two_args("arith.addi", "vector<2xi8>")
    t = T.VectorType((2,), T.i8)
    folded = op.fold([A.DenseElementsAttr([100, 1], t), A.DenseElementsAttr.splat(100, t)])
    assert folded == [A.DenseElementsAttr([-56, 101], t)]


@pytest.mark.parametrize("name,lhs,rhs", [
    ("divsi", 1, 0), ("divui", 1, 0), ("remsi", 1, 0), ("remui", 1, 0), ("ceildivsi", 1, 0),
    ("floordivsi", 1, 0), ("ceildivui", 1, 0), ("divsi", -2**31, -1), ("shli", 1, 32), ("shrsi", 1, 40), ("shrui", 1, -1),
])
def test_undefined_behaviour_is_not_folded(name, lhs, rhs):
    op, _, _ = two_args(f"arith.{name}")
    assert op.fold([iattr(lhs), iattr(rhs)]) is None


@pytest.mark.parametrize("name,constant,side,result", [
    ("addi", 0, "rhs", "lhs"), ("addi", 0, "lhs", "rhs"), ("subi", 0, "rhs", "lhs"), ("muli", 1, "rhs", "lhs"),
    ("muli", 1, "lhs", "rhs"), ("muli", 0, "rhs", "const"), ("divsi", 1, "rhs", "lhs"), ("divui", 1, "rhs", "lhs"),
    ("ceildivsi", 1, "rhs", "lhs"), ("floordivsi", 1, "rhs", "lhs"), ("remsi", 1, "rhs", 0), ("remui", 1, "rhs", 0),
    ("andi", 0, "rhs", "const"), ("andi", -1, "rhs", "lhs"), ("andi", -1, "lhs", "rhs"), ("ori", 0, "rhs", "lhs"),
    ("ori", -1, "rhs", "const"), ("xori", 0, "rhs", "lhs"), ("shli", 0, "rhs", "lhs"), ("shrsi", 0, "rhs", "lhs"),
    ("shrui", 0, "rhs", "lhs"), ("maxsi", 2**31 - 1, "rhs", "const"), ("maxsi", -2**31, "rhs", "lhs"),
    ("minsi", -2**31, "rhs", "const"), ("minsi", 2**31 - 1, "rhs", "lhs"), ("maxui", -1, "rhs", "const"),
    ("maxui", 0, "rhs", "lhs"), ("minui", 0, "rhs", "const"), ("minui", -1, "lhs", "rhs"),
])
def test_integer_identities(name, constant, side, result):
    op, lhs, rhs = two_args(f"arith.{name}")
    attr = iattr(constant)
    folded = op.fold([None, attr] if side == "rhs" else [attr, None])
    expected = {"lhs": lhs, "rhs": rhs, "const": attr}.get(result, iattr(result) if isinstance(result, int) else None)
    assert folded is not None and len(folded) == 1
    assert folded[0] is expected if result in ("lhs", "rhs") else folded[0] == expected


def test_i1_identities():
    op, lhs, _ = two_args("arith.muli", "i1")
    assert op.fold([None, A.TRUE])[0] is lhs
    assert op.fold([None, A.FALSE]) == [A.FALSE]
    op, lhs, _ = two_args("arith.andi", "i1")
    assert op.fold([A.TRUE, None])[0] is op.rhs
    op, lhs, _ = two_args("arith.maxsi", "i1")
    assert op.fold([None, A.FALSE]) == [A.FALSE] and op.fold([None, A.TRUE])[0] is lhs


def test_integer_non_identities_do_not_fold():
    op, _, _ = two_args("arith.subi")
    assert op.fold([iattr(0), None]) is None  # 0 - x is not x
    op, _, _ = two_args("arith.divsi")
    assert op.fold([iattr(1), None]) is None
    op, _, _ = two_args("arith.muli")
    assert op.fold([None, iattr(2)]) is None


def test_same_operand_identities():
    text = ('%0 = "arith.{name}"(%a0, %a0) : (i32, i32) -> i32')
    for name, expected in [("subi", iattr(0)), ("xori", iattr(0)), ("andi", "x"), ("ori", "x"), ("maxsi", "x"),
                           ("minui", "x")]:
        op = op_of(text.format(name=name), ["i32"])
        folded = op.fold([None, None])
        assert folded[0] is op.lhs if expected == "x" else folded == [expected]
    vec = op_of('%0 = "arith.subi"(%a0, %a0) : (vector<2xi32>, vector<2xi32>) -> vector<2xi32>', ["vector<2xi32>"])
    assert vec.fold([None, None]) == [A.DenseElementsAttr.splat(0, T.VectorType((2,), T.i32))]
    dynamic = op_of('%0 = "arith.subi"(%a0, %a0) : (tensor<?xi32>, tensor<?xi32>) -> tensor<?xi32>', ["tensor<?xi32>"])
    assert dynamic.fold([None, None]) is None


def test_add_sub_cancellation():
    op = op_of('%0 = "arith.subi"(%a0, %a1) : (i32, i32) -> i32\n'
               '  %1 = "arith.addi"(%0, %a1) : (i32, i32) -> i32', ["i32", "i32"])
    assert op.fold([None, None])[0] is op.lhs.defining_op.lhs
    op = op_of('%0 = "arith.addi"(%a0, %a1) : (i32, i32) -> i32\n'
               '  %1 = "arith.subi"(%0, %a0) : (i32, i32) -> i32', ["i32", "i32"])
    assert op.fold([None, None])[0] is op.lhs.defining_op.rhs


@pytest.mark.parametrize("name,constant,side,folds", [
    ("addf", -0.0, "rhs", True), ("addf", -0.0, "lhs", True), ("addf", 0.0, "rhs", False), ("subf", 0.0, "rhs", True),
    ("subf", -0.0, "rhs", False), ("mulf", 1.0, "rhs", True), ("mulf", 1.0, "lhs", True), ("mulf", 0.0, "rhs", False),
    ("divf", 1.0, "rhs", True), ("divf", 1.0, "lhs", False), ("maximumf", -math.inf, "rhs", True),
    ("minimumf", math.inf, "rhs", True), ("maxnumf", math.nan, "rhs", True), ("minnumf", math.nan, "lhs", True),
    ("maximumf", math.nan, "rhs", False),
])
def test_float_identities(name, constant, side, folds):
    op, lhs, rhs = two_args(f"arith.{name}", "f32")
    folded = op.fold([None, fattr(constant)] if side == "rhs" else [fattr(constant), None])
    if folds:
        assert folded[0] is (lhs if side == "rhs" else rhs)
    else:
        assert folded is None


def test_float_folds_keep_nan_and_signed_zero():
    op, _, _ = two_args("arith.maximumf", "f32")
    assert math.isnan(op.fold([fattr(math.nan), fattr(1.0)])[0].value)
    op, _, _ = two_args("arith.minimumf", "f32")
    folded = op.fold([fattr(0.0), fattr(-0.0)])[0]
    assert folded.value == 0.0 and math.copysign(1, folded.value) == -1
    neg = op_of('%0 = "arith.negf"(%a0) : (f32) -> f32\n  %1 = "arith.negf"(%0) : (f32) -> f32', ["f32"])
    assert neg.fold([None])[0] is neg.operand_.defining_op.operand_
    assert unop("arith.negf", "f32").fold([fattr(2.0)]) == [fattr(-2.0)]


def test_cmp_folds():
    for predicate, truth in enumerate([True, False, False, True, False, True, False, True, False, True]):
        op = op_of(f'%0 = "arith.cmpi"(%a0, %a0) <{{predicate = {predicate} : i64}}> : (i32, i32) -> i1', ["i32"])
        assert op.fold([None, None]) == [A.BoolAttr(truth)]
    vec = op_of('%0 = "arith.cmpi"(%a0, %a0) <{predicate = 0 : i64}> : (vector<2xi32>, vector<2xi32>) -> vector<2xi1>',
                ["vector<2xi32>"])
    assert vec.fold([None, None]) == [A.DenseElementsAttr.splat(True, T.VectorType((2,), T.i1))]
    op = op_of('%0 = "arith.cmpi"(%a0, %a1) <{predicate = 6 : i64}> : (i32, i32) -> i1', ["i32", "i32"])
    assert op.fold([iattr(-1), iattr(1)]) == [A.FALSE]
    op = op_of('%0 = "arith.cmpf"(%a0, %a1) <{predicate = 8 : i64}> : (f32, f32) -> i1', ["f32", "f32"])
    assert op.fold([fattr(math.nan), fattr(1.0)]) == [A.TRUE]
    assert op.fold([None, None]) is None
    op = op_of('%0 = "arith.cmpf"(%a0, %a1) <{predicate = 15 : i64}> : (f32, f32) -> i1', ["f32", "f32"])
    assert op.fold([None, None]) == [A.TRUE]


def test_select_folds():
    op = op_of('%0 = "arith.select"(%a0, %a1, %a2) : (i1, i32, i32) -> i32', ["i1", "i32", "i32"])
    assert op.fold([A.TRUE, None, None])[0] is op.true_value
    assert op.fold([A.FALSE, None, None])[0] is op.false_value
    assert op.fold([None, None, None]) is None
    same = op_of('%0 = "arith.select"(%a0, %a1, %a1) : (i1, i32, i32) -> i32', ["i1", "i32"])
    assert same.fold([None, None, None])[0] is same.true_value
    booleans = op_of('%0 = "arith.select"(%a0, %a1, %a2) : (i1, i1, i1) -> i1', ["i1", "i1", "i1"])
    assert booleans.fold([None, A.TRUE, A.FALSE])[0] is booleans.condition
    vt = T.VectorType((2,), T.i1)
    vec = op_of('%0 = "arith.select"(%a0, %a1, %a2) : (vector<2xi1>, vector<2xi32>, vector<2xi32>) -> vector<2xi32>',
                ["vector<2xi1>", "vector<2xi32>", "vector<2xi32>"])
    assert vec.fold([A.DenseElementsAttr.splat(False, vt), None, None])[0] is vec.false_value
    assert vec.fold([A.DenseElementsAttr([True, False], vt), None, None]) is None
    it = T.VectorType((2,), T.i32)
    folded = vec.fold([A.DenseElementsAttr([True, False], vt), A.DenseElementsAttr([1, 2], it), A.DenseElementsAttr([3, 4], it)])
    assert folded == [A.DenseElementsAttr([1, 4], it)]


def test_cast_folds():
    assert unop("arith.extsi", "i8", "i32").fold([iattr(-1, T.i8)]) == [iattr(-1)]
    assert unop("arith.extui", "i8", "i32").fold([iattr(-1, T.i8)]) == [iattr(255)]
    assert unop("arith.trunci", "i32", "i8").fold([iattr(257)]) == [iattr(1, T.i8)]
    assert unop("arith.sitofp", "i32", "f32").fold([iattr(-2)]) == [fattr(-2.0)]
    assert unop("arith.fptosi", "f32", "i8").fold([fattr(-128.5)]) == [iattr(-128, T.i8)]
    assert unop("arith.fptosi", "f32", "i8").fold([fattr(128.0)]) is None  # out of range: poison
    assert unop("arith.fptoui", "f32", "i8").fold([fattr(-1.0)]) is None
    assert unop("arith.fptosi", "f32", "i8").fold([fattr(math.nan)]) is None
    assert unop("arith.bitcast", "f32", "i32").fold([fattr(1.0)]) == [iattr(0x3F800000)]
    assert unop("arith.index_cast", "i32", "index").fold([iattr(-1)]) == [iattr(-1, T.index)]
    assert unop("arith.index_castui", "i32", "index").fold([iattr(-1)]) == [iattr(2**32 - 1, T.index)]
    assert unop("arith.truncf", "f64", "f32").fold([fattr(0.1, T.f64)]) == [fattr(0.1)]
    for inner, outer, src, mid in [("extsi", "trunci", "i8", "i32"), ("extui", "trunci", "i8", "i32"),
                                   ("extf", "truncf", "f16", "f32"), ("index_cast", "index_cast", "i32", "index"),
                                   ("index_castui", "index_castui", "i32", "index"), ("bitcast", "bitcast", "f32", "i32")]:
        op = op_of(f'%0 = "arith.{inner}"(%a0) : ({src}) -> {mid}\n  %1 = "arith.{outer}"(%0) : ({mid}) -> {src}', [src])
        assert op.fold([None])[0] is op.operands[0].defining_op.operands[0]
    op = op_of('%0 = "arith.extsi"(%a0) : (i8) -> i32\n  %1 = "arith.trunci"(%0) : (i32) -> i16', ["i8"])
    assert op.fold([None]) is None


def test_canonicalize_pass_folds_arith():
    from tfc.passes.canonicalize import CanonicalizePass
    module = parse_module(func_text(
        '%c2 = "arith.constant"() <{value = 2 : i32}> : () -> i32\n'
        '  %c3 = "arith.constant"() <{value = 3 : i32}> : () -> i32\n'
        '  %c0 = "arith.constant"() <{value = 0 : i32}> : () -> i32\n'
        '  %0 = "arith.muli"(%c2, %c3) : (i32, i32) -> i32\n'
        '  %1 = "arith.addi"(%c0, %a0) : (i32, i32) -> i32\n'
        '  %2 = "arith.addi"(%1, %0) : (i32, i32) -> i32\n'
        '  %3 = "math.sqrt"(%a1) : (f32) -> f32\n'
        '  %4 = "arith.constant"() <{value = 4.0 : f32}> : () -> f32\n'
        '  %5 = "math.sqrt"(%4) : (f32) -> f32\n'
        '  "func.return"(%2, %3, %5) : (i32, f32, f32) -> ()', ["i32", "f32"])
        .replace(") {", ") -> (i32, f32, f32) {", 1).replace("  return\n", ""))
    CanonicalizePass().run(module)
    verify(module)
    text = print_op(module)
    assert '<{value = 6 : i32}>' in text and '<{value = 2.000000e+00 : f32}>' in text
    assert '"arith.addi"(%arg0, %0)' in text and "arith.muli" not in text and text.count("math.sqrt") == 1


def test_canonicalize_reassociates_constants():
    from tfc.passes.canonicalize import CanonicalizePass
    module = parse_module("""
    func.func @f(%x: i32, %y: i8, %z: f32) -> (i32, i8, i32, f32) {
      %c1 = "arith.constant"() <{value = 1 : i32}> : () -> i32
      %c2 = "arith.constant"() <{value = 2 : i32}> : () -> i32
      %c100 = "arith.constant"() <{value = 100 : i8}> : () -> i8
      %f1 = "arith.constant"() <{value = 1.0 : f32}> : () -> f32
      %0 = "arith.addi"(%c1, %x) <{overflowFlags = #arith.overflow<nsw>}> : (i32, i32) -> i32
      %1 = "arith.addi"(%0, %c2) : (i32, i32) -> i32
      %2 = "arith.muli"(%y, %c100) : (i8, i8) -> i8
      %3 = "arith.muli"(%c100, %2) : (i8, i8) -> i8
      %4 = "arith.subi"(%x, %c1) : (i32, i32) -> i32
      %5 = "arith.subi"(%4, %c2) : (i32, i32) -> i32
      %6 = "arith.addf"(%z, %f1) : (f32, f32) -> f32
      %7 = "arith.addf"(%6, %f1) : (f32, f32) -> f32
      return %1, %3, %5, %7 : i32, i8, i32, f32
    }""")
    CanonicalizePass().run(module)
    verify(module)
    text = print_op(module)
    assert '<{value = 3 : i32}>' in text and '<{value = 16 : i8}>' in text  # 100 * 100 wraps in i8
    assert text.count('"arith.addi"(%arg0, %') == 1 and "overflowFlags" not in text
    assert text.count('"arith.subi"') == 2 and text.count('"arith.addf"') == 2  # not associative
    assert [type(p).__name__ for p in arith.AddIOp.canonicalization_patterns()] == ["ReassociateConstants"]
    assert arith.SubIOp.canonicalization_patterns() == [] and arith.DivSIOp.canonicalization_patterns() == []


# ----- verification -----------------------------------------------------------------------------------

@pytest.mark.parametrize("body,types,message", [
    ('%0 = "arith.addf"(%a0, %a0) : (i32, i32) -> i32', ["i32"], "operand #0 must be floating-point-like, but got 'i32'"),
    ('%0 = "arith.addi"(%a0, %a0) : (f32, f32) -> f32', ["f32"], "must be signless-integer-like"),
    ('%0 = "arith.addi"(%a0, %a0) : (si32, si32) -> si32', ["si32"], "must be signless-integer-like"),
    ('%0 = "arith.addi"(%a0, %a1) : (i32, i64) -> i32', ["i32", "i64"], "requires the same type for all operands and results"),
    ('%0 = "arith.constant"() <{value = 1 : i64}> : () -> i32', [], "incompatible with return type"),
    ('%0 = "arith.constant"() <{value = dense<1> : tensor<2xi32>}> : () -> tensor<?xi32>', [], "must match return type"),
    ('%0 = "arith.constant"() <{value = "s"}> : () -> i32', [], "attribute 'value' failed to satisfy constraint"),
    ('%0 = "arith.constant"() : () -> i32', [], "requires attribute 'value'"),
    ('%0 = "arith.constant"() <{value = 1 : si32}> : () -> si32', [], "integer return type must be signless"),
    ('%0 = "arith.cmpi"(%a0, %a0) <{predicate = 10 : i64}> : (i32, i32) -> i1', ["i32"], "attribute 'predicate' failed"),
    ('%0 = "arith.cmpi"(%a0, %a0) <{predicate = 1 : i32}> : (i32, i32) -> i1', ["i32"], "attribute 'predicate' failed"),
    ('%0 = "arith.cmpi"(%a0, %a0) : (i32, i32) -> i1', ["i32"], "requires attribute 'predicate'"),
    ('%0 = "arith.cmpf"(%a0, %a0) <{predicate = 16 : i64}> : (f32, f32) -> i1', ["f32"], "attribute 'predicate' failed"),
    ('%0 = "arith.cmpi"(%a0, %a1) <{predicate = 0 : i64}> : (i32, i64) -> i1', ["i32", "i64"], "requires all operands to have the same type"),
    ('%0 = "arith.cmpi"(%a0, %a0) <{predicate = 0 : i64}> : (vector<2xi32>, vector<2xi32>) -> i1', ["vector<2xi32>"], "incompatible"),
    ('%0 = "arith.cmpf"(%a0, %a0) <{predicate = 0 : i64}> : (f32, f32) -> i32', ["f32"], "must be bool-like"),
    ('%0 = "arith.select"(%a0, %a1, %a1) : (i32, f32, f32) -> f32', ["i32", "f32"], "operand #0 must be bool-like"),
    ('%0 = "arith.select"(%a0, %a1, %a2) : (i1, f32, f64) -> f32', ["i1", "f32", "f64"], "have same type"),
    ('%0 = "arith.select"(%a0, %a1, %a1) : (vector<3xi1>, vector<2xf32>, vector<2xf32>) -> vector<2xf32>',
     ["vector<3xi1>", "vector<2xf32>"], "condition is signless i1 or has matching shape"),
    ('%0 = "arith.extsi"(%a0) : (i32) -> i16', ["i32"], "result type i16 must be wider than operand type i32"),
    ('%0 = "arith.extui"(%a0) : (i32) -> i32', ["i32"], "must be wider than"),
    ('%0 = "arith.extf"(%a0) : (f64) -> f32', ["f64"], "must be wider than"),
    ('%0 = "arith.trunci"(%a0) : (i8) -> i16', ["i8"], "result type i16 must be shorter than operand type i8"),
    ('%0 = "arith.truncf"(%a0) : (f32) -> f64', ["f32"], "must be shorter than"),
    ('%0 = "arith.extsi"(%a0) : (index) -> i64', ["index"], "must be signless-fixed-width-integer-like"),
    ('%0 = "arith.extsi"(%a0) : (vector<2xi8>) -> vector<3xi32>', ["vector<2xi8>"], "requires the same shape"),
    ('%0 = "arith.extsi"(%a0) : (vector<2xi8>) -> tensor<2xi32>', ["vector<2xi8>"], "requires the same shape"),
    ('%0 = "arith.sitofp"(%a0) : (f32) -> f32', ["f32"], "must be signless-fixed-width-integer-like"),
    ('%0 = "arith.fptosi"(%a0) : (f32) -> f32', ["f32"], "result #0 must be signless-fixed-width-integer-like"),
    ('%0 = "arith.bitcast"(%a0) : (f32) -> i64', ["f32"], "operand type f32 and result type i64 are cast incompatible"),
    ('%0 = "arith.index_cast"(%a0) : (i32) -> i64', ["i32"], "are cast incompatible"),
    ('%0 = "arith.index_castui"(%a0) : (index) -> index', ["index"], "are cast incompatible"),
    ('%0 = "arith.truncf"(%a0) <{roundingmode = 7 : i32}> : (f64) -> f32', ["f64"], "attribute 'roundingmode' failed"),
    ('%0 = "arith.addf"(%a0, %a0) <{fastmath = 1 : i32}> : (f32, f32) -> f32', ["f32"], "attribute 'fastmath' failed"),
    ('%0 = "arith.addi"(%a0, %a0) <{overflowFlags = #arith.fastmath<none>}> : (i32, i32) -> i32', ["i32"], "attribute 'overflowFlags' failed"),
    ('%0 = "arith.addi"(%a0, %a0) <{bogus = 1}> : (i32, i32) -> i32', ["i32"], "has no inherent attribute 'bogus'"),
    ('%0 = "math.sqrt"(%a0) : (i32) -> i32', ["i32"], "must be floating-point-like"),
    ('%0 = "math.ctlz"(%a0) : (f32) -> f32', ["f32"], "must be signless-integer-like"),
    ('%0 = "math.powf"(%a0, %a1) : (f32, f64) -> f32', ["f32", "f64"], "requires the same type for all operands and results"),
    ('%0 = "math.fma"(%a0, %a0) : (f32, f32) -> f32', ["f32"], "expected 3 operands, but found 2"),
    ('%0 = "math.isnan"(%a0) : (f32) -> f32', ["f32"], "must be bool-like"),
    ('%0 = "math.isinf"(%a0) : (vector<2xf32>) -> vector<3xi1>', ["vector<2xf32>"], "requires the same shape for all operands and results"),
    ('%0 = "math.fpowi"(%a0, %a1) : (f32, f32) -> f32', ["f32", "f32"], "operand #1 must be signless-integer-like"),
    ('%0 = "math.fpowi"(%a0, %a1) : (vector<2xf32>, i32) -> vector<2xf32>', ["vector<2xf32>", "i32"], "requires the same shape"),
    ('%0 = "math.ipowi"(%a0, %a0) : (f32, f32) -> f32', ["f32"], "must be signless-integer-like"),
])
def test_verifier_errors(body, types, message):
    assert message in verify_error(body, types)


def test_bad_flags_are_parse_errors():
    assert "unknown flag 'fastest'" in parse_error(
        '%0 = "arith.addf"(%a0, %a0) <{fastmath = #arith.fastmath<fastest>}> : (f32, f32) -> f32', ["f32"])
    assert "unknown flag 'nnan'" in parse_error(
        '%0 = "arith.addi"(%a0, %a0) <{overflowFlags = #arith.overflow<nnan>}> : (i32, i32) -> i32', ["i32"])


def test_flag_attributes_normalize_like_mlir():
    assert str(FastMathFlagsAttr.get("nnan", "reassoc")) == "#arith.fastmath<reassoc,nnan>"
    every = ("reassoc", "nnan", "ninf", "nsz", "arcp", "contract", "afn")
    assert str(FastMathFlagsAttr.get(*every)) == "#arith.fastmath<fast>"
    assert FastMathFlagsAttr.get("fast").flags == frozenset(every)
    assert str(FastMathFlagsAttr.get()) == "#arith.fastmath<none>"
    assert str(IntegerOverflowFlagsAttr.get("nuw", "nsw")) == "#arith.overflow<nsw, nuw>"
    with pytest.raises(ValueError):
        FastMathFlagsAttr.get("nope")
    op = arith.AddFOp.build(binop("arith.addf", "f32").lhs, binop("arith.addf", "f32").lhs, fastmath=("nnan", "ninf"))
    assert str(op.fastmath) == "#arith.fastmath<nnan,ninf>"
    plain = binop("arith.addf", "f32")
    assert plain.fastmath == FastMathFlagsAttr.get("none") and "fastmath" not in plain.properties
    assert binop("arith.addi", "i32").overflowFlags == IntegerOverflowFlagsAttr.get("none")


def test_builders_infer_result_types():
    a = binop("arith.addi", "vector<4xi32>").lhs
    assert arith.AddIOp.build(a, a).result.type == a.type
    cmp = arith.CmpIOp.build(a, a, predicate="ult")
    assert cmp.result.type == T.VectorType((4,), T.i1) and cmp.predicate == A.IntegerAttr(6, T.i64)
    x = binop("arith.addf", "f32").lhs
    assert arith.CmpFOp.build(x, x, predicate="uno").predicate.value == 14
    assert mathd.IsNaNOp.build(x).result.type == T.i1
    assert mathd.SqrtOp.build(x).result.type == T.f32
    assert arith.ExtFOp.build(x, result_types=[T.f64]).out.type == T.f64


# ----- math -----------------------------------------------------------------------------------------

MATH_UNARY = {
    "absf": abs, "ceil": math.ceil, "floor": math.floor, "trunc": math.trunc,
    "round": lambda x: math.copysign(math.floor(abs(x) + 0.5), x), "roundeven": round,
    "sqrt": math.sqrt, "rsqrt": lambda x: 1 / math.sqrt(x), "cbrt": lambda x: math.copysign(abs(x) ** (1 / 3), x),
    "exp": math.exp, "exp2": lambda x: 2.0 ** x, "expm1": math.expm1, "log": math.log, "log2": math.log2,
    "log10": math.log10, "log1p": math.log1p, "sin": math.sin, "cos": math.cos, "tan": math.tan,
    "asin": math.asin, "acos": math.acos, "atan": math.atan, "sinh": math.sinh, "cosh": math.cosh,
    "tanh": math.tanh, "asinh": math.asinh, "acosh": math.acosh, "atanh": math.atanh, "erf": math.erf,
    "erfc": math.erfc,
}
MATH_SAMPLES = {"acosh": [1.0, 1.5, 3.0, 10.0], "log": [0.25, 1.0, 2.5, 100.0], "log2": [0.25, 1.0, 2.5, 100.0],
                "log10": [0.25, 1.0, 2.5, 100.0], "sqrt": [0.0, 0.25, 2.0, 1e6], "rsqrt": [0.25, 2.0, 1e6],
                "asin": [-1.0, -0.5, 0.0, 0.3], "acos": [-1.0, -0.5, 0.0, 0.3], "atanh": [-0.5, 0.0, 0.3],
                "log1p": [-0.5, 0.0, 0.25, 3.0]}
ROUNDING_SAMPLES = [-2.5, -1.5, -0.5, -0.4, 0.4, 0.5, 1.5, 2.5, 3.7, -3.7, 0.49999997]


@pytest.mark.parametrize("name", sorted(MATH_UNARY))
def test_math_float_unary_ops(name):
    samples = ROUNDING_SAMPLES if name in ("round", "roundeven", "ceil", "floor", "trunc", "absf") else \
        MATH_SAMPLES.get(name, [-2.0, -0.5, 0.0, 0.3, 1.0, 2.5])
    for t, dtype, tol in (("f32", np.float32, 2e-6), ("f64", np.float64, 1e-14)):
        op = unop(f"math.{name}", t)
        for x in samples:
            x = dtype(x)
            got = op.interpret(None, x)
            assert isinstance(got, dtype)
            want = MATH_UNARY[name](float(x))
            assert got == pytest.approx(want, rel=tol, abs=tol), (name, t, x, got, want)
    vec = unop(f"math.{name}", "vector<2xf32>").interpret(None, np.array(samples[:2], np.float32))
    assert vec.dtype == np.float32 and vec.shape == (2,)


def test_math_special_values():
    assert np.isnan(unop("math.sqrt", "f32").interpret(None, np.float32(-1)))
    assert unop("math.log", "f32").interpret(None, np.float32(0)) == -np.inf
    assert same_float(unop("math.round", "f32").interpret(None, np.float32(-0.4)), -0.0)
    assert unop("math.round", "f32").interpret(None, np.float32(0.49999997)) == 0
    assert unop("math.roundeven", "f32").interpret(None, np.float32(2.5)) == 2
    assert np.isnan(unop("math.absf", "f32").interpret(None, np.float32(np.nan)))
    assert unop("math.exp", "f16").interpret(None, np.float16(12)).dtype == np.float16
    assert unop("math.erf", "bf16").interpret(None, np.float32(0.5)) == np.float32(0.51953125)  # erf(0.5) = 0.5205 in bf16


def test_math_binary_and_ternary_ops():
    f32 = np.float32
    assert binop("math.atan2", "f32").interpret(None, f32(1), f32(-1)) == pytest.approx(3 * math.pi / 4)
    assert same_float(binop("math.copysign", "f32").interpret(None, f32(2), f32(-0.0)), -2.0)
    assert binop("math.powf", "f32").interpret(None, f32(2), f32(0.5)) == pytest.approx(math.sqrt(2))
    assert np.isnan(binop("math.powf", "f32").interpret(None, f32(-2), f32(0.5)))
    fma = op_of('%r = "math.fma"(%a0, %a1, %a2) : (f32, f32, f32) -> f32', ["f32"] * 3)
    assert fma.interpret(None, f32(2), f32(3), f32(1)) == 7
    # fused: 1 + 2^-23 squared minus its rounded square keeps the 2^-46 term
    x = f32(1 + 2 ** -23)
    assert fma.interpret(None, x, x, -(x * x)) == f32(2.0 ** -46)
    fpowi = op_of('%r = "math.fpowi"(%a0, %a1) : (f32, i32) -> f32', ["f32", "i32"])
    assert fpowi.interpret(None, f32(2), np.int32(-2)) == 0.25
    assert fpowi.interpret(None, f32(-3), np.int32(3)) == -27


@pytest.mark.parametrize("name,value,width,expected", [
    ("absi", -5, 32, 5), ("absi", -2**31, 32, -2**31), ("absi", 7, 8, 7), ("absi", -128, 8, -128),
    ("ctlz", 1, 32, 31), ("ctlz", 0, 32, 32), ("ctlz", -1, 32, 0), ("ctlz", 1, 64, 63), ("ctlz", 16, 8, 3),
    ("cttz", 8, 32, 3), ("cttz", 0, 16, 16), ("cttz", -2**63, 64, 63), ("cttz", 1, 8, 0),
    ("ctpop", -1, 32, 32), ("ctpop", 0, 32, 0), ("ctpop", 0b1011, 8, 3), ("ctpop", -1, 64, 64),
])
def test_math_integer_unary_ops(name, value, width, expected):
    dtype = T.IntegerType(width).numpy_dtype()
    got = unop(f"math.{name}", f"i{width}").interpret(None, dtype.type(value))
    assert got == expected and got.dtype == dtype


@pytest.mark.parametrize("base,exponent,expected", [
    (3, 4, 81), (2, 31, -2**31), (3, 21, sx(3 ** 21, 32)), (-2, 3, -8), (5, 0, 1), (0, 0, 1),
    (7, -1, 0), (1, -5, 1), (-1, -3, -1), (-1, -4, 1), (-3, 2, 9),
])
def test_ipowi(base, exponent, expected):
    op = binop("math.ipowi", "i32")
    assert op.interpret(None, np.int32(base), np.int32(exponent)) == expected
    vec = binop("math.ipowi", "vector<2xi8>")
    assert vec.interpret(None, np.array([2, 3], np.int8), np.array([7, 5], np.int8)).tolist() == [-128, sx(243, 8)]


def test_ipowi_zero_to_negative_power_is_not_folded():
    op = binop("math.ipowi", "i32")
    assert op.fold([iattr(0), iattr(-1)]) is None
    assert op.fold([iattr(2), iattr(10)]) == [iattr(1024)]


def test_math_classification_ops():
    values = np.array([np.nan, np.inf, -np.inf, 0.0, 1.0, 1e-40, -2.0], np.float32)
    expected = {"isnan": [1, 0, 0, 0, 0, 0, 0], "isinf": [0, 1, 1, 0, 0, 0, 0], "isfinite": [0, 0, 0, 1, 1, 1, 1],
                "isnormal": [0, 0, 0, 0, 1, 0, 1]}
    for name, want in expected.items():
        op = unop(f"math.{name}", "vector<7xf32>", "vector<7xi1>")
        got = op.interpret(None, values)
        assert got.dtype == np.bool_ and got.tolist() == [bool(x) for x in want]
        scalar = unop(f"math.{name}", "f64", "i1").interpret(None, np.float64(1.0))
        assert isinstance(scalar, np.bool_) and bool(scalar) == (name != "isnan" and name != "isinf")


def test_math_folding():
    assert unop("math.sqrt", "f32").fold([fattr(4.0)]) == [fattr(2.0)]
    assert unop("math.sqrt", "f32").fold([None]) is None
    t = T.TensorType((2,), T.f32)
    assert unop("math.exp", "tensor<2xf32>").fold([A.DenseElementsAttr.splat(0.0, t)]) == [A.DenseElementsAttr.splat(1.0, t)]
    assert unop("math.floor", "tensor<2xf32>").fold([A.DenseElementsAttr([1.5, -1.5], t)]) == [A.DenseElementsAttr([1.0, -2.0], t)]
    assert binop("math.powf", "f64").fold([fattr(2.0, T.f64), fattr(10.0, T.f64)]) == [fattr(1024.0, T.f64)]
    assert binop("math.copysign", "f32").fold([fattr(3.0), None]) is None
    assert unop("math.ctpop", "i32").fold([iattr(255)]) == [iattr(8)]
    assert unop("math.isnan", "f32", "i1").fold([fattr(math.nan)]) == [A.TRUE]
    fma = op_of('%r = "math.fma"(%a0, %a1, %a2) : (f32, f32, f32) -> f32', ["f32"] * 3)
    assert fma.fold([fattr(2.0), fattr(3.0), fattr(0.5)]) == [fattr(6.5)]


# ----- every op, parsed and printed ----------------------------------------------------------------

ARITH_FLOAT_BINARY = ["addf", "subf", "mulf", "divf", "remf", "maximumf", "minimumf", "maxnumf", "minnumf"]
MATH_FLOAT_UNARY = sorted(MATH_UNARY)
CASTS = [("extsi", "i8", "i32"), ("extui", "i8", "i32"), ("trunci", "i32", "i8"), ("extf", "f16", "f32"),
         ("truncf", "f64", "f32"), ("sitofp", "i32", "f32"), ("uitofp", "i32", "f64"), ("fptosi", "f32", "i32"),
         ("fptoui", "f64", "i8"), ("index_cast", "i32", "index"), ("index_castui", "index", "i32"),
         ("bitcast", "f32", "i32")]


def every_op_text() -> tuple[str, set]:
    lines, names = [], set()

    def add(name, text):
        names.add(name)
        lines.append(f'  %{len(lines)} = "{name}"{text}')

    add("arith.constant", '() <{value = 42 : i32}> : () -> i32')
    add("arith.constant", '() <{value = dense<[1.5, -2.0]> : vector<2xf32>}> : () -> vector<2xf32>')
    add("arith.constant", '() <{value = true}> : () -> i1')
    for name in sorted(INT_REF):
        props = " <{overflowFlags = #arith.overflow<nsw, nuw>}>" if name in ("addi", "muli") else ""
        add(f"arith.{name}", f'(%i, %j){props} : (i32, i32) -> i32')
    for name in ARITH_FLOAT_BINARY:
        props = " <{fastmath = #arith.fastmath<nnan,ninf>}>" if name == "mulf" else ""
        add(f"arith.{name}", f'(%x, %y){props} : (f32, f32) -> f32')
    add("arith.negf", '(%v) <{fastmath = #arith.fastmath<fast>}> : (vector<4xf32>) -> vector<4xf32>')
    add("arith.cmpi", '(%i, %j) <{predicate = 9 : i64}> : (i32, i32) -> i1')
    add("arith.cmpf", '(%v, %v) <{fastmath = #arith.fastmath<none>, predicate = 14 : i64}> : '
                      '(vector<4xf32>, vector<4xf32>) -> vector<4xi1>')
    add("arith.select", '(%b, %x, %y) : (i1, f32, f32) -> f32')
    for name, src, dst in CASTS:
        operand = {"i8": "%k", "i32": "%i", "f16": "%h", "f64": "%d", "f32": "%x", "index": "%n"}[src]
        props = " <{roundingmode = 3 : i32}>" if name == "truncf" else ""
        add(f"arith.{name}", f'({operand}){props} : ({src}) -> {dst}')
    for name in MATH_FLOAT_UNARY:
        add(f"math.{name}", '(%x) : (f32) -> f32')
    for name in ("atan2", "copysign", "powf"):
        add(f"math.{name}", '(%t, %t) <{fastmath = #arith.fastmath<afn>}> : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>')
    add("math.fma", '(%x, %y, %x) : (f32, f32, f32) -> f32')
    add("math.fpowi", '(%x, %i) : (f32, i32) -> f32')
    add("math.ipowi", '(%i, %j) : (i32, i32) -> i32')
    for name in ("absi", "ctlz", "cttz", "ctpop"):
        add(f"math.{name}", '(%i) : (i32) -> i32')
    for name in ("isnan", "isinf", "isfinite", "isnormal"):
        add(f"math.{name}", '(%v) : (vector<4xf32>) -> vector<4xi1>')
    args = ("%i: i32, %j: i32, %k: i8, %x: f32, %y: f32, %h: f16, %d: f64, %n: index, %b: i1, "
            "%v: vector<4xf32>, %t: tensor<?xf32>")
    return f"func.func @every({args}) {{\n" + "\n".join(lines) + "\n  return\n}\n", names


def test_every_registered_op_round_trips():
    text, names = every_op_text()
    registered = {name for name in OPS if name.startswith(("arith.", "math."))}
    assert names == registered
    first = parse_module(text)
    verify(first)
    printed = print_op(first)
    second = parse_module(printed)
    verify(second)
    assert print_op(second) == printed
    generic = print_op(second, generic=True)
    assert print_op(parse_module(generic), generic=True) == generic
    assert '"arith.mulf"(%arg3, %arg4) <{fastmath = #arith.fastmath<nnan,ninf>}> : (f32, f32) -> f32' in printed
    assert '<{overflowFlags = #arith.overflow<nsw, nuw>}>' in printed
    assert '"arith.truncf"(%arg6) <{roundingmode = 3 : i32}> : (f64) -> f32' in printed


def test_op_counts_and_docstrings():
    arith_ops = [cls for name, cls in OPS.items() if name.startswith("arith.")]
    math_ops = [cls for name, cls in OPS.items() if name.startswith("math.")]
    assert len(arith_ops) == 46 and len(math_ops) == 44
    for cls in arith_ops + math_ops:
        assert cls.__doc__ and f'"{cls.name}"' in cls.__doc__, cls.name


def test_interpreter_runs_every_op():
    from tfc.backends.interpreter import Interpreter
    text, _ = every_op_text()
    module = parse_module(text)
    ctx = Interpreter()
    args = [7, 3, -2, 0.5, 0.25, 1.5, 0.75, 5, True, [0.5, -1.0, 2.0, np.nan], [0.5, 2.0]]
    assert ctx.call(module, "every", *args) == []  # every result checked against its type
