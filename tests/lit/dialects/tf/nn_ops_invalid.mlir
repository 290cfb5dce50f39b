// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// Shape and attribute errors of the nn ops, reported by the verifier with TensorFlow's messages.

func.func @matmul_inner_dims(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{Dimensions must be equal, but are 3 and 4}}
  %0 = "tf.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_transposed_inner_dims(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{Dimensions must be equal, but are 2 and 3}}
  %0 = "tf.MatMul"(%a, %b) <{transpose_a = true}> : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return
}

// -----

func.func @matmul_rank(%a: tensor<2x2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{Shape must be rank 2 but is rank 3}}
  %0 = "tf.MatMul"(%a, %b) : (tensor<2x2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_dtypes(%a: tensor<2x3xf32>, %b: tensor<3x5xi32>) {
  // expected-error @+1 {{Input 'b' of 'MatMul' Op has type int32 that does not match type float32 of argument 'a'.}}
  %0 = "tf.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x5xi32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_result_type(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{inferred type(s) 'tensor<2x5xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  %0 = "tf.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_attr_type(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{attribute 'transpose_a' failed to satisfy constraint: bool attribute}}
  %0 = "tf.MatMul"(%a, %b) <{transpose_a = 1}> : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @batch_matmul_batch_dims(%x: tensor<2x2x3xf32>, %y: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Dimensions must be equal, but are 2 and 3}}
  %0 = "tf.BatchMatMulV2"(%x, %y) : (tensor<2x2x3xf32>, tensor<3x3x4xf32>) -> tensor<2x2x4xf32>
  return
}

// -----

