// RUN: tfc-opt %s -split-input-file --pass-pipeline='builtin.module(linalg-tile-matmul{vector-width=4 tile-m=2 tile-n=4 small-m=0})' | FileCheck %s
// RUN: tfc-opt %s -split-input-file --pass-pipeline='builtin.module(linalg-tile-matmul{small-m=0})' | FileCheck %s --check-prefix=DEFAULT
// RUN: tfc-opt %s -split-input-file --pass-pipeline='builtin.module(linalg-tile-matmul{vector-width=4 small-m=3})' | FileCheck %s --check-prefix=SMALL

// C += A * B: a packed, zero-padded B block (memref<panels x KC x NR>), column and depth
// block loops, B packed by one scf.parallel, then an scf.parallel over row blocks whose
// micro-kernel carries vector accumulators through the k loop.

// CHECK-LABEL: func.func @matmul
// CHECK: %[[BP:.*]] = "memref.alloc"() <{alignment = 64 : i64, operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<5x19x4xf32>
// CHECK: "scf.for"
// CHECK: "scf.for"
// CHECK: "scf.parallel"
// CHECK: "vector.load"(%arg1, %{{.*}}, %{{.*}}) : (memref<19x17xf32>, index, index) -> vector<4xf32>
// CHECK-NEXT: "vector.store"(%{{.*}}, %[[BP]], %{{.*}}, %{{.*}}, %{{.*}}) : (vector<4xf32>, memref<5x19x4xf32>, index, index, index) -> ()
// CHECK: "scf.reduce"
// CHECK: "scf.parallel"
// CHECK: %[[SCRATCH:.*]] = "memref.alloc"() <{alignment = 64 : i64, operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<2x4xf32>
// CHECK: %[[C0:.*]] = "vector.load"(%arg2, %{{.*}}, %{{.*}}) : (memref<13x17xf32>, index, index) -> vector<4xf32>
// CHECK-NEXT: %[[C1:.*]] = "vector.load"(%arg2, %{{.*}}, %{{.*}}) : (memref<13x17xf32>, index, index) -> vector<4xf32>
// CHECK-NEXT: %[[ACC:.*]]:2 = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[C0]], %[[C1]]) ({
// CHECK-NEXT: ^bb0(%{{.*}}: index, %[[X0:.*]]: vector<4xf32>, %[[X1:.*]]: vector<4xf32>):
// CHECK: %[[PANEL:.*]] = "vector.load"(%[[BP]], %{{.*}}, %{{.*}}, %{{.*}}) : (memref<5x19x4xf32>, index, index, index) -> vector<4xf32>
// CHECK-NEXT: %[[A0:.*]] = "memref.load"(%arg0, %{{.*}}, %{{.*}}) : (memref<13x19xf32>, index, index) -> f32
// CHECK-NEXT: %[[B0:.*]] = "vector.broadcast"(%[[A0]]) : (f32) -> vector<4xf32>
// CHECK-NEXT: %[[F0:.*]] = "vector.fma"(%[[B0]], %[[PANEL]], %[[X0]]) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// CHECK-NEXT: %[[A1:.*]] = "memref.load"(%arg0, %{{.*}}, %{{.*}}) : (memref<13x19xf32>, index, index) -> f32
// CHECK-NEXT: %[[B1:.*]] = "vector.broadcast"(%[[A1]]) : (f32) -> vector<4xf32>
// CHECK-NEXT: %[[F1:.*]] = "vector.fma"(%[[B1]], %[[PANEL]], %[[X1]]) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// CHECK-NEXT: "scf.yield"(%[[F0]], %[[F1]]) : (vector<4xf32>, vector<4xf32>) -> ()
// CHECK: "vector.store"(%[[ACC]]#0, %arg2, %{{.*}}, %{{.*}}) : (vector<4xf32>, memref<13x17xf32>, index, index) -> ()
// CHECK-NEXT: "vector.store"(%[[ACC]]#1, %arg2, %{{.*}}, %{{.*}}) : (vector<4xf32>, memref<13x17xf32>, index, index) -> ()
// Edge panel: accumulators start at zero and reach C through the scratch buffer.
// CHECK: "vector.store"(%{{.*}}, %[[SCRATCH]], %{{.*}}, %{{.*}}) : (vector<4xf32>, memref<2x4xf32>, index, index) -> ()
// CHECK: "memref.dealloc"(%[[SCRATCH]]) : (memref<2x4xf32>) -> ()
// CHECK: "scf.reduce"
// CHECK: "memref.dealloc"(%[[BP]]) : (memref<5x19x4xf32>) -> ()
// CHECK-NOT: linalg.matmul

