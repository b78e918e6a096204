import COpenBLAS
import Foundation

extension Matmul {
    /// How many threads OpenBLAS runs one product on now: its default is the
    /// cores (or `OPENBLAS_NUM_THREADS`); a model sets its own count while it
    /// runs (``withBLASThreads(_:_:)``). Benchmarks record it beside their figures.
    public static var blasThreadCount: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with OpenBLAS on `count` threads.
    ///
    /// OpenBLAS's thread count is one setting for the whole process, and
    /// changing it under a running product changes that product's result (or
    /// worse). So a change waits until no product runs, and a product started
    /// through ``gemm`` or under another holder of the same count keeps it
    /// until it returns. Two models that want the same count run together;
    /// two that want different counts take turns, a pass at a time.
    /// Nesting with the same count is fine; nesting with a different count
    /// on the same thread would wait for itself, so nothing does it.
    public static func withBLASThreads<Result>(_ count: Int, _ body: () throws -> Result) rethrows -> Result {
        BLASThreadGate.shared.enter(count: Int32(max(1, count)))
        defer { BLASThreadGate.shared.leave() }
        return try body()
    }

    /// Runs `body` with whatever thread count OpenBLAS has, holding it there
    /// until `body` returns (what every product does).
    @usableFromInline
    static func withCurrentBLASThreads<Result>(_ body: () throws -> Result) rethrows -> Result {
        BLASThreadGate.shared.enter(count: nil)
        defer { BLASThreadGate.shared.leave() }
        return try body()
    }
}

/// Who holds OpenBLAS's thread count, and at what value.
@usableFromInline
final class BLASThreadGate: @unchecked Sendable {
    @usableFromInline static let shared = BLASThreadGate()

    // NSCondition guards `holders` and `count`; @unchecked because of that lock.
    private let condition = NSCondition()
    private var holders = 0
    private var count = openblas_get_num_threads()

    /// Waits until the count may be `count` (nil: any) and holds it.
    @usableFromInline
    func enter(count wanted: Int32?) {
        condition.lock()
        defer { condition.unlock() }
        if let wanted {
            while holders > 0 && count != wanted { condition.wait() }
            if count != wanted {
                openblas_set_num_threads(wanted)
                count = wanted
            }
        }
        holders += 1
    }

    @usableFromInline
    func leave() {
        condition.lock()
        holders -= 1
        if holders == 0 { condition.broadcast() }
        condition.unlock()
    }
}
