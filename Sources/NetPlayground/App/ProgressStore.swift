import Foundation
import MiniNN

/// Which lessons the learner has finished, remembered between runs in a small
/// JSON file under the user's data directory.
///
/// Reading never fails: a missing file is a fresh start, and a file that
/// cannot be read or parsed is ignored with a notice for the start screen.
/// Writing goes through ``AtomicFile`` so a crash never leaves half a file.
struct ProgressStore {
    /// What the file holds.
    struct Progress: Codable, Equatable {
        /// Format version, for readers of later versions.
        var version = 1
        /// Ids of finished lessons, ascending.
        var finished: [Int] = []
    }

    /// The file, e.g. ~/.local/share/netplayground/progress.json.
    let path: String
    private(set) var progress = Progress()
    /// Set when the file existed but could not be used, in plain words.
    private(set) var notice: String?

    /// The directory the file lives in: `$XDG_DATA_HOME/netplayground`, or
    /// `~/.local/share/netplayground` when XDG_DATA_HOME is unset or not absolute
    /// (the XDG spec says relative values are to be ignored).
    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return xdg + "/netplayground"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/netplayground"
    }

    /// Opens the store at `directory`/progress.json, reading what is there.
    init(directory: String = ProgressStore.defaultDirectory()) {
        path = directory + "/progress.json"
        load()
    }

    private mutating func load() {
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            notice = "could not read \(path); starting with no lessons finished"
            return
        }
        do {
            progress = try JSONDecoder().decode(Progress.self, from: data)
            progress.finished = Array(Set(progress.finished)).sorted()
        } catch {
            notice = "\(path) is damaged and was ignored; it will be rewritten when you finish a lesson"
        }
    }

    /// Whether lesson `id` is marked finished.
    func isFinished(_ id: Int) -> Bool { progress.finished.contains(id) }

    /// Marks lesson `id` finished and saves; returns an error message when saving failed.
    @discardableResult
    mutating func markFinished(_ id: Int) -> String? {
        guard !isFinished(id) else { return nil }
        progress.finished = (progress.finished + [id]).sorted()
        return save()
    }

    /// Writes the file atomically, creating its directory; a message on failure.
    func save() -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return "cannot create \(directory): \(error.localizedDescription)"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(progress) else { return "cannot encode progress" }
        do {
            try AtomicFile.write([UInt8](data), to: path)
            return nil
        } catch {
            return error.description
        }
    }
}
