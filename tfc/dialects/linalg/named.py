"""Named linalg ops, in the generic form MLIR prints (`--mlir-print-op-generic`): the body
region is part of the op's text, e.g.

    %r = "linalg.matmul"(%A, %B, %C) <{operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%a: f32, %b: f32, %c: f32):
      %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
      %s = "arith.addf"(%c, %m) : (f32, f32) -> f32
      "linalg.yield"(%s) : (f32) -> ()
    }) {linalg.memoized_indexing_maps = [...]} : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>

    "linalg.fill"(%v, %out) <{operandSegmentSizes = array<i32: 1, 1>}> ({^bb0(%in: f32, %o: f32): yield %in})
    "linalg.transpose"(%in, %init) <{permutation = array<i64: 1, 0>}> ({^bb0(%in: f32, %o: f32): yield %in})
    "linalg.broadcast"(%in, %init) <{dimensions = array<i64: 1>}> ({^bb0(%in: f32, %o: f32): yield %in})
    "linalg.reduce"(%ins..., %inits...) <{dimensions = array<i64: 1>, operandSegmentSizes = ...}>
        ({^bb0(%in: f32, %acc: f32): combine, yield})  (block: input elements, then init elements)
    "linalg.map"(%ins..., %init) ({^bb0(%a: f32, %b: f32): ..., yield})  (block: input elements;
        a trailing init element argument is accepted too)

Matmul and batch_matmul accept MLIR's optional `indexing_maps` and `cast` properties;
`linalg.memoized_indexing_maps` is a discardable attribute (kept, never needed). Each op
defines its indexing maps and iterator types as MLIR does, so it verifies and runs through
the structured-op machinery in base.py; where the body is the standard one (compared
structurally), fill, matmul, batch_matmul, transpose and broadcast compute with numpy.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.affine import AffineMap
from tfc.ir.builder import Builder
from tfc.ir.core import Block, BlockArgument
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import Attr, Op, Operand, RegionDef, Result, lookup_op
from tfc.ir.traits import Commutative, SingleBlock

from tfc.dialects.linalg.base import (PARALLEL, REDUCTION, StructuredMixin, body_yield, element_type,
                                      is_memref, is_tensor, map_array, new_block, rank_of, results_of,
                                      run_per_point, run_vectorized, runtime_bounds)
from tfc.dialects.linalg.generic import MapsC

I64Array = C.DenseArrayOf(T.i64)


def _i64_array(values) -> A.DenseArrayAttr:
    return values if isinstance(values, A.DenseArrayAttr) else A.DenseArrayAttr(T.i64, tuple(int(v) for v in values))


def body_signature(block: Block):
    """A structural key of a body: yielded expression trees over ("arg", i) leaves, with
    commutative operands sorted; None when the body uses outside values or regions."""
    memo = {}

    def expr(v):
        if v in memo:
            return memo[v]
        if isinstance(v, BlockArgument) and v.block is block:
            key = ("arg", v.index)
        else:
            op = v.defining_op
            if op is None or op.parent is not block or op.regions:
                raise LookupError
            args = [expr(x) for x in op.operands]
            if op.has_trait(Commutative):
                args = sorted(args, key=repr)
            key = (op.name, tuple(sorted((k, str(a)) for k, a in op.properties.items()
                                         if k not in ("fastmath", "overflowFlags"))), tuple(args), v.index)
        memo[v] = key
        return key

    last = block.last
    if last is None or last.name != "linalg.yield":
        return None
    try:
        return tuple(expr(v) for v in last.operands)
    except LookupError:
        return None


class NamedOp(StructuredMixin, Op):
    """Shared rules of the named ops: `build_body(block)` appends the standard body to a
    block whose arguments are typed; `compute(ctx, ins, outs)` is the numpy fast path."""

    traits = (SingleBlock,)

    @property
    def dps_inputs(self):
        return self.inputs

    @property
    def dps_inits(self):
        return self.outputs

    def block_arg_types(self) -> list:
        return [element_type(self.dps_operands[k].type) for k in self.block_operand_indices()]

    @classmethod
    def build_body(cls, block: Block, location) -> list:
        """The standard body's yielded values (ops appended to `block`)."""
        return [block.arguments[0]]

    def has_standard_body(self) -> bool:
        types = self.body.arg_types
        if types != self.block_arg_types():
            return False
        reference = new_block(types)
        try:
            body_yield(reference, self.build_body(reference, UNKNOWN), UNKNOWN)
        except (TypeError, ValueError):
            return False
        return body_signature(self.body) == body_signature(reference)

    def compute(self, ins, outs) -> bool:
        """Fill `outs` with numpy when the body is standard; False to run the body instead."""
        return False

    def verify(self):
        self.verify_named()
        self.verify_structured()

    def verify_named(self) -> None:
        pass

    def interpret(self, ctx, *values):
        inputs, inits = self.dps_inputs, self.dps_inits
        n_in = len(inputs)
        outs = [v if is_memref(t.type) else np.array(v, copy=True) for v, t in zip(values[n_in:], inits)]
        ins = list(values[:n_in])
        maps, kinds = self.get_indexing_maps(), self.get_iterator_types()
        arrays = [*ins, *outs]
        bounds = runtime_bounds(maps, [np.shape(a) for a in arrays], len(kinds))
        if not (self.has_standard_body() and self.compute(ins, outs)):
            if not run_vectorized(self, ctx, arrays, n_in, maps, kinds, bounds):
                run_per_point(self, ctx, arrays, n_in, maps, bounds)
        return results_of(inits, outs)

    @classmethod
    def _create(cls, inputs, outputs, location, body_fn=None, attributes=None, **attrs):
        op = cls.build(*cls._groups(list(inputs), list(outputs)), location=location, attributes=attributes,
                       result_types=[v.type for v in outputs if is_tensor(v.type)], **attrs)
        block = op.regions[0].add_block(new_block(op.block_arg_types()))
        if body_fn is None:
            values = cls.build_body(block, location)
        else:
            values = body_fn(Builder.at_end(block, location), list(block.arguments))
        body_yield(block, values, location)
        return op

    @classmethod
    def _groups(cls, inputs, outputs):
        return inputs, outputs


