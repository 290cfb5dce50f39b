"""Ahead-of-time libraries: a self-contained `lib<name>.so` and its C header `<name>.h`.

    compile_library("mlp", graph, exports, module, "build/libmlp.so", "build/mlp.h")   # all of it:
      library_spec (exports' C signatures) -> initial_values (interpreter) -> lower to loops
      -> add_variable_args -> pack_initial_values -> emit_object -> build_library (cc + link)

The shared library holds the kernels (object code from the translator), the C runtime
(runtime_build.object_files()), the generated glue (cglue.py) and the variables' initial values.
A version script exports only the header's functions: the runtime's and the kernels' symbols
stay local, so two models (or a model and the JIT's runtime) live in one process without
resolving each other's symbols. NEEDED is libc, libm and libpthread only (checked).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from tfc.backends.cpu.cglue import BLOB_ALIGN, generate_glue, public_symbols
from tfc.backends.cpu.cheader import (ExportSpec, LibrarySpec, TensorSpec, VariableSpec, dtype_of,
                                      generate_header)

C_FLAGS = ["-shared", "-fPIC", "-std=c11", "-Wall", "-Wextra", "-Werror"]
LINK_LIBS = ["-lm", "-lpthread"]
# What the library may depend on (glibc splits these; musl folds them into libc).
ALLOWED_NEEDED = re.compile(r"^(libc|libm|libpthread|libdl|ld-linux[-\w.]*|ld-musl[-\w.]*)\.so(\.\d+)*$")


class AotError(Exception):
    """A failure to build the library (no compiler, a link error); the message is one line."""


def kernel_symbol(export_name: str) -> str:
    """The symbol of an export's compiled function inside the library (never exported)."""
    return "tfc_kernel_" + export_name


# ----- the description -------------------------------------------------------------------------

def _tensor_spec(name: str, tf_name: str, ty, what: str) -> TensorSpec:
    from tfc.ir import types as T
    if not isinstance(ty, (T.TensorType, T.MemRefType)):
        raise ValueError(f"{what} '{name}' ({tf_name}) has type {ty}; a library needs a ranked tensor "
                         "(give the placeholder a shape)")
    try:
        dtype = dtype_of(ty.element_type)
    except ValueError as err:
        raise ValueError(f"{what} '{name}' ({tf_name}): {err}") from None
    return TensorSpec(name, tf_name, dtype, tuple(-1 if d is None else d for d in ty.shape))


def graph_variables(graph) -> list:
    """Every variable the graph's top level declares: VariableSpecs in creation order."""
    from tfc.dialects.tf.state_ops import VarHandleOp
    from tfc.ir import types as T
    specs, seen = [], set()
    for op in graph.block:
        if not isinstance(op, VarHandleOp):
            continue
        name = op.properties["shared_name"].value
        if name in seen:
            continue
        seen.add(name)
        ty = op.results[0].type.value_type
        if not isinstance(ty, T.TensorType) or any(d is None for d in ty.shape):
            raise ValueError(f"variable '{name}' has no static shape ({ty}); a library needs one")
        specs.append(VariableSpec(name, dtype_of(ty.element_type), tuple(ty.shape)))
    return specs


def initial_values(graph) -> dict:
    """shared name -> numpy value after running every variable initializer on the interpreter."""
    from tfc.frontend.session import Session
    from tfc.frontend.variables import local_variables, global_variables, variables_initializer
    with graph.as_default():
        variables = list(global_variables()) + list(local_variables())
        if not variables:
            return {}
        init = variables_initializer(variables, name="tfc_aot_init")
        try:
            # the reference interpreter: the initial values must not depend on the backend being built
            with Session(target="interpreter", graph=graph) as sess:
                sess.run(init)
                values = sess.run(variables)
        except Exception as err:   # the model's own initializer failed: say which and why
            raise ValueError(f"running the variable initializers failed: {type(err).__name__}: {err}") from None
    return {v.op.name: np.asarray(value) for v, value in zip(variables, values)}


def library_spec(name: str, exports, module, variables: list) -> LibrarySpec:
    """The spec of the library from the tfc.export list and `module`, whose functions carry the
    kernel symbols (or the export names). At the tf level the exports take no variables yet;
    `add_variable_args` reads them from the loops-level module."""
    specs = [export_spec(item, _func(module, item.name), variable_names=[]) for item in exports]
    spec = LibrarySpec(name, specs, variables)
    spec.check()
    return spec


