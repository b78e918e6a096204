import Foundation
import Lessons
import MiniNN

/// What the learner has done in the course, remembered between runs in a
/// small JSON file under the user's data directory: for each lesson, the
/// experiments of its checklist already tried, and which lessons are finished
/// (every experiment tried).
///
/// Lessons are keyed by their stable name (``Lesson/slug``), so adding a
/// lesson to the course never moves a learner's ticks. Versions 1 and 2 keyed
/// them by number; they are read through ``Course/numberedBeforeSlugs`` and
/// rewritten as version 3 at the next save. Version 1 files (finished lessons
/// only, from before the checklists) are read as they are: a lesson finished
/// then stays finished.
///
/// Reading never fails: a missing file is a fresh start, and a file that
/// cannot be read or parsed is ignored with a notice for the start screen.
/// Names and indices that name no lesson or experiment are dropped. Writing
/// goes through ``AtomicFile`` so a crash never leaves half a file.
struct ProgressStore {
    /// What the file holds.
    struct Progress: Codable, Equatable {
        /// Format version: 2 added `tried`, 3 keys lessons by name.
        var version = ProgressStore.currentVersion
        /// Names of finished lessons, sorted.
        var finished: [String] = []
        /// Lesson name → indices of the experiments tried, ascending.
        var tried: [String: [Int]] = [:]

        init() {}

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
            // Version 1 has no checklists.
            let tried = try container.decodeIfPresent([String: [Int]].self, forKey: .tried) ?? [:]
            if version >= 3 {
                finished = try container.decodeIfPresent([String].self, forKey: .finished) ?? []
                self.tried = tried
            } else {
                let numbers = try container.decodeIfPresent([Int].self, forKey: .finished) ?? []
                finished = numbers.compactMap { Course.numberedBeforeSlugs[$0] }
                for (key, indices) in tried {
                    guard let number = Int(key), let slug = Course.numberedBeforeSlugs[number] else { continue }
                    self.tried[slug] = indices
                }
            }
        }
    }

    /// The version this build writes.
    static let currentVersion = 3

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
        clean.finished = Array(Set(read.finished.filter { Course.lesson(slug: $0) != nil })).sorted()
        for (slug, indices) in read.tried {
            guard let lesson = Course.lesson(slug: slug) else { continue }
            let valid = Set(indices.filter { lesson.experiments.indices.contains($0) })
            if !valid.isEmpty { clean.tried[slug] = valid.sorted() }
        }
        return clean
    }

    /// Whether lesson `id` is finished: its checklist done (or finished under version 1).
    func isFinished(_ id: Int) -> Bool {
        Course.lesson(id: id).map { progress.finished.contains($0.slug) } ?? false
    }

    /// The experiments of lesson `id` tried so far, by index.
    func tried(_ id: Int) -> Set<Int> {
        Set(Course.lesson(id: id).flatMap { progress.tried[$0.slug] } ?? [])
    }

    /// Records the experiments of lesson `id` tried so far (added to those
    /// already known), marks the lesson finished when its whole checklist is
    /// done, and saves when anything changed; returns an error message when saving failed.
    @discardableResult
    mutating func markTried(_ id: Int, _ indices: Set<Int>) -> String? {
        guard let lesson = Course.lesson(id: id) else { return nil }
        let all = tried(id).union(indices.filter { lesson.experiments.indices.contains($0) })
        let complete = !lesson.experiments.isEmpty && all.count == lesson.experiments.count
        guard all != tried(id) || (complete && !isFinished(id)) else { return nil }
        if !all.isEmpty { progress.tried[lesson.slug] = all.sorted() }
        if complete && !isFinished(id) { progress.finished = (progress.finished + [lesson.slug]).sorted() }
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
