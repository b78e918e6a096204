import Testing
import TUI

@Suite("Dark or light background")
struct TerminalBackgroundTests {
    @Test("COLORFGBG: the last field is the background; 7 and 15 are light, 0–6 and 8 dark",
          arguments: [("0;15", TerminalBackground.light), ("0;7", .light), ("0;default;15", .light),
                      ("15;0", .dark), ("7;default;0", .dark), ("15;8", .dark), ("15;4", .dark)])
    func colorFGBG(value: String, expected: TerminalBackground) {
        #expect(TerminalBackground(colorFGBG: value) == expected)
        #expect(TerminalBackground.detect(environment: ["COLORFGBG": value]) == expected)
    }

    @Test("COLORFGBG that says nothing leaves the default, dark", arguments: ["", "15", "0;default", "0;12", "a;b", "0;;"])
    func colorFGBGSaysNothing(value: String) {
        #expect(TerminalBackground(colorFGBG: value) == nil)
        #expect(TerminalBackground.detect(environment: ["COLORFGBG": value]) == .dark)
    }

    @Test func explicitChoiceThenEnvironmentThenCOLORFGBG() {
        #expect(TerminalBackground.detect(environment: [:]) == .dark)
        #expect(TerminalBackground.detect(environment: ["NETPLAYGROUND_BACKGROUND": "Light"]) == .light)
        // NETPLAYGROUND_BACKGROUND wins over what the terminal reports, an option over both.
        #expect(TerminalBackground.detect(environment: ["NETPLAYGROUND_BACKGROUND": "dark", "COLORFGBG": "0;15"]) == .dark)
        #expect(TerminalBackground.detect(explicit: .light, environment: ["NETPLAYGROUND_BACKGROUND": "dark"]) == .light)
        #expect(TerminalBackground.detect(explicit: .dark, environment: ["COLORFGBG": "0;15"]) == .dark)
    }

    @Test func aMisspelledEnvironmentValueIsNamed() {
        #expect(TerminalBackground.environmentProblem(["NETPLAYGROUND_BACKGROUND": "white"])
                == "NETPLAYGROUND_BACKGROUND must be light or dark, got 'white'")
        #expect(TerminalBackground.environmentProblem(["NETPLAYGROUND_BACKGROUND": "light"]) == nil)
        #expect(TerminalBackground.environmentProblem(["NETPLAYGROUND_BACKGROUND": ""]) == nil)
        #expect(TerminalBackground.environmentProblem([:]) == nil)
        // Ignored by detection, so the terminal's report still counts.
        #expect(TerminalBackground.detect(environment: ["NETPLAYGROUND_BACKGROUND": "white", "COLORFGBG": "0;15"]) == .light)
    }

    @Test func theLightThemeNamesWhatItDraws() {
        let light = Theme(capability: .full256, background: .light)
        #expect(light.divergingNames?.negative == "blue")
        #expect(light.divergingNames?.positive == "orange")
        #expect(light.strongerWord == "darker")
        #expect(Theme(capability: .full256).strongerWord == "brighter")
        #expect(TerminalCapabilities(colors: .sixteen, glyphs: .braille, background: .light).theme.background == .light)
    }
}
