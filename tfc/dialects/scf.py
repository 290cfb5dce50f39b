"""The scf dialect: structured control flow, with MLIR's op names, operands and semantics.

Ops print in the generic form, e.g. a loop summing into an f32:

    %r = "scf.for"(%lb, %ub, %step, %init) ({
    ^bb0(%iv: index, %acc: f32):
      %next = "arith.addf"(%acc, %x) : (f32, f32) -> f32
      "scf.yield"(%next) : (f32) -> ()
    }) : (index, index, index, f32) -> f32

Verifier messages follow MLIR's, including its RegionBranchOpInterface checks of the types
that flow along each control-flow edge ("along control flow edge from Operation scf.yield to
parent results: source type #0 'i32' should match input type #0 'f32'").
"""

from __future__ import annotations

import itertools

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.core import Block, Operation
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import Attr, Dialect, Op, Operand, RegionDef, Result
from tfc.ir.traits import (ConstantLike, HasParent, IsTerminator, Pure, RecursiveMemoryEffects,
                           ReturnLike, SingleBlock)

YIELD_PARENTS = ("scf.execute_region", "scf.for", "scf.if", "scf.index_switch", "scf.while")


class SCFDialect(Dialect):
    name = "scf"


# ----- shared verification helpers ------------------------------------------------------------

def _types(values) -> list:
    return [v.type for v in values]


def _one_block(op: Op, index: int, region_name: str) -> Block:
    """The single block of region #index; an error when it has none (MLIR's SizedRegion<1>)."""
    region = op.regions[index]
    if len(region.blocks) != 1:
        raise op.emit_error(f"region #{index} ('{region_name}') failed to verify constraint: region with 1 blocks")
    return region.blocks[0]


def _terminator(op: Op, block: Block, name: str, message: str | None = None) -> Operation | None:
    """The block's last op, which must be a `name` op; None for an empty block (the verifier
    then reports the missing terminator itself)."""
    last = block.last
    if last is None:
        return None
    if last.name != name:
        raise op.emit_error(message or f"expects regions to end with '{name}', found '{last.name}'").attach_note(
            "terminator here", last.location)
    return last


def _check_edge(op: Op, source: Operation | None, target: int | None, actual: list, expected: list) -> None:
    """Types flowing along one control-flow edge: from a terminator (or the parent's operands)
    to region #target (or the parent's results)."""
    src = f"Operation {source.name}" if source is not None else "parent operands"
    dst = "parent results" if target is None else f"Region #{target}"
    if len(actual) != len(expected):
        successor = "<to parent>" if target is None else f"<to region #{target} with {len(expected)} inputs>"
        raise op.emit_error(f"region control flow edge from {src} to {dst}: source has {len(actual)} operands, "
                            f"but target successor {successor} needs {len(expected)}")
    for i, (a, e) in enumerate(zip(actual, expected)):
        if a != e:
            raise op.emit_error(f"along control flow edge from {src} to {dst}: source type #{i} '{a}' "
                                f"should match input type #{i} '{e}'")


def _check_no_arguments(op: Op) -> None:
    for i, region in enumerate(op.regions):
        if region.blocks and region.blocks[0].arguments:
            raise op.emit_error(f"region #{i} should have no arguments")


def _check_yields_to_results(op: Op, index: int) -> None:
    """Region #index (one block) must end in scf.yield of values typed like op's results."""
    block = op.regions[index].blocks[0]
    yielded = _terminator(op, block, "scf.yield")
    if yielded is not None:
        _check_edge(op, yielded, None, _types(yielded.operands), op.result_types)


def _run_yield(ctx, region) -> list:
    return ctx.run_region(region)[1]


def _constant_int(value) -> int | None:
    """The integer a ConstantLike op defines `value` as, if any."""
    op = value.defining_op
    if op is None or not op.has_trait(ConstantLike):
        return None
    attr = op.get_attr("value")
    return int(attr.value) if isinstance(attr, (A.IntegerAttr, A.BoolAttr)) else None


