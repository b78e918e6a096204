import TUI

/// Everything a key can ask the playground to do.
enum PlaygroundAction: Sendable, Equatable {
    case quit, help, back, select
    case togglePause, stepBatch, stepEpoch, reset, export
    case focusNext, focusPrevious
    case up, down, left, right
    case increase, decrease, increaseCoarse, decreaseCoarse
    case pageUp, pageDown
    /// Training speed: one rung down or up the ladder, or straight to full speed (and back).
    case slower, faster, fullSpeed
    /// The loss axis between linear and logarithmic.
    case toggleLogScale
    /// Kernels and weight pictures: color blocks or the ASCII heatmap.
    case togglePictureForm
    /// `p` keeps the run in progress on the charts; `P` clears the pins.
    case pinRun, clearPins
    /// `t`: the runs table over the visuals, and away again.
    case toggleRunsTable
    /// `c`: train the lesson's settings side by side (a race).
    case startRace
    /// `1`–`4` in a race: whose knobs and pictures the screen shows.
    case pickRunner(Int)
    /// In the race picker: one more runner, or the selected one removed.
    case addRunner, removeRunner
    /// `o`: the lesson's kept runs, to pin one or go on training it.
    case openEarlierRuns
    /// In that list: go on training the selected run where it stopped.
    case continueRun
    /// `d` in an MNIST lesson: the canvas.
    case openCanvas
    /// On the canvas: the pen down or up, erase under the cursor, a blank canvas, a thinner or thicker pen.
    case togglePen, erasePixel, clearCanvas, thinnerPen, thickerPen
    /// In a text field: a character typed (any key the field's context does not bind), the last one
    /// deleted, the whole text cleared, the file name completed (Tab).
    case type(Character), deleteBackward, clearText, complete
}

extension KeyContext {
    /// The start screen's list of lessons.
    static let courseList = KeyContext("course list")
    /// The sandbox's form.
    static let sandboxSetup = KeyContext("sandbox setup")
    /// An open lesson (or the sandbox's live view).
    static let lesson = KeyContext("lesson")
    /// Several runs side by side: a race.
    static let race = KeyContext("race")
    /// The lesson's kept runs (`o`).
    static let earlierRuns = KeyContext("earlier runs")
    /// Choosing what a race trains (`c`).
    static let racePicker = KeyContext("race picker")
    /// Drawing a digit.
    static let canvas = KeyContext("canvas")
    /// Typing a value: the sandbox's path to a CSV file.
    static let textField = KeyContext("text field")
    /// The sandbox's list of a CSV file's columns, to pick the target from.
    static let columnPicker = KeyContext("column picker")
    /// The help overlay, over any screen.
    static let help = KeyContext("help")
}

/// The one key table: the dispatcher, the bottom hint line and the help
/// overlay all read it. A key may mean different things in different
/// contexts but only one thing in each (checked by a test).
enum PlaygroundKeys {
    static let contexts: [KeyContext] = [.courseList, .sandboxSetup, .lesson, .racePicker, .earlierRuns, .race, .canvas, .textField,
                                         .columnPicker, .help]


    private typealias B = KeyBinding<PlaygroundAction>

    private static func hint(_ keys: String, _ summary: String, _ priority: Int) -> KeyHint {
        KeyHint(keys: keys, summary: summary, priority: priority)
    }

    /// Everywhere: q quits, ? opens help, Esc goes back, and their hints are the last to go.
    private static let general: [B] = [
        // In a text field q and ? are letters of the text: Ctrl-C still quits there, F1 opens help.
        B([.character("q"), .control("c")], "quit", action: .quit, label: "q",
          contexts: [.courseList, .sandboxSetup, .lesson, .racePicker, .earlierRuns, .race, .canvas, .columnPicker, .help],
          hint: hint("q", "quit", 100)),
        B([.control("c")], "quit", action: .quit, contexts: [.textField], hint: hint("Ctrl-C", "quit", 100)),
        B([.character("?")], "help: every key", action: .help,
          contexts: [.courseList, .sandboxSetup, .lesson, .racePicker, .earlierRuns, .race, .canvas, .columnPicker],
          hint: hint("?", "help", 99)),
        B([.function(1)], "help: every key", action: .help, contexts: [.textField], hint: hint("F1", "help", 99)),
        B([.escape], "back to the course", action: .back, contexts: [.lesson], hint: hint("Esc", "course", 98)),
        B([.escape], "back", action: .back, contexts: [.sandboxSetup, .race, .canvas, .textField, .columnPicker],
          hint: hint("Esc", "back", 98)),
        B([.escape], "back to the lesson (no race)", action: .back, contexts: [.racePicker], hint: hint("Esc", "back", 98)),
        B([.escape], "back to the lesson", action: .back, contexts: [.earlierRuns], hint: hint("Esc", "back", 98)),
        B([.escape], "back (the course is the first screen)", action: .back, contexts: [.courseList]),
    ]

