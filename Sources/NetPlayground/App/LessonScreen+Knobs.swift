import Lessons
import TUI

extension LessonScreen {
    /// A knob of the panel as the TUI's knob panel shows it: its value in words,
    /// and for knobs with an order, where the value sits on its ladder (the slider).
    func knobWidget(_ kind: KnobKind) -> Knob {
        let text = knobs.display(kind, dataChoices: lesson.dataChoices)
        func on<T: Comparable>(_ ladder: [T], _ value: T) -> Knob {
            // The first notch at or above the value: values are on their ladder.
            let index = ladder.firstIndex { $0 >= value } ?? (ladder.count - 1)
            return Knob(kind.label, choice: index, of: ladder.count, text: text)
        }
        func between(_ value: Float, _ range: ClosedRange<Double>) -> Knob {
            Knob(kind.label, value: Double(value), range: range, text: text)
        }
        let h = knobs.hyperparameters
        switch kind {
        case .learningRate: return on(KnobSettings.learningRates, h.learningRate * 0.999)
        case .weightDecay: return on(KnobSettings.decays, h.weightDecay * 0.999)
        case .l1: return on(KnobSettings.decays, h.l1 * 0.999)
        case .batchSize: return on(KnobSettings.batchSizes, h.batchSize)
        case .dropout: return between(h.dropout, 0...0.9)
        case .noise: return between(knobs.noise, 0...1)
        case .validationFraction: return between(knobs.validationFraction, 0.1...0.5)
        case .confidenceThreshold: return on(KnobSettings.thresholds, knobs.confidenceThreshold * 0.999)
        case .initScale: return on(KnobSettings.initScales, knobs.initScale * 0.999)
        case .labelNoise: return on(KnobSettings.labelNoises, knobs.labelNoise * 0.999)
        case .shift: return on(KnobSettings.shifts, h.augmentation.maxShift)
        case .flip: return Knob(kind.label, choice: h.augmentation.flipsHorizontally ? 1 : 0, of: 2, text: text)
        case .start: return Knob(kind.label, choice: knobs.pretrained == false ? 1 : 0, of: 2, text: text)
        case .stride: return Knob(kind.label, choice: knobs.stride - 1, of: 3, text: text)
        case .padding: return Knob(kind.label, choice: knobs.padding, of: 3, text: text)
        case .speed:
            // Slowest on the left, full speed on the right: up is faster, as `>` is.
            let ladder = Array(BatchRate.ladder.reversed())
            return Knob(kind.label, choice: ladder.firstIndex(of: knobs.speed) ?? (ladder.count - 1),
                        of: ladder.count, text: text)
        case .perDigit: return Knob(kind.label, choice: knobs.dataChoice, of: max(1, lesson.dataChoices.count), text: text,
                                    ordered: false)
        case .optimizer, .data, .activation, .handKernel:
            return Knob(kind.label, choice: 0, of: 1, text: text, ordered: false)
        }
    }
}
