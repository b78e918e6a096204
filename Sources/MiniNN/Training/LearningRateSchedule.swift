import Foundation

/// A multiplier on the learning rate as a function of the number of steps taken.
public struct LearningRateSchedule: Sendable {
    private let factor: @Sendable (Int) -> Float

    /// A schedule from any function of the step count (0 for the first batch).
    public init(_ factor: @escaping @Sendable (Int) -> Float) { self.factor = factor }

    /// The multiplier for the batch after `steps` steps.
    public func factor(afterSteps steps: Int) -> Float { factor(steps) }

    /// Always 1: the knobs' learning rate as it is.
    public static let constant = LearningRateSchedule { _ in 1 }

    /// Half a cosine from 1 down to `floor` over `totalSteps`, then `floor`:
    /// factor(t) = floor + (1 − floor) · ½(1 + cos(π t / T)).
    public static func cosine(totalSteps: Int, floor: Float = 0) -> LearningRateSchedule {
        let total = max(1, totalSteps)
        return LearningRateSchedule { step in
            let progress = Double(min(step, total)) / Double(total)
            return floor + (1 - floor) * Float(0.5 * (1 + cos(Double.pi * progress)))
        }
    }
}
