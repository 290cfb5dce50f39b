"""`tf.cond` and `tf.while_loop`: branch and loop bodies are built into the regions of one
tf.If / tf.While op. Only the taken branch runs, and in it only what its outputs need (TF1's
rule: a side effect in a branch runs when an output depends on it)."""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.core import Block, Region

from tfc.dialects.tf.base import tensor_type
from tfc.dialects.tf.control_flow import IfOp, WhileOp, YieldOp
from tfc.dialects.tf.types import ControlType
from tfc.frontend import dtypes as D
from tfc.frontend.framework import convert_to_tensor, graph_of
from tfc.frontend.graph import Operation, Tensor, get_default_graph
from tfc.frontend.tensor_shape import TensorShape, as_shape


class _ArgRef:
    """A block argument standing in for a Tensor while building a region's first ops."""

    def __init__(self, value):
        self.value = value
        self.op = None


# ----- structures -----------------------------------------------------------------------------

def _flatten(structure) -> list:
    if isinstance(structure, (list, tuple)):
        return [x for item in structure for x in _flatten(item)]
    if isinstance(structure, dict):
        return [x for key in sorted(structure) for x in _flatten(structure[key])]
    return [structure]


def _pack(structure, flat: list, start: int = 0):
    """Rebuild `structure` from `flat`; returns (packed, next index)."""
    if isinstance(structure, (list, tuple)):
        items = []
        for item in structure:
            packed, start = _pack(item, flat, start)
            items.append(packed)
        return (type(structure)(items) if isinstance(structure, list) else tuple(items)), start
    if isinstance(structure, dict):
        out = {}
        for key in sorted(structure):
            out[key], start = _pack(structure[key], flat, start)
        return out, start
    return flat[start], start + 1


def _same_structure(a, b) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same_structure(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return sorted(a) == sorted(b) and all(_same_structure(a[k], b[k]) for k in a)
    return not isinstance(a, (list, tuple, dict)) and not isinstance(b, (list, tuple, dict))


def _common_type(a: T.Type, b: T.Type) -> T.Type:
    """The most precise type both `a` and `b` are instances of (dims that differ become ?)."""
    if a == b:
        return a
    if not (isinstance(a, T.TensorType) and isinstance(b, T.TensorType)) or a.rank != b.rank:
        return T.UnrankedTensorType(T.element_type(a))
    return tensor_type([x if x == y else None for x, y in zip(a.shape, b.shape)], a.element_type)


# ----- cond -------------------------------------------------------------------------------------

def _branch_values(items, graph) -> list:
    values = []
    for x in items:
        if isinstance(x, Operation):
            values.append(x.control_value)
        else:
            values.append(convert_to_tensor(x).value)
    return values


def _build_branch(fn, graph, what):
    block = Block()
    with graph._building_in(block), graph.control_dependencies(None), graph.name_scope(what):
        out = fn()
        if out is None:
            raise ValueError(f"{what} must return a value (a tensor, an op, or a structure of them)")
        values = _branch_values(_flatten(out), graph)
        block.append(YieldOp.build(values))
    return block, out, values


def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    """Runs `true_fn()` when `pred` is true, else `false_fn()`; only that branch's ops run."""
    true_fn = true_fn if true_fn is not None else fn1
    false_fn = false_fn if false_fn is not None else fn2
    if not callable(true_fn) or not callable(false_fn):
        raise TypeError("true_fn and false_fn must be callable.")
    graph = graph_of(pred)
    pred = convert_to_tensor(pred)
    if pred.dtype != D.bool or (pred.shape.ndims not in (None, 0)):
        raise TypeError(f"pred must be a scalar bool tensor, got {pred!r}")
    with graph.name_scope(name or "cond") as scope:
        then_block, then_out, then_values = _build_branch(true_fn, graph, "true_fn")
        else_block, else_out, else_values = _build_branch(false_fn, graph, "false_fn")
        if not _same_structure(then_out, else_out) or len(then_values) != len(else_values):
            raise ValueError("true_fn and false_fn must return the same structure of outputs, got "
                             f"{then_out!r} and {else_out!r}")
        types = []
        for i, (a, b) in enumerate(zip(then_values, else_values)):
            if isinstance(a.type, ControlType) != isinstance(b.type, ControlType) or \
                    T.element_type(a.type) != T.element_type(b.type):
                raise ValueError(f"Outputs of true_fn and false_fn must have the same type(s): output #{i} is "
                                 f"{a.type} in true_fn and {b.type} in false_fn")
            types.append(a.type if isinstance(a.type, ControlType) else _common_type(a.type, b.type))
        op = graph.create_op(IfOp, [pred], name=scope, result_types=types,
                             regions=[Region([then_block]), Region([else_block])])
    outputs = iter(op.outputs)  # the data results; a control result stands for the op itself
    flat = [op if isinstance(t, ControlType) else next(outputs) for t in types]
    packed, _ = _pack(then_out, flat)
    if not strict and isinstance(packed, (list, tuple)) and len(packed) == 1:
        return packed[0]  # TF1's non-strict cond unpacks a one-element list
    return packed


# ----- while_loop -----------------------------------------------------------------------------------

def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, name=None, maximum_iterations=None, return_same_structure=False):
    """Repeats `body` while `cond` holds, over `loop_vars` (a structure of tensors)."""
    if not callable(cond) or not callable(body):
        raise TypeError("cond and body must be callable.")
    graph = graph_of(loop_vars)
    flat = [convert_to_tensor(v) for v in _flatten(loop_vars)]
    if not flat:
        raise ValueError("No loop variables provided")
    invariants = _flatten(shape_invariants) if shape_invariants is not None else [None] * len(flat)
    if len(invariants) != len(flat):
        raise ValueError("shape_invariants must have the same structure as loop_vars")
    types = []
    for t, inv in zip(flat, invariants):
        if inv is None:
            types.append(t.value.type)
            continue
        inv = as_shape(inv)
        if not inv.is_compatible_with(t.shape):
            raise ValueError(f"The shape invariant specified for {t.name} is not compatible with the initial shape "
                             f"of the loop variable. It enters the loop with shape {t.shape}, but the specified "
                             f"shape invariant is {inv}.")
        types.append(tensor_type(inv.as_tuple(), t.value.type.element_type))
    counter = maximum_iterations is not None
    with graph.name_scope(name or "while") as scope:
        if counter:
            from tfc.frontend.framework import constant
            limit = convert_to_tensor(maximum_iterations, dtype=D.int32, name="maximum_iterations")
            zero = constant(0, dtype=D.int32, name="iteration_counter")
            flat = [zero] + flat
            types = [zero.value.type] + types
        cond_block = Block(types)
        body_block = Block(types)
        structure = loop_vars
        with graph._building_in(cond_block), graph.control_dependencies(None):
            args = _loop_tensors(graph, cond_block, counter)
            keep_going = convert_to_tensor(cond(*_call_args(structure, args)))
            if keep_going.dtype != D.bool or keep_going.shape.ndims not in (None, 0):
                raise TypeError(f"while_loop cond must return a scalar bool tensor, got {keep_going!r}")
            if counter:
                keep_going = _and_below_limit(cond_block.arguments[0], limit, keep_going)
            cond_block.append(YieldOp.build([keep_going.value]))
        with graph._building_in(body_block), graph.control_dependencies(None):
            args = _loop_tensors(graph, body_block, counter)
            out = body(*_call_args(structure, args))
            if len(flat) - counter == 1 and not isinstance(out, (list, tuple)):
                out = [out]
            out_flat = [convert_to_tensor(v) for v in _flatten(out)]
            if len(out_flat) != len(flat) - counter:
                raise ValueError(f"body must return {len(flat) - counter} loop values (the structure of "
                                 f"loop_vars), got {len(out_flat)}")
            _check_loop_shapes(flat[counter:], types[counter:], out_flat)
            values = [t.value for t in out_flat]
            if counter:
                values = [_increment(body_block.arguments[0]).value] + values
            body_block.append(YieldOp.build(values))
        op = graph.create_op(WhileOp, [flat], attrs={"parallel_iterations": int(parallel_iterations)},
                             name=scope, result_types=types, regions=[Region([cond_block]), Region([body_block])])
    results = op.outputs[counter:]
    if isinstance(loop_vars, (list, tuple)) and len(loop_vars) == 1 and not return_same_structure:
        return results[0]
    packed, _ = _pack(loop_vars if isinstance(loop_vars, (list, tuple, dict)) else [loop_vars], results)
    if not isinstance(loop_vars, (list, tuple, dict)):
        return packed[0]
    return packed


