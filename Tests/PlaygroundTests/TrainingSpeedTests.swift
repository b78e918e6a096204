import Lessons
import Testing
import TUI
@testable import NetPlayground

/// The speed knob: `<` `>` and `f` give the session its speed command, the
/// status line shows the speed, and the pacing rule (a pure function, run
/// here on made-up times) keeps free-running training to it.
@Suite("Training speed")
struct TrainingSpeedTests {
    static func speedOf(_ commands: [LessonScreen.Command]) -> BatchRate? {
        guard commands.count == 1, case .speed(let rate) = commands[0] else { return nil }
        return rate
    }

    @Test("< > and f are bound in a lesson and give the speed command; the status line shows the speed")
    func keysAndStatus() {
        let table = PlaygroundKeys.table
        #expect(table.action(for: .character("<"), in: .lesson) == .slower)
        #expect(table.action(for: .character(">"), in: .lesson) == .faster)
        #expect(table.action(for: .character("f"), in: .lesson) == .fullSpeed)
        var screen = LessonScreen(lesson: Course.convnet, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        #expect(screen.speed == .perSecond(15))
        #expect(Self.speedOf(screen.handle(.slower, exportRoot: "/x")) == .perSecond(10))
        #expect(screen.handle(.slower, exportRoot: "/x").isEmpty, "10 a second is the slowest")
        #expect(Self.speedOf(screen.handle(.faster, exportRoot: "/x")) == .perSecond(15))
        #expect(Self.speedOf(screen.handle(.faster, exportRoot: "/x")) == .perSecond(30))
        #expect(Self.speedOf(screen.handle(.fullSpeed, exportRoot: "/x")) == .full, "full speed is one press of f")
        var snapshot = TrainingSnapshot(session: 1, generation: 0, seed: 1, state: .running)
        snapshot.itemsSeen = 640
        screen.snapshot = snapshot
        let full = screen.statusSegments(unicode: true, wide: true, framesPerSecond: nil).map(\.text)
        #expect(full.contains("  speed full"), "\(full)")
        #expect(Self.speedOf(screen.handle(.fullSpeed, exportRoot: "/x")) == .perSecond(15), "f again: the lesson's speed")
        let narrow = screen.statusSegments(unicode: true, wide: false, framesPerSecond: nil).map(\.text)
        #expect(narrow.contains("  ≤15/s"), "\(narrow)")
        let ascii = screen.statusSegments(unicode: false, wide: false, framesPerSecond: nil).map(\.text)
        #expect(ascii.contains("  <=15/s"), "\(ascii)")
    }

    @Test("the speed is a knob row too: the panel turns the same value as < >", arguments: Course.lessons.filter(\.trains))
    func speedKnobRow(_ lesson: Lesson) throws {
        var screen = LessonScreen(lesson: lesson, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        let row = try #require(screen.panel.firstIndex(of: .speed), "lesson \(lesson.id) has no speed row")
        screen.selectedKnob = row
        #expect(screen.knobWidget(.speed).text == lesson.defaultSpeed.label)
        let slower = screen.turnKnob(steps: -1, coarse: false)
        if lesson.defaultSpeed == BatchRate.ladder.last {
            #expect(slower.isEmpty)
        } else {
            #expect(Self.speedOf(slower) == lesson.defaultSpeed.slower)
            #expect(screen.speed == lesson.defaultSpeed.slower, "the panel and < > share one value")
        }
        _ = screen.handle(.faster, exportRoot: "/x")
        _ = screen.handle(.faster, exportRoot: "/x")
        #expect(screen.knobWidget(.speed).text == screen.speed.label, "> shows in the panel")
        #expect(Self.speedOf(screen.turnKnob(steps: 1, coarse: true)) == .full || screen.speed == .full,
                "a coarse turn up goes to full speed")
        #expect(screen.speed == .full)
    }

    @Test("the speed is on the status line at 80 columns")
    func fitsAt80() {
        var screen = LessonScreen(lesson: Course.convnet, sessionID: 1, mailbox: Mailbox(), startsThreads: false)
        var snapshot = TrainingSnapshot(session: 1, generation: 0, seed: 1, state: .running)
        snapshot.itemsSeen = 640
        screen.snapshot = snapshot
        var grid = Grid(width: 80, height: 1)
        screen.renderStatus(into: &grid, area: Rect(x: 0, y: 0, width: 80, height: 1), framesPerSecond: nil)
        #expect(grid.line(0).contains("≤15/s"), "\(grid.line(0))")
    }

    /// Batch start times over `seconds`, the pacing rule deciding each next
    /// start; each batch takes `duration`, and the thread wakes `lateness` after the due time.
    static func starts(rate: BatchRate, seconds: Double, duration: Double, lateness: Double = 0.0005) -> [Double] {
        var due = 0.0, starts: [Double] = []
        while true {
            let started = max(due + lateness, starts.last.map { $0 + duration } ?? 0)
            guard started < seconds else { return starts }
            starts.append(started)
            due = BatchPacing.nextBatchTime(due: due, started: started, finished: started + duration, rate: rate)
        }
    }

    @Test("at 10 batches a second, a second holds 10 batches; late wake-ups do not slow it, slow batches bring no burst")
    func pacingRule() {
        #expect(Self.starts(rate: .perSecond(10), seconds: 1, duration: 0.002).count == 10)
        #expect(Self.starts(rate: .perSecond(10), seconds: 10, duration: 0.002, lateness: 0.05).count == 100)
        #expect(Self.starts(rate: .perSecond(100), seconds: 1, duration: 0.002).count == 100)
        // Batches slower than the speed run back to back, and the rate does not jump after them.
        let slow = Self.starts(rate: .perSecond(10), seconds: 1, duration: 0.25, lateness: 0)
        #expect(slow.count == 4, "\(slow)")
        // After a pause (the last due time long past) training resumes at the speed, not in a burst.
        let resumed = BatchPacing.nextBatchTime(due: 0, started: 100, finished: 100.001, rate: .perSecond(10))
        #expect(abs(resumed - 100.1) < 1e-9)
        #expect(BatchPacing.nextBatchTime(due: 5, started: 5, finished: 5.001, rate: .full) == 5.001)
    }
}
