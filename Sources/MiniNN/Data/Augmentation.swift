import Foundation

/// Random changes made to each training image as its batch is made, drawn
/// afresh every time, so the network never sees the same picture twice:
/// more data from the data there is. Nothing is stored; validation and test
/// images are never changed.
///
/// For each image, in this order: a rotation by an angle drawn from
/// [−maxRotation, maxRotation] degrees and a shift by whole pixels drawn from
/// [−maxShift, maxShift] in each direction (about the image's centre, zeros
/// moving in at the edges), a mirror image left to right with probability ½
/// when `flipsHorizontally`, then noise of standard deviation `noise` added
/// to every pixel (on the 0…1 scale, kept in 0…1).
public struct Augmentation: Equatable, Sendable, Codable {
    /// Largest shift in pixels, each direction (0: none).
    public var maxShift: Int
    /// Largest rotation in degrees, either way (0: none).
    public var maxRotation: Float
    /// Standard deviation of the pixel noise on the 0…1 scale (0: none).
    public var noise: Float
    /// Whether half the images are mirrored left to right.
    public var flipsHorizontally: Bool

    public init(maxShift: Int = 0, maxRotation: Float = 0, noise: Float = 0, flipsHorizontally: Bool = false) {
        self.maxShift = maxShift
        self.maxRotation = maxRotation
        self.noise = noise
        self.flipsHorizontally = flipsHorizontally
    }

    /// Images stay as they are.
    public static let none = Augmentation()

    /// Whether no change is made at all.
    public var isNone: Bool { maxShift <= 0 && !(maxRotation > 0) && !(noise > 0) && !flipsHorizontally }

    /// Largest shift accepted: beyond it most of a 28-pixel digit leaves the frame.
    public static let shiftLimit = 8
    /// Largest rotation accepted, in degrees.
    public static let rotationLimit: Float = 45

    /// A message naming the first setting out of range, or nil.
    public var validationError: String? {
        if !(0...Augmentation.shiftLimit).contains(maxShift) {
            return "augmentation shift must be 0–\(Augmentation.shiftLimit) pixels, got \(maxShift)"
        }
        if !(maxRotation >= 0 && maxRotation <= Augmentation.rotationLimit) {
            return "augmentation rotation must be 0–\(Int(Augmentation.rotationLimit))°, got \(maxRotation)"
        }
        if !(noise >= 0 && noise <= 1) { return "augmentation noise must be in [0, 1], got \(noise)" }
        return nil
    }

    /// The settings as a step uses them: out-of-range values clamped, NaN as 0.
    public var clamped: Augmentation {
        Augmentation(maxShift: min(max(maxShift, 0), Augmentation.shiftLimit),
                     maxRotation: maxRotation.isFinite ? min(max(maxRotation, 0), Augmentation.rotationLimit) : 0,
                     noise: noise.isFinite ? min(max(noise, 0), 1) : 0,
                     flipsHorizontally: flipsHorizontally)
    }
}

/// The height and width of a dataset's images, when its items are images.
struct ImageGeometry {
    let channels: Int
    let height: Int
    let width: Int

    /// Items of C×H×W, or of N values with N a perfect square (flattened square images).
    init?(itemShape: [Int]) {
        if itemShape.count == 3, itemShape.allSatisfy({ $0 > 0 }) {
            (channels, height, width) = (itemShape[0], itemShape[1], itemShape[2])
        } else if itemShape.count == 1, itemShape[0] > 1 {
            let side = Int(Double(itemShape[0]).squareRoot().rounded())
            guard side * side == itemShape[0] else { return nil }
            (channels, height, width) = (1, side, side)
        } else {
            return nil
        }
    }
}

extension Dataset {
    /// Whether ``fill(_:labels:with:augmenting:using:)`` can change this data's
    /// items: byte images (MNIST), flattened or not.
    public var canAugment: Bool {
        guard case .bytes = features else { return false }
        return ImageGeometry(itemShape: itemShape) != nil
    }

