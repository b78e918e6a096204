import Foundation
import Lessons
import MiniNN

/// One finished run as the history keeps it: what it was (lesson, data,
/// knobs, seed), what it did (curves thinned to a few hundred points, final
/// and best metrics, time) and the name of its weights file beside it.
struct RunRecord: Codable, Equatable, Sendable {
    static let currentFormat = "netplayground-run/1"
    /// Points kept per curve.
    static let curvePoints = 300

    /// A point of a curve: position in epochs, loss, accuracy.
    struct Point: Codable, Equatable, Sendable {
        var epoch: Double
        var loss: Float
        var accuracy: Float
    }

    var format = RunRecord.currentFormat
    /// Unique and sortable by time: "20261203-103812-l3-24903-1-2" (date, time,
    /// lesson, process, session, run); the lesson in the name lets a lesson
    /// find its own runs without reading the others.
    var id: String

    static func makeID(date: String, lesson: Int, process: Int, session: Int, run: Int) -> String {
        "\(date)-l\(lesson)-\(process)-\(session)-\(run)"
    }

    /// The lesson an id names, if it is one ``makeID`` made.
    static func lesson(inID id: String) -> Int? {
        let parts = id.split(separator: "-")
        guard parts.count >= 3, parts[2].hasPrefix("l") else { return nil }
        return Int(parts[2].dropFirst())
    }
    /// When the run ended, ISO 8601.
    var ended: String
    var lesson: Int
    /// The lesson's stable name (``Lesson/slug``); nil in records kept before
    /// it was written. Its number moves when a lesson is inserted before it.
    var slug: String? = nil

    /// The lesson's stable name: the record's own, or for an older record the
    /// name its number had before lessons had names.
    var lessonSlug: String? { slug ?? Course.numberedBeforeSlugs[lesson] }
    var lessonTitle: String
    var data: String
    /// The model as built: "Dense 784→128, ReLU, …".
    var model: String
    var hyperparameters: Hyperparameters
    var seed: UInt64
    var labelNoise: Float
    var seconds: Double
    var items: Int
    var epochs: Int
    var curve: [Point]
    var validation: [Point]
    /// The weights as a model file (`eval`, `info` and the sandbox read it), beside this record.
    var weights: String?

    var best: Point? { validation.filter { $0.loss.isFinite }.min { $0.loss < $1.loss } }
    var finalTrain: Point? { curve.last }
    var finalValidation: Point? { validation.last }

    /// Every `count`-th point, so at most `limit` remain; the last always stays.
    static func thinned(_ points: [Point], limit: Int = curvePoints) -> [Point] {
        guard points.count > limit, limit > 1 else { return points }
        let step = Double(points.count - 1) / Double(limit - 1)
        return (0..<limit).map { points[Int((Double($0) * step).rounded())] }
    }

    /// A record read from disk is untrusted: the format, sizes and numbers must make sense.
    var problem: String? {
        if format != Self.currentFormat { return "format '\(format.prefix(40))', not \(Self.currentFormat)" }
        if id.isEmpty || id.count > 80 || id.contains("/") || id.hasPrefix(".") { return "a bad id" }
        if curve.count > 10 * Self.curvePoints || validation.count > 10 * Self.curvePoints { return "curves too long" }
        if let message = hyperparameters.validationError { return message }
        if !(seconds.isFinite && seconds >= 0) || items < 0 || epochs < 0 { return "negative or non-finite totals" }
        if let weights, weights.contains("/") || weights.hasPrefix(".") { return "a weights file outside the runs directory" }
        if let slug, slug.count > 60 { return "a bad lesson name" }
        return nil
    }
}
