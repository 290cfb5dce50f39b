// RUN: tfc-opt %s -split-input-file -verify-diagnostics -bufferize

func.func @elementwise_arith_on_tensors(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'arith.addf' op cannot be bufferized: bufferize has no rule for this op on tensors}}
  %y = "arith.addf"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// expected-error @+1 {{'func.func' op cannot be bufferized: unranked tensor tensor<*xf32> in the signature}}
func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}

// -----

func.func @while_changes_type(%x: tensor<2xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'scf.while' op cannot be bufferized: a carried tensor changes type in the loop (tensor<2xf32> -> tensor<?xf32>)}}
  %r = "scf.while"(%x) ({
  ^bb0(%v: tensor<2xf32>):
    %c = "tensor.cast"(%v) : (tensor<2xf32>) -> tensor<?xf32>
    %t = "arith.constant"() <{value = false}> : () -> i1
    "scf.condition"(%t, %c) : (i1, tensor<?xf32>) -> ()
  }, {
  ^bb0(%v: tensor<?xf32>):
    %c = "tensor.cast"(%v) : (tensor<?xf32>) -> tensor<2xf32>
    "scf.yield"(%c) : (tensor<2xf32>) -> ()
  }) : (tensor<2xf32>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

func.func @tf_op_left(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tf.Tanh' op cannot be bufferized: bufferize has no rule for this op on tensors}}
  %y = "tf.Tanh"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
