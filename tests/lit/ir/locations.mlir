// RUN: tfc-opt %s --mlir-print-debuginfo | FileCheck %s
// RUN: tfc-opt %s --mlir-print-debuginfo | tfc-opt --mlir-print-debuginfo | FileCheck %s
// RUN: tfc-opt %s --mlir-print-debuginfo --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tfc-opt %s | FileCheck %s --check-prefix=NODEBUG

// Location aliases may be defined before or after their use; they print resolved.
#loc9 = loc("aliased.py":9:9)

// NODEBUG-NOT: loc(

// CHECK-LABEL: func.func @locs(%arg0: i32 loc("arg.py":1:2), %arg1: f32 loc("{{.*}}locations.mlir":[[# @LINE + 1]]:44)) -> i32 {
func.func @locs(%a: i32 loc("arg.py":1:2), %b: f32) -> i32 {
  // CHECK-NEXT: %0 = "test.op"() : () -> i32 loc("file.py":10:4)
  %0 = "test.op"() : () -> i32 loc("file.py":10:4)
  // CHECK-NEXT: %1 = "test.op"() : () -> i32 loc(unknown)
  %1 = "test.op"() : () -> i32 loc(unknown)
  // CHECK-NEXT: %2 = "test.op"() : () -> i32 loc("dense/MatMul")
  %2 = "test.op"() : () -> i32 loc("dense/MatMul")
  // CHECK-NEXT: %3 = "test.op"() : () -> i32 loc("dense/MatMul"("model.py":12:4))
  %3 = "test.op"() : () -> i32 loc("dense/MatMul"("model.py":12:4))
  // CHECK-NEXT: %4 = "test.op"() : () -> i32 loc(callsite("callee.py":1:1 at "caller.py":2:2))
  %4 = "test.op"() : () -> i32 loc(callsite("callee.py":1:1 at "caller.py":2:2))
  // CHECK-NEXT: %5 = "test.op"() : () -> i32 loc(fused["a.py":1:1, "b.py":2:2])
  %5 = "test.op"() : () -> i32 loc(fused["a.py":1:1, "b.py":2:2])
  // CHECK-NEXT: %6 = "test.op"() : () -> i32 loc(fused<"meta">["a.py":1:1, unknown])
  %6 = "test.op"() : () -> i32 loc(fused<"meta">["a.py":1:1, unknown])
  // CHECK-NEXT: %7 = "test.op"() : () -> i32 loc("aliased.py":9:9)
  %7 = "test.op"() : () -> i32 loc(#loc9)
  // CHECK-NEXT: %8 = "test.op"() : () -> i32 loc("late.py":10:10)
  %8 = "test.op"() : () -> i32 loc(#loc10)
  // CHECK-NEXT: %9 = "test.op"() : () -> i32 loc(callsite("inner"("a.py":1:1) at fused["late.py":10:10, "aliased.py":9:9]))
  %9 = "test.op"() : () -> i32 loc(callsite("inner"("a.py":1:1) at fused[#loc10, #loc9]))
  // An op without a location gets the file position of its first token.
  // CHECK-NEXT: %10 = "test.op"() : () -> i32 loc("{{.*}}locations.mlir":[[# @LINE + 1]]:3)
  %10 = "test.op"() : () -> i32
  // CHECK-NEXT: "test.region"() ({
  "test.region"() ({
    // CHECK-NEXT: "test.terminator"(%0)[^bb1] : (i32) -> () loc("{{.*}}locations.mlir":[[# @LINE + 1]]:5)
    "test.terminator"(%0)[^bb1] : (i32) -> ()
  // CHECK-NEXT: ^bb1(%11: i32 loc("blockarg.py":3:3)):
  ^bb1(%x: i32 loc("blockarg.py":3:3)):
    // CHECK-NEXT: "test.yield"() : () -> () loc("{{.*}}locations.mlir":[[# @LINE + 1]]:5)
    "test.yield"() : () -> ()
  // CHECK-NEXT: }) : () -> () loc("{{.*}}locations.mlir":[[# @LINE - 7]]:3)
  }) : () -> ()
  // CHECK-NEXT: return %0 : i32 loc("ret.py":5:5)
  return %0 : i32 loc("ret.py":5:5)
// CHECK-NEXT: } loc("func.py":1:1)
} loc("func.py":1:1)
// The implicit module gets the position where the file starts.
// CHECK-NEXT: } loc("{{.*}}locations.mlir":1:1)

// GENERIC: ^bb0(%arg0: i32 loc("arg.py":1:2), %arg1: f32 loc({{.*}})):
// GENERIC: "func.return"(%0) : (i32) -> () loc("ret.py":5:5)
// GENERIC-NEXT: }) : () -> () loc("func.py":1:1)

#loc10 = loc("late.py":10:10)
