// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @for_iter_args
// CHECK-SAME: (%[[LB:.*]]: index, %[[UB:.*]]: index, %[[STEP:.*]]: index, %[[INIT:.*]]: f32) -> f32
// CHECK: %[[R:.*]] = "scf.for"(%[[LB]], %[[UB]], %[[STEP]], %[[INIT]]) ({
// CHECK-NEXT: ^bb0(%[[IV:.*]]: index, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[N:.*]] = "test.add"(%[[ACC]], %[[ACC]]) : (f32, f32) -> f32
// CHECK-NEXT: "scf.yield"(%[[N]]) : (f32) -> ()
// CHECK-NEXT: }) : (index, index, index, f32) -> f32
// CHECK-NEXT: return %[[R]] : f32
// GENERIC-LABEL: "func.func"() <{function_type = (index, index, index, f32) -> f32, sym_name = "for_iter_args"}>
// GENERIC: "scf.for"(%arg0, %arg1, %arg2, %arg3) ({
// GENERIC: "func.return"(%{{.*}}) : (f32) -> ()
func.func @for_iter_args(%lb: index, %ub: index, %step: index, %init: f32) -> f32 {
  %r = "scf.for"(%lb, %ub, %step, %init) ({
  ^bb0(%iv: index, %acc: f32):
    %n = "test.add"(%acc, %acc) : (f32, f32) -> f32
    "scf.yield"(%n) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return %r : f32
}

// CHECK-LABEL: func.func @for_no_results_i32_unsigned
// CHECK: "scf.for"(%arg0, %arg1, %arg2) <{unsignedCmp}> ({
// CHECK-NEXT: ^bb0(%{{.*}}: i32):
// CHECK-NEXT: "test.side_effect"(%{{.*}}) : (i32) -> ()
// CHECK-NEXT: "scf.yield"() : () -> ()
// CHECK-NEXT: }) : (i32, i32, i32) -> ()
func.func @for_no_results_i32_unsigned(%lb: i32, %ub: i32, %step: i32) {
  "scf.for"(%lb, %ub, %step) <{unsignedCmp}> ({
  ^bb0(%iv: i32):
    "test.side_effect"(%iv) : (i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  return
}

// CHECK-LABEL: func.func @if_else
// CHECK: %[[R:.*]]:2 = "scf.if"(%arg0) ({
// CHECK-NEXT: "scf.yield"(%arg1, %arg2) : (i32, f32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: %[[C:.*]] = "test.constant"() <{value = 7 : i32}> : () -> i32
// CHECK-NEXT: "scf.yield"(%[[C]], %arg2) : (i32, f32) -> ()
// CHECK-NEXT: }) : (i1) -> (i32, f32)
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1 : i32, f32
func.func @if_else(%c: i1, %a: i32, %b: f32) -> (i32, f32) {
  %r:2 = "scf.if"(%c) ({
    "scf.yield"(%a, %b) : (i32, f32) -> ()
  }, {
    %k = "test.constant"() <{value = 7 : i32}> : () -> i32
    "scf.yield"(%k, %b) : (i32, f32) -> ()
  }) : (i1) -> (i32, f32)
  return %r#0, %r#1 : i32, f32
}

// An scf.if without results may leave its else region empty.
// CHECK-LABEL: func.func @if_no_else
// CHECK: "scf.if"(%arg0) ({
// CHECK-NEXT: "test.side_effect"() : () -> ()
// CHECK-NEXT: "scf.yield"() : () -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: }) : (i1) -> ()
func.func @if_no_else(%c: i1) {
  "scf.if"(%c) ({
    "test.side_effect"() : () -> ()
    "scf.yield"() : () -> ()
  }, {
  }) : (i1) -> ()
  return
}

// CHECK-LABEL: func.func @while_loop
// CHECK: %[[W:.*]]:2 = "scf.while"(%arg0, %arg1) ({
// CHECK-NEXT: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: f32):
// CHECK-NEXT: "scf.condition"(%arg2, %[[Y]], %[[X]]) : (i1, f32, i32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: i32):
// CHECK-NEXT: "scf.yield"(%[[B]], %[[A]]) : (i32, f32) -> ()
// CHECK-NEXT: }) : (i32, f32) -> (f32, i32)
func.func @while_loop(%x: i32, %y: f32, %c: i1) -> (f32, i32) {
  %w:2 = "scf.while"(%x, %y) ({
  ^bb0(%bx: i32, %by: f32):
    "scf.condition"(%c, %by, %bx) : (i1, f32, i32) -> ()
  }, {
  ^bb0(%ay: f32, %ax: i32):
    "scf.yield"(%ax, %ay) : (i32, f32) -> ()
  }) : (i32, f32) -> (f32, i32)
  return %w#0, %w#1 : f32, i32
}

// CHECK-LABEL: func.func @execute_region_blocks
// CHECK: %[[E:.*]] = "scf.execute_region"() <{no_inline}> ({
// CHECK-NEXT: "test.terminator"(%arg0)[^bb1] : (i32) -> ()
// CHECK-NEXT: ^bb1(%[[V:.*]]: i32):
// CHECK-NEXT: "scf.yield"(%[[V]]) : (i32) -> ()
// CHECK-NEXT: }) : () -> i32
func.func @execute_region_blocks(%a: i32) -> i32 {
  %e = "scf.execute_region"() <{no_inline}> ({
    "test.terminator"(%a)[^next] : (i32) -> ()
  ^next(%v: i32):
    "scf.yield"(%v) : (i32) -> ()
  }) : () -> i32
  return %e : i32
}

// CHECK-LABEL: func.func @parallel_reduce
// CHECK: %[[P:.*]] = "scf.parallel"(%arg0, %arg0, %arg1, %arg1, %arg2, %arg2, %arg3) <{operandSegmentSizes = array<i32: 2, 2, 2, 1>}> ({
// CHECK-NEXT: ^bb0(%[[I:.*]]: index, %[[J:.*]]: index):
// CHECK-NEXT: %[[S:.*]] = "test.add"(%[[I]], %[[J]]) : (index, index) -> index
// CHECK-NEXT: "scf.reduce"(%[[S]]) ({
// CHECK-NEXT: ^bb0(%[[L:.*]]: index, %[[R:.*]]: index):
// CHECK-NEXT: %[[T:.*]] = "test.add"(%[[L]], %[[R]]) : (index, index) -> index
// CHECK-NEXT: "scf.reduce.return"(%[[T]]) : (index) -> ()
// CHECK-NEXT: }) : (index) -> ()
// CHECK-NEXT: }) : (index, index, index, index, index, index, index) -> index
func.func @parallel_reduce(%lb: index, %ub: index, %step: index, %init: index) -> index {
  %p = "scf.parallel"(%lb, %lb, %ub, %ub, %step, %step, %init) <{operandSegmentSizes = array<i32: 2, 2, 2, 1>}> ({
  ^bb0(%i: index, %j: index):
    %s = "test.add"(%i, %j) : (index, index) -> index
    "scf.reduce"(%s) ({
    ^bb0(%l: index, %r: index):
      %t = "test.add"(%l, %r) : (index, index) -> index
      "scf.reduce.return"(%t) : (index) -> ()
    }) : (index) -> ()
  }) : (index, index, index, index, index, index, index) -> index
  return %p : index
}

// The segment sizes may also be written in the attribute dictionary; they print as a property.
// CHECK-LABEL: func.func @parallel_no_reductions
// CHECK: "scf.parallel"(%arg0, %arg1, %arg2) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT: ^bb0(%{{.*}}: index):
// CHECK-NEXT: "scf.reduce"() : () -> ()
// CHECK-NEXT: }) : (index, index, index) -> ()
func.func @parallel_no_reductions(%lb: index, %ub: index, %step: index) {
  "scf.parallel"(%lb, %ub, %step) ({
  ^bb0(%i: index):
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return
}

// CHECK-LABEL: func.func @index_switch
// CHECK: %[[S:.*]] = "scf.index_switch"(%arg0) <{cases = array<i64: 2, 5>}> ({
// CHECK-NEXT: "scf.yield"(%arg1) : (f32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: %[[A:.*]] = "test.add"(%arg1, %arg1) : (f32, f32) -> f32
// CHECK-NEXT: "scf.yield"(%[[A]]) : (f32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: "scf.yield"(%arg2) : (f32) -> ()
// CHECK-NEXT: }) : (index) -> f32
func.func @index_switch(%i: index, %a: f32, %b: f32) -> f32 {
  %s = "scf.index_switch"(%i) <{cases = array<i64: 2, 5>}> ({
    "scf.yield"(%a) : (f32) -> ()
  }, {
    %d = "test.add"(%a, %a) : (f32, f32) -> f32
    "scf.yield"(%d) : (f32) -> ()
  }, {
    "scf.yield"(%b) : (f32) -> ()
  }) : (index) -> f32
  return %s : f32
}

// CHECK-LABEL: func.func @index_switch_default_only
// CHECK: "scf.index_switch"(%arg0) <{cases = array<i64>}> ({
func.func @index_switch_default_only(%i: index) {
  "scf.index_switch"(%i) ({
    "scf.yield"() : () -> ()
  }) {cases = array<i64>} : (index) -> ()
  return
}

// Nested loops: inner regions use values of enclosing regions.
// CHECK-LABEL: func.func @nested
// CHECK: "scf.for"(%arg0, %arg1, %arg2) ({
// CHECK-NEXT: ^bb0(%[[I:.*]]: index):
// CHECK-NEXT: "scf.for"(%[[I]], %arg1, %arg2) ({
// CHECK-NEXT: ^bb0(%[[J:.*]]: index):
// CHECK-NEXT: "test.side_effect"(%[[I]], %[[J]]) : (index, index) -> ()
func.func @nested(%lb: index, %ub: index, %step: index) {
  "scf.for"(%lb, %ub, %step) ({
  ^bb0(%i: index):
    "scf.for"(%i, %ub, %step) ({
    ^bb0(%j: index):
      "test.side_effect"(%i, %j) : (index, index) -> ()
      "scf.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
