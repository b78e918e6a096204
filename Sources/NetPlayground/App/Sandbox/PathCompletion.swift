import Foundation

/// Tab completion of file names, as a shell does it: the last part of a
/// path is completed from the names in its directory that start with it.
/// One match is taken whole (a directory with its `/`); several are
/// completed to what they share, and when that adds nothing (the second
/// Tab) they are listed. Names starting with a dot are offered only when
/// the part typed starts with one. `~` stands for the home directory.
struct PathCompletion: Equatable {
    /// The text after completion (unchanged when nothing matched or nothing was shared).
    var text: String
    /// The names to choose from when the text could not be completed further (directories end in `/`).
    var choices: [String]

    /// Most choices listed: a directory of thousands is not read out whole.
    static let choiceLimit = 200

    /// Completes `text`; a relative path is read from `directory`.
    static func complete(_ text: String, in directory: String,
                         home: String = NSHomeDirectory(), fileManager: FileManager = .default) -> PathCompletion {
        let slash = text.lastIndex(of: "/")
        let folderPart = slash.map { String(text[...$0]) } ?? ""   // as typed, with its trailing slash
        let namePart = slash.map { String(text[text.index(after: $0)...]) } ?? text
        let folder = resolve(folderPart.isEmpty ? "." : folderPart, in: directory, home: home)
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else {
            return PathCompletion(text: text, choices: [])
        }
        let matches = names.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name -> String in
                var isDirectory: ObjCBool = false
                let full = (folder as NSString).appendingPathComponent(name)
                return fileManager.fileExists(atPath: full, isDirectory: &isDirectory) && isDirectory.boolValue
                    ? name + "/" : name
            }
        guard let first = matches.first else { return PathCompletion(text: text, choices: []) }
        if matches.count == 1 { return PathCompletion(text: folderPart + first, choices: []) }
        let shared = matches.dropFirst().reduce(first) { commonPrefix($0, $1) }
        if shared.count > namePart.count { return PathCompletion(text: folderPart + shared, choices: []) }
        return PathCompletion(text: text, choices: Array(matches.prefix(choiceLimit)))
    }

    /// `path` with `~` expanded and a relative path taken from `directory`.
    static func resolve(_ path: String, in directory: String, home: String = NSHomeDirectory()) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") { expanded = home + expanded.dropFirst() }
        if expanded.hasPrefix("/") { return expanded }
        return (directory as NSString).appendingPathComponent(expanded)
    }

    /// The longest start two names share, by whole characters.
    private static func commonPrefix(_ a: String, _ b: String) -> String {
        String(zip(a, b).prefix { $0 == $1 }.map(\.0))
    }
}
