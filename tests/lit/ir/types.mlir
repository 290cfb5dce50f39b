// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | tfc-opt --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Type aliases are resolved when parsed, and print as the type they stand for.
!alias = tensor<4xf32>
!nested_alias = !alias

// CHECK: "test.op"() : () -> (i1, i8, i32, i64, i3, i128, si8, ui16)
// GENERIC: "test.op"() : () -> (i1, i8, i32, i64, i3, i128, si8, ui16)
%0:8 = "test.op"() : () -> (i1, i8, i32, i64, i3, i128, si8, ui16)

// CHECK-NEXT: "test.op"() : () -> (f16, bf16, f32, f64, tf32, f80, f128)
%1:7 = "test.op"() : () -> (f16, bf16, f32, f64, tf32, f80, f128)

// CHECK-NEXT: "test.op"() : () -> (index, none, complex<f32>, complex<i8>)
%2:4 = "test.op"() : () -> (index, none, complex<f32>, complex<i8>)

// CHECK-NEXT: "test.op"() : () -> (tuple<>, tuple<i32, f32>, tuple<tuple<i1>, tensor<2xf32>>)
%3:3 = "test.op"() : () -> (tuple<>, tuple<i32, f32>, tuple<tuple<i1>, tensor<2xf32>>)

// A single function-typed result keeps its parentheses, as do function-typed results of a function type.
// CHECK-NEXT: "test.op"() : () -> (() -> (), (i32) -> i32, (i32, f32) -> (f32, i32), ((i32) -> i32) -> ((f32) -> f32), (i32) -> (() -> ()))
// CHECK-NEXT: "test.op"() : () -> ((i32) -> i32)
%4:5 = "test.op"() : () -> (() -> (), (i32) -> i32, (i32, f32) -> (f32, i32), ((i32) -> i32) -> ((f32) -> f32), (i32) -> (() -> ()))
%5 = "test.op"() : () -> ((i32) -> i32)

// CHECK-NEXT: "test.op"() : () -> (tensor<f32>, tensor<4xf32>, tensor<?x4xi32>, tensor<*xf32>, tensor<0x?x3xi1>, tensor<2xf32, "enc">, tensor<2x3xcomplex<f64>>)
%6:7 = "test.op"() : () -> (tensor<f32>, tensor<4xf32>, tensor<?x4xi32>, tensor<*xf32>, tensor<0x?x3xi1>, tensor<2xf32, "enc">, tensor<2x3xcomplex<f64>>)

// CHECK-NEXT: "test.op"() : () -> (memref<f32>, memref<4x?xf32>, memref<*xf32>, memref<*xf32, 1>, memref<4xf32, 1 : i32>)
%8:5 = "test.op"() : () -> (memref<f32>, memref<4x?xf32>, memref<*xf32>, memref<*xf32, 1>, memref<4xf32, 1 : i32>)

// Layouts: strided (with static or dynamic offset) and affine maps; then a memory space.
// CHECK-NEXT: "test.op"() : () -> (memref<4x4xf32, strided<[4, 1], offset: ?>>, memref<4x4xf32, strided<[?, 1]>>, memref<4x4xf32, affine_map<(d0, d1) -> (d1, d0)>, 2>, memref<2xindex, #test.space>)
%9:4 = "test.op"() : () -> (memref<4x4xf32, strided<[4, 1], offset: ?>>, memref<4x4xf32, strided<[?, 1], offset: 0>>, memref<4x4xf32, affine_map<(d0, d1) -> (d1, d0)>, 2>, memref<2xindex, #test.space>)

// CHECK-NEXT: "test.op"() : () -> (vector<4xf32>, vector<2x3xi8>, vector<[4]xf32>, vector<2x[4]xf32>, vector<f32>, vector<4xindex>)
%10:6 = "test.op"() : () -> (vector<4xf32>, vector<2x3xi8>, vector<[4]xf32>, vector<2x[4]xf32>, vector<f32>, vector<4xindex>)

// Dialect types keep their parameters: types, attributes and bare identifiers.
// CHECK-NEXT: "test.op"() : () -> (tensor<4xf32>, tensor<4xf32>, !test.plain, !test.params<i32, 4 : i64, "s", foo, [1, 2]>, !other.nested<!test.plain>)
%11:5 = "test.op"() : () -> (!alias, !nested_alias, !test.plain, !test.params<i32, 4, "s", foo, [1, 2]>, !other.nested<!test.plain>)

// CHECK-NEXT: "test.op"() : () -> (tensor<4x!test.elem>, tensor<2x3x!test.elem<i1>>)
%12:2 = "test.op"() : () -> (tensor<4x!test.elem>, tensor<2x3x!test.elem<i1>>)

// Types in function signatures and block arguments.
// CHECK: func.func private @signature(i1, index, tensor<*xf32>, memref<?xf32>) -> (vector<2xf16>, tuple<i32>)
func.func private @signature(i1, index, tensor<*xf32>, memref<?xf32>) -> (vector<2xf16>, tuple<i32>)

// CHECK-LABEL: func.func @block_types
// CHECK: ^bb1(%{{.*}}: complex<f32>, %{{.*}}: none):
func.func @block_types(%c: complex<f32>, %n: none) {
  "test.terminator"(%c, %n)[^bb1] : (complex<f32>, none) -> ()
^bb1(%a: complex<f32>, %b: none):
  return
}
