import Foundation
import Testing
@testable import TUI

/// A small app that records every message it gets.
private struct Recorder: App {
    var log: [String] = []
    var animating = false
    var posted: [Int] = []
    var isAnimating: Bool { animating }

    mutating func update(_ message: Message<Int>) -> UpdateOutcome {
        switch message {
        case .key(.character("q")): log.append("quit"); return .quit
        case .key(.character("a")): animating.toggle(); log.append("animate \(animating)")
        case .key(let key): log.append("key \(key)")
        case .mouse(let event): log.append("mouse \(event.kind)")
        case .resize(let size): log.append("resize \(size)")
        case .tick: log.append("tick")
        case .posted(let value): posted.append(value); log.append("posted \(value)")
        }
        return .continue
    }

    mutating func terminate() { log.append("terminate") }
    mutating func suspended() { log.append("suspended") }

    func view(into grid: inout Grid) {
        grid.write("messages: \(log.count)", x: 0, y: 0)
        grid.write(log.last ?? "", x: 0, y: 1)
    }
}

@Suite("Message loop")
struct ProgramTests {
    private func program(_ script: [InputEvent?], app: Recorder = Recorder()) -> (Program<Recorder>, TestBackend) {
        let backend = TestBackend(size: Size(width: 20, height: 3), script: script)
        let clock = backend.clock
        return (Program(app: app, backend: backend, now: { clock.seconds }), backend)
    }

    @Test func aSignalEndsTheLoopTellsTheAppAndIsReported() {
        let (program, backend) = program([.key(.character("x")), nil, .key(.character("y")), .key(.character("q"))])
        backend.scheduledTermination = (afterPolls: 2, signal: 15)
        let app = program.run()
        #expect(app.log == ["resize 20×3", "key x", "terminate"])
        #expect(program.terminatingSignal == 15)
        #expect(backend.script == [.key(.character("y")), .key(.character("q"))])  // nothing read after the signal
    }

    @Test func controlZPausesTheAppSuspendsAndRedrawsEverything() {
        let (program, backend) = program([.key(.character("x")), .key(.control("z")), .key(.character("q"))])
        let app = program.run()
        #expect(app.log == ["resize 20×3", "key x", "suspended", "resize 20×3", "quit"])
        #expect(backend.suspendCount == 1)
        #expect(backend.fullRedraws == 1)
        #expect(backend.cellsInLastFrame == 20 * 3, "the frame after the suspension repaints every cell")
        #expect(program.terminatingSignal == nil)
    }

    @Test func messagesArriveInOrderAndQuitEndsTheLoop() {
        let (program, backend) = program([.key(.character("x")), .key(.up), .key(.character("q")), .key(.character("y"))])
        let app = program.run()
        #expect(app.log == ["resize 20×3", "key x", "key ↑", "quit"])
        #expect(backend.script == [.key(.character("y"))])  // nothing read after quit
    }

    @Test func anIdleAppIsNotRedrawn() {
        let idlePolls = [InputEvent?](repeating: nil, count: 50)
        let (program, backend) = program(idlePolls + [.key(.character("q"))])
        let app = program.run()
        #expect(backend.flushCount == 1)  // the first frame only
        #expect(!app.log.contains("tick"))
        #expect(backend.clock.seconds > 1)  // the idle polls did wait
    }

    @Test func ticksFlowOnlyWhileAnimating() {
        let (program, _) = program([.key(.character("a"))] + [InputEvent?](repeating: nil, count: 10)
                                   + [.key(.character("a"))] + [InputEvent?](repeating: nil, count: 10) + [.key(.character("q"))])
        let app = program.run()
        guard let start = app.log.firstIndex(of: "animate true"), let stop = app.log.firstIndex(of: "animate false") else {
            Issue.record("animation never toggled: \(app.log)")
            return
        }
        let ticksWhileOn = app.log[start..<stop].filter { $0 == "tick" }.count
        let ticksAfter = app.log[stop...].filter { $0 == "tick" }.count
        #expect(ticksWhileOn >= 9)
        #expect(ticksAfter == 0)
    }

    @Test func onlyChangedCellsAreDrawn() {
        // The key arrives right after the first frame; the redraw waits for the frame-rate
        // cap (the first idle poll is eaten by the drain of queued input, the second waits).
        let (program, backend) = program([.key(.character("x")), nil, nil, .key(.character("q"))])
        program.run()
        // Frame 1: all 60 cells. Frame 2: the counter digit and the changed last line only.
        #expect(backend.flushCount == 2)
        #expect(backend.cellsInLastFrame < 20)
        #expect(backend.screen.line(1).hasPrefix("key x"))
    }

    @Test func aBurstOfKeysCostsOneFrame() {
        let burst = (0..<30).map { _ in InputEvent?.some(.key(.character("x"))) }
        let (program, backend) = program(burst + [nil, nil, .key(.character("q"))])
        let app = program.run()
        #expect(app.log.filter { $0 == "key x" }.count == 30)
        #expect(backend.flushCount == 2)
    }

    @Test func resizeRedrawsEverythingAtTheNewSize() {
        let (program, backend) = program([nil, .resize(Size(width: 30, height: 4)), nil, .key(.character("q"))])
        let app = program.run()
        #expect(app.log.contains("resize 30×4"))
        #expect(backend.screen.size == Size(width: 30, height: 4))
        #expect(backend.cellsInLastFrame == 120)
        #expect(backend.screen.line(0).hasPrefix("messages: 2"))
    }

    @Test func controlCQuitsEvenIfTheAppIgnoresIt() {
        let (program, _) = program([.key(.control("c")), .key(.character("x"))])
        let app = program.run()
        #expect(app.log.last == "key Ctrl-C")
    }

    @Test func postedValuesArriveOnTheLoopLatestWins() {
        let (program, _) = program([nil, nil, .key(.character("q"))])
        for value in 1...5 { program.mailbox.post(value) }
        let app = program.run()
        #expect(app.posted == [5])
    }

    @Test("each lane keeps its latest value: one producer never hides another's")
    func lanesKeepTheirOwnLatest() {
        let (program, _) = program([nil, nil, .key(.character("q"))])
        for value in 1...5 { program.mailbox.post(value, lane: 2) }
        for value in 11...13 { program.mailbox.post(value, lane: 1) }
        let app = program.run()
        #expect(app.posted == [13, 5], "both lanes arrive in one loop turn, the lower lane first")
    }

    @Test func aBackgroundThreadCanPostWhileTheLoopRuns() async {
        let mailbox = Mailbox<Int>()
        let producer = Thread {
            for value in 1...1000 { mailbox.post(value) }
        }
        producer.start()
        // Wait until the producer has finished: its last value must be the one left.
        var last: Int?
        while last != 1000 {
            if let value = mailbox.take() { last = value }
            await Task.yield()
        }
        #expect(mailbox.take() == nil)
    }
}

@Suite("Key table")
struct KeyTableTests {
    @Test func dispatchAndHelpComeFromTheSameTable() {
        let table = Samples.keyTable
        #expect(table.action(for: .character("q")) == "quit")
        #expect(table.action(for: .control("c")) == "quit")
        #expect(table.action(for: .character("z")) == nil)
        #expect(table.statusHints.map(\.keys) == ["q", "?", "Space"])
        #expect(table.helpSections.map(\.title) == ["General", "Training", "Knobs"])
        #expect(table.helpSections.flatMap(\.hints).count == table.bindings.count)
    }

    @Test func keyNames() {
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.control("c").description == "Ctrl-C")
        #expect(Key.function(5).description == "F5")
        #expect(Key.up.asciiDescription == "Up")
    }
}
