"""Translation state: the module being built (runtime declarations, intrinsics, strings,
functions, globals) and one LLVM function being filled (builder, value map, failure paths).

Lowering rules register per op class with `@lowers(OpClass)` and are found through the op's
class hierarchy (isinstance semantics). A rule gets (ctx, op) and returns the op's result
values: one value, a list, or None.

Failure. Every LLVM function the translator makes returns an i32 status, except the bodies
of parallel loops (`void body(ctx, begin, end)`, the runtime's tfc_range_fn): there a
failure is recorded in the loop's shared context ({i32 code, ptr message}) and the loop's
caller reports it after tfc_parallel_for returns, because tfc_last_error is per thread.
"""

from __future__ import annotations

import itertools

from llvmlite import ir

from tfc.backends.cpu.translate.types import I1, I8, I32, I64, PTR, VOID, UnsupportedError

LOWERINGS: dict[type, object] = {}

TFC_ERR_NOMEM = 2


def lowers(*op_classes):
    def register(fn):
        for cls in op_classes:
            LOWERINGS[cls] = fn
        return fn
    return register


def unsupported(op, message: str):
    """The error for IR the translator cannot handle, at `op`'s location. It is the CPU
    backend's UnsupportedOpError, so a Session falls back to the interpreter on it."""
    from tfc.passes.tf_to_linalg.common import UnsupportedOpError
    return UnsupportedOpError(message, op.location)


def find_lowering(op):
    for cls in type(op).__mro__:
        rule = LOWERINGS.get(cls)
        if rule is not None:
            return rule
    return None


_RUNTIME = {
    "tfc_alloc": (PTR, [I64]),
    "tfc_free": (VOID, [PTR]),
    "tfc_set_error": (VOID, [I32, PTR]),
    "tfc_last_error": (PTR, []),
    "tfc_parallel_for": (I32, [PTR, I64, I64, I64, PTR, PTR]),
}


class ModuleContext:
    def __init__(self, module_op, target, llmod: ir.Module):
        self.op = module_op
        self.target = target
        self.llmod = llmod
        self.functions: dict = {}  # symbol name -> FunctionInfo
        self.globals: dict = {}  # symbol name -> ir.GlobalVariable
        self._strings: dict = {}
        self._counter = itertools.count()

    def unique(self, prefix: str) -> str:
        return f"{prefix}.{next(self._counter)}"

    def declare(self, name: str, ret: ir.Type, args: list) -> ir.Function:
        """The function `name` of this type, declared on first use."""
        existing = self.llmod.globals.get(name)
        if existing is not None:
            return existing
        fn = ir.Function(self.llmod, ir.FunctionType(ret, args), name)
        if name == "tfc_alloc":
            fn.return_value.add_attribute("noalias")  # malloc-like: the optimizer may rely on it
        return fn

    def runtime(self, name: str) -> ir.Function:
        ret, args = _RUNTIME[name]
        return self.declare(name, ret, args)

    def string(self, text: str) -> ir.GlobalVariable:
        """A private NUL-terminated constant (error messages)."""
        found = self._strings.get(text)
        if found is not None:
            return found
        data = bytearray(text.encode("utf-8") + b"\0")
        const = ir.Constant(ir.ArrayType(I8, len(data)), data)
        var = ir.GlobalVariable(self.llmod, const.type, self.unique(".str"))
        var.initializer = const
        var.global_constant = True
        var.linkage = "private"
        var.unnamed_addr = True
        self._strings[text] = var
        return var


def is_static(x) -> bool:
    """A value usable in any function of the module (no capture needed)."""
    return isinstance(x, (ir.Constant, ir.GlobalValue))


