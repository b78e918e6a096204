import MiniNN

extension LessonChecks {
    // MARK: The races' presets

    /// One runner of a preset race, trained headless as the race trains it:
    /// the lesson's knobs with the runner's changes, the lesson's seed (so
    /// the same data and first weights), its own model and data choice.
    public struct RaceRunnerRun {
        public var label: String
        public var run: LessonRun
        /// Its epoch-end reports, in order.
        public var reports: [EpochReport]
    }

    /// Builds every runner of `lesson`'s preset and trains each `epochs`
    /// epochs, or `batches` batches when given (for the MNIST lessons,
    /// where a few hundred batches show the point).
    public static func racePresetRuns(_ lesson: Lesson, epochs: Int = 1, batches: Int? = nil,
                                      locator: DatasetLocator = .standard) throws -> [RaceRunnerRun] {
        guard let preset = RacePreset.preset(for: lesson.slug) else {
            throw CheckError("lesson '\(lesson.slug)' has no race preset")
        }
        return try preset.runners.map { runner in
            let knobs = KnobSettings(lesson: lesson).applying(runner.changes)
            guard lesson.dataChoices.indices.contains(knobs.dataChoice), let model = knobs.model(for: lesson) else {
                throw CheckError("runner \(runner.label) of '\(lesson.slug)' has no data or model")
            }
            let run = try LessonRun(model: model, data: knobs.apply(to: lesson.dataChoices[knobs.dataChoice]),
                                    knobs: LiveKnobs(knobs.hyperparameters), seed: lesson.seed,
                                    training: lesson.training, labelNoise: knobs.labelNoise, locator: locator)
            var reports: [EpochReport] = []
            if let batches {
                for _ in 0..<batches {
                    if case .trained(_, let epochEnd?) = run.trainBatch() { reports.append(epochEnd) }
                }
            } else {
                reports = run.train(epochs: epochs).reports
            }
            return RaceRunnerRun(label: runner.label, run: run, reports: reports)
        }
    }

    /// Whether the preset of the lesson with this slug makes the point it
    /// states (``RacePreset/point``), on the lesson's own settings, in
    /// seconds. `built` is the lesson as the app builds it where that differs
    /// from the course's entry (the sandbox: its setup form's first choices).
    public static func checkRacePreset(slug: String, built: Lesson? = nil,
                                       locator: DatasetLocator = .standard) throws -> LessonCheckResult {
        guard let lesson = built ?? Course.lesson(slug: slug), lesson.slug == slug,
              let preset = RacePreset.preset(for: slug) else {
            throw CheckError("no lesson or no preset for '\(slug)'")
        }
        switch slug {
        case "perceptron":
            // AND and OR settle: every validation point on its side; XOR never beats a line that loses a corner.
            let runs = try racePresetRuns(lesson, epochs: 20, locator: locator)
            let final = runs.map { $0.reports.last?.validation?.accuracy ?? 0 }
            let bestXOR = runs[2].reports.compactMap { $0.validation?.accuracy }.max() ?? 1
            return LessonCheckResult(
                claim: preset.point, passed: runs.map(\.label) == ["AND", "OR", "XOR"]
                    && final[0] == 1 && final[1] == 1 && bestXOR < 0.9,
                measured: "after 20 epochs AND \(percent(final[0])), OR \(percent(final[1])); XOR at best \(percent(bestXOR))")
        case "many-classes":
            let runs = try racePresetRuns(lesson, epochs: 3, locator: locator)
            let losses = runs.map { $0.reports.last?.train.loss ?? .infinity }
            return LessonCheckResult(
                claim: preset.point, passed: runs.map(\.label) == ["sgd", "adam"] && losses[1] < losses[0],
                measured: "training loss after 3 epochs: sgd \(format(losses[0])), adam \(format(losses[1]))")
        case "mnist-mlp":
            // 400 batches: a quarter of the first epoch, long enough for the pictures to part ways.
            let runs = try racePresetRuns(lesson, batches: 400, locator: locator)
            let roughness = runs.map { ModelProbes.firstLayerRoughness($0.run.model)?.mean ?? .nan }
            return LessonCheckResult(
                claim: preset.point,
                passed: runs.map(\.label) == ["init He ×0.1", "init He ×1"] && roughness[0] <= 0.5
                    && roughness[1] > 2 * roughness[0],
                measured: "roughness after 400 batches: He ×0.1 \(format(roughness[0])), He ×1 \(format(roughness[1]))")
        case "mistakes":
            let runs = try racePresetRuns(lesson, epochs: 1, locator: locator)
            let threshold = KnobSettings(lesson: lesson).confidenceThreshold
            let findings = runs.map { runner -> (coverage: Float, answered: Float, all: Float) in
                let predictions = ModelProbes.classify(runner.run.model, data: runner.run.data.heldOut)
                let sure = CalibrationReport.at(least: threshold, predictions)
                let right = predictions.filter(\.isCorrect).count
                return (Float(sure.count) / Float(max(1, predictions.count)), sure.accuracy ?? 0,
                        Float(right) / Float(max(1, predictions.count)))
            }
            let passed = runs.map(\.label) == ["lr 0.01", "lr 0.1"] && findings[0].coverage < findings[1].coverage
                && findings.allSatisfy { $0.answered > $0.all }
            return LessonCheckResult(
                claim: preset.point, passed: passed,
                measured: zip(runs, findings).map { runner, found in
                    "\(runner.label): answers \(percent(found.coverage)) at ≥ \(format(threshold)), "
                        + "\(percent(found.answered)) of them right (all: \(percent(found.all)))"
                }.joined(separator: "; "))
        case "sandbox":
            // In that order, with room: adam's loss well under plain SGD's.
            let runs = try racePresetRuns(lesson, epochs: 100, locator: locator)
            let losses = runs.map { $0.reports.last?.train.loss ?? .infinity }
            let accuracies = runs.map { $0.reports.last?.validation?.accuracy ?? 0 }
            return LessonCheckResult(
                claim: preset.point,
                passed: runs.map(\.label) == ["sgd", "momentum", "adam"] && losses[2] < losses[1]
                    && losses[1] < losses[0] && losses[2] < 0.75 * losses[0],
                measured: "training loss (val accuracy) after 100 epochs: "
                    + runs.indices.map { "\(runs[$0].label) \(format(losses[$0])) (\(percent(accuracies[$0])))" }
                    .joined(separator: ", "))
        default:
            throw CheckError("'\(slug)''s preset is checked by its lesson's own race tests")
        }
    }
}
