import Lessons
import MiniNN

/// Fills the snapshot from the model: what stays while training (sizes,
/// layers, points), cheap looks after batches, costly ones a few times a second.
extension TrainingSession {
    /// What does not change while training: sizes, layer list, points.
    func fillStatic() {
        guard let run else { return }
        let model = run.model
        snapshot.layerSummaries = model.layers.map(\.summary)
        snapshot.layerShapes = model.shapes
        snapshot.parameterCount = model.parameterCount
        snapshot.trainCount = run.data.train.count
        snapshot.validationCount = run.data.validation.count
        snapshot.classNames = run.data.train.classNames
        snapshot.regressionTarget = run.trainer.targetScale == nil ? nil : run.data.table?.target
        snapshot.schedulesLearningRate = training.schedule != nil
        if dataChoice.isPlanar {
            let extent = PlaneExtent(covering: [run.data.train, run.data.validation])
            snapshot.planeExtent = extent
            snapshot.points = Self.planePoints(run.data.train)
        } else if dataChoice.isTable, let projection = PlaneProjection(fitting: run.data.train) {
            self.projection = projection
            let points = projection.points(run.data.train)
            let all = points + projection.points(run.data.validation)
            snapshot.planeExtent = PlaneExtent(coveringX: all.map { $0.x }, y: all.map { $0.y })
            snapshot.points = points.map { PlanePoint(x: $0.x, y: $0.y, label: $0.label) }
            snapshot.planeCaptions = Self.planeCaptions(projection, featureNames: run.data.table?.featureNames ?? [])
        }
        digitIndex = min(digitIndex, max(0, run.data.heldOut.count - 1))
        if snapshot.roughnessHistory.isEmpty { recordRoughness(run) }
    }

    /// What the plane's axes are, longest first: "x: alcohol, y: malic_acid", or
    /// "PC1 × PC2 of 13 standardized features (55% of their variance)" and shorter forms.
    static func planeCaptions(_ projection: PlaneProjection, featureNames: [String]) -> [String] {
        if projection.isIdentity {
            let names = featureNames.count == 2 ? featureNames : ["feature 1", "feature 2"]
            return ["x: \(names[0]), y: \(names[1]) (standardized)", "x: \(names[0]), y: \(names[1])"]
        }
        let share = Int((projection.explainedVariance * 100).rounded())
        let count = projection.featureCount
        return ["PC1 × PC2 of \(count) standardized features (\(share)% of their variance)",
                "PC1 × PC2 of \(count) features (\(share)% of variance)",
                "PC1 × PC2 (\(share)% of variance)"]
    }

    static func planePoints(_ data: Dataset) -> [PlanePoint] {
        guard case .float(let values) = data.features, data.itemSize == 2 else { return [] }
        return (0..<data.count).map { PlanePoint(x: values[2 * $0], y: values[2 * $0 + 1], label: Int(data.labels[$0])) }
    }

    /// Cheap looks: boundary, weights, kernels, one digit.
    func probeLight(_ run: LessonRun) {
        let model = run.model
        let normalization = run.data.train.normalization
        if let extent = snapshot.planeExtent {
            if visuals.contains(.decisionBoundary) {
                snapshot.decisionMap = ModelProbes.decisionMap(model, normalization: normalization, extent: extent,
                                                               columns: 64, rows: 40, projection: projection)
                snapshot.perceptronLine = run.perceptronLine
            }
            if visuals.contains(.neuronMaps) {
                snapshot.neuronMaps = ModelProbes.neuronMaps(model, normalization: normalization, extent: extent,
                                                             columns: 20, rows: 12, limit: 16, projection: projection)
            }
            if visuals.contains(.network), projection?.isIdentity != false {
                snapshot.network = ModelProbes.networkPicture(model, normalization: normalization, extent: extent, side: 12)
            }
        }
        if visuals.contains(.firstLayerWeights) {
            snapshot.firstLayerWeights = ModelProbes.firstLayerWeights(model, limit: 24)
        }
        if visuals.contains(.kernels), let kernels = ModelProbes.firstConvKernels(model) {
            snapshot.kernelSide = kernels.side
            snapshot.kernels = kernels.kernels
        }
        if visuals.contains(.augmentedDigits) {
            // New draws every few batches, so the pictures move as training does.
            snapshot.augmentedDigits = ModelProbes.augmentedDigits(
                run.data.train, index: digitIndex, augmentation: run.trainer.knobs.value.augmentation,
                count: 8, seed: UInt64(run.trainer.stepsTaken / 8))
        }
        let heldOut = run.data.heldOut
        if (visuals.contains(.prediction) || visuals.contains(.activationMaps)), heldOut.count > 0 {
            let index = min(digitIndex, heldOut.count - 1)
            let batch = heldOut.batch([index])
            if visuals.contains(.activationMaps) {
                snapshot.activationMaps = ModelProbes.activationMaps(model, image: batch.inputs)
            }
            let output = model.forward(batch.inputs, training: false)
            snapshot.digit = DigitPrediction(index: index, pixels: Self.pixels(of: heldOut, index),
                                             label: batch.labels[0],
                                             probabilities: ModelProbes.probabilitiesOf(output.scalars))
        }
    }

