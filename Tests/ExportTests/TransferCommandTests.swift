import Foundation
import Testing

/// The built `netplayground` binary, from `NETPLAYGROUND_BIN` (set by `make test`).
private let binary = ProcessInfo.processInfo.environment["NETPLAYGROUND_BIN"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("train mnist-transfer: lesson 10 headless",
       .enabled(if: binary != nil, "set NETPLAYGROUND_BIN to the built netplayground (make test does)"))
struct TransferCommandTests {
    @Test("--json prints both test accuracies on digits 5–9, per_class and the seconds of each; fine-tuning wins")
    func json() throws {
        let result = try runProcess(try #require(binary), ["train", "mnist-transfer", "--per-class", "20", "--seed", "2", "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["per_class"] as? Int == 20)
        #expect(object["train_items"] as? Int == 100)
        #expect(object["test_items"] as? Int == 4_861)
        let fineTuned = try #require(object["finetuned_test_accuracy"] as? Double)
        let scratch = try #require(object["scratch_test_accuracy"] as? Double)
        #expect(fineTuned > scratch + 0.02, "fine-tuned \(fineTuned), scratch \(scratch)")
        for key in ["finetuned_seconds", "scratch_seconds", "pretrain_seconds"] {
            #expect((object[key] as? Double ?? -1) > 0, "\(key)")
        }
        #expect(result.errors.contains("pretraining on digits 0–4"))
    }

    @Test("bad --per-class, --per-class elsewhere and file options are refused with exit 2 and a message")
    func badArguments() throws {
        let cases: [([String], String)] = [
            (["train", "mnist-transfer", "--per-class", "0"], "--per-class must be 1–5,000, got 0"),
            (["train", "mnist-transfer", "--per-class", "-3"], "--per-class"),
            (["train", "mnist-cnn", "--per-class", "5"], "--per-class applies only to mnist-transfer"),
            (["train", "mnist-transfer", "--save", "/tmp/x.safetensors"], "writes no model file"),
        ]
        for (arguments, message) in cases {
            let result = try runProcess(try #require(binary), arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
        }
    }
}
