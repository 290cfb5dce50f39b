"""What every linalg op shares: the iterator-type attribute, the structured-op interface
(indexing maps, iterator types, the operands that feed the body) with its verifier, and
the reference execution of a structured op.

Execution. A structured op's iteration space is a box whose bounds come from the operand
shapes through the indexing maps (a map result that is a bare `dN` fixes dim N's bound).
The oracle runs the body once per point of the box in lexicographic order
(`run_per_point`): each block argument gets the element its operand's map selects, and the
yielded values are stored at the outputs' selected elements (so reductions read the running
accumulator). When every map is a projected permutation, the outputs use exactly the
parallel dims and the body holds only pure region-free ops, `run_vectorized` computes the
same thing with numpy: it loops over the reduction dims in the same order and runs the body
once per step on whole arrays (so results are bit-identical to the per-point run); if any
body op does not accept arrays it falls back to the per-point run.

Outputs: on tensors (value semantics) the op writes into copies of its `outs` and returns
them; on memrefs (destination-passing style) it writes the `outs` buffers in place.
"""

from __future__ import annotations

import itertools

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.affine import AffineDimExpr, AffineMap
from tfc.ir.core import Block
from tfc.ir.opdef import Dialect
from tfc.ir.traits import Pure

PARALLEL, REDUCTION = "parallel", "reduction"


class LinalgDialect(Dialect):
    name = "linalg"


class IteratorTypeAttr(A.DialectAttr):
    """`#linalg.iterator_type<parallel>` or `#linalg.iterator_type<reduction>`."""

    __slots__ = ()
    attr_name = "linalg.iterator_type"

    def __init__(self, name: str | None = None, params: tuple = ()):
        object.__setattr__(self, "name", name or self.attr_name)
        object.__setattr__(self, "params", tuple(str(p) for p in params))

    @staticmethod
    def get(kind: str) -> "IteratorTypeAttr":
        return IteratorTypeAttr("linalg.iterator_type", (kind,))

    @property
    def kind(self) -> str:
        return self.params[0]

    @classmethod
    def verify_params(cls, params: tuple) -> str | None:
        if len(params) != 1 or str(params[0]) not in (PARALLEL, REDUCTION):
            return "expected 'parallel' or 'reduction'"
        return None


def iterator_kind(attr) -> str:
    """'parallel' / 'reduction' of an iterator-type attribute (a bare string is accepted)."""
    if isinstance(attr, A.DialectAttr) and attr.params:
        return str(attr.params[0])
    return str(attr)


def iterator_array(kinds) -> A.ArrayAttr:
    return A.ArrayAttr(tuple(IteratorTypeAttr.get(k) for k in kinds))


def map_array(maps) -> A.ArrayAttr:
    return A.ArrayAttr(tuple(m if isinstance(m, A.AffineMapAttr) else A.AffineMapAttr(m) for m in maps))


def element_type(t: T.Type) -> T.Type:
    return t.element_type if isinstance(t, T.ShapedType) else t


def is_shaped(t: T.Type) -> bool:
    return isinstance(t, T.ShapedType)


def is_memref(t: T.Type) -> bool:
    return isinstance(t, (T.MemRefType, T.UnrankedMemRefType))


def is_tensor(t: T.Type) -> bool:
    return isinstance(t, (T.TensorType, T.UnrankedTensorType))


def rank_of(t: T.Type) -> int:
    return t.rank if isinstance(t, T.ShapedType) else 0


def shape_of(t: T.Type) -> tuple:
    return tuple(t.shape) if isinstance(t, T.ShapedType) else ()


def new_block(arg_types) -> Block:
    return Block(list(arg_types))


def body_yield(block: Block, values, location) -> None:
    from tfc.dialects.linalg.generic import YieldOp
    block.append(YieldOp.build(list(values), location=location))


# ----- the structured-op interface ------------------------------------------------------------

