"""Run every case of cases.py under real TensorFlow and save the outputs as the golden file.

    TF_CPP_MIN_LOG_LEVEL=3 /tmp/tfvenv/bin/python tests/golden/make_golden.py

Writes tests/golden/tensorflow_outputs.npz with one array per fetch, keyed "<case>/<fetch>",
plus "__meta__/tf_version", "__meta__/numpy_version" and "__meta__/inputs_sha256" (see
cases.inputs_fingerprint). Uses `tensorflow.compat.v1` with `disable_v2_behavior()`: graph
mode, TF1 control flow, reference variables unless a case asks for resource ones. CPU only.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import traceback
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "tensorflow_outputs.npz"


def load_cases():
    sys.path.insert(0, str(HERE))  # cases.py imports its sibling modules
    spec = importlib.util.spec_from_file_location("tfc_golden_cases", HERE / "cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None) -> int:
    import tensorflow as real_tf
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    tf.logging.set_verbosity(tf.logging.ERROR)

    cases = load_cases()
    arrays = {"__meta__/tf_version": np.array(real_tf.__version__),
              "__meta__/numpy_version": np.array(np.__version__),
              "__meta__/inputs_sha256": np.array(cases.inputs_fingerprint())}
    failures = []
    for name, fn in cases.CASES.items():
        try:
            outputs = cases.run_case(tf, fn)
        except Exception:  # noqa: BLE001 - reported below
            failures.append((name, traceback.format_exc()))
            continue
        for fetch, value in outputs.items():
            if value.dtype == object:
                failures.append((name, f"fetch {fetch!r} gave an object array"))
            arrays[f"{name}/{fetch}"] = value
        # The same program with its array constants fed through placeholders must give the same
        # answers in TensorFlow too (else the "fed" variant of the test would compare unlike things).
        try:
            fed = cases.run_case(tf, fn, feed_constants=True)
        except Exception:  # noqa: BLE001 - reported below
            failures.append((name, "with feed_constants=True:\n" + traceback.format_exc()))
            continue
        for fetch, value in outputs.items():
            other = fed.get(fetch)
            if other is None or other.dtype != value.dtype or other.shape != value.shape:
                print(f"note: {name}/{fetch}: TensorFlow gives {None if other is None else (other.dtype, other.shape)}"
                      f" with fed constants, {(value.dtype, value.shape)} with constants", file=sys.stderr)
            elif not np.array_equal(other, value, equal_nan=value.dtype.kind == "f"):
                diff = ""
                if value.dtype.kind == "f":
                    with np.errstate(all="ignore"):
                        diff = f" (max relative difference {np.nanmax(np.abs(other - value) / np.abs(value)):.2g})"
                print(f"note: {name}/{fetch}: TensorFlow's values differ with fed constants{diff}", file=sys.stderr)
    if failures:
        for name, message in failures:
            print(f"=== {name} failed under TensorFlow:\n{message}", file=sys.stderr)
        return 1
    np.savez_compressed(OUTPUT, **arrays)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes): {len(cases.CASES)} cases, "
          f"{len(arrays) - 3} outputs, TensorFlow {real_tf.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