def _identity_maps(n: int, count: int) -> list:
    return [AffineMap.identity(n)] * count


# ----- fill -----------------------------------------------------------------------------------------

class FillOp(NamedOp):
    """Fills `outputs` with the scalar `inputs[0]`."""

    name = "linalg.fill"
    inputs = Operand(C.AnyType, variadic=True)
    outputs = Operand(C.AnyType, variadic=True)
    result_tensors = Result(C.AnyRankedTensor, variadic=True)
    region = RegionDef()

    @classmethod
    def create(cls, value, output, location=UNKNOWN) -> "FillOp":
        return cls._create([value], [output], location)

    def get_indexing_maps(self):
        n = rank_of(self.outputs[0].type) if self.outputs else 0
        return [AffineMap(n, 0, ()), *_identity_maps(n, len(self.outputs))]

    def get_iterator_types(self):
        return [PARALLEL] * (rank_of(self.outputs[0].type) if self.outputs else 0)

    def verify_named(self):
        if len(self.inputs) != 1 or len(self.outputs) != 1:
            raise self.emit_error("expected one input and one output")
        if isinstance(self.inputs[0].type, T.ShapedType):
            raise self.emit_error(f"expected a scalar fill value, got '{self.inputs[0].type}'")

    def compute(self, ins, outs):
        outs[0][...] = ins[0]
        return True


# ----- matmul and batch_matmul -------------------------------------------------------------------

