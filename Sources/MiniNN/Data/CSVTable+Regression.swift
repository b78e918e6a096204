extension CSVTable {
    /// Most distinct whole numbers a numeric target may hold and still be read as class labels.
    public static let maximumIntegerClasses = 20

    /// Whether the target column reads as a quantity to predict rather than
    /// classes: all its fields are numbers, and one is not a whole number or
    /// there are more than ``maximumIntegerClasses`` distinct values.
    public func targetIsQuantity(_ target: String?) throws(DatasetError) -> Bool {
        let column = try targetIndex(target)
        // Only whether there are more than the limit counts: the rest of the column is only checked for numbers.
        var distinct: [Float] = []
        return fields.withReader { reader in
            for row in 0..<rowCount {
                guard let value = reader.number(row: row, column: column), value.isFinite else { return false }
                if value != value.rounded() { return true }
                if distinct.count <= Self.maximumIntegerClasses, !distinct.contains(value) { distinct.append(value) }
            }
            return distinct.count > Self.maximumIntegerClasses
        }
    }

    /// The table as a regression dataset predicting the numbers of `target`
    /// (a header name or 1-based column number; nil: the last column) from
    /// every other column, encoded as ``classificationDataset(target:name:imputation:)``
    /// encodes them. A target field that is empty, not a number, NaN or
    /// infinite is refused with its line.
    public func regressionDataset(target: String? = nil, name: String = "csv",
                                  imputation: Imputation = .none) throws(DatasetError) -> TabularDataset {
        let targetIndex = try self.targetIndex(target)
        try checkColumns()
        if imputation == .none { try refuseMissingValues() }
        let schema = try inferSchema(targetIndex: targetIndex, regression: true)
        let featureColumns = columnNames.indices.filter { $0 != targetIndex }
        let encoded = try encode(schema: schema, columnIndices: featureColumns, targetIndex: targetIndex,
                                 classNames: nil, allowsMissing: imputation == .mean, name: name)
        return TabularDataset(dataset: encoded.dataset, schema: schema, missingCounts: encoded.missingCounts,
                              imputation: imputation, targets: encoded.targets)
    }
}
