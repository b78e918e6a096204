import Foundation
import Lessons
import MiniNN

/// What the learner has done in the course, remembered between runs in a
/// small JSON file under the user's data directory: for each lesson, the
/// experiments of its checklist already tried, and which lessons are finished
/// (every experiment tried).
///
/// Reading never fails: a missing file is a fresh start, and a file that
/// cannot be read or parsed is ignored with a notice for the start screen.
/// Version 1 files (finished lessons only, from before the checklists) are
/// read as they are: a lesson finished then stays finished. Ids and indices
/// that name no lesson or experiment are dropped. Writing goes through
/// ``AtomicFile`` so a crash never leaves half a file.
struct ProgressStore {
    /// What the file holds.
    struct Progress: Codable, Equatable {
        /// Format version: 2 added `tried`.
        var version = ProgressStore.currentVersion
        /// Ids of finished lessons, ascending.
        var finished: [Int] = []
        /// Lesson id (as a string: JSON keys are strings) → indices of the experiments tried, ascending.
        var tried: [String: [Int]] = [:]

        init() {}

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
            finished = try container.decodeIfPresent([Int].self, forKey: .finished) ?? []
            // Version 1 has no checklists.
            tried = try container.decodeIfPresent([String: [Int]].self, forKey: .tried) ?? [:]
        }
    }

    /// The version this build writes.
    static let currentVersion = 2

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
        let read: Progress
        do {
            read = try JSONDecoder().decode(Progress.self, from: data)
        } catch {
            notice = "\(path) is damaged and was ignored; it will be rewritten as you tick experiments"
            return
        }
        if read.version > Self.currentVersion {
            notice = "\(path) was written by a newer NetPlayground (version \(read.version)); reading what this one knows"
        }
        progress = Self.cleaned(read)
    }

    /// Only lessons of the course, only experiments they have, each once, ascending.
    private static func cleaned(_ read: Progress) -> Progress {
        var clean = Progress()
        clean.finished = Array(Set(read.finished.filter { Course.lesson(id: $0) != nil })).sorted()
        for (key, indices) in read.tried {
            guard let id = Int(key), let lesson = Course.lesson(id: id) else { continue }
            let valid = Set(indices.filter { lesson.experiments.indices.contains($0) })
            if !valid.isEmpty { clean.tried[String(id)] = valid.sorted() }
        }
        return clean
    }

    /// Whether lesson `id` is finished: its checklist done (or finished under version 1).
    func isFinished(_ id: Int) -> Bool { progress.finished.contains(id) }

    /// The experiments of lesson `id` tried so far, by index.
    func tried(_ id: Int) -> Set<Int> { Set(progress.tried[String(id)] ?? []) }

    /// Records the experiments of lesson `id` tried so far (added to those
    /// already known), marks the lesson finished when its whole checklist is
    /// done, and saves when anything changed; returns an error message when saving failed.
    @discardableResult
    mutating func markTried(_ id: Int, _ indices: Set<Int>) -> String? {
        guard let lesson = Course.lesson(id: id) else { return nil }
        let all = tried(id).union(indices.filter { lesson.experiments.indices.contains($0) })
        let complete = !lesson.experiments.isEmpty && all.count == lesson.experiments.count
        guard all != tried(id) || (complete && !isFinished(id)) else { return nil }
        if !all.isEmpty { progress.tried[String(id)] = all.sorted() }
        if complete && !isFinished(id) { progress.finished = (progress.finished + [id]).sorted() }
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
        var written = progress
        written.version = Self.currentVersion
        guard let data = try? encoder.encode(written) else { return "cannot encode progress" }
        do {
            try AtomicFile.write([UInt8](data), to: path)
            return nil
        } catch {
            return error.description
        }
    }
}
