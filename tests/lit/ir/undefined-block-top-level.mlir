// XFAIL: *
// Known bug in tfc/ir/parser.py (`parse_ops`): block references of the top-level scope are
// never checked (only `pop_scope` checks them, and the outermost scope is not popped), so an
// undefined block used by a top-level op is reported by the verifier as "reference to block
// defined in another region" instead of "reference to an undefined block". Remove the XFAIL
// once fixed.
// RUN: tfc-opt %s -verify-diagnostics

// expected-error @+1 {{reference to an undefined block '^nowhere'}}
"test.terminator"()[^nowhere] : () -> ()
