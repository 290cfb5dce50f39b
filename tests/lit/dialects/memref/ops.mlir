// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK: "memref.global"() <{constant, initial_value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, sym_name = "weights", sym_visibility = "private", type = memref<2xf32>}> : () -> ()
// CHECK-NEXT: "memref.global"() <{initial_value, sym_name = "scratch", type = memref<4xi32>}> : () -> ()
"memref.global"() <{sym_name = "weights", sym_visibility = "private", type = memref<2xf32>, initial_value = dense<[1.0, 2.0]> : tensor<2xf32>, constant}> : () -> ()
"memref.global"() <{sym_name = "scratch", type = memref<4xi32>, initial_value}> : () -> ()

// CHECK-LABEL: func.func @alloc_load_store
// CHECK: %[[M:.*]] = "memref.alloc"(%arg0) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?x4xf32>
// CHECK-NEXT: %[[A:.*]] = "memref.alloca"() <{alignment = 64 : i64, operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<4xf32>
// CHECK-NEXT: %[[V:.*]] = "memref.load"(%[[M]], %arg1, %arg1) : (memref<?x4xf32>, index, index) -> f32
// CHECK-NEXT: "memref.store"(%[[V]], %[[A]], %arg1) <{nontemporal = false}> : (f32, memref<4xf32>, index) -> ()
// CHECK-NEXT: %[[D:.*]] = "memref.dim"(%[[M]], %arg1) : (memref<?x4xf32>, index) -> index
// CHECK-NEXT: "memref.copy"(%[[A]], %[[A]]) : (memref<4xf32>, memref<4xf32>) -> ()
// CHECK-NEXT: "memref.dealloc"(%[[M]]) : (memref<?x4xf32>) -> ()
// GENERIC-LABEL: sym_name = "alloc_load_store"
// GENERIC: "memref.alloc"(%arg0) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?x4xf32>
func.func @alloc_load_store(%n: index, %i: index) -> index {
  %m = "memref.alloc"(%n) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?x4xf32>
  %a = "memref.alloca"() <{operandSegmentSizes = array<i32: 0, 0>, alignment = 64 : i64}> : () -> memref<4xf32>
  %v = "memref.load"(%m, %i, %i) : (memref<?x4xf32>, index, index) -> f32
  "memref.store"(%v, %a, %i) <{nontemporal = false}> : (f32, memref<4xf32>, index) -> ()
  %d = "memref.dim"(%m, %i) : (memref<?x4xf32>, index) -> index
  "memref.copy"(%a, %a) : (memref<4xf32>, memref<4xf32>) -> ()
  "memref.dealloc"(%m) : (memref<?x4xf32>) -> ()
  return %d : index
}

// CHECK-LABEL: func.func @subviews
// CHECK: "memref.subview"(%arg0) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 2, 1>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>) -> memref<2x2xf32, strided<[4, 1], offset: 9>>
// CHECK-NEXT: "memref.subview"(%arg0, %arg1) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>, index) -> memref<2x4xf32, strided<[4, 1], offset: ?>>
// CHECK-NEXT: "memref.subview"(%arg0) <{{.*}}> : (memref<8x4xf32>) -> memref<4xf32, strided<[1], offset: 12>>
// CHECK-NEXT: "memref.subview"(%arg0) <{{.*}}> : (memref<8x4xf32>) -> memref<2x4xf32, strided<[8, 1]>>
func.func @subviews(%m: memref<8x4xf32>, %i: index) {
  %a = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 2, 1>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>) -> memref<2x2xf32, strided<[4, 1], offset: 9>>
  %b = "memref.subview"(%m, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>, index) -> memref<2x4xf32, strided<[4, 1], offset: ?>>
  %row = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 0>, static_sizes = array<i64: 1, 4>, static_strides = array<i64: 1, 1>}> : (memref<8x4xf32>) -> memref<4xf32, strided<[1], offset: 12>>
  %even = "memref.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 2, 1>}> : (memref<8x4xf32>) -> memref<2x4xf32, strided<[8, 1]>>
  "test.side_effect"(%a, %b, %row, %even) : (memref<2x2xf32, strided<[4, 1], offset: 9>>, memref<2x4xf32, strided<[4, 1], offset: ?>>, memref<4xf32, strided<[1], offset: 12>>, memref<2x4xf32, strided<[8, 1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @reshapes_casts
// CHECK: "memref.collapse_shape"(%arg0) <{reassociation = {{\[\[}}0, 1], [2]]}> : (memref<2x3x4xf32>) -> memref<6x4xf32>
// CHECK-NEXT: "memref.expand_shape"(%{{.*}}) <{reassociation = {{\[\[}}0, 1], [2]], static_output_shape = array<i64: 3, 2, 4>}> : (memref<6x4xf32>) -> memref<3x2x4xf32>
// CHECK-NEXT: "memref.expand_shape"(%arg1) <{reassociation = {{\[\[}}0, 1]], static_output_shape = array<i64: 2, 2>}> : (memref<4xf32, strided<[1], offset: 12>>) -> memref<2x2xf32, strided<[2, 1], offset: 12>>
// CHECK-NEXT: "memref.collapse_shape"(%arg2) <{reassociation = {{\[\[}}0, 1]]}> : (memref<2x4xf32, strided<[4, 1], offset: ?>>) -> memref<8xf32, strided<[1], offset: ?>>
// CHECK-NEXT: "memref.cast"(%arg2) : (memref<2x4xf32, strided<[4, 1], offset: ?>>) -> memref<?x4xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: "memref.cast"(%arg0) : (memref<2x3x4xf32>) -> memref<*xf32>
// CHECK-NEXT: "memref.get_global"() <{name = @weights}> : () -> memref<2xf32>
func.func @reshapes_casts(%m: memref<2x3x4xf32>, %row: memref<4xf32, strided<[1], offset: 12>>, %s: memref<2x4xf32, strided<[4, 1], offset: ?>>) {
  %c = "memref.collapse_shape"(%m) <{reassociation = [[0, 1], [2]]}> : (memref<2x3x4xf32>) -> memref<6x4xf32>
  %e = "memref.expand_shape"(%c) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 3, 2, 4>}> : (memref<6x4xf32>) -> memref<3x2x4xf32>
  %r = "memref.expand_shape"(%row) <{reassociation = [[0, 1]], static_output_shape = array<i64: 2, 2>}> : (memref<4xf32, strided<[1], offset: 12>>) -> memref<2x2xf32, strided<[2, 1], offset: 12>>
  %f = "memref.collapse_shape"(%s) <{reassociation = [[0, 1]]}> : (memref<2x4xf32, strided<[4, 1], offset: ?>>) -> memref<8xf32, strided<[1], offset: ?>>
  %d = "memref.cast"(%s) : (memref<2x4xf32, strided<[4, 1], offset: ?>>) -> memref<?x4xf32, strided<[?, ?], offset: ?>>
  %u = "memref.cast"(%m) : (memref<2x3x4xf32>) -> memref<*xf32>
  %g = "memref.get_global"() <{name = @weights}> : () -> memref<2xf32>
  "test.side_effect"(%e, %r, %f, %d, %u, %g) : (memref<3x2x4xf32>, memref<2x2xf32, strided<[2, 1], offset: 12>>, memref<8xf32, strided<[1], offset: ?>>, memref<?x4xf32, strided<[?, ?], offset: ?>>, memref<*xf32>, memref<2xf32>) -> ()
  return
}
