"""`linalg-conv-to-matmul`: f32 `linalg.conv_2d_nhwc_hwcf` on tensors becomes an im2col copy
and one 2-D `linalg.matmul`, so convolutions take the matmul fast path (`linalg-tile-matmul`)
instead of scalar loops. It runs on tensors, after fusion and before bufferize.

    O[n, oh, ow, f] += I[n, oh * sh + kh * dh, ow * sw + kw * dw, c] * K[kh, kw, c, f]

is rewritten (any strides and dilations; the conv is VALID, padding is already explicit) as

    %p = linalg.generic ins(%input) outs(tensor.empty [N, OH, OW, KH, KW, C])   (im2col)
           maps (n, oh, ow, kh, kw, c) -> (n, oh * sh + kh * dh, ow * sw + kw * dw, c),
                (n, oh, ow, kh, kw, c) -> (n, oh, ow, kh, kw, c); body: yield %in
    %a = tensor.collapse_shape %p [[0, 1, 2], [3, 4, 5]]   -> [N*OH*OW, KH*KW*C]
    %b = tensor.collapse_shape %filter [[0, 1, 2], [3]]    -> [KH*KW*C, F]
    %c = tensor.collapse_shape %init [[0, 1, 2], [3]]      -> [N*OH*OW, F]
    %m = linalg.matmul ins(%a, %b) outs(%c)
    %r = tensor.expand_shape %m [[0, 1, 2], [3]]           -> [N, OH, OW, F]

The patch tensor is built 6-D because its row-major layout already is the im2col matrix and
its maps stay affine (no div/mod of a flattened index): the copy lowers to plain loops with a
contiguous innermost C, and the collapse is free. The init (a zero fill or a broadcast bias)
stays the accumulator. Dynamic dims (N above all) come from `tensor.dim` of the init, filter
or input; collapse_shape/expand_shape carry them.

A 1x1 kernel with stride 1 over an input exactly as large as the output needs no copy: the
input itself collapses to [N*H*W, C] (dilation is moot for a 1x1 window).

Left alone: other element types, non-standard bodies, memref operands.
"""

from __future__ import annotations

from tfc.ir import types as T
from tfc.ir.affine import AffineDimExpr, AffineMap
from tfc.ir.builder import Builder
from tfc.ir.passes import Pass

from tfc.dialects.linalg.conv import Conv2DNhwcHwcfOp, window_index
from tfc.dialects.linalg.generic import GenericOp
from tfc.dialects.linalg.named import MatmulOp
from tfc.dialects.tensor import CollapseShapeOp, ExpandShapeOp
from tfc.passes.tf_to_linalg.contraction import dim_of, empty, split_sizes

ROWS_AND_DEPTH = [[0, 1, 2], [3, 4, 5]]  # [N, OH, OW, KH, KW, C] -> [N*OH*OW, KH*KW*C]
LEADING_THREE = [[0, 1, 2], [3]]  # [a, b, c, d] -> [a*b*c, d]


def is_convertible(op) -> bool:
    """An f32 conv_2d_nhwc_hwcf on 4-d tensors with the standard body, its result typed as its init."""
    if not isinstance(op, Conv2DNhwcHwcfOp) or len(op.inputs) != 2 or len(op.outputs) != 1:
        return False
    operands = [*op.inputs, *op.outputs]
    if any(not isinstance(v.type, T.TensorType) or v.type.rank != 4 or v.type.element_type != T.f32
           for v in operands):
        return False
    return op.results[0].type == op.outputs[0].type and op.has_standard_body()


def _same_static(a, b) -> bool:
    return a is not None and a == b


def _is_pointwise(op: Conv2DNhwcHwcfOp) -> bool:
    """1x1 window, stride 1, and the input's H and W are the output's (statically): every
    output point reads exactly its own input point."""
    x, w, init = op.inputs[0].type, op.inputs[1].type, op.outputs[0].type
    if w.shape[0] != 1 or w.shape[1] != 1 or op.stride_values() != (1, 1):
        return False
    return _same_static(x.shape[1], init.shape[1]) and _same_static(x.shape[2], init.shape[2])


def _depth(b: Builder, x, w):
    """C, static from whichever of input and filter knows it."""
    if x.type.shape[3] is not None:
        return x.type.shape[3]
    return dim_of(b, w, 2)


def _im2col_maps(strides, dilations) -> list:
    n, oh, ow, kh, kw, c = range(6)
    (sh, sw), (dh, dw) = strides, dilations
    read = AffineMap(6, 0, (AffineDimExpr(n), window_index(oh, kh, sh, dh), window_index(ow, kw, sw, dw),
                            AffineDimExpr(c)))
    return [read, AffineMap.identity(6)]


def _patches(b: Builder, op: Conv2DNhwcHwcfOp, out_sizes: list):
    """The [N*OH*OW, KH*KW*C] matrix whose row (n, oh, ow) is the window under that output
    point; `out_sizes` are the output's [N, OH, OW, F]."""
    x, w = op.inputs
    if _is_pointwise(op):
        return b.insert(CollapseShapeOp.create(x, LEADING_THREE, b.location)).result
    sizes = [*out_sizes[:3], dim_of(b, w, 0), dim_of(b, w, 1), _depth(b, x, w)]
    patches = empty(b, sizes, T.f32)
    copy = b.insert(GenericOp.create([x], [patches], _im2col_maps(op.stride_values(), op.dilation_values()),
                                     ["parallel"] * 6, lambda body, args: [args[0]], location=b.location))
    return b.insert(CollapseShapeOp.create(copy.results[0], ROWS_AND_DEPTH, b.location)).result


def _expand(b: Builder, value, sizes):
    static, dynamic = split_sizes(sizes)
    return b.create(ExpandShapeOp, value, dynamic, reassociation=LEADING_THREE, static_output_shape=list(static),
                    result_types=[T.TensorType(static, value.type.element_type)]).result


def conv_to_matmul(op: Conv2DNhwcHwcfOp) -> None:
    """Replace `op` (is_convertible) by im2col + collapse + matmul + expand, built before it."""
    b = Builder.before(op)
    w, init = op.inputs[1], op.outputs[0]
    out_sizes = [dim_of(b, init, i) for i in range(4)]
    lhs = _patches(b, op, out_sizes)
    rhs = b.insert(CollapseShapeOp.create(w, LEADING_THREE, b.location)).result
    acc = b.insert(CollapseShapeOp.create(init, LEADING_THREE, b.location)).result
    product = b.insert(MatmulOp.create(lhs, rhs, acc, b.location)).results[0]
    result = _expand(b, product, out_sizes)
    op.results[0].replace_all_uses_with(result)
    op.erase()


class LinalgConvToMatmulPass(Pass):
    name = "linalg-conv-to-matmul"
    summary = "Rewrite f32 linalg.conv_2d_nhwc_hwcf on tensors as im2col + linalg.matmul"

    def run(self, op) -> None:
        for conv in [inner for inner in op.walk() if is_convertible(inner)]:
            conv_to_matmul(conv)
