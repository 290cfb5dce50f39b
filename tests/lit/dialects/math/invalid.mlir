// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @sqrt_of_integer(%a: i32) {
  // expected-error @+1 {{'math.sqrt' op operand #0 must be floating-point-like, but got 'i32'}}
  %0 = "math.sqrt"(%a) : (i32) -> i32
  return
}

// -----

func.func @exp_result_not_float(%x: f32) {
  // expected-error @+1 {{result #0 must be floating-point-like, but got 'i32'}}
  %0 = "math.exp"(%x) : (f32) -> i32
  return
}

// -----

func.func @absf_of_index(%i: index) {
  // expected-error @+1 {{operand #0 must be floating-point-like, but got 'index'}}
  %0 = "math.absf"(%i) : (index) -> index
  return
}

// -----

func.func @powf_mixed_types(%x: f32, %y: f64) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "math.powf"(%x, %y) : (f32, f64) -> f32
  return
}

// -----

func.func @atan2_one_operand(%x: f32) {
  // expected-error @+1 {{expected 2 operands, but found 1}}
  %0 = "math.atan2"(%x) : (f32) -> f32
  return
}

// -----

func.func @fma_two_operands(%x: f32) {
  // expected-error @+1 {{expected 3 operands, but found 2}}
  %0 = "math.fma"(%x, %x) : (f32, f32) -> f32
  return
}

// -----

func.func @fma_on_integers(%a: i32) {
  // expected-error @+1 {{operand #0 must be floating-point-like, but got 'i32'}}
  %0 = "math.fma"(%a, %a, %a) : (i32, i32, i32) -> i32
  return
}

// -----

func.func @ctlz_of_float(%x: f32) {
  // expected-error @+1 {{operand #0 must be signless-integer-like, but got 'f32'}}
  %0 = "math.ctlz"(%x) : (f32) -> f32
  return
}

// -----

func.func @absi_of_unsigned(%a: ui32) {
  // expected-error @+1 {{operand #0 must be signless-integer-like, but got 'ui32'}}
  %0 = "math.absi"(%a) : (ui32) -> ui32
  return
}

// -----

func.func @ipowi_of_floats(%x: f32) {
  // expected-error @+1 {{operand #0 must be signless-integer-like, but got 'f32'}}
  %0 = "math.ipowi"(%x, %x) : (f32, f32) -> f32
  return
}

// -----

func.func @fpowi_float_exponent(%x: f32) {
  // expected-error @+1 {{operand #1 must be signless-integer-like, but got 'f32'}}
  %0 = "math.fpowi"(%x, %x) : (f32, f32) -> f32
  return
}

// -----

func.func @fpowi_shape_mismatch(%v: vector<2xf32>, %n: i32) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = "math.fpowi"(%v, %n) : (vector<2xf32>, i32) -> vector<2xf32>
  return
}

// -----

func.func @fpowi_result_type(%x: f32, %n: i32) {
  // expected-error @+1 {{result #0 must be floating-point-like, but got 'i32'}}
  %0 = "math.fpowi"(%x, %n) : (f32, i32) -> i32
  return
}

// -----

func.func @isnan_result_not_bool(%x: f32) {
  // expected-error @+1 {{result #0 must be bool-like, but got 'f32'}}
  %0 = "math.isnan"(%x) : (f32) -> f32
  return
}

// -----

func.func @isinf_of_integer(%a: i32) {
  // expected-error @+1 {{operand #0 must be floating-point-like, but got 'i32'}}
  %0 = "math.isinf"(%a) : (i32) -> i1
  return
}

// -----

func.func @isfinite_result_not_bool(%v: vector<4xf32>) {
  // expected-error @+1 {{result #0 must be bool-like, but got 'vector<4xf32>'}}
  %0 = "math.isfinite"(%v) : (vector<4xf32>) -> vector<4xf32>
  return
}

// -----

func.func @fastmath_of_wrong_kind(%x: f32) {
  // expected-error @+1 {{attribute 'fastmath' failed to satisfy constraint: Floating point fast math flags}}
  %0 = "math.sin"(%x) <{fastmath = #arith.overflow<nsw>}> : (f32) -> f32
  return
}

// -----

func.func @unknown_fastmath_flag(%x: f32) {
  // expected-error @+1 {{unknown flag 'nsw'}}
  %0 = "math.cos"(%x) <{fastmath = #arith.fastmath<nsw>}> : (f32) -> f32
  return
}

// -----

func.func @unknown_math_op(%x: f32) {
  // expected-error @+1 {{unregistered operation 'math.sec' found in dialect ('math')}}
  %0 = "math.sec"(%x) : (f32) -> f32
  return
}
