extension Theme {
    /// A color for `t` in 0...1 on a sequential palette that runs away from the
    /// background (dark to bright on a dark one, light to dark on a light one),
    /// or `nil` without color. Values outside the range are clamped; NaN gives the low end.
    public func sequential(_ t: Double) -> Color? {
        guard let ramp = sequentialRamp else { return nil }
        return ramp[Theme.bucket(t, count: ramp.count)]
    }

    /// A color for `t` in -1...1 on a diverging palette (negative blue, positive
    /// orange with 256 colors, red with 8 or 16; ``divergingNames`` says which;
    /// zero near the background, larger magnitudes further from it), or `nil`
    /// without color. NaN gives the neutral middle.
    public func diverging(_ t: Double) -> Color? {
        guard let (negative, positive, neutral) = divergingSides else { return nil }
        guard t.isFinite else { return t.isNaN ? neutral : (t > 0 ? positive.last : negative.last) }
        let magnitude = min(1, abs(t))
        // A small dead zone keeps near-zero weights visibly neutral.
        if magnitude < 0.5 / Double(negative.count + 1) { return neutral }
        let side = t < 0 ? negative : positive
        return side[Theme.bucket(magnitude, count: side.count)]
    }

    /// The sequential colors, low end first; every step's CIELAB lightness is
    /// further from the background than the one before (ThemeContrastTests).
    private var sequentialRamp: [Color]? {
        switch (background, capability) {
        case (_, .none): return nil
        case (.dark, .eight): return [.black, .blue, .cyan, .yellow, .white]
        case (.dark, .sixteen): return [.black, .blue, .brightBlue, .cyan, .brightGreen, .brightYellow, .brightWhite]
        case (.dark, .full256): return Self.viridis.map { .indexed($0) }
        case (.light, .eight): return [.white, .yellow, .cyan, .blue, .black]
        case (.light, .sixteen): return [.brightWhite, .brightYellow, .brightGreen, .cyan, .brightBlue, .blue, .black]
        case (.light, .full256):
            // Viridis the other way round, from white paper to dark purple ink.
            return ([231] + Self.viridis.dropFirst().reversed()).map { .indexed($0) }
        }
    }

    /// A viridis-like path through the color cube, dark to bright: purple, blue,
    /// teal, green, yellow, ordered by lightness.
    private static let viridis: [UInt8] = [16, 17, 54, 55, 61, 62, 31, 67, 68, 36, 37, 71, 72, 107, 113, 149, 185, 191, 227, 230]

    /// Each side from weak to strong, and the neutral middle.
    ///
    /// Each side keeps one hue at its strong end (blue, orange), so a legend's
    /// word for it is true. Blue against orange (not red against green) stays
    /// apart for protanopes, deuteranopes and tritanopes alike.
    private var divergingSides: (negative: [Color], positive: [Color], neutral: Color)? {
        switch (background, capability) {
        case (_, .none): return nil
        case (.dark, .eight): return ([.blue], [.red], .black)
        case (.dark, .sixteen): return ([.blue, .brightBlue], [.red, .brightRed], .black)
        case (.dark, .full256):
            // From near black to bright blue and bright orange. The neutral is
            // grey 1, darker than the first blue (navy 17), so both sides only brighten.
            return ([17, 18, 19, 20, 25, 26, 32, 33, 39].map { .indexed($0) },
                    [52, 88, 124, 160, 166, 202, 208, 208, 214].map { .indexed($0) }, .gray(1))
        case (.light, .eight): return ([.blue], [.red], .white)
        case (.light, .sixteen): return ([.brightBlue, .blue], [.brightRed, .red], .white)
        case (.light, .full256):
            // From a light grey to strong dark blue and dark orange (brown), at
            // about the same lightness step for step on both sides.
            return ([189, 153, 111, 75, 69, 33, 32, 26, 25].map { .indexed($0) },
                    [223, 216, 215, 209, 208, 202, 166, 130, 94].map { .indexed($0) }, .gray(23))
        }
    }
}