# ----- terminators ----------------------------------------------------------------------------

class YieldOp(Op):
    """Ends a region of scf.for/if/while/execute_region/index_switch, passing values on."""

    name = "scf.yield"
    traits = (Pure, IsTerminator, ReturnLike, HasParent(*YIELD_PARENTS))
    yielded = Operand(C.AnyType, variadic=True)


class ConditionOp(Op):
    """Ends scf.while's `before` region: `"scf.condition"(%cond, %args...)`; when %cond is
    true the args go to the `after` region, otherwise they are the loop's results."""

    name = "scf.condition"
    traits = (Pure, IsTerminator, HasParent("scf.while"))
    condition = Operand(C.I1)
    args = Operand(C.AnyType, variadic=True)


class ReduceOp(Op):
    """Ends scf.parallel's body: one operand and one combining region per reduction."""

    name = "scf.reduce"
    traits = (IsTerminator, RecursiveMemoryEffects, HasParent("scf.parallel"))
    reduced = Operand(C.AnyType, variadic=True)
    reductions = RegionDef(variadic=True)

    def verify(self):
        operands = self.operands
        if len(self.regions) != len(operands):
            raise self.emit_error(f"expects one reduction region per operand: {len(operands)} operands but "
                                  f"{len(self.regions)} regions")
        for i, (value, region) in enumerate(zip(operands, self.regions)):
            block = _one_block(self, i, "reductions")
            if len(block.arguments) != 2 or any(t != value.type for t in block.arg_types):
                raise self.emit_error(f"expected two block arguments with type '{value.type}' in the {i}-th reduction region")
            _terminator(self, block, "scf.reduce.return",
                        "reduction bodies must be terminated with an 'scf.reduce.return' op")


class ReduceReturnOp(Op):
    """Ends a reduction region of scf.reduce with the combined value."""

    name = "scf.reduce.return"
    traits = (Pure, IsTerminator, HasParent("scf.reduce"))
    value = Operand(C.AnyType)

    def verify(self):
        args = self.parent.arguments
        if args and args[0].type != self.value.type:
            raise self.emit_error(f"must have type '{args[0].type}' (the type of the reduction inputs)")


# ----- loops ----------------------------------------------------------------------------------

def _loop_bound(value, unsigned: bool, t: T.Type) -> int:
    """A bound as a Python int; with `unsignedCmp`, its bits read as an unsigned number."""
    value = int(value)
    if unsigned:
        value &= (1 << (t.width if isinstance(t, T.IntegerType) else 64)) - 1
    return value


