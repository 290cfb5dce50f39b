// RUN: tfc-opt %s -cse --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFTER
// RUN: tfc-opt %s -cse -canonicalize --mlir-print-ir-before=canonicalize -o /dev/null 2>&1 | FileCheck %s --check-prefix=BEFORE
// RUN: tfc-opt %s -cse -cse --mlir-print-ir-after-change -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHANGE
// RUN: tfc-opt %s --pass-pipeline='builtin.module(func.func(cse))' --mlir-print-ir-after=cse -o /dev/null 2>&1 | FileCheck %s --check-prefix=NESTED
// RUN: tfc-opt %s -cse --mlir-timing -o /dev/null 2>&1 | FileCheck %s --check-prefix=TIMING

// AFTER: // -----// IR Dump After CSEPass (cse) //----- //
// AFTER-NEXT: module {
// AFTER: "test.pure"
// AFTER-NOT: "test.pure"

// BEFORE-NOT: IR Dump After
// BEFORE: // -----// IR Dump Before {{.*}} (canonicalize) //----- //
// BEFORE-NOT: IR Dump

// The second cse changes nothing, so only the first one prints.
// CHANGE: IR Dump After CSEPass (cse)
// CHANGE-NOT: IR Dump After

// NESTED: // -----// IR Dump After CSEPass (cse) //----- //
// NESTED-NEXT: func.func @f

// TIMING: Execution time report
// TIMING: Total Execution Time
// TIMING: cse
// TIMING: Total

func.func @f(%a: i32) -> (i32, i32) {
  %0 = "test.pure"(%a) : (i32) -> i32
  %1 = "test.pure"(%a) : (i32) -> i32
  return %0, %1 : i32, i32
}
