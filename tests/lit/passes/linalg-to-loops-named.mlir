// RUN: tfc-opt %s --pass-pipeline='builtin.module(linalg-to-loops{parallel-threshold=0})' | FileCheck %s

// Named ops lower through the same structured-op interface as linalg.generic. With
// parallel-threshold=0 every op with leading parallel output dims gets an scf.parallel.

// matmul: (m, n) in parallel, k carried as an iter_arg of the output element.
// CHECK-LABEL: func.func @matmul(
// CHECK-DAG: %[[C0:.*]] = "arith.constant"() <{value = 0 : index}> : () -> index
// CHECK-DAG: %[[C1:.*]] = "arith.constant"() <{value = 1 : index}> : () -> index
// CHECK-DAG: %[[C4:.*]] = "arith.constant"() <{value = 4 : index}> : () -> index
// CHECK-DAG: %[[C8:.*]] = "arith.constant"() <{value = 8 : index}> : () -> index
// CHECK-DAG: %[[C2:.*]] = "arith.constant"() <{value = 2 : index}> : () -> index
// CHECK: "scf.parallel"(%[[C0]], %[[C0]], %[[C4]], %[[C2]], %[[C1]], %[[C1]])
// CHECK-NEXT: ^bb0(%[[M:.*]]: index, %[[N:.*]]: index):
// CHECK-NEXT: %[[INIT:.*]] = "memref.load"(%arg2, %[[M]], %[[N]])
// CHECK-NEXT: %[[R:.*]] = "scf.for"(%[[C0]], %[[C8]], %[[C1]], %[[INIT]]) ({
// CHECK-NEXT: ^bb0(%[[K:.*]]: index, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[A:.*]] = "memref.load"(%arg0, %[[M]], %[[K]])
// CHECK-NEXT: %[[B:.*]] = "memref.load"(%arg1, %[[K]], %[[N]])
// CHECK-NEXT: %[[P:.*]] = "arith.mulf"(%[[A]], %[[B]])
// CHECK-NEXT: %[[S:.*]] = "arith.addf"(%[[ACC]], %[[P]])
// CHECK-NEXT: "scf.yield"(%[[S]]) : (f32) -> ()
// CHECK: "memref.store"(%[[R]], %arg2, %[[M]], %[[N]])
// CHECK-NEXT: "scf.reduce"() : () -> ()
func.func @matmul(%a: memref<4x8xf32>, %b: memref<8x2xf32>, %c: memref<4x2xf32>) {
  "linalg.matmul"(%a, %b, %c) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = "arith.mulf"(%x, %y) : (f32, f32) -> f32
    %s = "arith.addf"(%acc, %p) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<4x8xf32>, memref<8x2xf32>, memref<4x2xf32>) -> ()
  return
}

// fill: the scalar input is stored as it is; nothing is loaded.
// CHECK-LABEL: func.func @fill(
// CHECK: "scf.parallel"
// CHECK-NEXT: ^bb0(%[[I:.*]]: index, %[[J:.*]]: index):
// CHECK-NEXT: "memref.store"(%arg0, %arg1, %[[I]], %[[J]]) : (f32, memref<2x3xf32>, index, index) -> ()
// CHECK-NEXT: "scf.reduce"
func.func @fill(%v: f32, %o: memref<2x3xf32>) {
  "linalg.fill"(%v, %o) <{operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (f32, memref<2x3xf32>) -> ()
  return
}

// transpose reads the input at the permuted indices.
// CHECK-LABEL: func.func @transpose(
// CHECK: ^bb0(%[[I:.*]]: index, %[[J:.*]]: index):
// CHECK-NEXT: %[[X:.*]] = "memref.load"(%arg0, %[[J]], %[[I]]) : (memref<2x3xf32>, index, index) -> f32
// CHECK-NEXT: "memref.store"(%[[X]], %arg1, %[[I]], %[[J]]) : (f32, memref<3x2xf32>, index, index) -> ()
func.func @transpose(%a: memref<2x3xf32>, %o: memref<3x2xf32>) {
  "linalg.transpose"(%a, %o) <{permutation = array<i64: 1, 0>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (memref<2x3xf32>, memref<3x2xf32>) -> ()
  return
}

// broadcast reads the input without the added dim.
// CHECK-LABEL: func.func @broadcast(
// CHECK: ^bb0(%[[I:.*]]: index, %[[J:.*]]: index, %[[K:.*]]: index):
// CHECK-NEXT: %[[X:.*]] = "memref.load"(%arg0, %[[I]], %[[K]]) : (memref<2x3xf32>, index, index) -> f32
// CHECK-NEXT: "memref.store"(%[[X]], %arg1, %[[I]], %[[J]], %[[K]])
func.func @broadcast(%a: memref<2x3xf32>, %o: memref<2x4x3xf32>) {
  "linalg.broadcast"(%a, %o) <{dimensions = array<i64: 1>}> ({
  ^bb0(%in: f32, %out: f32):
    "linalg.yield"(%in) : (f32) -> ()
  }) : (memref<2x3xf32>, memref<2x4x3xf32>) -> ()
  return
}

// reduce over the inner dim: an iter_arg accumulator inside the scf.parallel.
// CHECK-LABEL: func.func @reduce(
// CHECK: "scf.parallel"
// CHECK-NEXT: ^bb0(%[[I:.*]]: index):
// CHECK-NEXT: %[[INIT:.*]] = "memref.load"(%arg1, %[[I]])
// CHECK-NEXT: %[[R:.*]] = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[INIT]])
// CHECK: "memref.store"(%[[R]], %arg1, %[[I]])
func.func @reduce(%a: memref<2x3xf32>, %o: memref<2xf32>) {
  "linalg.reduce"(%a, %o) <{dimensions = array<i64: 1>, operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %acc: f32):
    %s = "arith.addf"(%in, %acc) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<2x3xf32>, memref<2xf32>) -> ()
  return
}

// reduce over the outer dim: no dim is both leading and parallel, so plain loops.
// CHECK-LABEL: func.func @reduce_outer(
// CHECK-NOT: scf.parallel
// CHECK: "scf.for"
// CHECK: return
func.func @reduce_outer(%a: memref<2x3xf32>, %o: memref<3xf32>) {
  "linalg.reduce"(%a, %o) <{dimensions = array<i64: 0>, operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%in: f32, %acc: f32):
    %s = "arith.addf"(%in, %acc) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<2x3xf32>, memref<3xf32>) -> ()
  return
}

