// RUN: tfc-opt %s -canonicalize | FileCheck %s
// RUN: tfc-opt %s --pass-pipeline='builtin.module(func.func(canonicalize))' | FileCheck %s
// RUN: tfc-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations=3 test-convergence=true})' | FileCheck %s

// Constant operands fold; the results are materialized once, at the top of the function.
// CHECK-LABEL: func.func @fold_constants
// CHECK-NEXT: %[[C3:.*]] = "test.constant"() <{value = 3 : i32}> : () -> i32
// CHECK-NEXT: %[[C7:.*]] = "test.constant"() <{value = 7 : i32}> : () -> i32
// CHECK-NEXT: "test.side_effect"(%[[C3]], %[[C3]], %[[C7]]) : (i32, i32, i32) -> ()
// CHECK-NEXT: return
func.func @fold_constants() {
  %c1 = "test.constant"() <{value = 1 : i32}> : () -> i32
  %c2 = "test.constant"() <{value = 2 : i32}> : () -> i32
  %0 = "test.add"(%c1, %c2) : (i32, i32) -> i32
  %1 = "test.add"(%c2, %c1) : (i32, i32) -> i32
  %c4 = "test.constant"() <{value = 4 : i32}> : () -> i32
  %2 = "test.add"(%1, %c4) : (i32, i32) -> i32
  "test.side_effect"(%0, %1, %2) : (i32, i32, i32) -> ()
  return
}

// x + 0 folds to x; a constant operand of a commutative op moves to the right.
// CHECK-LABEL: func.func @identity_and_commutative
// CHECK-NEXT: %[[C5:.*]] = "test.constant"() <{value = 5 : i32}> : () -> i32
// CHECK-NEXT: %[[S:.*]] = "test.add"(%arg0, %[[C5]]) : (i32, i32) -> i32
// CHECK-NEXT: return %[[S]] : i32
func.func @identity_and_commutative(%x: i32) -> i32 {
  %zero = "test.constant"() <{value = 0 : i32}> : () -> i32
  %c5 = "test.constant"() <{value = 5 : i32}> : () -> i32
  %0 = "test.add"(%zero, %x) : (i32, i32) -> i32
  %1 = "test.add"(%c5, %0) : (i32, i32) -> i32
  return %1 : i32
}

// Dead pure ops go (a region op too when its body is pure); ops with effects stay.
// CHECK-LABEL: func.func @dead_code
// CHECK-NOT: "test.pure"
// CHECK: %[[OP:.*]] = "test.op"(%arg0) : (i32) -> i32
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT: "test.side_effect"(%arg0) : (i32) -> ()
// CHECK-NEXT: "test.yield"() : () -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: return
func.func @dead_code(%x: i32) {
  %0 = "test.pure"(%x) : (i32) -> i32
  %1 = "test.pure"(%0) : (i32) -> i32
  %2 = "test.op"(%x) : (i32) -> i32
  %3 = "test.region"() ({
    %4 = "test.pure"(%x) : (i32) -> i32
    "test.yield"(%4) : (i32) -> ()
  }) : () -> i32
  "test.region"() ({
    "test.side_effect"(%x) : (i32) -> ()
    "test.yield"() : () -> ()
  }) : () -> ()
  return
}

// Constants in nested regions are hoisted to the function entry and merged there, but never
// out of an isolated-from-above region.
// CHECK-LABEL: func.func @hoisting
// CHECK-NEXT: %[[C1:.*]] = "test.constant"() <{value = 1 : i32}> : () -> i32
// CHECK-NEXT: %[[R:.*]] = "test.region"() ({
// CHECK-NEXT: "test.yield"(%[[C1]]) : (i32) -> ()
// CHECK-NEXT: }) : () -> i32
// CHECK-NEXT: %[[I:.*]] = "test.isolated_region"() ({
// CHECK-NEXT: %[[IC:.*]] = "test.constant"() <{value = 1 : i32}> : () -> i32
// CHECK-NEXT: "test.yield"(%[[IC]]) : (i32) -> ()
// CHECK-NEXT: }) : () -> i32
// CHECK-NEXT: "test.side_effect"(%[[C1]], %[[R]], %[[I]]) : (i32, i32, i32) -> ()
func.func @hoisting() {
  %c1 = "test.constant"() <{value = 1 : i32}> : () -> i32
  %r = "test.region"() ({
    %c1b = "test.constant"() <{value = 1 : i32}> : () -> i32
    "test.yield"(%c1b) : (i32) -> ()
  }) : () -> i32
  %i = "test.isolated_region"() ({
    %c1c = "test.constant"() <{value = 1 : i32}> : () -> i32
    "test.yield"(%c1c) : (i32) -> ()
  }) : () -> i32
  "test.side_effect"(%c1, %r, %i) : (i32, i32, i32) -> ()
  return
}

// 0.0 and -0.0 are different constants; x + -0.0 is x but x + 0.0 is not.
// CHECK-LABEL: func.func @signed_zeros
// CHECK-NEXT: %[[P:.*]] = "test.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
// CHECK-NEXT: %[[N:.*]] = "test.constant"() <{value = -0.000000e+00 : f32}> : () -> f32
// CHECK-NEXT: %[[S:.*]] = "test.add"(%arg0, %[[P]]) : (f32, f32) -> f32
// CHECK-NEXT: "test.side_effect"(%[[S]], %arg0, %[[P]], %[[N]]) : (f32, f32, f32, f32) -> ()
func.func @signed_zeros(%x: f32) {
  %p = "test.constant"() <{value = 0.0 : f32}> : () -> f32
  %n = "test.constant"() <{value = -0.0 : f32}> : () -> f32
  %0 = "test.add"(%x, %p) : (f32, f32) -> f32
  %1 = "test.add"(%x, %n) : (f32, f32) -> f32
  "test.side_effect"(%0, %1, %p, %n) : (f32, f32, f32, f32) -> ()
  return
}

// The same with arith ops: folds through the arith dialect's constants.
// CHECK-LABEL: func.func @arith
// CHECK-NEXT: %[[C5:.*]] = "arith.constant"() <{value = 5 : i32}> : () -> i32
// CHECK-NEXT: %[[S:.*]] = "arith.addi"(%arg0, %[[C5]])
// CHECK-NEXT: return %[[S]] : i32
func.func @arith(%x: i32) -> i32 {
  %c0 = "arith.constant"() <{value = 0 : i32}> : () -> i32
  %c2 = "arith.constant"() <{value = 2 : i32}> : () -> i32
  %c3 = "arith.constant"() <{value = 3 : i32}> : () -> i32
  %0 = "arith.addi"(%c2, %c3) : (i32, i32) -> i32
  %1 = "arith.addi"(%x, %c0) : (i32, i32) -> i32
  %2 = "arith.addi"(%0, %1) : (i32, i32) -> i32
  return %2 : i32
}
