import Foundation
import Testing
@testable import MiniNN

@Suite("IDX and MNIST reading")
struct DataIDXTests {
    /// Writes an image and a label file into a fresh folder and loads them.
    private func load(images: [UInt8], labels: [UInt8]) throws -> (Result<Dataset, DatasetError>, String, String) {
        let folder = try DataFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imagesPath = try DataFiles.write(images, to: "images.gz", in: folder)
        let labelsPath = try DataFiles.write(labels, to: "labels.gz", in: folder)
        let result = Result { () throws(DatasetError) -> Dataset in
            try MNIST.load(imagesPath: imagesPath, labelsPath: labelsPath, name: "test")
        }
        return (result, imagesPath, labelsPath)
    }

    private func expectError(_ result: Result<Dataset, DatasetError>, _ expected: DatasetError) {
        switch result {
        case .success(let dataset): Issue.record("expected \(expected), loaded \(dataset.count) examples")
        case .failure(let error):
            #expect(error == expected)
            if let path = error.path { #expect(error.description.contains(path)) }
        }
    }

    @Test("valid files load with their pixels and labels, 1×28×28 bytes")
    func validFiles() throws {
        let images = DataFiles.imageFile(count: 3)
        let (result, _, _) = try load(images: images.gzipped, labels: DataFiles.labelFile([7, 0, 9]))
        let dataset = try result.get()
        #expect(dataset.count == 3)
        #expect(dataset.itemShape == [1, 28, 28])
        #expect(dataset.labels == [7, 0, 9])
        #expect(dataset.classNames.count == 10)
        guard case .bytes(let pixels) = dataset.features else {
            Issue.record("MNIST pixels should stay bytes")
            return
        }
        #expect(pixels == Array(images.raw.dropFirst(16)))
    }

    @Test("a missing file is named")
    func missingFile() throws {
        let folder = try DataFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nothing.gz").path
        #expect(throws: DatasetError.missingFile(path: path)) {
            try IDX.readBytes(path: path, magic: IDX.labelsMagic)
        }
    }

    @Test("a file that is not gzip is refused")
    func notGzip() throws {
        let raw = DataFiles.imageFile(count: 1).raw
        let (result, imagesPath, _) = try load(images: raw, labels: DataFiles.labelFile([1]))
        expectError(result, .notGzip(path: imagesPath))
    }

    @Test("labels where images should be: wrong magic")
    func wrongMagic() throws {
        let labels = DataFiles.labelFile([1])
        let (result, imagesPath, _) = try load(images: labels, labels: labels)
        expectError(result, .wrongMagic(path: imagesPath, expected: 0x803, found: 0x801))
    }

    @Test("a header cut short")
    func truncatedHeader() throws {
        let header = DataFiles.idxHeader(magic: IDX.imagesMagic, dimensions: [1, 28, 28])
        let (result, imagesPath, _) = try load(images: DataFiles.gzip(Array(header.prefix(10))),
                                               labels: DataFiles.labelFile([1]))
        expectError(result, .truncatedHeader(path: imagesPath, expectedBytes: 16, actualBytes: 10))
    }

    @Test("images that are not 28×28")
    func wrongDimensions() throws {
        let raw = DataFiles.idxHeader(magic: IDX.imagesMagic, dimensions: [1, 27, 28]) + [UInt8](repeating: 0, count: 27 * 28)
        let (result, imagesPath, _) = try load(images: DataFiles.gzip(raw), labels: DataFiles.labelFile([1]))
        expectError(result, .wrongDimensions(path: imagesPath, expected: "N×28×28 images", found: [1, 27, 28]))
    }

    @Test("fewer pixels than the header announces")
    func shortData() throws {
        let raw = DataFiles.imageFile(count: 3).raw.dropLast(784)
        let (result, imagesPath, _) = try load(images: DataFiles.gzip(Array(raw)), labels: DataFiles.labelFile([1, 2, 3]))
        expectError(result, .dataLengthMismatch(path: imagesPath, expectedBytes: 3 * 784, actualBytes: 2 * 784))
    }

    @Test("more pixels than the header announces")
    func extraData() throws {
        let raw = DataFiles.imageFile(count: 2).raw + [1, 2, 3]
        let (result, imagesPath, _) = try load(images: DataFiles.gzip(raw), labels: DataFiles.labelFile([1, 2]))
        expectError(result, .dataLengthMismatch(path: imagesPath, expectedBytes: 2 * 784, actualBytes: 2 * 784 + 3))
    }

