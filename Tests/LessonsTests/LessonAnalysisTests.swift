import MiniNN
import Testing
@testable import Lessons

/// Lesson 7's hand-made convolutions and arithmetic, lesson 9's threshold logic.
@Suite("Lesson analysis: convolution by hand, confidence thresholds")
struct LessonAnalysisTests {
    // MARK: Lesson 7

    @Test("output size ⌊(n + 2p − k)/s⌋ + 1", arguments: [
        (28, 3, 1, 0, 26), (28, 3, 1, 1, 28), (28, 3, 2, 0, 13), (28, 3, 2, 1, 14), (28, 5, 1, 2, 28),
        (7, 3, 3, 0, 2), (2, 3, 1, 0, 0), (28, 3, 0, 0, 0),
    ])
    func outputSize(_ n: Int, _ k: Int, _ s: Int, _ p: Int, _ expected: Int) {
        #expect(ConvArithmetic.outputSize(input: n, kernel: k, stride: s, padding: p) == expected)
    }

    @Test("parameter counts: eight 3×3 kernels vs. a dense layer of the same outputs")
    func parameterCounts() throws {
        #expect(ConvArithmetic.convParameters(inChannels: 1, outChannels: 8, kernel: 3) == 80)
        #expect(ConvArithmetic.denseParameters(inputs: 784, outputs: 8 * 26 * 26) == 4_245_280)
        // The formulas agree with MiniNN's layers.
        let conv = try ModelBuilder.build(ModelSpec(inputShape: [8, 14, 14],
            layers: [.conv2d(inChannels: 8, outChannels: 16, kernelSize: 5, stride: 1, padding: 2)],
            loss: .meanSquaredError), seed: 1)
        #expect(conv.parameterCount == ConvArithmetic.convParameters(inChannels: 8, outChannels: 16, kernel: 5))
    }

    /// A 6×6 image: 0 in the left half, 1 in the right half.
    static let stepImage: [Float] = (0..<36).map { $0 % 6 >= 3 ? 1 : 0 }

