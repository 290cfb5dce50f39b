// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Every arith op in MLIR's generic form, printed back unchanged (fastmath and overflow flags
// in MLIR's canonical order, floats in MLIR's notation).

// CHECK-LABEL: func.func @constants(
// CHECK-SAME: ) -> (i32, index, i1, f32, f64, vector<4xf32>, tensor<2x2xi8>) {
// CHECK-NEXT: %[[V0:[^ ]+]] = "arith.constant"() <{value = 42 : i32}> : () -> i32
// CHECK-NEXT: %[[V1:[^ ]+]] = "arith.constant"() <{value = -1 : index}> : () -> index
// CHECK-NEXT: %[[V2:[^ ]+]] = "arith.constant"() <{value = true}> : () -> i1
// CHECK-NEXT: %[[V3:[^ ]+]] = "arith.constant"() <{value = 1.500000e+00 : f32}> : () -> f32
// CHECK-NEXT: %[[V4:[^ ]+]] = "arith.constant"() <{value = 0x7FF8000000000000 : f64}> : () -> f64
// CHECK-NEXT: %[[V5:[^ ]+]] = "arith.constant"() <{value = dense<2.000000e+00> : vector<4xf32>}> : () -> vector<4xf32>
// CHECK-NEXT: %[[V6:[^ ]+]] = "arith.constant"() <{value = dense<{{\[\[}}1, -2], [3, 127{{\]\]}}> : tensor<2x2xi8>}> : () -> tensor<2x2xi8>
// CHECK-NEXT: return %[[V0]], %[[V1]], %[[V2]], %[[V3]], %[[V4]], %[[V5]], %[[V6]] : i32, index, i1, f32, f64, vector<4xf32>, tensor<2x2xi8>
func.func @constants() -> (i32, index, i1, f32, f64, vector<4xf32>, tensor<2x2xi8>) {
  %c = "arith.constant"() <{value = 42 : i32}> : () -> i32
  %ci = "arith.constant"() <{value = -1 : index}> : () -> index
  %t = "arith.constant"() <{value = true}> : () -> i1
  %f = "arith.constant"() <{value = 1.5 : f32}> : () -> f32
  %nan = "arith.constant"() <{value = 0x7FF8000000000000 : f64}> : () -> f64
  %v = "arith.constant"() <{value = dense<2.0> : vector<4xf32>}> : () -> vector<4xf32>
  %d = "arith.constant"() <{value = dense<[[1, -2], [3, 127]]> : tensor<2x2xi8>}> : () -> tensor<2x2xi8>
  return %c, %ci, %t, %f, %nan, %v, %d : i32, index, i1, f32, f64, vector<4xf32>, tensor<2x2xi8>
}

