// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @const_type_mismatch() {
  // expected-error @+1 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  %c = "tf.Const"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return
}

// -----

func.func @placeholder_shape_mismatch() {
  // expected-error @+1 {{incompatible with return type(s)}}
  %p = "tf.Placeholder"() <{dtype = f32, shape = [2]}> : () -> tensor<3xf32>
  return
}

// -----

func.func @assign_wrong_dtype(%x: tensor<2xi32>) {
  %v = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>
  // expected-error @+1 {{the variable holds f32 but the value is i32}}
  %c = "tf.AssignVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<2xi32>) -> !tf.control
  return
}

// -----

func.func @assign_wrong_shape(%x: tensor<3xf32>) {
  %v = "tf.VarHandleOp"() <{dtype = f32, shape = [2], shared_name = "W"}> : () -> !tf.resource<tensor<2xf32>>
  // expected-error @+1 {{Shapes must be equal}}
  %c = "tf.AssignVariableOp"(%v, %x) : (!tf.resource<tensor<2xf32>>, tensor<3xf32>) -> !tf.control
  return
}

// -----

func.func @assert_needs_bool(%x: tensor<f32>) {
  // expected-error @+1 {{the condition must be a bool tensor}}
  %c = "tf.Assert"(%x) : (tensor<f32>) -> !tf.control
  return
}

// -----

func.func @if_needs_scalar_bool(%x: tensor<2xi1>) {
  // expected-error @+1 {{the condition must be a scalar bool tensor}}
  "tf.If"(%x) ({
    "tf.Yield"() : () -> ()
  }, {
    "tf.Yield"() : () -> ()
  }) : (tensor<2xi1>) -> ()
  return
}

// -----

func.func @if_branch_types(%p: tensor<i1>, %x: tensor<f32>, %y: tensor<i32>) {
  // expected-error @+1 {{else_branch yields tensor<i32> as value #0, but the op expects tensor<f32>}}
  %r = "tf.If"(%p) ({
    "tf.Yield"(%x) : (tensor<f32>) -> ()
  }, {
    "tf.Yield"(%y) : (tensor<i32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  return
}

// -----

func.func @while_cond_yields_bool(%n: tensor<i32>) {
  // expected-error @+1 {{cond must yield one scalar bool tensor}}
  %r = "tf.While"(%n) ({
  ^bb0(%k: tensor<i32>):
    "tf.Yield"(%k) : (tensor<i32>) -> ()
  }, {
  ^bb0(%k: tensor<i32>):
    "tf.Yield"(%k) : (tensor<i32>) -> ()
  }) : (tensor<i32>) -> tensor<i32>
  return
}

// -----

func.func @yield_outside(%x: tensor<f32>) {
  // expected-error @+1 {{must be the last operation in the parent block}}
  "tf.Yield"(%x) : (tensor<f32>) -> ()
  return
}

// -----

func.func @bad_resource() {
  // expected-error @+1 {{invalid type '!tf.resource'}}
  %v = "tf.VarHandleOp"() <{dtype = f32, shared_name = "W"}> : () -> !tf.resource<f32>
  return
}

// -----

func.func @range_needs_scalars(%v: tensor<2xi32>, %s: tensor<i32>) {
  // expected-error @+1 {{Shape must be rank 0 but is rank 1 for 'limit'}}
  %r = "tf.Range"(%s, %v, %s) : (tensor<i32>, tensor<2xi32>, tensor<i32>) -> tensor<?xi32>
  return
}

// -----

func.func @default_shape_mismatch(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{the default value's shape [2, 3] is not compatible with [None, 4]}}
  %d = "tf.PlaceholderWithDefault"(%x) <{shape = [-1, 4]}> : (tensor<2x3xf32>) -> tensor<?x4xf32>
  return
}
