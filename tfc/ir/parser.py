"""Parsing MLIR text into IR, with one LALR lark grammar (mlir.lark) and no parse tree.

The grammar's rule callbacks (the `_Builder` methods, named after rules) build types,
attributes and operations as the LALR parser reduces, so an op exists as soon as its text
has been read. SSA names follow MLIR's scoping: a region sees the names of enclosing regions
up to the nearest isolated-from-above op; uses may refer forward (across blocks) and are
resolved when the definition arrives; anything left unresolved is an error at its use.
"""

from __future__ import annotations

import gc
from pathlib import Path

from lark import Lark
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.core import Block, Operation, Region, UnregisteredOp, Value
from tfc.ir.diagnostics import SOURCES, DiagnosticError
from tfc.ir.lalr import LALRDriver
from tfc.ir.lexer import KEYWORDS, MLIRLexer, SourceText, tokenize
from tfc.ir.lexer import Tok as Token
from tfc.ir.parse_attrs import AttrTypeCallbacks, _LocRef, _symbol_text
from tfc.ir.location import (CallSiteLoc, FileLineColLoc, FusedLoc, Location,
                             NameLoc)
from tfc.ir.opdef import DIALECTS, load_dialect, lookup_op
from tfc.ir.text import unquote_string
from tfc.ir.traits import IsolatedFromAbove

_SEGMENT_ATTRS = ("operandSegmentSizes", "resultSegmentSizes")


class ForwardRef(Value):
    """A placeholder for a value used before its definition has been read."""

    __slots__ = ("token",)

    def __init__(self, type: T.Type, token: Token):
        super().__init__(type)
        self.token = token


class _Scope:
    __slots__ = ("values", "isolated", "blocks", "defined_blocks", "block_refs")

    def __init__(self, isolated: bool):
        self.values: dict[str, list] = {}
        self.isolated = isolated
        self.blocks: dict[str, Block] = {}
        self.defined_blocks: set[str] = set()
        self.block_refs: dict[str, Token] = {}


