import Testing
@testable import MiniNN

/// The SIMD helpers under the convolution, checked against plain loops on
/// lengths that exercise both the 8-wide body and the scalar tail.
@Suite("Convolution kernels")
struct ConvKernelsTests {
    static let lengths = [1, 7, 8, 9, 16, 23, 100]

    @Test("sum, add, copy and fill agree with plain loops", arguments: lengths)
    func elementwise(_ count: Int) {
        let x = GradientCheck.randomTensor(shape: [count], seed: UInt64(count) + 1).scalars
        let y = GradientCheck.randomTensor(shape: [count], seed: UInt64(count) + 2).scalars
        x.withUnsafeBufferPointer { xp in
            guard let xp = xp.baseAddress else { return }
            let expectedSum = x.reduce(0, +)
            #expect(abs(VectorKernels.sum(xp, count: count) - expectedSum) <= 1e-4 * (1 + abs(expectedSum)))
            var added = y, copied = y, filled = y
            added.withUnsafeMutableBufferPointer { VectorKernels.add(xp, into: $0.baseAddress!, count: count) }
            copied.withUnsafeMutableBufferPointer { VectorKernels.copy(xp, to: $0.baseAddress!, count: count) }
            filled.withUnsafeMutableBufferPointer { VectorKernels.fill($0.baseAddress!, with: 2.5, count: count) }
            #expect(added == zip(x, y).map { $0 + $1 })
            #expect(copied == x)
            #expect(filled == [Float](repeating: 2.5, count: count))
        }
    }

    @Test("ReLU forward and backward agree with plain loops", arguments: lengths)
    func relu(_ count: Int) {
        let x = GradientCheck.randomTensor(shape: [count], seed: UInt64(count) + 3).scalars
        let dy = GradientCheck.randomTensor(shape: [count], seed: UInt64(count) + 4).scalars
        var y = [Float](repeating: -1, count: count), dx = [Float](repeating: -1, count: count)
        x.withUnsafeBufferPointer { xp in
            dy.withUnsafeBufferPointer { dyp in
                guard let xp = xp.baseAddress, let dyp = dyp.baseAddress else { return }
                y.withUnsafeMutableBufferPointer { VectorKernels.relu(xp, into: $0.baseAddress!, count: count) }
                y.withUnsafeBufferPointer { yp in
                    dx.withUnsafeMutableBufferPointer {
                        VectorKernels.reluBackward(output: yp.baseAddress!, gradient: dyp, into: $0.baseAddress!, count: count)
                    }
                }
            }
        }
        #expect(y == x.map { max(0, $0) })
        #expect(dx == zip(x, dy).map { $0 > 0 ? $1 : 0 })
    }

    @Test("a batch is split into contiguous, disjoint slices that cover it", arguments: [1, 2, 3, 64, 1000])
    func batchSlices(_ count: Int) {
        var seen = [Int](repeating: 0, count: count)
        seen.withUnsafeMutableBufferPointer { seen in
            let slices = BatchParallel.forEachSlice(of: count, minimumItemsPerWorker: 1) { worker, items in
                #expect(worker < BatchParallel.workerCount)
                for i in items { seen[i] += 1 }
            }
            #expect(slices >= 1 && slices <= BatchParallel.workerCount)
        }
        #expect(seen.allSatisfy { $0 == 1 })
    }

    @Test("chunks are numbered in item order and cover the batch once", arguments: [1, 4, 5, 64, 1001])
    func batchChunks(_ count: Int) {
        var seen = [Int](repeating: 0, count: count)
        var chunkOfItem = [Int](repeating: -1, count: count)
        seen.withUnsafeMutableBufferPointer { seen in
            chunkOfItem.withUnsafeMutableBufferPointer { chunkOfItem in
                let chunks = BatchParallel.forEachChunk(of: count, chunkSize: 4) { worker, chunk, items in
                    #expect(worker < BatchParallel.workerCount)
                    for i in items {
                        seen[i] += 1
                        chunkOfItem[i] = chunk
                    }
                }
                #expect(chunks == (count + 3) / 4)
            }
        }
        #expect(seen.allSatisfy { $0 == 1 })
        #expect(chunkOfItem == (0..<count).map { $0 / 4 })
    }
}