class ForOp(Op):
    """A counted loop `for iv = lb; iv < ub; iv += step` carrying `initArgs` through the body
    block `^bb0(%iv, %iter_args...)`, which ends in scf.yield of the next iter values."""

    name = "scf.for"
    traits = (RecursiveMemoryEffects, SingleBlock)
    lowerBound = Operand(C.SignlessIntegerOrIndex)
    upperBound = Operand(C.SignlessIntegerOrIndex)
    step = Operand(C.SignlessIntegerOrIndex)
    initArgs = Operand(C.AnyType, variadic=True)
    unsignedCmp = Attr(C.UnitAttrC, optional=True)
    loop_results = Result(C.AnyType, variadic=True)
    region = RegionDef()

    @classmethod
    def create(cls, lower, upper, step, inits=(), body=None, location=UNKNOWN) -> "ForOp":
        """A loop with its body block `(iv, *iter_args)`. With `body`, it is called as
        `body(block, iv, iter_args)` to append the body's ops and return the values to yield
        (the scf.yield is appended for it); without, the caller fills the block."""
        inits = list(inits)
        op = cls.build(lower, upper, step, inits, result_types=_types(inits), location=location)
        block = op.regions[0].add_block(Block([lower.type, *_types(inits)]))
        if body is not None:
            yielded = body(block, block.arguments[0], block.arguments[1:])
            block.append(YieldOp.build(list(yielded or []), result_types=[], location=location))
        return op

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    @property
    def induction_var(self):
        return self.body.arguments[0]

    @property
    def region_iter_args(self) -> list:
        return self.body.arguments[1:]

    def verify(self):
        bound_types = {v.type for v in (self.lowerBound, self.upperBound, self.step)}
        if len(bound_types) != 1:
            raise self.emit_error("failed to verify that all of {lowerBound, upperBound, step} have same type")
        inits = self.initArgs
        if len(inits) != len(self.results):
            raise self.emit_error("mismatch in number of loop-carried values and defined values")
        block = _one_block(self, 0, "region")
        if not block.arguments or block.arguments[0].type != self.lowerBound.type:
            raise self.emit_error("expected induction variable to be same type as bounds and step")
        iter_args = block.arguments[1:]
        if len(iter_args) != len(inits):
            raise self.emit_error(f"different number of inits and region iter_args: {len(inits)} != {len(iter_args)}")
        for i, (init, arg, result) in enumerate(zip(inits, iter_args, self.results)):
            if init.type != arg.type:
                raise self.emit_error(f"{i}-th init and {i}-th region iter_arg have different type: "
                                      f"'{init.type}' != '{arg.type}'")
            if arg.type != result.type:
                raise self.emit_error(f"{i}-th region iter_arg and {i}-th loop result have different type: "
                                      f"'{arg.type}' != '{result.type}'")
        yielded = _terminator(self, block, "scf.yield")
        if yielded is None:
            return
        values = yielded.operands
        if len(values) != len(iter_args):
            raise self.emit_error(f"different number of region iter_args and yielded values: "
                                  f"{len(iter_args)} != {len(values)}")
        for i, (arg, value) in enumerate(zip(iter_args, values)):
            if arg.type != value.type:
                raise self.emit_error(f"{i}-th region iter_arg and {i}-th yielded value have different type: "
                                      f"'{arg.type}' != '{value.type}'")

    def interpret(self, ctx, lower, upper, step, *inits):
        from tfc.backends.interpreter import to_value
        t = self.lowerBound.type
        unsigned = self.unsignedCmp is not None
        i, end, stride = (_loop_bound(v, unsigned, t) for v in (lower, upper, step))
        if stride <= 0:
            raise ValueError(f"loop step must be positive, got {stride}")
        values = list(inits)
        while i < end:
            values = ctx.run_region(self.regions[0], [to_value(i, t), *values])[1]
            i += stride
        return values


class WhileOp(Op):
    """`before` runs on the carried values and ends in scf.condition(%c, %args); while %c
    holds, `after` runs on %args and yields the next carried values. The results are the
    condition's %args of the last iteration."""

    name = "scf.while"
    traits = (RecursiveMemoryEffects, SingleBlock)
    inits = Operand(C.AnyType, variadic=True)
    loop_results = Result(C.AnyType, variadic=True)
    before = RegionDef()
    after = RegionDef()

    def verify(self):
        before = _one_block(self, 0, "before")
        after = _one_block(self, 1, "after")
        condition = _terminator(self, before, "scf.condition",
                                "expects the 'before' region to terminate with 'scf.condition'")
        yielded = _terminator(self, after, "scf.yield", "expects the 'after' region to terminate with 'scf.yield'")
        _check_edge(self, None, 0, _types(self.operands), before.arg_types)
        if condition is not None:
            forwarded = _types(condition.operands[1:])
            _check_edge(self, condition, 1, forwarded, after.arg_types)
            _check_edge(self, condition, None, forwarded, self.result_types)
        if yielded is not None:
            _check_edge(self, yielded, 0, _types(yielded.operands), before.arg_types)

    def interpret(self, ctx, *inits):
        values = list(inits)
        while True:
            condition, *args = ctx.run_region(self.regions[0], values)[1]
            if not condition:
                return args
            values = ctx.run_region(self.regions[1], args)[1]


