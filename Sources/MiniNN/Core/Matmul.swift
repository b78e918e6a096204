import COpenBLAS

/// Every matrix product in MiniNN goes through this file.
///
/// `gemm` computes C = alpha · op(A) · op(B) + beta · C on row-major buffers,
/// where op(X) is X or Xᵀ. A is m×k after op, B is k×n after op, C is m×n.
/// `gemmNaive` is the reference the tests hold the BLAS path to.
public enum Matmul {
    /// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, through `cblas_sgemm`.
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil,
        b: UnsafePointer<Float>, ldb: Int? = nil,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int? = nil
    ) {
        withCurrentBLASThreads {
            gemmHoldingThreads(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                               a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// ``gemm`` for a caller that already holds OpenBLAS's thread count: inside
    /// ``withBLASThreads(_:_:)`` or ``withCurrentBLASThreads(_:)``, on this
    /// thread or on one that waits for this one to finish (a batch loop's
    /// workers). A convolution makes thousands of small products per batch;
    /// taking the shared gate for each one cost 10–15% of a step.
    @inlinable
    static func gemmHoldingThreads(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil,
        b: UnsafePointer<Float>, ldb: Int? = nil,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int? = nil
    ) {
        let lda = lda ?? (transposeA ? m : k)
        let ldb = ldb ?? (transposeB ? k : n)
        let ldc = ldc ?? n
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }

    /// The same contract as ``gemm`` with three plain loops: slow, obviously right.
    public static func gemmNaive(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil,
        b: UnsafePointer<Float>, ldb: Int? = nil,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int? = nil
    ) {
        let lda = lda ?? (transposeA ? m : k)
        let ldb = ldb ?? (transposeB ? k : n)
        let ldc = ldc ?? n
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    let aValue = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let bValue = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += aValue * bValue
                }
                let old = beta == 0 ? 0 : beta * c[i * ldc + j]
                c[i * ldc + j] = alpha * sum + old
            }
        }
    }

    /// C = A · B for 2-D tensors (convenience for tests and small code paths).
    public static func multiply(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2 && a.shape[1] == b.shape[0],
                     "cannot multiply \(a.shape) by \(b.shape)")
        let m = a.shape[0], k = a.shape[1], n = b.shape[1]
        var c = Tensor(shape: [m, n])
        a.scalars.withUnsafeBufferPointer { ap in
            b.scalars.withUnsafeBufferPointer { bp in
                c.scalars.withUnsafeMutableBufferPointer { cp in
                    gemm(transposeA: false, transposeB: false, m: m, n: n, k: k,
                         a: ap.baseAddress!, b: bp.baseAddress!, c: cp.baseAddress!)
                }
            }
        }
        return c
    }
}