    private static let courseList: [B] = [
        B([.up, .character("k"), .left, .backTab], "previous lesson", action: .up, label: "↑ / k", section: "Course",
          contexts: [.courseList], hint: hint("↑↓", "choose", 70)),
        B([.down, .character("j"), .right, .tab], "next lesson", action: .down, label: "↓ / j", section: "Course",
          contexts: [.courseList]),
        B([.enter], "open the selected lesson", action: .select, section: "Course", contexts: [.courseList],
          hint: hint("Enter", "open", 80)),
    ]

    private static let sandboxSetup: [B] = [
        B([.up, .character("k"), .backTab], "previous row", action: .up, label: "↑ / k", section: "Form",
          contexts: [.sandboxSetup], hint: hint("↑↓", "row", 70)),
        B([.down, .character("j"), .tab], "next row", action: .down, label: "↓ / j", section: "Form",
          contexts: [.sandboxSetup]),
        B([.left, .character("h"), .character("-"), .character("[")], "previous choice", action: .left,
          label: "← / h", section: "Form", contexts: [.sandboxSetup], hint: hint("←→", "change", 75)),
        B([.right, .character("l"), .character("+"), .character("="), .character("]")], "next choice", action: .right,
          label: "→ / l", section: "Form", contexts: [.sandboxSetup]),
        B([.enter], "next row; on Start, start training", action: .select, section: "Form", contexts: [.sandboxSetup],
          hint: hint("Enter", "start", 80)),
    ]

    private static let lesson: [B] = [
        B([.space], "pause / resume training", action: .togglePause, section: "Training", contexts: [.lesson, .race],
          hint: hint("Space", "pause", 90)),
        B([.character("s")], "train one batch", action: .stepBatch, section: "Training", contexts: [.lesson, .race],
          hint: hint("s", "batch", 80)),
        B([.character("n")], "train one epoch", action: .stepEpoch, section: "Training", contexts: [.lesson, .race],
          hint: hint("n", "epoch", 70)),
        B([.character("r")], "reset the weights (new seed)", action: .reset, section: "Training", contexts: [.lesson, .race],
          hint: hint("r", "reset", 75)),
        B([.character("<")], "train slower (10 to 1000 batches a second)", action: .slower, section: "Training",
          contexts: [.lesson, .race], hint: hint("< >", "speed", 58)),
        B([.character(">")], "train faster", action: .faster, section: "Training", contexts: [.lesson, .race]),
        B([.character("f")], "full speed; again: the lesson's speed", action: .fullSpeed, section: "Training",
          contexts: [.lesson, .race]),
        B([.character("y")], "loss axis: log / linear", action: .toggleLogScale, section: "Training",
          contexts: [.lesson, .race], hint: hint("y", "log", 52)),
        B([.character("v")], "kernels and weight pictures: color blocks / ASCII heatmap", action: .togglePictureForm,
          section: "Visuals", contexts: [.lesson, .race], hint: hint("v", "pictures", 50)),
        B([.character("p")], "pin this run: it stays, dimmed, after r or a knob change",
          action: .pinRun, section: "Runs", contexts: [.lesson], hint: hint("p", "pin", 48)),
        B([.character("P")], "clear the pinned runs", action: .clearPins, section: "Runs", contexts: [.lesson]),
        B([.character("t")], "runs table: knobs, best val loss, accuracies, images/s", action: .toggleRunsTable,
          section: "Runs", contexts: [.lesson, .race], hint: hint("t", "runs", 46)),
        B([.character("c")], "race: the preset, or a knob at 2-4 values, side by side",
          action: .startRace, section: "Runs", contexts: [.lesson], hint: hint("c", "race", 47)),
        B([.character("o")], "your earlier runs of this lesson: pin one, or go on training it", action: .openEarlierRuns,
          section: "Runs", contexts: [.lesson], hint: hint("o", "earlier", 45)),
        B([.character("c")], "end the race (back to the lesson)", action: .back, section: "Race", contexts: [.race],
          hint: hint("c", "end race", 88)),
        // One binding for the four digits: the app reads the runner's number off the key pressed.
        B((1...4).map { Key.character(Character(String($0))) }, "show that runner: its knobs and pictures (keys act on it)",
          action: .pickRunner(1), label: "1-4", section: "Race", contexts: [.race], hint: hint("1-4", "runner", 92)),
        B([.character("d")], "draw a digit and watch the network read it (MNIST lessons)", action: .openCanvas,
          section: "Visuals", contexts: [.lesson], hint: hint("d", "draw", 49)),
        B([.character("e")], "export: safetensors + ONNX", action: .export, section: "Training", contexts: [.lesson],
          hint: hint("e", "export", 60)),
        B([.tab], "next panel: knobs, Try this, text, visuals", action: .focusNext, section: "Moving",
          contexts: [.lesson, .race], hint: hint("Tab", "focus", 65)),
        B([.backTab], "focus the previous panel", action: .focusPrevious, section: "Moving", contexts: [.lesson, .race]),
        B([.up, .character("k")], "previous knob / scroll up; on the visuals: previous kernel, neuron or digit",
          action: .up, label: "↑ / k", section: "Moving", contexts: [.lesson, .race], hint: hint("↑↓", "choose knob", 55)),
        B([.down, .character("j")], "next knob / scroll down; on the visuals: next kernel, neuron or digit",
          action: .down, label: "↓ / j", section: "Moving", contexts: [.lesson, .race]),
        B([.left, .character("h")], "turn the knob down; on the visuals: the previous panels (the carousel)", action: .left, label: "← / h",
          section: "Moving", contexts: [.lesson, .race]),
        B([.right, .character("l")], "turn the knob up; on the visuals: the next panels (the carousel)", action: .right, label: "→ / l",
          section: "Moving", contexts: [.lesson, .race]),
        B([.pageUp], "scroll the lesson text or Try this up", action: .pageUp, section: "Moving", contexts: [.lesson, .race]),
        B([.pageDown], "scroll the lesson text or Try this down", action: .pageDown, section: "Moving",
          contexts: [.lesson, .race]),
        B([.enter], "next panel; on the visuals, next digit", action: .select, section: "Moving", contexts: [.lesson, .race]),
        B([.character("+"), .character("=")], "turn the selected knob up", action: .increase, label: "+",
          section: "Knobs", contexts: [.lesson, .race], hint: hint("+/-", "knob", 85)),
        B([.character("-"), .character("_")], "turn the selected knob down", action: .decrease, label: "-",
          section: "Knobs", contexts: [.lesson, .race]),
        B([.character("]")], "turn the selected knob up, coarse (×10)", action: .increaseCoarse, section: "Knobs",
          contexts: [.lesson, .race]),
        B([.character("[")], "turn the selected knob down, coarse (÷10)", action: .decreaseCoarse, section: "Knobs",
          contexts: [.lesson, .race]),
    ]

