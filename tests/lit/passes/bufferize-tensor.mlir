// RUN: tfc-opt %s -split-input-file -bufferize | FileCheck %s

// extract_slice is a strided view (no copy); insert_slice writes dest's buffer (a copy of
// the argument here) through a view; insert stores; extract loads.
// CHECK-LABEL: func.func @slices(
// CHECK-SAME: %[[X:.*]]: memref<4x6xf32>, %[[V:.*]]: f32, %[[I:.*]]: index)
// CHECK: %[[S:.*]] = "memref.subview"(%[[X]]) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (memref<4x6xf32>) -> memref<2x3xf32, strided<[6, 1], offset: 8>>
// CHECK-NEXT: %[[R:.*]] = "memref.subview"(%[[X]], %[[I]]) {{.*}} : (memref<4x6xf32>, index) -> memref<3xf32, strided<[2], offset: ?>>
// CHECK-NEXT: %[[D:.*]] = "memref.alloc"() {{.*}} -> memref<4x6xf32>
// CHECK-NEXT: "memref.copy"(%[[X]], %[[D]])
// CHECK-NEXT: "memref.store"(%[[V]], %[[D]], %[[I]], %[[I]])
// CHECK-NEXT: %[[W:.*]] = "memref.subview"(%[[D]]) {{.*}} -> memref<2x3xf32, strided<[6, 2], offset: 12>>
// CHECK-NEXT: "memref.copy"(%[[S]], %[[W]])
// CHECK-NEXT: %[[E:.*]] = "memref.load"(%[[R]], %[[I]])
func.func @slices(%x: tensor<4x6xf32>, %v: f32, %i: index) -> (tensor<4x6xf32>, f32) {
  %s = "tensor.extract_slice"(%x) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>,
      static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x6xf32>) -> tensor<2x3xf32>
  %r = "tensor.extract_slice"(%x, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>,
      static_sizes = array<i64: 1, 3>, static_strides = array<i64: 1, 2>}> : (tensor<4x6xf32>, index) -> tensor<3xf32>
  %ins = "tensor.insert"(%v, %x, %i, %i) : (f32, tensor<4x6xf32>, index, index) -> tensor<4x6xf32>
  %p = "tensor.insert_slice"(%s, %ins) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 2, 0>,
      static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 2>}> : (tensor<2x3xf32>, tensor<4x6xf32>) -> tensor<4x6xf32>
  %e = "tensor.extract"(%r, %i) : (tensor<3xf32>, index) -> f32
  return %p, %e : tensor<4x6xf32>, f32
}

// -----

// Reshapes are views of the buffer; a cast that only changes static sizes is memref.cast.
// Returned views of our own buffer are whole aliases: returned once without a copy.
// CHECK-LABEL: func.func @reshapes(
// CHECK: %[[B:.*]] = "memref.alloc"() {{.*}} -> memref<2x3xf32>
// CHECK: %[[F:.*]] = "memref.collapse_shape"(%[[B]]) <{reassociation = {{\[\[}}0, 1]]}> : (memref<2x3xf32>) -> memref<6xf32>
// CHECK-NEXT: %[[E:.*]] = "memref.expand_shape"(%[[F]]) <{reassociation = {{\[\[}}0, 1]], static_output_shape = array<i64: 3, 2>}> : (memref<6xf32>) -> memref<3x2xf32>
// CHECK-NEXT: %[[C:.*]] = "memref.cast"(%[[E]]) : (memref<3x2xf32>) -> memref<?x2xf32>
// CHECK-NEXT: return %[[C]] : memref<?x2xf32>
func.func @reshapes(%v: f32) -> tensor<?x2xf32> {
  %s = "tensor.splat"(%v) : (f32) -> tensor<2x3xf32>
  %f = "tensor.collapse_shape"(%s) <{reassociation = [[0, 1]]}> : (tensor<2x3xf32>) -> tensor<6xf32>
  %e = "tensor.expand_shape"(%f) <{reassociation = [[0, 1]], static_output_shape = array<i64: 3, 2>}> : (tensor<6xf32>) -> tensor<3x2xf32>
  %c = "tensor.cast"(%e) : (tensor<3x2xf32>) -> tensor<?x2xf32>
  return %c : tensor<?x2xf32>
}

// -----

// from_elements stores each element into a new buffer; splat fills one.
// CHECK-LABEL: func.func @build(
// CHECK: %[[T:.*]] = "memref.alloc"() {{.*}} -> memref<2xf32>
// CHECK: "memref.store"(%arg0, %[[T]], %{{.*}})
// CHECK: "memref.store"(%arg1, %[[T]], %{{.*}})
// CHECK: %[[S:.*]] = "memref.alloc"(%arg2) {{.*}} -> memref<?xf32>
// CHECK-NEXT: "linalg.fill"(%arg0, %[[S]])
// CHECK: %[[D:.*]] = "memref.dim"(%[[S]], %{{.*}})
// CHECK: return %[[T]], %[[S]], %arg2, %[[D]]
func.func @build(%a: f32, %b: f32, %n: index) -> (tensor<2xf32>, tensor<?xf32>, index, index) {
  %t = "tensor.from_elements"(%a, %b) : (f32, f32) -> tensor<2xf32>
  %s = "tensor.splat"(%a, %n) : (f32, index) -> tensor<?xf32>
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %i = "arith.addi"(%c0, %c0) : (index, index) -> index
  %d = "tensor.dim"(%s, %i) : (tensor<?xf32>, index) -> index
  %k = "tensor.dim"(%s, %c0) : (tensor<?xf32>, index) -> index
  return %t, %s, %k, %d : tensor<2xf32>, tensor<?xf32>, index, index
}
