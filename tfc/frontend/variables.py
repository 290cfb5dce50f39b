"""Variables: `tf.Variable`, `tf.get_variable` with `tf.variable_scope`, initializer groups.

A variable is a `tf.VarHandleOp` named as the variable ("W", so `W.name == "W:0"`), an
initializer `W/Assign` (`tf.AssignVariableOp` of the initial value) and, each time the
variable is used as a tensor, a fresh `tf.ReadVariableOp` in the current control-dependency
scope, so every use reads the value current when it runs.
"""

from __future__ import annotations

import contextlib

from tfc.dialects.tf import state_ops
from tfc.dialects.tf.base import shape_attr
from tfc.frontend import dtypes as D
from tfc.frontend.framework import build, convert_to_tensor, output
from tfc.frontend.graph import Operation, Tensor, describe_location, get_default_graph, user_location
from tfc.frontend.initializers import GlorotUniform, Zeros, as_initial_value
from tfc.frontend.tensor_shape import TensorShape, as_shape


class GraphKeys:
    GLOBAL_VARIABLES = "variables"
    VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    MODEL_VARIABLES = "model_variables"
    UPDATE_OPS = "update_ops"
    SUMMARIES = "summaries"
    LOSSES = "losses"
    GLOBAL_STEP = "global_step"
    TRAIN_OP = "train_op"
    REGULARIZATION_LOSSES = "regularization_losses"
    INIT_OP = "init_op"
    QUEUE_RUNNERS = "queue_runners"


