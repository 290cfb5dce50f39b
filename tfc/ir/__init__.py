"""The IR machinery: values, operations, blocks, regions, types, attributes, op definitions,
builder, verifier, printer and parser, diagnostics, rewriting and the pass manager."""
