"""The bufferization dialect: where tensors (values) meet memrefs (buffers), with MLIR's op
names, operands, properties and generic forms.

    %t = "bufferization.to_tensor"(%m) : (memref<4xf32>) -> tensor<4xf32>
    %m = "bufferization.to_memref"(%t) <{read_only}> : (tensor<4xf32>) -> memref<4xf32>
    "bufferization.materialize_in_destination"(%t, %m) <{writable}> : (tensor<4xf32>, memref<4xf32>) -> ()

Semantics in tfc (and in the interpreter): `to_tensor` is a snapshot of the buffer at the
point it runs (a later write to the buffer does not change the tensor); `to_memref` is a new
buffer holding the tensor's value; `materialize_in_destination` into a memref writes the
tensor's elements into that buffer (into a tensor it is the source's value, typed as dest).

`tf-resources-to-args` produces to_tensor (variable reads) and materialize_in_destination
(variable writes) on the variables' memref arguments; `bufferize` removes every op here.
None of these ops is Pure: they read or write buffers, so passes keep them in order.
"""

from __future__ import annotations

import numpy as np

from tfc.ir import constraints as C
from tfc.ir import types as T
from tfc.ir.opdef import Attr, Dialect, Op, Operand, Result


class BufferizationDialect(Dialect):
    name = "bufferization"


RankedOrUnrankedMemRef = C.AnyMemRef
TensorOrMemRef = C.AnyTensor | C.AnyMemRef


def memref_type_for(t: T.Type) -> T.Type:
    """The memref type (identity layout) that holds a value of tensor type `t`."""
    if isinstance(t, T.TensorType):
        return T.MemRefType(tuple(t.shape), t.element_type)
    if isinstance(t, T.UnrankedTensorType):
        return T.UnrankedMemRefType(t.element_type)
    raise TypeError(f"{t} is not a tensor type")


def tensor_type_for(t: T.Type) -> T.Type:
    """The tensor type of a memref's contents (the layout is dropped)."""
    if isinstance(t, T.MemRefType):
        return T.TensorType(tuple(t.shape), t.element_type)
    if isinstance(t, T.UnrankedMemRefType):
        return T.UnrankedTensorType(t.element_type)
    raise TypeError(f"{t} is not a memref type")


def _check_contents_type(op: Op, memref_type: T.Type, tensor_type: T.Type, what: str) -> None:
    """MLIR's TypesMatchWith on to_tensor / to_memref: same shape and element type."""
    expected = tensor_type_for(memref_type)
    if expected != tensor_type:
        raise op.emit_error(f"failed to verify that {what}: expected {expected} for {memref_type}, got {tensor_type}")


class ToTensorOp(Op):
    """A tensor holding the contents of a buffer at this point (a snapshot):
    `%t = "bufferization.to_tensor"(%m) <{restrict, writable}> : (memref<2xf32>) -> tensor<2xf32>`.
    `restrict` and `writable` are MLIR's hints for one-shot bufferization; tfc keeps them."""

    name = "bufferization.to_tensor"
    memref = Operand(RankedOrUnrankedMemRef)
    restrict = Attr(C.UnitAttrC, optional=True)
    writable = Attr(C.UnitAttrC, optional=True)
    result = Result(C.AnyTensor)

    @classmethod
    def infer_type(cls, operands, properties):
        t = operands[0].type if operands else None
        return [tensor_type_for(t)] if isinstance(t, (T.MemRefType, T.UnrankedMemRefType)) else None

    def verify(self):
        _check_contents_type(self, self.memref.type, self.result.type, "result type matches the memref's contents")

    def interpret(self, ctx, memref):
        return np.array(memref, copy=True)


class ToMemrefOp(Op):
    """A buffer holding the tensor's value:
    `%m = "bufferization.to_memref"(%t) <{read_only}> : (tensor<2xf32>) -> memref<2xf32>`.
    `read_only` promises that nothing writes the buffer."""

    name = "bufferization.to_memref"
    tensor = Operand(C.AnyTensor)
    read_only = Attr(C.UnitAttrC, optional=True)
    memref = Result(RankedOrUnrankedMemRef)

    def verify(self):
        _check_contents_type(self, self.memref.type, self.tensor.type, "memref's contents match the tensor type")

    def interpret(self, ctx, tensor):
        return np.array(tensor, copy=True)


class MaterializeInDestinationOp(Op):
    """Stores `source` into `dest`. Into a memref (which must be marked `writable`) it writes
    the buffer and has no result:
    `"bufferization.materialize_in_destination"(%t, %m) <{writable}> : (tensor<2xf32>, memref<2xf32>) -> ()`;
    into a tensor it has one result of dest's type holding source's value:
    `%r = "bufferization.materialize_in_destination"(%t, %d) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>`."""

    name = "bufferization.materialize_in_destination"
    source = Operand(C.AnyTensor)
    dest = Operand(TensorOrMemRef)
    restrict = Attr(C.UnitAttrC, optional=True)
    writable = Attr(C.UnitAttrC, optional=True)
    result = Result(C.AnyTensor, optional=True)

    def verify(self):
        dest = self.dest.type
        on_memref = isinstance(dest, (T.MemRefType, T.UnrankedMemRefType))
        if not on_memref:
            if len(self.results) != 1:
                raise self.emit_error("tensor 'dest' implies exactly one tensor result")
            if self.result.type != dest:
                raise self.emit_error("result and 'dest' types must match")
        elif self.results:
            raise self.emit_error("memref 'dest' implies zero results")
        if self.restrict is not None and not on_memref:
            raise self.emit_error("'restrict' is valid only for memref destinations")
        if (self.writable is not None) != on_memref:
            raise self.emit_error("'writable' must be specified if and only if the destination is of memref type")
        source = self.source.type
        if source.has_rank != dest.has_rank:
            raise self.emit_error("source/destination shapes are incompatible")
        if not source.has_rank:
            return
        if source.rank != dest.rank:
            raise self.emit_error("rank mismatch between source and destination shape")
        for a, b in zip(source.shape, dest.shape):
            if a is not None and b is not None and a != b:
                raise self.emit_error("source/destination shapes are incompatible")
        if source.element_type != dest.element_type:
            raise self.emit_error("source/destination element types are incompatible")

    def interpret(self, ctx, source, dest):
        if self.results:
            return np.array(source, copy=True)
        if np.shape(source) != np.shape(dest):
            raise ValueError(f"cannot store a value of shape {list(np.shape(source))} into a buffer of shape "
                             f"{list(np.shape(dest))}")
        dest[...] = source
        return None


__all__ = ["BufferizationDialect", "ToTensorOp", "ToMemrefOp", "MaterializeInDestinationOp",
           "memref_type_for", "tensor_type_for"]
