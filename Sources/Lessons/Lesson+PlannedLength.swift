extension Lesson {
    /// How many epochs a run of this lesson is planned for: the playground
    /// pauses there and says so, and the learner goes on with Space on purpose.
    /// Enough for what the lesson text promises, short enough that nobody
    /// leaves a convnet running for an hour by accident. Nil when nothing trains.
    public var plannedEpochs: Int? {
        guard trains, let data else { return nil }
        // A schedule that decays over the planned epochs has nothing to give past them.
        if training.schedule != nil { return training.plannedEpochs }
        switch id {
        case 1: return 60  // the perceptron steps through AND one point at a time
        case 5: return 60  // overfitting needs many passes over 2,000 digits
        case 6: return 3
        case 9: return 3
        default:
            switch data {
            case .mnist: return 5
            case .mnistDigits: return training.plannedEpochs
            case .iris, .csv: return 200
            case .toy: return 300
            }
        }
    }
}

extension LessonTraining {
    /// Whether the epoch that just ended is where a run planned for
    /// `plannedEpochs` epochs ends: the planned epoch itself or, when a planned
    /// epoch counts ``epochItems`` (lesson 8's data knob picks fewer digits that
    /// train as long), the first epoch end at or past that many items.
    ///
    /// `endedEpoch` is 0-based, `itemsSeen` counts every item trained so far
    /// and `trainCount` is the training set's size. It holds at one epoch end
    /// only, so a learner who goes on past the plan is not stopped again.
    public func plannedLengthReached(plannedEpochs: Int, endedEpoch: Int, itemsSeen: Int, trainCount: Int) -> Bool {
        guard let epochItems else { return endedEpoch + 1 == plannedEpochs }
        let plannedItems = plannedEpochs * epochItems
        return itemsSeen >= plannedItems && itemsSeen - trainCount < plannedItems
    }
}
