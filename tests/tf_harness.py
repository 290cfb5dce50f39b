"""Run one tf op through the IR: build a function around it, verify, round-trip the text,
interpret, and return the results as numpy arrays.

    from tests.tf_harness import run_op, const
    out, = run_op(AddV2Op, np.ones(3, np.float32), const(np.float32(2)))

Plain arrays become function arguments (types from their dtype and shape); `const(array)`
becomes a tf.Const in the body, so ops that read constant operands (axes, shapes) can infer
static result types. A list is a variadic operand group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.builder import Builder
from tfc.ir.parser import parse_module
from tfc.ir.verifier import verify
from tfc.backends.interpreter import Interpreter
from tfc.dialects.builtin import ModuleOp
from tfc.dialects.func import FuncOp, ReturnOp
from tfc.dialects.tf.core_ops import ConstOp
from tfc.frontend import dtypes as D


@dataclass
class const:
    value: object
    dtype: object = None

    def array(self):
        return np.asarray(self.value, dtype=self.dtype)


def tensor_type_of(array: np.ndarray, dynamic: bool = False) -> T.Type:
    et = D.as_dtype(array.dtype).ir
    shape = tuple(None if dynamic else d for d in array.shape)
    return T.TensorType(shape, et)


def build_module(op_class, inputs, result_types=None, dynamic=False, **attrs):
    """A module with `func.func @f` applying one op; returns (module, op, runtime args)."""
    args, arg_types = [], []
    for group in inputs:
        for x in (group if isinstance(group, list) else [group]):
            if not isinstance(x, const):
                array = np.asarray(x)
                args.append(array)
                arg_types.append(tensor_type_of(array, dynamic))
    func = FuncOp.create("f", arg_types, [])
    block = func.entry
    arguments = iter(block.arguments)
    values = []
    for group in inputs:
        items = group if isinstance(group, list) else [group]
        vals = []
        for x in items:
            if isinstance(x, const):
                array = x.array()
                c = ConstOp.of(array, D.as_dtype(array.dtype).ir)
                block.append(c)
                vals.append(c.output)
            else:
                vals.append(next(arguments))
        values.append(vals if isinstance(group, list) else vals[0])
    op = op_class.create(*values, result_types=result_types, **attrs)
    block.append(op)
    block.append(ReturnOp.build(list(op.results)))
    func.function_type = A.TypeAttr(T.FunctionType(tuple(arg_types), tuple(r.type for r in op.results)))
    module = ModuleOp.create()
    module.regions[0].blocks[0].append(func)
    return module, op, args


def run_op(op_class, *inputs, result_types=None, dynamic=False, **attrs) -> list:
    """Build, verify, round-trip (print, parse, print again: identical) and interpret; then,
    when the CPU backend lowers the op, compile it and check that native code computes the same."""
    module, op, args = build_module(op_class, inputs, result_types, dynamic, **attrs)
    verify(module)
    text = str(module)
    reparsed = parse_module(text)
    verify(reparsed)
    assert str(reparsed) == text
    results = Interpreter().call(reparsed, "f", *args)
    check_compiled(text, args, results)
    return results


def check_compiled(text: str, args, expected) -> None:
    """Native code for the function in `text` gives `expected` (exactly for integers and bools)."""
    from tfc.backends.cpu import Target, compile_jit
    from tfc.backends.cpu.pipeline import lower, vector_width_for
    from tfc.passes.tf_to_linalg import UnsupportedOpError
    module = parse_module(text)
    target = Target.host()
    try:
        lower(module, "loops", vector_width=vector_width_for(target.features))
        function = compile_jit(module, target).function("f")
    except UnsupportedOpError:
        return  # the op is in NOT_LOWERED (or this form of it): the Session interprets it
    from tfc.backends.cpu.errors import CHECK_FAILED, CompiledError
    try:
        got = function(*[np.asarray(a).copy(order="C") for a in args])
    except CompiledError as err:
        if err.code == CHECK_FAILED and "dynamic dims differ" in err.message:
            return  # broadcasting decided at run time: the Session re-runs such a call interpreted
        raise
    for g, want in zip(got, expected):
        want = np.asarray(want)
        assert g.dtype == want.dtype and g.shape == want.shape, (g.dtype, g.shape, want.dtype, want.shape)
        if want.dtype.kind == "f":
            rtol = 2e-3 if want.dtype == np.float16 else 2e-5
            np.testing.assert_allclose(g, want, rtol=rtol, atol=rtol * 1e-2, equal_nan=True)
        else:
            np.testing.assert_array_equal(g, want)


def result_types_of(op_class, *inputs, **attrs) -> list:
    """The result types the op infers for these inputs."""
    _, op, _ = build_module(op_class, inputs, **attrs)
    return [r.type for r in op.results]
