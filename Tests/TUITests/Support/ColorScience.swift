import Foundation
import TUI

/// What a terminal color looks like, computed: xterm-256 indices to sRGB, WCAG
/// contrast, CIELAB, and dichromat vision simulated, so theme tests measure
/// instead of eyeballing.
enum ColorScience {
    /// Linear-light RGB, each channel 0...1.
    struct Linear: Equatable {
        var r, g, b: Double
    }

    /// The 16 basic colors as xterm draws them by default (its XTerm-col.ad);
    /// other terminals' defaults are close (Tango, VGA differ by a few steps).
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The sRGB value (0...255 per channel) of an xterm-256 index: the 16 basic
    /// colors, the 6×6×6 cube (levels 0, 95, 135, 175, 215, 255), 24 greys 8, 18, …, 238.
    static func srgb(_ index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i >= 232 { let v = 8 + 10 * (i - 232); return (v, v, v) }
        let levels = [0, 95, 135, 175, 215, 255]
        let v = i - 16
        return (levels[v / 36], levels[(v / 6) % 6], levels[v % 6])
    }

    /// The linear-light value of an indexed color; nil for the terminal's default.
    static func linear(_ color: Color) -> Linear? {
        guard case .indexed(let index) = color else { return nil }
        return linear(srgb(index))
    }

    static func linear(_ rgb: (Int, Int, Int)) -> Linear {
        func decode(_ c: Int) -> Double {
            let v = Double(c) / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return Linear(r: decode(rgb.0), g: decode(rgb.1), b: decode(rgb.2))
    }

    /// Relative luminance (WCAG 2.x, Rec. 709 weights).
    static func luminance(_ c: Linear) -> Double { 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b }

    /// The WCAG 2.x contrast ratio, 1...21.
    static func contrast(_ a: Linear, _ b: Linear) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// CIELAB (D65 white) of a linear sRGB color.
    static func lab(_ c: Linear) -> (l: Double, a: Double, b: Double) {
        let x = (0.4124 * c.r + 0.3576 * c.g + 0.1805 * c.b) / 0.95047
        let y = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b
        let z = (0.0193 * c.r + 0.1192 * c.g + 0.9505 * c.b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// CIELAB lightness L*, 0 (black) ... 100 (white).
    static func lightness(_ c: Linear) -> Double { lab(c).l }

    /// The CIE 1976 color difference ΔE*ab (about 2.3 is just noticeable).
    static func deltaE(_ p: Linear, _ q: Linear) -> Double {
        let (a, b) = (lab(p), lab(q))
        return ((a.l - b.l) * (a.l - b.l) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b)).squareRoot()
    }

    /// How a color looks with normal vision or one of the dichromacies.
    enum Vision: String, CaseIterable, CustomStringConvertible {
        case normal, protanopia, deuteranopia, tritanopia
        var description: String { rawValue }

        /// Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
        /// Simulation of Color Vision Deficiency", IEEE TVCG 15(6): the severity 1.0
        /// matrices of their Table 1, applied to linear RGB (as Chrome and Firefox
        /// DevTools apply them).
        var matrix: [[Double]] {
            switch self {
            case .normal: return [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
            case .protanopia:
                return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
            case .deuteranopia:
                return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
            case .tritanopia:
                return [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
            }
        }

        /// The color as this vision sees it, clamped to the display's gamut.
        func simulate(_ c: Linear) -> Linear {
            let m = matrix, v = [c.r, c.g, c.b]
            func row(_ i: Int) -> Double { min(1, max(0, m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2])) }
            return Linear(r: row(0), g: row(1), b: row(2))
        }
    }

    /// The backgrounds a theme's colors are judged on: black for dark; for light
    /// both white and xterm's color 7 (grey 229), which is what a COLORFGBG
    /// background of 7 names, the darker light background.
    static func references(_ background: TerminalBackground) -> [(name: String, color: Linear)] {
        switch background {
        case .dark: return [("black", linear((0, 0, 0)))]
        case .light: return [("white", linear((255, 255, 255))), ("grey 229", linear((229, 229, 229)))]
        }
    }
}
