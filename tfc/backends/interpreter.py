"""The reference interpreter: runs IR op by op with numpy semantics. It is the test oracle.

    results = Interpreter().call(module, "main", np.float32(1.0), 3)   # -> list of results

Protocol. Each op class implements `interpret(self, ctx, *operand_values)` and returns one
value (single-result ops), a list or tuple (several results) or None (no results); `ctx` is
the running `Interpreter`. Ops with regions run them with `ctx.run_region(region, args)`,
which binds the entry block's arguments, runs the ops in order and returns the terminator
that ended the region with the values of its operands (`(None, [])` for an empty region or a
block without terminator). A terminator without successors (`scf.yield`, `func.return`, ...)
is never interpreted itself: its parent reads its operands. A terminator with successors
continues in another block of its region by returning `Branch(block, values)`.

Values are numpy scalars whose dtype is `numpy_dtype(type)` (bool for i1, int64 for index)
and numpy arrays for tensors, vectors and memrefs; a function value is its func.func op.
Results are checked against their types, so a rule that returns float64 for an f32 result
is reported instead of silently computing at the wrong precision. Python scalars returned
by a rule are converted (integers wrap to the type's width).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.core import Block, Operation, Region, Value
from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.opdef import Op
from tfc.ir.symbols import lookup_in
from tfc.ir.traits import IsTerminator


class InterpreterError(DiagnosticError):
    """An op could not be run: no rule, a bad runtime value, undefined behaviour."""


@dataclass
class Branch:
    """What a branching terminator's `interpret` returns: continue at `block` with `values`."""

    block: Block
    values: list = field(default_factory=list)


# ----- runtime values ---------------------------------------------------------------------

_SCALAR_TYPES = (T.IntegerType, T.IndexType, T.FloatType)
_SHAPED_TYPES = (T.TensorType, T.UnrankedTensorType, T.VectorType, T.MemRefType, T.UnrankedMemRefType)


def runtime_dtype(t: T.Type) -> np.dtype | None:
    """The numpy dtype of values of `t` (or of its elements), None for non-numeric types."""
    et = T.element_type(t)
    if not isinstance(et, _SCALAR_TYPES):
        return None
    try:
        return et.numpy_dtype()
    except ValueError:
        return None


def _scalar(x, dtype: np.dtype, t: T.Type):
    if dtype.kind == "b":
        return np.bool_(bool(int(x) & 1) if not isinstance(x, (bool, np.bool_)) else x)
    if dtype.kind in "iu":
        bits = dtype.itemsize * 8
        value = int(x) & ((1 << bits) - 1)
        if dtype.kind == "i" and value >= 1 << (bits - 1):
            value -= 1 << bits
        return dtype.type(value)
    et = T.element_type(t)
    if isinstance(et, T.FloatType) and et.kind == "bf16":
        return np.float32(A.round_float(float(x), et))
    with np.errstate(over="ignore"):
        return dtype.type(x)


def to_value(x, t: T.Type):
    """Convert a Python or numpy value to the runtime representation of type `t` (leniently)."""
    dtype = runtime_dtype(t)
    if dtype is None:
        return x
    if isinstance(t, _SHAPED_TYPES):
        return np.asarray(x, dtype=dtype)
    if isinstance(x, np.ndarray):
        if x.ndim != 0:
            raise TypeError(f"an array of shape {list(x.shape)} is not a value of type {t}")
        x = x[()]
    return _scalar(x, dtype, t)


def attr_to_value(attr: A.Attribute, t: T.Type | None = None):
    """The runtime value of a constant attribute (e.g. a `value` property)."""
    t = t if t is not None else getattr(attr, "type", None)
    if isinstance(attr, A.DenseElementsAttr):
        return np.array(attr.data)
    if isinstance(attr, (A.IntegerAttr, A.BoolAttr, A.FloatAttr)):
        return to_value(attr.value, t if t is not None else attr.type)
    raise TypeError(f"attribute {attr} has no runtime value")


