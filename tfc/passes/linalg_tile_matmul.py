"""`linalg-tile-matmul`: f32 `linalg.matmul` / `linalg.batch_matmul` on memrefs become a
cache-blocked, register-blocked, vectorized loop nest (the sgemm fast path). It runs before
`linalg-to-loops`, which lowers whatever it leaves (other element types, strided inner dims,
non-standard bodies or indexing maps).

For many rows, C += A * B (C holds zeros or a bias) is computed as in BLIS / GotoBLAS:

    %Bp = memref.alloc() {alignment = 64} : memref<NPxKCxNRxf32>     (one packed B block)
    scf.for %jc = 0 to N step NC                                      (column blocks)
      scf.for %pc = 0 to K step KC                                    (depth blocks)
        scf.parallel %p = 0 to ceil(nc / NR)                          (pack B[pc:+kc, jc:+nc]
          Bp[p, k, 0:NR] = B[pc + k, jc + p*NR : +NR]                  into NR-wide panels,
                                                                        zero-padded past N)
        scf.parallel %r = 0 to 2 * ceil(M / (2 * MC))                 (row blocks: the cores
          scf.for %p = 0 to ceil(nc / NR)                              share the work)
            scf.for %i = ic to ic + full rows step MR                 (MR x NR tiles)
              micro-kernel(MR rows)
            scf.for %i = (remaining rows) step 1                      (1 x NR tiles)
              micro-kernel(1 row)
    memref.dealloc %Bp

The micro-kernel keeps an MR x NR block of C in MR * NR / W vector<Wxf32> accumulators,
carried as iter_args of the scf.for over k: per k it loads NR / W vectors of the packed
panel (unit stride), broadcasts each of the MR elements of A and issues vector.fma. The
accumulators start from C (vector.load) and go back with vector.store. On the last panel
of a block (fewer than NR valid columns) they start from zero, go through a small scratch
buffer and only the valid columns are added to C, so no access leaves C's bounds; the
zero padding of the packed panel makes the extra lanes compute harmless zeros.

Row block r holds MR-row tiles [r * T / R, (r + 1) * T / R) of the T = ceil(M / MR) tiles
(R, the block count, is even so that two threads get equal shares). Each block owns its
rows of C and its scratch buffer, so parallel iterations never write the same memory; Bp is
written before the row loop starts and only read inside it.

Few rows (M < `small-m`, decided at run time when M is dynamic: `scf.if`): packing B would
cost as much as the product (for M = 1 it copies all of B per call), so `UnpackedGemm`
reads B in place, a row of B (unit stride) per k, broadcasting A's elements; see its doc.

Options: `vector-width` (f32 lanes W, 8 for AVX2, 16 for AVX-512), `tile-m` (MR) and
`tile-n` (NR, a multiple of W; 0 means 2 * W), `block-m` (MC), `block-n` (NC), `block-k`
(KC), `small-m` (fewer rows take the unpacked path; default max(32, 2 * MR)). Registers: MR * NR / W accumulators + NR / W panel vectors + one broadcast must fit
in the register file (16 vector registers with AVX2, 32 with AVX-512); `tile-m=0` (the
default) picks the largest MR that fits: 6 x 16 tiles for W = 8, 14 x 32 for W = 16.
"""

from __future__ import annotations

from tfc.ir import attributes as A
from tfc.ir import types as T
from tfc.ir.builder import Builder, InsertionPoint
from tfc.ir.core import Block
from tfc.ir.passes import Option, Pass

from tfc.dialects import arith, memref, scf, vector
from tfc.dialects.linalg import BatchMatmulOp, MatmulOp
from tfc.dialects.memref import strides_and_offset


