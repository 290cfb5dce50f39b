// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Every math op in MLIR's generic form on scalars, vectors and tensors, printed back unchanged.

// CHECK-LABEL: func.func @float_unary(
// CHECK-SAME: %[[ARG0:[^:]+]]: f32, %[[ARG1:[^:]+]]: vector<4xf16>, %[[ARG2:[^:]+]]: tensor<?x3xf64>) {
// CHECK-NEXT: %{{[^ ]+}} = "math.absf"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.ceil"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.floor"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.round"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.roundeven"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.trunc"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.sqrt"(%[[ARG0]]) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.rsqrt"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.cbrt"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.exp"(%[[ARG0]]) <{fastmath = #arith.fastmath<afn>}> : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.exp2"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.expm1"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.log"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.log2"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.log10"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.log1p"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.sin"(%[[ARG1]]) <{fastmath = #arith.fastmath<afn>}> : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.cos"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.tan"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.asin"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.acos"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.atan"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.sinh"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.cosh"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.tanh"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.asinh"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.acosh"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.atanh"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.erf"(%[[ARG1]]) : (vector<4xf16>) -> vector<4xf16>
// CHECK-NEXT: %{{[^ ]+}} = "math.erfc"(%[[ARG2]]) : (tensor<?x3xf64>) -> tensor<?x3xf64>
// CHECK-NEXT: return
func.func @float_unary(%x: f32, %v: vector<4xf16>, %t: tensor<?x3xf64>) {
  %0 = "math.absf"(%x) : (f32) -> f32
  %1 = "math.ceil"(%v) : (vector<4xf16>) -> vector<4xf16>
  %2 = "math.floor"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %3 = "math.round"(%x) : (f32) -> f32
  %4 = "math.roundeven"(%v) : (vector<4xf16>) -> vector<4xf16>
  %5 = "math.trunc"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %6 = "math.sqrt"(%x) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
  %7 = "math.rsqrt"(%v) : (vector<4xf16>) -> vector<4xf16>
  %8 = "math.cbrt"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %9 = "math.exp"(%x) <{fastmath = #arith.fastmath<afn>}> : (f32) -> f32
  %10 = "math.exp2"(%v) : (vector<4xf16>) -> vector<4xf16>
  %11 = "math.expm1"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %12 = "math.log"(%x) : (f32) -> f32
  %13 = "math.log2"(%v) : (vector<4xf16>) -> vector<4xf16>
  %14 = "math.log10"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %15 = "math.log1p"(%x) : (f32) -> f32
  %16 = "math.sin"(%v) <{fastmath = #arith.fastmath<afn>}> : (vector<4xf16>) -> vector<4xf16>
  %17 = "math.cos"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %18 = "math.tan"(%x) : (f32) -> f32
  %19 = "math.asin"(%v) : (vector<4xf16>) -> vector<4xf16>
  %20 = "math.acos"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %21 = "math.atan"(%x) : (f32) -> f32
  %22 = "math.sinh"(%v) : (vector<4xf16>) -> vector<4xf16>
  %23 = "math.cosh"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %24 = "math.tanh"(%x) : (f32) -> f32
  %25 = "math.asinh"(%v) : (vector<4xf16>) -> vector<4xf16>
  %26 = "math.acosh"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  %27 = "math.atanh"(%x) : (f32) -> f32
  %28 = "math.erf"(%v) : (vector<4xf16>) -> vector<4xf16>
  %29 = "math.erfc"(%t) : (tensor<?x3xf64>) -> tensor<?x3xf64>
  return
}

// CHECK-LABEL: func.func @float_binary_ternary(
// CHECK-SAME: %[[ARG0:[^:]+]]: f32, %[[ARG1:[^:]+]]: f32, %[[ARG2:[^:]+]]: bf16, %[[ARG3:[^:]+]]: i32, %[[ARG4:[^:]+]]: vector<2xf64>, %[[ARG5:[^:]+]]: vector<2xi64>) {
// CHECK-NEXT: %{{[^ ]+}} = "math.atan2"(%[[ARG0]], %[[ARG1]]) : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.copysign"(%[[ARG0]], %[[ARG1]]) : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.powf"(%[[ARG2]], %[[ARG2]]) <{fastmath = #arith.fastmath<nnan,nsz>}> : (bf16, bf16) -> bf16
// CHECK-NEXT: %{{[^ ]+}} = "math.fma"(%[[ARG0]], %[[ARG1]], %[[ARG0]]) : (f32, f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.fma"(%[[ARG4]], %[[ARG4]], %[[ARG4]]) <{fastmath = #arith.fastmath<contract>}> : (vector<2xf64>, vector<2xf64>, vector<2xf64>) -> vector<2xf64>
// CHECK-NEXT: %{{[^ ]+}} = "math.fpowi"(%[[ARG0]], %[[ARG3]]) : (f32, i32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "math.fpowi"(%[[ARG4]], %[[ARG5]]) <{fastmath = #arith.fastmath<fast>}> : (vector<2xf64>, vector<2xi64>) -> vector<2xf64>
// CHECK-NEXT: return
func.func @float_binary_ternary(%x: f32, %y: f32, %b: bf16, %n: i32, %v: vector<2xf64>, %vn: vector<2xi64>) {
  %0 = "math.atan2"(%x, %y) : (f32, f32) -> f32
  %1 = "math.copysign"(%x, %y) : (f32, f32) -> f32
  %2 = "math.powf"(%b, %b) <{fastmath = #arith.fastmath<nnan,nsz>}> : (bf16, bf16) -> bf16
  %3 = "math.fma"(%x, %y, %x) : (f32, f32, f32) -> f32
  %4 = "math.fma"(%v, %v, %v) <{fastmath = #arith.fastmath<contract>}> : (vector<2xf64>, vector<2xf64>, vector<2xf64>) -> vector<2xf64>
  %5 = "math.fpowi"(%x, %n) : (f32, i32) -> f32
  %6 = "math.fpowi"(%v, %vn) <{fastmath = #arith.fastmath<fast>}> : (vector<2xf64>, vector<2xi64>) -> vector<2xf64>
  return
}

// CHECK-LABEL: func.func @integer(
// CHECK-SAME: %[[ARG0:[^:]+]]: i32, %[[ARG1:[^:]+]]: index, %[[ARG2:[^:]+]]: vector<8xi8>) {
// CHECK-NEXT: %{{[^ ]+}} = "math.absi"(%[[ARG0]]) : (i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "math.ctlz"(%[[ARG0]]) : (i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "math.cttz"(%[[ARG1]]) : (index) -> index
// CHECK-NEXT: %{{[^ ]+}} = "math.ctpop"(%[[ARG2]]) : (vector<8xi8>) -> vector<8xi8>
// CHECK-NEXT: %{{[^ ]+}} = "math.ipowi"(%[[ARG0]], %[[ARG0]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "math.ipowi"(%[[ARG2]], %[[ARG2]]) : (vector<8xi8>, vector<8xi8>) -> vector<8xi8>
// CHECK-NEXT: return
func.func @integer(%a: i32, %i: index, %v: vector<8xi8>) {
  %0 = "math.absi"(%a) : (i32) -> i32
  %1 = "math.ctlz"(%a) : (i32) -> i32
  %2 = "math.cttz"(%i) : (index) -> index
  %3 = "math.ctpop"(%v) : (vector<8xi8>) -> vector<8xi8>
  %4 = "math.ipowi"(%a, %a) : (i32, i32) -> i32
  %5 = "math.ipowi"(%v, %v) : (vector<8xi8>, vector<8xi8>) -> vector<8xi8>
  return
}

// CHECK-LABEL: func.func @classification(
// CHECK-SAME: %[[ARG0:[^:]+]]: f64, %[[ARG1:[^:]+]]: vector<4xf32>, %[[ARG2:[^:]+]]: tensor<2x?xf16>) -> (i1, vector<4xi1>, tensor<2x?xi1>) {
// CHECK-NEXT: %[[V0:[^ ]+]] = "math.isnan"(%[[ARG0]]) : (f64) -> i1
// CHECK-NEXT: %[[V1:[^ ]+]] = "math.isinf"(%[[ARG1]]) : (vector<4xf32>) -> vector<4xi1>
// CHECK-NEXT: %[[V2:[^ ]+]] = "math.isfinite"(%[[ARG2]]) <{fastmath = #arith.fastmath<none>}> : (tensor<2x?xf16>) -> tensor<2x?xi1>
// CHECK-NEXT: %{{[^ ]+}} = "math.isnormal"(%[[ARG0]]) : (f64) -> i1
// CHECK-NEXT: return %[[V0]], %[[V1]], %[[V2]] : i1, vector<4xi1>, tensor<2x?xi1>
// GENERIC-LABEL: sym_name = "classification"
// GENERIC: %[[NAN:[^ ]+]] = "math.isnan"(%{{.*}}) : (f64) -> i1
// GENERIC: "func.return"(%[[NAN]], %{{.*}}, %{{.*}}) : (i1, vector<4xi1>, tensor<2x?xi1>) -> ()
func.func @classification(%x: f64, %v: vector<4xf32>, %t: tensor<2x?xf16>) -> (i1, vector<4xi1>, tensor<2x?xi1>) {
  %0 = "math.isnan"(%x) : (f64) -> i1
  %1 = "math.isinf"(%v) : (vector<4xf32>) -> vector<4xi1>
  %2 = "math.isfinite"(%t) <{fastmath = #arith.fastmath<none>}> : (tensor<2x?xf16>) -> tensor<2x?xi1>
  %3 = "math.isnormal"(%x) : (f64) -> i1
  return %0, %1, %2 : i1, vector<4xi1>, tensor<2x?xi1>
}
