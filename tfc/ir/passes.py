"""Passes, the pass registry and the pass manager with mlir-opt's textual pipeline syntax.

    class CSEPass(Pass):
        name = "cse"
        summary = "Eliminate common sub-expressions"
        def run(self, op): ...

Defining a subclass with a `name` registers it. A pipeline is written as mlir-opt writes it,
`builtin.module(func.func(canonicalize{max-iterations=5},cse),symbol-dce)`: a name followed by
parentheses anchors a nested pipeline on the ops of that name (or `any`) directly inside the
current op. A pass with an `anchor` added where another op is current is nested implicitly.
The pass manager verifies the IR after every pass unless told not to.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from dataclasses import dataclass, field

from tfc.ir.core import Operation
from tfc.ir.diagnostics import SOURCES, DiagnosticError
from tfc.ir.location import FileLineColLoc
from tfc.ir.verifier import verify

PASSES: dict[str, type] = {}
_PIPELINE_FILE = "<pass-pipeline>"


class Option:
    """A typed pass option; on the command line its name uses dashes (`max-iterations`)."""

    def __init__(self, type_, default, help: str = ""):
        self.type = type_
        self.default = default
        self.help = help
        self.attr = ""

    def __set_name__(self, owner, name):
        self.attr = name

    @property
    def flag(self) -> str:
        return self.attr.replace("_", "-")

    def parse(self, text: str):
        if self.type is bool:
            lowered = text.lower()
            if lowered in ("", "true", "1", "on"):
                return True
            if lowered in ("false", "0", "off"):
                return False
            raise ValueError(f"expected true or false, got '{text}'")
        if self.type is list:
            return [item for item in text.strip("{}").split(",") if item]
        return self.type(text)


class Pass:
    name: str | None = None
    summary = ""
    anchor: str | None = None  # op name the pass runs on; None runs on any op
    _options: dict = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        options = dict(getattr(cls, "_options", {}))
        for value in vars(cls).values():
            if isinstance(value, Option):
                options[value.flag] = value
        cls._options = options
        if cls.__dict__.get("name"):
            PASSES[cls.name] = cls

    def __init__(self, **options):
        for option in self._options.values():
            setattr(self, option.attr, option.default)
        for key, value in options.items():
            option = self._options.get(key.replace("_", "-"))
            if option is None:
                raise ValueError(f"pass '{self.name}' has no option '{key}'")
            setattr(self, option.attr, value)

    def run(self, op: Operation) -> None:
        raise NotImplementedError

    def description(self) -> str:
        shown = [f"{flag}={_show(getattr(self, o.attr))}" for flag, o in self._options.items()
                 if getattr(self, o.attr) != o.default]
        return self.name + ("{" + " ".join(shown) + "}" if shown else "")


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "{" + ",".join(map(str, value)) + "}"
    return str(value)


def load_all_passes() -> None:
    import tfc.passes as package
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")


def lookup_pass(name: str) -> type | None:
    if name not in PASSES:
        load_all_passes()
    return PASSES.get(name)


# ----- instrumentation -----------------------------------------------------------------------

@dataclass
class Instrumentation:
    """What the pass manager reports around each pass (mlir-opt's --mlir-print-ir-* flags)."""

    print_before: set = field(default_factory=set)
    print_after: set = field(default_factory=set)
    print_before_all: bool = False
    print_after_all: bool = False
    print_after_change: bool = False
    print_after_failure: bool = False
    print_generic: bool = False
    print_debuginfo: bool = False
    stream: object = None
    timings: dict | None = None

    @property
    def out(self):
        return self.stream or sys.stderr

    def wants_before(self, p: Pass) -> bool:
        return self.print_before_all or p.name in self.print_before

    def wants_after(self, p: Pass) -> bool:
        return self.print_after_all or p.name in self.print_after or self.print_after_change

    def dump(self, when: str, p: Pass, op: Operation, text: str | None = None) -> None:
        text = text if text is not None else self.render(op)
        print(f"// -----// IR Dump {when} {type(p).__name__} ({p.name}) //----- //", file=self.out)
        print(text, end="", file=self.out)

    def render(self, op: Operation) -> str:
        from tfc.ir.printer import print_op
        return print_op(op, generic=self.print_generic, debuginfo=self.print_debuginfo)

    def record(self, name: str, seconds: float) -> None:
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + seconds


# ----- the pass manager --------------------------------------------------------------------------

class PassManager:
    """Runs passes and nested pass managers on an op of the anchor name (or any op)."""

    def __init__(self, anchor: str = "any", verify_each: bool = True,
                 instrumentation: Instrumentation | None = None):
        self.anchor = anchor
        self.items: list = []
        self.verify_each = verify_each
        self.instrumentation = instrumentation or Instrumentation()

    def add(self, item: "Pass | PassManager") -> "PassManager":
        if isinstance(item, Pass) and item.anchor and item.anchor != self.anchor:
            nested = self.nest(item.anchor)
            nested.items.append(item)
            return self
        if isinstance(item, PassManager):
            item.verify_each = self.verify_each
            item.instrumentation = self.instrumentation
        self.items.append(item)
        return self

    def nest(self, anchor: str) -> "PassManager":
        if self.items and isinstance(self.items[-1], PassManager) and self.items[-1].anchor == anchor:
            return self.items[-1]
        nested = PassManager(anchor, self.verify_each, self.instrumentation)
        self.items.append(nested)
        return nested

    def describe(self) -> str:
        inner = ",".join(i.describe() if isinstance(i, PassManager) else i.description() for i in self.items)
        return f"{self.anchor}({inner})"

    def run(self, op: Operation) -> None:
        if self.anchor not in ("any", op.name):
            raise DiagnosticError(f"can't run '{self.anchor}' pass manager on '{op.name}' op", op.location)
        for item in self.items:
            if isinstance(item, PassManager):
                for child in list(_children(op)):
                    if item.anchor in ("any", child.name):
                        item.run(child)
            else:
                self._run_pass(item, op)

    def _run_pass(self, p: Pass, op: Operation) -> None:
        inst = self.instrumentation
        if inst.wants_before(p):
            inst.dump("Before", p, op)
        before = inst.render(op) if inst.print_after_change else None
        start = time.perf_counter()
        try:
            p.run(op)
        except DiagnosticError:
            if inst.print_after_failure:
                inst.dump("After Failed", p, op)
            raise
        finally:
            inst.record(p.name, time.perf_counter() - start)
        if self.verify_each:
            start = time.perf_counter()
            try:
                verify(op)
            except DiagnosticError as err:
                err.attach_note(f"the IR no longer verifies after the '{p.name}' pass")
                raise
            finally:
                inst.record("(verifier)", time.perf_counter() - start)
        if inst.wants_after(p):
            after = inst.render(op)
            if before is None or after != before or p.name in inst.print_after or inst.print_after_all:
                inst.dump("After", p, op, after)


def _children(op: Operation):
    for region in op.regions:
        for block in region.blocks:
            yield from block


# ----- the textual pipeline ------------------------------------------------------------------------

class _PipelineReader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        SOURCES.add(_PIPELINE_FILE, text)

    def error(self, message: str, pos: int | None = None) -> DiagnosticError:
        col = (self.pos if pos is None else pos) + 1
        return DiagnosticError(message, FileLineColLoc(_PIPELINE_FILE, 1, col))

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = f"'{self.peek()}'" if self.peek() else "end of pipeline"
            raise self.error(f"expected '{char}', found {found}")
        self.pos += 1

    def name(self) -> tuple[str, int]:
        self.skip_space()
        start = self.pos
        while self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] in "_-.$"):
            self.pos += 1
        if start == self.pos:
            found = f"'{self.text[self.pos]}'" if self.pos < len(self.text) else "end of pipeline"
            raise self.error(f"expected a pass or op name, found {found}")
        return self.text[start:self.pos], start

    def options(self) -> tuple[dict, int]:
        start = self.pos
        self.expect("{")
        body_start = self.pos
        depth = 1
        while self.pos < len(self.text) and depth:
            depth += {"{": 1, "}": -1}.get(self.text[self.pos], 0)
            self.pos += 1
        if depth:
            raise self.error("unterminated pass options '{'", start)
        return parse_options(self.text[body_start:self.pos - 1]), body_start

    def elements(self, pm: PassManager) -> None:
        while True:
            name, start = self.name()
            options, options_at = ({}, start)
            if self.peek() == "{":
                options, options_at = self.options()
            if self.peek() == "(":
                if options:
                    raise self.error(f"op anchor '{name}' takes no options", start)
                self.pos += 1
                nested = PassManager(name, pm.verify_each, pm.instrumentation)
                if self.peek() != ")":
                    self.elements(nested)
                self.expect(")")
                pm.items.append(nested)
            else:
                pm.add(make_pass(name, options, self, start, options_at))
            if self.peek() != ",":
                return
            self.pos += 1


