import Lessons
import Testing
import TUI
@testable import NetPlayground

/// At 80×24 a lesson shows fewer panels than it has: the rest are a carousel
/// that Tab reaches and ←→ turn, named on the panel that takes the focus.
@Suite("Panel carousel")
struct CarouselTests {
    static func screenText(_ app: inout PlaygroundApp) -> String {
        GridSnapshot.text(of: ScreenSnapshot.draw(&app, .small), styles: false)
    }

    @Test("Tab reaches the panel that names the carousel, and → brings the hidden panel in")
    func reachable() throws {
        var app = ScreenSnapshotTests.app(opening: 3)
        // Lesson 3 has three visuals; two fit at 80×24, so the network is hidden.
        var screen = Self.screenText(&app)
        #expect(screen.contains("1 more: Tab, ←→"))
        #expect(!screen.contains("┌ network"))
        var tabs = 0
        while tabs < 4, case .lesson(let lesson) = app.screen, lesson.focus != .visuals {
            _ = app.update(.key(.tab))
            tabs += 1
        }
        guard case .lesson(let lesson) = app.screen else { Issue.record("not on the lesson"); return }
        #expect(lesson.focus == .visuals)
        screen = Self.screenText(&app)
        // The focused panel is drawn with the heavy frame and carries the hint, now without "Tab".
        let focusedTitle = try #require(screen.split(separator: "\n").first { $0.contains("┏") && $0.contains("more:") })
        #expect(focusedTitle.contains("1 more: ←→"))
        _ = app.update(.key(.right))
        screen = Self.screenText(&app)
        #expect(screen.contains("network"), "→ on the visuals shows the hidden panel")
    }

    @Test("help names the carousel keys")
    func helpMentionsCarousel() {
        var app = ScreenSnapshotTests.app(opening: 3)
        _ = app.update(.key(.character("?")))
        let large = GridSnapshot.text(of: ScreenSnapshot.draw(&app, .large), styles: false)
        #expect(large.contains("carousel"))
    }
}
