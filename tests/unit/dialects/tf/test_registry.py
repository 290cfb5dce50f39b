"""Every tf op has all of its rules: a documented textual form, shape inference (or explicit
result types for region ops), an interpreter rule, a numeric test and a lit test."""

from pathlib import Path

import pytest

import tfc.dialects.tf  # noqa: F401 - registers the ops
from tfc.dialects.tf.base import TFOp
from tfc.dialects.tf.control_flow import IfOp, WhileOp
from tfc.ir.opdef import OPS

ROOT = Path(__file__).resolve().parents[4]
TF_OPS = sorted(name for name in OPS if name.startswith("tf."))
REGION_OPS = {IfOp.name, WhileOp.name}  # result types come from their bodies, not inference


def _texts(folder: str, suffix: str) -> str:
    return "\n".join(p.read_text() for p in (ROOT / folder).rglob(f"*{suffix}"))


LIT = _texts("tests/lit/dialects/tf", ".mlir")
UNIT = _texts("tests/unit", ".py") + _texts("tests/golden", ".py")


def test_the_dialect_has_the_ops_the_frontend_needs():
    assert len(TF_OPS) >= 85


@pytest.mark.parametrize("name", TF_OPS)
def test_op_has_its_rules(name):
    cls = OPS[name]
    assert cls.__doc__ and f'"{name}"' in cls.__doc__, "the docstring shows the op's textual form"
    assert f'"{name}"' in LIT, "a lit test prints and parses it"
    if not issubclass(cls, TFOp):
        return  # tf.Yield: a terminator, read by its parent
    assert cls.compute is not TFOp.compute, "it has an interpreter rule"
    if name not in REGION_OPS:
        assert cls.infer is not TFOp.infer, "it infers its result types"
    type_name = name.split(".", 1)[1]
    assert f"{cls.__name__}" in UNIT or f"tf.{type_name}" in UNIT or f'"{type_name}"' in UNIT, \
        "a numeric test runs it"