def add_variable_args(spec: LibrarySpec, module) -> None:
    """Each export's variables: its lowered function's trailing `{tfc.variable}` arguments."""
    for e in spec.exports:
        e.variables = _variable_args(_func(module, e.name), len(e.inputs))
    spec.check()


def _func(module, export_name: str):
    from tfc.dialects.func import FuncOp
    funcs = {op.properties["sym_name"].value: op for op in module.body if isinstance(op, FuncOp)}
    func = funcs.get(kernel_symbol(export_name)) or funcs.get(export_name)
    if func is None:
        raise ValueError(f"export '{export_name}' has no function in the compiled module")
    return func


def export_spec(item, func, variable_names: list | None = None) -> ExportSpec:
    """The ExportSpec of tfc.export `item` compiled as `func` (tf level or lower). The variables
    are the func's trailing `{tfc.variable}` arguments unless `variable_names` gives them."""
    inputs = [_tensor_spec(k, t.name, ty, "input") for (k, t), ty in zip(item.inputs.items(), func.type.inputs)]
    outputs = [_tensor_spec(k, t.name, ty, "output") for (k, t), ty in zip(item.outputs.items(), func.type.results)]
    if variable_names is None:
        variable_names = _variable_args(func, len(inputs))
    return ExportSpec(item.name, inputs, outputs, list(variable_names), kernel_symbol(item.name))


def _variable_args(func, n_inputs: int) -> list:
    from tfc.passes.tf_resources_to_args import variable_arguments
    return [name for name, _ in variable_arguments(func, n_inputs)]


def pack_initial_values(variables: list, values: dict) -> bytes:
    """The blob of initial values (each BLOB_ALIGN-aligned); sets each VariableSpec.offset.
    A variable no initializer covers starts as zeros (TF would refuse to read it)."""
    blob = bytearray()
    for v in variables:
        blob += bytes(-len(blob) % BLOB_ALIGN)
        v.offset = len(blob)
        value = values.get(v.name)
        if value is None:
            blob += bytes(v.nbytes)
            continue
        data = np.ascontiguousarray(value).tobytes()
        if len(data) != v.nbytes:
            raise ValueError(f"variable '{v.name}': its initial value has {len(data)} bytes, expected {v.nbytes}")
        blob += data
    return bytes(blob)


# ----- the link --------------------------------------------------------------------------------

def find_cc() -> str | None:
    from tfc.backends.cpu import runtime_build
    try:
        return runtime_build.find_cc()
    except runtime_build.RuntimeBuildError:
        return None


def runtime_files() -> tuple[Path, list[Path]]:
    """The runtime's include directory and its PIC object files (built once, cached)."""
    from tfc.backends.cpu import runtime_build
    try:
        return runtime_build.include_dir(), runtime_build.object_files()
    except runtime_build.RuntimeBuildError as err:
        raise AotError(str(err).splitlines()[0]) from None


def build_library(spec: LibrarySpec, objects: list, blob: bytes, output: str, header: str | None,
                  extra_sources=(), cc: str | None = None) -> None:
    """Link `objects` (object-file bytes) with the runtime and the glue into `output`, and write
    the header to `header` (None: none). Both files are replaced atomically."""
    cc = cc or find_cc()
    if cc is None:
        raise AotError("no C compiler found (install cc/gcc/clang or set CC)")
    include, runtime_objects = runtime_files()
    with tempfile.TemporaryDirectory(prefix="tfc-aot-") as tmp:
        tmp = Path(tmp)
        header_text = generate_header(spec)
        (tmp / f"{spec.name}.h").write_text(header_text)
        blob_path = tmp / "initial_values.bin"
        blob_path.write_bytes(blob)
        glue = tmp / f"{spec.name}_glue.c"
        glue.write_text(generate_glue(spec, f"{spec.name}.h", str(blob_path)))
        object_paths = []
        for i, data in enumerate(objects):
            path = tmp / f"kernels{i}.o"
            path.write_bytes(data)
            object_paths.append(str(path))
        script = tmp / "exports.map"
        script.write_text("{\n  global:\n" + "".join(f"    {s};\n" for s in public_symbols(spec)) +
                          "  local: *;\n};\n")
        library = tmp / "lib.so"
        cmd = [cc, *C_FLAGS, "-O2", "-I", str(tmp), "-I", str(include), str(glue),
               *map(str, extra_sources), *object_paths, *map(str, runtime_objects),
               f"-Wl,--version-script={script}", "-Wl,-z,noexecstack", "-Wl,--no-undefined",
               "-o", str(library), *LINK_LIBS]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            raise AotError(f"linking {output} failed: {_first_error(result.stderr)}")
        check_needed(library)
        _replace(library.read_bytes(), output, mode=0o755)
        if header is not None:
            _replace(header_text.encode(), header)