// CHECK-LABEL: func.func @int_binary(
// CHECK-SAME: %[[ARG0:[^:]+]]: i32, %[[ARG1:[^:]+]]: i32) {
// CHECK-NEXT: %{{[^ ]+}} = "arith.addi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.addi"(%[[ARG0]], %[[ARG1]]) <{overflowFlags = #arith.overflow<nsw, nuw>}> : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.subi"(%[[ARG0]], %[[ARG1]]) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.muli"(%[[ARG0]], %[[ARG1]]) <{overflowFlags = #arith.overflow<nuw>}> : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.divsi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.divui"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.ceildivsi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.ceildivui"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.floordivsi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.remsi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.remui"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.andi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.ori"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.xori"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.shli"(%[[ARG0]], %[[ARG1]]) <{overflowFlags = #arith.overflow<nsw>}> : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.shrsi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.shrui"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.maxsi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.maxui"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.minsi"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.minui"(%[[ARG0]], %[[ARG1]]) : (i32, i32) -> i32
// CHECK-NEXT: return
func.func @int_binary(%a: i32, %b: i32) {
  %0 = "arith.addi"(%a, %b) : (i32, i32) -> i32
  %1 = "arith.addi"(%a, %b) <{overflowFlags = #arith.overflow<nuw,nsw>}> : (i32, i32) -> i32
  %2 = "arith.subi"(%a, %b) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
  %3 = "arith.muli"(%a, %b) <{overflowFlags = #arith.overflow<nuw>}> : (i32, i32) -> i32
  %4 = "arith.divsi"(%a, %b) : (i32, i32) -> i32
  %5 = "arith.divui"(%a, %b) : (i32, i32) -> i32
  %6 = "arith.ceildivsi"(%a, %b) : (i32, i32) -> i32
  %7 = "arith.ceildivui"(%a, %b) : (i32, i32) -> i32
  %8 = "arith.floordivsi"(%a, %b) : (i32, i32) -> i32
  %9 = "arith.remsi"(%a, %b) : (i32, i32) -> i32
  %10 = "arith.remui"(%a, %b) : (i32, i32) -> i32
  %11 = "arith.andi"(%a, %b) : (i32, i32) -> i32
  %12 = "arith.ori"(%a, %b) : (i32, i32) -> i32
  %13 = "arith.xori"(%a, %b) : (i32, i32) -> i32
  %14 = "arith.shli"(%a, %b) <{overflowFlags = #arith.overflow<nsw>}> : (i32, i32) -> i32
  %15 = "arith.shrsi"(%a, %b) : (i32, i32) -> i32
  %16 = "arith.shrui"(%a, %b) : (i32, i32) -> i32
  %17 = "arith.maxsi"(%a, %b) : (i32, i32) -> i32
  %18 = "arith.maxui"(%a, %b) : (i32, i32) -> i32
  %19 = "arith.minsi"(%a, %b) : (i32, i32) -> i32
  %20 = "arith.minui"(%a, %b) : (i32, i32) -> i32
  return
}

// CHECK-LABEL: func.func @int_shaped(
// CHECK-SAME: %[[ARG0:[^:]+]]: index, %[[ARG1:[^:]+]]: vector<4xi64>, %[[ARG2:[^:]+]]: tensor<?x8xi1>) {
// CHECK-NEXT: %{{[^ ]+}} = "arith.addi"(%[[ARG0]], %[[ARG0]]) : (index, index) -> index
// CHECK-NEXT: %{{[^ ]+}} = "arith.muli"(%[[ARG1]], %[[ARG1]]) : (vector<4xi64>, vector<4xi64>) -> vector<4xi64>
// CHECK-NEXT: %{{[^ ]+}} = "arith.xori"(%[[ARG2]], %[[ARG2]]) : (tensor<?x8xi1>, tensor<?x8xi1>) -> tensor<?x8xi1>
// CHECK-NEXT: return
func.func @int_shaped(%i: index, %v: vector<4xi64>, %t: tensor<?x8xi1>) {
  %0 = "arith.addi"(%i, %i) : (index, index) -> index
  %1 = "arith.muli"(%v, %v) : (vector<4xi64>, vector<4xi64>) -> vector<4xi64>
  %2 = "arith.xori"(%t, %t) : (tensor<?x8xi1>, tensor<?x8xi1>) -> tensor<?x8xi1>
  return
}

// CHECK-LABEL: func.func @float_ops(
// CHECK-SAME: %[[ARG0:[^:]+]]: f32, %[[ARG1:[^:]+]]: f32, %[[ARG2:[^:]+]]: vector<2xf64>) {
// CHECK-NEXT: %{{[^ ]+}} = "arith.addf"(%[[ARG0]], %[[ARG1]]) : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.subf"(%[[ARG0]], %[[ARG1]]) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.mulf"(%[[ARG0]], %[[ARG1]]) <{fastmath = #arith.fastmath<nnan,ninf>}> : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.divf"(%[[ARG0]], %[[ARG1]]) <{fastmath = #arith.fastmath<fast>}> : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.remf"(%[[ARG0]], %[[ARG1]]) : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.negf"(%[[ARG0]]) : (f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.maximumf"(%[[ARG0]], %[[ARG1]]) : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.minimumf"(%[[ARG0]], %[[ARG1]]) : (f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.maxnumf"(%[[ARG2]], %[[ARG2]]) : (vector<2xf64>, vector<2xf64>) -> vector<2xf64>
// CHECK-NEXT: %{{[^ ]+}} = "arith.minnumf"(%[[ARG2]], %[[ARG2]]) <{fastmath = #arith.fastmath<contract,afn>}> : (vector<2xf64>, vector<2xf64>) -> vector<2xf64>
// CHECK-NEXT: return
// GENERIC-LABEL: "func.func"() <{function_type = (f32, f32, vector<2xf64>) -> (), sym_name = "float_ops"}>
// GENERIC: "arith.mulf"(%{{.*}}, %{{.*}}) <{fastmath = #arith.fastmath<nnan,ninf>}> : (f32, f32) -> f32
// GENERIC: "arith.divf"(%{{.*}}, %{{.*}}) <{fastmath = #arith.fastmath<fast>}> : (f32, f32) -> f32
// GENERIC: "func.return"() : () -> ()
func.func @float_ops(%x: f32, %y: f32, %v: vector<2xf64>) {
  %0 = "arith.addf"(%x, %y) : (f32, f32) -> f32
  %1 = "arith.subf"(%x, %y) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
  %2 = "arith.mulf"(%x, %y) <{fastmath = #arith.fastmath<ninf, nnan>}> : (f32, f32) -> f32
  %3 = "arith.divf"(%x, %y) <{fastmath = #arith.fastmath<reassoc,nnan,ninf,nsz,arcp,contract,afn>}> : (f32, f32) -> f32
  %4 = "arith.remf"(%x, %y) : (f32, f32) -> f32
  %5 = "arith.negf"(%x) : (f32) -> f32
  %6 = "arith.maximumf"(%x, %y) : (f32, f32) -> f32
  %7 = "arith.minimumf"(%x, %y) : (f32, f32) -> f32
  %8 = "arith.maxnumf"(%v, %v) : (vector<2xf64>, vector<2xf64>) -> vector<2xf64>
  %9 = "arith.minnumf"(%v, %v) <{fastmath = #arith.fastmath<afn,contract>}> : (vector<2xf64>, vector<2xf64>) -> vector<2xf64>
  return
}

// CHECK-LABEL: func.func @compare_select(
// CHECK-SAME: %[[ARG0:[^:]+]]: i32, %[[ARG1:[^:]+]]: i32, %[[ARG2:[^:]+]]: f32, %[[ARG3:[^:]+]]: f32, %[[ARG4:[^:]+]]: vector<4xi8>, %[[ARG5:[^:]+]]: tensor<?xf16>) -> f32 {
// CHECK-NEXT: %[[V0:[^ ]+]] = "arith.cmpi"(%[[ARG0]], %[[ARG1]]) <{predicate = 0 : i64}> : (i32, i32) -> i1
// CHECK-NEXT: %{{[^ ]+}} = "arith.cmpi"(%[[ARG0]], %[[ARG1]]) <{predicate = 9 : i64}> : (i32, i32) -> i1
// CHECK-NEXT: %[[V2:[^ ]+]] = "arith.cmpi"(%[[ARG4]], %[[ARG4]]) <{predicate = 2 : i64}> : (vector<4xi8>, vector<4xi8>) -> vector<4xi1>
// CHECK-NEXT: %[[V3:[^ ]+]] = "arith.cmpf"(%[[ARG2]], %[[ARG3]]) <{predicate = 4 : i64}> : (f32, f32) -> i1
// CHECK-NEXT: %{{[^ ]+}} = "arith.cmpf"(%[[ARG5]], %[[ARG5]]) <{fastmath = #arith.fastmath<nnan>, predicate = 14 : i64}> : (tensor<?xf16>, tensor<?xf16>) -> tensor<?xi1>
// CHECK-NEXT: %[[V5:[^ ]+]] = "arith.select"(%[[V3]], %[[ARG2]], %[[ARG3]]) : (i1, f32, f32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.select"(%[[V2]], %[[ARG4]], %[[ARG4]]) : (vector<4xi1>, vector<4xi8>, vector<4xi8>) -> vector<4xi8>
// CHECK-NEXT: %{{[^ ]+}} = "arith.select"(%[[V0]], %[[ARG5]], %[[ARG5]]) : (i1, tensor<?xf16>, tensor<?xf16>) -> tensor<?xf16>
// CHECK-NEXT: return %[[V5]] : f32
func.func @compare_select(%a: i32, %b: i32, %x: f32, %y: f32, %v: vector<4xi8>, %t: tensor<?xf16>) -> f32 {
  %0 = "arith.cmpi"(%a, %b) <{predicate = 0 : i64}> : (i32, i32) -> i1
  %1 = "arith.cmpi"(%a, %b) <{predicate = 9 : i64}> : (i32, i32) -> i1
  %2 = "arith.cmpi"(%v, %v) <{predicate = 2 : i64}> : (vector<4xi8>, vector<4xi8>) -> vector<4xi1>
  %3 = "arith.cmpf"(%x, %y) <{predicate = 4 : i64}> : (f32, f32) -> i1
  %4 = "arith.cmpf"(%t, %t) <{fastmath = #arith.fastmath<nnan>, predicate = 14 : i64}> : (tensor<?xf16>, tensor<?xf16>) -> tensor<?xi1>
  %5 = "arith.select"(%3, %x, %y) : (i1, f32, f32) -> f32
  %6 = "arith.select"(%2, %v, %v) : (vector<4xi1>, vector<4xi8>, vector<4xi8>) -> vector<4xi8>
  %7 = "arith.select"(%0, %t, %t) : (i1, tensor<?xf16>, tensor<?xf16>) -> tensor<?xf16>
  return %5 : f32
}

// CHECK-LABEL: func.func @casts(
// CHECK-SAME: %[[ARG0:[^:]+]]: i8, %[[ARG1:[^:]+]]: i32, %[[ARG2:[^:]+]]: f16, %[[ARG3:[^:]+]]: f32, %[[ARG4:[^:]+]]: f64, %[[ARG5:[^:]+]]: index, %[[ARG6:[^:]+]]: vector<2xi16>) {
// CHECK-NEXT: %{{[^ ]+}} = "arith.extsi"(%[[ARG0]]) : (i8) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.extui"(%[[ARG0]]) : (i8) -> i64
// CHECK-NEXT: %{{[^ ]+}} = "arith.trunci"(%[[ARG1]]) : (i32) -> i1
// CHECK-NEXT: %{{[^ ]+}} = "arith.extf"(%[[ARG2]]) : (f16) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.extf"(%[[ARG3]]) <{fastmath = #arith.fastmath<nnan>}> : (f32) -> f64
// CHECK-NEXT: %{{[^ ]+}} = "arith.truncf"(%[[ARG4]]) : (f64) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.truncf"(%[[ARG3]]) <{roundingmode = 3 : i32}> : (f32) -> bf16
// CHECK-NEXT: %{{[^ ]+}} = "arith.sitofp"(%[[ARG1]]) : (i32) -> f32
// CHECK-NEXT: %{{[^ ]+}} = "arith.uitofp"(%[[ARG0]]) : (i8) -> f16
// CHECK-NEXT: %{{[^ ]+}} = "arith.fptosi"(%[[ARG3]]) : (f32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.fptoui"(%[[ARG4]]) : (f64) -> i8
// CHECK-NEXT: %{{[^ ]+}} = "arith.index_cast"(%[[ARG1]]) : (i32) -> index
// CHECK-NEXT: %{{[^ ]+}} = "arith.index_cast"(%[[ARG5]]) : (index) -> i8
// CHECK-NEXT: %{{[^ ]+}} = "arith.index_castui"(%[[ARG5]]) : (index) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.bitcast"(%[[ARG3]]) : (f32) -> i32
// CHECK-NEXT: %{{[^ ]+}} = "arith.bitcast"(%[[ARG2]]) : (f16) -> i16
// CHECK-NEXT: %{{[^ ]+}} = "arith.extsi"(%[[ARG6]]) : (vector<2xi16>) -> vector<2xi32>
// CHECK-NEXT: %{{[^ ]+}} = "arith.bitcast"(%[[ARG6]]) : (vector<2xi16>) -> vector<2xf16>
// CHECK-NEXT: return
func.func @casts(%i8: i8, %i32: i32, %f16: f16, %f32: f32, %f64: f64, %idx: index, %v: vector<2xi16>) {
  %0 = "arith.extsi"(%i8) : (i8) -> i32
  %1 = "arith.extui"(%i8) : (i8) -> i64
  %2 = "arith.trunci"(%i32) : (i32) -> i1
  %3 = "arith.extf"(%f16) : (f16) -> f32
  %4 = "arith.extf"(%f32) <{fastmath = #arith.fastmath<nnan>}> : (f32) -> f64
  %5 = "arith.truncf"(%f64) : (f64) -> f32
  %6 = "arith.truncf"(%f32) <{roundingmode = 3 : i32}> : (f32) -> bf16
  %7 = "arith.sitofp"(%i32) : (i32) -> f32
  %8 = "arith.uitofp"(%i8) : (i8) -> f16
  %9 = "arith.fptosi"(%f32) : (f32) -> i32
  %10 = "arith.fptoui"(%f64) : (f64) -> i8
  %11 = "arith.index_cast"(%i32) : (i32) -> index
  %12 = "arith.index_cast"(%idx) : (index) -> i8
  %13 = "arith.index_castui"(%idx) : (index) -> i32
  %14 = "arith.bitcast"(%f32) : (f32) -> i32
  %15 = "arith.bitcast"(%f16) : (f16) -> i16
  %16 = "arith.extsi"(%v) : (vector<2xi16>) -> vector<2xi32>
  %17 = "arith.bitcast"(%v) : (vector<2xi16>) -> vector<2xf16>
  return
}
