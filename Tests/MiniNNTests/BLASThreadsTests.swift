import Dispatch
import Synchronization
import Testing
@testable import MiniNN

/// OpenBLAS's thread count is one setting for the process: two models that
/// want different counts, training at once (tests in parallel, a race of
/// runners), must never change it under each other's products.
@Suite("OpenBLAS thread count")
struct BLASThreadsTests {
    @Test("a pass keeps its thread count while a model wanting another count runs beside it")
    func aPassKeepsItsCount() {
        let n = 96
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        let counts = [1, 2]
        let seen = (0..<counts.count).map { _ in LockedCounts() }
        DispatchQueue.concurrentPerform(iterations: counts.count) { runner in
            var c = [Float](repeating: 0, count: n * n)
            for _ in 0..<300 {
                Matmul.withBLASThreads(counts[runner]) {
                    for _ in 0..<3 {
                        seen[runner].insert(Matmul.blasThreadCount)
                        Matmul.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n,
                                    a: a, b: b, c: &c)
                    }
                    seen[runner].insert(Matmul.blasThreadCount)
                }
            }
        }
        for runner in counts.indices {
            // One value per runner: what it asked for (or what OpenBLAS allows on this machine).
            #expect(seen[runner].values.count == 1,
                    "runner wanting \(counts[runner]) thread(s) saw the count change to \(seen[runner].values.sorted())")
        }
    }

    @Test("nesting the same count does not wait for itself")
    func nestingTheSameCount() {
        let inner = Matmul.withBLASThreads(1) { Matmul.withBLASThreads(1) { Matmul.blasThreadCount } }
        #expect(inner == 1)
    }
}

/// The thread counts one runner saw.
private final class LockedCounts: Sendable {
    private let counts = Mutex<Set<Int>>([])
    func insert(_ value: Int) { counts.withLock { _ = $0.insert(value) } }
    var values: Set<Int> { counts.withLock { $0 } }
}
