#!/bin/sh
# Builds the MLP library from examples/mlp.py and the C program that uses it:
#   $BUILD/libmlp.so + $BUILD/mlp.h   (tfc compile examples/mlp.py -o $BUILD/libmlp.so)
#   $BUILD/mlp_main                   (examples/c/mlp_main.c, -Wall -Wextra -Werror)
# BUILD defaults to build/ at the repository root; TFC to `tfc`, CC to `cc`.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TFC=${TFC:-tfc}
CC=${CC:-cc}
mkdir -p "$BUILD"
$TFC compile "$ROOT/examples/mlp.py" -o "$BUILD/libmlp.so"
$CC -std=c11 -O2 -Wall -Wextra -Werror -I"$BUILD" "$ROOT/examples/c/mlp_main.c" -o "$BUILD/mlp_main" \
    -L"$BUILD" -lmlp -Wl,-rpath,'$ORIGIN' -lm
echo "built $BUILD/mlp_main (run: $BUILD/mlp_main [checkpoint path])"
