// RUN: tfc-opt %s --allow-unregistered-dialect | tfc-opt --allow-unregistered-dialect | FileCheck %s
// RUN: tfc-opt %s --allow-unregistered-dialect --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Affine maps get `#map` aliases, numbered in order of first use; attribute aliases are resolved.
// CHECK: #map = affine_map<(d0) -> (d0 + 1)>
// CHECK-NEXT: #map1 = affine_map<(d0, d1)[s0] -> (d0 * 2 + s0, d1 floordiv 4, d1 ceildiv 2, d0 mod 3)>
// CHECK-NEXT: #map2 = affine_map<() -> ()>
// CHECK-NEXT: #map3 = affine_map<(d0) -> (4)>
// CHECK-NEXT: #map4 = affine_map<(d0, d1)[s0] -> (d0 + s0, d1 - d0, (d0 + d1) floordiv 2)>
// CHECK-NEXT: module {
#alias = [1, 2]
#my_map = affine_map<(d0) -> (d0 + 1)>

// Integers: default type i64; signed, unsigned, index and i1 (printed as a bool); hex literals.
// Signless integers print as signed values (5 : i3 is -3).
// CHECK-NEXT: "test.op"() {b1 = true, b2 = false, big = 18446744073709551615 : ui64, hex = 31 : i16, i = 1 : i64, idx = 7 : index, neg = -5 : i32, si = -3 : si8, ui = 255 : ui8, w = -3 : i3} : () -> ()
"test.op"() {i = 1, neg = -5 : i32, hex = 0x1F : i16, idx = 7 : index, si = -3 : si8, ui = 255 : ui8, big = 18446744073709551615 : ui64, b1 = 1 : i1, b2 = 0 : i1, w = -3 : i3} : () -> ()

// Floats: default type f64; printed `%.6e` when that round-trips at the type's precision,
// the shortest exact form otherwise, and the bit pattern in hex for nan and inf.
// CHECK-NEXT: "test.op"() {bf = 1.000977e-01 : bf16, dinf = 0x7FF0000000000000 : f64, exp = 1.000000e+10 : f32, f = 1.500000e+00 : f64, f16 = 9.997559e-02 : f16, f32 = 1.000000e-01 : f32, h16 = 0x7C00 : f16, nan = 0x7FC00000 : f32, neg = -2.500000e-03 : f64, ninf = 0xFF800000 : f32, one = 1.000000e+00 : f32, pinf = 0x7F800000 : f32, third = 3.33333333333e-01 : f64, zero = -0.000000e+00 : f32} : () -> ()
"test.op"() {f = 1.5, f32 = 0.1 : f32, f16 = 0.1 : f16, bf = 0.1 : bf16, neg = -2.5e-3 : f64, exp = 1.0e10 : f32, nan = 0x7FC00000 : f32, pinf = 0x7F800000 : f32, ninf = 0xFF800000 : f32, dinf = 0x7FF0000000000000 : f64, h16 = 0x7C00 : f16, third = 0.333333333333 : f64, zero = -0.0 : f32, one = 1. : f32} : () -> ()

// Booleans, strings with escapes (printable ASCII stays, other bytes become \XX), unit.
// CHECK-NEXT: "test.op"() {e = "tab\09here\0A \"q\" \\ \00\FF", empty = "", explicit_unit, f = false, s = "hello", t = true, u} : () -> ()
"test.op"() {t = true, f = false, s = "hello", e = "tab\there\n \"q\" \\ \00\FF", u, explicit_unit = unit, empty = ""} : () -> ()

