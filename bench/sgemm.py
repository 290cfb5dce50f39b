"""Single-precision matrix multiply, C = A @ B for square sizes, in GFLOP/s: tfc's compiled
`tf.matmul` (through `Session.run`, feeding A and B) beside numpy (OpenBLAS), TensorFlow's
Session and JAX (jit), each in its own process on this machine.

    python bench/sgemm.py [--sizes 256 512 1024 2048] [--tf-python PY] [--jax-python PY]

The issue-4 floor: tfc at 1024 reaches at least half of numpy's GFLOP/s.
"""

from __future__ import annotations

import argparse
import sys

from common import NO_JAX, NO_TF, TF_IMPORT, TFC_IMPORT, add_peer_arguments, print_table, row, run_program

GRAPH = """
import json, time
import numpy as np
{import_line}
n = {n}
rng = np.random.default_rng(0)
a_val = rng.standard_normal((n, n)).astype(np.float32)
b_val = rng.standard_normal((n, n)).astype(np.float32)
a = tf.placeholder(tf.float32, [n, n])
b = tf.placeholder(tf.float32, [n, n])
c = tf.matmul(a, b)
with tf.Session() as sess:
    out = sess.run(c, {{a: a_val, b: b_val}})
    assert np.allclose(out, a_val @ b_val, rtol=1e-3, atol=1e-2), "wrong result"
    reps = max(3, int(2e9 / (2 * n ** 3)))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(reps):
            sess.run(c, {{a: a_val, b: b_val}})
        best = min(best, (time.perf_counter() - start) / reps)
print(json.dumps({{"gflops": 2 * n ** 3 / best / 1e9}}))
"""

NUMPY = """
import json, time
import numpy as np
n = {n}
rng = np.random.default_rng(0)
a = rng.standard_normal((n, n)).astype(np.float32)
b = rng.standard_normal((n, n)).astype(np.float32)
a @ b
reps = max(3, int(2e9 / (2 * n ** 3)))
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for _ in range(reps):
        a @ b
    best = min(best, (time.perf_counter() - start) / reps)
print(json.dumps({{"gflops": 2 * n ** 3 / best / 1e9}}))
"""

JAX = """
import json, time
import numpy as np
import jax, jax.numpy as jnp
n = {n}
rng = np.random.default_rng(0)
a = jnp.asarray(rng.standard_normal((n, n)).astype(np.float32))
b = jnp.asarray(rng.standard_normal((n, n)).astype(np.float32))
f = jax.jit(jnp.matmul)
f(a, b).block_until_ready()
reps = max(3, int(2e9 / (2 * n ** 3)))
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for _ in range(reps):
        f(a, b).block_until_ready()
    best = min(best, (time.perf_counter() - start) / reps)
print(json.dumps({{"gflops": 2 * n ** 3 / best / 1e9}}))
"""


def gflops(python, code):
    result = run_program(python, code)
    return None if result is None else result["gflops"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 512, 1024, 2048])
    add_peer_arguments(parser)
    args = parser.parse_args()
    for n in args.sizes:
        rows = [
            row("tfc", gflops(sys.executable, GRAPH.format(import_line=TFC_IMPORT, n=n)), "Session.run, compiled"),
            row("numpy (OpenBLAS)", gflops(sys.executable, NUMPY.format(n=n)), ""),
            row("TensorFlow Session", gflops(args.tf_python, GRAPH.format(import_line=TF_IMPORT, n=n)), missing=NO_TF),
            row("JAX jit", gflops(args.jax_python, JAX.format(n=n)), missing=NO_JAX),
        ]
        print_table(f"sgemm {n}x{n}x{n}", "GFLOP/s", rows, higher_is_better=True)


if __name__ == "__main__":
    main()
