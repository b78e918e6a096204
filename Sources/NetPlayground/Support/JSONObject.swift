import MiniNN

/// A JSON object written with its keys in the order they were set, so
/// that `--json` output reads the same on every run (`JSONEncoder` on Linux
/// does not keep key order).
struct JSONObject {
    private var members: [(key: String, value: String)] = []

    /// Sets a string value.
    mutating func set(_ key: String, _ value: String) { put(key, Self.quoted(value)) }

    /// Sets an integer value.
    mutating func set(_ key: String, _ value: Int) { put(key, String(value)) }

    /// Sets an unsigned integer value (a seed).
    mutating func set(_ key: String, _ value: UInt64) { put(key, String(value)) }

    /// Sets a number in its shortest round-tripping decimal form (0.9771, not
    /// 0.97710001468658447); NaN and infinities, which JSON cannot hold, become null.
    mutating func set(_ key: String, _ value: Float) {
        put(key, value.isFinite ? "\(value)" : "null")
    }

    /// Sets a number, as ``set(_:_:)-(String,Float)`` does.
    mutating func set(_ key: String, _ value: Double) {
        put(key, value.isFinite ? "\(value)" : "null")
    }

    /// Sets a nested object.
    mutating func set(_ key: String, object: JSONObject) { put(key, object.text) }

    /// Replaces an existing key in place, or appends a new one.
    private mutating func put(_ key: String, _ encoded: String) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = encoded
        } else {
            members.append((key, encoded))
        }
    }

    /// The object on one line.
    var text: String {
        "{" + members.map { "\(Self.quoted($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
