"""The tfc C runtime (runtime/): store, safetensors checkpoints, thread pool.

Compiles runtime/src/*.c with tests/runtime/runtime_test.c (plain, and with
AddressSanitizer + UBSan when the compiler supports them), runs its modes and
checks the files it writes from Python.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "runtime"
TEST_C = Path(__file__).resolve().parent / "runtime_test.c"
WARN = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-O2", "-fPIC"]
SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-g"]

# The standard store of runtime_test.c: name -> (dtype, shape).
SPECS = {
    "dense/kernel": ("F32", [3, 4]),
    "dense/bias": ("F64", [4]),
    "global_step": ("I64", []),
    "half": ("F16", [2, 3]),
    "brain": ("BF16", [5]),
    "i8": ("I8", [7]),
    "i16": ("I16", [3, 1]),
    "i32": ("I32", [3]),
    "u8": ("U8", [2, 2, 2]),
    "u16": ("U16", [1]),
    "u32": ("U32", [2]),
    "u64": ("U64", [2]),
    "mask": ("BOOL", [5]),
    "empty": ("F32", [0, 3]),
    'we"ird\\name\n\u00e9': ("I32", [2]),
}
SIZES = {"F16": 2, "BF16": 2, "F32": 4, "F64": 8, "I8": 1, "I16": 2, "I32": 4, "I64": 8,
         "U8": 1, "U16": 2, "U32": 4, "U64": 8, "BOOL": 1}


def expected_bytes(index, name, dtype, shape, seed):
    """The contents runtime_test.c's fill() gives a variable."""
    n = SIZES[dtype] * int(np.prod(shape, dtype=np.int64))
    if name == "dense/kernel":
        return (np.arange(n // 4, dtype=np.float32) * 0.5 + seed).tobytes()
    k = np.arange(n, dtype=np.int64)
    if dtype == "BOOL":
        return ((k + seed) & 1).astype(np.uint8).tobytes()
    return ((k * 7 + index * 13 + seed) & 0xFF).astype(np.uint8).tobytes()


def find_cc():
    for cand in [os.environ.get("CC"), "cc", "gcc", "clang"]:
        if cand and shutil.which(cand):
            return shutil.which(cand)
    return None


def build(out_dir, extra):
    cc = find_cc()
    if cc is None:
        pytest.skip("no C compiler found")
    exe = out_dir / "runtime_test"
    srcs = sorted(str(p) for p in (RUNTIME / "src").glob("*.c"))
    cmd = [cc, *WARN, *extra, "-I", str(RUNTIME / "include"), *srcs, str(TEST_C),
           "-o", str(exe), "-lpthread", "-lm"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    return exe, res


@pytest.fixture(scope="session", params=["plain", "sanitize"])
def exe(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"rt_{request.param}")
    if request.param == "plain":
        path, res = build(out, [])
        assert res.returncode == 0, res.stderr
        return path
    # Sanitizers: skip only when the toolchain cannot build them at all.
    probe = out / "probe.c"
    probe.write_text("int main(void){return 0;}\n")
    cc = find_cc()
    if cc is None:
        pytest.skip("no C compiler found")
    p = subprocess.run([cc, *SANITIZE, str(probe), "-o", str(out / "probe")],
                       capture_output=True, text=True)
    if p.returncode != 0 or subprocess.run([str(out / "probe")]).returncode != 0:
        pytest.skip("compiler lacks -fsanitize=address,undefined")
    path, res = build(out, SANITIZE)
    assert res.returncode == 0, res.stderr
    return path


def run(exe, *args, ok=True):
    env = dict(os.environ, ASAN_OPTIONS="abort_on_error=0:exitcode=99",
               UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=98")
    res = subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True,
                         env=env, timeout=300)
    if ok is not None:
        assert (res.returncode == 0) == ok, (res.returncode, res.stdout, res.stderr)
    # Whatever the verdict, a sanitizer report or a signal is a failure.
    assert res.returncode >= 0, f"killed by signal {-res.returncode}: {res.stderr}"
    assert res.returncode not in (98, 99), res.stderr
    assert "Sanitizer" not in res.stderr, res.stderr
    return res


def read_safetensors(path):
    data = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    return n, json.loads(data[8:8 + n]), data[8 + n:]


def write_safetensors(path, header, body, header_len=None):
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    n = len(raw) if header_len is None else header_len
    Path(path).write_bytes(struct.pack("<Q", n) + raw + body)


@pytest.fixture
def ckpt(exe, tmp_path):
    path = tmp_path / "model.safetensors"
    run(exe, "save", path, 3)
    return path


# --------------------------------------------------------------------------- store, pool


def test_unit(exe):
    """dtypes, variable add/find/get/set with their error messages, iteration,
    parallel_for coverage (threads 1..8, empty ranges, extreme bounds, grains),
    real concurrency, nested and concurrent submitters."""
    res = run(exe, "unit")
    assert "unit: ok" in res.stdout


# --------------------------------------------------------------------------- save / restore


def test_round_trip(exe, ckpt):
    run(exe, "check", ckpt, 3)
    # and a different seed does not match (the check really compares)
    res = run(exe, "check", ckpt, 4, ok=False)
    assert "memcmp" in res.stderr


def test_file_is_safetensors(ckpt):
    n, header, body = read_safetensors(ckpt)
    assert n % 8 == 0
    assert (8 + n) % 8 == 0
    assert header.pop("__metadata__") == {"format": "tfc"}
    assert set(header) == set(SPECS)
    spans = []
    for index, (name, (dtype, shape)) in enumerate(SPECS.items()):
        entry = header[name]
        assert entry["dtype"] == dtype and entry["shape"] == shape
        begin, end = entry["data_offsets"]
        assert end - begin == SIZES[dtype] * int(np.prod(shape, dtype=np.int64))
        assert body[begin:end] == expected_bytes(index, name, dtype, shape, 3), name
        assert begin % SIZES[dtype] == 0  # natural alignment within the data section
        spans.append((begin, end))
    # contiguous, no holes, covering the whole data section (safetensors' rule)
    spans.sort()
    pos = 0
    for begin, end in spans:
        assert begin == pos
        pos = end
    assert pos == len(body)
    kernel = header["dense/kernel"]["data_offsets"]
    np.testing.assert_array_equal(
        np.frombuffer(body[kernel[0]:kernel[1]], "<f4").reshape(3, 4),
        np.arange(12, dtype=np.float32).reshape(3, 4) * 0.5 + 3)


def test_safetensors_package_reads_it(ckpt):
    """The reference reader accepts the file (its Rust side validates the header
    and the offsets on open). numpy has no bfloat16, so load_file() cannot
    return the BF16 variable: read every other tensor one by one."""
    pytest.importorskip("safetensors.numpy")
    from safetensors import safe_open

    with safe_open(str(ckpt), framework="np") as f:
        assert f.metadata() == {"format": "tfc"}
        assert set(f.keys()) == set(SPECS)
        for index, (name, (dtype, shape)) in enumerate(SPECS.items()):
            if dtype == "BF16":
                continue
            arr = f.get_tensor(name)
            assert list(arr.shape) == shape, name
            assert arr.tobytes() == expected_bytes(index, name, dtype, shape, 3), name
        np.testing.assert_array_equal(
            f.get_tensor("dense/kernel"),
            np.arange(12, dtype=np.float32).reshape(3, 4) * 0.5 + 3)


def test_restore_reads_files_written_elsewhere(exe, ckpt, tmp_path):
    """Header order, whitespace, extra tensors and gaps are all acceptable."""
    _, header, body = read_safetensors(ckpt)
    meta = header.pop("__metadata__")
    names = sorted(header, reverse=True)
    new_header, new_body = {"__metadata__": {"x": "y"}}, b""
    for name in names:
        b, e = header[name]["data_offsets"]
        new_body += b"\0" * 3  # a gap
        new_header[name] = dict(header[name], data_offsets=[len(new_body), len(new_body) + e - b])
        new_body += body[b:e]
    new_header["extra"] = {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]}
    assert meta
    path = tmp_path / "other.safetensors"
    write_safetensors(path, new_header, new_body)
    run(exe, "check", path, 3)


# --------------------------------------------------------------------------- atomic save


def no_temp_files(directory):
    return [p.name for p in Path(directory).iterdir() if ".tmp." in p.name] == []


def test_save_replaces_atomically(exe, ckpt):
    run(exe, "save", ckpt, 8)  # over an existing file
    run(exe, "check", ckpt, 8)
    assert no_temp_files(ckpt.parent)


def test_save_to_missing_directory(exe, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "m.safetensors"
    res = run(exe, "save-fail", target, "open of")
    assert "m.safetensors.tmp." in res.stdout and "No such file" in res.stdout
    assert not (tmp_path / "no").exists()


def test_failed_write_keeps_old_checkpoint(exe, ckpt):
    """A write that fails midway (file size limit) removes the temp file and
    leaves the previous checkpoint byte for byte."""
    before = ckpt.read_bytes()
    res = run(exe, "save-fail", ckpt, "write of", 64)
    assert str(ckpt) in res.stdout
    assert ckpt.read_bytes() == before
    assert no_temp_files(ckpt.parent)
    run(exe, "check", ckpt, 3)


def test_failed_rename_removes_temp(exe, tmp_path):
    target = tmp_path / "is_a_dir"
    target.mkdir()
    (target / "keep").write_text("x")
    run(exe, "save-fail", target, "rename of")
    assert no_temp_files(tmp_path)
    assert (target / "keep").read_text() == "x"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores directory permissions")
def test_read_only_directory(exe, ckpt):
    before = ckpt.read_bytes()
    ckpt.parent.chmod(0o555)
    try:
        run(exe, "save-fail", ckpt, "Permission denied")
    finally:
        ckpt.parent.chmod(0o755)
    assert ckpt.read_bytes() == before
    assert no_temp_files(ckpt.parent)


# --------------------------------------------------------------------------- restore failures


def mutate(ckpt, tmp_path, fn):
    _, header, body = read_safetensors(ckpt)
    out = fn(header, body)
    path = tmp_path / "bad.safetensors"
    if isinstance(out, bytes):
        path.write_bytes(out)
    else:
        write_safetensors(path, *out)
    return path


def drop_step(h, b):
    del h["global_step"]
    return h, b


def transpose_kernel(h, b):
    h["dense/kernel"]["shape"] = [4, 3]
    return h, b


def bias_as_int(h, b):
    h["dense/bias"]["dtype"] = "I64"
    return h, b


def unknown_dtype(h, b):
    h["u8"]["dtype"] = "F8_E4M3X"
    return h, b


def overlap(h, b):
    h["i8"]["data_offsets"] = [h["u8"]["data_offsets"][0] - 3, h["u8"]["data_offsets"][0] + 4]
    return h, b


def wrong_size(h, b):
    h["i32"]["shape"] = [4]
    return h, b


def offsets_past_end(h, b):
    h["mask"]["data_offsets"] = [len(b) - 2, len(b) + 3]
    return h, b


def reversed_offsets(h, b):
    o = h["mask"]["data_offsets"]
    h["mask"]["data_offsets"] = [o[1], o[0]]
    return h, b


def negative_dim(h, b):
    h["u16"]["shape"] = [-1]
    return h, b


def float_offset(h, b):
    h["u16"]["data_offsets"][0] = 1.5
    return h, b


def not_object(h, b):
    return [1, 2, 3], b


def missing_field(h, b):
    del h["u32"]["shape"]
    return h, b


def bad_metadata(h, b):
    h["__metadata__"] = {"format": 7}
    return h, b


def huge_rank(h, b):
    h["extra"] = {"dtype": "U8", "shape": [1] * 40, "data_offsets": [0, 1]}
    return h, b


def overflowing_shape(h, b):
    h["extra"] = {"dtype": "F64", "shape": [2**62, 2**62], "data_offsets": [0, 0]}
    return h, b


def truncated_data(h, b):
    raw = json.dumps(h).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + b[:-5]


def truncated_header(h, b):
    raw = json.dumps(h).encode()
    return struct.pack("<Q", len(raw)) + raw[: len(raw) // 2]


def header_len_beyond(h, b):
    return h, b, 10**6


def header_len_huge(h, b):
    return h, b, 2**64 - 1


def garbage_header(h, b):
    raw = json.dumps(h).encode()
    raw = raw[:40] + b"\x00\xff{" + raw[43:]
    return struct.pack("<Q", len(raw)) + raw + b


def trailing_garbage(h, b):
    raw = json.dumps(h).encode() + b" }"
    return struct.pack("<Q", len(raw)) + raw + b


def deep_nesting(h, b):
    raw = b"[" * 100000 + b"]" * 100000
    return struct.pack("<Q", len(raw)) + raw + b


def duplicate_key(h, b):
    raw = json.dumps(h).encode()
    raw = raw[:-1] + b', "u8": {"dtype": "U8", "shape": [0], "data_offsets": [0, 0]}}'
    return struct.pack("<Q", len(raw)) + raw + b


RESTORE_FAILURES = {
    "missing variable": (drop_step, '"global_step" is missing from the checkpoint'),
    "wrong shape": (transpose_kernel,
                    'variable "dense/kernel": shape mismatch: expected [3, 4], got [4, 3]'),
    "wrong dtype": (bias_as_int, 'variable "dense/bias": dtype mismatch: expected F64, got I64'),
    "unknown dtype": (unknown_dtype, 'tensor "u8" has an unknown dtype "F8_E4M3X"'),
    "overlap": (overlap, "overlap"),
    "size mismatch": (wrong_size, 'tensor "i32": data_offsets span 12 bytes but I32 [4] needs 16'),
    "offsets past end": (offsets_past_end, 'tensor "mask": data_offsets'),
    "reversed offsets": (reversed_offsets, 'tensor "mask": data_offsets'),
    "negative dim": (negative_dim, 'tensor "u16": shape[0] is not a non-negative integer'),
    "float offset": (float_offset, 'tensor "u16": data_offsets is not'),
    "header not object": (not_object, "header is not a JSON object"),
    "missing field": (missing_field, 'tensor "u32" lacks "shape"'),
    "bad metadata": (bad_metadata, "__metadata__"),
    "huge rank": (huge_rank, 'tensor "extra": rank 40 exceeds'),
    "overflowing shape": (overflowing_shape, 'tensor "extra": shape [4611686018427387904, '
                                             '4611686018427387904] is too large'),
    "truncated data": (truncated_data, "data_offsets"),
    "truncated header": (truncated_header, "exceeds the file size"),
    "header length beyond file": (header_len_beyond, "header length 1000000 exceeds the file size"),
    "header length huge": (header_len_huge, "header length 18446744073709551615 exceeds"),
    "garbage header": (garbage_header, "corrupt header"),
    "trailing garbage": (trailing_garbage, "corrupt header: trailing characters"),
    "deep nesting": (deep_nesting, "corrupt header: nesting too deep"),
    "duplicate key": (duplicate_key, "corrupt header: duplicate object key"),
}


@pytest.mark.parametrize("case", list(RESTORE_FAILURES))
def test_restore_failure(exe, ckpt, tmp_path, case):
    """Each malformed or mismatched file gives an error naming the problem and
    the file, and leaves the store unchanged (checked inside runtime_test)."""
    fn, text = RESTORE_FAILURES[case]
    path = mutate(ckpt, tmp_path, fn)
    res = run(exe, "restore-fail", path, text)
    assert str(path) in res.stdout


@pytest.mark.parametrize("size", [0, 1, 7, 8, 12, 16])
def test_restore_tiny_files(exe, ckpt, tmp_path, size):
    path = tmp_path / "tiny"
    path.write_bytes(ckpt.read_bytes()[:size])
    run(exe, "restore-fail", path, "checkpoint")


def test_restore_missing_file(exe, tmp_path):
    run(exe, "restore-fail", tmp_path / "nope", "cannot open")


def test_restore_fuzz(exe, ckpt):
    """Random byte edits, bit flips in the header, truncations and header
    length changes: every restore either succeeds or fails cleanly with the
    store unchanged; no crash, no sanitizer report."""
    res = run(exe, "fuzz", ckpt, 2000, 12345)
    assert "rejected" in res.stdout


def test_json_escapes_round_trip(exe, ckpt, tmp_path):
    """Names with escapes survive; \\u escapes and surrogate pairs decode."""
    _, header, body = read_safetensors(ckpt)
    name = 'we"ird\\name\n\u00e9'
    assert name in header
    raw = json.dumps(header, ensure_ascii=True).encode()  # é as \u00e9, \n as \n
    raw += b" " * (-len(raw) % 8)
    path = tmp_path / "ascii.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + body)
    run(exe, "check", path, 3)
    header["x\U0001F600"] = {"dtype": "U8", "shape": [0], "data_offsets": [0, 0]}
    raw = json.dumps(header, ensure_ascii=True).encode()  # a surrogate pair
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + body)
    run(exe, "check", path, 3)
    bad = raw.replace(b"\\ude00", b"\\u0041")  # lone high surrogate
    path.write_bytes(struct.pack("<Q", len(bad)) + bad + body)
    run(exe, "restore-fail", path, "surrogate")


def test_warning_flags_clean():
    """The runtime alone compiles with -Werror under the stricter extra warnings."""
    cc = find_cc()
    if cc is None:
        pytest.skip("no C compiler found")
    for src in sorted((RUNTIME / "src").glob("*.c")):
        res = subprocess.run([cc, *WARN, "-Wpedantic", "-Wshadow", "-I", str(RUNTIME / "include"),
                              "-fsyntax-only", str(src)], capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
