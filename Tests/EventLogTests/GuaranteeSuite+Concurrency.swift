import EventLog
import Foundation
import Testing

/// A batch whose payloads name its writer, batch and index, as `expectEachBatchIsContiguous` reads them.
func probeBatch(writer: String, number: Int, size: Int) -> [ProposedEvent] {
    (0..<size).map { index in
        sample("ProbeEvent", payload: #"{"writer":"\#(writer)","batch":\#(number),"index":\#(index)}"#)
    }
}

/// Runs `body` on `count` threads that start together, and waits for all of them.
private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let ready = DispatchGroup()
    let done = DispatchGroup()
    let go = DispatchSemaphore(value: 0)
    for index in 0..<count {
        ready.enter()
        done.enter()
        Thread {
            ready.leave()
            go.wait()
            body(index)
            done.leave()
        }.start()
    }
    ready.wait()
    for _ in 0..<count { go.signal() }
    done.wait()
}

extension GuaranteeSuite {
    /// One process, one shared store, several threads (a second instance of the same store in one
    /// process is not part of the contract: ``EventLog`` refuses it). Writers in several processes
    /// are an LMDB test with child processes: `ConcurrentWriterTests`.
    @Suite("Concurrent writers and readers")
    struct Concurrency {
        @Test(arguments: StoreBackend.all)
        func tenWritersAppendWhileTwoReadersPollAndNeverSeeAGapOrHalfABatch(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let writerCount = 10, batchesPerWriter = 10, batchSize = 100
            let total = writerCount * batchesPerWriter * batchSize
            let problems = LockedBox<[String]>([])
            let writersDone = LockedBox(false)
            let readersSaw = LockedBox<[Int]>([])
            let readers = DispatchGroup()

            for reader in 0..<2 {
                readers.enter()
                Thread {
                    defer { readers.leave() }
                    var next: UInt64 = 1
                    func poll() throws {
                        let head = try store.head()
                        let page = try store.events(from: next)
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
            onThreads(writerCount) { writer in
                let stream = "writer\(writer)"
                do {
                    for number in 0..<batchesPerWriter {
                        let expected: ExpectedVersion = number == 0 ? .noStream : .exactly(UInt64(number * batchSize))
                        try store.append(to: stream, expecting: expected, probeBatch(writer: stream, number: number, size: batchSize))
                    }
                } catch {
                    problems.update { $0.append("\(stream): \(error)") }
                }
            }
            writersDone.update { $0 = true }
            readers.wait()

            #expect(problems.value == [])
            #expect(readersSaw.value == [total, total])
            let events = try store.events()
            #expect(events.map(\.position) == Array(1...UInt64(total)))
            #expect(try expectEachBatchIsContiguous(events) == writerCount * batchesPerWriter)
            for writer in 0..<writerCount {
                #expect(try store.version(ofStream: "writer\(writer)") == UInt64(batchesPerWriter * batchSize))
            }
            let report = try store.verify(deep: true)
            #expect(report.isIntact, "\(report)")
            #expect(report.eventCount == UInt64(total))
        }

        @Test(arguments: StoreBackend.all)
        func twoWritersRacingThousandEventBatchesWriteEachAsOneBlock(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let problems = LockedBox<[String]>([])
            let writers = ["left", "right"]
            onThreads(writers.count) { index in
                let writer = writers[index]
                for number in 0..<3 {
                    do {
                        try store.append(to: writer, probeBatch(writer: writer, number: number, size: 1_000))
                    } catch {
                        problems.update { $0.append("\(writer): \(error)") }
                    }
                }
            }
            #expect(problems.value == [])
            let events = try store.events()
            #expect(events.count == 6_000)
            #expect(try expectEachBatchIsContiguous(events) == 6)
            // Each block starts on a multiple of 1,000: no batch was split by the other's.
            let starts = Set(try events.filter { try $0.probePayload().index == 0 }.map(\.position))
            #expect(starts == [1, 1_001, 2_001, 3_001, 4_001, 5_001])
            #expect(try store.verify(deep: true).isIntact)
        }

        @Test(arguments: StoreBackend.all)
        func aConsumerCatchingUpWhileWritersAppendNeverCheckpointsPastWhatItApplied(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let writing = LockedBox(true)
            let problems = LockedBox<[String]>([])
            let applied = LockedBox<[UInt64]>([])
            /// One catch-up step: reads a page after the checkpoint, folds it (the state is the
            /// count of events applied) and saves state and position together.
            /// Returns whether there was anything to apply.
            @Sendable func step() throws -> Bool {
                let stored = try store.checkpoint(of: "counter")
                let from = (stored?.position ?? 0) + 1
                let page = try store.events(from: from, limit: 7)
                guard let last = page.last else { return false }
                if page.map(\.position) != Array(from...last.position) {
                    problems.update { $0.append("a page from \(from) skipped positions: \(page.map(\.position))") }
                }
                let count = (stored.flatMap { Int(String(decoding: $0.state, as: UTF8.self)) } ?? 0) + page.count
                if try store.saveCheckpoint(consumer: "counter", previous: stored?.position ?? 0, position: last.position, state: Array(String(count).utf8)) {
                    applied.update { $0 += page.map(\.position) }
                } else {
                    problems.update { $0.append("the only consumer lost a checkpoint race at \(from)") }
                }
                return true
            }
            onThreads(3) { index in
                do {
                    if index < 2 {
                        for _ in 0..<20 { try store.append(to: "w\(index)", samples(10)) }
                        if index == 0 { writing.update { $0 = false } }
                    } else {
                        while writing.value {
                            if try !step() { usleep(200) }
                        }
                    }
                } catch {
                    problems.update { $0.append("thread \(index): \(error)") }
                }
            }
            while try step() {}
            #expect(problems.value == [])
            #expect(applied.value == Array(1...400))
            let checkpoint = try #require(try store.checkpoint(of: "counter"))
            #expect(checkpoint.position == 400)
            #expect(String(decoding: checkpoint.state, as: UTF8.self) == "400")
        }
    }

    @Suite("Backup")
    struct Backup {
        @Test(arguments: StoreBackend.all)
        func aBackupTakenDuringAppendsHoldsTheLogAsOfOneCommit(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let seed = try store.append(to: "seed", samples(20)).head
            let (report, heads, problems) = try whileAppending(to: store, seed: seed) {
                try store.backup(to: fixture.directory.appending("backup"))
            }

            #expect(problems == [])
            #expect(report.isIntact, "\(report)")
            #expect(report.eventCount >= 20 + 5 * 50)
            // The copy ends on a commit: whole batches, and a head the live store passed through.
            #expect((report.eventCount - 20) % 50 == 0)
            let passed = heads.first { $0.position == report.eventCount }
            #expect(passed?.digest == report.headDigest)
            #expect(try store.event(at: report.eventCount)?.digest == report.headDigest)
        }

        @Test(arguments: StoreBackend.all)
        func aBackupGoesOnlyIntoAMissingOrEmptyDirectory(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(3))
            let occupied = fixture.directory.appending("occupied")
            try FileManager.default.createDirectory(atPath: occupied, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: occupied + "/notes.txt", contents: Data("keep".utf8)))
            #expect(throws: EventLogError.destinationNotEmpty(path: occupied)) {
                try store.backup(to: occupied)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: occupied) == ["notes.txt"])
            #expect(try String(contentsOfFile: occupied + "/notes.txt", encoding: .utf8) == "keep")

            let report = try store.backup(to: fixture.directory.appending("new/copy"))
            #expect(report.isIntact)
            #expect(report.eventCount == 3)
            #expect(report.headDigest == (try store.head().digest))
        }
    }
}
