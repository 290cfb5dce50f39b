"""The examples run unchanged but for the import, and print what TensorFlow prints.

`*.tensorflow.txt` beside this file is the output of the same program under TensorFlow
2.18's `tf.compat.v1` (with `tf.disable_v2_behavior()`), recorded on 2026-11-25.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def _run(*args, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env, **kwargs)


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+\.?\d*(?:e[-+]?\d+)?", text)]


def test_linear_regression_prints_what_tensorflow_prints():
    result = _run("examples/linear_regression.py")
    assert result.returncode == 0, result.stderr
    expected = (HERE / "linear_regression.tensorflow.txt").read_text()
    ours, theirs = result.stdout.splitlines(), expected.splitlines()
    assert len(ours) == len(theirs)
    for line, reference in zip(ours, theirs):
        assert re.sub(r"[-\d.e]+", "#", line) == re.sub(r"[-\d.e]+", "#", reference)
        assert _numbers(line) == pytest.approx(_numbers(reference), rel=1e-6, abs=1e-7)


def test_compile_emits_the_tf_module_and_tfc_opt_reads_it_back(tmp_path):
    out = tmp_path / "lr.mlir"
    result = _run("-m", "tfc.cli.tfc_main", "compile", "examples/linear_regression.py", "--emit=tf",
                  "--feed", "x", "--feed", "y:0", "--fetch", "loss", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "func.func @main(%arg0: tensor<?xf32> {tf.name = \"x\"}, %arg1: tensor<?xf32> {tf.name = \"y\"})" in text
    for op in ("tf.VarHandleOp", "tf.ReadVariableOp", "tf.Mul", "tf.AddV2", "tf.Sub", "tf.Square", "tf.Mean"):
        assert op in text
    assert "tf.AssignVariableOp" not in text  # the initializers are not part of this signature
    again = _run("-m", "tfc.cli.tfc_opt", str(out))
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == text.strip()


SIGNATURE_FLAGS = {"linear_regression.py": ["--feed", "x", "--feed", "y", "--fetch", "loss"]}
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_runs(example):
    result = _run(f"examples/{example}")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_compiles_to_tf_and_reads_back(example, tmp_path):
    out = tmp_path / "module.mlir"
    result = _run("-m", "tfc.cli.tfc_main", "compile", f"examples/{example}", "--emit=tf", "-o", str(out),
                  *SIGNATURE_FLAGS.get(example, []))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "func.func @" in text and '"tf.' in text
    again = _run("-m", "tfc.cli.tfc_opt", str(out), "--mlir-print-op-generic")
    assert again.returncode == 0, again.stderr
    back = _run("-m", "tfc.cli.tfc_opt", "-", input=again.stdout)
    assert back.returncode == 0 and back.stdout.strip() == text.strip()
