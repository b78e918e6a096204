/// What to do with an empty field in a numeric feature column.
public enum Imputation: String, Sendable, Equatable, CaseIterable {
    /// Refuse the file, naming the line and the column.
    case none
    /// Fill it with the column's mean over the training rows.
    case mean
}

/// A table turned into a classification dataset: numeric columns as they
/// are, text columns one-hot, the target's distinct values as the classes.
public struct TabularDataset: Sendable {
    /// All rows, features unstandardized; a missing number is NaN until ``prepared(validationFraction:seed:)`` fills it.
    public var dataset: Dataset
    /// How the columns became inputs.
    public var schema: TableSchema
    /// How many values each feature column misses, by schema column (all zero without imputation).
    public var missingCounts: [Int]
    /// Whether missing numbers are filled with their column's training mean.
    public var imputation: Imputation
    /// For a regression table, each row's target (labels are then all 0); nil for classes.
    public var targets: [Float]?

    public init(dataset: Dataset, schema: TableSchema, missingCounts: [Int], imputation: Imputation,
                targets: [Float]? = nil) {
        self.dataset = dataset
        self.schema = schema
        self.missingCounts = missingCounts
        self.imputation = imputation
        self.targets = targets
    }

    /// One name per input feature: the column's name, or "column=value" for a one-hot feature.
    public var featureNames: [String] { schema.featureNames }
    /// Whether each input feature is a one-hot indicator (left unstandardized).
    public var isIndicator: [Bool] { schema.isIndicator }
    /// The target column's name.
    public var targetName: String { schema.target }

    /// Splits off `validationFraction` of the rows, stratified with `seed`,
    /// and standardizes the numeric features with the training part's mean
    /// and deviation only; one-hot features keep their 0 and 1.
    public func split(validationFraction: Float, seed: UInt64) -> DatasetSplit {
        prepared(validationFraction: validationFraction, seed: seed).split
    }

    /// The split of ``split(validationFraction:seed:)`` with missing numbers
    /// filled first: each with its column's mean over the training rows
    /// (the validation rows must not leak into what the model learns from),
    /// which the returned schema keeps for `eval`.
    ///
    /// A regression table's targets are split with their rows (at random: all
    /// its labels are one class).
    public func prepared(validationFraction: Float, seed: UInt64) -> PreparedTable {
        var split: DatasetSplit
        var trainTargets: [Float]?
        var validationTargets: [Float]?
        if let targets {
            // The targets ride along as a last feature through the split, then come off again.
            let parts = dataset.appendingFeature(targets).split(validationFraction: validationFraction, seed: seed)
            let train = parts.train.removingLastFeature()
            let validation = parts.validation.removingLastFeature()
            split = DatasetSplit(train: train.dataset, validation: validation.dataset)
            trainTargets = train.removed
            validationTargets = validation.removed
        } else {
            split = dataset.split(validationFraction: validationFraction, seed: seed)
        }
        var schema = schema
        var imputed: [(column: String, count: Int)] = []
        if imputation == .mean {
            var offset = 0
            for (index, column) in schema.columns.enumerated() {
                defer { offset += column.inputCount }
                guard column.categories == nil else { continue }
                let mean = Self.mean(of: split.train, feature: offset)
                schema.columns[index].imputedMean = mean
                split.train.replaceMissing(feature: offset, with: mean)
                split.validation.replaceMissing(feature: offset, with: mean)
                if missingCounts[index] > 0 { imputed.append((column.name, missingCounts[index])) }
            }
        }
        var normalization = split.train.standardization()
        for (feature, indicator) in schema.isIndicator.enumerated() where indicator {
            normalization.mean[feature] = 0
            normalization.std[feature] = 1
        }
        split.train.normalization = normalization
        split.validation.normalization = normalization
        return PreparedTable(split: split, schema: schema, imputed: imputed, trainTargets: trainTargets,
                             validationTargets: validationTargets)
    }

