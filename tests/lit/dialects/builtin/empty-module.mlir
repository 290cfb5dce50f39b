// An empty module keeps its (empty) body block, so it round-trips.
// RUN: tfc-opt %s | tfc-opt | FileCheck %s

// CHECK: module {
// CHECK-NEXT: module @empty {
// CHECK-NEXT: }
// CHECK-NEXT: }
module {
  module @empty {
  }
}
