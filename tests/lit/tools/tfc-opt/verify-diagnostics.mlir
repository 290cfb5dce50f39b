// RUN: not tfc-opt %s -split-input-file -verify-diagnostics
// RUN: not tfc-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISMATCH

// expected-error @+2 {{use of undeclared SSA value name '%nope'}}
func.func @f() -> i32 {
  return %nope : i32
}

// -----

func.func @g(%a: i32) {
  // expected-warning @+1 {{test.warn}}
  "test.warn"() : () -> ()
  return
}

// -----

func.func @h(%a: i32) {
  // expected-error-re @+1 {{'func.return' op has {{[0-9]+}} operands, but enclosing function (@h) returns 0}}
  return %a : i32
}

// -----

// With the flag, the unknown op parses, so the expected error is missing; and the
// unexpected-error case reports the error that nobody annotated.
// MISMATCH: error: expected error "belongs to an unregistered dialect" was not produced
// expected-error @+1 {{belongs to an unregistered dialect}}
"nodialect.op"() : () -> ()

// -----

// MISMATCH: error: unexpected error: 'func.return' op has 1 operands
func.func @k(%a: i32) {
  return %a : i32
}
