"""Small helpers for MLIR's lexical conventions: string escapes and identifiers."""

from __future__ import annotations

import re

_BARE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_$.]*\Z")
_SYMBOL_SUFFIX = re.compile(r"[A-Za-z0-9_$.\-]+\Z")
_PRINTABLE = {c for c in range(0x20, 0x7F)} - {ord('"'), ord("\\")}
_UNESCAPE = re.compile(r'\\(n|t|"|\\|[0-9A-Fa-f]{2})')
_SIMPLE_ESCAPES = {"n": b"\n", "t": b"\t", '"': b'"', "\\": b"\\"}


def quote_string(value: str) -> str:
    """Print `value` as an MLIR string literal: printable ASCII as is, other bytes as `\\XX`."""
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    out = []
    for byte in value.encode("utf-8", "surrogateescape"):
        if byte in _PRINTABLE:
            out.append(chr(byte))
        elif byte == ord("\\"):
            out.append("\\\\")
        elif byte == ord('"'):
            out.append('\\"')
        else:
            out.append(f"\\{byte:02X}")
    return '"' + "".join(out) + '"'


def unquote_string(literal: str) -> str:
    """Inverse of quote_string, for a literal including its quotes."""
    body = literal[1:-1]
    if "\\" not in body:
        return body
    raw = bytearray()
    pos = 0
    for match in _UNESCAPE.finditer(body):
        raw += body[pos:match.start()].encode("utf-8")
        code = match.group(1)
        raw += _SIMPLE_ESCAPES.get(code) or bytes([int(code, 16)])
        pos = match.end()
    raw += body[pos:].encode("utf-8")
    return raw.decode("utf-8", "surrogateescape")


def is_bare_identifier(name: str) -> bool:
    return _BARE_ID.match(name) is not None


def symbol_name(name: str) -> str:
    """`@name`, quoted when the name is not a valid suffix identifier."""
    if _SYMBOL_SUFFIX.match(name):
        return "@" + name
    return "@" + quote_string(name)


def attribute_name(name: str) -> str:
    """An attribute dictionary key: bare when possible, else a string literal."""
    return name if is_bare_identifier(name) else quote_string(name)