class StructuredMixin:
    """Mixed into every linalg op with a body. Subclasses provide `dps_inputs`, `dps_inits`,
    `get_indexing_maps()` and `get_iterator_types()`; `block_operand_indices()` says which
    operands (inputs then inits) feed the body's block arguments."""

    __slots__ = ()

    @property
    def dps_operands(self) -> list:
        return [*self.dps_inputs, *self.dps_inits]

    def has_memory_effects(self) -> bool:
        """On tensors a structured op is pure (its body decides); on memrefs it writes its inits."""
        return any(isinstance(v.type, (T.MemRefType, T.UnrankedMemRefType)) for v in self.operands)

    @property
    def body(self) -> Block:
        return self.regions[0].blocks[0]

    def block_operand_indices(self) -> list[int]:
        return list(range(len(self.dps_operands)))

    # ----- verification ---------------------------------------------------------------------

    def verify_structured(self) -> None:
        operands = self.dps_operands
        inits = self.dps_inits
        for v in self.dps_inputs:
            if is_shaped(v.type) and not v.type.has_rank:
                raise self.emit_error("expected ranked operands")
        for v in inits:
            if not (isinstance(v.type, (T.TensorType, T.MemRefType))):
                raise self.emit_error(f"expected init operands to be ranked tensors or memrefs, got '{v.type}'")
        tensor_inits = [v.type for v in inits if is_tensor(v.type)]
        if len(self.results) != len(tensor_inits):
            raise self.emit_error(f"expected the number of tensor results ({len(self.results)}) to be equal to the "
                                  f"number of output tensors ({len(tensor_inits)})")
        for i, (r, t) in enumerate(zip(self.result_types, tensor_inits)):
            if r != t:
                raise self.emit_error(f"expected type of result #{i} ('{r}') to match the type of its init ('{t}')")
        maps = self.get_indexing_maps()
        loops = len(self.get_iterator_types())
        if len(maps) != len(operands):
            raise self.emit_error(f"expected the number of indexing_map ({len(maps)}) to be equal to the number of "
                                  f"input/output operands ({len(operands)})")
        for i, (m, v) in enumerate(zip(maps, operands)):
            if m.num_symbols:
                raise self.emit_error(f"unexpected symbols in indexing_map #{i}")
            if m.num_dims != loops:
                raise self.emit_error(f"expected indexing_map #{i} to have {loops} dim(s) to match the number of loops")
            if rank_of(v.type) != len(m.results):
                raise self.emit_error(f"expected operand rank ({rank_of(v.type)}) to match the result rank of "
                                      f"indexing_map #{i} ({len(m.results)})")
        bounds = static_bounds(self, maps, [shape_of(v.type) for v in operands], loops)
        if bounds is not None:
            check_accesses(self, maps, [shape_of(v.type) for v in operands], bounds)
        self.verify_body()

    def verify_body(self) -> None:
        region = self.regions[0]
        if len(region.blocks) != 1:
            raise self.emit_error("expected region with 1 block")
        block = region.blocks[0]
        operands = self.dps_operands
        indices = self.block_operand_indices()
        if len(block.arguments) != len(indices):
            raise self.emit_error(f"expected as many non-induction variable region arguments as the number of "
                                  f"input/output operands ({len(indices)}), got {len(block.arguments)}")
        for i, (arg, k) in enumerate(zip(block.arguments, indices)):
            want = element_type(operands[k].type)
            if arg.type != want:
                raise self.emit_error(f"expected type of bb argument #{i} ('{arg.type}') to match element or self "
                                      f"type of the corresponding operand ('{want}')")
        last = block.last
        if last is None or last.name != "linalg.yield":
            return  # the region verifier reports the missing terminator
        inits = self.dps_inits
        if len(last.operands) != len(inits):
            raise last.emit_error(f"expected number of yield values ({len(last.operands)}) to match the number of "
                                  f"inits / outs operands of the enclosing LinalgOp ({len(inits)})")
        for i, (v, init) in enumerate(zip(last.operands, inits)):
            if v.type != element_type(init.type):
                raise last.emit_error(f"type of yield operand {i + 1} ('{v.type}') doesn't match the element type "
                                      f"of the enclosing linalg.generic op ('{element_type(init.type)}')")

    # ----- execution ------------------------------------------------------------------------

    def run_structured(self, ctx, values: list):
        """Run the op on runtime values (inputs then inits): tensor results or None."""
        inputs, inits = self.dps_inputs, self.dps_inits
        n_in = len(inputs)
        outs = [v if is_memref(t.type) else np.array(v, copy=True) for v, t in zip(values[n_in:], inits)]
        arrays = [*values[:n_in], *outs]
        maps = self.get_indexing_maps()
        kinds = self.get_iterator_types()
        bounds = runtime_bounds(maps, [np.shape(a) if is_shaped(v.type) else () for a, v in
                                       zip(arrays, self.dps_operands)], len(kinds))
        check_runtime_accesses(maps, arrays, bounds)
        if not run_vectorized(self, ctx, arrays, n_in, maps, kinds, bounds):
            run_per_point(self, ctx, arrays, n_in, maps, bounds)
        return results_of(inits, outs)


