import MiniNN

extension LessonData {
    /// What a model file records of this data, drawn with `seed` (see ``LessonDataSets/load(_:seed:locator:)``);
    /// nil for a CSV table, which the file describes by its table schema instead.
    public func record(seed: UInt64, labelNoise: Float = 0) -> DataRecord? {
        let source: DataRecord.Source
        switch self {
        case .toy(let kind, let count, let noise, let fraction):
            source = .toy(kind, count: count, noise: noise, validationFraction: fraction)
        case .iris(let features, let species, let fraction):
            source = .iris(features: features, species: species, validationFraction: fraction)
        case .mnist(let train, let validation, let test, let flattened):
            source = .mnist(trainCount: train, validationCount: validation, testCount: test, flattened: flattened)
        case .mnistDigits(let digits, let perClass, let validation):
            source = .mnistDigits(digits: digits, perClass: perClass, validationCount: validation)
        case .csv:
            return nil
        }
        return DataRecord(source, seed: seed, labelNoise: labelNoise)
    }

    /// The data a model file's record describes; loaded with the record's
    /// seed it gives the same points, split and images.
    public init(_ record: DataRecord) {
        switch record.source {
        case .toy(let kind, let count, let noise, let fraction):
            self = .toy(kind, count: count, noise: noise, validationFraction: fraction)
        case .iris(let features, let species, let fraction):
            self = .iris(features: features, species: species, validationFraction: fraction)
        case .mnist(let train, let validation, let test, let flattened):
            self = .mnist(trainCount: train, validationCount: validation, testCount: test, flattened: flattened)
        case .mnistDigits(let digits, let perClass, let validation):
            self = .mnistDigits(digits: digits, perClass: perClass, validationCount: validation)
        }
    }
}

extension DataRecord {
    /// One line for `info` and `eval`, e.g. "iris: petal length, petal width;
    /// setosa, versicolor; 20% validation, seed 1" or "MNIST: the first 1,000
    /// train / next 1,000 validation / first 1,000 test images".
    public var summary: String {
        var text: String
        switch source {
        case .toy(let kind, let count, let noise, let fraction):
            text = "\(kind.label), \(count.grouped) points, noise \(Self.number(noise)), "
                + "\(Self.percent(fraction)) validation, seed \(seed)"
        case .iris(let features, let species, let fraction):
            let columns = features.map { Iris.featureNames[$0] }.joined(separator: ", ")
            let classes = species.map { Iris.classNames[$0] }.joined(separator: ", ")
            text = "iris: \(columns); \(classes); \(Self.percent(fraction)) validation, seed \(seed)"
        case .mnist(let train, let validation, let test, let flattened):
            let parts = ["first \(train.grouped) train", validation > 0 ? "next \(validation.grouped) validation" : nil,
                         test == Self.mnistTestImages ? "all 10,000 test" : "first \(test.grouped) test"]
            text = "MNIST: " + parts.compactMap { $0 }.joined(separator: " / ") + " images"
                + (flattened ? ", flattened to 784 numbers" : ", 1×28×28")
        case .mnistDigits(let digits, let perClass, let validation):
            let listed = LessonData.digitRange(digits)
            text = "MNIST digits \(listed): \(perClass.grouped) train images of each (drawn with seed \(seed))"
                + " / those digits among the last \(validation.grouped) train images validate"
                + " / among all 10,000 test images test, 1×28×28"
        }
        if labelNoise > 0 { text += "; \(Self.percent(labelNoise)) of training labels replaced at random" }
        return text
    }

    private static func percent(_ fraction: Float) -> String { "\(Int((fraction * 100).rounded()))%" }

    /// 0.15 as "0.15", not "0.15000001".
    private static func number(_ value: Float) -> String {
        let rounded = (Double(value) * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