def _describe(x) -> str:
    if isinstance(x, (np.ndarray, np.generic)):
        shape = f" of shape {list(x.shape)}" if isinstance(x, np.ndarray) else ""
        return f"a {x.dtype} {'array' if shape else 'scalar'}{shape}"
    return f"a Python {type(x).__name__}"


def check_value(x, t: T.Type):
    """`x` as a value of type `t`, or a TypeError saying why it is not one."""
    dtype = runtime_dtype(t)
    if dtype is None:
        return x
    if isinstance(x, (bool, int, float)) and not isinstance(x, np.generic) and not isinstance(t, _SHAPED_TYPES):
        return _scalar(x, dtype, t)
    if isinstance(x, np.ndarray) and x.ndim == 0 and not isinstance(t, _SHAPED_TYPES):
        x = x[()]
    if not isinstance(x, (np.generic, np.ndarray)) or x.dtype != dtype:
        raise TypeError(f"{_describe(x)} is not a value of type {t} (expected dtype {dtype})")
    if not isinstance(t, _SHAPED_TYPES):
        if isinstance(x, np.ndarray):
            raise TypeError(f"{_describe(x)} is not a value of scalar type {t}")
        return x
    x = np.asarray(x)
    if t.has_rank:
        if x.ndim != t.rank or any(d is not None and d != s for d, s in zip(t.shape, x.shape)):
            raise TypeError(f"{_describe(x)} does not have the shape of {t}")
    return x


# ----- the interpreter --------------------------------------------------------------------

