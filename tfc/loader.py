"""`tfc.load`: drive a library built by `tfc compile -o lib<name>.so` from Python.

    model = tfc.load("build/libmlp.so")             # one instance: its own variables and pool
    out = model.predict(images)                     # or model.predict(images=images)
    out["probabilities"], out["classes"]            # a dict of numpy arrays, by output name
    model.save("ckpt.safetensors"); model.restore("ckpt.safetensors")
    w = model.get_variable("hidden1/weights"); model.set_variable("hidden1/weights", w * 2)

Everything comes from the library itself: its JSON metadata (`tfc_library_metadata()`) names
the exports, their inputs and outputs, and the variables; calls go through ctypes to the C API
of the generated header. Only ctypes and numpy are imported (no compiler state, no llvmlite).
Inputs are converted to the input's dtype (as `Session.run` converts feeds) and their shapes
checked against the export's; outputs are copies, owned by Python. Rank-0 outputs come back as
numpy scalars, as `Session.run` returns them. BF16 data is exchanged as raw uint16 bit patterns.
"""

from __future__ import annotations

import ctypes
import json
import os
import threading

import numpy as np

NUMPY_DTYPES = {
    "F16": np.float16, "BF16": np.uint16, "F32": np.float32, "F64": np.float64,
    "I8": np.int8, "I16": np.int16, "I32": np.int32, "I64": np.int64,
    "U8": np.uint8, "U16": np.uint16, "U32": np.uint32, "U64": np.uint64, "BOOL": np.bool_,
}


