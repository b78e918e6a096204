import Foundation

/// How the columns of a CSV table became a model's inputs: which column is
/// the target, which feature columns are numbers and which are one-hot
/// encoded (with their values), and the means that fill missing numbers.
///
/// A model file keeps it (the `table` metadata key) so that `eval --csv`
/// reads a new file exactly as the training file was read; the class names
/// and the standardization are kept beside it, as for every model.
public struct TableSchema: Codable, Equatable, Sendable {
    /// One feature column, in the order its inputs come.
    public struct Column: Codable, Equatable, Sendable {
        /// The header name, or "column N" for a file without a header.
        public var name: String
        /// The values one-hot encoded, one input each in this order; nil for a numeric column (one input).
        public var categories: [String]?
        /// The training rows' mean, which fills a missing value; nil when a
        /// missing value is refused (the default, without `--impute mean`).
        public var imputedMean: Float?

        public init(name: String, categories: [String]? = nil, imputedMean: Float? = nil) {
            self.name = name
            self.categories = categories
            self.imputedMean = imputedMean
        }

        /// Inputs this column gives the model.
        public var inputCount: Int { categories?.count ?? 1 }

        enum CodingKeys: String, CodingKey {
            case name, categories
            case imputedMean = "imputed_mean"
        }
    }

    /// The feature columns, in input order.
    public var columns: [Column]
    /// The name of the column predicted.
    public var target: String
    /// Whether the training file's first row named the columns (a file read
    /// for the model is read the same way).
    public var hasHeader: Bool
    /// True when the target is a quantity (regression: one output in its
    /// units); nil or false when its values are classes.
    public var regression: Bool?

    public init(columns: [Column], target: String, hasHeader: Bool = true, regression: Bool = false) {
        self.columns = columns
        self.target = target
        self.hasHeader = hasHeader
        self.regression = regression ? true : nil
    }

    /// Whether the model predicts a quantity rather than a class.
    public var isRegression: Bool { regression == true }

    enum CodingKeys: String, CodingKey {
        case columns, target, regression
        case hasHeader = "header"
    }

    /// Inputs the model takes: one per numeric column, one per category of the others.
    public var inputCount: Int { columns.reduce(0) { $0 + $1.inputCount } }

    /// One name per input: the column's, or "column=value" for a one-hot input.
    public var featureNames: [String] {
        columns.flatMap { column in column.categories.map { $0.map { "\(column.name)=\($0)" } } ?? [column.name] }
    }

    /// Whether each input is a one-hot indicator (left unstandardized).
    public var isIndicator: [Bool] {
        columns.flatMap { column in [Bool](repeating: column.categories != nil, count: column.inputCount) }
    }

    /// The schema as the one-line JSON a model file holds.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads ``json``; nil when the text is not such an object or names no
    /// column, repeats a name, or holds a non-finite mean or an empty category list.
    public static func parse(_ text: String) -> TableSchema? {
        guard let schema = try? JSONDecoder().decode(TableSchema.self, from: Data(text.utf8)) else { return nil }
        let names = schema.columns.map(\.name) + [schema.target]
        guard !schema.columns.isEmpty, Set(names).count == names.count,
              schema.columns.allSatisfy({ ($0.imputedMean?.isFinite ?? true) && !($0.categories?.isEmpty ?? false) })
        else { return nil }
        return schema
    }
}
