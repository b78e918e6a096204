import Foundation

/// Which data a saved model trained on, precisely enough to make the same
/// points, the same split and the same images again: the `data` metadata key
/// of a model file.
///
/// Generated points come from ``ToyData/generate(_:count:noise:seed:)`` with
/// ``seed``; the train/validation split of generated points and of iris is
/// drawn with a seed derived from it (as the playground's lessons do). MNIST
/// subsets are the first images of the official files, which need no seed.
public struct DataRecord: Equatable, Sendable {
    /// The dataset and the part of it that was used.
    public enum Source: Equatable, Sendable {
        /// `count` generated points of `kind` with Gaussian `noise`, `validationFraction` held out.
        case toy(ToyKind, count: Int, noise: Float, validationFraction: Float)
        /// Fisher's iris: these measurement columns (0 sepal length … 3 petal
        /// width) and species (0 setosa, 1 versicolor, 2 virginica), renumbered
        /// 0, 1, … in this order; `validationFraction` held out.
        case iris(features: [Int], species: [Int], validationFraction: Float)
        /// The first `trainCount` MNIST training images train, the next
        /// `validationCount` validate, the first `testCount` test images test;
        /// `flattened`: each image is 784 numbers instead of 1×28×28.
        case mnist(trainCount: Int, validationCount: Int, testCount: Int, flattened: Bool)
        /// Some MNIST digits only, relabelled 0, 1, … in this order: `perClass`
        /// images of each drawn (with the record's seed) from the training
        /// images before the last `validationCount`, those digits among the last
        /// `validationCount` validate, and those digits among all 10,000 test
        /// images test. Images are 1×28×28.
        case mnistDigits(digits: [Int], perClass: Int, validationCount: Int)
    }

    public var source: Source
    /// The seed the points, the split and the wrong labels were drawn with
    /// (it may differ from the model file's `seed` when the weights were reset).
    public var seed: UInt64
    /// Share of the training labels replaced at random (0: the true labels).
    public var labelNoise: Float

    public init(_ source: Source, seed: UInt64, labelNoise: Float = 0) {
        self.source = source
        self.seed = seed
        self.labelNoise = labelNoise
    }

    /// The dataset's short name, as the `dataset` metadata key says it: "xor", "iris", "mnist".
    public var datasetName: String {
        switch source {
        case .toy(let kind, _, _, _): kind.rawValue
        case .iris: "iris"
        case .mnist: "mnist"
        case .mnistDigits: "mnist-digits"
        }
    }

    /// Numbers per item the data gives a model (2 for points, the chosen iris columns, 784 pixels).
    public var itemSize: Int {
        switch source {
        case .toy: 2
        case .iris(let features, _, _): features.count
        case .mnist, .mnistDigits: 784
        }
    }

    /// How many classes the labels tell apart.
    public var classCount: Int {
        switch source {
        case .toy: 2
        case .iris(_, let species, _): species.count
        case .mnist: 10
        case .mnistDigits(let digits, _, _): digits.count
        }
    }

    // MARK: Limits

    /// Most generated points a record may ask for (the lessons use a few hundred).
    public static let maximumToyCount = 100_000
    /// Largest noise a record may ask for (the noise knob goes to 1).
    public static let maximumNoise: Float = 10
    /// Largest validation share (the rest must train).
    public static let maximumValidationFraction: Float = 0.9
    /// Images in MNIST's training and test files.
    public static let mnistTrainImages = 60_000
    public static let mnistTestImages = 10_000
}

// MARK: - JSON

extension DataRecord {
    /// The flat JSON object the file holds, e.g.
    /// `{"dataset":"iris","features":[2,3],"label_noise":0,"seed":1,"species":[0,1],"validation_fraction":0.2}`.
    public var json: String {
        var fields = Fields(dataset: datasetName, seed: seed, labelNoise: labelNoise)
        switch source {
        case .toy(_, let count, let noise, let fraction):
            fields.count = count; fields.noise = noise; fields.validationFraction = fraction
        case .iris(let features, let species, let fraction):
            fields.features = features; fields.species = species; fields.validationFraction = fraction
        case .mnist(let train, let validation, let test, let flattened):
            fields.trainCount = train; fields.validationCount = validation; fields.testCount = test
            fields.flattened = flattened
        case .mnistDigits(let digits, let perClass, let validation):
            fields.digits = digits; fields.perClass = perClass; fields.validationCount = validation
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads the JSON of ``json`` and checks every value. A failure says
    /// which field is wrong and what was expected, e.g. "field 'count' is
    /// 0; expected 1…100000".
    public static func parse(_ text: String) -> Result<DataRecord, DataRecordError> {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(text.utf8))
        } catch {
            return .failure(DataRecordError("is not a JSON object of the expected fields: \(text.prefix(200))"))
        }
        do throws(DataRecordError) {
            return .success(try fields.record())
        } catch {
            return .failure(error)
        }
    }

