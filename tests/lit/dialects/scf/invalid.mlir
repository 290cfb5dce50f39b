// RUN: tfc-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect

func.func @for_lb_not_integer(%f: f32, %i: index) {
  // expected-error @+1 {{operand #0 must be signless integer or index, but got 'f32'}}
  "scf.for"(%f, %i, %i) ({}) : (f32, index, index) -> ()
  return
}

// -----

func.func @for_bounds_mismatch(%a: i32, %i: index) {
  // expected-error @+1 {{all of {lowerBound, upperBound, step} have same type}}
  "scf.for"(%i, %a, %i) ({}) : (index, i32, index) -> ()
  return
}

// -----

func.func @for_two_regions(%i: index) {
  // expected-error @+1 {{requires 1 region}}
  "scf.for"(%i, %i, %i) ({
  ^bb0(%iv: index):
    "scf.yield"() : () -> ()
  }, {
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @for_no_block(%i: index) {
  // expected-error @+1 {{region #0 ('region') failed to verify constraint: region with 1 blocks}}
  "scf.for"(%i, %i, %i) ({}) : (index, index, index) -> ()
  return
}

// -----

func.func @for_two_blocks(%i: index) {
  // expected-error @+1 {{expects region #0 to have 0 or 1 blocks}}
  "scf.for"(%i, %i, %i) ({
  ^bb0(%iv: index):
    "scf.yield"() : () -> ()
  ^bb1:
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @for_iv_type(%i: index) {
  // expected-error @+1 {{expected induction variable to be same type as bounds and step}}
  "scf.for"(%i, %i, %i) ({
  ^bb0(%iv: f32):
    "scf.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @for_missing_results(%i: index, %init: f32) {
  // expected-error @+1 {{mismatch in number of loop-carried values and defined values}}
  "scf.for"(%i, %i, %i, %init) ({
  ^bb0(%iv: index, %acc: f32):
    "scf.yield"(%acc) : (f32) -> ()
  }) : (index, index, index, f32) -> ()
  return
}

// -----

func.func @for_result_type(%i: index, %init: f32) {
  // expected-error @+1 {{0-th region iter_arg and 0-th loop result have different type: 'f32' != 'f64'}}
  %r = "scf.for"(%i, %i, %i, %init) ({
  ^bb0(%iv: index, %acc: f32):
    "scf.yield"(%acc) : (f32) -> ()
  }) : (index, index, index, f32) -> f64
  return
}

// -----

func.func @for_too_many_iter_args(%i: index, %init: f32) {
  // expected-error @+1 {{different number of inits and region iter_args: 1 != 2}}
  %r = "scf.for"(%i, %i, %i, %init) ({
  ^bb0(%iv: index, %a: f32, %b: f32):
    "scf.yield"(%a, %b) : (f32, f32) -> ()
  }) : (index, index, index, f32) -> f32
  return
}

// -----

func.func @for_init_type(%i: index, %init: f32) {
  // expected-error @+1 {{0-th init and 0-th region iter_arg have different type: 'f32' != 'i32'}}
  %r = "scf.for"(%i, %i, %i, %init) ({
  ^bb0(%iv: index, %a: i32):
    "scf.yield"(%a) : (i32) -> ()
  }) : (index, index, index, f32) -> i32
  return
}

// -----

func.func @for_too_few_yielded(%i: index, %init: f32) {
  // expected-error @+1 {{different number of region iter_args and yielded values: 2 != 1}}
  %r:2 = "scf.for"(%i, %i, %i, %init, %init) ({
  ^bb0(%iv: index, %a: f32, %b: f32):
    "scf.yield"(%a) : (f32) -> ()
  }) : (index, index, index, f32, f32) -> (f32, f32)
  return
}

// -----

func.func @for_yield_type(%i: index, %init: f32, %k: i32) {
  // expected-error @+1 {{0-th region iter_arg and 0-th yielded value have different type: 'f32' != 'i32'}}
  %r = "scf.for"(%i, %i, %i, %init) ({
  ^bb0(%iv: index, %a: f32):
    "scf.yield"(%k) : (i32) -> ()
  }) : (index, index, index, f32) -> f32
  return
}

// -----

func.func @for_wrong_terminator(%i: index) {
  // expected-error @+1 {{expects regions to end with 'scf.yield', found 'test.yield'}}
  "scf.for"(%i, %i, %i) ({
  ^bb0(%iv: index):
    // expected-note @+1 {{terminator here}}
    "test.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @for_empty_block(%i: index) {
  // expected-error @+1 {{empty block: expect at least a terminator}}
  "scf.for"(%i, %i, %i) ({
  ^bb0(%iv: index):
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @if_not_i1(%i: index) {
  // expected-error @+1 {{operand #0 must be 1-bit signless integer, but got 'index'}}
  "scf.if"(%i) ({}, {}) : (index) -> ()
  return
}

// -----

func.func @if_three_regions(%c: i1) {
  // expected-error @+1 {{requires 2 regions}}
  "scf.if"(%c) ({}, {}, {}) : (i1) -> ()
  return
}

// -----

func.func @if_two_blocks(%c: i1) {
  // expected-error @+1 {{expects region #0 to have 0 or 1 blocks}}
  "scf.if"(%c) ({
  ^bb0:
    "scf.yield"() : () -> ()
  ^bb1:
    "scf.yield"() : () -> ()
  }, {}) : (i1) -> ()
  return
}

// -----

func.func @if_block_argument(%c: i1) {
  // expected-error @+1 {{region #0 should have no arguments}}
  "scf.if"(%c) ({
  ^bb0(%x: index):
    "scf.yield"() : () -> ()
  }, {}) : (i1) -> ()
  return
}

// -----

func.func @if_missing_else(%c: i1, %x: f32) {
  // expected-error @+1 {{must have an else block if defining values}}
  %r = "scf.if"(%c) ({
    "scf.yield"(%x) : (f32) -> ()
  }, {}) : (i1) -> f32
  return
}

// -----

func.func @if_empty_then(%c: i1) {
  // expected-error @+1 {{region #0 ('thenRegion') failed to verify constraint: region with 1 blocks}}
  "scf.if"(%c) ({}, {}) : (i1) -> ()
  return
}

// -----

func.func @if_yield_count(%c: i1, %x: f32) {
  // expected-error @+1 {{region control flow edge from Operation scf.yield to parent results: source has 1 operands, but target successor <to parent> needs 2}}
  %r:2 = "scf.if"(%c) ({
    "scf.yield"(%x) : (f32) -> ()
  }, {
    "scf.yield"(%x, %x) : (f32, f32) -> ()
  }) : (i1) -> (f32, f32)
  return
}

// -----

func.func @if_yield_type(%c: i1, %x: f32, %k: i32) {
  // expected-error @+1 {{along control flow edge from Operation scf.yield to parent results: source type #0 'i32' should match input type #0 'f32'}}
  %r = "scf.if"(%c) ({
    "scf.yield"(%x) : (f32) -> ()
  }, {
    "scf.yield"(%k) : (i32) -> ()
  }) : (i1) -> f32
  return
}

// -----

func.func @yield_outside_scf() {
  "my.op"() ({
    // expected-error @+1 {{'scf.yield' op expects parent op to be one of 'scf.execute_region', 'scf.for', 'scf.if', 'scf.index_switch', 'scf.while'}}
    "scf.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @while_bad_before_terminator() {
  // expected-error @+1 {{expects the 'before' region to terminate with 'scf.condition'}}
  "scf.while"() ({
    // expected-note @+1 {{terminator here}}
    "some.other_terminator"() : () -> ()
  }, {
    "scf.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @while_bad_after_terminator(%c: i1) {
  // expected-error @+1 {{expects the 'after' region to terminate with 'scf.yield'}}
  "scf.while"() ({
    "scf.condition"(%c) : (i1) -> ()
  }, {
    // expected-note @+1 {{terminator here}}
    "some.other_terminator"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @while_empty_region() {
  // expected-error @+1 {{region #0 ('before') failed to verify constraint: region with 1 blocks}}
  "scf.while"() ({}, {}) : () -> ()
  return
}

// -----

func.func @while_init_types(%x: i32) {
  // expected-error @+1 {{along control flow edge from parent operands to Region #0: source type #0 'i32' should match input type #0 'f32'}}
  "scf.while"(%x) ({
  ^bb0(%a: f32):
    %c = "test.constant"() <{value = true}> : () -> i1
    "scf.condition"(%c) : (i1) -> ()
  }, {
    "scf.yield"(%x) : (i32) -> ()
  }) : (i32) -> ()
  return
}

// -----

func.func @while_condition_to_after(%c: i1) {
  // expected-error @+1 {{region control flow edge from Operation scf.condition to Region #1: source has 0 operands, but target successor <to region #1 with 1 inputs> needs 1}}
  "scf.while"() ({
    "scf.condition"(%c) : (i1) -> ()
  }, {
  ^bb0(%a: i32):
    "scf.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @while_condition_types(%c: i1) {
  // expected-error @+1 {{along control flow edge from Operation scf.condition to Region #1: source type #0 'i1' should match input type #0 'i32'}}
  %r = "scf.while"() ({
    "scf.condition"(%c, %c) : (i1, i1) -> ()
  }, {
  ^bb0(%a: i32):
    "scf.yield"() : () -> ()
  }) : () -> i1
  return
}

// -----

func.func @while_result_count(%c: i1) {
  // expected-error @+1 {{region control flow edge from Operation scf.condition to parent results: source has 1 operands, but target successor <to parent> needs 0}}
  "scf.while"() ({
    "scf.condition"(%c, %c) : (i1, i1) -> ()
  }, {
  ^bb0(%a: i1):
    "scf.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @while_yield_types(%c: i1, %x: i32, %f: f32) {
  // expected-error @+1 {{along control flow edge from Operation scf.yield to Region #0: source type #0 'f32' should match input type #0 'i32'}}
  "scf.while"(%x) ({
  ^bb0(%a: i32):
    "scf.condition"(%c) : (i1) -> ()
  }, {
    "scf.yield"(%f) : (f32) -> ()
  }) : (i32) -> ()
  return
}

// -----

func.func @condition_outside_while(%c: i1) {
  "test.region"() ({
    // expected-error @+1 {{'scf.condition' op expects parent op 'scf.while'}}
    "scf.condition"(%c) : (i1) -> ()
  }) : () -> ()
  return
}

// -----

func.func @execute_region_arguments() {
  // expected-error @+1 {{region cannot have any arguments}}
  "scf.execute_region"() ({
  ^bb0(%i: i32):
    "scf.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @execute_region_empty() {
  // expected-error @+1 {{region needs to have at least one block}}
  "scf.execute_region"() ({}) : () -> ()
  return
}

// -----

func.func @execute_region_yield_type(%x: f32) {
  // expected-error @+1 {{along control flow edge from Operation scf.yield to parent results: source type #0 'f32' should match input type #0 'i32'}}
  %r = "scf.execute_region"() ({
    "scf.yield"(%x) : (f32) -> ()
  }) : () -> i32
  return
}

// -----

func.func @parallel_index_type(%i: index) {
  // expected-error @+1 {{'scf.parallel' op expects arguments for the induction variable to be of index type}}
  "scf.parallel"(%i, %i, %i) ({
  ^bb0(%iv: f32):
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return
}

// -----

func.func @parallel_iv_count(%i: index) {
  // expected-error @+1 {{'scf.parallel' op expects the same number of induction variables: 2 as bound and step values: 1}}
  "scf.parallel"(%i, %i, %i) ({
  ^bb0(%a: index, %b: index):
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return
}

// -----

func.func @parallel_no_dimensions() {
  // expected-error @+1 {{'scf.parallel' op needs at least one tuple element for lowerBound, upperBound and step}}
  "scf.parallel"() ({
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 0, 0, 0, 0>} : () -> ()
  return
}

// -----

func.func @parallel_bound_counts(%i: index) {
  // expected-error @+1 {{expects the same number of lowerBound, upperBound and step values}}
  "scf.parallel"(%i, %i, %i, %i) ({
  ^bb0(%a: index):
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 2, 1, 0>} : (index, index, index, index) -> ()
  return
}

// -----

func.func @parallel_segment_sizes(%i: index) {
  // expected-error @+1 {{operand count (3) does not match with the total size (4) specified in attribute 'operandSegmentSizes'}}
  "scf.parallel"(%i, %i, %i) ({
  ^bb0(%a: index):
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index) -> ()
  return
}

// -----

func.func @parallel_zero_step(%i: index) {
  %zero = "test.constant"() <{value = 0 : index}> : () -> index
  // expected-error @+1 {{constant step operand must be positive}}
  "scf.parallel"(%i, %i, %zero) ({
  ^bb0(%a: index):
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return
}

// -----

func.func @parallel_wrong_terminator(%i: index) {
  // expected-error @+1 {{expects body to terminate with 'scf.reduce'}}
  "scf.parallel"(%i, %i, %i) ({
  ^bb0(%a: index):
    // expected-note @+1 {{terminator here}}
    "test.yield"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> ()
  return
}

// -----

func.func @parallel_more_results_than_reductions(%i: index, %f: f32) {
  // expected-error @+1 {{expects number of results: 1 to be the same as number of reductions: 0}}
  %r = "scf.parallel"(%i, %i, %i, %f) ({
  ^bb0(%a: index):
    "scf.reduce"() : () -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index, f32) -> f32
  return
}

// -----

func.func @parallel_results_vs_inits(%i: index, %f: f32) {
  // expected-error @+1 {{expects number of results: 1 to be the same as number of initial values: 0}}
  %r = "scf.parallel"(%i, %i, %i) ({
  ^bb0(%a: index):
    "scf.reduce"(%f) ({
    ^bb0(%l: f32, %r: f32):
      "scf.reduce.return"(%l) : (f32) -> ()
    }) : (f32) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (index, index, index) -> f32
  return
}

// -----

func.func @parallel_reduction_type(%i: index, %f: f32) {
  %r = "scf.parallel"(%i, %i, %i, %f) ({
  ^bb0(%a: index):
    // expected-error @+1 {{expects type of 0-th reduction operand: 'index' to be the same as the 0-th result type: 'f32'}}
    "scf.reduce"(%a) ({
    ^bb0(%l: index, %r: index):
      "scf.reduce.return"(%l) : (index) -> ()
    }) : (index) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index, f32) -> f32
  return
}

// -----

func.func @reduce_outside_parallel(%f: f32) {
  "test.region"() ({
    // expected-error @+1 {{'scf.reduce' op expects parent op 'scf.parallel'}}
    "scf.reduce"(%f) ({
    ^bb0(%l: f32, %r: f32):
      "scf.reduce.return"(%l) : (f32) -> ()
    }) : (f32) -> ()
  }) : () -> ()
  return
}

// -----

func.func @reduce_region_count(%i: index, %f: f32) {
  %r = "scf.parallel"(%i, %i, %i, %f) ({
  ^bb0(%a: index):
    // expected-error @+1 {{expects one reduction region per operand: 1 operands but 0 regions}}
    "scf.reduce"(%f) : (f32) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index, f32) -> f32
  return
}

// -----

func.func @reduce_arguments(%i: index, %f: f32) {
  %r = "scf.parallel"(%i, %i, %i, %f) ({
  ^bb0(%a: index):
    // expected-error @+1 {{expected two block arguments with type 'f32' in the 0-th reduction region}}
    "scf.reduce"(%f) ({
    ^bb0(%l: f32, %r: i32):
      "scf.reduce.return"(%l) : (f32) -> ()
    }) : (f32) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index, f32) -> f32
  return
}

// -----

func.func @reduce_terminator(%i: index, %f: f32) {
  %r = "scf.parallel"(%i, %i, %i, %f) ({
  ^bb0(%a: index):
    // expected-error @+1 {{reduction bodies must be terminated with an 'scf.reduce.return' op}}
    "scf.reduce"(%f) ({
    ^bb0(%l: f32, %r: f32):
      // expected-note @+1 {{terminator here}}
      "test.yield"(%l) : (f32) -> ()
    }) : (f32) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index, f32) -> f32
  return
}

// -----

func.func @reduce_empty_block(%i: index, %f: f32) {
  %r = "scf.parallel"(%i, %i, %i, %f) ({
  ^bb0(%a: index):
    // expected-error @+1 {{empty block: expect at least a terminator}}
    "scf.reduce"(%f) ({
    ^bb0(%l: f32, %r: f32):
    }) : (f32) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index, f32) -> f32
  return
}

// -----

func.func @reduce_return_type(%i: index, %f: f32) {
  %r = "scf.parallel"(%i, %i, %i, %f) ({
  ^bb0(%a: index):
    "scf.reduce"(%f) ({
    ^bb0(%l: f32, %r: f32):
      // expected-error @+1 {{must have type 'f32' (the type of the reduction inputs)}}
      "scf.reduce.return"(%a) : (index) -> ()
    }) : (f32) -> ()
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (index, index, index, f32) -> f32
  return
}

// -----

func.func @reduce_return_outside_reduce(%f: f32) {
  "test.region"() ({
    // expected-error @+1 {{expects parent op 'scf.reduce'}}
    "scf.reduce.return"(%f) : (f32) -> ()
  }) : () -> ()
  return
}

// -----

func.func @switch_case_count(%i: index) {
  // expected-error @+1 {{'scf.index_switch' op has 0 case regions but 1 case values}}
  "scf.index_switch"(%i) ({
    "scf.yield"() : () -> ()
  }) {cases = array<i64: 1>} : (index) -> ()
  return
}

// -----

func.func @switch_duplicate_case(%i: index) {
  // expected-error @+1 {{'scf.index_switch' op has duplicate case value: 0}}
  "scf.index_switch"(%i) <{cases = array<i64: 0, 0>}> ({
    "scf.yield"() : () -> ()
  }, {
    "scf.yield"() : () -> ()
  }, {
    "scf.yield"() : () -> ()
  }) : (index) -> ()
  return
}

// -----

func.func @switch_cases_not_i64(%i: index) {
  // expected-error @+1 {{attribute 'cases' failed to satisfy constraint: i64 dense array attribute}}
  "scf.index_switch"(%i) <{cases = array<i32: 0>}> ({
    "scf.yield"() : () -> ()
  }, {
    "scf.yield"() : () -> ()
  }) : (index) -> ()
  return
}

// -----

func.func @switch_missing_cases(%i: index) {
  // expected-error @+1 {{requires attribute 'cases'}}
  "scf.index_switch"(%i) ({
    "scf.yield"() : () -> ()
  }) : (index) -> ()
  return
}

// -----

func.func @switch_yield_count(%i: index) {
  // expected-error @+1 {{'scf.index_switch' op expected each region to return 0 values, but default region returns 1}}
  "scf.index_switch"(%i) <{cases = array<i64>}> ({
    // expected-note @+1 {{see yield operation here}}
    "scf.yield"(%i) : (index) -> ()
  }) : (index) -> ()
  return
}

// -----

func.func @switch_yield_type(%i: index, %k: i32) {
  // expected-error @+1 {{'scf.index_switch' op expected result #0 of each region to be 'index'}}
  %r = "scf.index_switch"(%i) <{cases = array<i64: 0>}> ({
    "scf.yield"(%i) : (index) -> ()
  }, {
    // expected-note @+1 {{case region #0 returns 'i32' here}}
    "scf.yield"(%k) : (i32) -> ()
  }) : (index) -> index
  return
}

// -----

func.func @switch_terminator(%i: index) {
  // expected-error @+1 {{'scf.index_switch' op expected region to end with scf.yield, but got test.yield}}
  "scf.index_switch"(%i) <{cases = array<i64: 1>}> ({
    "scf.yield"() : () -> ()
  }, {
    "test.yield"() : () -> ()
  }) : (index) -> ()
  return
}
