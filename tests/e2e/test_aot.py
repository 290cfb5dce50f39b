"""`tfc compile model.py -o libmodel.so` end to end: the example C program (examples/c), the
library's dependencies, `tfc.load` against the interpreter's `tf.Session`, checkpoints written
by the library, and the CLI's one-line errors.

Tests that compile real models need the CPU backend's code generation; the glue, header, link
step and loader are also tested apart from it in test_aot_glue.py.
"""

import json
import os
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from tfc.backends.cpu import aot
from tfc.cli.tfc_main import main

ROOT = Path(__file__).resolve().parents[2]
TFC = f"{sys.executable} -m tfc.cli.tfc_main"


def _backend_missing() -> str | None:
    try:
        from tfc.backends.cpu import Target, emit_object  # noqa: F401
    except ImportError as err:
        return f"the CPU backend's code generation is not available ({err})"
    return None


@pytest.fixture(scope="module")
def backend():
    missing = _backend_missing()
    if missing:
        pytest.skip(missing)


@pytest.fixture(scope="module")
def mlp_build(cc, backend, tmp_path_factory):
    """examples/c/build.sh: the MLP library, its header and the C program."""
    build = tmp_path_factory.mktemp("mlp_build")
    env = dict(os.environ, BUILD=str(build), TFC=TFC, CC=cc)
    res = subprocess.run(["sh", str(ROOT / "examples" / "c" / "build.sh")], env=env, capture_output=True,
                         text=True, timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    return build


def _model(tmp_path, body: str, name="model.py") -> str:
    path = tmp_path / name
    path.write_text("import tfc as tf\n" + textwrap.dedent(body))
    return str(path)


def _interpreter_run(graph, fetches, feed_dict):
    from tfc.frontend.session import Session
    from tfc.frontend.variables import global_variables_initializer
    with graph.as_default(), Session(target="interpreter", graph=graph) as sess:
        sess.run(global_variables_initializer())
        return sess.run(fetches, feed_dict=feed_dict)


def test_mlp_c_program_runs_and_checks_its_checkpoint(mlp_build):
    assert (mlp_build / "libmlp.so").is_file() and (mlp_build / "mlp.h").is_file()
    header = (mlp_build / "mlp.h").read_text()
    assert "int mlp_predict(mlp_model *m, const float *images, int64_t images_dim0, " \
           "const float **probabilities, int64_t probabilities_dims[2], const int32_t **classes, " \
           "int64_t classes_dims[1]);" in header
    ckpt = mlp_build / "c.safetensors"
    run = subprocess.run([str(mlp_build / "mlp_main"), str(ckpt)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "restored into a new instance: max difference 0" in run.stdout and run.stdout.endswith("ok\n")
    raw = ckpt.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    assert header["hidden1/weights"]["dtype"] == "F32" and header["hidden1/weights"]["shape"] == [784, 256]
    assert header["__metadata__"] == {"format": "tfc"}
    ends = sorted(v["data_offsets"][1] for k, v in header.items() if k != "__metadata__")
    assert 8 + n + ends[-1] == len(raw)


def test_mlp_library_needs_only_libc_libm_libpthread(mlp_build):
    needed = aot.needed_libraries(mlp_build / "libmlp.so")
    if needed is None:
        pytest.skip("readelf not found")
    assert needed and all(aot.ALLOWED_NEEDED.match(lib) for lib in needed), needed
    ldd = subprocess.run(["ldd", str(mlp_build / "libmlp.so")], capture_output=True, text=True)
    if ldd.returncode == 0:
        assert "not found" not in ldd.stdout


def test_mlp_from_python_matches_the_interpreter(mlp_build, tmp_path):
    import tfc
    from tfc.cli.tfc_main import load_model
    graph = load_model(str(ROOT / "examples" / "mlp.py"))
    batch = np.random.default_rng(1).random((6, 784), dtype=np.float32)
    images = graph.get_tensor_by_name("images:0")
    fetches = [graph.get_tensor_by_name("probabilities:0"), graph.get_tensor_by_name("classes:0")]
    expect_p, expect_c = _interpreter_run(graph, fetches, {images: batch})
    model = tfc.load(mlp_build / "libmlp.so")
    got = model.predict(batch)
    np.testing.assert_allclose(got["probabilities"], expect_p, rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(got["classes"], expect_c)
    # a checkpoint written from Python restores into another instance
    model.set_variable("logits/biases", np.arange(10, dtype=np.float32))
    model.save(tmp_path / "m.safetensors")
    other = tfc.load(mlp_build / "libmlp.so", num_threads=1)
    other.restore(tmp_path / "m.safetensors")
    np.testing.assert_array_equal(other.predict(batch)["probabilities"], model.predict(batch)["probabilities"])


def test_convnet_library_matches_the_interpreter(cc, backend, tmp_path):
    """examples/convnet.py (conv, pool, bias, relu, dense; a dynamic batch) as a library."""
    import tfc
    from tfc.cli.tfc_main import load_model, main
    assert main(["compile", str(ROOT / "examples" / "convnet.py"), "-o", str(tmp_path / "libconvnet.so")]) == 0
    allowed = {"libc.so.6", "libm.so.6", "libpthread.so.0", "ld-linux-x86-64.so.2"}
    assert set(aot.needed_libraries(tmp_path / "libconvnet.so") or ()) <= allowed
    graph = load_model(str(ROOT / "examples" / "convnet.py"))
    images = graph.get_tensor_by_name("images:0")
    model = tfc.load(tmp_path / "libconvnet.so")
    for batch in (1, 5):
        x = np.random.default_rng(batch).random((batch, 28, 28, 1), dtype=np.float32)
        want_logits, want_classes = _interpreter_run(
            graph, [graph.get_tensor_by_name(n) for n in ("fc2/add:0", "classes:0")], {images: x})
        got = model.predict(x)
        np.testing.assert_allclose(got["logits"], want_logits, rtol=1e-4, atol=1e-5)
        np.testing.assert_array_equal(got["classes"], want_classes)


def test_scalar_model_updates_its_variable_like_the_interpreter(cc, backend, tmp_path):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [], name="x")
        v = tf.Variable(3.0, name="v")
        y = tf.identity(x * v + 1.0, name="y")
        bump = tf.assign_add(v, 0.5)
        tf.export("apply", inputs={"x": x}, outputs={"y": y})
        tf.export("bump", outputs={"v": bump})
    """, name="scalar.py")
    out = tmp_path / "libscalar.so"
    assert main(["compile", path, "-o", str(out)]) == 0
    assert "int scalar_apply(scalar_model *m, const float *x, const float **y);" in (tmp_path / "scalar.h").read_text()
    import tfc
    from tfc.cli.tfc_main import load_model
    graph = load_model(path)
    x, y = graph.get_tensor_by_name("x:0"), graph.get_tensor_by_name("y:0")
    bump = graph.get_tensor_by_name(graph.exports[1].outputs["v"].name)
    from tfc.frontend.session import Session
    from tfc.frontend.variables import global_variables_initializer
    model = tfc.load(out)
    with graph.as_default(), Session(target="interpreter", graph=graph) as sess:
        sess.run(global_variables_initializer())
        for value in (2.0, -1.5):
            assert model.apply(value)["y"] == sess.run(y, feed_dict={x: value})
            assert model.bump()["v"] == sess.run(bump)
    assert model.get_variable("v") == 4.0
    assert tfc.load(out).get_variable("v") == 3.0   # a new instance starts from the initial value
    assert aot.needed_libraries(out) is None or all(aot.ALLOWED_NEEDED.match(n) for n in aot.needed_libraries(out))


def test_training_step_updates_variables_like_the_interpreter(cc, backend, tmp_path):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [None], name="x")
        y = tf.placeholder(tf.float32, [None], name="y")
        W = tf.get_variable("W", [1], initializer=tf.constant_initializer(0.5))
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
        loss = tf.reduce_mean(tf.square(W * x + b - y), name="loss")
        step = tf.assign_add(W, [0.25])
        tf.export("loss", inputs={"x": x, "y": y}, outputs={"loss": loss})
        tf.export("bump", outputs={"w": step})
    """, name="linreg.py")
    out = tmp_path / "liblinreg.so"
    assert main(["compile", path, "-o", str(out)]) == 0
    assert (tmp_path / "linreg.h").is_file()
    import tfc
    model = tfc.load(out)
    xs = np.linspace(0, 1, 9, dtype=np.float32)
    ys = xs * 0.1 + 0.3
    before = model.loss(x=xs, y=ys)["loss"]
    assert np.isclose(before, np.mean((0.5 * xs - ys) ** 2), rtol=1e-6)
    assert np.allclose(model.bump()["w"], [0.75])
    assert np.allclose(model.get_variable("W"), [0.75])
    assert np.isclose(model.loss(xs, ys)["loss"], np.mean((0.75 * xs - ys) ** 2), rtol=1e-6)


def test_emit_stages(cc, backend, tmp_path, capsys):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        tf.export("double", inputs={"x": x}, outputs={"y": x * 2.0})
    """)
    assert main(["compile", path, "--emit=loops"]) == 0
    loops = capsys.readouterr().out
    assert "scf.parallel" in loops or "scf.for" in loops
    assert main(["compile", path, "--emit=llvm"]) == 0
    assert "define" in capsys.readouterr().out
    obj = tmp_path / "model.o"
    assert main(["compile", path, "--emit=obj", "-o", str(obj)]) == 0
    assert obj.read_bytes()[:4] == b"\x7fELF"
    lib = tmp_path / "out" / "libdouble.so"
    lib.parent.mkdir()
    assert main(["compile", path, "-o", str(lib), "--name", "twice", "--header", str(tmp_path / "api.h"),
                 "-O2"]) == 0
    assert "int twice_double(twice_model *m, const float *x, int64_t x_dim0" in (tmp_path / "api.h").read_text()
    import tfc
    np.testing.assert_array_equal(tfc.load(lib).double(np.ones((3, 4)))["y"], np.full((3, 4), 2.0, np.float32))


# ----- errors: one line, exit status 1, never a traceback ----------------------------------------

def _error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("tfc: error: "), err
    return lines[0]


def test_missing_model_file(tmp_path, capsys):
    assert main(["compile", str(tmp_path / "nope.py"), "-o", str(tmp_path / "lib.so")]) == 1
    assert "nope.py: no such file" in _error(capsys)


def test_model_that_raises_names_its_line(tmp_path, capsys):
    path = _model(tmp_path, "x = 1\nraise ValueError('bad model')\n")
    assert main(["compile", path, "-o", str(tmp_path / "lib.so")]) == 1
    assert "model.py:3: ValueError: bad model" in _error(capsys)


@pytest.mark.parametrize("flags, message", [
    (["--export", "nope"], "no export named 'nope' (exports: f)"),
])
def test_unknown_export(tmp_path, capsys, flags, message):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [2], name="x")
        tf.export("f", inputs={"x": x}, outputs={"y": x + 1.0})
    """)
    assert main(["compile", path, "-o", str(tmp_path / "lib.so"), *flags]) == 1
    assert message in _error(capsys)


@pytest.mark.parametrize("flags, message", [
    (["--feed", "nope", "--fetch", "y"], "no tensor named 'nope'"),
    (["--feed", "x", "--fetch", "nope"], "no tensor named 'nope'"),
    (["--target", "nope"], "no op named 'nope'"),
])
def test_unknown_feed_fetch_target(tmp_path, capsys, flags, message):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [2], name="x")
        y = tf.identity(x + 1.0, name="y")
    """)
    assert main(["compile", path, "-o", str(tmp_path / "lib.so"), *flags]) == 1
    assert message in _error(capsys)


def test_obj_needs_an_output_file(tmp_path, capsys):
    path = _model(tmp_path, "x = tf.placeholder(tf.float32, [2], name='x')\ntf.export('f', inputs={'x': x}, "
                            "outputs={'y': x + 1.0})\n")
    assert main(["compile", path, "--emit=obj"]) == 1
    assert "--emit=obj writes a file: name it with -o" in _error(capsys)


def test_unsupported_op_names_the_op_node_and_line(tmp_path, capsys):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [3], name="x")
        y = x + tf.random_uniform([3], name="shown")
        tf.export("f", inputs={"x": x}, outputs={"y": y})
    """)
    assert main(["compile", path, "--emit=linalg"]) == 1
    line = _error(capsys)
    assert "model.py:4:" in line and "op 'tf.RandomUniform' is not supported by the CPU backend" in line
    assert "(node 'shown/RandomUniform')" in line


def test_export_name_clashing_with_the_api(cc, tmp_path, capsys):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [3], name="x")
        tf.export("save", inputs={"x": x}, outputs={"y": x * 2.0})
    """)
    if _backend_missing():
        pytest.skip(_backend_missing())
    assert main(["compile", path, "-o", str(tmp_path / "libm.so")]) == 1
    assert "export name 'save' clashes with the library's own 'model_save'" in _error(capsys)


def test_no_c_compiler(tmp_path, capsys, monkeypatch):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [3], name="x")
        tf.export("f", inputs={"x": x}, outputs={"y": x * 2.0})
    """)
    monkeypatch.delenv("CC", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["compile", path, "-o", str(tmp_path / "lib.so")]) == 1
    assert "no C compiler found" in _error(capsys)
