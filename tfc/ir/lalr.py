"""A tight LALR(1) driver over the parse table that lark builds from mlir.lark.

lark computes the tables and the per-rule callbacks (which drop punctuation, splice `_rule`s
and `*` helper rules, and call our builder); this loop only replaces lark's generic
`feed_token`, which on every step re-checks invariants and compares Rule objects by value.
Parsing is the hot path of reading IR, so the loop keeps everything in local variables.
"""

from __future__ import annotations

from lark import Lark
from lark.exceptions import UnexpectedToken
from lark.parsers.lalr_analysis import Shift

from tfc.ir.lexer import Tok


class LALRDriver:
    def __init__(self, lark: Lark, start: str = "start"):
        parser = lark.parser.parser.parser
        table = parser.parse_table
        callbacks = parser.callbacks
        self.start_state = table.start_states[start]
        self.end_state = table.end_states[start]
        # One action table per state: token type -> (is_shift, next state | reduction).
        # A reduction is (size, origin name, callback), resolved once here.
        reductions = {}
        self.states = {}
        for state, actions in table.states.items():
            row = {}
            for symbol, (action, arg) in actions.items():
                if action is Shift:
                    row[symbol] = (True, arg)
                    continue
                reduction = reductions.get(id(arg))
                if reduction is None:
                    reduction = reductions[id(arg)] = (len(arg.expansion), arg.origin.name, callbacks[arg])
                row[symbol] = (False, reduction)
            self.states[state] = row

    def parse(self, tokens):
        states = self.states
        state_stack = [self.start_state]
        value_stack = []
        token = None
        for token in tokens:
            self._feed(token, states, state_stack, value_stack)
        end = Tok("$END", "", 0, token.line if token else 1, token.end_column if token else 1)
        return self._feed(end, states, state_stack, value_stack)

    def _feed(self, token, states, state_stack, value_stack):
        kind = token.type
        end_state = self.end_state
        while True:
            row = states[state_stack[-1]]
            entry = row.get(kind)
            if entry is None:
                expected = {s for s in row if s.isupper()}
                raise UnexpectedToken(token, expected)
            is_shift, arg = entry
            if is_shift:
                state_stack.append(arg)
                value_stack.append(token)
                return None
            size, origin, callback = arg
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value = callback(children)
            goto = states[state_stack[-1]][origin]
            state_stack.append(goto[1])
            value_stack.append(value)
            if kind == "$END" and state_stack[-1] == end_state:
                return value_stack[-1]
