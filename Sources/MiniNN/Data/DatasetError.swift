/// Why a data file could not be read. Every case names the file, and the
/// description says what is wrong in words a learner can act on.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist.
    case missingFile(path: String)
    /// The file exists but could not be read (permissions, a directory, an I/O error).
    case unreadable(path: String, reason: String)
    /// The file does not start with the gzip magic bytes 1f 8b.
    case notGzip(path: String)
    /// The gzip stream is damaged (zlib's message).
    case corruptGzip(path: String, reason: String)
    /// The file ends before its header does.
    case truncatedHeader(path: String, expectedBytes: Int, actualBytes: Int)
    /// The IDX magic number is not the one this file should have.
    case wrongMagic(path: String, expected: UInt32, found: UInt32)
    /// The header's dimensions are not the expected ones (e.g. images not 28×28).
    case wrongDimensions(path: String, expected: String, found: [Int])
    /// The file holds less (or more) data than its header announces.
    case dataLengthMismatch(path: String, expectedBytes: Int, actualBytes: Int)
    /// A label is not a valid class index.
    case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int)
    /// The image file and the label file disagree on how many examples there are.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
    /// A CSV field that should be a number is not (1-based line and column).
    case badNumber(path: String, line: Int, column: Int, text: String)
    /// A CSV row names a species the reader does not know (1-based line).
    case unknownSpecies(path: String, line: Int, name: String)
    /// A CSV row has the wrong number of fields (1-based line).
    case wrongFieldCount(path: String, line: Int, expected: Int, found: Int)
    /// The file holds no examples.
    case empty(path: String)
    /// A text file is larger than the reader accepts (`limit` bytes).
    case fileTooLarge(path: String, limit: Int)
    /// A line of a text file is longer than the reader accepts (1-based line, `limit` bytes).
    case lineTooLong(path: String, line: Int, limit: Int)
    /// The data would take more memory than the reader allows (`bytes` asked, `limit` allowed).
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// A dataset was not found in any of the places searched.
    case notFound(dataset: String, searched: [String])
    /// A quoted CSV field is never closed (1-based line where its row starts).
    case unclosedQuote(path: String, line: Int)
    /// A CSV column asked for by name or number does not exist; `columns` are the ones that do.
    case columnNotFound(path: String, column: String, columns: [String])
    /// A CSV file has a single column: nothing to predict from.
    case noFeatures(path: String)
    /// A CSV field is empty (1-based line, column name).
    case missingValue(path: String, line: Int, column: String)
    /// A field of a numeric CSV column is not a number (1-based line, column name).
    case notANumber(path: String, line: Int, column: String, text: String)
    /// A field of a numeric CSV column is NaN or infinite (1-based line, column name).
    case notFinite(path: String, line: Int, column: String, text: String)
    /// The target column holds a single value: there is nothing to tell apart.
    case singleClass(path: String, column: String, value: String)
    /// A text column has more distinct values than can be encoded (`isTarget`: as classes, else one-hot).
    case tooManyValues(path: String, column: String, count: Int, limit: Int, isTarget: Bool)
    /// Two columns of a CSV header have the same name.
    case repeatedColumn(path: String, column: String)
    /// A column a trained model reads is not in the file; `expected` are the columns it reads, target last.
    case missingColumn(path: String, column: String, expected: [String])
    /// The file has a column the trained model never saw; `expected` are the columns it reads, target last.
    case unexpectedColumn(path: String, column: String, expected: [String])
    /// A text field holds a value the model's one-hot encoding of the column does not know (1-based line).
    case unknownCategory(path: String, line: Int, column: String, value: String, known: [String])
    /// A target field holds a value that is none of the model's classes (1-based line).
    case unknownClass(path: String, line: Int, column: String, value: String, classes: [String])
    /// A field of a column a trained model reads as numbers is not a number (1-based line).
    case notANumberForModel(path: String, line: Int, column: String, text: String)
    /// A regression target field is not a finite number (1-based line).
    case targetNotANumber(path: String, line: Int, column: String, text: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): file not found"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the file (\(reason))"
        case .notGzip(let path):
            return "\(path): not a gzip file (it does not start with the bytes 1f 8b)"
        case .corruptGzip(let path, let reason):
            return "\(path): the gzip data is corrupt (\(reason))"
        case .truncatedHeader(let path, let expected, let actual):
            return "\(path): truncated header: expected \(expected) bytes, the file has \(actual)"
        case .wrongMagic(let path, let expected, let found):
            return "\(path): wrong magic number \(hex(found)), expected \(hex(expected))"
        case .wrongDimensions(let path, let expected, let found):
            let shape = found.map(String.init).joined(separator: "×")
            return "\(path): wrong dimensions \(shape), expected \(expected)"
        case .dataLengthMismatch(let path, let expected, let actual):
            let kind = actual < expected ? "short data" : "extra data"
            return "\(path): \(kind): the header announces \(expected) bytes of data, the file has \(actual)"
        case .labelOutOfRange(let path, let index, let label, let classCount):
            return "\(path): label \(label) of example \(index) is not a class (expected 0–\(classCount - 1))"
        case .countMismatch(let imagesPath, let images, let labelsPath, let labels):
            return "\(imagesPath) has \(images) images but \(labelsPath) has \(labels) labels"
        case .badNumber(let path, let line, let column, let text):
            return "\(path): bad number \"\(text)\" at line \(line) column \(column)"
        case .unknownSpecies(let path, let line, let name):
            return "\(path): unknown species \"\(name)\" at line \(line) (expected setosa, versicolor or virginica)"
        case .wrongFieldCount(let path, let line, let expected, let found):
            return "\(path): line \(line) has \(found) fields, expected \(expected)"
        case .empty(let path):
            return "\(path): the file holds no examples"
        case .fileTooLarge(let path, let limit):
            return "\(path): the file is larger than \(megabytes(limit)), the most this reader accepts; nothing was loaded"
        case .lineTooLong(let path, let line, let limit):
            return "\(path): line \(line) is longer than \(megabytes(limit)), the most this reader accepts; nothing was loaded"
        case .tooLarge(let path, let bytes, let limit):
            return "\(path): the data would take \(megabytes(bytes)) of memory, more than the \(megabytes(limit)) "
                + "allowed; nothing was loaded"
        case .notFound(let dataset, let searched):
            let places = searched.isEmpty ? "  (nowhere to look)" : searched.map { "  \($0)" }.joined(separator: "\n")
            return "\(dataset) dataset not found. Looked in:\n\(places)\n"
                + "Pass --data-dir DIR or set NETPLAYGROUND_DATA to the folder that holds \(dataset)/."
        case .unclosedQuote(let path, let line):
            return "\(path): the quoted field starting on line \(line) is never closed (a \" is missing)"
        case .columnNotFound(let path, let column, let columns):
            return "\(path): no column \"\(column)\"; the columns are: "
                + columns.enumerated().map { "\($0 + 1) \($1)" }.joined(separator: ", ")
        case .noFeatures(let path):
            return "\(path): the file has a single column; there must be at least one column to learn from besides the target"
        case .missingValue(let path, let line, let column):
            return "\(path): line \(line), column \"\(column)\": the value is missing (empty field)"
        case .notANumber(let path, let line, let column, let text):
            return "\(path): line \(line), column \"\(column)\": \"\(text)\" is not a number, "
                + "and most of the column is numbers"
        case .notFinite(let path, let line, let column, let text):
            return "\(path): line \(line), column \"\(column)\": \"\(text)\" is not a finite number (NaN or infinity)"
        case .singleClass(let path, let column, let value):
            return "\(path): the target column \"\(column)\" has only one value (\"\(value)\"); "
                + "a classifier needs at least two classes"
        case .tooManyValues(let path, let column, let count, let limit, let isTarget):
            return isTarget
                ? "\(path): the target column \"\(column)\" has \(count) distinct values, more than the \(limit) classes allowed"
                : "\(path): column \"\(column)\" is text with \(count) distinct values, more than the \(limit) "
                    + "that are one-hot encoded; remove the column or pick it as the target"
        case .repeatedColumn(let path, let column):
            return "\(path): two columns are named \"\(column)\"; rename one so that each column has its own name"
        case .missingColumn(let path, let column, let expected):
            return "\(path): no column \"\(column)\", which the model reads; it reads the columns "
                + listed(expected)
        case .unexpectedColumn(let path, let column, let expected):
            return "\(path): column \"\(column)\" is not one the model was trained on; it reads the columns "
                + listed(expected) + " (remove the others)"
        case .unknownCategory(let path, let line, let column, let value, let known):
            return "\(path): line \(line), column \"\(column)\": \"\(value)\" is not a value the model was "
                + "trained on (it knows " + listed(known) + ")"
        case .unknownClass(let path, let line, let column, let value, let classes):
            return "\(path): line \(line), column \"\(column)\": \"\(value)\" is not one of the model's "
                + "classes (" + listed(classes) + ")"
        case .notANumberForModel(let path, let line, let column, let text):
            return "\(path): line \(line), column \"\(column)\": \"\(text)\" is not a number, "
                + "and the model reads this column as numbers"
        case .targetNotANumber(let path, let line, let column, let text):
            return "\(path): line \(line), column \"\(column)\": \"\(text)\" is not a finite number, "
                + "and a regression target must be one"
        }
    }

    /// The file the error is about (the image file for a count mismatch).
    public var path: String? {
        switch self {
        case .missingFile(let path), .unreadable(let path, _), .notGzip(let path),
             .corruptGzip(let path, _), .truncatedHeader(let path, _, _), .wrongMagic(let path, _, _),
             .wrongDimensions(let path, _, _), .dataLengthMismatch(let path, _, _),
             .labelOutOfRange(let path, _, _, _), .badNumber(let path, _, _, _),
             .unknownSpecies(let path, _, _), .wrongFieldCount(let path, _, _, _), .empty(let path),
             .fileTooLarge(let path, _), .lineTooLong(let path, _, _), .tooLarge(let path, _, _),
             .unclosedQuote(let path, _), .columnNotFound(let path, _, _), .noFeatures(let path),
             .missingValue(let path, _, _), .notANumber(let path, _, _, _), .notFinite(let path, _, _, _),
             .singleClass(let path, _, _), .tooManyValues(let path, _, _, _, _), .repeatedColumn(let path, _),
             .missingColumn(let path, _, _), .unexpectedColumn(let path, _, _),
             .unknownCategory(let path, _, _, _, _), .unknownClass(let path, _, _, _, _),
             .notANumberForModel(let path, _, _, _), .targetNotANumber(let path, _, _, _):
            return path
        case .countMismatch(let imagesPath, _, _, _):
            return imagesPath
        case .notFound:
            return nil
        }
    }
}

/// ["a", "b"] → "\"a\", \"b\"", the first 12 and a count of the rest (a model may read hundreds of columns).
private func listed(_ names: [String]) -> String {
    let shown = names.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
    return names.count > 12 ? shown + " and \(names.count - 12) more" : shown
}

/// 1_048_576 → "1 MB" (binary megabytes, as the limits are set).
private func megabytes(_ bytes: Int) -> String {
    bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\((bytes + (1 << 20) - 1) >> 20) MB"
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
