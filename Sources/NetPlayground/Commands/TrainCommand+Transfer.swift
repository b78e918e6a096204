import Foundation
import Lessons
import MiniNN

/// `netplayground train mnist-transfer`: lesson 10 headless. The convnet
/// learns digits 0–4, its convolutions are frozen under a new head for 5–9,
/// and that head learns from a few images of each new digit; the same
/// network from scratch trains on the same images for the same steps.
enum TransferRecipe {
    /// The name `train` takes.
    static let name = "mnist-transfer"
    /// The line in `train --help`.
    static let summary = "lesson 10: convnet pretrained on 0–4, reused on 5–9 from 20 images each"
    /// Images per class accepted by --per-class.
    static let perClassRange = 1...5_000
}

extension TrainCommand {
    /// Trains and prints the comparison: a summary, or with `--json` one object
    /// with `finetuned_test_accuracy`, `scratch_test_accuracy`, `per_class` and the seconds of each.
    func runTransfer() throws {
        let log = OutputStream.standardError
        var plan = TransferPlan(perClass: perClass ?? TransferPlan().perClass, seed: seed ?? 1)
        if let epochs { plan.epochs = epochs }
        plan.knobs = knobs.applied(to: plan.knobs)
        StopSignals.install()
        let loadStarted = ContinuousClock.now
        let data = try TransferData.load(locator: try .commandLine(dataDirectory: dataDir))
        let small = data.smallSet(plan)
        log.line("\(TransferRecipe.name): \(data.pretraining.count.grouped) training digits 0–4 to pretrain, "
                 + "\(small.count.grouped) of 5–9 to reuse (\(plan.perClass) each), "
                 + "\(data.test.count.grouped) test digits 5–9 (ready in \(Format.seconds(Self.seconds(since: loadStarted))))")
        log.line("knobs: \(plan.knobs.optimizer.rawValue), lr \(Format.knob(plan.knobs.learningRate)), "
                 + "batch \(plan.knobs.batchSize), \(plan.epochs) epochs on the small set, seed \(plan.seed)")

        log.line("pretraining on digits 0–4 (\(plan.pretrainEpochs) epochs):")
        let pretrainBar = ProgressBar(output: log, epochs: plan.pretrainEpochs)
        let pretrainStarted = ContinuousClock.now
        let base = try TransferLearning.pretrain(on: data, plan: plan, observers: [pretrainBar, StopOnSignalAll()])
        let pretrainSeconds = Self.seconds(since: pretrainStarted)
        pretrainBar.close()
        try stopIfSignalled(during: "pretraining")

        log.line("fine-tuning the new head (convolutions frozen) and training from scratch, \(plan.epochs) epochs each")
        let result = try TransferLearning.compare(data: data, plan: plan, pretrained: base,
                                                  observers: [StopOnSignalAll()])
        try stopIfSignalled(during: "fine-tuning")

        var object = JSONObject()
        object.set("model", TransferRecipe.name)
        object.set("per_class", plan.perClass)
        object.set("train_items", small.count)
        object.set("test_items", data.test.count)
        object.set("epochs", plan.epochs)
        object.set("steps", result.steps)
        object.set("seed", plan.seed)
        object.set("finetuned_test_accuracy", result.fineTunedAccuracy)
        object.set("scratch_test_accuracy", result.scratchAccuracy)
        object.set("finetuned_seconds", result.fineTunedSeconds)
        object.set("scratch_seconds", result.scratchSeconds)
        object.set("pretrain_seconds", pretrainSeconds)
        if json {
            OutputStream.standardOutput.line(object.text)
        } else {
            let gap = (result.fineTunedAccuracy - result.scratchAccuracy) * 100
            OutputStream.standardOutput.line("""
                test accuracy on digits 5–9 (\(data.test.count.grouped) images), \(plan.perClass) training images of each:
                  fine-tuned (convolutions from digits 0–4, frozen): \(Format.percent(result.fineTunedAccuracy))  \
                in \(Format.seconds(result.fineTunedSeconds))
                  from scratch (the same network, the same steps):   \(Format.percent(result.scratchAccuracy))  \
                in \(Format.seconds(result.scratchSeconds))
                  fine-tuning is \(String(format: "%+.1f", gap)) points ahead; pretraining took \(Format.seconds(pretrainSeconds))
                """)
        }
    }

    private func stopIfSignalled(during phase: String) throws {
        guard let signal = StopSignals.received else { return }
        OutputStream.standardError.line("stopped by \(StopSignals.name(of: signal)) during \(phase); nothing written")
        Foundation.exit(StopSignals.exitStatus(for: signal))
    }
}

/// Stops every trainer it watches at the end of the batch in which a stop signal arrived.
private final class StopOnSignalAll: TrainingObserver {
    func training(_ event: TrainingEvent) {
        guard case .batchEnd = event, let signal = StopSignals.received else { return }
        OutputStream.standardError.line("stopped by \(StopSignals.name(of: signal)); nothing written")
        Foundation.exit(StopSignals.exitStatus(for: signal))
    }
}
