"""`tfc`: the compiler driver.

    tfc compile model.py -o libmodel.so                 # a self-contained library + model.h
    tfc compile model.py --emit=tf                      # the tf-dialect module of its exports
    tfc compile model.py --emit=tf --feed x --fetch y   # a signature named by TF tensor names
    tfc compile model.py --emit=loops                   # any stage: tf, linalg, loops, llvm, asm, obj

`tfc compile` imports the model file as a module (its `if __name__ == "__main__":` block, where
a training loop belongs, does not run) and collects the default graph. The signatures are the
model's `tfc.export(...)` calls or, without any, the one that `--feed/--fetch/--target` name.
Without --emit, `-o FILE` writes the shared library (and its header, `--header` or `<stem>.h`
beside it) and no `-o` prints the tf module. Code is generated for a baseline x86-64
(`Target.portable()`) unless --target-triple/--cpu/--features say otherwise.
Every error is one line naming the file (and line) at fault, with exit status 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import traceback

from tfc.ir.diagnostics import DiagnosticError

EMIT_STAGES = ("tf", "linalg", "loops", "llvm", "asm", "obj", "lib")
TEXT_STAGES = ("tf", "linalg", "loops", "llvm", "asm")


class CompileError(Exception):
    """A user-facing error of `tfc compile` (printed without a traceback)."""


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(1)


def build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="tfc", description="Compile TF1 graph programs.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_ArgumentParser)
    comp = commands.add_parser("compile", help="compile a model's exported signatures",
                               description="Compile the signatures a model file exports.")
    comp.add_argument("model", help="the model's Python file")
    comp.add_argument("-o", dest="output", default="-", help="output file ('-' for stdout)")
    comp.add_argument("--emit", choices=EMIT_STAGES, default=None,
                      help="what to write: IR after a stage (tf, linalg, loops), LLVM IR (llvm), assembly "
                           "(asm), an object file (obj) or the shared library (lib; the default with -o)")
    comp.add_argument("--header", default=None, metavar="PATH",
                      help="where to write the library's C header (default: <stem>.h beside the library)")
    comp.add_argument("--name", default=None,
                      help="the C prefix of the library's API (default: the model file's name)")
    comp.add_argument("--target-triple", default=None, help="the LLVM target triple (default: x86_64-unknown-linux-gnu)")
    comp.add_argument("--cpu", default=None, help="the CPU to generate code for (default: a baseline x86-64; "
                                                  "'host' for this machine's)")
    comp.add_argument("--features", default=None, help="LLVM CPU features, e.g. '+avx2,+fma'")
    comp.add_argument("-O", dest="opt_level", choices=("0", "1", "2", "3"), default="3",
                      help="optimization level of the generated code (default 3)")
    comp.add_argument("--export", action="append", default=[], metavar="NAME",
                      help="compile only this tfc.export signature (repeatable; default: all)")
    comp.add_argument("--feed", action="append", default=[], metavar="NAME",
                      help="a tensor to feed, by TF name ('x' or 'x:0'), when the model has no tfc.export")
    comp.add_argument("--fetch", action="append", default=[], metavar="NAME", help="a tensor to fetch, by TF name")
    comp.add_argument("--target", action="append", default=[], metavar="NAME", help="an op to run, by TF name")
    comp.add_argument("--mlir-print-debuginfo", dest="debuginfo", action="store_true",
                      help="print each op's location (TF node name and model line)")
    comp.add_argument("-mlir-print-op-generic", "--mlir-print-op-generic", dest="generic", action="store_true",
                      help="print every op in generic form")
    return parser


def load_model(path: str):
    """Import the model file as a module and return the graph it built."""
    from tfc.frontend.graph import get_default_graph, reset_default_graph
    if not os.path.isfile(path):
        raise CompileError(f"{path}: no such file")
    reset_default_graph()
    name = "_tfc_model_" + os.path.splitext(os.path.basename(path))[0].replace("-", "_").replace(".", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise CompileError(f"{path}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    directory = os.path.dirname(os.path.abspath(path))
    sys.path.insert(0, directory)
    try:
        spec.loader.exec_module(module)
    except SystemExit as err:
        raise CompileError(f"{path}: the model exited while being imported (status {err.code})") from None
    except DiagnosticError:
        raise
    except Exception as err:  # the model's own error: name its line
        raise CompileError(f"{_user_frame(err, path)}: {type(err).__name__}: {err}") from None
    finally:
        if sys.path and sys.path[0] == directory:
            sys.path.pop(0)
    return get_default_graph()


def _user_frame(err: BaseException, path: str) -> str:
    """`model.py:12`: the innermost traceback line in the model file."""
    target = os.path.abspath(path)
    where = path
    for frame in traceback.extract_tb(err.__traceback__):
        if os.path.abspath(frame.filename) == target:
            where = f"{path}:{frame.lineno}"
    return where


def signatures(graph, args) -> list:
    """The exports to compile: the model's tfc.export calls, or the one the flags name."""
    from tfc.frontend.export import Export
    if graph.exports:
        if args.feed or args.fetch or args.target:
            raise CompileError(f"{args.model} declares tfc.export signatures; --feed/--fetch/--target are "
                               "only for models without them")
        return _chosen_exports(graph.exports, args)
    if args.export:
        raise CompileError(f"{args.model} declares no tfc.export; --export names one of them")
    if not args.fetch and not args.target:
        raise CompileError(f"{args.model} declares no tfc.export; name a signature with --fetch and/or "
                           "--target (and --feed)")
    inputs = {_c_name(n): _tensor(graph, n, args.model) for n in args.feed}
    outputs = {_c_name(n): _tensor(graph, n, args.model) for n in args.fetch}
    targets = [_op(graph, n, args.model) for n in args.target]
    return [Export("main", inputs, outputs, targets)]


