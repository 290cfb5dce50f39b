"""Per-call cost of `Session.run`: 1000 evaluations of the talk's linear-regression loss, each
feeding a fresh x and y (100 points), beside TensorFlow's Session and plain numpy.

    python bench/session_overhead.py [--calls 1000] [--tf-python /path/to/python-with-tensorflow]

The same program text runs under tfc and under TensorFlow's `tf.compat.v1` (in the
interpreter given by --tf-python, or this one if it has TensorFlow). Also reported: the first
`run` (building, optimizing and caching the signature). Ratios > 1 mean tfc is faster.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

PROGRAM = """
import json, sys, time
import numpy as np
{import_line}
calls = {calls}
x = tf.placeholder(tf.float32, shape=[None], name="x")
y = tf.placeholder(tf.float32, shape=[None], name="y")
W = tf.get_variable("W", shape=[1], initializer=tf.constant_initializer(0.5))
b = tf.get_variable("b", shape=[1], initializer=tf.zeros_initializer())
loss = tf.reduce_mean(tf.square(W * x + b - y))
rng = np.random.default_rng(0)
feeds = [rng.random((2, 100), dtype=np.float32) for _ in range(calls)]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    start = time.perf_counter()
    sess.run(loss, {{x: feeds[0][0], y: feeds[0][1]}})
    first = time.perf_counter() - start
    start = time.perf_counter()
    for f in feeds:
        sess.run(loss, {{x: f[0], y: f[1]}})
    steady = (time.perf_counter() - start) / calls
print(json.dumps({{"first_s": first, "per_call_s": steady}}))
"""

TF_IMPORT = "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()"


def run_program(python: str, import_line: str, calls: int) -> dict | None:
    code = PROGRAM.format(import_line=import_line, calls=calls)
    env = {"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def numpy_per_call(calls: int) -> float:
    import numpy as np
    rng = np.random.default_rng(0)
    feeds = [rng.random((2, 100), dtype=np.float32) for _ in range(calls)]
    w, b = np.float32([0.5]), np.float32([0.0])
    start = time.perf_counter()
    for f in feeds:
        np.mean(np.square(w * f[0] + b - f[1]))
    return (time.perf_counter() - start) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--tf-python", default=sys.executable, help="a Python that has TensorFlow")
    args = parser.parse_args()
    ours = run_program(sys.executable, "import tfc as tf", args.calls)
    theirs = run_program(args.tf_python, TF_IMPORT, args.calls)
    numpy_s = numpy_per_call(args.calls)
    print(f"{'':24}{'first run':>12}{'per call':>12}{'tfc speedup':>14}")
    print(f"{'tfc Session':24}{ours['first_s'] * 1e3:>10.1f}ms{ours['per_call_s'] * 1e6:>10.1f}us{'1.00x':>14}")
    if theirs is None:
        print(f"{'TensorFlow Session':24}{'(TensorFlow not found: pass --tf-python)':>38}")
    else:
        ratio = theirs["per_call_s"] / ours["per_call_s"]
        print(f"{'TensorFlow Session':24}{theirs['first_s'] * 1e3:>10.1f}ms{theirs['per_call_s'] * 1e6:>10.1f}us"
              f"{ratio:>13.2f}x")
    print(f"{'numpy (no graph)':24}{'':>12}{numpy_s * 1e6:>10.1f}us{numpy_s / ours['per_call_s']:>13.2f}x")


if __name__ == "__main__":
    main()
