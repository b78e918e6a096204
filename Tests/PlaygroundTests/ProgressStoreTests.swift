import Foundation
import Lessons
import Testing
import TUI
@testable import NetPlayground

/// The progress file: version 2 keeps each lesson's ticked experiments,
/// version 1 files (finished lessons only) still read, and a bad file is
/// ignored with a notice, never a crash; the start screen shows it and puts
/// the cursor on the next unfinished lesson.
@Suite("Progress file and start screen", .serialized)
struct ProgressStoreTests {
    /// A fresh directory, removed by the caller.
    static func directory() -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-progress-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, in directory: String) {
        #expect(FileManager.default.createFile(atPath: directory + "/progress.json", contents: Data(text.utf8)))
    }

    static func saved(in directory: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/progress.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a version 1 file reads as it was, and is written back as version 3, keyed by lesson name")
    func versionOne() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.write(#"{"version": 1, "finished": [3, 1, 3, 42]}"#, in: directory)
        var store = ProgressStore(directory: directory)
        #expect(store.notice == nil)
        #expect(store.isFinished(1) && store.isFinished(3) && !store.isFinished(2))
        #expect(store.progress.finished == ["learning-rate", "perceptron"], "42 names no lesson")
        #expect(store.tried(3).isEmpty)
        #expect(store.markTried(4, [0]) == nil)
        let saved = try Self.saved(in: directory)
        #expect(saved["version"] as? Int == 3)
        #expect(saved["finished"] as? [String] == ["learning-rate", "perceptron"])
        #expect(saved["tried"] as? [String: [Int]] == ["many-classes": [0]])
    }

    @Test("ticks add up across visits, and the whole checklist finishes the lesson")
    func versionTwo() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var store = ProgressStore(directory: directory)
        #expect(store.markTried(3, [0, 2]) == nil)
        #expect(!store.isFinished(3))
        var again = ProgressStore(directory: directory)
        #expect(again.tried(3) == [0, 2])
        #expect(again.markTried(3, [1, 3, 17]) == nil)
        #expect(again.tried(3) == [0, 1, 2, 3], "17 is not an experiment of lesson 3")
        #expect(again.isFinished(3))
        #expect(ProgressStore(directory: directory).isFinished(3))
    }

    @Test("a bad file is ignored with a notice naming it, and rewritten on the next tick",
          arguments: ["{ not json", "[]", "", #"{"finished": "all"}"#, #"{"tried": {"3": "x"}}"#, "\u{0}\u{1}\u{2}"])
    func badFile(contents: String) throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.write(contents, in: directory)
        var store = ProgressStore(directory: directory)
        let notice = try #require(store.notice)
        #expect(notice.contains(directory + "/progress.json") && notice.contains("damaged"))
        #expect(store.progress == ProgressStore.Progress())
        #expect(store.markTried(2, [1]) == nil)
        #expect(ProgressStore(directory: directory).tried(2) == [1])
    }

    @Test("ids and indices that name nothing are dropped; a newer version is read with a notice")
    func strayEntries() {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.write(#"{"version": 2, "finished": [], "tried": {"3": [0, 99, -1], "x": [1], "77": [0]}}"#, in: directory)
        let store = ProgressStore(directory: directory)
        #expect(store.notice == nil)
        #expect(store.tried(3) == [0])
        #expect(store.progress.tried.keys.sorted() == ["learning-rate"])
        Self.write(#"{"version": 3, "finished": ["convnet", "lesson-42"], "tried": {"nothing": [0], "mistakes": [1, 40]}}"#,
                   in: directory)
        let named = ProgressStore(directory: directory)
        #expect(named.progress.finished == ["convnet"])
        #expect(named.tried(9) == [1])
        Self.write(#"{"version": 9, "finished": ["hidden-layers"], "badges": 3}"#, in: directory)
        let newer = ProgressStore(directory: directory)
        #expect(newer.notice?.contains("newer") == true)
        #expect(newer.isFinished(2))
    }

    /// The lesson numbers of version 1 and 2 files mean what they meant then,
    /// whatever the course's numbering is now: a lesson inserted later must not
    /// move anyone's ticks.
    @Test("a version 2 file's lesson numbers are read by the numbering it was written with")
    func numbersAreMigrated() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.write(#"{"version": 2, "finished": [10, 5], "tried": {"10": [1], "8": [0, 2]}}"#, in: directory)
        var store = ProgressStore(directory: directory)
        #expect(store.progress.finished == ["overfitting", "sandbox"])
        #expect(store.progress.tried == ["sandbox": [1], "convnet": [0, 2]])
        let sandbox = try #require(Course.lesson(slug: "sandbox"))
        #expect(store.isFinished(sandbox.id) && store.tried(sandbox.id) == [1])
        #expect(store.markTried(8, [1]) == nil)
        let saved = try Self.saved(in: directory)
        #expect(saved["version"] as? Int == 3)
        #expect(saved["tried"] as? [String: [Int]] == ["sandbox": [1], "convnet": [0, 1, 2]])
        #expect(Set(Course.numberedBeforeSlugs.values).isSubset(of: Set(Course.lessons.map(\.slug))),
                "every old number names a lesson that still exists")
        #expect(Set(Course.lessons.map(\.slug)).count == Course.lessons.count, "slugs are unique")
    }

    @Test("a file that cannot be read, and a directory that cannot be made, give messages")
    func unreadableAndUnwritable() {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try? FileManager.default.createDirectory(atPath: directory + "/progress.json", withIntermediateDirectories: true)
        let unreadable = ProgressStore(directory: directory)
        #expect(unreadable.notice?.contains("could not read") == true)
        var unwritable = ProgressStore(directory: "/proc/np-progress-test")
        #expect(unwritable.markTried(1, [0]) != nil)
    }

    // MARK: The start screen

    static func app(_ directory: String, opening lesson: Int? = nil) -> PlaygroundApp {
        PlaygroundApp(progress: ProgressStore(directory: directory), exportRoot: directory, mailbox: Mailbox(),
                      openLesson: lesson, startsThreads: false)
    }

    static func text(_ app: inout PlaygroundApp) -> [String] {
        ScreenSnapshot.draw(&app, .small).lines
    }

    @Test("the course list shows each lesson's progress and starts on the next unfinished lesson")
    func startScreen() {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.write(#"{"version": 2, "finished": [1, 2], "tried": {"3": [1]}}"#, in: directory)
        var app = Self.app(directory)
        #expect(app.startSelection == 2, "lessons 1 and 2 are finished: the cursor is on 3")
        let lines = Self.text(&app)
        #expect(lines.contains { $0.contains("The perceptron") && $0.contains("finished") })
        #expect(lines.contains { $0.contains("Backpropagation") && $0.contains("1 of 4 tried") })
        #expect(!lines.contains { $0.contains("Many classes") && $0.contains("tried") })
        #expect(lines.contains { $0.contains("2 of 10 finished") })

        Self.write(#"{"version": 1, "finished": [1, 2, 3, 4, 5, 6, 7, 8, 9]}"#, in: directory)
        #expect(Self.app(directory).startSelection == Course.transfer.id - 1,
                "the nine lessons of a version-1 file finished: the lesson added since is next")
        let allButSandbox = Course.lessons.map(\.slug).filter { $0 != Course.sandbox.slug }
        let quoted = allButSandbox.map { "\"\($0)\"" }.joined(separator: ", ")
        Self.write(#"{"version": 3, "finished": ["# + quoted + #"], "tried": {}}"#, in: directory)
        #expect(Self.app(directory).startSelection == Course.lessons.count - 1, "all finished: the sandbox")
    }

    @Test("doing lesson 7's checklist finishes it, names the next lesson, and Esc moves the cursor there")
    func finishingALesson() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.write(#"{"version": 2, "finished": [1, 2]}"#, in: directory)
        var app = Self.app(directory, opening: 7)
        // The kernel knob is selected: + twice (horizontal edge, then sharpen), then stride and padding.
        for key: Key in [.character("+"), .character("+"), .down, .character("+")] { _ = app.update(.key(key)) }
        #expect(app.progress.tried(7) == [0, 1])
        #expect(!app.progress.isFinished(7))
        _ = app.update(.key(.down))
        _ = app.update(.key(.character("+")))
        #expect(app.progress.isFinished(7))
        guard case .lesson(let screen) = app.screen else { Issue.record("not on the lesson"); return }
        let note = try #require(screen.note)
        #expect(note.contains("Lesson 7 finished") && note.contains("lesson 8 · A convnet on MNIST") && note.contains("Esc then Enter"),
                "\(note)")
        _ = app.update(.key(.escape))
        #expect(app.startSelection == 7, "the next unfinished lesson after 7 is 8")
        #expect(Self.text(&app).contains { $0.contains("Convolution") && $0.contains("finished") })
        #expect(try Self.saved(in: directory)["finished"] as? [String] == ["convolution", "hidden-layers", "perceptron"])
    }
}
