import Foundation

/// The one source of randomness in MiniNN: xoshiro256** seeded through SplitMix64.
///
/// Everything random (initial weights, dropout masks, epoch order, toy data)
/// draws from a `SeededGenerator` built from an explicit seed, so the same
/// seed gives the same run, bit for bit, on the same machine. The algorithms
/// here (shuffle, Gaussian, float conversion) are spelled out instead of using
/// the standard library's, whose exact draws are not promised across releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// The second value of the last Box–Muller pair, handed out on the next call.
    private var spareGaussian: Float?

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        // SplitMix64 spreads any seed (0 included) over the 256-bit state,
        // which xoshiro needs to be not all zero.
        var splitMix = seed
        s0 = SeededGenerator.splitMix64(&splitMix)
        s1 = SeededGenerator.splitMix64(&splitMix)
        s2 = SeededGenerator.splitMix64(&splitMix)
        s3 = SeededGenerator.splitMix64(&splitMix)
    }

    /// A generator for one independent purpose within a seeded run, e.g.
    /// `SeededGenerator(seed: seed, stream: layerIndex)`.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SeededGenerator.derive(seed, stream))
    }

    /// Mixes a seed and a stream number into a new seed, so that the layers of
    /// one model (or the shuffle and the weights) do not share a stream.
    public static func derive(_ seed: UInt64, _ stream: UInt64) -> UInt64 {
        var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = splitMix64(&state)
        return splitMix64(&state)
    }

    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable
    public mutating func next() -> UInt64 { nextBits() }

    @usableFromInline
    mutating func nextBits() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform Float in [0, 1) with 24 random bits (every value exactly representable).
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(nextBits() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(nextBits() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform Float in `range` (lower bound included, upper excluded up to rounding).
    public mutating func nextFloat(in range: Range<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnitFloat()
    }

    /// A sample from the normal distribution N(mean, std²) (Box–Muller, in Double).
    public mutating func nextGaussian(mean: Float = 0, std: Float = 1) -> Float {
        if let spare = spareGaussian {
            spareGaussian = nil
            return mean + std * spare
        }
        // 1 − u keeps the logarithm's argument in (0, 1].
        let u1 = 1 - nextUnitDouble()
        let u2 = nextUnitDouble()
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareGaussian = Float(radius * Foundation.sin(angle))
        return mean + std * Float(radius * Foundation.cos(angle))
    }

    /// A uniform integer in `0..<bound` (Lemire's unbiased multiply-shift); `bound` > 0.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound, got \(bound)")
        let range = UInt64(bound)
        var product = nextBits().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = nextBits().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `array` in place (Fisher–Yates, from the back).
    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = nextIndex(below: i + 1)
            array.swapAt(i, j)
            i -= 1
        }
    }

    /// `0..<count` in a random order.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<max(0, count))
        shuffle(&order)
        return order
    }
}