def _mul_add(block: Block, location) -> list:
    """`c + a * b` in the element type (floats: mulf/addf; integers: muli/addi)."""
    a, b, c = block.arguments
    if not (a.type == b.type == c.type):
        raise TypeError("the standard body needs one element type")
    float_kind = isinstance(a.type, T.FloatType)
    mul = lookup_op("arith.mulf" if float_kind else "arith.muli")
    add = lookup_op("arith.addf" if float_kind else "arith.addi")
    m = block.append(mul.build(a, b, location=location)).result
    return [block.append(add.build(c, m, location=location)).result]


class _ContractionOp(NamedOp):
    inputs = Operand(C.AnyType, variadic=True)
    outputs = Operand(C.AnyType, variadic=True)
    result_tensors = Result(C.AnyRankedTensor, variadic=True)
    indexing_maps = Attr(MapsC, optional=True)
    cast = Attr(C.AnyAttr, optional=True)
    region = RegionDef()
    DEFAULT_MAPS: tuple = ()
    ITERATORS: tuple = ()

    @classmethod
    def create(cls, a, b, c, location=UNKNOWN) -> "_ContractionOp":
        attributes = {"linalg.memoized_indexing_maps": map_array(cls.DEFAULT_MAPS)}
        return cls._create([a, b], [c], location, attributes=attributes)

    build_body = classmethod(lambda cls, block, location: _mul_add(block, location))

    def get_indexing_maps(self):
        maps = self.indexing_maps
        return [m.value for m in maps] if maps is not None else list(self.DEFAULT_MAPS)

    def get_iterator_types(self):
        return list(self.ITERATORS)

    def verify_named(self):
        if len(self.inputs) != 2 or len(self.outputs) != 1:
            raise self.emit_error("expected two inputs and one output")
        for v in (*self.inputs, *self.outputs):
            if not isinstance(v.type, (T.TensorType, T.MemRefType)):
                raise self.emit_error(f"expected ranked tensor or memref operands, got '{v.type}'")

    def compute(self, ins, outs):
        out = outs[0]
        if list(self.get_indexing_maps()) != list(self.DEFAULT_MAPS) or out.dtype.kind not in "fiu" \
                or element_type(self.outputs[0].type) in (T.bf16, T.f16):
            return False
        with np.errstate(all="ignore"):
            out[...] = out + np.matmul(ins[0], ins[1])
        return True


def _dims(n, *positions):
    return AffineMap.from_dims(n, positions)


class MatmulOp(_ContractionOp):
    """C(m, n) += A(m, k) * B(k, n)."""

    name = "linalg.matmul"
    DEFAULT_MAPS = (_dims(3, 0, 2), _dims(3, 2, 1), _dims(3, 0, 1))
    ITERATORS = (PARALLEL, PARALLEL, REDUCTION)


class BatchMatmulOp(_ContractionOp):
    """C(b, m, n) += A(b, m, k) * B(b, k, n)."""

    name = "linalg.batch_matmul"
    DEFAULT_MAPS = (_dims(4, 0, 1, 3), _dims(4, 0, 3, 2), _dims(4, 0, 1, 2))
    ITERATORS = (PARALLEL, PARALLEL, PARALLEL, REDUCTION)


# ----- transpose and broadcast ------------------------------------------------------------------

class _UnaryCopyOp(NamedOp):
    input = Operand(C.AnyType)
    init = Operand(C.AnyType)
    result = Result(C.AnyRankedTensor, variadic=True)
    region = RegionDef()

    @property
    def dps_inputs(self):
        return [self.input]

    @property
    def dps_inits(self):
        return [self.init]

    @classmethod
    def _groups(cls, inputs, outputs):
        return inputs[0], outputs[0]

    def get_iterator_types(self):
        return [PARALLEL] * rank_of(self.init.type)