// map: the body's block has only the input elements.
// CHECK-LABEL: func.func @map(
// CHECK: ^bb0(%[[I:.*]]: index):
// CHECK-NEXT: %[[X:.*]] = "memref.load"(%arg0, %[[I]])
// CHECK-NEXT: %[[Y:.*]] = "memref.load"(%arg1, %[[I]])
// CHECK-NEXT: %[[S:.*]] = "arith.subf"(%[[X]], %[[Y]])
// CHECK-NEXT: "memref.store"(%[[S]], %arg2, %[[I]])
func.func @map(%a: memref<5xf32>, %b: memref<5xf32>, %o: memref<5xf32>) {
  "linalg.map"(%a, %b, %o) ({
  ^bb0(%x: f32, %y: f32):
    %s = "arith.subf"(%x, %y) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<5xf32>, memref<5xf32>, memref<5xf32>) -> ()
  return
}

// conv_2d with stride 2: (n, oh, ow, f) in parallel; (kh, kw, c) carry the accumulator; the
// input index `oh * 2 + kh` is index arithmetic in the innermost loop.
// CHECK-LABEL: func.func @conv(
// CHECK: "scf.parallel"
// CHECK-NEXT: ^bb0(%[[N:.*]]: index, %[[OH:.*]]: index, %[[OW:.*]]: index, %[[F:.*]]: index):
// CHECK-NEXT: %[[INIT:.*]] = "memref.load"(%arg2, %[[N]], %[[OH]], %[[OW]], %[[F]])
// CHECK-NEXT: %[[R:.*]] = "scf.for"(%{{.*}}, %{{.*}}, %{{.*}}, %[[INIT]]) ({
// CHECK-NEXT: ^bb0(%[[KH:.*]]: index, %{{.*}}: f32):
// CHECK: ^bb0(%[[KW:.*]]: index, %{{.*}}: f32):
// CHECK: ^bb0(%[[C:.*]]: index, %{{.*}}: f32):
// CHECK-NEXT: %[[H2:.*]] = "arith.muli"(%[[OH]], %{{.*}}) : (index, index) -> index
// CHECK-NEXT: %[[H:.*]] = "arith.addi"(%[[H2]], %[[KH]]) : (index, index) -> index
// CHECK-NEXT: %[[W2:.*]] = "arith.muli"(%[[OW]], %{{.*}}) : (index, index) -> index
// CHECK-NEXT: %[[W:.*]] = "arith.addi"(%[[W2]], %[[KW]]) : (index, index) -> index
// CHECK-NEXT: "memref.load"(%arg0, %[[N]], %[[H]], %[[W]], %[[C]])
// CHECK-NEXT: "memref.load"(%arg1, %[[KH]], %[[KW]], %[[C]], %[[F]])
// CHECK: "memref.store"(%[[R]], %arg2, %[[N]], %[[OH]], %[[OW]], %[[F]])
// CHECK-NOT: linalg.
func.func @conv(%i: memref<1x9x9x3xf32>, %k: memref<3x3x3x8xf32>, %o: memref<1x4x4x8xf32>) {
  "linalg.conv_2d_nhwc_hwcf"(%i, %k, %o) <{dilations = dense<1> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : tensor<2xi64>}> ({
  ^bb0(%in: f32, %f: f32, %out: f32):
    %m = "arith.mulf"(%in, %f) : (f32, f32) -> f32
    %s = "arith.addf"(%out, %m) : (f32, f32) -> f32
    "linalg.yield"(%s) : (f32) -> ()
  }) : (memref<1x9x9x3xf32>, memref<3x3x3x8xf32>, memref<1x4x4x8xf32>) -> ()
  return
}

// max pooling: the window operand only gives the bounds of (kh, kw); it is never loaded.
// CHECK-LABEL: func.func @max_pool(
// CHECK-NOT: "memref.load"(%arg1
// CHECK: "arith.maximumf"
// CHECK-NOT: "memref.load"(%arg1
// CHECK: return
func.func @max_pool(%i: memref<1x4x4x2xf32>, %w: memref<2x2xf32>, %o: memref<1x3x3x2xf32>) {
  "linalg.pooling_nhwc_max"(%i, %w, %o) <{operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%in: f32, %win: f32, %out: f32):
    %m = "arith.maximumf"(%out, %in) : (f32, f32) -> f32
    "linalg.yield"(%m) : (f32) -> ()
  }) : (memref<1x4x4x2xf32>, memref<2x2xf32>, memref<1x3x3x2xf32>) -> ()
  return
}
