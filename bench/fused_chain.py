"""The fused elementwise chain `relu(x*a + b)*c + tanh(x)` over 16M float32s, in GB/s (bytes
read + written by the one pass a fused kernel needs: 2 x 4 bytes per element): tfc's compiled
Session beside numpy, TensorFlow's Session, TensorFlow-XLA (`tf.function(jit_compile=True)`)
and JAX (jit), each in its own process on this machine.

    python bench/fused_chain.py [--n 16777216] [--tf-python PY] [--jax-python PY]

The issue-4 floor: tfc at least TensorFlow-XLA's GB/s.
"""

from __future__ import annotations

import argparse
import sys

from common import NO_JAX, NO_TF, TF_IMPORT, TFC_IMPORT, add_peer_arguments, print_table, row, run_program

TIMING = """
best = float("inf")
for _ in range(5):
    start = time.perf_counter()
    for _ in range(reps):
        step()
    best = min(best, (time.perf_counter() - start) / reps)
print(json.dumps({{"gbps": 8 * n / best / 1e9}}))
"""

GRAPH = """
import json, time
import numpy as np
{import_line}
n, reps = {n}, 5
x_val = np.random.default_rng(0).standard_normal(n).astype(np.float32)
x = tf.placeholder(tf.float32, [None])
a, b, c = tf.constant(1.5), tf.constant(-0.25), tf.constant(0.75)
y = tf.nn.relu(x * a + b) * c + tf.tanh(x)
sess = tf.Session()
out = sess.run(y, {{x: x_val}})
want = np.maximum(x_val * 1.5 - 0.25, 0) * 0.75 + np.tanh(x_val)
assert np.allclose(out, want, rtol=1e-5, atol=1e-6), "wrong result"
step = lambda: sess.run(y, {{x: x_val}})
""" + TIMING

XLA = """
import json, time
import numpy as np
import tensorflow as tf
n, reps = {n}, 5
x = tf.constant(np.random.default_rng(0).standard_normal(n).astype(np.float32))
@tf.function(jit_compile=True)
def f(x):
    return tf.nn.relu(x * 1.5 - 0.25) * 0.75 + tf.tanh(x)
f(x).numpy()
step = lambda: f(x).numpy()
""" + TIMING

NUMPY = """
import json, time
import numpy as np
n, reps = {n}, 5
x = np.random.default_rng(0).standard_normal(n).astype(np.float32)
step = lambda: np.maximum(x * 1.5 - 0.25, 0) * 0.75 + np.tanh(x)
""" + TIMING

JAX = """
import json, time
import numpy as np
import jax, jax.numpy as jnp
n, reps = {n}, 5
x = jnp.asarray(np.random.default_rng(0).standard_normal(n).astype(np.float32))
f = jax.jit(lambda x: jnp.maximum(x * 1.5 - 0.25, 0) * 0.75 + jnp.tanh(x))
f(x).block_until_ready()
step = lambda: f(x).block_until_ready()
""" + TIMING


def gbps(python, code):
    result = run_program(python, code)
    return None if result is None else result["gbps"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=16 * 1024 * 1024)
    add_peer_arguments(parser)
    args = parser.parse_args()
    rows = [
        row("tfc", gbps(sys.executable, GRAPH.format(import_line=TFC_IMPORT, n=args.n)), "Session.run, compiled"),
        row("numpy", gbps(sys.executable, NUMPY.format(n=args.n)), "one temporary per op"),
        row("TensorFlow Session", gbps(args.tf_python, GRAPH.format(import_line=TF_IMPORT, n=args.n)), missing=NO_TF),
        row("TensorFlow-XLA", gbps(args.tf_python, XLA.format(n=args.n)), missing=NO_TF),
        row("JAX jit", gbps(args.jax_python, JAX.format(n=args.n)), missing=NO_JAX),
    ]
    print_table(f"relu(x*a+b)*c + tanh(x), {args.n} float32", "GB/s", rows, higher_is_better=True)


if __name__ == "__main__":
    main()
