"""Parse + verify + print throughput on a generated 20,000-op module, beside xDSL's parser.

    python bench/ir_roundtrip.py [--ops 20000] [--repeat 3]

The module is realistic IR: functions of arith/math ops on tensors and scalars with
attributes, and scf.for loops with regions, in the generic form both tools read. tfc's figure
is the whole round trip (parse, verify, print); xDSL is timed parsing (and printing) the same
text with every dialect unregistered, i.e. as a pure MLIR-syntax reader.
"""

from __future__ import annotations

import argparse
import sys
import time

sys.setrecursionlimit(20000)


def generate(total_ops: int) -> str:
    lines = ["module {"]
    per_func = 500
    made = 0
    f = 0
    while made < total_ops:
        lines.append(f"  func.func @f{f}(%arg0: tensor<?x784xf32>, %arg1: f32, %arg2: index) -> tensor<?x784xf32> {{")
        made += 2  # the func and its return
        prev, prev_s = "%arg0", "%arg1"
        n = 0
        body = min(per_func, total_ops - made)
        while n < body:
            k = n % 5
            if k == 0:
                lines.append(f'    %v{n} = "arith.addf"({prev}, %arg0) : (tensor<?x784xf32>, tensor<?x784xf32>) -> tensor<?x784xf32>')
                prev = f"%v{n}"
            elif k == 1:
                lines.append(f'    %v{n} = "math.tanh"({prev}) : (tensor<?x784xf32>) -> tensor<?x784xf32>')
                prev = f"%v{n}"
            elif k == 2:
                lines.append(f'    %v{n} = "arith.constant"() <{{value = {n}.5 : f32}}> : () -> f32')
                prev_s = f"%v{n}"
            elif k == 3:
                lines.append(f'    %v{n} = "arith.mulf"({prev_s}, %arg1) : (f32, f32) -> f32')
                prev_s = f"%v{n}"
            else:
                lines.append(f'    %c{n} = "arith.constant"() <{{value = 0 : index}}> : () -> index')
                lines.append(f'    %c1_{n} = "arith.constant"() <{{value = 1 : index}}> : () -> index')
                lines.append(f'    %v{n} = "scf.for"(%c{n}, %arg2, %c1_{n}, {prev_s}) ({{')
                lines.append(f'    ^bb0(%i{n}: index, %acc{n}: f32):')
                lines.append(f'      %s{n} = "arith.addf"(%acc{n}, %arg1) : (f32, f32) -> f32')
                lines.append(f'      "scf.yield"(%s{n}) : (f32) -> ()')
                lines.append(f'    }}) : (index, index, index, f32) -> f32')
                prev_s = f"%v{n}"
                n += 4
            n += 1
        made += n
        lines.append(f"    return {prev} : tensor<?x784xf32>")
        lines.append("  }")
        f += 1
    lines.append("}")
    return "\n".join(lines) + "\n"


def count_ops(module) -> int:
    return len(module.walk())


def time_tfc(text: str, repeat: int):
    from tfc.ir.parser import parse_module
    from tfc.ir.printer import print_op
    from tfc.ir.verifier import verify
    parse_module("module {}")  # build the grammar tables once, outside the timing
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        module = parse_module(text, "bench.mlir")
        parsed = time.perf_counter()
        verify(module)
        verified = time.perf_counter()
        print_op(module, generic=True)
        printed = time.perf_counter()
        run = (parsed - start, verified - parsed, printed - verified, printed - start)
        best = run if best is None or run[3] < best[3] else best
    return best, count_ops(module)


def time_xdsl(text: str, repeat: int):
    try:
        from xdsl.context import Context
        from xdsl.parser import Parser
        from xdsl.printer import Printer
    except ImportError:
        return None
    import io
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        module = Parser(Context(allow_unregistered=True), text).parse_module()
        parsed = time.perf_counter()
        Printer(stream=io.StringIO(), print_generic_format=True).print_op(module)
        printed = time.perf_counter()
        run = (parsed - start, printed - start)
        best = run if best is None or run[1] < best[1] else best
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ops", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from tfc.ir.parser import parse_module
    from tfc.ir.printer import print_op
    # Both tools read the same file: the generic form, which needs no dialect knowledge.
    text = print_op(parse_module(generate(args.ops), "bench.mlir"), generic=True)
    (parse_s, verify_s, print_s, total_s), ops = time_tfc(text, args.repeat)
    print(f"module: {ops} ops, {len(text) / 1e6:.1f} MB of generic-form text (best of {args.repeat})")
    print(f"{'tool':<34}{'seconds':>10}{'ops/s':>12}")
    print(f"{'tfc parse':<34}{parse_s:>10.3f}{ops / parse_s:>12,.0f}")
    print(f"{'tfc verify':<34}{verify_s:>10.3f}{ops / verify_s:>12,.0f}")
    print(f"{'tfc print':<34}{print_s:>10.3f}{ops / print_s:>12,.0f}")
    print(f"{'tfc parse+verify+print':<34}{total_s:>10.3f}{ops / total_s:>12,.0f}")
    xdsl = time_xdsl(text, args.repeat)
    if xdsl is None:
        print("xDSL is not installed (pip install -e '.[test]'): no comparison")
        return
    x_parse, x_total = xdsl
    print(f"{'xDSL parse (unregistered)':<34}{x_parse:>10.3f}{ops / x_parse:>12,.0f}")
    print(f"{'xDSL parse+print':<34}{x_total:>10.3f}{ops / x_total:>12,.0f}")
    print(f"ratio, tfc round trip vs xDSL parse+print: {x_total / total_s:.1f}x faster")
    print("target: tfc round trip >= 10,000 ops/s")


if __name__ == "__main__":
    main()
