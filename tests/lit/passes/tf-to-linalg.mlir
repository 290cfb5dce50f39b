// RUN: tfc-opt %s -tf-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[BCAST:map[0-9]*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[ROWS:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>

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

// Integer FloorMod keeps TF's floor semantics: the truncated remainder moves into the divisor's
// sign. A rank-0 operand reads the same scalar at every point.
// CHECK-LABEL: func.func @floor_mod_int(
// CHECK: "linalg.generic"(%arg0, %arg1, %{{.*}}) <{indexing_maps = [#[[V:map[0-9]*]], #[[S:map[0-9]*]], #[[V]]]
// CHECK: %[[R:.*]] = "arith.remsi"(%{{.*}}, %{{.*}}) : (i32, i32) -> i32
// CHECK: %[[FIX:.*]] = "arith.andi"
// CHECK: %[[SUM:.*]] = "arith.addi"(%[[R]], %{{.*}})
// CHECK: "arith.select"(%[[FIX]], %[[SUM]], %[[R]])
// CHECK-NOT: tf.FloorMod
func.func @floor_mod_int(%a: tensor<4xi32>, %b: tensor<i32>) -> tensor<4xi32> {
  %r = "tf.FloorMod"(%a, %b) : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// Comparisons yield i1; NaN compares false (olt = 4), except NotEqual (une = 13).
// CHECK-LABEL: func.func @compare(
// CHECK: "tensor.empty"(%{{.*}}) : (index) -> tensor<?x3xi1>
// CHECK: "arith.cmpf"(%{{.*}}, %{{.*}}) <{predicate = 4 : i64}> : (f32, f32) -> i1
// CHECK: "arith.cmpf"(%{{.*}}, %{{.*}}) <{predicate = 13 : i64}> : (f32, f32) -> i1
// CHECK: "arith.cmpi"(%{{.*}}, %{{.*}}) <{predicate = 4 : i64}> : (i64, i64) -> i1
func.func @compare(%a: tensor<?x3xf32>, %b: tensor<3xf32>, %i: tensor<2xi64>) -> (tensor<?x3xi1>, tensor<?x3xi1>, tensor<2xi1>) {
  %l = "tf.Less"(%a, %b) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %n = "tf.NotEqual"(%a, %b) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %g = "tf.Greater"(%i, %i) : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi1>
  return %l, %n, %g : tensor<?x3xi1>, tensor<?x3xi1>, tensor<2xi1>
}

// TF1 Select with a vector condition picks rows: the condition is read at (d0); the dynamic
// size comes from `t`, not from the condition.
// CHECK-LABEL: func.func @select_rows(
// CHECK: %[[D:.*]] = "tensor.dim"(%arg1, %{{.*}}) : (tensor<?x3xf32>, index) -> index
// CHECK: %[[E:.*]] = "tensor.empty"(%[[D]]) : (index) -> tensor<?x3xf32>
// CHECK: "linalg.generic"(%arg0, %arg1, %arg2, %[[E]]) <{indexing_maps = [#[[ROWS]], #[[ID]], #[[ID]], #[[ID]]]
// CHECK: "arith.select"
func.func @select_rows(%c: tensor<?xi1>, %t: tensor<?x3xf32>, %e: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %r = "tf.Select"(%c, %t, %e) : (tensor<?xi1>, tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// Casts: float -> int truncates (fptosi), anything -> bool is `!= 0` (une against 0.0), bool ->
// float reads 0 / 1 (uitofp); a cast to the same type is the operand itself.
// CHECK-LABEL: func.func @casts(
// CHECK: "arith.fptosi"(%{{.*}}) : (f32) -> i32
// CHECK: %[[ZERO:.*]] = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
// CHECK: "arith.cmpf"(%{{.*}}, %[[ZERO]]) <{predicate = 13 : i64}>
// CHECK: "arith.uitofp"(%{{.*}}) : (i1) -> f64
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}}, %arg0 :
func.func @casts(%a: tensor<4xf32>) -> (tensor<4xi32>, tensor<4xi1>, tensor<4xf64>, tensor<4xf32>) {
  %i = "tf.Cast"(%a) <{DstT = i32}> : (tensor<4xf32>) -> tensor<4xi32>
  %b = "tf.Cast"(%a) <{DstT = i1}> : (tensor<4xf32>) -> tensor<4xi1>
  %d = "tf.Cast"(%b) <{DstT = f64}> : (tensor<4xi1>) -> tensor<4xf64>
  %s = "tf.Cast"(%a) <{DstT = f32}> : (tensor<4xf32>) -> tensor<4xf32>
  return %i, %b, %d, %s : tensor<4xi32>, tensor<4xi1>, tensor<4xf64>, tensor<4xf32>
}

// Integer division checks its divisor first (TF's run-time error), then divides.
// CHECK-LABEL: func.func @checked_division(
// CHECK: %[[ALL:.*]] = "linalg.generic"(%arg1, %{{.*}}) <{{.*}}iterator_types = [#linalg.iterator_type<reduction>]
// CHECK: "arith.cmpi"
// CHECK: "arith.andi"
// CHECK: %[[OK:.*]] = "tensor.extract"(%[[ALL]]) : (tensor<i1>) -> i1
// CHECK: "cf.assert"(%[[OK]]) <{msg = "Integer division by zero"}> : (i1) -> ()
// CHECK: "arith.floordivsi"
func.func @checked_division(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %r = "tf.FloorDiv"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %r : tensor<4xi32>
}
