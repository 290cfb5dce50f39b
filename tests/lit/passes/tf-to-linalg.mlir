// RUN: tfc-opt %s -tf-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[BCAST:map[0-9]*]] = affine_map<(d0, d1) -> (0, d1)>

// An elementwise op with broadcasting becomes one linalg.generic over a tensor.empty; the
// broadcast operand's map drops the dims it lacks.
// CHECK-LABEL: func.func @add_broadcast(
// CHECK: %[[E:.*]] = "tensor.empty"() : () -> tensor<4x8xf32>
// CHECK: "linalg.generic"(%arg0, %arg1, %[[E]])
// CHECK-SAME: indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK-SAME: iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>]
// CHECK: "arith.addf"
// CHECK: "linalg.yield"
// CHECK-NOT: tf.AddV2
func.func @add_broadcast(%a: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %r = "tf.AddV2"(%a, %b) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// A static 1 against a larger dim reads index 0; dynamic sizes come from tensor.dim.
// CHECK-LABEL: func.func @dynamic_batch(
// CHECK: %[[C0:.*]] = "arith.constant"() <{value = 0 : index}> : () -> index
// CHECK: %[[D:.*]] = "tensor.dim"(%arg0, %[[C0]]) : (tensor<?x3xf32>, index) -> index
// CHECK: %[[E:.*]] = "tensor.empty"(%[[D]]) : (index) -> tensor<?x3xf32>
// CHECK: "linalg.generic"(%arg0, %arg1, %[[E]]) <{indexing_maps = [#[[ID]], #[[BCAST]], #[[ID]]]
func.func @dynamic_batch(%a: tensor<?x3xf32>, %b: tensor<1x3xf32>) -> tensor<?x3xf32> {
  %r = "tf.Mul"(%a, %b) : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// A chain lowers op by op (fusion is its own pass); control operands are dropped.
// CHECK-LABEL: func.func @chain(
// CHECK-COUNT-3: "linalg.generic"
// CHECK-NOT: "tf.Tanh"
func.func @chain(%a: tensor<5xf32>) -> tensor<5xf32> {
  %n = "tf.NoOp"() : () -> !tf.control
  %r = "tf.Relu"(%a) : (tensor<5xf32>) -> tensor<5xf32>
  %s = "tf.Sigmoid"(%r) : (tensor<5xf32>) -> tensor<5xf32>
  %t = "tf.Tanh"(%s, %n) : (tensor<5xf32>, !tf.control) -> tensor<5xf32>
  return %t : tensor<5xf32>
}
