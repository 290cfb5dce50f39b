// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s -canonicalize | FileCheck %s --check-prefix=CANON

// CHECK-LABEL: func.func @range(
// CANON-LABEL: func.func @range(
func.func @range(%n: tensor<i32>) -> (tensor<?xi32>, tensor<4xi32>) {
  %zero = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %one = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
  %four = "tf.Const"() <{value = dense<4> : tensor<i32>}> : () -> tensor<i32>
  // CHECK: "tf.Range"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
  %r = "tf.Range"(%zero, %n, %one) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
  // A range of constants folds to its value.
  // CANON: "tf.Const"() <{value = dense<[0, 1, 2, 3]> : tensor<4xi32>}>
  %s = "tf.Range"(%zero, %four, %one) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<4xi32>
  return %r, %s : tensor<?xi32>, tensor<4xi32>
}

// CHECK-LABEL: func.func @with_default(
// CANON-LABEL: func.func @with_default(
func.func @with_default(%x: tensor<2x3xf32>) -> (tensor<?x3xf32>, tensor<2x3xf32>) {
  // CHECK: "tf.PlaceholderWithDefault"(%{{.*}}) <{shape = [-1, 3]}> : (tensor<2x3xf32>) -> tensor<?x3xf32>
  // Each is a feed point: canonicalization keeps both.
  // CANON-COUNT-2: "tf.PlaceholderWithDefault"
  %d = "tf.PlaceholderWithDefault"(%x) <{shape = [-1, 3]}> : (tensor<2x3xf32>) -> tensor<?x3xf32>
  %e = "tf.PlaceholderWithDefault"(%x) <{shape = [2, 3]}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %d, %e : tensor<?x3xf32>, tensor<2x3xf32>
}
