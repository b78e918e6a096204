extension CSVTable {
    /// The rows as a dataset laid out by `schema` (kept in a model file):
    /// the same inputs in the same order, labels numbered by `classNames`.
    /// This is how `eval --csv` reads a new file for a trained model.
    ///
    /// Columns are matched by name, in any order. A column the schema needs
    /// and the file lacks, or one the file has and the model never saw, is
    /// refused with the columns expected; so is, with its line and column, a
    /// text that is not a number in a numeric column, a category or a target
    /// value the model does not know, and an empty field where the schema
    /// keeps no mean to fill it with.
    public func dataset(schema: TableSchema, classNames: [String], name: String = "csv") throws(DatasetError) -> Dataset {
        let indices = try matchColumns(schema.columns.map(\.name) + [schema.target])
        return try encode(schema: schema, columnIndices: Array(indices.dropLast()), targetIndex: indices.last ?? 0,
                          classNames: classNames, allowsMissing: false, forTrainedModel: true, name: name).dataset
    }

    /// The rows laid out by a regression model's `schema`, as
    /// ``dataset(schema:classNames:name:)`` lays them out, with each row's target.
    public func regressionRows(schema: TableSchema, name: String = "csv") throws(DatasetError) -> (dataset: Dataset,
                                                                                                  targets: [Float]) {
        let expected = schema.columns.map(\.name) + [schema.target]
        let indices = try matchColumns(expected)
        let encoded = try encode(schema: schema, columnIndices: Array(indices.dropLast()), targetIndex: indices.last ?? 0,
                                 classNames: nil, allowsMissing: false, forTrainedModel: true, name: name)
        return (encoded.dataset, encoded.targets)
    }

    /// The table's column for each name of `expected`; a missing or an extra column is refused.
    private func matchColumns(_ expected: [String]) throws(DatasetError) -> [Int] {
        var indices: [Int] = []
        for wanted in expected {
            guard let found = columnNames.firstIndex(of: wanted)
                    ?? columnNames.firstIndex(where: { $0.lowercased() == wanted.lowercased() }) else {
                throw .missingColumn(path: path, column: wanted, expected: expected)
            }
            indices.append(found)
        }
        if let extra = columnNames.indices.first(where: { !indices.contains($0) }) {
            throw .unexpectedColumn(path: path, column: columnNames[extra], expected: expected)
        }
        return indices
    }

    /// Encodes every row by `schema`, reading feature column `i` of the schema
    /// from `columnIndices[i]` of the table. An empty numeric field is the
    /// column's kept mean, else NaN when `allowsMissing` (filled after the
    /// split), else refused. Also returns how many fields each column missed.
    /// `forTrainedModel` words a non-number for a file read for a model (whose
    /// column is numeric because the training file's was), not for training.
    ///
    /// Without `classNames` the target is a quantity: its numbers are
    /// returned as `targets`, every label is 0 and the one class is the target's name.
    ///
    /// Numeric columns in `parsed` whose every field is a finite number are
    /// copied from it; nothing in them can be refused, so the first error in
    /// file order is the same as when every field is read here.
    func encode(schema: TableSchema, columnIndices: [Int], targetIndex: Int, classNames: [String]?,
                allowsMissing: Bool, forTrainedModel: Bool = false, name: String,
                parsed: ParsedColumns? = nil) throws(DatasetError) -> (dataset: Dataset, missingCounts: [Int],
                                                                     targets: [Float]) {
        // For each schema column, where its values sit in `parsed` when it is a clean numeric column.
        let cleanPositions: [Int?] = schema.columns.indices.map { position in
            guard let parsed, schema.columns[position].categories == nil,
                  let found = parsed.position(of: columnIndices[position]), parsed.isClean[found] else { return nil }
            return found
        }
        var classIndex = FieldTextLookup(classNames ?? [])
        var targets = [Float]()
        if classNames == nil { targets.reserveCapacity(rowCount) }
        var categoryIndices = schema.columns.map { column in column.categories.map(FieldTextLookup.init) }
        let width = schema.inputCount
        // Where each schema column's inputs start in a row, and the columns read here field by field.
        var inputOffsets: [Int] = [], nextOffset = 0
        for column in schema.columns {
            inputOffsets.append(nextOffset)
            nextOffset += column.inputCount
        }
        let fieldPositions = schema.columns.indices.filter { cleanPositions[$0] == nil }
        // A table of clean numeric columns only, parsed in the schema's order, is its own features: no copy.
        let parsedIsFeatures = parsed.map { parsed in
            parsed.columns.count == width && cleanPositions.enumerated().allSatisfy { $1 == $0 && inputOffsets[$0] == $0 }
        } ?? false
        var features = parsedIsFeatures ? parsed?.values ?? [] : [Float](repeating: 0, count: rowCount * width)
        var labels = [UInt8](repeating: 0, count: rowCount)
        var missingCounts = [Int](repeating: 0, count: schema.columns.count)
        try fields.withReader { (reader) throws(DatasetError) in
            for row in 0..<rowCount {
                let label = reader.bytes(row: row, column: targetIndex)
                guard !label.isEmpty else {
                    throw .missingValue(path: path, line: lineNumbers[row], column: columnNames[targetIndex])
                }
                if classNames == nil {
                    guard let value = Self.parseNumber(bytes: label), value.isFinite else {
                        throw .targetNotANumber(path: path, line: lineNumbers[row], column: columnNames[targetIndex],
                                                text: String(decoding: label, as: UTF8.self))
                    }
                    targets.append(value)
                } else if let labelIndex = classIndex.index(of: label) {
                    labels[row] = UInt8(truncatingIfNeeded: labelIndex)
                } else {
                    throw .unknownClass(path: path, line: lineNumbers[row], column: columnNames[targetIndex],
                                        value: String(decoding: label, as: UTF8.self), classes: classNames ?? [])
                }
                for position in fieldPositions {
                    let column = schema.columns[position]
                    let offset = row * width + inputOffsets[position]
                    let index = columnIndices[position]
                    let field = reader.bytes(row: row, column: index)
                    if categoryIndices[position] != nil {
                        guard let category = categoryIndices[position]?.index(of: field) else {
                            let text = String(decoding: field, as: UTF8.self)
                            if text.isEmpty {
                                throw .missingValue(path: path, line: lineNumbers[row], column: columnNames[index])
                            }
                            throw .unknownCategory(path: path, line: lineNumbers[row], column: columnNames[index],
                                                   value: text, known: column.categories ?? [])
                        }
                        features[offset + category] = 1
                        continue
                    }
                    if field.isEmpty {
                        guard let fill = column.imputedMean ?? (allowsMissing ? Float.nan : nil) else {
                            throw .missingValue(path: path, line: lineNumbers[row], column: columnNames[index])
                        }
                        missingCounts[position] += 1
                        features[offset] = fill
                        continue
                    }
                    guard let value = Self.parseNumber(bytes: field) else {
                        let text = String(decoding: field, as: UTF8.self)
                        throw forTrainedModel
                            ? .notANumberForModel(path: path, line: lineNumbers[row], column: columnNames[index], text: text)
                            : .notANumber(path: path, line: lineNumbers[row], column: columnNames[index], text: text)
                    }
                    guard value.isFinite else {
                        throw .notFinite(path: path, line: lineNumbers[row], column: columnNames[index],
                                         text: String(decoding: field, as: UTF8.self))
                    }
                    features[offset] = value
                }
            }
        }
        // The clean columns, row by row on every core: each row's inputs are
        // written in order, read from the parsed row.
        if let parsed, !parsedIsFeatures, case let copies = schema.columns.indices.compactMap({ position in
            cleanPositions[position].map { (source: $0, offset: inputOffsets[position]) }
        }), !copies.isEmpty {
            let parsedWidth = parsed.columns.count
            _ = parsed.values.withUnsafeBufferPointer { values in
                features.withUnsafeMutableBufferPointer { features in
                    // Each slice writes only its own rows.
                    BatchParallel.forEachSlice(of: rowCount, minimumItemsPerWorker: 4096) { _, items in
                        for row in items {
                            let base = row * width, parsedBase = row * parsedWidth
                            for copy in copies { features[base + copy.offset] = values[parsedBase + copy.source] }
                        }
                    }
                }
            }
        }
        let dataset = Dataset(name: name, itemShape: [width], classNames: classNames ?? [schema.target],
                              features: .float(features), labels: labels)
        return (dataset, missingCounts, targets)
    }
}
