// RUN: tfc-opt %s -split-input-file -tf-to-linalg -linalg-fuse-elementwise -canonicalize | FileCheck %s

// Five chained elementwise ops (with broadcasts) become one linalg.generic; x, read by two of
// them through the same map, is read once.
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[SCALAR:map[0-9]*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @chain(
// CHECK: "linalg.generic"(%arg0, %arg1, %arg2, %{{.*}}) <{indexing_maps = [#[[ID]], #[[ROW]], #[[SCALAR]], #[[ID]]]
// CHECK: "math.tanh"
// CHECK: "arith.mulf"
// CHECK: "arith.addf"
// CHECK: "arith.maximumf"
// CHECK: "arith.addf"
// CHECK: "linalg.yield"
// CHECK-NOT: "linalg.generic"
func.func @chain(%x: tensor<?x16xf32>, %a: tensor<16xf32>, %b: tensor<f32>) -> tensor<?x16xf32> {
  %0 = "tf.Mul"(%x, %a) : (tensor<?x16xf32>, tensor<16xf32>) -> tensor<?x16xf32>
  %1 = "tf.AddV2"(%0, %b) : (tensor<?x16xf32>, tensor<f32>) -> tensor<?x16xf32>
  %2 = "tf.Relu"(%1) : (tensor<?x16xf32>) -> tensor<?x16xf32>
  %3 = "tf.Tanh"(%x) : (tensor<?x16xf32>) -> tensor<?x16xf32>
  %4 = "tf.AddV2"(%2, %3) : (tensor<?x16xf32>, tensor<?x16xf32>) -> tensor<?x16xf32>
  return %4 : tensor<?x16xf32>
}

// -----

// A producer with two users stays (fusing it would compute it twice).
// CHECK-LABEL: func.func @shared(
// CHECK: "math.exp"
// CHECK-NOT: "math.exp"
// CHECK: return
func.func @shared(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = "tf.Exp"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %a = "tf.AddV2"(%e, %x) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %b = "tf.AddV2"(%e, %e) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %a, %b : tensor<8xf32>, tensor<8xf32>
}

// -----

// A transposed producer is read through the inverse of its output map.
// CHECK-DAG: #[[T:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @permuted(
// CHECK: "linalg.generic"(%arg0, %arg1, %{{.*}}) <{indexing_maps = [#[[T]], #{{.*}}, #{{.*}}]
// CHECK: "math.exp"
// CHECK: "arith.mulf"
#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
func.func @permuted(%x: tensor<3x4xf32>, %y: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %e0 = "tensor.empty"() : () -> tensor<4x3xf32>
  %p = "linalg.generic"(%x, %e0) <{indexing_maps = [#id, #t], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    %v = "math.exp"(%in) : (f32) -> f32
    "linalg.yield"(%v) : (f32) -> ()
  }) : (tensor<3x4xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %e1 = "tensor.empty"() : () -> tensor<4x3xf32>
  %r = "linalg.generic"(%p, %y, %e1) <{indexing_maps = [#id, #id, #id], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %out: f32):
    %v = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    "linalg.yield"(%v) : (f32) -> ()
  }) : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

// An elementwise producer fuses into a reduction: sum(square(x)) is one reduction.
// CHECK-LABEL: func.func @sum_of_squares(
// CHECK: "linalg.generic"(%arg0, %{{.*}}) <{{.*}}iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>]
// CHECK: "arith.mulf"
// CHECK: "arith.addf"
// CHECK-NOT: "linalg.generic"
#in = affine_map<(d0, d1) -> (d0, d1)>
#out = affine_map<(d0, d1) -> (d0)>
func.func @sum_of_squares(%x: tensor<3x4xf32>, %init: tensor<3xf32>) -> tensor<3xf32> {
  %sq = "tf.Square"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %r = "linalg.generic"(%sq, %init) <{indexing_maps = [#in, #out], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%a: f32, %acc: f32):
    %s = "arith.addf"(%acc, %a) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// A bias added to a zero-initialized matmul becomes the matmul's initial accumulator.
// CHECK-LABEL: func.func @bias(
// CHECK-NOT: "linalg.fill"
// CHECK: %[[B:.*]] = "linalg.generic"(%arg2, %{{.*}})
// CHECK: %[[M:.*]] = "linalg.matmul"(%arg0, %arg1, %[[B]])
// CHECK: return %[[M]]
func.func @bias(%a: tensor<4x8xf32>, %b: tensor<8x2xf32>, %bias: tensor<2xf32>) -> tensor<4x2xf32> {
  %zero = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
  %e = "tensor.empty"() : () -> tensor<4x2xf32>
  %f = "linalg.fill"(%zero, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<4x2xf32>) -> tensor<4x2xf32>
  %m = "linalg.matmul"(%a, %b, %f) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %r = "tf.AddV2"(%m, %bias) : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

// A bias defined after the matmul: the matmul moves down to the add, after the bias.
// CHECK-LABEL: func.func @late_bias(
// CHECK: %[[BIAS:.*]] = "test.op"(%arg2)
// CHECK: %[[B:.*]] = "linalg.generic"(%[[BIAS]], %{{.*}})
// CHECK: "linalg.matmul"(%arg0, %arg1, %[[B]])
func.func @late_bias(%a: tensor<4x8xf32>, %b: tensor<8x2xf32>, %bias0: tensor<2xf32>) -> tensor<4x2xf32> {
  %zero = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
  %e = "tensor.empty"() : () -> tensor<4x2xf32>
  %f = "linalg.fill"(%zero, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<4x2xf32>) -> tensor<4x2xf32>
  %m = "linalg.matmul"(%a, %b, %f) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %bias = "test.op"(%bias0) : (tensor<2xf32>) -> tensor<2xf32>
  %r = "tf.AddV2"(%m, %bias) : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}
