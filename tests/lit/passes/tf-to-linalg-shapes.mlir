// RUN: tfc-opt %s -tf-to-linalg="strict=true" | FileCheck %s

// Constants, identities and the shape/array tf ops lower to arith / tensor / linalg.
// CHECK-DAG: #[[MOD:map[0-9]*]] = affine_map<(d0, d1) -> (d0 mod 2, d1)>
// CHECK-DAG: #[[BCAST:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[REV:map[0-9]*]] = affine_map<(d0, d1) -> (d0 * -1 + 7, d1)>
// CHECK-DAG: #[[DROP:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>

// A constant keeps its dense elements in an arith.constant (bool included).
// CHECK-LABEL: func.func @const(
// CHECK: "arith.constant"() <{value = dense<[true, false]> : tensor<2xi1>}> : () -> tensor<2xi1>
// CHECK-NOT: "tf.Const"
func.func @const() -> tensor<2xi1> {
  %c = "tf.Const"() <{value = dense<[true, false]> : tensor<2xi1>}> : () -> tensor<2xi1>
  return %c : tensor<2xi1>
}

// Identities are their input; a less specific result type is a tensor.cast.
// CHECK-LABEL: func.func @identity(
// CHECK-NEXT: %[[C:.*]] = "tensor.cast"(%arg0) : (tensor<2x3xf32>) -> tensor<?x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @identity(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %a = "tf.Identity"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %b = "tf.StopGradient"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %c = "tf.PlaceholderWithDefault"(%b) <{shape = [-1, 3]}> : (tensor<2x3xf32>) -> tensor<?x3xf32>
  return %c : tensor<?x3xf32>
}

// A reshape that merges dims is one collapse_shape, dynamic dims included.
// CHECK-LABEL: func.func @reshape_collapse(
// CHECK: "cf.assert"(%{{.*}}) <{msg = "Input to reshape is a tensor whose number of values does not fit the requested shape"}>
// CHECK: %[[R:.*]] = "tensor.collapse_shape"(%arg0) <{reassociation = {{\[\[}}0], [1, 2]]}> : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_collapse(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %s = "tf.Const"() <{value = dense<[-1, 12]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %r = "tf.Reshape"(%x, %s) : (tensor<?x3x4xf32>, tensor<2xi32>) -> tensor<?x12xf32>
  return %r : tensor<?x12xf32>
}

// A reshape that splits dims is one expand_shape; the dynamic size comes from tensor.dim.
// CHECK-LABEL: func.func @reshape_expand(
// CHECK: "arith.remsi"
// CHECK: "cf.assert"
// CHECK: %[[D:.*]] = "tensor.dim"(%arg0, %{{.*}}) : (tensor<?x12xf32>, index) -> index
// CHECK-NEXT: "tensor.expand_shape"(%arg0, %[[D]]) <{reassociation = {{\[\[}}0], [1, 2]], static_output_shape = array<i64: -9223372036854775808, 3, 4>}> : (tensor<?x12xf32>, index) -> tensor<?x3x4xf32>
func.func @reshape_expand(%x: tensor<?x12xf32>) -> tensor<?x3x4xf32> {
  %s = "tf.Const"() <{value = dense<[-1, 3, 4]> : tensor<3xi32>}> : () -> tensor<3xi32>
  %r = "tf.Reshape"(%x, %s) : (tensor<?x12xf32>, tensor<3xi32>) -> tensor<?x3x4xf32>
  return %r : tensor<?x3x4xf32>
}

