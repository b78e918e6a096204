/// The stride-1 convolution's three products computed straight on the
/// padded image of ``WideRows``, with SIMD multiply-adds: no column matrix,
/// no copies into one, no BLAS call.
///
/// In wide rows every kernel tap t = (ky, kx) sees the padded image shifted
/// by shift(t) = ky·P + kx, so each product is a sum of shifted slices
/// weighted by scalars:
///
///   forward   raw[o][p]       = Σ_c Σ_t W[o][c][t] · padded[c][p + shift(t)]
///   weights   dW[t][c][o]    += Σ_p padded[c][p + shift(t)] · dRaw[o][p]
///   input     dPadded[c][q]   = Σ_o Σ_t W[o][c][t] · dRaw[o][q − shift(t)]
///
/// These are the sums the GEMMs of ``ConvolutionEngine`` compute (the column
/// matrix holds the shifted slices), and ``Conv2D/referenceForward(_:weight:bias:stride:padding:)``
/// spells out. Per image they are small (MNIST's second conv: 16 × 200 by
/// 200 × 224), too small for OpenBLAS to earn back packing its operands, which
/// took more time than its multiply kernel. Here each block of outputs is a
/// set of accumulators kept in registers while the sum runs over operands
/// read where they lie.
enum DirectConvolution {
    /// Whether the three kernels apply to a stride-1 layer of these sizes
    /// (each has a register block its channel counts must fill).
    static func fitsForward(outputs: Int) -> Bool { outputs % 4 == 0 }
    static func fitsWeightGradient(outputs: Int) -> Bool { outputs % 8 == 0 }
    static func fitsInputGradient(channels: Int) -> Bool { channels % 4 == 0 }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    // MARK: Forward

