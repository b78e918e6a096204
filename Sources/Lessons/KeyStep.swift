/// One thing to do on the lesson screen, as a "Try this" experiment names it.
///
/// Keys are named as the playground's help names them ("]", "r", "Space",
/// "Tab", "Esc", "Enter", "↓"), so a test can look each one up in the key
/// table and replay the steps on the real screen: the words the learner reads
/// are made from these steps and cannot drift from what the keys do.
public enum KeyStep: Sendable, Equatable {
    /// Press ↓ until the knob panel selects `knob` (↓ wraps, so it always gets there).
    case select(KnobKind)
    /// Press `key`, `times` times.
    case press(String, times: Int = 1)
    /// After the steps before it, `knob` shows `value` in the panel
    /// (as ``KnobSettings/display(_:dataChoices:)`` writes it), e.g. learning rate → "1.0".
    case expect(KnobKind, String)
    /// The sandbox's setup form: ↓ to the row labelled `row`, then ←→ until
    /// it shows `value`. An empty value only moves there (the "Start" row).
    case form(row: String, value: String)
    /// Words that go with the key before them, e.g. "to step" (nothing to press).
    case words(String)

    /// New weights from the next seed.
    public static let reset = KeyStep.press("r")
    /// Pause and train one batch.
    public static let stepBatch = KeyStep.press("s")
    /// Train to the end of the epoch, then pause.
    public static let stepEpoch = KeyStep.press("n")
    /// Pause, or run again.
    public static let pause = KeyStep.press("Space")
}

extension Experiment {
    /// The keys in words, each key in backticks (the TUI's key markup), e.g.
    /// "`↓` to learning rate, then `]` twice (→ 1.0)".
    public var keysMarkup: String { KeyStep.markup(keys) }

    /// The keys in words as the learner meets them with `selected` already
    /// selected in the knob panel: a first "↓ to" that knob is not needed, so not said.
    public func keysMarkup(selected: KnobKind?) -> String {
        if case .select(let knob)? = keys.first, knob == selected { return KeyStep.markup(Array(keys.dropFirst())) }
        return keysMarkup
    }

    /// The keys in words without markup: "↓ to learning rate, then ] twice (→ 1.0)".
    public var keysText: String { keysMarkup.replacingOccurrences(of: "`", with: "") }
}

extension KeyStep {
    /// The steps as one sentence: phrases joined by ", then ", a value reached
    /// in parentheses after the keys that reach it.
    static func markup(_ steps: [KeyStep]) -> String {
        var phrases: [String] = []
        var formRows: [String] = []
        func appendToLast(_ text: String) {
            let glued = text.first.map { ",;:.".contains($0) } ?? false
            if phrases.isEmpty { phrases.append(text) } else { phrases[phrases.count - 1] += (glued ? "" : " ") + text }
        }
        func flushForm() {
            guard !formRows.isEmpty else { return }
            phrases.append("set " + formRows.joined(separator: ", ") + " (`↑↓` row, `←→` change)")
            formRows = []
        }
        for step in steps {
            if case .form(let row, let value) = step, !value.isEmpty {
                formRows.append("\(row) to \(value)")
                continue
            }
            flushForm()
            switch step {
            case .select(let knob): phrases.append("`↓` to \(knob.label)")
            case .press(let key, let times):
                let phrase = "`\(key)`" + timesWord(times)
                phrases.append(phrases.isEmpty ? "press " + phrase : phrase)
            case .expect(_, let value): appendToLast("(→ \(value))")
            case .form(let row, _): phrases.append("`↓` to \(row)")
            case .words(let words): appendToLast(words)
            }
        }
        flushForm()
        return phrases.joined(separator: ", then ")
    }

    private static func timesWord(_ times: Int) -> String {
        let words = [2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times",
                     7: "seven times", 8: "eight times", 9: "nine times", 10: "ten times"]
        if times <= 1 { return "" }
        return " " + (words[times] ?? "\(times) times")
    }
}
