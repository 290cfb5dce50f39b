"""`tf-resources-to-args`: variables become function arguments.

In each func.func, every distinct variable (a `tf.VarHandleOp`'s `shared_name`) becomes one
new trailing argument `memref<shape x et>` with the argument attribute
`{tfc.variable = "<shared_name>"}`, in the order the handles first appear. Then:

    %x = "tf.ReadVariableOp"(%h)          ->  %x = "bufferization.to_tensor"(%var)
    "tf.AssignVariableOp"(%h, %v)         ->  "bufferization.materialize_in_destination"(%v, %var) <{writable}>
    "tf.AssignAddVariableOp"(%h, %v)      ->  %old = "bufferization.to_tensor"(%var)
                                              %new = "tf.AddV2"(%old, %v)      (tf.Sub for AssignSub)
                                              "bufferization.materialize_in_destination"(%new, %var) <{writable}>

Reads and writes stay where the tf ops were (also inside tf.If / tf.While regions, which see
the function's arguments), so block order keeps their order; the control operands of these
ops and the uses of an assignment's `!tf.control` result as a control input are dropped (block
order already respects every control edge). A variable must have a static shape, and a handle
may only be read or assigned: anything else raises `UnsupportedOpError` at the op.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.builder import Builder
from tfc.ir.passes import Pass

from tfc.dialects.bufferization import MaterializeInDestinationOp, ToTensorOp
from tfc.dialects.func import FuncOp
from tfc.dialects.tensor import CastOp
from tfc.dialects.tf import math_ops as tfm
from tfc.dialects.tf import state_ops as tfs
from tfc.dialects.tf.base import TFOp
from tfc.passes.tf_to_linalg.common import unsupported
from tfc.passes.tf_to_linalg.state import NOT_LOWERED

VARIABLE_ATTR = "tfc.variable"

# AssignAdd / AssignSub: the tf op that computes the new value from the old one and the operand.
UPDATES = {tfs.AssignAddVariableOp: tfm.AddV2Op, tfs.AssignSubVariableOp: tfm.SubOp}


def variable_memref_type(handle: tfs.VarHandleOp) -> T.MemRefType:
    """The buffer type of a handle's variable; an error at the handle when it is not static."""
    value_type = handle.resource.type.value_type
    if not isinstance(value_type, T.TensorType) or not value_type.has_static_shape:
        name = handle.shared_name.value
        raise unsupported(handle, f"the variable '{name}' needs a static shape, got {value_type}")
    return T.MemRefType(tuple(value_type.shape), value_type.element_type)


def add_variable_argument(func: FuncOp, name: str, t: T.MemRefType, location):
    """Append an argument of type `t` marked `{tfc.variable = name}` to `func`."""
    arg = func.entry.add_argument(t, location)
    ftype = func.type
    func.function_type = A.TypeAttr(T.FunctionType(tuple(ftype.inputs) + (t,), tuple(ftype.results)))
    old = func.arg_attrs
    attrs = list(old) if old is not None else [A.DictionaryAttr.get({})] * (len(ftype.inputs))
    attrs.append(A.DictionaryAttr.get({VARIABLE_ATTR: A.StringAttr(name)}))
    func.arg_attrs = A.ArrayAttr(tuple(attrs))
    return arg


def variable_arguments(func: FuncOp, first: int) -> list:
    """(variable name, type) of the arguments from `first` on, each marked `{tfc.variable}`
    (what `add_variable_argument` appended); ValueError for one that is not."""
    attrs = func.arg_attrs
    found = []
    for i, t in enumerate(func.type.inputs[first:], first):
        entry = attrs[i].get_item(VARIABLE_ATTR) if attrs is not None else None
        if entry is None:
            raise ValueError(f"argument #{i} of '{func.sym_name.value}' is neither an input nor a variable")
        found.append((entry.value, t))
    return found


def drop_control_use(use) -> None:
    """Remove one use of a value as a control input of a tf op (block order keeps the order)."""
    user = use.owner
    if not isinstance(user, TFOp) or use.index < user.num_data_operands:
        raise unsupported(user, "it uses the result of a variable assignment as data")
    operands = user.operands
    del operands[use.index]
    user.set_operands(operands)
    sizes = user.properties.get("operandSegmentSizes")
    if isinstance(sizes, A.DenseArrayAttr):
        user.properties["operandSegmentSizes"] = A.DenseArrayAttr(T.i32, sizes.values[:-1] + (sizes.values[-1] - 1,))


def _as_type(b: Builder, value, t: T.Type):
    """`value` as type `t` (a tensor.cast when the static information differs)."""
    if value.type == t:
        return value
    return b.create(CastOp, value, result_types=[t]).result


def _read(b: Builder, var):
    return b.create(ToTensorOp, var).result


def _write(b: Builder, value, var) -> None:
    tensor_type = T.TensorType(tuple(var.type.shape), var.type.element_type)
    b.create(MaterializeInDestinationOp, _as_type(b, value, tensor_type), var, writable=A.UnitAttr(),
             result_types=[])


def lower_use(op, var) -> None:
    """Replace one read or assignment of a variable by the ops on its buffer `var`."""
    b = Builder.before(op)
    if isinstance(op, tfs.ReadVariableOp):
        op.value.replace_all_uses_with(_as_type(b, _read(b, var), op.value.type))
        op.erase()
        return
    if not isinstance(op, (tfs.AssignVariableOp, *UPDATES)):
        raise unsupported(op, NOT_LOWERED.get(type(op)) or "a variable handle may only be read or assigned")
    value = op.value
    update = UPDATES.get(type(op))
    if update is not None:
        tensor_type = T.TensorType(tuple(var.type.shape), var.type.element_type)
        old = _read(b, var)
        value = b.insert(update.create(old, _as_type(b, value, tensor_type), result_types=[tensor_type],
                                       location=op.location)).results[0]
    _write(b, value, var)
    for use in list(op.control.uses):
        drop_control_use(use)
    op.erase()


def resources_to_args(func: FuncOp) -> None:
    """Turn the variables of one function into trailing memref arguments (see the module doc)."""
    if func.is_declaration:
        return
    handles = [op for op in func.walk(pre_order=True) if isinstance(op, tfs.VarHandleOp)]
    variables: dict[str, object] = {}
    for handle in handles:
        name = handle.shared_name.value
        t = variable_memref_type(handle)
        var = variables.get(name)
        if var is None:
            var = variables[name] = add_variable_argument(func, name, t, handle.location)
        elif var.type != t:
            raise unsupported(handle, f"the variable '{name}' is also used with type {var.type}")
        for use in list(handle.resource.uses):
            user = use.owner
            if isinstance(user, TFOp) and use.index >= user.num_data_operands:
                drop_control_use(use)
            elif use.index == 0:
                lower_use(user, var)
            else:
                raise unsupported(user, "a variable handle may only be read or assigned")
        handle.erase()


class TFResourcesToArgsPass(Pass):
    name = "tf-resources-to-args"
    summary = "Turn tf variables into memref function arguments, reads/writes into bufferization ops"

    def run(self, op) -> None:
        funcs = [op] if isinstance(op, FuncOp) else [f for f in op.walk(pre_order=True) if isinstance(f, FuncOp)]
        for func in funcs:
            resources_to_args(func)
