// Block references at the top level are checked like those in regions.
// RUN: tfc-opt %s -verify-diagnostics

// expected-error @+1 {{reference to an undefined block '^nowhere'}}
"test.terminator"()[^nowhere] : () -> ()
