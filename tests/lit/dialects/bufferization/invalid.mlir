// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @to_tensor_shape(%m: memref<2xf32>) {
  // expected-error @+1 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  %t = "bufferization.to_tensor"(%m) : (memref<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @to_tensor_operand(%t: tensor<2xf32>) {
  // expected-error @+1 {{operand #0 must be memref of any type values, but got 'tensor<2xf32>'}}
  %r = "bufferization.to_tensor"(%t) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @to_memref_type(%t: tensor<2xf32>) {
  // expected-error @+1 {{failed to verify that memref's contents match the tensor type: expected tensor<2xi32> for memref<2xi32>, got tensor<2xf32>}}
  %m = "bufferization.to_memref"(%t) : (tensor<2xf32>) -> memref<2xi32>
  return
}

// -----

func.func @materialize_memref_result(%t: tensor<2xf32>, %m: memref<2xf32>) {
  // expected-error @+1 {{memref 'dest' implies zero results}}
  %r = "bufferization.materialize_in_destination"(%t, %m) <{writable}> : (tensor<2xf32>, memref<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @materialize_not_writable(%t: tensor<2xf32>, %m: memref<2xf32>) {
  // expected-error @+1 {{'writable' must be specified if and only if the destination is of memref type}}
  "bufferization.materialize_in_destination"(%t, %m) : (tensor<2xf32>, memref<2xf32>) -> ()
  return
}

// -----

func.func @materialize_tensor_no_result(%t: tensor<2xf32>, %d: tensor<2xf32>) {
  // expected-error @+1 {{tensor 'dest' implies exactly one tensor result}}
  "bufferization.materialize_in_destination"(%t, %d) : (tensor<2xf32>, tensor<2xf32>) -> ()
  return
}

// -----

func.func @materialize_restrict_tensor(%t: tensor<2xf32>, %d: tensor<2xf32>) {
  // expected-error @+1 {{'restrict' is valid only for memref destinations}}
  %r = "bufferization.materialize_in_destination"(%t, %d) <{restrict}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @materialize_shapes(%t: tensor<2xf32>, %m: memref<3xf32>) {
  // expected-error @+1 {{source/destination shapes are incompatible}}
  "bufferization.materialize_in_destination"(%t, %m) <{writable}> : (tensor<2xf32>, memref<3xf32>) -> ()
  return
}

// -----

func.func @materialize_rank(%t: tensor<2xf32>, %m: memref<2x1xf32>) {
  // expected-error @+1 {{rank mismatch between source and destination shape}}
  "bufferization.materialize_in_destination"(%t, %m) <{writable}> : (tensor<2xf32>, memref<2x1xf32>) -> ()
  return
}

// -----

func.func @materialize_result_type(%t: tensor<2xf32>, %d: tensor<2xf32>) {
  // expected-error @+1 {{result and 'dest' types must match}}
  %r = "bufferization.materialize_in_destination"(%t, %d) : (tensor<2xf32>, tensor<2xf32>) -> tensor<?xf32>
  return
}
