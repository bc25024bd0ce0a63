import EventLog
import Foundation
import Testing

@Suite("Refused appends")
struct AppendTests {
    @Test func invalidPayloadIsRejectedBeforeWriting() throws {
        let log = try TestLedger().open()
        let bad = sample(payload: #"{"a":1,}"#)
        #expect(throws: EventLogError.self) { try log.append(to: "a", [sample(), bad]) }
        #expect(throws: EventLogError.self) { try log.append(to: "a", [sample(payload: "[1,2]")]) }
        #expect(throws: EventLogError.self) { try log.append(to: "", [sample()]) }
        #expect(throws: EventLogError.self) { try log.append(to: "a", [sample("")]) }
        #expect(try log.head().position == 0)
    }

    @Test func errorMessagesNameTheValueAndTheFix() {
        let error = EventLogError.wrongExpectedVersion(stream: "acme", expected: .exactly(2), actual: 5)
        #expect(error.description == "stream \"acme\" is at version 5, but the append expected version 2; nothing was written. Read the stream again and retry against version 5.")
    }
}

@Suite("Expected versions")
struct ExpectedVersionTests {
    @Test(arguments: [
        (ExpectedVersion.any, UInt64(0), true), (.any, 3, true),
        (.noStream, 0, true), (.noStream, 1, false),
        (.streamExists, 0, false), (.streamExists, 2, true),
        (.exactly(2), 2, true), (.exactly(2), 1, false), (.exactly(0), 0, true),
    ])
    func expectationIsMet(expected: ExpectedVersion, version: UInt64, isMet: Bool) {
        #expect(expected.isMet(byVersion: version) == isMet)
    }
}

@Suite("Writer names")
struct WriterNameTests {
    @Test func anUnusableDefaultWriterNameIsRefusedAtOpen() {
        let ledger = TestLedger()
        #expect(throws: EventLogError.invalidField(field: "recordedBy", value: String(repeating: "w", count: 40) + "...", reason: "it is longer than 200 bytes")) {
            _ = try EventLog(path: ledger.path, options: EventLogOptions(recordedBy: String(repeating: "w", count: 300)))
        }
        #expect(!FileManager.default.fileExists(atPath: ledger.path))
    }
}
