import os
import sys

# Deeply nested IR is legal; the tools raise the limit the same way (tfc-opt's main()).
sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

# Sessions verify the IR once after their pipeline; the tests ask for every pass.
os.environ.setdefault("TFC_VERIFY_EACH", "1")
