/// Where a key is pressed: a screen or mode with keys of its own (the course
/// list, a lesson, a text field…). Apps name theirs as static members:
///
///     extension KeyContext { static let lesson = KeyContext("lesson") }
public struct KeyContext: Hashable, Sendable, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }
}

/// One entry of a key table: the keys, what they do, where, and the action to dispatch.
public struct KeyBinding<Action: Sendable>: Sendable {
    /// Every key that triggers the action; the first is shown in short hints.
    public var keys: [Key]
    /// How the keys are shown in help, e.g. "+ / -" (defaults to the key names joined).
    public var label: String
    /// What the keys do, in a few words.
    public var summary: String
    /// The help overlay's section, e.g. "Training".
    public var section: String
    /// The contexts the binding holds in; empty: every context.
    public var contexts: [KeyContext]
    /// The status bar's short form of the binding (e.g. "+/- knob"), with how much it
    /// matters when the line is too narrow for all hints; nil: not shown there.
    public var hint: KeyHint?
    public var action: Action

    /// Whether the status bar shows this binding as a hint.
    public var showsInStatusBar: Bool { hint != nil }

    /// `showsInStatusBar` shows the binding's label and summary as its hint;
    /// `hint` gives a shorter one (and a priority) instead.
    public init(
        _ keys: [Key], _ summary: String, action: Action, label: String? = nil,
        section: String = "General", contexts: [KeyContext] = [], showsInStatusBar: Bool = false,
        hint: KeyHint? = nil
    ) {
        self.keys = keys
        self.summary = summary
        self.action = action
        self.label = label ?? keys.map(\.description).joined(separator: " / ")
        self.section = section
        self.contexts = contexts
        self.hint = hint ?? (showsInStatusBar ? KeyHint(keys: self.label, summary: summary) : nil)
    }

    /// Whether the binding holds in `context`.
    public func holds(in context: KeyContext?) -> Bool {
        contexts.isEmpty || context.map(contexts.contains) == true
    }
}

/// A key shown in the status bar or help: its label and what it does.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var summary: String
    /// Higher stays longer when a status bar is too narrow for every hint.
    public var priority: Int

    public init(keys: String, summary: String, priority: Int = 50) {
        self.keys = keys
        self.summary = summary
        self.priority = priority
    }

    /// The keys with arrows spelled out, for terminals without Unicode ("↑↓" → "Up/Down").
    public var asciiKeys: String { Self.ascii(keys) }

    /// Arrows in a key label spelled in ASCII.
    public static func ascii(_ label: String) -> String {
        label.replacingOccurrences(of: "↑↓", with: "Up/Down").replacingOccurrences(of: "←→", with: "Left/Right")
            .replacingOccurrences(of: "↑", with: "Up").replacingOccurrences(of: "↓", with: "Down")
            .replacingOccurrences(of: "←", with: "Left").replacingOccurrences(of: "→", with: "Right")
    }
}

/// The one table of keys that drives dispatch, the status bar's hints and the
/// help overlay, so they cannot disagree. A key may do different things in
/// different contexts; ``conflicts(in:)`` lists the keys bound twice in one.
public struct KeyTable<Action: Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    /// The bindings that hold in `context` (nil: those without contexts).
    public func bindings(in context: KeyContext?) -> [KeyBinding<Action>] {
        bindings.filter { $0.holds(in: context) }
    }

    /// The action bound to a key in `context`, if any (the first binding wins).
    public func action(for key: Key, in context: KeyContext? = nil) -> Action? {
        bindings(in: context).first { $0.keys.contains(key) }?.action
    }

    /// Hints for the status bar in `context`, in table order.
    public func statusHints(in context: KeyContext? = nil) -> [KeyHint] {
        bindings(in: context).compactMap(\.hint)
    }

    /// Hints for the status bar, in table order (bindings without contexts).
    public var statusHints: [KeyHint] { statusHints(in: nil) }

    /// Keys bound more than once in `context`: there, one of the bindings would never fire.
    public func conflicts(in context: KeyContext) -> [Key] {
        var seen: Set<Key> = []
        var twice: [Key] = []
        for key in bindings(in: context).flatMap(\.keys) where !seen.insert(key).inserted && !twice.contains(key) {
            twice.append(key)
        }
        return twice
    }

    /// The bindings of `context` grouped by section, sections in order of first appearance.
    public func helpSections(in context: KeyContext? = nil) -> [(title: String, hints: [KeyHint])] {
        var order: [String] = []
        var grouped: [String: [KeyHint]] = [:]
        for binding in bindings(in: context) {
            if grouped[binding.section] == nil { order.append(binding.section) }
            grouped[binding.section, default: []].append(KeyHint(keys: binding.label, summary: binding.summary))
        }
        return order.map { (title: $0, hints: grouped[$0] ?? []) }
    }

    /// Every binding without contexts, grouped by section.
    public var helpSections: [(title: String, hints: [KeyHint])] { helpSections(in: nil) }
}
