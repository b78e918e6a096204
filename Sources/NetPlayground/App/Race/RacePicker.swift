import Lessons
import MiniNN
import TUI

/// `c` in a lesson: what to race. The lesson's preset (the race that makes
/// its point), or one of its knobs that train differently at two to four
/// values, suggested around the current one and each turned with the knob's
/// own steps. Enter (or `c` again) starts the race; Esc goes back.
struct RacePicker {
    /// The lesson the race is for; it goes on behind the picker as it was.
    var home: LessonScreen
    /// The lesson's own race (nil where it has none).
    let preset: RacePreset?
    /// The knobs the learner can race instead, in the panel's order.
    let raceable: [KnobKind]
    /// What the first row shows: the preset first when there is one, then each knob.
    private(set) var choice = 0
    /// The runners' settings when a knob is chosen: the lesson's knobs with that one turned.
    private(set) var values: [KnobSettings] = []
    /// The selected row: the choice, then each runner (for a knob), then Start.
    private(set) var row = 0
    /// What the last key did, when it did not do what it usually does.
    var note: String?

    /// What a key asks of the app.
    enum Outcome: Equatable {
        case stay, back
        case start(RacePreset)
    }

    /// Nil when nothing in the lesson races (nothing trains, or no knob does).
    init?(home: LessonScreen) {
        guard home.session != nil else { return nil }
        self.home = home
        preset = RacePreset.preset(for: home.lesson.slug)
        raceable = RacePreset.raceableKnobs(home.panel)
        guard preset != nil || !raceable.isEmpty else { return nil }
        // Where there is no preset, the knob the learner has selected (if it races).
        if preset == nil, home.panel.indices.contains(home.selectedKnob),
           let index = raceable.firstIndex(of: home.panel[home.selectedKnob]) {
            choice = index
        }
        suggestValues()
    }

    /// The knob chosen on the first row; nil for the preset.
    var knob: KnobKind? {
        let index = choice - (preset == nil ? 0 : 1)
        return raceable.indices.contains(index) ? raceable[index] : nil
    }

    private var choiceCount: Int { raceable.count + (preset == nil ? 0 : 1) }
    private var runnerRows: Int { knob == nil ? 0 : values.count }
    var startRow: Int { 1 + runnerRows }
    /// The runner on the selected row (0-based), if a runner's row is selected.
    var selectedRunner: Int? { row >= 1 && row <= runnerRows ? row - 1 : nil }

    /// What Enter would race now.
    var race: RacePreset? {
        guard let knob else { return preset }
        return RacePreset.race(knob, values: values, dataChoices: home.lesson.dataChoices)
    }

    /// The runners' names as the picker lists them.
    var runnerLabels: [String] { race?.runners.map(\.label) ?? [] }

    private var dataChoices: Int { home.lesson.dataChoices.count }

    private mutating func suggestValues() {
        guard let knob else { values = []; return }
        values = RacePreset.suggestedValues(knob, around: home.knobs, dataChoices: dataChoices)
    }

    /// The picker's update function: its own state changes here; what the
    /// app must do (start the race, go back) comes back.
    mutating func handle(_ action: PlaygroundAction) -> Outcome {
        note = nil
        switch action {
        case .back: return .back
        case .select:
            guard let race else {
                note = "a race needs two different values: turn one with ←→"
                return .stay
            }
            return .start(race)
        case .up: row = (row + startRow) % (startRow + 1)
        case .down: row = (row + 1) % (startRow + 1)
        case .left, .decrease: change(by: -1, coarse: false)
        case .right, .increase: change(by: 1, coarse: false)
        case .decreaseCoarse: change(by: -1, coarse: true)
        case .increaseCoarse: change(by: 1, coarse: true)
        case .addRunner: addRunner()
        case .removeRunner: removeRunner()
        default: break
        }
        return .stay
    }

    /// ←→ on the first row choose what to race; on a runner's row they turn its value.
    private mutating func change(by steps: Int, coarse: Bool) {
        if row == 0 {
            choice = ((choice + steps) % choiceCount + choiceCount) % choiceCount
            suggestValues()
            return
        }
        guard let runner = selectedRunner, let knob else {
            note = row == startRow ? "Enter starts the race" : nil
            return
        }
        values[runner].turn(knob, steps: steps, coarse: coarse, dataChoices: dataChoices)
    }

    /// `a`: one more runner, a step past the last one's value (four at most).
    private mutating func addRunner() {
        guard let knob, let last = values.last else {
            note = "the preset's runners are fixed: choose a knob on the first row to pick values"
            return
        }
        guard values.count < RacePreset.maximumRunners else {
            note = "a race has at most \(RacePreset.maximumRunners) runners"
            return
        }
        var next = last
        next.turn(knob, steps: 1, dataChoices: dataChoices)
        values.append(next)
        row = values.count
    }

    /// `x`: the selected runner goes (two stay).
    private mutating func removeRunner() {
        guard let runner = selectedRunner else {
            note = knob == nil ? "the preset's runners are fixed: choose a knob on the first row to pick values"
                : "select a runner's row (↓) to remove it"
            return
        }
        guard values.count > 2 else {
            note = "a race needs two runners"
            return
        }
        values.remove(at: runner)
        row = min(row, values.count)
    }
}
