// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tfc-opt %s -verify-diagnostics > /dev/null

// CHECK-LABEL: func.func @generic_ops
// CHECK-NEXT: %[[A:.*]]:2 = "test.op"(%arg0) {note = "anything", other} : (i32) -> (i32, f32)
// CHECK-NEXT: %[[P:.*]] = "test.pure"(%[[A]]#0, %[[A]]#1) : (i32, f32) -> tensor<2xf32>
// CHECK-NEXT: "test.side_effect"(%[[P]]) : (tensor<2xf32>) -> ()
// CHECK-NEXT: "test.op"() ({
// CHECK-NEXT: "test.side_effect"() : () -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: return
func.func @generic_ops(%x: i32) {
  %a:2 = "test.op"(%x) {other, note = "anything"} : (i32) -> (i32, f32)
  %p = "test.pure"(%a#0, %a#1) : (i32, f32) -> tensor<2xf32>
  "test.side_effect"(%p) : (tensor<2xf32>) -> ()
  // test.op regions need no terminator.
  "test.op"() ({
    "test.side_effect"() : () -> ()
  }, {
  }) : () -> ()
  return
}

// CHECK-LABEL: func.func @constants_and_add
// CHECK-NEXT: %[[C:.*]] = "test.constant"() <{value = 42 : i32}> : () -> i32
// CHECK-NEXT: %[[F:.*]] = "test.constant"() <{value = 1.500000e+00 : f32}> : () -> f32
// CHECK-NEXT: %[[B:.*]] = "test.constant"() <{value = true}> : () -> i1
// CHECK-NEXT: %[[D:.*]] = "test.constant"() <{value = dense<[1, 2]> : tensor<2xi32>}> : () -> tensor<2xi32>
// CHECK-NEXT: %[[S:.*]] = "test.add"(%[[C]], %arg0) : (i32, i32) -> i32
// CHECK-NEXT: %[[G:.*]] = "test.add"(%[[F]], %[[F]]) : (f32, f32) -> f32
// CHECK-NEXT: %[[I:.*]] = "test.add"(%arg1, %arg1) : (index, index) -> index
// GENERIC-LABEL: sym_name = "constants_and_add"
// GENERIC: "test.constant"() <{value = 42 : i32}> : () -> i32
func.func @constants_and_add(%x: i32, %i: index) -> (i32, f32, index) {
  %c = "test.constant"() <{value = 42 : i32}> : () -> i32
  %f = "test.constant"() {value = 1.5 : f32} : () -> f32
  %b = "test.constant"() <{value = true}> : () -> i1
  %d = "test.constant"() <{value = dense<[1, 2]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %s = "test.add"(%c, %x) : (i32, i32) -> i32
  %g = "test.add"(%f, %f) : (f32, f32) -> f32
  %j = "test.add"(%i, %i) : (index, index) -> index
  return %s, %g, %j : i32, f32, index
}

// CHECK-LABEL: func.func @regions
// CHECK-NEXT: %[[R:.*]] = "test.region"(%arg0) ({
// CHECK-NEXT: ^bb0(%[[IN:.*]]: i32):
// CHECK-NEXT: %[[T:.*]] = "test.add"(%[[IN]], %arg0) : (i32, i32) -> i32
// CHECK-NEXT: "test.yield"(%[[T]]) : (i32) -> ()
// CHECK-NEXT: }) : (i32) -> i32
// CHECK-NEXT: %[[Q:.*]] = "test.isolated_region"(%[[R]]) ({
// CHECK-NEXT: ^bb0(%[[V:.*]]: i32):
// CHECK-NEXT: "test.yield"(%[[V]]) : (i32) -> ()
// CHECK-NEXT: }) : (i32) -> i32
// Without entry arguments, test.region's body uses enclosing values directly.
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT: "test.side_effect"(%[[Q]]) : (i32) -> ()
// CHECK-NEXT: "test.yield"() : () -> ()
// CHECK-NEXT: }) : () -> ()
func.func @regions(%x: i32) -> i32 {
  %r = "test.region"(%x) ({
  ^bb0(%in: i32):
    %t = "test.add"(%in, %x) : (i32, i32) -> i32
    "test.yield"(%t) : (i32) -> ()
  }) : (i32) -> i32
  %q = "test.isolated_region"(%r) ({
  ^bb0(%v: i32):
    "test.yield"(%v) : (i32) -> ()
  }) : (i32) -> i32
  "test.region"() ({
    "test.side_effect"(%q) : (i32) -> ()
    "test.yield"() : () -> ()
  }) : () -> ()
  return %q : i32
}

// As in MLIR, a nested region (isolated or not) continues its op's numbering.
// GENERIC-LABEL: sym_name = "regions"
// GENERIC: "test.isolated_region"(%{{.*}}) ({
// GENERIC-NEXT: ^bb0(%arg1: i32):

// CHECK-LABEL: func.func @cfg
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT: "test.terminator"(%arg0)[^bb1] : (i32) -> ()
// CHECK-NEXT: ^bb1(%[[A:.*]]: i32):
// CHECK-NEXT: "test.terminator"(%arg1, %[[A]])[^bb1, ^bb2] : (index, i32) -> ()
// CHECK-NEXT: ^bb2(%[[B:.*]]: i32):
// CHECK-NEXT: "test.yield"() : () -> ()
// CHECK-NEXT: }) : () -> ()
func.func @cfg(%x: i32, %sel: index) {
  "test.region"() ({
    "test.terminator"(%x)[^loop] : (i32) -> ()
  ^loop(%a: i32):
    "test.terminator"(%sel, %a)[^loop, ^exit] : (index, i32) -> ()
  ^exit(%b: i32):
    "test.yield"() : () -> ()
  }) : () -> ()
  return
}

// CHECK-LABEL: "test.symbol_table"() <{sym_name = "table"}> ({
// CHECK-NEXT: "test.symbol"() <{sym_name = "inner"}> : () -> ()
// CHECK-NEXT: "test.symbol"() <{sym_name = "hidden", sym_visibility = "private"}> : () -> ()
// CHECK-NEXT: "test.symbol_user"() <{symbol = @inner}> : () -> ()
// CHECK-NEXT: }) : () -> ()
"test.symbol_table"() <{sym_name = "table"}> ({
  "test.symbol"() <{sym_name = "inner"}> : () -> ()
  "test.symbol"() {sym_name = "hidden", sym_visibility = "private"} : () -> ()
  "test.symbol_user"() <{symbol = @inner}> : () -> ()
}) : () -> ()

// Nested references resolve through named symbol tables.
// CHECK: "test.symbol_user"() <{symbol = @table::@inner}> : () -> ()
// CHECK-NEXT: "test.symbol_user"() <{symbol = @top}> : () -> ()
"test.symbol_user"() <{symbol = @table::@inner}> : () -> ()
"test.symbol_user"() <{symbol = @top}> : () -> ()
"test.symbol"() <{sym_name = "top"}> : () -> ()

// Graph regions may use values before their definition.
// CHECK-LABEL: "test.graph_region"() ({
// CHECK-NEXT: %[[G0:[0-9]+]] = "test.pure"(%[[G1:[0-9]+]]) : (i32) -> i32
// CHECK-NEXT: %[[G1]] = "test.pure"(%[[G0]]) : (i32) -> i32
// CHECK-NEXT: }) : () -> ()
"test.graph_region"() ({
  %0 = "test.pure"(%1) : (i32) -> i32
  %1 = "test.pure"(%0) : (i32) -> i32
}) : () -> ()

// CHECK-LABEL: "test.warn"() <{message = "look here"}> : () -> ()
// CHECK-NEXT: "test.warn"() : () -> ()
// expected-warning @+1 {{look here}}
"test.warn"() <{message = "look here"}> : () -> ()
// expected-warning @+1 {{warning from test.warn}}
"test.warn"() : () -> ()
