// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s -split-input-file -verify-diagnostics -canonicalize -cse 2>&1 | FileCheck %s --check-prefix=KEEP

// CHECK-LABEL: func.func @check(
// CHECK: "cf.assert"(%arg0) <{msg = "Integer division by zero"}> : (i1) -> ()
// A run-time check has an effect: canonicalize and cse keep it.
// KEEP: "cf.assert"
func.func @check(%ok: i1) {
  "cf.assert"(%ok) <{msg = "Integer division by zero"}> : (i1) -> ()
  return
}
