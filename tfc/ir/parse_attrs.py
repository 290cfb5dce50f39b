"""Rule callbacks of mlir.lark for types, attributes and locations (see parser.py).

Types and attributes are immutable values, so these callbacks only compute; the op-level
callbacks in parser.py keep the state (scopes, aliases) that these read through `self`.
"""

from __future__ import annotations

import re

import numpy as np

from tfc.ir import affine as AF
from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.lexer import Tok as Token
from tfc.ir.location import UNKNOWN, CallSiteLoc, FileLineColLoc, FusedLoc, Location, NameLoc
from tfc.ir.text import unquote_string

_SIMPLE_TYPE = re.compile(r"(tensor|memref|vector)<((?:(?:[0-9]+|\?)x)*)([^>]+)>")
_simple_type_cache: dict[str, T.Type] = {}


class _LocRef(Location):
    """`loc(#loc3)`: an alias that MLIR may define after its use; resolved at the end."""

    __slots__ = ("name", "token")

    def __init__(self, name: str, token: Token):
        self.name = name
        self.token = token

    def body(self) -> str:
        return self.name


def _scalar_type(text: str) -> T.Type:
    if text in ("f16", "bf16", "f32", "f64"):
        return T.FloatType(text)
    if text == "index":
        return T.index
    sign = text[0] if text[0] in "su" else ""
    return T.IntegerType(int(text[len(sign) + 1:]), sign)


def _dim_values(dims: list[str]) -> tuple:
    return tuple(None if d == "?" else int(d) for d in dims)


