import Foundation
import Testing

/// A race in a real terminal: `c` opens the race picker on lesson 3's
/// preset and Enter (or `c` again) starts its three learning rates at once, each runner on its own thread; `2` shows the second; Esc ends it
/// and the lesson is back; quitting from a race leaves no thread behind.
@Suite("race end to end", .serialized, .enabled(if: EndToEnd.shouldRun, EndToEnd.skipReason))
struct RaceEndToEndTests {
    @Test func raceThreeLearningRatesThenGoBack() throws {
        let tmux = try EndToEnd.playground(width: 80, height: 24, "--lesson 3", name: "race")
        try tmux.waitFor("press Space to start")
        try tmux.sendKeys("c")
        try tmux.waitFor("Start the race")
        try tmux.sendKeys("Enter")
        let racing = try tmux.waitUntil(timeout: 30, "the runners to train") { screen in
            screen.contains("race: [1 lr 0.01]  2 lr 0.1  3 lr 1") && screen.contains("● running")
                && screen.contains("1 more") && screen.contains("3 lr 1")
        }
        #expect(racing.contains("c end race"), "the race's hints: \(racing)")
        try tmux.sendKeys("2")
        try tmux.waitUntil(timeout: 10, "runner 2 shown") { $0.contains("[2 lr 0.1]") && $0.contains("lr 0.1 ") }
        try tmux.sendKeys("Escape")
        let back = try tmux.waitUntil(timeout: 10, "the lesson") { $0.contains("race ended") }
        #expect(!back.contains("race: "), "the race's line is gone: \(back)")
        try tmux.sendKeys("c")
        try tmux.sendKeys("c")
        try tmux.waitFor("race: [1 lr 0.01]")
        try tmux.sendKeys("q")
        try tmux.waitUntil(timeout: 10, "the shell") { !$0.contains("race:") }
    }
}