class _Builder(AttrTypeCallbacks):
    """Rule callbacks of the grammar. One instance is reused; `reset` starts a parse."""

    def reset(self, source: SourceText, allow_unregistered: bool) -> None:
        self.source = source
        self.allow_unregistered = allow_unregistered
        self.scopes: list[_Scope] = [_Scope(isolated=True)]
        self.forward: list[dict] = [{}]
        self.op_stack: list[str] = []
        self.pending_entry: list | None = None
        self.attr_aliases: dict[str, A.Attribute] = {}
        self.type_aliases: dict[str, T.Type] = {}
        self.loc_aliases: dict[str, Location] = {}
        self.loc_refs_used = False

    # ----- helpers -----------------------------------------------------------------------

    def loc(self, token: Token) -> FileLineColLoc:
        return FileLineColLoc(self.source.filename, token.line, token.column)

    def error(self, token: Token, message: str) -> DiagnosticError:
        return DiagnosticError(message, self.loc(token))

    def push_scope(self, isolated: bool) -> None:
        self.scopes.append(_Scope(isolated))
        if isolated:
            self.forward.append({})

    def pop_scope(self) -> None:
        scope = self.scopes.pop()
        self.check_block_refs(scope)
        if scope.isolated:
            self.check_forward_refs(self.forward.pop())

    def check_block_refs(self, scope: _Scope) -> None:
        for name, token in scope.block_refs.items():
            if name not in scope.defined_blocks:
                raise self.error(token, f"reference to an undefined block '{name}'")

    def check_forward_refs(self, pending: dict) -> None:
        for ref in pending.values():
            raise self.error(ref.token, f"use of undeclared SSA value name '{ref.token.value}'")

    def resolve(self, token: Token, t: T.Type) -> Value:
        name, _, number = token.value.partition("#")
        index = int(number) if number else 0
        for scope in reversed(self.scopes):
            group = scope.values.get(name)
            if group is not None:
                if index >= len(group):
                    raise self.error(token, f"invalid result number {index} for '{name}' which has {len(group)} results")
                value = group[index]
                if value.type != t:
                    raise self.error(token, f"use of value '{token.value}' expects different type than prior uses: '{t}' vs '{value.type}'")
                return value
            if scope.isolated:
                break
        pending = self.forward[-1]
        ref = pending.get((name, index))
        if ref is None:
            ref = pending[(name, index)] = ForwardRef(t, token)
        elif ref.type != t:
            raise self.error(token, f"use of value '{token.value}' expects different type than prior uses: '{t}' vs '{ref.type}'")
        return ref

    def define(self, token: Token, values: list) -> None:
        name = token.value
        for scope in reversed(self.scopes):
            if name in scope.values:
                raise self.error(token, f"redefinition of SSA value '{name}'")
            if scope.isolated:
                break
        self.scopes[-1].values[name] = values
        pending = self.forward[-1]
        if not pending:
            return
        for index, value in enumerate(values):
            ref = pending.pop((name, index), None)
            if ref is None:
                continue
            if ref.type != value.type:
                raise self.error(ref.token, f"use of value '{ref.token.value}' expects different type than prior uses: '{ref.type}' vs '{value.type}'")
            ref.replace_all_uses_with(value)

    def block_named(self, token: Token) -> Block:
        scope = self.scopes[-1]
        block = scope.blocks.get(token.value)
        if block is None:
            block = scope.blocks[token.value] = Block()
        return block

    def make_op(self, name: str, token: Token, operands, result_types, properties, attributes,
                regions=(), successors=()) -> Operation:
        cls = lookup_op(name)
        location = self.loc(token)
        if cls is None:
            dialect = name.split(".", 1)[0]
            if dialect in DIALECTS or load_dialect(dialect):
                raise self.error(token, f"unregistered operation '{name}' found in dialect ('{dialect}') that does not allow unknown operations")
            if not self.allow_unregistered:
                raise self.error(token, f"operation '{name}' belongs to an unregistered dialect ('{dialect}'); pass --allow-unregistered-dialect to accept it")
            return UnregisteredOp(name, operands, result_types, properties, attributes, regions, successors, location)
        declared = cls._attr_defs_by_name
        for key in [k for k in attributes if k in declared or k in _SEGMENT_ATTRS]:
            properties[key] = attributes.pop(key)
        return cls(operands, result_types, properties, attributes, regions, successors, location)

    # ----- top level ---------------------------------------------------------------------

    def start(self, c):
        return [op for op in c if isinstance(op, Operation)]

    def attr_alias(self, c):
        self.attr_aliases[c[0].value] = c[1]

    def type_alias(self, c):
        self.type_aliases[c[0].value] = c[1]

    def loc_alias_def(self, c):
        self.loc_aliases[c[0].value] = c[2]

    # ----- operations --------------------------------------------------------------------

    def operation(self, c):
        results = c[0] if isinstance(c[0], list) else None
        op = c[1] if results is not None else c[0]
        if isinstance(c[-1], Location):
            op.location = c[-1]
        if results is None:
            return op
        bound = sum(count for _, count in results)
        if bound != len(op.results):
            raise self.error(results[0][0], f"operation defines {len(op.results)} results but was provided {bound} to bind")
        if not isinstance(c[-1], Location):
            op.location = self.loc(results[0][0])
        index = 0
        for token, count in results:
            self.define(token, op.results[index:index + count])
            index += count
        return op

    def op_results(self, c):
        """`%a, %b:2 =` -> [(token, count), ...]."""
        results = []
        for token in c:
            if token.type == "VALUE_ID":
                results.append((token, 1))
                continue
            count = int(token.value)
            if count < 1:
                raise self.error(token, "expected a positive number of results")
            results[-1] = (results[-1][0], count)
        return results

    def op_name(self, c):
        self.op_stack.append(unquote_string(c[0].value))
        self.pending_entry = None
        return c[0]

    def value_list(self, c):
        return c

    def successors(self, c):
        scope = self.scopes[-1]
        for token in c:
            scope.block_refs.setdefault(token.value, token)
        return ("successors", [self.block_named(t) for t in c])

    def properties(self, c):
        return ("properties", c[0])

    def region_list(self, c):
        return ("regions", c)

    def generic_op(self, c):
        name_token = c[0]
        name = self.op_stack.pop()
        operands, parts, attributes, ftype = [], {}, {}, c[-1]
        for item in c[1:-1]:
            if isinstance(item, list):
                operands = item
            elif isinstance(item, tuple):
                parts[item[0]] = item[1]
            else:
                attributes = item
        if len(operands) != len(ftype.inputs):
            raise self.error(name_token, f"expected {len(operands)} operand types but had {len(ftype.inputs)}")
        values = [self.resolve(tok, t) for tok, t in zip(operands, ftype.inputs)]
        return self.make_op(name, name_token, values, ftype.results, dict(parts.get("properties", {})),
                            attributes, parts.get("regions", ()), parts.get("successors", ()))

    def region_open(self, c):
        parent = self.op_stack[-1] if self.op_stack else None
        cls = lookup_op(parent) if parent else None
        self.push_scope(isolated=cls is not None and cls.has_trait(IsolatedFromAbove))
        entry, self.pending_entry = self.pending_entry, None
        if entry is None:
            return None
        block = Block([t for _, t, _, _ in entry], [loc or self.loc(tok) for tok, _, _, loc in entry])
        for (token, _, _, _), arg in zip(entry, block.arguments):
            self.define(token, [arg])
        return block

    def region(self, c):
        entry = c[0]
        ops = [x for x in c[1:] if isinstance(x, Operation)]
        blocks = [x for x in c[1:] if isinstance(x, Block)]
        region = Region()
        if entry is not None or ops:
            entry = Block() if entry is None else entry
            for op in ops:
                entry.append(op)
            region.add_block(entry)
        for block in blocks:
            region.add_block(block)
        self.pop_scope()
        return region

    def block(self, c):
        block = c[0]
        for op in c[1:]:
            block.append(op)
        return block

    def block_label(self, c):
        token = c[0]
        scope = self.scopes[-1]
        if token.value in scope.defined_blocks:
            raise self.error(token, f"redefinition of block '{token.value}'")
        scope.defined_blocks.add(token.value)
        block = self.block_named(token)
        for arg_token, t, location in (c[1] if len(c) > 1 else []):
            arg = block.add_argument(t, location or self.loc(arg_token))
            self.define(arg_token, [arg])
        return block

    def block_args(self, c):
        return c

    def block_arg(self, c):
        return (c[0], c[1], c[2] if len(c) > 2 else None)

    def module_kw(self, c):
        self.op_stack.append("builtin.module")
        self.pending_entry = None
        return c[0]

    def module_op(self, c):
        self.op_stack.pop()
        properties, attributes = {}, {}
        for item in c[1:-1]:
            if isinstance(item, Token) and item.type == "SYMBOL":
                properties["sym_name"] = A.StringAttr(_symbol_text(item))
            elif isinstance(item, dict):
                attributes = item
        body = c[-1]
        if not body.blocks:  # `module {}` has an (empty) body block, as in MLIR
            body.add_block(Block())
        return self.make_op("builtin.module", c[0], [], [], properties, attributes, [body])

    def func_kw(self, c):
        self.op_stack.append("func.func")
        self.pending_entry = None
        return c[0]

    def func_op(self, c):
        self.op_stack.pop()
        token = c[0]
        properties, attributes, args, results, region = {}, {}, [], [], None
        for item in c[1:]:
            if isinstance(item, Token) and item.type == "KW_VISIBILITY":
                properties["sym_visibility"] = A.StringAttr(item.value)
            elif isinstance(item, Token) and item.type == "SYMBOL":
                properties["sym_name"] = A.StringAttr(_symbol_text(item))
            elif isinstance(item, tuple) and item[0] == "args":
                args = item[1]
            elif isinstance(item, tuple) and item[0] == "results":
                results = item[1]
            elif isinstance(item, dict):
                attributes = item
            elif isinstance(item, Region):
                region = item
        if region is None:
            region = Region()
            if any(a[0] is not None for a in args):
                raise self.error(token, "a function declaration takes argument types, not named arguments")
        elif args and any(a[0] is None for a in args):
            raise self.error(token, "a function with a body needs named arguments (%name: type)")
        ftype = T.FunctionType(tuple(a[1] for a in args), tuple(r[0] for r in results))
        properties["function_type"] = A.TypeAttr(ftype)
        if any(a[2] for a in args):
            properties["arg_attrs"] = A.ArrayAttr(tuple(A.DictionaryAttr.get(a[2]) for a in args))
        if any(r[1] for r in results):
            properties["res_attrs"] = A.ArrayAttr(tuple(A.DictionaryAttr.get(r[1]) for r in results))
        return self.make_op("func.func", token, [], [], properties, attributes, [region])

    def func_args(self, c):
        if all(a[0] is not None for a in c):
            self.pending_entry = c
        return ("args", c)

    def named_arg(self, c):
        attrs = next((x for x in c[2:] if isinstance(x, dict)), {})
        location = next((x for x in c[2:] if isinstance(x, Location)), None)
        return (c[0], c[1], attrs, location)

    def anonymous_arg(self, c):
        return (None, c[0], c[1] if len(c) > 1 else {}, None)

    def func_results(self, c):
        if len(c) == 1 and isinstance(c[0], T.Type):
            return ("results", [(c[0], {})])
        return ("results", c)

    def func_result(self, c):
        return (c[0], c[1] if len(c) > 1 else {})

    def return_op(self, c):
        values = []
        if len(c) > 1:
            tokens, types = c[1], c[2]
            if len(tokens) != len(types):
                raise self.error(c[0], f"expected {len(tokens)} types to match the operand list, got {len(types)}")
            values = [self.resolve(tok, t) for tok, t in zip(tokens, types)]
        return self.make_op("func.return", c[0], values, [], {}, {})

    def call_op(self, c):
        token, callee, ftype = c[0], c[1], c[-1]
        tokens = next((x for x in c[2:-1] if isinstance(x, list)), [])
        attributes = next((x for x in c[2:-1] if isinstance(x, dict)), {})
        if len(tokens) != len(ftype.inputs):
            raise self.error(token, f"expected {len(tokens)} operand types but had {len(ftype.inputs)}")
        values = [self.resolve(tok, t) for tok, t in zip(tokens, ftype.inputs)]
        properties = {"callee": A.SymbolRefAttr(_symbol_text(callee))}
        return self.make_op("func.call", token, values, ftype.results, properties, attributes)

