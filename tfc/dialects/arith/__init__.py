"""The arith dialect: MLIR's integer and floating-point arithmetic, comparisons, select and
casts, on scalars and elementwise on vectors and tensors.

Ops print in MLIR's generic form, e.g.
`%0 = "arith.addf"(%a, %b) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32`;
names, operands, attributes and enum numbering are upstream MLIR's. Each op interprets with
numpy (`interpret`) and folds constants and algebraic identities (`fold`).

The ops live in submodules: int_ops (constant, integer binary ops, cmpi, select), float_ops
(float binary ops, negf, cmpf) and cast_ops; shared helpers are in common and attrs.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.opdef import Dialect

from tfc.dialects.arith.attrs import (CMPF_PREDICATES, CMPI_PREDICATES, ROUNDING_MODES,
                                      FastMathFlagsAttr, IntegerOverflowFlagsAttr)
from tfc.dialects.arith.cast_ops import (BitcastOp, ExtFOp, ExtSIOp, ExtUIOp, FPToSIOp, FPToUIOp,
                                         IndexCastOp, IndexCastUIOp, SIToFPOp, TruncFOp, TruncIOp,
                                         UIToFPOp)
from tfc.dialects.arith.float_ops import (AddFOp, CmpFOp, DivFOp, FloatOp, MaxNumFOp, MaximumFOp,
                                          MinNumFOp, MinimumFOp, MulFOp, NegFOp, RemFOp, SubFOp)
from tfc.dialects.arith.int_ops import (AddIOp, AndIOp, CeilDivSIOp, CeilDivUIOp, CmpIOp,
                                        ConstantOp, DivSIOp, DivUIOp, FloorDivSIOp, MaxSIOp,
                                        MaxUIOp, MinSIOp, MinUIOp, MulIOp, OrIOp, RemSIOp, RemUIOp,
                                        SelectOp, ShLIOp, ShRSIOp, ShRUIOp, SubIOp, XOrIOp)


def materialize_constant(value: A.Attribute, type: T.Type, location):
    """An `arith.constant` of `type` holding `value`, or None when arith cannot hold it.

    A scalar attribute for a statically shaped vector/tensor type is splatted.
    """
    scalar = isinstance(value, (A.IntegerAttr, A.BoolAttr, A.FloatAttr))
    if scalar and isinstance(type, (T.TensorType, T.VectorType)):
        if value.type != type.element_type or not type.has_static_shape:
            return None
        value = A.DenseElementsAttr.splat(value.value, type)
    if not isinstance(value, (A.IntegerAttr, A.BoolAttr, A.FloatAttr, A.DenseElementsAttr)):
        return None
    if value.type != type:
        return None
    et = T.element_type(type)
    if not (isinstance(et, (T.IndexType, T.FloatType)) or (isinstance(et, T.IntegerType) and et.is_signless)):
        return None
    return ConstantOp.build(value=value, result_types=[type], location=location)


class ArithDialect(Dialect):
    name = "arith"

    def materialize_constant(self, value, type, location):
        return materialize_constant(value, type, location)


__all__ = [
    "ArithDialect", "FastMathFlagsAttr", "IntegerOverflowFlagsAttr", "materialize_constant",
    "CMPI_PREDICATES", "CMPF_PREDICATES", "ROUNDING_MODES", "FloatOp",
    "ConstantOp", "AddIOp", "SubIOp", "MulIOp", "DivSIOp", "DivUIOp", "CeilDivSIOp", "CeilDivUIOp",
    "FloorDivSIOp", "RemSIOp", "RemUIOp", "AndIOp", "OrIOp", "XOrIOp", "ShLIOp", "ShRSIOp",
    "ShRUIOp", "MaxSIOp", "MaxUIOp", "MinSIOp", "MinUIOp", "CmpIOp", "SelectOp",
    "AddFOp", "SubFOp", "MulFOp", "DivFOp", "RemFOp", "NegFOp", "MaximumFOp", "MinimumFOp",
    "MaxNumFOp", "MinNumFOp", "CmpFOp",
    "ExtSIOp", "ExtUIOp", "TruncIOp", "ExtFOp", "TruncFOp", "SIToFPOp", "UIToFPOp", "FPToSIOp",
    "FPToUIOp", "IndexCastOp", "IndexCastUIOp", "BitcastOp",
]
