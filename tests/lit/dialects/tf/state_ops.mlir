// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s -canonicalize -cse | FileCheck %s --check-prefix=CANON

// Constants, placeholders, identities, variables, Print, Assert and the random ops print back
// unchanged; control inputs are trailing operands that need no segment sizes.

// CHECK-LABEL: func.func @state(
func.func @state(%x: tensor<2xf32>, %p: tensor<i1>) -> (tensor<2xf32>, tensor<2xf32>, tensor<3x4xf32>) {
  // CHECK: "tf.Const"() <{value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c = "tf.Const"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  // CHECK: "tf.Placeholder"() <{dtype = f32, shape = [-1, 3]}> : () -> tensor<?x3xf32>
  %ph = "tf.Placeholder"() <{dtype = f32, shape = [-1, 3]}> : () -> tensor<?x3xf32>
  // CHECK: "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>
  %v = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>
  // CHECK: %[[INIT:.*]] = "tf.AssignVariableOp"(%{{.*}}, %{{.*}}) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
  %init = "tf.AssignVariableOp"(%v, %c) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>) -> !tf.control
  // CHECK: "tf.AssignAddVariableOp"(%{{.*}}, %{{.*}}, %[[INIT]]) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>, !tf.control) -> !tf.control
  %add = "tf.AssignAddVariableOp"(%v, %x, %init) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>, !tf.control) -> !tf.control
  %sub = "tf.AssignSubVariableOp"(%v, %x, %add) : (!tf.resource<tensor<2xf32>>, tensor<2xf32>, !tf.control) -> !tf.control
  // CHECK: "tf.ReadVariableOp"(%{{.*}}, %{{.*}}) : (!tf.resource<tensor<2xf32>>, !tf.control) -> tensor<2xf32>
  %r = "tf.ReadVariableOp"(%v, %sub) : (!tf.resource<tensor<2xf32>>, !tf.control) -> tensor<2xf32>
  %ok = "tf.VarIsInitializedOp"(%v) : (!tf.resource<tensor<2xf32>>) -> tensor<i1>
  // CHECK: "tf.Print"(%{{.*}}, %{{.*}}, %{{.*}}) <{message = "r: ", summarize = 5 : i64}> : (tensor<2xf32>, tensor<2xf32>, tensor<i1>) -> tensor<2xf32>
  %pr = "tf.Print"(%r, %r, %ok) <{message = "r: ", summarize = 5}> : (tensor<2xf32>, tensor<2xf32>, tensor<i1>) -> tensor<2xf32>
  // CHECK: "tf.Assert"(%{{.*}}, %{{.*}}) <{message = "p must hold"}> : (tensor<i1>, tensor<2xf32>) -> !tf.control
  %as = "tf.Assert"(%p, %x) <{message = "p must hold"}> : (tensor<i1>, tensor<2xf32>) -> !tf.control
  // CHECK: "tf.Identity"(%{{.*}}, %{{.*}}) : (tensor<2xf32>, !tf.control) -> tensor<2xf32>
  %id = "tf.Identity"(%pr, %as) : (tensor<2xf32>, !tf.control) -> tensor<2xf32>
  %sg = "tf.StopGradient"(%id) : (tensor<2xf32>) -> tensor<2xf32>
  %shape = "tf.Const"() <{value = dense<[3, 4]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // CHECK: "tf.RandomUniform"(%{{.*}}) <{dtype = f32, seed = 1 : i64, seed2 = 2 : i64}> : (tensor<2xi32>) -> tensor<3x4xf32>
  %ru = "tf.RandomUniform"(%shape) <{dtype = f32, seed = 1, seed2 = 2}> : (tensor<2xi32>) -> tensor<3x4xf32>
  %rn = "tf.RandomStandardNormal"(%shape) <{dtype = f32}> : (tensor<2xi32>) -> tensor<3x4xf32>
  %tn = "tf.TruncatedNormal"(%shape) <{dtype = f32, seed = 7}> : (tensor<2xi32>) -> tensor<3x4xf32>
  // CHECK: "tf.NoOp"(%{{.*}}, %{{.*}}) : (tensor<3x4xf32>, tensor<3x4xf32>) -> !tf.control
  %group = "tf.NoOp"(%rn, %tn) : (tensor<3x4xf32>, tensor<3x4xf32>) -> !tf.control
  return %sg, %c, %ru : tensor<2xf32>, tensor<2xf32>, tensor<3x4xf32>
}

// Canonicalization drops pure ops nobody uses and identities without control inputs, but
// keeps every stateful op and the identity that carries a control input. Placeholders are
// not pure: two of them with the same type are different inputs, never merged.
// CANON-LABEL: func.func @state(
// CANON: tf.Placeholder
// CANON: tf.AssignVariableOp
// CANON: tf.AssignAddVariableOp
// CANON: tf.AssignSubVariableOp
// CANON: tf.ReadVariableOp
// CANON: tf.Print
// CANON: tf.Assert
// CANON: tf.Identity
// CANON-NOT: tf.StopGradient
// CANON: tf.RandomUniform
// CANON: tf.RandomStandardNormal
// CANON: tf.TruncatedNormal
