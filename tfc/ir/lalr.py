"""A tight LALR(1) driver over the parse table that lark builds from mlir.lark.

lark computes the tables and the per-rule callbacks (which drop punctuation, splice `_rule`s
and `*` helper rules, and call our builder); this loop only replaces lark's generic
`feed_token`, which on every step re-checks invariants and compares Rule objects by value.
Parsing is the hot path of reading IR, so the loop keeps everything in local variables.
"""

from __future__ import annotations

from operator import itemgetter

from lark import Lark
from lark.exceptions import UnexpectedToken
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders
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
        # States are small integers: a list indexes faster than a dict.
        self.states = [None] * (max(table.states) + 1)
        for state, actions in table.states.items():
            row = {}
            for symbol, (action, arg) in actions.items():
                # lark names symbols with Token objects, whose __eq__ is slow: use plain str.
                if action is Shift:
                    row[str(symbol)] = (True, arg)
                    continue
                reduction = reductions.get(id(arg))
                if reduction is None:
                    reduction = reductions[id(arg)] = (len(arg.expansion), str(arg.origin.name),
                                                       _direct(callbacks[arg]))
                row[str(symbol)] = (False, reduction)
            self.states[state] = row

    def parse(self, tokens):
        states = self.states
        state_stack = [self.start_state]
        value_stack = []
        token = None
        for token in tokens:
            kind = token.type
            entry = states[state_stack[-1]].get(kind)
            while entry is not None and not entry[0]:  # reduce until the token can be shifted
                self._reduce(entry[1], states, state_stack, value_stack)
                entry = states[state_stack[-1]].get(kind)
            if entry is None:
                raise UnexpectedToken(token, {s for s in states[state_stack[-1]] if s.isupper()})
            state_stack.append(entry[1])
            value_stack.append(token)
        end = Tok("$END", "", 0, token.line if token else 1, token.end_column if token else 1)
        while True:  # reduce at the end of input until the start rule is accepted
            entry = states[state_stack[-1]].get("$END")
            if entry is None or entry[0]:
                raise UnexpectedToken(end, {s for s in states[state_stack[-1]] if s.isupper()})
            self._reduce(entry[1], states, state_stack, value_stack)
            if state_stack[-1] == self.end_state:
                return value_stack[-1]

    @staticmethod
    def _reduce(reduction, states, state_stack, value_stack) -> None:
        size, origin, callback = reduction
        if size:
            children = value_stack[-size:]
            del state_stack[-size:]
            del value_stack[-size:]
        else:
            children = []
        value = callback(children)
        state_stack.append(states[state_stack[-1]][origin][1])
        value_stack.append(value)


def _direct(callback):
    """lark's child filter, specialized for rules that splice nothing (most of them).

    The filter drops punctuation and splices `_rule` children before calling our builder;
    when there is nothing to splice, picking the kept children is one itemgetter call.
    """
    if type(callback) is not ChildFilterLALR_NoPlaceholders:
        return callback
    include = callback.to_include
    if any(expand for _, expand in include):
        return callback
    build = callback.node_builder
    indices = [i for i, _ in include]
    if not indices:
        return lambda children: build([])
    if len(indices) == 1:
        only = indices[0]
        return lambda children: build([children[only]])
    pick = itemgetter(*indices)
    return lambda children: build(list(pick(children)))
