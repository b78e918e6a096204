extension CSVTable {
    /// One column as a reader first sees it: its name, whether it holds
    /// numbers, how many distinct values, and the first few of them.
    public struct ColumnSummary: Sendable, Equatable {
        public var name: String
        /// Whether most of its present fields are numbers (as a feature column is read).
        public var isNumeric: Bool
        /// Distinct values, counted up to ``CSVTable/summaryDistinctLimit`` (more: that limit plus one).
        public var distinctCount: Int
        /// The first distinct values in file order, at most the number asked for.
        public var examples: [String]
        /// Empty fields.
        public var missingCount: Int
    }

    /// Distinct values a column summary counts before it stops ("more than 1000").
    public static let summaryDistinctLimit = 1000

    /// Every column summarized, for a learner choosing the target: numbers
    /// or categories (by the rule the feature columns are read with: most
    /// present fields numbers), distinct values, the first `examples` of them.
    public func columnSummaries(examples: Int = 4) -> [ColumnSummary] {
        columnNames.indices.map { column in
            var numbers = 0, present = 0, missing = 0
            var seen = Set<String>()
            var shown: [String] = []
            fields.withReader { reader in
                for row in 0..<rowCount {
                    let field = reader.bytes(row: row, column: column)
                    if field.isEmpty { missing += 1; continue }
                    present += 1
                    if Self.parseNumber(bytes: field) != nil { numbers += 1 }
                    guard seen.count <= Self.summaryDistinctLimit else { continue }
                    let text = String(decoding: field, as: UTF8.self)
                    if seen.insert(text).inserted, shown.count < examples { shown.append(text) }
                }
            }
            return ColumnSummary(name: columnNames[column], isNumeric: present > 0 && numbers * 2 > present,
                                 distinctCount: seen.count, examples: shown, missingCount: missing)
        }
    }
}
