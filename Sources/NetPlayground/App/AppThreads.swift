import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every thread the playground starts, so that closing a lesson and quitting
/// can stop them and join them (pthread_join), and nothing outlives its screen.
///
/// Foundation's `Thread` cannot be joined, and a `Thread` kept by the object
/// its closure captures keeps both alive forever; these threads are plain
/// pthreads whose closure is released when the thread ends.
final class AppThreads: @unchecked Sendable {
    /// The process-wide registry.
    static let shared = AppThreads()

    private struct Entry {
        let id: Int
        let handle: pthread_t
        let stop: @Sendable () -> Void
    }

    private let condition = NSCondition()
    private var entries: [Entry] = []
    private var finished: Set<Int> = []
    private var nextID = 1

    /// Starts `body` on a new thread named `name`; `stop` asks it to end soon
    /// (it is called from the UI thread and must not wait).
    func spawn(name: String, stackSize: Int = 8 << 20, stop: @escaping @Sendable () -> Void = {},
               body: @escaping @Sendable () -> Void) {
        reapFinished()
        condition.lock()
        let id = nextID
        nextID += 1
        condition.unlock()
        let work = ThreadWork(name: name) { [self] in
            body()
            condition.lock()
            finished.insert(id)
            condition.broadcast()
            condition.unlock()
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        var handle = pthread_t()
        let context = Unmanaged.passRetained(work).toOpaque()
        let status = pthread_create(&handle, &attributes, { context in
            guard let context else { return nil }
            let work = Unmanaged<ThreadWork>.fromOpaque(context).takeRetainedValue()
            work.run()
            return nil
        }, context)
        guard status == 0 else {
            // No thread: run the work here rather than lose it (it ends quickly once stopped).
            Unmanaged<ThreadWork>.fromOpaque(context).release()
            body()
            return
        }
        condition.lock()
        entries.append(Entry(id: id, handle: handle, stop: stop))
        condition.unlock()
    }

    /// Asks every running thread to end.
    func stopAll() {
        condition.lock()
        let stops = entries.map(\.stop)
        condition.unlock()
        for stop in stops { stop() }
    }

    /// Joins the threads that have ended (never waits for a running one).
    func reapFinished() {
        condition.lock()
        let done = entries.filter { finished.contains($0.id) }
        entries.removeAll { finished.contains($0.id) }
        for entry in done { finished.remove(entry.id) }
        condition.unlock()
        for entry in done { pthread_join(entry.handle, nil) }
    }

    /// Waits up to `timeout` seconds for every thread to end and joins them;
    /// returns how many still run (0 when all were joined).
    @discardableResult
    func joinAll(timeout: Double) -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        while entries.contains(where: { !finished.contains($0.id) }) {
            if !condition.wait(until: deadline) { break }
        }
        condition.unlock()
        reapFinished()
        return running
    }

    /// Threads started and not yet joined.
    var running: Int {
        condition.lock()
        defer { condition.unlock() }
        return entries.count
    }
}

/// A thread's closure and name, handed to pthread_create as its context.
private final class ThreadWork {
    let name: String
    let body: () -> Void

    init(name: String, body: @escaping () -> Void) {
        self.name = name
        self.body = body
    }

    func run() {
        // pthread_setname_np is not visible to Swift; Linux reads the name (15 characters) from here.
        try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        body()
    }
}
