// RUN: tfc-opt %s -split-input-file -bufferize | FileCheck %s

// Function boundary: tensor arguments become memrefs of the same shape (argument attributes
// kept); a result that is the function's own fresh buffer is returned as is.
// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME: %[[X:.*]]: memref<?x4xf32> {tfc.name = "x"}) -> memref<?x4xf32>
// CHECK: %[[D:.*]] = "memref.dim"(%[[X]], %{{.*}}) : (memref<?x4xf32>, index) -> index
// CHECK-NEXT: %[[B:.*]] = "memref.alloc"(%[[D]]) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?x4xf32>
// CHECK-NEXT: "linalg.generic"(%[[X]], %[[B]])
// CHECK: }) : (memref<?x4xf32>, memref<?x4xf32>) -> ()
// CHECK-NEXT: return %[[B]] : memref<?x4xf32>
func.func @elementwise(%x: tensor<?x4xf32> {tfc.name = "x"}) -> tensor<?x4xf32> {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %d = "tensor.dim"(%x, %c0) : (tensor<?x4xf32>, index) -> index
  %e = "tensor.empty"(%d) : (index) -> tensor<?x4xf32>
  %r = "linalg.generic"(%x, %e) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%i: f32, %o: f32):
    %n = "arith.negf"(%i) : (f32) -> f32
    "linalg.yield"(%n) : (f32) -> ()
  }) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// -----

// Returning an argument, or one value twice: copies, so that every result is a fresh buffer
// the caller owns.
// CHECK-LABEL: func.func @returns(
// CHECK-SAME: %[[X:.*]]: memref<3xf32>) -> (memref<3xf32>, memref<3xf32>, memref<3xf32>)
// CHECK: %[[E:.*]] = "memref.alloc"() {{.*}} -> memref<3xf32>
// CHECK: "linalg.fill"(%{{.*}}, %[[E]])
// CHECK: }) : (f32, memref<3xf32>) -> ()
// CHECK-NEXT: %[[C1:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%[[E]], %[[C1]])
// CHECK-NEXT: %[[C2:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%[[X]], %[[C2]])
// CHECK-NEXT: return %[[E]], %[[C1]], %[[C2]]
func.func @returns(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %z = "arith.constant"() <{value = 1.0 : f32}> : () -> f32
  %e = "tensor.empty"() : () -> tensor<3xf32>
  %f = "linalg.fill"(%z, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<3xf32>) -> tensor<3xf32>
  return %f, %f, %x : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// A matmul accumulates into its init: in place into the fill's buffer (read by nobody
// later); into a copy of an argument (read-only to the function).
// CHECK-LABEL: func.func @matmul(
// CHECK: %[[F:.*]] = "memref.alloc"() {{.*}} -> memref<2x2xf32>
// CHECK-NEXT: "linalg.fill"(%{{.*}}, %[[F]])
// CHECK: "linalg.matmul"(%arg0, %arg1, %[[F]])
// CHECK: %[[C:.*]] = "memref.alloc"() {{.*}} -> memref<2x2xf32>
// CHECK-NEXT: "memref.copy"(%arg2, %[[C]])
// CHECK-NEXT: "linalg.matmul"(%arg0, %arg1, %[[C]])
// CHECK: return %[[F]], %[[C]]
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>, %c: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %z = "arith.constant"() <{value = 0.0 : f32}> : () -> f32
  %e = "tensor.empty"() : () -> tensor<2x2xf32>
  %f = "linalg.fill"(%z, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<2x2xf32>) -> tensor<2x2xf32>
  %m = "linalg.matmul"(%a, %b, %f) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %n = "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %m, %n : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// An init still read after the op is not overwritten: the op writes a new buffer, and
// copies the old contents in only because its body reads them.
// CHECK-LABEL: func.func @init_read_later(
// CHECK: %[[A:.*]] = "memref.alloc"()
// CHECK: "linalg.fill"(%{{.*}}, %[[A]])
// CHECK: %[[B:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%[[A]], %[[B]])
// CHECK-NEXT: "linalg.generic"(%arg0, %[[B]])
// CHECK: return %[[A]], %[[B]]
func.func @init_read_later(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %z = "arith.constant"() <{value = 1.0 : f32}> : () -> f32
  %e = "tensor.empty"() : () -> tensor<4xf32>
  %f = "linalg.fill"(%z, %e) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, tensor<4xf32>) -> tensor<4xf32>
  %g = "linalg.generic"(%x, %f) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%i: f32, %o: f32):
    %s = "arith.addf"(%i, %o) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %f, %g : tensor<4xf32>, tensor<4xf32>
}

// -----

// Dense constants live in one private constant global each (equal constants share it, in
// one function or several).
// CHECK: "memref.global"() <{constant, initial_value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, sym_name = "__constant_2xf32", sym_visibility = "private", type = memref<2xf32>}> : () -> ()
// CHECK-NOT: "memref.global"
// CHECK-LABEL: func.func @constants(
// CHECK: %[[G:.*]] = "memref.get_global"() <{name = @__constant_2xf32}> : () -> memref<2xf32>
// CHECK: %[[H:.*]] = "memref.get_global"() <{name = @__constant_2xf32}> : () -> memref<2xf32>
// CHECK: "memref.load"(%[[H]], %{{.*}})
// CHECK: "memref.copy"(%[[G]], %{{.*}})
func.func @constants() -> (tensor<2xf32>, f32) {
  %c = "arith.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %d = "arith.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %i = "arith.constant"() <{value = 1 : index}> : () -> index
  %v = "tensor.extract"(%d, %i) : (tensor<2xf32>, index) -> f32
  return %c, %v : tensor<2xf32>, f32
}
// CHECK-LABEL: func.func @same_constant(
// CHECK: "memref.get_global"() <{name = @__constant_2xf32}> : () -> memref<2xf32>
func.func @same_constant() -> f32 {
  %c = "arith.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %i = "arith.constant"() <{value = 0 : index}> : () -> index
  %v = "tensor.extract"(%c, %i) : (tensor<2xf32>, index) -> f32
  return %v : f32
}
