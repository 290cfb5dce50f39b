"""`tf.Session`: runs pruned signatures of the graph against a variable store.

`run(fetches, feed_dict)` flattens the fetch structure, builds (once per fetches and fed
tensors; fed placeholders keep their `?` dims, so a new batch size needs no new build) the
pruned function that computes it, runs the pipeline over it and compiles it for the host CPU
(`tfc.frontend.native`), and runs it with the session's resources (variables, random
streams), which persist across runs. Signatures with an op the CPU backend does not compile
run on the reference interpreter, which `Session(target="interpreter")` or
TFC_BACKEND=interpreter selects for everything (TFC_BACKEND=cpu-strict makes such an op an
error instead).
"""

from __future__ import annotations

import contextlib
import os
import threading

import numpy as np

from tfc.backends.cpu.errors import CHECK_FAILED, CompiledError
from tfc.backends.interpreter import Interpreter
from tfc.errors import InvalidArgumentError
from tfc.frontend.framework import to_numpy
from tfc.frontend.graph import Operation, Tensor, get_default_graph
from tfc.frontend.signature import build_signature, is_resource

PIPELINE = "builtin.module(canonicalize,cse)"


class _Leaf:
    """A leaf of the fetch structure: ("target"), ("tensor", i) or ("variable", i)."""

    __slots__ = ("kind", "index")

    def __init__(self, kind: str, index: int = 0):
        self.kind = kind
        self.index = index


class _Fetch:
    """Where each leaf of the fetch structure comes from."""

    def __init__(self):
        self.tensors: list[Tensor] = []
        self.targets: list[Operation] = []
        self.variables: list = []


def _is_namedtuple(x) -> bool:
    return isinstance(x, tuple) and hasattr(x, "_fields")


class _Compiled:
    """One signature: native code when the CPU backend compiled it, else the interpreter's."""

    def __init__(self, module, native=None):
        self.module = module    # the tf-level function, for the interpreter
        self.native = native    # a NativeSignature, or None

    @property
    def backend(self) -> str:
        return "cpu" if self.native is not None else "interpreter"

    def run(self, resources, args):
        if self.native is not None:
            variables = self.native.variable_arrays(resources)
            if variables is not None:
                try:
                    return self.native.run(resources, args, variables)
                except CompiledError as err:
                    if err.code != CHECK_FAILED:
                        raise
                    # A run-time check failed (a TF error, or broadcasting decided only at run
                    # time): the interpreter raises TensorFlow's own error with its values and
                    # the op's line, or computes what compiled code declined to.
        return self._interpret(resources, args)

    def _interpret(self, resources, args):
        results = Interpreter(resources=resources).call(self.module, "main", *args)
        return _unshared(results, resources)


def _unshared(results, resources) -> list:
    """Results that are a stored variable's array are copied: compiled code updates those in place."""
    stored = {id(v) for v in resources.values() if isinstance(v, np.ndarray)}
    return [np.array(r) if id(r) in stored else r for r in results]


def backend_for(target) -> str:
    """`Session(target="interpreter")` or TFC_BACKEND=interpreter selects the reference interpreter;
    TFC_BACKEND=cpu-strict makes an op the CPU backend cannot compile an error instead of a fallback."""
    if target == "interpreter":
        return "interpreter"
    choice = os.environ.get("TFC_BACKEND", "cpu")
    if choice not in ("cpu", "cpu-strict", "interpreter"):
        raise ValueError(f"TFC_BACKEND={choice!r}: expected 'cpu', 'cpu-strict' or 'interpreter'")
    return choice