    @Test("a gzip file cut in the middle of its compressed data")
    func truncatedGzip() throws {
        let gzipped = DataFiles.imageFile(count: 20).gzipped
        let (result, imagesPath, _) = try load(images: Array(gzipped.prefix(gzipped.count / 2)),
                                               labels: DataFiles.labelFile([UInt8](repeating: 1, count: 20)))
        guard case .failure(.dataLengthMismatch(let path, let expected, let actual)) = result else {
            Issue.record("expected short data, got \(result)")
            return
        }
        #expect(path == imagesPath)
        #expect(expected == 20 * 784)
        #expect(actual < expected)
    }

    @Test("a gzip file missing only its trailer")
    func missingTrailer() throws {
        let gzipped = DataFiles.labelFile([1, 2, 3])
        let (result, _, labelsPath) = try load(images: DataFiles.imageFile(count: 3).gzipped,
                                               labels: Array(gzipped.dropLast(8)))
        guard case .failure(.corruptGzip(let path, _)) = result else {
            Issue.record("expected a corrupt gzip error, got \(result)")
            return
        }
        #expect(path == labelsPath)
    }

    @Test("a gzip file whose checksum does not match its data")
    func badChecksum() throws {
        var gzipped = DataFiles.labelFile([1, 2, 3])
        gzipped[gzipped.count - 8] ^= 0xff  // first byte of the CRC-32 trailer
        let (result, _, labelsPath) = try load(images: DataFiles.imageFile(count: 3).gzipped, labels: gzipped)
        guard case .failure(.corruptGzip(let path, let reason)) = result else {
            Issue.record("expected a corrupt gzip error, got \(result)")
            return
        }
        #expect(path == labelsPath)
        #expect(reason.contains("check"))
    }

    @Test("image and label counts that disagree")
    func countMismatch() throws {
        let (result, imagesPath, labelsPath) = try load(images: DataFiles.imageFile(count: 3).gzipped,
                                                        labels: DataFiles.labelFile([1, 2]))
        expectError(result, .countMismatch(imagesPath: imagesPath, images: 3, labelsPath: labelsPath, labels: 2))
    }

    @Test("a label that is not a digit")
    func labelOutOfRange() throws {
        let (result, _, labelsPath) = try load(images: DataFiles.imageFile(count: 3).gzipped,
                                               labels: DataFiles.labelFile([1, 10, 2]))
        expectError(result, .labelOutOfRange(path: labelsPath, index: 1, label: 10, classCount: 10))
    }

    @Test("a header announcing more data than is ever accepted")
    func hugeHeader() throws {
        let raw = DataFiles.idxHeader(magic: IDX.imagesMagic, dimensions: [4_000_000_000, 28, 28])
        let (result, imagesPath, _) = try load(images: DataFiles.gzip(raw), labels: DataFiles.labelFile([1]))
        guard case .failure(.wrongDimensions(let path, _, let found)) = result else {
            Issue.record("expected a dimension error, got \(result)")
            return
        }
        #expect(path == imagesPath)
        #expect(found == [4_000_000_000, 28, 28])
    }

    @Test("concatenated gzip members read as one stream")
    func concatenatedMembers() throws {
        let raw = DataFiles.idxHeader(magic: IDX.labelsMagic, dimensions: [4]) + [3, 1, 4, 1]
        let twoMembers = DataFiles.gzip(Array(raw.prefix(6))) + DataFiles.gzip(Array(raw.dropFirst(6)))
        let folder = try DataFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try DataFiles.write(twoMembers, to: "labels.gz", in: folder)
        let labels = try IDX.readBytes(path: path, magic: IDX.labelsMagic)
        #expect(labels.dimensions == [4])
        #expect(labels.bytes == [3, 1, 4, 1])
    }

    @Test("the real MNIST files load with their documented first labels")
    func realMNIST() throws {
        let directory = try DataFiles.repositoryDatasets().mnistDirectory()
        let train = try MNIST.load(.train, from: directory)
        let test = try MNIST.load(.test, from: directory)
        #expect(train.count == 60_000)
        #expect(test.count == 10_000)
        #expect(train.labels.prefix(10) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(test.labels.prefix(10) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        #expect(train.classCounts.allSatisfy { $0 > 5_000 })
        #expect(train.consistencyError == nil)
        // Every image has ink and background.
        guard case .bytes(let pixels) = test.features else {
            Issue.record("MNIST pixels should stay bytes")
            return
        }
        let firstImage = pixels.prefix(784)
        #expect(firstImage.contains(0) && firstImage.contains { $0 > 200 })
    }
}
