import ArgumentParser
import Foundation
import Lessons
import MiniNN
import TUI

/// `netplayground draw [MODEL]`: the canvas with a saved model that reads digits.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw a digit and watch a saved network read it.",
        discussion: """
        Opens the canvas with MODEL (a .safetensors file that reads 28×28 MNIST digits). Without MODEL it uses \
        the newest such model the playground kept (its runs) or exported, and if there is none it trains \
        mnist-cnn for one epoch first (a few seconds) and keeps that in the exports.

        Keys: the arrows or hjkl move, Space puts the pen down or lifts it, x erases, c clears, [ ] change the pen, \
        Esc goes to the model's sandbox view, q quits. The mouse paints (click) and erases (right-click) unless \
        --no-mouse.

        Examples:
          netplayground draw
          netplayground draw model.safetensors

        Exit status: 0 after q; 1 MODEL is missing, not a model file, or does not read digits.
        """)

    @Argument(help: "A model saved by `train --save`, the playground's export (e) or its runs.")
    var model: String?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (text selection).")
    var noMouse = false

    @Flag(name: .long, help: "Draw with 7-bit ASCII characters only.")
    var ascii = false

    @Option(name: .long, help: ArgumentHelp("The terminal's background: dark or light (as for play).", valueName: "dark|light"))
    var background: TerminalBackground?

    func validate() throws {
        if background == nil, let problem = TerminalBackground.environmentProblem(ProcessInfo.processInfo.environment) {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let path = try model ?? Self.newestDigitModel() ?? Self.trainOne()
        let lesson: Lesson
        switch SandboxSetup.lesson(continuing: path) {
        case .success(let loaded): lesson = loaded
        case .failure(let problem): throw DrawProblem(problem.message)
        }
        guard lesson.dataChoices.first?.isMNIST == true else {
            throw DrawProblem("\(TerminalText.sanitized(path, maxLength: 200)) reads \(lesson.dataChoices.first?.displayName ?? "other data"), "
                              + "not 28×28 digits; draw needs a model trained on MNIST")
        }
        let backend = try CursesBackend(options: CursesOptions(glyphs: ascii ? .ascii : nil, mouse: !noMouse, background: background),
                                        environment: ProcessInfo.processInfo.environment)
        let mailbox = Mailbox<TrainingSnapshot>()
        let app = PlaygroundApp(progress: ProgressStore(), exportRoot: ModelExport.defaultRoot(), mailbox: mailbox,
                                lesson: lesson, canvas: true, mouse: !noMouse)
        PlayCommand.play(app, backend: backend, mailbox: mailbox)
    }

    struct DrawProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The newest kept run's or export's model file that reads MNIST digits.
    static func newestDigitModel() -> String? {
        let history = RunHistory()
        let kept = history.list().records.filter { $0.data.contains("MNIST") }
            .compactMap { record in record.weights.map { history.directory + "/" + $0 } }
        let exported = SandboxSetup.findSavedModels(root: ModelExport.defaultRoot())
        for path in kept.prefix(10) + exported.prefix(10) {
            if case .success(let lesson) = SandboxSetup.lesson(continuing: path), lesson.dataChoices.first?.isMNIST == true {
                return path
            }
        }
        return nil
    }

    /// mnist-cnn for one epoch, with a progress bar, saved as an export the next `draw` finds.
    static func trainOne() throws -> String {
        let log = OutputStream.standardError
        guard let recipe = RecipeCatalog.recipe(named: "mnist-cnn") else { throw DrawProblem("the mnist-cnn recipe is missing") }
        log.line("no saved model reads digits yet: training mnist-cnn for one epoch first…")
        let datasets = try recipe.data.load(locator: try .commandLine(dataDirectory: nil), seed: recipe.seed)
        let trainer = try recipe.makeTrainer(datasets: datasets, epochs: 1)
        let progress = ProgressBar(output: log, epochs: 1)
        trainer.addObserver(progress)
        _ = trainer.train(epochs: 1)
        progress.close()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let directory: String
        switch ModelExport.makeNewDirectory(ModelExport.defaultRoot() + "/draw-mnist-cnn-" + formatter.string(from: Date())) {
        case .success(let made): directory = made
        case .failure(let problem): throw DrawProblem(problem.message)
        }
        let path = directory + "/" + ModelExport.modelFile
        let files = try SaveOptions.parse(["--save", path])
        try files.write(trainer: trainer, recipe: recipe, hyperparameters: recipe.hyperparameters, seed: recipe.seed, curve: nil)
        return path
    }
}