class Session:
    """A TF1 session on a graph (the default graph unless one is given)."""

    def __init__(self, target="", graph=None, config=None):
        self.graph = graph if graph is not None else get_default_graph()
        self._target = target
        self._backend = backend_for(target)
        self._resources: dict = {}
        self._cache: dict = {}
        self._feed_specs: dict = {}
        self._closed = False
        self._contexts: list = []

    # ----- lifetime ---------------------------------------------------------------------------------

    def __enter__(self):
        stack = contextlib.ExitStack()
        stack.enter_context(self.graph.as_default())
        stack.enter_context(self.as_default())
        self._contexts.append(stack)
        return self

    def __exit__(self, *exc):
        self._contexts.pop().close()
        self.close()
        return False

    @contextlib.contextmanager
    def as_default(self):
        _default_sessions.stack.append(self)
        try:
            yield self
        finally:
            _default_sessions.stack.pop()

    def close(self) -> None:
        self._closed = True
        self._resources.clear()
        self._cache.clear()

    @property
    def sess_str(self) -> str:
        return self._target

    # ----- run --------------------------------------------------------------------------------------

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        fetch = _Fetch()
        structure = self._flatten_fetches(fetches, fetch)
        feeds, arrays = self._feeds(feed_dict)
        key = (tuple(id(t.value) for t in fetch.tensors), tuple(id(o.ir) for o in fetch.targets),
               tuple(id(v) for v in fetch.variables),
               tuple(id(t.value) for t in feeds))  # feed shapes need no key: arguments keep `?` dims
        compiled = self._cache.get(key)
        if compiled is None:
            compiled = self._compile(fetch, feeds)
            self._cache[key] = compiled
        values = compiled.run(self._resources, arrays)
        values = [_to_output(v) for v in values]
        return self._repack(structure, values, len(fetch.tensors))

    def _compile(self, fetch: _Fetch, feeds) -> _Compiled:
        from tfc.ir.passes import load_all_passes, parse_pipeline
        module = build_signature(self.graph, "main", feeds, fetch.tensors, fetch.targets, fetch.variables)
        load_all_passes()
        parse_pipeline(PIPELINE).run(module)
        if self._backend == "interpreter":
            return _Compiled(module)
        from tfc.frontend.native import NativeSignature
        from tfc.passes.tf_to_linalg import UnsupportedOpError
        try:
            native = NativeSignature.compile(module.clone())
        except UnsupportedOpError:
            if self._backend == "cpu-strict":
                raise
            native = None
        return _Compiled(module, native)

    # ----- fetches ---------------------------------------------------------------------------------

    def _flatten_fetches(self, fetches, fetch: _Fetch):
        """A structure mirroring `fetches` whose leaves say where each result comes from."""
        if isinstance(fetches, dict):
            return type(fetches)((k, self._flatten_fetches(v, fetch)) for k, v in fetches.items())
        if _is_namedtuple(fetches):
            return type(fetches)(*[self._flatten_fetches(v, fetch) for v in fetches])
        if isinstance(fetches, (list, tuple)):
            return type(fetches)(self._flatten_fetches(v, fetch) for v in fetches)
        element = self._graph_element(fetches)
        if isinstance(element, Operation):
            fetch.targets.append(element)
            return _Leaf("target")
        if isinstance(element, Tensor) and not is_resource(element):
            fetch.tensors.append(element)
            return _Leaf("tensor", len(fetch.tensors) - 1)
        variable = element if not isinstance(element, Tensor) else self._variable_of(element)
        fetch.variables.append(variable)
        return _Leaf("variable", len(fetch.variables) - 1)

    def _graph_element(self, obj):
        if obj is None:
            raise TypeError(f"Fetch argument {obj!r} has invalid type {type(obj)!r}")
        try:
            element = self.graph.as_graph_element(obj)
        except TypeError as err:
            raise TypeError(f"Fetch argument {obj!r} has invalid type {type(obj)!r}, must be a string or Tensor. "
                            f"({err})") from None
        except (KeyError, ValueError) as err:
            raise ValueError(f"Fetch argument {obj!r} cannot be interpreted as a Tensor. ({err})") from None
        graph = getattr(element, "graph", None)
        if graph is not None and graph is not self.graph:
            raise ValueError(f"Fetch argument {obj!r} cannot be interpreted as a Tensor. "
                             f"(Tensor {obj!r} is not an element of this graph.)")
        return element

    def _variable_of(self, handle: Tensor):
        from tfc.frontend.variables import GraphKeys
        for v in self.graph.get_collection(GraphKeys.GLOBAL_VARIABLES) + \
                self.graph.get_collection(GraphKeys.LOCAL_VARIABLES):
            if v.handle is handle:
                return v
        raise TypeError(f"Fetching the resource handle {handle.name} is not supported; fetch the variable")

    def _repack(self, structure, values, n_tensors: int):
        if isinstance(structure, _Leaf):
            if structure.kind == "target":
                return None
            return values[structure.index + (n_tensors if structure.kind == "variable" else 0)]
        if isinstance(structure, dict):
            return type(structure)((k, self._repack(v, values, n_tensors)) for k, v in structure.items())
        if _is_namedtuple(structure):
            return type(structure)(*[self._repack(v, values, n_tensors) for v in structure])
        return type(structure)(self._repack(v, values, n_tensors) for v in structure)

    # ----- feeds ------------------------------------------------------------------------------------

    def _feeds(self, feed_dict):
        feeds, arrays, seen = [], [], set()
        for key, value in (feed_dict or {}).items():
            spec = self._feed_specs.get(key) if _hashable(key) else None
            if spec is None:
                spec = _FeedSpec(self._feed_tensor(key))
                if _hashable(key):
                    self._feed_specs[key] = spec
            tensor = spec.tensor
            if id(tensor) in seen:
                continue
            seen.add(id(tensor))
            feeds.append(tensor)
            arrays.append(spec.convert(value))
        return feeds, arrays

    def _feed_tensor(self, key) -> Tensor:
        if hasattr(key, "_as_tensor") and not isinstance(key, Tensor):
            raise TypeError(f"Cannot feed a tf.Variable ({key.name}); feed a placeholder or use Variable.load")
        try:
            element = self.graph.as_graph_element(key)
        except (TypeError, KeyError, ValueError) as err:
            raise TypeError(f"Cannot interpret feed_dict key as Tensor: {err}") from None
        if not isinstance(element, Tensor):
            raise TypeError(f"Cannot interpret feed_dict key as Tensor: The name '{key}' refers to an "
                            "Operation, not a Tensor.")
        if element.graph is not self.graph:
            raise ValueError(f"Cannot feed {element.name}: it is not an element of this graph.")
        return element

    def _load_variable(self, variable, value) -> None:
        array = to_numpy(value, variable.dtype, f"Variable {variable.op.name}")
        if not variable.shape.is_compatible_with(array.shape):
            raise ValueError(f"Cannot load a value of shape {array.shape} into variable {variable.op.name} of "
                             f"shape {variable.shape}")
        self._resources[("var", variable.op.name)] = array


