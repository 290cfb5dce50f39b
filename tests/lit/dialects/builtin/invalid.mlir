// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{'builtin.module' op expects a body region with exactly one block}}
"builtin.module"() ({}) : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op expects the body block to have no arguments}}
"builtin.module"() ({
^bb0(%x: i32):
  "test.op"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op expects region #0 to have 0 or 1 blocks}}
"builtin.module"() ({
  "test.op"() : () -> ()
^bb1:
  "test.op"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op requires 1 region}}
"builtin.module"() : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op expected 0 results, but found 1}}
%0 = "builtin.module"() ({
  "test.op"() : () -> ()
}) : () -> i32

// -----

func.func @f(%x: i32) {
  // expected-error @+1 {{'builtin.module' op expected 0 operands, but found 1}}
  "builtin.module"(%x) ({
    "test.op"() : () -> ()
  }) : (i32) -> ()
  return
}

// -----

// expected-error @+1 {{attribute 'sym_name' failed to satisfy constraint: string attribute}}
"builtin.module"() <{sym_name = 1}> ({
  "test.op"() : () -> ()
}) : () -> ()

// -----

// A module is a symbol table: its symbols need unique names.
module {
  // expected-note @+1 {{see existing symbol definition here}}
  func.func private @twice()
  // expected-error @+1 {{redefinition of symbol named 'twice'}}
  func.func private @twice()
}

// -----

// Symbols of nested modules live in their own tables.
module {
  func.func private @same()
  module @nested {
    func.func private @same()
  }
}

// -----

// A module is isolated from above: its body cannot see enclosing values.
func.func @f(%x: i32) {
  "test.region"() ({
    module {
      // expected-error @+1 {{use of undeclared SSA value name '%x'}}
      "test.side_effect"(%x) : (i32) -> ()
    }
    "test.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @f(%x: i32) {
  // expected-error @+1 {{'builtin.unrealized_conversion_cast' op has no inherent attribute 'kind'}}
  %y = "builtin.unrealized_conversion_cast"(%x) <{kind = 1}> : (i32) -> f32
  return
}

// -----

// expected-error @+1 {{custom op 'unrealized_conversion_cast' is unknown}}
%y = unrealized_conversion_cast
