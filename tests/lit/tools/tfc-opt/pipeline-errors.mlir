// RUN: not tfc-opt %s --pass-pipeline='builtin.module(func.func(nope))' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not tfc-opt %s --pass-pipeline='builtin.module(func.func(cse)' 2>&1 | FileCheck %s --check-prefix=PAREN
// RUN: not tfc-opt %s --pass-pipeline='builtin.module(canonicalize{bogus=1})' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not tfc-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations=many})' 2>&1 | FileCheck %s --check-prefix=VALUE
// RUN: not tfc-opt %s --no-such-flag 2>&1 | FileCheck %s --check-prefix=FLAG
// RUN: not tfc-opt %S/does-not-exist.mlir 2>&1 | FileCheck %s --check-prefix=MISSING

// UNKNOWN: <pass-pipeline>:1:26: error: 'nope' does not refer to a registered pass or pass pipeline
// UNKNOWN-NEXT: builtin.module(func.func(nope))
// UNKNOWN-NEXT: {{^                         \^$}}
// PAREN: <pass-pipeline>:1:30: error: expected ')', found end of pipeline
// OPTION: error: no such option 'bogus' for pass 'canonicalize'
// VALUE: error: invalid value for option 'max-iterations' of pass 'canonicalize'
// FLAG: tfc-opt: error: unrecognized arguments: --no-such-flag
// MISSING: tfc-opt: error: could not open input file

func.func @f() {
  return
}
