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
    """Build, verify, round-trip (print, parse, print again: identical) and interpret."""
    module, op, args = build_module(op_class, inputs, result_types, dynamic, **attrs)
    verify(module)
    text = str(module)
    reparsed = parse_module(text)
    verify(reparsed)
    assert str(reparsed) == text
    return Interpreter().call(reparsed, "f", *args)


def result_types_of(op_class, *inputs, **attrs) -> list:
    """The result types the op infers for these inputs."""
    _, op, _ = build_module(op_class, inputs, **attrs)
    return [r.type for r in op.results]
