"""Attributes of the arith dialect: fastmath and overflow flags, comparison predicates and
rounding modes (the last two are plain integer attributes in MLIR's generic form)."""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import constraints as C
from tfc.ir import types as T


class _BitEnumAttr(A.DialectAttr):
    """`#arith.<mnemonic><flag, flag>`: a set of flags, printed in MLIR's canonical order.

    Params are normalized when the attribute is made: flags in bit order, `none` for the
    empty set and the group name (`fast`) when every flag is set.
    """

    __slots__ = ()

    FLAGS: tuple = ()
    GROUP: str | None = None
    SEPARATOR = ","

    def __init__(self, name: str | None = None, params: tuple = ()):
        object.__setattr__(self, "name", name or self.attr_name)
        object.__setattr__(self, "params", self._normalize(tuple(params)))

    @staticmethod
    def _words(params) -> tuple:
        # The parser hands keyword-like words over as builtin attributes (`none` arrives as
        # the type attribute `none`), so flags are compared by their text.
        return tuple(p if isinstance(p, str) else str(p) for p in params)

    @classmethod
    def _normalize(cls, params: tuple) -> tuple:
        if cls.verify_params(params) is not None:
            return params  # kept as written, so the parser can report it
        flags = cls._expand(cls._words(params))
        if cls.GROUP and flags == set(cls.FLAGS):
            return (cls.GROUP,)
        return tuple(f for f in cls.FLAGS if f in flags) or ("none",)

    @classmethod
    def _expand(cls, params) -> set:
        flags = set()
        for p in params:
            flags.update(cls.FLAGS if p == cls.GROUP else () if p == "none" else (p,))
        return flags

    @classmethod
    def verify_params(cls, params: tuple) -> str | None:
        known = {*cls.FLAGS, "none", *((cls.GROUP,) if cls.GROUP else ())}
        if not params:
            return f"expected one or more of {', '.join(sorted(known))}"
        for p in cls._words(params):
            if p not in known:
                return f"unknown flag '{p}'; expected one of {', '.join(sorted(known))}"
        return None

    @classmethod
    def get(cls, *flags: str) -> "_BitEnumAttr":
        problem = cls.verify_params(flags or ("none",))
        if problem:
            raise ValueError(problem)
        return cls(cls.attr_name, flags or ("none",))

    @property
    def flags(self) -> frozenset:
        return frozenset(self._expand(self.params))

    def __str__(self) -> str:
        return f"#{self.name}<{self.SEPARATOR.join(map(str, self.params))}>"


class FastMathFlagsAttr(_BitEnumAttr):
    """`#arith.fastmath<nnan,ninf>`: LLVM's fast-math flags (`none`, `fast` = all of them)."""

    attr_name = "arith.fastmath"
    FLAGS = ("reassoc", "nnan", "ninf", "nsz", "arcp", "contract", "afn")
    GROUP = "fast"
    SEPARATOR = ","


class IntegerOverflowFlagsAttr(_BitEnumAttr):
    """`#arith.overflow<nsw, nuw>`: no-signed-wrap / no-unsigned-wrap flags."""

    attr_name = "arith.overflow"
    FLAGS = ("nsw", "nuw")
    SEPARATOR = ", "


FastMathAttrC = C.AttrOf(FastMathFlagsAttr, description="Floating point fast math flags")
OverflowAttrC = C.AttrOf(IntegerOverflowFlagsAttr, description="Integer overflow arith flags")


def _enum_constraint(names: tuple, width_type: T.Type, what: str) -> C.Constraint:
    return C.Constraint(lambda a: isinstance(a, A.IntegerAttr) and a.type == width_type
                        and 0 <= a.value < len(names),
                        f"{what} whose value is one of {', '.join(f'{i} ({n})' for i, n in enumerate(names))}")


def _enum_converter(names: tuple, width_type: T.Type):
    def convert(value):
        if isinstance(value, str):
            value = names.index(value)
        return A.IntegerAttr.get(int(value), width_type)
    return convert


CMPI_PREDICATES = ("eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge")
CMPF_PREDICATES = ("false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord",
                   "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "true")
ROUNDING_MODES = ("to_nearest_even", "downward", "upward", "toward_zero", "to_nearest_away")

CmpIPredicateC = _enum_constraint(CMPI_PREDICATES, T.i64, "i64 cmpi predicate")
CmpFPredicateC = _enum_constraint(CMPF_PREDICATES, T.i64, "i64 cmpf predicate")
RoundingModeC = _enum_constraint(ROUNDING_MODES, T.i32, "i32 rounding mode")
cmpi_predicate = _enum_converter(CMPI_PREDICATES, T.i64)
cmpf_predicate = _enum_converter(CMPF_PREDICATES, T.i64)
rounding_mode = _enum_converter(ROUNDING_MODES, T.i32)


def fastmath(value) -> FastMathFlagsAttr:
    """Builder conversion: `"fast"`, `("nnan", "ninf")` or an attribute."""
    if isinstance(value, FastMathFlagsAttr):
        return value
    return FastMathFlagsAttr.get(*((value,) if isinstance(value, str) else value))


def overflow(value) -> IntegerOverflowFlagsAttr:
    if isinstance(value, IntegerOverflowFlagsAttr):
        return value
    return IntegerOverflowFlagsAttr.get(*((value,) if isinstance(value, str) else value))
