import Foundation

/// The MNIST handwritten digits: 28×28 grey images (0 background, 255 ink)
/// with labels 0–9, read from the four original gzipped IDX files.
public enum MNIST {
    /// Side of an image in pixels.
    public static let imageSide = 28
    /// Digits 0–9.
    public static let classCount = 10
    /// Class names, index = label.
    public static let classNames = (0..<classCount).map(String.init)

    /// One of the two official splits.
    public enum Split: String, Sendable, CaseIterable {
        /// 60,000 images for training (and validation, if held out).
        case train
        /// 10,000 images kept apart for the final test.
        case test

        /// File name of the gzipped images.
        public var imagesFile: String {
            self == .train ? "train-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte.gz"
        }
        /// File name of the gzipped labels.
        public var labelsFile: String {
            self == .train ? "train-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte.gz"
        }
    }

    /// The four file names, as they sit in the `mnist` folder.
    public static let fileNames = Split.allCases.flatMap { [$0.imagesFile, $0.labelsFile] }

    /// Loads one split from the folder that holds the four `.gz` files
    /// (e.g. `datasets/mnist`). Pixels stay bytes; items are 1×28×28.
    public static func load(_ split: Split, from directory: String) throws(DatasetError) -> Dataset {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        return try load(
            imagesPath: folder.appendingPathComponent(split.imagesFile).path,
            labelsPath: folder.appendingPathComponent(split.labelsFile).path,
            name: "MNIST \(split.rawValue)")
    }

    /// Most memory one split may take, images and labels together: five times
    /// MNIST's training set. The test split takes as much again at most, so a
    /// header that lies (a small gzip of zeros announcing a gigabyte) cannot
    /// make a recipe take more than twice this.
    public static let maximumSplitBytes = 256 << 20

    /// Loads a pair of MNIST image and label files, checking magic numbers,
    /// that images are 28×28, data lengths, labels below 10 and that both
    /// files hold the same number of examples. Both headers are checked, and
    /// the memory they announce, before either file is inflated.
    public static func load(imagesPath: String, labelsPath: String, name: String) throws(DatasetError) -> Dataset {
        try load(images: { () throws(DatasetError) in try IDX.open(path: imagesPath, magic: IDX.imagesMagic) },
                 labels: { () throws(DatasetError) in try IDX.open(path: labelsPath, magic: IDX.labelsMagic) },
                 name: name)
    }

    /// ``load(imagesPath:labelsPath:name:)`` from files opened by the callers
    /// (the fuzzer opens bytes in memory); labels are opened after the images' header is checked.
    static func load(images openImages: () throws(DatasetError) -> IDX.OpenFile,
                     labels openLabels: () throws(DatasetError) -> IDX.OpenFile,
                     name: String) throws(DatasetError) -> Dataset {
        let imagesFile = try openImages()
        let imagesPath = imagesFile.path
        guard imagesFile.dimensions.count == 3,
              imagesFile.dimensions[1] == imageSide, imagesFile.dimensions[2] == imageSide else {
            throw .wrongDimensions(path: imagesPath, expected: "N×\(imageSide)×\(imageSide) images",
                                   found: imagesFile.dimensions)
        }
        let labelsFile = try openLabels()
        let labelsPath = labelsFile.path
        let imageCount = imagesFile.dimensions[0]
        let labelCount = labelsFile.dimensions.first ?? 0
        guard imageCount == labelCount else {
            throw .countMismatch(imagesPath: imagesPath, images: imageCount, labelsPath: labelsPath, labels: labelCount)
        }
        let announced = imagesFile.dataSize + labelsFile.dataSize
        guard announced <= maximumSplitBytes else {
            throw .tooLarge(path: imagesPath, bytes: announced, limit: maximumSplitBytes)
        }
        let images = try imagesFile.readData()
        let labels = try labelsFile.readData()
        guard imageCount > 0 else { throw .empty(path: imagesPath) }
        if let bad = labels.bytes.firstIndex(where: { Int($0) >= classCount }) {
            throw .labelOutOfRange(path: labelsPath, index: bad, label: Int(labels.bytes[bad]), classCount: classCount)
        }
        return Dataset(name: name, itemShape: [1, imageSide, imageSide], classNames: classNames,
                       features: .bytes(images.bytes), labels: labels.bytes)
    }
}
