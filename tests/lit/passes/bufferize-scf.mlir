// RUN: tfc-opt %s -split-input-file -bufferize | FileCheck %s

// scf.if: each result is a buffer the if owns. A branch hands over a buffer it allocated;
// a value from above (here an argument) is copied.
// CHECK-LABEL: func.func @if_results(
// CHECK: %[[R:.*]] = "scf.if"(%arg0) ({
// CHECK-NEXT: %[[A:.*]] = "memref.alloc"()
// CHECK-NEXT: "linalg.generic"(%arg1, %[[A]])
// CHECK: "scf.yield"(%[[A]]) : (memref<3xf32>) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: %[[C:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%arg1, %[[C]])
// CHECK-NEXT: "scf.yield"(%[[C]]) : (memref<3xf32>) -> ()
// CHECK-NEXT: }) : (i1) -> memref<3xf32>
// CHECK-NEXT: return %[[R]]
func.func @if_results(%p: i1, %x: tensor<3xf32>) -> tensor<3xf32> {
  %r = "scf.if"(%p) ({
    %e = "tensor.empty"() : () -> tensor<3xf32>
    %y = "linalg.generic"(%x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%i: f32, %o: f32):
      %m = "arith.mulf"(%i, %i) : (f32, f32) -> f32
      "linalg.yield"(%m) : (f32) -> ()
    }) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    "scf.yield"(%y) : (tensor<3xf32>) -> ()
  }, {
    "scf.yield"(%x) : (tensor<3xf32>) -> ()
  }) : (i1) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// scf.for carries one buffer: the argument is copied once before the loop (the loop writes
