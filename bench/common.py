"""What the benchmarks share: running one program under tfc, TensorFlow or JAX in its own
Python process (so each framework gets a clean process and its own threads), and printing a
table whose ratios compare every peer to tfc.

Each program prints one JSON line last; `run_program` returns it parsed, or None when that
interpreter lacks the framework (the table then says how to point at one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

TF_IMPORT = "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()"
TFC_IMPORT = "import tfc as tf"
NO_TF = "pass --tf-python PY (a Python with TensorFlow)"
NO_JAX = "pass --jax-python PY (a Python with JAX)"


def add_peer_arguments(parser) -> None:
    parser.add_argument("--tf-python", default=sys.executable, help="a Python that has TensorFlow")
    parser.add_argument("--jax-python", default=sys.executable, help="a Python that has JAX")


def run_program(python: str, code: str, timeout: float = 1800) -> dict | None:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("PYTHONPATH", None)
    try:
        result = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        if os.environ.get("TFC_BENCH_DEBUG"):
            print(result.stderr, file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def row(name: str, value, note: str = "", missing: str = "") -> tuple:
    """A table row; `missing` says how to get the figure when the framework was not found."""
    return (name, value, note if value is not None else f"not run: {missing or 'failed'}")


def print_table(title: str, unit: str, rows: list, higher_is_better: bool, reference: str = "tfc") -> None:
    """rows: (name, value or None, note). The ratio column is tfc's advantage over each row."""
    print(title)
    ours = next((v for n, v, _ in rows if n == reference), None)
    print(f"  {'':30}{unit:>16}{'tfc vs this':>14}")
    for name, value, note in rows:
        if value is None:
            print(f"  {name:30}{'-':>16}{'':>14}  {note}")
            continue
        ratio = ""
        if ours:
            ratio = f"{(ours / value if higher_is_better else value / ours):.2f}x"
        print(f"  {name:30}{value:>16.3f}{ratio:>14}  {note}")
    print()
