import Foundation
import Lessons
import MiniNN
import Testing

/// Lesson 10's sentences, on the lesson's own settings (its data, knobs,
/// planned epochs and the pretrained convnet it reuses), trained through
/// ``LessonRun`` as the screen trains them.
@Suite("Lesson 10: reuse a trained network", .serialized)
struct TransferLessonTests {
    @Test("fine-tuning beats the same network from scratch by 1 to 5 points at 20 per digit on seeds 1–3, its convolutions unchanged; at 1,000 per digit the gap is smaller")
    func fineTuningBeatsScratchAndTheGapShrinks() throws {
        var gapAt20: Float = 0
        for seed: UInt64 in [1, 2, 3] {
            let (result, gap, fineTuned, scratch) = try LessonChecks.transferGap(perDigit: 20, seed: seed,
                                                                                  locator: recipeTestLocator)
            print("lesson 10: \(result)")
            #expect(result.passed, "\(result)")
            // The text: "fine-tuning reaches about 94% on the test digits, the network from scratch about 91%".
            #expect((0.935...0.955).contains(fineTuned) && (0.89...0.93).contains(scratch), "\(result)")
            if seed == 1 { gapAt20 = gap }
        }
        let (plenty, gapAt1000, fineTuned, scratch) = try LessonChecks.transferGap(perDigit: 1_000, seed: 1, margin: -1...1,
                                                                                  locator: recipeTestLocator)
        print("lesson 10 at 1,000 per digit: \(plenty.measured)")
        #expect(gapAt1000 < gapAt20, "gap at 1,000 \(gapAt1000), at 20 \(gapAt20)")
        // The text: at 1,000 the network from scratch "catches up: both pass 98%".
        #expect(fineTuned > 0.98 && scratch > 0.98, "\(plenty.measured)")
    }
}
