// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @load_element_type(%m: memref<16xf32>, %i: index) {
  // expected-error @+1 {{base and result element type should match}}
  %v = "vector.load"(%m, %i) : (memref<16xf32>, index) -> vector<8xf64>
  return
}

// -----

func.func @load_indices(%m: memref<4x16xf32>, %i: index) {
  // expected-error @+1 {{requires 2 indices}}
  %v = "vector.load"(%m, %i) : (memref<4x16xf32>, index) -> vector<8xf32>
  return
}

// -----

func.func @load_rank(%m: memref<4x16xf32>, %i: index) {
  // expected-error @+1 {{only 1-D vectors are supported, got 'vector<2x8xf32>'}}
  %v = "vector.load"(%m, %i, %i) : (memref<4x16xf32>, index, index) -> vector<2x8xf32>
  return
}

// -----

func.func @store_element_type(%m: memref<16xi32>, %v: vector<8xf32>, %i: index) {
  // expected-error @+1 {{base and valueToStore element type should match}}
  "vector.store"(%v, %m, %i) : (vector<8xf32>, memref<16xi32>, index) -> ()
  return
}

// -----

func.func @store_indices(%m: memref<16xf32>, %v: vector<8xf32>, %i: index) {
  // expected-error @+1 {{requires 1 indices}}
  "vector.store"(%v, %m, %i, %i) : (vector<8xf32>, memref<16xf32>, index, index) -> ()
  return
}

// -----

func.func @broadcast_element_type(%s: f64) {
  // expected-error @+1 {{failed to verify that source operand and result have same element type}}
  %b = "vector.broadcast"(%s) : (f64) -> vector<8xf32>
  return
}

// -----

func.func @broadcast_rank(%v: vector<2x8xf32>) {
  // expected-error @+1 {{source rank higher than destination rank}}
  %b = "vector.broadcast"(%v) : (vector<2x8xf32>) -> vector<8xf32>
  return
}

// -----

func.func @broadcast_dims(%v: vector<4xf32>) {
  // expected-error @+1 {{dimension mismatch ([4] vs. [2, 8])}}
  %b = "vector.broadcast"(%v) : (vector<4xf32>) -> vector<2x8xf32>
  return
}

// -----

func.func @splat_type(%s: f64) {
  // expected-error @+1 {{failed to verify that operand type matches element type of result}}
  %b = "vector.splat"(%s) : (f64) -> vector<8xf32>
  return
}

// -----

func.func @fma_types(%a: vector<8xf32>, %b: vector<4xf32>) {
  // expected-error @+1 {{failed to verify that all of {lhs, rhs, acc, result} have same type}}
  %r = "vector.fma"(%a, %b, %a) : (vector<8xf32>, vector<4xf32>, vector<8xf32>) -> vector<8xf32>
  return
}

// -----

func.func @fma_integers(%a: vector<8xi32>) {
  // expected-error @+1 {{operand #0 must be vector of floating-point values, but got 'vector<8xi32>'}}
  %r = "vector.fma"(%a, %a, %a) : (vector<8xi32>, vector<8xi32>, vector<8xi32>) -> vector<8xi32>
  return
}

// -----

func.func @reduction_kind(%v: vector<8xi32>) {
  // expected-error @+1 {{unsupported reduction type 'i32' for kind 'maximumf'}}
  %r = "vector.reduction"(%v) <{kind = #vector.kind<maximumf>}> : (vector<8xi32>) -> i32
  return
}

// -----

func.func @reduction_float_kind(%v: vector<8xf32>) {
  // expected-error @+1 {{unsupported reduction type 'f32' for kind 'xor'}}
  %r = "vector.reduction"(%v) <{kind = #vector.kind<xor>}> : (vector<8xf32>) -> f32
  return
}

// -----

func.func @reduction_result(%v: vector<8xf32>) {
  // expected-error @+1 {{inferred type(s) 'f32' are incompatible with return type(s) of operation 'f64'}}
  %r = "vector.reduction"(%v) <{kind = #vector.kind<add>}> : (vector<8xf32>) -> f64
  return
}

// -----

func.func @reduction_rank(%v: vector<2x8xf32>) {
  // expected-error @+1 {{unsupported reduction rank: 2}}
  %r = "vector.reduction"(%v) <{kind = #vector.kind<add>}> : (vector<2x8xf32>) -> f32
  return
}

// -----

func.func @reduction_missing_kind(%v: vector<8xf32>) {
  // expected-error @+1 {{requires attribute 'kind'}}
  %r = "vector.reduction"(%v) : (vector<8xf32>) -> f32
  return
}

// -----

func.func @unknown_kind(%v: vector<8xf32>) {
  // expected-error @+1 {{expected one of add, mul}}
  %r = "vector.reduction"(%v) <{kind = #vector.kind<sum>}> : (vector<8xf32>) -> f32
  return
}
