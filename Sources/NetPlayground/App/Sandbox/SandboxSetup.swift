import Foundation
import Lessons
import MiniNN
import TUI

/// The sandbox's form: data, layer stack, activation, loss, optimizer, or a
/// saved model to continue; Enter on "Start" opens the live view.
struct SandboxSetup {
    enum Row: CaseIterable {
        case data, layers, activation, loss, optimizer, saved, start

        var label: String {
            switch self {
            case .data: "data"
            case .layers: "hidden layers"
            case .activation: "activation"
            case .loss: "loss"
            case .optimizer: "optimizer"
            case .saved: "or continue"
            case .start: ""
            }
        }
    }

    /// A stack that cannot train on the chosen data, in words.
    struct Problem: Error { let message: String }

    /// Layer stacks to pick from: hidden sizes, or the lesson 8 convnet.
    enum Stack: Equatable {
        case dense([Int])
        case convnet

        var label: String {
            switch self {
            case .dense(let sizes) where sizes.isEmpty: "none (a linear model)"
            case .dense(let sizes): sizes.map(String.init).joined(separator: " → ")
            case .convnet: "convnet (MNIST only)"
            }
        }
    }

    static let stacks: [Stack] = [
        .dense([]), .dense([2]), .dense([4]), .dense([8]), .dense([16]), .dense([8, 8]), .dense([16, 16]),
        .dense([32, 32]), .dense([64]), .dense([128]), .dense([256, 256]), .dense([16, 16, 16]), .convnet,
    ]
    static let losses: [LossKind] = [.softmaxCrossEntropy, .meanSquaredError, .binaryCrossEntropy]

    var focusedRow: Row = .data
    var dataIndex = 0
    var stackIndex = 6
    var activation: ActivationKind = .relu
    var lossIndex = 0
    var optimizer: OptimizerKind = .adam
    /// 0: start fresh; i > 0: the i-th saved model found.
    var savedIndex = 0
    var savedModels: [String] = []
    var problem: String?

    // "Your own CSV" (see SandboxSetup+Table.swift).
    var mode = Mode.form
    /// The path being typed, and the names the second Tab listed.
    var pathText = ""
    var completionChoices: [String] = []
    var tabPressedLast = false
    /// Relative paths are read from here (the directory the playground started in).
    var workingDirectory = FileManager.default.currentDirectoryPath
    /// The file read, its columns and the target picked.
    var table: TableChoice?
    /// The rows of that file, to check a target before training on it.
    var loadedTable: CSVTable?

    var dataChoices: [LessonData] { Course.sandbox.dataChoices }

    mutating func handle(_ action: PlaygroundAction) {
        if handleTableKeys(action) { return }
        let rows = Row.allCases
        let index = rows.firstIndex(of: focusedRow) ?? 0
        switch action {
        case .up: focusedRow = rows[(index + rows.count - 1) % rows.count]
        case .down, .select: focusedRow = rows[(index + 1) % rows.count]
        case .left: change(by: -1)
        case .right: change(by: 1)
        default: break
        }
    }

    private mutating func change(by delta: Int) {
        problem = nil
        func wrap(_ value: Int, _ count: Int) -> Int { ((value % count) + count) % count }
        switch focusedRow {
        case .data: dataIndex = wrap(dataIndex + delta, dataChoices.count + 1)  // the last: your own CSV
        case .layers: stackIndex = wrap(stackIndex + delta, Self.stacks.count)
        case .activation:
            let all = KnobSettings.activations
            activation = all[wrap((all.firstIndex(of: activation) ?? 0) + delta, all.count)]
        case .loss: lossIndex = wrap(lossIndex + delta, Self.losses.count)
        case .optimizer:
            let all = OptimizerKind.allCases
            optimizer = all[wrap((all.firstIndex(of: optimizer) ?? 0) + delta, all.count)]
        case .saved:
            if savedModels.isEmpty {
                savedModels = Self.findSavedModels(root: ModelExport.defaultRoot()) + Self.keptRunModels(in: RunHistory())
            }
            savedIndex = wrap(savedIndex + delta, savedModels.count + 1)
        case .start: break
        }
    }

    /// The weights of the runs the history kept, newest first (at most 20):
    /// continuing one trains on from where that run stopped.
    static func keptRunModels(in history: RunHistory) -> [String] {
        history.list().records.compactMap { record in record.weights.map { history.directory + "/" + $0 } }
            .filter { FileManager.default.fileExists(atPath: $0) }.prefix(20).map { $0 }
    }