class TransposeOp(_UnaryCopyOp):
    """init[i0, ..., in] = input[i_perm...]: `dim(init, i) == dim(input, permutation[i])`."""

    name = "linalg.transpose"
    permutation = Attr(I64Array, convert=_i64_array)

    @classmethod
    def create(cls, input, init, permutation, location=UNKNOWN) -> "TransposeOp":
        return cls._create([input], [init], location, permutation=permutation)

    def get_indexing_maps(self):
        perm = list(self.permutation.values)
        inverse = [0] * len(perm)
        for i, p in enumerate(perm):
            inverse[p] = i
        return [AffineMap.from_dims(len(perm), inverse), AffineMap.identity(len(perm))]

    def verify_named(self):
        perm = list(self.permutation.values)
        if sorted(perm) != list(range(len(perm))):
            raise self.emit_error("permutation is not valid")
        for name, v in (("input", self.input), ("init", self.init)):
            if not isinstance(v.type, (T.TensorType, T.MemRefType)):
                raise self.emit_error(f"expected a ranked tensor or memref {name}, got '{v.type}'")
            if v.type.rank != len(perm):
                raise self.emit_error(f"{name} rank {v.type.rank} does not match permutation size {len(perm)}")
        for i, p in enumerate(perm):
            a, b = self.init.type.shape[i], self.input.type.shape[p]
            if a is not None and b is not None and a != b:
                raise self.emit_error(f"dim(result, {i}) = {a} doesn't match dim(input, permutation[{i}]) = {b}")

    def compute(self, ins, outs):
        outs[0][...] = np.transpose(ins[0], list(self.permutation.values))
        return True


class BroadcastOp(_UnaryCopyOp):
    """init = input with the `dimensions` of init added (MLIR's linalg.broadcast)."""

    name = "linalg.broadcast"
    dimensions = Attr(I64Array, convert=_i64_array)

    @classmethod
    def create(cls, input, init, dimensions, location=UNKNOWN) -> "BroadcastOp":
        return cls._create([input], [init], location, dimensions=dimensions)

    def _kept(self) -> list:
        added = set(self.dimensions.values)
        return [d for d in range(rank_of(self.init.type)) if d not in added]

    def get_indexing_maps(self):
        n = rank_of(self.init.type)
        return [AffineMap.from_dims(n, self._kept()), AffineMap.identity(n)]

    def verify_named(self):
        dims = list(self.dimensions.values)
        for name, v in (("input", self.input), ("init", self.init)):
            if not isinstance(v.type, (T.TensorType, T.MemRefType)):
                raise self.emit_error(f"expected a ranked tensor or memref {name}, got '{v.type}'")
        in_rank, init_rank = self.input.type.rank, self.init.type.rank
        if in_rank + len(dims) != init_rank:
            raise self.emit_error(f"input rank plus added dimensions does not match init rank. input rank: "
                                  f"{in_rank}, dimensions size: {len(dims)}, init rank: {init_rank}")
        for i, d in enumerate(dims):
            if not 0 <= d < init_rank:
                raise self.emit_error(f"dimension {i} is out of range. expected range: [0, {init_rank - 1}], got: {d}")
        if len(set(dims)) != len(dims):
            raise self.emit_error("dimensions should be unique")
        for i, d in enumerate(self._kept()):
            a, b = self.input.type.shape[i], self.init.type.shape[d]
            if a is not None and b is not None and a != b:
                raise self.emit_error(f"input dim {i} should match init dim {d}. input: {a}, init: {b}")

    def compute(self, ins, outs):
        outs[0][...] = np.expand_dims(ins[0], tuple(sorted(self.dimensions.values)))
        return True


# ----- reduce and map ---------------------------------------------------------------------------------

