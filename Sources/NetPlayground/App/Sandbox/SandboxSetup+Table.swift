import Foundation
import Lessons
import MiniNN
import TUI

/// The sandbox's "your own CSV": a path typed with Tab completion, the
/// file's columns, the target picked among them.
extension SandboxSetup {
    /// Where the form's keys go: its rows, the path field, or the list of columns.
    enum Mode: Equatable {
        case form, path, columns
    }

    /// A CSV file read for the sandbox, and the column it predicts.
    struct TableChoice: Equatable {
        /// The path as read (relative paths resolved).
        var path: String
        var fileName: String
        var rowCount: Int
        var columns: [CSVTable.ColumnSummary]
        /// The target column (an index into `columns`).
        var targetIndex: Int
        /// Set once the target is confirmed: the inputs the network gets and the classes it tells apart.
        var inputCount: Int?
        var classNames: [String] = []
        /// The target reads as a quantity (the CLI's rule): the network predicts its number by mean squared error.
        var isRegression = false

        var targetName: String { columns.indices.contains(targetIndex) ? columns[targetIndex].name : "" }
    }

    /// The data row's last choice, after the built-in datasets.
    static let ownTableLabel = "your own CSV"

    /// Whether the data row is on "your own CSV".
    var choosesOwnTable: Bool { dataIndex == dataChoices.count }

    /// The key context of the mode the form is in.
    var keyContext: KeyContext {
        switch mode {
        case .form: .sandboxSetup
        case .path: .textField
        case .columns: .columnPicker
        }
    }

    /// The data as the form's lesson trains on it, once a target is confirmed.
    var tableData: LessonData? {
        guard let table, table.inputCount != nil else { return nil }
        return .csv(path: table.path, target: table.targetName, validationFraction: 0.2)
    }

    /// Keys while the path field or the column list is open; false when the form's own rows take them.
    mutating func handleTableKeys(_ action: PlaygroundAction) -> Bool {
        switch mode {
        case .form:
            guard choosesOwnTable, focusedRow == .data, action == .select else { return false }
            mode = .path
            problem = nil
            return true
        case .path:
            handlePath(action)
            return true
        case .columns:
            handleColumns(action)
            return true
        }
    }

    private mutating func handlePath(_ action: PlaygroundAction) {
        let isTab = action == .complete
        defer { tabPressedLast = isTab }
        switch action {
        case .type(let character):
            pathText.append(character)
            completionChoices = []
        case .deleteBackward:
            if !pathText.isEmpty { pathText.removeLast() }
            completionChoices = []
        case .clearText:
            pathText = ""
            completionChoices = []
        case .complete:
            let completion = PathCompletion.complete(pathText, in: workingDirectory)
            problem = nil
            if completion.text != pathText {
                pathText = completion.text
                completionChoices = []
            } else if completion.choices.isEmpty {
                problem = "no file name starts with '\(TerminalText.sanitized(pathText, maxLength: 120))'"
            } else if tabPressedLast {
                completionChoices = completion.choices  // the second Tab lists them, as a shell does
            } else {
                problem = "\(completion.choices.count) names fit: Tab again lists them"
            }
        case .select: readTable()
        case .back:
            mode = .form
            problem = nil
            completionChoices = []
        default: break
        }
    }

    /// Reads the typed file; its columns next, or the reader's message under the field.
    private mutating func readTable() {
        completionChoices = []
        guard !pathText.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem = "type the path of a CSV file (Tab completes file names)"
            return
        }
        let path = PathCompletion.resolve(pathText, in: workingDirectory)
        do {
            let read = try CSVTable.read(path: path)
            let columns = read.columnSummaries()
            table = TableChoice(path: path, fileName: (path as NSString).lastPathComponent, rowCount: read.rowCount,
                                columns: columns, targetIndex: max(0, columns.count - 1))
            loadedTable = read
            problem = nil
            mode = .columns
        } catch {
            problem = TerminalText.sanitized(error.description, maxLength: 300)
        }
    }

    private mutating func handleColumns(_ action: PlaygroundAction) {
        guard var chosen = table else { mode = .path; return }
        switch action {
        case .up, .down:
            let count = max(1, chosen.columns.count)
            chosen.targetIndex = (chosen.targetIndex + (action == .up ? count - 1 : 1)) % count
            chosen.inputCount = nil
            table = chosen
            problem = nil
        case .select:
            confirmTarget()
        case .back:
            mode = .path
            problem = nil
        default: break
        }
    }

    /// Reads the table as classes of the chosen target, or as its numbers when
    /// it holds quantities; the form again, or why not.
    private mutating func confirmTarget() {
        guard var chosen = table, let read = loadedTable else { return }
        let target = chosen.targetName
        do {
            let isQuantity = try read.targetIsQuantity(target)
            let dataset = isQuantity ? try read.regressionDataset(target: target) : try read.classificationDataset(target: target)
            chosen.inputCount = dataset.schema.inputCount
            chosen.classNames = isQuantity ? [] : dataset.dataset.classNames
            chosen.isRegression = isQuantity
            table = chosen
            problem = nil
            mode = .form
            focusedRow = .layers
        } catch {
            problem = TerminalText.sanitized(error.description, maxLength: 300)
        }
    }

    /// What the data row shows for "your own CSV".
    var ownTableValue: String {
        guard let table, table.inputCount != nil else { return Self.ownTableLabel + " (Enter: type its path)" }
        return "\(table.fileName) → \(table.targetName)" + (table.isRegression ? " (a quantity: regression)" : "")
    }
}
