import MiniNN

/// Lesson 7: one hand-made kernel applied to one grey image through MiniNN's
/// own ``Conv2D`` layer, so what the learner sees is what the convnet computes.
public struct HandConvolution: Sendable, Equatable {
    /// Output height and width.
    public var height: Int
    public var width: Int
    /// Row-major output values.
    public var values: [Float]

    /// Convolves a `height`×`width` image (row-major, one channel) with
    /// `kernel` at the given stride and padding.
    ///
    /// Returns nil when the settings cannot make a convolution (a stride
    /// below 1, padding not smaller than the kernel, an image smaller than
    /// the kernel, or pixels that do not fill the size).
    public init?(kernel: HandKernel, image: [Float], height: Int, width: Int, stride: Int, padding: Int) {
        let side = HandKernel.size
        guard image.count == height * width, height > 0, width > 0,
              Conv2D.settingsError(inChannels: 1, outChannels: 1, kernelSize: side,
                                   stride: stride, padding: padding) == nil,
              ConvArithmetic.outputSize(input: height, kernel: side, stride: stride, padding: padding) > 0,
              ConvArithmetic.outputSize(input: width, kernel: side, stride: stride, padding: padding) > 0
        else { return nil }
        let layer = Conv2D(weight: Tensor(shape: [1, 1, side, side], scalars: kernel.weights),
                           bias: Tensor(shape: [1]), stride: stride, padding: padding)
        let output = layer.forward(Tensor(shape: [1, 1, height, width], scalars: image), training: false)
        self.height = output.shape[2]
        self.width = output.shape[3]
        self.values = output.scalars
    }

    /// The output value at row `y`, column `x`.
    public subscript(y: Int, x: Int) -> Float { values[y * width + x] }
}
