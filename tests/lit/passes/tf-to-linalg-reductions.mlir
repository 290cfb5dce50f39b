// RUN: tfc-opt %s -tf-to-linalg | FileCheck %s
// RUN: tfc-opt %s -split-input-file --pass-pipeline='builtin.module(tf-to-linalg{strict=true})' -verify-diagnostics

// CHECK-DAG: #[[ID1:map[0-9]*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID2:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>

// A reduction is a linalg.reduce over a filled init of the kept dims; negative axes count from
// the end; keep_dims puts the reduced dims back (size 1) with a tensor.expand_shape.
// CHECK-LABEL: func.func @sum_keep_dims(
// CHECK: %[[D:.*]] = "tensor.dim"(%arg0, %{{.*}}) : (tensor<?x4x5xf32>, index) -> index
// CHECK: %[[E:.*]] = "tensor.empty"(%[[D]]) : (index) -> tensor<?xf32>
// CHECK: %[[ZERO:.*]] = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
// CHECK: %[[INIT:.*]] = "linalg.fill"(%[[ZERO]], %[[E]])
// CHECK: %[[SUM:.*]] = "linalg.reduce"(%arg0, %[[INIT]]) <{dimensions = array<i64: 1, 2>
// CHECK: "arith.addf"
// CHECK: "tensor.expand_shape"(%[[SUM]], %{{.*}}) <{reassociation = {{\[\[}}0, 1, 2]], static_output_shape = array<i64: -9223372036854775808, 1, 1>}> : (tensor<?xf32>, index) -> tensor<?x1x1xf32>
// CHECK-NOT: "tf.Sum"
func.func @sum_keep_dims(%x: tensor<?x4x5xf32>) -> tensor<?x1x1xf32> {
  %axes = "tf.Const"() <{value = dense<[-1, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %r = "tf.Sum"(%x, %axes) <{keep_dims = true}> : (tensor<?x4x5xf32>, tensor<2xi32>) -> tensor<?x1x1xf32>
  return %r : tensor<?x1x1xf32>
}

// Max starts from -inf and Min of integers from the largest value.
// CHECK-LABEL: func.func @max_min(
// CHECK: "arith.constant"() <{value = 0xFF800000 : f32}>
// CHECK: "arith.maximumf"
// CHECK: "arith.constant"() <{value = 2147483647 : i32}>
// CHECK: "arith.minsi"
func.func @max_min(%x: tensor<3x4xf32>, %i: tensor<3x4xi32>) -> (tensor<4xf32>, tensor<3xi32>) {
  %a0 = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %a1 = "tf.Const"() <{value = dense<1> : tensor<1xi64>}> : () -> tensor<1xi64>
  %m = "tf.Max"(%x, %a0) : (tensor<3x4xf32>, tensor<i32>) -> tensor<4xf32>
  %n = "tf.Min"(%i, %a1) : (tensor<3x4xi32>, tensor<1xi64>) -> tensor<3xi32>
  return %m, %n : tensor<4xf32>, tensor<3xi32>
}

// Mean divides the sum by the number of reduced elements, read at run time for dynamic dims.
// CHECK-LABEL: func.func @mean_dynamic(
// CHECK: %[[SUM:.*]] = "linalg.reduce"(%arg0, %{{.*}}) <{dimensions = array<i64: 0>
// CHECK: %[[N:.*]] = "tensor.dim"(%arg0, %{{.*}}) : (tensor<?x8xf32>, index) -> index
// CHECK: %[[NI:.*]] = "arith.index_cast"(%{{.*}}) : (index) -> i64
// CHECK: %[[NF:.*]] = "arith.sitofp"(%[[NI]]) : (i64) -> f32
// CHECK: "linalg.generic"(%[[SUM]], %{{.*}})
// CHECK: "arith.divf"(%{{.*}}, %[[NF]])
func.func @mean_dynamic(%x: tensor<?x8xf32>) -> tensor<8xf32> {
  %axes = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %r = "tf.Mean"(%x, %axes) : (tensor<?x8xf32>, tensor<i32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// ArgMax carries (best value, its index) through one generic with a reduction iterator: a
// value replaces the best when greater, or when it is the first NaN (ugt, and the best is
// ordered); the index is linalg.index of the reduced dim.
// CHECK-LABEL: func.func @argmax(
// CHECK: %{{.*}}:2 = "linalg.generic"(%arg0, %{{.*}}, %{{.*}}) <{indexing_maps = [#[[ID2]], #[[ROW]], #[[ROW]]], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>]
// CHECK: "arith.cmpf"(%{{.*}}, %{{.*}}) <{predicate = 9 : i64}>
// CHECK: "arith.cmpf"(%{{.*}}, %{{.*}}) <{predicate = 7 : i64}>
// CHECK: %[[I:.*]] = "linalg.index"() <{dim = 1 : i64}> : () -> index
// CHECK: "arith.index_cast"(%[[I]]) : (index) -> i32
// CHECK: return %{{.*}}#1 : tensor<?xi32>
func.func @argmax(%x: tensor<?x10xf32>) -> tensor<?xi32> {
  %d = "tf.Const"() <{value = dense<-1> : tensor<i32>}> : () -> tensor<i32>
  %r = "tf.ArgMax"(%x, %d) <{output_type = i32}> : (tensor<?x10xf32>, tensor<i32>) -> tensor<?xi32>
  return %r : tensor<?xi32>
}

// Softmax subtracts the row max before exponentiating, then divides by the row sum.
// CHECK-LABEL: func.func @softmax(
// CHECK: %[[MAX:.*]] = "linalg.reduce"(%arg0, %{{.*}}) <{dimensions = array<i64: 1>
// CHECK: "arith.maximumf"
// CHECK: %[[EXP:.*]] = "linalg.generic"(%arg0, %[[MAX]], %{{.*}}) <{indexing_maps = [#[[ID2]], #[[ROW]], #[[ID2]]]
// CHECK: "arith.subf"
// CHECK: "math.exp"
// CHECK: %[[SUM:.*]] = "linalg.reduce"(%[[EXP]], %{{.*}}) <{dimensions = array<i64: 1>
// CHECK: "linalg.generic"(%[[EXP]], %[[SUM]], %{{.*}})
// CHECK: "arith.divf"
func.func @softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %r = "tf.Softmax"(%x) : (tensor<?x10xf32>) -> tensor<?x10xf32>
  return %r : tensor<?x10xf32>
}

// The sparse cross entropy has two results: the loss (a row reduction against the one-hot of
// the label, built from linalg.index) and backprop = softmax - one_hot.
// CHECK-LABEL: func.func @sparse_xent(
// CHECK: %[[LOSS:.*]] = "linalg.generic"(%arg0, %arg1, {{.*}}iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>]
// CHECK: "linalg.index"() <{dim = 1 : i64}>
// CHECK: "arith.cmpi"(%{{.*}}, %{{.*}}) <{predicate = 0 : i64}> : (i32, i32) -> i1
// CHECK: %[[BP:.*]] = "linalg.generic"(%arg0, %arg1, {{.*}}iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>]
// CHECK: "math.exp"
// CHECK: "arith.divf"
// CHECK: return %[[LOSS]], %[[BP]] : tensor<?xf32>, tensor<?x10xf32>
func.func @sparse_xent(%f: tensor<?x10xf32>, %l: tensor<?xi32>) -> (tensor<?xf32>, tensor<?x10xf32>) {
  %loss, %bp = "tf.SparseSoftmaxCrossEntropyWithLogits"(%f, %l) : (tensor<?x10xf32>, tensor<?xi32>) -> (tensor<?xf32>, tensor<?x10xf32>)
  return %loss, %bp : tensor<?xf32>, tensor<?x10xf32>
}

// -----

// Axes that are not constant: the op stays (not strict) or is an error at the op (strict).
// CHECK-LABEL: func.func @axes_fed(
// CHECK: "tf.Sum"(%arg0, %arg1)
func.func @axes_fed(%x: tensor<2x3xf32>, %axes: tensor<1xi32>) -> tensor<?x?xf32> {
  // expected-error@+1 {{op 'tf.Sum' is not supported by the CPU backend: reduction axes are not a constant}}
  %r = "tf.Sum"(%x, %axes) <{keep_dims = true}> : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
