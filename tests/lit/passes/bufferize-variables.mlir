// RUN: tfc-opt %s -split-input-file -bufferize | FileCheck %s

// A read of a variable that is written while the value read is still in use (here it is
// returned) is a copy taken at the read; the write is a copy into the variable.
// CHECK-LABEL: func.func @read_then_assign(
// CHECK-SAME: %[[X:.*]]: memref<4xf32>, %[[W:.*]]: memref<4xf32> {tfc.variable = "w"}) -> memref<4xf32>
// CHECK-NEXT: %[[S:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%[[W]], %[[S]])
// CHECK-NEXT: "memref.copy"(%[[X]], %[[W]])
// CHECK-NEXT: return %[[S]]
func.func @read_then_assign(%x: tensor<4xf32>, %w: memref<4xf32> {tfc.variable = "w"}) -> tensor<4xf32> {
  %r = "bufferization.to_tensor"(%w) : (memref<4xf32>) -> tensor<4xf32>
  "bufferization.materialize_in_destination"(%x, %w) <{writable}> : (tensor<4xf32>, memref<4xf32>) -> ()
  return %r : tensor<4xf32>
}

// -----

// An update stored into the variable it reads (w = w - x * x) is computed in the variable:
// the read aliases it (nothing reads it after the write), the store disappears.
// CHECK-LABEL: func.func @update(
// CHECK-SAME: %[[X:.*]]: memref<4xf32>, %[[W:.*]]: memref<4xf32> {tfc.variable = "w"})
// CHECK-NEXT: %[[M:.*]] = "memref.alloc"()
// CHECK-NEXT: "linalg.generic"(%[[X]], %[[M]])
// CHECK: "linalg.generic"(%[[W]], %[[M]], %[[W]])
// CHECK: "memref.dealloc"(%[[M]])
// CHECK-NEXT: return
// CHECK-NOT: "memref.copy"
func.func @update(%x: tensor<4xf32>, %w: memref<4xf32> {tfc.variable = "w"}) {
  %r = "bufferization.to_tensor"(%w) : (memref<4xf32>) -> tensor<4xf32>
  %e = "tensor.empty"() : () -> tensor<4xf32>
  %m = "linalg.generic"(%x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%i: f32, %o: f32):
    %p = "arith.mulf"(%i, %i) : (f32, f32) -> f32
    "linalg.yield"(%p) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %e2 = "tensor.empty"() : () -> tensor<4xf32>
  %n = "linalg.generic"(%r, %m, %e2) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = "arith.subf"(%a, %b) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  "bufferization.materialize_in_destination"(%n, %w) <{writable}> : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

// A read used before the write only needs no copy; a read between the update and its store
// keeps the update out of the variable (it must see the old value).
// CHECK-LABEL: func.func @read_between(
// CHECK-SAME: %[[X:.*]]: memref<2xf32>, %[[W:.*]]: memref<2xf32> {tfc.variable = "w"})
// CHECK-NEXT: %[[N:.*]] = "memref.alloc"()
// CHECK-NEXT: "linalg.generic"(%[[W]], %[[X]], %[[N]])
// CHECK: %[[OLD:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%[[W]], %[[OLD]])
// CHECK-NEXT: "memref.copy"(%[[N]], %[[W]])
// CHECK-NEXT: "memref.dealloc"(%[[N]])
// CHECK-NEXT: return %[[OLD]]
func.func @read_between(%x: tensor<2xf32>, %w: memref<2xf32> {tfc.variable = "w"}) -> tensor<2xf32> {
  %r = "bufferization.to_tensor"(%w) : (memref<2xf32>) -> tensor<2xf32>
  %e = "tensor.empty"() : () -> tensor<2xf32>
  %n = "linalg.generic"(%r, %x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = "arith.addf"(%a, %b) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %old = "bufferization.to_tensor"(%w) : (memref<2xf32>) -> tensor<2xf32>
  "bufferization.materialize_in_destination"(%n, %w) <{writable}> : (tensor<2xf32>, memref<2xf32>) -> ()
  return %old : tensor<2xf32>
}

// -----

// A write inside an scf.if after the read: the read is still returned, so it is a copy.
// CHECK-LABEL: func.func @write_in_branch(
// CHECK-SAME: %[[P:.*]]: i1, %[[X:.*]]: memref<2xf32>, %[[W:.*]]: memref<2xf32> {tfc.variable = "w"})
// CHECK-NEXT: %[[S:.*]] = "memref.alloc"()
// CHECK-NEXT: "memref.copy"(%[[W]], %[[S]])
// CHECK-NEXT: "scf.if"(%[[P]]) ({
// CHECK-NEXT: "memref.copy"(%[[X]], %[[W]])
// CHECK-NEXT: "scf.yield"() : () -> ()
// CHECK: return %[[S]]
func.func @write_in_branch(%p: i1, %x: tensor<2xf32>, %w: memref<2xf32> {tfc.variable = "w"}) -> tensor<2xf32> {
  %r = "bufferization.to_tensor"(%w) : (memref<2xf32>) -> tensor<2xf32>
  "scf.if"(%p) ({
    "bufferization.materialize_in_destination"(%x, %w) <{writable}> : (tensor<2xf32>, memref<2xf32>) -> ()
    "scf.yield"() : () -> ()
  }, {
    "scf.yield"() : () -> ()
  }) : (i1) -> ()
  return %r : tensor<2xf32>
}
