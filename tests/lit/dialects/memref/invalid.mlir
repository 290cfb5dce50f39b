// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @alloc_sizes() {
  // expected-error @+1 {{dimension operand count does not equal memref dynamic dimension count}}
  %m = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<?xf32>
  return
}

// -----

func.func @alloc_symbols(%n: index) {
  // expected-error @+1 {{symbol operand count does not equal memref symbol count: expected 0, got 1}}
  %m = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 0, 1>}> : (index) -> memref<4xf32>
  return
}

// -----

func.func @load_indices(%m: memref<4x4xf32>, %i: index) {
  // expected-error @+1 {{incorrect number of indices for load, expected 2 but got 1}}
  %v = "memref.load"(%m, %i) : (memref<4x4xf32>, index) -> f32
  return
}

// -----

func.func @store_type(%m: memref<4xf32>, %v: i32, %i: index) {
  // expected-error @+1 {{type of 'value' matches element type of 'memref'}}
  "memref.store"(%v, %m, %i) : (i32, memref<4xf32>, index) -> ()
  return
}

// -----

func.func @store_indices(%m: memref<4xf32>, %v: f32, %i: index) {
  // expected-error @+1 {{store index operand count not equal to memref rank}}
  "memref.store"(%v, %m, %i, %i) : (f32, memref<4xf32>, index, index) -> ()
  return
}

// -----

func.func @subview_layout(%m: memref<8x4xf32>) {
  // expected-error @+1 {{expected result type to be memref<2x2xf32, strided<[4, 1], offset: 9>> or a rank-reduced version. (mismatch of result layout), but got memref<2x2xf32>}}
  %a = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 2, 1>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>) -> memref<2x2xf32>
  return
}

// -----

func.func @subview_sizes(%m: memref<8x4xf32>) {
  // expected-error @+1 {{(mismatch of result sizes), but got memref<3x2xf32, strided<[4, 1], offset: 9>>}}
  %a = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 2, 1>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>) -> memref<3x2xf32, strided<[4, 1], offset: 9>>
  return
}

// -----

func.func @subview_rank(%m: memref<8x4xf32>) {
  // expected-error @+1 {{expected 2 size values, got 3}}
  %a = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2, 1>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>) -> memref<2x2xf32, strided<[4, 1]>>
  return
}

// -----

func.func @subview_bounds(%m: memref<8x4xf32>) {
  // expected-error @+1 {{offset 1 is out-of-bounds: 4 >= 4}}
  %a = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 4>, static_sizes = array<i64: 2, 1>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>) -> memref<2x1xf32, strided<[4, 1], offset: 4>>
  return
}

// -----

func.func @copy_shape(%a: memref<4xf32>, %b: memref<5xf32>) {
  // expected-error @+1 {{requires the same shape for all operands}}
  "memref.copy"(%a, %b) : (memref<4xf32>, memref<5xf32>) -> ()
  return
}

// -----

func.func @cast_layout(%a: memref<2x4xf32, strided<[4, 1], offset: 9>>) {
  // expected-error @+1 {{are cast incompatible}}
  %c = "memref.cast"(%a) : (memref<2x4xf32, strided<[4, 1], offset: 9>>) -> memref<2x4xf32, strided<[4, 2], offset: ?>>
  return
}

// -----

func.func @collapse_non_contiguous(%a: memref<2x4xf32, strided<[8, 1]>>) {
  // expected-error @+1 {{invalid source layout map or collapsing non-contiguous dims}}
  %c = "memref.collapse_shape"(%a) <{reassociation = [[0, 1]]}> : (memref<2x4xf32, strided<[8, 1]>>) -> memref<8xf32, strided<[1]>>
  return
}

// -----

func.func @collapse_type(%a: memref<2x3xf32>) {
  // expected-error @+1 {{expected collapsed type to be memref<6xf32> but found memref<6xf32, strided<[1]>>}}
  %c = "memref.collapse_shape"(%a) <{reassociation = [[0, 1]]}> : (memref<2x3xf32>) -> memref<6xf32, strided<[1]>>
  return
}

// -----

func.func @expand_layout(%a: memref<4xf32, strided<[2]>>) {
  // expected-error @+1 {{expected expanded type to be memref<2x2xf32, strided<[4, 2]>> but found memref<2x2xf32>}}
  %e = "memref.expand_shape"(%a) <{reassociation = [[0, 1]], static_output_shape = array<i64: 2, 2>}> : (memref<4xf32, strided<[2]>>) -> memref<2x2xf32>
  return
}

// -----

// expected-error @+1 {{initial value expected to be of type tensor<2xf32>, but was of type tensor<3xf32>}}
"memref.global"() <{sym_name = "g", type = memref<2xf32>, initial_value = dense<1.0> : tensor<3xf32>}> : () -> ()

// -----

// expected-error @+1 {{type should be static shaped memref, but got memref<?xf32>}}
"memref.global"() <{sym_name = "g", type = memref<?xf32>}> : () -> ()

// -----

"memref.global"() <{sym_name = "g", type = memref<2xf32>, initial_value}> : () -> ()
func.func @get_global_type() {
  // expected-error @+1 {{result type memref<3xf32> does not match type memref<2xf32> of the global memref @g}}
  %g = "memref.get_global"() <{name = @g}> : () -> memref<3xf32>
  return
}

// -----

func.func @get_global_missing() {
  // expected-error @+1 {{'nope' does not reference a valid global memref}}
  %g = "memref.get_global"() <{name = @nope}> : () -> memref<3xf32>
  return
}
