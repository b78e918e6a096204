import Foundation
import Lessons
import MiniNN
import Testing

/// Lesson 5's sentences on augmentation, on its own settings (1,000 digits,
/// the 784→256→256→10 network, Adam 0.001, batches of 32, 15 epochs) and on
/// three seeds.
@Suite("Lesson 5: augmentation")
struct OverfittingAugmentationTests {
    struct Runs {
        var none: LessonChecks.OverfittingFindings
        var shifted: LessonChecks.OverfittingFindings
        var flipped: LessonChecks.OverfittingFindings
    }

    static func runs(seed: UInt64) throws -> Runs {
        func run(_ augmentation: Augmentation) throws -> LessonChecks.OverfittingFindings {
            try LessonChecks.overfitting(augmentation: augmentation, seed: seed, locator: recipeTestLocator)
        }
        return Runs(none: try run(.none), shifted: try run(Augmentation(maxShift: 2)),
                    flipped: try run(Augmentation(flipsHorizontally: true)))
    }

    @Test("shifts of ±2 px lower the best validation loss (about 0.40 → 0.25) and narrow the gap; mirroring raises it (about 0.49)",
          arguments: [UInt64(1), 2, 3])
    func shiftsHelpFlipsHurt(seed: UInt64) throws {
        let runs = try Self.runs(seed: seed)
        let (none, shifted, flipped) = (runs.none.bestValidationLoss, runs.shifted.bestValidationLoss,
                                        runs.flipped.bestValidationLoss)
        #expect(shifted < none * 0.8, "seed \(seed): none \(none), shifted \(shifted)")
        #expect(runs.shifted.gap < runs.none.gap * 0.5, "seed \(seed): gaps \(runs.none.gap), \(runs.shifted.gap)")
        #expect(flipped > none, "seed \(seed): none \(none), flipped \(flipped)")
        // "The training loss stays well above zero": it cannot learn pictures that keep moving by heart.
        #expect(runs.shifted.trainLoss > 10 * runs.none.trainLoss)
        // The figures the text gives, within what three seeds span.
        let figures = "seed \(seed): none \(none), shifted \(shifted), flipped \(flipped)"
        #expect((0.36...0.45).contains(none), "\(figures)")
        #expect((0.22...0.31).contains(shifted), "\(figures)")
        #expect((0.44...0.56).contains(flipped), "\(figures)")
        if ProcessInfo.processInfo.environment["PRINT_FIGURES"] != nil {
            print(figures, "accuracies", runs.none.validationAccuracy, runs.shifted.validationAccuracy, runs.flipped.validationAccuracy)
        }
        #expect(runs.shifted.validationAccuracy > runs.none.validationAccuracy)
        #expect(runs.flipped.validationAccuracy < runs.none.validationAccuracy)
    }
}
