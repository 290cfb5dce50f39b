"""MLP inference (784-256-128-10, examples/mlp.py's model: matmul + bias + relu, softmax) in
samples per second at batch 1 and 256: tfc's compiled Session beside numpy, TensorFlow's
Session and JAX (jit), same weights, each in its own process on this machine.

    python bench/mlp_inference.py [--batches 1 256] [--tf-python PY] [--jax-python PY]

The issue-4 floor: tfc at batch 256 at least TensorFlow's samples/s.
"""

from __future__ import annotations

import argparse
import sys

from common import NO_JAX, NO_TF, TF_IMPORT, TFC_IMPORT, add_peer_arguments, print_table, row, run_program

WEIGHTS = """
rng = np.random.default_rng(0)
shapes = [(784, 256), (256, 128), (128, 10)]
weights = [(rng.standard_normal(s).astype(np.float32) * 0.05, rng.standard_normal(s[1]).astype(np.float32) * 0.1)
           for s in shapes]
batch = {batch}
x_val = rng.random((batch, 784), dtype=np.float32)
"""

TIMING = """
step()
reps = max(20, int(20000 / batch))
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for _ in range(reps):
        step()
    best = min(best, (time.perf_counter() - start) / reps)
print(json.dumps({{"samples_per_s": batch / best}}))
"""

GRAPH = """
import json, time
import numpy as np
{import_line}
""" + WEIGHTS + """
x = tf.placeholder(tf.float32, [None, 784])
h = x
for i, (w, b) in enumerate(weights):
    h = tf.nn.bias_add(tf.matmul(h, tf.Variable(w)), tf.Variable(b))
    if i < 2:
        h = tf.nn.relu(h)
probs = tf.nn.softmax(h)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
step = lambda: sess.run(probs, {{x: x_val}})
""" + TIMING

NUMPY = """
import json, time
import numpy as np
""" + WEIGHTS + """
def step():
    h = x_val
    for i, (w, b) in enumerate(weights):
        h = h @ w + b
        if i < 2:
            h = np.maximum(h, 0)
    e = np.exp(h - h.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
""" + TIMING

JAX = """
import json, time
import numpy as np
import jax, jax.numpy as jnp
""" + WEIGHTS + """
params = [(jnp.asarray(w), jnp.asarray(b)) for w, b in weights]
@jax.jit
def f(params, x):
    h = x
    for i, (w, b) in enumerate(params):
        h = h @ w + b
        if i < 2:
            h = jnp.maximum(h, 0)
    return jax.nn.softmax(h)
step = lambda: np.asarray(f(params, x_val))
""" + TIMING


def rate(python, code):
    result = run_program(python, code)
    return None if result is None else result["samples_per_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 256])
    add_peer_arguments(parser)
    args = parser.parse_args()
    for batch in args.batches:
        rows = [
            row("tfc", rate(sys.executable, GRAPH.format(import_line=TFC_IMPORT, batch=batch)), "Session.run, compiled"),
            row("numpy", rate(sys.executable, NUMPY.format(batch=batch)), ""),
            row("TensorFlow Session", rate(args.tf_python, GRAPH.format(import_line=TF_IMPORT, batch=batch)), missing=NO_TF),
            row("JAX jit", rate(args.jax_python, JAX.format(batch=batch)), missing=NO_JAX),
        ]
        print_table(f"MLP 784-256-128-10 inference, batch {batch}", "samples/s", rows, higher_is_better=True)


if __name__ == "__main__":
    main()
