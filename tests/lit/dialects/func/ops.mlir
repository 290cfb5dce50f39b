// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tfc-opt %s --mlir-print-op-generic | tfc-opt | FileCheck %s

// Declarations take bare types, with optional argument and result attributes.
// CHECK: func.func private @decl(i32, f32 {test.attr}) -> (i32 {res.attr = 1 : i64}, f32)
// GENERIC: "func.func"() <{arg_attrs = [{}, {test.attr}], function_type = (i32, f32) -> (i32, f32), res_attrs = [{res.attr = 1 : i64}, {}], sym_name = "decl", sym_visibility = "private"}> ({
// GENERIC-NEXT: }) : () -> ()
func.func private @decl(i32, f32 {test.attr}) -> (i32 {res.attr = 1 : i64}, f32)

// CHECK: func.func nested @nested_decl(){{$}}
// GENERIC: "func.func"() <{function_type = () -> (), sym_name = "nested_decl", sym_visibility = "nested"}> ({
func.func nested @nested_decl()

// CHECK-LABEL: func.func @empty() {
// CHECK-NEXT: return
// CHECK-NEXT: }
// GENERIC-LABEL: sym_name = "empty"
// GENERIC-NEXT: "func.return"() : () -> ()
func.func @empty() {
  func.return
}

// CHECK-LABEL: func.func @attrs(%arg0: i32 {foo.bar = "x"}, %arg1: f32) -> (f32 {res.x}) attributes {llvm.emit_c_interface, passthrough = [1, 2]} {
// CHECK-NEXT: return %arg1 : f32
// GENERIC-LABEL: "func.func"() <{arg_attrs = [{foo.bar = "x"}, {}], function_type = (i32, f32) -> f32, res_attrs = [{res.x}], sym_name = "attrs"}> ({
// GENERIC-NEXT: ^bb0(%arg0: i32, %arg1: f32):
// GENERIC-NEXT: "func.return"(%arg1) : (f32) -> ()
// GENERIC-NEXT: }) {llvm.emit_c_interface, passthrough = [1, 2]} : () -> ()
func.func @attrs(%a: i32 {foo.bar = "x"}, %b: f32) -> (f32 {res.x}) attributes {passthrough = [1, 2], llvm.emit_c_interface} {
  return %b : f32
}

// A single result with attributes keeps its parentheses; without, it drops them.
// CHECK-LABEL: func.func @single_result(%arg0: f64) -> f64 {
func.func @single_result(%x: f64) -> (f64) {
  return %x : f64
}

// CHECK-LABEL: func.func @calls
// CHECK-NEXT: %[[C0:.*]]:2 = call @decl(%arg0, %arg1) : (i32, f32) -> (i32, f32)
// CHECK-NEXT: %[[F:.*]] = "func.constant"() <{value = @decl}> : () -> ((i32, f32) -> (i32, f32))
// CHECK-NEXT: %[[C1:.*]]:2 = "func.call_indirect"(%[[F]], %arg0, %arg1) : ((i32, f32) -> (i32, f32), i32, f32) -> (i32, f32)
// CHECK-NEXT: %[[C2:.*]]:2 = call @decl(%[[C1]]#0, %[[C1]]#1) {tail} : (i32, f32) -> (i32, f32)
// CHECK-NEXT: %[[C3:.*]]:2 = call @decl(%arg0, %arg1) : (i32, f32) -> (i32, f32)
// CHECK-NEXT: call @empty() : () -> ()
// CHECK-NEXT: return %[[C0]]#0, %[[C3]]#1 : i32, f32
// GENERIC-LABEL: sym_name = "calls"
// GENERIC: "func.call"(%arg0, %arg1) <{callee = @decl}> : (i32, f32) -> (i32, f32)
// GENERIC: "func.call"(%{{.*}}#0, %{{.*}}#1) <{callee = @decl}> {tail} : (i32, f32) -> (i32, f32)
// GENERIC: "func.call"() <{callee = @empty}> : () -> ()
// GENERIC: "func.return"(%{{.*}}#0, %{{.*}}#1) : (i32, f32) -> ()
func.func @calls(%a: i32, %b: f32) -> (i32, f32) {
  %0:2 = call @decl(%a, %b) : (i32, f32) -> (i32, f32)
  %f = "func.constant"() <{value = @decl}> : () -> ((i32, f32) -> (i32, f32))
  %1:2 = "func.call_indirect"(%f, %a, %b) : ((i32, f32) -> (i32, f32), i32, f32) -> (i32, f32)
  %2:2 = func.call @decl(%1#0, %1#1) {tail} : (i32, f32) -> (i32, f32)
  %3:2 = "func.call"(%a, %b) <{callee = @decl}> : (i32, f32) -> (i32, f32)
  "func.call"() {callee = @empty} : () -> ()
  return %0#0, %3#1 : i32, f32
}

// The generic form of func.func reads back in the custom form.
// CHECK-LABEL: func.func @generic(%arg0: i32) -> i32 {
// CHECK-NEXT: return %arg0 : i32
"func.func"() <{function_type = (i32) -> i32, sym_name = "generic"}> ({
^bb0(%x: i32):
  "func.return"(%x) : (i32) -> ()
}) : () -> ()

// Function types as results print in parentheses.
// CHECK-LABEL: func.func @returns_function() -> ((i32) -> i32) {
// CHECK-NEXT: %[[G:.*]] = "func.constant"() <{value = @generic}> : () -> ((i32) -> i32)
// CHECK-NEXT: return %[[G]] : (i32) -> i32
func.func @returns_function() -> ((i32) -> i32) {
  %f = "func.constant"() <{value = @generic}> : () -> ((i32) -> i32)
  return %f : (i32) -> i32
}

// CHECK-LABEL: func.func @multi_block(%arg0: i1) -> i32 {
// CHECK-NEXT: "test.terminator"(%arg0)[^bb1] : (i1) -> ()
// CHECK-NEXT: ^bb1(%[[X:.*]]: i1):
// CHECK-NEXT: %[[K:.*]] = "test.constant"() <{value = 3 : i32}> : () -> i32
// CHECK-NEXT: return %[[K]] : i32
func.func @multi_block(%c: i1) -> i32 {
  "test.terminator"(%c)[^bb1] : (i1) -> ()
^bb1(%x: i1):
  %k = "test.constant"() <{value = 3 : i32}> : () -> i32
  return %k : i32
}

// Quoted symbol names stay quoted.
// CHECK-LABEL: func.func @"name with spaces"()
// CHECK: call @"name with spaces"() : () -> ()
func.func @"name with spaces"() {
  call @"name with spaces"() : () -> ()
  return
}
