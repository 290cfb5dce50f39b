// Literals outside their type, or floats where integers belong, are errors as in MLIR.
// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{integer constant out of range}}
"test.op"() {a = 256 : i8} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range}}
"test.op"() {a = -1 : ui8} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range}}
"test.op"() {a = array<i8: 300>} : () -> ()

// -----

// expected-error @+1 {{expected integer elements, but parsed floating-point}}
"test.op"() {a = dense<1.5> : tensor<3xi32>} : () -> ()
