"""Every tf op has a CPU lowering in tf-to-linalg or is listed in NOT_LOWERED with its reason
(docs/cpu_backend.md), and the two registries agree with each other."""

import pytest

import tfc.dialects.tf  # noqa: F401 - registers the ops
from tfc.ir.opdef import OPS
from tfc.passes.tf_to_linalg import LOWERINGS, NOT_LOWERED

# every op of the tf dialect, tf.Yield included (it is lowered with its If / While)
TF_OPS = sorted(name for name in OPS if name.startswith("tf."))


def test_the_registries_hold_tf_op_classes():
    for cls in [*LOWERINGS, *NOT_LOWERED]:
        assert cls.name.startswith("tf.") and OPS.get(cls.name) is cls, cls
    for cls, lower in LOWERINGS.items():
        assert callable(lower), cls.name


def test_nothing_is_both_lowered_and_not_lowered():
    assert not set(LOWERINGS) & set(NOT_LOWERED)


@pytest.mark.parametrize("name", TF_OPS)
def test_op_is_lowered_or_says_why_not(name):
    cls = OPS[name]
    if cls in LOWERINGS:
        return
    assert cls in NOT_LOWERED, f"{name} has no lowering in tf-to-linalg and is not in NOT_LOWERED"
    reason = NOT_LOWERED[cls]
    assert isinstance(reason, str) and reason.strip(), f"{name} is in NOT_LOWERED without a reason"