// Arrays, dictionaries (sorted by key), types as attributes.
// CHECK-NEXT: "test.op"() {al = [1, 2], arr = [1, "two", [3.000000e+00 : f32], []], d = {a = "x", b = 1 : i64, "quoted key"}, ed = {}, fty = (i32) -> f32, ty = i32, ty2 = tensor<?xf32>} : () -> ()
"test.op"() {arr = [1, "two", [3.0 : f32], []], al = #alias, d = {b = 1, a = "x", "quoted key" = unit}, ed = {}, ty = i32, fty = (i32) -> f32, ty2 = tensor<?xf32>} : () -> ()

// Keywords can be attribute names.
// CHECK-NEXT: "test.op"() {dense = 1 : i64, func.func = 2 : i64, index = 3 : i64, loc = 4 : i64, module = 5 : i64, return} : () -> ()
"test.op"() {dense = 1, index = 3, loc = 4, module = 5, return, func.func = 2} : () -> ()

// Symbol references, flat, nested and quoted.
// CHECK-NEXT: "test.op"() {nested = @foo::@bar::@baz, q = @"with space", qn = @a::@"b c", sym = @foo} : () -> ()
"test.op"() {sym = @foo, nested = @foo::@bar::@baz, q = @"with space", qn = @a::@"b c"} : () -> ()

// Dense elements: splats (lists of equal values print as splats), nested lists, bools,
// empty, hex bytes (one element's bytes are a splat), vectors, 0-d tensors.
// CHECK-NEXT: "test.op"() {d1 = dense<1.000000e+00> : tensor<2x2xf32>, d2 = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>, d3 = dense<[true, false]> : tensor<2xi1>, d4 = dense<> : tensor<0xf32>, d5 = dense<[1, 2]> : tensor<2xi32>, d6 = dense<5> : vector<4xi8>, d8 = dense<-1> : tensor<i64>, d9 = dense<[1.500000e+00, -2.000000e+00]> : tensor<2xbf16>, hs = dense<7> : tensor<3xi16>, sp = dense<1> : tensor<2xi8>} : () -> ()
"test.op"() {d1 = dense<1.0> : tensor<2x2xf32>, d2 = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>, d3 = dense<[true, false]> : tensor<2xi1>, d4 = dense<> : tensor<0xf32>, d5 = dense<"0x0100000002000000"> : tensor<2xi32>, d6 = dense<5> : vector<4xi8>, d8 = dense<-1> : tensor<i64>, d9 = dense<[1.5, -2.0]> : tensor<2xbf16>, hs = dense<"0x0700"> : tensor<3xi16>, sp = dense<[1, 1]> : tensor<2xi8>} : () -> ()

// Over 100 elements print as hex bytes.
// CHECK-NEXT: "test.op"() {big = dense<"0x000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F60616263646566"> : tensor<103xi8>} : () -> ()
"test.op"() {big = dense<"0x000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F60616263646566"> : tensor<103xi8>} : () -> ()

// Dense arrays.
// CHECK-NEXT: "test.op"() {a1 = array<i64: 1, 2, 3>, a2 = array<i32>, a3 = array<f32: 1.000000e+00, 2.500000e+00>, a4 = array<i1: true, false>, a5 = array<i8: -1, 127>, a6 = array<f64: -5.000000e-01>} : () -> ()
"test.op"() {a1 = array<i64: 1, 2, 3>, a2 = array<i32>, a3 = array<f32: 1.0, 2.5>, a4 = array<i1: true, false>, a5 = array<i8: -1, 127>, a6 = array<f64: -0.5>} : () -> ()

// Affine maps; the same map prints as the same alias.
// CHECK-NEXT: "test.op"() {m = #map, m1 = #map, m2 = #map1, m3 = #map2, m4 = #map3} : () -> ()
// CHECK-NEXT: "test.op"() {named = #map4} : () -> ()
"test.op"() {m = #my_map, m1 = affine_map<(x) -> (x + 1)>, m2 = affine_map<(d0, d1)[s0] -> (d0 * 2 + s0, d1 floordiv 4, d1 ceildiv 2, d0 mod 3)>, m3 = affine_map<() -> ()>, m4 = affine_map<(d0) -> (4)>} : () -> ()
"test.op"() {named = affine_map<(i, j)[N] -> (i + N, j - i, (i + j) floordiv 2)>} : () -> ()

// Strided layouts.
// CHECK-NEXT: "test.op"() {s1 = strided<[1]>, s2 = strided<[?, 4], offset: ?>, s3 = strided<[], offset: 5>, s4 = strided<[2]>} : () -> ()
"test.op"() {s1 = strided<[1]>, s2 = strided<[?, 4], offset: ?>, s3 = strided<[], offset: 5>, s4 = strided<[2], offset: 0>} : () -> ()

// Dialect attributes keep their parameters.
// CHECK-NEXT: "test.op"() {da = #test.attr, dp = #test.param<1 : i64, "x", i32, foo>, other = #other.kind<[1, 2]>} : () -> ()
"test.op"() {da = #test.attr, dp = #test.param<1, "x", i32, foo>, other = #other.kind<[1, 2]>} : () -> ()

// Inherent attributes (properties) print in <{...}>, discardable ones after.
// CHECK-NEXT: "other.op"() <{prop = 1 : i32}> {attr = 2 : i32} : () -> ()
// GENERIC: "other.op"() <{prop = 1 : i32}> {attr = 2 : i32} : () -> ()
"other.op"() <{prop = 1 : i32}> {attr = 2 : i32} : () -> ()

// Declared attributes written in the dictionary become properties.
// CHECK-NEXT: "test.constant"() <{value = 3 : i32}> {other} : () -> i32
%c = "test.constant"() {value = 3 : i32, other} : () -> i32
