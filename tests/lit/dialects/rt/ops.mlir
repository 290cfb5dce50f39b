// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s -canonicalize -cse | FileCheck %s --check-prefix=KEEP

// CHECK-LABEL: func.func @print_tensors(
// CHECK: "rt.print"(%arg0, %arg1) <{first_n = 2 : i64, message = "x: ", summarize = 5 : i64}> : (tensor<2x3xf32>, tensor<i32>) -> ()
// CHECK: "rt.print"() : () -> ()
// An effect: canonicalize and cse keep both identical prints, in order.
// KEEP-LABEL: func.func @print_tensors(
// KEEP: "rt.print"(%arg0, %arg1)
// KEEP: "rt.print"(%arg0, %arg1)
func.func @print_tensors(%x: tensor<2x3xf32>, %n: tensor<i32>) {
  "rt.print"(%x, %n) <{first_n = 2 : i64, message = "x: ", summarize = 5 : i64}> : (tensor<2x3xf32>, tensor<i32>) -> ()
  "rt.print"(%x, %n) <{first_n = 2 : i64, message = "x: ", summarize = 5 : i64}> : (tensor<2x3xf32>, tensor<i32>) -> ()
  "rt.print"() : () -> ()
  return
}

// CHECK-LABEL: func.func @print_memrefs(
// CHECK: "rt.print"(%arg0, %arg1) <{message = "m"}> : (memref<?x4xi1>, memref<3xf16, strided<[2], offset: ?>>) -> ()
func.func @print_memrefs(%a: memref<?x4xi1>, %b: memref<3xf16, strided<[2], offset: ?>>) {
  "rt.print"(%a, %b) <{message = "m"}> : (memref<?x4xi1>, memref<3xf16, strided<[2], offset: ?>>) -> ()
  return
}
