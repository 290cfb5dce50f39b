// RUN: tfc-opt %s -split-input-file -tf-to-linalg | FileCheck %s
// RUN: tfc-opt %s -split-input-file --pass-pipeline='builtin.module(tf-to-linalg{strict=true})' -verify-diagnostics > %t

// MatMul: a transposed operand is materialized by linalg.transpose, then a plain linalg.matmul
// accumulates into a zero-filled init whose dynamic size comes from tensor.dim.
// CHECK-LABEL: func.func @matmul_transpose_b(
// CHECK: %[[T0:.*]] = "tensor.empty"() : () -> tensor<3x4xf32>
// CHECK: %[[BT:.*]] = "linalg.transpose"(%arg1, %[[T0]]) <{permutation = array<i64: 1, 0>}>
// CHECK: %[[M:.*]] = "tensor.dim"(%arg0, %{{.*}}) : (tensor<?x3xf32>, index) -> index
// CHECK: %[[E:.*]] = "tensor.empty"(%[[M]]) : (index) -> tensor<?x4xf32>
// CHECK: %[[Z:.*]] = "arith.constant"() <{value = 0.000000e+00 : f32}>
// CHECK: %[[C:.*]] = "linalg.fill"(%[[Z]], %[[E]])
// CHECK: %[[R:.*]] = "linalg.matmul"(%arg0, %[[BT]], %[[C]])
// CHECK: return %[[R]] : tensor<?x4xf32>
// CHECK-NOT: "tf.
func.func @matmul_transpose_b(%a: tensor<?x3xf32>, %b: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %r = "tf.MatMul"(%a, %b) <{transpose_b = true}> : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// -----

// BatchMatMulV2 with broadcasting: both operands are materialized at the result's batch
// shape (x's size-1 dim reads index 0; y gains the leading dim), the batch dims collapse into
// one, linalg.batch_matmul, expand back.
// CHECK-DAG: #[[XB:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
// CHECK-DAG: #[[YB:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-LABEL: func.func @batch_matmul_broadcast(
// CHECK: %[[B:.*]] = "tensor.dim"(%arg0, %{{.*}}) : (tensor<?x1x5x3xf32>, index) -> index
// CHECK: %[[X:.*]] = "linalg.generic"(%arg0, %{{.*}}) <{indexing_maps = [#[[XB]], #{{.*}}]
// CHECK: }) : (tensor<?x1x5x3xf32>, tensor<?x2x5x3xf32>) -> tensor<?x2x5x3xf32>
// CHECK: %[[Y:.*]] = "linalg.generic"(%arg1, %{{.*}}) <{indexing_maps = [#[[YB]], #{{.*}}]
// CHECK: }) : (tensor<2x3x4xf32>, tensor<?x2x3x4xf32>) -> tensor<?x2x3x4xf32>
// CHECK: %[[X2:.*]] = "tensor.collapse_shape"(%[[X]]) <{reassociation = {{\[\[}}0, 1], [2], [3]]}> : (tensor<?x2x5x3xf32>) -> tensor<?x5x3xf32>
// CHECK: %[[Y2:.*]] = "tensor.collapse_shape"(%[[Y]]) <{reassociation = {{\[\[}}0, 1], [2], [3]]}> : (tensor<?x2x3x4xf32>) -> tensor<?x3x4xf32>
// CHECK: %[[C:.*]] = "linalg.fill"
// CHECK: %[[P:.*]] = "linalg.batch_matmul"(%[[X2]], %[[Y2]], %[[C]])
// CHECK: %[[R:.*]] = "tensor.expand_shape"(%[[P]], %[[B]]) <{reassociation = {{\[\[}}0, 1], [2], [3]], static_output_shape = array<i64: -9223372036854775808, 2, 5, 4>}> : (tensor<?x5x4xf32>, index) -> tensor<?x2x5x4xf32>
// CHECK: return %[[R]]
func.func @batch_matmul_broadcast(%x: tensor<?x1x5x3xf32>, %y: tensor<2x3x4xf32>) -> tensor<?x2x5x4xf32> {
  %r = "tf.BatchMatMulV2"(%x, %y) : (tensor<?x1x5x3xf32>, tensor<2x3x4xf32>) -> tensor<?x2x5x4xf32>
  return %r : tensor<?x2x5x4xf32>
}

// -----

// A y without batch dims (or only static 1s): one linalg.matmul over x collapsed to
// (batch * m, k).
// CHECK-LABEL: func.func @batch_matmul_unbatched_rhs(
// CHECK: %[[YT:.*]] = "linalg.transpose"(%arg1, %{{.*}}) <{permutation = array<i64: 1, 0>}>
// CHECK: %[[X2:.*]] = "tensor.collapse_shape"(%arg0) <{reassociation = {{\[\[}}0, 1], [2]]}> : (tensor<?x5x3xf32>) -> tensor<?x3xf32>
// CHECK: %[[P:.*]] = "linalg.matmul"(%[[X2]], %[[YT]], %{{.*}})
// CHECK-NOT: linalg.batch_matmul
// CHECK: "tensor.expand_shape"(%[[P]], %{{.*}}) <{reassociation = {{\[\[}}0, 1], [2]], static_output_shape = array<i64: -9223372036854775808, 5, 4>}>
// CHECK-LABEL: func.func @batch_matmul_unit_batch_rhs(
// CHECK: %[[Y:.*]] = "tensor.collapse_shape"(%arg1) <{reassociation = {{\[\[}}0, 1], [2]]}> : (tensor<1x3x4xf32>) -> tensor<3x4xf32>
// CHECK: %[[X:.*]] = "tensor.collapse_shape"(%arg0) <{reassociation = {{\[\[}}0, 1, 2], [3]]}> : (tensor<?x2x5x3xf32>) -> tensor<?x3xf32>
// CHECK: "linalg.matmul"(%[[X]], %[[Y]], %{{.*}})
// CHECK-NOT: linalg.batch_matmul
func.func @batch_matmul_unbatched_rhs(%x: tensor<?x5x3xf32>, %y: tensor<4x3xf32>) -> tensor<?x5x4xf32> {
  %r = "tf.BatchMatMulV2"(%x, %y) <{adj_y = true}> : (tensor<?x5x3xf32>, tensor<4x3xf32>) -> tensor<?x5x4xf32>
  return %r : tensor<?x5x4xf32>
}
func.func @batch_matmul_unit_batch_rhs(%x: tensor<?x2x5x3xf32>, %y: tensor<1x3x4xf32>) -> tensor<?x2x5x4xf32> {
  %r = "tf.BatchMatMulV2"(%x, %y) : (tensor<?x2x5x3xf32>, tensor<1x3x4xf32>) -> tensor<?x2x5x4xf32>
  return %r : tensor<?x2x5x4xf32>
}

// -----

// BiasAdd: the bias is read through the channel dim (last for NHWC, 1 for NCHW).
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[LAST:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[SECOND:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @bias_add(
// CHECK: "linalg.generic"(%arg0, %arg1, %{{.*}}) <{indexing_maps = [#[[ID]], #[[LAST]], #[[ID]]]
// CHECK: "arith.addf"
// CHECK: "linalg.generic"(%arg2, %arg3, %{{.*}}) <{indexing_maps = [#[[ID]], #[[SECOND]], #[[ID]]]
// CHECK: "arith.addf"
func.func @bias_add(%v: tensor<?x4x4x3xf32>, %b: tensor<3xf32>, %w: tensor<2x3x4x4xf32>, %c: tensor<3xf32>) -> (tensor<?x4x4x3xf32>, tensor<2x3x4x4xf32>) {
  %r = "tf.BiasAdd"(%v, %b) : (tensor<?x4x4x3xf32>, tensor<3xf32>) -> tensor<?x4x4x3xf32>
  %s = "tf.BiasAdd"(%w, %c) <{data_format = "NCHW"}> : (tensor<2x3x4x4xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return %r, %s : tensor<?x4x4x3xf32>, tensor<2x3x4x4xf32>
}

// -----

// Conv2D SAME, stride 2: 5 + 1 + 1 rows (TF's split), a zero-filled padded tensor with the
// input inserted at (0, 1, 1, 0), then linalg.conv_2d_nhwc_hwcf with MLIR's maps.
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d6)>
// CHECK-DAG: #[[FILTER:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d5, d6, d3)>
// CHECK-DAG: #[[OUT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_same_stride2(
// CHECK: %[[PE:.*]] = "tensor.empty"(%{{.*}}) : (index) -> tensor<?x7x7x2xf32>
// CHECK: %[[PZ:.*]] = "linalg.fill"(%{{.*}}, %[[PE]])
// CHECK: %[[P:.*]] = "tensor.insert_slice"(%arg0, %[[PZ]], %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 0, 1, 0>, static_offsets = array<i64: 0, 1, 1, 0>, static_sizes = array<i64: -9223372036854775808, 5, 5, 2>, static_strides = array<i64: 1, 1, 1, 1>}>
// CHECK: %[[OE:.*]] = "tensor.empty"(%{{.*}}) : (index) -> tensor<?x3x3x4xf32>
// CHECK: %[[O:.*]] = "linalg.fill"(%{{.*}}, %[[OE]])
// CHECK: %[[R:.*]] = "linalg.conv_2d_nhwc_hwcf"(%[[P]], %arg1, %[[O]]) <{dilations = dense<1> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}>
// CHECK: "arith.mulf"
// CHECK: "arith.addf"
// CHECK: linalg.memoized_indexing_maps = [#[[IN]], #[[FILTER]], #[[OUT]]]
// CHECK: return %[[R]]
func.func @conv_same_stride2(%x: tensor<?x5x5x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<?x3x3x4xf32> {
  %r = "tf.Conv2D"(%x, %w) <{padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<?x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<?x3x3x4xf32>
  return %r : tensor<?x3x3x4xf32>
}

// -----

// VALID needs no padding; dilations scale the window dims in the input map.
// CHECK-DAG: #[[DIL:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d4 * 2, d2 + d5 * 2, d6)>
// CHECK-LABEL: func.func @conv_valid_dilated(
// CHECK-NOT: tensor.insert_slice
// CHECK: "linalg.conv_2d_nhwc_hwcf"(%arg0, %arg1, %{{.*}}) <{dilations = dense<2> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<1> : tensor<2xi64>}>
// CHECK: linalg.memoized_indexing_maps = [#[[DIL]],
func.func @conv_valid_dilated(%x: tensor<1x8x8x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x4x4x4xf32> {
  %r = "tf.Conv2D"(%x, %w) <{dilations = [1, 2, 2, 1], padding = "VALID", strides = [1, 1, 1, 1]}> : (tensor<1x8x8x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x4x4x4xf32>
  return %r : tensor<1x4x4x4xf32>
}

// -----

// NCHW runs in NHWC between two transposes.
// CHECK-LABEL: func.func @conv_nchw(
// CHECK: %[[X:.*]] = "linalg.transpose"(%arg0, %{{.*}}) <{permutation = array<i64: 0, 2, 3, 1>}>
// CHECK: %[[P:.*]] = "tensor.insert_slice"(%[[X]], %{{.*}}) <{{.*}}static_offsets = array<i64: 0, 1, 1, 0>, static_sizes = array<i64: 1, 6, 6, 2>
// CHECK: %[[C:.*]] = "linalg.conv_2d_nhwc_hwcf"(%[[P]], %arg1, %{{.*}})
// CHECK: }) {{.*}} -> tensor<1x6x6x4xf32>
// CHECK: %[[R:.*]] = "linalg.transpose"(%[[C]], %{{.*}}) <{permutation = array<i64: 0, 3, 1, 2>}>
// CHECK: return %[[R]] : tensor<1x4x6x6xf32>
func.func @conv_nchw(%x: tensor<1x2x6x6xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x4x6x6xf32> {
  %r = "tf.Conv2D"(%x, %w) <{data_format = "NCHW", padding = "SAME", strides = [1, 1, 1, 1]}> : (tensor<1x2x6x6xf32>, tensor<3x3x2x4xf32>) -> tensor<1x4x6x6xf32>
  return %r : tensor<1x4x6x6xf32>
}

// -----

// A dynamic height: TF's SAME arithmetic on index values (out = ceil(h / 2),
// total = max((out - 1) * 2 + 3 - h, 0), top = total / 2).
// CHECK-LABEL: func.func @conv_dynamic_spatial(
// CHECK: %[[H:.*]] = "tensor.dim"(%arg0, %{{.*}}) : (tensor<1x?x6x2xf32>, index) -> index
// CHECK: %[[OH:.*]] = "arith.ceildivsi"(%[[H]], %{{.*}})
// CHECK: %[[TOTAL:.*]] = "arith.maxsi"
// CHECK: %[[TOP:.*]] = "arith.divsi"(%[[TOTAL]], %{{.*}})
// CHECK: "tensor.insert_slice"(%arg0, %{{.*}}, %[[TOP]], %{{.*}}) <{{.*}}static_offsets = array<i64: 0, -9223372036854775808, 0, 0>
// CHECK: "tensor.empty"(%[[OH]]) : (index) -> tensor<1x?x3x4xf32>
// CHECK: "linalg.conv_2d_nhwc_hwcf"
func.func @conv_dynamic_spatial(%x: tensor<1x?x6x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x?x3x4xf32> {
  %r = "tf.Conv2D"(%x, %w) <{padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<1x?x6x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x?x3x4xf32>
  return %r : tensor<1x?x3x4xf32>
}

// -----

// MaxPool SAME pads with -inf and starts from -inf; the window operand is a tensor.empty.
// CHECK-DAG: #[[PIN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
// CHECK-DAG: #[[PWIN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-LABEL: func.func @max_pool_same(
// CHECK: %[[NEG:.*]] = "arith.constant"() <{value = 0xFF800000 : f32}>
// CHECK: %[[PF:.*]] = "linalg.fill"(%[[NEG]], %{{.*}})
// CHECK: %[[P:.*]] = "tensor.insert_slice"(%arg0, %[[PF]], %{{.*}}) <{{.*}}static_offsets = array<i64: 0, 1, 1, 0>
// CHECK: %[[WIN:.*]] = "tensor.empty"() : () -> tensor<3x3xf32>
// CHECK: %[[NEG2:.*]] = "arith.constant"() <{value = 0xFF800000 : f32}>
// CHECK: %[[INIT:.*]] = "linalg.fill"(%[[NEG2]], %{{.*}})
// CHECK: "linalg.pooling_nhwc_max"(%[[P]], %[[WIN]], %[[INIT]]) <{dilations = dense<1> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}>
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: "arith.maximumf"(%[[ACC]], %[[IN]])
// CHECK: linalg.memoized_indexing_maps = [#[[PIN]], #[[PWIN]],
func.func @max_pool_same(%x: tensor<?x5x5x2xf32>) -> tensor<?x3x3x2xf32> {
  %r = "tf.MaxPool"(%x) <{ksize = [1, 3, 3, 1], padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<?x5x5x2xf32>) -> tensor<?x3x3x2xf32>
  return %r : tensor<?x3x3x2xf32>
}

// -----

// AvgPool SAME: window sums divided by the count of input elements in each window (static
// sizes: a constant out_h x out_w tensor read through (d1, d2)).
// CHECK-DAG: #[[HW:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @avg_pool_same(
// CHECK: %[[S:.*]] = "linalg.pooling_nhwc_sum"
// CHECK: "arith.addf"
// CHECK: %[[COUNTS:.*]] = "arith.constant"() <{value = dense<{{\[\[}}4.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<3x3xf32>}>
// CHECK: "linalg.generic"(%[[S]], %[[COUNTS]], %{{.*}}) <{indexing_maps = [#{{.*}}, #[[HW]], #{{.*}}]
// CHECK: "arith.divf"
func.func @avg_pool_same(%x: tensor<?x5x5x2xf32>) -> tensor<?x3x3x2xf32> {
  %r = "tf.AvgPool"(%x) <{ksize = [1, 3, 3, 1], padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<?x5x5x2xf32>) -> tensor<?x3x3x2xf32>
  return %r : tensor<?x3x3x2xf32>
}

// -----

// AvgPool VALID: every window is full, the divisor is kh * kw.
// CHECK-LABEL: func.func @avg_pool_valid(
// CHECK-NOT: tensor.insert_slice
// CHECK: %[[S:.*]] = "linalg.pooling_nhwc_sum"(%arg0,
// CHECK: "linalg.generic"(%[[S]], %{{.*}})
// CHECK: %[[K:.*]] = "arith.constant"() <{value = 4.000000e+00 : f32}>
// CHECK: "arith.divf"(%{{.*}}, %[[K]])
func.func @avg_pool_valid(%x: tensor<?x4x4x2xf32>) -> tensor<?x2x2x2xf32> {
  %r = "tf.AvgPool"(%x) <{ksize = [1, 2, 2, 1], padding = "VALID", strides = [1, 2, 2, 1]}> : (tensor<?x4x4x2xf32>) -> tensor<?x2x2x2xf32>
  return %r : tensor<?x2x2x2xf32>
}

// -----

// Dynamic spatial sizes: the counts come from a linalg.generic over (out_h, out_w) that
// clamps each window to the input with linalg.index.
// CHECK-LABEL: func.func @avg_pool_dynamic_spatial(
// CHECK: "linalg.pooling_nhwc_sum"
// CHECK: %[[COUNTS:.*]] = "linalg.generic"(%{{.*}}) <{indexing_maps = [#{{.*}}], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 0, 1>}>
// CHECK: "linalg.index"() <{dim = 0 : i64}>
// CHECK: "arith.minsi"
// CHECK: "arith.maxsi"
// CHECK: "linalg.index"() <{dim = 1 : i64}>
// CHECK: "arith.sitofp"
// CHECK: "linalg.generic"(%{{.*}}, %[[COUNTS]], %{{.*}})
// CHECK: "arith.divf"
func.func @avg_pool_dynamic_spatial(%x: tensor<1x?x?x2xf32>) -> tensor<1x?x?x2xf32> {
  %r = "tf.AvgPool"(%x) <{ksize = [1, 3, 3, 1], padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<1x?x?x2xf32>) -> tensor<1x?x?x2xf32>
  return %r : tensor<1x?x?x2xf32>
}

// -----

// Grouped convolution is not lowered: strict mode reports it at the op; otherwise it stays.
// CHECK-LABEL: func.func @grouped(
// CHECK: "tf.Conv2D"
func.func @grouped(%x: tensor<1x4x4x4xf32>, %w: tensor<2x2x2x6xf32>) -> tensor<1x3x3x6xf32> {
  // expected-error @+1 {{op 'tf.Conv2D' is not supported by the CPU backend: grouped convolution (input depth 4, filter depth 2)}}
  %r = "tf.Conv2D"(%x, %w) <{padding = "VALID", strides = [1, 1, 1, 1]}> : (tensor<1x4x4x4xf32>, tensor<2x2x2x6xf32>) -> tensor<1x3x3x6xf32>
  return %r : tensor<1x3x3x6xf32>
}
