import MiniNN

extension LessonChecks {
    // MARK: Lesson 1

    /// Accuracies of the perceptron on lesson 1's separable data sets.
    public struct PerceptronFindings: Sendable {
        /// Training and validation accuracy after training (1.0 once the line separates them).
        public var and: (train: Float, validation: Float)
        public var or: (train: Float, validation: Float)
        public var iris: (train: Float, validation: Float)
        /// OR trained on from the line AND left (the first experiment).
        public var orAfterAnd: (train: Float, validation: Float)
        public var epochs: Int
    }

    /// Trains lesson 1's perceptron on AND, OR and iris for `epochs` epochs
    /// each, and on OR after AND, as the first experiment does.
    public static func perceptron(epochs: Int = 30, locator: DatasetLocator = .standard) throws -> PerceptronFindings {
        let lesson = Course.perceptron
        func final(_ reports: [EpochReport]) -> (Float, Float) {
            (reports.last?.train.accuracy ?? 0, reports.last?.validation?.accuracy ?? 0)
        }
        func run(_ data: LessonData) throws -> LessonRun {
            try LessonRun(model: .perceptron(inputs: 2), data: data, knobs: LiveKnobs(lesson.knobs), seed: seed,
                          locator: locator)
        }
        let andData = try perceptronData("and"), orData = try perceptronData("or")
        let switched = try run(andData)
        switched.train(epochs: epochs)
        try switched.replaceData(orData, seed: seed)
        return PerceptronFindings(and: final(try run(andData).train(epochs: epochs).reports),
                                  or: final(try run(orData).train(epochs: epochs).reports),
                                  iris: final(try run(try perceptronData("iris")).train(epochs: epochs).reports),
                                  orAfterAnd: final(switched.train(epochs: epochs).reports), epochs: epochs)
    }

    static func perceptronData(_ name: String) throws -> LessonData {
        guard let data = Course.perceptron.dataChoices.first(where: { $0.fileName == name }) else {
            throw CheckError("lesson 1 lost its \(name) data")
        }
        return data
    }

    /// What the perceptron rule does on lesson 1's XOR points for one seed
    /// (the seed draws the points, the split and the weights), against the
    /// best any straight line can do on the same points.
    public struct XORFindings: Sendable {
        public var seed: UInt64
        /// Validation accuracy at each epoch end: what the screen shows.
        public var validationAccuracies: [Float]
        /// Corrections the rule made in each epoch: never zero means it never settles.
        public var corrections: [Int]
        /// The fewest mistakes any line makes on the validation and the training points.
        public var bestLineValidationMistakes: Int
        public var bestLineTrainMistakes: Int
        /// Points in the smallest corner of each set: what losing a whole corner costs.
        public var smallestValidationCorner: Int
        public var smallestTrainCorner: Int
        public var validationCount: Int

        public var bestValidationAccuracy: Float { validationAccuracies.max() ?? 0 }
        /// The validation accuracy of the best line.
        public var bestLineValidationAccuracy: Float {
            1 - Float(bestLineValidationMistakes) / Float(max(1, validationCount))
        }
    }

    /// Trains lesson 1's perceptron on its XOR points from `seed` for `epochs` epochs.
    public static func xor(seed: UInt64, epochs: Int = 30, locator: DatasetLocator = .standard) throws -> XORFindings {
        let lesson = Course.perceptron
        let run = try LessonRun(model: .perceptron(inputs: 2), data: try perceptronData("xor"),
                                knobs: LiveKnobs(lesson.knobs), seed: seed, locator: locator)
        let trace = trace(run, epochs: epochs)
        func smallestCorner(_ data: Dataset) -> Int { BestLine.cornerCounts(data).min() ?? 0 }
        return XORFindings(seed: seed, validationAccuracies: trace.reports.compactMap { $0.validation?.accuracy },
                           corrections: trace.batchLosses.map { Int($0.reduce(0, +).rounded()) },
                           bestLineValidationMistakes: BestLine.fewestMistakes(run.data.validation),
                           bestLineTrainMistakes: BestLine.fewestMistakes(run.data.train),
                           smallestValidationCorner: smallestCorner(run.data.validation),
                           smallestTrainCorner: smallestCorner(run.data.train),
                           validationCount: run.data.validation.count)
    }

