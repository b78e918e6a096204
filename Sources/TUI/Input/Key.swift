/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (letters keep their case: `q` and `Q` differ).
    case character(Character)
    /// A control chord, by its lowercase letter: Ctrl-C is `.control("c")`.
    /// In raw mode Ctrl-C arrives as this key, not as a signal.
    case control(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1 … F12.
    case function(Int)

    public static let space = Key.character(" ")

    /// How the key is written in hints and the help overlay.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        }
    }

    /// The name with arrows spelled in ASCII, for terminals without Unicode.
    public var asciiDescription: String {
        switch self {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return description
        }
    }
}

/// A mouse click or wheel turn, at a cell position.
public struct MouseEvent: Hashable, Sendable {
    /// `press` and `release` are the left button's; `rightPress` the right one's;
    /// `drag` is a move with a button held (where the terminal reports it).
    public enum Kind: Hashable, Sendable { case press, release, rightPress, drag, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What a backend's input poll can return.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal changed size; the new size is attached.
    case resize(Size)
}
