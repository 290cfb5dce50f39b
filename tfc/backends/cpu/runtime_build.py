"""Builds the C runtime (runtime/) with the system C compiler, once, into the disk cache.

    shared_library()   libtfcrt.so for the JIT (loaded into this process)
    object_files()     PIC object files for ahead-of-time linking into a model's .so
    load_runtime()     the shared library, loaded so MCJIT resolves tfc_* and bound with ctypes

Where the sources are: `$TFC_RUNTIME_DIR` when set, else `runtime/` beside the `tfc`
package (a checkout, installed editable), else `<prefix>/share/tfc/runtime` (where
`pip install .` puts them). A build is keyed by the sha256
of every source and header, the compiler's path and version and the flags, so an edited
runtime or another compiler builds anew; outputs are renamed into place atomically, so
two processes building at once both end with a whole library.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import sys
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from tfc.backends.cpu.cache import cache_dir

CFLAGS = ("-O2", "-fPIC", "-std=c11", "-Wall", "-Wextra", "-Werror")
LDLIBS = ("-lm", "-lpthread")


class RuntimeBuildError(RuntimeError):
    """The runtime's sources or a C compiler are missing, or compiling failed."""


def runtime_root() -> Path:
    env = os.environ.get("TFC_RUNTIME_DIR")
    candidates = [Path(env)] if env else [Path(__file__).resolve().parents[3] / "runtime",  # a checkout
                                          Path(sys.prefix) / "share" / "tfc" / "runtime"]   # pip install .
    for root in candidates:
        if (root / "include" / "tfc_runtime.h").is_file():
            return root
    raise RuntimeBuildError(f"the tfc C runtime sources are not at {' or '.join(map(str, candidates))} "
                            "(set TFC_RUNTIME_DIR to the runtime/ directory)")


def include_dir() -> Path:
    return runtime_root() / "include"


def sources() -> list[Path]:
    return sorted((runtime_root() / "src").glob("*.c"))


def find_cc() -> str:
    for candidate in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    raise RuntimeBuildError("no C compiler found (set CC)")


@lru_cache(maxsize=None)
def _compiler_version(cc: str) -> str:
    res = subprocess.run([cc, "--version"], capture_output=True, text=True)
    return res.stdout


def build_key() -> str:
    """sha256 of the sources, headers, compiler and flags."""
    cc = find_cc()
    root = runtime_root()
    h = hashlib.sha256()
    for part in (cc, _compiler_version(cc), " ".join(CFLAGS + LDLIBS)):
        h.update(part.encode() + b"\0")
    files = sorted([*root.glob("include/*.h"), *root.glob("src/*.h"), *root.glob("src/*.c")])
    for path in files:
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def _build_dir() -> Path:
    path = cache_dir() / "runtime" / build_key()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _compile(args: list, out: Path) -> Path:
    """Run the compiler writing a temporary file beside `out`, then rename it into place."""
    if out.exists():
        return out
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=out.name + ".", suffix=".tmp")
    os.close(fd)
    try:
        res = subprocess.run([*args, "-o", tmp], capture_output=True, text=True)
        if res.returncode != 0:
            raise RuntimeBuildError(f"compiling the tfc runtime failed:\n{' '.join(args)}\n{res.stderr}")
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def shared_library() -> Path:
    out = _build_dir() / "libtfcrt.so"
    cc = find_cc()
    return _compile([cc, *CFLAGS, "-shared", "-I", str(include_dir()), *map(str, sources()), *LDLIBS], out)


def object_files() -> list[Path]:
    """The runtime's object files (PIC) for linking into a shared library; link with LDLIBS."""
    directory = _build_dir() / "obj"
    directory.mkdir(exist_ok=True)
    cc = find_cc()
    return [_compile([cc, *CFLAGS, "-c", "-I", str(include_dir()), str(src)], directory / f"{src.stem}.o")
            for src in sources()]


@lru_cache(maxsize=None)
def load_runtime() -> ctypes.CDLL:
    """Build (or find) the shared runtime, load it permanently for MCJIT's symbol lookup and
    return it bound with ctypes (the same library instance: one thread-local error)."""
    from tfc.backends.cpu.target import initialize_llvm
    llvm = initialize_llvm()
    path = str(shared_library())
    llvm.load_library_permanently(path)
    lib = ctypes.CDLL(path)
    lib.tfc_last_error.restype = ctypes.c_char_p
    lib.tfc_last_error.argtypes = []
    lib.tfc_free.restype = None
    lib.tfc_free.argtypes = [ctypes.c_void_p]
    lib.tfc_alloc.restype = ctypes.c_void_p
    lib.tfc_alloc.argtypes = [ctypes.c_int64]
    lib.tfc_pool_create.restype = ctypes.c_int
    lib.tfc_pool_create.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
    lib.tfc_set_error.restype = None
    lib.tfc_set_error.argtypes = [ctypes.c_int32, ctypes.c_char_p]
    return lib
