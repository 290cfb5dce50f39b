// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tfc-opt %s --mlir-print-op-generic | tfc-opt | FileCheck %s

// Attributes print sorted by name; a name goes before them.
// CHECK-LABEL: module @outer attributes {dlti.spec = "x", test.flag} {
// GENERIC-LABEL: "builtin.module"() <{sym_name = "outer"}> ({
module @outer attributes {test.flag, dlti.spec = "x"} {
  // CHECK-NEXT: module @inner {
  // CHECK-NEXT: func.func private @f()
  // CHECK-NEXT: }
  // GENERIC-NEXT: "builtin.module"() <{sym_name = "inner"}> ({
  module @inner {
    func.func private @f()
  }
  // CHECK-NEXT: module attributes {sym_visibility = "private"} {
  // CHECK-NEXT: "test.op"() : () -> ()
  // CHECK-NEXT: }
  // GENERIC: "builtin.module"() <{sym_visibility = "private"}> ({
  builtin.module attributes {sym_visibility = "private"} {
    "test.op"() : () -> ()
  }
  // CHECK-NEXT: module @"quoted name" {
  module @"quoted name" {
    "test.op"() : () -> ()
  }
  // CHECK: module @generic attributes {a = 1 : i64} {
  // CHECK-NEXT: "test.op"() : () -> ()
  "builtin.module"() <{sym_name = "generic"}> ({
    "test.op"() : () -> ()
  }) {a = 1} : () -> ()

  // CHECK-LABEL: func.func @casts(%arg0: tensor<4xf32>) -> memref<4xf32> {
  // CHECK-NEXT: %[[M:.*]] = "builtin.unrealized_conversion_cast"(%arg0) : (tensor<4xf32>) -> memref<4xf32>
  // CHECK-NEXT: %[[P:.*]]:2 = "builtin.unrealized_conversion_cast"(%arg0, %[[M]]) : (tensor<4xf32>, memref<4xf32>) -> (i32, i64)
  // CHECK-NEXT: "builtin.unrealized_conversion_cast"() : () -> ()
  // CHECK-NEXT: %[[N:.*]] = "builtin.unrealized_conversion_cast"() : () -> !test.opaque
  // CHECK-NEXT: return %[[M]] : memref<4xf32>
  // GENERIC: "builtin.unrealized_conversion_cast"(%arg0) : (tensor<4xf32>) -> memref<4xf32>
  func.func @casts(%t: tensor<4xf32>) -> memref<4xf32> {
    %m = "builtin.unrealized_conversion_cast"(%t) : (tensor<4xf32>) -> memref<4xf32>
    %a, %b = "builtin.unrealized_conversion_cast"(%t, %m) : (tensor<4xf32>, memref<4xf32>) -> (i32, i64)
    "builtin.unrealized_conversion_cast"() : () -> ()
    %n = "builtin.unrealized_conversion_cast"() : () -> !test.opaque
    return %m : memref<4xf32>
  }
}
