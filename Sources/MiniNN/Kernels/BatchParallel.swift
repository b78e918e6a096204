import COpenBLAS
import Foundation

/// Splits the items of a batch across the machine's cores.
///
/// The convolution GEMMs of a small convnet are skinny (8 or 16 rows), so
/// letting OpenBLAS split each one across threads mostly buys synchronisation.
/// Instead every worker takes a contiguous slice of the batch and runs its
/// products on one BLAS thread; the BLAS thread count is restored afterwards
/// so layers that prefer a threaded GEMM (large dense products) keep it.
public enum BatchParallel {
    /// How many workers a batch is split across: the active cores.
    public static let workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body(worker, items)` for up to ``workerCount`` contiguous,
    /// non-empty slices of `0..<itemCount`, concurrently when there is more
    /// than one. Worker indices are distinct, so each can own a scratch buffer.
    ///
    /// - Parameter minimumItemsPerWorker: below this many items per slice the
    ///   work is not worth a thread hand-off.
    /// - Returns: how many workers ran (indices `0..<result`).
    @discardableResult
    public static func forEachSlice(
        of itemCount: Int, minimumItemsPerWorker: Int = 2,
        _ body: (_ worker: Int, _ items: Range<Int>) -> Void
    ) -> Int {
        if itemCount <= 0 { return 0 }
        let workers = min(workerCount, max(1, itemCount / max(1, minimumItemsPerWorker)))
        if workers == 1 {
            body(0, 0..<itemCount)
            return 1
        }
        let previousThreads = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(previousThreads) }
        withoutActuallyEscaping(body) { body in
            // The body writes only to its own slice and its worker's scratch,
            // and concurrentPerform returns after every call has finished.
            let shared = UncheckedSendable(value: body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = itemCount * worker / workers
                let end = itemCount * (worker + 1) / workers
                shared.value(worker, start..<end)
            }
        }
        return workers
    }
}

/// Carries a value whose concurrent use the caller has made safe by construction.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

/// A growable scratch buffer of `Float`s owned by one worker: allocated once,
/// reused by every batch, grown only when a larger batch or layer needs it.
final class ScratchBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    /// A pointer to at least `count` floats (contents unspecified).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            capacity = count
            pointer = .allocate(capacity: count)
        }
        return pointer
    }

    deinit { pointer.deallocate() }
}
