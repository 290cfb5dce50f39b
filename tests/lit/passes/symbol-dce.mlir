// RUN: tfc-opt %s -symbol-dce | FileCheck %s
// RUN: tfc-opt %s --pass-pipeline='builtin.module(symbol-dce)' | FileCheck %s

// CHECK-LABEL: module
module {
  // Public symbols stay, and so does what they use, transitively.
  // CHECK: func.func @entry
  func.func @entry() {
    func.call @helper() : () -> ()
    return
  }
  // CHECK: func.func private @helper
  func.func private @helper() {
    func.call @leaf() : () -> ()
    return
  }
  // CHECK: func.func private @leaf
  func.func private @leaf() {
    return
  }

  // Private symbols that only dead code refers to go, cycles included.
  // CHECK-NOT: @dead
  func.func private @dead() {
    func.call @dead_leaf() : () -> ()
    return
  }
  func.func private @dead_leaf() {
    return
  }
  func.func private @dead_cycle_a() {
    func.call @dead_cycle_b() : () -> ()
    return
  }
  func.func private @dead_cycle_b() {
    func.call @dead_cycle_a() : () -> ()
    return
  }
  "test.symbol"() <{sym_name = "dead_symbol", sym_visibility = "private"}> : () -> ()

  // A use outside any symbol keeps a private symbol.
  // CHECK: "test.symbol"() <{sym_name = "used_by_top_level", sym_visibility = "private"}>
  "test.symbol"() <{sym_name = "used_by_top_level", sym_visibility = "private"}> : () -> ()
  "test.symbol_user"() <{symbol = @used_by_top_level}> : () -> ()

  // Nested symbol tables are cleaned up too; a nested reference keeps every symbol on its path.
  // CHECK: "test.symbol_table"() <{sym_name = "nested"}> ({
  // CHECK-NEXT: "test.symbol"() <{sym_name = "nested_used", sym_visibility = "private"}> : () -> ()
  // CHECK-NEXT: "test.symbol_user"() <{symbol = @nested_used}> : () -> ()
  // CHECK-NEXT: })
  "test.symbol_table"() <{sym_name = "nested"}> ({
    "test.symbol"() <{sym_name = "nested_dead", sym_visibility = "private"}> : () -> ()
    "test.symbol"() <{sym_name = "nested_used", sym_visibility = "private"}> : () -> ()
    "test.symbol_user"() <{symbol = @nested_used}> : () -> ()
  }) : () -> ()
  // CHECK: "test.symbol_table"() <{sym_name = "private_table", sym_visibility = "private"}> ({
  // CHECK-NEXT: "test.symbol"() <{sym_name = "deep", sym_visibility = "private"}> : () -> ()
  // CHECK-NEXT: }) : () -> ()
  "test.symbol_table"() <{sym_name = "private_table", sym_visibility = "private"}> ({
    "test.symbol"() <{sym_name = "deep", sym_visibility = "private"}> : () -> ()
    "test.symbol"() <{sym_name = "deep_dead", sym_visibility = "private"}> : () -> ()
  }) : () -> ()
  "test.symbol_user"() <{symbol = @private_table::@deep}> : () -> ()
  // CHECK-NOT: "unused_private_table"
  "test.symbol_table"() <{sym_name = "unused_private_table", sym_visibility = "private"}> ({
    "test.symbol"() <{sym_name = "public_inside"}> : () -> ()
  }) : () -> ()
}