class ParallelOp(Op):
    """A parallel loop nest over (lowerBound, upperBound, step) index tuples. The body block
    takes one index per dimension and ends in scf.reduce, whose regions combine each reduced
    value into the accumulator that starts at the matching `initVals` entry."""

    name = "scf.parallel"
    traits = (RecursiveMemoryEffects, SingleBlock)
    lowerBound = Operand(C.Index, variadic=True)
    upperBound = Operand(C.Index, variadic=True)
    step = Operand(C.Index, variadic=True)
    initVals = Operand(C.AnyType, variadic=True)
    loop_results = Result(C.AnyType, variadic=True)
    region = RegionDef()

    def verify(self):
        steps = self.step
        if not steps:
            raise self.emit_error("needs at least one tuple element for lowerBound, upperBound and step")
        if not len(self.lowerBound) == len(self.upperBound) == len(steps):
            raise self.emit_error("expects the same number of lowerBound, upperBound and step values")
        if any((c := _constant_int(s)) is not None and c <= 0 for s in steps):
            raise self.emit_error("constant step operand must be positive")
        block = _one_block(self, 0, "region")
        if len(block.arguments) != len(steps):
            raise self.emit_error(f"expects the same number of induction variables: {len(block.arguments)} "
                                  f"as bound and step values: {len(steps)}")
        if any(not isinstance(t, T.IndexType) for t in block.arg_types):
            raise self.emit_error("expects arguments for the induction variable to be of index type")
        reduce = _terminator(self, block, "scf.reduce", "expects body to terminate with 'scf.reduce'")
        results, inits = self.results, self.initVals
        if reduce is not None and len(results) != len(reduce.operands):
            raise self.emit_error(f"expects number of results: {len(results)} to be the same as number of "
                                  f"reductions: {len(reduce.operands)}")
        if len(results) != len(inits):
            raise self.emit_error(f"expects number of results: {len(results)} to be the same as number of "
                                  f"initial values: {len(inits)}")
        for i, (init, result) in enumerate(zip(inits, results)):
            if init.type != result.type:
                raise self.emit_error(f"expects type of {i}-th initial value: '{init.type}' to be the same as "
                                      f"the {i}-th result type: '{result.type}'")
            if reduce is not None and reduce.operands[i].type != result.type:
                raise reduce.emit_error(f"expects type of {i}-th reduction operand: '{reduce.operands[i].type}' "
                                        f"to be the same as the {i}-th result type: '{result.type}'")

    def interpret(self, ctx, *operands):
        from tfc.backends.interpreter import to_value
        n = len(self.step)
        lowers, uppers, steps = operands[:n], operands[n:2 * n], operands[2 * n:3 * n]
        accumulators = list(operands[3 * n:])
        if any(int(s) <= 0 for s in steps):
            raise ValueError(f"parallel loop steps must be positive, got {[int(s) for s in steps]}")
        ranges = [range(int(lo), int(hi), int(s)) for lo, hi, s in zip(lowers, uppers, steps)]
        for point in itertools.product(*ranges):
            reduce, values = ctx.run_region(self.regions[0], [to_value(i, T.index) for i in point])
            for j, value in enumerate(values):
                accumulators[j] = ctx.run_region(reduce.regions[j], [accumulators[j], value])[1][0]
        return accumulators


# ----- conditionals ----------------------------------------------------------------------------

class IfOp(Op):
    """Runs `thenRegion` when the i1 condition holds, else `elseRegion` (which may be empty
    when the op has no results); results are what the region run yields."""

    name = "scf.if"
    traits = (RecursiveMemoryEffects, SingleBlock)
    condition = Operand(C.I1)
    outputs = Result(C.AnyType, variadic=True)
    thenRegion = RegionDef()
    elseRegion = RegionDef()

    def verify(self):
        if self.results and not self.regions[1].blocks:
            raise self.emit_error("must have an else block if defining values")
        _check_no_arguments(self)
        _one_block(self, 0, "thenRegion")
        for index, region in enumerate(self.regions):
            if region.blocks:
                _check_yields_to_results(self, index)

    def fold(self, constants):
        """Forward the values yielded by the region that runs (when it does nothing else)."""
        if not self.results:
            return None
        choices = [_only_yielded(r) for r in self.regions]
        if choices[0] is not None and choices[0] == choices[1]:
            return choices[0]
        condition = constants[0]
        if isinstance(condition, (A.BoolAttr, A.IntegerAttr)):
            return choices[0 if condition.value else 1]
        return None

    def interpret(self, ctx, condition):
        return _run_yield(ctx, self.regions[0 if condition else 1])


