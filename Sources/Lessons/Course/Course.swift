import MiniNN

/// The course, in the order a learner walks it.
public enum Course {
    /// All eleven lessons; `lessons[i].id == i + 1`.
    public static let lessons: [Lesson] = [
        perceptron, hiddenLayers, learningRate, manyClasses, overfitting,
        mnistMLP, convolution, convnet, mistakes, transfer, sandbox,
    ]

    /// The lesson with this id, or nil.
    public static func lesson(id: Int) -> Lesson? {
        lessons.first { $0.id == id }
    }

    /// The lesson with this stable name, or nil.
    public static func lesson(slug: String) -> Lesson? {
        lessons.first { $0.slug == slug }
    }

    /// What the lesson numbers meant in progress files of versions 1 and 2,
    /// which keyed lessons by number. Frozen: it describes old files, and a
    /// lesson added to the course never changes it.
    public static let numberedBeforeSlugs: [Int: String] = [
        1: "perceptron", 2: "hidden-layers", 3: "learning-rate", 4: "many-classes", 5: "overfitting",
        6: "mnist-mlp", 7: "convolution", 8: "convnet", 9: "mistakes", 10: "sandbox",
    ]

    /// The id of the sandbox, which the start screen lists apart from the course.
    public static let sandboxID = 11
}

extension ModelSpec {
    /// A feed-forward classifier: `inputs` → hidden layers with `activation` →
    /// `classes` outputs, trained with `loss` (softmax cross-entropy on logits
    /// unless said otherwise). A dropout layer
    /// follows each hidden activation when `dropout` is true (its rate is a knob,
    /// so the layer is there even while the rate is 0).
    public static func classifier(inputs: Int, hidden: [Int], classes: Int,
                                  activation: ActivationKind, dropout: Bool = false,
                                  loss: LossKind = .softmaxCrossEntropy) -> ModelSpec {
        var layers: [LayerSpec] = []
        var width = inputs
        for size in hidden {
            layers.append(.dense(inputs: width, outputs: size))
            layers.append(.activation(activation))
            if dropout { layers.append(.dropout(rate: 0)) }
            width = size
        }
        layers.append(.dense(inputs: width, outputs: classes))
        return ModelSpec(inputShape: [inputs], layers: layers, loss: loss)
    }

    /// The lesson 8 convnet: conv 5×5 (8 maps) → ReLU → max-pool 2 → conv 5×5
    /// (16 maps) → ReLU → max-pool 2 → dense to 10 classes, on 1×28×28 digits.
    /// The first conv starts at He × 0.1, so its kernels go from noise to smooth
    /// (the `mnist-cnn` recipe trains this same spec).
    public static let lessonConvnet = ModelSpec(
        inputShape: [1, 28, 28],
        layers: [
            .conv2d(inChannels: 1, outChannels: 8, kernelSize: 5, stride: 1, padding: 2),
            .activation(.relu),
            .maxPool2d(window: 2, stride: 2),
            .conv2d(inChannels: 8, outChannels: 16, kernelSize: 5, stride: 1, padding: 2),
            .activation(.relu),
            .maxPool2d(window: 2, stride: 2),
            .flatten,
            .dense(inputs: 16 * 7 * 7, outputs: 10),
        ],
        loss: .softmaxCrossEntropy, firstLayerInitScale: 0.1)

    /// The same spec with the first weighted layer's initial weights times `scale`.
    public func scalingFirstLayerInit(by scale: Float) -> ModelSpec {
        var copy = self
        copy.firstLayerInitScale = scale
        return copy
    }

    /// The hidden layers' activation, if the spec has any activation layer.
    public var hiddenActivation: ActivationKind? {
        for layer in layers { if case .activation(let kind) = layer { return kind } }
        return nil
    }

    /// The same layers with every activation replaced by `activation`.
    public func withActivation(_ activation: ActivationKind) -> ModelSpec {
        var copy = self
        copy.layers = layers.map { layer in
            if case .activation = layer { return .activation(activation) }
            return layer
        }
        return copy
    }
}
