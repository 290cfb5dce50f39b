// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @mixed(%x: tensor<2xf32>, %m: memref<2xf32>) {
  // expected-error @+1 {{'rt.print' op requires all operands to be tensors or all to be memrefs}}
  "rt.print"(%x, %m) : (tensor<2xf32>, memref<2xf32>) -> ()
  return
}

// -----

func.func @unranked(%x: tensor<*xf32>) {
  // expected-error @+1 {{'rt.print' op operand #0 must be ranked tensor or memref of any type values, but got 'tensor<*xf32>'}}
  "rt.print"(%x) : (tensor<*xf32>) -> ()
  return
}

// -----

func.func @scalar(%x: f32) {
  // expected-error @+1 {{'rt.print' op operand #0 must be ranked tensor or memref of any type values, but got 'f32'}}
  "rt.print"(%x) : (f32) -> ()
  return
}

// -----

func.func @bad_summarize(%x: tensor<2xf32>) {
  // expected-error @+1 {{'rt.print' op attribute 'summarize'}}
  "rt.print"(%x) <{summarize = 3 : i32}> : (tensor<2xf32>) -> ()
  return
}