class AttrTypeCallbacks:
    """Mixin of the grammar's type, attribute and location rules."""

    # ----- locations -----------------------------------------------------------------------

    def trailing_loc(self, c):
        return c[1]

    def file_loc(self, c):
        return FileLineColLoc(unquote_string(c[0].value), int(c[1].value), int(c[2].value))

    def unknown_loc(self, c):
        return UNKNOWN

    def name_loc(self, c):
        return NameLoc(unquote_string(c[0].value), c[1] if len(c) > 1 else None)

    def callsite_loc(self, c):
        return CallSiteLoc(c[1], c[3])

    def fused_loc(self, c):
        metadata = c[1] if len(c) > 1 and isinstance(c[1], A.Attribute) else None
        return FusedLoc(tuple(x for x in c[1:] if isinstance(x, Location)), metadata)

    def fused_meta(self, c):
        return c[0]

    def loc_ref(self, c):
        self.loc_refs_used = True
        return _LocRef(c[0].value, c[0])

    # ----- types -------------------------------------------------------------------------------

    def simple_type(self, c):
        text = c[0].value
        t = _simple_type_cache.get(text)
        if t is None:
            kind, dims, element = _SIMPLE_TYPE.match(text).groups()
            shape = _dim_values(dims.split("x")[:-1])
            cls = {"tensor": T.TensorType, "memref": T.MemRefType, "vector": T.VectorType}[kind]
            if kind == "vector" and any(d is None for d in shape):
                raise self.error(c[0], "vector types must have static dimensions")
            t = _simple_type_cache[text] = cls(shape, _scalar_type(element))
        return t

    def int_type(self, c):
        return _scalar_type(c[0].value)

    def float_type(self, c):
        return T.FloatType(c[0].value)

    def index_type(self, c):
        return T.index

    def none_type(self, c):
        return T.none

    def dims(self, c):
        return [token.value for token in c]

    def tensor_type(self, c):
        dims, element = c[1], c[2]
        encoding = c[3] if len(c) > 3 else None
        if "*" in dims:
            if dims != ["*"] or encoding is not None:
                raise self.error(c[0], "an unranked tensor is written tensor<*xT>")
            return T.UnrankedTensorType(element)
        if any(d.startswith("[") for d in dims):
            raise self.error(c[0], "only vectors have scalable dimensions")
        return T.TensorType(_dim_values(dims), element, encoding)

    def memref_type(self, c):
        dims, element, extra = c[1], c[2], c[3:]
        if "*" in dims:
            return T.UnrankedMemRefType(element, extra[0] if extra else None)
        layout = space = None
        for attr in extra:
            if isinstance(attr, (A.AffineMapAttr, A.StridedLayoutAttr)) and layout is None and space is None:
                layout = attr
            elif space is None:
                space = attr
            else:
                raise self.error(c[0], "a memref takes at most a layout and a memory space")
        return T.MemRefType(_dim_values(dims), element, layout, space)

    def vector_type(self, c):
        dims, element = c[1], c[2]
        if any(d in ("?", "*") for d in dims):
            raise self.error(c[0], "vector types must have static dimensions")
        scalable = tuple(d.startswith("[") for d in dims)
        shape = tuple(int(d.strip("[]")) for d in dims)
        return T.VectorType(shape, element, scalable if any(scalable) else ())

    def tuple_type(self, c):
        return T.TupleType(tuple(c[1]) if len(c) > 1 else ())

    def complex_type(self, c):
        return T.ComplexType(c[1])

    def dialect_type(self, c):
        name = c[0].value[1:]
        params = tuple(c[1]) if len(c) > 1 else ()
        if "." not in name:
            if params or c[0].value not in self.type_aliases:
                raise self.error(c[0], f"undefined type alias '{c[0].value}'")
            return self.type_aliases[c[0].value]
        t = T.make_dialect_type(name, params)
        problem = type(t).verify_params(t.params)
        if problem:
            raise self.error(c[0], f"invalid type '{c[0].value}': {problem}")
        return t

    def dialect_params(self, c):
        return [str(x) if isinstance(x, Token) else x for x in c]

    def type_list(self, c):
        return c

    def type_group(self, c):
        return c

    def function_type(self, c):
        results = c[1] if isinstance(c[1], list) else [c[1]]
        return T.FunctionType(tuple(c[0]), tuple(results))

    # ----- attributes ----------------------------------------------------------------------------

    def int_attr(self, c):
        negative = c[0].type == "MINUS"
        token = c[1] if negative else c[0]
        t = c[-1] if isinstance(c[-1], T.Type) else T.i64
        value = int(token.value, 0)
        if isinstance(t, T.FloatType):
            if not token.value.startswith("0x") or negative:
                raise self.error(token, "unexpected decimal integer literal for a floating point value (add a trailing dot: 1.)")
            return A.FloatAttr(A.bits_to_float(value, t), t)
        if not isinstance(t, (T.IntegerType, T.IndexType)):
            raise self.error(token, f"integer literal not valid for specified type '{t}'")
        value = -value if negative else value
        if not int_in_range(value, t):
            raise self.error(token, f"integer constant out of range for attribute of type '{t}'")
        return A.IntegerAttr.get(value, t)

    def float_attr(self, c):
        negative = c[0].type == "MINUS"
        token = c[1] if negative else c[0]
        t = c[-1] if isinstance(c[-1], T.Type) else T.f64
        if not isinstance(t, T.FloatType):
            raise self.error(token, f"floating point value not valid for specified type '{t}'")
        value = float(token.value)
        return A.FloatAttr.get(-value if negative else value, t)

    def string_attr(self, c):
        if len(c) > 1:
            raise self.error(c[0], "typed string attributes are not supported")
        return A.StringAttr(unquote_string(c[0].value))

    def true_attr(self, c):
        return A.TRUE

    def false_attr(self, c):
        return A.FALSE

    def unit_attr(self, c):
        return A.UNIT

    def array_attr(self, c):
        return A.ArrayAttr(tuple(c))

    def dict_attr(self, c):
        return A.DictionaryAttr.get(c[0])

    def type_attr(self, c):
        return A.TypeAttr(c[0])

    def symbol_ref(self, c):
        names = [_symbol_text(t) for t in c]
        return A.SymbolRefAttr(names[0], tuple(names[1:]))

    def attr_dict(self, c):
        entries = {}
        for name, value, token in c:
            if name in entries:
                raise self.error(token, f"duplicate key '{name}' in dictionary attribute")
            entries[name] = value
        return entries

    def attr_entry(self, c):
        token = c[0]
        name = unquote_string(token.value) if token.type == "STRING" else token.value
        return (name, c[1] if len(c) > 1 else A.UNIT, token)

    def hash_attr(self, c):
        name = c[0].value[1:]
        params = tuple(c[1]) if len(c) > 1 else ()
        if "." not in name:
            if params or c[0].value not in self.attr_aliases:
                raise self.error(c[0], f"undefined attribute alias '{c[0].value}'")
            return self.attr_aliases[c[0].value]
        attr = A.make_dialect_attr(name, params)
        problem = type(attr).verify_params(params)
        if problem:
            raise self.error(c[0], f"invalid attribute '{c[0].value}': {problem}")
        return attr

    def dense_attr(self, c):
        token, t = c[0], c[-1]
        literal = c[1] if len(c) > 2 else None
        if not isinstance(t, (T.TensorType, T.VectorType)) or not t.has_static_shape:
            raise self.error(token, f"dense elements need a statically shaped tensor or vector type, got '{t}'")
        try:
            return _dense_from_literal(literal, t)
        except (ValueError, OverflowError, TypeError) as err:
            raise self.error(token, f"invalid dense literal for '{t}': {err}") from None

    def dense_int(self, c):
        if c[0].type == "MINUS":
            return -int(c[1].value, 0)
        text = c[0].value
        return HexInt(text, 16) if text.startswith("0x") else int(text)

    def dense_float(self, c):
        return -float(c[1].value) if c[0].type == "MINUS" else float(c[0].value)

    def dense_true(self, c):
        return True

    def dense_false(self, c):
        return False

    def dense_hex(self, c):
        text = unquote_string(c[0].value)
        if not text.startswith("0x"):
            raise self.error(c[0], "expected a hex string (\"0x...\") in dense literal")
        return ("hex", bytes.fromhex(text[2:]))

    def dense_list(self, c):
        return list(c)

    def dense_array(self, c):
        t = c[1]
        if not isinstance(t, (T.FloatType, T.IntegerType, T.IndexType)):
            raise self.error(c[0], f"array<...> holds integers or floats, not '{t}'")
        try:
            values = tuple(element_value(v, t) for v in c[2:])
        except ValueError as err:
            raise self.error(c[0], str(err)) from None
        if isinstance(t, T.FloatType):
            values = tuple(A.round_float(v, t) for v in values)
        return A.DenseArrayAttr(t, values)

    def stride(self, c):
        return None if c[0].type == "QMARK" else int(c[0].value)

    def strided_attr(self, c):
        items = c[1:]
        if len(items) >= 2 and isinstance(items[-2], Token) and items[-2].type == "KW_OFFSET":
            return A.StridedLayoutAttr(tuple(items[:-2]), items[-1])
        return A.StridedLayoutAttr(tuple(items), 0)

    def affine_map_attr(self, c):
        return A.AffineMapAttr(c[1])

    def affine_map(self, c):
        dims = [t.value for t in c if isinstance(t, Token)]
        symbols = next((x[1] for x in c if isinstance(x, tuple) and x[0] == "symbols"), [])
        names = {name: AF.AffineDimExpr(i) for i, name in enumerate(dims)}
        names.update({name: AF.AffineSymbolExpr(i) for i, name in enumerate(symbols)})
        exprs = [x for x in c if isinstance(x, tuple) and x[0] != "symbols"]
        return AF.AffineMap(len(dims), len(symbols), tuple(self._affine(e, names) for e in exprs))

    def affine_symbols(self, c):
        return ("symbols", [t.value for t in c])

    def _affine(self, node, names):
        kind = node[0]
        if kind == "id":
            expr = names.get(node[1].value)
            if expr is None:
                raise self.error(node[1], f"use of undeclared identifier '{node[1].value}' in affine map")
            return expr
        if kind == "const":
            return AF.AffineConstantExpr(node[1])
        if kind == "neg":
            return -self._affine(node[1], names)
        lhs, rhs = self._affine(node[1], names), self._affine(node[2], names)
        if kind == "sub":
            return lhs - rhs
        return AF.binary(kind, lhs, rhs)

    def affine_id(self, c):
        return ("id", c[0])

    def affine_const(self, c):
        return ("const", int(c[0].value, 0))

    def affine_neg(self, c):
        return ("neg", c[1])

    def affine_add(self, c):
        return ("add", c[0], c[2])

    def affine_sub(self, c):
        return ("sub", c[0], c[2])

    def affine_mul(self, c):
        return ("mul", c[0], c[2])

    def affine_floordiv(self, c):
        return ("floordiv", c[0], c[2])

    def affine_ceildiv(self, c):
        return ("ceildiv", c[0], c[2])

    def affine_mod(self, c):
        return ("mod", c[0], c[2])



