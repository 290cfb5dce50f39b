"""`--verify-diagnostics`: match emitted diagnostics against `expected-*` annotations.

    // expected-error @+1 {{must be floating-point-like}}
    %0 = "arith.addf"(%a, %b) : (i32, i32) -> i32

Annotations name a severity (error, warning, note, remark), an optional line
(`@+N`, `@-N`, `@above`, `@below`, `@N` absolute, `@unknown`) and a message substring in
`{{...}}` (with `-re`, a regex where `{{...}}` groups are regexes and the rest is literal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tfc.ir.diagnostics import Diagnostic

_ANNOTATION = re.compile(
    r"expected-(?P<severity>error|warning|note|remark)(?P<re>-re)?"
    r"(?:\s*@(?P<where>[+-]?\d+|above|below|unknown))?\s*(?P<body>\{\{.*\}\})")


@dataclass
class Expectation:
    severity: str
    line: int | None  # None: @unknown
    pattern: re.Pattern
    text: str
    at_line: int
    col: int
    matched: bool = False


def _pattern(body: str, is_regex: bool) -> re.Pattern:
    inner = body[2:-2]
    if not is_regex:
        return re.compile(re.escape(inner))
    parts = re.split(r"\{\{(.*?)\}\}", inner)
    return re.compile("".join(p if i % 2 else re.escape(p) for i, p in enumerate(parts)))


def parse_expectations(text: str, first_line: int) -> list[Expectation]:
    found = []
    lines = text.split("\n")
    for offset, line in enumerate(lines):
        for m in _ANNOTATION.finditer(line):
            number = first_line + offset
            where = m.group("where")
            if where is None:
                target = number
            elif where == "unknown":
                target = None
            elif where == "above":
                target = number - 1
            elif where == "below":
                target = number + 1
            elif where[0] in "+-":
                target = number + int(where)
            else:
                target = int(where)
            found.append(Expectation(m.group("severity"), target, _pattern(m.group("body"), bool(m.group("re"))),
                                     m.group("body")[2:-2], number, m.start() + 1))
    return found


def flatten(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    out = []
    for d in diagnostics:
        out.append(d)
        out.extend(flatten(d.notes))
    return out


def check(expectations: list[Expectation], emitted: list[Diagnostic], filename: str) -> list[str]:
    """Problems as rendered error lines; empty when every diagnostic was expected and seen."""
    problems = []
    for diag in flatten(emitted):
        pos = diag.location.file_line_col()
        line = pos.line if pos is not None and pos.filename == filename else None
        match = next((e for e in expectations if not e.matched and e.severity == diag.severity
                      and e.line == line and e.pattern.search(diag.message)), None)
        if match is None:
            where = f"{pos.filename}:{pos.line}:{pos.col}: " if pos is not None else ""
            problems.append(f"{where}error: unexpected {diag.severity}: {diag.message}")
        else:
            match.matched = True
    for e in expectations:
        if not e.matched:
            problems.append(f'{filename}:{e.at_line}:{e.col}: error: expected {e.severity} "{e.text}" was not produced')
    return problems