    /// The JSON object's fields; which are present depends on the dataset.
    private struct Fields: Codable {
        var dataset: String
        var seed: UInt64
        var labelNoise: Float?
        var count: Int?
        var noise: Float?
        var validationFraction: Float?
        var features: [Int]?
        var species: [Int]?
        var trainCount: Int?
        var validationCount: Int?
        var testCount: Int?
        var flattened: Bool?
        var digits: [Int]?
        var perClass: Int?

        init(dataset: String, seed: UInt64, labelNoise: Float) {
            self.dataset = dataset; self.seed = seed; self.labelNoise = labelNoise
        }

        enum CodingKeys: String, CodingKey {
            case dataset, seed, count, noise, features, species, flattened, digits
            case perClass = "per_class"
            case labelNoise = "label_noise"
            case validationFraction = "validation_fraction"
            case trainCount = "train_count"
            case validationCount = "validation_count"
            case testCount = "test_count"
        }

        func record() throws(DataRecordError) -> DataRecord {
            let labelNoise = try number(self.labelNoise ?? 0, "label_noise", in: 0...1)
            switch dataset {
            case "iris":
                let features = try indices(features, "features", below: 4, atLeast: 1)
                let species = try indices(species, "species", below: 3, atLeast: 2)
                let fraction = try number(required(validationFraction, "validation_fraction"), "validation_fraction",
                                          in: 0...maximumValidationFraction)
                return DataRecord(.iris(features: features, species: species, validationFraction: fraction),
                                  seed: seed, labelNoise: labelNoise)
            case "mnist":
                let train = try whole(required(trainCount, "train_count"), "train_count", in: 1...mnistTrainImages)
                let validation = try whole(required(validationCount, "validation_count"), "validation_count",
                                           in: 0...(mnistTrainImages - train))
                let test = try whole(required(testCount, "test_count"), "test_count", in: 1...mnistTestImages)
                return DataRecord(.mnist(trainCount: train, validationCount: validation, testCount: test,
                                         flattened: try required(flattened, "flattened")),
                                  seed: seed, labelNoise: labelNoise)
            case "mnist-digits":
                let digits = try indices(digits, "digits", below: 10, atLeast: 2)
                let validation = try whole(required(validationCount, "validation_count"), "validation_count",
                                           in: 0...(mnistTrainImages - 1))
                let perClass = try whole(required(self.perClass, "per_class"), "per_class",
                                         in: 1...(mnistTrainImages - validation))
                return DataRecord(.mnistDigits(digits: digits, perClass: perClass, validationCount: validation),
                                  seed: seed, labelNoise: labelNoise)
            default:
                guard let kind = ToyKind(rawValue: dataset) else {
                    let known = (ToyKind.allCases.map(\.rawValue) + ["iris", "mnist", "mnist-digits"]).joined(separator: ", ")
                    throw DataRecordError("field 'dataset' is '\(dataset.prefix(40))'; expected one of \(known)")
                }
                let count = try whole(required(self.count, "count"), "count", in: 1...maximumToyCount)
                let noise = try number(required(self.noise, "noise"), "noise", in: 0...maximumNoise)
                let fraction = try number(required(validationFraction, "validation_fraction"), "validation_fraction",
                                          in: 0...maximumValidationFraction)
                return DataRecord(.toy(kind, count: count, noise: noise, validationFraction: fraction),
                                  seed: seed, labelNoise: labelNoise)
            }
        }

        private func required<T>(_ value: T?, _ name: String) throws(DataRecordError) -> T {
            guard let value else { throw DataRecordError("has no field '\(name)', which \(dataset) data needs") }
            return value
        }

        private func whole(_ value: Int, _ name: String, in range: ClosedRange<Int>) throws(DataRecordError) -> Int {
            guard range.contains(value) else {
                throw DataRecordError("field '\(name)' is \(value); expected \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }

        private func number(_ value: Float, _ name: String, in range: ClosedRange<Float>) throws(DataRecordError) -> Float {
            guard value.isFinite, range.contains(value) else {
                throw DataRecordError("field '\(name)' is \(value); expected \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }

        /// Distinct column or class indices below `bound`, at least `atLeast` of them.
        private func indices(_ value: [Int]?, _ name: String, below bound: Int, atLeast: Int) throws(DataRecordError) -> [Int] {
            let list = try required(value, name)
            guard list.count >= atLeast, list.count <= bound, Set(list).count == list.count,
                  list.allSatisfy({ (0..<bound).contains($0) }) else {
                let shown = list.prefix(8).map(String.init).joined(separator: ", ")
                throw DataRecordError("field '\(name)' is [\(shown)]; expected \(atLeast) to \(bound) "
                                      + "different numbers in 0…\(bound - 1)")
            }
            return list
        }
    }
}

/// Why a `data` record cannot be used, in words that name the field.
public struct DataRecordError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