    @Test("the vertical-edge kernel answers 3 where ink starts and 0 on flat areas")
    func verticalEdge() throws {
        let result = try #require(HandConvolution(kernel: .verticalEdge, image: Self.stepImage, height: 6, width: 6,
                                                  stride: 1, padding: 0))
        #expect(result.height == 4 && result.width == 4)
        for y in 0..<4 {
            // Windows start at columns 0…3: the ones straddling the step (1 and 2) see it.
            #expect([result[y, 0], result[y, 1], result[y, 2], result[y, 3]] == [0, 3, 3, 0])
        }
        let horizontal = try #require(HandConvolution(kernel: .horizontalEdge, image: Self.stepImage, height: 6,
                                                      width: 6, stride: 1, padding: 0))
        #expect(horizontal.values.allSatisfy { $0 == 0 }, "a vertical step has no horizontal edge")
    }

    @Test("sharpen keeps flat areas and exaggerates a lone dot; identity copies")
    func sharpenAndIdentity() throws {
        let flat = [Float](repeating: 0.5, count: 25)
        let sharpened = try #require(HandConvolution(kernel: .sharpen, image: flat, height: 5, width: 5,
                                                     stride: 1, padding: 0))
        #expect(sharpened.values.allSatisfy { abs($0 - 0.5) < 1e-6 })
        var dot = [Float](repeating: 0, count: 25)
        dot[12] = 1
        let peak = try #require(HandConvolution(kernel: .sharpen, image: dot, height: 5, width: 5,
                                                stride: 1, padding: 1))
        #expect(peak[2, 2] == 5 && peak[1, 2] == -1 && peak[0, 0] == 0)
        let copy = try #require(HandConvolution(kernel: .identity, image: dot, height: 5, width: 5,
                                                stride: 1, padding: 1))
        #expect(copy.values == dot)
    }

    @Test("every stride and padding the lesson offers gives the size the formula says",
          arguments: [1, 2, 3], [0, 1, 2])
    func sizesMatchFormula(_ stride: Int, _ padding: Int) throws {
        let image = (0..<784).map { Float($0 % 28) / 28 }
        let result = try #require(HandConvolution(kernel: .blur, image: image, height: 28, width: 28,
                                                  stride: stride, padding: padding))
        let side = ConvArithmetic.outputSize(input: 28, kernel: 3, stride: stride, padding: padding)
        #expect(result.height == side && result.width == side)
        #expect(result.values.count == side * side)
    }

    @Test("settings that cannot convolve give nil instead of trapping")
    func badSettings() {
        #expect(HandConvolution(kernel: .blur, image: [1, 2, 3], height: 2, width: 2, stride: 1, padding: 0) == nil)
        #expect(HandConvolution(kernel: .blur, image: [Float](repeating: 0, count: 4), height: 2, width: 2,
                                stride: 1, padding: 0) == nil)
        #expect(HandConvolution(kernel: .blur, image: [Float](repeating: 0, count: 9), height: 3, width: 3,
                                stride: 0, padding: 0) == nil)
        #expect(HandConvolution(kernel: .blur, image: [Float](repeating: 0, count: 9), height: 3, width: 3,
                                stride: 1, padding: 3) == nil)
    }

    // MARK: Lesson 9

    static let examples: [ClassifiedExample] = [
        ClassifiedExample(index: 0, label: 1, predicted: 1, confidence: 0.99),
        ClassifiedExample(index: 1, label: 2, predicted: 7, confidence: 0.97),
        ClassifiedExample(index: 2, label: 3, predicted: 3, confidence: 0.80),
        ClassifiedExample(index: 3, label: 4, predicted: 9, confidence: 0.60),
        ClassifiedExample(index: 4, label: 5, predicted: 5, confidence: 0.55),
        ClassifiedExample(index: 5, label: 6, predicted: 0, confidence: 0.97),
    ]

    @Test("a threshold answers only confident examples and counts right answers among them")
    func thresholdReport() {
        let all = ConfidenceAnalysis.report(Self.examples, threshold: 0)
        #expect(all.answered == 6 && all.correct == 3 && all.notSure == 0)
        let strict = ConfidenceAnalysis.report(Self.examples, threshold: 0.8)
        #expect(strict.answered == 4 && strict.correct == 2 && strict.notSure == 2)
        #expect(strict.coverage == 4.0 / 6.0 && strict.accuracy == 0.5)
        let none = ConfidenceAnalysis.report(Self.examples, threshold: 0.999)
        #expect(none.answered == 0 && none.accuracy == 1 && none.coverage == 0)
        #expect(ConfidenceAnalysis.report([], threshold: 0.5).coverage == 0)
    }

    @Test("the most confident mistakes come first, ties in data order")
    func confidentMistakes() {
        let worst = ConfidenceAnalysis.mostConfidentMistakes(Self.examples, limit: 2)
        #expect(worst.map(\.index) == [1, 5])
        #expect(ConfidenceAnalysis.mostConfidentMistakes(Self.examples, limit: 10).map(\.index) == [1, 5, 3])
        #expect(ConfidenceAnalysis.mostConfidentMistakes(Self.examples, limit: -1).isEmpty)
    }

    @Test("a prediction is the most probable class with its probability")
    func predictionFromProbabilities() {
        let example = ClassifiedExample(index: 7, label: 2, probabilities: [0.1, 0.2, 0.6, 0.1])
        #expect(example.predicted == 2 && example.confidence == 0.6 && example.isCorrect)
        let tie = ClassifiedExample(index: 0, label: 0, probabilities: [0.5, 0.5])
        #expect(tie.predicted == 0)
        #expect(ModelProbes.probabilitiesOf([0.25]) == [0.75, 0.25])
        let softmax = ModelProbes.probabilitiesOf([1, 1, 1])
        #expect(softmax.allSatisfy { abs($0 - 1.0 / 3) < 1e-6 })
    }
}
