/// Small loops over contiguous floats written so the optimizer vectorizes them.
///
/// A plain `sum += x[i]` loop is not vectorized (float addition is not
/// associative, so the compiler must keep the order); these keep several
/// independent partial sums in SIMD registers instead.
public enum VectorKernels {
    /// Σ x[0..<count].
    @inlinable
    public static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var partial = SIMD8<Float>(repeating: 0), partial2 = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 16 <= count {
            partial += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            partial2 += UnsafeRawPointer(x + i + 8).loadUnaligned(as: SIMD8<Float>.self)
            i += 16
        }
        var total = (partial + partial2).sum()
        while i < count {
            total += x[i]
            i += 1
        }
        return total
    }

    /// y[0..<count] += x[0..<count].
    @inlinable
    public static func add(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let sum = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: sum, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] += x[i]
            i += 1
        }
    }

    /// y[0..<count] = x[0..<count], without a library call for short rows.
    @inlinable
    public static func copy(_ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            UnsafeMutableRawPointer(y + i).storeBytes(
                of: UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] = x[i]
            i += 1
        }
    }

    /// y[0..<count] = value, without a library call for short rows.
    @inlinable
    public static func fill(_ y: UnsafeMutablePointer<Float>, with value: Float, count: Int) {
        let splat = SIMD8<Float>(repeating: value)
        var i = 0
        while i + 8 <= count {
            UnsafeMutableRawPointer(y + i).storeBytes(of: splat, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] = value
            i += 1
        }
    }

    /// y = max(0, x) over `count` floats, branch-free eight at a time.
    @inlinable
    public static func relu(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            var value = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            // A select, not pointwiseMax, which is generic and is not inlined here.
            value.replace(with: zero, where: value .< zero)
            UnsafeMutableRawPointer(y + i).storeBytes(of: value, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] = max(0, x[i])
            i += 1
        }
    }

    /// dx = dy where y > 0, else 0 (ReLU's backward from its output `y`),
    /// branch-free: a data-dependent branch per element mispredicts half the time.
    @inlinable
    public static func reluBackward(output y: UnsafePointer<Float>, gradient dy: UnsafePointer<Float>,
                                    into dx: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            let value = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            var gradient = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD8<Float>.self)
            gradient.replace(with: zero, where: value .<= zero)
            UnsafeMutableRawPointer(dx + i).storeBytes(of: gradient, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            dx[i] = y[i] > 0 ? dy[i] : 0
            i += 1
        }
    }

    /// Compacts `rows` rows of `width` values, `pitch` apart in `x`, into the
    /// contiguous `y[rows × width]`, adding `value` to each.
    @inlinable
    public static func addRows(_ x: UnsafePointer<Float>, pitch: Int, plus value: Float, rows: Int, width: Int,
                               into y: UnsafeMutablePointer<Float>) {
        let splat = SIMD8<Float>(repeating: value)
        for row in 0..<rows {
            let source = x + row * pitch, target = y + row * width
            var i = 0
            while i + 8 <= width {
                let sum = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self) + splat
                UnsafeMutableRawPointer(target + i).storeBytes(of: sum, as: SIMD8<Float>.self)
                i += 8
            }
            while i < width {
                target[i] = source[i] + value
                i += 1
            }
        }
    }

    /// The reverse of ``addRows`` without the constant: spreads the contiguous
    /// `x[rows × width]` into rows `pitch` apart in `y`, zeroing the
    /// `pitch − width` values after each row.
    @inlinable
    public static func spreadRows(_ x: UnsafePointer<Float>, rows: Int, width: Int,
                                  into y: UnsafeMutablePointer<Float>, pitch: Int) {
        for row in 0..<rows {
            copy(x + row * width, to: y + row * pitch, count: width)
            fill(y + row * pitch + width, with: 0, count: pitch - width)
        }
    }
}
