/// A vector of 2·L floats from one input row, whose even and odd lanes are
/// the left and right inputs of L side-by-side 2×2 windows. The one 2×2
/// pooling body, ``poolBlock``, is written once for any width; MaxPool2D
/// uses it 8 wide (SIMD16 rows) and 4 wide (SIMD8 rows, for 14-pixel maps).
protocol PoolingLanes: SIMD where Scalar == Float {
    associatedtype Half: SIMD where Half.Scalar == Float
    associatedtype HalfIndices: SIMD where HalfIndices.Scalar == Int32
    var evenHalf: Half { get }
    var oddHalf: Half { get }
    /// 0, 2, 4, …: each output's left input, relative to the block's first.
    static var leftInputs: HalfIndices { get }
}

extension SIMD16: PoolingLanes where Scalar == Float {
    static var leftInputs: SIMD8<Int32> { SIMD8(0, 2, 4, 6, 8, 10, 12, 14) }
}

extension SIMD8: PoolingLanes where Scalar == Float {
    static var leftInputs: SIMD4<Int32> { SIMD4(0, 2, 4, 6) }
}

extension PoolingLanes {
    /// Pools the L windows whose outputs start at `ox` of a row pair (`top`
    /// and `bottom`, `pitch` floats apart) with SIMD selects: no branches to
    /// mispredict, and the first candidate in row-major order wins ties, as
    /// in the general loop. Which candidate won is tracked in a float vector
    /// too, so every select uses the float comparison's own mask: 2²³ +
    /// offset (0, 1, pitch, pitch + 1), whose bit pattern is 0x4B000000 +
    /// offset, so a bit cast recovers the offset.
    @inline(__always)
    static func poolBlock(top: UnsafePointer<Float>, bottom: UnsafePointer<Float>, pitch: Int, at ox: Int,
                          into target: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>?,
                          rowIndex: Int) {
        let exponent: Float = 8_388_608, exponentBits: Int32 = 0x4B00_0000
        let upper = UnsafeRawPointer(top + 2 * ox).loadUnaligned(as: Self.self)
        let lower = UnsafeRawPointer(bottom + 2 * ox).loadUnaligned(as: Self.self)
        var best = upper.evenHalf, code = Half(repeating: exponent)
        var wins = upper.oddHalf .> best
        best.replace(with: upper.oddHalf, where: wins)
        code.replace(with: exponent + 1, where: wins)
        wins = lower.evenHalf .> best
        best.replace(with: lower.evenHalf, where: wins)
        code.replace(with: exponent + Float(pitch), where: wins)
        wins = lower.oddHalf .> best
        best.replace(with: lower.oddHalf, where: wins)
        code.replace(with: exponent + Float(pitch + 1), where: wins)
        UnsafeMutableRawPointer(target + ox).storeBytes(of: best, as: Half.self)
        if let winners {
            let index = (leftInputs &+ Int32(truncatingIfNeeded: rowIndex + 2 * ox))
                &+ (unsafeBitCast(code, to: HalfIndices.self) &- exponentBits)
            UnsafeMutableRawPointer(winners + ox).storeBytes(of: index, as: HalfIndices.self)
        }
    }
}
