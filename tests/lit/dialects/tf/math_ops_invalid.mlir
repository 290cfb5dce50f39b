// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @bad_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{Dimensions must be equal, but are 3 and 4}}
  %0 = "tf.AddV2"(%a, %b) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @wrong_result_shape(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  %0 = "tf.Mul"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @comparison_gives_bool(%a: tensor<3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{inferred type(s) 'tensor<3xi1>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  %0 = "tf.Less"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{Input 'y' of 'Sub' Op has type int32 that does not match type float32 of argument 'x'.}}
  %0 = "tf.Sub"(%a, %b) : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  return
}

// -----

func.func @sqrt_of_int(%a: tensor<3xi32>) {
  // expected-error @+1 {{Value passed to parameter 'x' has DataType int32 not in list of allowed values: bfloat16, float16, float32, float64}}
  %0 = "tf.Sqrt"(%a) : (tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @logical_and_of_float(%a: tensor<3xf32>) {
  // expected-error @+1 {{Value passed to parameter 'x' has DataType float32 not in list of allowed values: bool}}
  %0 = "tf.LogicalAnd"(%a, %a) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @select_rows(%c: tensor<3xi1>, %t: tensor<2x4xf32>) {
  // expected-error @+1 {{Dimension 0 in both shapes must be equal, but are 3 and 2}}
  %0 = "tf.Select"(%c, %t, %t) : (tensor<3xi1>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @cast_result_type(%a: tensor<3xf32>) {
  // expected-error @+1 {{inferred type(s) 'tensor<3xi64>' are incompatible with return type(s) of operation 'tensor<3xi32>'}}
  %0 = "tf.Cast"(%a) <{DstT = i64}> : (tensor<3xf32>) -> tensor<3xi32>
  return
}

// -----

func.func @reduction_axis_out_of_range(%a: tensor<2x3xf32>) {
  %axis = "tf.Const"() <{value = dense<2> : tensor<i32>}> : () -> tensor<i32>
  // expected-error @+1 {{Invalid reduction dimension 2 for input with 2 dimensions}}
  %0 = "tf.Sum"(%a, %axis) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xf32>
  return
}

// -----

func.func @reduction_indices_float(%a: tensor<2x3xf32>, %axis: tensor<f32>) {
  // expected-error @+1 {{Value passed to parameter 'reduction_indices' has DataType float32 not in list of allowed values: int32, int64}}
  %0 = "tf.Mean"(%a, %axis) : (tensor<2x3xf32>, tensor<f32>) -> tensor<*xf32>
  return
}

// -----

func.func @argmax_dimension_out_of_range(%a: tensor<2x3xf32>) {
  %d = "tf.Const"() <{value = dense<-3> : tensor<i32>}> : () -> tensor<i32>
  // expected-error @+1 {{Expected dimension in the range [-2, 2), but got -3}}
  %0 = "tf.ArgMax"(%a, %d) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xi64>
  return
}
