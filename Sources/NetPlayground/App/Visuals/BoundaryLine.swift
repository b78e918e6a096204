import Lessons

/// Where a perceptron's straight boundary crosses the plotted plane.
enum BoundaryLine {
    /// The part of the line w₁x + w₂y + b = 0 inside the extent, in 0…1 coordinates.
    static func clip(w1: Double, w2: Double, b: Double, extent: PlaneExtent)
        -> (x0: Double, y0: Double, x1: Double, y1: Double)? {
        let minX = Double(extent.minX), maxX = Double(extent.maxX)
        let minY = Double(extent.minY), maxY = Double(extent.maxY)
        var hits: [(Double, Double)] = []
        if abs(w2) > 1e-9 {
            for x in [minX, maxX] {
                let y = -(w1 * x + b) / w2
                if y >= minY && y <= maxY { hits.append((x, y)) }
            }
        }
        if abs(w1) > 1e-9 {
            for y in [minY, maxY] {
                let x = -(w2 * y + b) / w1
                if x >= minX && x <= maxX { hits.append((x, y)) }
            }
        }
        guard hits.count >= 2 else { return nil }
        let (a, c) = (hits[0], hits[hits.count - 1])
        let width = maxX - minX, height = maxY - minY
        return ((a.0 - minX) / width, (a.1 - minY) / height, (c.0 - minX) / width, (c.1 - minY) / height)
    }
}
