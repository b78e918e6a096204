/// A hand-drawn digit made to look like MNIST's before a network reads it.
///
/// MNIST's digits were fitted into a 20×20 box, keeping their aspect ratio,
/// with grey anti-aliased edges, and then placed in a 28×28 field so that
/// their centre of mass sits at its centre. A digit drawn small in a corner
/// is the same digit to a person but not to a network trained on MNIST, so
/// a drawing gets the same treatment first.
public enum DigitPreprocessing {
    /// The field's side and the box the digit is fitted into.
    public static let side = 28
    public static let box = 20
    /// Intensities at or below this count as blank when the digit is boxed.
    static let blank: Float = 0.02

    /// `pixels`: `width`×`height` intensities in 0...1, row-major. Returns the
    /// 28×28 grey bytes MNIST would have had (all 0 for a blank drawing).
    public static func mnistLike(_ pixels: [Float], width: Int, height: Int) -> [UInt8] {
        guard width > 0, height > 0, pixels.count == width * height,
              let bounds = inkBounds(pixels, width: width, height: height) else {
            return [UInt8](repeating: 0, count: side * side)
        }
        // Fit the ink's bounding box into the 20×20 box, keeping its aspect ratio.
        let inkWidth = bounds.maxX - bounds.minX + 1, inkHeight = bounds.maxY - bounds.minY + 1
        let scale = Float(box) / Float(max(inkWidth, inkHeight))
        let outWidth = max(1, min(box, Int((Float(inkWidth) * scale).rounded())))
        let outHeight = max(1, min(box, Int((Float(inkHeight) * scale).rounded())))
        let boxed = resample(pixels, width: width, crop: bounds, to: (outWidth, outHeight))

        // Centre of mass of the boxed digit, then the shift that puts it at the field's centre.
        var mass: Float = 0, sumX: Float = 0, sumY: Float = 0
        for y in 0..<outHeight {
            for x in 0..<outWidth {
                let value = boxed[y * outWidth + x]
                mass += value
                sumX += value * (Float(x) + 0.5)
                sumY += value * (Float(y) + 0.5)
            }
        }
        let centreX = mass > 0 ? sumX / mass : Float(outWidth) / 2
        let centreY = mass > 0 ? sumY / mass : Float(outHeight) / 2
        // MNIST's centres of mass sit on pixel 14's centre (14.5 from the edge), not on the field's exact middle.
        let half = Float(side) / 2 + 0.5
        // The box stays inside the field even when its centre of mass is far off centre.
        let left = min(side - outWidth, max(0, Int((half - centreX).rounded())))
        let top = min(side - outHeight, max(0, Int((half - centreY).rounded())))

        var field = [UInt8](repeating: 0, count: side * side)
        for y in 0..<outHeight {
            for x in 0..<outWidth {
                let value = min(1, max(0, boxed[y * outWidth + x]))
                field[(top + y) * side + left + x] = UInt8((value * 255).rounded())
            }
        }
        return field
    }

    /// The smallest rectangle holding every pixel brighter than ``blank``.
    static func inkBounds(_ pixels: [Float], width: Int, height: Int)
        -> (minX: Int, minY: Int, maxX: Int, maxY: Int)? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            for x in 0..<width where pixels[y * width + x] > blank {
                minX = min(minX, x); maxX = max(maxX, x)
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        return maxX < 0 ? nil : (minX, minY, maxX, maxY)
    }

    /// The cropped rectangle scaled to `size` by area averaging: each output
    /// pixel is the mean of the source it covers, fractions of pixels
    /// weighted by how much of them it covers (grey edges, as MNIST's).
    static func resample(_ pixels: [Float], width: Int, crop: (minX: Int, minY: Int, maxX: Int, maxY: Int),
                         to size: (width: Int, height: Int)) -> [Float] {
        let sourceWidth = Float(crop.maxX - crop.minX + 1), sourceHeight = Float(crop.maxY - crop.minY + 1)
        let stepX = sourceWidth / Float(size.width), stepY = sourceHeight / Float(size.height)
        var out = [Float](repeating: 0, count: size.width * size.height)
        for oy in 0..<size.height {
            let y0 = Float(oy) * stepY, y1 = y0 + stepY
            for ox in 0..<size.width {
                let x0 = Float(ox) * stepX, x1 = x0 + stepX
                var sum: Float = 0
                var sy = Int(y0)
                while Float(sy) < y1, sy < Int(sourceHeight) {
                    let coverY = min(y1, Float(sy + 1)) - max(y0, Float(sy))
                    var sx = Int(x0)
                    while Float(sx) < x1, sx < Int(sourceWidth) {
                        let coverX = min(x1, Float(sx + 1)) - max(x0, Float(sx))
                        sum += coverX * coverY * pixels[(crop.minY + sy) * width + crop.minX + sx]
                        sx += 1
                    }
                    sy += 1
                }
                out[oy * size.width + ox] = sum / (stepX * stepY)
            }
        }
        return out
    }
}