// it), the body computes straight into the carried buffer (no copy at the yield), and a
// temporary of the body is freed in the body.
// CHECK-LABEL: func.func @for_loop(
// CHECK: %[[INIT:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%arg0, %[[INIT]])
// CHECK-NEXT: %[[R:.*]] = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[INIT]]) ({
// CHECK-NEXT: ^bb0(%[[IV:.*]]: index, %[[ACC:.*]]: memref<4xf32>):
// CHECK-NEXT: %[[T:.*]] = "memref.alloc"()
// CHECK-NEXT: "linalg.generic"(%[[ACC]], %[[T]])
// CHECK: "linalg.generic"(%[[T]], %[[ACC]], %[[ACC]])
// CHECK: "memref.dealloc"(%[[T]])
// CHECK-NEXT: "scf.yield"(%[[ACC]]) : (memref<4xf32>) -> ()
// CHECK-NEXT: }) : (index, index, index, memref<4xf32>) -> memref<4xf32>
// CHECK-NEXT: return %[[R]]
func.func @for_loop(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %c3 = "arith.constant"() <{value = 3 : index}> : () -> index
  %r = "scf.for"(%c0, %c3, %c1, %x) ({
  ^bb0(%iv: index, %acc: tensor<4xf32>):
    %e = "tensor.empty"() : () -> tensor<4xf32>
    %t = "linalg.generic"(%acc, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb1(%i: f32, %o: f32):
      %h = "math.tanh"(%i) : (f32) -> f32
      "linalg.yield"(%h) : (f32) -> ()
    }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %u = "linalg.generic"(%t, %acc, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb1(%i: f32, %j: f32, %o: f32):
      %s = "arith.addf"(%i, %j) : (f32, f32) -> f32
      "linalg.yield"(%s) : (f32) -> ()
    }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    "scf.yield"(%u) : (tensor<4xf32>) -> ()
  }) : (index, index, index, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// Swapping two carried values saves the one overwritten first in a temporary.
// CHECK-LABEL: func.func @for_swap(
// CHECK: "scf.for"
// CHECK-NEXT: ^bb0(%{{.*}}: index, %[[A:.*]]: memref<2xf32>, %[[B:.*]]: memref<2xf32>):
// CHECK-NEXT: %[[T:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%[[A]], %[[T]])
// CHECK-NEXT: "memref.copy"(%[[B]], %[[A]])
// CHECK-NEXT: "memref.copy"(%[[T]], %[[B]])
// CHECK-NEXT: "memref.dealloc"(%[[T]])
// CHECK-NEXT: "scf.yield"(%[[A]], %[[B]])
func.func @for_swap(%x: tensor<2xf32>, %y: tensor<2xf32>, %n: index) -> (tensor<2xf32>, tensor<2xf32>) {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %r:2 = "scf.for"(%c0, %n, %c1, %x, %y) ({
  ^bb0(%iv: index, %a: tensor<2xf32>, %b: tensor<2xf32>):
    "scf.yield"(%b, %a) : (tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (index, index, index, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %r#0, %r#1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// scf.while: the carried buffer goes through both regions; the after region updates it in
// place (an elementwise op reading and writing the same element).
// CHECK-LABEL: func.func @while_loop(
// CHECK: %[[INIT:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%arg0, %[[INIT]])
// CHECK-NEXT: %[[R:.*]]:2 = "scf.while"(%[[INIT]], %{{.*}}) ({
// CHECK-NEXT: ^bb0(%[[V:.*]]: memref<3xf32>, %[[K:.*]]: i32):
// CHECK-NEXT: %[[F:.*]] = "memref.load"(%[[V]], %{{.*}}) : (memref<3xf32>, index) -> f32
// CHECK: "scf.condition"(%{{.*}}, %[[V]], %[[K]]) : (i1, memref<3xf32>, i32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0(%[[W:.*]]: memref<3xf32>, %{{.*}}: i32):
// CHECK-NEXT: "linalg.generic"(%[[W]], %[[W]])
// CHECK: "scf.yield"(%[[W]], %{{.*}}) : (memref<3xf32>, i32) -> ()
// CHECK-NEXT: }) : (memref<3xf32>, i32) -> (memref<3xf32>, i32)
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1
func.func @while_loop(%x: tensor<3xf32>, %limit: f32) -> (tensor<3xf32>, i32) {
  %z = "arith.constant"() <{value = 0 : i32}> : () -> i32
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %r:2 = "scf.while"(%x, %z) ({
  ^bb0(%v: tensor<3xf32>, %k: i32):
    %first = "tensor.extract"(%v, %c0) : (tensor<3xf32>, index) -> f32
    %go = "arith.cmpf"(%first, %limit) <{predicate = 4 : i64}> : (f32, f32) -> i1
    "scf.condition"(%go, %v, %k) : (i1, tensor<3xf32>, i32) -> ()
  }, {
  ^bb0(%v: tensor<3xf32>, %k: i32):
    %e = "tensor.empty"() : () -> tensor<3xf32>
    %d = "linalg.generic"(%v, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb1(%i: f32, %o: f32):
      %s = "arith.addf"(%i, %i) : (f32, f32) -> f32
      "linalg.yield"(%s) : (f32) -> ()
    }) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %one = "arith.constant"() <{value = 1 : i32}> : () -> i32
    %k1 = "arith.addi"(%k, %one) : (i32, i32) -> i32
    "scf.yield"(%d, %k1) : (tensor<3xf32>, i32) -> ()
  }) : (tensor<3xf32>, i32) -> (tensor<3xf32>, i32)
  return %r#0, %r#1 : tensor<3xf32>, i32
}

// -----

// A carried tensor with a dynamic dim is handed over: the loop starts with a buffer it owns
// (a copy of the argument), the body yields the buffer it allocated and frees the one it
// received, and the result is the loop's own buffer, returned without a copy.
// CHECK-LABEL: func.func @for_dynamic(
// CHECK: %[[INIT:.*]] = "memref.alloc"(%{{.*}})
// CHECK-NEXT: "memref.copy"(%arg0, %[[INIT]])
// CHECK-NEXT: %[[R:.*]] = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[INIT]]) ({
// CHECK-NEXT: ^bb0(%{{.*}}: index, %[[ACC:.*]]: memref<?xf32>):
// CHECK: %[[NEW:.*]] = "memref.alloc"(%{{.*}})
// CHECK-NEXT: "linalg.generic"(%[[ACC]], %[[NEW]])
// CHECK: "memref.dealloc"(%[[ACC]])
// CHECK-NEXT: "scf.yield"(%[[NEW]]) : (memref<?xf32>) -> ()
// CHECK-NEXT: }) : (index, index, index, memref<?xf32>) -> memref<?xf32>
// CHECK-NEXT: return %[[R]]
func.func @for_dynamic(%x: tensor<?xf32>, %n: index) -> tensor<?xf32> {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
  %r = "scf.for"(%c0, %n, %c1, %x) ({
  ^bb0(%iv: index, %acc: tensor<?xf32>):
    %d = "tensor.dim"(%acc, %c0) : (tensor<?xf32>, index) -> index
    %e = "tensor.empty"(%d) : (index) -> tensor<?xf32>
    %t = "linalg.generic"(%acc, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb1(%i: f32, %o: f32):
      %h = "math.tanh"(%i) : (f32) -> f32
      "linalg.yield"(%h) : (f32) -> ()
    }) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    "scf.yield"(%t) : (tensor<?xf32>) -> ()
  }) : (index, index, index, tensor<?xf32>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// scf.while with a growing tensor: a buffer allocated in the function is handed to the loop
// (no copy, nothing reads it later), the condition passes its argument on, the after region
// yields its fresh buffer and frees its argument; the result is freed after its last use.
// CHECK-LABEL: func.func @while_grows(
// CHECK: %[[INIT:.*]] = "memref.alloc"(%{{.*}})
// CHECK-NEXT: "linalg.generic"(%arg0, %[[INIT]])
// CHECK-NOT: "memref.copy"
// CHECK: %[[R:.*]] = "scf.while"(%[[INIT]]) ({
// CHECK-NEXT: ^bb0(%[[V:.*]]: memref<?xf32>):
// CHECK-NOT: "memref.dealloc"
// CHECK: "scf.condition"(%{{.*}}, %[[V]]) : (i1, memref<?xf32>) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0(%[[W:.*]]: memref<?xf32>):
// CHECK: %[[BIG:.*]] = "memref.alloc"(%{{.*}})
// CHECK: "memref.dealloc"(%[[W]])
// CHECK-NEXT: "scf.yield"(%[[BIG]]) : (memref<?xf32>) -> ()
// CHECK-NEXT: }) : (memref<?xf32>) -> memref<?xf32>
// CHECK-NEXT: %[[F:.*]] = "memref.load"(%[[R]], %{{.*}})
// CHECK-NEXT: "memref.dealloc"(%[[R]])
// CHECK-NEXT: return %[[F]]
func.func @while_grows(%x: tensor<?xf32>, %limit: index) -> f32 {
  %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
  %dx = "tensor.dim"(%x, %c0) : (tensor<?xf32>, index) -> index
  %e0 = "tensor.empty"(%dx) : (index) -> tensor<?xf32>
  %x2 = "linalg.generic"(%x, %e0) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%i: f32, %o: f32):
    %n = "arith.negf"(%i) : (f32) -> f32
    "linalg.yield"(%n) : (f32) -> ()
  }) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %r = "scf.while"(%x2) ({
  ^bb0(%v: tensor<?xf32>):
    %d = "tensor.dim"(%v, %c0) : (tensor<?xf32>, index) -> index
    %go = "arith.cmpi"(%d, %limit) <{predicate = 6 : i64}> : (index, index) -> i1
    "scf.condition"(%go, %v) : (i1, tensor<?xf32>) -> ()
  }, {
  ^bb0(%v: tensor<?xf32>):
    %d = "tensor.dim"(%v, %c0) : (tensor<?xf32>, index) -> index
    %d2 = "arith.addi"(%d, %d) : (index, index) -> index
    %e = "tensor.empty"(%d2) : (index) -> tensor<?xf32>
    %lo = "tensor.insert_slice"(%v, %e, %d) <{operandSegmentSizes = array<i32: 1, 1, 0, 1, 0>,
        static_offsets = array<i64: 0>, static_sizes = array<i64: -9223372036854775808>,
        static_strides = array<i64: 1>}> : (tensor<?xf32>, tensor<?xf32>, index) -> tensor<?xf32>
    %both = "tensor.insert_slice"(%v, %lo, %d, %d) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 0>,
        static_offsets = array<i64: -9223372036854775808>, static_sizes = array<i64: -9223372036854775808>,
        static_strides = array<i64: 1>}> : (tensor<?xf32>, tensor<?xf32>, index, index) -> tensor<?xf32>
    "scf.yield"(%both) : (tensor<?xf32>) -> ()
  }) : (tensor<?xf32>) -> tensor<?xf32>
  %f = "tensor.extract"(%r, %c0) : (tensor<?xf32>, index) -> f32
  return %f : f32
}