    /// The race picker (`c`): what to race, each runner's value, Start.
    private static let racePicker: [B] = [
        B([.up, .character("k")], "previous row", action: .up, label: "↑ / k", section: "Race picker",
          contexts: [.racePicker], hint: hint("↑↓", "row", 70)),
        B([.down, .character("j")], "next row", action: .down, label: "↓ / j", section: "Race picker",
          contexts: [.racePicker]),
        B([.left, .character("h"), .character("-")], "first row: the preset or another knob; a runner: its value down",
          action: .left, label: "← / h", section: "Race picker", contexts: [.racePicker], hint: hint("←→", "change", 75)),
        B([.right, .character("l"), .character("+"), .character("=")], "first row: the next choice; a runner: its value up",
          action: .right, label: "→ / l", section: "Race picker", contexts: [.racePicker]),
        B([.character("[")], "a runner's value down, coarse (÷10 on a ladder)", action: .decreaseCoarse,
          section: "Race picker", contexts: [.racePicker]),
        B([.character("]")], "a runner's value up, coarse (×10 on a ladder)", action: .increaseCoarse,
          section: "Race picker", contexts: [.racePicker]),
        B([.character("a")], "add a runner, a step past the last (four at most)", action: .addRunner,
          section: "Race picker", contexts: [.racePicker], hint: hint("a x", "add/remove runner", 60)),
        B([.character("x")], "remove the selected runner (two stay)", action: .removeRunner, section: "Race picker",
          contexts: [.racePicker]),
        B([.enter, .character("c")], "start the race", action: .select, label: "Enter / c", section: "Race picker",
          contexts: [.racePicker], hint: hint("Enter", "start", 80)),
    ]

    /// The list of a lesson's kept runs (`o`).
    private static let earlierRuns: [B] = [
        B([.up, .character("k")], "previous run", action: .up, label: "↑ / k", section: "Earlier runs",
          contexts: [.earlierRuns], hint: hint("↑↓", "choose", 70)),
        B([.down, .character("j")], "next run", action: .down, label: "↓ / j", section: "Earlier runs",
          contexts: [.earlierRuns]),
        B([.character("p")], "pin the selected run onto the charts", action: .pinRun, section: "Earlier runs",
          contexts: [.earlierRuns], hint: hint("p", "pin", 80)),
        B([.enter], "go on training the selected run where it stopped", action: .continueRun, section: "Earlier runs",
          contexts: [.earlierRuns], hint: hint("Enter", "continue", 85)),
    ]

