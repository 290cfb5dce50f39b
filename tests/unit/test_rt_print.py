"""tf.Print and tf.Assert compiled by the CPU backend (rt.print -> tfc_print, cf.assert): the
text compiled code writes to stderr is exactly the interpreter's (TensorFlow's format), and a
failed Assert raises TensorFlow's error through the Session's re-run on the interpreter."""

import numpy as np
import pytest

import tfc as tf
from tfc.backends.interpreter import Interpreter
from tfc.ir.parser import parse_module
from tfc.passes.tf_to_linalg import lower_tf_ops


def _run(backend, monkeypatch, build, feeds_of, runs=1):
    """Build the graph (a fresh one), run it `runs` times on `backend` (run i feeds
    `feeds_of(i)`); the fetched values and the signatures' backends."""
    monkeypatch.setenv("TFC_BACKEND", backend)
    with tf.Graph().as_default():
        fetch, placeholders = build()
        with tf.Session() as sess:
            values = [sess.run(fetch, dict(zip(placeholders, feeds_of(i)))) for i in range(runs)]
            backends = {c.backend for c in sess._cache.values()}
    return values, backends


def _compiled_and_interpreted(monkeypatch, capfd, build, feeds_of, runs=1):
    """(compiled stderr, interpreter stderr), after checking both computed the same values and
    that cpu-strict really compiled the signature."""
    capfd.readouterr()
    compiled, backends = _run("cpu-strict", monkeypatch, build, feeds_of, runs)
    assert backends == {"cpu"}
    compiled_err = capfd.readouterr().err
    interpreted, backends = _run("interpreter", monkeypatch, build, feeds_of, runs)
    assert backends == {"interpreter"}
    interpreted_err = capfd.readouterr().err
    for a, b in zip(compiled, interpreted):
        np.testing.assert_array_equal(a, b)
    return compiled_err, interpreted_err


SPECIAL_FLOATS = [2.5, -0.0, 1e-5, 123456789.0, np.inf, -np.inf, np.nan, -np.nan, 0.1, 1e300]

CASES = [
    ("f32", lambda: np.array(SPECIAL_FLOATS[:-1], np.float32), 20),
    ("f64", lambda: np.array(SPECIAL_FLOATS, np.float64), -1),
    ("f16", lambda: np.array([1, -2, 6e-8, 65504, 1 / 3, np.inf, np.nan], np.float16), 4),
    ("i8", lambda: np.array([[-128, 127], [0, -1]], np.int8), -1),
    ("i16", lambda: np.array([-32768, 5, 32767], np.int16), 2),
    ("i32", lambda: np.arange(24, dtype=np.int32).reshape(2, 3, 4) - 7, 9),
    ("i64", lambda: np.array([-(2 ** 63), 2 ** 63 - 1], np.int64), 3),
    ("bool", lambda: np.array([[True, False, True], [False, False, True]]), 4),
    ("scalar", lambda: np.array(-3.75, np.float32), 3),
    ("empty", lambda: np.zeros((2, 0, 3), np.float32), 3),
    ("summarize0", lambda: np.arange(6, dtype=np.int64).reshape(2, 3), 0),
    ("exact", lambda: np.arange(6, dtype=np.int64).reshape(2, 3), 6),
]


@pytest.mark.parametrize("name,make,summarize", CASES, ids=[c[0] for c in CASES])
def test_compiled_print_writes_the_interpreters_text(monkeypatch, capfd, name, make, summarize):
    value = make()

    def build():
        x = tf.placeholder(tf.as_dtype(value.dtype), value.shape)
        y = tf.Print(x, [x, x], message=f"{name}: ", summarize=summarize)
        return y, [x]

    compiled, interpreted = _compiled_and_interpreted(monkeypatch, capfd, build, lambda i: [value])
    assert compiled == interpreted
    assert compiled.startswith(f"{name}: [") and compiled.count("\n") == 1


def test_print_of_a_strided_slice_and_of_computed_values(monkeypatch, capfd):
    grid = np.arange(20, dtype=np.float32).reshape(4, 5) / 4

    def build():
        x = tf.placeholder(tf.float32, [None, 5])
        column = x[:, 1:4]  # a strided view of the argument
        doubled = x * 2.0
        y = tf.Print(doubled, [column, tf.reduce_sum(x), tf.shape(x)], message="cols ", summarize=7)
        return y * 1.0, [x]

    compiled, interpreted = _compiled_and_interpreted(monkeypatch, capfd, build, lambda i: [grid])
    assert compiled == interpreted == "cols [[0.25 0.5 0.75][1.5 1.75 2][2.75...]...][47.5][4 5]\n"


def test_first_n_limits_how_many_runs_print(monkeypatch, capfd):
    def build():
        x = tf.placeholder(tf.int32, [2])
        return tf.Print(x, [x], message="n=", first_n=2), [x]

    compiled, interpreted = _compiled_and_interpreted(monkeypatch, capfd, build,
                                                      lambda i: [np.full(2, i, np.int32)], runs=3)
    assert compiled == interpreted == "n=[0 0]\nn=[1 1]\n"


def test_print_with_no_data_writes_its_message(monkeypatch, capfd):
    def build():
        x = tf.placeholder(tf.float32, [])
        return tf.Print(x, [], message="ran"), [x]

    compiled, interpreted = _compiled_and_interpreted(monkeypatch, capfd, build, lambda i: [np.float32(1)])
    assert compiled == interpreted == "ran\n"


