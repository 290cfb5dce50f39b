// RUN: tfc-opt %s -split-input-file | FileCheck %s
// RUN: tfc-opt %s -split-input-file -verify-diagnostics
// RUN: not tfc-opt %s 2>&1 | FileCheck %s --check-prefix=WHOLE

// Each chunk is parsed on its own (the same names in both) and printed, separated again.
// CHECK-LABEL: func.func @first
// CHECK: // -----
// CHECK-LABEL: func.func @second

// Without -split-input-file the file is one module with a duplicate symbol.
// WHOLE: split-and-verify.mlir:{{[0-9]+}}:{{[0-9]+}}: error: 'func.func' op redefinition of symbol named 'first'

func.func @first(%a: i32) -> i32 {
  %0 = "test.pure"(%a) : (i32) -> i32
  return %0 : i32
}

// -----

func.func @second(%a: i32) -> i32 {
  %0 = "test.pure"(%a) : (i32) -> i32
  return %0 : i32
}

// -----

func.func @first() {
  return
}
