"""Every op of the loops-level dialects has a translation rule, or is listed here with why."""

import inspect

import pytest

from tfc.backends.cpu import Target
from tfc.ir.opdef import Op
from tfc.ir.parser import parse_module
from tfc.passes.tf_to_linalg.common import UnsupportedOpError
from tfc.dialects import cf, func, math, memref, scf, vector
from tfc.dialects.arith import cast_ops, float_ops, int_ops
from tfc.backends.cpu.translate import translate_module  # noqa: F401 (registers the rules)
from tfc.backends.cpu.translate.context import LOWERINGS

NOT_TRANSLATED = {
    "scf.yield": "read by its parent op",
    "scf.condition": "read by scf.while",
    "scf.reduce": "read by scf.parallel",
    "scf.reduce.return": "read by scf.parallel",
    "func.func": "translated by translate_module (with the ABI wrapper)",
    "func.return": "read by the function's translation",
    "func.call_indirect": "function values do not exist at loops level",
    "func.constant": "function values do not exist at loops level",
}


def _op_classes():
    for module in (int_ops, float_ops, cast_ops, math, memref, scf, vector, func, cf):
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, Op) and cls.__module__ == module.__name__ \
                    and isinstance(getattr(cls, "name", None), str) and "." in cls.name:
                yield cls


def test_every_op_has_a_rule_or_a_reason():
    missing = []
    for cls in _op_classes():
        if cls.name in NOT_TRANSLATED:
            continue
        if not any(c in LOWERINGS for c in cls.__mro__):
            missing.append(cls.name)
    assert missing == []


def test_unsupported_op_is_a_diagnostic():
    text = '''
func.func @f(%x: f32) -> f32 {
  %c = "func.constant"() <{value = @f}> : () -> ((f32) -> f32)
  %r = "func.call_indirect"(%c, %x) : ((f32) -> f32, f32) -> f32
  return %r : f32
}
'''
    with pytest.raises(UnsupportedOpError, match="'func.constant' is not supported by the CPU backend translator") as err:
        translate_module(parse_module(text, filename="f.mlir"), Target.host())
    assert "f.mlir:3:" in str(err.value)  # at the op (a Session falls back to the interpreter on it)
