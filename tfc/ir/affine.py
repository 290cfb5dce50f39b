"""Affine expressions and maps: `affine_map<(d0, d1)[s0] -> (d0 + s0, d1 floordiv 2)>`.

linalg's indexing maps are affine maps. Expressions are immutable trees; constants fold when
both sides are constant, and `x + y * -1` prints as `x - y`, so printing is stable under
parse -> print.
"""

from __future__ import annotations

from dataclasses import dataclass

_PRECEDENCE = {"add": 1, "mul": 2, "floordiv": 2, "ceildiv": 2, "mod": 2}
_SPELLING = {"add": "+", "mul": "*", "floordiv": "floordiv", "ceildiv": "ceildiv", "mod": "mod"}


class AffineExpr:
    __slots__ = ()
    precedence = 3

    def __add__(self, other):
        return binary("add", self, lift(other))

    def __radd__(self, other):
        return binary("add", lift(other), self)

    def __sub__(self, other):
        return binary("add", self, binary("mul", lift(other), AffineConstantExpr(-1)))

    def __mul__(self, other):
        return binary("mul", self, lift(other))

    def __rmul__(self, other):
        return binary("mul", lift(other), self)

    def __neg__(self):
        return binary("mul", self, AffineConstantExpr(-1))

    def floordiv(self, other):
        return binary("floordiv", self, lift(other))

    def ceildiv(self, other):
        return binary("ceildiv", self, lift(other))

    def __mod__(self, other):
        return binary("mod", self, lift(other))


@dataclass(frozen=True, slots=True)
class AffineDimExpr(AffineExpr):
    position: int

    def __str__(self):
        return f"d{self.position}"

    def evaluate(self, dims, symbols):
        return dims[self.position]


@dataclass(frozen=True, slots=True)
class AffineSymbolExpr(AffineExpr):
    position: int

    def __str__(self):
        return f"s{self.position}"

    def evaluate(self, dims, symbols):
        return symbols[self.position]


@dataclass(frozen=True, slots=True)
class AffineConstantExpr(AffineExpr):
    value: int

    def __str__(self):
        return str(self.value)

    def evaluate(self, dims, symbols):
        return self.value


@dataclass(frozen=True, slots=True)
class AffineBinaryExpr(AffineExpr):
    kind: str
    lhs: AffineExpr
    rhs: AffineExpr

    @property
    def precedence(self):
        return _PRECEDENCE[self.kind]

    def __str__(self):
        lhs = _wrap(self.lhs, self.precedence > self.lhs.precedence)
        if self.kind == "add":
            negated = _negated(self.rhs)
            if negated is not None:
                return f"{lhs} - {_wrap(negated, negated.precedence <= 1)}"
        rhs = _wrap(self.rhs, self.rhs.precedence <= self.precedence)
        return f"{lhs} {_SPELLING[self.kind]} {rhs}"

    def evaluate(self, dims, symbols):
        a = self.lhs.evaluate(dims, symbols)
        b = self.rhs.evaluate(dims, symbols)
        return _apply(self.kind, a, b)


def _apply(kind, a, b):
    if kind == "add":
        return a + b
    if kind == "mul":
        return a * b
    if kind == "floordiv":
        return a // b
    if kind == "ceildiv":
        return -((-a) // b)
    return a % b


def _wrap(expr, parens: bool) -> str:
    return f"({expr})" if parens else str(expr)


def _negated(expr):
    """If expr is `x * -1` (or a negative constant), return x (or the positive constant)."""
    if isinstance(expr, AffineConstantExpr) and expr.value < 0:
        return AffineConstantExpr(-expr.value)
    if isinstance(expr, AffineBinaryExpr) and expr.kind == "mul":
        if isinstance(expr.rhs, AffineConstantExpr) and expr.rhs.value == -1:
            return expr.lhs
    return None


def lift(value) -> AffineExpr:
    return value if isinstance(value, AffineExpr) else AffineConstantExpr(int(value))


def binary(kind: str, lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr:
    """Build `lhs kind rhs`, folding two constants (division by zero is left unfolded)."""
    if isinstance(lhs, AffineConstantExpr) and isinstance(rhs, AffineConstantExpr):
        if kind in ("add", "mul") or rhs.value > 0:
            return AffineConstantExpr(_apply(kind, lhs.value, rhs.value))
    return AffineBinaryExpr(kind, lhs, rhs)


@dataclass(frozen=True, slots=True)
class AffineMap:
    num_dims: int
    num_symbols: int
    results: tuple

    def __str__(self):
        dims = ", ".join(f"d{i}" for i in range(self.num_dims))
        syms = f"[{', '.join(f's{i}' for i in range(self.num_symbols))}]" if self.num_symbols else ""
        return f"({dims}){syms} -> ({', '.join(map(str, self.results))})"

    @staticmethod
    def identity(rank: int) -> "AffineMap":
        return AffineMap(rank, 0, tuple(AffineDimExpr(i) for i in range(rank)))

    @staticmethod
    def from_dims(num_dims: int, positions) -> "AffineMap":
        return AffineMap(num_dims, 0, tuple(AffineDimExpr(p) for p in positions))

    def is_identity(self) -> bool:
        return self == AffineMap.identity(self.num_dims)

    def is_permutation(self) -> bool:
        positions = [r.position for r in self.results if isinstance(r, AffineDimExpr)]
        return len(positions) == self.num_dims == len(self.results) and sorted(positions) == list(range(self.num_dims))

    def evaluate(self, dims, symbols=()):
        return tuple(r.evaluate(dims, symbols) for r in self.results)


def substitute(expr: AffineExpr, dims: tuple) -> AffineExpr:
    """`expr` with each dim d_i replaced by `dims[i]` (constants folded as `binary` folds them)."""
    if isinstance(expr, AffineDimExpr):
        return dims[expr.position]
    if isinstance(expr, AffineBinaryExpr):
        return binary(expr.kind, substitute(expr.lhs, dims), substitute(expr.rhs, dims))
    return expr


def compose(outer: AffineMap, inner: AffineMap) -> AffineMap:
    """outer ∘ inner: apply `inner` to the loop indices, then `outer` to its results."""
    if outer.num_dims != len(inner.results):
        raise ValueError(f"cannot compose {outer} with {inner}: {outer.num_dims} dims vs {len(inner.results)} results")
    return AffineMap(inner.num_dims, inner.num_symbols, tuple(substitute(r, inner.results) for r in outer.results))


def inverse_permutation(m: AffineMap) -> AffineMap:
    """The inverse of a permutation map: (d0, d1) -> (d1, d0) is its own inverse."""
    if not m.is_permutation():
        raise ValueError(f"{m} is not a permutation")
    results = [None] * m.num_dims
    for i, r in enumerate(m.results):
        results[r.position] = AffineDimExpr(i)
    return AffineMap(m.num_dims, 0, tuple(results))
