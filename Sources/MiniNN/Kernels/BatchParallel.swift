import Foundation
import Synchronization

/// Splits the items of a batch across the machine's cores.
///
/// The convolution GEMMs of a small convnet are skinny (8 or 16 rows), so
/// letting OpenBLAS split each one across threads mostly buys synchronisation.
/// Instead every worker takes part of the batch (a contiguous slice, or chunks
/// claimed as it goes). A convnet runs its passes with OpenBLAS on one
/// thread (``Sequential``, ``Matmul/withBLASThreads(_:_:)``), so each
/// worker's products stay on its own core; nothing here changes that count.
public enum BatchParallel {
    /// How many workers a batch is split across: the active cores.
    public static let workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Images per chunk in ``forEachChunk(of:chunkSize:_:)`` for the convolution layers.
    public static let imagesPerChunk = 4

    /// Calls `body(worker, chunk, items)` for each consecutive chunk of
    /// `chunkSize` items of `0..<itemCount`, concurrently on up to
    /// ``workerCount`` threads. The workers claim chunks in order from a
    /// shared counter, so one slowed by other work on the machine simply
    /// takes fewer. No two calls run at once with the same worker index, so
    /// each worker can own scratch. Which worker runs a chunk varies from run
    /// to run, but the chunks do not: sums kept per chunk and added in chunk
    /// order are the same every run.
    ///
    /// - Returns: the number of chunks (indices `0..<result`).
    @discardableResult
    public static func forEachChunk(
        of itemCount: Int, chunkSize: Int,
        _ body: (_ worker: Int, _ chunk: Int, _ items: Range<Int>) -> Void
    ) -> Int {
        guard itemCount > 0 else { return 0 }
        let size = max(1, chunkSize)
        let chunks = (itemCount + size - 1) / size
        let workers = min(workerCount, chunks)
        if workers == 1 {
            for chunk in 0..<chunks { body(0, chunk, (chunk * size)..<min(itemCount, (chunk + 1) * size)) }
            return chunks
        }
        let counter = ChunkCounter()
        withoutActuallyEscaping(body) { body in
            // Each chunk is claimed once, the body writes only to its chunk's
            // items and its worker's scratch, and concurrentPerform returns
            // after every call has finished.
            let shared = UncheckedSendable(value: body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                while case let chunk = counter.claim(), chunk < chunks {
                    shared.value(worker, chunk, (chunk * size)..<min(itemCount, (chunk + 1) * size))
                }
            }
        }
        return chunks
    }

    /// ``forEachChunk(of:chunkSize:_:)`` with one contiguous slice per worker.
    ///
    /// - Parameter minimumItemsPerWorker: below this many items per slice the
    ///   work is not worth a thread hand-off.
    /// - Returns: how many slices ran.
    @discardableResult
    public static func forEachSlice(
        of itemCount: Int, minimumItemsPerWorker: Int = 2,
        _ body: (_ worker: Int, _ items: Range<Int>) -> Void
    ) -> Int {
        let perWorker = (itemCount + workerCount - 1) / workerCount
        return forEachChunk(of: itemCount, chunkSize: max(minimumItemsPerWorker, perWorker)) { worker, _, items in
            body(worker, items)
        }
    }
}

/// Hands out 0, 1, 2, … to whichever thread asks next.
private final class ChunkCounter: Sendable {
    private let next = Atomic<Int>(0)
    func claim() -> Int { next.add(1, ordering: .relaxed).oldValue }
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
