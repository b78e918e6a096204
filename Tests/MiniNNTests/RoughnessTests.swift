import Testing
@testable import MiniNN

@Suite("Roughness and the first layer's init scale")
struct RoughnessTests {
    static func noise(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in generator.nextGaussian() }
    }

    @Test("white noise scores about 1, a smooth ramp far less, a checkerboard 2")
    func scale() throws {
        let white = try #require(Roughness.roughness(Self.noise(64 * 64, seed: 3), rows: 64, columns: 64))
        #expect(abs(white - 1) < 0.05, "white noise: \(white)")
        // A gentle diagonal ramp: neighbours differ by a little, the spread is large.
        let ramp = (0..<25).map { Float($0 / 5 + $0 % 5) }
        let smooth = try #require(Roughness.roughness(ramp, rows: 5, columns: 5))
        #expect(smooth < 0.3, "ramp: \(smooth)")
        let checker = (0..<16).map { Float(($0 / 4 + $0 % 4) % 2 == 0 ? 1 : -1) }
        #expect(Roughness.roughness(checker, rows: 4, columns: 4) == 2)
        // A constant offset changes nothing: the mean is removed.
        let shifted = ramp.map { $0 + 100 }
        #expect(abs((Roughness.roughness(shifted, rows: 5, columns: 5) ?? 9) - smooth) < 1e-3)
    }

    @Test("flat patches are left out of the mean and counted")
    func flatPatches() {
        let rough = Self.noise(25, seed: 1)
        let flat = [Float](repeating: 0.3, count: 25)
        let measured = Roughness(patches: [rough, flat, rough], rows: 5, columns: 5)
        #expect(measured.flatCount == 1)
        #expect(measured.values[1] == nil)
        #expect(measured.mean == Roughness.roughness(rough, rows: 5, columns: 5))
        #expect(Roughness(patches: [flat], rows: 5, columns: 5).mean == nil)
    }

    @Test("He ×0.1 on the first layer only: a tenth of the deviation, still noise, and reset keeps it")
    func scaledInit() throws {
        let layers: [LayerSpec] = [
            .conv2d(inChannels: 1, outChannels: 8, kernelSize: 5, stride: 1, padding: 2), .activation(.relu),
            .flatten, .dense(inputs: 8 * 28 * 28, outputs: 10),
        ]
        let plain = try ModelBuilder.build(ModelSpec(inputShape: [1, 28, 28], layers: layers, loss: .softmaxCrossEntropy), seed: 4)
        let small = try ModelBuilder.build(ModelSpec(inputShape: [1, 28, 28], layers: layers, loss: .softmaxCrossEntropy,
                                                     firstLayerInitScale: 0.1), seed: 4)
        let plainConv = try #require(plain.layers[0] as? Conv2D), smallConv = try #require(small.layers[0] as? Conv2D)
        for (a, b) in zip(plainConv.weight.value.scalars, smallConv.weight.value.scalars) {
            #expect(abs(a * 0.1 - b) < 1e-7)
        }
        // The later layer is untouched.
        #expect((plain.layers[3] as? Dense)?.weight.value == (small.layers[3] as? Dense)?.weight.value)
        let roughness = try #require(small.firstLayerRoughness()?.mean)
        #expect(roughness > 0.8, "a scaled random start is still noise: \(roughness)")
        let before = smallConv.weight.value
        ModelBuilder.initialize(small, seed: 4)
        #expect(smallConv.weight.value == before)
    }

    @Test("an init scale that is not a positive number is refused, naming it", arguments: [Float(0), -1, .nan, .infinity])
    func badScale(_ scale: Float) {
        let spec = ModelSpec(inputShape: [4], layers: [.dense(inputs: 4, outputs: 2)], loss: .softmaxCrossEntropy,
                             firstLayerInitScale: scale)
        #expect(throws: ModelBuildError.self) { try ModelBuilder.build(spec, seed: 1) }
    }

    @Test("a dense layer's pictures are cropped to their centre")
    func denseCentre() throws {
        let model = try ModelBuilder.build(ModelSpec(inputShape: [784], layers: [.dense(inputs: 784, outputs: 3)],
                                                     loss: .softmaxCrossEntropy), seed: 2)
        let dense = try #require(model.layers[0] as? Dense)
        // Make unit 0 smooth inside the centre 20×20 and wild on the border.
        for pixel in 0..<784 {
            let (y, x) = (pixel / 28, pixel % 28)
            let inside = (4..<24).contains(y) && (4..<24).contains(x)
            dense.weight.value.scalars[pixel] = inside ? Float(x + y) : (pixel % 2 == 0 ? 50 : -50)
        }
        let centre = try #require(model.firstLayerRoughness(centre: 20))
        let whole = try #require(model.firstLayerRoughness())
        #expect(centre.values.count == 3)
        #expect((centre.values[0] ?? 1) < 0.1)
        #expect((whole.values[0] ?? 0) > 0.5)
    }
}
