import EventLog
import Foundation
import PartnerDomain
import PartnerProjections
@testable import ProjectionStore
import Testing

@Suite("Binary encoding of checkpointed states")
struct BinaryStateTests {
    /// A ledger whose states hold facts of every fold: setup, commitments, meetings, money, transparency, retractions.
    static func busyLedger() throws -> ViewsLedger {
        let ledger = try ViewsLedger()
        try ledger.open("acme-iot")
        let later = try ledger.moreActivity("acme-iot")
        try ledger.append("acme-iot", [
            .eventRetracted(EventRetracted(targetEventId: later[1], reason: "wrong meeting")),
            .investmentMade(InvestmentMade(party: "a", amount: Decimal(string: "1500.50")!, currency: try CurrencyCode("EUR"), kind: .cash, upfront: false)),
        ])
        try ledger.open("globex")
        return ledger
    }

    @Test func aStateReadBackEqualsTheStateAndEncodesToTheSameBytes() throws {
        let ledger = try Self.busyLedger()
        for (_, projection) in try ledger.views.replay().partnerships {
            let bytes = try ProjectionViews.encodedState(projection)
            #expect(bytes.first == BinaryStateFormat.version)
            let decoded = try StateCoding.decode(bytes, consumer: "test")
            #expect(decoded == projection)
            #expect(try ProjectionViews.encodedState(decoded) == bytes)
        }
    }

    @Test func theBinaryStateIsSmallerThanItsJSON() throws {
        let ledger = try Self.busyLedger()
        let projection = try #require(try ledger.views.replay().partnerships["acme-iot"])
        let json = try JSONEncoder().encode(projection)
        #expect(try ProjectionViews.encodedState(projection).count < json.count)
    }

    @Test func checkpointsAreStoredUnderTheSecondStateFormat() throws {
        #expect(ProjectionViews.stateFormat == "state-v3")
        #expect(ProjectionViews.consumer(of: "acme") == "views/state-v3/partnership/acme")
        let ledger = try Self.busyLedger()
        try ledger.views.refresh()
        let stored = try #require(try ledger.log.checkpoint(of: ProjectionViews.consumer(of: "acme-iot")))
        #expect(stored.state.first == BinaryStateFormat.version)
        #expect(try ledger.views.storedState(of: "acme-iot")?.projection == ledger.views.replay().partnerships["acme-iot"])
    }

    @Test func damagedStatesAreRejectedAsDamagedCheckpoints() throws {
        let ledger = try Self.busyLedger()
        let projection = try #require(try ledger.views.replay().partnerships["acme-iot"])
        let bytes = try ProjectionViews.encodedState(projection)
        let damaged: [[UInt8]] = [
            [], Array(bytes.dropLast()), Array(bytes.prefix(bytes.count / 2)), [9] + bytes.dropFirst(), bytes + [0],
            Array(try JSONEncoder().encode(projection)),
        ]
        for bytes in damaged {
            #expect(throws: ViewsError.self) { try StateCoding.decode(bytes, consumer: "views/test") }
        }
    }

    struct Sample: Codable, Equatable {
        struct Empty: Codable, Equatable {}
        var text: String
        var optionalText: String?
        var missing: Int?
        var negative: Int
        var big: Int64
        var unsigned: UInt64
        var small: Int8
        var flag: Bool
        var ratio: Double
        var amount: Decimal
        var nested: [[String]]
        var empty: Empty
        var aKeyLongerThanThirtyOneBytesInUTF8Form: String
        var dictionary: [String: Int]
        var optionals: [Int?]
    }

    /// What `Wide` encodes to.
    struct Wide: Codable, Equatable {
        var first: [Int]
        var second: [String: [Int]]
        var third: String
        var fourth: Int?
    }

    /// Reads `Wide`'s bytes out of order, skipping members and elements: every value must still be found.
    struct Picky: Decodable, Equatable {
        var third: String
        var first: Int
        var fourth: Int?

        enum CodingKeys: String, CodingKey { case first, second, third, fourth }

