extension Theme {
    /// The color a role asks for before clamping to the capability.
    ///
    /// The colors are chosen against the xterm palette so that words keep a
    /// WCAG contrast of 4.5:1 and lines, borders and muted text 3:1 on black
    /// (dark) and on white or grey 229 (light); ThemeContrastTests computes it.
    func baseColor(_ role: Role) -> Color {
        switch (background, capability) {
        case (.dark, .full256): return Self.dark256(role)
        case (.light, .full256): return Self.light256(role)
        case (.dark, .eight): return Self.darkEight(role)
        case (.light, .eight): return Self.lightEight(role)
        case (.dark, _): return Self.darkSixteen(role)
        case (.light, _): return Self.lightSixteen(role)
        }
    }

    /// Class colors in order; class 0 is blue and class 1 red, matching the
    /// negative and positive ends of the diverging palette.
    static func categoryColor(_ n: Int, _ palette: [Color]) -> Color {
        palette[((n % palette.count) + palette.count) % palette.count]
    }

    private static func dark256(_ role: Role) -> Color {
        switch role {
        case .text: return .default
        case .muted: return .gray(12)
        case .title: return .indexed(117)
        case .border: return .gray(9)
        case .focus: return .indexed(220)
        case .emphasis: return .indexed(159)
        case .keyHint: return .indexed(214)
        case .warning: return .indexed(208)
        case .error: return .indexed(196)
        case .success: return .indexed(114)
        case .highlight: return .indexed(229)
        case .trainLoss: return .indexed(75)
        case .validationLoss: return .indexed(209)
        case .accuracy: return .indexed(114)
        case .positiveWeight: return .indexed(203)
        case .negativeWeight: return .indexed(69)
        case .category(let n):
            return categoryColor(n, [75, 203, 114, 221, 177, 80].map { .indexed($0) })
        }
    }

    private static func darkSixteen(_ role: Role) -> Color {
        switch role {
        case .text: return .default
        case .muted, .border: return .brightBlack
        case .title, .trainLoss: return .brightCyan
        case .focus, .warning, .highlight: return .brightYellow
        case .emphasis: return .brightWhite
        case .keyHint: return .yellow
        case .error, .positiveWeight: return .brightRed
        case .success, .accuracy: return .brightGreen
        case .validationLoss: return .brightMagenta
        case .negativeWeight: return .brightBlue
        case .category(let n):
            return categoryColor(n, [.brightBlue, .brightRed, .brightGreen, .brightYellow, .brightMagenta, .brightCyan])
        }
    }

    /// The sixteen-color choices folded to eight, except where that loses the
    /// text: bright black becomes black (invisible on black), so muted text and
    /// borders take the default color (muted dimmed), and blue (2.2:1 on black)
    /// gives way to cyan for negative weights and class 0.
    private static func darkEight(_ role: Role) -> Color {
        switch role {
        case .muted, .border: return .default
        case .negativeWeight: return .cyan
        case .category(let n) where darkSixteen(.category(n)) == .brightBlue: return .cyan
        default: return darkSixteen(role)
        }
    }

    /// Dark inks: blue for titles, brown (the dark orange) for keys, dark red
    /// for errors, olive (dark yellow) for warnings; lines in the diverging
    /// palette's strong blue and orange.
    private static func light256(_ role: Role) -> Color {
        switch role {
        case .text: return .default
        case .muted: return .gray(10)
        case .title: return .indexed(25)
        case .border: return .gray(12)
        case .focus: return .indexed(90)
        case .emphasis: return .indexed(24)
        case .keyHint: return .indexed(94)
        case .warning: return .indexed(58)
        case .error: return .indexed(124)
        case .success: return .indexed(22)
        case .highlight: return .indexed(18)
        case .trainLoss: return .indexed(26)
        case .validationLoss: return .indexed(130)
        case .accuracy: return .indexed(28)
        case .positiveWeight: return .indexed(130)
        case .negativeWeight: return .indexed(26)
        case .category(let n):
            return categoryColor(n, [26, 160, 28, 100, 91, 30].map { .indexed($0) })
        }
    }

    /// On white only black, red and the blues reach 4.5:1 (green, yellow and
    /// cyan stay under 2.5:1), so words share them and bold tells roles apart.
    private static func lightSixteen(_ role: Role) -> Color {
        switch role {
        case .text: return .default
        case .muted, .border: return .brightBlack
        case .title, .focus, .emphasis, .success, .highlight, .trainLoss, .negativeWeight: return .blue
        case .keyHint, .warning, .error, .validationLoss, .positiveWeight: return .red
        case .accuracy: return .magenta
        case .category(let n): return categoryColor(n, [.blue, .red, .magenta, .black, .brightBlue, .brightRed])
        }
    }

    /// As sixteen colors, but with no grey muted text and borders take the default color.
    private static func lightEight(_ role: Role) -> Color {
        switch role {
        case .muted, .border: return .default
        default: return lightSixteen(role)
        }
    }
}
