// RUN: tfc-opt %s -split-input-file -tf-to-linalg | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tf-to-linalg -bufferize | FileCheck %s --check-prefix=BUF

// tf.Print: rt.print of the data at the op's place; the output is the input.
// CHECK-LABEL: func.func @print(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<3xi32>, %[[S:[a-z0-9]+]]: tensor<f32>
// CHECK-NEXT: "rt.print"(%[[X]], %[[S]]) <{first_n = 2 : i64, message = "x is ", summarize = 5 : i64}> : (tensor<3xi32>, tensor<f32>) -> ()
// CHECK-NOT: tf.Print
// CHECK: return %[[X]] : tensor<3xi32>
// bufferize: it reads the argument buffers in place (no copy before it)
// BUF-LABEL: func.func @print(
// BUF-SAME: %[[X:[a-z0-9]+]]: memref<3xi32>, %[[S:[a-z0-9]+]]: memref<f32>
// BUF-NEXT: "rt.print"(%[[X]], %[[S]]) <{first_n = 2 : i64, message = "x is ", summarize = 5 : i64}> : (memref<3xi32>, memref<f32>) -> ()
func.func @print(%x: tensor<3xi32>, %s: tensor<f32>) -> tensor<3xi32> {
  %y = "tf.Print"(%x, %x, %s) <{message = "x is ", summarize = 5 : i64, first_n = 2 : i64}> : (tensor<3xi32>, tensor<3xi32>, tensor<f32>) -> tensor<3xi32>
  return %y : tensor<3xi32>
}

// -----

// The print stays between the computation it prints and the one after it.
// CHECK-LABEL: func.func @print_in_order(
// CHECK: %[[A:.+]] = "linalg.generic"
// CHECK: "rt.print"(%[[A]]) <{first_n = -1 : i64, message = "a", summarize = 3 : i64}>
// CHECK: "linalg.generic"(%[[A]]
// BUF-LABEL: func.func @print_in_order(
// BUF: "rt.print"(%{{.+}}) <{first_n = -1 : i64, message = "a", summarize = 3 : i64}> : (memref<2xf32>) -> ()
func.func @print_in_order(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = "tf.Neg"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %p = "tf.Print"(%a, %a) <{message = "a"}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %b = "tf.Neg"(%p) : (tensor<2xf32>) -> tensor<2xf32>
  return %b : tensor<2xf32>
}

// -----

// tf.Assert: an all-reduction of the condition and a cf.assert with its message.
// CHECK-LABEL: func.func @assert(
// CHECK-SAME: %[[OK:[a-z0-9]+]]: tensor<i1>
// CHECK: %[[ALL:.+]] = "linalg.generic"(%[[OK]], %{{.+}})
// CHECK: "arith.andi"
// CHECK: %[[FLAG:.+]] = "tensor.extract"(%[[ALL]])
// CHECK: "cf.assert"(%[[FLAG]]) <{msg = "assertion failed: [p must hold]"}> : (i1) -> ()
// CHECK-NOT: tf.Assert
func.func @assert(%ok: tensor<i1>, %x: tensor<2xi32>) -> tensor<2xi32> {
  %c = "tf.Assert"(%ok, %x) <{message = "p must hold"}> : (tensor<i1>, tensor<2xi32>) -> !tf.control
  return %x : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @assert_no_message(
// CHECK: "cf.assert"(%{{.+}}) <{msg = "assertion failed"}> : (i1) -> ()
func.func @assert_no_message(%ok: tensor<1xi1>) {
  %c = "tf.Assert"(%ok) : (tensor<1xi1>) -> !tf.control
  return
}
