import Foundation
import MiniNN
import Testing
@testable import Lessons

/// The probe behind the network picture: every neuron's map and the weights between layers.
@Suite("Network picture probe")
struct NetworkPictureTests {
    static let extent = PlaneExtent(minX: -1, maxX: 1, minY: -1, maxY: 1)

    @Test("a 2-3-2 net gives maps for x, y, three hidden neurons and one output, with its weights")
    func smallNet() throws {
        let hidden = Dense(weight: Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, -1]), bias: Tensor(shape: [3]))
        let output = Dense(weight: Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 6, 8]), bias: Tensor(shape: [2]))
        let model = try Sequential(inputShape: [2], layers: [hidden, Activation(.tanh), output])
        let picture = try #require(ModelProbes.networkPicture(model, normalization: .identity, extent: Self.extent, side: 4))
        #expect(picture.layers.map(\.count) == [2, 3, 1])
        #expect(picture.layers.allSatisfy { $0.allSatisfy { $0.values.count == 16 } })
        // The input maps are x (rising to the right) and y (rising upwards); the top-left sample is (-0.75, 0.75).
        #expect(picture.layers[0][0].values[0] == -0.75 && picture.layers[0][1].values[0] == 0.75)
        // Hidden neuron 2 is tanh(x - y): at the top left, tanh(-1.5).
        #expect(abs(picture.layers[1][2].values[0] - tanhf(-1.5)) < 1e-5)
        #expect(picture.weights[0] == [1, 0, 0, 1, 1, -1])
        // Two outputs become one neuron (class 1's share) joined by the difference of the weight rows.
        #expect(picture.weights[1] == [3, 4, 5])
        #expect(picture.layers[2][0].values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test("a net wider than the limit, or not on 2 inputs, is left to the layer list")
    func bigNets() throws {
        let wide = try Sequential(inputShape: [2], layers: [Dense(inputs: 2, outputs: 40, seed: 1), Dense(inputs: 40, outputs: 2, seed: 2)])
        #expect(ModelProbes.networkPicture(wide, normalization: .identity, extent: Self.extent, side: 4) == nil)
        let mnist = try Sequential(inputShape: [4], layers: [Dense(inputs: 4, outputs: 3, seed: 1)])
        #expect(ModelProbes.networkPicture(mnist, normalization: .identity, extent: Self.extent, side: 4) == nil)
    }
}