    /// padded-image offsets c·plane + ky·P + kx of every tap t = (c, ky, kx),
    /// in the weights' order: the one loop of a forward block runs over them.
    static func tapShifts(_ g: WideRows.Geometry, into shifts: inout [Int]) {
        shifts.removeAll(keepingCapacity: true)
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel { shifts.append(c * g.paddedPlane + ky * g.pitch + kx) }
            }
        }
    }

    /// W[O][T] → [O/4][T][4]: the four weights a block of four outputs
    /// multiplies by at each tap, adjacent. O a multiple of 4.
    static func regroupByFour(_ w: UnsafePointer<Float>, rows: Int, columns: Int,
                              into grouped: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            let (block, lane) = row.quotientAndRemainder(dividingBy: 4)
            let target = grouped + block * columns * 4 + lane
            for column in 0..<columns { target[column * 4] = w[row * columns + column] }
        }
    }

    /// raw[O × OH·P] = W ∗ padded, in the wide rows of ``WideRows`` (junk
    /// past OW in each row), from the weights regrouped by four
    /// (``regroupByFour(_:rows:columns:into:)``) and the taps' ``tapShifts(_:into:)``.
    static func forward(_ padded: UnsafePointer<Float>, _ g: WideRows.Geometry, groupedWeights w: UnsafePointer<Float>,
                        shifts: UnsafePointer<Int>, outputs: Int, into raw: UnsafeMutablePointer<Float>) {
        let length = g.wideArea, taps = g.channels * g.kernel * g.kernel
        for o in stride(from: 0, to: outputs, by: 4) {
            sumRows(padded, offsets: shifts, count: taps, w + o * taps, into: raw + o * length, length: length)
        }
    }

    /// Four target rows of `length`, `length` apart from `target`: row i at
    /// position p is Σ_j w[4j + i] · source[p + offsets[j]] over `count` terms.
    /// Forward and the input gradient are both this sum; blocks of 16 and 8
    /// positions, then one at a time.
    private static func sumRows(_ source: UnsafePointer<Float>, offsets: UnsafePointer<Int>, count: Int,
                                _ w: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, length: Int) {
        let rows = (target, target + length, target + 2 * length, target + 3 * length)
        var p = 0
        while p + 16 <= length {
            sumBlock(source + p, offsets: offsets, count: count, w, rows, at: p, wide: true)
            p += 16
        }
        if p + 8 <= length {
            sumBlock(source + p, offsets: offsets, count: count, w, rows, at: p, wide: false)
            p += 8
        }
        for position in p..<length {
            var sums = SIMD4<Float>(repeating: 0)
            for j in 0..<count {
                sums += UnsafeRawPointer(w + 4 * j).loadUnaligned(as: SIMD4<Float>.self) * source[position + offsets[j]]
            }
            (rows.0[position], rows.1[position], rows.2[position], rows.3[position]) = (sums[0], sums[1], sums[2], sums[3])
        }
    }

    /// The block both forward and the input gradient run: four targets × 16
    /// positions (8 unless `wide`) from `p`, each the sum over `count` terms
    /// of a weight (four adjacent in `w` per term) times `source[offsets[j]...]`.
    /// Eight accumulators; per term two loads and four weights.
    @inline(__always)
    private static func sumBlock(
        _ source: UnsafePointer<Float>, offsets: UnsafePointer<Int>, count: Int, _ w: UnsafePointer<Float>,
        _ rows: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>,
                 UnsafeMutablePointer<Float>),
        at p: Int, wide: Bool
    ) {
        let zero = SIMD8<Float>(repeating: 0)
        var (a0, a1, a2, a3) = (zero, zero, zero, zero)
        var (b0, b1, b2, b3) = (zero, zero, zero, zero)
        for j in 0..<count {
            let row = source + offsets[j], weights = w + j &* 4
            let x = load(row), y = wide ? load(row + 8) : zero
            let (w0, w1) = (SIMD8(repeating: weights[0]), SIMD8(repeating: weights[1]))
            let (w2, w3) = (SIMD8(repeating: weights[2]), SIMD8(repeating: weights[3]))
            a0 = a0.addingProduct(w0, x); a1 = a1.addingProduct(w1, x)
            a2 = a2.addingProduct(w2, x); a3 = a3.addingProduct(w3, x)
            if wide {
                b0 = b0.addingProduct(w0, y); b1 = b1.addingProduct(w1, y)
                b2 = b2.addingProduct(w2, y); b3 = b3.addingProduct(w3, y)
            }
        }
        store(a0, rows.0 + p); store(a1, rows.1 + p); store(a2, rows.2 + p); store(a3, rows.3 + p)
        if wide {
            store(b0, rows.0 + p + 8); store(b1, rows.1 + p + 8); store(b2, rows.2 + p + 8); store(b3, rows.3 + p + 8)
        }
    }

    // MARK: Weight gradient

    /// gradient[OH·OW × O] = the raw gradient's valid positions, transposed
    /// so that the O channels of one position are adjacent (what
    /// ``weightGradient(_:_:transposedGradient:outputs:into:)`` loads).
    static func transposeGradient(_ dRaw: UnsafePointer<Float>, _ g: WideRows.Geometry, outputs: Int,
                                  into gradient: UnsafeMutablePointer<Float>) {
        let (width, plane) = (g.outWidth, g.wideArea)
        for o in 0..<outputs {
            let source = dRaw + o * plane
            for y in 0..<g.outHeight {
                let row = source + y * g.pitch, target = gradient + y * width * outputs + o
                for x in 0..<width { target[x * outputs] = row[x] }
            }
        }
    }

    /// dW[k·k × C × O] += Σ over valid positions p of padded[c][p + shift(t)]
    /// · gradient[p][o], the layout of ``ConvolutionEngine/GradientLayout/byTap``;
    /// O a multiple of 8. The junk columns are skipped: they hold no gradient.
    static func weightGradient(_ padded: UnsafePointer<Float>, _ g: WideRows.Geometry,
                               transposedGradient gradient: UnsafePointer<Float>, outputs: Int,
                               into dW: UnsafeMutablePointer<Float>) {
        let (k, area) = (g.kernel, g.kernel * g.kernel)
        let tapStep = g.channels * outputs
        func shift(_ tap: Int) -> Int { tap / k * g.pitch + tap % k }
        for c in 0..<g.channels {
            let plane = padded + c * g.paddedPlane
            var o = 0
            while o < outputs {
                // 16 channels × 4 taps, or 8 × 8: eight accumulators either way,
                // which with the loads fit the 16 vector registers.
                let wide = o + 16 <= outputs, group = wide ? 4 : 8
                let d = gradient + o
                var first = 0
                while first + group <= area {
                    let target = dW + (first * g.channels + c) * outputs + o
                    if wide {
                        let shifts = SIMD4(shift(first), shift(first + 1), shift(first + 2), shift(first + 3))
                        weightBlockWide(plane, g, d, outputs, target, tapStep, shifts)
                    } else {
                        let shifts = SIMD8(shift(first), shift(first + 1), shift(first + 2), shift(first + 3),
                                           shift(first + 4), shift(first + 5), shift(first + 6), shift(first + 7))
                        weightBlockNarrow(plane, g, d, outputs, target, tapStep, shifts)
                    }
                    first += group
                }
                // The taps left over (25 = 6 × 4 + 1), one at a time.
                for tap in first..<area {
                    let target = dW + (tap * g.channels + c) * outputs + o
                    weightSingleTap(plane + shift(tap), g, d, outputs, target)
                    if wide { weightSingleTap(plane + shift(tap), g, d + 8, outputs, target + 8) }
                }
                o += wide ? 16 : 8
            }
        }
    }

    /// Four taps × 16 output channels: per position, two loads of the
    /// gradient and four image values, eight multiply-adds.
    private static func weightBlockWide(_ plane: UnsafePointer<Float>, _ g: WideRows.Geometry,
                                        _ gradient: UnsafePointer<Float>, _ outputs: Int,
                                        _ target: UnsafeMutablePointer<Float>, _ tapStep: Int, _ shifts: SIMD4<Int>) {
        let zero = SIMD8<Float>(repeating: 0)
        var (a0, a1, a2, a3, b0, b1, b2, b3) = (zero, zero, zero, zero, zero, zero, zero, zero)
        let (width, pitch) = (g.outWidth, g.pitch)
        let (s0, s1, s2, s3) = (shifts[0], shifts[1], shifts[2], shifts[3])
        for y in 0..<g.outHeight {
            let row = plane + y &* pitch, gradientRow = gradient + y &* width &* outputs
            for x in 0..<width {
                let s = row + x, d = gradientRow + x &* outputs
                let (lower, upper) = (load(d), load(d + 8))
                let (v0, v1, v2, v3) = (SIMD8(repeating: s[s0]), SIMD8(repeating: s[s1]),
                                        SIMD8(repeating: s[s2]), SIMD8(repeating: s[s3]))
                a0 = a0.addingProduct(v0, lower); b0 = b0.addingProduct(v0, upper)
                a1 = a1.addingProduct(v1, lower); b1 = b1.addingProduct(v1, upper)
                a2 = a2.addingProduct(v2, lower); b2 = b2.addingProduct(v2, upper)
                a3 = a3.addingProduct(v3, lower); b3 = b3.addingProduct(v3, upper)
            }
        }
        addInto(target, a0, a1, a2, a3, step: tapStep)
        addInto(target + 8, b0, b1, b2, b3, step: tapStep)
    }

    /// Eight taps × 8 output channels: per position, one load of the
    /// gradient and eight image values, eight multiply-adds.
    private static func weightBlockNarrow(_ plane: UnsafePointer<Float>, _ g: WideRows.Geometry,
                                          _ gradient: UnsafePointer<Float>, _ outputs: Int,
                                          _ target: UnsafeMutablePointer<Float>, _ tapStep: Int, _ shifts: SIMD8<Int>) {
        let zero = SIMD8<Float>(repeating: 0)
        var (a0, a1, a2, a3, a4, a5, a6, a7) = (zero, zero, zero, zero, zero, zero, zero, zero)
        let (width, pitch) = (g.outWidth, g.pitch)
        let (s0, s1, s2, s3) = (shifts[0], shifts[1], shifts[2], shifts[3])
        let (s4, s5, s6, s7) = (shifts[4], shifts[5], shifts[6], shifts[7])
        for y in 0..<g.outHeight {
            let row = plane + y &* pitch, gradientRow = gradient + y &* width &* outputs
            for x in 0..<width {
                let s = row + x, d = load(gradientRow + x &* outputs)
                a0 = a0.addingProduct(SIMD8(repeating: s[s0]), d); a1 = a1.addingProduct(SIMD8(repeating: s[s1]), d)
                a2 = a2.addingProduct(SIMD8(repeating: s[s2]), d); a3 = a3.addingProduct(SIMD8(repeating: s[s3]), d)
                a4 = a4.addingProduct(SIMD8(repeating: s[s4]), d); a5 = a5.addingProduct(SIMD8(repeating: s[s5]), d)
                a6 = a6.addingProduct(SIMD8(repeating: s[s6]), d); a7 = a7.addingProduct(SIMD8(repeating: s[s7]), d)
            }
        }
        addInto(target, a0, a1, a2, a3, step: tapStep)
        addInto(target + 4 * tapStep, a4, a5, a6, a7, step: tapStep)
    }

    /// target[i·step ..< i·step + 8] += the i-th of four sums.
    @inline(__always)
    private static func addInto(_ target: UnsafeMutablePointer<Float>, _ a0: SIMD8<Float>, _ a1: SIMD8<Float>,
                                _ a2: SIMD8<Float>, _ a3: SIMD8<Float>, step: Int) {
        store(load(target) + a0, target)
        store(load(target + step) + a1, target + step)
        store(load(target + 2 * step) + a2, target + 2 * step)
        store(load(target + 3 * step) + a3, target + 3 * step)
    }

    /// One tap × 8 output channels, for the taps a block leaves over.
    private static func weightSingleTap(_ source: UnsafePointer<Float>, _ g: WideRows.Geometry,
                                        _ gradient: UnsafePointer<Float>, _ outputs: Int,
                                        _ target: UnsafeMutablePointer<Float>) {
        var (a, b) = (SIMD8<Float>(repeating: 0), SIMD8<Float>(repeating: 0))
        for y in 0..<g.outHeight {
            let row = source + y &* g.pitch, gradientRow = gradient + y &* g.outWidth &* outputs
            var x = 0
            // Two positions per step: two chains of multiply-adds, not one.
            while x &+ 2 <= g.outWidth {
                a = a.addingProduct(SIMD8(repeating: row[x]), load(gradientRow + x &* outputs))
                b = b.addingProduct(SIMD8(repeating: row[x &+ 1]), load(gradientRow + (x &+ 1) &* outputs))
                x &+= 2
            }
            if x < g.outWidth { a = a.addingProduct(SIMD8(repeating: row[x]), load(gradientRow + x &* outputs)) }
        }
        store(load(target) + a + b, target)
    }

    // MARK: Input gradient

    /// Zeros before and after each channel of the raw gradient in
    /// ``inputGradient(_:_:groupedWeights:offsets:outputs:span:into:)``: the most a
    /// shifted read reaches outside the plane.
    static func gradientMargin(_ g: WideRows.Geometry) -> Int { g.kernel * g.pitch + g.kernel }

    /// The raw gradient's planes with ``gradientMargin(_:)`` zeros before,
    /// between and after them, the layout ``inputGradient(_:_:groupedWeights:offsets:outputs:span:into:)`` reads.
    static func spreadGradient(_ dRaw: UnsafePointer<Float>, _ g: WideRows.Geometry, outputs: Int,
                               into spread: UnsafeMutablePointer<Float>) {
        let (plane, margin) = (g.wideArea, gradientMargin(g))
        let planeStep = plane + margin
        VectorKernels.fill(spread, with: 0, count: outputs * planeStep + margin)
        for o in 0..<outputs { VectorKernels.copy(dRaw + o * plane, to: spread + margin + o * planeStep, count: plane) }
    }

    /// Floats ``spreadGradient(_:_:outputs:into:)`` writes for `outputs` channels.
    static func spreadGradientCount(_ g: WideRows.Geometry, outputs: Int) -> Int {
        outputs * (g.wideArea + gradientMargin(g)) + gradientMargin(g)
    }

    /// Offsets o·planeStep − (ky·P + kx) into the spread raw gradient of
    /// every term j = (o, ky, kx) of the input gradient's sum, in that order.
    static func gradientOffsets(_ g: WideRows.Geometry, outputs: Int, into offsets: inout [Int]) {
        let planeStep = g.wideArea + gradientMargin(g)
        offsets.removeAll(keepingCapacity: true)
        for o in 0..<outputs {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel { offsets.append(o * planeStep - (ky * g.pitch + kx)) }
            }
        }
    }

    /// W[O][C][k·k] → [C/4][O·k·k][4]: per block of four input channels, the
    /// four weights of each term (o, ky, kx) adjacent. C a multiple of 4.
    static func regroupForInputGradient(_ w: UnsafePointer<Float>, channels: Int, outputs: Int, area: Int,
                                        into grouped: UnsafeMutablePointer<Float>) {
        for o in 0..<outputs {
            for c in 0..<channels {
                let (block, lane) = c.quotientAndRemainder(dividingBy: 4)
                let target = grouped + (block * outputs * area + o * area) * 4 + lane
                for t in 0..<area { target[t * 4] = w[(o * channels + c) * area + t] }
            }
        }
    }

    /// dx[C × H × W] from the spread raw gradient: for each image row's
    /// span of the padded plane, dPadded[c][q] = Σ_o Σ_t W[o][c][t] ·
    /// dRaw[o][q − shift(t)], then the image positions; C a multiple of 4,
    /// the weights from ``regroupForInputGradient(_:channels:outputs:area:into:)``,
    /// the offsets from ``gradientOffsets(_:outputs:into:)``. `span` is
    /// scratch of C·H·P floats.
    static func inputGradient(_ spread: UnsafePointer<Float>, _ g: WideRows.Geometry,
                              groupedWeights w: UnsafePointer<Float>, offsets: UnsafePointer<Int>, outputs: Int,
                              span: UnsafeMutablePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
        let length = g.height * g.pitch, terms = outputs * g.kernel * g.kernel
        // dRaw[o][q − shift] for q from the first image row of the padded plane.
        let first = spread + gradientMargin(g) + g.padding * g.pitch
        for c in stride(from: 0, to: g.channels, by: 4) {
            sumRows(first, offsets: offsets, count: terms, w + c * terms, into: span + c * length, length: length)
        }
        // The span starts at the padded plane's first image row: x sits p in.
        for c in 0..<g.channels {
            for y in 0..<g.height {
                VectorKernels.copy(span + c * length + y * g.pitch + g.padding, to: dx + (c * g.height + y) * g.width,
                                   count: g.width)
            }
        }
    }
}
