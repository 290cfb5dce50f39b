// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s -canonicalize | FileCheck %s --check-prefix=CANON

// Every array and slice op in its generic form, printed back unchanged; operands that give
// shapes, axes and perms are constants, so the result types are the inferred static ones.

// CHECK-LABEL: func.func @reshaping(
func.func @reshaping(%x: tensor<2x3xf32>, %d: tensor<?x3xf32>) -> (tensor<3x2xf32>, tensor<?x3xf32>, tensor<3x2xf32>, tensor<2x1x3xf32>, tensor<2x3xf32>) {
  %shape = "tf.Const"() <{value = dense<[-1, 2]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // CHECK: "tf.Reshape"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  %r = "tf.Reshape"(%x, %shape) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  %shape2 = "tf.Const"() <{value = dense<[-1, 3]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // CHECK: "tf.Reshape"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<2xi32>) -> tensor<?x3xf32>
  %rd = "tf.Reshape"(%d, %shape2) : (tensor<?x3xf32>, tensor<2xi32>) -> tensor<?x3xf32>
  %perm = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // CHECK: "tf.Transpose"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  %t = "tf.Transpose"(%x, %perm) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  %dim = "tf.Const"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
  // CHECK: "tf.ExpandDims"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x1x3xf32>
  %e = "tf.ExpandDims"(%x, %dim) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x1x3xf32>
  // CHECK: "tf.Squeeze"(%{{.*}}) <{squeeze_dims = [-2]}> : (tensor<2x1x3xf32>) -> tensor<2x3xf32>
  %s = "tf.Squeeze"(%e) <{squeeze_dims = [-2]}> : (tensor<2x1x3xf32>) -> tensor<2x3xf32>
  return %r, %rd, %t, %e, %s : tensor<3x2xf32>, tensor<?x3xf32>, tensor<3x2xf32>, tensor<2x1x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @joining(
func.func @joining(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %k: tensor<i32>) -> (tensor<6x3xf32>, tensor<2x2x3xf32>, tensor<3xf32>, tensor<?x?xf32>) {
  %axis = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  // CHECK: "tf.ConcatV2"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<i32>) -> tensor<6x3xf32>
  %c = "tf.ConcatV2"(%a, %b, %axis) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<i32>) -> tensor<6x3xf32>
  // CHECK: "tf.ConcatV2"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<i32>) -> tensor<?x?xf32>
  %cd = "tf.ConcatV2"(%a, %b, %k) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<i32>) -> tensor<?x?xf32>
  // CHECK: "tf.Pack"(%{{.*}}, %{{.*}}) <{axis = 1 : i64}> : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  %p = "tf.Pack"(%a, %a) <{axis = 1}> : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  // CHECK: %{{.*}}:2 = "tf.Unpack"(%{{.*}}) <{num = 2 : i64}> : (tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  %u:2 = "tf.Unpack"(%a) <{num = 2}> : (tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %c, %p, %u#1, %cd : tensor<6x3xf32>, tensor<2x2x3xf32>, tensor<3xf32>, tensor<?x?xf32>
}

// CHECK-LABEL: func.func @slicing(
func.func @slicing(%x: tensor<4x3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<2x1x3xf32>) {
  %begin = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %size = "tf.Const"() <{value = dense<[2, -1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // CHECK: "tf.Slice"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<4x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  %s = "tf.Slice"(%x, %begin, %size) : (tensor<4x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  %b1 = "tf.Const"() <{value = dense<-1> : tensor<1xi32>}> : () -> tensor<1xi32>
  %e1 = "tf.Const"() <{value = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s1 = "tf.Const"() <{value = dense<1> : tensor<1xi32>}> : () -> tensor<1xi32>
  // x[-1]
  // CHECK: "tf.StridedSlice"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{shrink_axis_mask = 1 : i64}> : (tensor<4x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<3xf32>
  %last = "tf.StridedSlice"(%x, %b1, %e1, %s1) <{shrink_axis_mask = 1}> : (tensor<4x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<3xf32>
  %b3 = "tf.Const"() <{value = dense<[3, 0, 0]> : tensor<3xi32>}> : () -> tensor<3xi32>
  %e3 = "tf.Const"() <{value = dense<[0, 0, 0]> : tensor<3xi32>}> : () -> tensor<3xi32>
  %s3 = "tf.Const"() <{value = dense<[-2, 1, 1]> : tensor<3xi32>}> : () -> tensor<3xi32>
  // x[3::-2, None, ...]
  // CHECK: "tf.StridedSlice"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{ellipsis_mask = 4 : i64, end_mask = 1 : i64, new_axis_mask = 2 : i64}> : (tensor<4x3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x1x3xf32>
  %r = "tf.StridedSlice"(%x, %b3, %e3, %s3) <{end_mask = 1, new_axis_mask = 2, ellipsis_mask = 4}> : (tensor<4x3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x1x3xf32>
  return %s, %last, %r : tensor<2x3xf32>, tensor<3xf32>, tensor<2x1x3xf32>
}

// CHECK-LABEL: func.func @filling(
func.func @filling(%x: tensor<?x3xf32>, %v: tensor<f32>, %i: tensor<2xi32>) -> (tensor<4x3xf32>, tensor<2x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<2x5xf32>) {
  %m = "tf.Const"() <{value = dense<[2, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %x2 = "tf.Const"() <{value = dense<1.0> : tensor<2x3xf32>}> : () -> tensor<2x3xf32>
  // CHECK: "tf.Tile"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x3xf32>
  %t = "tf.Tile"(%x2, %m) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x3xf32>
  %dims = "tf.Const"() <{value = dense<[2, 3]> : tensor<2xi32>}> : () -> tensor<2xi32>
  // CHECK: "tf.Fill"(%{{.*}}, %{{.*}}) : (tensor<2xi32>, tensor<f32>) -> tensor<2x3xf32>
  %f = "tf.Fill"(%dims, %v) : (tensor<2xi32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: "tf.ZerosLike"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %z = "tf.ZerosLike"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: "tf.OnesLike"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %o = "tf.OnesLike"(%x) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %depth = "tf.Const"() <{value = dense<5> : tensor<i32>}> : () -> tensor<i32>
  %on = "tf.Const"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
  %off = "tf.Const"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
  // CHECK: "tf.OneHot"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{axis = -1 : i64}> : (tensor<2xi32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<2x5xf32>
  %h = "tf.OneHot"(%i, %depth, %on, %off) <{axis = -1}> : (tensor<2xi32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<2x5xf32>
  return %t, %f, %z, %o, %h : tensor<4x3xf32>, tensor<2x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<2x5xf32>
}

// CHECK-LABEL: func.func @shapes(
func.func @shapes(%x: tensor<2x3xf32>, %d: tensor<?x3xf32>, %u: tensor<*xf32>) -> (tensor<2xi32>, tensor<2xi64>, tensor<i32>, tensor<i32>, tensor<?xi32>, tensor<i32>) {
  // CHECK: "tf.Shape"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2xi32>
  %s = "tf.Shape"(%x) : (tensor<2x3xf32>) -> tensor<2xi32>
  // CHECK: "tf.Shape"(%{{.*}}) <{out_type = i64}> : (tensor<?x3xf32>) -> tensor<2xi64>
  %sd = "tf.Shape"(%d) <{out_type = i64}> : (tensor<?x3xf32>) -> tensor<2xi64>
  // CHECK: "tf.Size"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<i32>
  %n = "tf.Size"(%x) : (tensor<2x3xf32>) -> tensor<i32>
  // CHECK: "tf.Rank"(%{{.*}}) : (tensor<?x3xf32>) -> tensor<i32>
  %r = "tf.Rank"(%d) : (tensor<?x3xf32>) -> tensor<i32>
  // CHECK: "tf.Shape"(%{{.*}}) : (tensor<*xf32>) -> tensor<?xi32>
  %su = "tf.Shape"(%u) : (tensor<*xf32>) -> tensor<?xi32>
  // CHECK: "tf.Rank"(%{{.*}}) : (tensor<*xf32>) -> tensor<i32>
  %ru = "tf.Rank"(%u) : (tensor<*xf32>) -> tensor<i32>
  return %s, %sd, %n, %r, %su, %ru : tensor<2xi32>, tensor<2xi64>, tensor<i32>, tensor<i32>, tensor<?xi32>, tensor<i32>
}

// Canonicalization: shapes, sizes and ranks that the types say become constants; a reshape to
// the same static type, an identity transpose and ops of constants fold away; what depends on
// a run-time value stays.
// CANON-LABEL: func.func @reshaping(
// CANON: "tf.Reshape"(%arg0
// CANON: "tf.Reshape"(%arg1
// CANON: "tf.Transpose"(%arg0
// CANON: %[[E:.*]] = "tf.ExpandDims"(%arg0
// CANON-NOT: "tf.Squeeze"
// CANON: return %{{.*}}, %{{.*}}, %{{.*}}, %[[E]], %arg0 :
// CANON-LABEL: func.func @shapes(
// CANON-DAG: "tf.Const"() <{value = dense<[2, 3]> : tensor<2xi32>}>
// CANON-DAG: "tf.Const"() <{value = dense<6> : tensor<i32>}>
// CANON-DAG: "tf.Const"() <{value = dense<2> : tensor<i32>}>
// CANON: "tf.Shape"(%arg1) <{out_type = i64}>
// CANON: "tf.Shape"(%arg2)
// CANON: "tf.Rank"(%arg2)
// CANON-NOT: "tf.Size"
// CANON: return
func.func @folds(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>) {
  %s = "tf.Shape"(%x) : (tensor<2x3xf32>) -> tensor<2xi32>
  %same = "tf.Reshape"(%x, %s) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  %id = "tf.Const"() <{value = dense<[0, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %t = "tf.Transpose"(%same, %id) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  %c = "tf.Const"() <{value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>}> : () -> tensor<2x3xf32>
  %perm = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %ct = "tf.Transpose"(%c, %perm) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  return %same, %t, %ct : tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>
}
// CANON-LABEL: func.func @folds(
// CANON-SAME: %[[X:[^:]+]]: tensor<2x3xf32>
// CANON-NEXT: %[[C:.*]] = "tf.Const"() <{value = dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>}>
// CANON-NEXT: return %[[X]], %[[X]], %[[C]]