        init(third: String, first: Int, fourth: Int?) {
            self.third = third
            self.first = first
            self.fourth = fourth
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            third = try container.decode(String.self, forKey: .third)
            var elements = try container.nestedUnkeyedContainer(forKey: .first)
            first = try elements.decode(Int.self)
            fourth = try container.decodeIfPresent(Int.self, forKey: .fourth)
            #expect(container.contains(.second))
        }
    }

    @Test func valuesReadOutOfOrderOrInPartAreFoundAndTheirEndsStillChecked() throws {
        let wide = Wide(first: [7, 8, 9], second: ["a": [1, 2], "b": []], third: "t", fourth: 4)
        let bytes = try BinaryStateEncoder.encode([wide, wide])
        #expect(try BinaryStateDecoder.decode([Picky].self, from: bytes) == [Picky(third: "t", first: 7, fourth: 4)].repeated(2))
        #expect(try BinaryStateDecoder.decode([Wide].self, from: bytes) == [wide, wide])
        #expect(throws: DecodingError.self) { try BinaryStateDecoder.decode([Picky].self, from: bytes + [0]) }
        #expect(throws: DecodingError.self) { try BinaryStateDecoder.decode([Picky].self, from: Array(bytes.dropLast(2))) }
    }

    @Test func anyCodableValueRoundTrips() throws {
        let sample = Sample(
            text: "héllo \u{1F600}", optionalText: "x", missing: nil, negative: -123_456, big: .min, unsigned: .max, small: -8,
            flag: true, ratio: -0.1, amount: Decimal(string: "12345678901234567.89")!, nested: [[], ["a", ""], ["b"]],
            empty: .init(), aKeyLongerThanThirtyOneBytesInUTF8Form: "long", dictionary: ["k": 1], optionals: [1, nil, 3])
        let bytes = try BinaryStateEncoder.encode(sample)
        #expect(try BinaryStateDecoder.decode(Sample.self, from: bytes) == sample)
        #expect(try BinaryStateEncoder.encode(BinaryStateDecoder.decode(Sample.self, from: bytes)) == bytes)
    }

    @Test func varintsAndZigzagRoundTrip() {
        for value: Int64 in [0, 1, -1, 63, -64, 64, 1_767_225_600_000, .max, .min] {
            #expect(BinaryStateFormat.unzigzag(BinaryStateFormat.zigzag(value)) == value)
        }
        var bytes: [UInt8] = []
        BinaryStateFormat.appendVarint(300, to: &bytes)
        #expect(bytes == [0xAC, 0x02])
    }
}

@Suite("Replay on several threads")
struct PartitionedReplayTests {
    @Test(arguments: [2, 3, 5])
    func aReplayOnSeveralThreadsEqualsAReplayOnOneByteForByte(workers: Int) throws {
        let ledger = try BinaryStateTests.busyLedger()
        for slug in ["initech", "umbrella", "hooli", "stark", "wayne"] {
            try ledger.open(slug)
            try ledger.moreActivity(slug)
        }
        let single = try ViewsLedger.Rebuilt(ledger.views.replay(workers: 1))
        let several = try PartitionedReplay(workers: workers, limit: .max).run(ledger.log, batchSize: 3)
        #expect(several.partnerships.count == 7)
        #expect(try ViewsLedger.Rebuilt(several).bytes == single.bytes)
        #expect(several.positions == single.positions)
        #expect(several.position == 41)
        let partial = try PartitionedReplay(workers: workers, limit: 10).run(ledger.log, batchSize: 4)
        #expect(partial.position == 10)
        #expect(try ViewsLedger.Rebuilt(partial).bytes == ViewsLedger.Rebuilt(ledger.views.replay(through: 10, workers: 1)).bytes)
    }

