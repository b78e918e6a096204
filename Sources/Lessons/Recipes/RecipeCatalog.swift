import MiniNN

/// Every recipe `netplayground train` knows, in the order the course meets them.
///
/// To add a recipe, add one `Recipe(...)` to ``all``; its name must be new.
public enum RecipeCatalog {
    /// All recipes.
    public static let all: [Recipe] = [
        // MARK: The perceptron (lesson 1): Rosenblatt's rule, not backpropagation.
        Recipe(
            name: "perceptron-and",
            summary: "the perceptron rule on AND: one line separates it, 100%",
            data: .toy(.and, count: 200, noise: 0.15, validationFraction: 0.2),
            model: perceptron, rule: .perceptron,
            hyperparameters: Hyperparameters(learningRate: 0.1, batchSize: 1),
            epochs: 10),
        Recipe(
            name: "perceptron-or",
            summary: "the perceptron rule on OR: one line separates it, 100%",
            data: .toy(.or, count: 200, noise: 0.15, validationFraction: 0.2),
            model: perceptron, rule: .perceptron,
            hyperparameters: Hyperparameters(learningRate: 0.1, batchSize: 1),
            epochs: 10),
        Recipe(
            name: "perceptron-xor",
            summary: "the perceptron rule on XOR: no line does, never above 75%",
            // The four corners exactly, 50 copies each, all of them trained on:
            // the best any line can do is 3 corners of 4. Jittered points, or a
            // split that leaves one corner smaller, would let a line score a
            // little above 75%.
            data: .toy(.xor, count: 200, noise: 0, validationFraction: 0),
            model: perceptron, rule: .perceptron,
            hyperparameters: Hyperparameters(learningRate: 0.1, batchSize: 1),
            epochs: 20),

        // MARK: Hidden layers (lesson 2).
        Recipe(
            name: "mlp-xor",
            summary: "2 → 8 tanh → 2 solves XOR, 100%",
            data: .toy(.xor, count: 200, noise: 0.15, validationFraction: 0.2),
            model: ModelSpec(
                inputShape: [2],
                layers: [.dense(inputs: 2, outputs: 8), .activation(.tanh), .dense(inputs: 8, outputs: 2)],
                loss: .softmaxCrossEntropy),
            hyperparameters: Hyperparameters(learningRate: 0.03, optimizer: .adam, batchSize: 16),
            epochs: 40),
        Recipe(
            name: "mlp-spirals",
            summary: "2 → 32 ReLU → 32 ReLU → 2 untangles two spirals",
            data: .toy(.spirals, count: 400, noise: 0.04, validationFraction: 0.2),
            model: ModelSpec(
                inputShape: [2],
                layers: [
                    .dense(inputs: 2, outputs: 32), .activation(.relu), .dropout(rate: 0),
                    .dense(inputs: 32, outputs: 32), .activation(.relu), .dropout(rate: 0),
                    .dense(inputs: 32, outputs: 2),
                ],
                loss: .softmaxCrossEntropy),
            // ReLU, not tanh: with the same knobs tanh stalls near 60% on two
            // seeds of three (in PyTorch too), ReLU reaches 99–100% on all three.
            hyperparameters: Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 16),
            epochs: 300,
            schedule: .cosine(floor: 0.1)),

        // MARK: Many classes (lesson 4).
        Recipe(
            name: "iris-mlp",
            summary: "4 measurements → 16 ReLU → 3 species, 80/20 split",
            // Validation accuracy depends mostly on which 30 flowers are held
            // out: a few versicolor and virginica overlap, and any model misses
            // them. Seed 1: 100%; seeds 2–6: 90–97%.
            data: .iris(validationFraction: 0.2),
            model: ModelSpec(
                inputShape: [4],
                layers: [
                    .dense(inputs: 4, outputs: 16), .activation(.relu), .dropout(rate: 0),
                    .dense(inputs: 16, outputs: 3),
                ],
                loss: .softmaxCrossEntropy),
            hyperparameters: Hyperparameters(learningRate: 0.01, optimizer: .adam, batchSize: 16),
            epochs: 100),

        // MARK: MNIST (lesson 6).
        Recipe(
            name: "mnist-mlp",
            summary: "784 pixels → 128 ReLU → 10 digits, ≈97.7% test in 3 epochs",
            data: .mnist(validationCount: 0),
            model: ModelSpec(
                inputShape: [784],
                layers: [
                    .dense(inputs: 784, outputs: 128), .activation(.relu), .dropout(rate: 0),
                    .dense(inputs: 128, outputs: 10),
                ],
                // A tenth of He for the first layer, so its weight pictures turn smooth (see lesson 6).
                loss: .softmaxCrossEntropy, firstLayerInitScale: 0.1),
            // Adam at 2e-3, cut to 30% after each epoch: the early epochs move
            // fast, the last one settles (PyTorch with the same recipe: 97.7–97.8%
            // after 3 epochs over three seeds; constant 1e-3 gives 97.3–97.4%).
            hyperparameters: Hyperparameters(learningRate: 0.002, optimizer: .adam, batchSize: 64),
            epochs: 3,
            schedule: .stepDecay(factor: 0.3, everyEpochs: 1)),

        // MARK: A convnet on MNIST (lesson 8).
        Recipe(
            name: "mnist-cnn",
            summary: "conv 5×5 (8) → pool → conv 5×5 (16) → pool → 10 digits; ≥98% in 1 epoch, ≥99% in 5",
            data: .mnist(validationCount: 0),
            model: mnistCNN,
            // Adam at 3e-3, decayed along half a cosine to 0 over however many
            // epochs are asked for: the large early rate finds a good basin
            // fast and the decay lets the last batches settle, which a fixed
            // rate never does. The first conv starts at a tenth of He: from a
            // full-size random start the 25 weights of a kernel barely move and
            // stay noise (roughness 0.95–1.02 after an epoch, seeds 1–3); from
            // the small one they turn smooth within 100 batches (0.37–0.42
            // after the epoch), at the same accuracy: 98.4% test after 1 epoch.
            hyperparameters: Hyperparameters(learningRate: 0.003, optimizer: .adam, batchSize: 64),
            epochs: 5,
            schedule: .cosine(floor: 0)),
    ]

    /// The recipe called `name`, or nil.
    public static func recipe(named name: String) -> Recipe? {
        all.first { $0.name == name }
    }

    /// Every recipe's name, in catalog order.
    public static var names: [String] { all.map(\.name) }

    /// conv(1→8, 5×5, pad 2) → ReLU → pool 2 → conv(8→16, 5×5, pad 2) → ReLU → pool 2
    /// → flatten (16·7·7 = 784) → dense 10, softmax cross-entropy; the first
    /// conv's He init scaled by 0.1. Lesson 8 trains the same spec.
    public static let mnistCNN = ModelSpec.lessonConvnet

    /// A single step unit on two inputs: Dense(2→1) → step (Rosenblatt's perceptron).
    static let perceptron = ModelSpec(
        inputShape: [2], layers: [.dense(inputs: 2, outputs: 1), .activation(.step)], loss: .meanSquaredError)
}
