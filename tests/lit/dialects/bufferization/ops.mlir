// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @to_tensor
// CHECK: %[[T:.*]] = "bufferization.to_tensor"(%arg0) : (memref<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[R:.*]] = "bufferization.to_tensor"(%arg1) <{restrict, writable}> : (memref<?xi32>) -> tensor<?xi32>
// CHECK-NEXT: return %[[T]] : tensor<2x3xf32>
// GENERIC-LABEL: sym_name = "to_tensor"
// GENERIC: "bufferization.to_tensor"(%arg0) : (memref<2x3xf32>) -> tensor<2x3xf32>
func.func @to_tensor(%m: memref<2x3xf32>, %n: memref<?xi32>) -> tensor<2x3xf32> {
  %t = "bufferization.to_tensor"(%m) : (memref<2x3xf32>) -> tensor<2x3xf32>
  %r = "bufferization.to_tensor"(%n) <{restrict, writable}> : (memref<?xi32>) -> tensor<?xi32>
  return %t : tensor<2x3xf32>
}

// A strided memref's contents are a plain tensor.
// CHECK-LABEL: func.func @to_tensor_strided
// CHECK: "bufferization.to_tensor"(%arg0) : (memref<2xf32, strided<[4], offset: 1>>) -> tensor<2xf32>
func.func @to_tensor_strided(%m: memref<2xf32, strided<[4], offset: 1>>) -> tensor<2xf32> {
  %t = "bufferization.to_tensor"(%m) : (memref<2xf32, strided<[4], offset: 1>>) -> tensor<2xf32>
  return %t : tensor<2xf32>
}

// CHECK-LABEL: func.func @to_memref
// CHECK: "bufferization.to_memref"(%arg0) <{read_only}> : (tensor<4xf32>) -> memref<4xf32>
// CHECK-NEXT: "bufferization.to_memref"(%arg0) : (tensor<4xf32>) -> memref<4xf32>
func.func @to_memref(%t: tensor<4xf32>) -> memref<4xf32> {
  %m = "bufferization.to_memref"(%t) <{read_only}> : (tensor<4xf32>) -> memref<4xf32>
  %w = "bufferization.to_memref"(%t) : (tensor<4xf32>) -> memref<4xf32>
  return %w : memref<4xf32>
}

// Into a memref: no result; into a tensor: one result of dest's type.
// CHECK-LABEL: func.func @materialize
// CHECK: "bufferization.materialize_in_destination"(%arg0, %arg1) <{writable}> : (tensor<4xf32>, memref<4xf32>) -> ()
// CHECK-NEXT: "bufferization.materialize_in_destination"(%arg0, %arg2) <{restrict, writable}> : (tensor<4xf32>, memref<?xf32>) -> ()
// CHECK-NEXT: %[[R:.*]] = "bufferization.materialize_in_destination"(%arg0, %arg3) : (tensor<4xf32>, tensor<?xf32>) -> tensor<?xf32>
func.func @materialize(%t: tensor<4xf32>, %m: memref<4xf32>, %d: memref<?xf32>, %dt: tensor<?xf32>) -> tensor<?xf32> {
  "bufferization.materialize_in_destination"(%t, %m) <{writable}> : (tensor<4xf32>, memref<4xf32>) -> ()
  "bufferization.materialize_in_destination"(%t, %d) <{restrict, writable}> : (tensor<4xf32>, memref<?xf32>) -> ()
  %r = "bufferization.materialize_in_destination"(%t, %dt) : (tensor<4xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}