def _hashable(key) -> bool:
    return getattr(type(key), "__hash__", None) is not None


class _FeedSpec:
    """A fed tensor with its dtype and static dims, so a well-formed feed converts at no cost."""

    def __init__(self, tensor: Tensor):
        self.tensor = tensor
        self.dtype = np.dtype(tensor.dtype.as_numpy_dtype)
        dims = tensor.shape.as_list() if tensor.shape.rank is not None else None
        self.dims = tuple(dims) if dims is not None else None

    def convert(self, value) -> np.ndarray:
        if type(value) is np.ndarray and value.dtype == self.dtype and value.flags.c_contiguous \
                and self._fits(value.shape):
            return value
        array = _feed_array(self.tensor, value)
        return array if array.flags.c_contiguous else array.copy(order="C")  # compiled code reads C order

    def _fits(self, shape) -> bool:
        dims = self.dims
        if dims is None:
            return True
        return len(dims) == len(shape) and all(d is None or d == s for d, s in zip(dims, shape))


def _feed_array(tensor: Tensor, value) -> np.ndarray:
    if isinstance(value, (Tensor, Operation)) or hasattr(value, "_as_tensor"):
        raise TypeError(f"The value of a feed cannot be a tf.Tensor object. Acceptable feed values include "
                        f"Python scalars, strings, lists, numpy ndarrays, or TensorHandles. (feeding {tensor.name})")
    dtype = tensor.dtype
    if isinstance(value, int) and not isinstance(value, bool) and dtype.is_integer \
            and not dtype.min <= value <= dtype.max:
        raise TypeError(f"Type of feed value {value} with type {type(value)} is not compatible with Tensor type "
                        f"{dtype.name} of '{tensor.name}'. Try explicitly setting the type of the feed tensor to a "
                        "larger type (e.g. int64).")
    try:  # as TF's Session: numpy's conversion (floats fed to ints truncate)
        with np.errstate(all="ignore"):
            array = np.asarray(value, dtype=dtype.as_numpy_dtype)
    except (TypeError, ValueError, OverflowError) as err:
        raise ValueError(f"Cannot feed {value!r} to Tensor '{tensor.name}' of dtype {dtype.name}: {err}") from None
    if not tensor.shape.is_compatible_with(array.shape):
        raise ValueError(f"Cannot feed value of shape {array.shape} for Tensor '{tensor.name}', which has shape "
                         f"'{tensor.shape}'")
    return array


def _to_output(value):
    if isinstance(value, np.ndarray):
        return value[()] if value.ndim == 0 else value
    return value


class InteractiveSession(Session):
    """A Session that installs itself as the default session when created."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._default = self.as_default()
        self._default.__enter__()

    def close(self) -> None:
        super().close()
        if self._default is not None:
            self._default.__exit__(None, None, None)
            self._default = None


class _DefaultSessions(threading.local):
    def __init__(self):
        self.stack: list[Session] = []


_default_sessions = _DefaultSessions()


def get_default_session():
    return _default_sessions.stack[-1] if _default_sessions.stack else None

