// RUN: tfc-opt %s -split-input-file -tf-resources-to-args | FileCheck %s

// One trailing argument per distinct variable (two handles on "w" share it), marked with
// its name; reads become to_tensor, assignments materialize_in_destination; the control
// edges they carried are dropped (block order keeps them).
// CHECK-LABEL: func.func @read_assign(
// CHECK-SAME: %arg0: tensor<2xf32>, %[[W:.*]]: memref<2xf32> {tfc.variable = "w"}, %[[B:.*]]: memref<f32> {tfc.variable = "b"}) -> tensor<2xf32>
// CHECK-NEXT: %[[R:.*]] = "bufferization.to_tensor"(%[[W]]) : (memref<2xf32>) -> tensor<2xf32>
// CHECK-NEXT: "bufferization.materialize_in_destination"(%arg0, %[[W]]) <{writable}> : (tensor<2xf32>, memref<2xf32>) -> ()
// CHECK-NEXT: %[[S:.*]] = "bufferization.to_tensor"(%[[B]]) : (memref<f32>) -> tensor<f32>
// CHECK-NEXT: %[[I:.*]] = "tf.Identity"(%[[R]]) : (tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT: return %[[I]]
// CHECK-NOT: tf.VarHandleOp
func.func @read_assign(%x: tensor<2xf32>) -> tensor<2xf32> {
  %h = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
  %h2 = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
  %b = "tf.VarHandleOp"() <{dtype = f32, shape = [], shared_name = "b"}> : () -> !tf.resource<tensor<f32>>
  %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<2xf32>>) -> tensor<2xf32>
  %c = "tf.AssignVariableOp"(%h2, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
  %s = "tf.ReadVariableOp"(%b, %c) : (!tf.resource<tensor<f32>>, !tf.control) -> tensor<f32>
  %i = "tf.Identity"(%r, %c) : (tensor<2xf32>, !tf.control) -> tensor<2xf32>
  return %i : tensor<2xf32>
}

// -----

// AssignAdd / AssignSub: read, tf.AddV2 / tf.Sub (left for tf-to-linalg), write back. A read
// typed less precisely than the variable gets a tensor.cast.
// CHECK-LABEL: func.func @updates(
// CHECK-SAME: %arg0: tensor<3xf32>, %[[V:.*]]: memref<3xf32> {tfc.variable = "v"})
// CHECK-NEXT: %[[OLD:.*]] = "bufferization.to_tensor"(%[[V]])
// CHECK-NEXT: %[[NEW:.*]] = "tf.AddV2"(%[[OLD]], %arg0) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: "bufferization.materialize_in_destination"(%[[NEW]], %[[V]]) <{writable}>
// CHECK-NEXT: %[[OLD2:.*]] = "bufferization.to_tensor"(%[[V]])
// CHECK-NEXT: %[[NEW2:.*]] = "tf.Sub"(%[[OLD2]], %arg0) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: "bufferization.materialize_in_destination"(%[[NEW2]], %[[V]]) <{writable}>
// CHECK-NEXT: %[[R:.*]] = "bufferization.to_tensor"(%[[V]]) : (memref<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[C:.*]] = "tensor.cast"(%[[R]]) : (tensor<3xf32>) -> tensor<?xf32>
// CHECK-NEXT: return %[[C]]
func.func @updates(%x: tensor<3xf32>) -> tensor<?xf32> {
  %h = "tf.VarHandleOp"() <{dtype = f32, shape = [3], shared_name = "v"}> : () -> !tf.resource<tensor<3xf32>>
  %c = "tf.AssignAddVariableOp"(%h, %x) : (!tf.resource<tensor<3xf32>>, tensor<3xf32>) -> !tf.control
  %d = "tf.AssignSubVariableOp"(%h, %x, %c) : (!tf.resource<tensor<3xf32>>, tensor<3xf32>, !tf.control) -> !tf.control
  %r = "tf.ReadVariableOp"(%h, %d) : (!tf.resource<tensor<3xf32>>, !tf.control) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Reads and writes inside tf.If / tf.While regions use the function's argument in place.
// CHECK-LABEL: func.func @regions(
// CHECK-SAME: %[[W:arg[0-9]+]]: memref<2xf32> {tfc.variable = "w"}
// CHECK: "tf.If"
// CHECK-NEXT: "bufferization.materialize_in_destination"(%arg1, %[[W]]) <{writable}>
// CHECK-NEXT: "tf.Yield"
// CHECK: "bufferization.to_tensor"(%[[W]])
// CHECK: "tf.While"
// CHECK: "bufferization.to_tensor"(%[[W]])
// CHECK: "tf.AddV2"
// CHECK: "bufferization.materialize_in_destination"({{.*}}, %[[W]]) <{writable}>
func.func @regions(%p: tensor<i1>, %x: tensor<2xf32>, %n: tensor<i32>) -> (tensor<2xf32>, tensor<i32>) {
  %h = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "w"}> : () -> !tf.resource<tensor<2xf32>>
  %i = "tf.If"(%p) ({
    %c = "tf.AssignVariableOp"(%h, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
    "tf.Yield"(%x) : (tensor<2xf32>) -> ()
  }, {
    %r = "tf.ReadVariableOp"(%h) : (!tf.resource<tensor<2xf32>>) -> tensor<2xf32>
    "tf.Yield"(%r) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  %w = "tf.While"(%n) <{parallel_iterations = 10}> ({
  ^bb0(%k: tensor<i32>):
    %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %go = "tf.Greater"(%k, %zero) : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "tf.Yield"(%go) : (tensor<i1>) -> ()
  }, {
  ^bb0(%k: tensor<i32>):
    %c = "tf.AssignAddVariableOp"(%h, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
    %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
    %k1 = "tf.Sub"(%k, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    "tf.Yield"(%k1) : (tensor<i32>) -> ()
  }) : (tensor<i32>) -> tensor<i32>
  return %i, %w : tensor<2xf32>, tensor<i32>
}

// -----

// An unused handle still becomes an argument; a function without variables is unchanged.
// CHECK-LABEL: func.func @unused(%arg0: memref<4x2xi32> {tfc.variable = "u"})
// CHECK-NEXT: return
// CHECK-LABEL: func.func @none(%arg0: tensor<2xf32>) -> tensor<2xf32>
func.func @unused() {
  %h = "tf.VarHandleOp"() <{dtype = i32, shape = [4, 2], shared_name = "u"}> : () -> !tf.resource<tensor<4x2xi32>>
  return
}
func.func @none(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
