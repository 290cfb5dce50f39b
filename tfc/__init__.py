"""tfc: a compiler toolchain that lowers TensorFlow-1.x-style dataflow graphs to native code
through an MLIR-style IR.

`import tfc as tf` gives the TF1 graph API (as `tf.compat.v1` spells it): placeholders,
variables, sessions, the math/array/nn functions, control flow. `tfc.export` declares the
signatures that `tfc compile` builds ahead of time.
"""

__version__ = "0.1.0"

from tfc.frontend.api import *  # noqa: E402,F401,F403
from tfc.frontend.api import Assert, Print, newaxis, placeholder, placeholder_with_default, tuple  # noqa: E402,F401,A004
from tfc import nn  # noqa: E402,F401
from tfc import errors  # noqa: E402,F401
from tfc import compat  # noqa: E402,F401


def load(path, num_threads=0):
    """An instance of the model in a library built by `tfc compile -o lib<name>.so` (tfc/loader.py).

    Imported on first use, so `import tfc` stays light."""
    from tfc.loader import load as _load
    return _load(path, num_threads)