    /// The canvas: the cursor, the pen, and what it leaves.
    private static let canvas: [B] = [
        B([.up, .character("k")], "cursor up (paints with the pen down)", action: .up, label: "↑ / k", section: "Canvas",
          contexts: [.canvas], hint: hint("arrows", "move", 70)),
        B([.down, .character("j")], "cursor down", action: .down, label: "↓ / j", section: "Canvas", contexts: [.canvas]),
        B([.left, .character("h")], "cursor left", action: .left, label: "← / h", section: "Canvas", contexts: [.canvas]),
        B([.right, .character("l")], "cursor right", action: .right, label: "→ / l", section: "Canvas", contexts: [.canvas]),
        B([.space], "pen down (paints as you move) / up", action: .togglePen, section: "Canvas", contexts: [.canvas],
          hint: hint("Space", "pen", 90)),
        B([.character("x")], "erase under the cursor", action: .erasePixel, section: "Canvas", contexts: [.canvas],
          hint: hint("x", "erase", 80)),
        B([.character("c")], "clear the canvas", action: .clearCanvas, section: "Canvas", contexts: [.canvas],
          hint: hint("c", "clear", 85)),
        B([.character("[")], "thinner pen", action: .thinnerPen, section: "Canvas", contexts: [.canvas],
          hint: hint("[ ]", "pen width", 60)),
        B([.character("]")], "thicker pen", action: .thickerPen, section: "Canvas", contexts: [.canvas]),
    ]

    /// The sandbox's path field: type, complete, read the file.
    private static let textField: [B] = [
        B([], "type the path (letters, digits, / . ~ - _ …)", action: .type(" "), label: "any character",
          section: "Path", contexts: [.textField]),
        B([.tab], "complete the file name; again: list the choices", action: .complete, section: "Path",
          contexts: [.textField], hint: hint("Tab", "complete", 80)),
        B([.backspace], "delete the last character", action: .deleteBackward, section: "Path", contexts: [.textField],
          hint: hint("Backspace", "delete", 60)),
        B([.control("u")], "clear the path", action: .clearText, section: "Path", contexts: [.textField]),
        B([.enter], "read the file and show its columns", action: .select, section: "Path", contexts: [.textField],
          hint: hint("Enter", "read", 85)),
    ]

    /// The columns of the chosen CSV file: which one to predict.
    private static let columnPicker: [B] = [
        B([.up, .character("k")], "previous column", action: .up, label: "↑ / k", section: "Columns",
          contexts: [.columnPicker], hint: hint("↑↓", "column", 70)),
        B([.down, .character("j")], "next column", action: .down, label: "↓ / j", section: "Columns",
          contexts: [.columnPicker]),
        B([.enter], "predict this column from the others", action: .select, section: "Columns",
          contexts: [.columnPicker], hint: hint("Enter", "use as target", 85)),
    ]

    /// Over any screen: Esc, ? or Enter closes, the arrows scroll.
    private static let help: [B] = [
        B([.escape, .character("?"), .enter], "close help", action: .back, label: "Esc / ?", contexts: [.help]),
        B([.up, .character("k")], "scroll up", action: .up, label: "↑ / k", contexts: [.help]),
        B([.down, .character("j")], "scroll down", action: .down, label: "↓ / j", contexts: [.help]),
        B([.pageUp], "scroll a page up", action: .pageUp, contexts: [.help]),
        B([.pageDown], "scroll a page down", action: .pageDown, contexts: [.help]),
    ]

    static let table = KeyTable<PlaygroundAction>(general + courseList + sandboxSetup + lesson + racePicker + earlierRuns
                                                  + canvas + textField + columnPicker + help)

    /// The action of a key in `context`: the table's, or in a text field a
    /// printable character the table leaves free, which types itself.
    static func action(for key: Key, in context: KeyContext) -> PlaygroundAction? {
        if let action = table.action(for: key, in: context) { return action }
        if context == .textField, case .character(let character) = key { return .type(character) }
        return nil
    }

    /// A screen's hint line: the hints of `context`'s keys (those `include`
    /// keeps), the most important kept when the width is short: q, ? and Esc
    /// always stay.
    static func hintBar(_ context: KeyContext, where include: (KeyBinding<PlaygroundAction>) -> Bool = { _ in true })
        -> StatusBar {
        // The screen's own keys first, then the general ones (Esc, ?, q) at the end of the line.
        let bindings = table.bindings(in: context).filter(include)
        let ordered = bindings.filter { $0.section != "General" } + bindings.filter { $0.section == "General" }.reversed()
        return StatusBar(hints: ordered.compactMap(\.hint))
    }
}
