import Foundation
import Lessons
import Testing
@testable import MiniNN

/// A drawing is boxed and centred as MNIST's digits were before a network
/// trained on MNIST reads it.
@Suite("Digit preprocessing")
struct DigitPreprocessingTests {
    /// Ink bounds and centre of mass of 28×28 bytes.
    static func measure(_ field: [UInt8]) -> (width: Int, height: Int, centreX: Double, centreY: Double) {
        var minX = 28, maxX = -1, minY = 28, maxY = -1
        var mass = 0.0, sumX = 0.0, sumY = 0.0
        for y in 0..<28 {
            for x in 0..<28 where field[y * 28 + x] > 0 {
                let value = Double(field[y * 28 + x])
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                mass += value; sumX += value * (Double(x) + 0.5); sumY += value * (Double(y) + 0.5)
            }
        }
        return (maxX - minX + 1, maxY - minY + 1, sumX / mass, sumY / mass)
    }

    @Test("a small digit in a corner is fitted into 20×20, keeping its shape, its centre of mass at the centre")
    func boxesAndCentres() {
        // A 6-wide, 9-tall L in the top left of a 40×40 drawing.
        var drawing = [Float](repeating: 0, count: 40 * 40)
        for y in 2..<11 { drawing[y * 40 + 3] = 1 }
        for x in 3..<9 { drawing[10 * 40 + x] = 1 }
        let field = DigitPreprocessing.mnistLike(drawing, width: 40, height: 40)
        let measured = Self.measure(field)
        #expect(measured.height == 20, "the taller side fills the box: \(measured)")
        #expect(abs(Double(measured.width) - 20.0 * 6 / 9) <= 1, "the aspect ratio stays: \(measured)")
        #expect(abs(measured.centreX - 14.5) <= 0.5 && abs(measured.centreY - 14.5) <= 0.5, "MNIST's centre, pixel 14: \(measured)")
    }

    @Test("a blank drawing stays blank; a wrong size is blank, not a trap")
    func blank() {
        #expect(DigitPreprocessing.mnistLike([Float](repeating: 0, count: 784), width: 28, height: 28).allSatisfy { $0 == 0 })
        #expect(DigitPreprocessing.mnistLike([1, 1, 1], width: 28, height: 28).allSatisfy { $0 == 0 })
        #expect(DigitPreprocessing.mnistLike([], width: 0, height: 0).count == 784)
    }

    /// A test digit scaled by `scale` about the centre and moved by (dx, dy), bilinear.
    static func moved(_ digit: ArraySlice<UInt8>, scale: Double, dx: Double, dy: Double) -> [Float] {
        let source = digit.map { Double($0) / 255 }
        func pixel(_ x: Int, _ y: Int) -> Double { (0..<28).contains(x) && (0..<28).contains(y) ? source[y * 28 + x] : 0 }
        var out = [Float](repeating: 0, count: 784)
        for y in 0..<28 {
            for x in 0..<28 {
                let u = (Double(x) + 0.5 - 14 - dx) / scale + 14 - 0.5, v = (Double(y) + 0.5 - 14 - dy) / scale + 14 - 0.5
                let x0 = Int(u.rounded(.down)), y0 = Int(v.rounded(.down)), fx = u - Double(x0), fy = v - Double(y0)
                let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
                let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
                out[y * 28 + x] = Float(top * (1 - fy) + bottom * fy)
            }
        }
        return out
    }

    @Test("moved and shrunk test digits: the MLP's accuracy drops over 10 points raw, and comes back within 1 preprocessed")
    func preprocessingUndoesShiftAndScale() throws {
        let recipe = try #require(RecipeCatalog.recipe(named: "mnist-mlp"))
        let datasets = try recipe.data.load(locator: .standard, seed: 1)
        let trainer = try recipe.makeTrainer(datasets: datasets, epochs: 1)
        _ = trainer.train(epochs: 1)
        let test = try #require(datasets.test)
        guard case .bytes(let bytes) = test.features else { Issue.record("MNIST is not bytes"); return }
        let count = 2_000
        var generator = SeededGenerator(seed: 7)
        var raw: [UInt8] = [], fixed: [UInt8] = []
        for index in 0..<count {
            let scale = Double.random(in: 0.8...1.0, using: &generator)
            let room = 13 - 10 * scale
            let moved = Self.moved(bytes[(index * 784)..<((index + 1) * 784)], scale: scale,
                                   dx: Double.random(in: -room...room, using: &generator),
                                   dy: Double.random(in: -room...room, using: &generator))
            raw += moved.map { UInt8((min(1, max(0, $0)) * 255).rounded()) }
            fixed += DigitPreprocessing.mnistLike(moved, width: 28, height: 28)
        }
        let labels = Array(test.labels.prefix(count))
        func accuracy(_ pixels: [UInt8]) -> Double {
            let data = Dataset(name: "moved", itemShape: test.itemShape, classNames: test.classNames, features: .bytes(pixels),
                               labels: labels, normalization: test.normalization)
            return Double(trainer.evaluate(data).accuracy) * 100
        }
        let original = accuracy(Array(bytes.prefix(count * 784)))
        let originalPreprocessed = accuracy((0..<count).flatMap { index in
            DigitPreprocessing.mnistLike(bytes[(index * 784)..<((index + 1) * 784)].map { Float($0) / 255 }, width: 28, height: 28)
        })
        let moved = accuracy(raw), preprocessed = accuracy(fixed)
        print(String(format: "mnist-mlp, 1 epoch, %d test digits: original %.1f%% (preprocessed %.1f%%), "
                     + "moved %.1f%%, moved then preprocessed %.1f%%", count, original, originalPreprocessed, moved, preprocessed))
        #expect(abs(originalPreprocessed - original) <= 0.5, "MNIST's own digits are already boxed and centred")
        #expect(original - moved >= 10, "the moves should hurt the raw accuracy by 10 points or more")
        #expect(abs(preprocessed - original) <= 1, "preprocessing should bring it back within a point")
    }
}
