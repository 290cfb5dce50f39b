// RUN: tfc-opt %s | tfc-opt | FileCheck %s

// tf.If and tf.While keep their regions; bodies use values from above.

// CHECK-LABEL: func.func @branches(
func.func @branches(%x: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  // CHECK: "tf.If"(%{{.*}}) ({
  // CHECK-NEXT: "tf.Identity"
  // CHECK-NEXT: "tf.Yield"(%{{.*}}) : (tensor<f32>) -> ()
  // CHECK-NEXT: }, {
  // CHECK-NEXT: "tf.Yield"(%{{.*}}) : (tensor<f32>) -> ()
  // CHECK-NEXT: }) : (tensor<i1>) -> tensor<f32>
  %r = "tf.If"(%p) ({
    %a = "tf.Identity"(%x) : (tensor<f32>) -> tensor<f32>
    "tf.Yield"(%a) : (tensor<f32>) -> ()
  }, {
    "tf.Yield"(%x) : (tensor<f32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @loop(
func.func @loop(%n: tensor<i32>, %p: tensor<i1>) -> tensor<i32> {
  // CHECK: "tf.While"(%{{.*}}) <{parallel_iterations = 4 : i64}> ({
  // CHECK-NEXT: ^bb0(%[[K:.*]]: tensor<i32>):
  // CHECK: }) : (tensor<i32>) -> tensor<i32>
  %r = "tf.While"(%n) <{parallel_iterations = 4}> ({
  ^bb0(%k: tensor<i32>):
    "tf.Yield"(%p) : (tensor<i1>) -> ()
  }, {
  ^bb0(%k: tensor<i32>):
    "tf.Yield"(%k) : (tensor<i32>) -> ()
  }) : (tensor<i32>) -> tensor<i32>
  return %r : tensor<i32>
}
