import Lessons

/// The pacing rule of free-running training, kept pure so that a test can
/// run it on made-up times instead of a clock.
enum BatchPacing {
    /// When the batch after this one may start.
    ///
    /// The batch was due at `due`, started at `started` and finished at
    /// `finished`. A batch that started a little late still counts from its
    /// due time, so wake-up delays do not slow the rate; one that started a
    /// whole interval late (after a pause, or batches slower than the speed)
    /// counts from its start, so no burst follows to catch up. A batch never
    /// starts before the last one finished. At full speed there is no wait.
    static func nextBatchTime(due: Double, started: Double, finished: Double, rate: BatchRate) -> Double {
        guard let interval = rate.interval else { return finished }
        let slot = started - due < interval ? due : started
        return max(slot + interval, finished)
    }
}
