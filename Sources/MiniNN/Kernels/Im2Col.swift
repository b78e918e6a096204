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

/// The stride-1 convolution in "wide rows": with the input zero-padded to
/// Hp×Wp, the input seen by kernel tap (ky, kx) for every output is the
/// contiguous slice `padded[c][ky·Wp + kx ..< ky·Wp + kx + OH·Wp]`, if each
/// output row is computed Wp wide instead of OW wide (the last Wp − OW values
/// of a wide row are junk and are dropped). So the column matrix is built from
/// C·k·k long copies instead of C·k·k·OH short ones, and its fold is as many
/// long vector adds; the GEMMs do Wp/OW more work, a good trade for the small
/// images of MNIST convnets where row bookkeeping dominates.
public enum WideRows {
    /// Geometry of one stride-1 convolution in wide rows.
    public struct Geometry: Equatable, Sendable {
        public var channels, height, width, kernel, padding: Int
        public var paddedHeight: Int { height + 2 * padding }
        public var paddedWidth: Int { width + 2 * padding }
        public var outHeight: Int { paddedHeight - kernel + 1 }
        public var outWidth: Int { paddedWidth - kernel + 1 }
        /// Length of one wide output plane: OH·Wp.
        public var wideArea: Int { outHeight * paddedWidth }
        /// Floats in the padded image, with k − 1 to spare so the last tap's
        /// slice stays inside the buffer.
        public var paddedCount: Int { channels * paddedHeight * paddedWidth + kernel }

        public init(channels: Int, height: Int, width: Int, kernel: Int, padding: Int) {
            self.channels = channels; self.height = height; self.width = width
            self.kernel = kernel; self.padding = padding
        }
    }

    /// Copies x[C×H×W] into the middle of `padded` (zeros around and after).
    @inlinable
    public static func pad(_ x: UnsafePointer<Float>, _ g: Geometry, into padded: UnsafeMutablePointer<Float>) {
        VectorKernels.fill(padded, with: 0, count: g.paddedCount)
        let (hp, wp) = (g.paddedHeight, g.paddedWidth)
        for c in 0..<g.channels {
            for y in 0..<g.height {
                VectorKernels.copy(x + (c * g.height + y) * g.width,
                                   to: padded + (c * hp + y + g.padding) * wp + g.padding, count: g.width)
            }
        }
    }

    /// Fills col[C·k·k × OH·Wp] from the padded image.
    @inlinable
    public static func unfold(_ padded: UnsafePointer<Float>, _ g: Geometry, into col: UnsafeMutablePointer<Float>) {
        let (plane, wp, length) = (g.paddedHeight * g.paddedWidth, g.paddedWidth, g.wideArea)
        var row = col
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel {
                    row.update(from: padded + c * plane + ky * wp + kx, count: length)
                    row += length
                }
            }
        }
    }

    /// Adds col[C·k·k × OH·Wp] into the padded image gradient (the transpose
    /// of ``unfold``); `paddedGradient` is accumulated into, not cleared.
    @inlinable
    public static func fold(_ col: UnsafePointer<Float>, _ g: Geometry, into paddedGradient: UnsafeMutablePointer<Float>) {
        let (plane, wp, length) = (g.paddedHeight * g.paddedWidth, g.paddedWidth, g.wideArea)
        var row = col
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel {
                    VectorKernels.add(row, into: paddedGradient + c * plane + ky * wp + kx, count: length)
                    row += length
                }
            }
        }
    }

    /// dx[C×H×W] = the middle of the padded gradient.
    @inlinable
    public static func unpad(_ paddedGradient: UnsafePointer<Float>, _ g: Geometry, into dx: UnsafeMutablePointer<Float>) {
        let (hp, wp) = (g.paddedHeight, g.paddedWidth)
        for c in 0..<g.channels {
            for y in 0..<g.height {
                VectorKernels.copy(paddedGradient + (c * hp + y + g.padding) * wp + g.padding,
                                   to: dx + (c * g.height + y) * g.width, count: g.width)
            }
        }
    }
}
