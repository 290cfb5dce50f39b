"""arith ops compiled by the CPU backend agree bit for bit with the interpreter: every
integer op on i8..i64 and index, every cmpi/cmpf predicate, float ops on f16/f32/f64 with
NaN, infinities, signed zeros and subnormals, select, and the casts."""

import numpy as np
import pytest

from tfc.dialects.arith import CMPF_PREDICATES, CMPI_PREDICATES

from conftest import assert_same, compile_text, elementwise, run_both

N = 96
INT_TYPES = {"i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64, "index": np.int64}
FLOAT_TYPES = {"f16": np.float16, "f32": np.float32, "f64": np.float64}

INT_BINARY = ["addi", "subi", "muli", "divsi", "divui", "remsi", "remui", "ceildivsi", "ceildivui",
              "floordivsi", "andi", "ori", "xori", "shli", "shrsi", "shrui", "maxsi", "maxui", "minsi", "minui"]
FLOAT_BINARY = ["addf", "subf", "mulf", "divf", "remf", "maximumf", "minimumf", "maxnumf", "minnumf"]


def _ints(dtype, rng, n=N):
    info = np.iinfo(dtype)
    edges = np.array([0, 1, -1, 2, -2, info.min, info.max, info.min + 1, info.max - 1], dtype)
    return np.concatenate([edges, rng.integers(info.min, info.max, n - len(edges), dtype=dtype, endpoint=True)])


def _floats(dtype, rng, n=N):
    finfo = np.finfo(dtype)
    edges = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, finfo.max, -finfo.max, finfo.tiny, finfo.smallest_subnormal,
                      -finfo.smallest_subnormal, 1.0, -1.0, 0.5, 3.0], dtype)
    scale = rng.choice([1e-3, 1.0, 1e3], n - len(edges))
    return np.concatenate([edges, (rng.standard_normal(n - len(edges)) * scale).astype(dtype)])


def _defined_int_operands(op, a, b, width):
    """Operands without undefined behaviour: no division by zero or MIN / -1, shifts < width."""
    b = b.copy()
    if op in ("divsi", "divui", "remsi", "remui", "ceildivsi", "ceildivui", "floordivsi"):
        b[b == 0] = 3
        b[(b == -1) & (a == np.iinfo(a.dtype).min)] = 5
    if op.startswith("sh"):
        b = (b.astype(np.int64) % width).astype(b.dtype)
    return a, b


@pytest.mark.parametrize("t", list(INT_TYPES))
def test_integer_binary_ops(t):
    dtype = INT_TYPES[t]
    width = 64 if t == "index" else int(t[1:])
    text = "".join(elementwise(op, [t, t], t, [f'%r = "arith.{op}"(%x0, %x1) : ({t}, {t}) -> {t}'])
                   for op in INT_BINARY)
    module, jm = compile_text(text)
    rng = np.random.default_rng(width)
    for op in INT_BINARY:
        a, b = _defined_int_operands(op, _ints(dtype, rng), _ints(dtype, rng)[::-1].copy(), width)
        assert_same(*run_both(text, op, a, b, jit=jm))


@pytest.mark.parametrize("t", ["i8", "i32", "i64", "index"])
def test_cmpi_predicates(t):
    dtype = INT_TYPES[t]
    text = "".join(elementwise(f"cmp_{p}", [t, t], "i1",
                               [f'%r = "arith.cmpi"(%x0, %x1) <{{predicate = {k} : i64}}> : ({t}, {t}) -> i1'])
                   for k, p in enumerate(CMPI_PREDICATES))
    _, jm = compile_text(text)
    rng = np.random.default_rng(1)
    a = _ints(dtype, rng)
    b = np.concatenate([a[:30], _ints(dtype, rng)[30:]])  # equal pairs too
    for p in CMPI_PREDICATES:
        got, want = run_both(text, f"cmp_{p}", a, b, jit=jm)
        assert got[0].dtype == np.bool_
        assert_same(got, want)


@pytest.mark.parametrize("t", list(FLOAT_TYPES))
def test_float_binary_ops(t):
    dtype = FLOAT_TYPES[t]
    ops = FLOAT_BINARY + ["negf"]
    text = "".join(elementwise(op, [t, t], t, [f'%r = "arith.{op}"(%x0, %x1) : ({t}, {t}) -> {t}'])
                   for op in FLOAT_BINARY)
    text += elementwise("negf", [t, t], t, [f'%r = "arith.negf"(%x0) : ({t}) -> {t}'])
    _, jm = compile_text(text)
    rng = np.random.default_rng(2)
    a = _floats(dtype, rng)
    b = np.concatenate([a[:14][::-1], _floats(dtype, rng)[14:]])
    for op in ops:
        got, want = run_both(text, op, a, b, jit=jm)
        if op in ("maximumf", "minimumf"):  # -0 vs +0 is part of their contract
            np.testing.assert_array_equal(np.signbit(got[0]), np.signbit(want[0]))
        assert_same(got, want)


