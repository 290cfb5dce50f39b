// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @addf_on_integers(%a: i32) {
  // expected-error @+1 {{'arith.addf' op operand #0 must be floating-point-like, but got 'i32'}}
  %0 = "arith.addf"(%a, %a) : (i32, i32) -> i32
  return
}

// -----

func.func @addi_on_floats(%x: f32) {
  // expected-error @+1 {{operand #0 must be signless-integer-like, but got 'f32'}}
  %0 = "arith.addi"(%x, %x) : (f32, f32) -> f32
  return
}

// -----

func.func @addi_on_signed_integers(%x: si32) {
  // expected-error @+1 {{operand #0 must be signless-integer-like, but got 'si32'}}
  %0 = "arith.addi"(%x, %x) : (si32, si32) -> si32
  return
}

// -----

func.func @muli_mixed_types(%a: i32, %b: i64) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "arith.muli"(%a, %b) : (i32, i64) -> i32
  return
}

// -----

func.func @negf_wrong_arity(%x: f32) {
  // expected-error @+1 {{expected 1 operand, but found 2}}
  %0 = "arith.negf"(%x, %x) : (f32, f32) -> f32
  return
}

// -----

func.func @constant_without_value() {
  // expected-error @+1 {{requires attribute 'value'}}
  %0 = "arith.constant"() : () -> i32
  return
}

// -----

func.func @constant_string() {
  // expected-error @+1 {{attribute 'value' failed to satisfy constraint: integer, float, or elements attribute}}
  %0 = "arith.constant"() <{value = "forty-two"}> : () -> i32
  return
}

// -----

func.func @constant_type_mismatch() {
  // expected-error @+1 {{value type tensor<2xi32> must match return type: tensor<?xi32>}}
  %0 = "arith.constant"() <{value = dense<1> : tensor<2xi32>}> : () -> tensor<?xi32>
  return
}

// -----

func.func @constant_scalar_type_mismatch() {
  // expected-error @+1 {{'i64' are incompatible with return type(s) of operation 'i32'}}
  %0 = "arith.constant"() <{value = 1 : i64}> : () -> i32
  return
}

// -----

func.func @constant_signed() {
  // expected-error @+1 {{integer return type must be signless}}
  %0 = "arith.constant"() <{value = 1 : si8}> : () -> si8
  return
}

// -----

