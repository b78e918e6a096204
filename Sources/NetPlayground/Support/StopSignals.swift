import Glibc
import Synchronization

/// How a headless run hears that it should stop: the first SIGINT, SIGTERM or
/// SIGHUP (an SSH session that drops) asks it to finish the batch in progress
/// and keep what it trained; a second signal ends the process at once.
///
/// The handler only records the signal (an atomic store, safe in a signal
/// handler); the training loop reads ``received`` at the end of each batch.
enum StopSignals {
    /// The signals that ask a run to stop.
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Starts watching (on the main thread, before other threads start). A
    /// signal that was ignored when the process started stays ignored, so
    /// `nohup netplayground train …` survives a hang-up.
    static func install() {
        // A parent may have started us with these blocked (test runners do);
        // blocked, a stop signal would wait forever.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in watched { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in watched where address(of: Glibc.signal(signal, recordStopSignal)) == address(of: SIG_IGN) {
            _ = Glibc.signal(signal, SIG_IGN)
        }
    }

    /// A handler's address: C's SIG_IGN is the number 1 cast to a function pointer.
    private static func address(of handler: __sighandler_t?) -> Int {
        handler.map { unsafeBitCast($0, to: Int.self) } ?? 0
    }

    /// The first stop signal received, or nil.
    static var received: Int32? {
        let signal = firstStopSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// The shell's exit status for a run ended by `signal`: 130 for SIGINT, 143 for SIGTERM.
    static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// "SIGINT", "SIGTERM", "SIGHUP", or "signal N".
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}

private let firstStopSignal = Atomic<Int32>(0)

/// The handler: the first signal is recorded; any later one exits at once.
private func recordStopSignal(_ signal: Int32) {
    let (isFirst, _) = firstStopSignal.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    if !isFirst { _exit(StopSignals.exitStatus(for: signal)) }
}