# ----- the driver ----------------------------------------------------------------------------

_lark: Lark | None = None
_driver: LALRDriver | None = None
_builder = _Builder()

_TOKEN_TEXT = {"_LPAR": "'('", "_RPAR": "')'", "_LBRACE": "'{'", "_RBRACE": "'}'", "_LSQB": "'['",
               "_RSQB": "']'", "_LANGLE": "'<'", "_RANGLE": "'>'", "_COMMA": "','", "_COLON": "':'",
               "_EQUAL": "'='", "_ARROW": "'->'", "_DCOLON": "'::'", "STAR": "'*'", "QMARK": "'?'",
               "MINUS": "'-'", "PLUS": "'+'", "VALUE_ID": "SSA value", "CARET_ID": "block label",
               "SYMBOL": "symbol", "STRING": "string", "INT": "integer", "FLOAT": "float",
               "BARE_ID": "identifier", "HASH_ID": "attribute alias", "BANG_ID": "dialect type",
               "SIMPLE_TYPE": "type", "INT_TYPE": "type", "FLOAT_TYPE": "type", "DIM": "dimension",
               "KW_LOC": "'loc'", "$END": "end of input"}


_KEYWORD_TEXT = {}
for _word, _kind in KEYWORDS.items():
    _KEYWORD_TEXT.setdefault(_kind, f"'{_word}'")