def _call_args(structure, args):
    if isinstance(structure, (list, tuple)):
        packed, _ = _pack(list(structure), args)
        return packed
    packed, _ = _pack([structure], args)
    return packed


def _loop_tensors(graph, block, counter: bool) -> list:
    """An Identity of each loop value (as TF1's `while/Identity`), as Tensors for the user's fns."""
    from tfc.dialects.tf.core_ops import IdentityOp
    tensors = []
    for arg in block.arguments[1 if counter else 0:]:
        op = graph.create_op(IdentityOp, [_ArgRef(arg)], name="Identity")
        tensors.append(op.outputs[0])
    return tensors


def _and_below_limit(counter_arg, limit, keep_going):
    from tfc.dialects.tf import math_ops
    graph = get_default_graph()
    below = graph.create_op(math_ops.LessOp, [_ArgRef(counter_arg), limit], name="Less").outputs[0]
    return graph.create_op(math_ops.LogicalAndOp, [below, keep_going], name="LogicalAnd").outputs[0]


def _increment(counter_arg) -> Tensor:
    from tfc.dialects.tf import math_ops
    from tfc.frontend.framework import constant
    graph = get_default_graph()
    one = constant(1, dtype=D.int32, name="one")
    return graph.create_op(math_ops.AddV2Op, [_ArgRef(counter_arg), one], name="add").outputs[0]


def _check_loop_shapes(initial, types, outputs) -> None:
    for t, expected, out in zip(initial, types, outputs):
        if out.dtype.ir != T.element_type(expected):
            raise TypeError(f"Loop variable {t.name} enters the loop with type {t.dtype.name}, but has type "
                            f"{out.dtype.name} after one iteration.")
        declared = TensorShape(expected.shape if isinstance(expected, T.TensorType) else None)
        if not _is_refinement(out.shape, declared):
            raise ValueError(f"Input tensor '{t.name}' enters the loop with shape {declared}, but has shape "
                             f"{out.shape} after one iteration. To allow the shape to vary across iterations, use "
                             "the `shape_invariants` argument of tf.while_loop to specify a less-specific shape.")


def _is_refinement(shape: TensorShape, invariant: TensorShape) -> bool:
    if invariant.ndims is None:
        return True
    if shape.ndims is None or shape.ndims != invariant.ndims:
        return False
    return all(b is None or a == b for a, b in zip(shape.as_list(), invariant.as_list()))
