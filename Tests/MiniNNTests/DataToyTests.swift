import Testing
@testable import MiniNN

@Suite("Toy 2-D datasets")
struct DataToyTests {
    private func points(_ dataset: Dataset) -> [(x: Float, y: Float, label: UInt8)] {
        guard case .float(let values) = dataset.features else { return [] }
        return dataset.labels.indices.map { (values[2 * $0], values[2 * $0 + 1], dataset.labels[$0]) }
    }

    @Test("the same seed gives the same points; another seed other points", arguments: ToyKind.allCases)
    func deterministic(kind: ToyKind) {
        let first = ToyData.generate(kind, count: 101, seed: 5)
        let again = ToyData.generate(kind, count: 101, seed: 5)
        let other = ToyData.generate(kind, count: 101, seed: 6)
        guard case .float(let a) = first.features, case .float(let b) = again.features,
              case .float(let c) = other.features else {
            Issue.record("toy features should be floats")
            return
        }
        #expect(a == b)
        #expect(first.labels == again.labels)
        #expect(a != c)
        #expect(a.count == 2 * 101 && first.count == 101)
        #expect(first.itemShape == [2] && first.classCount == 2)
        #expect(a.allSatisfy { $0.isFinite })
    }

    @Test("two-class problems are balanced within one point", arguments: [ToyKind.xor, .blobs, .circles, .spirals])
    func balanced(kind: ToyKind) {
        for count in [200, 201] {
            let counts = ToyData.generate(kind, count: count, seed: 1).classCounts
            #expect(counts.reduce(0, +) == count)
            #expect(abs(counts[0] - counts[1]) <= 1)
        }
    }

    @Test("each corner of the square gets a quarter of the points", arguments: [ToyKind.and, .or, .xor])
    func cornersBalanced(kind: ToyKind) {
        var perCorner = [0, 0, 0, 0]
        for point in points(ToyData.generate(kind, count: 200, noise: 0.2, seed: 3)) {
            perCorner[Int(point.x.rounded()) + 2 * Int(point.y.rounded())] += 1
        }
        #expect(perCorner == [50, 50, 50, 50])
    }

    @Test("gate labels follow their truth table", arguments: [ToyKind.and, .or, .xor])
    func truthTables(kind: ToyKind) {
        for point in points(ToyData.generate(kind, count: 80, noise: 0.3, seed: 9)) {
            let a = point.x.rounded() == 1, b = point.y.rounded() == 1
            let expected = switch kind {
            case .and: a && b
            case .or: a || b
            default: a != b
            }
            #expect(point.label == (expected ? 1 : 0))
        }
    }

    @Test("zero noise puts gate points exactly on the corners")
    func zeroNoise() {
        for point in points(ToyData.generate(.xor, count: 8, noise: 0, seed: 2)) {
            #expect((point.x == 0 || point.x == 1) && (point.y == 0 || point.y == 1))
        }
    }

    @Test("AND, OR and blobs stay linearly separable at the largest promised noise")
    func separable() {
        // AND: x + y = 1.5; OR: x + y = 0.5; blobs: x + y = 0.
        let cases: [(ToyKind, Float, Float)] = [(.and, 0.34, 1.5), (.or, 0.34, 0.5), (.blobs, 3, 0)]
        for (kind, noise, threshold) in cases {
            for seed: UInt64 in 1...5 {
                for point in points(ToyData.generate(kind, count: 400, noise: noise, seed: seed)) {
                    #expect((point.x + point.y > threshold) == (point.label == 1), "\(kind) seed \(seed)")
                }
            }
        }
    }

    @Test("circles: the inner class lies closer to the centre")
    func circles() {
        let all = points(ToyData.generate(.circles, count: 400, noise: 0.05, seed: 4))
        func meanRadius(_ label: UInt8) -> Float {
            let radii = all.filter { $0.label == label }.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }
            return radii.reduce(0, +) / Float(radii.count)
        }
        #expect(abs(meanRadius(0) - 0.5) < 0.05)
        #expect(abs(meanRadius(1) - 1) < 0.05)
    }

    @Test("spirals: the two arms are point reflections of each other without noise")
    func spirals() {
        let all = points(ToyData.generate(.spirals, count: 100, noise: 0, seed: 4))
        for pair in stride(from: 0, to: all.count, by: 2) {
            #expect(abs(all[pair].x + all[pair + 1].x) < 1e-5)
            #expect(abs(all[pair].y + all[pair + 1].y) < 1e-5)
            #expect(all[pair].label == 0 && all[pair + 1].label == 1)
        }
    }

    @Test("negative or non-finite noise counts as none", arguments: [Float(-1), .nan, .infinity])
    func badNoise(noise: Float) {
        let noisy = ToyData.generate(.xor, count: 12, noise: noise, seed: 1)
        let clean = ToyData.generate(.xor, count: 12, noise: 0, seed: 1)
        guard case .float(let a) = noisy.features, case .float(let b) = clean.features else { return }
        #expect(a == b)
    }
}
