"""`tf.nn`: activations, convolution and pooling, softmax and cross-entropy losses."""

import importlib as _importlib

for _m in ("math_api", "nn_api"):
    try:
        _module = _importlib.import_module(f"tfc.frontend.{_m}")
    except ModuleNotFoundError:  # TEMPORARY while the op API modules are written
        continue
    for _name in getattr(_module, "NN", []):
        globals()[_name] = getattr(_module, _name)
