import sys

# Deeply nested IR is legal; the tools raise the limit the same way (tfc-opt's main()).
sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
