"""Type and attribute constraints used in op definitions (`Operand(FloatLike)`, ...).

A constraint is a predicate with a description that the verifier quotes:
`'arith.addf' op operand #0 must be floating-point-like, but got 'i32'`.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T


class Constraint:
    def __init__(self, predicate, description: str):
        self.predicate = predicate
        self.description = description

    def __call__(self, value) -> bool:
        return bool(self.predicate(value))

    def __or__(self, other: "Constraint") -> "Constraint":
        return Constraint(lambda v: self(v) or other(v), f"{self.description} or {other.description}")

    def __repr__(self):
        return f"Constraint({self.description})"


def _shaped_of(element_ok, kinds=(T.VectorType, T.TensorType, T.UnrankedTensorType)):
    return lambda t: element_ok(t) or (isinstance(t, kinds) and element_ok(t.element_type))


def _is_float(t):
    return isinstance(t, T.FloatType)


def _is_signless_int(t):
    return isinstance(t, T.IntegerType) and t.is_signless


def _is_signless_int_or_index(t):
    return _is_signless_int(t) or isinstance(t, T.IndexType)


def _is_bool(t):
    return t == T.i1


def _is_tensor(t):
    return isinstance(t, (T.TensorType, T.UnrankedTensorType))


def _is_memref(t):
    return isinstance(t, (T.MemRefType, T.UnrankedMemRefType))


AnyType = Constraint(lambda t: isinstance(t, T.Type), "any type")
AnyFloat = Constraint(_is_float, "floating-point")
AnySignlessInteger = Constraint(_is_signless_int, "signless integer")
Index = Constraint(lambda t: isinstance(t, T.IndexType), "index")
SignlessIntegerOrIndex = Constraint(_is_signless_int_or_index, "signless integer or index")
I1 = Constraint(_is_bool, "1-bit signless integer")
FloatLike = Constraint(_shaped_of(_is_float), "floating-point-like")
SignlessIntegerLike = Constraint(_shaped_of(_is_signless_int_or_index), "signless-integer-like")
BoolLike = Constraint(_shaped_of(_is_bool), "bool-like")
AnyTensor = Constraint(_is_tensor, "tensor of any type values")
AnyRankedTensor = Constraint(lambda t: isinstance(t, T.TensorType), "ranked tensor of any type values")
AnyMemRef = Constraint(_is_memref, "memref of any type values")
AnyVector = Constraint(lambda t: isinstance(t, T.VectorType), "vector of any type values")
AnyFunction = Constraint(lambda t: isinstance(t, T.FunctionType), "function type")
ScalarLike = Constraint(lambda t: not isinstance(t, T.ShapedType), "scalar")


def OfType(*allowed: T.Type) -> Constraint:
    return Constraint(lambda t: t in allowed, " or ".join(f"'{a}'" for a in allowed))


def DialectTypeOf(name: str) -> Constraint:
    return Constraint(lambda t: isinstance(t, T.DialectType) and t.name == name, f"'!{name}'")


# ----- attribute constraints ------------------------------------------------------------------

def AttrOf(*classes, description: str | None = None) -> Constraint:
    names = " or ".join(c.__name__ for c in classes)
    return Constraint(lambda a: isinstance(a, classes), description or names)


AnyAttr = Constraint(lambda a: isinstance(a, A.Attribute), "any attribute")
StrAttr = AttrOf(A.StringAttr, description="string attribute")
BoolAttrC = AttrOf(A.BoolAttr, description="bool attribute")
UnitAttrC = AttrOf(A.UnitAttr, description="unit attribute")
SymbolRefAttrC = AttrOf(A.SymbolRefAttr, description="symbol reference attribute")
FlatSymbolRefAttr = Constraint(lambda a: isinstance(a, A.SymbolRefAttr) and not a.nested,
                               "flat symbol reference attribute")
ArrayAttrC = AttrOf(A.ArrayAttr, description="array attribute")
DictAttrC = AttrOf(A.DictionaryAttr, description="dictionary attribute")
TypedAttr = Constraint(lambda a: hasattr(a, "type") and not isinstance(a, A.UnitAttr), "typed attribute")
ElementsAttr = AttrOf(A.DenseElementsAttr, description="elements attribute")
AffineMapAttrC = AttrOf(A.AffineMapAttr, description="AffineMap attribute")


def IntegerAttrOf(t: T.Type) -> Constraint:
    return Constraint(lambda a: isinstance(a, A.IntegerAttr) and a.type == t, f"{t} integer attribute")


def FloatAttrOf(t: T.Type) -> Constraint:
    return Constraint(lambda a: isinstance(a, A.FloatAttr) and a.type == t, f"{t} float attribute")


def TypeAttrOf(constraint: Constraint = AnyType) -> Constraint:
    return Constraint(lambda a: isinstance(a, A.TypeAttr) and constraint(a.value),
                      f"type attribute of {constraint.description}")


def DenseArrayOf(t: T.Type) -> Constraint:
    return Constraint(lambda a: isinstance(a, A.DenseArrayAttr) and a.element_type == t,
                      f"{t} dense array attribute")


def ArrayOf(inner: Constraint) -> Constraint:
    return Constraint(lambda a: isinstance(a, A.ArrayAttr) and all(inner(x) for x in a.value),
                      f"array of {inner.description}")


I64Attr = IntegerAttrOf(T.i64)
I32Attr = IntegerAttrOf(T.i32)
IndexAttr = IntegerAttrOf(T.index)
F32Attr = FloatAttrOf(T.f32)