    /// How long the perceptron rule takes to settle on AND at some noise.
    public struct SettlingFindings: Sendable {
        public var seed: UInt64
        public var noise: Float
        /// Corrections made until an epoch went by without one (or until the limit).
        public var corrections: Int
        /// Whether an epoch went by without a correction within the limit.
        public var settled: Bool
        /// Whether some line separates the training points.
        public var separable: Bool
    }

    /// Trains lesson 1's perceptron on AND at `noise` until an epoch makes no
    /// correction, at most `maxEpochs`. With `from`, it first settles at that
    /// noise and then meets the new points with the line it has, as the noise
    /// knob does on screen.
    public static func settling(noise: Float, seed: UInt64, from previousNoise: Float? = nil, maxEpochs: Int = 100,
                                locator: DatasetLocator = .standard) throws -> SettlingFindings {
        let lesson = Course.perceptron
        guard case .toy(let kind, let count, _, let fraction) = try perceptronData("and") else {
            throw CheckError("lesson 1's AND is not generated")
        }
        let data = LessonData.toy(kind, count: count, noise: noise, validationFraction: fraction)
        let run = try LessonRun(model: .perceptron(inputs: 2),
                                data: .toy(kind, count: count, noise: previousNoise ?? noise, validationFraction: fraction),
                                knobs: LiveKnobs(lesson.knobs), seed: seed, locator: locator)
        if previousNoise != nil {
            var epochs = 0
            while epochs < maxEpochs, trace(run, epochs: 1).batchLosses[0].reduce(0, +) > 0 { epochs += 1 }
            try run.replaceData(data, seed: seed)
        }
        var corrections = 0
        for _ in 0..<maxEpochs {
            // Batches of one: a batch's loss is 1 when the rule corrected the line.
            let made = Int(trace(run, epochs: 1).batchLosses[0].reduce(0, +).rounded())
            corrections += made
            if made == 0 {
                return SettlingFindings(seed: seed, noise: noise, corrections: corrections, settled: true,
                                        separable: BestLine.fewestMistakes(run.data.train) == 0)
            }
        }
        return SettlingFindings(seed: seed, noise: noise, corrections: corrections, settled: false,
                                separable: BestLine.fewestMistakes(run.data.train) == 0)
    }

    /// The seeds the lesson 1 and 2 checks run on.
    public static let seeds: ClosedRange<UInt64> = 1...5

    /// Lesson 1's claims, over seeds 1–5.
    public static func checkPerceptron(locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        let found = try perceptron(locator: locator)
        let xors = try seeds.map { try xor(seed: $0, locator: locator) }
        let separable = [found.and, found.or, found.iris, found.orAfterAnd].allSatisfy { $0.train == 1 && $0.validation == 1 }
        // No line gets all four corners; the best one loses exactly the smallest corner; the rule never beats it.
        let xorHolds = xors.allSatisfy {
            $0.bestLineValidationMistakes > 0 && $0.bestLineValidationMistakes == $0.smallestValidationCorner
                && $0.bestLineTrainMistakes == $0.smallestTrainCorner
                && $0.bestValidationAccuracy <= $0.bestLineValidationAccuracy
                && $0.corrections.allSatisfy { $0 > 0 }
        }
        return LessonCheckResult(
            claim: "the perceptron rule separates AND, OR (also after AND) and setosa/versicolor; on XOR no line "
                + "gets all four corners, the best line misclassifies a whole corner, and the rule, never settling, "
                + "does no better on the validation points (seeds 1–5)",
            passed: separable && xorHolds,
            measured: "train/validation AND \(percent(found.and.train))/\(percent(found.and.validation)), "
                + "OR \(percent(found.or.validation)), OR after AND \(percent(found.orAfterAnd.validation)), "
                + "iris \(percent(found.iris.validation)); XOR validation best/best line: "
                + xors.map { "seed \($0.seed) \(percent($0.bestValidationAccuracy))/\(percent($0.bestLineValidationAccuracy))" }
                    .joined(separator: ", "))
    }
}
