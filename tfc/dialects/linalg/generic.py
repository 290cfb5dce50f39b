"""linalg.generic, linalg.yield and linalg.index (MLIR's names, operands and properties).

    %r = "linalg.generic"(%a, %b, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
            affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
            iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>],
            operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%x: f32, %y: f32, %out: f32):
      %s = "arith.addf"(%x, %y) : (f32, f32) -> f32
      "linalg.yield"(%s) : (f32) -> ()
    }) : (tensor<4x8xf32>, tensor<8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>

On memref `outs` the op has no results and writes the buffers in place.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.affine import AffineMap
from tfc.ir.builder import Builder
from tfc.ir.location import UNKNOWN
from tfc.ir.opdef import Attr, Op, Operand, RegionDef, Result
from tfc.ir.traits import IsTerminator, Pure, ReturnLike, SingleBlock

from tfc.dialects.linalg.base import (IteratorTypeAttr, StructuredMixin, body_yield, current_index,
                                      element_type, is_tensor, iterator_array, iterator_kind, map_array,
                                      new_block)

IteratorTypesC = C.Constraint(lambda a: isinstance(a, A.ArrayAttr) and all(
    isinstance(x, A.DialectAttr) and x.name == IteratorTypeAttr.attr_name for x in a),
    "array of linalg iterator types")
MapsC = C.ArrayOf(C.AffineMapAttrC)
AnyShapedOrScalar = C.AnyType


class GenericOp(StructuredMixin, Op):
    """A loop nest over an iteration space: `indexing_maps` (one per operand) map loop dims to
    operand indices, `iterator_types` say which dims are parallel and which reduce, and the
    body computes the outputs' elements from one scalar per operand."""

    name = "linalg.generic"
    traits = (SingleBlock,)
    inputs = Operand(AnyShapedOrScalar, variadic=True)
    outputs = Operand(C.AnyType, variadic=True)
    result_tensors = Result(C.AnyRankedTensor, variadic=True)
    indexing_maps = Attr(MapsC)
    iterator_types = Attr(IteratorTypesC)
    doc = Attr(C.StrAttr, optional=True)
    library_call = Attr(C.StrAttr, optional=True)
    region = RegionDef()

    @property
    def dps_inputs(self):
        return self.inputs

    @property
    def dps_inits(self):
        return self.outputs

    def get_indexing_maps(self) -> list[AffineMap]:
        return [m.value for m in self.indexing_maps]

    def get_iterator_types(self) -> list[str]:
        return [iterator_kind(k) for k in self.iterator_types]

    @classmethod
    def create(cls, inputs, outputs, maps, iterator_types, body_fn=None, *, doc=None, library_call=None,
               location=UNKNOWN) -> "GenericOp":
        """A linalg.generic with its body block (one scalar per operand). `body_fn(builder,
        block_args)` inserts the body's ops through `builder` and returns the values to yield
        (the linalg.yield is appended); without it the caller fills the block. `maps` are
        AffineMaps (or AffineMapAttrs), `iterator_types` 'parallel'/'reduction' strings."""
        inputs, outputs = list(inputs), list(outputs)
        op = cls.build(inputs, outputs, indexing_maps=map_array(maps),
                       iterator_types=iterator_array(iterator_types), doc=doc, library_call=library_call,
                       result_types=[v.type for v in outputs if is_tensor(v.type)], location=location)
        block = op.regions[0].add_block(new_block(element_type(v.type) for v in [*inputs, *outputs]))
        if body_fn is not None:
            values = body_fn(Builder.at_end(block, location), list(block.arguments))
            body_yield(block, values or [], location)
        return op

    def verify(self):
        for i, k in enumerate(self.get_iterator_types()):
            if k not in ("parallel", "reduction"):
                raise self.emit_error(f"unexpected iterator type #{i} '{k}'")
        self.verify_structured()

    def interpret(self, ctx, *values):
        return self.run_structured(ctx, list(values))


class YieldOp(Op):
    """Ends a linalg op's body: `"linalg.yield"(%v) : (f32) -> ()`, one value per output."""

    name = "linalg.yield"
    traits = (Pure, IsTerminator, ReturnLike)
    values = Operand(C.AnyType, variadic=True)

    def verify(self):
        parent = self.parent_op
        if parent is None or not parent.name.startswith("linalg."):
            raise self.emit_error("expected parent op with LinalgOp interface")


class IndexOp(Op):
    """`%i = "linalg.index"() <{dim = 0 : i64}> : () -> index`: the current iteration index of
    loop dim `dim` of the enclosing structured op."""

    name = "linalg.index"
    traits = (Pure,)
    dim = Attr(C.I64Attr, convert=lambda d: A.IntegerAttr.get(int(d), T.i64))
    result = Result(C.Index)

    @classmethod
    def infer_type(cls, operands, properties):
        return [T.index]

    def _structured_parent(self):
        op = self.parent_op
        while op is not None and not isinstance(op, StructuredMixin):
            op = op.parent_op
        return op

    def verify(self):
        parent = self._structured_parent()
        if parent is None:
            raise self.emit_error("expected parent op with LinalgOp interface")
        loops = len(parent.get_iterator_types())
        if not 0 <= self.dim.value < loops:
            raise self.emit_error(f"expected dim ({self.dim.value}) to be lower than the number of loops ({loops}) "
                                  "of the enclosing LinalgOp")

    def interpret(self, ctx):
        return current_index(ctx, self._structured_parent(), self.dim.value)
