"""The linalg dialect: structured ops on tensors (value semantics: results) and memrefs
(destination-passing style: no results, the `outs` buffers are written in place), with
MLIR's op names, operands, properties and generic forms.

    base.py     #linalg.iterator_type, the structured-op interface (indexing maps, iterator
                types, verification) and the reference execution (per point, vectorized)
    generic.py  linalg.generic (+ GenericOp.create builder), linalg.yield, linalg.index
    named.py    linalg.fill, matmul, batch_matmul, transpose, broadcast, reduce, map
    conv.py     linalg.conv_2d_nhwc_hwcf, depthwise_conv_2d_nhwc_hwc, pooling_nhwc_max/sum
"""

from __future__ import annotations

from tfc.dialects.linalg.base import IteratorTypeAttr, LinalgDialect, StructuredMixin
from tfc.dialects.linalg.generic import GenericOp, IndexOp, YieldOp
from tfc.dialects.linalg.conv import (Conv2DNhwcHwcfOp, DepthwiseConv2DNhwcHwcOp, PoolingNhwcMaxOp,
                                      PoolingNhwcSumOp)
from tfc.dialects.linalg.named import (BatchMatmulOp, BroadcastOp, FillOp, MapOp, MatmulOp, NamedOp,
                                       ReduceOp, TransposeOp, body_signature)

__all__ = ["BatchMatmulOp", "BroadcastOp", "Conv2DNhwcHwcfOp", "DepthwiseConv2DNhwcHwcOp", "FillOp",
           "GenericOp", "IndexOp", "IteratorTypeAttr", "LinalgDialect", "MapOp", "MatmulOp", "NamedOp",
           "PoolingNhwcMaxOp", "PoolingNhwcSumOp", "ReduceOp", "StructuredMixin", "TransposeOp", "YieldOp",
           "body_signature"]
