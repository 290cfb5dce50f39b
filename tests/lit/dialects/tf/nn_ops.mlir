// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tfc-opt %s -canonicalize | FileCheck %s --check-prefix=CANON

// The nn ops in their generic form print back unchanged; attributes left at their defaults stay
// unprinted; static shapes and dynamic dims are accepted wherever TensorFlow's shape functions
// accept them.

// CHECK-LABEL: func.func @matmul(
func.func @matmul(%a: tensor<?x3xf32>, %b: tensor<4x3xf32>, %x: tensor<?x2x3xf32>, %y: tensor<5x1x3x4xf32>,
                  %u: tensor<*xf32>) -> (tensor<?x4xf32>, tensor<3x3xf32>, tensor<5x?x2x4xf32>, tensor<*xf32>) {
  // CHECK: %[[P:.*]] = "tf.MatMul"(%{{.*}}, %{{.*}}) <{transpose_b = true}> : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %p = "tf.MatMul"(%a, %b) <{transpose_b = true}> : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  // CHECK: "tf.MatMul"(%{{.*}}, %{{.*}}) <{transpose_a = true, transpose_b = false}> : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<3x3xf32>
  %q = "tf.MatMul"(%b, %b) <{transpose_a = true, transpose_b = false}> : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<3x3xf32>
  // CHECK: "tf.BatchMatMulV2"(%{{.*}}, %{{.*}}) : (tensor<?x2x3xf32>, tensor<5x1x3x4xf32>) -> tensor<5x?x2x4xf32>
  %r = "tf.BatchMatMulV2"(%x, %y) : (tensor<?x2x3xf32>, tensor<5x1x3x4xf32>) -> tensor<5x?x2x4xf32>
  // CHECK: "tf.BatchMatMulV2"(%{{.*}}, %{{.*}}) <{adj_x = false, adj_y = true}> : (tensor<*xf32>, tensor<4x3xf32>) -> tensor<*xf32>
  %s = "tf.BatchMatMulV2"(%u, %b) <{adj_x = false, adj_y = true}> : (tensor<*xf32>, tensor<4x3xf32>) -> tensor<*xf32>
  return %p, %q, %r, %s : tensor<?x4xf32>, tensor<3x3xf32>, tensor<5x?x2x4xf32>, tensor<*xf32>
}

// GENERIC-LABEL: "func.func"() <{function_type = (tensor<?x3xf32>, tensor<4x3xf32>, tensor<?x2x3xf32>, tensor<5x1x3x4xf32>, tensor<*xf32>)
// GENERIC: "tf.MatMul"(%{{.*}}, %{{.*}}) <{transpose_b = true}> : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
// GENERIC: "func.return"

