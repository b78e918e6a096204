import Testing
@testable import MiniNN

/// The BLAS path must compute exactly the contract the naive loops spell out.
@Suite("Matmul")
struct MatmulTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var m: Int, n: Int, k: Int
        var transposeA: Bool, transposeB: Bool
        var testDescription: String {
            "\(m)×\(n)×\(k) \(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B")"
        }
    }

    static let cases: [Case] = {
        let shapes = [(1, 1, 1), (3, 5, 7), (17, 1, 9), (1, 13, 4), (64, 784, 128), (64, 128, 784)]
        return shapes.flatMap { shape in
            [(false, false), (true, false), (false, true), (true, true)].map { ta, tb in
                Case(m: shape.0, n: shape.1, k: shape.2, transposeA: ta, transposeB: tb)
            }
        }
    }()

    @Test("gemm equals gemmNaive with alpha and nonzero beta", arguments: cases)
    func gemmMatchesNaive(_ c: Case) {
        var generator = SeededGenerator(seed: UInt64(c.m * 1_000_003 + c.n * 1009 + c.k))
        let a = (0..<(c.m * c.k)).map { _ in generator.nextGaussian() }
        let b = (0..<(c.k * c.n)).map { _ in generator.nextGaussian() }
        let start = (0..<(c.m * c.n)).map { _ in generator.nextGaussian() }
        var fast = start, reference = start
        let alpha: Float = 0.75, beta: Float = -1.5
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                fast.withUnsafeMutableBufferPointer { cp in
                    Matmul.gemm(transposeA: c.transposeA, transposeB: c.transposeB, m: c.m, n: c.n, k: c.k,
                                alpha: alpha, a: ap.baseAddress!, b: bp.baseAddress!, beta: beta, c: cp.baseAddress!)
                }
                reference.withUnsafeMutableBufferPointer { cp in
                    Matmul.gemmNaive(transposeA: c.transposeA, transposeB: c.transposeB, m: c.m, n: c.n, k: c.k,
                                     alpha: alpha, a: ap.baseAddress!, b: bp.baseAddress!, beta: beta,
                                     c: cp.baseAddress!)
                }
            }
        }
        // Sums of k products of N(0,1) values: Float rounding grows like √k; the
        // bound scales with the size of the terms, so a wrong element is far outside it.
        let tolerance = 1e-5 * Float(c.k).squareRoot() * 10
        var worst: Float = 0
        for i in fast.indices { worst = max(worst, abs(fast[i] - reference[i])) }
        #expect(worst <= tolerance, "largest difference \(worst)")
        #expect(fast != start, "gemm left C unchanged")
    }

    @Test("multiply of 2-D tensors is the row-by-column product")
    func multiplyTensors() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        // [1 2 3]·[7 9 11]ᵀ = 58, [1 2 3]·[8 10 12]ᵀ = 64, [4 5 6]·… = 139, 154.
        #expect(Matmul.multiply(a, b) == Tensor(shape: [2, 2], scalars: [58, 64, 139, 154]))
    }
}