def results_of(inits, outs):
    results = [o for o, v in zip(outs, inits) if is_tensor(v.type)]
    return results if results else None


def dim_positions(m: AffineMap) -> list | None:
    """The dims of a projected-permutation map's results (bare distinct dims), else None."""
    positions = [r.position for r in m.results if isinstance(r, AffineDimExpr)]
    if len(positions) != len(m.results) or len(set(positions)) != len(positions):
        return None
    return positions


def _bounds(maps, shapes, loops: int, dynamic_ok: bool):
    bounds: list = [None] * loops
    found = [False] * loops
    for m, shape in zip(maps, shapes):
        for r, size in zip(m.results, shape):
            if isinstance(r, AffineDimExpr) and r.position < loops and not found[r.position]:
                if size is None and dynamic_ok:
                    continue
                bounds[r.position], found[r.position] = size, True
    return bounds, found


def static_bounds(op, maps, shapes, loops: int) -> list | None:
    """The loop bounds from static shapes (None when some are dynamic); errors when a dim
    has no bound or two operands disagree on it."""
    bounds, found = _bounds(maps, shapes, loops, dynamic_ok=True)
    for d in range(loops):
        if not found[d] and not any(isinstance(r, AffineDimExpr) and r.position == d
                                    for m in maps for r in m.results):
            raise op.emit_error(f"expected loop dim d{d} to be the result of some indexing map, so that its bound "
                                "can be derived from an operand's shape")
    for i, (m, shape) in enumerate(zip(maps, shapes)):
        for j, (r, size) in enumerate(zip(m.results, shape)):
            if isinstance(r, AffineDimExpr) and size is not None and bounds[r.position] is not None \
                    and bounds[r.position] != size:
                raise op.emit_error(f"inferred input/output operand #{i} has shape's dimension #{j} to be "
                                    f"{bounds[r.position]}, but found {size}")
    return None if any(b is None for b in bounds) else bounds


def check_accesses(op, maps, shapes, bounds) -> None:
    """Non-trivial map results (e.g. `d0 + d2` of a convolution) stay inside the operand."""
    if any(b == 0 for b in bounds):
        return
    top = [b - 1 for b in bounds]
    for i, (m, shape) in enumerate(zip(maps, shapes)):
        for j, (r, size) in enumerate(zip(m.results, shape)):
            if isinstance(r, AffineDimExpr) or size is None:
                continue
            low, high = r.evaluate([0] * len(bounds), ()), r.evaluate(top, ())
            if min(low, high) < 0 or max(low, high) + 1 > size:
                raise op.emit_error(f"inferred input/output operand #{i} has shape's dimension #{j} to be greater "
                                    f"than or equal to {max(low, high) + 1}, but found {size}")


def runtime_bounds(maps, shapes, loops: int) -> list:
    bounds, found = _bounds(maps, shapes, loops, dynamic_ok=False)
    if not all(found):
        raise ValueError("a loop bound cannot be derived from the operand shapes")
    for i, (m, shape) in enumerate(zip(maps, shapes)):
        for j, (r, size) in enumerate(zip(m.results, shape)):
            if isinstance(r, AffineDimExpr) and bounds[r.position] != size:
                raise ValueError(f"operand #{i} has size {size} in dimension #{j}, but the loop bound of "
                                 f"d{r.position} is {bounds[r.position]}")
    return bounds


def check_runtime_accesses(maps, arrays, bounds) -> None:
    if any(b == 0 for b in bounds):
        return
    top = [b - 1 for b in bounds]
    for i, (m, a) in enumerate(zip(maps, arrays)):
        for j, r in enumerate(m.results):
            if isinstance(r, AffineDimExpr):
                continue
            ends = (r.evaluate([0] * len(bounds), ()), r.evaluate(top, ()))
            if min(ends) < 0 or max(ends) >= np.shape(a)[j]:
                raise ValueError(f"operand #{i} is accessed out of bounds in dimension #{j}")


# ----- the per-point oracle -------------------------------------------------------------------

def _points(ctx) -> dict:
    points = getattr(ctx, "_linalg_points", None)
    if points is None:
        points = ctx._linalg_points = {}
    return points


def current_index(ctx, op, dim: int):
    """The value of loop dim `dim` of structured op `op` now running (linalg.index)."""
    point = _points(ctx).get(op)
    if point is None:
        raise ValueError("linalg.index outside a running structured op")
    value = point[dim]
    return value if isinstance(value, np.ndarray) else np.int64(value)


