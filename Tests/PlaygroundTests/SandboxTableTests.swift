import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// The sandbox's "your own CSV", through the app's update function: the
/// data row, the path field, the columns, the target, the live view.
@Suite("Sandbox: your own CSV", .serialized)
struct SandboxTableTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The app on the sandbox form, relative paths read from the repository.
    static func formApp() throws -> PlaygroundApp {
        var app = ScreenSnapshotTests.app()
        let sandboxRow = try #require(Course.lessons.firstIndex { $0.slug == "sandbox" })
        for _ in 0..<sandboxRow { _ = app.update(.key(.down)) }
        _ = app.update(.key(.enter))
        app.sandbox.workingDirectory = repositoryRoot
        return app
    }

    static func type(_ text: String, into app: inout PlaygroundApp) {
        for character in text { _ = app.update(.key(.character(character))) }
    }

    /// The form with "your own CSV" chosen and its path field open.
    static func pathField() throws -> PlaygroundApp {
        var app = try formApp()
        _ = app.update(.key(.left))  // the data row's last choice, before the first
        #expect(app.sandbox.value(of: .data).hasPrefix(SandboxSetup.ownTableLabel))
        _ = app.update(.key(.enter))
        #expect(app.sandbox.mode == .path)
        #expect(app.keyContext == .textField)
        return app
    }

    @Test("path, Tab completion, columns, target: the form then trains wine's classes from its 13 measurements")
    func wineFlow() throws {
        var app = try Self.pathField()
        Self.type("datasets/cs", into: &app)
        _ = app.update(.key(.tab))
        #expect(app.sandbox.pathText == "datasets/csv/")
        Self.type("wi", into: &app)
        _ = app.update(.key(.tab))
        #expect(app.sandbox.pathText == "datasets/csv/wine.csv")
        _ = app.update(.key(.enter))
        #expect(app.sandbox.mode == .columns)
        let table = try #require(app.sandbox.table)
        #expect(table.columns.count == 14)
        #expect(table.targetName == "class")  // the last column by default
        #expect(table.columns[0].isNumeric && !table.columns[13].isNumeric)
        #expect(table.columns[13].examples == ["class_0", "class_1", "class_2"])
        _ = app.update(.key(.enter))
        #expect(app.sandbox.mode == .form)
        #expect(app.sandbox.value(of: .data) == "wine.csv → class")
        // Up twice from the hidden layers (the next row) is Start.
        _ = app.update(.key(.up))
        _ = app.update(.key(.up))
        _ = app.update(.key(.enter))
        guard case .lesson(let screen) = app.screen else { Issue.record("Start did not open the live view"); return }
        let data = try #require(screen.lesson.data)
        #expect(data == .csv(path: Self.repositoryRoot + "/datasets/csv/wine.csv", target: "class", validationFraction: 0.2))
        #expect(screen.lesson.visuals.contains(.decisionBoundary) && screen.lesson.visuals.contains(.confusionMatrix))
        guard case .network(let spec) = screen.lesson.model else { Issue.record("no network"); return }
        #expect(spec.inputShape == [13])
    }

    @Test("the second Tab lists the choices; q and ? are letters of the path; Esc goes back to the form")
    func textFieldKeys() throws {
        var app = try Self.pathField()
        Self.type("datasets/csv/", into: &app)
        _ = app.update(.key(.tab))
        #expect(app.sandbox.completionChoices.isEmpty)
        _ = app.update(.key(.tab))
        #expect(app.sandbox.completionChoices == ["breast_cancer.csv", "wine.csv"])
        Self.type("q?", into: &app)
        #expect(app.sandbox.pathText == "datasets/csv/q?")
        #expect(app.sandbox.mode == .path)
        _ = app.update(.key(.backspace))
        #expect(app.sandbox.pathText == "datasets/csv/q")
        _ = app.update(.key(.escape))
        #expect(app.sandbox.mode == .form)
        guard case .sandboxSetup = app.screen else { Issue.record("Esc in the field left the form"); return }
    }

    /// A bad file's message, as the form shows it after Enter (and after Enter on the target).
    static func message(forFile contents: String, named name: String = "bad.csv") throws -> (String?, SandboxSetup.Mode) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-sandbox-csv-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try contents.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        var app = try Self.pathField()
        app.sandbox.workingDirectory = directory
        Self.type(name, into: &app)
        _ = app.update(.key(.enter))
        if app.sandbox.mode == .columns { _ = app.update(.key(.enter)) }
        // The screen draws whatever the message says.
        _ = ScreenSnapshot.draw(&app, .small)
        return (app.sandbox.problem, app.sandbox.mode)
    }

    @Test("bad files: the reader's own message in the form, which stays open")
    func badFiles() throws {
        var app = try Self.pathField()
        Self.type("no/such.csv", into: &app)
        _ = app.update(.key(.enter))
        #expect(app.sandbox.problem?.contains("no/such.csv: file not found") == true)
        #expect(app.sandbox.mode == .path)

        let ragged = try Self.message(forFile: "a,b,c\n1,2,x\n3,4\n")
        #expect(ragged.0?.contains("line 3") == true, "\(ragged.0 ?? "no message")")
        #expect(ragged.1 == .path)
        let oneClass = try Self.message(forFile: "a,b,c\n1,2,x\n3,4,x\n")
        #expect(oneClass.0?.contains("x") == true && oneClass.1 == .columns, "\(oneClass.0 ?? "no message")")
        let empty = try Self.message(forFile: "")
        #expect(empty.0?.contains("bad.csv") == true && empty.1 == .path, "\(empty.0 ?? "no message")")
        // A quantity is no longer refused: it trains a regression (see SandboxRegressionTests).
        let quantity = try Self.message(forFile: "a,b\n1,0.5\n2,1.5\n3,2.25\n")
        #expect(quantity.0 == nil && quantity.1 == .form, "\(quantity.0 ?? "no message")")
    }

    @Test("the keys of the path field and the column list are in the one table, without conflicts")
    func keys() {
        #expect(PlaygroundKeys.table.conflicts(in: .textField).isEmpty)
        #expect(PlaygroundKeys.table.conflicts(in: .columnPicker).isEmpty)
        #expect(PlaygroundKeys.action(for: .character("q"), in: .textField) == .type("q"))
        #expect(PlaygroundKeys.action(for: .control("c"), in: .textField) == .quit)
        #expect(PlaygroundKeys.action(for: .tab, in: .textField) == .complete)
        #expect(PlaygroundKeys.action(for: .character("q"), in: .columnPicker) == .quit)
    }

    // MARK: Screens

    @Test("the path field with its listed choices, and the columns, at 80×24 and 160×48 (and in ASCII)")
    func formScreens() throws {
        var app = try Self.pathField()
        Self.type("datasets/csv/", into: &app)
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "sandbox-csv-path-\(size.width)x\(size.height)")
        }
        Self.type("wine.csv", into: &app)
        _ = app.update(.key(.enter))
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "sandbox-csv-columns-\(size.width)x\(size.height)")
        }
        ScreenSnapshot.check(ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii),
                             named: "sandbox-csv-columns-80x24-ascii")
    }

    /// The lesson the form makes for wine.csv, and its app showing `snapshot`.
    static func wineLesson() throws -> Lesson {
        var app = try Self.pathField()
        Self.type("datasets/csv/wine.csv", into: &app)
        _ = app.update(.key(.enter))
        _ = app.update(.key(.enter))
        return try app.sandbox.lesson(exportRoot: "/tmp").get()
    }

    @Test("the live view of wine after 5 epochs: loss, confusion matrix with its class names, the PC plane")
    func wineLiveView() throws {
        let lesson = try Self.wineLesson()
        let run = SeededSession(lesson)
        let trained = try run.trainEpochs(5, after: try run.built())
        #expect(trained.classNames == ["class_0", "class_1", "class_2"])
        #expect(trained.planeCaptions.first?.hasPrefix("PC1 × PC2 of 13 standardized features") == true)
        #expect(trained.decisionMap != nil && trained.points.count == 142)
        #expect(trained.confusion.count == 3)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-sandbox-live-\(getpid())-\(UUID().uuidString.prefix(8))").path
        var app = PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory,
                                mailbox: Mailbox(), startsThreads: false, lesson: lesson)
        _ = app.update(.posted(trained.withFixedClock()))
        for size in [Size.small, .large] {
            ScreenSnapshot.check(ScreenSnapshot.draw(&app, size), named: "sandbox-csv-wine-\(size.width)x\(size.height)")
        }
        // NO_COLOR and LANG=C: the points are letters, and the legend says which class each is.
        let plain = ScreenSnapshot.draw(&app, .small, colors: .none, glyphs: .ascii)
        ScreenSnapshot.check(plain, named: "sandbox-csv-wine-80x24-ascii")
        #expect(plain.lines.joined().contains("points o class_0"), "\(plain.lines.joined(separator: "\n"))")
    }
}
