"""tfc: a compiler toolchain that lowers TensorFlow-1.x-style dataflow graphs to native code
through an MLIR-style IR. The TF1 API (`import tfc as tf`) arrives with the frontend."""

__version__ = "0.1.0"
