/// Unrolls image patches into columns so a convolution becomes one matrix
/// product, and folds column gradients back into an image (the adjoint).
///
/// For one image x[C×H×W], a k×k kernel, stride s and zero padding p, the
/// column matrix has one row per kernel tap and one column per output pixel:
///
///     col[(c·k + ky)·k + kx][oy·OW + ox] = x[c][oy·s + ky − p][ox·s + kx − p]   (0 outside)
///
/// so `W[O × C·k·k] · col[C·k·k × OH·OW]` is the convolution output for the image.
/// Every row of `col` is built from whole input rows, so with stride 1 each
/// piece is a plain contiguous copy.
public enum Im2Col {
    /// Output size along one axis: ⌊(input + 2·padding − kernel) / stride⌋ + 1,
    /// or 0 when the padded input is smaller than the kernel.
    @inlinable
    public static func outputSize(input: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        let span = input + 2 * padding - kernel
        return span < 0 ? 0 : span / stride + 1
    }

    /// The output positions `ox` whose input position `ox·stride + offset`
    /// falls inside `0..<inputSize`, clamped to `0..<outputSize`.
    @inlinable
    static func validRange(offset: Int, stride: Int, inputSize: Int, outputSize: Int) -> Range<Int> {
        // ox·s + offset ≥ 0  ⇔  ox ≥ ⌈−offset / s⌉
        let low = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        // ox·s + offset ≤ inputSize − 1  ⇔  ox ≤ ⌊(inputSize − 1 − offset) / s⌋
        let lastInput = inputSize - 1 - offset
        if lastInput < 0 { return 0..<0 }
        let high = min(outputSize, lastInput / stride + 1)
        return low < high ? low..<high : 0..<0
    }

    /// Fills `col[C·k·k × OH·OW]` from one image `x[C×H×W]`.
    @inlinable
    public static func unfold(
        _ x: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, outHeight: Int, outWidth: Int,
        into col: UnsafeMutablePointer<Float>
    ) {
        let outArea = outHeight * outWidth
        var row = col
        for c in 0..<channels {
            let plane = x + c * height * width
            for ky in 0..<kernel {
                let yRange = validRange(offset: ky - padding, stride: stride,
                                        inputSize: height, outputSize: outHeight)
                for kx in 0..<kernel {
                    let xRange = validRange(offset: kx - padding, stride: stride,
                                            inputSize: width, outputSize: outWidth)
                    if yRange.isEmpty || xRange.isEmpty {
                        VectorKernels.fill(row, with: 0, count: outArea)
                        row += outArea
                        continue
                    }
                    let left = xRange.lowerBound, right = outWidth - xRange.upperBound
                    let firstX = left * stride + kx - padding
                    // Rows above and below the image are padding.
                    VectorKernels.fill(row, with: 0, count: yRange.lowerBound * outWidth)
                    for oy in yRange {
                        let out = row + oy * outWidth
                        let source = plane + (oy * stride + ky - padding) * width + firstX
                        for i in 0..<left { out[i] = 0 }
                        if stride == 1 {
                            VectorKernels.copy(source, to: out + left, count: xRange.count)
                        } else {
                            for i in 0..<xRange.count { out[left + i] = source[i * stride] }
                        }
                        for i in (outWidth - right)..<outWidth { out[i] = 0 }
                    }
                    VectorKernels.fill(row + yRange.upperBound * outWidth, with: 0,
                                       count: (outHeight - yRange.upperBound) * outWidth)
                    row += outArea
                }
            }
        }
    }

    /// Adds `col[C·k·k × OH·OW]` back into the image gradient `dx[C×H×W]`
    /// (the transpose of ``unfold``). `dx` is accumulated into, not cleared.
    @inlinable
    public static func fold(
        _ col: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, outHeight: Int, outWidth: Int,
        into dx: UnsafeMutablePointer<Float>
    ) {
        let outArea = outHeight * outWidth
        var row = col
        for c in 0..<channels {
            let plane = dx + c * height * width
            for ky in 0..<kernel {
                let yRange = validRange(offset: ky - padding, stride: stride,
                                        inputSize: height, outputSize: outHeight)
                for kx in 0..<kernel {
                    let xRange = validRange(offset: kx - padding, stride: stride,
                                            inputSize: width, outputSize: outWidth)
                    defer { row += outArea }
                    if yRange.isEmpty || xRange.isEmpty { continue }
                    let firstX = xRange.lowerBound * stride + kx - padding
                    for oy in yRange {
                        let gradient = row + oy * outWidth + xRange.lowerBound
                        let target = plane + (oy * stride + ky - padding) * width + firstX
                        if stride == 1 {
                            VectorKernels.add(gradient, into: target, count: xRange.count)
                        } else {
                            for i in 0..<xRange.count { target[i * stride] += gradient[i] }
                        }
                    }
                }
            }
        }
    }
}

