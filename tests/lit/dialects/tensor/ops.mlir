// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tfc-opt %s -canonicalize | FileCheck %s --check-prefix=CANON

// CHECK-LABEL: func.func @empty_dim
// CHECK: %[[E:.*]] = "tensor.empty"(%arg0) : (index) -> tensor<?x4xf32>
// CHECK-NEXT: %[[D:.*]] = "tensor.dim"(%[[E]], %arg1) : (tensor<?x4xf32>, index) -> index
// GENERIC-LABEL: sym_name = "empty_dim"
// GENERIC: "tensor.empty"(%arg0) : (index) -> tensor<?x4xf32>
func.func @empty_dim(%n: index, %i: index) -> index {
  %e = "tensor.empty"(%n) : (index) -> tensor<?x4xf32>
  %d = "tensor.dim"(%e, %i) : (tensor<?x4xf32>, index) -> index
  return %d : index
}

// CHECK-LABEL: func.func @extract_insert
// CHECK: %[[X:.*]] = "tensor.extract"(%arg0, %arg1, %arg1) : (tensor<4x4xf32>, index, index) -> f32
// CHECK-NEXT: %[[T:.*]] = "tensor.insert"(%[[X]], %arg0, %arg1, %arg1) : (f32, tensor<4x4xf32>, index, index) -> tensor<4x4xf32>
func.func @extract_insert(%t: tensor<4x4xf32>, %i: index) -> tensor<4x4xf32> {
  %x = "tensor.extract"(%t, %i, %i) : (tensor<4x4xf32>, index, index) -> f32
  %r = "tensor.insert"(%x, %t, %i, %i) : (f32, tensor<4x4xf32>, index, index) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// CHECK-LABEL: func.func @slices
// CHECK: %[[S:.*]] = "tensor.extract_slice"(%arg0, %arg1) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>, index) -> tensor<2x4xf32>
// CHECK-NEXT: %[[R:.*]] = "tensor.extract_slice"(%arg0) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 0>, static_sizes = array<i64: 1, 4>, static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>) -> tensor<4xf32>
// CHECK-NEXT: "tensor.insert_slice"(%[[R]], %arg0, %arg2) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 1, 4>, static_strides = array<i64: 2, 1>}> : (tensor<4xf32>, tensor<8x4xf32>, index) -> tensor<8x4xf32>
func.func @slices(%t: tensor<8x4xf32>, %i: index, %n: index) -> (tensor<2x4xf32>, tensor<8x4xf32>) {
  %s = "tensor.extract_slice"(%t, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>, index) -> tensor<2x4xf32>
  %row = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 0>, static_sizes = array<i64: 1, 4>, static_strides = array<i64: 1, 1>}> : (tensor<8x4xf32>) -> tensor<4xf32>
  %u = "tensor.insert_slice"(%row, %t, %n) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 1, 4>, static_strides = array<i64: 2, 1>}> : (tensor<4xf32>, tensor<8x4xf32>, index) -> tensor<8x4xf32>
  return %s, %u : tensor<2x4xf32>, tensor<8x4xf32>
}

// CHECK-LABEL: func.func @reshapes
// CHECK: %[[C:.*]] = "tensor.collapse_shape"(%arg0) <{reassociation = {{\[\[}}0, 1], [2]]}> : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
// CHECK-NEXT: %[[X:.*]] = "tensor.expand_shape"(%[[C]]) <{reassociation = {{\[\[}}0, 1], [2]], static_output_shape = array<i64: 3, 2, 4>}> : (tensor<6x4xf32>) -> tensor<3x2x4xf32>
// CHECK-NEXT: %[[D:.*]] = "tensor.expand_shape"(%arg1, %arg2) <{reassociation = {{\[\[}}0, 1]], static_output_shape = array<i64: -9223372036854775808, 4>}> : (tensor<?xf32>, index) -> tensor<?x4xf32>
func.func @reshapes(%t: tensor<2x3x4xf32>, %d: tensor<?xf32>, %n: index) -> (tensor<3x2x4xf32>, tensor<?x4xf32>) {
  %c = "tensor.collapse_shape"(%t) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %e = "tensor.expand_shape"(%c) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 3, 2, 4>}> : (tensor<6x4xf32>) -> tensor<3x2x4xf32>
  %x = "tensor.expand_shape"(%d, %n) <{reassociation = [[0, 1]], static_output_shape = array<i64: -9223372036854775808, 4>}> : (tensor<?xf32>, index) -> tensor<?x4xf32>
  return %e, %x : tensor<3x2x4xf32>, tensor<?x4xf32>
}

// CHECK-LABEL: func.func @cast_from_elements_splat
// CHECK: "tensor.cast"(%arg0) : (tensor<4xf32>) -> tensor<?xf32>
// CHECK-NEXT: "tensor.from_elements"(%arg1, %arg1) : (f32, f32) -> tensor<2xf32>
// CHECK-NEXT: "tensor.splat"(%arg1, %arg2) : (f32, index) -> tensor<?x2xf32>
func.func @cast_from_elements_splat(%t: tensor<4xf32>, %x: f32, %n: index) -> (tensor<?xf32>, tensor<2xf32>, tensor<?x2xf32>) {
  %c = "tensor.cast"(%t) : (tensor<4xf32>) -> tensor<?xf32>
  %f = "tensor.from_elements"(%x, %x) : (f32, f32) -> tensor<2xf32>
  %s = "tensor.splat"(%x, %n) : (f32, index) -> tensor<?x2xf32>
  return %c, %f, %s : tensor<?xf32>, tensor<2xf32>, tensor<?x2xf32>
}

// tensor.dim folds to a static size or to the dynamic size the tensor was created with;
// a cast back to the original type folds to the original value; constant elements fold.
// CANON-LABEL: func.func @folds
// CANON-NEXT: %[[C4:.*]] = "arith.constant"() <{value = 4 : index}> : () -> index
// CANON-NEXT: %[[F:.*]] = "arith.constant"() <{value = 2.000000e+00 : f32}> : () -> f32
// CANON-NEXT: return %arg1, %[[C4]], %arg0, %[[F]] : index, index, tensor<4xf32>, f32
func.func @folds(%t: tensor<4xf32>, %n: index) -> (index, index, tensor<4xf32>, f32) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %e = "tensor.empty"(%n) : (index) -> tensor<?xf32>
  %d0 = "tensor.dim"(%e, %c0) : (tensor<?xf32>, index) -> index
  %d1 = "tensor.dim"(%t, %c0) : (tensor<4xf32>, index) -> index
  %c = "tensor.cast"(%t) : (tensor<4xf32>) -> tensor<?xf32>
  %b = "tensor.cast"(%c) : (tensor<?xf32>) -> tensor<4xf32>
  %one = "arith.constant"() <{value = 1.0 : f32}> : () -> f32
  %two = "arith.constant"() <{value = 2.0 : f32}> : () -> f32
  %v = "tensor.from_elements"(%one, %two) : (f32, f32) -> tensor<2xf32>
  %x = "tensor.extract"(%v, %c1) : (tensor<2xf32>, index) -> f32
  return %d0, %d1, %b, %x : index, index, tensor<4xf32>, f32
}
