/// One entry of a key table: the keys, what they do, and the action to dispatch.
public struct KeyBinding<Action: Sendable>: Sendable {
    /// Every key that triggers the action; the first is shown in short hints.
    public var keys: [Key]
    /// How the keys are shown in help, e.g. "+ / -" (defaults to the key names joined).
    public var label: String
    /// What the keys do, in a few words.
    public var summary: String
    /// The help overlay's section, e.g. "Training".
    public var section: String
    /// Whether the status bar shows this binding as a hint.
    public var showsInStatusBar: Bool
    public var action: Action

    public init(
        _ keys: [Key], _ summary: String, action: Action, label: String? = nil,
        section: String = "General", showsInStatusBar: Bool = false
    ) {
        self.keys = keys
        self.summary = summary
        self.action = action
        self.label = label ?? keys.map(\.description).joined(separator: " / ")
        self.section = section
        self.showsInStatusBar = showsInStatusBar
    }
}

/// A key shown in the status bar or help: its label and what it does.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var summary: String

    public init(keys: String, summary: String) {
        self.keys = keys
        self.summary = summary
    }
}

/// The one table of keys that drives both dispatch and the help overlay, so they cannot disagree.
public struct KeyTable<Action: Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    /// The action bound to a key, if any (the first binding wins).
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// Hints for the status bar, in table order.
    public var statusHints: [KeyHint] {
        bindings.filter(\.showsInStatusBar).map { KeyHint(keys: $0.label, summary: $0.summary) }
    }

    /// Every binding grouped by section, sections in order of first appearance.
    public var helpSections: [(title: String, hints: [KeyHint])] {
        var order: [String] = []
        var grouped: [String: [KeyHint]] = [:]
        for binding in bindings {
            if grouped[binding.section] == nil { order.append(binding.section) }
            grouped[binding.section, default: []].append(KeyHint(keys: binding.label, summary: binding.summary))
        }
        return order.map { (title: $0, hints: grouped[$0] ?? []) }
    }
}
