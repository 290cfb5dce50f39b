// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @empty_sizes(%n: index) {
  // expected-error @+1 {{incorrect number of dynamic sizes, has 1, expected 2}}
  %e = "tensor.empty"(%n) : (index) -> tensor<?x?xf32>
  return
}

// -----

func.func @extract_indices(%t: tensor<4x4xf32>, %i: index) {
  // expected-error @+1 {{incorrect number of indices for extract_element}}
  %x = "tensor.extract"(%t, %i) : (tensor<4x4xf32>, index) -> f32
  return
}

// -----

func.func @extract_type(%t: tensor<4xf32>, %i: index) {
  // expected-error @+1 {{inferred type(s) 'f32' are incompatible with return type(s) of operation 'i32'}}
  %x = "tensor.extract"(%t, %i) : (tensor<4xf32>, index) -> i32
  return
}

// -----

func.func @insert_scalar(%t: tensor<4xf32>, %v: i32, %i: index) {
  // expected-error @+1 {{scalar type matches element type of dest}}
  %r = "tensor.insert"(%v, %t, %i) : (i32, tensor<4xf32>, index) -> tensor<4xf32>
  return
}

// -----

func.func @slice_offset_count(%t: tensor<8x4xf32>) {
  // expected-error @+1 {{expected 2 offset values, got 1}}
  %s = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @slice_dynamic_count(%t: tensor<8x4xf32>) {
  // expected-error @+1 {{expected 1 dynamic offset values}}
  %s = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @slice_result(%t: tensor<8x4xf32>) {
  // expected-error @+1 {{expected type to be tensor<2x4xf32> or a rank-reduced version. (size mismatch)}}
  %s = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @slice_bounds(%t: tensor<8x4xf32>) {
  // expected-error @+1 {{slice along dimension 0 runs out-of-bounds: 8 >= 8}}
  %s = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 4, 0>, static_sizes = array<i64: 3, 4>, static_strides = array<i64: 2, 1>}> : (tensor<8x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @insert_slice_source(%s: tensor<3x4xf32>, %t: tensor<8x4xf32>) {
  // expected-error @+1 {{expected type to be tensor<2x4xf32> or a rank-reduced version. (size mismatch)}}
  %r = "tensor.insert_slice"(%s, %t) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (tensor<3x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return
}

// -----

func.func @cast(%t: tensor<4xf32>) {
  // expected-error @+1 {{operand type 'tensor<4xf32>' and result type 'tensor<5xf32>' are cast incompatible}}
  %c = "tensor.cast"(%t) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @collapse_size(%t: tensor<2x3x4xf32>) {
  // expected-error @+1 {{expected dimension 0 of collapsed type to be static value of 6}}
  %c = "tensor.collapse_shape"(%t) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @collapse_groups(%t: tensor<2x3x4xf32>) {
  // expected-error @+1 {{expected reassociation map #0 to be valid and contiguous.}}
  %c = "tensor.collapse_shape"(%t) <{reassociation = [[0, 2], [1]]}> : (tensor<2x3x4xf32>) -> tensor<8x3xf32>
  return
}

// -----

func.func @collapse_rank(%t: tensor<2x3x4xf32>) {
  // expected-error @+1 {{expected collapsed rank (1) to equal the number of reassociation maps (2).}}
  %c = "tensor.collapse_shape"(%t) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return
}

// -----

func.func @expand_dynamic(%t: tensor<?xf32>) {
  // expected-error @+1 {{static_output_shape has 1 dynamic dims while output_shape has 0 values}}
  %e = "tensor.expand_shape"(%t) <{reassociation = [[0, 1]], static_output_shape = array<i64: -9223372036854775808, 4>}> : (tensor<?xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @expand_static(%t: tensor<8xf32>) {
  // expected-error @+1 {{expected dimension 0 of collapsed type to be static value of 6}}
  %e = "tensor.expand_shape"(%t) <{reassociation = [[0, 1]], static_output_shape = array<i64: 2, 3>}> : (tensor<8xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @from_elements(%x: f32) {
  // expected-error @+1 {{operand types match result element type}}
  %t = "tensor.from_elements"(%x) : (f32) -> tensor<2xf32>
  return
}

// -----

func.func @splat(%x: i32) {
  // expected-error @+1 {{operand type matches element type of result}}
  %t = "tensor.splat"(%x) : (i32) -> tensor<2xf32>
  return
}
