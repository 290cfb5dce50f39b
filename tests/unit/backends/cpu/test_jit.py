"""The JIT, the disk cache, the runtime build and the emitters of the CPU backend."""

import os
import re
import subprocess
import sys

import numpy as np

from tfc.backends.cpu import Target, compile_jit, emit_assembly, emit_llvm_ir, emit_object
from tfc.backends.cpu import cache, codegen, jit, runtime_build
from tfc.ir.parser import parse_module

from conftest import elementwise

ADD = elementwise("add", ["f32", "f32"], "f32", ['%r = "arith.addf"(%x0, %x1) : (f32, f32) -> f32'])


def test_import_tfc_does_not_load_llvm():
    code = ("import sys, tfc, tfc.backends.cpu\n"
            "from tfc.backends.cpu import Target, CompiledError\n"
            "assert not [m for m in sys.modules if m.startswith('llvmlite')], 'llvmlite imported'\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_cache_hit_skips_translation_and_optimization(tmp_path, monkeypatch):
    monkeypatch.setenv("TFC_CACHE_DIR", str(tmp_path))
    module = parse_module(ADD)
    before = codegen.STATS["optimized"]
    first = compile_jit(module)
    assert not first.from_cache and codegen.STATS["optimized"] == before + 1
    path = cache.object_path(first.cache_key)
    assert path.is_file() and path.parent.parent == tmp_path
    assert path.read_bytes()[:4] == b"\x7fELF"
    second = compile_jit(parse_module(ADD))  # the same text parsed again: a fresh module
    assert second.from_cache and second.cache_key == first.cache_key
    assert codegen.STATS["optimized"] == before + 1  # no LLVM pass ran
    a, b = np.arange(5, dtype=np.float32), np.ones(5, np.float32)
    np.testing.assert_array_equal(second.function("add")(a, b)[0], a + b)
    other = compile_jit(module, target=Target.host(opt_level=1))
    assert other.cache_key != first.cache_key and not other.from_cache
    uncached = compile_jit(module, cache=False)
    assert not uncached.from_cache and uncached.cache_key is None


def test_cache_key_covers_module_and_target():
    host = Target.host()
    key = cache.object_key(ADD, host)
    assert key == cache.object_key(ADD, host)
    assert key != cache.object_key(ADD + "\n", host)
    assert key != cache.object_key(ADD, Target.portable())
    assert key != cache.object_key(ADD, Target(host.triple, host.cpu, host.features + ",-avx512f", 3))


def test_results_are_freed_when_their_arrays_die():
    f = compile_jit(parse_module(ADD), cache=False).function("add")
    freed = []
    real = jit._FREE[0]
    jit._FREE[0] = lambda p: (freed.append(p), real(p))
    try:
        a, b = np.ones(5000, np.float32), np.ones(5000, np.float32)
        (small,) = f(a[:10], b[:10])  # small results are copied out and freed at once
        assert freed and small.base is None
        freed.clear()
        (out,) = f(a, b)
        assert out.ctypes.data % 64 == 0  # tfc_alloc's alignment: no copy
        address = out.ctypes.data
        view = out[10:]
        del out
        assert freed == []  # a view keeps the buffer alive
        del view
        assert freed == [address]
    finally:
        jit._FREE[0] = real


def test_function_lookup_and_names():
    jm = compile_jit(parse_module(ADD), cache=False)
    assert jm.function_names == ["add"]
    assert jm.function("add") is jm.function("add")
    try:
        jm.function("missing")
    except KeyError as err:
        assert "missing" in str(err)
    else:
        raise AssertionError("expected KeyError")


def test_runtime_build_is_cached_and_exposes_objects():
    lib = runtime_build.shared_library()
    assert lib.is_file() and lib.parent.parent.parent == cache.cache_dir()
    assert runtime_build.shared_library() == lib
    objects = runtime_build.object_files()
    assert {o.stem for o in objects} >= {"memory", "threadpool", "error"}
    assert all(o.is_file() for o in objects)
    assert (runtime_build.include_dir() / "tfc_runtime.h").is_file()
    rt = runtime_build.load_runtime()
    pointer = rt.tfc_alloc(0)
    assert pointer and pointer % 64 == 0
    rt.tfc_free(pointer)


def test_emitters_for_the_portable_target():
    module = parse_module(ADD)
    portable = Target.portable()
    llvm_ir = emit_llvm_ir(module, portable)
    assert re.search(r"define .*i32 @add\(ptr", llvm_ir) and 'target triple = "x86_64-unknown-linux-gnu"' in llvm_ir
    assembly = emit_assembly(module, portable)
    assert "add:" in assembly and "ymm" not in assembly and "zmm" not in assembly
    obj = emit_object(module, portable)
    assert obj[:4] == b"\x7fELF"
    host_asm = emit_assembly(module, Target.host())
    assert "xmm" in host_asm or "ymm" in host_asm


def test_abi_wrapper_in_c(tmp_path):
    """The object code links into a C program that calls the wrapper with tfc_buffers."""
    cc = runtime_build.find_cc()
    obj = tmp_path / "add.o"
    obj.write_bytes(emit_object(parse_module(ADD), Target.portable()))
    main = tmp_path / "main.c"
    main.write_text(r'''
#include "tfc_runtime.h"
#include <stdio.h>
int32_t add(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool);
int main(void) {
    float a[3] = {1, 2, 3}, b[3] = {10, 20, 30};
    tfc_buffer args[2] = {{a, {3}}, {b, {3}}}, results[1] = {{0}};
    if (add(args, results, NULL) != 0) return 1;
    float *r = results[0].data;
    printf("%lld %g %g %g\n", (long long)results[0].dims[0], r[0], r[1], r[2]);
    tfc_free(r);
    return 0;
}
''')
    exe = tmp_path / "main"
    build = subprocess.run([cc, "-std=c11", "-I", str(runtime_build.include_dir()), str(main), str(obj),
                            *map(str, runtime_build.object_files()), *runtime_build.LDLIBS, "-o", str(exe)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True, env=dict(os.environ))
    assert run.returncode == 0 and run.stdout.split() == ["3", "11", "22", "33"]
