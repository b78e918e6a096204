import Foundation
import Testing
@testable import MiniNN

@Suite("data readers: sizes a file announces or holds are bounded before memory is spent")
struct DataLimitsTests {
    @Test("a CSV line of 1.1 MB is refused with the file, the line and the limit")
    func longCSVLine() throws {
        let folder = try DataFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "5", count: 1_100_000)
        let csv = "5.1,3.5,1.4,0.2,setosa\r\n\(long),3.5,1.4,0.2,setosa\n"
        let path = try DataFiles.write(Array(csv.utf8), to: "iris.csv", in: folder)
        #expect(throws: DatasetError.lineTooLong(path: path, line: 2, limit: 1 << 20)) { try Iris.load(path: path) }
        #expect(DatasetError.lineTooLong(path: path, line: 2, limit: 1 << 20).description
                == "\(path): line 2 is longer than 1 MB, the most this reader accepts; nothing was loaded")
        // A line just under the limit is read (and is then a bad number, not a size problem).
        let fits = String(repeating: "5", count: (1 << 20) - 20)
        let fitsPath = try DataFiles.write(Array("\(fits),3.5,1.4,0.2,setosa\n".utf8), to: "fits.csv", in: folder)
        #expect(throws: DatasetError.badNumber(path: fitsPath, line: 1, column: 1, text: fits)) {
            try Iris.load(path: fitsPath)
        }
    }

    @Test("the long-line check counts lines as the parser does (\\n, \\r\\n, \\r)")
    func lineCounting() {
        #expect(BoundedFile.firstLongLine(Data("ab\r\ncd\rxyz\n".utf8), limit: 2) == 3)
        #expect(BoundedFile.firstLongLine(Data("ab\n\ncd\n".utf8), limit: 2) == nil)
        #expect(BoundedFile.firstLongLine(Data("ab\n\nabc".utf8), limit: 2) == 3)
    }

    @Test("a CSV device that never ends (/dev/zero as iris.csv) stops at the file limit, counted as read")
    func endlessCSV() throws {
        // The limit is lowered for the test: 512 MB of zeros would take seconds.
        #expect(throws: DatasetError.fileTooLarge(path: "/dev/zero", limit: 4_096)) {
            try Iris.load(path: "/dev/zero", maximumFileBytes: 4_096)
        }
        #expect(DatasetError.fileTooLarge(path: "x.csv", limit: Iris.maximumFileBytes).description
                == "x.csv: the file is larger than 512 MB, the most this reader accepts; nothing was loaded")
    }

    @Test("images announcing more memory than a split may take are refused before inflating")
    func imagesOverBudget() throws {
        let folder = try DataFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Just under IDX's 1 GiB cap each, as two 1 MB gzip bombs would be;
        // only the headers are written.
        let count = (1 << 30) / 785
        let images = try DataFiles.write(
            DataFiles.gzip(DataFiles.idxHeader(magic: IDX.imagesMagic, dimensions: [count, 28, 28])),
            to: "images.gz", in: folder)
        let labels = try DataFiles.write(
            DataFiles.gzip(DataFiles.idxHeader(magic: IDX.labelsMagic, dimensions: [count])), to: "labels.gz", in: folder)
        #expect(throws: DatasetError.tooLarge(path: images, bytes: count * 785, limit: MNIST.maximumSplitBytes)) {
            try MNIST.load(imagesPath: images, labelsPath: labels, name: "bomb")
        }
    }

    @Test("image and label counts are compared before either file is inflated")
    func countsBeforeData() throws {
        let folder = try DataFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Headers only: inflating the images first would report short data.
        let images = try DataFiles.write(
            DataFiles.gzip(DataFiles.idxHeader(magic: IDX.imagesMagic, dimensions: [100_000, 28, 28])),
            to: "images.gz", in: folder)
        let labels = try DataFiles.write(
            DataFiles.gzip(DataFiles.idxHeader(magic: IDX.labelsMagic, dimensions: [99_999])), to: "labels.gz", in: folder)
        #expect(throws: DatasetError.countMismatch(imagesPath: images, images: 100_000, labelsPath: labels, labels: 99_999)) {
            try MNIST.load(imagesPath: images, labelsPath: labels, name: "mismatch")
        }
    }

    @Test("the real MNIST training split fits the budget")
    func realMNISTFits() {
        #expect(60_000 * 785 <= MNIST.maximumSplitBytes)
    }

    @Test("an empty validation set is no validation set: evaluateAll reports none, not 0% on 0 items")
    func emptyValidation() throws {
        let data = Dataset(name: "two", itemShape: [2], classNames: ["a", "b"],
                           features: .float([0, 0, 1, 1]), labels: [0, 1])
        let empty = Dataset(name: "none", itemShape: [2], classNames: ["a", "b"], features: .float([]), labels: [])
        let spec = ModelSpec(inputShape: [2], layers: [.dense(inputs: 2, outputs: 2)], loss: .softmaxCrossEntropy)
        let trainer = try Trainer(model: ModelBuilder.build(spec, seed: 1), loss: .softmaxCrossEntropy, train: data,
                                  validation: empty, knobs: LiveKnobs(Hyperparameters()), seed: 1)
        #expect(trainer.evaluateAll().validation == nil)
        let withValidation = try Trainer(model: ModelBuilder.build(spec, seed: 1), loss: .softmaxCrossEntropy, train: data,
                                         validation: data, knobs: LiveKnobs(Hyperparameters()), seed: 1)
        #expect(withValidation.evaluateAll().validation?.count == 2)
    }
}
