"""Shared helpers of the CPU backend tests: a private disk cache per test session, and
`run_both`, which runs one function compiled (JIT) and interpreted and returns both results."""

import os

import numpy as np
import pytest

from tfc.backends.interpreter import Interpreter
from tfc.ir.parser import parse_module
from tfc.ir.verifier import verify


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Every test compiles into a fresh cache (the runtime is built into it once)."""
    old = os.environ.get("TFC_CACHE_DIR")
    path = tmp_path_factory.mktemp("tfc_cache")
    os.environ["TFC_CACHE_DIR"] = str(path)
    yield path
    if old is None:
        del os.environ["TFC_CACHE_DIR"]
    else:
        os.environ["TFC_CACHE_DIR"] = old


def compile_text(text: str, cache: bool = False):
    from tfc.backends.cpu import compile_jit
    module = parse_module(text)
    verify(module)
    return module, compile_jit(module, cache=cache)


def run_both(text: str, name: str, *args, jit=None):
    """(compiled results, interpreted results) of @name on args."""
    module, jm = (parse_module(text), jit) if jit is not None else compile_text(text)
    compiled = jm.function(name)(*args)
    interpreted = Interpreter().call(module, name, *[np.copy(a) if isinstance(a, np.ndarray) else a for a in args])
    return compiled, [np.asarray(r) for r in interpreted]


def assert_same(compiled, interpreted):
    assert len(compiled) == len(interpreted)
    for got, want in zip(compiled, interpreted):
        assert got.dtype == want.dtype, (got.dtype, want.dtype)
        assert got.shape == want.shape, (got.shape, want.shape)
        np.testing.assert_array_equal(got, want)


def elementwise(name: str, in_types: list, out_type: str, body: list) -> str:
    """func @name(memref<?xT_i>...) -> memref<?xout>: out[i] = body(x0[i], x1[i], ...).
    `body` lines use %x0, %x1... and define %r."""
    args = ", ".join(f"%a{i}: memref<?x{t}>" for i, t in enumerate(in_types))
    loads = "\n".join(f'    %x{i} = "memref.load"(%a{i}, %i) : (memref<?x{t}>, index) -> {t}'
                      for i, t in enumerate(in_types))
    lines = "\n".join("    " + line for line in body)
    return f'''
func.func @{name}({args}) -> memref<?x{out_type}> {{
  %c0 = "arith.constant"() <{{value = 0 : index}}> : () -> index
  %c1 = "arith.constant"() <{{value = 1 : index}}> : () -> index
  %n = "memref.dim"(%a0, %c0) : (memref<?x{in_types[0]}>, index) -> index
  %out = "memref.alloc"(%n) <{{operandSegmentSizes = array<i32: 1, 0>}}> : (index) -> memref<?x{out_type}>
  "scf.for"(%c0, %n, %c1) ({{
  ^bb0(%i: index):
{loads}
{lines}
    "memref.store"(%r, %out, %i) : ({out_type}, memref<?x{out_type}>, index) -> ()
    "scf.yield"() : () -> ()
  }}) : (index, index, index) -> ()
  return %out : memref<?x{out_type}>
}}
'''
