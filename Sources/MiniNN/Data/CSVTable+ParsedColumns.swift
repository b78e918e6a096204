extension CSVTable {
    /// Some columns' fields read as numbers once, shared by schema inference
    /// and encoding: a million-row table has tens of millions of fields, and
    /// reading each one twice (to decide whether its column holds numbers,
    /// then to encode it) took a third of the time of loading one.
    struct ParsedColumns {
        /// The table columns read, in order.
        var columns: [Int]
        /// Row-major, as features are: `values[row * columns.count + position]` for
        /// `columns[position]`; 0 where the field is empty or not a number.
        var values: [Float]
        var rowCount: Int
        /// Non-empty fields, by position.
        var present: [Int]
        /// Fields that are numbers (NaN and infinities included), by position.
        var numbers: [Int]
        /// Whether every field of the column is a finite number: nothing in it can be
        /// refused, so it is copied in one pass instead of field by field.
        var isClean: [Bool]

        /// The position of table column `column`, or nil when it was not read.
        func position(of column: Int) -> Int? { columns.firstIndex(of: column) }
    }

    /// `columns` read as numbers, the rows shared out among the cores
    /// (each worker reads its own rows, so no two touch the same row).
    func parsedColumns(_ columns: [Int]) -> ParsedColumns {
        let rowCount = self.rowCount
        let width = columns.count
        var values = [Float](repeating: 0, count: rowCount * width)
        let workers = BatchParallel.workerCount
        var present = [Int](repeating: 0, count: workers * width)
        var numbers = [Int](repeating: 0, count: workers * width)
        var finite = [Int](repeating: 0, count: workers * width)
        _ = fields.withReader { reader in
            values.withUnsafeMutableBufferPointer { values in
                present.withUnsafeMutableBufferPointer { present in
                    numbers.withUnsafeMutableBufferPointer { numbers in
                        finite.withUnsafeMutableBufferPointer { finite in
                            BatchParallel.forEachSlice(of: rowCount, minimumItemsPerWorker: 4096) { worker, items in
                                let counts = worker * width
                                for row in items {
                                    for (position, column) in columns.enumerated() {
                                        let field = reader.bytes(row: row, column: column)
                                        guard !field.isEmpty else { continue }
                                        present[counts + position] += 1
                                        guard let value = Self.parseNumber(bytes: field) else { continue }
                                        numbers[counts + position] += 1
                                        if value.isFinite { finite[counts + position] += 1 }
                                        values[row * width + position] = value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        func total(_ counts: [Int], _ position: Int) -> Int {
            (0..<workers).reduce(0) { $0 + counts[$1 * width + position] }
        }
        return ParsedColumns(columns: columns, values: values, rowCount: rowCount,
                             present: (0..<width).map { total(present, $0) },
                             numbers: (0..<width).map { total(numbers, $0) },
                             isClean: (0..<width).map { total(finite, $0) == rowCount })
    }
}