func.func @batch_matmul_rank(%x: tensor<3xf32>, %y: tensor<3x4xf32>) {
  // expected-error @+1 {{Shape must be at least rank 2 but is rank 1}}
  %0 = "tf.BatchMatMulV2"(%x, %y) : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @bias_add_channels(%x: tensor<2x4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{Dimensions must be equal, but are 4 and 3}}
  %0 = "tf.BiasAdd"(%x, %b) : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @bias_add_nchw_rank(%x: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{Shape must be at least rank 3 but is rank 2}}
  %0 = "tf.BiasAdd"(%x, %b) <{data_format = "NCHW"}> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @conv_strides_length(%x: tensor<1x5x5x1xf32>, %w: tensor<3x3x1x1xf32>) {
  // expected-error @+1 {{Sliding window strides field must specify 4 dimensions}}
  %0 = "tf.Conv2D"(%x, %w) <{padding = "SAME", strides = [1, 1, 1]}> : (tensor<1x5x5x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x5x5x1xf32>
  return
}

// -----

func.func @conv_batch_stride(%x: tensor<1x5x5x1xf32>, %w: tensor<3x3x1x1xf32>) {
  // expected-error @+1 {{Current implementation does not yet support strides in the batch and depth dimensions.}}
  %0 = "tf.Conv2D"(%x, %w) <{padding = "SAME", strides = [2, 1, 1, 1]}> : (tensor<1x5x5x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x5x5x1xf32>
  return
}

// -----

func.func @conv_padding(%x: tensor<1x5x5x1xf32>, %w: tensor<3x3x1x1xf32>) {
  // expected-error @+1 {{Value for attr 'padding' of "FULL" is not in the list of allowed values: "SAME", "VALID", "EXPLICIT"}}
  %0 = "tf.Conv2D"(%x, %w) <{padding = "FULL", strides = [1, 1, 1, 1]}> : (tensor<1x5x5x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x5x5x1xf32>
  return
}

// -----

func.func @conv_needs_strides(%x: tensor<1x5x5x1xf32>, %w: tensor<3x3x1x1xf32>) {
  // expected-error @+1 {{requires attribute 'strides'}}
  %0 = "tf.Conv2D"(%x, %w) <{padding = "SAME"}> : (tensor<1x5x5x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x5x5x1xf32>
  return
}

// -----

func.func @conv_negative_output(%x: tensor<1x2x5x1xf32>, %w: tensor<3x3x1x1xf32>) {
  // expected-error @+1 {{Negative dimension size caused by subtracting 3 from 2}}
  %0 = "tf.Conv2D"(%x, %w) <{padding = "VALID", strides = [1, 1, 1, 1]}> : (tensor<1x2x5x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x0x3x1xf32>
  return
}

// -----

func.func @conv_depth(%x: tensor<1x5x5x3xf32>, %w: tensor<3x3x2x1xf32>) {
  // expected-error @+1 {{Depth of input (3) is not a multiple of input depth of filter (2)}}
  %0 = "tf.Conv2D"(%x, %w) <{padding = "SAME", strides = [1, 1, 1, 1]}> : (tensor<1x5x5x3xf32>, tensor<3x3x2x1xf32>) -> tensor<1x5x5x1xf32>
  return
}

// -----

func.func @conv_same_output(%x: tensor<1x5x5x1xf32>, %w: tensor<3x3x1x1xf32>) {
  // expected-error @+1 {{inferred type(s) 'tensor<1x3x3x1xf32>' are incompatible with return type(s) of operation 'tensor<1x2x2x1xf32>'}}
  %0 = "tf.Conv2D"(%x, %w) <{padding = "SAME", strides = [1, 2, 2, 1]}> : (tensor<1x5x5x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x2x2x1xf32>
  return
}

// -----

func.func @max_pool_ksize(%x: tensor<1x4x4x1xf32>) {
  // expected-error @+1 {{Sliding window ksize field must specify 4 dimensions}}
  %0 = "tf.MaxPool"(%x) <{ksize = [2, 2], padding = "VALID", strides = [1, 2, 2, 1]}> : (tensor<1x4x4x1xf32>) -> tensor<1x2x2x1xf32>
  return
}

// -----

func.func @max_pool_format(%x: tensor<1x4x4x1xf32>) {
  // expected-error @+1 {{Value for attr 'data_format' of "NWHC" is not in the list of allowed values: "NHWC", "NCHW"}}
  %0 = "tf.MaxPool"(%x) <{data_format = "NWHC", ksize = [1, 2, 2, 1], padding = "VALID", strides = [1, 2, 2, 1]}> : (tensor<1x4x4x1xf32>) -> tensor<1x2x2x1xf32>
  return
}

// -----

func.func @avg_pool_ints(%x: tensor<1x4x4x1xi32>) {
  // expected-error @+1 {{Value passed to parameter 'value' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64}}
  %0 = "tf.AvgPool"(%x) <{ksize = [1, 2, 2, 1], padding = "VALID", strides = [1, 2, 2, 1]}> : (tensor<1x4x4x1xi32>) -> tensor<1x2x2x1xi32>
  return
}

// -----

func.func @softmax_scalar(%x: tensor<f32>) {
  // expected-error @+1 {{Shape must be at least rank 1 but is rank 0}}
  %0 = "tf.Softmax"(%x) : (tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @xent_rank(%f: tensor<2x3x4xf32>, %l: tensor<2x3x4xf32>) {
  // expected-error @+1 {{Shape must be broadcasted with rank 2, but is rank 3}}
  %0:2 = "tf.SoftmaxCrossEntropyWithLogits"(%f, %l) : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> (tensor<2xf32>, tensor<2x3x4xf32>)
  return
}

// -----

func.func @sparse_xent_label_dtype(%f: tensor<2x3xf32>, %l: tensor<2xf32>) {
  // expected-error @+1 {{Value passed to parameter 'labels' has DataType float32 not in list of allowed values: int32, int64}}
  %0:2 = "tf.SparseSoftmaxCrossEntropyWithLogits"(%f, %l) : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return
}

// -----

func.func @sparse_xent_batch(%f: tensor<2x3xf32>, %l: tensor<4xi32>) {
  // expected-error @+1 {{Dimensions must be equal, but are 2 and 4}}
  %0:2 = "tf.SparseSoftmaxCrossEntropyWithLogits"(%f, %l) : (tensor<2x3xf32>, tensor<4xi32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return
}