// DEFAULT-LABEL: func.func @matmul
// DEFAULT: "memref.alloc"() <{alignment = 64 : i64, operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<2x19x16xf32>
// The default 6 x 16 tile of vector<8xf32>: 12 accumulators.
// DEFAULT: %{{.*}}:12 = "scf.for"
// DEFAULT-NEXT: ^bb0(%{{.*}}: index, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>, %{{.*}}: vector<8xf32>):
func.func @matmul(%a: memref<13x19xf32>, %b: memref<19x17xf32>, %c: memref<13x17xf32>) {
  "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%z, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<13x19xf32>, memref<19x17xf32>, memref<13x17xf32>) -> ()
  return
}

// -----

// Dynamic sizes come from memref.dim; the packed block keeps its static size.

// CHECK-LABEL: func.func @dynamic
// CHECK-DAG: "memref.dim"(%arg2, %{{.*}}) : (memref<?x?xf32>, index) -> index
// CHECK-DAG: "memref.dim"(%arg0, %{{.*}}) : (memref<?x?xf32>, index) -> index
// CHECK: "memref.alloc"() <{alignment = 64 : i64, operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<256x256x4xf32>
// CHECK: "scf.parallel"
// CHECK: "scf.parallel"
// CHECK: "vector.fma"
// CHECK-NOT: linalg.matmul
func.func @dynamic(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%z, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<?x?xf32>, memref<?x?xf32>, memref<?x?xf32>) -> ()
  return
}

// -----

// batch_matmul: one matmul per batch on rank-reducing subviews.

// CHECK-LABEL: func.func @batch
// CHECK: "scf.for"
// CHECK: "memref.subview"(%arg0, %{{.*}}) <{{.*}}> : (memref<3x7x5xf32>, index) -> memref<7x5xf32, strided<[5, 1], offset: ?>>
// CHECK: "memref.subview"(%arg1, %{{.*}}) <{{.*}}> : (memref<3x5x9xf32>, index) -> memref<5x9xf32, strided<[9, 1], offset: ?>>
// CHECK: "memref.subview"(%arg2, %{{.*}}) <{{.*}}> : (memref<3x7x9xf32>, index) -> memref<7x9xf32, strided<[9, 1], offset: ?>>
// CHECK: "scf.parallel"
// CHECK: "vector.fma"
// CHECK-NOT: linalg.batch_matmul
func.func @batch(%a: memref<3x7x5xf32>, %b: memref<3x5x9xf32>, %c: memref<3x7x9xf32>) {
  "linalg.batch_matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%z, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<3x7x5xf32>, memref<3x5x9xf32>, memref<3x7x9xf32>) -> ()
  return
}

// -----

// Left for linalg-to-loops: other element types, tensors, B without a unit inner stride,
// a body that is not multiply-add.

// CHECK-LABEL: func.func @untouched
// CHECK: "linalg.matmul"(%arg0, %arg0, %arg0)
// CHECK: }) : (memref<4x4xf64>, memref<4x4xf64>, memref<4x4xf64>) -> ()
// CHECK: "linalg.matmul"(%arg1, %arg1, %arg1)
// CHECK: }) : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// CHECK: "linalg.matmul"(%arg2, %arg3, %arg2)
// CHECK: }) : (memref<4x4xf32>, memref<4x4xf32, strided<[1, 4]>>, memref<4x4xf32>) -> ()
// CHECK: "linalg.matmul"(%arg2, %arg2, %arg2)
// CHECK: "arith.subf"
// CHECK-NOT: vector.fma
func.func @untouched(%d: memref<4x4xf64>, %t: tensor<4x4xf32>, %m: memref<4x4xf32>, %s: memref<4x4xf32, strided<[1, 4]>>) -> tensor<4x4xf32> {
  "linalg.matmul"(%d, %d, %d) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f64, %y: f64, %z: f64):
    %p = "arith.mulf"(%x, %y) : (f64, f64) -> f64
    %q = "arith.addf"(%z, %p) : (f64, f64) -> f64
    "linalg.yield"(%q) : (f64) -> ()
  }) : (memref<4x4xf64>, memref<4x4xf64>, memref<4x4xf64>) -> ()
  %r = "linalg.matmul"(%t, %t, %t) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %q = "arith.addf"(%z, %p) : (f32, f32) -> f32
    "linalg.yield"(%q) : (f32) -> ()
  }) : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  "linalg.matmul"(%m, %s, %m) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %q = "arith.addf"(%z, %p) : (f32, f32) -> f32
    "linalg.yield"(%q) : (f32) -> ()
  }) : (memref<4x4xf32>, memref<4x4xf32, strided<[1, 4]>>, memref<4x4xf32>) -> ()
  "linalg.matmul"(%m, %m, %m) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %p = "arith.subf"(%x, %y) : (f32, f32) -> f32
    %q = "arith.addf"(%z, %p) : (f32, f32) -> f32
    "linalg.yield"(%q) : (f32) -> ()
  }) : (memref<4x4xf32>, memref<4x4xf32>, memref<4x4xf32>) -> ()
  return %r : tensor<4x4xf32>
}