// CHECK-LABEL: func.func @layers(
func.func @layers(%img: tensor<?x28x28x1xf32>, %w: tensor<5x5x1x32xf32>, %b: tensor<32xf32>,
                  %nchw: tensor<?x3x7x7xf32>, %w2: tensor<3x3x3x8xf32>)
    -> (tensor<?x7x7x32xf32>, tensor<?x8x?x?xf32>, tensor<?x14x14x32xf32>) {
  // CHECK: %[[C:.*]] = "tf.Conv2D"(%{{.*}}, %{{.*}}) <{padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<?x28x28x1xf32>, tensor<5x5x1x32xf32>) -> tensor<?x14x14x32xf32>
  %c = "tf.Conv2D"(%img, %w) <{padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<?x28x28x1xf32>, tensor<5x5x1x32xf32>) -> tensor<?x14x14x32xf32>
  // CHECK: "tf.BiasAdd"(%[[C]], %{{.*}}) : (tensor<?x14x14x32xf32>, tensor<32xf32>) -> tensor<?x14x14x32xf32>
  %ba = "tf.BiasAdd"(%c, %b) : (tensor<?x14x14x32xf32>, tensor<32xf32>) -> tensor<?x14x14x32xf32>
  // CHECK: "tf.MaxPool"(%{{.*}}) <{ksize = [1, 2, 2, 1], padding = "VALID", strides = [1, 2, 2, 1]}> : (tensor<?x14x14x32xf32>) -> tensor<?x7x7x32xf32>
  %mp = "tf.MaxPool"(%ba) <{ksize = [1, 2, 2, 1], padding = "VALID", strides = [1, 2, 2, 1]}> : (tensor<?x14x14x32xf32>) -> tensor<?x7x7x32xf32>
  // CHECK: "tf.Conv2D"(%{{.*}}, %{{.*}}) <{data_format = "NCHW", dilations = [1, 1, 2, 2], explicit_paddings = [0, 0, 0, 0, 1, 1, 1, 1], padding = "EXPLICIT", strides = [1, 1, 1, 1], use_cudnn_on_gpu = false}> : (tensor<?x3x7x7xf32>, tensor<3x3x3x8xf32>) -> tensor<?x8x5x5xf32>
  %c2 = "tf.Conv2D"(%nchw, %w2) <{data_format = "NCHW", dilations = [1, 1, 2, 2], explicit_paddings = [0, 0, 0, 0, 1, 1, 1, 1], padding = "EXPLICIT", strides = [1, 1, 1, 1], use_cudnn_on_gpu = false}> : (tensor<?x3x7x7xf32>, tensor<3x3x3x8xf32>) -> tensor<?x8x5x5xf32>
  // CHECK: "tf.BiasAdd"(%{{.*}}, %{{.*}}) <{data_format = "NCHW"}> : (tensor<?x8x5x5xf32>, tensor<8xf32>) -> tensor<?x8x5x5xf32>
  %b8 = "tf.Const"() <{value = dense<0.5> : tensor<8xf32>}> : () -> tensor<8xf32>
  %ba2 = "tf.BiasAdd"(%c2, %b8) <{data_format = "NCHW"}> : (tensor<?x8x5x5xf32>, tensor<8xf32>) -> tensor<?x8x5x5xf32>
  // CHECK: "tf.AvgPool"(%{{.*}}) <{data_format = "NCHW", ksize = [1, 1, 3, 3], padding = "SAME", strides = [1, 1, 2, 2]}> : (tensor<?x8x5x5xf32>) -> tensor<?x8x3x3xf32>
  %ap = "tf.AvgPool"(%ba2) <{data_format = "NCHW", ksize = [1, 1, 3, 3], padding = "SAME", strides = [1, 1, 2, 2]}> : (tensor<?x8x5x5xf32>) -> tensor<?x8x3x3xf32>
  // CHECK: "tf.MaxPool"(%{{.*}}) <{data_format = "NCHW", ksize = [1, 1, 2, 2], padding = "VALID", strides = [1, 1, 2, 2]}> : (tensor<?x8x5x5xf32>) -> tensor<?x8x2x2xf32>
  %mp2 = "tf.MaxPool"(%ba2) <{data_format = "NCHW", ksize = [1, 1, 2, 2], padding = "VALID", strides = [1, 1, 2, 2]}> : (tensor<?x8x5x5xf32>) -> tensor<?x8x2x2xf32>
  // a result type more dynamic than the inferred one is accepted
  // CHECK: "tf.AvgPool"(%{{.*}}) <{data_format = "NCHW", ksize = [1, 1, 2, 2], padding = "SAME", strides = [1, 1, 2, 2]}> : (tensor<?x8x5x5xf32>) -> tensor<?x8x?x?xf32>
  %ap2 = "tf.AvgPool"(%ba2) <{data_format = "NCHW", ksize = [1, 1, 2, 2], padding = "SAME", strides = [1, 1, 2, 2]}> : (tensor<?x8x5x5xf32>) -> tensor<?x8x?x?xf32>
  return %mp, %ap2, %ba : tensor<?x7x7x32xf32>, tensor<?x8x?x?xf32>, tensor<?x14x14x32xf32>
}

