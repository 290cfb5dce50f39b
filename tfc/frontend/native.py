"""Running a Session's signature as compiled code: the CPU backend's JIT, with the Session's
variables passed to the compiled function as buffers it updates in place.

A signature compiles once: its pruned tf function goes down the CPU pipeline
(`tfc.backends.cpu.pipeline`) to LLVM and native code. Variables become trailing function
arguments (`tf-resources-to-args`); the Session's variable store keeps them as numpy arrays
that the interpreter and compiled code share.

What the compiled code cannot decide, the interpreter does, for that call only:

- a variable the function reads before it writes it (or writes only in a branch or loop)
  that is not initialized yet: the interpreter raises TensorFlow's FailedPreconditionError
  naming it, at the op that reads it;
- a variable whose stored value no longer has the shape the function was compiled for.

A signature with an op the CPU backend does not lower runs on the interpreter altogether
(`NativeSignature.compile` raises `UnsupportedOpError`; the Session falls back).
"""

from __future__ import annotations

import os

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T

from tfc.dialects.tf.control_flow import IfOp, WhileOp
from tfc.dialects.tf.state_ops import (AssignAddVariableOp, AssignSubVariableOp, AssignVariableOp, ReadVariableOp,
                                       VarHandleOp)


class VariableEffects:
    """How one function uses each variable, in program order (block order is effect order)."""

    def __init__(self, func):
        self.read_first: set = set()      # read before any unconditional write
        self.written: set = set()         # written unconditionally, at the function's top level
        self.written_in_region: set = set()
        for op in func.regions[0].blocks[0].ops:
            self._visit(op, nested=False)

    def _visit(self, op, nested: bool) -> None:
        if isinstance(op, (IfOp, WhileOp)):
            for inner in op.walk():
                if inner is not op:
                    self._visit(inner, nested=True)
            return
        name = _variable_name(op)
        if name is None:
            return
        if isinstance(op, (ReadVariableOp, AssignAddVariableOp, AssignSubVariableOp)) and name not in self.written:
            self.read_first.add(name)
        if isinstance(op, (AssignVariableOp, AssignAddVariableOp, AssignSubVariableOp)):
            (self.written_in_region if nested else self.written).add(name)


def _variable_name(op):
    if not isinstance(op, (ReadVariableOp, AssignVariableOp, AssignAddVariableOp, AssignSubVariableOp)):
        return None
    handle = op.operands[0].defining_op
    return handle.attrs.shared_name if isinstance(handle, VarHandleOp) else None


class NativeSignature:
    """One pruned signature compiled for the host CPU."""

    def __init__(self, function, variables, effects: VariableEffects):
        self.function = function        # a JitFunction: feeds then variables -> results
        self.variables = variables      # [(name, shape, numpy dtype)] in argument order
        self.effects = effects

    @classmethod
    def compile(cls, module, name: str = "main") -> "NativeSignature":
        """Compile `module` (a pruned tf function `name`), or load it from the disk cache of
        whole signatures (keyed by its tf-level text, the tfc sources and the target), which
        skips every pass and LLVM."""
        from tfc.backends.cpu import Target
        from tfc.backends.cpu import cache
        from tfc.backends.cpu.jit import JitModule
        from tfc.backends.cpu.pipeline import pipeline_text, vector_width_for
        from tfc.ir.printer import print_op
        func = _find_func(module, name)
        effects = VariableEffects(func)
        n_feeds = len(func.entry.arguments)
        target = Target.host()
        width = vector_width_for(target.features)
        key = cache.signature_key(print_op(module, debuginfo=True), target, pipeline_text("loops", width))
        hit = cache.load_signature(key)
        if hit is not None:
            obj, meta = hit
            from tfc.ir.parser import parse_type
            ftype = T.FunctionType(tuple(parse_type(t) for t in meta["inputs"]),
                                   tuple(parse_type(t) for t in meta["results"]))
            jit = JitModule(None, obj, target, True, key, signatures={name: ftype})
            variables = [(v, tuple(shape), np.dtype(dtype)) for v, shape, dtype in meta["variables"]]
            return cls(jit.function(name), variables, effects)
        obj, ftype, variables = _lower_and_emit(module, name, n_feeds, target, width)
        cache.store_signature(key, obj, {"inputs": [str(t) for t in ftype.inputs],
                                         "results": [str(t) for t in ftype.results], "variables": [
            [v, list(shape), dtype.str] for v, shape, dtype in variables]})
        jit = JitModule(None, obj, target, False, key, signatures={name: ftype})
        return cls(jit.function(name), variables, effects)

    def variable_arrays(self, resources: dict) -> list | None:
        """The variables' buffers for one call, or None when this call needs the interpreter."""
        arrays = []
        for var_name, shape, dtype in self.variables:
            key = ("var", var_name)
            array = resources.get(key)
            if array is None:
                if var_name in self.effects.read_first or var_name not in self.effects.written:
                    return None  # the interpreter raises TF's error at the read
                array = np.empty(shape, dtype)
            elif array.shape != shape or array.dtype != dtype:
                return None
            elif resources.get(("owned", var_name)) is not array:
                array = np.array(array, dtype=dtype, order="C")  # private: compiled code writes in place
            arrays.append(array)
        return arrays

    def run(self, resources: dict, args: list, variables: list) -> list:
        results = self.function.call_trusted([*args, *variables])  # the Session checked them
        for (var_name, _, _), array in zip(self.variables, variables):
            resources[("var", var_name)] = array
            resources[("owned", var_name)] = array
        return results


def _lower_and_emit(module, name: str, n_feeds: int, target, width: int):
    """The pipeline down to loops, then object code: (object, function type, variables)."""
    from tfc.backends.cpu.codegen import emit_object
    from tfc.backends.cpu.pipeline import lower
    from tfc.passes.tf_resources_to_args import variable_arguments
    lower(module, "loops", vector_width=width, verify_each=_verify_each())
    func = _find_func(module, name)
    variables = [(var_name, tuple(t.shape), np.dtype(T.numpy_dtype(t.element_type)))
                 for var_name, t in variable_arguments(func, n_feeds)]
    return emit_object(module, target), func.type, variables


def _verify_each() -> bool:
    """The Session verifies once after the pipeline unless TFC_VERIFY_EACH=1 asks for every pass
    (the test suite does)."""
    return os.environ.get("TFC_VERIFY_EACH", "0") == "1"


def _find_func(module, name: str):
    from tfc.ir.symbols import lookup_in
    found = lookup_in(module, A.SymbolRefAttr(name))
    if found is None:
        raise KeyError(name)
    return found
