"""The tokenizer for MLIR text, plugged into lark as a custom lexer.

A hand-driven lexer (one master regex, matched position by position) lets us lex the two
context-dependent corners of MLIR exactly as MLIR does: the `4x?xf32` dimension lists that
follow `tensor<`, `memref<` and `vector<`, and keywords that are also valid attribute names.
Simple shaped types such as `tensor<?x784xf32>` are lexed as one SIMPLE_TYPE token whose
value is parsed once and cached: a fast path for the most frequent text in real IR.
Bracket nesting is bounded so that no deeply nested input can exhaust the stack.
"""

from __future__ import annotations

import re

from lark.lexer import Lexer

from tfc.ir.diagnostics import DiagnosticError
from tfc.ir.location import FileLineColLoc

MAX_NESTING = 512

KEYWORDS = {
    "tensor": "KW_TENSOR", "memref": "KW_MEMREF", "vector": "KW_VECTOR", "tuple": "KW_TUPLE",
    "complex": "KW_COMPLEX", "index": "KW_INDEX", "none": "KW_NONE", "true": "KW_TRUE",
    "false": "KW_FALSE", "unit": "KW_UNIT", "dense": "KW_DENSE", "array": "KW_ARRAY",
    "affine_map": "KW_AFFINE_MAP", "strided": "KW_STRIDED", "offset": "KW_OFFSET",
    "floordiv": "KW_FLOORDIV", "ceildiv": "KW_CEILDIV", "mod": "KW_MOD", "loc": "KW_LOC",
    "unknown": "KW_UNKNOWN", "fused": "KW_FUSED", "callsite": "KW_CALLSITE", "at": "KW_AT",
    "module": "KW_MODULE", "builtin.module": "KW_MODULE", "attributes": "KW_ATTRIBUTES",
    "func.func": "KW_FUNC_FUNC", "private": "KW_VISIBILITY", "public": "KW_VISIBILITY",
    "nested": "KW_VISIBILITY", "return": "KW_RETURN", "func.return": "KW_RETURN",
    "call": "KW_CALL", "func.call": "KW_CALL",
}
FLOAT_TYPES = {"f16", "bf16", "f32", "f64", "f80", "f128", "tf32"}
_INT_TYPE = re.compile(r"[su]?i[1-9][0-9]*\Z")

_PUNCT = {
    "(": "_LPAR", ")": "_RPAR", "{": "_LBRACE", "}": "_RBRACE", "[": "_LSQB", "]": "_RSQB",
    "<": "_LANGLE", ">": "_RANGLE", ",": "_COMMA", ":": "_COLON", "=": "_EQUAL", "*": "STAR",
    "?": "QMARK", "-": "MINUS", "+": "PLUS", "->": "_ARROW", "::": "_DCOLON",
}
_OPENERS = {"(": 1, "{": 1, "[": 1, "<": 1, ")": -1, "}": -1, "]": -1, ">": -1}

# Each match is the whitespace and comments before a token, then the token: one match per token.
_MASTER = re.compile(r"""
  (?:[ \t\r\n]+|//[^\n]*)*
 (?:(?P<SIMPLE_TYPE>(?:tensor|memref|vector)<(?:(?:[0-9]+|\?)x)*(?:[su]?i[0-9]+|bf16|f16|f32|f64|index)>)
 |(?P<SHAPED>(?:tensor|memref|vector)<(?:\s*(?:[0-9]+|\?|\[[0-9]+\]|\*)\s*x)*)
 |(?P<FLOAT>[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?)
 |(?P<INT>0x[0-9a-fA-F]+|[0-9]+)
 |(?P<STRING>"(?:[^"\\\n]|\\.)*")
 |(?P<VALUE_ID>%[A-Za-z0-9_$.\-]+(?:\#[0-9]+)?)
 |(?P<CARET_ID>\^[A-Za-z0-9_$.\-]+)
 |(?P<SYMBOL>@(?:[A-Za-z0-9_$.\-]+|"(?:[^"\\\n]|\\.)*"))
 |(?P<HASH_ID>\#[A-Za-z_][A-Za-z0-9_$.]*)
 |(?P<BANG_ID>![A-Za-z_][A-Za-z0-9_$.]*)
 |(?P<BARE>[A-Za-z_][A-Za-z0-9_$.]*)
 |(?P<PUNCT>->|::|[(){}\[\]<>,:=*?+\-])
 |(?P<END>\Z)
 |(?P<ERROR>.))
""", re.VERBOSE | re.DOTALL)
_DIM = re.compile(r"\s*(\?|[0-9]+|\[[0-9]+\]|\*)\s*x")  # MLIR allows `2 x 32 x f32`
_SHAPED_KEYWORDS = ("KW_TENSOR", "KW_MEMREF", "KW_VECTOR")