def _first_error(stderr: str) -> str:
    """The compiler's or linker's first real complaint (not collect2's summary)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if "error:" in line and not line.startswith("collect2") or "undefined reference" in line \
                or "multiple definition" in line:
            return line
    return lines[0] if lines else "the C compiler failed without a message"


def needed_libraries(path) -> list | None:
    """The NEEDED entries of a shared library (readelf -d), or None without readelf."""
    readelf = shutil.which("readelf")
    if readelf is None:
        return None
    result = subprocess.run([readelf, "-d", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        raise AotError(f"readelf cannot read {path}: {_first_error(result.stderr)}")
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout)


def check_needed(path) -> None:
    needed = needed_libraries(path)
    extra = [lib for lib in needed or [] if not ALLOWED_NEEDED.match(lib)]
    if extra:
        raise AotError(f"{path} would depend on {', '.join(extra)}; only libc, libm and libpthread are allowed")


def _replace(data: bytes, path: str, mode: int = 0o644) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tfc-", dir=directory)
    except OSError as err:
        raise AotError(f"{path}: cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise AotError(f"{path}: cannot write: {err.strerror}") from None


# ----- the whole job ---------------------------------------------------------------------------

def rename_exports(module, exports) -> None:
    """Give each export's function its kernel symbol, so that no export name (`exp`, `free`)
    can collide with a C library function inside the .so."""
    from tfc.dialects.func import FuncOp
    from tfc.ir import attributes as A
    names = {e.name for e in exports}
    for op in module.body:
        if isinstance(op, FuncOp) and op.properties["sym_name"].value in names:
            op.properties["sym_name"] = A.StringAttr(kernel_symbol(op.properties["sym_name"].value))


def make_target(cpu: str | None = None, triple: str | None = None, features: str | None = None,
                opt_level: int = 3):
    """Target.portable() (a baseline x86-64: never the host's features unless asked), or the
    host's with cpu="host", with the triple, CPU and features the caller names."""
    import dataclasses
    from tfc.backends.cpu import Target
    target = Target.host() if cpu == "host" else Target.portable()
    changes = {"opt_level": opt_level}
    if triple:
        changes["triple"] = triple
    if cpu and cpu != "host":
        changes["cpu"] = cpu
    if features is not None:
        changes["features"] = features
    return dataclasses.replace(target, **changes)


def compile_library(name: str, graph, exports, module, output: str, header: str | None,
                    target_options: dict | None = None) -> LibrarySpec:
    """tf-level `module` (one function per export, see tfc_main.build_module) -> `output` + `header`.

    Lowers `module` in place. Raises UnsupportedOpError (at the op) for what the CPU backend
    cannot compile, ValueError for what the C API cannot express, AotError for link failures.
    `target_options` are make_target's arguments."""
    from tfc.backends.cpu.pipeline import lower, vector_width_for
    cc = find_cc()
    if cc is None:   # before minutes of compiling
        raise AotError("no C compiler found (install cc/gcc/clang or set CC)")
    spec = library_spec(name, exports, module, graph_variables(graph))   # what C cannot say, said early
    values = initial_values(graph)
    rename_exports(module, exports)
    target = make_target(**dict(target_options or {}))
    lower(module, "loops", vector_width=vector_width_for(target.features))  # the target's SIMD width
    add_variable_args(spec, module)
    blob = pack_initial_values(spec.variables, values)
    from tfc.backends.cpu import emit_object
    build_library(spec, [emit_object(module, target)], blob, output, header, cc=cc)
    return spec
