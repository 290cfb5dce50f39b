"""`tfc.export`: declare a signature for ahead-of-time compilation.

    tfc.export("predict", inputs={"x": x}, outputs={"y": y})
    tfc.export("train_step", inputs={"x": x, "y": y}, outputs={"loss": loss}, targets=[train_op])

Names become C identifiers in the generated header, so they must be valid ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tfc.frontend.framework import graph_of
from tfc.frontend.graph import Operation, Tensor, describe_location, user_location

_C_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Export:
    name: str
    inputs: dict = field(default_factory=dict)
    outputs: dict = field(default_factory=dict)
    targets: list = field(default_factory=list)
    location: object = None


def _check_name(name, what):
    if not isinstance(name, str) or not _C_IDENTIFIER.match(name):
        raise ValueError(f"tfc.export: {what} name {name!r} must be a C identifier ([A-Za-z_][A-Za-z0-9_]*)")


def export(name, inputs=None, outputs=None, targets=None) -> Export:
    inputs, outputs, targets = dict(inputs or {}), dict(outputs or {}), list(targets or [])
    _check_name(name, "export")
    if not outputs and not targets:
        raise ValueError(f"tfc.export('{name}'): give outputs or targets (or both)")
    for kind, items in (("input", inputs), ("output", outputs)):
        for key, value in items.items():
            _check_name(key, kind)
            if hasattr(value, "_as_tensor") and kind == "output":
                items[key] = value._as_tensor()
            elif not isinstance(value, Tensor):
                raise TypeError(f"tfc.export('{name}'): {kind} '{key}' must be a tf.Tensor, got {value!r}")
    clash = set(inputs) & set(outputs)
    if clash:
        raise ValueError(f"tfc.export('{name}'): names used as both input and output: {sorted(clash)}")
    resolved = []
    for t in targets:
        if isinstance(t, Tensor):
            t = t.op
        elif hasattr(t, "_as_control_op"):
            t = t._as_control_op()
        if not isinstance(t, Operation):
            raise TypeError(f"tfc.export('{name}'): targets must be ops, got {t!r}")
        resolved.append(t)
    graph = graph_of(*inputs.values(), *outputs.values(), *resolved)
    for existing in graph.exports:
        if existing.name == name:
            where = describe_location(existing.location)
            raise ValueError(f"tfc.export: '{name}' is already exported" + (f" (at {where})" if where else ""))
    item = Export(name, inputs, outputs, resolved, user_location())
    graph.exports.append(item)
    return item