@pytest.fixture
def fresh_graph():
    graph = tf.Graph()
    with graph.as_default():
        yield graph


def _assert_program():
    p = tf.placeholder(tf.bool, [])
    x = tf.placeholder(tf.int32, [2])
    check = tf.Assert(p, ["p must hold", x])
    with tf.control_dependencies([check]):
        out = tf.identity(x + 1)
    return out, p, x


def test_assert_passes_when_true_and_raises_tensorflows_error_when_false(monkeypatch, fresh_graph):
    monkeypatch.setenv("TFC_BACKEND", "cpu-strict")
    out, p, x = _assert_program()
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(out, {p: True, x: [1, 2]}), [2, 3])
        assert {c.backend for c in sess._cache.values()} == {"cpu"}
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"assertion failed: \[p must hold\] \[4 5\]"):
            sess.run(out, {p: False, x: [4, 5]})
        np.testing.assert_array_equal(sess.run(out, {p: True, x: [7, 8]}), [8, 9])


def test_compiled_assert_fails_with_its_message(fresh_graph):
    """Without the Session's re-run, compiled code fails with the cf.assert's message."""
    from tfc.backends.cpu.errors import CHECK_FAILED, CompiledError
    from tfc.frontend.native import NativeSignature
    from tfc.frontend.signature import build_signature
    from tfc.ir.passes import load_all_passes, parse_pipeline
    out, p, x = _assert_program()
    load_all_passes()
    module = build_signature(tf.get_default_graph(), "main", [p, x], [out])
    parse_pipeline("builtin.module(canonicalize,cse)").run(module)
    native = NativeSignature.compile(module)
    with pytest.raises(CompiledError, match=r"assertion failed: \[p must hold\]") as info:
        native.run({}, [np.array(False), np.array([1, 2], np.int32)], [])
    assert info.value.code == CHECK_FAILED
    np.testing.assert_array_equal(native.run({}, [np.array(True), np.array([1, 2], np.int32)], [])[0], [2, 3])

LOWERED_PROGRAM = """
func.func @main(%x: tensor<2x3xf32>, %ok: tensor<i1>) -> tensor<2x3xf32> {
  %y = "tf.Print"(%x, %x, %ok) <{message = "x=", summarize = 4 : i64, first_n = 1 : i64}> : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<i1>) -> tensor<2x3xf32>
  %c = "tf.Assert"(%ok, %x) <{message = "ok"}> : (tensor<i1>, tensor<2x3xf32>) -> !tf.control
  %z = "tf.Neg"(%y) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}
"""


def test_lowered_ir_interprets_like_the_tf_ops(capsys):
    x = np.array([[1.5, -2, 3], [4, 5, 6]], np.float32)
    results = []
    for lower in (False, True):
        module = parse_module(LOWERED_PROGRAM)
        if lower:
            lower_tf_ops(module)
        interpreter = Interpreter()
        first = interpreter.call(module, "main", x, np.array(True))
        second = interpreter.call(module, "main", x, np.array(True))  # first_n = 1: silent
        results.append((first, second, capsys.readouterr().err))
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"assertion failed: \[ok\]"):
            interpreter.call(module, "main", x, np.array(False))
    (a1, a2, text), (b1, b2, lowered_text) = results
    np.testing.assert_array_equal(a1[0], b1[0])
    np.testing.assert_array_equal(a2[0], b2[0])
    assert text == lowered_text == "x=[[1.5 -2 3][4...]][1]\n"


def test_print_and_assert_in_a_compiled_library(tmp_path, capfd):
    """`tfc compile -o lib.so`: the library links tfc_print and writes the same line; first_n
    counts per loaded library; a false Assert fails the call with its message."""
    import tfc
    from tfc.backends.cpu import aot
    from tfc.cli.tfc_main import main
    if aot.find_cc() is None:
        pytest.skip("no C compiler found (cc, gcc or clang); AOT libraries need one")
    model = tmp_path / "model.py"
    model.write_text(
        "import tfc as tf\n"
        "x = tf.placeholder(tf.float32, [None, 3], name='x')\n"
        "ok = tf.placeholder(tf.bool, [], name='ok')\n"
        "check = tf.Assert(ok, ['ok must hold', x])\n"
        "with tf.control_dependencies([check]):\n"
        "    y = tf.Print(x * 2.0, [x, tf.shape(x)], message='x=', first_n=1)\n"
        "tf.export('f', inputs={'x': x, 'ok': ok}, outputs={'y': y})\n")
    lib = tmp_path / "libprint.so"
    assert main(["compile", str(model), "-o", str(lib)]) == 0
    capfd.readouterr()
    loaded = tfc.load(lib)
    x = np.array([[1, 2.5, -3], [4, 5, 6]], np.float32)
    np.testing.assert_array_equal(loaded.f(x, np.array(True))["y"], x * 2)
    np.testing.assert_array_equal(loaded.f(x, np.array(True))["y"], x * 2)  # first_n = 1: silent
    assert capfd.readouterr().err == "x=[[1 2.5 -3]...][2 3]\n"  # summarize = 3 (the default)
    with pytest.raises(Exception, match=r"assertion failed: \[ok must hold\]"):
        loaded.f(x, np.array(False))