class Variable:
    """A TF1 variable (held as a resource variable)."""

    def __init__(self, initial_value=None, trainable=True, collections=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None, expected_shape=None,
                 import_scope=None, constraint=None, use_resource=None, shape=None):
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        graph = get_default_graph()
        self._graph = graph
        self._location = user_location()
        with graph.name_scope(name or "Variable") as scope:
            handle_name = scope[:-1]
            with graph.name_scope("Initializer"), graph.control_dependencies(None):
                init = initial_value() if callable(initial_value) else initial_value
                init = convert_to_tensor(init, dtype=dtype)
            self.initial_value = init
            var_shape = as_shape(shape) if shape is not None else init.shape
            if not validate_shape and shape is None:
                var_shape = TensorShape(None)
            self._dtype = init.dtype
            self._shape = var_shape
            attrs = {"shared_name": handle_name, "dtype": self._dtype.ir, "shape": shape_attr(var_shape.as_tuple())}
            with graph.control_dependencies(None):
                self._handle_op = graph.create_op(state_ops.VarHandleOp, [], attrs=attrs, name=handle_name + "/",
                                                  location=self._location)
                self.initializer = build(state_ops.AssignVariableOp, [self.handle, init], "Assign")
        self.trainable = trainable
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections = list(collections) + [GraphKeys.TRAINABLE_VARIABLES]
        graph.add_to_collections(collections, self)

    # ----- identity -----------------------------------------------------------------------------

    @property
    def handle(self) -> Tensor:
        return self._handle_op.outputs[0]

    @property
    def op(self) -> Operation:
        return self._handle_op

    @property
    def name(self) -> str:
        return self.handle.name

    @property
    def graph(self):
        return self._graph

    @property
    def dtype(self) -> D.DType:
        return self._dtype

    @property
    def shape(self) -> TensorShape:
        return self._shape

    def get_shape(self) -> TensorShape:
        return self._shape

    @property
    def device(self) -> str:
        return self._handle_op.device

    def __repr__(self):
        return f"<tf.Variable '{self.name}' shape={self._shape} dtype={self._dtype.name}>"

    # ----- reading --------------------------------------------------------------------------------

    def _as_tensor(self, dtype=None) -> Tensor:
        if dtype is not None and D.as_dtype(dtype) != self._dtype:
            raise ValueError(f"Incompatible type conversion requested to type '{D.as_dtype(dtype).name}' for "
                             f"variable of type '{self._dtype.name}'")
        return self.value()

    def _as_graph_element(self):
        return self

    def _as_control_op(self):
        return self.initializer

    def value(self) -> Tensor:
        """A fresh read of the variable (it sees assignments that run before it)."""
        return output(state_ops.ReadVariableOp, [self.handle], None, "ReadVariableOp")

    def read_value(self) -> Tensor:
        return output(state_ops.ReadVariableOp, [self.handle], None, "read")

    def initialized_value(self) -> Tensor:
        from tfc.frontend.control_flow_api import cond
        return cond(self.is_variable_initialized(), self.read_value, lambda: self.initial_value)

    def is_variable_initialized(self) -> Tensor:
        return output(state_ops.VarIsInitializedOp, [self.handle], None, "IsInitialized")

    def eval(self, session=None):
        from tfc.frontend.session import get_default_session
        session = session or get_default_session()
        if session is None:
            raise ValueError("Cannot evaluate a variable without a default session; pass session=")
        return session.run(self)

    def load(self, value, session=None) -> None:
        from tfc.frontend.session import get_default_session
        session = session or get_default_session()
        session._load_variable(self, value)

    # ----- writing --------------------------------------------------------------------------------

    def _assign(self, op_class, value, name, default, read_value):
        value = convert_to_tensor(value, dtype=self._dtype)
        if not self._shape.is_compatible_with(value.shape) and op_class is state_ops.AssignVariableOp:
            raise ValueError(f"Shapes {self._shape} and {value.shape} are incompatible "
                             f"(assigning to variable '{self.op.name}')")
        graph = self._graph
        with graph.name_scope(name or default) as scope:
            assign = build(op_class, [self.handle, value], scope, None)
            if not read_value:
                return assign
            with graph.control_dependencies([assign]):
                read = output(state_ops.ReadVariableOp, [self.handle], None, "ReadVariableOp")
        return read

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._assign(state_ops.AssignVariableOp, value, name, "Assign", read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign(state_ops.AssignAddVariableOp, delta, name, "AssignAdd", read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign(state_ops.AssignSubVariableOp, delta, name, "AssignSub", read_value)


def _dense(v):
    return v.value() if isinstance(v, Variable) else v


# ----- module functions ------------------------------------------------------------------------

def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    return _variable(ref, "assign").assign(value, name=name)


def assign_add(ref, value, use_locking=None, name=None):
    return _variable(ref, "assign_add").assign_add(value, name=name)


def assign_sub(ref, value, use_locking=None, name=None):
    return _variable(ref, "assign_sub").assign_sub(value, name=name)


def _variable(ref, what):
    if not isinstance(ref, Variable):
        raise TypeError(f"tf.{what} needs a tf.Variable as its first argument, got {ref!r}")
    return ref


def global_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


all_variables = global_variables


def local_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def trainable_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def model_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.MODEL_VARIABLES, scope)


def variables_initializer(var_list, name="init") -> Operation:
    from tfc.frontend.state_api import group
    return group(*[v.initializer for v in var_list], name=name)


def global_variables_initializer() -> Operation:
    return variables_initializer(global_variables())


initialize_all_variables = global_variables_initializer


def local_variables_initializer() -> Operation:
    return variables_initializer(local_variables(), name="init_1")


def is_variable_initialized(variable) -> Tensor:
    return variable.is_variable_initialized()


# ----- variable scopes and get_variable -----------------------------------------------------------

class _ReuseMode:
    def __repr__(self):
        return "tf.AUTO_REUSE"


AUTO_REUSE = _ReuseMode()


class VariableScope:
    def __init__(self, reuse, name="", initializer=None, dtype=D.float32):
        self.name = name
        self.reuse = reuse
        self.initializer = initializer
        self.dtype = dtype
        self.original_name_scope = ""

    def reuse_variables(self):
        self.reuse = True

    def set_initializer(self, initializer):
        self.initializer = initializer


class _VariableStore:
    def __init__(self):
        self.variables: dict[str, Variable] = {}
        self.scopes = [VariableScope(False)]
        self.scope_counts: dict[str, int] = {}


def _store():
    graph = get_default_graph()
    if graph._variable_scope_store is None:
        graph._variable_scope_store = _VariableStore()
    return graph._variable_scope_store


def get_variable_scope() -> VariableScope:
    return _store().scopes[-1]


@contextlib.contextmanager
def variable_scope(name_or_scope, default_name=None, values=None, initializer=None, regularizer=None,
                   caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                   use_resource=None, constraint=None, auxiliary_name_scope=True):
    store = _store()
    outer = store.scopes[-1]
    graph = get_default_graph()
    if isinstance(name_or_scope, VariableScope):
        full = name_or_scope.name
        name_scope = name_or_scope.original_name_scope or (full + "/" if full else "")
        reuse = True if reuse is None and name_or_scope.reuse is True else (reuse or name_or_scope.reuse)
    else:
        if name_or_scope is None:
            if default_name is None:
                raise TypeError("If default_name is None then name_or_scope is required")
            base = f"{outer.name}/{default_name}" if outer.name else default_name
            count = store.scope_counts.get(base, 0)
            store.scope_counts[base] = count + 1
            full = base if count == 0 else f"{base}_{count}"
        else:
            full = f"{outer.name}/{name_or_scope}" if outer.name else name_or_scope
            store.scope_counts[full] = store.scope_counts.get(full, 0) + 1
        name_scope = full.rsplit("/", 1)[-1]
    if reuse is None or reuse is False:
        reuse = outer.reuse if outer.reuse is True or outer.reuse is AUTO_REUSE else False  # inner scopes inherit reuse
    scope = VariableScope(reuse, full, initializer or outer.initializer, D.as_dtype(dtype) if dtype else outer.dtype)
    store.scopes.append(scope)
    try:
        if auxiliary_name_scope:
            with graph.name_scope(name_scope) as ns:
                scope.original_name_scope = ns
                yield scope
        else:
            yield scope
    finally:
        store.scopes.pop()


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True,
                 use_resource=None, custom_getter=None, constraint=None, synchronization=None,
                 aggregation=None):
    store = _store()
    scope = store.scopes[-1]
    full = f"{scope.name}/{name}" if scope.name else name
    existing = store.variables.get(full)
    if existing is not None:
        if scope.reuse is False or scope.reuse is None:
            where = describe_location(existing._location)
            raise ValueError(f"Variable {full} already exists, disallowed. Did you mean to set reuse=True or "
                             f"reuse=tf.AUTO_REUSE in VarScope?" + (f" Originally defined at: {where}" if where else ""))
        if shape is not None and not existing.shape.is_compatible_with(shape):
            raise ValueError(f"Trying to share variable {full}, but specified shape {as_shape(shape)} and found "
                             f"shape {existing.shape}.")
        if dtype is not None and D.as_dtype(dtype) != existing.dtype:
            raise ValueError(f"Trying to share variable {full}, but specified dtype {D.as_dtype(dtype).name} and "
                             f"found dtype {existing.dtype.name}.")
        return existing
    if scope.reuse is True:
        raise ValueError(f"Variable {full} does not exist, or was not created with tf.get_variable(). "
                         "Did you mean to set reuse=tf.AUTO_REUSE in VarScope?")
    initializer = initializer if initializer is not None else scope.initializer
    is_value = initializer is not None and (isinstance(initializer, Tensor) or not callable(initializer))
    if dtype is None and is_value:
        dtype = convert_to_tensor(initializer).dtype  # a value initializer gives its own dtype
    dtype = D.as_dtype(dtype) if dtype is not None else scope.dtype
    if initializer is None:
        initializer = GlorotUniform() if dtype.is_floating else Zeros()
    if shape is None and not is_value:
        raise ValueError(f"Shape of a new variable ({full}) must be fully defined, but instead was <unknown>.")
    if shape is not None:
        shape = as_shape(shape)
        if not shape.is_fully_defined():
            raise ValueError(f"Shape of a new variable ({full}) must be fully defined, but instead was {shape}.")

    def initial_value():
        if is_value:
            return convert_to_tensor(initializer, dtype=dtype)
        return as_initial_value(initializer, shape.as_list(), dtype)

    variable = Variable(initial_value, trainable=trainable if trainable is not None else True,
                        collections=collections, validate_shape=validate_shape, name=full + "/", dtype=dtype)
    store.variables[full] = variable
    return variable
