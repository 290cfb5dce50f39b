"""`tfc-opt`: read IR, run passes, print IR — with mlir-opt's flags.

    tfc-opt input.mlir -canonicalize -cse -o out.mlir
    tfc-opt input.mlir --pass-pipeline='builtin.module(func.func(canonicalize,cse))'
    tfc-opt input.mlir -split-input-file -verify-diagnostics

Every error is reported as `file:line:col: error: message` with the offending line, and the
exit status is 1; no Python traceback reaches the user (set TFC_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import traceback

from tfc.cli.expected_diagnostics import check, parse_expectations
from tfc.ir.diagnostics import Diagnostic, DiagnosticError, handler
from tfc.ir.passes import PASSES, Instrumentation, PassManager, load_all_passes, make_pass, parse_options, parse_pipeline
from tfc.ir.printer import print_op
from tfc.ir.verifier import verify

_SPLIT_MARKER = re.compile(r"^// -----\s*$", re.MULTILINE)


class _AppendPass(argparse.Action):
    """Collects per-pass flags (`-cse`, `-canonicalize=max-iterations=3`) in command-line order."""

    def __call__(self, parser, namespace, values, option_string=None):
        namespace.pass_flags.append((option_string.lstrip("-"), values or ""))


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"tfc-opt: error: {message}", file=sys.stderr)
        sys.exit(1)


def _flag(parser, name, **kwargs):
    parser.add_argument(f"-{name}", f"--{name}", **kwargs)


def _bool_flag(parser, name, default, help):
    parser.add_argument(f"-{name}", f"--{name}", nargs="?", const="true", default=default,
                        type=lambda v: v.lower() not in ("false", "0", "off"), help=help)


def build_parser() -> argparse.ArgumentParser:
    load_all_passes()
    epilog = "Passes:\n" + "\n".join(f"  -{n:<24} {PASSES[n].summary}" for n in sorted(PASSES))
    parser = _ArgumentParser(prog="tfc-opt", allow_abbrev=False, epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Read tfc IR (MLIR syntax), run passes and print the result.")
    parser.add_argument("input", nargs="?", default="-", help="input file ('-' for stdin)")
    parser.add_argument("-o", dest="output", default="-", help="output file ('-' for stdout)")
    _flag(parser, "pass-pipeline", dest="pipeline", help="textual pass pipeline, e.g. 'builtin.module(func.func(cse))'")
    parser.add_argument("-p", dest="pipeline_short", help="same as --pass-pipeline")
    _flag(parser, "mlir-print-ir-after-all", action="store_true", dest="after_all", help="print the IR after every pass")
    _flag(parser, "mlir-print-ir-before-all", action="store_true", dest="before_all", help="print the IR before every pass")
    _flag(parser, "mlir-print-ir-after-change", action="store_true", dest="after_change", help="print the IR after a pass only when it changed the IR")
    _flag(parser, "mlir-print-ir-after-failure", action="store_true", dest="after_failure", help="print the IR after a pass that failed")
    _flag(parser, "mlir-print-ir-before", dest="before", default="", help="print the IR before these passes (comma separated)")
    _flag(parser, "mlir-print-ir-after", dest="after", default="", help="print the IR after these passes (comma separated)")
    _flag(parser, "mlir-print-op-generic", action="store_true", dest="generic", help="print every op in the generic form")
    _flag(parser, "mlir-print-debuginfo", action="store_true", dest="debuginfo", help="print locations")
    _flag(parser, "mlir-timing", action="store_true", dest="timing", help="print a wall-time report of parsing, passes and printing")
    _flag(parser, "split-input-file", action="store_true", dest="split", help="process each '// -----' separated chunk on its own")
    _flag(parser, "verify-diagnostics", action="store_true", dest="verify_diagnostics", help="check diagnostics against expected-* annotations")
    _flag(parser, "allow-unregistered-dialect", action="store_true", dest="unregistered", help="accept ops of unknown dialects")
    _bool_flag(parser, "verify-each", True, "verify the IR after each pass (default true)")
    _flag(parser, "list-passes", action="store_true", dest="list_passes", help="list the registered passes and exit")
    _flag(parser, "view-op-graph", action="store_true", dest="view_graph", help="write the op graph as Graphviz DOT to stderr")
    parser.set_defaults(pass_flags=[])
    for name in sorted(PASSES):
        if name == "view-op-graph":
            continue
        parser.add_argument(f"-{name}", f"--{name}", nargs="?", action=_AppendPass, const="",
                            dest=f"pass {name}", metavar="OPTIONS", help=PASSES[name].summary)
    return parser


def _build_pass_manager(args, instrumentation) -> PassManager:
    pipeline = args.pipeline or args.pipeline_short
    if pipeline and args.pass_flags:
        raise DiagnosticError("--pass-pipeline cannot be combined with individual pass flags")
    if pipeline:
        pm = parse_pipeline(pipeline, verify_each=args.verify_each, instrumentation=instrumentation)
    else:
        pm = PassManager("any", args.verify_each, instrumentation)
        for name, options in args.pass_flags:
            pm.add(make_pass(name, parse_options(options)))
    if args.view_graph:
        pm.add(make_pass("view-op-graph", {}))
    return pm


def _process_chunk(text: str, first_line: int, args, pm: PassManager, timings: dict):
    from tfc.ir.parser import parse_module
    start = time.perf_counter()
    module = parse_module(text, args.filename, args.unregistered, first_line)
    timings["(parser)"] = timings.get("(parser)", 0.0) + time.perf_counter() - start
    start = time.perf_counter()
    verify(module)
    timings["(verifier)"] = timings.get("(verifier)", 0.0) + time.perf_counter() - start
    pm.run(module)
    start = time.perf_counter()
    out = print_op(module, generic=args.generic, debuginfo=args.debuginfo)
    timings["(output)"] = timings.get("(output)", 0.0) + time.perf_counter() - start
    return out


def _chunks(text: str):
    """(chunk, first line) pairs for --split-input-file."""
    pos, line = 0, 1
    for m in _SPLIT_MARKER.finditer(text):
        yield text[pos:m.start()], line
        line += text.count("\n", pos, m.end())
        pos = m.end()
    yield text[pos:], line


def _run(args) -> int:
    if args.list_passes:
        for name in sorted(PASSES):
            print(f"{name:<26} {PASSES[name].summary}")
        return 0
    if args.input == "-":
        args.filename, text = "<stdin>", sys.stdin.read()
    else:
        args.filename = args.input
        try:
            with open(args.input, encoding="utf-8") as f:
                text = f.read()
        except OSError as err:
            print(f"tfc-opt: error: could not open input file '{args.input}': {err.strerror}", file=sys.stderr)
            return 1
        except UnicodeDecodeError:
            print(f"tfc-opt: error: input file '{args.input}' is not UTF-8 text", file=sys.stderr)
            return 1
    timings: dict = {}
    instrumentation = Instrumentation(
        print_before=set(filter(None, args.before.split(","))), print_after=set(filter(None, args.after.split(","))),
        print_before_all=args.before_all, print_after_all=args.after_all, print_after_change=args.after_change,
        print_after_failure=args.after_failure, print_generic=args.generic, print_debuginfo=args.debuginfo,
        timings=timings)
    pm = _build_pass_manager(args, instrumentation)
    chunks = list(_chunks(text)) if args.split else [(text, 1)]
    outputs, failed = [], False
    total_start = time.perf_counter()
    for chunk, first_line in chunks:
        emitted: list[Diagnostic] = []
        sink = emitted.append if args.verify_diagnostics else None
        try:
            with handler(sink) if sink else _nullcontext():
                outputs.append(_process_chunk(chunk, first_line, args, pm, timings))
        except DiagnosticError as err:
            if not args.verify_diagnostics:
                print(err.diagnostic.render(), file=sys.stderr)
                return 1
            emitted.append(err.diagnostic)
        if args.verify_diagnostics:
            problems = check(parse_expectations(chunk, first_line), emitted, args.filename)
            for problem in problems:
                print(problem, file=sys.stderr)
            failed = failed or bool(problems)
    _write_output(args.output, "// -----\n".join(outputs))
    if args.timing:
        _print_timing(timings, time.perf_counter() - total_start)
    return 1 if failed else 0


class _nullcontext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _write_output(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text)
        return
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _print_timing(timings: dict, total: float) -> None:
    err = sys.stderr
    print("===" + "-" * 73 + "===", file=err)
    print(" " * 27 + "... Execution time report ...", file=err)
    print("===" + "-" * 73 + "===", file=err)
    print(f"  Total Execution Time: {total:.4f} seconds\n", file=err)
    print("  ----Wall Time----  ----Name----", file=err)
    for name, seconds in timings.items():
        share = 100.0 * seconds / total if total else 0.0
        print(f"  {seconds:8.4f} ({share:5.1f}%)  {name}", file=err)
    print(f"  {total:8.4f} (100.0%)  Total", file=err)


def main(argv=None) -> int:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except DiagnosticError as err:
        print(err.diagnostic.render(), file=sys.stderr)
        return 1
    except RecursionError:
        print("tfc-opt: error: the input is nested too deeply to process", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as err:  # an internal bug: say so plainly, without a traceback
        if os.environ.get("TFC_DEBUG"):
            traceback.print_exc()
        print(f"tfc-opt: internal error: {type(err).__name__}: {err} (set TFC_DEBUG=1 for a traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
