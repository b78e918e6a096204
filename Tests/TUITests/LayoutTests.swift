import Testing
@testable import TUI

@Suite("Layout")
struct LayoutTests {
    @Test func lengthsAndFillTileTheArea() {
        let rows = Layout.vertical([.length(1), .fill(1), .length(2)]).split(Rect(x: 0, y: 0, width: 10, height: 10))
        #expect(rows.map(\.height) == [1, 7, 2])
        #expect(rows.map(\.y) == [0, 1, 8])
        #expect(rows.allSatisfy { $0.width == 10 })
    }

    @Test func fillsShareByWeight() {
        let columns = Layout.horizontal([.fill(1), .fill(3)]).split(Rect(x: 5, y: 0, width: 80, height: 1))
        #expect(columns.map(\.width) == [20, 60])
        #expect(columns.map(\.x) == [5, 25])
    }

    @Test func percentagesAndMinimums() {
        let parts = Layout.horizontal([.percentage(25), .min(10)]).split(Rect(x: 0, y: 0, width: 100, height: 1))
        // The minimum takes its 10 and, with no fill present, grows into the rest.
        #expect(parts.map(\.width) == [25, 75])
    }

    @Test func tooSmallAreasShrinkLaterPartsFirst() {
        let parts = Layout.vertical([.length(3), .length(3), .fill(1)]).split(Rect(x: 0, y: 0, width: 4, height: 4))
        #expect(parts.map(\.height) == [3, 1, 0])
    }

    @Test func spacingSitsBetweenParts() {
        let parts = Layout.horizontal([.fill(1), .fill(1)], spacing: 2).split(Rect(x: 0, y: 0, width: 12, height: 1))
        #expect(parts.map(\.x) == [0, 7])
        #expect(parts.map(\.width) == [5, 5])
    }

    @Test("parts never leave the area", arguments: [0, 1, 5, 23, 200])
    func partsStayInside(total: Int) {
        let area = Rect(x: 2, y: 3, width: total, height: 4)
        let constraints: [Constraint] = [.length(7), .percentage(30), .min(4), .fill(2), .fill(1)]
        let parts = Layout.horizontal(constraints, spacing: 1).split(area)
        #expect(parts.count == constraints.count)
        for part in parts {
            #expect(part.width >= 0)
            #expect(part.minX >= area.minX && part.maxX <= area.maxX)
        }
    }

    @Test func rectInsetNeverGoesNegative() {
        let rect = Rect(x: 0, y: 0, width: 3, height: 1).inset(by: 2)
        #expect(rect.isEmpty)
        #expect(rect.width == 0 && rect.height == 0)
    }
}
