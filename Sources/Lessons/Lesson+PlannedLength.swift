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
            case .iris: return 200
            case .toy: return 300
            }
        }
    }
}