def run_per_point(op, ctx, arrays, n_in, maps, bounds) -> None:
    from tfc.backends.interpreter import check_value
    block_ops = op.block_operand_indices()
    arg_types = op.body.arg_types
    region = op.regions[0]
    points = _points(ctx)
    outs = arrays[n_in:]
    out_maps = maps[n_in:]
    out_types = [element_type(v.type) for v in op.dps_inits]
    try:
        for point in itertools.product(*(range(b) for b in bounds)):
            points[op] = point
            args = []
            for k, t in zip(block_ops, arg_types):
                a = arrays[k]
                args.append(a[maps[k].evaluate(point)] if isinstance(a, np.ndarray) else a)
            _, yielded = ctx.run_region(region, args)
            for out, m, value, t in zip(outs, out_maps, yielded, out_types):
                out[m.evaluate(point)] = check_value(value, t)
    finally:
        points.pop(op, None)


# ----- the vectorized path ----------------------------------------------------------------------

def _vectorizable_body(block: Block) -> bool:
    for inner in block:
        if inner is block.last:
            return inner.name == "linalg.yield"
        if inner.regions or inner.successors or not inner.has_trait(Pure) or inner.name == "linalg.index":
            return False
    return False


def _in_iteration_space(a, positions, bounds):
    """A broadcast view of `a` (whose axis k is loop dim positions[k]) with one axis per dim."""
    if not isinstance(a, np.ndarray):
        return a
    order = sorted(range(len(positions)), key=lambda k: positions[k])
    view = np.transpose(a, order)
    shape = [bounds[d] if d in positions else 1 for d in range(len(bounds))]
    return np.broadcast_to(view.reshape(shape), bounds)


def run_vectorized(op, ctx, arrays, n_in, maps, kinds, bounds) -> bool:
    """Run with numpy over the parallel dims (see the module doc); False when not applicable."""
    from tfc.backends.interpreter import runtime_dtype
    block = op.body
    if not _vectorizable_body(block):
        return False
    positions = [dim_positions(m) for m in maps]
    if any(p is None for p in positions):
        return False
    parallel = [d for d, k in enumerate(kinds) if k == PARALLEL]
    reduction = [d for d, k in enumerate(kinds) if k != PARALLEL]
    for p in positions[n_in:]:
        if sorted(p) != parallel:
            return False
    views = [_in_iteration_space(a, p, bounds) for a, p in zip(arrays, positions)]
    # The outputs as writable views with their axes in increasing parallel-dim order.
    accs = [np.transpose(a, sorted(range(len(p)), key=lambda k: p[k])) for a, p in zip(arrays[n_in:], positions[n_in:])]
    parallel_shape = tuple(bounds[d] for d in parallel)
    results = [np.array(a, copy=True) for a in accs]
    block_ops = op.block_operand_indices()
    body_ops = list(block)[:-1]
    yielded = block.last.operands
    out_dtypes = [runtime_dtype(v.type) for v in op.dps_inits]
    for red in itertools.product(*(range(bounds[d]) for d in reduction)):
        select = [slice(None)] * len(bounds)
        for d, i in zip(reduction, red):
            select[d] = i
        select = tuple(select)
        env = {}
        for arg, k in zip(block.arguments, block_ops):
            if k >= n_in:
                env[arg] = results[k - n_in]
            else:
                v = views[k]
                env[arg] = v[select] if isinstance(v, np.ndarray) else v
        try:
            for inner in body_ops:
                values = [env[v] if v in env else ctx.value_of(v, inner) for v in inner.operands]
                with np.errstate(all="ignore"):
                    outcome = inner.interpret(ctx, *values)
                outcome = list(outcome) if isinstance(outcome, (list, tuple)) else [outcome]
                if len(outcome) != len(inner.results):
                    return False
                for r, x in zip(inner.results, outcome):
                    if not isinstance(x, (np.ndarray, np.generic)) or x.dtype != runtime_dtype(r.type):
                        return False
                    if isinstance(x, np.ndarray) and x.shape not in (parallel_shape, ()):
                        return False
                    env[r] = x
            new = [env[v] if v in env else ctx.value_of(v, block.last) for v in yielded]
            for i, (x, dtype) in enumerate(zip(new, out_dtypes)):
                if not isinstance(x, (np.ndarray, np.generic)) or x.dtype != dtype:
                    return False
                results[i] = np.array(np.broadcast_to(x, parallel_shape), copy=True)
        except Exception:  # noqa: BLE001 - an op that does not take arrays: run per point
            return False
    for acc, r in zip(accs, results):
        acc[...] = r
    return True