def _chosen_exports(exports, args) -> list:
    if not args.export:
        return list(exports)
    by_name = {e.name: e for e in exports}
    for name in args.export:
        if name not in by_name:
            raise CompileError(f"{args.model}: no export named '{name}' (exports: {', '.join(by_name)})")
    return [by_name[name] for name in dict.fromkeys(args.export)]


def _c_name(name: str) -> str:
    base = name.split(":")[0]
    return "".join(c if c.isalnum() else "_" for c in base)


def _tensor(graph, name: str, model: str):
    try:
        return graph.get_tensor_by_name(name if ":" in name else name + ":0")
    except (KeyError, ValueError):
        raise CompileError(f"{model}: no tensor named '{name}' in the graph") from None


def _op(graph, name: str, model: str):
    try:
        return graph.get_operation_by_name(name)
    except KeyError:
        raise CompileError(f"{model}: no op named '{name}' in the graph") from None


def build_module(graph, exports):
    """One module holding a func.func per export, arguments and results named after it."""
    from tfc.dialects.builtin import ModuleOp
    from tfc.frontend.signature import build_signature
    from tfc.ir import attributes as A
    from tfc.ir.verifier import verify
    module = ModuleOp.create()
    for item in exports:
        sig = build_signature(graph, item.name, list(item.inputs.values()), list(item.outputs.values()),
                              item.targets)
        func = sig.body.first if hasattr(sig.body, "first") else list(sig.body)[0]
        func.detach()
        func.properties["arg_attrs"] = A.ArrayAttr(tuple(
            A.DictionaryAttr.get({"tf.name": A.StringAttr(k)}) for k in item.inputs))
        func.properties["res_attrs"] = A.ArrayAttr(tuple(
            A.DictionaryAttr.get({"tf.name": A.StringAttr(k)}) for k in item.outputs))
        module.body.append(func)
    verify(module)
    return module