def _parser() -> LALRDriver:
    global _lark, _driver
    if _driver is None:
        grammar = (Path(__file__).parent / "mlir.lark").read_text()
        _lark = Lark(grammar, parser="lalr", lexer=MLIRLexer, transformer=_builder,
                     maybe_placeholders=False, cache=False)
        _driver = LALRDriver(_lark)
    return _driver


def _describe_expected(expected) -> str:
    names = sorted({_TOKEN_TEXT.get(e) or _KEYWORD_TEXT.get(e) or e for e in expected})
    if len(names) > 8:
        names = names[:8] + ["..."]
    return ", ".join(names)


def parse_ops(text: str, filename: str = "<stdin>", allow_unregistered: bool = False,
              first_line: int = 1) -> list[Operation]:
    """Parse the top-level ops of `text` (their location lines count from `first_line`)."""
    SOURCES.add(filename, text, first_line)
    parser = _parser()
    source = SourceText(text, filename, first_line)
    _builder.reset(source, allow_unregistered)
    # The parse allocates hundreds of thousands of small objects and frees none of them;
    # the cyclic garbage collector would only rescan them over and over.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        ops = parser.parse(tokenize(source))
    except UnexpectedToken as err:
        token = err.token
        if token.type == "$END":
            raise _at_end(source, f"unexpected end of input; expected {_describe_expected(err.expected)}") from None
        message = f"unexpected '{token.value}'; expected {_describe_expected(err.expected)}"
        if token.type == "BARE_ID" and "STRING" in err.expected:
            message = (f"custom op '{token.value}' is unknown: tfc reads custom forms only for builtin.module "
                       f"and func ops; write other ops in the generic form (\"{token.value}\"(...) : ...)")
        raise DiagnosticError(message, FileLineColLoc(filename, token.line, token.column)) from None
    except UnexpectedEOF as err:
        raise _at_end(source, f"unexpected end of input; expected {_describe_expected(err.expected)}") from None
    except UnexpectedInput as err:
        raise DiagnosticError(f"unexpected input: {err}", FileLineColLoc(filename, err.line, err.column)) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    _builder.check_block_refs(_builder.scopes[0])
    _builder.check_forward_refs(_builder.forward[0])
    if _builder.loc_refs_used:
        _resolve_location_aliases(ops, _builder)
    return ops


