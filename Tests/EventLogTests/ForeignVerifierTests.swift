import EventLog
import Foundation
import LMDB
import Testing

/// `tools/verify_ledger.py` recomputes the chain from the documented format alone, in Python
/// with py-lmdb. CI installs python3 and the lmdb module; their absence is a failure, not a skip.
@Suite("Verification from another language")
struct ForeignVerifierTests {
    private func python() throws -> String {
        let python = try #require(executableOnPath("python3"), "python3 is not on PATH; install it (CI does) to run the foreign verifier")
        let probe = try runProgram(python, ["-c", "import lmdb"])
        try #require(probe.status == 0, "python3 has no lmdb module; install it with `pip install lmdb` (CI does): \(probe.errors)")
        return python
    }

    private func runVerifier(_ arguments: [String]) throws -> ProgramResult {
        let script = repositoryFile("tools/verify_ledger.py")
        try #require(FileManager.default.fileExists(atPath: script), "no verifier at \(script)")
        return try runProgram(try python(), [script] + arguments)
    }

    /// A closed ledger of 12 events in three streams; returns the events as the log reads them.
    private func writeLedger(_ ledger: TestLedger) throws -> (events: [RecordedEvent], head: Head) {
        let log = try ledger.open()
        try log.append(to: "acme-iot", samples(5, type: "MeetingHeld"))
        ledger.clock.advance(byMilliseconds: 1_500)
        try log.append(to: "caf\u{e9} \"quoted\"", [sample("NoteAdded", occurredAt: 1_600_000_000_123, payload: #"{"text":"\u00e9\n"}"#)])
        try log.append([
            StreamAppend(stream: "acme-iot", expected: .exactly(5), events: samples(3, type: "CallLogged")),
            StreamAppend(stream: "zeta", events: samples(3)),
        ])
        return (try log.events(), try log.head())
    }

    @Test func thePythonVerifierAgreesWithTheHeadDigest() throws {
        let ledger = TestLedger()
        let (events, head) = try writeLedger(ledger)
        let result = try runVerifier([ledger.path])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.lines == ["ok 12 events, head \(head.digestHex)"])

        let published = try runVerifier([ledger.path, "--expect-head", head.digestHex])
        #expect(published.status == 0)
        let wrong = try runVerifier([ledger.path, "--expect-head", String(repeating: "0", count: 64)])
        #expect(wrong.status == 1)
        #expect(wrong.lines.last?.hasPrefix("broken at position 12: ") == true)

        let listing = try runVerifier([ledger.path, "--list"])
        #expect(listing.status == 0)
        let expected = events.map { "\($0.position)\t\($0.stream)\t\($0.type)\t\(LogTime.format($0.occurredAt))" }
        #expect(listing.lines == expected + ["ok 12 events, head \(head.digestHex)"])
    }

    @Test func anEmptyLedgerVerifiesWithTheZeroDigest() throws {
        let ledger = TestLedger()
        do { _ = try ledger.open() }
        let result = try runVerifier([ledger.path])
        #expect(result.status == 0)
        #expect(result.lines == ["ok 0 events, head \(String(repeating: "0", count: 64))"])
    }

    /// Changes the stored value at `position` through raw LMDB, as someone with file access could.
    private func tamper(_ path: String, position: UInt64, _ edit: (inout [UInt8]) -> Void) throws {
        let environment = try Environment(path: path)
        let events = try environment.openDatabases([("events", [])])[0]
        try environment.write { txn throws in
            let key = withUnsafeBytes(of: position.bigEndian) { Array($0) }
            var value = try #require(try txn.get(events, key: key)).map { $0 }
            edit(&value)
            try txn.put(events, key: key, value: value)
        }
    }

    @Test func aChangedPayloadByteIsReportedWhereTheSwiftVerifierReportsIt() throws {
        let ledger = TestLedger()
        _ = try writeLedger(ledger)
        try tamper(ledger.path, position: 4) { value in
            // samples() numbers payloads {"n":0} ... ; event 4 holds "n":3.
            let index = value.lastIndex(of: UInt8(ascii: "3"))!
            value[index] = UInt8(ascii: "7")
        }
        let swiftReport = try ledger.open().verify()
        #expect(swiftReport.firstBrokenPosition == 5)

        let result = try runVerifier([ledger.path])
        #expect(result.status == 1)
        #expect(result.lines == ["broken at position 5: the stored link does not match the digest of position 4"])
    }

    @Test func aChangedLinkByteIsReportedAtItsOwnPosition() throws {
        let ledger = TestLedger()
        _ = try writeLedger(ledger)
        try tamper(ledger.path, position: 9) { value in value[0] ^= 0x01 }
        #expect(try ledger.open().verify().firstBrokenPosition == 9)
        let result = try runVerifier([ledger.path])
        #expect(result.status == 1)
        #expect(result.lines.last?.hasPrefix("broken at position 9: ") == true)
    }

    @Test func aChangedLastEventIsCaughtByTheHeadRecord() throws {
        let ledger = TestLedger()
        let (_, head) = try writeLedger(ledger)
        try tamper(ledger.path, position: 12) { value in
            let index = value.lastIndex(of: UInt8(ascii: "2"))!
            value[index] = UInt8(ascii: "8")
        }
        #expect(try !ledger.open().verify().isIntact)
        let result = try runVerifier([ledger.path])
        #expect(result.status == 1)
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.hasPrefix("broken at position 12: the head record's digest \(head.digestHex) is not the recomputed ") == true)
    }

    @Test func aLedgerOfANewerFormatIsRefused() throws {
        let ledger = TestLedger()
        _ = try writeLedger(ledger)
        do {
            let environment = try Environment(path: ledger.path)
            let meta = try environment.openDatabases([("meta", [])])[0]
            try environment.write { try $0.put(meta, key: Array("format".utf8), value: Array("2".utf8)) }
        }
        let result = try runVerifier([ledger.path])
        #expect(result.status == 2)
        #expect(result.errors.contains("storage format 2, newer than the format 1"))
    }
}
