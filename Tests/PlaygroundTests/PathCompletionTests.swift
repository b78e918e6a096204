import Foundation
import Testing
@testable import NetPlayground

@Suite("Tab completion of file names")
struct PathCompletionTests {
    /// A temporary directory holding wine.csv, wide.csv, notes.txt, .hidden.csv and data/inner.csv.
    static func tree() throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("np-complete-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        for name in ["wine.csv", "wide.csv", "notes.txt", ".hidden.csv", "data/inner.csv"] {
            try "a,b\n1,2\n".write(toFile: root + "/" + name, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test("one match is taken whole; a directory gets its slash")
    func singleMatch() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(PathCompletion.complete("n", in: root) == PathCompletion(text: "notes.txt", choices: []))
        #expect(PathCompletion.complete("d", in: root) == PathCompletion(text: "data/", choices: []))
        #expect(PathCompletion.complete("data/i", in: root) == PathCompletion(text: "data/inner.csv", choices: []))
        // An absolute path is completed from its own directory, wherever the playground runs.
        #expect(PathCompletion.complete(root + "/no", in: "/").text == root + "/notes.txt")
    }

    @Test("several matches: completed to what they share, then listed (hidden names only after a dot)")
    func severalMatches() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(PathCompletion.complete("w", in: root) == PathCompletion(text: "wi", choices: ["wide.csv", "wine.csv"]).withoutChoices)
        #expect(PathCompletion.complete("wi", in: root) == PathCompletion(text: "wi", choices: ["wide.csv", "wine.csv"]))
        #expect(PathCompletion.complete("", in: root).choices == ["data/", "notes.txt", "wide.csv", "wine.csv"])
        #expect(PathCompletion.complete(".h", in: root).text == ".hidden.csv")
    }

    @Test("nothing matches, or the directory does not exist: the text stays, no choices")
    func noMatch() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(PathCompletion.complete("zebra", in: root) == PathCompletion(text: "zebra", choices: []))
        #expect(PathCompletion.complete("missing/x", in: root) == PathCompletion(text: "missing/x", choices: []))
    }

    @Test("~ is the home directory")
    func home() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(PathCompletion.complete("~/no", in: "/", home: root).text == "~/notes.txt")
        #expect(PathCompletion.resolve("~/wine.csv", in: "/", home: root) == root + "/wine.csv")
        #expect(PathCompletion.resolve("wine.csv", in: root) == root + "/wine.csv")
    }
}

extension PathCompletion {
    var withoutChoices: PathCompletion { PathCompletion(text: text, choices: []) }
}