    /// The mean of the present (non-NaN) values of one feature; 0 when none is present.
    private static func mean(of dataset: Dataset, feature: Int) -> Float {
        guard case .float(let values) = dataset.features else { return 0 }
        let width = dataset.itemSize
        var sum = 0.0
        var present = 0
        for row in 0..<dataset.count where !values[row * width + feature].isNaN {
            sum += Double(values[row * width + feature])
            present += 1
        }
        return present > 0 ? Float(sum / Double(present)) : 0
    }
}

/// A table ready to train on: the standardized split, the schema with the
/// means that filled missing values, and how many each column had.
public struct PreparedTable: Sendable {
    public var split: DatasetSplit
    /// What a model file keeps to read another file the same way.
    public var schema: TableSchema
    /// The columns in which values were imputed, with how many, in column order.
    public var imputed: [(column: String, count: Int)]
    /// A regression table's targets of the training and validation rows, in their order; nil for classes.
    public var trainTargets: [Float]?
    public var validationTargets: [Float]?
}

extension Dataset {
    /// The dataset with one more feature per item, `values[i]` for item i.
    fileprivate func appendingFeature(_ values: [Float]) -> Dataset {
        guard case .float(let features) = features else { return self }
        let width = itemSize
        var widened = [Float]()
        widened.reserveCapacity(count * (width + 1))
        for row in 0..<count {
            widened += features[(row * width)..<((row + 1) * width)]
            widened.append(values[row])
        }
        return Dataset(name: name, itemShape: [width + 1], classNames: classNames, features: .float(widened),
                       labels: labels, normalization: normalization)
    }

    /// The dataset without its last feature, and that feature's values.
    fileprivate func removingLastFeature() -> (dataset: Dataset, removed: [Float]) {
        guard case .float(let features) = features, itemSize > 1 else { return (self, []) }
        let width = itemSize - 1
        var kept = [Float]()
        kept.reserveCapacity(count * width)
        var removed = [Float]()
        removed.reserveCapacity(count)
        for row in 0..<count {
            kept += features[(row * (width + 1))..<(row * (width + 1) + width)]
            removed.append(features[row * (width + 1) + width])
        }
        return (Dataset(name: name, itemShape: [width], classNames: classNames, features: .float(kept),
                        labels: labels, normalization: normalization), removed)
    }