def parse_options(text: str) -> dict:
    """`a=1 b={x,y} c` -> {"a": "1", "b": "{x,y}", "c": ""}."""
    options, pos = {}, 0
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        start = pos
        while pos < len(text) and not text[pos].isspace() and text[pos] != "=":
            pos += 1
        key = text[start:pos]
        value = ""
        if pos < len(text) and text[pos] == "=":
            pos += 1
            vstart, depth, quote = pos, 0, None
            while pos < len(text) and (depth or quote or not text[pos].isspace()):
                ch = text[pos]
                if quote:
                    quote = None if ch == quote else quote
                elif ch in "'\"":
                    quote = ch
                else:
                    depth += {"{": 1, "}": -1}.get(ch, 0)
                pos += 1
            value = text[vstart:pos].strip("'\"")
        options[key] = value
    return options


def make_pass(name: str, options: dict, reader: "_PipelineReader | None" = None, at: int = 0,
              options_at: int = 0) -> Pass:
    cls = lookup_pass(name)
    if cls is None:
        message = f"'{name}' does not refer to a registered pass or pass pipeline"
        raise reader.error(message, at) if reader else DiagnosticError(message)
    values = {}
    for key, text in options.items():
        option = cls._options.get(key)
        if option is None:
            known = ", ".join(cls._options) or "none"
            message = f"no such option '{key}' for pass '{name}' (options: {known})"
            raise reader.error(message, options_at) if reader else DiagnosticError(message)
        try:
            values[option.attr] = option.parse(text)
        except ValueError as err:
            message = f"invalid value for option '{key}' of pass '{name}': {err}"
            raise reader.error(message, options_at) if reader else DiagnosticError(message) from None
    return cls(**values)


def parse_pipeline(text: str, root: str = "builtin.module", verify_each: bool = True,
                   instrumentation: Instrumentation | None = None) -> PassManager:
    """A pass manager for `text`; a single top-level anchor naming `root` is the root itself."""
    reader = _PipelineReader(text)
    outer = PassManager("any", verify_each, instrumentation)
    if reader.peek():
        reader.elements(outer)
    if reader.peek():
        raise reader.error(f"unexpected '{reader.peek()}' in pass pipeline")
    if len(outer.items) == 1 and isinstance(outer.items[0], PassManager) and outer.items[0].anchor == root:
        outer.items[0].anchor = "any"
        return outer.items[0]
    return outer
