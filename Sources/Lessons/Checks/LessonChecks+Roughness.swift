import MiniNN

/// The first layer's roughness over one run: the evidence for "noise becomes smooth".
public struct RoughnessTrace: Sendable {
    /// Mean roughness after `batch` batches (0: the initial weights).
    public struct Sample: Sendable, Equatable {
        public var batch: Int
        public var roughness: Float
    }

    public var samples: [Sample]
    /// Flat (dead) pictures after the last batch.
    public var flatAtEnd: Int
    /// The first epoch's report, when the run got that far.
    public var firstEpoch: EpochReport?

    /// The roughness at the initial weights.
    public var initial: Float { samples.first?.roughness ?? .nan }
    /// The roughness after the last batch.
    public var final: Float { samples.last?.roughness ?? .nan }
    /// The sample closest to `batch`.
    public func at(_ batch: Int) -> Float {
        samples.min { abs($0.batch - batch) < abs($1.batch - batch) }?.roughness ?? .nan
    }
    /// The highest roughness from `batch` on: "stays below" means this is below.
    public func worst(from batch: Int) -> Float {
        samples.filter { $0.batch >= batch }.map(\.roughness).max() ?? .nan
    }
}

extension LessonChecks {
    /// Trains `lesson` as the playground would with `knobs` (nil: the lesson's)
    /// on `data` (nil: the knobs' data choice) and records the first layer's
    /// mean roughness every `every` batches: until the first epoch ends, or
    /// for exactly `batches` batches when given.
    public static func roughnessTrace(_ lesson: Lesson, knobs: KnobSettings? = nil, data: LessonData? = nil,
                                      seed: UInt64 = seed, batches: Int? = nil, every: Int = 25,
                                      locator: DatasetLocator = .standard) throws -> RoughnessTrace {
        let knobs = knobs ?? KnobSettings(lesson: lesson)
        guard let model = knobs.model(for: lesson),
              let data = data ?? (lesson.dataChoices.indices.contains(knobs.dataChoice)
                                  ? knobs.apply(to: lesson.dataChoices[knobs.dataChoice]) : nil) else {
            throw CheckError("lesson \(lesson.id) trains nothing")
        }
        let run = try LessonRun(model: model, data: data, knobs: LiveKnobs(knobs.hyperparameters), seed: seed,
                                training: lesson.training, labelNoise: knobs.labelNoise, locator: locator)
        func measure() throws -> Roughness {
            guard let roughness = ModelProbes.firstLayerRoughness(run.model) else {
                throw CheckError("lesson \(lesson.id)'s first layer has no pictures to measure")
            }
            return roughness
        }
        var samples = [RoughnessTrace.Sample(batch: 0, roughness: try measure().mean ?? .nan)]
        var firstEpoch: EpochReport?
        var trained = 0
        while batches.map({ trained < $0 }) ?? (firstEpoch == nil) {
            guard case .trained(_, let epochEnd) = run.trainBatch() else { break }
            trained += 1
            if firstEpoch == nil { firstEpoch = epochEnd }
            let last = batches.map { trained == $0 } ?? (epochEnd != nil)
            if trained % max(1, every) == 0 || last {
                samples.append(.init(batch: trained, roughness: try measure().mean ?? .nan))
            }
        }
        return RoughnessTrace(samples: samples, flatAtEnd: try measure().flatCount, firstEpoch: firstEpoch)
    }

    /// Lesson 8's (and lesson 6's) claim on one seed: the first layer starts
    /// as noise (≥ 0.9), is smooth (≤ 0.5) by batch 300 and stays so to the end of the first epoch.
    public static func checkKernelsTurnSmooth(_ lesson: Lesson, seed: UInt64 = seed, smoothBy batch: Int = 300,
                                              locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        let trace = try roughnessTrace(lesson, seed: seed, locator: locator)
        let bound = RoughnessReading.smoothBound
        return LessonCheckResult(
            claim: "lesson \(lesson.id)'s first-layer pictures go from noise (≥ 0.9) to smooth (≤ \(bound)) "
                + "by batch \(batch) and stay smooth through the first epoch",
            passed: trace.initial >= 0.9 && trace.worst(from: batch) <= bound && trace.firstEpoch != nil,
            measured: "roughness \(format(trace.initial)) at init, \(format(trace.at(batch))) at batch \(batch), "
                + "at most \(format(trace.worst(from: batch))) after it, \(format(trace.final)) after the epoch, "
                + "\(trace.flatAtEnd) flat; test \(percent(trace.firstEpoch?.test?.accuracy ?? .nan))")
    }
}
