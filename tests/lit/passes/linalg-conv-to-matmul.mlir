// RUN: tfc-opt %s -split-input-file -linalg-conv-to-matmul | FileCheck %s

// A strided, dilated 3x3 conv over a dynamic batch: the im2col copy reads each window into a
// [N, OH, OW, KH, KW, C] tensor (its row-major layout is the patch matrix), the patches, filter
// and init collapse to 2-D, one matmul accumulates into the init and the result expands back.
// CHECK-DAG: #[[READ:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 + d4 * 2, d5)>
// CHECK-DAG: #[[ID6:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
// CHECK-LABEL: func.func @strided(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x9x9x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x3x3x8xf32>, %[[INIT:[a-z0-9]+]]: tensor<?x4x5x8xf32>
// CHECK: %[[N:.*]] = "tensor.dim"(%[[INIT]], %{{.*}})
// CHECK: %[[E:.*]] = "tensor.empty"(%[[N]]) : (index) -> tensor<?x4x5x3x3x3xf32>
// CHECK: %[[P:.*]] = "linalg.generic"(%[[X]], %[[E]]) <{indexing_maps = [#[[READ]], #[[ID6]]], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>]
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: "linalg.yield"(%[[IN]])
// CHECK: %[[A:.*]] = "tensor.collapse_shape"(%[[P]]) <{reassociation = {{\[\[}}0, 1, 2], [3, 4, 5]]}> : (tensor<?x4x5x3x3x3xf32>) -> tensor<?x27xf32>
// CHECK: %[[B:.*]] = "tensor.collapse_shape"(%[[W]]) <{reassociation = {{\[\[}}0, 1, 2], [3]]}> : (tensor<3x3x3x8xf32>) -> tensor<27x8xf32>
// CHECK: %[[C:.*]] = "tensor.collapse_shape"(%[[INIT]]) <{reassociation = {{\[\[}}0, 1, 2], [3]]}> : (tensor<?x4x5x8xf32>) -> tensor<?x8xf32>
// CHECK: %[[M:.*]] = "linalg.matmul"(%[[A]], %[[B]], %[[C]])
// CHECK: (tensor<?x27xf32>, tensor<27x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
// CHECK: %[[R:.*]] = "tensor.expand_shape"(%[[M]], %[[N]]) <{reassociation = {{\[\[}}0, 1, 2], [3]], static_output_shape = array<i64: -9223372036854775808, 4, 5, 8>}> : (tensor<?x8xf32>, index) -> tensor<?x4x5x8xf32>
// CHECK-NOT: "linalg.conv_2d_nhwc_hwcf"
// CHECK: return %[[R]]
func.func @strided(%x: tensor<?x9x9x3xf32>, %w: tensor<3x3x3x8xf32>, %init: tensor<?x4x5x8xf32>) -> tensor<?x4x5x8xf32> {
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %init) <{dilations = dense<[1, 2]> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<[2, 1]> : tensor<2xi64>}> ({
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<?x9x9x3xf32>, tensor<3x3x3x8xf32>, tensor<?x4x5x8xf32>) -> tensor<?x4x5x8xf32>
  return %r : tensor<?x4x5x8xf32>
}

// -----

// A 1x1 kernel with stride 1 over an input as large as the output needs no copy: the input
// itself is the patch matrix.
// CHECK-LABEL: func.func @pointwise(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x7x7x16xf32>, %[[W:[a-z0-9]+]]: tensor<1x1x16x32xf32>, %[[INIT:[a-z0-9]+]]: tensor<2x7x7x32xf32>
// CHECK-NOT: "linalg.generic"
// CHECK: %[[A:.*]] = "tensor.collapse_shape"(%[[X]]) <{reassociation = {{\[\[}}0, 1, 2], [3]]}> : (tensor<2x7x7x16xf32>) -> tensor<98x16xf32>
// CHECK: %[[B:.*]] = "tensor.collapse_shape"(%[[W]]) {{.*}} -> tensor<16x32xf32>
// CHECK: %[[C:.*]] = "tensor.collapse_shape"(%[[INIT]]) {{.*}} -> tensor<98x32xf32>
// CHECK: %[[M:.*]] = "linalg.matmul"(%[[A]], %[[B]], %[[C]])
// CHECK: "tensor.expand_shape"(%[[M]]) <{reassociation = {{\[\[}}0, 1, 2], [3]], static_output_shape = array<i64: 2, 7, 7, 32>}> : (tensor<98x32xf32>) -> tensor<2x7x7x32xf32>
// CHECK-NOT: "linalg.generic"
func.func @pointwise(%x: tensor<2x7x7x16xf32>, %w: tensor<1x1x16x32xf32>, %init: tensor<2x7x7x32xf32>) -> tensor<2x7x7x32xf32> {
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %init) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x7x7x16xf32>, tensor<1x1x16x32xf32>, tensor<2x7x7x32xf32>) -> tensor<2x7x7x32xf32>
  return %r : tensor<2x7x7x32xf32>
}

// -----

// A 1x1 kernel reading only part of its input (the last row and column are ignored) still
// goes through the copy.
// CHECK-LABEL: func.func @pointwise_larger_input(
// CHECK: "linalg.generic"
// CHECK: }) : (tensor<1x5x5x3xf32>, tensor<1x4x4x1x1x3xf32>) -> tensor<1x4x4x1x1x3xf32>
// CHECK: "linalg.matmul"
func.func @pointwise_larger_input(%x: tensor<1x5x5x3xf32>, %w: tensor<1x1x3x4xf32>, %init: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %init) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<1x5x5x3xf32>, tensor<1x1x3x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %r : tensor<1x4x4x4xf32>
}

// -----

// Not f32, or not the standard body: left alone.
// CHECK-LABEL: func.func @left_alone(
// CHECK: "linalg.conv_2d_nhwc_hwcf"
// CHECK: "linalg.conv_2d_nhwc_hwcf"
// CHECK-NOT: "linalg.matmul"
func.func @left_alone(%x: tensor<1x6x6x2xf64>, %w: tensor<3x3x2x3xf64>, %init: tensor<1x4x4x3xf64>,
                      %y: tensor<1x6x6x2xf32>, %v: tensor<3x3x2x3xf32>, %init2: tensor<1x4x4x3xf32>) -> (tensor<1x4x4x3xf64>, tensor<1x4x4x3xf32>) {
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %init) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f64, %b: f64, %acc: f64):
    %m = "arith.mulf"(%a, %b) : (f64, f64) -> f64
    %s = "arith.addf"(%acc, %m) : (f64, f64) -> f64
    "linalg.yield"(%s) : (f64) -> ()
  }) : (tensor<1x6x6x2xf64>, tensor<3x3x2x3xf64>, tensor<1x4x4x3xf64>) -> tensor<1x4x4x3xf64>
  %q = "linalg.conv_2d_nhwc_hwcf"(%y, %v, %init2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = "arith.maximumf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<1x6x6x2xf32>, tensor<3x3x2x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  return %r, %q : tensor<1x4x4x3xf64>, tensor<1x4x4x3xf32>
}
