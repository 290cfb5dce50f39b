// RUN: tfc-opt %s -inline | FileCheck %s
// RUN: tfc-opt %s --pass-pipeline='builtin.module(inline)' | FileCheck %s

// Calls to single-block functions are replaced by their bodies, callees before callers, and
// private functions left without calls are erased.
// CHECK-LABEL: func.func @main
// CHECK-NEXT: %[[A:.*]] = "test.add"(%arg0, %arg1) : (i32, i32) -> i32
// CHECK-NEXT: "test.side_effect"(%[[A]]) : (i32) -> ()
// CHECK-NEXT: %[[B:.*]] = "test.add"(%[[A]], %[[A]]) : (i32, i32) -> i32
// CHECK-NEXT: "test.side_effect"(%[[B]]) : (i32) -> ()
// CHECK-NEXT: return %[[B]] : i32
func.func @main(%x: i32, %y: i32) -> i32 {
  %0 = func.call @add_and_log(%x, %y) : (i32, i32) -> i32
  %1 = func.call @double(%0) : (i32) -> i32
  %2 = func.call @public_callee(%1) : (i32) -> i32
  return %2 : i32
}
// CHECK-NOT: @double
// CHECK-NOT: @add_and_log
func.func private @double(%v: i32) -> i32 {
  %0 = func.call @add_and_log(%v, %v) : (i32, i32) -> i32
  return %0 : i32
}
func.func private @add_and_log(%a: i32, %b: i32) -> i32 {
  %0 = "test.add"(%a, %b) : (i32, i32) -> i32
  "test.side_effect"(%0) : (i32) -> ()
  return %0 : i32
}

// A public callee is inlined where it is called, but kept.
// CHECK-LABEL: func.func @public_callee
// CHECK-NEXT: return %arg0 : i32
func.func @public_callee(%v: i32) -> i32 {
  return %v : i32
}

// Recursive functions and functions of several blocks are not inlined.
// CHECK-LABEL: func.func @not_inlined
// CHECK-NEXT: call @recursive(%arg0)
// CHECK-NEXT: call @ping(%arg0)
// CHECK-NEXT: call @blocks(%arg0)
// CHECK-NEXT: call @declared(%arg0)
func.func @not_inlined(%x: i32) {
  func.call @recursive(%x) : (i32) -> ()
  func.call @ping(%x) : (i32) -> ()
  func.call @blocks(%x) : (i32) -> ()
  func.call @declared(%x) : (i32) -> ()
  return
}
// CHECK-LABEL: func.func private @recursive
// CHECK-NEXT: call @recursive(%arg0)
func.func private @recursive(%x: i32) {
  func.call @recursive(%x) : (i32) -> ()
  return
}
// CHECK-LABEL: func.func private @ping
// CHECK-NEXT: call @pong(%arg0)
func.func private @ping(%x: i32) {
  func.call @pong(%x) : (i32) -> ()
  return
}
// CHECK-LABEL: func.func private @pong
// CHECK-NEXT: call @ping(%arg0)
func.func private @pong(%x: i32) {
  func.call @ping(%x) : (i32) -> ()
  return
}
// CHECK-LABEL: func.func private @blocks
func.func private @blocks(%x: i32) {
  "test.terminator"()[^bb1] : () -> ()
^bb1:
  "test.side_effect"(%x) : (i32) -> ()
  return
}
// CHECK: func.func private @declared(i32)
func.func private @declared(i32)
