import Foundation
import Lessons
import MiniNN
import Testing

@Suite("A table drawn in the plane of its first two principal components")
struct PlaneProjectionTests {
    /// Three features, the third a copy of the first: the plane holds all the variance.
    static func table() -> Dataset {
        var generator = SeededGenerator(seed: 3)
        var values: [Float] = []
        var labels: [UInt8] = []
        for row in 0..<60 {
            let a = Float.random(in: 0...10, using: &generator), b = Float.random(in: -50...50, using: &generator)
            values += [a, b, a]
            labels.append(UInt8(row % 2))
        }
        var data = Dataset(name: "t", itemShape: [3], classNames: ["no", "yes"], features: .float(values), labels: labels)
        data.normalization = data.standardization()
        return data
    }

    @Test("a point of the plane decodes to features that project back onto it")
    func decodeThenProject() throws {
        let projection = try #require(PlaneProjection(fitting: Self.table()))
        #expect(!projection.isIdentity && projection.featureCount == 3)
        #expect(abs(projection.explainedVariance - 1) < 1e-4)
        for (x, y) in [(0, 0), (1.5, -0.5), (-2, 2)] as [(Float, Float)] {
            let features = projection.features(x: x, y: y)
            #expect(features.count == 3)
            #expect(abs(features[0] - features[2]) < 1e-3)  // the copy stays a copy
            let back = projection.point(features[...])
            #expect(abs(back.x - x) < 1e-3 && abs(back.y - y) < 1e-3, "(\(x), \(y)) came back as \(back)")
        }
        // The plane's origin is the mean row.
        let origin = projection.features(x: 0, y: 0)
        #expect(abs(origin[0] - projection.normalization.mean[0]) < 1e-3)
    }

    @Test("two features are their own plane, standardized (columns in different units still fill a square)")
    func identity() throws {
        var data = Dataset(name: "p", itemShape: [2], classNames: ["a", "b"], features: .float([100, 2, 300, 4]),
                           labels: [0, 1])
        data.normalization = Normalization(mean: [200, 3], std: [100, 1])
        let projection = try #require(PlaneProjection(fitting: data))
        #expect(projection.isIdentity)
        #expect(projection.points(data).map(\.x) == [-1, 1])
        #expect(projection.points(data).map(\.y) == [-1, 1])
        #expect(projection.features(x: 0.5, y: -2) == [250, 1])
    }

    @Test("the decision map over the plane is the model's answer at each decoded point")
    func decisionMapDecodes() throws {
        let data = Self.table()
        let projection = try #require(PlaneProjection(fitting: data))
        let spec = ModelSpec.classifier(inputs: 3, hidden: [4], classes: 2, activation: .tanh)
        let model = try ModelBuilder.build(spec, seed: 5)
        let extent = PlaneExtent(minX: -3, maxX: 3, minY: -2, maxY: 2)
        let map = ModelProbes.decisionMap(model, normalization: data.normalization, extent: extent, columns: 4, rows: 3,
                                          projection: projection)
        for (column, row) in [(0, 0), (3, 2), (1, 2)] {
            let p = extent.point(column: column, row: row, columns: 4, rows: 3)
            let one = Dataset(name: "one", itemShape: [3], classNames: ["no", "yes"],
                              features: .float(projection.features(x: p.x, y: p.y)), labels: [0],
                              normalization: data.normalization)
            let output = model.forward(one.allItems().inputs, training: false).scalars
            let share = 1 / (1 + expf(-(output[1] - output[0])))
            #expect(abs(map.values[row * 4 + column] - share) < 1e-5)
        }
    }
}
