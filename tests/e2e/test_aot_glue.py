"""Ahead-of-time libraries apart from code generation: the generated header and glue, the link
step and `tfc.load`, over hand-written kernels (aot/dense_kernels.c) that implement the
compiled-function ABI of docs/cpu_backend.md.
"""

import json
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tfc.backends.cpu import aot
from tfc.backends.cpu.cheader import ExportSpec, LibrarySpec, TensorSpec, VariableSpec, generate_header

HERE = Path(__file__).resolve().parent / "aot"
WARN = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-O2"]

W0 = np.arange(6, dtype=np.float32).reshape(3, 2) * 0.5 - 1.0
B0 = np.array([0.25, -0.5], np.float32)


def dense_spec() -> LibrarySpec:
    return LibrarySpec("dense", [
        ExportSpec("predict", [TensorSpec("x", "x:0", "F32", (-1, 3))],
                   [TensorSpec("y", "y:0", "F32", (-1, 2)), TensorSpec("classes", "classes:0", "I32", (-1,))],
                   ["W", "b"]),
        ExportSpec("step", [], [TensorSpec("step", "step:0", "I64", ())], ["global_step"]),
        ExportSpec("fail", [], [TensorSpec("z", "z:0", "F32", ())], []),
    ], [VariableSpec("W", "F32", (3, 2)), VariableSpec("b", "F32", (2,)), VariableSpec("global_step", "I64", ())])


@pytest.fixture(scope="module")
def library(cc, tmp_path_factory):
    out = tmp_path_factory.mktemp("aot_glue")
    spec = dense_spec()
    spec.check()
    blob = aot.pack_initial_values(spec.variables, {"W": W0, "b": B0, "global_step": np.array(7, np.int64)})
    aot.build_library(spec, [], blob, str(out / "libdense.so"), str(out / "dense.h"),
                      extra_sources=[HERE / "dense_kernels.c"])
    return out


def test_c_program_drives_the_header_api(cc, library):
    exe = library / "dense_main"
    build = subprocess.run([cc, *WARN, "-I", str(library), str(HERE / "dense_main.c"), "-o", str(exe),
                            "-L", str(library), "-ldense", f"-Wl,-rpath,{library}", "-lm"],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe), str(library / "c.safetensors")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.endswith("ok\n")
    assert run.stdout.count("error ") == 9