def _symbol_text(token: Token) -> str:
    body = token.value[1:]
    return unquote_string(body) if body.startswith('"') else body


def _dense_from_literal(literal, t: T.ShapedType) -> A.DenseElementsAttr:
    if literal is None:
        if t.num_elements() != 0:
            raise ValueError("an empty literal needs a type with no elements")
        return A.DenseElementsAttr(np.zeros(t.shape, T.numpy_dtype(t)), t)
    if isinstance(literal, tuple):
        return A.DenseElementsAttr(A.dense_from_bytes(literal[1], t), t)
    dtype = T.numpy_dtype(t)
    literal = _map_leaves(literal, lambda v: element_value(v, t.element_type))
    if isinstance(literal, list):
        array = np.array(literal, dtype=object)
        if array.shape != tuple(t.shape):
            raise ValueError(f"literal has shape {list(array.shape)}")
        data = np.array(array.tolist(), dtype=dtype) if array.size else np.zeros(t.shape, dtype)
    else:
        data = np.full(t.shape, literal, dtype=dtype)
    if isinstance(t.element_type, T.FloatType) and t.element_type.kind == "bf16":
        data = np.vectorize(lambda v: A.round_float(float(v), t.element_type), otypes=[dtype])(data)
    return A.DenseElementsAttr(data, t)


class HexInt(int):
    """An integer written in hex: in a float context it is the value's bit pattern."""


def int_in_range(value: int, t: T.Type) -> bool:
    if isinstance(t, T.IndexType):
        return -(1 << 63) <= value < (1 << 63)
    width = t.width
    if t.signedness == "u" or width == 1:
        low = 0 if t.signedness == "u" else -1
        return low <= value < (1 << width)
    high = (1 << (width - 1)) if t.signedness == "s" else (1 << width)
    return -(1 << (width - 1)) <= value < high


def element_value(value, et: T.Type):
    """A literal leaf as a value of element type `et` (raises ValueError as MLIR would)."""
    if isinstance(et, T.FloatType):
        if isinstance(value, HexInt):
            return A.bits_to_float(int(value), et)
        return float(value)
    if isinstance(value, float):
        raise ValueError("expected integer elements, but parsed floating-point")
    if isinstance(value, bool) or et == T.i1:
        return bool(value)
    if not int_in_range(int(value), et):
        raise ValueError(f"integer constant out of range for type '{et}'")
    return A.IntegerAttr.get(int(value), et).value


def _map_leaves(literal, fn):
    if isinstance(literal, list):
        return [_map_leaves(x, fn) for x in literal]
    return fn(literal)
