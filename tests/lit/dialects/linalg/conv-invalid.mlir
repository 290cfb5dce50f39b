// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @input_too_small(%x: tensor<1x8x9x3xf32>, %w: tensor<3x3x3x8xf32>, %o: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  // expected-error @+1 {{inferred input/output operand #0 has shape's dimension #1 to be greater than or equal to 9, but found 8}}
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %o) <{operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%c, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<1x8x9x3xf32>, tensor<3x3x3x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %r : tensor<1x4x4x8xf32>
}

// -----

func.func @channels(%x: tensor<1x4x4x3xf32>, %w: tensor<2x2x5x8xf32>, %o: tensor<1x3x3x8xf32>) -> tensor<1x3x3x8xf32> {
  // expected-error @+1 {{inferred input/output operand #1 has shape's dimension #2 to be 3, but found 5}}
  %r = "linalg.conv_2d_nhwc_hwcf"(%x, %w, %o) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = "arith.mulf"(%a, %b) : (f32, f32) -> f32
    %s = "arith.addf"(%c, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<1x4x4x3xf32>, tensor<2x2x5x8xf32>, tensor<1x3x3x8xf32>) -> tensor<1x3x3x8xf32>
  return %r : tensor<1x3x3x8xf32>
}

// -----

func.func @stride_zero(%x: tensor<1x4x4x1xf32>, %win: tensor<2x2xf32>, %o: tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32> {
  // expected-error @+1 {{expected strides to be positive, got [0, 1]}}
  %r = "linalg.pooling_nhwc_sum"(%x, %win, %o) <{operandSegmentSizes = array<i32: 2, 1>, strides = dense<[0, 1]> : tensor<2xi64>}> ({
  ^bb0(%in: f32, %w: f32, %out: f32):
    %0 = "arith.addf"(%out, %in) : (f32, f32) -> f32
    "linalg.yield"(%0) : (f32) -> ()
  }) : (tensor<1x4x4x1xf32>, tensor<2x2xf32>, tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32>
  return %r : tensor<1x3x3x1xf32>
}

// -----

func.func @strides_shape(%x: tensor<1x4x4x1xf32>, %win: tensor<2x2xf32>, %o: tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32> {
  // expected-error @+1 {{64-bit signless int elements attribute of shape [2]}}
  %r = "linalg.pooling_nhwc_max"(%x, %win, %o) <{operandSegmentSizes = array<i32: 2, 1>, strides = dense<1> : tensor<3xi64>}> ({
  ^bb0(%in: f32, %w: f32, %out: f32):
    %0 = "arith.maximumf"(%out, %in) : (f32, f32) -> f32
    "linalg.yield"(%0) : (f32) -> ()
  }) : (tensor<1x4x4x1xf32>, tensor<2x2xf32>, tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32>
  return %r : tensor<1x3x3x1xf32>
}

// -----

func.func @window_rank(%x: tensor<1x4x4x1xf32>, %win: tensor<2xf32>, %o: tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32> {
  // expected-error @+1 {{expected operand rank (1) to match the result rank of indexing_map #1 (2)}}
  %r = "linalg.pooling_nhwc_max"(%x, %win, %o) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%in: f32, %w: f32, %out: f32):
    %0 = "arith.maximumf"(%out, %in) : (f32, f32) -> f32
    "linalg.yield"(%0) : (f32) -> ()
  }) : (tensor<1x4x4x1xf32>, tensor<2xf32>, tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32>
  return %r : tensor<1x3x3x1xf32>
}

// -----

func.func @operands(%x: tensor<1x4x4x1xf32>, %o: tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32> {
  // expected-error @+1 {{expected two inputs and one output}}
  %r = "linalg.pooling_nhwc_max"(%x, %o) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    %0 = "arith.maximumf"(%out, %in) : (f32, f32) -> f32
    "linalg.yield"(%0) : (f32) -> ()
  }) : (tensor<1x4x4x1xf32>, tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32>
  return %r : tensor<1x3x3x1xf32>
}
