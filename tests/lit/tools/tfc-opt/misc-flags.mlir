// RUN: tfc-opt --list-passes | FileCheck %s --check-prefix=LIST
// RUN: tfc-opt %s --view-op-graph -o /dev/null 2>&1 | FileCheck %s --check-prefix=DOT
// RUN: tfc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tfc-opt %s --mlir-print-debuginfo | FileCheck %s --check-prefix=DEBUG
// RUN: tfc-opt %s -o %t && FileCheck %s --check-prefix=GENERIC-NOT-USED --input-file=%t --allow-empty

// LIST: canonicalize
// LIST: cse
// LIST: dce
// LIST: inline
// LIST: symbol-dce

// DOT: digraph G {
// DOT: label = "func.func"
// DOT: -> v

// GENERIC: "builtin.module"() ({
// GENERIC: "func.func"() <{function_type = (i32) -> i32, sym_name = "f"}> ({
// GENERIC-NEXT: ^bb0(%arg0: i32):
// GENERIC: "func.return"(%0) : (i32) -> ()

// DEBUG: %0 = "test.pure"(%arg0) : (i32) -> i32 loc("{{.*}}misc-flags.mlir":{{[0-9]+}}:3)

// GENERIC-NOT-USED-NOT: "builtin.module"

func.func @f(%a: i32) -> i32 {
  %0 = "test.pure"(%a) : (i32) -> i32
  return %0 : i32
}
