// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @reshape_element_count(%x: tensor<2x3xf32>) {
  %shape = "tf.Const"() <{value = dense<4> : tensor<1xi32>}> : () -> tensor<1xi32>
  // expected-error @+1 {{Cannot reshape a tensor with 6 elements to shape [4] (4 elements)}}
  %y = "tf.Reshape"(%x, %shape) : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<4xf32>
  return
}

// -----

func.func @reshape_not_divisible(%x: tensor<7xf32>) {
  %shape = "tf.Const"() <{value = dense<[2, -1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // expected-error @+1 {{Dimension size must be evenly divisible by 2 but is 7}}
  %y = "tf.Reshape"(%x, %shape) : (tensor<7xf32>, tensor<2xi32>) -> tensor<2x?xf32>
  return
}

// -----

func.func @reshape_wrong_result(%x: tensor<2x3xf32>) {
  %shape = "tf.Const"() <{value = dense<[3, 2]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // expected-error @+1 {{inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  %y = "tf.Reshape"(%x, %shape) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @reshape_float_shape(%x: tensor<2x3xf32>, %shape: tensor<2xf32>) {
  // expected-error @+1 {{shape must be an int32 or int64 tensor, got f32}}
  %y = "tf.Reshape"(%x, %shape) : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @transpose_perm_length(%x: tensor<1x2x3xf32>) {
  %perm = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // expected-error @+1 {{Dimension must be 3 but is 2}}
  %y = "tf.Transpose"(%x, %perm) : (tensor<1x2x3xf32>, tensor<2xi32>) -> tensor<?x?x?xf32>
  return
}

// -----

func.func @transpose_perm_range(%x: tensor<1x2xf32>) {
  %perm = "tf.Const"() <{value = dense<[1, 2]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // expected-error @+1 {{perm dim 2 is out of range of input rank 2}}
  %y = "tf.Transpose"(%x, %perm) : (tensor<1x2xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @expand_dims_range(%x: tensor<2x3xf32>) {
  %dim = "tf.Const"() <{value = dense<3> : tensor<i32>}> : () -> tensor<i32>
  // expected-error @+1 {{dim 3 not in the interval [-3, 2]}}
  %y = "tf.ExpandDims"(%x, %dim) : (tensor<2x3xf32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @squeeze_not_one(%x: tensor<4x6x5xf32>) {
  // expected-error @+1 {{Can not squeeze dim[1], expected a dimension of 1, got 6}}
  %y = "tf.Squeeze"(%x) <{squeeze_dims = [1]}> : (tensor<4x6x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @concat_dims(%a: tensor<2x2xf32>, %b: tensor<2x3xf32>) {
  %axis = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  // expected-error @+1 {{Dimension 0 in both shapes must be equal, but are 2 and 3}}
  %y = "tf.ConcatV2"(%a, %b, %axis) : (tensor<2x2xf32>, tensor<2x3xf32>, tensor<i32>) -> tensor<4x?xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<2x2xf32>) {
  %axis = "tf.Const"() <{value = dense<2> : tensor<i32>}> : () -> tensor<i32>
  // expected-error @+1 {{ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2}}
  %y = "tf.ConcatV2"(%a, %a, %axis) : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<i32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @concat_scalars(%a: tensor<f32>, %axis: tensor<i32>) {
  // expected-error @+1 {{Can't concatenate scalars (use tf.stack instead)}}
  %y = "tf.ConcatV2"(%a, %a, %axis) : (tensor<f32>, tensor<f32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @pack_shapes(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{Dimension 0 in both shapes must be equal, but are 2 and 3}}
  %y = "tf.Pack"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> tensor<2x?xf32>
  return
}

// -----

func.func @pack_axis(%a: tensor<2xf32>) {
  // expected-error @+1 {{Invalid axis: 2; must be in [-2,2)}}
  %y = "tf.Pack"(%a, %a) <{axis = 2}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @unpack_num(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{Dimension must be 3 but is 2}}
  %y:3 = "tf.Unpack"(%a) <{num = 3}> : (tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}

// -----

func.func @unpack_result_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{are incompatible with return type(s)}}
  %y = "tf.Unpack"(%a) <{num = 2}> : (tensor<2x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @slice_size(%x: tensor<2x3xf32>) {
  %begin = "tf.Const"() <{value = dense<[0, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %size = "tf.Const"() <{value = dense<[1, 3]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // expected-error @+1 {{Expected size[1] in [0, 2], but got 3}}
  %y = "tf.Slice"(%x, %begin, %size) : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @strided_slice_index(%x: tensor<4x3xf32>) {
  %b = "tf.Const"() <{value = dense<4> : tensor<1xi32>}> : () -> tensor<1xi32>
  %e = "tf.Const"() <{value = dense<5> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s = "tf.Const"() <{value = dense<1> : tensor<1xi32>}> : () -> tensor<1xi32>
  // expected-error @+1 {{slice index 4 of dimension 0 out of bounds.}}
  %y = "tf.StridedSlice"(%x, %b, %e, %s) <{shrink_axis_mask = 1}> : (tensor<4x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<3xf32>
  return
}

// -----

func.func @strided_slice_zero_stride(%x: tensor<4x3xf32>) {
  %b = "tf.Const"() <{value = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  // expected-error @+1 {{strides[0] must be non-zero}}
  %y = "tf.StridedSlice"(%x, %b, %b, %b) : (tensor<4x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_ellipses(%x: tensor<4x3xf32>) {
  %z = "tf.Const"() <{value = dense<0> : tensor<2xi32>}> : () -> tensor<2xi32>
  %s = "tf.Const"() <{value = dense<1> : tensor<2xi32>}> : () -> tensor<2xi32>
  // expected-error @+1 {{Multiple ellipses in slice spec not allowed}}
  %y = "tf.StridedSlice"(%x, %z, %z, %s) <{ellipsis_mask = 3}> : (tensor<4x3xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @tile_length(%x: tensor<4x3xf32>) {
  %m = "tf.Const"() <{value = dense<2> : tensor<3xi32>}> : () -> tensor<3xi32>
  // expected-error @+1 {{Expected multiples argument to be a vector of length 2 but got length 3}}
  %y = "tf.Tile"(%x, %m) : (tensor<4x3xf32>, tensor<3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @fill_value_scalar(%v: tensor<2xf32>) {
  %dims = "tf.Const"() <{value = dense<2> : tensor<1xi32>}> : () -> tensor<1xi32>
  // expected-error @+1 {{Shape must be rank 0 but is rank 1}}
  %y = "tf.Fill"(%dims, %v) : (tensor<1xi32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @shape_out_type(%x: tensor<2xf32>) {
  // expected-error @+1 {{out_type must be int32 or int64, got f32}}
  %y = "tf.Shape"(%x) <{out_type = f32}> : (tensor<2xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @one_hot_axis(%i: tensor<3xi32>, %d: tensor<i32>, %on: tensor<f32>) {
  // expected-error @+1 {{axis must be >= -1}}
  %y = "tf.OneHot"(%i, %d, %on, %on) <{axis = -2}> : (tensor<3xi32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  return
}

// -----

func.func @one_hot_types(%i: tensor<3xi32>, %d: tensor<i32>, %on: tensor<f32>, %off: tensor<i32>) {
  // expected-error @+1 {{on_value and off_value must have the same type, got f32 and i32}}
  %y = "tf.OneHot"(%i, %d, %on, %off) : (tensor<3xi32>, tensor<i32>, tensor<f32>, tensor<i32>) -> tensor<*xf32>
  return
}
