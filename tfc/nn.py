"""`tf.nn`: activations, convolution and pooling, softmax and cross-entropy losses."""

from tfc.frontend import math_api as _math
from tfc.frontend import nn_api as _nn

for _module in (_math, _nn):
    for _name in _module.NN:
        globals()[_name] = getattr(_module, _name)

del _module, _name, _math, _nn
