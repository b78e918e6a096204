import Foundation
import Lessons
import MiniNN
import TUI

/// The set `eval` runs a model on, and what it is in words.
struct EvaluationTarget {
    /// Which part of the data: the held-out test or validation part, the
    /// training part, or all of a dataset (older files that record no split).
    enum Split: String { case test, validation, train, whole = "whole-dataset" }

    var dataset: Dataset
    var split: Split
    /// Names the set for the output, e.g. "MNIST test images 1–1,000 (lesson data: …)".
    var description: String
    /// True when the set is exactly the one the file's figures were measured
    /// on (the file records its data, or names a recipe this version has).
    var isExact: Bool
    /// Said on standard error: what could not be told, and what was used instead.
    var notes: [String] = []
}

extension EvalCommand {
    /// The data a model is evaluated on, inputs normalized as the file says:
    /// - the file's ``DataRecord``: the same points, split or images, and
    ///   their held-out part (test, else validation, else train);
    /// - else its recipe's test or validation split, from the file's seed;
    /// - else, for older files, all MNIST test images or all 150 iris flowers
    ///   when the model takes all four measurements. Anything else cannot be
    ///   told, and the error says so.
    static func evaluationTarget(for info: ModelFileInfo, path: String, locator: DatasetLocator) throws -> EvaluationTarget {
        var target: EvaluationTarget
        if let record = info.data {
            target = try recordedTarget(record, locator: locator)
        } else if let recipe = RecipeCatalog.recipe(named: info.recipe) {
            let splits = try recipe.data.load(locator: locator, seed: info.seed)
            let (dataset, split): (Dataset, EvaluationTarget.Split) =
                if let test = splits.test { (test, .test) }
                else if let validation = splits.validation { (validation, .validation) }
                else { (splits.train, .train) }
            target = EvaluationTarget(dataset: dataset, split: split,
                                      description: "\(recipe.name) \(split.rawValue) set (\(recipe.data.summary), seed \(info.seed))",
                                      isExact: true)
        } else {
            target = try olderFileTarget(info, path: path, locator: locator)
        }
        target.dataset.normalization = info.normalization
        return target
    }

    /// The held-out part of the data a record describes.
    private static func recordedTarget(_ record: DataRecord, locator: DatasetLocator) throws -> EvaluationTarget {
        let sets = try LessonDataSets.load(LessonData(record), seed: record.seed, locator: locator)
        let about = record.summary
        if let test = sets.test, test.count > 0 {
            let images = if case .mnistDigits(let digits, _, _) = record.source {
                "the \(test.count.grouped) MNIST test images of digits \(LessonData.digitRange(digits))"
            } else if test.count == DataRecord.mnistTestImages { "all 10,000 MNIST test images" }
            else { "MNIST test images 1–\(test.count.grouped) of 10,000" }
            return EvaluationTarget(dataset: test, split: .test, description: "\(images) (data: \(about))", isExact: true)
        }
        let points = pointsWord(record)
        let total = sets.train.count + sets.validation.count
        if sets.validation.count > 0 {
            return EvaluationTarget(dataset: sets.validation, split: .validation,
                                    description: "validation split, \(sets.validation.count.grouped) of \(total.grouped) "
                                        + "\(points) (data: \(about))", isExact: true)
        }
        // No held-out part: the training points, with the wrong labels they trained on.
        var train = sets.train
        if record.labelNoise > 0 {
            train = LabelNoise.corrupt(train, share: record.labelNoise, seed: SeededGenerator.derive(record.seed, 0x1ABE1))
        }
        return EvaluationTarget(dataset: train, split: .train,
                                description: "training set, all \(total.grouped) \(points) (data: \(about); "
                                    + "nothing was held out)", isExact: true)
    }

    private static func pointsWord(_ record: DataRecord) -> String {
        switch record.source {
        case .toy: "points"
        case .iris: "flowers"
        case .mnist, .mnistDigits: "images"
        }
    }

    /// A file from before NetPlayground recorded its data.
    private static func olderFileTarget(_ info: ModelFileInfo, path: String, locator: DatasetLocator) throws -> EvaluationTarget {
        let why = "the file does not record which data the model trained on (it was saved before NetPlayground "
            + "recorded it)"
        let inputs = Tensor.elementCount(of: info.architecture.inputShape)
        let shownPath = TerminalText.sanitized(path, maxLength: 400)
        switch info.dataset {
        case "mnist":
            let test = try DatasetCache.shared.mnist(locator: locator).test
            return EvaluationTarget(dataset: test, split: .test, description: "all 10,000 MNIST test images",
                                    isExact: false,
                                    notes: ["\(why): evaluating on all 10,000 MNIST test images, which may not be "
                                            + "the ones it was tested on while training"])
        case "iris" where inputs == Iris.featureNames.count && info.classNames.count == Iris.classNames.count:
            let all = try Iris.load(from: locator.irisDirectory())
            return EvaluationTarget(dataset: all, split: .whole, description: "all \(all.count.grouped) iris flowers",
                                    isExact: false,
                                    notes: ["\(why): evaluating on all \(all.count) flowers, the ones it trained on included"])
        case "iris":
            throw UnknownData(description: "\(shownPath): cannot tell which iris data the model was trained on: it takes "
                              + "\(inputs) of the 4 measurements and tells apart \(info.classNames.count) species, "
                              + "and \(why); export it again to evaluate it")
        default:
            let name = TerminalText.sanitized(info.recipe.isEmpty ? info.dataset : info.recipe, maxLength: 80)
            if ToyKind(rawValue: info.dataset) != nil, info.recipe.isEmpty {
                throw UnknownData(description: "\(shownPath): cannot tell which '\(name)' points the model was trained "
                                  + "on: \(why), and generated points need their count, noise and seed; "
                                  + "export it again to evaluate it")
            }
            // The file, not the command line, is at fault: status 1 without the usage text.
            throw UnknownData(description: "\(shownPath): cannot tell which data '\(name)' was trained on: "
                              + "neither its recipe nor its dataset is one this version knows (mnist, iris)")
        }
    }
}
