// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{unexpected character '$'}}
"test.op"() $ : () -> ()

// -----

// expected-error @+1 {{unexpected 'i32'; expected}}
"test.op"() : () -> i32 i32

// -----

// expected-error @+1 {{unexpected end of input}}
"test.op"() : () -> tensor<?xf32

// -----

// expected-error @+1 {{unexpected character '"'}}
"test.op"() {a = "unterminated} : () -> ()

// -----

// Ops of other dialects than builtin and func are read in the generic form only.
// expected-error @+1 {{custom op 'test.op' is unknown}}
test.op

// -----

// expected-error @+1 {{operation 'foo.bar' belongs to an unregistered dialect ('foo'); pass --allow-unregistered-dialect to accept it}}
"foo.bar"() : () -> ()

// -----

// expected-error @+1 {{unregistered operation 'test.nonexistent' found in dialect ('test') that does not allow unknown operations}}
"test.nonexistent"() : () -> ()

// -----

// expected-error @+1 {{use of undeclared SSA value name '%x'}}
"test.op"(%x) : (i32) -> ()

// -----

%0 = "test.op"() : () -> i32
// expected-error @+1 {{redefinition of SSA value '%0'}}
%0 = "test.op"() : () -> i32

// -----

// expected-error @+1 {{redefinition of SSA value '%a'}}
func.func @f(%a: i32, %a: i32) {
  return
}

// -----

// Values defined in a region are not visible after it.
"test.region"() ({
  %1 = "test.op"() : () -> i32
  "test.yield"() : () -> ()
}) : () -> ()
// expected-error @+1 {{use of undeclared SSA value name '%1'}}
"test.op"(%1) : (i32) -> ()

// -----

// expected-error @+1 {{operation defines 1 results but was provided 2 to bind}}
%0, %1 = "test.op"() : () -> i32

// -----

// expected-error @+1 {{operation defines 2 results but was provided 3 to bind}}
%0:3 = "test.op"() : () -> (i32, i32)

// -----

// expected-error @+1 {{expected a positive number of results}}
%0:0 = "test.op"() : () -> ()

// -----

%0:2 = "test.op"() : () -> (i32, i32)
// expected-error @+1 {{invalid result number 2 for '%0' which has 2 results}}
"test.op"(%0#2) : (i32) -> ()

// -----

// expected-error @+1 {{expected 1 operand types but had 0}}
"test.op"(%0) : () -> ()

// -----

%0 = "test.op"() : () -> i32
// expected-error @+1 {{use of value '%0' expects different type than prior uses: 'f32' vs 'i32'}}
"test.op"(%0) : (f32) -> ()

// -----

// A forward reference fixes the type that the definition must have.
"test.graph_region"() ({
  "test.op"(%0) : (f32) -> ()
  // expected-error @-1 {{use of value '%0' expects different type than prior uses: 'f32' vs 'i32'}}
  %0 = "test.op"() : () -> i32
}) : () -> ()

// -----

"test.region"() ({
  // expected-error @+1 {{reference to an undefined block '^nowhere'}}
  "test.terminator"()[^nowhere] : () -> ()
}) : () -> ()

// -----

"test.region"() ({
^bb0:
  "test.terminator"()[^bb1] : () -> ()
^bb1:
  "test.terminator"()[^bb1] : () -> ()
// expected-error @+1 {{redefinition of block '^bb1'}}
^bb1:
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// Blocks are scoped to their region.
"test.region"() ({
  "test.region"() ({
    // expected-error @+1 {{reference to an undefined block '^bb1'}}
    "test.terminator"()[^bb1] : () -> ()
  }) : () -> ()
  "test.terminator"()[^bb1] : () -> ()
^bb1:
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{undefined attribute alias '#undefined'}}
"test.op"() {a = #undefined} : () -> ()

// -----

// expected-error @+1 {{undefined type alias '!undefined'}}
"test.op"() : () -> !undefined

// -----

// expected-error @+1 {{undefined location alias '#nowhere'}}
"test.op"() : () -> () loc(#nowhere)

// -----

// expected-error @+1 {{duplicate key 'a' in dictionary attribute}}
"test.op"() {a = 1, a = 2} : () -> ()

// -----

// expected-error @+1 {{unexpected decimal integer literal for a floating point value}}
"test.op"() {a = 1 : f32} : () -> ()

// -----

// expected-error @+1 {{floating point value not valid for specified type 'i32'}}
"test.op"() {a = 1.5 : i32} : () -> ()

// -----

// expected-error @+1 {{expected integer elements, but parsed floating-point}}
"test.op"() {a = array<i32: 1.5>} : () -> ()

// -----

// expected-error @+1 {{use of undeclared identifier 'd1' in affine map}}
"test.op"() {a = affine_map<(d0) -> (d1)>} : () -> ()

// -----

// expected-error @+1 {{vector types must have static dimensions}}
"test.op"() : () -> vector<?xf32>

// -----

// expected-error @+1 {{an unranked tensor is written tensor<*xT>}}
"test.op"() : () -> tensor<*x*xf32>

// -----

// expected-error @+1 {{only vectors have scalable dimensions}}
"test.op"() : () -> tensor<[4]xf32>

// -----

// expected-error @+1 {{invalid dense literal for 'tensor<3xi32>': literal has shape [2]}}
"test.op"() {a = dense<[1, 2]> : tensor<3xi32>} : () -> ()

// -----

// expected-error @+1 {{invalid dense literal for 'tensor<2x2xi32>'}}
"test.op"() {a = dense<[[1], [2, 3]]> : tensor<2x2xi32>} : () -> ()

// -----

// expected-error @+1 {{dense elements need a statically shaped tensor or vector type, got 'tensor<?xi32>'}}
"test.op"() {a = dense<1> : tensor<?xi32>} : () -> ()

// -----

// expected-error @+1 {{invalid dense literal for 'tensor<3xi32>'}}
"test.op"() {a = dense<"0x0102"> : tensor<3xi32>} : () -> ()

// -----

// expected-error @+1 {{expected a hex string ("0x...") in dense literal}}
"test.op"() {a = dense<"zz"> : tensor<3xi32>} : () -> ()

// -----

// expected-error @+1 {{invalid dense literal for 'tensor<2xi8>'}}
"test.op"() {a = dense<[1, 300]> : tensor<2xi8>} : () -> ()