/// The stride-1 convolution in "wide rows": with the input zero-padded and
/// laid out with a row pitch P, the input seen by kernel tap (ky, kx) for
/// every output is the contiguous slice `padded[c][ky·P + kx ..< ky·P + kx + OH·P]`,
/// if each output row is computed P wide instead of OW wide (the last P − OW
/// values of a wide row are junk and are dropped). So the column matrix is
/// built from C·k·k long copies instead of C·k·k·OH short ones, and its fold
/// is as many long vector adds; the GEMMs do P/OW more work, a good trade for
/// the small images of MNIST convnets where row bookkeeping dominates.
///
/// Rows share their padding: the pitch is W + p, not W + 2p. A row's p
/// leading zeros are also the right padding of the row above (a tap reading
/// past the end of a row lands in them), which cuts the junk columns, and so
/// the extra GEMM work, in half (14×14, 5×5, pad 2: 16 columns per row, not 18).
public enum WideRows {
    /// Geometry of one stride-1 convolution in wide rows.
    public struct Geometry: Equatable, Sendable {
        public var channels, height, width, kernel, padding: Int
        /// Floats from one padded row to the next: W + p.
        public var pitch: Int { width + padding }
        /// Padded rows per channel: p above the image, H, p below.
        public var paddedHeight: Int { height + 2 * padding }
        public var paddedPlane: Int { paddedHeight * pitch }
        public var outHeight: Int { height + 2 * padding - kernel + 1 }
        public var outWidth: Int { width + 2 * padding - kernel + 1 }
        /// Length of one wide output plane: OH·P.
        public var wideArea: Int { outHeight * pitch }
        /// Floats in the padded image, with k to spare so the last tap's slice
        /// (and the last row's right padding) stays inside the buffer.
        public var paddedCount: Int { channels * paddedPlane + kernel }

        public init(channels: Int, height: Int, width: Int, kernel: Int, padding: Int) {
            self.channels = channels; self.height = height; self.width = width
            self.kernel = kernel; self.padding = padding
        }

        /// Where x[c][y][0] sits in the padded image.
        @inlinable
        func rowStart(channel c: Int, row y: Int) -> Int { c * paddedPlane + (y + padding) * pitch + padding }
    }

    /// Copies x[C×H×W] into the image positions of the padded layout; the
    /// borders must already be zero (see ``PaddedImages``).
    @inlinable
    public static func copyImage(_ x: UnsafePointer<Float>, _ g: Geometry, into padded: UnsafeMutablePointer<Float>) {
        for c in 0..<g.channels {
            for y in 0..<g.height {
                VectorKernels.copy(x + (c * g.height + y) * g.width, to: padded + g.rowStart(channel: c, row: y),
                                   count: g.width)
            }
        }
    }