    /// Replaces NaN (a missing value) in one feature of every item with `value`.
    fileprivate mutating func replaceMissing(feature: Int, with value: Float) {
        guard case .float(var values) = features else { return }
        features = .float([])  // Drops the second reference, so the change below is in place.
        let width = itemSize
        for row in 0..<count where values[row * width + feature].isNaN { values[row * width + feature] = value }
        features = .float(values)
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
    /// when they have at most ``maximumCategories`` values. NaN and
    /// infinities are refused with their line and column, and so is an empty
    /// field, unless `imputation` is ``Imputation/mean`` and it is in a
    /// numeric feature column. Classes are the target's distinct values,
    /// sorted (numerically when all are numbers).
    public func classificationDataset(target: String? = nil, name: String = "csv",
                                      imputation: Imputation = .none) throws(DatasetError) -> TabularDataset {
        try classificationDataset(target: target, name: name, imputation: imputation, readsColumnsOnce: true)
    }

    /// ``classificationDataset(target:name:imputation:)``; without
    /// `readsColumnsOnce`, every field is read where it is used, as the
    /// reference the tests hold the parsed-once columns to.
    func classificationDataset(target: String?, name: String, imputation: Imputation,
                               readsColumnsOnce: Bool) throws(DatasetError) -> TabularDataset {
        let targetIndex = try self.targetIndex(target)
        try checkColumns()
        if imputation == .none { try refuseMissingValues() }
        let classNames = try self.classNames(targetIndex: targetIndex)
        let featureColumns = columnNames.indices.filter { $0 != targetIndex }
        let parsed = readsColumnsOnce ? parsedColumns(featureColumns) : nil
        let schema = try inferSchema(targetIndex: targetIndex, parsed: parsed)
        let encoded = try encode(schema: schema, columnIndices: featureColumns, targetIndex: targetIndex,
                                 classNames: classNames, allowsMissing: imputation == .mean, name: name,
                                 parsed: parsed)
        return TabularDataset(dataset: encoded.dataset, schema: schema, missingCounts: encoded.missingCounts,
                              imputation: imputation)
    }

    /// The target's column, by name or number; the last column when nil.
    func targetIndex(_ target: String?) throws(DatasetError) -> Int {
        guard let target else { return columnNames.count - 1 }
        guard let found = columnIndex(target) else {
            throw .columnNotFound(path: path, column: target, columns: columnNames)
        }
        return found
    }

    /// The target's distinct values, sorted (as numbers when all are numbers).
    private func classNames(targetIndex: Int) throws(DatasetError) -> [String] {
        if let row = (0..<rowCount).first(where: { fields.isEmpty(row: $0, column: targetIndex) }) {
            throw .missingValue(path: path, line: lineNumbers[row], column: columnNames[targetIndex])
        }
        var distinct = distinctTexts(column: targetIndex)
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
        return distinct
    }

    /// A column's distinct texts, in the order they first appear.
    func distinctTexts(column: Int) -> [String] {
        fields.withReader { reader in
            var distinct = FieldTextLookup()
            for row in 0..<rowCount { distinct.insert(reader.bytes(row: row, column: column)) }
            return distinct.texts
        }
    }

    /// Refuses a table with nothing to learn from, or with two columns of one name.
    func checkColumns() throws(DatasetError) {
        guard columnNames.count >= 2 else { throw .noFeatures(path: path) }
        // A model file finds its columns by name, so two of one name could not be told apart.
        var seen = Set<String>()
        if let repeated = columnNames.first(where: { !seen.insert($0).inserted }) {
            throw .repeatedColumn(path: path, column: repeated)
        }
    }

    /// Refuses the first empty field, in file order.
    func refuseMissingValues() throws(DatasetError) {
        let width = columnNames.count
        // Empty fields are rare: find the first row with one over the spans, then its column.
        guard let row = (0..<rowCount).first(where: { row in (0..<width).contains { fields.isEmpty(row: row, column: $0) } })
        else { return }
        let empty = (0..<width).first { fields.isEmpty(row: row, column: $0) } ?? 0
        throw .missingValue(path: path, line: lineNumbers[row], column: columnNames[empty])
    }

    /// Which feature columns are numbers and which are categories; the
    /// columns in `parsed` are decided by its counts (the same decision).
    func inferSchema(targetIndex: Int, regression: Bool = false,
                     parsed: ParsedColumns? = nil) throws(DatasetError) -> TableSchema {
        var columns: [TableSchema.Column] = []
        for column in columnNames.indices where column != targetIndex {
            var present = 0
            var numbers = 0
            var texts = 0
            if let parsed, let position = parsed.position(of: column) {
                present = parsed.present[position]
                numbers = parsed.numbers[position]
            } else {
                fields.withReader { reader in
                    for row in 0..<rowCount where !reader.isEmpty(row: row, column: column) {
                        present += 1
                        if reader.number(row: row, column: column) != nil { numbers += 1 } else { texts += 1 }
                        // Settled either way once one kind is over half of all rows: stop reading the column.
                        if numbers * 2 > rowCount || texts * 2 >= rowCount { break }
                    }
                }
            }
            if numbers * 2 > present {
                columns.append(TableSchema.Column(name: columnNames[column]))
                continue
            }
            // A text column: an empty field is a missing category, which no mean can fill.
            if let row = (0..<rowCount).first(where: { fields.isEmpty(row: $0, column: column) }) {
                throw .missingValue(path: path, line: lineNumbers[row], column: columnNames[column])
            }
            let values = distinctTexts(column: column).sorted()
            guard values.count <= Self.maximumCategories else {
                throw .tooManyValues(path: path, column: columnNames[column], count: values.count,
                                     limit: Self.maximumCategories, isTarget: false)
            }
            columns.append(TableSchema.Column(name: columnNames[column], categories: values))
        }
        return TableSchema(columns: columns, target: columnNames[targetIndex], hasHeader: hadHeader,
                           regression: regression)
    }
}
