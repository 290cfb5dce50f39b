"""The C API of an ahead-of-time library: its description (`LibrarySpec`) and its header.

    spec = LibrarySpec("mlp", exports=[ExportSpec("predict", ...)], variables=[...])
    text = generate_header(spec)          # mlp.h: plain C99, no tfc header needed

A library built by `tfc compile -o libmlp.so` exposes, for model name `mlp`:

    mlp_create / mlp_create_with_threads / mlp_destroy     instances (own variables, pool, results)
    mlp_<export>(m, inputs..., dynamic dims..., outputs...)   one function per tfc.export
    mlp_get_variable / mlp_set_variable / mlp_variable_info  variables by shared name
    mlp_save / mlp_restore                                    safetensors checkpoints (atomic save)
    mlp_error                                                 the message of the last failure
    mlp_metadata                                              this description as JSON (tfc.load)

The spec is the single description that the header, the glue C (cglue.py) and the JSON
metadata that `tfc.load` reads are all generated from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# The ABI's buffer descriptor holds this many dims (docs/cpu_backend.md).
MAX_RANK = 8

# Safetensors dtype name -> (C element type, bytes per element).
C_TYPES = {
    "F16": ("uint16_t", 2), "BF16": ("uint16_t", 2), "F32": ("float", 4), "F64": ("double", 8),
    "I8": ("int8_t", 1), "I16": ("int16_t", 2), "I32": ("int32_t", 4), "I64": ("int64_t", 8),
    "U8": ("uint8_t", 1), "U16": ("uint16_t", 2), "U32": ("uint32_t", 4), "U64": ("uint64_t", 8),
    "BOOL": ("uint8_t", 1),
}

# Names the API itself uses after `<name>_`: an export may not take one of them.
API_SUFFIXES = ("create", "create_with_threads", "destroy", "get_variable", "set_variable",
                "variable_info", "save", "restore", "error", "metadata")

C_KEYWORDS = frozenset("""auto break case char const continue default do double else enum extern float
    for goto if inline int long register restrict return short signed sizeof static struct switch
    typedef union unsigned void volatile while _Bool _Complex _Imaginary bool true false NULL""".split())

_C_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# The parameter naming the model in every per-export function.
MODEL_PARAM = "m"


def c_identifier(text: str) -> str:
    """A C identifier made from `text` (a file stem, a TF name)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not name or name[0].isdigit():
        name = "_" + name
    return name


def dtype_of(element_type) -> str:
    """The safetensors dtype name of an IR element type (ValueError if there is none)."""
    from tfc.ir import types as T
    if isinstance(element_type, T.FloatType) and element_type.kind in ("f16", "bf16", "f32", "f64"):
        return element_type.kind.upper()
    if isinstance(element_type, T.IntegerType):
        if element_type.width == 1:
            return "BOOL"
        if element_type.width in (8, 16, 32, 64):
            return f"{'U' if element_type.signedness == 'u' else 'I'}{element_type.width}"
    raise ValueError(f"element type {element_type} has no C equivalent")


@dataclass
class TensorSpec:
    """One input or output of an export. `shape` has -1 for each dynamic dim."""

    name: str          # as the export names it (a C identifier)
    tf_name: str       # the TF tensor it stands for ("images:0")
    dtype: str         # safetensors spelling ("F32")
    shape: tuple
    c_name: str = ""   # the C parameter name (name, or name_ when that clashes)

    def __post_init__(self):
        self.shape = tuple(int(d) for d in self.shape)
        if not self.c_name:
            self.c_name = self.name + "_" if self.name in C_KEYWORDS or self.name == MODEL_PARAM else self.name

    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def dynamic_dims(self) -> list:
        return [i for i, d in enumerate(self.shape) if d < 0]

    def static_bytes(self) -> int:
        """Bytes per unit of each dynamic dim (the whole size when there is none)."""
        n = C_TYPES[self.dtype][1]
        for d in self.shape:
            n *= d if d >= 0 else 1
        return n

    def to_json(self) -> dict:
        return {"name": self.name, "c_name": self.c_name, "tf_name": self.tf_name, "dtype": self.dtype,
                "shape": list(self.shape)}


@dataclass
class VariableSpec:
    """A model variable: its shared name, dtype, static shape and initial bytes' place in the blob."""

    name: str
    dtype: str
    shape: tuple
    offset: int = 0    # into the library's initial-value blob

    def __post_init__(self):
        self.shape = tuple(int(d) for d in self.shape)

    @property
    def nbytes(self) -> int:
        n = C_TYPES[self.dtype][1]
        for d in self.shape:
            n *= d
        return n

    def to_json(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "shape": list(self.shape)}


