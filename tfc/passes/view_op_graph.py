"""`view-op-graph`: write the op graph as Graphviz DOT (to stderr, or to `output=FILE`).

Each op is a node labelled with its name and result types; each SSA use is an edge from
the defining op (or a block-argument node) to the user; region ops become clusters.
"""

from __future__ import annotations

import sys

from tfc.ir.core import BlockArgument, Operation
from tfc.ir.passes import Option, Pass
from tfc.ir.types import type_text


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Dot:
    def __init__(self):
        self.lines = ["digraph G {", "  compound = true;", "  node [shape = box];"]
        self.ids: dict = {}
        self.clusters = 0

    def node_id(self, item) -> str:
        found = self.ids.get(item)
        if found is None:
            found = self.ids[item] = f"v{len(self.ids)}"
        return found

    def add_op(self, op: Operation, depth: int) -> None:
        pad = "  " * depth
        types = ", ".join(type_text(t) for t in op.result_types)
        label = op.name + (f"\\n: {types}" if types else "")
        self.lines.append(f"{pad}{self.node_id(op)} [label = {_quote(label)}];")
        for r_index, region in enumerate(op.regions):
            self.clusters += 1
            self.lines.append(f"{pad}subgraph cluster_{self.clusters} {{")
            self.lines.append(f"{pad}  label = {_quote(f'{op.name} region #{r_index}')};")
            for block in region.blocks:
                for arg in block.arguments:
                    self.lines.append(f"{pad}  {self.node_id(arg)} [label = {_quote(f'arg #{arg.index}: {type_text(arg.type)}')}, shape = ellipse];")
                for inner in block:
                    self.add_op(inner, depth + 1)
            self.lines.append(f"{pad}}}")

    def add_edges(self, root: Operation) -> None:
        for op in root.walk(pre_order=True):
            for use in op.operand_uses:
                value = use.value
                source = value if isinstance(value, BlockArgument) else value.defining_op
                if source in self.ids:
                    self.lines.append(f"  {self.ids[source]} -> {self.ids[op]};")

    def text(self) -> str:
        return "\n".join(self.lines + ["}"]) + "\n"


class ViewOpGraphPass(Pass):
    name = "view-op-graph"
    summary = "Write the op graph as Graphviz DOT (the IR is unchanged)"
    output = Option(str, "-", "file to write the DOT graph to ('-' for stderr)")

    def run(self, op: Operation) -> None:
        dot = _Dot()
        dot.add_op(op, 1)
        dot.add_edges(op)
        if self.output == "-":
            sys.stderr.write(dot.text())
        else:
            with open(self.output, "w") as f:
                f.write(dot.text())
