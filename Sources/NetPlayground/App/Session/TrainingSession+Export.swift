import Lessons
import MiniNN

extension TrainingSession {
    /// Saves the weights and exports to ONNX in a new directory named
    /// `directory` (numbered when it exists); the snapshot's
    /// note says what was written or why not. On the session thread, which
    /// owns the model, so the weights cannot change halfway through the file.
    func export(to directory: String) {
        guard let run else { return }
        snapshot.exportNote = ModelExport.export(
            run: run, spec: modelChoice.spec, knobs: knobs.value, seed: seed, epochs: snapshot.epochs,
            itemsSeen: snapshot.itemsSeen, curve: snapshot.lossCurve, directory: directory)
        publish(force: true, heavy: false)
    }
}
