import MiniNN
import Testing
@testable import Lessons

/// The numbers lessons 7 and 8 state, against what the code computes.
@Suite("Lessons 7 and 8: sizes and counts")
struct Lesson07And08Tests {
    @Test("lesson 7: 28 with k 3 gives 26, padding 1 keeps 28, stride 2 gives 13 and with padding 1 14")
    func convolutionSizes() {
        #expect(ConvArithmetic.outputSize(input: 28, kernel: 3, stride: 1, padding: 0) == 26)
        #expect(ConvArithmetic.outputSize(input: 28, kernel: 3, stride: 1, padding: 1) == 28)
        #expect(ConvArithmetic.outputSize(input: 28, kernel: 3, stride: 2, padding: 0) == 13)
        #expect(ConvArithmetic.outputSize(input: 28, kernel: 3, stride: 2, padding: 1) == 14)
        let text = Course.convolution.text
        #expect(text.contains("that is 26; padding 1 keeps it 28; stride 2 halves it"))
        #expect(Course.convolution.experiments.contains { $0.expectation.contains("13×13") && $0.expectation.contains("14×14") })
        #expect(text.contains("cost 80 parameters") && text.contains("784 · 5,408 + 5,408, over four million"))
        #expect(ConvArithmetic.denseParameters(inputs: 784, outputs: 8 * 26 * 26) > 4_000_000)
    }

    @Test("lesson 7 on a real digit: the vertical edge and sharpen leave blank paper at 0; the edge is signed")
    func handKernelsOnADigit() throws {
        let test = try DatasetCache.shared.mnist(locator: .standard).test
        guard case .bytes(let bytes) = test.features else { Issue.record("MNIST is not bytes"); return }
        let image = bytes[0..<784].map { Float($0) / 255 }
        for kernel in [HandKernel.verticalEdge, .sharpen] {
            let out = try #require(HandConvolution(kernel: kernel, image: image, height: 28, width: 28, stride: 1, padding: 0))
            // The top-left 5×5 of a centred digit is blank paper.
            #expect((0..<5).allSatisfy { y in (0..<5).allSatisfy { x in out.values[y * out.width + x] == 0 } }, "\(kernel)")
            if kernel == .verticalEdge {
                #expect(out.values.contains { $0 > 1 } && out.values.contains { $0 < -1 }, "strongly positive on one side, negative on the other")
                // "Where ink starts on the right, a strong positive response; where ink ends, a strong negative one."
                for y in 0..<out.height { for x in 0..<out.width where abs(out.values[y * out.width + x]) > 1 {
                    let column = { (dx: Int) in (0..<3).reduce(Float(0)) { $0 + image[(y + $1) * 28 + x + dx] } }
                    let starts = column(2) > column(0)
                    #expect(starts == (out.values[y * out.width + x] > 0), "at (\(x), \(y))")
                } }
            }
        }
    }

    @Test("lesson 8: 28×28 maps after the first conv, 14×14 after pooling, 16 maps of 7×7 = 784 into the dense layer")
    func convnetShapes() throws {
        let model = try ModelBuilder.build(ModelSpec.lessonConvnet, seed: 1)
        let shapes = model.shapes
        #expect(shapes.contains([8, 28, 28]) && shapes.contains([8, 14, 14]) && shapes.contains([16, 7, 7]), "\(shapes)")
        let mlp = try ModelBuilder.build(try #require(Course.mnistMLP.model).spec, seed: 1)
        let ratio = Double(mlp.parameterCount) / Double(model.parameterCount)
        #expect((6.5...7.5).contains(ratio), "seven times fewer: \(ratio)")
        #expect(Course.convnet.text.contains("seven times fewer"))
    }
}
