"""Run loops-level modules in this process.

    jm = compile_jit(module)                 # module already lowered to loops level
    f = jm.function("main")
    outputs = f(x, w)                        # numpy arrays in, list of numpy arrays out

compile_jit translates and optimizes the module (or takes its object code from the disk
cache), loads the object into an MCJIT engine and resolves the runtime's tfc_* functions
from the runtime library (runtime_build). A JitFunction calls the ABI wrapper through
ctypes with preallocated tfc_buffer arrays. Result buffers are wrapped without copying;
the array's base object frees its buffer (tfc_free) when the array dies. Scalars and other
small results (up to 4 KiB) are copied and freed at once (cheaper than a finalizer). A non-zero status
raises CompiledError with tfc_last_error()'s text.
"""

from __future__ import annotations

import ctypes
import math
import threading

import numpy as np

from tfc.ir import types as T
from tfc.ir.printer import print_op
from tfc.ir.symbols import visibility_of
from tfc.dialects import func as F
from tfc.backends.cpu import cache as _cache
from tfc.backends.cpu.errors import CompiledError
from tfc.backends.cpu.runtime_build import load_runtime
from tfc.backends.cpu.target import Target, initialize_llvm

MAX_RANK = 8
_COPY_UP_TO_BYTES = 4096  # results this small are copied out and freed at once (cheaper
                          # than a finalizer per array)


class TfcBuffer(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("dims", ctypes.c_int64 * MAX_RANK)]


_ABI = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)

_pool_lock = threading.Lock()
_pool = None


def default_pool() -> int:
    """The process-wide thread pool (one thread per online CPU), made on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = create_pool(0)
        return _pool


def create_pool(threads: int) -> int:
    """A new runtime thread pool (0 = online CPUs) as an address; it lives as long as the process."""
    lib = load_runtime()
    handle = ctypes.c_void_p()
    status = lib.tfc_pool_create(threads, ctypes.byref(handle))
    if status:
        raise CompiledError(status, lib.tfc_last_error().decode(errors="replace"))
    return handle.value


def numpy_dtype(t: T.Type) -> np.dtype:
    if isinstance(t, T.FloatType) and t.kind not in ("f16", "f32", "f64"):
        raise TypeError(f"element type {t} has no numpy buffer type in the ABI")
    return np.dtype(T.numpy_dtype(t))


class _Owner:
    """The base of a result array: frees the runtime buffer when the array goes away."""

    __slots__ = ("__array_interface__", "pointer")

    def __init__(self, pointer: int, shape: tuple, dtype: np.dtype):
        self.pointer = pointer
        self.__array_interface__ = {"data": (pointer, False), "shape": shape, "typestr": dtype.str, "version": 3}

    def __del__(self):
        free = _FREE[0]
        if free is not None:
            free(self.pointer)


_FREE = [None]


_SCALAR_CTYPES = {np.dtype(np.float32): ctypes.c_float, np.dtype(np.float64): ctypes.c_double,
                  np.dtype(np.int8): ctypes.c_int8, np.dtype(np.int16): ctypes.c_int16,
                  np.dtype(np.int32): ctypes.c_int32, np.dtype(np.int64): ctypes.c_int64,
                  np.dtype(np.bool_): ctypes.c_bool}


class _ArgSpec:
    __slots__ = ("type", "dtype", "shape", "rank", "scalar", "static_dims", "dynamic", "ctype")

    def __init__(self, t: T.Type):
        self.type = t
        self.scalar = not isinstance(t, T.MemRefType)
        self.dtype = numpy_dtype(t.element_type if not self.scalar else t)
        self.shape = () if self.scalar else tuple(t.shape)
        self.rank = len(self.shape)
        self.static_dims = [(k, d) for k, d in enumerate(self.shape) if d is not None]
        self.dynamic = len(self.static_dims) != self.rank
        self.ctype = _SCALAR_CTYPES.get(self.dtype) if self.rank == 0 else None


class JitFunction:
    """A compiled public function, callable with one numpy array per argument."""

    def __init__(self, owner: "JitModule", name: str, ftype: T.FunctionType, address: int):
        self._owner = owner  # keeps the engine (the code) alive
        self.name = name
        self.type = ftype
        self._cfunc = _ABI(address)
        self._args = [_ArgSpec(t) for t in ftype.inputs]
        self._results = [_ArgSpec(t) for t in ftype.results]
        self._arg_buffers = (TfcBuffer * max(1, len(self._args)))()
        self._result_buffers = (TfcBuffer * max(1, len(self._results)))()
        self._arg_slots = [(spec, self._arg_buffers[i], self._arg_buffers[i].dims) for i, spec in enumerate(self._args)]
        self._result_slots = [(spec, self._result_buffers[j]) for j, spec in enumerate(self._results)]
        self._arg_address = ctypes.addressof(self._arg_buffers)
        self._result_address = ctypes.addressof(self._result_buffers)
        self._lib = load_runtime()
        self._lock = threading.Lock()  # the buffer arrays are per function

    def __call__(self, *arrays, pool="default"):
        """Run the function on `arrays`; `pool` is a pool address from create_pool, None to run
        parallel loops serially, or the process's default pool."""
        if len(arrays) != len(self._args):
            raise TypeError(f"@{self.name} takes {len(self._args)} arguments, got {len(arrays)}")
        pool_address = (_pool if _pool is not None else default_pool()) if pool == "default" else pool
        with self._lock:
            keep = self._fill_arguments(arrays)
            for _, buffer in self._result_slots:
                buffer.data = None
            status = self._cfunc(self._arg_address, self._result_address, pool_address)
            del keep
            if status:
                self._fail(status)
            return [self._take_result(spec, buffer) for spec, buffer in self._result_slots]

    def call_trusted(self, arrays, pool="default") -> list:
        """The call for callers that have checked the arguments themselves (the Session):
        C-contiguous arrays of the right dtypes and shapes that do not overlap. Scalar results
        come back as numpy scalars (what Session.run returns for them)."""
        pool_address = (_pool if _pool is not None else default_pool()) if pool == "default" else pool
        with self._lock:
            for array, (spec, buffer, dims) in zip(arrays, self._arg_slots):
                buffer.data = _address(array)
                if spec.dynamic:
                    dims[:spec.rank] = array.shape
            for _, buffer in self._result_slots:
                buffer.data = None
            status = self._cfunc(self._arg_address, self._result_address, pool_address)
            if status:
                self._fail(status)
            return [self._take_scalar(spec, buffer) if spec.ctype is not None else self._take_result(spec, buffer)
                    for spec, buffer in self._result_slots]

    @staticmethod
    def _take_scalar(spec: _ArgSpec, buffer):
        pointer = buffer.data
        value = spec.dtype.type(spec.ctype.from_address(pointer).value)
        _FREE[0](pointer)
        return value

    def _fail(self, status: int):
        message = self._lib.tfc_last_error().decode(errors="replace")
        for _, buffer in self._result_slots:
            if buffer.data:  # buffers handed over before the failure are ours to free
                self._lib.tfc_free(buffer.data)
        raise CompiledError(status, message)

    def _fill_arguments(self, arrays) -> list:
        keep, seen = [], set()
        for i, (value, (spec, buffer, dims)) in enumerate(zip(arrays, self._arg_slots)):
            array = self._check_argument(i, value, spec)
            address = _address(array)
            if address in seen and array.nbytes:
                array = array.copy()  # arguments must not overlap (the wrapper marks them noalias)
                address = _address(array)
            seen.add(address)
            keep.append(array)
            buffer.data = address
            if spec.rank:
                dims[:spec.rank] = array.shape
        return keep

    def _check_argument(self, i: int, value, spec: _ArgSpec) -> np.ndarray:
        if type(value) is not np.ndarray:
            value = np.asarray(value, dtype=spec.dtype)
        if value.dtype is not spec.dtype and value.dtype != spec.dtype:
            raise TypeError(f"argument #{i} of @{self.name} must have dtype {spec.dtype}, got {value.dtype}")
        shape = value.shape
        if len(shape) != spec.rank:
            raise ValueError(f"argument #{i} of @{self.name} must have rank {spec.rank} ({spec.type}), "
                             f"got shape {list(shape)}")
        for k, want in spec.static_dims:
            if shape[k] != want:
                raise ValueError(f"argument #{i} of @{self.name} must have shape {spec.type}, got {list(shape)}")
        if not value.flags.c_contiguous:
            raise ValueError(f"argument #{i} of @{self.name} must be C-contiguous")
        return value

    def _take_result(self, spec: _ArgSpec, buffer) -> np.ndarray:
        pointer = buffer.data
        shape = tuple(buffer.dims[:spec.rank])
        nbytes = spec.dtype.itemsize * math.prod(shape)
        if nbytes > _COPY_UP_TO_BYTES:
            return np.asarray(_Owner(pointer, shape, spec.dtype))
        out = np.empty(shape, spec.dtype)
        if nbytes:
            ctypes.memmove(_address(out), pointer, nbytes)
        _FREE[0](pointer)
        return out


