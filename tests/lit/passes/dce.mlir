// RUN: tfc-opt %s -dce | FileCheck %s
// RUN: tfc-opt %s --pass-pipeline='builtin.module(func.func(dce))' | FileCheck %s

// A dead chain goes in one pass; results used by a return or by an op with effects stay.
// CHECK-LABEL: func.func @chains
// CHECK-NEXT: %[[L:.*]] = "test.pure"(%arg0) : (i32) -> i32
// CHECK-NEXT: %[[E:.*]] = "test.op"(%arg0) : (i32) -> i32
// CHECK-NEXT: "test.side_effect"(%[[L]]) : (i32) -> ()
// CHECK-NEXT: return %[[L]] : i32
func.func @chains(%x: i32) -> i32 {
  %live = "test.pure"(%x) : (i32) -> i32
  %0 = "test.pure"(%x) : (i32) -> i32
  %1 = "test.add"(%0, %live) : (i32, i32) -> i32
  %2 = "test.pure"(%1, %0) : (i32, i32) -> i32
  %e = "test.op"(%x) : (i32) -> i32
  "test.side_effect"(%live) : (i32) -> ()
  return %live : i32
}

// A region op is dead only if everything inside it is pure.
// CHECK-LABEL: func.func @region_ops
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT: "test.side_effect"(%arg0) : (i32) -> ()
// CHECK-NEXT: "test.yield"(%arg0) : (i32) -> ()
// CHECK-NEXT: }) : () -> i32
// CHECK-NEXT: return
func.func @region_ops(%x: i32) {
  %0 = "test.region"() ({
    %1 = "test.pure"(%x) : (i32) -> i32
    %2 = "test.region"() ({
      "test.yield"(%1) : (i32) -> ()
    }) : () -> i32
    "test.yield"(%2) : (i32) -> ()
  }) : () -> i32
  %3 = "test.region"() ({
    "test.side_effect"(%x) : (i32) -> ()
    "test.yield"(%x) : (i32) -> ()
  }) : () -> i32
  return
}

// Blocks that no path from the entry reaches are erased, with whatever they contain.
// CHECK-LABEL: func.func @unreachable
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT: "test.terminator"()[^bb1] : () -> ()
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: "test.side_effect"(%arg0) : (i32) -> ()
// CHECK-NEXT: "test.yield"() : () -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: return
func.func @unreachable(%x: i32) {
  "test.region"() ({
    "test.terminator"()[^bb2] : () -> ()
  ^bb1:
    %0 = "test.op"(%x) : (i32) -> i32
    "test.terminator"()[^bb3] : () -> ()
  ^bb2:
    "test.side_effect"(%x) : (i32) -> ()
    "test.yield"() : () -> ()
  ^bb3:
    "test.side_effect"(%0) : (i32) -> ()
    "test.terminator"()[^bb1] : () -> ()
  }) : () -> ()
  return
}
