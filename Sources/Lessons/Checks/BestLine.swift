import Foundation
import MiniNN

/// The fewest mistakes any straight line makes on a labelled set of 2-D
/// points: what lesson 1's XOR claim is measured against.
///
/// Exact up to ties: the best line can be turned and shifted until it runs
/// just beside two points without changing its mistakes, so trying the
/// directions through every pair of points (turned a hair either way) and
/// every threshold along each finds it. O(n³ log n); meant for the few
/// hundred points of a toy set.
public enum BestLine {
    /// The fewest points any line gets on the wrong side, over both ways of
    /// labelling its sides. Points must be float features of size 2.
    public static func fewestMistakes(_ data: Dataset) -> Int {
        let points = coordinates(data)
        let labels = data.labels
        guard points.count > 1 else { return 0 }
        var directions: [(Float, Float)] = [(1, 0), (0, 1)]
        for i in points.indices {
            for j in points.indices where j > i {
                let dx = points[j].0 - points[i].0, dy = points[j].1 - points[i].1
                let angle = Float(atan2(Double(dy), Double(dx))) + .pi / 2
                for turn: Float in [-1e-4, 1e-4] {
                    directions.append((cosf(angle + turn), sinf(angle + turn)))
                }
            }
        }
        let positives = labels.filter { $0 == 1 }.count
        var best = points.count
        var order = Array(points.indices)
        for (nx, ny) in directions {
            let projection = points.map { nx * $0.0 + ny * $0.1 }
            order.sort { projection[$0] < projection[$1] }
            // Threshold before position k: the first k points say 0, the rest 1 (or the other way round).
            var onesBelow = 0
            for k in 0...order.count {
                if k > 0, labels[order[k - 1]] == 1 { onesBelow += 1 }
                let zerosBelow = k - onesBelow
                let zerosAbove = (points.count - positives) - zerosBelow
                let mistakes = onesBelow + zerosAbove
                best = min(best, mistakes, points.count - mistakes)
            }
        }
        return best
    }

    /// How many points sit at each corner of the unit square (x + 2y, as the
    /// logic gates number them), by rounding each point to its corner.
    public static func cornerCounts(_ data: Dataset) -> [Int] {
        var counts = [0, 0, 0, 0]
        for (x, y) in coordinates(data) {
            let corner = (x >= 0.5 ? 1 : 0) + (y >= 0.5 ? 2 : 0)
            counts[corner] += 1
        }
        return counts
    }

    private static func coordinates(_ data: Dataset) -> [(Float, Float)] {
        guard case .float(let values) = data.features, data.itemSize == 2 else { return [] }
        return (0..<data.count).map { (values[2 * $0], values[2 * $0 + 1]) }
    }
}
