import Testing
@testable import MiniNN

/// One pooling configuration.
struct PoolCase: CustomTestStringConvertible, Sendable {
    var batch, channels, height, width, window, stride: Int
    var testDescription: String { "N\(batch)×\(channels) on \(height)×\(width), window \(window) stride \(stride)" }

    static let all: [PoolCase] = [
        PoolCase(batch: 2, channels: 3, height: 6, width: 8, window: 2, stride: 2),
        // Output rows of 9: two SIMD blocks of 4 plus an overlapping last block.
        PoolCase(batch: 2, channels: 2, height: 4, width: 18, window: 2, stride: 2),
        // Output rows of 7 (the mnist-cnn's second pool): two overlapping blocks
        // of 4; rows of 3: the scalar tail alone; rows of 16: four blocks.
        PoolCase(batch: 2, channels: 2, height: 14, width: 14, window: 2, stride: 2),
        PoolCase(batch: 2, channels: 3, height: 6, width: 7, window: 2, stride: 2),
        PoolCase(batch: 1, channels: 2, height: 4, width: 32, window: 2, stride: 2),
        // Odd sizes: the last row and column are dropped.
        PoolCase(batch: 3, channels: 2, height: 7, width: 5, window: 2, stride: 2),
        PoolCase(batch: 2, channels: 2, height: 9, width: 8, window: 3, stride: 2),
        PoolCase(batch: 2, channels: 1, height: 5, width: 4, window: 2, stride: 1),
        PoolCase(batch: 1, channels: 2, height: 6, width: 9, window: 3, stride: 3),
    ]

    var shape: [Int] { [batch, channels, height, width] }

    /// Inputs 0.05 apart (a shuffled ramp), so no window has a tie and a
    /// ±1e-2 nudge never changes which input wins.
    func distinctInput(seed: UInt64) -> Tensor {
        let count = Tensor.elementCount(of: shape)
        var generator = SeededGenerator(seed: seed)
        let order = generator.permutation(count)
        return Tensor(shape: shape, scalars: order.map { Float($0 - count / 2) * 0.05 })
    }
}

@Suite("MaxPool2D and Flatten")
struct PoolTests {
    @Test("forward takes the maximum of each window", arguments: PoolCase.all)
    func forwardMatchesDefinition(_ c: PoolCase) throws {
        let layer = MaxPool2D(window: c.window, stride: c.stride)
        let input = GradientCheck.randomTensor(shape: c.shape, seed: 8)
        let output = layer.forward(input, training: false)
        let outShape = try layer.outputShape(for: Array(c.shape.dropFirst()))
        #expect(output.shape == [c.batch] + outShape)
        for n in 0..<c.batch {
            for ch in 0..<c.channels {
                for oy in 0..<outShape[1] {
                    for ox in 0..<outShape[2] {
                        var best = -Float.infinity
                        for dy in 0..<c.window {
                            for dx in 0..<c.window {
                                best = max(best, input[n, ch, oy * c.stride + dy, ox * c.stride + dx])
                            }
                        }
                        #expect(output[n, ch, oy, ox] == best, "output [\(n), \(ch), \(oy), \(ox)]")
                    }
                }
            }
        }
    }

    @Test("gradients agree with finite differences", arguments: PoolCase.all)
    func gradientCheck(_ c: PoolCase) {
        let report = GradientCheck.check(MaxPool2D(window: c.window, stride: c.stride),
                                         input: c.distinctInput(seed: 12))
        #expect(report.passed, "\(report)")
    }

    @Test("backward routes each gradient to its window's maximum only")
    func routesToArgmax() {
        let c = PoolCase.all[0]
        let layer = MaxPool2D(window: 2)
        let input = c.distinctInput(seed: 5)
        let output = layer.forward(input, training: true)
        let upstream = Tensor(shape: output.shape, repeating: 1)
        let gradient = layer.backward(upstream)
        // Non-overlapping windows: exactly one input per window receives 1.
        #expect(gradient.scalars.filter { $0 != 0 }.count == output.count)
        for i in 0..<gradient.count where gradient.scalars[i] != 0 {
            #expect(gradient.scalars[i] == 1)
            #expect(output.scalars.contains(input.scalars[i]), "gradient went to a non-maximum at \(i)")
        }
    }

    @Test("ties go to the first input of the window, as in PyTorch")
    func tiesGoFirst() {
        let layer = MaxPool2D(window: 2)
        let input = Tensor(shape: [1, 1, 2, 2], repeating: 3)
        _ = layer.forward(input, training: true)
        let gradient = layer.backward(Tensor(shape: [1, 1, 1, 1], repeating: 1))
        #expect(gradient.scalars == [1, 0, 0, 0])
    }

    @Test("a window larger than the input is a ShapeError naming the layer and the shape")
    func shapeErrors() {
        let layer = MaxPool2D(window: 3)
        do {
            _ = try layer.outputShape(for: [4, 2, 9])
            Issue.record("a 2×9 input fitted a 3×3 window")
        } catch {
            #expect(error.description.contains("MaxPool2D 3×3"))
            #expect(error.description.contains("4×2×9"))
        }
        #expect(throws: ShapeError.self) { try layer.outputShape(for: [784]) }
        #expect(MaxPool2D.settingsError(window: 0, stride: 1) != nil)
        #expect(MaxPool2D.settingsError(window: 2, stride: 0) != nil)
    }

    @Test("Flatten keeps the values and restores the shape on the way back")
    func flatten() throws {
        let layer = Flatten()
        #expect(try layer.outputShape(for: [16, 7, 7]) == [784])
        let input = GradientCheck.randomTensor(shape: [3, 2, 4, 5], seed: 1)
        let output = layer.forward(input, training: true)
        #expect(output.shape == [3, 40])
        #expect(output.scalars == input.scalars)
        let gradient = layer.backward(GradientCheck.randomTensor(shape: [3, 40], seed: 2))
        #expect(gradient.shape == [3, 2, 4, 5])
    }
}