@dataclass
class ExportSpec:
    """One exported function: its inputs, outputs, the variables its kernel takes (in the
    kernel's trailing argument order) and the kernel's symbol."""

    name: str
    inputs: list
    outputs: list
    variables: list = field(default_factory=list)   # shared names
    symbol: str = ""

    def __post_init__(self):
        if not self.symbol:
            self.symbol = "tfc_kernel_" + self.name

    def to_json(self) -> dict:
        return {"name": self.name, "symbol": self.symbol, "inputs": [t.to_json() for t in self.inputs],
                "outputs": [t.to_json() for t in self.outputs], "variables": list(self.variables)}


@dataclass
class LibrarySpec:
    name: str
    exports: list
    variables: list = field(default_factory=list)

    def variable(self, name: str) -> VariableSpec:
        for v in self.variables:
            if v.name == name:
                return v
        raise KeyError(name)

    def check(self) -> None:
        """Raise ValueError naming what cannot be expressed in the C API."""
        if not _C_IDENTIFIER.match(self.name):
            raise ValueError(f"library name '{self.name}' is not a C identifier")
        seen = set()
        for e in self.exports:
            if e.name in API_SUFFIXES:
                raise ValueError(f"export name '{e.name}' clashes with the library's own "
                                 f"'{self.name}_{e.name}'; rename the export")
            if e.name in seen:
                raise ValueError(f"export '{e.name}' is declared twice")
            seen.add(e.name)
            _check_params(e)
            for v in e.variables:
                self.variable(v)
        for v in self.variables:
            if len(v.shape) > MAX_RANK or any(d < 0 for d in v.shape):
                raise ValueError(f"variable '{v.name}' must have a static shape of rank <= {MAX_RANK}, "
                                 f"got {format_shape(v.shape)}")

    def to_json(self) -> str:
        return json.dumps({"format": "tfc-aot", "version": 1, "name": self.name,
                           "exports": [e.to_json() for e in self.exports],
                           "variables": [v.to_json() for v in self.variables]}, sort_keys=False)


def _check_params(e: ExportSpec) -> None:
    names = {MODEL_PARAM}
    for t in e.inputs + e.outputs:
        if t.rank > MAX_RANK:
            raise ValueError(f"export '{e.name}': '{t.name}' has rank {t.rank}; at most {MAX_RANK} is supported")
        if t.dtype not in C_TYPES:
            raise ValueError(f"export '{e.name}': '{t.name}' has dtype {t.dtype} with no C equivalent")
        params = [t.c_name] + ([dims_param(t)] if t in e.outputs and t.rank else []) + \
            ([dim_param(t, i) for i in t.dynamic_dims] if t in e.inputs else [])
        for p in params:
            if p in names:
                raise ValueError(f"export '{e.name}': the C parameter name '{p}' is used twice; rename "
                                 f"'{t.name}'")
            names.add(p)


def dim_param(t: TensorSpec, i: int) -> str:
    return f"{t.c_name}_dim{i}"


def dims_param(t: TensorSpec) -> str:
    return f"{t.c_name}_dims"


def comment_text(text: str) -> str:
    """`text` safe inside a C block comment (TF names cannot hold `*/`, but say so in code)."""
    return text.replace("*/", "*\\/").replace("\n", " ")


def format_shape(shape) -> str:
    return "[" + ", ".join("?" if d < 0 else str(d) for d in shape) + "]"


def export_params(spec: LibrarySpec, e: ExportSpec) -> str:
    """The parameter list of `<name>_<export>` (shared by the header and the glue)."""
    params = [f"{spec.name}_model *{MODEL_PARAM}"]
    for t in e.inputs:
        params.append(f"const {C_TYPES[t.dtype][0]} *{t.c_name}")
        params += [f"int64_t {dim_param(t, i)}" for i in t.dynamic_dims]
    for t in e.outputs:
        params.append(f"const {C_TYPES[t.dtype][0]} **{t.c_name}")
        if t.rank:
            params.append(f"int64_t {dims_param(t)}[{t.rank}]")
    return ", ".join(params)


def _bytes_text(t: TensorSpec) -> str:
    n = t.static_bytes()
    if not t.dynamic_dims:
        return f"{n} bytes"
    return f"{n} bytes x " + " x ".join(f"dim{i}" for i in t.dynamic_dims)


def _tensor_line(t: TensorSpec, role: str) -> str:
    c_type = C_TYPES[t.dtype][0]
    return (f" *   {role} {t.c_name}: {t.dtype} {format_shape(t.shape)} ({c_type}, TF tensor "
            f"'{comment_text(t.tf_name)}'), {_bytes_text(t)}")