class Interpreter:
    """Runs functions of a module. `trace` collects what side-effecting test ops record;
    `max_steps` bounds the number of ops executed (None: unbounded). `resources` is the state
    that stateful ops keep across calls (variables, random generators), owned by the caller
    (a Session passes the same dict to every run)."""

    def __init__(self, max_steps: int | None = None, resources: dict | None = None):
        self.frames: list[dict[Value, object]] = [{}]
        self.resources = resources if resources is not None else {}
        self.trace: list = []
        self.max_steps = max_steps
        self.steps = 0

    # ----- entry points -----------------------------------------------------------------

    def call(self, module: Operation, name: str, *args) -> list:
        """Run the func.func named `name` in `module` on `args` (converted to its input types)."""
        func = lookup_in(module, A.SymbolRefAttr(name))
        if func is None or func.name != "func.func":
            raise InterpreterError(f"no function named '@{name}' to call", module.location)
        ftype = func.get_attr("function_type").value
        if len(args) != len(ftype.inputs):
            raise InterpreterError(f"'@{name}' takes {len(ftype.inputs)} arguments, got {len(args)}", func.location)
        values = [to_value(a, t) for a, t in zip(args, ftype.inputs)]
        return self.call_function(func, values)

    def call_function(self, func: Operation | None, args) -> list:
        """Run a func.func's body in a fresh frame; the values its return terminator returns."""
        if func is None:
            raise InterpreterError("call of a function that does not resolve to a func.func")
        name = func.get_attr("sym_name")
        if not func.regions or not func.regions[0].blocks:
            raise InterpreterError(f"cannot call the declaration @{getattr(name, 'value', '?')}: it has no body",
                                   func.location)
        self.frames.append({})
        try:
            terminator, values = self.run_region(func.regions[0], list(args))
        finally:
            self.frames.pop()
        if terminator is None:
            raise InterpreterError(f"function @{getattr(name, 'value', '?')} ended without a terminator", func.location)
        return values

    # ----- regions and blocks -----------------------------------------------------------

    def run_region(self, region: Region, args=()) -> tuple[Operation | None, list]:
        """Run `region` from its entry block with `args`; (terminator, its operand values)."""
        if not region.blocks:
            if args:
                raise InterpreterError(f"{len(args)} values passed to an empty region", _loc(region))
            return None, []
        block, values = region.blocks[0], list(args)
        while True:
            self._bind_arguments(block, values)
            outcome = self._run_block(block)
            if not isinstance(outcome, Branch):
                return outcome
            if outcome.block.parent is not region:
                raise InterpreterError("branch to a block of another region", _loc(region))
            block, values = outcome.block, list(outcome.values)

    def _bind_arguments(self, block: Block, values: list) -> None:
        if len(values) != len(block.arguments):
            raise InterpreterError(f"{len(values)} values passed to a block with {len(block.arguments)} arguments",
                                   _loc(block.parent))
        frame = self.frames[-1]
        for arg, value in zip(block.arguments, values):
            try:
                frame[arg] = check_value(value, arg.type)
            except TypeError as err:
                raise InterpreterError(f"block argument #{arg.index}: {err}", _loc(block.parent)) from None

    def _run_block(self, block: Block):
        last = block.last
        for op in block:
            if op is last and (op.successors or op.has_trait(IsTerminator)):
                if not op.successors:
                    return op, [self.value_of(v, op) for v in op.operands]
                outcome = self.execute(op)
                if not isinstance(outcome, Branch):
                    raise InterpreterError(f"'{op.name}' op has successors but its interpreter rule returned no Branch",
                                           op.location)
                return outcome
            if isinstance(self.execute(op), Branch):
                raise InterpreterError(f"'{op.name}' op branches but is not the terminator of its block", op.location)
        return None, []

    # ----- single ops -------------------------------------------------------------------

    def value_of(self, value: Value, user: Operation | None = None):
        try:
            return self.frames[-1][value]
        except KeyError:
            where = f"'{user.name}' op uses a value" if user is not None else "a value is used"
            raise InterpreterError(f"{where} that has not been computed (defined in another function, "
                                   "or its definition has not run)", user.location if user else None) from None

    def execute(self, op: Operation):
        """Run one op: its results are bound in the current frame; returns a Branch or None."""
        self.steps += 1
        if self.max_steps is not None and self.steps > self.max_steps:
            raise InterpreterError(f"exceeded the limit of {self.max_steps} executed operations", op.location)
        operands = [self.value_of(v, op) for v in op.operands]
        if not isinstance(op, Op):
            raise InterpreterError(f"'{op.name}' op has no interpreter rule (its dialect is not registered)",
                                   op.location)
        if type(op).interpret is Op.interpret:
            raise InterpreterError(f"'{op.name}' op has no interpreter rule", op.location)
        try:
            outcome = op.interpret(self, *operands)
        except DiagnosticError:
            raise
        except Exception as err:  # noqa: BLE001 - report which op failed, keep the cause
            raise InterpreterError(f"'{op.name}' op failed in the interpreter: {type(err).__name__}: {err}",
                                   op.location) from err
        if isinstance(outcome, Branch):
            if op.results:
                raise InterpreterError(f"'{op.name}' op has results but its interpreter rule branched", op.location)
            return outcome
        self._bind_results(op, outcome)
        return None

    def _bind_results(self, op: Operation, outcome) -> None:
        count = len(op.results)
        if isinstance(outcome, (list, tuple)):
            values = list(outcome)
        elif outcome is None and count != 1:
            values = []
        else:
            values = [outcome]
        if len(values) != count:
            raise InterpreterError(f"'{op.name}' op has {count} results but its interpreter rule returned "
                                   f"{len(values)} values", op.location)
        frame = self.frames[-1]
        for result, value in zip(op.results, values):
            try:
                frame[result] = check_value(value, result.type)
            except TypeError as err:
                raise InterpreterError(f"'{op.name}' op's interpreter rule gave result #{result.index} a bad value: {err}",
                                       op.location) from None


def _loc(region: Region | None):
    op = region.parent if region is not None else None
    return op.location if op is not None else None


def interpret(module: Operation, name: str, *args) -> list:
    """Shorthand for `Interpreter().call(module, name, *args)`."""
    return Interpreter().call(module, name, *args)
