// In a float dense literal a hex integer is the bit pattern (how nan and inf print).
// RUN: tfc-opt %s | tfc-opt | FileCheck %s

// CHECK: "test.op"() {a = dense<0x7FC00000> : tensor<2xf32>, b = dense<[0x7F800000, 1.000000e+00]> : tensor<2xf32>, c = dense<0xFC00> : tensor<3xf16>, d = array<f32: 0xFF800000, 2.000000e+00>} : () -> ()
"test.op"() {a = dense<0x7FC00000> : tensor<2xf32>, b = dense<[0x7F800000, 1.0]> : tensor<2xf32>, c = dense<0xFC00> : tensor<3xf16>, d = array<f32: 0xFF800000, 2.0>} : () -> ()
