import Foundation
import Testing

@Suite("Import and export commands")
struct ImportExportCommandTests {
    static let opening = #"{"id":"00000000-0000-4000-8000-000000000001","occurredAt":"2025-01-06","partnership":"acme-iot","payload":{"declaredType":"partnership","name":"Acme x Initech","parties":[{"id":"acme","name":"Acme Corp"},{"id":"initech","name":"Initech"}]},"source":"api","type":"PartnershipOpened","version":1}"#
    static let objective = #"{"id":"00000000-0000-4000-8000-000000000002","occurredAt":"2025-01-07","partnership":"acme-iot","payload":{"horizon":"long","kind":"market","objectiveId":"obj-1","party":"acme","statement":"Reach utilities"},"source":"api","type":"ObjectiveDeclared","version":1}"#
    static let closing = #"{"id":"00000000-0000-4000-8000-000000000004","occurredAt":"2025-01-09","partnership":"acme-iot","payload":{"party":"initech","proactive":true,"topic":"New CTO"},"source":"api","type":"DisclosureMade","version":1}"#

    /// A file of the opening, an objective, `bad` as line 3 and one more good line.
    static func file(with bad: Data, in sandbox: Sandbox) throws -> String {
        var bytes = Data((opening + "\n" + objective + "\n").utf8)
        bytes.append(bad)
        bytes.append(Data(("\n" + closing + "\n").utf8))
        let path = sandbox.directory.appending("bad.jsonl")
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func badLine(_ payload: String, type: String = "DisclosureMade") -> Data {
        Data(#"{"id":"00000000-0000-4000-8000-000000000003","occurredAt":"2025-01-08","partnership":"acme-iot","payload":\#(payload),"source":"api","type":"\#(type)","version":1}"#.utf8)
    }

    static let badFiles: [(name: String, line: Data, message: String)] = [
        ("invalid JSON", badLine(#"{"party":"acme" "topic":"x","proactive":true}"#),
         "line 3, field payload.party: the line is not valid JSON at column 123: expected ',' or '}' after the value, found '\"'."),
        ("unknown type", badLine("{}", type: "PartnershipBlessed"),
         #"line 3, field type: "PartnershipBlessed" is not a known event type."#),
        ("missing field", badLine(#"{"party":"acme","proactive":true}"#),
         "line 3, field payload.topic: this required field is missing. Add it."),
        ("wrong type", badLine(#"{"party":"acme","topic":"x","proactive":"yes"}"#),
         #"line 3, field payload.proactive: expected a boolean, found "yes" (string). Write a boolean here."#),
        ("non-UTF-8 bytes", Data(badLine(#"{"party":"acme","topic":"caf_","proactive":true}"#).map { $0 == UInt8(ascii: "_") ? 0xE9 : $0 }),
         "line 3, field payload.topic: the line is not valid UTF-8 (byte 0xe9 at column"),
        ("a 10 MB line", badLine(#"{"party":"acme","topic":"\#(String(repeating: "y", count: 10 << 20))","proactive":true}"#),
         "line 3, field payload.topic: the line is 10485"),
    ]

    @Test(arguments: badFiles.indices)
    func aBadFileReportsTheLineAndTheFieldAndWritesNothingOfTheFailingBatch(index: Int) throws {
        let bad = Self.badFiles[index]
        let sandbox = Sandbox()
        try sandbox.succeed(["init", "--organization", "acme"])
        let file = try Self.file(with: bad.line, in: sandbox)
        let run = try sandbox.pledger(["import", file, "--recorded-at", "now"])
        #expect(run.status == 65, "\(bad.name)")
        #expect(run.error.hasPrefix("pledger: error: " + bad.message), "\(bad.name): \(run.error)")
        #expect(run.error.contains("the import stopped at line 3; nothing of its batch (lines 1-3) was written."))
        #expect(run.output == "Read 3 lines: 0 appended in 0 batches, 0 already present, 1 refused.\n")
        #expect(try sandbox.headPosition() == 0)
    }

    @Test func batchesBeforeTheBadLineStayAndTheFixedFileFinishesWithoutDuplicates() throws {
        let sandbox = Sandbox()
        try sandbox.succeed(["init", "--organization", "acme"])
        let file = try Self.file(with: Self.badLine(#"{"party":"globex","topic":"x","proactive":true}"#), in: sandbox)
        let run = try sandbox.pledger(["import", file, "--recorded-at", "now", "--batch-size", "2"])
        #expect(run.status == 65)
        #expect(run.error.contains(#"line 3, field payload.party: "globex" is not a party of partnership "acme-iot""#))
        #expect(run.error.contains("nothing of its batch (line 3) was written"))
        #expect(try sandbox.headPosition() == 2)
        let fixed = try Self.file(with: Self.badLine(#"{"party":"initech","topic":"x","proactive":true}"#), in: sandbox)
        let rerun = try sandbox.succeed(["import", fixed, "--recorded-at", "now", "--batch-size", "2"])
        #expect(rerun.output == "Read 4 lines: 2 appended in 1 batch, 2 already present, 0 refused.\n")
        #expect(try sandbox.headPosition() == 4)
    }

    @Test func dryRunReportsEveryRefusedLineAndWritesNothing() throws {
        let sandbox = Sandbox()
        try sandbox.succeed(["init", "--organization", "acme"])
        let file = try Self.file(with: Self.badLine(#"{"party":"globex","topic":"x","proactive":true}"#), in: sandbox)
        let run = try sandbox.pledger(["import", file, "--dry-run"])
        #expect(run.status == 65)
        #expect(run.output == "Dry run: read 4 lines: 3 would be appended, 0 already present, 1 refused. Nothing was written.\n")
        #expect(try sandbox.headPosition() == 0)
        let json = try #require(try sandbox.pledger(["import", file, "--dry-run", "--json"]).json() as? [String: Any])
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.first?["line"] as? Int == 3)
        #expect(problems.first?["field"] as? String == "payload.party")
        #expect(problems.first?["code"] as? String == "unknown-party")
    }

    @Test func importReadsStandardInput() throws {
        let sandbox = Sandbox()
        try sandbox.succeed(["init", "--organization", "acme"])
        let run = try sandbox.succeed(["import", "-"], input: Data((Self.opening + "\n" + Self.objective + "\n").utf8))
        #expect(run.output == "Read 2 lines: 2 appended in 1 batch, 0 already present, 0 refused.\n")
        #expect(run.error.isEmpty)
    }

    /// Export, then import into a new ledger: the same `history` and the same hashes.
    ///
    /// The hashes can be equal because every input of an event's chain digest is carried over:
    /// the export writes each event's id, partnership, type, version, business time, recorded
    /// time, writer, source, causation and correlation, and its payload in the canonical JSON
    /// the ledger stores; `import` keeps the recorded time, writer and source by default
    /// (`--recorded-at keep`), and a new ledger gives each event the same position and stream
    /// version. Equal bodies at equal positions after an equal previous digest give equal digests.
    @Test func exportThenImportIntoANewLedgerGivesTheSameHistoryAndHashes() throws {
        let sandbox = try Sandbox.withPartnership()
        let commitment = try sandbox.recordedID(["commitment", "make", "-p", "acme-iot", "--owner", "initech", "--beneficiary", "acme", "--kind", "data", "--description", "Feed für Café", "--due", "2025-06-30", "--value", "1500.50"])
        try sandbox.succeed(["commitment", "fulfil", commitment, "-p", "acme-iot", "--quality", "1"])
        try sandbox.succeed(["retract", "3", "--reason", "Too early"])
        try sandbox.succeed(["log", "call", "-p", "acme-iot", "--attendee", "initech:exec", "--action", "acme:2025-02-01:Reply"])
        try sandbox.succeed(["append", #"{"partnership":"acme-iot","type":"MeetingHeld","version":1,"occurredAt":"2025-01-07T09:00:00Z","payload":{"meetingId":"m-v1","kind":"qbr","organizer":"acme","attendees":[{"party":"initech","seniority":"exec"}]}}"#])
        let scheduled = try sandbox.recordedID(["log", "call", "scheduled", "-p", "acme-iot", "--for", "2025-05-01T10:00:00Z"])
        try sandbox.succeed(["log", "call", "cancelled", "-p", "acme-iot", "--meeting", scheduled, "--by", "acme", "--notice-hours", "0"])
        let exported = sandbox.directory.appending("export.jsonl")
        #expect(try sandbox.succeed(["export", "--output", exported]).output == "Exported 8 events to \(exported).\n")

        let copy = sandbox.directory.appending("copy")
        try sandbox.succeed(["init", "--ledger", copy, "--organization", "initech"], environment: ["USER": "someone-else"])
        let imported = try sandbox.succeed(["import", exported, "--ledger", copy], environment: ["USER": "someone-else"])
        #expect(imported.output.hasPrefix("Read 8 lines: 8 appended in 8 batches, 0 already present, 0 refused."))

        let original = try sandbox.succeed(["history", "--json"]).output
        let reimported = try sandbox.succeed(["history", "--json", "--ledger", copy]).output
        #expect(original == reimported)
        #expect(try sandbox.succeed(["history"]).output == sandbox.succeed(["history", "--ledger", copy]).output)
        #expect(try sandbox.succeed(["digest"]).output == sandbox.succeed(["digest", "--ledger", copy]).output)
        #expect(try sandbox.succeed(["export"]).output == String(decoding: try Data(contentsOf: URL(fileURLWithPath: exported)), as: UTF8.self))
    }

    @Test func exportToStandardOutputCanBeLimitedToOnePartnership() throws {
        let sandbox = try Sandbox.withPartnership()
        try sandbox.succeed(["partnership", "open", "globex", "--name", "Globex", "--party", "globex"])
        let lines = try sandbox.succeed(["export", "-p", "globex"]).output.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].contains(#""partnership":"globex""#))
        #expect(lines[0].contains(#""seq":2"#))
        #expect(lines[0].contains(#""recordedBy":"tester""#))
    }
}

/// Input nested ~27,000 levels deep crashed the process by stack overflow; it is refused.
@Suite("Deeply nested input")
struct NestedInputTests {
    static func deep(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func anEventNestedTooDeepIsRefusedOnEveryPath() throws {
        let sandbox = try Sandbox.withPartnership()
        let before = try sandbox.succeed(["digest"]).output
        let event = #"{"partnership":"acme-iot","type":"DisclosureMade","payload":{"party":"acme","topic":"x","proactive":true,"z":\#(Self.deep(27_000))}}"#
        let appended = try sandbox.pledger(["append", event])
        #expect(appended.status == 65, "\(appended.error.prefix(300))")
        #expect(appended.error.contains("nests objects and arrays deeper than 64 levels"))
        let piped = try sandbox.pledger(["append"], input: Data(event.utf8))
        #expect(piped.status == 65)
        let line = #"{"id":"00000000-0000-4000-8000-000000000999","occurredAt":"2025-01-08","partnership":"acme-iot","payload":{"party":"acme","topic":"x","proactive":true,"z":\#(Self.deep(27_000))},"type":"DisclosureMade","version":1}"#
        let file = sandbox.directory.appending("deep.jsonl")
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let imported = try sandbox.pledger(["import", file])
        #expect(imported.status == 65)
        #expect(imported.error.contains("nests objects and arrays deeper than 64 levels"), "\(imported.error.prefix(300))")
        // with --json the problems are in the document, and standard error holds no empty error object
        let json = try sandbox.pledger(["import", file, "--json"])
        #expect(json.status == 65)
        #expect(!json.error.contains(#""message":"""#), "\(json.error)")
        #expect(try sandbox.succeed(["digest"]).output == before)
    }
}

@Suite("Numbers out of range")
struct NumberRangeTests {
    /// 1e300 is valid JSON: the error says the number is out of range and names its field.
    @Test func aNumberTooLargeIsNamedAsSuch() throws {
        let sandbox = try Sandbox.withPartnership()
        let event = #"{"partnership":"acme-iot","type":"InvestmentMade","payload":{"party":"acme","amount":1e300,"currency":"EUR","kind":"cash","upfront":false}}"#
        let run = try sandbox.pledger(["append", event])
        #expect(run.status == 65)
        #expect(run.error.contains("payload.amount"), "\(run.error)")
        #expect(run.error.contains("the number 1e300 is out of range"), "\(run.error)")
    }
}

@Suite("Event size")
struct EventSizeTests {
    /// An event too large to come back in through import is refused on the way in.
    @Test func aPayloadOverTheLimitIsRefusedByAppendAndWhatIsTakenComesBackThroughImport() throws {
        let sandbox = try Sandbox.withPartnership()
        let big = String(repeating: "x", count: 1 << 20)
        let file = sandbox.directory.appending("big.json")
        try Data(#"{"partnership":"acme-iot","type":"DisclosureMade","payload":{"party":"acme","topic":"\#(big)","proactive":true}}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let before = try sandbox.succeed(["digest"]).output
        let run = try sandbox.pledger(["append", "--file", file])
        #expect(run.status == 65)
        #expect(run.error.contains("more than the 1044480 one event may take"), "\(run.error.prefix(300))")
        #expect(try sandbox.succeed(["digest"]).output == before)
        // the largest payload taken is exported and imported again into a new ledger
        let largest = String(repeating: "y", count: (1 << 20) - 4096 - 60)
        try Data(#"{"partnership":"acme-iot","type":"DisclosureMade","payload":{"party":"acme","topic":"\#(largest)","proactive":true}}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        try sandbox.succeed(["append", "--file", file])
        let export = sandbox.directory.appending("all.jsonl")
        try sandbox.succeed(["export", "-o", export])
        let copy = sandbox.directory.appending("copy")
        try sandbox.succeed(["init", "--organization", "acme", "--ledger", copy])
        try sandbox.succeed(["import", export, "--ledger", copy])
    }
}
