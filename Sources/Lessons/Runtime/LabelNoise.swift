import MiniNN

/// Wrong labels on purpose, for lesson 8's "noisy labels" experiment.
public enum LabelNoise {
    /// `data` with `share` of its labels (rounded to whole examples, picked
    /// at random from `seed`) replaced by another class drawn at random, so
    /// exactly that share is wrong. The images are untouched.
    public static func corrupt(_ data: Dataset, share: Float, seed: UInt64) -> Dataset {
        let classes = data.classCount
        guard share > 0, share.isFinite, classes >= 2, data.count > 0 else { return data }
        var generator = SeededGenerator(seed: seed)
        let count = Int((min(1, share) * Float(data.count)).rounded())
        var corrupted = data
        for index in generator.permutation(data.count).prefix(count) {
            let truth = Int(data.labels[index])
            // A class other than the true one: draw from classes − 1 and skip the truth.
            let draw = generator.nextIndex(below: classes - 1)
            corrupted.labels[index] = UInt8(draw >= truth ? draw + 1 : draw)
        }
        return corrupted
    }
}