    /// Model files under the export directory, newest first.
    static func findSavedModels(root: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        return names.sorted(by: >).map { "\(root)/\($0)/\(ModelExport.modelFile)" }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// The lesson the form describes, or why it cannot train.
    func lesson(exportRoot: String) -> Result<Lesson, Problem> {
        var lesson = Course.sandbox
        if savedIndex > 0, savedModels.indices.contains(savedIndex - 1) {
            return loadedLesson(path: savedModels[savedIndex - 1])
        }
        let data: LessonData
        if choosesOwnTable {
            guard let own = tableData else {
                return .failure(Problem(message: "choose the CSV file first: Enter on the data row, then type its path"))
            }
            data = own
        } else {
            data = dataChoices[dataIndex]
        }
        let (inputs, classes): (Int, Int) = switch data {
        case .toy: (2, 2)
        case .iris(let features, let species, _): (features.count, species.count)
        case .mnist: (784, 10)
        case .mnistDigits(let digits, _, _): (784, digits.count)
        case .csv: (table?.inputCount ?? 1, table?.classNames.count ?? 2)
        }
        let loss = Self.losses[lossIndex]
        let spec: ModelSpec
        let regression = choosesOwnTable && table?.isRegression == true
        switch Self.stacks[stackIndex] {
        case .dense(let hidden) where regression:
            // As `train --csv` builds a regression: one linear output, mean squared error, a dropout layer to turn up.
            spec = ModelSpec.classifier(inputs: inputs, hidden: hidden, classes: 1, activation: activation,
                                        dropout: !hidden.isEmpty, loss: .meanSquaredError)
            lesson.dataChoices = [data]
        case .convnet:
            guard case .mnist(let train, let validation, let test, _) = data else {
                return .failure(Problem(message: "the convnet takes 28×28 images: choose MNIST as the data"))
            }
            lesson.dataChoices = [.mnist(trainCount: train, validationCount: validation, testCount: test, flattened: false)]
            spec = ModelSpec.lessonConvnet
        case .dense(let hidden):
            if loss == .binaryCrossEntropy {
                guard classes == 2 else {
                    return .failure(Problem(message: "binary cross-entropy is for two classes; \(data.displayName) has \(classes)"))
                }
                var stack = ModelSpec.classifier(inputs: inputs, hidden: hidden, classes: 2, activation: activation)
                stack.layers.removeLast()
                stack.layers.append(.dense(inputs: hidden.last ?? inputs, outputs: 1))
                stack.layers.append(.activation(.sigmoid))
                stack.loss = .binaryCrossEntropy
                spec = stack
            } else {
                var stack = ModelSpec.classifier(inputs: inputs, hidden: hidden, classes: classes, activation: activation)
                stack.loss = loss
                spec = stack
            }
            lesson.dataChoices = [data]
        }
        lesson.data = lesson.dataChoices.first
        lesson.model = .network(spec)
        lesson.knobs.optimizer = optimizer
        if data.isMNIST { lesson.knobs.learningRate = optimizer == .adam ? 0.001 : 0.05 }
        if data.isMNIST { lesson.defaultSpeed = .full }
        lesson.panel = data.isPlanar ? lesson.panel : lesson.panel.filter { $0 != .noise && $0 != .validationFraction }
        lesson.visuals = data.isPlanar
            ? [.decisionBoundary, .lossCurves, .neuronMaps, .network]
            : (data.isMNIST
                ? (Self.stacks[stackIndex] == .convnet
                    ? [.kernels, .lossCurves, .activationMaps, .prediction, .confusionMatrix, .network]
                    : [.lossCurves, .firstLayerWeights, .prediction, .confusionMatrix, .network])
                // A table of two or more inputs is drawn in a plane: its two columns, or its first two principal components.
                : (regression
                    // The scatter first: it takes the larger slot at 80×24, and sits beside the loss when wide.
                    ? [.predictedVsActual, .lossCurves, .network]
                    : (data.isTable && inputs >= 2
                        ? [.decisionBoundary, .lossCurves, .confusionMatrix, .network]
                        : [.lossCurves, .confusionMatrix, .network])))
        return .success(lesson)
    }

    /// A sandbox lesson that continues a saved model on the data it names.
    static func lesson(continuing path: String) -> Result<Lesson, Problem> { SandboxSetup().loadedLesson(path: path) }

    /// A sandbox lesson that continues a saved model on the data it names.
    private func loadedLesson(path: String) -> Result<Lesson, Problem> {
        let loaded: LoadedModel
        do {
            loaded = try ModelFile.load(from: path)
        } catch {
            // The file is untrusted: ModelFile.load checks it against
            // ModelLimits, and its words (a tensor name) are shown escaped and capped.
            return .failure(Problem(message: TerminalText.sanitized("\(error)", maxLength: 300)))
        }
        let info = loaded.info
        // The data it trained on, as the file records it; older files get the
        // dataset's usual data where that fits the model.
        let inputs = Tensor.elementCount(of: info.architecture.inputShape)
        let data: LessonData? = if let record = info.data { LessonData(record) } else {
            switch info.dataset {
            case "mnist":
                .mnist(trainCount: 55_000, validationCount: 5_000, testCount: 10_000,
                       flattened: info.architecture.inputShape.count == 1)
            case "iris" where inputs == 4: .iris(features: [0, 1, 2, 3], species: [0, 1, 2], validationFraction: 0.2)
            default: ToyKind(rawValue: info.dataset).map { .toy($0, count: 400, noise: $0.defaultNoise, validationFraction: 0.2) }
            }
        }
        let shownPath = TerminalText.sanitized(path, maxLength: 200)
        guard let data else {
            if info.dataset == "iris" {
                return .failure(Problem(message: "\(shownPath) takes \(inputs) of iris's 4 measurements and does not "
                                        + "say which (saved before NetPlayground recorded them); export it again"))
            }
            return .failure(Problem(message: "\(shownPath) was trained on '\(TerminalText.sanitized(info.dataset, maxLength: 60))', "
                                    + "which the sandbox does not know"))
        }
        var lesson = Course.sandbox
        lesson.data = data
        lesson.dataChoices = [data]
        lesson.model = .saved(path: path, spec: info.architecture)
        lesson.knobs = info.hyperparameters
        // The seed draws the data: the recorded one gives the same points and split.
        lesson.seed = info.data?.seed ?? info.seed
        // And the same wrong labels: continuing lesson 8's 50%-noise run on clean labels would be another experiment.
        lesson.labelNoise = info.data?.labelNoise ?? 0
        if lesson.labelNoise > 0, let speed = lesson.panel.firstIndex(of: .speed) {
            lesson.panel.insert(.labelNoise, at: speed)  // shown, and turned down from there
        }
        lesson.visuals = data.isPlanar ? [.decisionBoundary, .lossCurves, .network]
            : [.lossCurves, .prediction, .confusionMatrix, .network]
        return .success(lesson)
    }

    // MARK: Drawing

    func render(into grid: inout Grid, area: Rect) {
        switch mode {
        case .form: renderForm(into: &grid, area: area)
        case .path: renderPathField(into: &grid, area: area)
        case .columns: renderColumns(into: &grid, area: area)
        }
    }

    private func renderForm(into grid: inout Grid, area: Rect) {
        let theme = grid.theme
        let (inner, messageRows, hints) = frame(into: &grid, area: area, title: "Your network",
                                                subtitle: "build a network, then train it live")
        // The form's rows are knobs (choices with no slider), a blank row between two; then Start.
        let choices = Row.allCases.filter { $0 != .start }
        let unicode = grid.glyphs.isUnicode
        let knobs = choices.map {
            Knob($0.label, choice: 0, of: 1, text: unicode ? value(of: $0) : Self.ascii(value(of: $0)), ordered: false)
        }
        let selected = choices.firstIndex(of: focusedRow)
        grid.render(KnobPanel(knobs: knobs, selectedIndex: selected, focused: true, spacing: 1), in: inner)
        let startY = inner.y + choices.count * 2
        if startY < inner.maxY {
            let onStart = focusedRow == .start
            let marker = onStart ? String(grid.glyphs.focusMarker) : " "
            grid.write("\(marker) [ Start training ]", x: inner.x, y: startY,
                       style: onStart ? theme.style(.focus) : theme.style(.text), clip: inner)
        }
        // A problem names a file and can be long: it wraps over the two rows (an arrow says when there is more).
        let message = problem ?? "↑↓ choose a row, ←→ change it, Enter on Start. Esc goes back."
        let shown = grid.glyphs.isUnicode || problem != nil ? message : KeyHint.ascii(message)
        grid.render(Paragraph(spans: [[Span(shown)]], role: problem == nil ? .muted : .error),
                    in: messageRows)
        grid.render(PlaygroundKeys.hintBar(.sandboxSetup), in: hints)
    }

    /// A value with its arrows in ASCII ("16 -> 16", "Left/Right lists saved models").
    private static func ascii(_ value: String) -> String {
        KeyHint.ascii(value.replacingOccurrences(of: " → ", with: " -> "))
    }

    func value(of row: Row) -> String {
        switch row {
        case .data: choosesOwnTable ? ownTableValue : dataChoices[dataIndex].displayName
        case .layers: Self.stacks[stackIndex].label
        case .activation: activation.rawValue
        case .loss where choosesOwnTable && table?.isRegression == true: "mean squared error (the target is a quantity)"
        case .loss: Self.losses[lossIndex].displayName
        case .optimizer: optimizer.rawValue
        case .saved:
            savedIndex == 0 || !savedModels.indices.contains(savedIndex - 1)
                ? "a fresh network (←→ lists saved models)"
                : savedModels[savedIndex - 1]
        case .start: ""
        }
    }
}