class Tok:
    """A light token: the attributes lark's LALR driver and our rule callbacks read.

    lark's own Token is a str subclass and costs several times more to create; tokens are
    the hottest objects of a parse.
    """

    __slots__ = ("type", "value", "start_pos", "line", "column")

    def __init__(self, type_: str, value: str, start_pos: int, line: int, column: int):
        self.type = type_
        self.value = value
        self.start_pos = start_pos
        self.line = line
        self.column = column

    @property
    def end_column(self) -> int:
        return self.column + len(self.value)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r})"


class SourceText:
    """What the parser is given: the text, its file name and the line it starts on."""

    def __init__(self, text: str, filename: str, first_line: int = 1):
        self.text = text
        self.filename = filename
        self.first_line = first_line


def lex_error(source: SourceText, message: str, line: int, col: int) -> DiagnosticError:
    return DiagnosticError(message, FileLineColLoc(source.filename, line, col))


class MLIRLexer(Lexer):
    __future_interface__ = 2

    def __init__(self, lexer_conf=None):
        pass

    def lex(self, lexer_state, parser_state):
        source: SourceText = lexer_state.text
        return tokenize(source)


def tokenize(source: SourceText):
    """Yield the tokens of `source`; whitespace and `//` comments are skipped."""
    text = source.text
    line = source.first_line
    line_start = 0
    depth = 0
    keywords = KEYWORDS
    for m in _MASTER.finditer(text):
        kind = m.lastgroup
        start = m.start()
        pos = m.start(kind)
        if pos != start:  # whitespace or comments came first
            newlines = text.count("\n", start, pos)
            if newlines:
                line += newlines
                line_start = text.rindex("\n", start, pos) + 1
        if kind == "END":
            return
        value = m.group(kind)
        col = pos - line_start + 1
        if kind == "BARE":
            kind = keywords.get(value) or ("FLOAT_TYPE" if value in FLOAT_TYPES else
                                           "INT_TYPE" if _INT_TYPE.match(value) else "BARE_ID")
        elif kind == "PUNCT":
            kind = _PUNCT[value]
            depth += _OPENERS.get(value, 0)
            if depth > MAX_NESTING:
                raise lex_error(source, f"input nests brackets deeper than {MAX_NESTING} levels", line, col)
        elif kind == "SHAPED":
            yield from _shaped_prefix(value, pos, line, col)
            depth += 1
            continue
        elif kind == "ERROR":
            raise lex_error(source, f"unexpected character '{value}'", line, col)
        yield Tok(kind, value, pos, line, col)


def _shaped_prefix(text: str, pos: int, line: int, col: int):
    """`tensor<4x?x` -> the keyword, '<' and one DIM token per dimension."""
    angle = text.index("<")
    keyword = text[:angle]
    yield Tok(KEYWORDS[keyword], keyword, pos, line, col)
    yield Tok("_LANGLE", "<", pos + angle, line, col + angle)
    offset = angle + 1
    for dim in _DIM.finditer(text, offset):
        yield Tok("DIM", dim.group(1), pos + dim.start(1), line, col + dim.start(1))