class LibraryError(RuntimeError):
    """A non-zero status from the library; the message is the library's own explanation."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def _format_shape(shape) -> str:
    return "[" + ", ".join("?" if d < 0 else str(d) for d in shape) + "]"


class _Export:
    """One exported function of the library, callable with numpy arrays."""

    def __init__(self, model: "Model", meta: dict):
        self._model = model
        self.name = meta["name"]
        self.inputs = meta["inputs"]
        self.outputs = meta["outputs"]
        self._fn = getattr(model._lib, f"{model.library_name}_{self.name}")
        argtypes = [ctypes.c_void_p]
        for t in self.inputs:
            argtypes += [ctypes.c_void_p] + [ctypes.c_int64] * sum(1 for d in t["shape"] if d < 0)
        for t in self.outputs:
            argtypes += [ctypes.POINTER(ctypes.c_void_p)] + ([ctypes.POINTER(ctypes.c_int64)] if t["shape"] else [])
        self._fn.argtypes = argtypes
        self._fn.restype = ctypes.c_int
        self.__doc__ = self._signature()

    def _signature(self) -> str:
        ins = ", ".join(f"{t['name']}: {t['dtype']}{_format_shape(t['shape'])}" for t in self.inputs)
        outs = ", ".join(f"{t['name']}: {t['dtype']}{_format_shape(t['shape'])}" for t in self.outputs)
        return f"{self.name}({ins}) -> {{{outs}}}"

    def _bind(self, args, kwargs) -> list:
        if len(args) > len(self.inputs):
            raise TypeError(f"{self.name}() takes {len(self.inputs)} inputs but {len(args)} were given")
        values = dict(zip((t["name"] for t in self.inputs), args))
        for key, value in kwargs.items():
            if key not in {t["name"] for t in self.inputs}:
                raise TypeError(f"{self.name}() has no input named '{key}' (inputs: "
                                f"{', '.join(t['name'] for t in self.inputs) or 'none'})")
            if key in values:
                raise TypeError(f"{self.name}() got input '{key}' twice")
            values[key] = value
        arrays = []
        for t in self.inputs:
            if t["name"] not in values:
                raise TypeError(f"{self.name}() is missing input '{t['name']}'")
            arrays.append(self._convert(t, values[t["name"]]))
        return arrays

    def _convert(self, t: dict, value) -> np.ndarray:
        with np.errstate(all="ignore"):
            array = np.asarray(value, dtype=NUMPY_DTYPES[t["dtype"]], order="C")
        shape = t["shape"]
        if array.ndim != len(shape) or any(d >= 0 and d != a for d, a in zip(shape, array.shape)):
            raise ValueError(f"{self.name}(): input '{t['name']}' has shape {list(array.shape)}, expected "
                             f"{_format_shape(shape)}")
        return array

    def __call__(self, *args, **kwargs) -> dict:
        arrays = self._bind(args, kwargs)
        call_args = [None]
        for t, array in zip(self.inputs, arrays):
            call_args.append(array.ctypes.data_as(ctypes.c_void_p))
            call_args += [array.shape[i] for i, d in enumerate(t["shape"]) if d < 0]
        pointers = [ctypes.c_void_p() for _ in self.outputs]
        dims = [(ctypes.c_int64 * len(t["shape"]))() for t in self.outputs]
        for t, p, d in zip(self.outputs, pointers, dims):
            call_args.append(ctypes.byref(p))
            if t["shape"]:
                call_args.append(d)
        with self._model._lock:
            call_args[0] = self._model._handle()
            self._model._check(self._fn(*call_args))
            return {t["name"]: _copy_out(p.value, tuple(d), NUMPY_DTYPES[t["dtype"]])
                    for t, p, d in zip(self.outputs, pointers, dims)}


def _copy_out(address, shape, dtype):
    dtype = np.dtype(dtype)
    count = int(np.prod(shape, dtype=np.int64))
    if count == 0:
        return np.empty(shape, dtype)
    raw = (ctypes.c_char * (count * dtype.itemsize)).from_address(address)
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return array[()] if array.ndim == 0 else array


class Model:
    """One instance of a compiled model (see the module docstring). Not shared between threads
    without care: calls on one instance are serialized by a lock."""

    def __init__(self, path: str, num_threads: int = 0):
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{path}: no such file")
        self.path = path
        self._lib = ctypes.CDLL(os.path.abspath(path), mode=getattr(os, "RTLD_LOCAL", 0) | os.RTLD_NOW)
        self._lock = threading.Lock()
        self._ptr = None
        try:
            entry = self._lib.tfc_library_metadata
        except AttributeError:
            raise ValueError(f"{path} is not a library built by `tfc compile` (no tfc_library_metadata)") from None
        entry.restype = ctypes.c_char_p
        self.metadata = json.loads(entry().decode("utf-8"))
        self.library_name = self.metadata["name"]
        self._variables = {v["name"]: v for v in self.metadata["variables"]}
        self._declare_api()
        ptr = ctypes.c_void_p()
        self._check(self._c("create_with_threads")(ctypes.byref(ptr), int(num_threads)))
        self._ptr = ptr
        self.exports = {}
        for meta in self.metadata["exports"]:
            export = _Export(self, meta)
            self.exports[export.name] = export
            if not hasattr(self, export.name):   # an export named e.g. "save" stays in .exports
                setattr(self, export.name, export)

    def _c(self, suffix: str):
        return getattr(self._lib, f"{self.library_name}_{suffix}")

    def _declare_api(self) -> None:
        vp, cp, sz = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
        for suffix, argtypes, restype in (
                ("create_with_threads", [ctypes.POINTER(vp), ctypes.c_int], ctypes.c_int),
                ("destroy", [vp], None),
                ("get_variable", [vp, cp, vp, sz], ctypes.c_int),
                ("set_variable", [vp, cp, vp, sz], ctypes.c_int),
                ("save", [vp, cp], ctypes.c_int),
                ("restore", [vp, cp], ctypes.c_int),
                ("error", [], cp)):
            fn = self._c(suffix)
            fn.argtypes, fn.restype = argtypes, restype

    def _check(self, status: int) -> None:
        if status != 0:
            raise LibraryError(self._c("error")().decode("utf-8", "replace"), status)

    def _handle(self):
        if self._ptr is None:
            raise ValueError(f"the model loaded from {self.path} is closed")
        return self._ptr

    # ----- variables and checkpoints ---------------------------------------------------------

    @property
    def variables(self) -> list:
        """The variables' shared names, in creation order."""
        return list(self._variables)

    def _variable(self, name: str) -> dict:
        if name not in self._variables:
            raise KeyError(f"model '{self.library_name}' has no variable named '{name}'")
        return self._variables[name]

    def get_variable(self, name: str) -> np.ndarray:
        meta = self._variable(name)
        out = np.empty(meta["shape"], NUMPY_DTYPES[meta["dtype"]])
        with self._lock:
            self._check(self._c("get_variable")(self._handle(), name.encode(), out.ctypes.data_as(ctypes.c_void_p),
                                                out.nbytes))
        return out

    def set_variable(self, name: str, value) -> None:
        meta = self._variable(name)
        array = np.asarray(value, dtype=NUMPY_DTYPES[meta["dtype"]], order="C")
        if list(array.shape) != list(meta["shape"]):
            raise ValueError(f"variable '{name}' has shape {_format_shape(meta['shape'])}, the value has "
                             f"{list(array.shape)}")
        with self._lock:
            self._check(self._c("set_variable")(self._handle(), name.encode(),
                                                array.ctypes.data_as(ctypes.c_void_p), array.nbytes))

    def save(self, path) -> None:
        """Write every variable to `path` (safetensors layout, written atomically)."""
        with self._lock:
            self._check(self._c("save")(self._handle(), os.fsencode(path)))

    def restore(self, path) -> None:
        """Read every variable from the safetensors file at `path` (all or nothing)."""
        with self._lock:
            self._check(self._c("restore")(self._handle(), os.fsencode(path)))

    # ----- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._ptr is not None:
                self._c("destroy")(self._ptr)
                self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        if getattr(self, "_ptr", None) is not None:
            self.close()

    def __repr__(self):
        return f"<tfc.Model '{self.library_name}' from {self.path}: {', '.join(self.exports)}>"


def load(path, num_threads: int = 0) -> Model:
    """A new instance of the model in the library at `path` (num_threads 0: one per CPU)."""
    return Model(os.fspath(path), num_threads)