def _only_yielded(region) -> list | None:
    """The values yielded by a region that holds nothing but its scf.yield."""
    if len(region.blocks) != 1:
        return None
    block = region.blocks[0]
    if block.first is not block.last or block.last is None or block.last.name != "scf.yield":
        return None
    return block.last.operands


class IndexSwitchOp(Op):
    """Runs the case region whose value in `cases` equals the index `arg`, else the default
    region: `"scf.index_switch"(%i) <{cases = array<i64: 0, 5>}> ({default}, {case 0}, {case 5})`."""

    name = "scf.index_switch"
    traits = (RecursiveMemoryEffects, SingleBlock)
    arg = Operand(C.Index)
    cases = Attr(C.DenseArrayOf(T.i64), convert=lambda values: A.DenseArrayAttr(T.i64, tuple(values)))
    outputs = Result(C.AnyType, variadic=True)
    defaultRegion = RegionDef()
    caseRegions = RegionDef(variadic=True)

    def verify(self):
        cases = list(self.cases.values)
        case_regions = len(self.regions) - 1
        if case_regions != len(cases):
            raise self.emit_error(f"has {case_regions} case regions but {len(cases)} case values")
        seen = set()
        for value in cases:
            if value in seen:
                raise self.emit_error(f"has duplicate case value: {value}")
            seen.add(value)
        _check_no_arguments(self)
        for index in range(len(self.regions)):
            label = "default region" if index == 0 else f"case region #{index - 1}"
            block = _one_block(self, index, "defaultRegion" if index == 0 else "caseRegions")
            self._verify_case(block, label)

    def _verify_case(self, block: Block, label: str) -> None:
        last = block.last
        if last is None:
            return
        if last.name != "scf.yield":
            raise self.emit_error(f"expected region to end with scf.yield, but got {last.name}")
        yielded, expected = _types(last.operands), self.result_types
        if len(yielded) != len(expected):
            raise self.emit_error(f"expected each region to return {len(expected)} values, but {label} returns "
                                  f"{len(yielded)}").attach_note("see yield operation here", last.location)
        for i, (got, want) in enumerate(zip(yielded, expected)):
            if got != want:
                raise self.emit_error(f"expected result #{i} of each region to be '{want}'").attach_note(
                    f"{label} returns '{got}' here", last.location)

    def interpret(self, ctx, arg):
        cases = list(self.cases.values)
        index = cases.index(int(arg)) + 1 if int(arg) in cases else 0
        return _run_yield(ctx, self.regions[index])


class ExecuteRegionOp(Op):
    """Runs its region (which may hold several blocks) once; results are what it yields."""

    name = "scf.execute_region"
    traits = (RecursiveMemoryEffects,)
    outputs = Result(C.AnyType, variadic=True)
    no_inline = Attr(C.UnitAttrC, optional=True)
    region = RegionDef()

    def verify(self):
        region = self.regions[0]
        if not region.blocks:
            raise self.emit_error("region needs to have at least one block")
        if region.blocks[0].arguments:
            raise self.emit_error("region cannot have any arguments")
        for block in region.blocks:
            last = block.last
            if last is not None and last.name == "scf.yield":
                _check_edge(self, last, None, _types(last.operands), self.result_types)

    def interpret(self, ctx):
        terminator, values = ctx.run_region(self.regions[0])
        if terminator is None or terminator.name != "scf.yield":
            raise ValueError("the region did not end in scf.yield")
        return values