@pytest.mark.parametrize("t", list(FLOAT_TYPES))
def test_cmpf_predicates(t):
    dtype = FLOAT_TYPES[t]
    text = "".join(elementwise(f"cmp_{p}", [t, t], "i1",
                               [f'%r = "arith.cmpf"(%x0, %x1) <{{predicate = {k} : i64}}> : ({t}, {t}) -> i1'])
                   for k, p in enumerate(CMPF_PREDICATES))
    _, jm = compile_text(text)
    rng = np.random.default_rng(3)
    a = _floats(dtype, rng)
    b = np.concatenate([a[:20], _floats(dtype, rng)[::-1][20:]])
    for p in CMPF_PREDICATES:
        assert_same(*run_both(text, f"cmp_{p}", a, b, jit=jm))


def test_select_and_i1_memrefs():
    text = elementwise("sel", ["i1", "f32", "f32"], "f32",
                       ['%r = "arith.select"(%x0, %x1, %x2) : (i1, f32, f32) -> f32'])
    text += elementwise("logic", ["i1", "i1"], "i1",
                        ['%p = "arith.xori"(%x0, %x1) : (i1, i1) -> i1',
                         '%q = "arith.andi"(%x0, %x1) : (i1, i1) -> i1',
                         '%r = "arith.ori"(%p, %q) : (i1, i1) -> i1'])
    _, jm = compile_text(text)
    rng = np.random.default_rng(4)
    c = rng.random(N) < 0.5
    a, b = rng.standard_normal(N).astype(np.float32), rng.standard_normal(N).astype(np.float32)
    got, want = run_both(text, "sel", c, a, b, jit=jm)
    assert_same(got, want)
    np.testing.assert_array_equal(got[0], np.where(c, a, b))
    d = rng.random(N) < 0.5
    got, want = run_both(text, "logic", c, d, jit=jm)
    assert_same(got, want)
    np.testing.assert_array_equal(got[0], c | d)
    assert set(np.unique(got[0].view(np.uint8))) <= {0, 1}  # stored as 0/1 bytes


CASTS = [
    ("extsi", "i8", "i32"), ("extsi", "i32", "i64"), ("extui", "i8", "i64"), ("extui", "i16", "i32"),
    ("trunci", "i64", "i8"), ("trunci", "i32", "i16"), ("extf", "f16", "f32"), ("extf", "f32", "f64"),
    ("extf", "f16", "f64"), ("truncf", "f64", "f32"), ("truncf", "f32", "f16"), ("truncf", "f64", "f16"),
    ("sitofp", "i32", "f32"), ("sitofp", "i64", "f64"), ("sitofp", "i64", "f32"), ("sitofp", "i16", "f16"),
    ("uitofp", "i32", "f32"), ("uitofp", "i64", "f64"), ("fptosi", "f32", "i32"), ("fptosi", "f64", "i64"),
    ("fptosi", "f16", "i16"), ("fptoui", "f32", "i32"), ("fptoui", "f64", "i8"),
    ("index_cast", "i32", "index"), ("index_cast", "index", "i32"), ("index_cast", "i64", "index"),
    ("index_castui", "i32", "index"), ("index_castui", "index", "i16"),
    ("bitcast", "f32", "i32"), ("bitcast", "i64", "f64"), ("bitcast", "f16", "i16"),
]


def _cast_input(op, src, dst, rng):
    if src in FLOAT_TYPES:
        if op in ("fptosi", "fptoui"):  # only in-range values are defined
            info = np.iinfo(INT_TYPES[dst])
            low = 0 if op == "fptoui" else max(info.min, -60000)
            high = min(info.max, 60000)
            return rng.uniform(low, high, N).astype(FLOAT_TYPES[src])
        if op == "bitcast":
            return rng.integers(0, 2 ** 15, N, dtype=np.int64).astype(np.uint16).view(np.float16) if src == "f16" \
                else _floats(FLOAT_TYPES[src], rng)
        return _floats(FLOAT_TYPES[src], rng)
    return _ints(INT_TYPES[src], rng)


@pytest.mark.parametrize("op,src,dst", CASTS, ids=[f"{o}-{s}-{d}" for o, s, d in CASTS])
def test_casts(op, src, dst):
    text = elementwise("cast", [src], dst, [f'%r = "arith.{op}"(%x0) : ({src}) -> {dst}'])
    rng = np.random.default_rng(5)
    x = _cast_input(op, src, dst, rng)
    assert_same(*run_both(text, "cast", x))


def test_fastmath_and_overflow_flags_translate():
    text = elementwise("f", ["f32", "i32"], "f32",
                       ['%s = "arith.mulf"(%x0, %x0) <{fastmath = #arith.fastmath<fast>}> : (f32, f32) -> f32',
                        '%k = "arith.addi"(%x1, %x1) <{overflowFlags = #arith.overflow<nsw>}> : (i32, i32) -> i32',
                        '%kf = "arith.sitofp"(%k) : (i32) -> f32',
                        '%r = "arith.addf"(%s, %kf) <{fastmath = #arith.fastmath<nnan,ninf>}> : (f32, f32) -> f32'])
    from tfc.backends.cpu import translate_module, Target
    from tfc.ir.parser import parse_module
    llvm_text = str(translate_module(parse_module(text), Target.host()))
    assert "fmul fast float" in llvm_text
    assert "add nsw i32" in llvm_text
    assert "fadd ninf nnan float" in llvm_text
    x = np.linspace(-3, 3, N).astype(np.float32)
    k = np.arange(N, dtype=np.int32)
    assert_same(*run_both(text, "f", x, k))
