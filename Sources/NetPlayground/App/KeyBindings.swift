import TUI

/// Everything a key can ask the playground to do.
enum PlaygroundAction: Sendable, Equatable {
    case quit, help, close, select
    case togglePause, stepBatch, stepEpoch, reset, export
    case focusNext, focusPrevious
    case up, down, left, right
    case increase, decrease, increaseCoarse, decreaseCoarse
    case pageUp, pageDown
}

/// The one key table: the dispatcher and the help overlay both read it.
enum PlaygroundKeys {
    static let table = KeyTable<PlaygroundAction>([
        KeyBinding([.character("q"), .control("c")], "quit", action: .quit, label: "q",
                   section: "General", showsInStatusBar: true),
        KeyBinding([.character("?")], "help: every key", action: .help, section: "General", showsInStatusBar: true),
        KeyBinding([.escape], "close help, or back to the course", action: .close, section: "General"),
        KeyBinding([.enter], "open the selected lesson or choice", action: .select, section: "General"),
        KeyBinding([.space], "pause / resume training", action: .togglePause, section: "Training",
                   showsInStatusBar: true),
        KeyBinding([.character("s")], "train one batch", action: .stepBatch, section: "Training",
                   showsInStatusBar: true),
        KeyBinding([.character("n")], "train one epoch", action: .stepEpoch, section: "Training",
                   showsInStatusBar: true),
        KeyBinding([.character("r")], "reset the weights (new seed)", action: .reset, section: "Training",
                   showsInStatusBar: true),
        KeyBinding([.character("e")], "export: safetensors + ONNX", action: .export, section: "Training",
                   showsInStatusBar: true),
        KeyBinding([.tab], "next panel: knobs, Try this, text, visuals", action: .focusNext, section: "Moving", showsInStatusBar: true),
        KeyBinding([.backTab], "focus the previous panel", action: .focusPrevious, section: "Moving"),
        KeyBinding([.up, .character("k")], "previous knob / scroll up", action: .up, label: "↑ / k",
                   section: "Moving"),
        KeyBinding([.down, .character("j")], "next knob / scroll down", action: .down, label: "↓ / j",
                   section: "Moving"),
        KeyBinding([.left, .character("h")], "turn the knob down / previous item", action: .left, label: "← / h",
                   section: "Moving"),
        KeyBinding([.right, .character("l")], "turn the knob up / next item", action: .right, label: "→ / l",
                   section: "Moving"),
        KeyBinding([.pageUp], "scroll the lesson text or Try this up", action: .pageUp, section: "Moving"),
        KeyBinding([.pageDown], "scroll the lesson text or Try this down", action: .pageDown, section: "Moving"),
        KeyBinding([.character("+"), .character("=")], "turn the focused knob up", action: .increase,
                   label: "+", section: "Knobs", showsInStatusBar: true),
        KeyBinding([.character("-"), .character("_")], "turn the focused knob down", action: .decrease,
                   label: "-", section: "Knobs"),
        KeyBinding([.character("]")], "turn the focused knob up, coarse (×10)", action: .increaseCoarse,
                   section: "Knobs"),
        KeyBinding([.character("[")], "turn the focused knob down, coarse (÷10)", action: .decreaseCoarse,
                   section: "Knobs"),
    ])
}