class FunctionContext:
    """Fills one LLVM function. `pool` is the tfc_pool* value; `error_slot` is set for the
    body of a parallel loop (a pointer to its {i32 code, ptr message} pair)."""

    def __init__(self, mctx: ModuleContext, fn: ir.Function, pool, error_slot=None):
        self.mctx = mctx
        self.fn = fn
        self.pool = pool
        self.error_slot = error_slot
        self.values: dict = {}
        # allocas go to their own entry block, ahead of the code (see entry_alloca)
        self.entry = fn.append_basic_block("entry")
        start = fn.append_basic_block("start")
        self._alloca_builder = ir.IRBuilder(self.entry)
        self._alloca_builder.position_before(self._alloca_builder.branch(start))
        self.builder = ir.IRBuilder(start)

    # ----- values ----------------------------------------------------------------------

    def get(self, value):
        try:
            return self.values[value]
        except KeyError:
            raise UnsupportedError("a value is used before the translator defined it") from None

    def set(self, value, translated) -> None:
        self.values[value] = translated

    # ----- ops -------------------------------------------------------------------------

    def translate_op(self, op) -> None:
        rule = find_lowering(op)
        if rule is None:
            raise unsupported(op, f"op '{op.name}' is not supported by the CPU backend translator")
        try:
            produced = rule(self, op)
        except UnsupportedError as err:
            raise unsupported(op, f"cannot translate '{op.name}' to LLVM: {err}") from None
        results = op.results
        if not results:
            return
        if not isinstance(produced, (list, tuple)):
            produced = [produced]
        if len(produced) != len(results):
            raise op.emit_error(f"translator rule for '{op.name}' gave {len(produced)} values for "
                                f"{len(results)} results")
        for result, value in zip(results, produced):
            self.values[result] = value

    def translate_block(self, block, args=()):
        """Bind the block's arguments, translate its ops but the terminator; return that
        terminator (None when the block has none)."""
        for arg, value in zip(block.arguments, args):
            self.values[arg] = value
        last = block.last
        for op in block:
            if op is last and _is_terminator(op):
                return op
            self.translate_op(op)
        return None

    # ----- blocks and allocas ------------------------------------------------------------

    def new_block(self, name: str) -> ir.Block:
        return self.fn.append_basic_block(name)

    def entry_alloca(self, typ: ir.Type, count: int | None = None, align: int | None = None):
        """A stack slot made once in the entry block (so a loop does not grow the stack)."""
        return opaque_alloca(self._alloca_builder, typ, None if count is None else ir.Constant(I64, count), align)

    # ----- failure -------------------------------------------------------------------------

    def fail_if(self, cond, code, message) -> None:
        """When i1 `cond` holds, fail with `code` (an int or i32 value) and `message`; go on in
        a fresh block otherwise. See emit_failure for `message`."""
        b = self.builder
        failed = self.new_block("fail")
        ok = self.new_block("ok")
        b.cbranch(cond, failed, ok)
        b.position_at_end(failed)
        self.emit_failure(code, message)
        b.position_at_end(ok)

    def emit_failure(self, code, message) -> None:
        """Return `code` from this function with the error set. `message` is a str, an LLVM
        pointer to a C string, or None when a failed callee has set the message already."""
        b = self.builder
        code = code if isinstance(code, ir.Value) else ir.Constant(I32, code)
        text = self.mctx.string(message) if isinstance(message, str) else message
        if self.error_slot is None:
            if text is not None:
                b.call(self.mctx.runtime("tfc_set_error"), [code, text])
            b.ret(code)
            return
        if text is None:
            text = b.call(self.mctx.runtime("tfc_last_error"), [])
        zero = ir.Constant(I32, 0)
        b.atomic_rmw("xchg", b.gep(self.error_slot, [zero, ir.Constant(I32, 1)], source_etype=ERROR_SLOT),
                     text, "monotonic")
        b.atomic_rmw("xchg", b.gep(self.error_slot, [zero, zero], source_etype=ERROR_SLOT), code, "monotonic")
        b.ret_void()

    # ----- index arithmetic (folds Python ints) ----------------------------------------------

    def ir_index(self, x) -> ir.Value:
        return ir.Constant(I64, x) if isinstance(x, int) else x

    def add(self, a, b):
        a, b = as_int(a), as_int(b)
        if isinstance(a, int) and isinstance(b, int):
            return a + b
        if a == 0:
            return b
        if b == 0:
            return a
        return self.builder.add(self.ir_index(a), self.ir_index(b))

    def sub(self, a, b):
        a, b = as_int(a), as_int(b)
        if isinstance(a, int) and isinstance(b, int):
            return a - b
        if b == 0:
            return a
        return self.builder.sub(self.ir_index(a), self.ir_index(b))

    def mul(self, a, b):
        a, b = as_int(a), as_int(b)
        if isinstance(a, int) and isinstance(b, int):
            return a * b
        if a == 0 or b == 0:
            return 0
        if a == 1:
            return b
        if b == 1:
            return a
        return self.builder.mul(self.ir_index(a), self.ir_index(b))

    def trip_count(self, lower, upper, step):
        """max(0, ceil((upper - lower) / step)) for a positive step."""
        lo, hi, st = as_int(lower), as_int(upper), as_int(step)
        if all(isinstance(x, int) for x in (lo, hi, st)):
            return max(0, -(-(hi - lo) // st))
        b = self.builder
        span = self.sub(hi, lo)
        count = b.sdiv(self.ir_index(self.add(span, self.sub(st, 1))), self.ir_index(st))
        return b.select(b.icmp_signed(">", self.ir_index(span), ir.Constant(I64, 0)), count, ir.Constant(I64, 0))

    # ----- loops -------------------------------------------------------------------------------

    def emit_loop(self, lower, upper, step, inits, body, unsigned: bool = False, name: str = "loop"):
        """for (iv = lower; iv < upper; iv += step) carried = body(iv, carried); returns the
        carried values after the loop. Bounds are ints or LLVM integer values."""
        b = self.builder
        lower, upper, step = self.ir_index(lower), self.ir_index(upper), self.ir_index(step)
        pre = b.block
        header = self.new_block(f"{name}.header")
        body_block = self.new_block(f"{name}.body")
        exit_block = self.new_block(f"{name}.exit")
        b.branch(header)
        b.position_at_end(header)
        iv = b.phi(lower.type, name="iv")
        iv.add_incoming(lower, pre)
        phis = []
        for value in inits:
            phi = b.phi(value.type)
            phi.add_incoming(value, pre)
            phis.append(phi)
        cond = b.icmp_unsigned("<", iv, upper) if unsigned else b.icmp_signed("<", iv, upper)
        b.cbranch(cond, body_block, exit_block)
        b.position_at_end(body_block)
        nexts = list(body(iv, list(phis)) or [])
        next_iv = b.add(iv, step, flags=() if unsigned else ("nsw",))
        latch = b.block
        b.branch(header)
        iv.add_incoming(next_iv, latch)
        for phi, value in zip(phis, nexts):
            phi.add_incoming(value, latch)
        b.position_at_end(exit_block)
        return phis


ERROR_SLOT = ir.LiteralStructType([I32, PTR])


def opaque_alloca(builder, typ, count=None, align=None):
    """An alloca whose result is an opaque `ptr` (llvmlite types it `T*`, which then
    confuses its GEP and store type checks)."""
    slot = builder.alloca(typ, size=count)
    slot.type = PTR
    if align:
        slot.align = align
    return slot


def as_int(x):
    """A Python int for an int or an integer ir.Constant; anything else unchanged."""
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, ir.Constant) and isinstance(x.type, ir.IntType) and isinstance(x.constant, int):
        return x.constant
    return x


def _is_terminator(op) -> bool:
    from tfc.ir.traits import IsTerminator
    return op.has_trait(IsTerminator)


__all__ = ["LOWERINGS", "lowers", "find_lowering", "ModuleContext", "FunctionContext", "ERROR_SLOT",
           "as_int", "is_static", "I1"]