func.func @overflow_flags_of_wrong_kind(%a: i32) {
  // expected-error @+1 {{attribute 'overflowFlags' failed to satisfy constraint: Integer overflow arith flags}}
  %0 = "arith.addi"(%a, %a) <{overflowFlags = #arith.fastmath<none>}> : (i32, i32) -> i32
  return
}

// -----

func.func @unknown_fastmath_flag(%x: f32) {
  // expected-error @+1 {{unknown flag 'fastest'}}
  %0 = "arith.addf"(%x, %x) <{fastmath = #arith.fastmath<fastest>}> : (f32, f32) -> f32
  return
}

// -----

func.func @discardable_attribute_as_property(%a: i32) {
  // expected-error @+1 {{has no inherent attribute 'nsw'}}
  %0 = "arith.addi"(%a, %a) <{nsw}> : (i32, i32) -> i32
  return
}

// -----

func.func @cmpi_without_predicate(%a: i32) {
  // expected-error @+1 {{requires attribute 'predicate'}}
  %0 = "arith.cmpi"(%a, %a) : (i32, i32) -> i1
  return
}

// -----

func.func @cmpi_predicate_out_of_range(%a: i32) {
  // expected-error @+1 {{attribute 'predicate' failed to satisfy constraint}}
  %0 = "arith.cmpi"(%a, %a) <{predicate = 10 : i64}> : (i32, i32) -> i1
  return
}

// -----

func.func @cmpf_predicate_not_i64(%x: f32) {
  // expected-error @+1 {{attribute 'predicate' failed to satisfy constraint}}
  %0 = "arith.cmpf"(%x, %x) <{predicate = 1 : i32}> : (f32, f32) -> i1
  return
}

// -----

func.func @cmpi_result_not_bool(%a: i32) {
  // expected-error @+1 {{result #0 must be bool-like, but got 'i32'}}
  %0 = "arith.cmpi"(%a, %a) <{predicate = 0 : i64}> : (i32, i32) -> i32
  return
}

// -----

func.func @cmpi_operand_types_differ(%a: i32, %b: i64) {
  // expected-error @+1 {{requires all operands to have the same type}}
  %0 = "arith.cmpi"(%a, %b) <{predicate = 0 : i64}> : (i32, i64) -> i1
  return
}

// -----

func.func @cmpf_on_integers(%a: i32) {
  // expected-error @+1 {{operand #0 must be floating-point-like, but got 'i32'}}
  %0 = "arith.cmpf"(%a, %a) <{predicate = 1 : i64}> : (i32, i32) -> i1
  return
}

// -----

func.func @select_condition_not_bool(%c: i32, %x: f32) {
  // expected-error @+1 {{operand #0 must be bool-like, but got 'i32'}}
  %0 = "arith.select"(%c, %x, %x) : (i32, f32, f32) -> f32
  return
}

// -----

func.func @select_value_types_differ(%c: i1, %x: f32, %y: f64) {
  // expected-error @+1 {{failed to verify that all of {true_value, false_value, result} have same type}}
  %0 = "arith.select"(%c, %x, %y) : (i1, f32, f64) -> f32
  return
}

// -----

func.func @select_condition_shape(%c: vector<3xi1>, %v: vector<4xf32>) {
  // expected-error @+1 {{failed to verify that condition is signless i1 or has matching shape}}
  %0 = "arith.select"(%c, %v, %v) : (vector<3xi1>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  return
}

// -----

func.func @extsi_narrows(%a: i32) {
  // expected-error @+1 {{result type i16 must be wider than operand type i32}}
  %0 = "arith.extsi"(%a) : (i32) -> i16
  return
}

// -----

func.func @extui_same_width(%a: i32) {
  // expected-error @+1 {{result type i32 must be wider than operand type i32}}
  %0 = "arith.extui"(%a) : (i32) -> i32
  return
}

// -----

func.func @trunci_widens(%a: i8) {
  // expected-error @+1 {{result type i16 must be shorter than operand type i8}}
  %0 = "arith.trunci"(%a) : (i8) -> i16
  return
}

// -----

func.func @extf_narrows(%x: f64) {
  // expected-error @+1 {{result type f32 must be wider than operand type f64}}
  %0 = "arith.extf"(%x) : (f64) -> f32
  return
}

// -----

func.func @truncf_widens(%x: f16) {
  // expected-error @+1 {{result type f32 must be shorter than operand type f16}}
  %0 = "arith.truncf"(%x) : (f16) -> f32
  return
}

// -----

func.func @truncf_bad_rounding_mode(%x: f64) {
  // expected-error @+1 {{attribute 'roundingmode' failed to satisfy constraint}}
  %0 = "arith.truncf"(%x) <{roundingmode = 5 : i32}> : (f64) -> f32
  return
}

// -----

func.func @extsi_of_index(%i: index) {
  // expected-error @+1 {{operand #0 must be signless-fixed-width-integer-like, but got 'index'}}
  %0 = "arith.extsi"(%i) : (index) -> i64
  return
}

// -----

func.func @sitofp_of_float(%x: f32) {
  // expected-error @+1 {{operand #0 must be signless-fixed-width-integer-like, but got 'f32'}}
  %0 = "arith.sitofp"(%x) : (f32) -> f64
  return
}

// -----

func.func @fptoui_to_float(%x: f32) {
  // expected-error @+1 {{result #0 must be signless-fixed-width-integer-like, but got 'f64'}}
  %0 = "arith.fptoui"(%x) : (f32) -> f64
  return
}

// -----

func.func @cast_changes_shape(%v: vector<4xi8>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = "arith.extsi"(%v) : (vector<4xi8>) -> vector<2xi32>
  return
}

// -----

func.func @cast_vector_to_scalar(%v: vector<4xf32>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = "arith.fptosi"(%v) : (vector<4xf32>) -> i32
  return
}

// -----

func.func @bitcast_width_mismatch(%x: f32) {
  // expected-error @+1 {{operand type f32 and result type i64 are cast incompatible}}
  %0 = "arith.bitcast"(%x) : (f32) -> i64
  return
}

// -----

func.func @index_cast_between_integers(%a: i32) {
  // expected-error @+1 {{operand type i32 and result type i64 are cast incompatible}}
  %0 = "arith.index_cast"(%a) : (i32) -> i64
  return
}

// -----

func.func @index_castui_of_float(%x: f32) {
  // expected-error @+1 {{operand #0 must be signless-integer-like, but got 'f32'}}
  %0 = "arith.index_castui"(%x) : (f32) -> index
  return
}

// -----

func.func @unknown_arith_op(%a: i32) {
  // expected-error @+1 {{unregistered operation 'arith.addx' found in dialect ('arith')}}
  %0 = "arith.addx"(%a, %a) : (i32, i32) -> i32
  return
}
