import MiniNN
import Testing
@testable import NetPlayground

@Suite("Loss curve")
struct LossCurveTests {
    static func report(epoch: Int = 0, batch: Int, of batches: Int = 4, loss: Float, accuracy: Float = 0.5) -> BatchReport {
        BatchReport(epoch: epoch, batch: batch, batchesPerEpoch: batches, batchSize: 8, loss: loss,
                    accuracy: accuracy, learningRate: 0.1, itemsSeen: 8 * (epoch * batches + batch + 1))
    }

    @Test("the first batch is taken as it is, then each moves the average a tenth of the way")
    func smoothing() {
        var curve = LossCurve()
        curve.add(Self.report(batch: 0, loss: 2, accuracy: 0))
        curve.add(Self.report(batch: 1, loss: 1, accuracy: 1))
        curve.add(Self.report(batch: 2, loss: 1, accuracy: 1))
        func close(_ a: [Float], _ b: [Float]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 } }
        #expect(close(curve.points.map(\.loss), [2, 1.9, 1.81]))
        #expect(close(curve.points.map(\.accuracy), [0, 0.1, 0.19]))
        #expect(curve.smoothedLoss == curve.points.last?.loss)
    }

    @Test("points sit at each batch's end, in epochs")
    func positions() {
        var curve = LossCurve()
        for (epoch, batch) in [(0, 0), (0, 3), (1, 1)] { curve.add(Self.report(epoch: epoch, batch: batch, loss: 1)) }
        #expect(curve.points.map(\.epoch) == [0.25, 1, 1.5])
    }

    @Test("a loss decaying to zero becomes zero instead of a subnormal")
    func noSubnormals() {
        var curve = LossCurve()
        curve.add(Self.report(batch: 0, loss: 1e-12))
        curve.add(Self.report(batch: 1, loss: 0))
        // 0.9e-12 would be the average; the curve holds 0 instead, as later averages would underflow.
        #expect(curve.points.map(\.loss) == [1e-12, 0])
    }

    @Test("a long run is thinned to the capacity, keeping the newest point; removeAll starts over")
    func bounded() {
        var curve = LossCurve(capacity: 10)
        for batch in 0..<1_000 { curve.add(Self.report(batch: batch, of: 1_000, loss: Float(batch))) }
        #expect(curve.points.count <= 10)
        #expect(curve.points.last?.epoch == 1)
        curve.removeAll()
        #expect(curve.points.isEmpty)
        #expect(curve.smoothedLoss == nil)
        curve.add(Self.report(batch: 0, loss: 5))
        #expect(curve.points.map(\.loss) == [5])
    }
}

@Suite("Rate meter")
struct RateMeterTests {
    @Test("frames: the first event opens the window; the rate is the last closed window's")
    func frames() {
        var meter = RateMeter(window: 1)
        for frame in 0...10 { meter.record(Double(frame) * 0.1) }  // 10 intervals in 1 s
        #expect(meter.rate(at: 1) == 10)
        for frame in 11...15 { meter.record(Double(frame) * 0.1) }
        #expect(meter.rate(at: 1.5) == 10, "steady until the next window closes")
        #expect(meter.rate(at: 3.1) == nil, "nothing drawn for two windows: no figure")
    }

    @Test("items: steps that also evaluated are left out, unless every step did")
    func setAside() {
        var meter = RateMeter(window: 0.5, start: 0)
        meter.add(100, at: 0.1)
        meter.setAside(100, seconds: 0.3, at: 0.4)
        meter.add(100, at: 0.5)
        // 200 items in 0.5 s less the evaluating step's 0.3 s.
        #expect(abs((meter.rate(at: 0.5) ?? 0) - 1_000) < 1e-6)
        meter.setAside(10, seconds: 0.2, at: 0.7)
        meter.setAside(10, seconds: 0.3, at: 1.0)
        #expect(abs((meter.rate(at: 1.0) ?? 0) - 40) < 1e-9, "only epoch ends: 20 items over the whole half second")
    }

    @Test("rateSoFar reads a window that never closes, reopened by restart")
    func soFar() {
        var meter = RateMeter(window: .infinity)
        #expect(meter.rateSoFar(at: 1) == nil)
        meter.restart(at: 10)
        meter.add(50, at: 10)
        #expect(meter.rateSoFar(at: 10) == nil, "no time has passed")
        meter.add(50, at: 11)
        #expect(meter.rateSoFar(at: 12) == 50)
        #expect(meter.rate(at: 12) == nil)
    }
}
