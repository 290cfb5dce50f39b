"""Graph-structure functions: `tf.group`, `tf.no_op`, `tf.Print`, `tf.Assert`, and the scope
context managers `tf.name_scope`, `tf.control_dependencies`, `tf.device`."""

from __future__ import annotations

import contextlib

from tfc.dialects.tf import state_ops
from tfc.dialects.tf.core_ops import NoOp
from tfc.frontend.framework import build, convert_to_tensor, graph_of
from tfc.frontend.graph import Operation, Tensor, get_default_graph


def _control_op(x) -> Operation:
    if hasattr(x, "_as_control_op"):
        x = x._as_control_op()
    if isinstance(x, Tensor):
        return x.op
    if isinstance(x, Operation):
        return x
    raise TypeError(f"Expected an Operation or a Tensor, got {x!r}")


def _flatten(items):
    for x in items:
        if isinstance(x, (list, tuple)):
            yield from _flatten(x)
        elif isinstance(x, dict):
            yield from _flatten(list(x.values()))
        elif x is not None:
            yield x


def group(*inputs, name=None) -> Operation:
    """A NoOp that runs after all `inputs` (ops or tensors)."""
    ops = [_control_op(x) for x in _flatten(inputs)]
    graph = graph_of(*ops) if ops else get_default_graph()
    return graph.create_op(NoOp, [], name=name or "group_deps", control_inputs=ops)


def no_op(name=None) -> Operation:
    return get_default_graph().create_op(NoOp, [], name=name or "NoOp")


def Print(input_, data, message=None, first_n=None, summarize=None, name=None) -> Tensor:  # noqa: N802 - TF's name
    """Identity on `input_` that prints `message` and `data` to stderr each time it runs."""
    x = convert_to_tensor(input_)
    values = [convert_to_tensor(d) for d in data]
    attrs = {"message": message or "", "first_n": -1 if first_n is None else int(first_n),
             "summarize": 3 if summarize is None else int(summarize)}
    return build(state_ops.PrintOp, [x, values], name, "Print", attrs).outputs[0]


def Assert(condition, data, summarize=None, name=None) -> Operation:  # noqa: N802 - TF's name
    """Fails the run with InvalidArgumentError("assertion failed: ...") when `condition` is false.

    Leading strings in `data` become the message (tfc has no string tensors)."""
    condition = convert_to_tensor(condition)
    messages, values = [], []
    for d in data:
        if isinstance(d, (str, bytes)) and not values:
            messages.append(d.decode() if isinstance(d, bytes) else d)
        elif isinstance(d, (str, bytes)):
            raise TypeError("tf.Assert: string entries of `data` must come before tensors in tfc")
        else:
            values.append(convert_to_tensor(d))
    attrs = {"summarize": 3 if summarize is None else int(summarize)}
    if messages:
        attrs["message"] = "] [".join(messages)
    return build(state_ops.AssertOp, [condition, values], name, "Assert", attrs)


def control_dependencies(control_inputs):
    return get_default_graph().control_dependencies(control_inputs)


def device(device_name):
    return get_default_graph().device(device_name)


@contextlib.contextmanager
def name_scope(name, default_name=None, values=None):
    graph = graph_of(*(values or [])) if values else get_default_graph()
    with graph.name_scope(name if name is not None else default_name) as scope:
        yield scope


def get_name_scope() -> str:
    return get_default_graph().get_name_scope()


def tuple_(tensors, name=None, control_inputs=None):
    """`tf.tuple`: the tensors, each available only after all of them are computed."""
    graph = get_default_graph()
    with graph.name_scope(name or "tuple"):
        gate = group(*tensors, *(control_inputs or []))
        from tfc.dialects.tf.core_ops import IdentityOp
        out = []
        for t in tensors:
            if t is None:
                out.append(None)
                continue
            out.append(build(IdentityOp, [convert_to_tensor(t)], None, "control_dependency",
                             control_inputs=[gate]).outputs[0])
        return out
