import Foundation
import Testing

/// The canvas in a real terminal: lesson 6 trains an epoch, `d` opens the
/// canvas, a vertical stroke drawn with the keyboard reads as 1, and after
/// `c` a ring reads as 0.
@Suite("canvas end to end", .serialized, .enabled(if: EndToEnd.shouldRun, EndToEnd.skipReason))
struct CanvasEndToEndTests {
    @Test func strokeReadsOneRingReadsZero() throws {
        let tmux = try EndToEnd.playground(width: 80, height: 24, "--lesson 6", name: "canvas")
        try tmux.waitFor("press Space to start", timeout: 60)
        // Two epochs at full speed, then paused: the network has learned its digits.
        try tmux.sendKeys("Space", "f")
        try tmux.waitUntil(timeout: 120, "two epochs") { $0.contains("ep 3") || $0.contains("epoch 3") }
        try tmux.sendKeys("Space", "d")
        try tmux.waitFor("your drawing")
        try tmux.sendKeys(Array(repeating: "Up", count: 8) + ["Space"] + Array(repeating: "Down", count: 16) + ["Space"])
        let one = try tmux.waitUntil(timeout: 10, "a reading of the stroke") { $0.contains("prediction: ") }
        #expect(one.contains("prediction: 1"), "the stroke: \(one)")
        var ring = ["c"] + Array(repeating: "Up", count: 7) + ["]", "Space"]
        for (first, second) in [("Right", "Down"), ("Down", "Left"), ("Left", "Up"), ("Up", "Right")] {
            ring += [first, first, first, second, first, first, second, first, second, second, first, second, second, second]
        }
        try tmux.sendKeys(ring + ["Space"])
        let zero = try tmux.waitUntil(timeout: 10, "a reading of the ring") { $0.contains("prediction: 0") }
        #expect(zero.contains("pen 3 up"))
        try tmux.sendKeys("Escape")
        try tmux.waitFor("Knobs")
        try tmux.sendKeys("q")
    }

    /// `draw` with no model and nothing kept trains mnist-cnn for an epoch
    /// first, opens the canvas on it, and reads the stroke; a second `draw`
    /// finds that model and trains nothing.
    @Test func drawTrainsWhenThereIsNoModelThenFindsIt() throws {
        let tmux = try EndToEnd.playground(width: 80, height: 24, "draw", name: "draw")
        try tmux.waitUntil(timeout: 240, "the canvas after training") { $0.contains("your drawing") }
        try tmux.sendKeys(Array(repeating: "Up", count: 8) + ["Space"] + Array(repeating: "Down", count: 16) + ["Space"])
        let one = try tmux.waitUntil(timeout: 10, "a reading of the stroke") { $0.contains("prediction: ") }
        #expect(one.contains("prediction: 1"), "the stroke: \(one)")
        #expect(one.contains("drag paints"), "draw turns the mouse on")
        // Button-event tracking (xterm's 1002), so a drag paints; off again after q.
        #expect(try tmux.paneValue("mouse_button_flag") == "1", "drags are not reported")
        try tmux.sendKeys("q")
        try tmux.waitUntil(timeout: 10, "the shell") { $0.contains("training mnist-cnn for one epoch first") }
        #expect(try tmux.paneValue("mouse_button_flag") == "0" && tmux.paneValue("mouse_standard_flag") == "0")
        try tmux.typeLine("clear; " + EndToEnd.quoted(try #require(EndToEnd.binary)) + " draw")
        let again = try tmux.waitUntil(timeout: 60, "the canvas again") { $0.contains("your drawing") }
        #expect(!again.contains("training mnist-cnn"), "the second draw found the first one's model")
        try tmux.sendKeys("q")
    }
}