    /// Costly looks over many examples: confusion matrix, predictions, mistakes.
    func probeHeavy(_ run: LessonRun) {
        if visuals.contains(.predictedVsActual), let actual = run.data.validation.targets,
           let predicted = run.trainer.regressionPredictions(run.data.validation) {
            snapshot.predictedVsActual = zip(actual, predicted).map { (actual: $0, predicted: $1) }
        }
        let wantsConfusion = visuals.contains(.confusionMatrix)
        let wantsMistakes = visuals.contains(.confidentMistakes) || visuals.contains(.calibration)
        guard wantsConfusion || wantsMistakes else { return }
        let heldOut = run.data.heldOut
        // MNIST's confusion matrix from 2,000 digits is as readable and five times quicker.
        let limit = dataChoice.isMNIST && !wantsMistakes ? 2_000 : heldOut.count
        let flag = stopFlag
        guard let predictions = ModelProbes.classify(run.model, data: heldOut, limit: limit, until: { flag.isSet })
        else { return }
        snapshot.confusion = ModelProbes.confusionMatrix(predictions, classes: max(2, heldOut.classCount))
        if wantsMistakes {
            snapshot.heldOutPredictions = predictions
            if visuals.contains(.calibration) {
                snapshot.calibration = ConfidenceAnalysis.calibration(predictions, bins: 10)
                snapshot.verySure = CalibrationReport.at(least: ConfidenceAnalysis.verySure, predictions)
            }
            snapshot.mistakes = ConfidenceAnalysis.mostConfidentMistakes(predictions, limit: 8).map { example in
                let batch = heldOut.batch([example.index])
                let output = run.model.forward(batch.inputs, training: false)
                return DigitPrediction(index: example.index, pixels: Self.pixels(of: heldOut, example.index),
                                       label: example.label, probabilities: ModelProbes.probabilitiesOf(output.scalars))
            }
        }
    }

    /// The model's reading of a drawn digit, normalized as its training
    /// digits are; posted at once, whether or not training runs.
    func readDrawing(_ pixels: [UInt8]) {
        guard let run else { return }
        let heldOut = run.data.heldOut
        guard case .bytes = heldOut.features, pixels.count == heldOut.itemSize else { return }
        let drawn = Dataset(name: "your drawing", itemShape: heldOut.itemShape, classNames: heldOut.classNames,
                            features: .bytes(pixels), labels: [0], normalization: run.data.train.normalization)
        let batch = drawn.batch([0])
        let model = run.model
        let maps = ModelProbes.activationMaps(model, image: batch.inputs)
        let output = model.forward(batch.inputs, training: false)
        snapshot.drawing = DrawingReading(input: pixels, probabilities: ModelProbes.probabilitiesOf(output.scalars),
                                          activationMaps: maps)
        publish(force: true, heavy: false)
    }

    static func pixels(of data: Dataset, _ index: Int) -> [UInt8] {
        guard case .bytes(let bytes) = data.features, index < data.count else { return [] }
        let size = data.itemSize
        return Array(bytes[index * size ..< (index + 1) * size])
    }
}