// CHECK-LABEL: func.func @losses(
func.func @losses(%logits: tensor<?x10xf32>, %labels: tensor<?x10xf32>, %ids: tensor<?xi32>, %ids64: tensor<8xi64>)
    -> (tensor<?x10xf32>, tensor<?x10xf32>, tensor<?xf32>, tensor<?xf32>, tensor<8xf32>, tensor<f32>) {
  // CHECK: "tf.Softmax"(%{{.*}}) : (tensor<?x10xf32>) -> tensor<?x10xf32>
  %sm = "tf.Softmax"(%logits) : (tensor<?x10xf32>) -> tensor<?x10xf32>
  // CHECK: "tf.LogSoftmax"(%{{.*}}) : (tensor<?x10xf32>) -> tensor<?x10xf32>
  %lsm = "tf.LogSoftmax"(%logits) : (tensor<?x10xf32>) -> tensor<?x10xf32>
  // CHECK: %{{.*}}:2 = "tf.SoftmaxCrossEntropyWithLogits"(%{{.*}}, %{{.*}}) : (tensor<?x10xf32>, tensor<?x10xf32>) -> (tensor<?xf32>, tensor<?x10xf32>)
  %loss:2 = "tf.SoftmaxCrossEntropyWithLogits"(%logits, %labels) : (tensor<?x10xf32>, tensor<?x10xf32>) -> (tensor<?xf32>, tensor<?x10xf32>)
  // CHECK: %{{.*}}:2 = "tf.SparseSoftmaxCrossEntropyWithLogits"(%{{.*}}, %{{.*}}) : (tensor<?x10xf32>, tensor<?xi32>) -> (tensor<?xf32>, tensor<?x10xf32>)
  %sparse:2 = "tf.SparseSoftmaxCrossEntropyWithLogits"(%logits, %ids) : (tensor<?x10xf32>, tensor<?xi32>) -> (tensor<?xf32>, tensor<?x10xf32>)
  // CHECK: "tf.SparseSoftmaxCrossEntropyWithLogits"(%{{.*}}, %{{.*}}) : (tensor<?x10xf32>, tensor<8xi64>) -> (tensor<8xf32>, tensor<8x10xf32>)
  %sparse64:2 = "tf.SparseSoftmaxCrossEntropyWithLogits"(%logits, %ids64) : (tensor<?x10xf32>, tensor<8xi64>) -> (tensor<8xf32>, tensor<8x10xf32>)
  // CHECK: "tf.L2Loss"(%{{.*}}) : (tensor<?x10xf32>) -> tensor<f32>
  %l2 = "tf.L2Loss"(%sm) : (tensor<?x10xf32>) -> tensor<f32>
  return %sm, %lsm, %loss#0, %sparse#0, %sparse64#0, %l2 : tensor<?x10xf32>, tensor<?x10xf32>, tensor<?xf32>, tensor<?xf32>, tensor<8xf32>, tensor<f32>
}

// Products of small constants fold to constants.
// CANON-LABEL: func.func @fold(
// CANON-NOT: tf.MatMul
// CANON-NOT: tf.Softmax
// CANON: "tf.Const"() <{value = dense<{{\[}}[3.000000e+00, 3.000000e+00], [1.200000e+01, 1.200000e+01]]> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
// CANON: "tf.Const"() <{value = dense<5.000000e-01> : tensor<2xf32>}> : () -> tensor<2xf32>
// CANON-NOT: tf.MatMul
func.func @fold() -> (tensor<2x2xf32>, tensor<2xf32>) {
  %a = "tf.Const"() <{value = dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]> : tensor<2x3xf32>}> : () -> tensor<2x3xf32>
  %b = "tf.Const"() <{value = dense<1.0> : tensor<3x2xf32>}> : () -> tensor<3x2xf32>
  %p = "tf.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %z = "tf.Const"() <{value = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %s = "tf.Softmax"(%z) : (tensor<2xf32>) -> tensor<2xf32>
  return %p, %s : tensor<2x2xf32>, tensor<2xf32>
}