class ReduceOp(NamedOp):
    """Reduces `inputs` over `dimensions` into `inits` with the body combiner
    `^bb0(%in..., %acc...)`, which yields the new accumulators."""

    name = "linalg.reduce"
    inputs = Operand(C.AnyType, variadic=True)
    outputs = Operand(C.AnyType, variadic=True)
    result_tensors = Result(C.AnyRankedTensor, variadic=True)
    dimensions = Attr(I64Array, convert=_i64_array)
    region = RegionDef()

    @classmethod
    def create(cls, inputs, inits, dimensions, body_fn, location=UNKNOWN) -> "ReduceOp":
        """`body_fn(builder, [in..., acc...])` returns the combined values."""
        return cls._create(inputs, inits, location, body_fn=body_fn, dimensions=dimensions)

    def _rank(self) -> int:
        return rank_of(self.inputs[0].type) if self.inputs else 0

    def get_indexing_maps(self):
        n, reduced = self._rank(), set(self.dimensions.values)
        kept = [d for d in range(n) if d not in reduced]
        return [*_identity_maps(n, len(self.inputs)), *[AffineMap.from_dims(n, kept)] * len(self.outputs)]

    def get_iterator_types(self):
        reduced = set(self.dimensions.values)
        return [REDUCTION if d in reduced else PARALLEL for d in range(self._rank())]

    def verify_named(self):
        if not self.inputs or len(self.inputs) != len(self.outputs):
            raise self.emit_error("expected the same (non-zero) number of inputs and inits")
        for v in (*self.inputs, *self.outputs):
            if not isinstance(v.type, (T.TensorType, T.MemRefType)):
                raise self.emit_error(f"expected ranked tensor or memref operands, got '{v.type}'")
        shape = self.inputs[0].type.shape
        for v in self.inputs[1:]:
            if v.type.shape != shape:
                raise self.emit_error("expects all inputs to have the same shapes. Shape at input-index 1 is not "
                                      "equal to the shape at input-index 0.")
        dims = list(self.dimensions.values)
        for d in dims:
            if not 0 <= d < len(shape):
                raise self.emit_error(f"dimensions for reduction should be in the range [0, {len(shape) - 1}].")
        if len(set(dims)) != len(dims):
            raise self.emit_error("dimensions should be unique")
        kept = [s for d, s in enumerate(shape) if d not in set(dims)]
        for v in self.outputs:
            if v.type.rank != len(kept):
                raise self.emit_error(f"number of dimensions after reduction {len(kept)} doesn't match the init "
                                      f"rank {v.type.rank}")


class MapOp(NamedOp):
    """init[i...] = body(inputs[0][i...], ...), all operands of one shape."""

    name = "linalg.map"
    inputs = Operand(C.AnyType, variadic=True)
    init = Operand(C.AnyType)
    result = Result(C.AnyRankedTensor, variadic=True)
    region = RegionDef()

    @property
    def dps_inits(self):
        return [self.init]

    @classmethod
    def create(cls, inputs, init, body_fn, location=UNKNOWN) -> "MapOp":
        """`body_fn(builder, [in...])` returns the mapped value."""
        return cls._create(inputs, [init], location, body_fn=body_fn)

    @classmethod
    def _groups(cls, inputs, outputs):
        return inputs, outputs[0]

    def block_operand_indices(self):
        n = len(self.inputs)
        region = self.regions[0] if self.regions else None
        with_init = region is not None and region.blocks and len(region.blocks[0].arguments) == n + 1
        return list(range(n + 1 if with_init else n))

    def get_indexing_maps(self):
        return _identity_maps(rank_of(self.init.type), len(self.inputs) + 1)

    def get_iterator_types(self):
        return [PARALLEL] * rank_of(self.init.type)

    def verify_named(self):
        if not isinstance(self.init.type, (T.TensorType, T.MemRefType)):
            raise self.emit_error(f"expected a ranked tensor or memref init, got '{self.init.type}'")
        for i, v in enumerate(self.inputs):
            if not isinstance(v.type, (T.TensorType, T.MemRefType)) or v.type.shape != self.init.type.shape:
                raise self.emit_error(f"expected shape of input ({list(getattr(v.type, 'shape', []))}) to match "
                                      f"shape of output ({list(self.init.type.shape)})")