// Otherwise: collapse to 1-D, then expand; the -1 dim is the element count divided by the rest.
// CHECK-LABEL: func.func @reshape_general(
// CHECK: %[[F:.*]] = "tensor.collapse_shape"(%arg0) <{reassociation = {{\[\[}}0, 1]]}> : (tensor<?x4xf32>) -> tensor<?xf32>
// CHECK: %[[N:.*]] = "tensor.dim"(%[[F]], %{{.*}})
// CHECK: %[[Q:.*]] = "arith.divsi"(%[[N]], %{{.*}}) : (index, index) -> index
// CHECK: "tensor.expand_shape"(%[[F]], %[[Q]]) <{reassociation = {{\[\[}}0, 1]], static_output_shape = array<i64: 4, -9223372036854775808>}>
func.func @reshape_general(%x: tensor<?x4xf32>) -> tensor<4x?xf32> {
  %s = "tf.Const"() <{value = dense<[4, -1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %r = "tf.Reshape"(%x, %s) : (tensor<?x4xf32>, tensor<2xi32>) -> tensor<4x?xf32>
  return %r : tensor<4x?xf32>
}

// ExpandDims and Squeeze add / remove unit dims with expand_shape / collapse_shape.
// CHECK-LABEL: func.func @expand_squeeze(
// CHECK: "tensor.expand_shape"(%arg0) <{reassociation = {{\[\[}}0], [1], [2, 3]], static_output_shape = array<i64: 2, 1, 3, 1>}>
// CHECK: "tensor.collapse_shape"(%arg0) <{reassociation = {{\[\[}}0, 1], [2]]}> : (tensor<2x1x3xf32>) -> tensor<2x3xf32>
func.func @expand_squeeze(%x: tensor<2x1x3xf32>) -> (tensor<2x1x3x1xf32>, tensor<2x3xf32>) {
  %d = "tf.Const"() <{value = dense<-1> : tensor<i32>}> : () -> tensor<i32>
  %e = "tf.ExpandDims"(%x, %d) : (tensor<2x1x3xf32>, tensor<i32>) -> tensor<2x1x3x1xf32>
  %s = "tf.Squeeze"(%x) <{squeeze_dims = [1]}> : (tensor<2x1x3xf32>) -> tensor<2x3xf32>
  return %e, %s : tensor<2x1x3x1xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @transpose(
// CHECK: %[[D:.*]] = "tensor.dim"(%arg0, %{{.*}}) : (tensor<?x3x4xf32>, index) -> index
// CHECK: %[[E:.*]] = "tensor.empty"(%[[D]]) : (index) -> tensor<4x?x3xf32>
// CHECK: "linalg.transpose"(%arg0, %[[E]]) <{permutation = array<i64: 2, 0, 1>}>
func.func @transpose(%x: tensor<?x3x4xf32>) -> tensor<4x?x3xf32> {
  %p = "tf.Const"() <{value = dense<[2, 0, 1]> : tensor<3xi32>}> : () -> tensor<3xi32>
  %t = "tf.Transpose"(%x, %p) : (tensor<?x3x4xf32>, tensor<3xi32>) -> tensor<4x?x3xf32>
  return %t : tensor<4x?x3xf32>
}

// Concat: insert_slice of each input into a tensor.empty, at running offsets.
// CHECK-LABEL: func.func @concat(
// CHECK: %[[D:.*]] = "tensor.dim"(%arg0, %{{.*}})
// CHECK: %[[N:.*]] = "arith.addi"(%[[D]], %{{.*}}) : (index, index) -> index
// CHECK: %[[E:.*]] = "tensor.empty"(%[[N]]) : (index) -> tensor<?x3xf32>
// CHECK: %[[A:.*]] = "tensor.insert_slice"(%arg0, %[[E]], %[[D]]) {{.*}}static_offsets = array<i64: 0, 0>
// CHECK: "tensor.insert_slice"(%arg1, %[[A]], %[[D]]) {{.*}}static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 4, 3>
func.func @concat(%a: tensor<?x3xf32>, %b: tensor<4x3xf32>) -> tensor<?x3xf32> {
  %axis = "tf.Const"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %c = "tf.ConcatV2"(%a, %b, %axis) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<i32>) -> tensor<?x3xf32>
  return %c : tensor<?x3xf32>
}

// Pack expands each value and concatenates; Unpack slices and collapses.
// CHECK-LABEL: func.func @pack_unpack(
// CHECK-COUNT-2: "tensor.expand_shape"({{.*}}) <{reassociation = {{\[\[}}0, 1]], static_output_shape = array<i64: 3, 1>}> : (tensor<3xi32>) -> tensor<3x1xi32>
// CHECK: "tensor.empty"() : () -> tensor<3x2xi32>
// CHECK-COUNT-2: "tensor.insert_slice"
// CHECK-COUNT-3: "tensor.collapse_shape"({{.*}}) <{reassociation = {{\[\[}}0, 1]]}> : (tensor<1x2xi32>) -> tensor<2xi32>
func.func @pack_unpack(%a: tensor<3xi32>, %b: tensor<3xi32>) -> (tensor<3x2xi32>, tensor<2xi32>) {
  %p = "tf.Pack"(%a, %b) <{axis = 1 : i64}> : (tensor<3xi32>, tensor<3xi32>) -> tensor<3x2xi32>
  %u:3 = "tf.Unpack"(%p) <{axis = 0 : i64, num = 3 : i64}> : (tensor<3x2xi32>) -> (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>)
  return %p, %u#2 : tensor<3x2xi32>, tensor<2xi32>
}

// Tile reads `d mod size` of a static input; a dynamic input is broadcast along a new dim
// before each tiled dim, and each pair of dims merged.
// CHECK-LABEL: func.func @tile(
// CHECK: "linalg.generic"(%arg0, %{{.*}}) <{indexing_maps = [#[[MOD]], #{{map[0-9]*}}]
// CHECK: %[[D:.*]] = "tensor.dim"(%arg1, %{{.*}})
// CHECK: %[[E:.*]] = "tensor.empty"(%[[D]]) : (index) -> tensor<?x2x3xf32>
// CHECK: %[[B:.*]] = "linalg.generic"(%arg1, %[[E]]) <{indexing_maps = [#[[BCAST]], #{{map[0-9]*}}]
// CHECK: "tensor.collapse_shape"(%[[B]]) <{reassociation = {{\[\[}}0], [1, 2]]}> : (tensor<?x2x3xf32>) -> tensor<?x6xf32>
func.func @tile(%x: tensor<2x3xf32>, %y: tensor<?x3xf32>) -> (tensor<4x3xf32>, tensor<?x6xf32>) {
  %m = "tf.Const"() <{value = dense<[2, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %t = "tf.Tile"(%x, %m) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x3xf32>
  %n = "tf.Const"() <{value = dense<[1, 2]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %u = "tf.Tile"(%y, %n) : (tensor<?x3xf32>, tensor<2xi32>) -> tensor<?x6xf32>
  return %t, %u : tensor<4x3xf32>, tensor<?x6xf32>
}

// CHECK-LABEL: func.func @slice(
// CHECK: "tensor.extract_slice"(%arg0) {{.*}}static_offsets = array<i64: 1, 0>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x3xf32>) -> tensor<2x3xf32>
func.func @slice(%x: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %b = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %s = "tf.Const"() <{value = dense<[2, -1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %r = "tf.Slice"(%x, %b, %s) : (tensor<4x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// StridedSlice: a strided extract_slice, the shrunk dims collapsed, new axes expanded;
// negative strides read `begin + stride * d` in a linalg.generic.
// CHECK-LABEL: func.func @strided_slice(
// CHECK: %[[S:.*]] = "tensor.extract_slice"(%arg0) {{.*}}static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 3, 1>, static_strides = array<i64: 2, 1>}> : (tensor<8x6xf32>) -> tensor<3x1xf32>
// CHECK: %[[C:.*]] = "tensor.collapse_shape"(%[[S]]) <{reassociation = {{\[\[}}0, 1]]}> : (tensor<3x1xf32>) -> tensor<3xf32>
// CHECK: "tensor.expand_shape"(%[[C]]) <{reassociation = {{\[\[}}0, 1]], static_output_shape = array<i64: 3, 1>}>
// CHECK: "linalg.generic"(%arg0, %{{.*}}) <{indexing_maps = [#[[REV]],
func.func @strided_slice(%x: tensor<8x6xf32>) -> (tensor<3x1xf32>, tensor<6xf32>) {
  %b = "tf.Const"() <{value = dense<[1, 0, 2]> : tensor<3xi32>}> : () -> tensor<3xi32>
  %e = "tf.Const"() <{value = dense<[7, 0, 3]> : tensor<3xi32>}> : () -> tensor<3xi32>
  %s = "tf.Const"() <{value = dense<[2, 1, 1]> : tensor<3xi32>}> : () -> tensor<3xi32>
  %r = "tf.StridedSlice"(%x, %b, %e, %s) <{new_axis_mask = 2 : i64, shrink_axis_mask = 4 : i64}> : (tensor<8x6xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<3x1xf32>
  %b1 = "tf.Const"() <{value = dense<[-1]> : tensor<1xi32>}> : () -> tensor<1xi32>
  %e1 = "tf.Const"() <{value = dense<[0]> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s1 = "tf.Const"() <{value = dense<[-1]> : tensor<1xi32>}> : () -> tensor<1xi32>
  %rev = "tf.StridedSlice"(%x, %b1, %e1, %s1) <{ellipsis_mask = 0 : i64, shrink_axis_mask = 0 : i64, begin_mask = 0 : i64, end_mask = 1 : i64, new_axis_mask = 0 : i64}> : (tensor<8x6xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<8x6xf32>
  %b2 = "tf.Const"() <{value = dense<[0, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %e2 = "tf.Const"() <{value = dense<[1, 0]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %s2 = "tf.Const"() <{value = dense<[1, 1]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %row = "tf.StridedSlice"(%rev, %b2, %e2, %s2) <{end_mask = 2 : i64, shrink_axis_mask = 1 : i64}> : (tensor<8x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<6xf32>
  return %r, %row : tensor<3x1xf32>, tensor<6xf32>
}

// Fill with runtime dims: the sizes are extracted from the dims tensor.
// CHECK-LABEL: func.func @fill(
// CHECK: %[[A:.*]] = "tensor.extract"(%arg0, %{{.*}}) : (tensor<2xi32>, index) -> i32
// CHECK: %[[I:.*]] = "arith.index_cast"(%[[A]]) : (i32) -> index
// CHECK: %[[B:.*]] = "tensor.extract"(%arg0, %{{.*}}) : (tensor<2xi32>, index) -> i32
// CHECK: %[[J:.*]] = "arith.index_cast"(%[[B]]) : (i32) -> index
// CHECK: %[[V:.*]] = "tensor.extract"(%arg1) : (tensor<f32>) -> f32
// CHECK: %[[E:.*]] = "tensor.empty"(%[[I]], %[[J]]) : (index, index) -> tensor<?x?xf32>
// CHECK: "linalg.fill"(%[[V]], %[[E]])
func.func @fill(%d: tensor<2xi32>, %v: tensor<f32>) -> tensor<?x?xf32> {
  %f = "tf.Fill"(%d, %v) : (tensor<2xi32>, tensor<f32>) -> tensor<?x?xf32>
  return %f : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @zeros_like(
// CHECK: %[[F:.*]] = "arith.constant"() <{value = false}> : () -> i1
// CHECK: "linalg.fill"(%[[F]], %{{.*}})
// CHECK: }) : (i1, tensor<?x3xi1>) -> tensor<?x3xi1>
func.func @zeros_like(%x: tensor<?x3xi1>) -> tensor<?x3xi1> {
  %z = "tf.ZerosLike"(%x) : (tensor<?x3xi1>) -> tensor<?x3xi1>
  return %z : tensor<?x3xi1>
}

// Shapes of dynamic tensors come from tensor.dim; static ones are constants.
// CHECK-LABEL: func.func @shape(
// CHECK: %[[D:.*]] = "tensor.dim"(%arg0, %{{.*}})
// CHECK: %[[I:.*]] = "arith.index_cast"(%[[D]]) : (index) -> i32
// CHECK: %[[K:.*]] = "arith.constant"() <{value = 3 : i32}>
// CHECK: "tensor.from_elements"(%[[I]], %[[K]]) : (i32, i32) -> tensor<2xi32>
// CHECK: "arith.constant"() <{value = dense<6> : tensor<i64>}>
// CHECK: "arith.constant"() <{value = dense<2> : tensor<i32>}>
func.func @shape(%x: tensor<?x3xf32>, %y: tensor<2x3xf32>) -> (tensor<2xi32>, tensor<i64>, tensor<i32>) {
  %s = "tf.Shape"(%x) : (tensor<?x3xf32>) -> tensor<2xi32>
  %n = "tf.Size"(%y) <{out_type = i64}> : (tensor<2x3xf32>) -> tensor<i64>
  %r = "tf.Rank"(%x) : (tensor<?x3xf32>) -> tensor<i32>
  return %s, %n, %r : tensor<2xi32>, tensor<i64>, tensor<i32>
}

// Range: TF's size (|limit - start| + |delta| - 1) / |delta|, values start + i * delta.
// CHECK-LABEL: func.func @range(
// CHECK: %[[S:.*]] = "tensor.extract"(%arg0)
// CHECK: %[[D:.*]] = "tensor.extract"(%arg2)
// CHECK: "math.absi"
// CHECK: %[[N:.*]] = "arith.index_cast"(%{{.*}}) : (i32) -> index
// CHECK: %[[E:.*]] = "tensor.empty"(%[[N]]) : (index) -> tensor<?xi32>
// CHECK: "linalg.generic"(%[[E]])
// CHECK: %[[I:.*]] = "linalg.index"() <{dim = 0 : i64}>
// CHECK: %[[X:.*]] = "arith.index_cast"(%[[I]]) : (index) -> i32
// CHECK: %[[M:.*]] = "arith.muli"(%[[X]], %[[D]])
// CHECK: "arith.addi"(%[[S]], %[[M]])
func.func @range(%start: tensor<i32>, %limit: tensor<i32>, %delta: tensor<i32>) -> tensor<?xi32> {
  %r = "tf.Range"(%start, %limit, %delta) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
  return %r : tensor<?xi32>
}

// OneHot compares each index with the position along the new axis.
// CHECK-LABEL: func.func @one_hot(
// CHECK: "linalg.generic"(%arg0, %{{.*}}) <{indexing_maps = [#[[DROP]],
// CHECK: %[[P:.*]] = "linalg.index"() <{dim = 1 : i64}>
// CHECK: %[[Q:.*]] = "arith.index_cast"(%[[P]]) : (index) -> i32
// CHECK: %[[H:.*]] = "arith.cmpi"(%{{.*}}, %[[Q]]) <{predicate = 0 : i64}>
// CHECK: "arith.select"(%[[H]],
func.func @one_hot(%i: tensor<3xi32>) -> tensor<3x4xf32> {
  %d = "tf.Const"() <{value = dense<4> : tensor<i32>}> : () -> tensor<i32>
  %on = "tf.Const"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
  %off = "tf.Const"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
  %r = "tf.OneHot"(%i, %d, %on, %off) <{axis = -1 : i64}> : (tensor<3xi32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}
