/// How much space one part of a layout asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less only when the whole area is too small).
    case length(Int)
    /// At least `n` cells; grows to share what is left when no `fill` wants it.
    case min(Int)
    /// This percentage of the whole area.
    case percentage(Int)
    /// A share of what is left after lengths, minimums and percentages, by weight.
    case fill(Int)
}

/// Splits a rectangle into rows or columns by constraints, like ratatui's `Layout`.
///
///     let rows = Layout.vertical([.length(1), .fill(1), .length(1)]).split(screen)
///
/// The parts always lie inside the area and never overlap. When the area is too
/// small the earlier parts keep their size and the later ones shrink to zero.
public struct Layout: Hashable, Sendable {
    public enum Direction: Hashable, Sendable { case horizontal, vertical }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Empty cells between neighbouring parts.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = max(0, spacing)
    }

    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    /// One rectangle per constraint, in order.
    public func split(_ area: Rect) -> [Rect] {
        let total = direction == .vertical ? area.height : area.width
        let lengths = Layout.solve(constraints, total: total, spacing: spacing)
        var rects: [Rect] = []
        rects.reserveCapacity(lengths.count)
        var offset = 0
        for length in lengths {
            // Spacing alone can push a zero-size part past the end; keep it on the edge.
            let start = Swift.min(offset, total)
            switch direction {
            case .vertical:
                rects.append(Rect(x: area.x, y: area.y + start, width: area.width, height: length))
            case .horizontal:
                rects.append(Rect(x: area.x + start, y: area.y, width: length, height: area.height))
            }
            offset += length + spacing
        }
        return rects
    }

    /// The sizes along the split axis; their sum plus spacing never exceeds `total`.
    static func solve(_ constraints: [Constraint], total: Int, spacing: Int) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let available = Swift.max(0, total - spacing * (constraints.count - 1))
        // First pass: what each part asks for on its own, granted in order while space lasts.
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = available
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .length(let n), .min(let n): wanted = Swift.max(0, n)
            case .percentage(let p): wanted = available * Swift.min(100, Swift.max(0, p)) / 100
            case .fill: wanted = 0
            }
            let granted = Swift.min(wanted, remaining)
            sizes[index] = granted
            remaining -= granted
        }
        // Second pass: share what is left among fills by weight, or else among minimums.
        var growers: [(index: Int, weight: Int)] = constraints.enumerated().compactMap { index, c in
            if case .fill(let w) = c { return (index, Swift.max(1, w)) }
            return nil
        }
        if growers.isEmpty {
            growers = constraints.enumerated().compactMap { index, c in
                if case .min = c { return (index, 1) }
                return nil
            }
        }
        guard remaining > 0, !growers.isEmpty else { return sizes }
        let totalWeight = growers.reduce(0) { $0 + $1.weight }
        var handedOut = 0
        for (position, grower) in growers.enumerated() {
            // The last grower takes the rounding remainder so the parts tile the area exactly.
            let share = position == growers.count - 1
                ? remaining - handedOut
                : remaining * grower.weight / totalWeight
            sizes[grower.index] += share
            handedOut += share
        }
        return sizes
    }
}