    /// Batches of one or a few events keep the workers and the reader interleaving constantly.
    @Test(arguments: [1, 2, 7])
    func tinyBatchesGiveTheSameStates(batchSize: Int) throws {
        let ledger = try BinaryStateTests.busyLedger()
        try ledger.open("initech")
        try ledger.moreActivity("initech")
        let single = try ViewsLedger.Rebuilt(ledger.views.replay(workers: 1))
        for workers in [2, 4] {
            let several = try PartitionedReplay(workers: workers, limit: .max).run(ledger.log, batchSize: batchSize)
            #expect(try ViewsLedger.Rebuilt(several).bytes == single.bytes, "\(workers) workers, batches of \(batchSize)")
            #expect(several.positions == single.positions)
        }
    }

    /// What the worker threads did, recorded under a lock.
    private final class FoldRecord: @unchecked Sendable {
        let lock = NSLock()
        var folded: [[Int]]
        var running: [Bool]
        var overlaps = 0

        init(shares: Int) {
            folded = Array(repeating: [], count: shares)
            running = Array(repeating: false, count: shares)
        }
    }

    /// Whatever thread runs it, each share folds its batches one at a time and in the order added.
    @Test func theSchedulerKeepsEachSharesBatchesInOrderAndOneAtATime() {
        let shares = 5
        let scheduler = ShareScheduler<Int>(shares: shares)
        let record = FoldRecord(shares: shares)
        let threads = DispatchGroup()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: threads) {
                scheduler.work { share, batch in
                    record.lock.withLock {
                        if record.running[share] { record.overlaps += 1 }
                        record.running[share] = true
                    }
                    usleep(UInt32.random(in: 0...300))
                    record.lock.withLock {
                        record.running[share] = false
                        record.folded[share].append(batch)
                    }
                }
            }
        }
        // Batch n is folded by the shares s with n divisible by s + 1; at most 3 are in flight.
        var handedBack: [Int] = []
        for number in 1...60 {
            handedBack += scheduler.add(number, for: (0..<shares).filter { number % ($0 + 1) == 0 }, limit: 3)
        }
        handedBack += scheduler.finish()
        scheduler.close()
        threads.wait()
        #expect(record.overlaps == 0)
        #expect(handedBack == Array(1...60))
        for share in 0..<shares {
            #expect(record.folded[share] == (1...60).filter { $0 % (share + 1) == 0 }, "share \(share)")
        }
    }

    @Test func theErrorOfTheLowestUndecodableEventIsReported() throws {
        let ledger = try ViewsLedger()
        try ledger.open("acme-iot")
        try ledger.open("globex")
        for slug in ["globex", "acme-iot"] {
            _ = try ledger.log.append(to: slug, [ProposedEvent(
                type: "ActionItemClosed", typeVersion: 1, occurredAt: 1_767_225_600_000, payload: Array(#"{"closedBy":"a"}"#.utf8), source: "api")])
        }
        for workers in [1, 2, 3] {
            let error = #expect(throws: ViewsError.self) { try ledger.views.replay(workers: workers) }
            guard case .undecodableEvent(let position, let type, _, _) = error else {
                Issue.record("\(String(describing: error))")
                continue
            }
            #expect(position == 7)
            #expect(type == "ActionItemClosed")
        }
    }
}

@Suite("Interned names of a replay")
struct InternedNamesTests {
    @Test func equalBytesGiveTheSameNameAndIdAndIdsAreDenseInOrderFirstSeen() {
        var names = InternedNames()
        let words = (0..<300).map { "partnership-\($0)" } + ["é", "", "partnership-1"]
        var ids: [String: Int] = [:]
        for word in words + words.reversed() {
            let interned = Array(word.utf8).withUnsafeBytes { names.intern($0) }
            #expect(interned.name == word)
            if let known = ids[word] {
                #expect(interned.id == known)
            } else {
                #expect(interned.id == ids.count)
                ids[word] = interned.id
            }
        }
        #expect(names.names.count == 302)
        #expect(names.names[0] == "partnership-0")
        #expect(names.names[301] == "")
    }
}

extension Array {
    /// The elements repeated `count` times.
    func repeated(_ count: Int) -> [Element] {
        (0..<count).flatMap { _ in self }
    }
}