def _export_comment(spec: LibrarySpec, e: ExportSpec) -> list:
    lines = ["/*", f" * {spec.name}_{e.name}: export '{e.name}'."]
    lines += [_tensor_line(t, "input ") for t in e.inputs]
    lines += [_tensor_line(t, "output") for t in e.outputs]
    static_in = sum(t.static_bytes() for t in e.inputs if not t.dynamic_dims)
    static_out = sum(t.static_bytes() for t in e.outputs if not t.dynamic_dims)
    var_bytes = sum(spec.variable(v).nbytes for v in e.variables)
    lines.append(f" *   memory: {static_in} bytes of static-shaped inputs, {static_out} bytes of "
                 f"static-shaped results; reads/updates {len(e.variables)} variable(s), {var_bytes} bytes")
    if any(t.dynamic_dims for t in e.inputs):
        lines.append(" *   One int64_t argument follows each input per dynamic ('?') dim, giving its size.")
    if e.outputs:
        lines.append(" *   Each output receives a pointer to a buffer owned by the model, valid until the")
        lines.append(f" *   next call of {spec.name}_{e.name} on the same model (or {spec.name}_destroy);")
        lines.append(" *   its dims array (when the output has rank > 0) receives every dim. Output")
        lines.append(" *   pointers and dims arrays may be NULL when that output is not wanted.")
    lines.append(" */")
    return lines


def generate_header(spec: LibrarySpec) -> str:
    n = spec.name
    guard = f"TFC_{n.upper()}_H"
    total = sum(v.nbytes for v in spec.variables)
    out = [
        f"/* {n}.h - C API of the tfc-compiled model '{n}' (generated by `tfc compile`; do not edit). */",
        f"#ifndef {guard}", f"#define {guard}", "", "#include <stddef.h>", "#include <stdint.h>", "",
        "#ifdef __cplusplus", 'extern "C" {', "#endif", "",
        "/*",
        " * Conventions",
        " *  - Every int function returns 0 on success or a tfc runtime status code (1 invalid",
        " *    argument, 2 out of memory, 3 unknown variable, 5 dtype/shape mismatch, 6 I/O error,",
        " *    7 malformed checkpoint, 8 system error); then " + n + "_error() explains it.",
        " *  - Data is dense and row-major (C order). F16/BF16 are raw 16-bit patterns; BOOL is one",
        " *    byte per element (0 or 1).",
        " *  - Instances are independent: each owns its variables, its thread pool and its result",
        " *    buffers. One instance must not be used by two threads at once.",
        " *",
        f" * Variables ({len(spec.variables)}, {total} bytes per instance, initialized when created):",
    ]
    out += [f" *   '{comment_text(v.name)}': {v.dtype} {format_shape(v.shape)}, {v.nbytes} bytes" for v in spec.variables]
    out += [" */", "", f"typedef struct {n}_model {n}_model;", "",
            f"/* A new instance with initial variable values and a pool of one thread per CPU. */",
            f"int {n}_create({n}_model **out);",
            f"/* Same, with num_threads threads (0 = one per CPU, 1 = run on the calling thread only). */",
            f"int {n}_create_with_threads({n}_model **out, int num_threads);",
            f"/* Frees the instance, its variables and every result buffer it handed out. NULL is allowed. */",
            f"void {n}_destroy({n}_model *m);", ""]
    for e in spec.exports:
        out += _export_comment(spec, e)
        out += [f"int {n}_{e.name}({export_params(spec, e)});", ""]
    out += [
        f"/* Copies variable `name` into dst; nbytes must equal the variable's size in bytes. */",
        f"int {n}_get_variable(const {n}_model *m, const char *name, void *dst, size_t nbytes);",
        f"/* Copies src (nbytes, the variable's size) into variable `name`. */",
        f"int {n}_set_variable({n}_model *m, const char *name, const void *src, size_t nbytes);",
        f"/* The dtype name (\"F32\", ...), rank and dims of variable `name`; each output optional. */",
        f"int {n}_variable_info(const char *name, const char **dtype, int32_t *rank, const int64_t **dims);",
        f"/* Writes every variable to path (safetensors layout; atomic: temp file, fsync, rename). */",
        f"int {n}_save(const {n}_model *m, const char *path);",
        f"/* Reads every variable from a safetensors file; on failure the instance is unchanged. */",
        f"int {n}_restore({n}_model *m, const char *path);",
        f"/* The message of the last failing call on this thread. */",
        f"const char *{n}_error(void);",
        f"/* This API's description as JSON (exports, inputs, outputs, variables). */",
        f"const char *{n}_metadata(void);",
        "", "#ifdef __cplusplus", "}", "#endif", "", f"#endif /* {guard} */", "",
    ]
    return "\n".join(out)
