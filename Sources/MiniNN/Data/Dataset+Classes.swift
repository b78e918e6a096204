// Cutting a dataset by class: some digits only (pretrain on 0–4, reuse on
// 5–9), or a few labelled examples of each class (fine-tuning on little data).

extension Dataset {
    /// Only the examples of `classes`, relabelled 0, 1, … in the order given
    /// (so `[5, 6, 7, 8, 9]` makes digit 5 class 0), with their class names.
    /// Classes outside the dataset are ignored; the order of examples is kept.
    public func keepingClasses(_ classes: [Int], name: String? = nil) -> Dataset {
        var kept: [Int] = []
        var seen = Set<Int>()
        for label in classes where (0..<classCount).contains(label) && seen.insert(label).inserted { kept.append(label) }
        var newLabel = [Int](repeating: -1, count: classCount)
        for (position, label) in kept.enumerated() { newLabel[label] = position }
        let indices = labels.indices.filter { newLabel[Int(labels[$0])] >= 0 }
        var result = subset(indices: indices, name: name ?? "\(self.name), digits \(Dataset.listed(kept, classNames))")
        result.classNames = kept.map { classNames[$0] }
        result.labels = indices.map { UInt8(newLabel[Int(labels[$0])]) }
        return result
    }

    /// `count` examples of each class drawn at random without replacement (all
    /// of a class that has fewer), kept in their original order. The same seed
    /// draws the same examples.
    public func perClass(_ count: Int, seed: UInt64, name: String? = nil) -> Dataset {
        var byClass = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() where Int(label) < classCount { byClass[Int(label)].append(index) }
        var generator = SeededGenerator(seed: seed, stream: 0x5045_5243)
        var chosen: [Int] = []
        for var members in byClass {
            generator.shuffle(&members)
            chosen.append(contentsOf: members.prefix(max(0, count)))
        }
        return subset(indices: chosen.sorted(), name: name ?? "\(self.name) (\(count) per class)")
    }

    /// "5–9" for a run of classes named by digits, else the names joined.
    private static func listed(_ kept: [Int], _ names: [String]) -> String {
        let isRun = kept.count > 2 && zip(kept, kept.dropFirst()).allSatisfy { $1 == $0 + 1 }
        if isRun, let first = kept.first, let last = kept.last { return "\(names[first])–\(names[last])" }
        return kept.map { names[$0] }.joined(separator: ", ")
    }
}
