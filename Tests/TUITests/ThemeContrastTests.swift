import Testing
@testable import TUI

/// The theme's colors, measured (ColorScience: xterm's palette in sRGB) on dark
/// and light backgrounds at 8, 16 and 256 colors: words and lines keep their
/// contrast, the diverging palette's magnitude reads as lightness, and its two
/// signs stay apart for the three dichromacies.
@Suite("Theme colors, measured")
struct ThemeContrastTests {
    typealias Vision = ColorScience.Vision

    static let cases: [(TerminalBackground, ColorCapability)] = TerminalBackground.allCases.flatMap { background in
        [ColorCapability.eight, .sixteen, .full256].map { (background, $0) }
    }

    /// Roles read as words: WCAG 2.1 success criterion 1.4.3 asks 4.5:1 for body text.
    static let wordRoles: [Role] = [.title, .focus, .emphasis, .keyHint, .warning, .error, .success, .highlight]
    /// Roles read as marks (borders, chart lines, weight marks, class dots) and
    /// muted secondary text (axis units, hints): 3:1, WCAG 1.4.11's threshold
    /// for graphics and interface parts (and 1.4.3's for large text).
    static let markRoles: [Role] = [.muted, .border, .trainLoss, .validationLoss, .accuracy, .positiveWeight,
                                    .negativeWeight] + (0..<6).map { Role.category($0) }

    /// What the basic palette cannot do, said once: with 8 colors the only red
    /// (xterm's 205,0,0) is 3.6:1 on black and an error must look red. It is bold
    /// and its words say "error"; it still has to keep 3:1.
    static func floor(_ role: Role, _ background: TerminalBackground, _ capability: ColorCapability) -> Double {
        if role == .error, background == .dark, capability == .eight { return 3 }
        return wordRoles.contains(role) ? 4.5 : 3
    }

    /// Smallest color difference (CIE 1976 ΔE*ab) between the two signs at one
    /// magnitude: about ten just-noticeable differences, so the sign is seen at
    /// a glance, not found by squinting.
    static let signDifference = 20.0

    @Test("roles keep their WCAG contrast on the background", arguments: cases)
    func rolesContrast(background: TerminalBackground, capability: ColorCapability) {
        let theme = Theme(capability: capability, background: background)
        for role in Self.wordRoles + Self.markRoles {
            // The terminal's own foreground is its business (and meant for its background).
            guard let ink = ColorScience.linear(theme.style(role).foreground) else { continue }
            for (name, paper) in ColorScience.references(background) {
                let ratio = ColorScience.contrast(ink, paper)
                let floor = Self.floor(role, background, capability)
                #expect(ratio >= floor, "\(role) \(theme.style(role).foreground.code) on \(name): \(ratio) < \(floor)")
            }
        }
    }

    /// The colors `color(t)` draws for t = 0, 0.01, …, 1.
    static func samples(_ color: (Double) -> Color?) -> [Color] {
        (0...100).compactMap { color(Double($0) / 100) }
    }

    /// Where each new color along `colors` fails to be further from `origin`
    /// in L* than the one before, on the same side of it (lighter throughout,
    /// or darker throughout); repeats of a color are allowed. Empty when none.
    static func growsAway(_ colors: [Color], from origin: ColorScience.Linear) -> [String] {
        var problems: [String] = []
        var previous = colors.first
        var distance = 0.0
        var side: Double?
        let start = ColorScience.lightness(origin)
        for color in colors where color != previous {
            guard let linear = ColorScience.linear(color) else { problems.append("default color in a palette"); continue }
            let signed = ColorScience.lightness(linear) - start
            let next = abs(signed)
            if next <= distance { problems.append("\(previous?.code ?? "?") → \(color.code): ΔL* \(distance) then \(next)") }
            if let side, side * signed < 0 { problems.append("\(color.code) turns back across the start") }
            side = side ?? signed
            distance = next
            previous = color
        }
        return problems
    }

    @Test("each side of the diverging palette moves away from its neutral in lightness", arguments: cases)
    func divergingMagnitudeReadsAsLightness(background: TerminalBackground, capability: ColorCapability) throws {
        let theme = Theme(capability: capability, background: background)
        let neutralColor = try #require(theme.diverging(0))
        let neutral = try #require(ColorScience.linear(neutralColor))
        for sign in [-1.0, 1.0] {
            let side = Self.samples { theme.diverging(sign * $0) }
            #expect(side.first == neutralColor)
            let problems = Self.growsAway(side, from: neutral)
            #expect(problems.isEmpty, "side \(sign): \(problems)")
            // The strong end is far from zero, not a faint tint of it.
            let end = try #require(side.last.flatMap(ColorScience.linear))
            let reach = abs(ColorScience.lightness(end) - ColorScience.lightness(neutral))
            #expect(reach >= 25, "side \(sign) reaches only ΔL* \(reach)")
        }
    }

    @Test("the sequential palette runs from its low end away from the background in lightness", arguments: cases)
    func sequentialRunsAwayFromBackground(background: TerminalBackground, capability: ColorCapability) throws {
        let theme = Theme(capability: capability, background: background)
        let ramp = Self.samples(theme.sequential)
        let low = try #require(ramp.first.flatMap(ColorScience.linear))
        let problems = Self.growsAway(ramp, from: low)
        #expect(problems.isEmpty, "\(problems)")
        // Away from the background: brighter on dark, darker on light.
        let high = try #require(ramp.last.flatMap(ColorScience.linear))
        let rise = ColorScience.lightness(high) - ColorScience.lightness(low)
        #expect(background == .dark ? rise >= 50 : rise <= -50, "low to high ΔL* \(rise)")
    }

    @Test("the two signs at one magnitude differ for normal vision and the three dichromacies", arguments: cases)
    func signsStayApart(background: TerminalBackground, capability: ColorCapability) throws {
        let theme = Theme(capability: capability, background: background)
        for step in 1...20 {
            let magnitude = Double(step) / 20
            guard let negative = theme.diverging(-magnitude).flatMap(ColorScience.linear),
                  let positive = theme.diverging(magnitude).flatMap(ColorScience.linear) else {
                Issue.record("no color at ±\(magnitude)"); continue
            }
            if negative == positive { continue }  // both neutral, inside the dead zone
            for vision in Vision.allCases {
                let difference = ColorScience.deltaE(vision.simulate(negative), vision.simulate(positive))
                #expect(difference >= Self.signDifference, "±\(magnitude) under \(vision): ΔE \(difference)")
            }
        }
    }

    @Test("the simulation itself: red and green at one lightness merge for a deuteranope, blue and orange do not")
    func simulationSeparatesWhatItShould() {
        let red = ColorScience.linear(ColorScience.srgb(160)), green = ColorScience.linear(ColorScience.srgb(34))
        #expect(ColorScience.deltaE(red, green) > 60)
        #expect(ColorScience.deltaE(Vision.deuteranopia.simulate(red), Vision.deuteranopia.simulate(green)) < 15)
        let blue = ColorScience.linear(ColorScience.srgb(33)), orange = ColorScience.linear(ColorScience.srgb(208))
        #expect(ColorScience.deltaE(Vision.deuteranopia.simulate(blue), Vision.deuteranopia.simulate(orange)) > 60)
        // White on black is the largest contrast WCAG knows, 21:1.
        #expect(abs(ColorScience.contrast(ColorScience.linear((255, 255, 255)), ColorScience.linear((0, 0, 0))) - 21) < 1e-9)
    }
}