def test_header_compiles_as_c99_and_cxx(cc, library):
    src = library / "use.c"
    src.write_text('#include "dense.h"\nint main(void) { dense_model *m = 0; return dense_create(&m) == 0 ? 0 : 1; }\n')
    res = subprocess.run([cc, "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                          "-I", str(library), str(src)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    cxx = subprocess.run(["c++", "-x", "c++", "-fsyntax-only", "-Wall", "-Werror", "-I", str(library), str(src)],
                         capture_output=True, text=True) if Path("/usr/bin/c++").exists() else None
    if cxx is not None:
        assert cxx.returncode == 0, cxx.stderr


def test_header_documents_each_export():
    text = generate_header(dense_spec())
    assert "#ifndef TFC_DENSE_H" in text and 'extern "C"' in text
    assert "int dense_predict(dense_model *m, const float *x, int64_t x_dim0, const float **y, " \
           "int64_t y_dims[2], const int32_t **classes, int64_t classes_dims[1]);" in text
    assert "input  x: F32 [?, 3] (float, TF tensor 'x:0'), 12 bytes x dim0" in text
    assert "int dense_step(dense_model *m, const int64_t **step);" in text
    assert "Variables (3, 40 bytes per instance" in text


def test_only_the_api_is_exported_and_only_libc_libm_libpthread_needed(library):
    needed = aot.needed_libraries(library / "libdense.so")
    if needed is None:
        pytest.skip("readelf not found")
    assert needed and all(aot.ALLOWED_NEEDED.match(n) for n in needed), needed
    nm = subprocess.run(["nm", "-D", "--defined-only", str(library / "libdense.so")], capture_output=True, text=True)
    exported = {line.split()[-1] for line in nm.stdout.splitlines()}
    assert exported == set(aot.public_symbols(dense_spec())), exported


def test_python_loader_matches_numpy(library):
    import tfc
    model = tfc.load(library / "libdense.so", num_threads=2)
    x = np.random.default_rng(0).standard_normal((7, 3)).astype(np.float32)
    out = model.predict(x)
    expect = x @ W0 + B0
    np.testing.assert_allclose(out["y"], expect, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(out["classes"], np.argmax(expect, axis=1).astype(np.int32))
    np.testing.assert_array_equal(model.predict(x=x.astype(np.float64))["y"], out["y"])  # converted like feeds
    assert model.predict(np.zeros((0, 3)))["y"].shape == (0, 2)
    assert model.step() == {"step": 8} and model.step()["step"] == 9
    assert model.variables == ["W", "b", "global_step"]
    model.close()


def test_python_loader_variables_and_checkpoints(library, tmp_path):
    import tfc
    a, b = tfc.load(library / "libdense.so"), tfc.load(library / "libdense.so")
    np.testing.assert_array_equal(a.get_variable("W"), W0)
    a.set_variable("W", W0 * 3)
    np.testing.assert_array_equal(b.get_variable("W"), W0)   # instances are independent
    a.step()
    path = tmp_path / "a.safetensors"
    a.save(path)
    b.restore(path)
    np.testing.assert_array_equal(b.get_variable("W"), W0 * 3)
    assert b.get_variable("global_step") == 8
    # the file is a valid safetensors file
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    assert header["W"]["dtype"] == "F32" and header["W"]["shape"] == [3, 2]
    begin, end = header["W"]["data_offsets"]
    np.testing.assert_array_equal(np.frombuffer(raw[8 + n + begin:8 + n + end], np.float32).reshape(3, 2), W0 * 3)
    assert header["global_step"]["dtype"] == "I64" and header["global_step"]["shape"] == []


def test_python_loader_errors(library, tmp_path):
    import tfc
    from tfc.loader import LibraryError
    model = tfc.load(library / "libdense.so")
    with pytest.raises(ValueError, match=r"input 'x' has shape \[2, 4\], expected \[\?, 3\]"):
        model.predict(np.zeros((2, 4), np.float32))
    with pytest.raises(TypeError, match="missing input 'x'"):
        model.predict()
    with pytest.raises(TypeError, match="no input named 'z'"):
        model.predict(z=1)
    with pytest.raises(KeyError, match="no variable named 'nope'"):
        model.get_variable("nope")
    with pytest.raises(ValueError, match=r"has shape \[3, 2\], the value has \[2\]"):
        model.set_variable("W", [1.0, 2.0])
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\x05\x00\x00\x00\x00\x00\x00\x00{oops")
    with pytest.raises(LibraryError) as info:
        model.restore(bad)
    assert info.value.code == 7 and "bad.safetensors" in str(info.value)
    with pytest.raises(LibraryError, match="the kernel reports an error"):
        model.fail()
    model.close()
    with pytest.raises(ValueError, match="is closed"):
        model.step()
    with pytest.raises(FileNotFoundError):
        tfc.load(tmp_path / "missing.so")


def test_spec_rejects_what_c_cannot_express():
    spec = dense_spec()
    spec.exports[0].name = "save"
    with pytest.raises(ValueError, match="clashes with the library's own 'dense_save'"):
        spec.check()
    spec = dense_spec()
    spec.exports[0].inputs.append(TensorSpec("x_dim0", "other:0", "F32", (2,)))
    with pytest.raises(ValueError, match="'x_dim0' is used twice"):
        spec.check()
    keyword = TensorSpec("int", "int:0", "F32", (1,))
    assert keyword.c_name == "int_"


def test_import_tfc_stays_light():
    code = "import sys, tfc; assert 'llvmlite' not in sys.modules and 'tfc.loader' not in sys.modules; print('ok')"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.stdout.strip() == "ok", res.stderr


def test_link_failure_is_one_line(cc, tmp_path):
    spec = dense_spec()   # no kernels: the kernels' symbols are undefined
    with pytest.raises(aot.AotError, match="linking .* failed: .*tfc_kernel_"):
        aot.build_library(spec, [], aot.pack_initial_values(spec.variables, {}), str(tmp_path / "lib.so"), None)
    assert not (tmp_path / "lib.so").exists()


# ----- examples/mlp.py over a hand-written kernel: real metadata, initial values, the C example ----

ROOT = Path(__file__).resolve().parents[2]
MLP_VARIABLES = ["hidden1/weights", "hidden1/biases", "hidden2/weights", "hidden2/biases", "logits/weights",
                 "logits/biases"]


@pytest.fixture(scope="module")
def mlp(cc, tmp_path_factory):
    from tfc.cli.tfc_main import build_module, load_model
    out = tmp_path_factory.mktemp("aot_mlp")
    graph = load_model(str(ROOT / "examples" / "mlp.py"))
    module = build_module(graph, graph.exports)
    func = list(module.body)[0]
    spec = LibrarySpec("mlp", [aot.export_spec(graph.exports[0], func, MLP_VARIABLES)], aot.graph_variables(graph))
    spec.check()
    blob = aot.pack_initial_values(spec.variables, aot.initial_values(graph))
    aot.build_library(spec, [], blob, str(out / "libmlp.so"), str(out / "mlp.h"),
                      extra_sources=[HERE / "mlp_kernels.c"])
    return out, graph


def test_mlp_example_c_program(cc, mlp):
    out, _ = mlp
    exe = out / "mlp_main"
    build = subprocess.run([cc, *WARN, "-I", str(out), str(ROOT / "examples" / "c" / "mlp_main.c"), "-o", str(exe),
                            "-L", str(out), "-lmlp", f"-Wl,-rpath,{out}", "-lm"], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe), str(out / "c.safetensors")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "restored into a new instance: max difference 0" in run.stdout and run.stdout.endswith("ok\n")


def test_mlp_from_python_matches_the_session(mlp, tmp_path):
    import tfc
    from tfc.frontend.session import Session
    from tfc.frontend.variables import global_variables_initializer
    out, graph = mlp
    batch = np.random.default_rng(0).random((5, 784), dtype=np.float32)
    images = graph.get_tensor_by_name("images:0")
    probabilities = graph.get_tensor_by_name("probabilities:0")
    with graph.as_default(), Session(target="interpreter", graph=graph) as sess:
        sess.run(global_variables_initializer())
        expect = sess.run(probabilities, feed_dict={images: batch})
        weights = sess.run(graph.get_collection("variables")[0])
    model = tfc.load(out / "libmlp.so")
    got = model.predict(images=batch)
    np.testing.assert_allclose(got["probabilities"], expect, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(got["classes"], np.argmax(expect, axis=1))
    np.testing.assert_array_equal(model.get_variable("hidden1/weights"), weights)
    model.save(tmp_path / "mlp.safetensors")
    raw = (tmp_path / "mlp.safetensors").read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    assert set(header) == set(MLP_VARIABLES) | {"__metadata__"}
    assert header["hidden1/weights"] == {"dtype": "F32", "shape": [784, 256],
                                         "data_offsets": header["hidden1/weights"]["data_offsets"]}