def default_tile_m(width: int, nr: int) -> int:
    """The most rows whose accumulators, the panel's vectors and one broadcast fit in the
    vector registers: 16 with AVX2 (8 lanes), 32 with AVX-512 (16 lanes)."""
    registers = 32 if width >= 16 else 16
    vectors = max(1, nr // width)
    return max(1, (registers - vectors - 1) // vectors)


SMALL_M_ROWS = 32          # default `small-m`: at least this, and two micro-kernel tiles
SMALL_VECTORS = 4          # accumulator vectors per row of the multi-row unpacked kernel


class TileConfig:
    """The tile and block sizes (validated). NR is a multiple of W, NC of NR, MC of MR."""

    def __init__(self, width: int, mr: int, nr: int, mc: int, nc: int, kc: int, small_m: int = -1):
        nr = nr or 2 * width
        mr = mr or default_tile_m(width, nr)
        if min(width, mr, nr, mc, nc, kc) <= 0:
            raise ValueError("linalg-tile-matmul: sizes must be positive")
        if nr % width:
            raise ValueError(f"linalg-tile-matmul: tile-n ({nr}) must be a multiple of vector-width ({width})")
        self.width, self.mr, self.nr, self.kc = width, mr, nr, kc
        self.mc = max(mr, mc // mr * mr)
        self.nc = max(nr, nc // nr * nr)
        # Measured with AVX-512: reading B in place wins up to ~28 rows for a 1024 x 1024 B and
        # up to ~100 for the MLP's 784 x 256 (AVX2 code: past 40); packing pays back over more.
        self.small_m = max(SMALL_M_ROWS, 2 * mr) if small_m < 0 else small_m
        registers = 32 if width >= 16 else 16
        # Unpacked kernels: one row with half the registers as accumulators (enough FMA chains
        # to hide the latency; a row of B read as one stream), or as many rows of
        # SMALL_VECTORS accumulators (and a broadcast each) as fit.
        self.single_vectors = registers // 2
        self.small_rows = max(1, (registers - 1) // (SMALL_VECTORS + 1))

    @property
    def vectors(self) -> int:
        """Accumulator vectors per row of a tile."""
        return self.nr // self.width


# ----- which ops -----------------------------------------------------------------------------

def _unit_inner_stride(t: T.Type) -> bool:
    if not isinstance(t, T.MemRefType) or t.rank == 0:
        return False
    layout = strides_and_offset(t)
    return layout is not None and layout[0][-1] == 1


def is_tileable(op) -> bool:
    """An f32 matmul / batch_matmul on memrefs with the standard maps and body, whose B and C
    have a unit-stride last dimension (vector.load/store need it)."""
    if not isinstance(op, (MatmulOp, BatchMatmulOp)):
        return False
    if len(op.inputs) != 2 or len(op.outputs) != 1 or op.cast is not None:
        return False
    operands = [*op.inputs, *op.outputs]
    if any(not isinstance(v.type, T.MemRefType) or v.type.element_type != T.f32 for v in operands):
        return False
    if list(op.get_indexing_maps()) != list(op.DEFAULT_MAPS) or not op.has_standard_body():
        return False
    return _unit_inner_stride(op.inputs[1].type) and _unit_inner_stride(op.outputs[0].type)


# ----- index arithmetic that folds Python ints ------------------------------------------------------

class _Constants:
    """Constants of one lowering, made once each above the whole loop nest: the first one
    goes right before the op being replaced (ahead of everything the lowering emits), later
    ones right before the first."""

    def __init__(self, op):
        self.point = InsertionPoint.before(op)
        self.values: dict = {}

    def get(self, value, t: T.Type, location):
        key = (str(t), value)
        if key not in self.values:
            made = self.point.insert(arith.ConstantOp.get(value, t, location))
            if not self.values:
                self.point = InsertionPoint.before(made)
            self.values[key] = made.result
        return self.values[key]


class Emitter:
    """A builder for index arithmetic and loops. Sizes are Python ints when static and
    Values otherwise; arithmetic on two ints folds, so static shapes give constant bounds."""

    def __init__(self, builder: Builder, constants: _Constants):
        self.b = builder
        self.constants = constants

    @staticmethod
    def before(op) -> "Emitter":
        return Emitter(Builder.before(op), _Constants(op))

    def at(self, point: InsertionPoint) -> "Emitter":
        return Emitter(Builder(point, self.b.location), self.constants)

    def value(self, x):
        if isinstance(x, int):
            return self.constants.get(x, T.index, self.b.location)
        return x

    def _binary(self, op_class, fold, x, y):
        if isinstance(x, int) and isinstance(y, int):
            return fold(x, y)
        return self.b.create(op_class, self.value(x), self.value(y)).result

    def add(self, x, y):
        if isinstance(y, int) and y == 0:
            return x
        return self._binary(arith.AddIOp, lambda a, c: a + c, x, y)

    def sub(self, x, y):
        return self._binary(arith.SubIOp, lambda a, c: a - c, x, y)

    def mul(self, x, y):
        return self._binary(arith.MulIOp, lambda a, c: a * c, x, y)

    def min(self, x, y):
        return self._binary(arith.MinSIOp, min, x, y)

    def floordiv(self, x, y):  # operands are never negative here
        return self._binary(arith.DivSIOp, lambda a, c: a // c, x, y)

    def ceildiv(self, x, y):
        return self._binary(arith.CeilDivSIOp, lambda a, c: -(-a // c), x, y)

    def equal(self, x, y):
        return self.b.create(arith.CmpIOp, self.value(x), self.value(y), predicate="eq").result

    def less(self, x, y):
        return self.b.create(arith.CmpIOp, self.value(x), self.value(y), predicate="slt").result

    def dim(self, memref_value, index: int):
        size = memref_value.type.shape[index]
        if size is not None:
            return size
        return self.b.create(memref.DimOp, memref_value, self.value(index), result_types=[T.index]).result

    def for_loop(self, lower, upper, step, inits=(), body=None) -> scf.ForOp:
        """scf.for; `body(emitter, iv, iter_args)` fills it and returns the values to yield."""
        loop = self.b.insert(scf.ForOp.create(self.value(lower), self.value(upper), self.value(step),
                                              list(inits), location=self.b.location))
        block = loop.body
        terminator = block.append(scf.YieldOp.build([], location=self.b.location))
        yielded = body(self.at(InsertionPoint.before(terminator)), block.arguments[0], block.arguments[1:])
        terminator.set_operands(list(yielded or []))
        return loop

    def parallel_loop(self, lower, upper, step, body) -> scf.ParallelOp:
        """A one-dimensional scf.parallel without reductions; `body(emitter, iv)` fills it."""
        loop = self.b.create(scf.ParallelOp, [self.value(lower)], [self.value(upper)], [self.value(step)], [],
                             result_types=[])
        block = loop.regions[0].add_block(Block([T.index]))
        terminator = block.append(scf.ReduceOp.build([], location=self.b.location))
        body(self.at(InsertionPoint.before(terminator)), block.arguments[0])
        return loop

    def if_else(self, condition, then_body, else_body) -> scf.IfOp:
        op = self.b.create(scf.IfOp, condition, result_types=[])
        for region, body in zip(op.regions, (then_body, else_body)):
            block = region.add_block(Block([]))
            terminator = block.append(scf.YieldOp.build([], location=self.b.location))
            body(self.at(InsertionPoint.before(terminator)))
        return op

    # ----- memory and vectors -----

    def alloc(self, shape, alignment: int = 64):
        t = T.MemRefType(tuple(shape), T.f32)
        return self.b.insert(memref.AllocOp.create(t, alignment=alignment, location=self.b.location)).result

    def dealloc(self, buffer) -> None:
        self.b.create(memref.DeallocOp, buffer)

    def load(self, buffer, indices):
        return self.b.create(memref.LoadOp, buffer, [self.value(i) for i in indices]).result

    def store(self, value, buffer, indices) -> None:
        self.b.create(memref.StoreOp, value, buffer, [self.value(i) for i in indices])

    def vload(self, vector_type, buffer, indices):
        return self.b.create(vector.LoadOp, buffer, [self.value(i) for i in indices],
                             result_types=[vector_type]).result

    def vstore(self, value, buffer, indices) -> None:
        self.b.create(vector.StoreOp, value, buffer, [self.value(i) for i in indices])

    def zeros(self, vector_type):
        return self.constants.get(0.0, vector_type, self.b.location)


# ----- the loop nest ------------------------------------------------------------------------------

class GemmEmitter:
    """Emits C += A * B on 2-D f32 memrefs (A any layout; B and C unit inner stride)."""

    def __init__(self, config: TileConfig, a, b, c):
        self.cfg = config
        self.a, self.b, self.c = a, b, c
        self.vtype = T.VectorType((config.width,), T.f32)

    def emit(self, e: Emitter) -> None:
        """The unpacked path for fewer than `small-m` rows, the packed one otherwise; with a
        dynamic M (a batch of inputs) both, chosen at run time."""
        m, n, k = e.dim(self.c, 0), e.dim(self.c, 1), e.dim(self.a, 1)
        small = self.cfg.small_m
        if isinstance(m, int) or small <= 0:
            path = self._unpacked if isinstance(m, int) and m < small else self._packed
            path(e, m, n, k)
            return
        e.if_else(e.less(m, small), lambda e1: self._unpacked(e1, m, n, k), lambda e1: self._packed(e1, m, n, k))

    def _unpacked(self, e: Emitter, m, n, k) -> None:
        UnpackedGemm(self.cfg, self.a, self.b, self.c).emit(e, m, n, k)

    def _packed(self, e: Emitter, m, n, k) -> None:
        cfg = self.cfg
        self.m = m
        # Row blocks of about MC rows, an even number of them, each a whole number of MR-row
        # tiles (but the last): two threads get the same number of tiles.
        self.tiles = e.ceildiv(m, cfg.mr)
        self.blocks = e.mul(e.ceildiv(e.ceildiv(m, cfg.mc), 2), 2)
        # Static sizes shrink the blocks (and the packed buffer) to what the shapes need.
        nc = cfg.nc if not isinstance(n, int) else min(cfg.nc, -(-max(n, 1) // cfg.nr) * cfg.nr)
        kc = cfg.kc if not isinstance(k, int) else min(cfg.kc, max(k, 1))
        self.block_n, self.block_k = nc, kc
        self.packed = e.alloc((nc // cfg.nr, kc, cfg.nr))
        e.for_loop(0, n, nc, body=lambda e1, jc, _: self._column_block(e1, jc, n, k))
        e.dealloc(self.packed)

    def _column_block(self, e: Emitter, jc, n, k):
        cols = e.min(self.block_n, e.sub(n, jc))
        e.for_loop(0, k, self.block_k, body=lambda e1, pc, _: self._depth_block(e1, jc, cols, pc, k))

    def _depth_block(self, e: Emitter, jc, cols, pc, k):
        depth = e.min(self.block_k, e.sub(k, pc))
        panels = e.ceildiv(cols, self.cfg.nr)
        block = _Block(jc, cols, pc, depth, panels)
        e.parallel_loop(0, panels, 1, lambda e1, p: self._pack_panel(e1, block, p))
        e.parallel_loop(0, self.blocks, 1, lambda e1, index: self._row_block(e1, block, index))

    # ----- packing -----

    def _pack_panel(self, e: Emitter, blk, p):
        """Bp[p, k, :] = B[pc + k, j0 : j0 + NR], zero past the block's last column."""
        nr = self.cfg.nr
        first = e.mul(p, nr)
        j0 = e.add(blk.jc, first)
        valid = e.min(nr, e.sub(blk.cols, first))
        e.if_else(e.equal(valid, nr),
                  lambda e1: e1.for_loop(0, blk.depth, 1, body=lambda e2, kk, _: self._pack_full(e2, blk, p, j0, kk)),
                  lambda e1: e1.for_loop(0, blk.depth, 1,
                                         body=lambda e2, kk, _: self._pack_edge(e2, blk, p, j0, kk, valid)))

    def _pack_full(self, e: Emitter, blk, p, j0, kk):
        row = e.add(blk.pc, kk)
        w = self.cfg.width
        for v in range(self.cfg.vectors):
            x = e.vload(self.vtype, self.b, [row, e.add(j0, v * w)])
            e.vstore(x, self.packed, [p, kk, v * w])

    def _pack_edge(self, e: Emitter, blk, p, j0, kk, valid):
        row = e.add(blk.pc, kk)
        zero = e.zeros(self.vtype)
        for v in range(self.cfg.vectors):
            e.vstore(zero, self.packed, [p, kk, v * self.cfg.width])

        def copy(e1, col, _):
            e1.store(e1.load(self.b, [row, e1.add(j0, col)]), self.packed, [p, kk, col])
        e.for_loop(0, valid, 1, body=copy)

    # ----- the macro-kernel over one row block -----

    def _row_block(self, e: Emitter, blk, index):
        cfg = self.cfg
        ic = e.mul(e.floordiv(e.mul(index, self.tiles), self.blocks), cfg.mr)
        end = e.min(e.mul(e.floordiv(e.mul(e.add(index, 1), self.tiles), self.blocks), cfg.mr), self.m)
        full_end = e.add(ic, e.mul(e.floordiv(e.sub(end, ic), cfg.mr), cfg.mr))
        scratch = e.alloc((cfg.mr, cfg.nr))

        def panel(e1, p, _):
            first = e1.mul(p, cfg.nr)
            j0 = e1.add(blk.jc, first)
            valid = e1.min(cfg.nr, e1.sub(blk.cols, first))

            def rows(e2, edge):
                columns = valid if edge else None
                e2.for_loop(ic, full_end, cfg.mr,
                            body=lambda e3, i, _: self._tile(e3, blk, cfg.mr, i, p, j0, columns, scratch))
                e2.for_loop(full_end, end, 1,
                            body=lambda e3, i, _: self._tile(e3, blk, 1, i, p, j0, columns, scratch))
            e1.if_else(e1.equal(valid, cfg.nr), lambda e2: rows(e2, False), lambda e2: rows(e2, True))
        e.for_loop(0, blk.panels, 1, body=panel)
        e.dealloc(scratch)

    # ----- the micro-kernel -----

    def _tile(self, e: Emitter, blk, rows: int, i, p, j0, columns, scratch):
        """C[i : i + rows, j0 : j0 + NR] += A[i : i + rows, pc : pc + depth] * Bp[p]; with
        `columns` (the edge panel) only that many columns are valid."""
        w, vectors = self.cfg.width, self.cfg.vectors
        row_index = [e.add(i, r) for r in range(rows)]
        if columns is None:
            inits = [e.vload(self.vtype, self.c, [row_index[r], e.add(j0, v * w)])
                     for r in range(rows) for v in range(vectors)]
        else:
            zero = e.zeros(self.vtype)
            inits = [zero] * (rows * vectors)

        def step(e1, kk, accs):
            column = e1.add(blk.pc, kk)
            panel = [e1.vload(self.vtype, self.packed, [p, kk, v * w]) for v in range(vectors)]
            out = []
            for r in range(rows):
                a = e1.b.create(vector.BroadcastOp, e1.load(self.a, [row_index[r], column]),
                                result_types=[self.vtype]).result
                for v in range(vectors):
                    acc = accs[r * vectors + v]
                    out.append(e1.b.create(vector.FMAOp, a, panel[v], acc).result)
            return out
        loop = e.for_loop(0, blk.depth, 1, inits, body=step)
        sums = list(loop.results)
        if columns is None:
            for r in range(rows):
                for v in range(vectors):
                    e.vstore(sums[r * vectors + v], self.c, [row_index[r], e.add(j0, v * w)])
            return
        for r in range(rows):
            for v in range(vectors):
                e.vstore(sums[r * vectors + v], scratch, [r, v * w])

        def add_column(e1, col, _):
            j = e1.add(j0, col)
            for r in range(rows):
                total = e1.b.create(arith.AddFOp, e1.load(self.c, [row_index[r], j]), e1.load(scratch, [r, col])).result
                e1.store(total, self.c, [row_index[r], j])
        e.for_loop(0, columns, 1, body=add_column)


class UnpackedGemm:
    """C += A * B for a few rows of C, reading B where it is (no packed copy: for one row
    the copy would cost as much as the product). Per row group and column tile:

        scf.for %i = 0 to M - M % RS step RS             (RS rows, SMALL_VECTORS wide tiles)
        scf.for %i = M - M % RS to M                     (1 row, half the registers wide)
          scf.parallel %t = 0 to N / (V * W)               (full tiles of V vectors)
            acc[r][v] = C[i + r, j + v*W : +W]
            scf.for %k: b[v] = B[k, j + v*W : +W]; acc[r][v] = fma(A[i + r, k], b[v], acc[r][v])
            C[i + r, j + v*W : +W] = acc[r][v]
          the columns left: static N, one tile of the whole vectors and power-of-two ones
          (10 = 8 + 2); dynamic N, one vector, then one column, at a time

    Every access stays inside B and C; the thread pool takes the column tiles when they are
    worth it (the translator decides at run time from the trip counts)."""

    def __init__(self, config: TileConfig, a, b, c):
        self.cfg = config
        self.a, self.b, self.c = a, b, c

    def vector_type(self, lanes: int):
        return T.VectorType((lanes,), T.f32)

    def emit(self, e: Emitter, m, n, k) -> None:
        rows = self.cfg.small_rows
        full = e.mul(e.floordiv(m, rows), rows) if rows > 1 else m
        if rows > 1 and not _empty(0, full):
            e.for_loop(0, full, rows, body=lambda e1, i, _: self._row_group(e1, i, rows, SMALL_VECTORS, n, k))
        if not _empty(full, m):
            e.for_loop(full, m, 1, body=lambda e1, i, _: self._row_group(e1, i, 1, self.cfg.single_vectors, n, k))

    def _row_group(self, e: Emitter, i, rows: int, vectors: int, n, k) -> None:
        w = self.cfg.width
        span = vectors * w
        tiles = e.floordiv(n, span)
        whole = self.vector_type(w)
        if not _empty(0, tiles):
            e.parallel_loop(0, tiles, 1, lambda e1, t: self._kernel(
                e1, i, rows, k, [(e1.add(e1.mul(t, span), v * w), whole) for v in range(vectors)]))
        start, end = e.mul(tiles, span), e.mul(e.floordiv(n, w), w)
        if isinstance(n, int):
            # The columns left, as one narrower tile: whole vectors, then power-of-two ones
            # (one row takes both at once; more rows would run out of registers).
            vectors = [(start + v * w, whole) for v in range((end - start) // w)]
            tail, offset = [], end
            for lanes in (1 << p for p in reversed(range(w.bit_length() - 1))):
                if n - offset >= lanes:
                    tail.append((offset, self.vector_type(lanes)))
                    offset += lanes
            for pieces in ([vectors + tail] if rows == 1 else [vectors, tail]):
                if pieces:
                    self._kernel(e, i, rows, k, pieces)
            return
        if not _empty(start, end):
            e.for_loop(start, end, w, body=lambda e1, j, _: self._kernel(e1, i, rows, k, [(j, whole)]))
        one = self.vector_type(1)
        e.for_loop(end, n, 1, body=lambda e1, j, _: self._kernel(e1, i, rows, k, [(j, one)]))

    def _kernel(self, e: Emitter, i, rows: int, k, pieces) -> None:
        """C[i + r, piece] += A[i + r, :] * B[:, piece] for each row r and (column, vector
        type) piece, the sums carried through the k loop in vector accumulators."""
        row_index = [e.add(i, r) for r in range(rows)]
        inits = [e.vload(t, self.c, [row, j]) for row in row_index for j, t in pieces]

        def step(e1, kk, accs):
            panel = [e1.vload(t, self.b, [kk, j]) for j, t in pieces]
            out = []
            for r, row in enumerate(row_index):
                a = e1.load(self.a, [row, kk])
                splats: dict = {}
                for p, (_, t) in enumerate(pieces):
                    if t not in splats:
                        splats[t] = e1.b.create(vector.BroadcastOp, a, result_types=[t]).result
                    acc = accs[r * len(pieces) + p]
                    out.append(e1.b.create(vector.FMAOp, splats[t], panel[p], acc).result)
            return out
        sums = list(e.for_loop(0, k, 1, inits, body=step).results)
        for r, row in enumerate(row_index):
            for p, (j, t) in enumerate(pieces):
                e.vstore(sums[r * len(pieces) + p], self.c, [row, j])


def _empty(lower, upper) -> bool:
    """Statically known to run no iteration."""
    return isinstance(lower, int) and isinstance(upper, int) and upper <= lower


class _Block:
    """One (column block, depth block): its first column, width, first k, depth and panel count."""

    def __init__(self, jc, cols, pc, depth, panels):
        self.jc, self.cols, self.pc, self.depth, self.panels = jc, cols, pc, depth, panels


# ----- the pass ------------------------------------------------------------------------------------

def _batch_slice(e: Emitter, buffer, batch):
    """buffer[batch] as a 2-D view (a rank-reducing subview)."""
    t = buffer.type
    full = memref.subview_type(t, [None, 0, 0], [1, t.shape[1], t.shape[2]], [1, 1, 1])
    layout = A.StridedLayoutAttr(tuple(full.layout.strides[1:]), full.layout.offset)
    result = T.MemRefType(tuple(full.shape[1:]), t.element_type, layout, t.memory_space)
    sizes = [1, e.dim(buffer, 1), e.dim(buffer, 2)]
    view = memref.SubViewOp.create(buffer, [batch, 0, 0], sizes, [1, 1, 1], result_type=result,
                                   location=e.b.location)
    return e.b.insert(view).result


def tile_matmul(op, config: TileConfig) -> None:
    """Replace one tileable matmul / batch_matmul (see `is_tileable`) by its loop nest."""
    e = Emitter.before(op)
    a, b, c = op.inputs[0], op.inputs[1], op.outputs[0]
    if isinstance(op, MatmulOp):
        GemmEmitter(config, a, b, c).emit(e)
    else:
        def per_batch(e1, batch, _):
            views = [_batch_slice(e1, v, batch) for v in (a, b, c)]
            GemmEmitter(config, *views).emit(e1)
        e.for_loop(0, e.dim(c, 0), 1, body=per_batch)
    op.erase()


class LinalgTileMatmulPass(Pass):
    name = "linalg-tile-matmul"
    summary = "Lower f32 linalg.matmul / batch_matmul on memrefs to a tiled, vectorized loop nest"
    vector_width = Option(int, 8, "f32 lanes per vector (8: AVX2, 16: AVX-512)")
    tile_m = Option(int, 0, "rows of C per micro-kernel tile (MR; 0: as many as the registers hold)")
    tile_n = Option(int, 0, "columns of C per micro-kernel tile (NR, a multiple of vector-width; 0: 2 x width)")
    block_m = Option(int, 112, "rows of C per parallel task, about (MC; the task count is made even)")
    block_n = Option(int, 1024, "columns of B packed at once (NC, rounded down to a multiple of tile-n)")
    block_k = Option(int, 256, "depth of the packed B block (KC)")
    small_m = Option(int, -1, "fewer rows than this read B unpacked (checked at run time for a dynamic M; "
                              "0: never; -1: max(32, 2 x tile-m))")

    def run(self, op) -> None:
        config = TileConfig(self.vector_width, self.tile_m, self.tile_n, self.block_m, self.block_n, self.block_k,
                            self.small_m)
        for target in [inner for inner in op.walk() if is_tileable(inner)]:
            tile_matmul(target, config)
