// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s -canonicalize | FileCheck %s --check-prefix=CANON

// Every elementwise math op, comparison, selection, cast and reduction prints back unchanged in
// generic form; result types follow TF's broadcasting (dynamic and unranked shapes included).

// CHECK-LABEL: func.func @binary(
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %i: tensor<?x3xi32>, %j: tensor<i32>, %u: tensor<*xf32>) {
  // CHECK: "tf.AddV2"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %addv2 = "tf.AddV2"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.Sub"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %sub = "tf.Sub"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.Mul"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %mul = "tf.Mul"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.RealDiv"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %realdiv = "tf.RealDiv"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.FloorDiv"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %floordiv = "tf.FloorDiv"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.FloorMod"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %floormod = "tf.FloorMod"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.Maximum"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %maximum = "tf.Maximum"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.Minimum"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %minimum = "tf.Minimum"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.Pow"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %pow = "tf.Pow"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.AddV2"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %addv2_i = "tf.AddV2"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.Sub"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %sub_i = "tf.Sub"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.Mul"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %mul_i = "tf.Mul"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.RealDiv"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %realdiv_i = "tf.RealDiv"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.FloorDiv"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %floordiv_i = "tf.FloorDiv"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.FloorMod"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %floormod_i = "tf.FloorMod"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.Maximum"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %maximum_i = "tf.Maximum"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.Minimum"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %minimum_i = "tf.Minimum"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.Pow"(%{{.*}}, %{{.*}}) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  %pow_i = "tf.Pow"(%i, %j) : (tensor<?x3xi32>, tensor<i32>) -> tensor<?x3xi32>
  // CHECK: "tf.AddV2"(%{{.*}}, %{{.*}}) : (tensor<*xf32>, tensor<3xf32>) -> tensor<*xf32>
  %unranked = "tf.AddV2"(%u, %b) : (tensor<*xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// CHECK-LABEL: func.func @unary(
func.func @unary(%x: tensor<?x3xf32>, %i: tensor<4xi32>, %p: tensor<4xi1>) {
  // CHECK: "tf.Neg"(%{{.*}}) : (tensor<4xi32>) -> tensor<4xi32>
  %neg_i = "tf.Neg"(%i) : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: "tf.Abs"(%{{.*}}) : (tensor<4xi32>) -> tensor<4xi32>
  %abs_i = "tf.Abs"(%i) : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: "tf.Square"(%{{.*}}) : (tensor<4xi32>) -> tensor<4xi32>
  %square_i = "tf.Square"(%i) : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: "tf.Neg"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %neg = "tf.Neg"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Abs"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %abs = "tf.Abs"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Square"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %square = "tf.Square"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Sqrt"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %sqrt = "tf.Sqrt"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Rsqrt"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %rsqrt = "tf.Rsqrt"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Exp"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %exp = "tf.Exp"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Log"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %log = "tf.Log"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Log1p"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %log1p = "tf.Log1p"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Tanh"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %tanh = "tf.Tanh"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Sigmoid"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %sigmoid = "tf.Sigmoid"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Relu"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %relu = "tf.Relu"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Relu6"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %relu6 = "tf.Relu6"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Elu"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %elu = "tf.Elu"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Softplus"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %softplus = "tf.Softplus"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.Relu"(%{{.*}}) : (tensor<4xi32>) -> tensor<4xi32>
  %relu_i = "tf.Relu"(%i) : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: "tf.LogicalNot"(%{{.*}}) : (tensor<4xi1>) -> tensor<4xi1>
  %not = "tf.LogicalNot"(%p) : (tensor<4xi1>) -> tensor<4xi1>
  return
}

// CHECK-LABEL: func.func @compare(
func.func @compare(%x: tensor<?x3xf32>, %y: tensor<3xf32>, %p: tensor<4xi1>, %q: tensor<i1>, %v: tensor<2xi32>, %w: tensor<3xi32>) {
  // CHECK: "tf.Equal"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %eq = "tf.Equal"(%x, %y) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  // CHECK: "tf.NotEqual"(%{{.*}}, %{{.*}}) <{incompatible_shape_error = true}> : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %ne = "tf.NotEqual"(%x, %y) <{incompatible_shape_error = true}> : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  // CHECK: "tf.Equal"(%{{.*}}, %{{.*}}) <{incompatible_shape_error = false}> : (tensor<2xi32>, tensor<3xi32>) -> tensor<*xi1>
  %eq2 = "tf.Equal"(%v, %w) <{incompatible_shape_error = false}> : (tensor<2xi32>, tensor<3xi32>) -> tensor<*xi1>
  // CHECK: "tf.Equal"(%{{.*}}, %{{.*}}) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  %eqb = "tf.Equal"(%p, %q) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  // CHECK: "tf.Less"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %less = "tf.Less"(%x, %y) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  // CHECK: "tf.LessEqual"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %lessequal = "tf.LessEqual"(%x, %y) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  // CHECK: "tf.Greater"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %greater = "tf.Greater"(%x, %y) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  // CHECK: "tf.GreaterEqual"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  %greaterequal = "tf.GreaterEqual"(%x, %y) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xi1>
  // CHECK: "tf.LogicalAnd"(%{{.*}}, %{{.*}}) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  %logicaland = "tf.LogicalAnd"(%p, %q) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  // CHECK: "tf.LogicalOr"(%{{.*}}, %{{.*}}) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  %logicalor = "tf.LogicalOr"(%p, %q) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  return
}

// CHECK-LABEL: func.func @select_and_cast(
func.func @select_and_cast(%c: tensor<2xi1>, %s: tensor<i1>, %t: tensor<2x3xf32>, %e: tensor<?x3xf32>, %m: tensor<?x1xi1>, %v: tensor<3xf32>, %f: tensor<f32>) {
  // CHECK: "tf.Select"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<2xi1>, tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<2x3xf32>
  %sel = "tf.Select"(%c, %t, %e) : (tensor<2xi1>, tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.Select"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<i1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %sel_scalar = "tf.Select"(%s, %t, %t) : (tensor<i1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: "tf.SelectV2"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<?x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<?x3xf32>
  %sel2 = "tf.SelectV2"(%m, %v, %f) : (tensor<?x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<?x3xf32>
  // CHECK: "tf.Cast"(%{{.*}}) <{DstT = i32}> : (tensor<2x3xf32>) -> tensor<2x3xi32>
  %cast = "tf.Cast"(%t) <{DstT = i32}> : (tensor<2x3xf32>) -> tensor<2x3xi32>
  // CHECK: "tf.Cast"(%{{.*}}) <{DstT = bf16, Truncate = true}> : (tensor<?x3xf32>) -> tensor<?x3xbf16>
  %cast_bf16 = "tf.Cast"(%e) <{DstT = bf16, Truncate = true}> : (tensor<?x3xf32>) -> tensor<?x3xbf16>
  // CHECK: "tf.Cast"(%{{.*}}) <{DstT = f32}> : (tensor<2xi1>) -> tensor<2xf32>
  %cast_bool = "tf.Cast"(%c) <{DstT = f32}> : (tensor<2xi1>) -> tensor<2xf32>
  return
}

// CHECK-LABEL: func.func @reductions(
func.func @reductions(%x: tensor<2x?x4xf32>, %i: tensor<2x3xi32>, %axes: tensor<?xi32>, %u: tensor<*xf32>) {
  %c = "tf.Const"() <{value = dense<[0, -1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %one = "tf.Const"() <{value = dense<1> : tensor<i64>}> : () -> tensor<i64>
  // CHECK: "tf.Sum"(%{{.*}}, %{{.*}}) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  %sum = "tf.Sum"(%x, %c) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  // CHECK: "tf.Mean"(%{{.*}}, %{{.*}}) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  %mean = "tf.Mean"(%x, %c) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  // CHECK: "tf.Max"(%{{.*}}, %{{.*}}) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  %max = "tf.Max"(%x, %c) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  // CHECK: "tf.Min"(%{{.*}}, %{{.*}}) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  %min = "tf.Min"(%x, %c) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  // CHECK: "tf.Prod"(%{{.*}}, %{{.*}}) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  %prod = "tf.Prod"(%x, %c) : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  // CHECK: "tf.Sum"(%{{.*}}, %{{.*}}) <{keep_dims = true}> : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<1x?x1xf32>
  %keep = "tf.Sum"(%x, %c) <{keep_dims = true}> : (tensor<2x?x4xf32>, tensor<2xi32>) -> tensor<1x?x1xf32>
  // CHECK: "tf.Mean"(%{{.*}}, %{{.*}}) <{keep_dims = true}> : (tensor<2x3xi32>, tensor<?xi32>) -> tensor<?x?xi32>
  %dyn_keep = "tf.Mean"(%i, %axes) <{keep_dims = true}> : (tensor<2x3xi32>, tensor<?xi32>) -> tensor<?x?xi32>
  // CHECK: "tf.Max"(%{{.*}}, %{{.*}}) : (tensor<2x3xi32>, tensor<?xi32>) -> tensor<*xi32>
  %dyn = "tf.Max"(%i, %axes) : (tensor<2x3xi32>, tensor<?xi32>) -> tensor<*xi32>
  // CHECK: "tf.Prod"(%{{.*}}, %{{.*}}) : (tensor<*xf32>, tensor<2xi32>) -> tensor<*xf32>
  %unranked = "tf.Prod"(%u, %c) : (tensor<*xf32>, tensor<2xi32>) -> tensor<*xf32>
  // CHECK: "tf.ArgMax"(%{{.*}}, %{{.*}}) : (tensor<2x?x4xf32>, tensor<i64>) -> tensor<2x4xi64>
  %argmax = "tf.ArgMax"(%x, %one) : (tensor<2x?x4xf32>, tensor<i64>) -> tensor<2x4xi64>
  // CHECK: "tf.ArgMin"(%{{.*}}, %{{.*}}) <{output_type = i32}> : (tensor<2x3xi32>, tensor<i64>) -> tensor<2xi32>
  %argmin = "tf.ArgMin"(%i, %one) <{output_type = i32}> : (tensor<2x3xi32>, tensor<i64>) -> tensor<2xi32>
  return
}

// Constant operands fold; x * 1, x - 0, a cast to the same type and a select on a constant
// condition fold to an operand when the result has that operand's type.
// CANON-LABEL: func.func @fold(
func.func @fold(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>, tensor<3xi1>, tensor<3xf32>, tensor<2xf32>) {
  %a = "tf.Const"() <{value = dense<[1.0, -2.5, 4.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
  %one = "tf.Const"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
  %zero = "tf.Const"() <{value = dense<0.0> : tensor<3xf32>}> : () -> tensor<3xf32>
  %true = "tf.Const"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %ints = "tf.Const"() <{value = dense<[[-7, 7], [3, 4]]> : tensor<2x2xi32>}> : () -> tensor<2x2xi32>
  %axes = "tf.Const"() <{value = dense<[0, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %m = "tf.Const"() <{value = dense<[[1.0, 5.0], [3.0, 2.0]]> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
  %ax0 = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  // CANON-DAG: %[[SUM:.*]] = "tf.Const"() <{value = dense<[2.000000e+00, -5.000000e+00, 8.000000e+00]> : tensor<3xf32>}>
  %sum = "tf.AddV2"(%a, %a) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %mul = "tf.Mul"(%x, %one) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %sub = "tf.Sub"(%y, %zero) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %cast = "tf.Cast"(%x) <{DstT = f32}> : (tensor<3xf32>) -> tensor<3xf32>
  // CANON-DAG: %[[RED:.*]] = "tf.Const"() <{value = dense<7> : tensor<i32>}>
  %red = "tf.Sum"(%ints, %axes) : (tensor<2x2xi32>, tensor<2xi32>) -> tensor<i32>
  // CANON-DAG: %[[LESS:.*]] = "tf.Const"() <{value = dense<[false, true, false]> : tensor<3xi1>}>
  %less = "tf.Less"(%a, %one) : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %sel = "tf.SelectV2"(%true, %y, %x) : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  // CANON-DAG: %[[MAX:.*]] = "tf.Const"() <{value = dense<[3.000000e+00, 5.000000e+00]> : tensor<2xf32>}>
  %max = "tf.Max"(%m, %ax0) : (tensor<2x2xf32>, tensor<i32>) -> tensor<2xf32>
  // CANON-NOT: tf.AddV2
  // CANON-NOT: tf.Mul
  // CANON-NOT: tf.Sub
  // CANON-NOT: tf.Cast
  // CANON-NOT: tf.Sum
  // CANON-NOT: tf.SelectV2
  // CANON: return %[[SUM]], %arg0, %arg1, %arg0, %[[RED]], %[[LESS]], %arg1, %[[MAX]]
  return %sum, %mul, %sub, %cast, %red, %less, %sel, %max : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>, tensor<3xi1>, tensor<3xf32>, tensor<2xf32>
}

// x + 0.0 is not x for floats (-0.0 + 0.0 is +0.0), so it stays; for integers it folds.
// CANON-LABEL: func.func @no_float_add_zero(
func.func @no_float_add_zero(%x: tensor<3xf32>, %i: tensor<3xi32>) -> (tensor<3xf32>, tensor<3xi32>) {
  %zero = "tf.Const"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
  %izero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  // CANON: %[[ADD:.*]] = "tf.AddV2"(%arg0, %{{.*}})
  %add = "tf.AddV2"(%zero, %x) : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  %iadd = "tf.AddV2"(%izero, %i) : (tensor<i32>, tensor<3xi32>) -> tensor<3xi32>
  // CANON: return %[[ADD]], %arg1
  return %add, %iadd : tensor<3xf32>, tensor<3xi32>
}

// Constants move right among the data operands only; control inputs stay last.
// CANON-LABEL: func.func @commute_keeps_controls(
// CANON: %[[C:.*]] = "tf.Const"
// CANON: "tf.AddV2"(%arg0, %[[C]], %{{.*}}) : (tensor<f32>, tensor<f32>, !tf.control) -> tensor<f32>
func.func @commute_keeps_controls(%x: tensor<f32>) -> tensor<f32> {
  %c = "tf.Const"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
  %n = "tf.NoOp"() : () -> !tf.control
  %r = "tf.AddV2"(%c, %x, %n) : (tensor<f32>, tensor<f32>, !tf.control) -> tensor<f32>
  return %r : tensor<f32>
}
