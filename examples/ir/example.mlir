// A small function in tfc's textual IR: run it through tfc-opt, e.g.
//   tfc-opt examples/ir/example.mlir -canonicalize -cse
module {
  func.func @axpy_sum(%x: f32, %y: f32) -> f32 {
    %a = "arith.constant"() <{value = 2.000000e+00 : f32}> : () -> f32
    %zero = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
    %ax = "arith.mulf"(%a, %x) : (f32, f32) -> f32
    %ax2 = "arith.mulf"(%a, %x) : (f32, f32) -> f32
    %s = "arith.addf"(%ax, %y) : (f32, f32) -> f32
    %s2 = "arith.addf"(%ax2, %zero) : (f32, f32) -> f32
    %r = "arith.addf"(%s, %s2) : (f32, f32) -> f32
    %c2 = "arith.constant"() <{value = 2.000000e+00 : f32}> : () -> f32
    %c3 = "arith.constant"() <{value = 3.000000e+00 : f32}> : () -> f32
    %c6 = "arith.mulf"(%c2, %c3) : (f32, f32) -> f32
    %out = "arith.mulf"(%r, %c6) : (f32, f32) -> f32
    return %out : f32
  }
}
