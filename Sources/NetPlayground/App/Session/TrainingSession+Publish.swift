import TUI

/// Posting snapshots: throttled, so a fast run costs the screen no more than a slow one.
extension TrainingSession {
    /// Posts the snapshot at most ~30 times a second (always when forced);
    /// recomputes the costly visuals at most a few times a second.
    func publish(force: Bool, heavy: Bool) {
        let now = MonotonicClock.seconds()
        // A paused run's last rate would be stale; the status line shows none then.
        if running, let itemsPerSecond = rate.rate(at: now) { snapshot.itemsPerSecond = itemsPerSecond }
        guard force || now - lastPublish >= 1.0 / 30 else { return }
        if let run, !stopRequested {
            probeLight(run)
            if heavy || now - lastHeavyProbe >= heavyProbeInterval {
                probeHeavy(run)
                lastHeavyProbe = now
            }
        }
        lastPublish = now
        mailbox.post(snapshot, lane: id)
    }

    /// Seconds between recomputations of confusion matrices and held-out predictions.
    private var heavyProbeInterval: Double { dataChoice.isMNIST ? 3 : 0.5 }
}