    /// Fills col[C·k·k × OH·P] from the padded image.
    @inlinable
    public static func unfold(_ padded: UnsafePointer<Float>, _ g: Geometry, into col: UnsafeMutablePointer<Float>) {
        let length = g.wideArea
        var row = col
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel {
                    row.update(from: padded + c * g.paddedPlane + ky * g.pitch + kx, count: length)
                    row += length
                }
            }
        }
    }

    /// Adds col[C·k·k × OH·P] into the padded image gradient (the transpose
    /// of ``unfold(_:_:into:)``); `paddedGradient` is accumulated into, not cleared.
    ///
    /// The k taps of one kernel row land on the same target shifted by one
    /// each, so they are summed in registers and the target is read and
    /// written once per kernel row instead of once per tap.
    @inlinable
    public static func fold(_ col: UnsafePointer<Float>, _ g: Geometry, into paddedGradient: UnsafeMutablePointer<Float>) {
        let (length, k) = (g.wideArea, g.kernel)
        var taps = col
        for c in 0..<g.channels {
            for ky in 0..<k {
                // target[m] += Σ_kx taps[kx][m − kx], m in 0 ..< length + k − 1
                addShiftedRows(taps, count: k, length: length, into: paddedGradient + c * g.paddedPlane + ky * g.pitch)
                taps += k * length
            }
        }
    }

    /// target[m] += Σ_{i < count} rows[i][m − i] over every m where some term
    /// exists; `rows` holds `count` rows of `length` floats, one after another.
    @inlinable
    static func addShiftedRows(_ rows: UnsafePointer<Float>, count: Int, length: Int,
                               into target: UnsafeMutablePointer<Float>) {
        // Edges, where only some rows reach: plain loops.
        func addScalar(_ m: Int) {
            var sum: Float = 0
            for i in max(0, m - length + 1)...min(count - 1, m) { sum += rows[i * length + m - i] }
            target[m] += sum
        }
        let bodyStart = count - 1, bodyEnd = length  // every row reaches m in bodyStart..<bodyEnd
        guard bodyStart < bodyEnd else {
            for m in 0..<(length + count - 1) { addScalar(m) }
            return
        }
        for m in 0..<bodyStart { addScalar(m) }
        @inline(__always) func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
            UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
        }
        // rows[i][m − i] is shifted[i][m]; 5×5 and 3×3 kernels get unrolled loops.
        let shifted = { (i: Int) in rows + i &* (length &- 1) }
        var m = bodyStart
        if count == 5 {
            let (r0, r1, r2, r3, r4) = (shifted(0), shifted(1), shifted(2), shifted(3), shifted(4))
            while m &+ 8 <= bodyEnd {
                let sum = load(target + m) + load(r0 + m) + load(r1 + m) + load(r2 + m) + load(r3 + m) + load(r4 + m)
                UnsafeMutableRawPointer(target + m).storeBytes(of: sum, as: SIMD8<Float>.self)
                m &+= 8
            }
        } else if count == 3 {
            let (r0, r1, r2) = (shifted(0), shifted(1), shifted(2))
            while m &+ 8 <= bodyEnd {
                let sum = load(target + m) + load(r0 + m) + load(r1 + m) + load(r2 + m)
                UnsafeMutableRawPointer(target + m).storeBytes(of: sum, as: SIMD8<Float>.self)
                m &+= 8
            }
        } else {
            while m &+ 8 <= bodyEnd {
                var sum = load(target + m)
                for i in 0..<count { sum += load(shifted(i) + m) }
                UnsafeMutableRawPointer(target + m).storeBytes(of: sum, as: SIMD8<Float>.self)
                m &+= 8
            }
        }
        while m < length + count - 1 {
            addScalar(m)
            m += 1
        }
    }

    /// dx[C×H×W] = the image part of the padded gradient.
    @inlinable
    public static func unpad(_ paddedGradient: UnsafePointer<Float>, _ g: Geometry, into dx: UnsafeMutablePointer<Float>) {
        for c in 0..<g.channels {
            for y in 0..<g.height {
                VectorKernels.copy(paddedGradient + g.rowStart(channel: c, row: y),
                                   to: dx + (c * g.height + y) * g.width, count: g.width)
            }
        }
    }
}

/// Room for padded images (``WideRows``) whose zero borders are written once:
/// nothing but ``WideRows/copyImage(_:_:into:)`` writes into the slots
/// afterwards, and it writes only image positions, so while the geometry stays
/// the same each image costs its rows alone.
final class PaddedImages {
    private let buffer = ScratchBuffer()
    private var geometry: WideRows.Geometry?
    private var slots = 0

    /// The first of `count` consecutive padded-image slots of `g.paddedCount` floats.
    func prepare(_ g: WideRows.Geometry, count: Int) -> UnsafeMutablePointer<Float> {
        if geometry != g || slots < count {
            let total = g.paddedCount * count
            VectorKernels.fill(buffer.reserve(total), with: 0, count: total)
            (geometry, slots) = (g, count)
        }
        return buffer.pointer
    }

    /// Slot `index` of the last ``prepare(_:count:)``.
    func slot(_ index: Int) -> UnsafeMutablePointer<Float> {
        buffer.pointer + index * (geometry?.paddedCount ?? 0)
    }
}
