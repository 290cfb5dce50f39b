# lit configuration for tfc's FileCheck tests (`lit tests/lit`).
import os
import sys

import lit.formats

config.name = "tfc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

# Tools come from the Python environment running lit: tfc-opt and the `filecheck` package.
bin_dir = os.path.dirname(sys.executable)
config.environment["PATH"] = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])
config.substitutions.append(("FileCheck", os.path.join(bin_dir, "filecheck")))
config.substitutions.append(("%python", sys.executable))
