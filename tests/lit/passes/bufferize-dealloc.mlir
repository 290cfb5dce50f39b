// RUN: tfc-opt %s -split-input-file -bufferize | FileCheck %s

// Each buffer is freed right after its last use; a later allocation of the same type (and
// the same dynamic size) takes a freed buffer instead of a new one: three ops, two buffers.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[X:.*]]: memref<?xf32>, %[[N:.*]]: index)
// CHECK: %[[A:.*]] = "memref.alloc"(%[[N]])
// CHECK-NEXT: "linalg.generic"(%[[X]], %[[A]])
// CHECK: %[[B:.*]] = "memref.alloc"(%[[N]])
// CHECK-NEXT: "linalg.generic"(%[[A]], %[[B]])
// CHECK: }) : (memref<?xf32>, memref<?xf32>) -> ()
// CHECK-NEXT: "linalg.generic"(%[[B]], %[[A]])
// CHECK: }) : (memref<?xf32>, memref<?xf32>) -> ()
// CHECK-NEXT: "memref.dealloc"(%[[B]])
// CHECK-NEXT: return %[[A]]
// CHECK-NOT: "memref.alloc"
func.func @chain(%x: tensor<?xf32>, %n: index) -> tensor<?xf32> {
  %e1 = "tensor.empty"(%n) : (index) -> tensor<?xf32>
  %a = "linalg.generic"(%x, %e1) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%i: f32, %o: f32):
    %v = "math.exp"(%i) : (f32) -> f32
    "linalg.yield"(%v) : (f32) -> ()
  }) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %e2 = "tensor.empty"(%n) : (index) -> tensor<?xf32>
  %b = "linalg.generic"(%a, %e2) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%i: f32, %o: f32):
    %v = "math.tanh"(%i) : (f32) -> f32
    "linalg.yield"(%v) : (f32) -> ()
  }) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %e3 = "tensor.empty"(%n) : (index) -> tensor<?xf32>
  %c = "linalg.generic"(%b, %e3) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%i: f32, %o: f32):
    %v = "math.sqrt"(%i) : (f32) -> f32
    "linalg.yield"(%v) : (f32) -> ()
  }) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %c : tensor<?xf32>
}

// -----

// An allocation moves down to its first use; a use inside a loop keeps the buffer alive
// until after the loop; a buffer handed to an scf.if result is freed by whoever owns the
// if's result, not in the branch.
// CHECK-LABEL: func.func @lifetimes(
// CHECK: "scf.for"
// CHECK: }) : (index, index, index) -> ()
// CHECK-NEXT: "memref.dealloc"(%[[T:.*]]) : (memref<2xindex>) -> ()
// CHECK-NEXT: %[[R:.*]] = "scf.if"
// CHECK-NEXT: %[[A:.*]] = "memref.alloc"()
// CHECK-NOT: "memref.dealloc"(%[[A]])
// CHECK: "scf.yield"(%[[A]])
// CHECK: }) : (i1) -> memref<2xf32>
// CHECK-NEXT: %[[V:.*]] = "memref.load"(%[[R]]
// CHECK-NEXT: "memref.dealloc"(%[[R]])
// CHECK-NEXT: return %[[V]]
func.func @lifetimes(%p: i1, %x: tensor<2xf32>, %m: memref<2xf32>) -> f32 {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %c2 = "arith.constant"() <{value = 2 : index}> : () -> index
  %t = "tensor.splat"(%c0) : (index) -> tensor<2xindex>
  "scf.for"(%c0, %c2, %c1) ({
  ^bb0(%iv: index):
    %v = "tensor.extract"(%t, %iv) : (tensor<2xindex>, index) -> index
    %f = "arith.index_cast"(%v) : (index) -> i64
    %g = "arith.sitofp"(%f) : (i64) -> f32
    "memref.store"(%g, %m, %iv) : (f32, memref<2xf32>, index) -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  %r = "scf.if"(%p) ({
    %y = "tensor.empty"() : () -> tensor<2xf32>
    %w = "linalg.generic"(%x, %y) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%i: f32, %o: f32):
      %n = "arith.negf"(%i) : (f32) -> f32
      "linalg.yield"(%n) : (f32) -> ()
    }) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    "scf.yield"(%w) : (tensor<2xf32>) -> ()
  }, {
    "scf.yield"(%x) : (tensor<2xf32>) -> ()
  }) : (i1) -> tensor<2xf32>
  %e = "tensor.extract"(%r, %c1) : (tensor<2xf32>, index) -> f32
  return %e : f32
}