def compile_command(args) -> int:
    emit = args.emit or ("lib" if args.output != "-" else "tf")
    if emit in ("obj", "lib") and args.output == "-":
        raise CompileError(f"--emit={emit} writes a file: name it with -o")
    graph = load_model(args.model)
    exports = signatures(graph, args)
    module = build_module(graph, exports)
    try:
        if emit == "lib":
            return _emit_library(args, graph, exports, module)
        data = _emit_stage(args, emit, module)
    except ValueError as err:   # what the C API or the backend cannot express, said plainly
        raise CompileError(f"{args.model}: {err}") from None
    if args.output == "-":
        sys.stdout.write(data)
    else:
        _write_atomically(args.output, data)
    return 0


def _emit_stage(args, emit: str, module):
    """The text (or, for obj, the bytes) of one stage of `module`."""
    from tfc.ir.printer import print_op
    if emit == "tf":
        return print_op(module, generic=args.generic, debuginfo=args.debuginfo) + "\n"
    from tfc.backends.cpu.pipeline import lower
    lower(module, "linalg" if emit == "linalg" else "loops")
    if emit in ("linalg", "loops"):
        return print_op(module, generic=args.generic, debuginfo=args.debuginfo) + "\n"
    from tfc.backends.cpu import emit_assembly, emit_llvm_ir, emit_object
    target = _target(args)
    if emit == "llvm":
        return emit_llvm_ir(module, target)
    if emit == "asm":
        return emit_assembly(module, target)
    return emit_object(module, target)


def _emit_library(args, graph, exports, module) -> int:
    from tfc.backends.cpu.aot import AotError, compile_library
    from tfc.backends.cpu.cheader import c_identifier
    stem = os.path.splitext(os.path.basename(args.output))[0]
    header_stem = stem[3:] if stem.startswith("lib") and len(stem) > 3 else stem
    header = args.header or os.path.join(os.path.dirname(args.output), header_stem + ".h")
    name = args.name or c_identifier(os.path.splitext(os.path.basename(args.model))[0])
    try:
        compile_library(name, graph, exports, module, args.output, header, _target_options(args))
    except AotError as err:
        raise CompileError(str(err)) from None
    return 0


def _target_options(args) -> dict:
    return {"cpu": args.cpu, "triple": args.target_triple, "features": args.features,
            "opt_level": int(args.opt_level)}


def _target(args):
    from tfc.backends.cpu.aot import make_target
    return make_target(**_target_options(args))


def _write_atomically(path: str, data) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise CompileError(f"{path}: cannot write: {err.strerror}") from None


def main(argv=None) -> int:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    try:
        args = build_parser().parse_args(argv)
        return compile_command(args)
    except CompileError as err:
        print(f"tfc: error: {err}", file=sys.stderr)
        return 1
    except DiagnosticError as err:
        if _is_unsupported(err):
            print(f"tfc: error: {_one_line(err)}", file=sys.stderr)
            return 1
        print(err.diagnostic.render(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as err:  # an internal bug: say so plainly, without a traceback
        if os.environ.get("TFC_DEBUG"):
            traceback.print_exc()
        print(f"tfc: internal error: {type(err).__name__}: {err} (set TFC_DEBUG=1 for a traceback)",
              file=sys.stderr)
        return 1


def _is_unsupported(err: DiagnosticError) -> bool:
    from tfc.passes.tf_to_linalg.common import UnsupportedOpError
    return isinstance(err, UnsupportedOpError)


def _one_line(err: DiagnosticError) -> str:
    """`model.py:12:5: op 'tf.Foo' is not supported ... (node 'net/foo')`: the user's line kept."""
    from tfc.ir.location import CallSiteLoc, FusedLoc, NameLoc
    diag = err.diagnostic
    pos = diag.location.file_line_col()
    where = f"{pos.filename}:{pos.line}:{pos.col}: " if pos is not None else ""
    stack, node = [diag.location], None
    while stack and node is None:
        loc = stack.pop()
        if isinstance(loc, NameLoc):
            node = loc.name
        elif isinstance(loc, FusedLoc):
            stack += reversed(loc.locations)
        elif isinstance(loc, CallSiteLoc):
            stack += [loc.caller, loc.callee]
    return where + diag.message + (f" (node '{node}')" if node else "")


if __name__ == "__main__":
    sys.exit(main())
