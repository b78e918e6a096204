import Foundation

/// The two-dimensional problems of the first lessons.
public enum ToyKind: String, CaseIterable, Sendable, Codable {
    /// Points around the corners of the unit square, labelled x AND y.
    case and
    /// Points around the corners of the unit square, labelled x OR y.
    case or
    /// Points around the corners of the unit square, labelled x XOR y: no line separates them.
    case xor
    /// Two Gaussian clouds that a straight line always separates.
    case blobs
    /// A small circle inside a larger one.
    case circles
    /// Two interleaved spirals.
    case spirals

    /// A reasonable amount of noise for the kind (see ``ToyData/generate(_:count:noise:seed:)``).
    public var defaultNoise: Float {
        switch self {
        case .and, .or, .xor: 0.15
        case .blobs: 0.5
        case .circles: 0.1
        case .spirals: 0.04
        }
    }

    /// Whether one straight line can separate the classes (at any allowed noise).
    public var isLinearlySeparable: Bool {
        switch self {
        case .and, .or, .blobs: true
        case .xor, .circles, .spirals: false
        }
    }

    var displayName: String {
        switch self {
        case .and: "AND"
        case .or: "OR"
        case .xor: "XOR"
        case .blobs: "two blobs"
        case .circles: "circles"
        case .spirals: "two spirals"
        }
    }

    var classNames: [String] {
        switch self {
        case .and, .or, .xor: ["0", "1"]
        case .blobs: ["blob A", "blob B"]
        case .circles: ["inner", "outer"]
        case .spirals: ["spiral A", "spiral B"]
        }
    }
}

/// Generators for the 2-D toy datasets. Every one is deterministic in its
/// seed and balanced: point i goes to corner i mod 4 (the logic gates) or to
/// class i mod 2 (the others), so the counts differ by at most one.
public enum ToyData {
    /// `count` labelled points of `kind` in the plane.
    ///
    /// What `noise` means depends on the kind:
    /// - AND, OR, XOR: points lie uniformly in a disc of radius `noise` around
    ///   their corner of the unit square. The corners sit 0.35 from the AND and
    ///   OR lines, so those stay separable for any noise below 0.35.
    /// - blobs: standard deviation of two Gaussian clouds around (−1, −1) and
    ///   (1, 1). Points closer than 0.1 to the line x + y = 0 (or beyond it)
    ///   are drawn again, so the blobs are separable at any noise.
    /// - circles: standard deviation of Gaussian noise added to points on
    ///   circles of radius 0.5 and 1.
    /// - spirals: standard deviation of Gaussian noise added to points on two
    ///   spirals of 1.75 turns, reaching radius 1.
    ///
    /// Negative or non-finite noise counts as 0.
    public static func generate(_ kind: ToyKind, count: Int = 200, noise: Float? = nil, seed: UInt64) -> Dataset {
        let requested = noise ?? kind.defaultNoise
        let noise = requested.isFinite ? max(0, requested) : 0
        let count = max(0, count)
        var generator = SeededGenerator(seed: seed)
        var points: [Float] = []
        points.reserveCapacity(2 * count)
        var labels: [UInt8] = []
        labels.reserveCapacity(count)

        for index in 0..<count {
            let (x, y, label): (Float, Float, Int)
            switch kind {
            case .and, .or, .xor:
                let corner = index % 4
                let cornerX = Float(corner & 1), cornerY = Float(corner >> 1)
                // Uniform in the disc: the radius goes as the square root.
                let radius = noise * generator.nextUnitFloat().squareRoot()
                let angle = 2 * Float.pi * generator.nextUnitFloat()
                x = cornerX + radius * cos(angle)
                y = cornerY + radius * sin(angle)
                let a = corner & 1 == 1, b = corner >> 1 == 1
                label = switch kind {
                case .and: a && b ? 1 : 0
                case .or: a || b ? 1 : 0
                default: a != b ? 1 : 0
                }
            case .blobs:
                label = index % 2
                let side: Float = label == 0 ? -1 : 1
                var candidate: (Float, Float)
                repeat {
                    candidate = (side + generator.nextGaussian(std: noise), side + generator.nextGaussian(std: noise))
                } while side * (candidate.0 + candidate.1) / Float(2).squareRoot() < 0.1
                (x, y) = candidate
            case .circles:
                label = index % 2
                let radius: Float = label == 0 ? 0.5 : 1
                let angle = 2 * Float.pi * generator.nextUnitFloat()
                x = radius * cos(angle) + generator.nextGaussian(std: noise)
                y = radius * sin(angle) + generator.nextGaussian(std: noise)
            case .spirals:
                label = index % 2
                // Position along the spiral, from near the centre outwards.
                let t = Float(index / 2) / Float(max(1, (count + 1) / 2 - 1))
                let radius = 0.1 + 0.9 * t
                let angle = 1.75 * 2 * Float.pi * t + (label == 0 ? 0 : Float.pi)
                x = radius * cos(angle) + generator.nextGaussian(std: noise)
                y = radius * sin(angle) + generator.nextGaussian(std: noise)
            }
            points.append(x)
            points.append(y)
            labels.append(UInt8(label))
        }
        return Dataset(name: kind.displayName, itemShape: [2], classNames: kind.classNames,
                       features: .float(points), labels: labels)
    }
}
