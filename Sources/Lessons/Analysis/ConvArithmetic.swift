/// The size arithmetic of lesson 7.
public enum ConvArithmetic {
    /// Output side of a convolution or pooling window: ⌊(n + 2p − k) / s⌋ + 1,
    /// or 0 when the kernel does not fit (or the stride is not positive).
    public static func outputSize(input n: Int, kernel k: Int, stride s: Int, padding p: Int) -> Int {
        guard s > 0, k > 0, p >= 0, n + 2 * p >= k else { return 0 }
        return (n + 2 * p - k) / s + 1
    }

    /// Parameters of a conv layer: one k×k×C_in kernel plus a bias per output channel.
    public static func convParameters(inChannels: Int, outChannels: Int, kernel: Int) -> Int {
        outChannels * (inChannels * kernel * kernel + 1)
    }

    /// Parameters of a dense layer: a weight per input–output pair plus a bias per output.
    public static func denseParameters(inputs: Int, outputs: Int) -> Int {
        outputs * (inputs + 1)
    }
}

/// The hand-made 3×3 kernels of lesson 7.
public enum HandKernel: String, CaseIterable, Sendable, Codable {
    case verticalEdge, horizontalEdge, sharpen, blur, identity

    /// How the kernel is named on screen.
    public var displayName: String {
        switch self {
        case .verticalEdge: "vertical edge"
        case .horizontalEdge: "horizontal edge"
        case .sharpen: "sharpen"
        case .blur: "blur"
        case .identity: "identity"
        }
    }

    /// The nine weights, row by row.
    public var weights: [Float] {
        switch self {
        case .verticalEdge: [-1, 0, 1,
                             -1, 0, 1,
                             -1, 0, 1]
        case .horizontalEdge: [-1, -1, -1,
                                0, 0, 0,
                                1, 1, 1]
        case .sharpen: [0, -1, 0,
                        -1, 5, -1,
                        0, -1, 0]
        case .blur: [Float](repeating: 1.0 / 9, count: 9)
        case .identity: [0, 0, 0,
                         0, 1, 0,
                         0, 0, 0]
        }
    }

    /// Side of the kernel.
    public static let size = 3
}
