// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @generic_broadcast_add
// CHECK: %[[R:.*]] = "linalg.generic"(%arg0, %arg1, %arg2) <{indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = "arith.addf"(%[[X]], %[[Y]]) : (f32, f32) -> f32
// CHECK-NEXT: "linalg.yield"(%[[S]]) : (f32) -> ()
// CHECK-NEXT: }) : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC-LABEL: sym_name = "generic_broadcast_add"
// GENERIC: "linalg.generic"(%arg0, %arg1, %arg2) <{indexing_maps = [#map, #map1, #map], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
func.func @generic_broadcast_add(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %init: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = "linalg.generic"(%a, %b, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = "arith.addf"(%x, %y) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @generic_row_sum_memref
// CHECK: "linalg.generic"(%arg0, %arg1) <{doc = "row sums", indexing_maps = [#[[ID]], #{{.*}}], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], library_call = "row_sum", operandSegmentSizes = array<i32: 1, 1>}> ({
// CHECK: %[[I:.*]] = "linalg.index"() <{dim = 1 : i64}> : () -> index
// CHECK: }) : (memref<2x3xi32>, memref<2xi32>) -> ()
func.func @generic_row_sum_memref(%a: memref<2x3xi32>, %out: memref<2xi32>) {
  "linalg.generic"(%a, %out) <{doc = "row sums", indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], library_call = "row_sum", operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: i32, %acc: i32):
    %i = "linalg.index"() <{dim = 1 : i64}> : () -> index
    %c = "arith.index_cast"(%i) : (index) -> i32
    %m = "arith.muli"(%x, %c) : (i32, i32) -> i32
    %s = "arith.addi"(%acc, %m) : (i32, i32) -> i32
    "linalg.yield"(%s) : (i32) -> ()
  }) : (memref<2x3xi32>, memref<2xi32>) -> ()
  return
}

// CHECK-LABEL: func.func @named
// CHECK: "linalg.fill"(%arg3, %arg2) <{operandSegmentSizes = array<i32: 1, 1>}> ({
// CHECK: "linalg.matmul"(%arg0, %arg1, %{{.*}}) <{operandSegmentSizes = array<i32: 2, 1>}> ({
// CHECK: }) {linalg.memoized_indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}]} : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
// CHECK: "linalg.transpose"(%{{.*}}, %arg4) <{permutation = array<i64: 1, 0>}> ({
// CHECK: "linalg.broadcast"(%{{.*}}, %arg5) <{dimensions = array<i64: 0>}> ({
// CHECK: "linalg.reduce"(%{{.*}}, %{{.*}}) <{dimensions = array<i64: 1>, operandSegmentSizes = array<i32: 1, 1>}> ({
// CHECK: "arith.maximumf"
// CHECK: "linalg.map"(%{{.*}}, %{{.*}}, %{{.*}}) ({
// GENERIC-LABEL: sym_name = "named"
// GENERIC: "linalg.matmul"(%arg0, %arg1, %{{.*}}) <{operandSegmentSizes = array<i32: 2, 1>}> ({
func.func @named(%a: tensor<4x8xf32>, %b: tensor<8x2xf32>, %c: tensor<4x2xf32>, %zero: f32, %t: tensor<2x4xf32>, %bc: tensor<3x2x4xf32>, %red: tensor<2xf32>) -> (tensor<3x2x4xf32>, tensor<2xf32>, tensor<2x4xf32>) {
  %f = "linalg.fill"(%zero, %c) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<4x2xf32>) -> tensor<4x2xf32>
  %m = "linalg.matmul"(%a, %b, %f) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) {linalg.memoized_indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>]} : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %tr = "linalg.transpose"(%m, %t) <{permutation = array<i64: 1, 0>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (tensor<4x2xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %br = "linalg.broadcast"(%tr, %bc) <{dimensions = array<i64: 0>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (tensor<2x4xf32>, tensor<3x2x4xf32>) -> tensor<3x2x4xf32>
  %rd = "linalg.reduce"(%tr, %red) <{dimensions = array<i64: 1>, operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %acc: f32):
    %mx = "arith.maximumf"(%in, %acc) : (f32, f32) -> f32
    "linalg.yield"(%mx) : (f32) -> ()
  }) : (tensor<2x4xf32>, tensor<2xf32>) -> tensor<2xf32>
  %mp = "linalg.map"(%tr, %tr, %t) ({
  ^bb0(%x: f32, %y: f32):
    %s = "arith.subf"(%x, %y) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %br, %rd, %mp : tensor<3x2x4xf32>, tensor<2xf32>, tensor<2x4xf32>
}

// CHECK-LABEL: func.func @batch_matmul_memref
// CHECK: "linalg.batch_matmul"(%arg0, %arg1, %arg2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
// CHECK: }) : (memref<2x3x4xi32>, memref<2x4x5xi32>, memref<2x3x5xi32>) -> ()
func.func @batch_matmul_memref(%a: memref<2x3x4xi32>, %b: memref<2x4x5xi32>, %c: memref<2x3x5xi32>) {
  "linalg.batch_matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: i32, %y: i32, %acc: i32):
    %p = "arith.muli"(%x, %y) : (i32, i32) -> i32
    %s = "arith.addi"(%acc, %p) : (i32, i32) -> i32
    "linalg.yield"(%s) : (i32) -> ()
  }) : (memref<2x3x4xi32>, memref<2x4x5xi32>, memref<2x3x5xi32>) -> ()
  return
}
