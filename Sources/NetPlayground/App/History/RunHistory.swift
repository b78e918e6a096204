import Foundation
import Lessons
import MiniNN
import TUI

/// Every run's record and weights under `$XDG_DATA_HOME/netplayground/runs/`:
/// written atomically, bounded (the oldest go first past ``maximumRuns`` or
/// ``maximumBytes``), and read back as untrusted input (a bad file is
/// skipped and named, never trusted, never a crash).
struct RunHistory: Sendable {
    /// A record larger than this is not read.
    static let maximumRecordBytes = 4 * 1024 * 1024

    let directory: String
    /// Past these the oldest runs go.
    var maximumRuns = 200
    var maximumBytes = 256 * 1024 * 1024

    init(directory: String = ProgressStore.defaultDirectory() + "/runs") {
        self.directory = directory
    }

    /// The newest readable record of `lesson`, reading only that lesson's files, newest first.
    func latest(lesson: Int) -> RunRecord? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        let ids = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            .filter { RunRecord.lesson(inID: $0) == lesson }.sorted(by: >)
        for id in ids.prefix(20) {
            if case .success(let record) = read(path(of: id)), record.lesson == lesson { return record }
        }
        return nil
    }

    /// The newest records of the lesson `slug` names (numbered `lesson` now),
    /// at most `limit`, and the lesson's files that could not be read, each
    /// named with its problem. A record kept before records named their
    /// lesson names it by the number it had then (``Course/numberedBeforeSlugs``):
    /// the sandbox's old runs are numbered 10, and stay the sandbox's.
    func recent(lesson: Int, slug: String, limit: Int = 8) -> Listing {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return Listing(records: [], skipped: [])
        }
        let numbers = Set([lesson] + Course.numberedBeforeSlugs.filter { $0.value == slug }.map(\.key))
        let ids = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            .filter { RunRecord.lesson(inID: $0).map(numbers.contains) ?? false }.sorted(by: >)
        var listing = Listing(records: [], skipped: [])
        for id in ids.prefix(4 * limit) where listing.records.count < limit {
            switch read(path(of: id)) {
            case .success(let record) where record.lessonSlug == slug:
                listing.records.append(record)
            case .success: break
            case .failure(let problem):
                listing.skipped.append("\(TerminalText.sanitized(id, maxLength: 80)).json: \(problem.message)")
            }
        }
        return listing
    }

    /// What reading the directory found: the records, newest first, and the files it skipped and why.
    struct Listing: Sendable {
        var records: [RunRecord]
        var skipped: [String]
    }

    /// Saves the record and, when given, the model's weights beside it, then
    /// drops the oldest runs past the limits. Returns a problem in words, or nil.
    func save(_ record: RunRecord, model: Sequential?, info: ModelFileInfo?) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return "cannot create \(directory): \(error.localizedDescription)"
        }
        var record = record
        if let model, let info {
            let name = record.id + ".safetensors"
            do {
                try ModelFile.save(model, info: info, to: directory + "/" + name)
                record.weights = name
            } catch {
                record.weights = nil
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(record) else { return "cannot encode the run \(record.id)" }
        do {
            try AtomicFile.write([UInt8](data), to: path(of: record.id))
        } catch {
            return error.description
        }
        prune()
        return nil
    }

    func path(of id: String) -> String { directory + "/" + id + ".json" }

    /// Every record, newest first; files that are not records are named in `skipped`.
    func list() -> Listing {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return Listing(records: [], skipped: [])
        }
        var records: [RunRecord] = [], skipped: [String] = []
        for name in names.sorted().reversed() where name.hasSuffix(".json") {
            switch read(directory + "/" + name) {
            case .success(let record): records.append(record)
            case .failure(let problem): skipped.append("\(name): \(problem.message)")
            }
        }
        return Listing(records: records, skipped: skipped)
    }

    /// The record with this id (or the one whose id starts with it, when only one does).
    func record(_ id: String) -> Result<RunRecord, HistoryProblem> {
        let records = list().records
        if let exact = records.first(where: { $0.id == id }) { return .success(exact) }
        let matches = records.filter { $0.id.hasPrefix(id) }
        if matches.count == 1, let only = matches.first { return .success(only) }
        if matches.isEmpty { return .failure(HistoryProblem("no run '\(TerminalText.sanitized(id, maxLength: 80))' in \(directory)")) }
        return .failure(HistoryProblem("'\(TerminalText.sanitized(id, maxLength: 80))' matches \(matches.count) runs; give more of the id"))
    }

    struct HistoryProblem: Error, CustomStringConvertible {
        let message: String
        init(_ message: String) { self.message = message }
        var description: String { message }
    }

    private func read(_ path: String) -> Result<RunRecord, HistoryProblem> {
        let bytes: Data
        do {
            bytes = try BoundedFile.read(path: path, maximumBytes: Self.maximumRecordBytes)
        } catch {
            return .failure(HistoryProblem("\(error)"))
        }
        guard let record = try? JSONDecoder().decode(RunRecord.self, from: bytes) else {
            return .failure(HistoryProblem("not a run record"))
        }
        if let problem = record.problem { return .failure(HistoryProblem(problem)) }
        return .success(record)
    }

    /// Drops the oldest runs (record and weights) past the count and size limits.
    private func prune() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        let ids = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted(by: >)
        var total = 0, kept = 0
        for id in ids {
            let files = [id + ".json", id + ".safetensors"]
            let size = files.reduce(0) { sum, name in
                sum + ((try? manager.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0)
            }
            if kept < maximumRuns && total + size <= maximumBytes {
                kept += 1
                total += size
            } else {
                for name in files { try? manager.removeItem(atPath: directory + "/" + name) }
            }
        }
    }
}
