"""tfc against TensorFlow, op by op: every case of cases.py is built with `import tfc as tf` in a
fresh graph, run in a `tf.Session()`, and compared with what real TensorFlow computed for the
same program (tensorflow_outputs.npz, written by make_golden.py; TensorFlow is not imported here).

Each case runs twice ("const" and "fed" in the test ids): once as written, and once with its array
constants turned into placeholders fed those arrays (cases.FeedConstants), so that both tfc's
constant folding (canonicalize at Session compile time) and its run-time interpretation of every op
are checked against the same TensorFlow answers.

The comparison: the same set of fetches; for each, the same dtype and shape; integers and bools
exactly equal; floats within RTOL/ATOL (float32: rtol=1e-5, atol=1e-6; float64: rtol=1e-12,
atol=1e-12; float16: rtol=atol=1e-3, about one float16 ulp), inf and nan in the same places.
TOLERANCES loosens that per case, with the reason; no case needs it today. (The largest float
differences seen are in `float16_precision`, where TensorFlow accumulates float16 softmax and
sigmoid in half precision: up to ~0.4 of the float16 tolerance; and in conv2d with explicit
padding: ~0.23 of the float32 tolerance. TensorFlow itself differs by up to 7e-5 relative
between its constant-folded and run-time results for that conv, see make_golden.py's notes.)

Cases that expose a tfc bug stay in and are marked xfail (strict) in KNOWN_BUGS with a precise
description, so they start failing (XPASS) once the bug is fixed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

import tfc as tf

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "tensorflow_outputs.npz"

sys.path.insert(0, str(HERE))  # cases.py imports its sibling modules
_spec = importlib.util.spec_from_file_location("tfc_golden_cases", HERE / "cases.py")
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)

RTOL = {np.dtype(np.float32): 1e-5, np.dtype(np.float64): 1e-12, np.dtype(np.float16): 1e-3}
ATOL = {np.dtype(np.float32): 1e-6, np.dtype(np.float64): 1e-12, np.dtype(np.float16): 1e-3}

# case name -> (rtol, atol, why) for float outputs that need more than the defaults.
TOLERANCES: dict[str, tuple[float, float, str]] = {}

# case name (or (case name, mode)) -> the tfc bug the case exposes; the test is xfail(strict=True).
KNOWN_BUGS: dict = {}  # none open: the seven this suite found on 2026-11-25 are fixed


@pytest.fixture(scope="module")
def golden():
    with np.load(GOLDEN, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def test_golden_file_matches_the_inputs(golden):
    """The .npz was made from exactly these inputs (else regenerate it with make_golden.py)."""
    assert str(golden["__meta__/inputs_sha256"]) == cases.inputs_fingerprint()
    assert str(golden["__meta__/tf_version"]).startswith("2.")


def test_every_case_has_golden_outputs(golden):
    recorded = {key.split("/", 1)[0] for key in golden if not key.startswith("__meta__/")}
    assert recorded == set(cases.CASES)


MODES = ("const", "fed")


def _params():
    for name in cases.CASES:
        for mode in MODES:
            reason = KNOWN_BUGS.get((name, mode), KNOWN_BUGS.get(name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(name, mode, marks=marks, id=f"{name}-{mode}")


def _compare(case: str, fetch: str, got: np.ndarray, want: np.ndarray) -> list[str]:
    where = f"{case}/{fetch}"
    if got.dtype != want.dtype:
        return [f"{where}: dtype {got.dtype} != TensorFlow's {want.dtype}"]
    if got.shape != want.shape:
        return [f"{where}: shape {got.shape} != TensorFlow's {want.shape}"]
    if want.dtype.kind in "fc":
        rtol, atol = RTOL[want.dtype], ATOL[want.dtype]
        if case in TOLERANCES:
            rtol, atol = TOLERANCES[case][:2]
        try:
            np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, equal_nan=True, err_msg=where)
        except AssertionError as err:
            return [str(err)]
        return []
    if not np.array_equal(got, want):
        return [f"{where}: values differ\n  tfc: {got.tolist()}\n  tf:  {want.tolist()}"]
    return []


@pytest.mark.parametrize("backend", ["cpu", "interpreter"])
@pytest.mark.parametrize("case,mode", list(_params()))
def test_case_matches_tensorflow(case, mode, backend, golden, monkeypatch):
    monkeypatch.setenv("TFC_BACKEND", backend)
    prefix = f"{case}/"
    want = {key[len(prefix):]: value for key, value in golden.items() if key.startswith(prefix)}
    got = cases.run_case(tf, cases.CASES[case], feed_constants=(mode == "fed"))
    assert sorted(got) == sorted(want), "fetches differ from the golden file's"
    problems = []
    for fetch in sorted(want):
        problems += _compare(case, fetch, np.asarray(got[fetch]), want[fetch])
    assert not problems, "\n".join(problems)