def _address(array: np.ndarray) -> int:
    """The data address of a C-contiguous array (the buffer protocol is the fast way)."""
    try:
        return ctypes.addressof(ctypes.c_char.from_buffer(array))
    except (TypeError, ValueError):  # read-only or empty
        return array.__array_interface__["data"][0]


class JitModule:
    """Object code loaded into an execution engine; `function(name)` gives its callables."""

    def __init__(self, module, obj: bytes, target: Target, from_cache: bool, cache_key: str | None,
                 signatures: dict | None = None):
        """`signatures` (name -> function type) stands in for `module` when the object comes
        from a cache of whole signatures and no module was built."""
        llvm = initialize_llvm()
        lib = load_runtime()
        if _FREE[0] is None:
            _FREE[0] = lib.tfc_free
        self.target = target
        self.from_cache = from_cache
        self.cache_key = cache_key
        self._engine = llvm.create_mcjit_compiler(llvm.parse_assembly(""), target.target_machine())
        self._engine.add_object_file(llvm.ObjectFileRef.from_data(obj))
        self._engine.finalize_object()
        if signatures is None:
            signatures = {op.sym_name.value: op.type for op in module.regions[0].blocks[0]
                          if isinstance(op, F.FuncOp) and not op.is_declaration and visibility_of(op) == "public"}
        self._signatures = signatures
        self._functions: dict[str, JitFunction] = {}

    @property
    def function_names(self) -> list[str]:
        return list(self._signatures)

    def function(self, name: str) -> JitFunction:
        found = self._functions.get(name)
        if found is not None:
            return found
        if name not in self._signatures:
            raise KeyError(f"no public function @{name} in the compiled module")
        address = self._engine.get_function_address(name)
        found = self._functions[name] = JitFunction(self, name, self._signatures[name], address)
        return found


def compile_jit(module, target: Target | None = None, cache: bool = True) -> JitModule:
    """Compile a loops-level builtin.module for this process (object code from the disk cache
    when the same module was compiled before for the same target)."""
    from tfc.backends.cpu.codegen import emit_object
    target = target if target is not None else Target.host()
    key = _cache.object_key(print_op(module, debuginfo=True), target) if cache else None
    obj = _cache.load_object(key) if cache else None
    from_cache = obj is not None
    if obj is None:
        obj = emit_object(module, target)
        if cache:
            _cache.store_object(key, obj)
    return JitModule(module, obj, target, from_cache, key)
