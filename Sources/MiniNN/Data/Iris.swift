import Foundation

/// Fisher's iris flowers: four measurements in centimetres and the species.
///
/// The CSV has a header row (`sepal_length_cm, sepal_width_cm,
/// petal_length_cm, petal_width_cm, species`); the UCI form without a header
/// and with species spelled "Iris-setosa" reads as well. Blank lines are
/// skipped. Features stay in centimetres: standardize them with statistics
/// from the training split (``DatasetSplit/standardized()``).
public enum Iris {
    /// The measurements, in column order.
    public static let featureNames = ["sepal length", "sepal width", "petal length", "petal width"]
    /// The species, index = label.
    public static let classNames = ["setosa", "versicolor", "virginica"]
    /// File name inside the `iris` folder.
    public static let fileName = "iris.csv"

    /// Loads `iris.csv` from the folder that holds it (e.g. `datasets/iris`).
    public static func load(from directory: String) throws(DatasetError) -> Dataset {
        try load(path: URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(fileName).path)
    }

    /// Largest CSV file read: room for a million rows of own data, and far
    /// below what would exhaust memory.
    public static let maximumFileBytes = 512 << 20
    /// Longest line read; a real row is a few dozen bytes.
    public static let maximumLineBytes = 1 << 20

    /// Loads an iris CSV file, naming the line and column of any bad field.
    /// Files above ``maximumFileBytes`` and lines above ``maximumLineBytes``
    /// are refused with the limit.
    public static func load(path: String) throws(DatasetError) -> Dataset {
        try load(path: path, maximumFileBytes: maximumFileBytes)
    }

    /// ``load(path:)`` with another file limit (tests use a small one).
    static func load(path: String, maximumFileBytes: Int) throws(DatasetError) -> Dataset {
        let data = try BoundedFile.read(path: path, maximumBytes: maximumFileBytes)
        if let line = BoundedFile.firstLongLine(data, limit: maximumLineBytes) {
            throw .lineTooLong(path: path, line: line, limit: maximumLineBytes)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return try parse(text, path: path)
    }


    /// Parses iris CSV text; `path` names the source in errors.
    public static func parse(_ text: String, path: String) throws(DatasetError) -> Dataset {
        let columnCount = featureNames.count + 1
        var features: [Float] = []
        var labels: [UInt8] = []
        var sawFirstRow = false
        // "\r\n" is one Character in Swift, and a newline, as are "\n" and "\r":
        // Unix, Windows and old Mac line ends all count as one line break.
        // Lines are visited one at a time: a million-row file must not first
        // become a million-element array.
        var lineNumber = 0
        var rest = Substring(text)
        var more = true
        while more {
            lineNumber += 1
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let rawLine = rest[..<end]
            more = end != rest.endIndex
            rest = more ? rest[rest.index(after: end)...] : rest[end...]
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(cleanField)
            if !sawFirstRow {
                sawFirstRow = true
                // The header is a first row that neither starts with a number
                // nor ends with a species; a data row with a typo still reads as data.
                if let first = fields.first, let last = fields.last,
                   Float(first) == nil, speciesIndex(last) == nil {
                    guard fields.count == columnCount else {
                        throw .wrongFieldCount(path: path, line: lineNumber, expected: columnCount, found: fields.count)
                    }
                    continue
                }
            }
            guard fields.count == columnCount else {
                throw .wrongFieldCount(path: path, line: lineNumber, expected: columnCount, found: fields.count)
            }
            for column in 0..<featureNames.count {
                guard let value = Float(fields[column]), value.isFinite else {
                    throw .badNumber(path: path, line: lineNumber, column: column + 1, text: fields[column])
                }
                features.append(value)
            }
            guard let species = speciesIndex(fields[columnCount - 1]) else {
                throw .unknownSpecies(path: path, line: lineNumber, name: fields[columnCount - 1])
            }
            labels.append(UInt8(species))
        }
        guard !labels.isEmpty else { throw .empty(path: path) }
        return Dataset(name: "iris", itemShape: [featureNames.count], classNames: classNames,
                       features: .float(features), labels: labels)
    }

    /// The label of a species name: "setosa", "Iris-setosa" and "Iris setosa"
    /// in any case all mean setosa.
    public static func speciesIndex(_ name: String) -> Int? {
        var key = name.lowercased()
        for prefix in ["iris-", "iris ", "iris_"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        return classNames.firstIndex(of: key)
    }

    /// A field without surrounding blanks or double quotes.
    private static func cleanField(_ field: Substring) -> String {
        var value = field.trimmingCharacters(in: .whitespaces)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }
}
