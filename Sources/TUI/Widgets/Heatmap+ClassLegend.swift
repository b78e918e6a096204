extension Heatmap {
    /// What a two-class map on the diverging palette shows, longest sentence
    /// first: the words come from what is drawn with this theme and glyphs (the
    /// palette ends' color names, the point letters, the ramp's blank and `@`
    /// without color, "brighter" or "darker" as the background has it), so the
    /// legend cannot name a color the screen lacks.
    public static func classLegends(names: [String], theme: Theme, glyphs: GlyphSet) -> [String] {
        guard names.count >= 2 else { return ["shade = the network's answer"] }
        if names.count > 2 { return manyClassLegends(names: names, theme: theme) }
        let (a, b) = (names[0], names[1])
        let (o, x) = (pointLetter(category: 0), pointLetter(category: 1))
        if let colors = theme.divergingNames {
            let (n, p) = colors
            if usesHalfBlocks(theme: theme, glyphs: glyphs) {
                return ["\(a) \(n), \(b) \(p); dots are the data, \(theme.strongerWord) = surer",
                        "\(a) \(n), \(b) \(p); \(theme.strongerWord) = surer",
                        "\(a) \(n), \(b) \(p)",
                        "\(n) \(a), \(p) \(b)"]
            }
            return ["\(o) \(a) on \(n), \(x) \(b) on \(p); \(theme.strongerWord) = surer",
                    "\(o) \(a) on \(n), \(x) \(b) on \(p)",
                    "\(o) \(a), \(x) \(b)"]
        }
        // Without color the ramp runs from blank (class 0 sure) to @ (class 1 sure).
        let full = GlyphSet.asciiRamp.last ?? "@"
        return ["\(o) \(a) on blank, \(x) \(b) on \(full); in between = unsure",
                "\(o) \(a) on blank, \(x) \(b) on \(full)",
                "\(o) \(a), \(x) \(b)"]
    }

    /// A map of more than two classes shades each point by the class the
    /// network picks, in order along the diverging palette (class i at
    /// i / (classes − 1)): three classes are its two ends and its dark middle.
    static func manyClassLegends(names: [String], theme: Theme) -> [String] {
        let first = names[0], last = names[names.count - 1]
        if let (n, p) = theme.divergingNames {
            if names.count == 3 {
                return ["\(first) \(n), \(names[1]) dark, \(last) \(p): the class the network picks",
                        "\(first) \(n), \(names[1]) dark, \(last) \(p)",
                        "\(n) \(first), \(p) \(last)"]
            }
            return ["the class the network picks, in order from \(n) (\(first)) to \(p) (\(last))",
                    "\(n) \(first) … \(p) \(last)"]
        }
        // Without color the points are letters (o, x, +, …): the legend says which is which.
        let full = GlyphSet.asciiRamp.last ?? "@"
        let letters = names.prefix(4).enumerated().map { "\(pointLetter(category: $0)) \($1)" }.joined(separator: ", ")
            + (names.count > 4 ? ", …" : "")
        return ["points \(letters); the shade, blank to \(full), is the class the network picks, in that order",
                "points \(letters); shade blank (\(first)) to \(full) (\(last))",
                "blank \(first) ... \(full) \(last)"]
    }
}
