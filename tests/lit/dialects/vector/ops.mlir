// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @load_store
// CHECK: %[[V:.*]] = "vector.load"(%arg0, %arg1, %arg2) : (memref<?x?xf32>, index, index) -> vector<8xf32>
// CHECK-NEXT: %[[W:.*]] = "vector.load"(%arg3, %arg1) <{nontemporal = false}> : (memref<32xf32, strided<[1], offset: ?>>, index) -> vector<16xf32>
// CHECK-NEXT: "vector.store"(%[[V]], %arg0, %arg2, %arg1) : (vector<8xf32>, memref<?x?xf32>, index, index) -> ()
// CHECK-NEXT: "vector.store"(%[[W]], %arg3, %arg2) <{nontemporal = true}> : (vector<16xf32>, memref<32xf32, strided<[1], offset: ?>>, index) -> ()
// GENERIC-LABEL: sym_name = "load_store"
// GENERIC: "vector.load"(%arg0, %arg1, %arg2) : (memref<?x?xf32>, index, index) -> vector<8xf32>
func.func @load_store(%m: memref<?x?xf32>, %i: index, %j: index, %s: memref<32xf32, strided<[1], offset: ?>>) {
  %v = "vector.load"(%m, %i, %j) : (memref<?x?xf32>, index, index) -> vector<8xf32>
  %w = "vector.load"(%s, %i) <{nontemporal = false}> : (memref<32xf32, strided<[1], offset: ?>>, index) -> vector<16xf32>
  "vector.store"(%v, %m, %j, %i) : (vector<8xf32>, memref<?x?xf32>, index, index) -> ()
  "vector.store"(%w, %s, %j) <{nontemporal = true}> : (vector<16xf32>, memref<32xf32, strided<[1], offset: ?>>, index) -> ()
  return
}

// CHECK-LABEL: func.func @arithmetic
// CHECK: %[[B:.*]] = "vector.broadcast"(%arg0) : (f32) -> vector<8xf32>
// CHECK-NEXT: %[[S:.*]] = "vector.splat"(%arg0) : (f32) -> vector<8xf32>
// CHECK-NEXT: %[[V:.*]] = "vector.broadcast"(%arg2) : (vector<1xf32>) -> vector<4x8xf32>
// CHECK-NEXT: %[[F:.*]] = "vector.fma"(%[[B]], %[[S]], %arg1) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// CHECK-NEXT: %[[A:.*]] = "arith.addf"(%[[F]], %[[B]]) : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// CHECK-NEXT: "vector.reduction"(%[[A]]) <{kind = #vector.kind<add>}> : (vector<8xf32>) -> f32
// CHECK-NEXT: "vector.reduction"(%[[A]], %arg0) <{fastmath = #arith.fastmath<reassoc>, kind = #vector.kind<maximumf>}> : (vector<8xf32>, f32) -> f32
// CHECK-NEXT: "vector.reduction"(%arg3) <{kind = #vector.kind<xor>}> : (vector<4xi32>) -> i32
func.func @arithmetic(%s: f32, %acc: vector<8xf32>, %one: vector<1xf32>, %ints: vector<4xi32>) -> (f32, f32, i32, vector<4x8xf32>) {
  %b = "vector.broadcast"(%s) : (f32) -> vector<8xf32>
  %p = "vector.splat"(%s) : (f32) -> vector<8xf32>
  %m = "vector.broadcast"(%one) : (vector<1xf32>) -> vector<4x8xf32>
  %f = "vector.fma"(%b, %p, %acc) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
  %a = "arith.addf"(%f, %b) : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
  %r = "vector.reduction"(%a) <{kind = #vector.kind<add>}> : (vector<8xf32>) -> f32
  %x = "vector.reduction"(%a, %s) <{kind = #vector.kind<maximumf>, fastmath = #arith.fastmath<reassoc>}> : (vector<8xf32>, f32) -> f32
  %i = "vector.reduction"(%ints) <{kind = #vector.kind<xor>}> : (vector<4xi32>) -> i32
  return %r, %x, %i, %m : f32, f32, i32, vector<4x8xf32>
}
