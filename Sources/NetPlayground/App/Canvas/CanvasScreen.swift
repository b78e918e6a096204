import Lessons
import MiniNN
import TUI

/// The canvas (`d` in an MNIST lesson): the learner draws a digit and the
/// lesson's network, as trained so far, reads it while they draw. The
/// drawing is preprocessed as MNIST's digits were (``DigitPreprocessing``)
/// and that input is shown beside it, with the class probabilities, the
/// prediction in words and each conv layer's activation maps. The lesson
/// waits underneath (it keeps training if it was) until Esc.
struct CanvasScreen {
    var home: LessonScreen
    var canvas = DigitCanvas()
    /// The input last handed to the network: a reading of another input is stale.
    private(set) var sentInput: [UInt8]?
    /// Whether the mouse button held now erases (the right one) or paints.
    private var mouseErases = false

    init(home: LessonScreen) {
        self.home = home
    }

    /// Whether a lesson's network reads 28×28 digits, so the canvas can open on it.
    static func opens(on lessonScreen: LessonScreen) -> Bool {
        let choices = lessonScreen.lesson.dataChoices
        guard lessonScreen.session != nil, choices.indices.contains(lessonScreen.knobs.dataChoice) else { return false }
        return choices[lessonScreen.knobs.dataChoice].isMNIST
    }

    /// The network's reading of the drawing as it is now (nil: blank, or not read yet).
    var reading: DrawingReading? {
        guard let drawing = home.snapshot?.drawing, drawing.input == sentInput, !canvas.isBlank else { return nil }
        return drawing
    }

    /// The update function for a canvas key; returns what the session must do
    /// (read the drawing again when it changed).
    mutating func handle(_ action: PlaygroundAction) -> [TrainingSession.Command] {
        switch action {
        case .up: canvas.move(dx: 0, dy: -1)
        case .down: canvas.move(dx: 0, dy: 1)
        case .left: canvas.move(dx: -1, dy: 0)
        case .right: canvas.move(dx: 1, dy: 0)
        case .togglePen: canvas.togglePen()
        case .erasePixel: canvas.eraseUnderCursor()
        case .clearCanvas: canvas.clear()
        case .thinnerPen: canvas.changePenWidth(by: -1)
        case .thickerPen: canvas.changePenWidth(by: 1)
        default: return []
        }
        return readIfChanged()
    }

    /// A mouse press or drag at a screen cell: the left button paints both
    /// pixels of the cell, the right one erases them, and a drag goes on doing
    /// what its press did (wheel turns are ignored).
    mutating func mouse(_ event: MouseEvent, area: Rect) -> [TrainingSession.Command] {
        switch event.kind {
        case .press: mouseErases = false
        case .rightPress: mouseErases = true
        case .drag: break
        case .release, .wheelUp, .wheelDown: return []
        }
        let drawing = Self.layout(in: area).drawing
        let x = event.x - drawing.x, row = event.y - drawing.y
        guard x >= 0, x < DigitCanvas.side, row >= 0, row < DigitCanvas.side / 2 else { return [] }
        for y in [2 * row, 2 * row + 1] {
            canvas.place(x: x, y: y, paints: !mouseErases, erases: mouseErases)
        }
        return readIfChanged()
    }

    /// The drawing's network input; a new one goes to the session to be read.
    private mutating func readIfChanged() -> [TrainingSession.Command] {
        let input = DigitPreprocessing.mnistLike(canvas.pixels, width: DigitCanvas.side, height: DigitCanvas.side)
        guard input != sentInput else { return [] }
        sentInput = input
        return canvas.isBlank ? [] : [.readDrawing(input)]
    }
}

extension CanvasScreen {
    /// Where the canvas screen puts things: the drawing (28×14 cells, two
    /// pixels a cell) and the network's input side by side, the reading to
    /// their right, the activation maps below when there is room.
    struct Parts {
        var drawingBlock: Rect
        var drawing: Rect
        var inputBlock: Rect
        var reading: Rect
        var help: Rect
        var maps: Rect?
    }

    static func layout(in area: Rect) -> Parts {
        let rows = Layout.vertical([.length(1), .fill(1), .length(1), .length(1)]).split(area)
        let body = rows[1]
        let pictureHeight = DigitCanvas.side / 2 + 2
        let top = Layout.vertical([.length(pictureHeight), .fill(1)]).split(body)
        let columns = Layout.horizontal([.length(DigitCanvas.side + 2), .length(DigitCanvas.side + 2), .fill(1)])
            .split(top[0])
        let below = top[1]
        let mapsFit = below.height >= 8 && below.width >= 40
        let belowParts = Layout.vertical([.length(min(3, below.height)), .fill(1)]).split(below)
        return Parts(drawingBlock: columns[0], drawing: columns[0].inset(top: 1, left: 1, bottom: 1, right: 1),
                     inputBlock: columns[1], reading: columns[2], help: mapsFit ? belowParts[0] : below,
                     maps: mapsFit ? belowParts[1] : nil)
    }
}
