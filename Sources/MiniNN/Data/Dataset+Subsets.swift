/// A dataset cut in two: the part the model trains on and the part that
/// measures how well it generalizes.
public struct DatasetSplit: Sendable {
    public var train: Dataset
    public var validation: Dataset

    public init(train: Dataset, validation: Dataset) {
        self.train = train
        self.validation = validation
    }

    /// Both parts standardized per feature with the mean and standard
    /// deviation of the training part only: the validation data must not
    /// leak into what the model sees.
    public func standardized() -> DatasetSplit {
        let normalization = train.standardization()
        var result = self
        result.train.normalization = normalization
        result.validation.normalization = normalization
        return result
    }
}

extension Dataset {
    /// The examples at `indices`, in that order; indices must be in `0..<count`.
    public func subset(indices: [Int], name: String? = nil) -> Dataset {
        let size = itemSize
        let gatheredFeatures: Features
        switch features {
        case .float(let values):
            var gathered: [Float] = []
            gathered.reserveCapacity(indices.count * size)
            for index in indices { gathered.append(contentsOf: values[index * size ..< (index + 1) * size]) }
            gatheredFeatures = .float(gathered)
        case .bytes(let values):
            var gathered: [UInt8] = []
            gathered.reserveCapacity(indices.count * size)
            for index in indices { gathered.append(contentsOf: values[index * size ..< (index + 1) * size]) }
            gatheredFeatures = .bytes(gathered)
        }
        return Dataset(name: name ?? self.name, itemShape: itemShape, classNames: classNames,
                       features: gatheredFeatures, labels: indices.map { labels[$0] },
                       normalization: normalization)
    }

    /// The examples in `range`, clamped to the dataset (e.g. "the last 10,000").
    public func slice(_ range: Range<Int>, name: String? = nil) -> Dataset {
        let clamped = range.clamped(to: 0..<count)
        return subset(indices: Array(clamped), name: name)
    }

    /// The first `count` examples (all of them if there are fewer), e.g. to
    /// overfit a small part of MNIST on purpose.
    public func first(_ count: Int) -> Dataset {
        slice(0..<max(0, count), name: count < self.count ? "\(name) (first \(count))" : name)
    }

    /// `count` examples drawn at random without replacement (all of them if
    /// there are fewer), kept in their original order. The same seed draws the
    /// same examples.
    public func randomSubset(_ count: Int, seed: UInt64) -> Dataset {
        guard count < self.count else { return self }
        var generator = SeededGenerator(seed: seed)
        let chosen = generator.permutation(self.count).prefix(max(0, count)).sorted()
        return subset(indices: chosen, name: "\(name) (\(chosen.count) random)")
    }

    /// Holds out `validationFraction` of the examples, stratified: each class
    /// gives the same fraction (rounded), so both parts keep the class balance.
    /// Every class keeps at least one training example. Both parts keep the
    /// original order; the same seed gives the same split.
    ///
    /// - Parameter validationFraction: clamped to [0, 1); 0 gives an empty validation part.
    public func split(validationFraction: Float = 0.2, seed: UInt64) -> DatasetSplit {
        let fraction = min(max(validationFraction.isFinite ? validationFraction : 0, 0), 1)
        var byClass = [[Int]](repeating: [], count: max(classCount, (labels.max().map { Int($0) + 1 }) ?? 0))
        for (index, label) in labels.enumerated() { byClass[Int(label)].append(index) }

        var generator = SeededGenerator(seed: seed)
        var trainIndices: [Int] = []
        var validationIndices: [Int] = []
        for var members in byClass where !members.isEmpty {
            generator.shuffle(&members)
            let wanted = Int((Float(members.count) * fraction).rounded())
            let held = min(wanted, members.count - 1)
            validationIndices.append(contentsOf: members[..<held])
            trainIndices.append(contentsOf: members[held...])
        }
        return DatasetSplit(
            train: subset(indices: trainIndices.sorted(), name: "\(name), train split"),
            validation: subset(indices: validationIndices.sorted(), name: "\(name), validation split"))
    }

    /// Splits at a position: the first `count − validationCount` examples
    /// train, the last `validationCount` validate (how MNIST's official
    /// training set is usually cut).
    public func splitLast(_ validationCount: Int) -> DatasetSplit {
        let boundary = count - min(max(0, validationCount), count)
        return DatasetSplit(train: slice(0..<boundary, name: "\(name), train split"),
                            validation: slice(boundary..<count, name: "\(name), validation split"))
    }

    /// How many examples each class has, index = label.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels where Int(label) < classCount { counts[Int(label)] += 1 }
        return counts
    }
}