// -----

// Few rows (a dynamic M below small-m, tested at run time): no packed copy of B. Rows in
// groups (3 with 4-lane vectors: 3 x 2 accumulators + 3 broadcasts + 1 of 16 registers),
// B's rows loaded in place; the 3 columns past the last whole vector as vector<2> + vector<1>.
// The remaining rows one at a time, a whole row of B per k. M >= small-m takes the packed path.

// CHECK-LABEL: func.func @few_rows
// SMALL-LABEL: func.func @few_rows
// SMALL: %[[M:.*]] = "memref.dim"(%arg2, %{{.*}}) : (memref<?x11xf32>, index) -> index
// SMALL: %[[FEW:.*]] = "arith.cmpi"(%[[M]], %{{.*}}) <{predicate = 2 : i64}> : (index, index) -> i1
// SMALL: "scf.if"(%[[FEW]]) ({
// SMALL-NOT: "memref.alloc"
// SMALL: %{{.*}}:6 = "scf.for"
// SMALL-NEXT: ^bb0(%[[K:.*]]: index, %[[X0:.*]]: vector<4xf32>, %[[X1:.*]]: vector<4xf32>, %{{.*}}: vector<4xf32>, %{{.*}}: vector<4xf32>, %{{.*}}: vector<4xf32>, %{{.*}}: vector<4xf32>):
// SMALL-NEXT: %[[B0:.*]] = "vector.load"(%arg1, %[[K]], %{{.*}}) : (memref<5x11xf32>, index, index) -> vector<4xf32>
// SMALL-NEXT: %[[B1:.*]] = "vector.load"(%arg1, %[[K]], %{{.*}}) : (memref<5x11xf32>, index, index) -> vector<4xf32>
// SMALL-NEXT: %[[A0:.*]] = "memref.load"(%arg0, %{{.*}}, %[[K]]) : (memref<?x5xf32>, index, index) -> f32
// SMALL-NEXT: %[[S0:.*]] = "vector.broadcast"(%[[A0]]) : (f32) -> vector<4xf32>
// SMALL-NEXT: "vector.fma"(%[[S0]], %[[B0]], %[[X0]])
// SMALL-NEXT: "vector.fma"(%[[S0]], %[[B1]], %[[X1]])
// SMALL: "vector.load"(%arg1, %{{.*}}, %{{.*}}) : (memref<5x11xf32>, index, index) -> vector<2xf32>
// SMALL-NEXT: "vector.load"(%arg1, %{{.*}}, %{{.*}}) : (memref<5x11xf32>, index, index) -> vector<1xf32>
// SMALL: %{{.*}}:4 = "scf.for"
// SMALL-NEXT: ^bb0(%{{.*}}: index, %{{.*}}: vector<4xf32>, %{{.*}}: vector<4xf32>, %{{.*}}: vector<2xf32>, %{{.*}}: vector<1xf32>):
// SMALL: }, {
// SMALL: "memref.alloc"() <{alignment = 64 : i64, operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<2x5x8xf32>
// SMALL: "scf.parallel"
func.func @few_rows(%a: memref<?x5xf32>, %b: memref<5x11xf32>, %c: memref<?x11xf32>) {
  "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%z, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<?x5xf32>, memref<5x11xf32>, memref<?x11xf32>) -> ()
  return
}

// -----

// A static M below small-m: the unpacked path alone, no test; a dynamic N ends with one
// vector, then one column, at a time.

// SMALL-LABEL: func.func @one_row
// SMALL-NOT: "scf.if"
// SMALL-NOT: "memref.alloc"
// SMALL: "scf.parallel"
// SMALL: "vector.fma"
// SMALL: "scf.for"
// SMALL: "vector.fma"({{.*}}) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// SMALL: "scf.for"
// SMALL: "vector.fma"({{.*}}) : (vector<1xf32>, vector<1xf32>, vector<1xf32>) -> vector<1xf32>
// SMALL-NOT: "scf.if"
// SMALL-NOT: linalg.matmul
func.func @one_row(%a: memref<1x?xf32>, %b: memref<?x?xf32>, %c: memref<1x?xf32>) {
  "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%z, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<1x?xf32>, memref<?x?xf32>, memref<1x?xf32>) -> ()
  return
}
