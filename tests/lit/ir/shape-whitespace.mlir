// MLIR allows whitespace around the x of dimension lists.
// RUN: tfc-opt %s | FileCheck %s

// CHECK: "test.op"() : () -> (tensor<2x?x3xf32>, memref<2x32xf32>, vector<[4]x2xf32>)
%0:3 = "test.op"() : () -> (tensor<2 x ? x 3 x f32>, memref<2 x 32 x f32>, vector<[4] x 2 x f32>)
