import MiniNN

/// What a first-layer roughness figure means, in the words the lessons use.
///
/// White noise scores about 1; lesson 8's kernels count as smooth at 0.5 or
/// below, the bound its check holds them to.
public enum RoughnessReading: String, Sendable, CaseIterable {
    case noise, smoothing, smooth

    /// At or below this the pictures count as smooth.
    public static let smoothBound: Float = 0.5
    /// At or above this they are still noise.
    public static let noiseBound: Float = 0.8

    public init(_ roughness: Float) {
        if roughness <= Self.smoothBound {
            self = .smooth
        } else if roughness >= Self.noiseBound {
            self = .noise
        } else {
            self = .smoothing
        }
    }
}