def _at_end(source: SourceText, message: str) -> DiagnosticError:
    lines = source.text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return DiagnosticError(message, FileLineColLoc(source.filename, source.first_line + len(lines) - 1, len(lines[-1]) + 1))


def parse_module(text: str, filename: str = "<stdin>", allow_unregistered: bool = False,
                 first_line: int = 1) -> Operation:
    """Parse a file: its single builtin.module, or its top-level ops wrapped in a new module."""
    ops = parse_ops(text, filename, allow_unregistered, first_line)
    if len(ops) == 1 and ops[0].name == "builtin.module":
        return ops[0]
    module_cls = lookup_op("builtin.module")
    module = module_cls([], [], {}, {}, 1, (), FileLineColLoc(filename, first_line, 1))
    body = module.regions[0].add_block(Block())
    for op in ops:
        body.append(op)
    return module


def parse_file(path: str, allow_unregistered: bool = False) -> Operation:
    return parse_module(Path(path).read_text(), path, allow_unregistered)


def parse_type(text: str) -> T.Type:
    """Parse one type, e.g. `tensor<?x784xf32>` (through a tiny generic op)."""
    ops = parse_ops(f'"builtin.unrealized_conversion_cast"() : () -> {text}', "<type>")
    return ops[0].results[0].type


def parse_attribute(text: str) -> A.Attribute:
    ops = parse_ops(f'"builtin.unrealized_conversion_cast"() {{value = {text}}} : () -> ()', "<attribute>")
    return ops[0].attributes.get("value") or ops[0].properties["value"]


def _resolve_location_aliases(ops, builder: _Builder) -> None:
    def fix(loc):
        if isinstance(loc, _LocRef):
            found = builder.loc_aliases.get(loc.name)
            if found is None:
                raise builder.error(loc.token, f"undefined location alias '{loc.name}'")
            return fix(found)
        if isinstance(loc, NameLoc) and loc.child is not None:
            return NameLoc(loc.name, fix(loc.child))
        if isinstance(loc, CallSiteLoc):
            return CallSiteLoc(fix(loc.callee), fix(loc.caller))
        if isinstance(loc, FusedLoc):
            return FusedLoc(tuple(fix(x) for x in loc.locations), loc.metadata)
        return loc

    for top in ops:
        for op in top.walk():
            op.location = fix(op.location)
            for region in op.regions:
                for block in region.blocks:
                    for arg in block.arguments:
                        arg.location = fix(arg.location)