    /// Like ``fill(_:labels:with:)``, with each image changed at random by
    /// `augmentation` (draws from `generator`). Data that cannot be augmented
    /// (see ``canAugment``), or no augmentation, fills as plain.
    ///
    /// The image is sampled straight from its bytes into the batch, so nothing
    /// is allocated per image, and the batch's images are made on all cores.
    public func fill(_ inputs: inout Tensor, labels: inout [Int], with indices: some Collection<Int>,
                     augmenting augmentation: Augmentation, using generator: inout SeededGenerator) {
        let settings = augmentation.clamped
        guard !settings.isNone, case .bytes(let bytes) = features,
              let geometry = ImageGeometry(itemShape: itemShape) else {
            fill(&inputs, labels: &labels, with: indices)
            return
        }
        prepareBatch(&inputs, labels: &labels, with: indices)
        let width = itemSize
        let rows = Array(indices)
        guard !rows.isEmpty, width > 0 else { return }
        // One draw per batch seeds every image's own stream, so the images can
        // be made on all cores and still come out the same whatever the core count.
        let batchSeed = generator.next()
        let mean = normalization.mean.isEmpty ? [0] : normalization.mean
        let std = normalization.std.isEmpty ? [1] : normalization.std
        inputs.scalars.withUnsafeMutableBufferPointer { destination in
            bytes.withUnsafeBufferPointer { source in
                mean.withUnsafeBufferPointer { meanBuffer in
                    std.withUnsafeBufferPointer { stdBuffer in
                        guard let out = destination.baseAddress, let raw = source.baseAddress else { return }
                        BatchParallel.forEachSlice(of: rows.count, minimumItemsPerWorker: 8) { _, range in
                            for row in range {
                                var imageGenerator = SeededGenerator(seed: SeededGenerator.derive(batchSeed, UInt64(row)))
                                let item = out + row * width
                                let draw = ImageTransform(settings, using: &imageGenerator)
                                draw.apply(raw + rows[row] * width, into: item, geometry: geometry,
                                           noise: settings.noise, generator: &imageGenerator)
                                if meanBuffer.count == 1 && stdBuffer.count == 1 {
                                    let m = meanBuffer[0], s = stdBuffer[0]
                                    for f in 0..<width { item[f] = (item[f] - m) / s }
                                } else {
                                    for f in 0..<width {
                                        item[f] = (item[f] - meanBuffer[f % meanBuffer.count]) / stdBuffer[f % stdBuffer.count]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One image's draw: where each output pixel is read from in the source.
private struct ImageTransform {
    let shiftX: Int
    let shiftY: Int
    let cosine: Float
    let sine: Float
    let mirrored: Bool
    var rotates: Bool { sine != 0 }

    init(_ settings: Augmentation, using generator: inout SeededGenerator) {
        let span = settings.maxShift
        shiftX = span > 0 ? generator.nextIndex(below: 2 * span + 1) - span : 0
        shiftY = span > 0 ? generator.nextIndex(below: 2 * span + 1) - span : 0
        let degrees = settings.maxRotation > 0
            ? generator.nextFloat(in: -settings.maxRotation..<settings.maxRotation) : 0
        let radians = degrees * .pi / 180
        cosine = Foundation.cos(radians)
        sine = Foundation.sin(radians)
        mirrored = settings.flipsHorizontally && generator.next() & 1 == 1
    }

    /// Writes the changed image, scaled to 0…1, at `out` (channels × height × width values).
    func apply(_ source: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<Float>, geometry: ImageGeometry,
               noise: Float, generator: inout SeededGenerator) {
        let (h, w) = (geometry.height, geometry.width)
        let centreX = Float(w - 1) / 2, centreY = Float(h - 1) / 2
        let scale: Float = 1 / 255
        for channel in 0..<geometry.channels {
            let plane = source + channel * h * w
            let target = out + channel * h * w
            for y in 0..<h {
                for x in 0..<w {
                    // Undo the mirror, the shift and the rotation, in reverse order.
                    let mx = mirrored ? w - 1 - x : x
                    let value: Float
                    if rotates {
                        let dx = Float(mx - shiftX) - centreX, dy = Float(y - shiftY) - centreY
                        let sx = cosine * dx + sine * dy + centreX
                        let sy = -sine * dx + cosine * dy + centreY
                        value = ImageTransform.bilinear(plane, x: sx, y: sy, width: w, height: h) * scale
                    } else {
                        let sx = mx - shiftX, sy = y - shiftY
                        value = sx >= 0 && sx < w && sy >= 0 && sy < h ? Float(plane[sy * w + sx]) * scale : 0
                    }
                    target[y * w + x] = value
                }
            }
            if noise > 0 {
                for i in 0..<(h * w) {
                    target[i] = min(max(target[i] + noise * ImageTransform.roughGaussian(&generator), 0), 1)
                }
            }
        }
    }

    /// The source read between pixels, zero outside the image.
    @inline(__always)
    static func bilinear(_ plane: UnsafePointer<UInt8>, x: Float, y: Float, width: Int, height: Int) -> Float {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Float(x0), fy = y - Float(y0)
        func pixel(_ px: Int, _ py: Int) -> Float {
            px >= 0 && px < width && py >= 0 && py < height ? Float(plane[py * width + px]) : 0
        }
        let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
        let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }

    /// A draw close to N(0, 1) from one 64-bit number: four 16-bit uniforms
    /// summed (Irwin–Hall), centred and scaled. Box–Muller's logarithm and
    /// sines per pixel would cost more than the network's own pass.
    @inline(__always)
    static func roughGaussian(_ generator: inout SeededGenerator) -> Float {
        let bits = generator.next()
        let sum = Float(bits & 0xFFFF) + Float((bits >> 16) & 0xFFFF) + Float((bits >> 32) & 0xFFFF) + Float(bits >> 48)
        // Each uniform on [0, 1) has variance 1/12; four have 1/3.
        return (sum / 65_536 - 2) * 1.732_050_8
    }
}
