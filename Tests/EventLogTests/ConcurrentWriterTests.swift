import EventLog
import Foundation
import Testing
import TestSupport

@Suite("Concurrent writers")
struct ConcurrentWriterTests {
    /// A batch as the probe writes it: each payload names its writer, batch and index.
    private func probeBatch(writer: String, number: Int, size: Int) -> [ProposedEvent] {
        (0..<size).map { index in
            sample("ProbeEvent", payload: #"{"writer":"\#(writer)","batch":\#(number),"index":\#(index)}"#)
        }
    }

    @Test func tenThreadsAppendWhileTwoReadersPollAndNeverSeeAGapOrHalfABatch() throws {
        let ledger = TestLedger()
        // A small map, so that writers also grow it while readers hold snapshots.
        let log = try ledger.open(initialMapSize: 1 << 16)
        let writerCount = 10, batchesPerWriter = 10, batchSize = 100
        let total = writerCount * batchesPerWriter * batchSize
        let problems = LockedBox<[String]>([])
        let writersDone = LockedBox(false)
        let readersSaw = LockedBox<[Int]>([])
        let writers = DispatchGroup()
        let readers = DispatchGroup()

        for reader in 0..<2 {
            readers.enter()
            Thread {
                defer { readers.leave() }
                var next: UInt64 = 1
                func poll() throws {
                    let head = try log.head()
                    let page = try log.events(from: next)
                    let expected = Array(next..<next + UInt64(page.count))
                    if page.map(\.position) != expected {
                        problems.update { $0.append("reader \(reader) read positions \(page.map(\.position).prefix(5))... from \(next)") }
                    }
                    if let last = page.last, try last.probePayload().index != batchSize - 1 {
                        problems.update { $0.append("reader \(reader) saw part of a batch ending at \(last.position)") }
                    }
                    next += UInt64(page.count)
                    if next - 1 < head.position {
                        problems.update { $0.append("reader \(reader) read up to \(next - 1) after the head was at \(head.position)") }
                    }
                }
                do {
                    while !writersDone.value {
                        try poll()
                        usleep(500)
                    }
                    try poll()
                } catch {
                    problems.update { $0.append("reader \(reader): \(error)") }
                }
                readersSaw.update { $0.append(Int(next - 1)) }
            }.start()
        }
        for writer in 0..<writerCount {
            writers.enter()
            Thread {
                defer { writers.leave() }
                let stream = "writer\(writer)"
                do {
                    for number in 0..<batchesPerWriter {
                        let expected: ExpectedVersion = number == 0 ? .noStream : .exactly(UInt64(number * batchSize))
                        try log.append(to: stream, expecting: expected, probeBatch(writer: stream, number: number, size: batchSize))
                    }
                } catch {
                    problems.update { $0.append("\(stream): \(error)") }
                }
            }.start()
        }
        writers.wait()
        writersDone.update { $0 = true }
        readers.wait()

        #expect(problems.value == [])
        #expect(readersSaw.value == [total, total])
        let events = try log.events()
        #expect(events.map(\.position) == Array(1...UInt64(total)))
        #expect(try expectEachBatchIsContiguous(events) == writerCount * batchesPerWriter)
        for writer in 0..<writerCount {
            #expect(try log.version(ofStream: "writer\(writer)") == UInt64(batchesPerWriter * batchSize))
        }
        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
        #expect(report.eventCount == UInt64(total))
    }

    @Test func severalProcessesAppendingAtOnceLoseNothingAndNeverInterleave() throws {
        let ledger = TestLedger()
        let go = ledger.directory.appending("go")
        let writers = (0..<4).map { "writer\($0)" }
        let batches = 25, size = 40
        // The probes open the ledger (creating it together) with a 1 MiB map that they must grow.
        let probes = try writers.map { try startProbe(["append", ledger.path, $0, String(batches), String(size), go]) }
        for probe in probes { #expect(probe.waitFor("ready")) }
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for probe in probes {
            #expect(probe.waitForExit() == 0)
            #expect(probe.printed.contains("done"))
        }

        let log = try ledger.open()
        let events = try log.events()
        let total = writers.count * batches * size
        #expect(events.map(\.position) == Array(1...UInt64(total)))
        #expect(try expectEachBatchIsContiguous(events) == writers.count * batches)
        for writer in writers {
            #expect(try log.version(ofStream: writer) == UInt64(batches * size))
            #expect(try log.events(inStream: writer).map { try $0.probePayload().writer } == Array(repeating: writer, count: batches * size))
        }
        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
        #expect(report.eventCount == UInt64(total))
    }

    @Test func twoProcessesRacingThousandEventBatchesWriteEachAsOneBlock() throws {
        let ledger = TestLedger()
        let go = ledger.directory.appending("go")
        let probes = try ["left", "right"].map { try startProbe(["append", ledger.path, $0, "3", "1000", go]) }
        for probe in probes { #expect(probe.waitFor("ready")) }
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for probe in probes { #expect(probe.waitForExit() == 0) }

        let log = try ledger.open()
        let events = try log.events()
        #expect(events.count == 6_000)
        #expect(try expectEachBatchIsContiguous(events) == 6)
        // Each block starts on a multiple of 1,000: no batch was split by the other's.
        let starts = Set(try events.filter { try $0.probePayload().index == 0 }.map(\.position))
        #expect(starts == [1, 1_001, 2_001, 3_001, 4_001, 5_001])
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test func pipelinedWritersInSeveralProcessesReencodeStaleBatchesAndNeverInterleave() throws {
        // appendBatches encodes each next batch for the state its own previous batch leaves;
        // with other processes committing in between, most encodings go stale and must be
        // redone inside their transactions.
        let ledger = TestLedger()
        let go = ledger.directory.appending("go")
        let writers = [("pipelined0", "append-pipelined"), ("pipelined1", "append-pipelined"), ("plain", "append")]
        let batches = 30, size = 50
        let probes = try writers.map { try startProbe([$0.1, ledger.path, $0.0, String(batches), String(size), go]) }
        for probe in probes { #expect(probe.waitFor("ready")) }
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for probe in probes {
            #expect(probe.waitForExit() == 0)
            #expect(probe.printed.contains("done"))
        }

        let log = try ledger.open()
        let events = try log.events()
        let total = writers.count * batches * size
        #expect(events.map(\.position) == Array(1...UInt64(total)))
        #expect(try expectEachBatchIsContiguous(events) == writers.count * batches)
        for (writer, _) in writers {
            let stream = try log.events(inStream: writer)
            #expect(stream.count == batches * size)
            // Each writer's batches landed in the order it gave them.
            let order = try stream.map { try $0.probePayload() }.map { $0.batch * size + $0.index }
            #expect(order == Array(0..<batches * size))
        }
        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
    }
}
