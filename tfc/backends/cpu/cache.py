"""The disk cache of compiled object code (and of the runtime library).

Entries live under `$TFC_CACHE_DIR` (default `~/.cache/tfc`):

    objects/<key>.o          object code of one module for one target
    runtime/<hash>/...       the runtime built by runtime_build

The key of an object is the sha256 of the input module's text (with locations: they end up
in error messages), the tfc version, the target (triple, CPU, features, opt level) and the
code generator's own sources (so an edited translator never meets stale objects); a hit
skips translation and every LLVM pass.
Writes are atomic (a temporary file in the same directory, then rename): a reader sees a
whole entry or none, and two processes writing the same entry both succeed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_GENERATOR_FILES = ("codegen.py", "math_approx.py", "target.py", "translate/*.py")
_generator_hash: list = []


def cache_dir() -> Path:
    root = os.environ.get("TFC_CACHE_DIR")
    return Path(root) if root else Path.home() / ".cache" / "tfc"


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def generator_hash() -> str:
    """sha256 of the code generator's sources (computed once per process)."""
    if not _generator_hash:
        h = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for pattern in _GENERATOR_FILES:
            for path in sorted(here.glob(pattern)):
                h.update(path.name.encode() + b"\0" + path.read_bytes())
        _generator_hash.append(h.hexdigest())
    return _generator_hash[0]


def object_key(module_text: str, target) -> str:
    from tfc import __version__
    h = hashlib.sha256()
    for part in (generator_hash(), __version__, target.key(), module_text):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def object_path(key: str) -> Path:
    return cache_dir() / "objects" / f"{key}.o"


def load_object(key: str) -> bytes | None:
    try:
        return object_path(key).read_bytes()
    except OSError:
        return None


def store_object(key: str, data: bytes) -> None:
    try:
        atomic_write(object_path(key), data)
    except OSError:
        pass  # a read-only or full cache only costs the next compile its time


# ----- whole signatures (the Session's cache) ------------------------------------------------------

_source_hash: list = []


def source_hash() -> str:
    """sha256 of every tfc source file: a signature cached from tf-level IR is stale when any
    pass, dialect or generator changed (computed once per process)."""
    if not _source_hash:
        h = hashlib.sha256()
        package = Path(__file__).resolve().parents[2]
        for path in sorted(package.rglob("*.py")):
            h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
        _source_hash.append(h.hexdigest())
    return _source_hash[0]


def signature_key(tf_text: str, target, pipeline: str) -> str:
    return object_key("\0".join((source_hash(), pipeline, tf_text)), target)


def load_signature(key: str) -> tuple[bytes, dict] | None:
    """The object code and metadata of a signature compiled before, or None."""
    import json
    try:
        meta = json.loads((cache_dir() / "signatures" / f"{key}.json").read_text())
        return (cache_dir() / "signatures" / f"{key}.o").read_bytes(), meta
    except (OSError, ValueError):
        return None


def store_signature(key: str, obj: bytes, meta: dict) -> None:
    import json
    try:
        atomic_write(cache_dir() / "signatures" / f"{key}.o", obj)
        atomic_write(cache_dir() / "signatures" / f"{key}.json", json.dumps(meta).encode())  # written last
    except OSError:
        pass
