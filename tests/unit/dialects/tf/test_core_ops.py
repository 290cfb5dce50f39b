import numpy as np
import pytest

from tf_harness import const, result_types_of, run_op
from tfc.dialects.tf.core_ops import ConstOp, IdentityOp, NoOp, PlaceholderOp, StopGradientOp
from tfc.errors import InvalidArgumentError
from tfc.ir import types as T


def test_identity_and_stop_gradient_pass_values_through():
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    for cls in (IdentityOp, StopGradientOp):
        out, = run_op(cls, x)
        np.testing.assert_array_equal(out, x)
        assert out.dtype == np.float32


def test_const_interprets_to_its_value():
    out, = run_op(IdentityOp, const(np.array([1, 2, 3], np.int32)))
    np.testing.assert_array_equal(out, [1, 2, 3])
    assert out.dtype == np.int32


def test_placeholder_infers_dynamic_dims_and_unknown_rank():
    op = PlaceholderOp.create(dtype=T.f32, shape=[-1, 3])
    assert str(op.output.type) == "tensor<?x3xf32>"
    op = PlaceholderOp.create(dtype=T.i32)
    assert str(op.output.type) == "tensor<*xi32>"


def test_unfed_placeholder_fails_naming_it():
    op = PlaceholderOp.create(dtype=T.f32, shape=[2])
    with pytest.raises(InvalidArgumentError, match="must feed a value for placeholder tensor"):
        op.interpret(None)


def test_noop_gives_a_control_result():
    assert str(NoOp.create().control.type) == "!tf.control"


def test_placeholder_with_default_passes_its_input_with_a_looser_type():
    from tfc.dialects.tf.core_ops import PlaceholderWithDefaultOp
    x = np.ones((2, 3), np.float32)
    out, = run_op(PlaceholderWithDefaultOp, x, shape=[-1, 3])
    np.testing.assert_array_equal(out, x)
    assert str(result_types_of(PlaceholderWithDefaultOp, x, shape=[-1, 3])[0]) == "tensor<?x3xf32>"


def test_range_like_numpy():
    from tfc.dialects.tf.math_ops import RangeOp
    out, = run_op(RangeOp, np.int32(2), np.int32(11), np.int32(3))
    np.testing.assert_array_equal(out, [2, 5, 8])
    out, = run_op(RangeOp, const(np.float32(1)), const(np.float32(0)), const(np.float32(-0.25)))
    np.testing.assert_allclose(out, [1, 0.75, 0.5, 0.25])
    assert str(result_types_of(RangeOp, const(np.int32(0)), const(np.int32(5)), const(np.int32(2)))[0]) \
        == "tensor<3xi32>"
    with pytest.raises(InvalidArgumentError, match="Requires delta != 0"):
        run_op(RangeOp, np.int32(0), np.int32(3), np.int32(0))
