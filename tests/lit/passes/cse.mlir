// RUN: tfc-opt %s -cse | FileCheck %s
// RUN: tfc-opt %s --pass-pipeline='builtin.module(func.func(cse))' | FileCheck %s

// Identical pure ops merge; a different attribute or result type keeps them apart.
// CHECK-LABEL: func.func @simple
// CHECK-NEXT: %[[C:.*]] = "test.constant"() <{value = 1 : i32}> : () -> i32
// CHECK-NEXT: %[[A:.*]] = "test.add"(%arg0, %[[C]]) : (i32, i32) -> i32
// CHECK-NEXT: %[[P:.*]] = "test.pure"(%[[A]]) {k = 1 : i64} : (i32) -> i32
// CHECK-NEXT: %[[Q:.*]] = "test.pure"(%[[A]]) {k = 2 : i64} : (i32) -> i32
// CHECK-NEXT: %[[F:.*]] = "test.pure"(%[[A]]) {k = 1 : i64} : (i32) -> f32
// CHECK-NEXT: "test.side_effect"(%[[A]], %[[A]], %[[P]], %[[P]], %[[Q]], %[[F]]) : (i32, i32, i32, i32, i32, f32) -> ()
func.func @simple(%x: i32) {
  %c1 = "test.constant"() <{value = 1 : i32}> : () -> i32
  %c1b = "test.constant"() <{value = 1 : i32}> : () -> i32
  %0 = "test.add"(%x, %c1) : (i32, i32) -> i32
  %1 = "test.add"(%x, %c1b) : (i32, i32) -> i32
  %2 = "test.pure"(%0) {k = 1 : i64} : (i32) -> i32
  %3 = "test.pure"(%1) {k = 1 : i64} : (i32) -> i32
  %4 = "test.pure"(%1) {k = 2 : i64} : (i32) -> i32
  %5 = "test.pure"(%1) {k = 1 : i64} : (i32) -> f32
  "test.side_effect"(%0, %1, %2, %3, %4, %5) : (i32, i32, i32, i32, i32, f32) -> ()
  return
}

// Ops with side effects are never merged.
// CHECK-LABEL: func.func @side_effects
// CHECK-NEXT: %[[A:.*]] = "test.op"(%arg0) : (i32) -> i32
// CHECK-NEXT: %[[B:.*]] = "test.op"(%arg0) : (i32) -> i32
// CHECK-NEXT: "test.side_effect"(%[[A]], %[[B]]) : (i32, i32) -> ()
func.func @side_effects(%x: i32) {
  %0 = "test.op"(%x) : (i32) -> i32
  %1 = "test.op"(%x) : (i32) -> i32
  "test.side_effect"(%0, %1) : (i32, i32) -> ()
  return
}

// An expression of the enclosing region is visible in a nested one, not the other way round;
// an isolated-from-above region starts afresh.
// CHECK-LABEL: func.func @nested_regions
// CHECK-NEXT: %[[OUT:.*]] = "test.pure"(%arg0) : (i32) -> i32
// CHECK-NEXT: %[[R:.*]] = "test.region"() ({
// CHECK-NEXT: %[[IN:.*]] = "test.pure"(%[[OUT]]) : (i32) -> i32
// CHECK-NEXT: "test.yield"(%[[IN]]) : (i32) -> ()
// CHECK-NEXT: }) : () -> i32
// CHECK-NEXT: %[[AFTER:.*]] = "test.pure"(%[[OUT]]) : (i32) -> i32
// CHECK-NEXT: %[[I:.*]] = "test.isolated_region"(%arg0) ({
// CHECK-NEXT: ^bb0(%[[ARG:.*]]: i32):
// CHECK-NEXT: %[[ISO:.*]] = "test.pure"(%[[ARG]]) : (i32) -> i32
// CHECK-NEXT: "test.yield"(%[[ISO]]) : (i32) -> ()
// CHECK-NEXT: }) : (i32) -> i32
// CHECK-NEXT: "test.side_effect"(%[[R]], %[[AFTER]], %[[I]]) : (i32, i32, i32) -> ()
func.func @nested_regions(%x: i32) {
  %0 = "test.pure"(%x) : (i32) -> i32
  %r = "test.region"() ({
    %1 = "test.pure"(%x) : (i32) -> i32
    %2 = "test.pure"(%1) : (i32) -> i32
    "test.yield"(%2) : (i32) -> ()
  }) : () -> i32
  %3 = "test.pure"(%0) : (i32) -> i32
  %i = "test.isolated_region"(%x) ({
  ^bb0(%y: i32):
    %4 = "test.pure"(%y) : (i32) -> i32
    "test.yield"(%4) : (i32) -> ()
  }) : (i32) -> i32
  "test.side_effect"(%r, %3, %i) : (i32, i32, i32) -> ()
  return
}

// Across blocks an expression is reused only where its block dominates.
// CHECK-LABEL: func.func @dominance
// CHECK: %[[E:.*]] = "test.pure"(%arg0) : (i32) -> i32
// CHECK-NEXT: "test.terminator"(%arg1)[^bb1, ^bb2] : (i1) -> ()
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: %[[L:.*]] = "test.pure"(%[[E]], %[[E]]) : (i32, i32) -> i32
// CHECK-NEXT: "test.yield"(%[[L]]) : (i32) -> ()
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: %[[R:.*]] = "test.pure"(%[[E]], %[[E]]) : (i32, i32) -> i32
// CHECK-NEXT: "test.yield"(%[[R]]) : (i32) -> ()
func.func @dominance(%x: i32, %c: i1) {
  %r = "test.region"() ({
    %0 = "test.pure"(%x) : (i32) -> i32
    "test.terminator"(%c)[^bb1, ^bb2] : (i1) -> ()
  ^bb1:
    %1 = "test.pure"(%x) : (i32) -> i32
    %2 = "test.pure"(%1, %1) : (i32, i32) -> i32
    "test.yield"(%2) : (i32) -> ()
  ^bb2:
    %3 = "test.pure"(%0, %0) : (i32, i32) -> i32
    "test.yield"(%3) : (i32) -> ()
  }) : () -> i32
  "test.side_effect"(%r) : (i32) -> ()
  return
}

// Trivially dead ops are erased on the way.
// CHECK-LABEL: func.func @dead
// CHECK-NOT: "test.pure"
// CHECK: return
func.func @dead(%x: i32) {
  %0 = "test.pure"(%x) : (i32) -> i32
  return
}

// CHECK-LABEL: func.func @arith
// CHECK-NEXT: %[[C:.*]] = "arith.constant"() <{value = 2 : i32}> : () -> i32
// CHECK-NEXT: %[[M:.*]] = "arith.muli"(%arg0, %[[C]]) : (i32, i32) -> i32
// CHECK-NEXT: %[[S:.*]] = "arith.subi"(%[[M]], %[[M]]) : (i32, i32) -> i32
// CHECK-NEXT: return %[[S]] : i32
func.func @arith(%x: i32) -> i32 {
  %c2 = "arith.constant"() <{value = 2 : i32}> : () -> i32
  %c2b = "arith.constant"() <{value = 2 : i32}> : () -> i32
  %0 = "arith.muli"(%x, %c2) : (i32, i32) -> i32
  %1 = "arith.muli"(%x, %c2b) : (i32, i32) -> i32
  %2 = "arith.subi"(%0, %1) : (i32, i32) -> i32
  return %2 : i32
}
