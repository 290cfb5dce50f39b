// RUN: tfc-opt %s -tf-to-linalg | FileCheck %s

// tf.If -> scf.if on the extracted predicate; both regions move in, tf.Yield -> scf.yield,
// and the tf ops inside are lowered too.
// CHECK-LABEL: func.func @cond(
// CHECK: %[[P:.*]] = "tensor.extract"(%arg0) : (tensor<i1>) -> i1
// CHECK-NEXT: %[[R:.*]] = "scf.if"(%[[P]]) ({
// CHECK: %[[M:.*]] = "linalg.generic"
// CHECK: "scf.yield"(%[[M]]) : (tensor<3xf32>) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: "scf.yield"(%arg1) : (tensor<3xf32>) -> ()
// CHECK-NEXT: }) : (i1) -> tensor<3xf32>
// CHECK: return %[[R]]
// CHECK-NOT: "tf.
func.func @cond(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %r = "tf.If"(%p) ({
    %a = "tf.Mul"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    "tf.Yield"(%a) : (tensor<3xf32>) -> ()
  }, {
    "tf.Yield"(%x) : (tensor<3xf32>) -> ()
  }) : (tensor<i1>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// Values yielded with a more specific type than the results are cast.
// CHECK-LABEL: func.func @cond_cast(
// CHECK: "scf.if"
// CHECK: %[[C:.*]] = "tensor.cast"(%arg1) : (tensor<2xf32>) -> tensor<?xf32>
// CHECK-NEXT: "scf.yield"(%[[C]])
// CHECK: %[[D:.*]] = "tensor.cast"(%arg2) : (tensor<3xf32>) -> tensor<?xf32>
// CHECK-NEXT: "scf.yield"(%[[D]])
// CHECK: }) : (i1) -> tensor<?xf32>
func.func @cond_cast(%p: tensor<i1>, %x: tensor<2xf32>, %y: tensor<3xf32>) -> tensor<?xf32> {
  %r = "tf.If"(%p) ({
    "tf.Yield"(%x) : (tensor<2xf32>) -> ()
  }, {
    "tf.Yield"(%y) : (tensor<3xf32>) -> ()
  }) : (tensor<i1>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// tf.While -> scf.while: the cond region ends with scf.condition on the extracted predicate,
// forwarding the loop values; the body yields; parallel_iterations is dropped. Initial values
// more specific than the loop's types are cast.
// CHECK-LABEL: func.func @loop(
// CHECK: %[[Z:.*]] = "arith.constant"() <{value = dense<0> : tensor<i32>}>
// CHECK: %[[X:.*]] = "tensor.cast"(%arg0) : (tensor<2xf32>) -> tensor<?xf32>
// CHECK: %[[R:.*]]:2 = "scf.while"(%[[Z]], %[[X]]) ({
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>, %[[V:.*]]: tensor<?xf32>):
// CHECK: %[[C:.*]] = "tensor.extract"(%{{.*}}) : (tensor<i1>) -> i1
// CHECK-NEXT: "scf.condition"(%[[C]], %[[I]], %[[V]]) : (i1, tensor<i32>, tensor<?xf32>) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0(%[[J:.*]]: tensor<i32>, %[[W:.*]]: tensor<?xf32>):
// CHECK: "scf.yield"(%{{.*}}, %{{.*}}) : (tensor<i32>, tensor<?xf32>) -> ()
// CHECK-NEXT: }) : (tensor<i32>, tensor<?xf32>) -> (tensor<i32>, tensor<?xf32>)
// CHECK-NOT: parallel_iterations
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @loop(%x: tensor<2xf32>, %limit: tensor<i32>) -> (tensor<i32>, tensor<?xf32>) {
  %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
  %r:2 = "tf.While"(%zero, %x) <{parallel_iterations = 10 : i64}> ({
  ^bb0(%i: tensor<i32>, %v: tensor<?xf32>):
    %c = "tf.Less"(%i, %limit) : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "tf.Yield"(%c) : (tensor<i1>) -> ()
  }, {
  ^bb0(%i: tensor<i32>, %v: tensor<?xf32>):
    %n = "tf.AddV2"(%i, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    %w = "tf.Mul"(%v, %v) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    "tf.Yield"(%n, %w) : (tensor<i32>, tensor<?xf32>) -> ()
  }) : (tensor<i32>, tensor<2xf32>) -> (tensor<i32>, tensor<?xf32>)
  return %r#0, %r#1 : tensor<i32>, tensor<?xf32>
}

// NoOp is erased once the control operands that used it are dropped.
// CHECK-LABEL: func.func @no_op(
// CHECK-NEXT: return %arg0
func.func @no_op(%x: tensor<3xf32>) -> tensor<3xf32> {
  %n = "tf.NoOp"() : () -> !tf.control
  %y = "tf.Identity"(%x, %n) : (tensor<3xf32>, !tf.control) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
