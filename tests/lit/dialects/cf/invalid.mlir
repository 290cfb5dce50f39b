// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @not_i1(%ok: i32) {
  // expected-error @+1 {{'cf.assert' op operand #0 must be 'i1', but got 'i32'}}
  "cf.assert"(%ok) <{msg = "x"}> : (i32) -> ()
  return
}
