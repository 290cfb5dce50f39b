"""`tf.compat.v1`: tfc's API is TF1's, so `tf.compat.v1` is `tfc` itself."""

import sys as _sys


class _V1:
    def __getattr__(self, name):
        return getattr(_sys.modules["tfc"], name)


v1 = _V1()
