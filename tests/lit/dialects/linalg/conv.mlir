// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// The sliding-window named ops keep MLIR's names, operand order and properties (strides and
// dilations as dense<...> : tensor<2xi64>, omitted when they are the default 1s).

// CHECK-LABEL: func.func @conv
// CHECK: %[[R:.*]] = "linalg.conv_2d_nhwc_hwcf"(%arg0, %arg1, %arg2) <{dilations = dense<[1, 2]> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[C:.*]]: f32):
// CHECK-NEXT: %[[M:.*]] = "arith.mulf"(%[[A]], %[[B]]) : (f32, f32) -> f32
// CHECK-NEXT: %[[S:.*]] = "arith.addf"(%[[C]], %[[M]]) : (f32, f32) -> f32
// CHECK-NEXT: "linalg.yield"(%[[S]]) : (f32) -> ()
// CHECK-NEXT: }) : (tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32>, tensor<1x4x3x8xf32>) -> tensor<1x4x3x8xf32>
// GENERIC-LABEL: sym_name = "conv"
// GENERIC: "linalg.conv_2d_nhwc_hwcf"(%arg0, %arg1, %arg2) <{dilations = dense<[1, 2]> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
func.func @conv(%x: tensor<1x9x9x3xf32>, %w: tensor<3x3x3x8xf32>, %o: tensor<1x4x3x8xf32>) -> tensor<1x4x3x8xf32> {
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %o) <{dilations = dense<[1, 2]> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%c, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32>, tensor<1x4x3x8xf32>) -> tensor<1x4x3x8xf32>
  return %r : tensor<1x4x3x8xf32>
}

// Default strides and dilations; dynamic batch; the memoized maps are a discardable attribute.
// CHECK-LABEL: func.func @depthwise_dynamic
// CHECK: "linalg.depthwise_conv_2d_nhwc_hwc"(%arg0, %arg1, %arg2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
// CHECK: }) {linalg.memoized_indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}]} : (tensor<?x5x5x4xf32>, tensor<2x2x4xf32>, tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
func.func @depthwise_dynamic(%x: tensor<?x5x5x4xf32>, %w: tensor<2x2x4xf32>, %o: tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32> {
  %r = "linalg.depthwise_conv_2d_nhwc_hwc"(%x, %w, %o) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%c, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) {linalg.memoized_indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 + d5, d3)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5, d3)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>]} : (tensor<?x5x5x4xf32>, tensor<2x2x4xf32>, tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  return %r : tensor<?x4x4x4xf32>
}

// Pooling: the second input only gives the window's shape; max takes maximumf(out, in).
// CHECK-LABEL: func.func @pooling
// CHECK: %[[WIN:.*]] = "tensor.empty"() : () -> tensor<3x3xf32>
// CHECK: "linalg.pooling_nhwc_max"(%arg0, %[[WIN]], %arg1) <{operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT: "arith.maximumf"(%[[OUT]], %[[IN]])
// CHECK: "linalg.pooling_nhwc_sum"(%arg0, %[[WIN]], %arg1) <{operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
// CHECK: "arith.addf"
func.func @pooling(%x: tensor<2x7x7x3xf32>, %o: tensor<2x3x3x3xf32>) -> (tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>) {
  %win = "tensor.empty"() : () -> tensor<3x3xf32>
  %m = "linalg.pooling_nhwc_max"(%x, %win, %o) <{operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
  ^bb0(%in: f32, %w: f32, %out: f32):
    %0 = "arith.maximumf"(%out, %in) : (f32, f32) -> f32
    "linalg.yield"(%0) : (f32) -> ()
  }) : (tensor<2x7x7x3xf32>, tensor<3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<2x3x3x3xf32>
  %s = "linalg.pooling_nhwc_sum"(%x, %win, %o) <{operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
  ^bb0(%in: f32, %w: f32, %out: f32):
    %0 = "arith.addf"(%out, %in) : (f32, f32) -> f32
    "linalg.yield"(%0) : (f32) -> ()
  }) : (tensor<2x7x7x3xf32>, tensor<3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<2x3x3x3xf32>
  return %m, %s : tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>
}

// On memrefs the ops have no results and write their init in place.
// CHECK-LABEL: func.func @pooling_memref
// CHECK: "linalg.pooling_nhwc_max"(%arg0, %arg1, %arg2) <{operandSegmentSizes = array<i32: 2, 1>}> ({
// CHECK: }) : (memref<1x4x4x2xi32>, memref<2x2xi32>, memref<1x3x3x2xi32>) -> ()
func.func @pooling_memref(%x: memref<1x4x4x2xi32>, %win: memref<2x2xi32>, %o: memref<1x3x3x2xi32>) {
  "linalg.pooling_nhwc_max"(%x, %win, %o) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%in: i32, %w: i32, %out: i32):
    %0 = "arith.maxsi"(%out, %in) : (i32, i32) -> i32
    "linalg.yield"(%0) : (i32) -> ()
  }) : (memref<1x4x4x2xi32>, memref<2x2xi32>, memref<1x3x3x2xi32>) -> ()
  return
}
