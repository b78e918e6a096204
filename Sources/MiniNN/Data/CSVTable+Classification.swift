/// A table turned into a classification dataset: numeric columns as they
/// are, text columns one-hot, the target's distinct values as the classes.
public struct TabularDataset: Sendable {
    /// All rows, features unstandardized.
    public var dataset: Dataset
    /// One name per input feature: the column's name, or "column=value" for a one-hot feature.
    public var featureNames: [String]
    /// Whether each input feature is a one-hot indicator (left unstandardized).
    public var isIndicator: [Bool]
    /// The target column's name.
    public var targetName: String

    /// Splits off `validationFraction` of the rows, stratified with `seed`,
    /// and standardizes the numeric features with the training part's mean
    /// and deviation only; one-hot features keep their 0 and 1.
    public func split(validationFraction: Float, seed: UInt64) -> DatasetSplit {
        var split = dataset.split(validationFraction: validationFraction, seed: seed)
        var normalization = split.train.standardization()
        for (feature, indicator) in isIndicator.enumerated() where indicator {
            normalization.mean[feature] = 0
            normalization.std[feature] = 1
        }
        split.train.normalization = normalization
        split.validation.normalization = normalization
        return split
    }
}

extension CSVTable {
    /// Most distinct values a text feature column may have to be one-hot encoded.
    public static let maximumCategories = 20
    /// Most classes a target column may have (labels are bytes).
    public static let maximumClasses = 256

    /// The table as a classification dataset predicting `target` (a header
    /// name or 1-based column number; nil: the last column) from every other column.
    ///
    /// A feature column is numeric when most of its values are numbers; its
    /// first non-number is then an error. Other columns are one-hot encoded
    /// when they have at most ``maximumCategories`` values. Empty fields,
    /// NaN and infinities are refused with their line and column. Classes
    /// are the target's distinct values, sorted (numerically when all are numbers).
    public func classificationDataset(target: String? = nil, name: String = "csv") throws(DatasetError) -> TabularDataset {
        let columnCount = columnNames.count
        let targetIndex: Int
        if let target {
            guard let found = columnIndex(target) else {
                throw .columnNotFound(path: path, column: target, columns: columnNames)
            }
            targetIndex = found
        } else {
            targetIndex = columnCount - 1
        }
        guard columnCount >= 2 else { throw .noFeatures(path: path) }

        for (row, fields) in rows.enumerated() {
            if let empty = fields.firstIndex(where: \.isEmpty) {
                throw .missingValue(path: path, line: lineNumbers[row], column: columnNames[empty])
            }
        }

        // Classes.
        let targetValues = rows.map { $0[targetIndex] }
        var distinct = Array(Set(targetValues))
        let numbers = distinct.compactMap { value in Self.parseNumber(value).map { (value, $0) } }
        if numbers.count == distinct.count {
            distinct = numbers.sorted { $0.1 < $1.1 }.map(\.0)
        } else {
            distinct.sort()
        }
        guard distinct.count >= 2 else {
            throw .singleClass(path: path, column: columnNames[targetIndex], value: distinct.first ?? "")
        }
        guard distinct.count <= Self.maximumClasses else {
            throw .tooManyValues(path: path, column: columnNames[targetIndex], count: distinct.count,
                                 limit: Self.maximumClasses, isTarget: true)
        }
        let classIndex = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        // Every target value is one of `distinct`, so each has an index.
        let labels = targetValues.map { UInt8(classIndex[$0] ?? 0) }

        // Feature columns: numeric or one-hot.
        enum Encoding { case numeric; case oneHot([String: Int], count: Int) }
        var encodings: [(column: Int, encoding: Encoding)] = []
        var featureNames: [String] = []
        var isIndicator: [Bool] = []
        for column in 0..<columnCount where column != targetIndex {
            let numbers = rows.reduce(0) { $0 + (Self.parseNumber($1[column]) != nil ? 1 : 0) }
            if numbers * 2 > rows.count {
                encodings.append((column, .numeric))
                featureNames.append(columnNames[column])
                isIndicator.append(false)
                continue
            }
            let values = Array(Set(rows.map { $0[column] })).sorted()
            guard values.count <= Self.maximumCategories else {
                throw .tooManyValues(path: path, column: columnNames[column], count: values.count,
                                     limit: Self.maximumCategories, isTarget: false)
            }
            encodings.append((column, .oneHot(Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) }),
                                              count: values.count)))
            featureNames += values.map { "\(columnNames[column])=\($0)" }
            isIndicator += values.map { _ in true }
        }

        let width = featureNames.count
        var features = [Float](repeating: 0, count: rows.count * width)
        for (row, fields) in rows.enumerated() {
            var offset = row * width
            for (column, encoding) in encodings {
                let text = fields[column]
                switch encoding {
                case .numeric:
                    guard let value = Self.parseNumber(text) else {
                        throw .notANumber(path: path, line: lineNumbers[row], column: columnNames[column], text: text)
                    }
                    guard value.isFinite else {
                        throw .notFinite(path: path, line: lineNumbers[row], column: columnNames[column], text: text)
                    }
                    features[offset] = value
                    offset += 1
                case .oneHot(let index, let count):
                    // The index was built from this very column, so every text is in it.
                    if let position = index[text] { features[offset + position] = 1 }
                    offset += count
                }
            }
        }
        let dataset = Dataset(name: name, itemShape: [width], classNames: distinct,
                              features: .float(features), labels: labels)
        return TabularDataset(dataset: dataset, featureNames: featureNames, isIndicator: isIndicator,
                              targetName: columnNames[targetIndex])
    }
}
