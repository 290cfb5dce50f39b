// RUN: tfc-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{entry block must have 1 arguments to match function signature}}
"func.func"() <{function_type = (i32) -> (), sym_name = "f"}> ({
  "func.return"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{type of entry block argument #0('f32') must match the type of the corresponding argument in function signature('i32')}}
"func.func"() <{function_type = (i32) -> (), sym_name = "f"}> ({
^bb0(%x: f32):
  "func.return"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{requires attribute 'function_type'}}
"func.func"() <{sym_name = "f"}> ({
  "func.return"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{requires attribute 'sym_name'}}
"func.func"() <{function_type = () -> ()}> ({
  "func.return"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{attribute 'function_type' failed to satisfy constraint: type attribute of function type}}
"func.func"() <{function_type = i32, sym_name = "f"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{attribute 'sym_name' failed to satisfy constraint: string attribute}}
"func.func"() <{function_type = () -> (), sym_name = 3}> ({
}) : () -> ()

// -----

// expected-error @+1 {{expects arg_attrs to have 2 entries, one per arg}}
"func.func"() <{arg_attrs = [{}], function_type = (i32, i32) -> (), sym_name = "f", sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{expects res_attrs to have 1 entries, one per res}}
"func.func"() <{res_attrs = [], function_type = () -> i32, sym_name = "f", sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{attribute 'arg_attrs' failed to satisfy constraint: array of dictionary attribute}}
"func.func"() <{arg_attrs = [1], function_type = (i32) -> (), sym_name = "f", sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{symbol declaration cannot have public visibility}}
func.func @public_declaration(i32)

// -----

// expected-error @+1 {{a function declaration takes argument types, not named arguments}}
func.func private @named_declaration(%x: i32)

// -----

// expected-error @+1 {{a function with a body needs named arguments (%name: type)}}
func.func @unnamed_body(i32) {
  return
}

// -----

// expected-error @+1 {{'func.func' op requires 1 region}}
"func.func"() <{function_type = () -> (), sym_name = "f"}> : () -> ()

// -----

func.func @missing_return() {
// expected-error @+1 {{block with no terminator, has 'test.side_effect'}}
  "test.side_effect"() : () -> ()
}

// -----

// expected-error @+1 {{empty block: expect at least a terminator}}
"func.func"() <{function_type = () -> (), sym_name = "f"}> ({
^bb0:
}) : () -> ()

// -----

func.func @return_count(%x: i32) {
  // expected-error @+1 {{'func.return' op has 1 operands, but enclosing function (@return_count) returns 0}}
  return %x : i32
}

// -----

func.func @return_type(%x: i32) -> f32 {
  // expected-error @+1 {{type of return operand 0 ('i32') doesn't match function result type ('f32') in function @return_type}}
  return %x : i32
}

// -----

func.func @return_not_last(%x: i32) {
  // expected-error @+1 {{'func.return' op must be the last operation in the parent block}}
  "func.return"() : () -> ()
  "func.return"() : () -> ()
}

// -----

func.func @return_outside_func() {
  "test.region"() ({
    // expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
    "func.return"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @return_parse(%x: i32) -> i32 {
  // expected-error @+1 {{expected 1 types to match the operand list, got 2}}
  return %x : i32, i32
}

// -----

func.func @call_undefined() {
  // expected-error @+1 {{'func.call' op 'missing' does not reference a valid function}}
  call @missing() : () -> ()
  return
}

// -----

"test.symbol"() <{sym_name = "not_a_function"}> : () -> ()
func.func @call_non_function() {
  // expected-error @+1 {{'not_a_function' does not reference a valid function}}
  call @not_a_function() : () -> ()
  return
}

// -----

func.func private @callee(i32) -> f32
func.func @call_operand_count() {
  // expected-error @+1 {{incorrect number of operands for callee}}
  %r = call @callee() : () -> f32
  return
}

// -----

func.func private @callee(i32) -> f32
func.func @call_operand_type(%x: i64) {
  // expected-error @+1 {{operand type mismatch: expected operand type 'i32', but provided 'i64' for operand number 0}}
  %r = call @callee(%x) : (i64) -> f32
  return
}

// -----

func.func private @callee(i32) -> f32
func.func @call_result_count(%x: i32) {
  // expected-error @+1 {{incorrect number of results for callee}}
  call @callee(%x) : (i32) -> ()
  return
}

// -----

func.func private @callee(i32) -> f32
func.func @call_result_type(%x: i32) {
  // expected-error @+1 {{result type mismatch at index 0: expected 'f32', but got 'f64'}}
  %r = call @callee(%x) : (i32) -> f64
  return
}

// -----

func.func private @callee()
func.func @call_nested_ref() {
  // expected-error @+1 {{attribute 'callee' failed to satisfy constraint: flat symbol reference attribute}}
  "func.call"() <{callee = @callee::@inner}> : () -> ()
  return
}

// -----

func.func @call_missing_callee() {
  // expected-error @+1 {{requires attribute 'callee'}}
  "func.call"() : () -> ()
  return
}

// -----

func.func @call_indirect_operand_type(%f: (i32) -> i32, %x: f32) {
  // expected-error @+1 {{operand type mismatch: expected operand type 'i32', but provided 'f32' for operand number 0}}
  %r = "func.call_indirect"(%f, %x) : ((i32) -> i32, f32) -> i32
  return
}

// -----

func.func @call_indirect_result_count(%f: (i32) -> i32, %x: i32) {
  // expected-error @+1 {{incorrect number of results for callee}}
  "func.call_indirect"(%f, %x) : ((i32) -> i32, i32) -> ()
  return
}

// -----

func.func @call_indirect_not_function(%f: i32) {
  // expected-error @+1 {{operand #0 must be function type, but got 'i32'}}
  "func.call_indirect"(%f) : (i32) -> ()
  return
}

// -----

func.func @constant_undefined() {
  // expected-error @+1 {{reference to undefined function 'nowhere'}}
  %f = "func.constant"() <{value = @nowhere}> : () -> (() -> ())
  return
}

// -----

func.func private @g(i32) -> i32
func.func @constant_type() {
  // expected-error @+1 {{reference to function with mismatched type: '(i32) -> i32' vs '(i32) -> f32'}}
  %f = "func.constant"() <{value = @g}> : () -> ((i32) -> f32)
  return
}

// -----

func.func @constant_not_function_type() {
  // expected-error @+1 {{result #0 must be function type, but got 'i32'}}
  %f = "func.constant"() <{value = @constant_not_function_type}> : () -> i32
  return
}

// -----

func.func @f() {
  return
}
// expected-error @+2 {{redefinition of symbol named 'f'}}
// expected-note @-4 {{see existing symbol definition here}}
func.func @f() {
  return
}

// -----

// A function body cannot see the values of enclosing regions: they are not even in scope.
func.func @isolated(%x: i32) {
  "func.func"() <{function_type = () -> (), sym_name = "inner"}> ({
    // expected-error @+1 {{use of undeclared SSA value name '%x'}}
    "test.side_effect"(%x) : (i32) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
  return
}
