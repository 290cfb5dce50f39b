// RUN: tfc-opt %s -linalg-to-loops | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
#bcast = affine_map<(d0, d1) -> (0, d1)>
#scalar = affine_map<(d0, d1) -> ()>
#shift = affine_map<(d0, d1) -> (d0 + d1)>
#split = affine_map<(d0) -> (d0 floordiv 4, d0 mod 4)>
#id1 = affine_map<(d0) -> (d0)>

// A big enough elementwise op: both parallel dims become one scf.parallel; each input is
// loaded at the induction variables and the yielded value is stored into the init.
// CHECK-LABEL: func.func @elementwise_parallel(
// CHECK-DAG: %[[C0:.*]] = "arith.constant"() <{value = 0 : index}> : () -> index
// CHECK-DAG: %[[C1:.*]] = "arith.constant"() <{value = 1 : index}> : () -> index
// CHECK-DAG: %[[C256:.*]] = "arith.constant"() <{value = 256 : index}> : () -> index
// CHECK: "scf.parallel"(%[[C0]], %[[C0]], %[[C256]], %[[C256]], %[[C1]], %[[C1]]) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT: ^bb0(%[[I:.*]]: index, %[[J:.*]]: index):
// CHECK-NEXT: %[[A:.*]] = "memref.load"(%arg0, %[[I]], %[[J]]) : (memref<256x256xf32>, index, index) -> f32
// CHECK-NEXT: %[[B:.*]] = "memref.load"(%arg1, %[[I]], %[[J]]) : (memref<256x256xf32>, index, index) -> f32
// CHECK-NEXT: %[[S:.*]] = "arith.addf"(%[[A]], %[[B]])
// CHECK-NEXT: "memref.store"(%[[S]], %arg2, %[[I]], %[[J]]) : (f32, memref<256x256xf32>, index, index) -> ()
// CHECK-NEXT: "scf.reduce"() : () -> ()
// CHECK-NOT: linalg.
// CHECK: return
func.func @elementwise_parallel(%a: memref<256x256xf32>, %b: memref<256x256xf32>, %o: memref<256x256xf32>) {
  "linalg.generic"(%a, %b, %o) <{indexing_maps = [#id, #id, #id], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = "arith.addf"(%x, %y) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<256x256xf32>, memref<256x256xf32>, memref<256x256xf32>) -> ()
  return
}

// Below the parallel threshold the same op is a plain scf.for nest; an output element the
// body never reads is not loaded.
// CHECK-LABEL: func.func @elementwise_small(
// CHECK-NOT: scf.parallel
// CHECK: "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}) ({
// CHECK-NEXT: ^bb0(%[[I:.*]]: index):
// CHECK-NEXT: "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}) ({
// CHECK-NEXT: ^bb0(%[[J:.*]]: index):
// CHECK-NEXT: %[[A:.*]] = "memref.load"(%arg0, %[[I]], %[[J]])
// CHECK-NEXT: %[[N:.*]] = "arith.negf"(%[[A]])
// CHECK-NEXT: "memref.store"(%[[N]], %arg1, %[[I]], %[[J]])
// CHECK-NEXT: "scf.yield"() : () -> ()
// CHECK: "scf.yield"() : () -> ()
func.func @elementwise_small(%a: memref<4x8xf32>, %o: memref<4x8xf32>) {
  "linalg.generic"(%a, %o) <{indexing_maps = [#id, #id], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %z: f32):
    %n = "arith.negf"(%x) : (f32) -> f32
    "linalg.yield"(%n) : (f32) -> ()
  }) : (memref<4x8xf32>, memref<4x8xf32>) -> ()
  return
}

// A row reduction: the output element is loaded once, carried through the reduction loop as
// an iter_arg and stored once after it. linalg.index becomes the induction variable.
// CHECK-LABEL: func.func @row_sum_with_index(
// CHECK: "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}) ({
// CHECK-NEXT: ^bb0(%[[I:.*]]: index):
// CHECK-NEXT: %[[INIT:.*]] = "memref.load"(%arg1, %[[I]]) : (memref<2xi32>, index) -> i32
// CHECK-NEXT: %[[R:.*]] = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[INIT]]) ({
// CHECK-NEXT: ^bb0(%[[K:.*]]: index, %[[ACC:.*]]: i32):
// CHECK-NEXT: %[[X:.*]] = "memref.load"(%arg0, %[[I]], %[[K]])
// CHECK-NEXT: %[[C:.*]] = "arith.index_cast"(%[[K]]) : (index) -> i32
// CHECK-NEXT: %[[M:.*]] = "arith.muli"(%[[X]], %[[C]])
// CHECK-NEXT: %[[S:.*]] = "arith.addi"(%[[ACC]], %[[M]])
// CHECK-NEXT: "scf.yield"(%[[S]]) : (i32) -> ()
// CHECK-NEXT: }) : (index, index, index, i32) -> i32
// CHECK-NEXT: "memref.store"(%[[R]], %arg1, %[[I]]) : (i32, memref<2xi32>, index) -> ()
// CHECK-NOT: linalg.index
func.func @row_sum_with_index(%a: memref<2x3xi32>, %out: memref<2xi32>) {
  "linalg.generic"(%a, %out) <{indexing_maps = [#id, #row], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: i32, %acc: i32):
    %i = "linalg.index"() <{dim = 1 : i64}> : () -> index
    %c = "arith.index_cast"(%i) : (index) -> i32
    %m = "arith.muli"(%x, %c) : (i32, i32) -> i32
    %s = "arith.addi"(%acc, %m) : (i32, i32) -> i32
    "linalg.yield"(%s) : (i32) -> ()
  }) : (memref<2x3xi32>, memref<2xi32>) -> ()
  return
}

// A reduction over the outer dim: the output element changes with the inner loop, so it is
// loaded and stored in the innermost loop (loop order is the op's).
// CHECK-LABEL: func.func @column_max(
// CHECK: ^bb0(%[[K:.*]]: index):
// CHECK: ^bb0(%[[J:.*]]: index):
// CHECK-NEXT: %[[ACC:.*]] = "memref.load"(%arg1, %[[J]])
// CHECK-NEXT: %[[X:.*]] = "memref.load"(%arg0, %[[K]], %[[J]])
// CHECK-NEXT: %[[M:.*]] = "arith.maximumf"(%[[X]], %[[ACC]])
// CHECK-NEXT: "memref.store"(%[[M]], %arg1, %[[J]])
func.func @column_max(%a: memref<3x4xf32>, %out: memref<4xf32>) {
  "linalg.generic"(%a, %out) <{indexing_maps = [#id, #col], iterator_types = [#linalg.iterator_type<reduction>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    %m = "arith.maximumf"(%x, %acc) : (f32, f32) -> f32
    "linalg.yield"(%m) : (f32) -> ()
  }) : (memref<3x4xf32>, memref<4xf32>) -> ()
  return
}

// A full reduction into a rank-0 buffer: one load before the whole nest, one store after.
// CHECK-LABEL: func.func @total(
// CHECK: %[[INIT:.*]] = "memref.load"(%arg1) : (memref<f32>) -> f32
// CHECK-NEXT: %[[R:.*]] = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[INIT]]) ({
// CHECK-NEXT: ^bb0(%{{.*}}: index, %[[OUTER:.*]]: f32):
// CHECK-NEXT: %[[IN:.*]] = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[OUTER]]) ({
// CHECK: "scf.yield"(%[[IN]]) : (f32) -> ()
// CHECK-NEXT: }) : (index, index, index, f32) -> f32
// CHECK-NEXT: "memref.store"(%[[R]], %arg1) : (f32, memref<f32>) -> ()
func.func @total(%a: memref<3x4xf32>, %out: memref<f32>) {
  "linalg.generic"(%a, %out) <{indexing_maps = [#id, #scalar], iterator_types = [#linalg.iterator_type<reduction>, #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    %s = "arith.addf"(%acc, %x) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<3x4xf32>, memref<f32>) -> ()
  return
}

// A broadcast operand with a size-1 dim reads index 0 (a constant).
// CHECK-LABEL: func.func @broadcast_row(
// CHECK-DAG: %[[C0:.*]] = "arith.constant"() <{value = 0 : index}> : () -> index
// CHECK: ^bb0(%[[I:.*]]: index):
// CHECK: ^bb0(%[[J:.*]]: index):
// CHECK-NEXT: %[[X:.*]] = "memref.load"(%arg0, %[[C0]], %[[J]]) : (memref<1x8xf32>, index, index) -> f32
// CHECK-NEXT: "memref.store"(%[[X]], %arg1, %[[I]], %[[J]])
func.func @broadcast_row(%a: memref<1x8xf32>, %o: memref<4x8xf32>) {
  "linalg.generic"(%a, %o) <{indexing_maps = [#bcast, #id], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %z: f32):
    "linalg.yield"(%x) : (f32) -> ()
  }) : (memref<1x8xf32>, memref<4x8xf32>) -> ()
  return
}

// Dynamic sizes come from memref.dim of an operand that has the dim bare in its map; an op
// of unknown size is treated as big enough for scf.parallel.
// CHECK-LABEL: func.func @dynamic(
// CHECK-DAG: %[[C0:.*]] = "arith.constant"() <{value = 0 : index}> : () -> index
// CHECK-DAG: %[[C1:.*]] = "arith.constant"() <{value = 1 : index}> : () -> index
// CHECK-DAG: %[[D0:.*]] = "memref.dim"(%arg0, %[[C0]]) : (memref<?x?xf32>, index) -> index
// CHECK-DAG: %[[D1:.*]] = "memref.dim"(%arg0, %[[C1]]) : (memref<?x?xf32>, index) -> index
// CHECK: "scf.parallel"(%[[C0]], %[[C0]], %[[D0]], %[[D1]], %[[C1]], %[[C1]])
func.func @dynamic(%a: memref<?x?xf32>, %o: memref<?x?xf32>) {
  "linalg.generic"(%a, %o) <{indexing_maps = [#id, #id], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %z: f32):
    %m = "arith.mulf"(%x, %x) : (f32, f32) -> f32
    "linalg.yield"(%m) : (f32) -> ()
  }) : (memref<?x?xf32>, memref<?x?xf32>) -> ()
  return
}

// Non-trivial map results lower to index arithmetic: `+`, `floordiv`, and `mod` (remsi made
// non-negative, as affine `mod` is).
// CHECK-LABEL: func.func @index_arith(
// CHECK: ^bb0(%[[I:.*]]: index):
// CHECK: ^bb0(%[[K:.*]]: index, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = "arith.addi"(%[[I]], %[[K]]) : (index, index) -> index
// CHECK-NEXT: "memref.load"(%arg0, %[[SUM]])
// CHECK-LABEL: func.func @split(
// CHECK: ^bb0(%[[I:.*]]: index):
// CHECK-NEXT: %[[Q:.*]] = "arith.floordivsi"(%[[I]], %{{.*}}) : (index, index) -> index
// CHECK-NEXT: %[[R:.*]] = "arith.remsi"(%[[I]], %{{.*}}) : (index, index) -> index
// CHECK-NEXT: %[[P:.*]] = "arith.addi"(%[[R]], %{{.*}})
// CHECK-NEXT: %[[NEG:.*]] = "arith.cmpi"(%[[R]], %{{.*}}) <{predicate = 2 : i64}>
// CHECK-NEXT: %[[MOD:.*]] = "arith.select"(%[[NEG]], %[[P]], %[[R]])
// CHECK-NEXT: "memref.load"(%arg0, %[[Q]], %[[MOD]]) : (memref<3x4xf32>, index, index) -> f32
func.func @index_arith(%a: memref<10xf32>, %w: memref<3xf32>, %o: memref<8xf32>) {
  "linalg.generic"(%a, %w, %o) <{indexing_maps = [#shift, #col, #row], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<10xf32>, memref<3xf32>, memref<8xf32>) -> ()
  return
}
func.func @split(%a: memref<3x4xf32>, %o: memref<12xf32>) {
  "linalg.generic"(%a, %o) <{indexing_maps = [#split, #id1], iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %z: f32):
    "linalg.yield"(%x) : (f32) -> ()
  }) : (memref<3x4xf32>, memref<12xf32>) -> ()
  return
}

// Ops on tensors (value semantics) and non-linalg ops such as memref.copy are left alone.
// CHECK-LABEL: func.func @untouched(
// CHECK: "linalg.generic"(%arg0, %arg1)
// CHECK: "memref.copy"(%arg2, %arg3)
func.func @untouched(%t: tensor<4xf32>, %i: tensor<4xf32>, %a: memref<4xf32>, %b: memref<4xf32>) -> tensor<4xf32> {
  %r = "linalg.generic"(%t, %i) <{indexing_maps = [#id1, #id1], iterator_types = [#linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %z: f32):
    "linalg.yield"(%x) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  "memref.copy"(%a, %b) : (memref<4xf32>, memref<4xf32>) -> ()
  return %r : tensor<4xf32>
}
