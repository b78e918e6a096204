import Foundation
import Lessons
import MiniNN
import Testing
import TUI
@testable import NetPlayground

/// The canvas: keys draw, the drawing reaches the network preprocessed, and
/// the lesson's real network reads a stroke as 1 and a ring as 0.
@Suite("Canvas", .serialized)
struct CanvasTests {
    /// A stroke drawn with the keyboard as the end-to-end test draws it.
    static func draw(_ keys: [PlaygroundAction], on canvas: inout CanvasScreen) -> [TrainingSession.Command] {
        keys.flatMap { canvas.handle($0) }
    }

    /// Up 8, pen down, down 16, pen up: a vertical stroke through the centre.
    static let stroke: [PlaygroundAction] = Array(repeating: .up, count: 8) + [.togglePen]
        + Array(repeating: .down, count: 16) + [.togglePen]

    /// A ring of radius about 7 round the centre, as staircase moves.
    static let ring: [PlaygroundAction] = {
        var keys: [PlaygroundAction] = Array(repeating: .up, count: 7) + [.thickerPen, .togglePen]
        let quarter: [(PlaygroundAction, PlaygroundAction)] = [(.right, .down), (.down, .left), (.left, .up), (.up, .right)]
        for (first, second) in quarter {
            keys += [first, first, first, second, first, first, second, first, second, second, first, second, second, second]
        }
        return keys + [.togglePen]
    }()

    @Test("keys move the cursor, the pen paints while down, x erases, c clears, [ ] change the pen")
    func keysDraw() {
        var canvas = CanvasScreen(home: LessonScreen(lesson: Course.mnistMLP, sessionID: 1, mailbox: Mailbox(),
                                                     startsThreads: false))
        #expect(canvas.canvas.cursor == (14, 14) && !canvas.canvas.penDown && canvas.canvas.isBlank)
        #expect(canvas.handle(.right).isEmpty, "moving with the pen up draws nothing and asks nothing")
        let painted = Self.draw([.togglePen, .down, .down], on: &canvas)
        #expect(canvas.canvas.cursor == (15, 16) && !canvas.canvas.isBlank)
        #expect(painted.count == 3, "each change of the drawing is read once: \(painted.count)")
        #expect(canvas.canvas.pixels[16 * 28 + 15] == 1 && canvas.canvas.pixels[15 * 28 + 15] == 1)
        _ = canvas.handle(.togglePen)
        _ = canvas.handle(.erasePixel)
        #expect(canvas.canvas.pixels[16 * 28 + 15] == 0)
        _ = canvas.handle(.thickerPen)
        _ = canvas.handle(.thickerPen)
        _ = canvas.handle(.thickerPen)
        #expect(canvas.canvas.penWidth == 4, "the widest pen is 4")
        _ = canvas.handle(.clearCanvas)
        #expect(canvas.canvas.isBlank && canvas.reading == nil)
        for _ in 0..<40 { _ = canvas.handle(.left) }
        #expect(canvas.canvas.cursor.x == 0, "the cursor stays on the canvas")
    }

    @Test("the mouse: a press paints both pixels of its cell, a drag goes on painting, a right press and its drag erase")
    func mouse() {
        var canvas = CanvasScreen(home: LessonScreen(lesson: Course.mnistMLP, sessionID: 1, mailbox: Mailbox(),
                                                     startsThreads: false))
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        let drawing = CanvasScreen.layout(in: area).drawing
        func at(_ column: Int, _ row: Int, _ kind: MouseEvent.Kind) -> [TrainingSession.Command] {
            canvas.mouse(MouseEvent(kind: kind, x: drawing.x + column, y: drawing.y + row), area: area)
        }
        #expect(at(5, 3, .press).count == 1)
        #expect(canvas.canvas.pixels[6 * 28 + 5] == 1 && canvas.canvas.pixels[7 * 28 + 5] == 1, "both pixels of cell (5, 3)")
        _ = at(6, 3, .drag)
        _ = at(7, 4, .drag)
        #expect(canvas.canvas.pixels[9 * 28 + 7] == 1, "the drag painted")
        _ = at(6, 3, .rightPress)
        #expect(canvas.canvas.pixels[6 * 28 + 6] == 0 && canvas.canvas.pixels[7 * 28 + 6] == 0)
        _ = at(7, 4, .drag)
        #expect(canvas.canvas.pixels[9 * 28 + 7] == 0, "a right drag erases")
        #expect(at(60, 20, .press).isEmpty, "outside the canvas nothing happens")
    }

    @Test("d opens the canvas in an MNIST lesson and says why not elsewhere; Esc goes back")
    func opening() {
        var app = ScreenSnapshotTests.app(opening: 3)
        _ = app.update(.key(.character("d")))
        guard case .lesson(let lesson) = app.screen else { Issue.record("left lesson 3"); return }
        #expect(lesson.note?.contains("lessons that read MNIST digits") == true)
        var mnist = ScreenSnapshotTests.app(opening: 6)
        _ = mnist.update(.key(.character("d")))
        #expect(mnist.keyContext == .canvas)
        _ = mnist.update(.key(.escape))
        #expect(mnist.keyContext == .lesson)
    }

    @Test("lesson 6's network after an epoch reads the keyboard's stroke as 1 and its ring as 0")
    func realNetworkReadsTheDrawing() throws {
        let session = SeededSession(Course.mnistMLP)
        _ = try session.trainEpochs(1, after: try session.built())
        for (keys, digit) in [(Self.stroke, 1), (Self.ring, 0)] {
            var canvas = CanvasScreen(home: LessonScreen(lesson: Course.mnistMLP, sessionID: 1, mailbox: Mailbox(),
                                                         startsThreads: false))
            let commands = Self.draw(keys, on: &canvas)
            guard case .readDrawing(let input)? = commands.last else { Issue.record("nothing to read"); return }
            let read = try session.send(.readDrawing(input), awaiting: "the reading") { $0.drawing?.input == input }
            let probabilities = try #require(read.drawing?.probabilities)
            let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
            #expect(best == digit, "read as \(best ?? -1): \(probabilities.map { Int(($0 * 100).rounded()) })")
        }
    }
}
