// RUN: tfc-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect

// Dominance.

"test.region"() ({
  // expected-error @+1 {{'test.op' op operand #0 does not dominate this use}}
  "test.op"(%1) : (i32) -> ()
  %1 = "test.op"() : () -> i32
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// A value defined in a block that does not dominate the use: ^bb2 is reachable around ^bb1.
"test.region"() ({
  "test.terminator"()[^bb2] : () -> ()
^bb1:
  %1 = "test.op"() : () -> i32
  "test.terminator"()[^bb2] : () -> ()
^bb2:
  // expected-error @+1 {{'test.op' op operand #0 does not dominate this use}}
  "test.op"(%1) : (i32) -> ()
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// The use of a later value inside a nested region is checked at the op holding the region.
func.func @nested_use() {
  "test.region"() ({
    // expected-error @+1 {{'test.side_effect' op operand #0 does not dominate this use}}
    "test.side_effect"(%late) : (i32) -> ()
    "test.yield"() : () -> ()
  }) : () -> ()
  %late = "test.op"() : () -> i32
  return
}

// -----

// A block's own arguments and the values of a dominating block are fine; so are uses in
// unreachable blocks and anything in graph regions.
func.func @dominance_ok(%c: i32) {
  "test.terminator"()[^bb1] : () -> ()
^bb1:
  %v = "test.op"() : () -> i32
  "test.terminator"(%v)[^bb2] : (i32) -> ()
^bb2(%a: i32):
  "test.side_effect"(%a, %v, %c) : (i32, i32, i32) -> ()
  return
^dead:
  "test.side_effect"(%w) : (i32) -> ()
  return
^dead2:
  %w = "test.op"() : () -> i32
  return
}
"test.graph_region"() ({
  %0 = "test.pure"(%1) : (i32) -> i32
  %1 = "test.pure"(%0) : (i32) -> i32
}) : () -> ()

// -----

// Graph regions hold a single block.
// expected-error @+1 {{'test.graph_region' op expects region #0 to have 0 or 1 blocks}}
"test.graph_region"() ({
  "test.op"() : () -> ()
^bb1:
  "test.op"() : () -> ()
}) : () -> ()

// -----
// Isolation.
// An isolated-from-above op's regions cannot even name outer values: the parser rejects them.

%0 = "test.op"() : () -> i32
"test.isolated_region"() ({
  // expected-error @+1 {{use of undeclared SSA value name '%0'}}
  "test.op"(%0) : (i32) -> ()
  "test.yield"() : () -> ()
}) : () -> ()

// -----

func.func @f(%x: i32) {
  "test.region"() ({
    "test.isolated_region"() ({
      "test.region"() ({
        // expected-error @+1 {{use of undeclared SSA value name '%x'}}
        "test.side_effect"(%x) : (i32) -> ()
        "test.yield"() : () -> ()
      }) : () -> ()
      "test.yield"() : () -> ()
    }) : () -> ()
    "test.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

// Passing values in as operands is the way in.
func.func @isolated_ok(%x: i32) -> i32 {
  %r = "test.isolated_region"(%x) ({
  ^bb0(%in: i32):
    "test.yield"(%in) : (i32) -> ()
  }) : (i32) -> i32
  return %r : i32
}

// -----
// Terminators.

"test.region"() ({
  // expected-error @+1 {{block with no terminator, has 'test.op'}}
  "test.op"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'test.region' op empty block: expect at least a terminator}}
"test.region"() ({
^bb0:
}) : () -> ()

// -----

"test.region"() ({
  "test.terminator"()[^bb1] : () -> ()
^bb1:
  // expected-error @+1 {{'test.terminator' op must be the last operation in the parent block}}
  "test.terminator"()[^bb1] : () -> ()
  "test.yield"() : () -> ()
}) : () -> ()

// -----

"test.region"() ({
  // As in MLIR, a terminator that is not last is reported on the terminator.
  // expected-error @+1 {{'test.yield' op must be the last operation in the parent block}}
  "test.yield"() : () -> ()
  "test.op"() : () -> ()
}) : () -> ()

// -----

"test.region"() ({
  // expected-error @+1 {{block with no terminator, has 'test.op'}}
  "test.op"() : () -> ()
}) : () -> ()

// -----

// Regions of unregistered ops and of NoTerminator ops need no terminator.
"foo.op"() ({
  "foo.other"() : () -> ()
}) : () -> ()
"test.op"() ({
  "test.op"() : () -> ()
}) : () -> ()
"test.symbol_table"() ({
  "test.symbol"() <{sym_name = "s"}> : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'test.region' op entry block of region #0 may not have predecessors}}
"test.region"() ({
^bb0:
  "test.terminator"()[^bb0] : () -> ()
}) : () -> ()

// -----

%0 = "test.op"() : () -> i32
"test.region"() ({
  // expected-error @+1 {{'test.terminator' op passes (i32) to a successor taking (f32)}}
  "test.terminator"(%0)[^bb1] : (i32) -> ()
^bb1(%a: f32):
  "test.yield"() : () -> ()
}) : () -> ()

// -----
// Symbols.

"test.symbol_table"() ({
  // expected-note @+1 {{see existing symbol definition here}}
  "test.symbol"() <{sym_name = "a"}> : () -> ()
  // expected-error @+1 {{'test.symbol' op redefinition of symbol named 'a'}}
  "test.symbol"() <{sym_name = "a"}> : () -> ()
}) : () -> ()

// -----

// Functions and other symbols share the module's symbol table.
// expected-note @+1 {{see existing symbol definition here}}
func.func private @dup()
// expected-error @+1 {{redefinition of symbol named 'dup'}}
"test.symbol"() <{sym_name = "dup"}> : () -> ()

// -----

// expected-error @+1 {{'test.symbol' op requires attribute 'sym_name'}}
"test.symbol"() : () -> ()

// -----

// expected-error @+1 {{'test.symbol_user' op '@missing' does not reference a valid symbol}}
"test.symbol_user"() <{symbol = @missing}> : () -> ()

// -----

"test.symbol_table"() <{sym_name = "t"}> ({
  "test.symbol"() <{sym_name = "inner"}> : () -> ()
}) : () -> ()
"test.symbol_user"() <{symbol = @t::@inner}> : () -> ()
// expected-error @+1 {{'test.symbol_user' op '@t::@missing' does not reference a valid symbol}}
"test.symbol_user"() <{symbol = @t::@missing}> : () -> ()

// -----

// Symbols of an inner table are not visible from outside without a nested reference...
"test.symbol_table"() ({
  "test.symbol"() <{sym_name = "hidden"}> : () -> ()
}) : () -> ()
// expected-error @+1 {{'@hidden' does not reference a valid symbol}}
"test.symbol_user"() <{symbol = @hidden}> : () -> ()

// -----

// ...but references look outward through enclosing tables.
"test.symbol"() <{sym_name = "outer"}> : () -> ()
"test.symbol_table"() ({
  "test.symbol_user"() <{symbol = @outer}> : () -> ()
}) : () -> ()

// -----
// Declared operands, results, attributes and regions.

%0 = "test.op"() : () -> i64
// expected-error @+1 {{'test.add' op operand #0 must be 'i32' or index or floating-point, but got 'i64'}}
%1 = "test.add"(%0, %0) : (i64, i64) -> i64

// -----

%0 = "test.op"() : () -> i32
// expected-error @+1 {{'test.add' op expected 2 operands, but found 1}}
%1 = "test.add"(%0) : (i32) -> i32

// -----

%0 = "test.op"() : () -> i32
// Trait checks come before the inferred-type check, as in MLIR.
// expected-error @+1 {{'test.add' op requires the same type for all operands and results}}
%1 = "test.add"(%0, %0) : (i32, i32) -> f32

// -----

// expected-error @+1 {{'test.constant' op requires attribute 'value'}}
%0 = "test.constant"() : () -> f32

// -----

// expected-error @+1 {{'test.constant' op attribute 'value' failed to satisfy constraint: typed attribute}}
%0 = "test.constant"() <{value = "s"}> : () -> f32

// -----

// expected-error @+1 {{'test.constant' op inferred type(s) 'i32' are incompatible with return type(s) of operation 'f32'}}
%0 = "test.constant"() <{value = 1 : i32}> : () -> f32

// -----

// expected-error @+1 {{'test.yield' op has no inherent attribute 'x'; discardable attributes belong in the attribute dictionary}}
"test.yield"() <{x = 1}> : () -> ()

// -----

// expected-error @+1 {{'test.region' op requires 1 region}}
"test.region"() : () -> ()

// -----

"test.region"() ({
  // expected-error @+1 {{'test.yield' op requires 0 successors}}
  "test.yield"()[^bb1] : () -> ()
^bb1:
  "test.yield"() : () -> ()
}) : () -> ()

// -----

%0 = "test.op"() : () -> i32
// expected-error @+1 {{'test.region' op entry block arguments (f32) must be empty or match the operand types (i32)}}
%1 = "test.region"(%0) ({
^bb0(%a: f32):
  "test.yield"(%a) : (f32) -> ()
}) : (i32) -> f32

// -----

// expected-error @+1 {{'test.region' op yields (f32) but its results are (i32)}}
%1 = "test.region"() ({
  %a = "test.op"() : () -> f32
  "test.yield"(%a) : (f32) -> ()
}) : () -> i32

// -----
// Diagnostics emitted by verifiers.

// expected-warning @+1 {{custom warning text}}
"test.warn"() <{message = "custom warning text"}> : () -> ()
