import Foundation
@testable import pledger
import PartnerLedger
import Testing

@Suite("Refused commands")
struct ErrorPathTests {
    /// A refused command exits with `status`, prints `message` after `pledger: error: ` on
    /// standard error, prints nothing on standard output, and writes nothing.
    static func expectRefusal(_ arguments: [String], status: Int32, message: String, sandbox: Sandbox? = nil) throws {
        let sandbox = try sandbox ?? Sandbox.withPartnership()
        let before = try sandbox.headPosition()
        let run = try sandbox.pledger(arguments)
        #expect(run.status == status)
        #expect(run.error.hasPrefix("pledger: error: " + message), "stderr was: \(run.error)")
        #expect(run.output.isEmpty)
        #expect(try sandbox.headPosition() == before)
    }

    @Test(arguments: [
        (["commitment", "make", "-p", "acme-iot", "--owner", "globex", "--beneficiary", "acme", "--kind", "data", "--description", "Feed", "--due", "2025-06-30"],
         #"--owner: "globex" is not a party of partnership "acme-iot" (parties: acme, initech). Use one of those ids; parties are fixed when the partnership is opened. Nothing was written."#),
        (["commitment", "make", "-p", "acme-iot", "--owner", "initech", "--beneficiary", "acme", "--kind", "data", "--description", "Feed", "--due", "2025-02-30"],
         #"--due: "2025-02-30" is not a calendar date"#),
        (["commitment", "make", "-p", "acme-iot", "--owner", "initech", "--beneficiary", "acme", "--kind", "gift", "--description", "Feed", "--due", "2025-02-28"],
         #"--kind: "gift" is not a commitment kind. Use one of: deliverable, resource, people, funding, integration, intro, data. Nothing was written."#),
        (["commitment", "fulfil", "c-00000", "-p", "acme-iot"],
         #"<id>: "c-00000" is not a commitment of partnership "acme-iot". Record CommitmentMade first, or check the id. Nothing was written."#),
        (["survey", "-p", "acme-iot", "--party", "acme", "--dimension", "strategic", "--score", "7"],
         "--score: 7 is out of range. Give a whole number from 1 to 5 (1 = poor, 5 = healthy). Nothing was written."),
        (["log", "call", "-p", "acme-iot", "--attendee", "acme:boss"],
         #"--attendee: "boss" is not a seniority. Use one of: exec, director, manager, individual. Nothing was written."#),
        (["opportunity", "share", "-p", "acme-iot", "--from", "acme", "--to", "initech", "--kind", "lead", "--value", "12,5"],
         #"--value: "12,5" is not an amount. Write digits with an optional decimal point, such as 1500.50. Nothing was written."#),
        (["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "x", "--proactive", "--at", "last week"],
         #"--at: "last week" is not a timestamp"#),
        (["disclose", "-p", "globex", "--party", "acme", "--topic", "x", "--proactive"],
         #"--partnership: partnership "globex" has not been opened. Record PartnershipOpened for it first, or check the slug. Nothing was written."#),
        (["partnership", "open", "acme-iot", "--name", "Again", "--party", "initech"],
         #"<slug>: partnership "acme-iot" already exists"#),
        (["append", #"{"partnership":"acme-iot","type":"ExecAccessRequested","source":"api","payload":{"by":"initech"}}"#],
         "source: the log sets source when it appends; leave it out. To bring in history recorded elsewhere, use `pledger import`. Nothing was written."),
        (["append", #"{"partnership":"acme-iot","type":"ExecAccessRequested","payload":{"by":"initech"#],
         "payload.by: the event is not valid JSON at column 80: the text ends inside a string: a closing quote is missing. Check its quotes, commas and brackets. Nothing was written."),
        (["retract", "99", "--reason", "typo"],
         "no event 99 is stored. Give an event id or a position shown by `pledger history`."),
        (["history", "--type", "CommitmentBroken"],
         #"--type: "CommitmentBroken" is not a known event type."#),
        (["partnership", "show", "globex"],
         #"no partnership "globex" is recorded (known: acme-iot). Check the slug with `pledger partnership list`."#),
        (["init", "--organization", "globex"],
         #"the ledger at "#),
    ])
    func refusedInputExits65NamingTheFieldAndWritesNothing(arguments: [String], message: String) throws {
        try Self.expectRefusal(arguments, status: 65, message: message)
    }

    @Test func aSecondTerminalEventIsRefused() throws {
        let sandbox = try Sandbox.withPartnership()
        let id = try sandbox.recordedID(["commitment", "make", "-p", "acme-iot", "--owner", "initech", "--beneficiary", "acme", "--kind", "data", "--description", "Feed", "--due", "2025-06-30"])
        try sandbox.succeed(["commitment", "fulfil", id, "-p", "acme-iot"])
        try Self.expectRefusal(["commitment", "miss", id, "-p", "acme-iot"], status: 65, message: "<id>: commitment \"\(id)\" is already fulfilled", sandbox: sandbox)
    }

    @Test func aClosedPartnershipTakesOnlyRetractions() throws {
        let sandbox = try Sandbox.withPartnership()
        try sandbox.succeed(["partnership", "close", "acme-iot", "--reason", "Merged"])
        try Self.expectRefusal(
            ["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "x", "--proactive"], status: 65,
            message: #"--partnership: partnership "acme-iot" is closed; only EventRetracted may be recorded on it."#, sandbox: sandbox)
        try sandbox.succeed(["retract", "2", "--reason", "Closed by mistake"])
    }

    @Test func anEventIDReusedForOtherContentIsRefused() throws {
        let sandbox = try Sandbox.withPartnership()
        let id = "6f1c2a1e-8d7b-4c3a-9e2f-0a1b2c3d4e5f"
        try sandbox.succeed(["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "New CEO", "--proactive", "--event-id", id])
        try Self.expectRefusal(
            ["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "New CFO", "--proactive", "--event-id", id], status: 65,
            message: "--topic: event id \(id) is already stored at position 2 with another value of payload.topic.", sandbox: sandbox)
    }

    @Test(arguments: [
        (["commitment", "make", "-p", "acme-iot", "--owner", "initech"], "Missing expected argument '--beneficiary <party>'"),
        (["log", "call", "-p", "acme-iot"], "Name at least one attendee with --attendee party:seniority[:name]."),
        (["log", "call", "cancelled", "-p", "acme-iot", "--meeting", "m-1"], "Name the party that cancelled with --by <party>."),
        (["log", "call", "-p", "acme-iot", "--attendee", "acme:exec", "--absent", "initech"], "--absent does not apply to a held meeting."),
        (["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "x"], "Missing one of: '--proactive', '--no-proactive'"),
        (["partnership", "frobnicate"], "Unexpected argument 'frobnicate'"),
    ])
    func malformedCommandLinesExit64(arguments: [String], message: String) throws {
        try Self.expectRefusal(arguments, status: 64, message: message)
    }

    @Test func commandsWithoutALedgerExit64AndCreateNothing() throws {
        let sandbox = Sandbox()
        let missing = sandbox.directory.appending("typo")
        let run = try sandbox.pledger(["history", "--ledger", missing])
        #expect(run.status == 64)
        #expect(run.error == "pledger: error: there is no ledger at \(missing). Create one with `pledger init --organization <your-party-id>`, or point --ledger or PLEDGER_LEDGER at an existing ledger.\n")
        #expect(!FileManager.default.fileExists(atPath: missing))
        let recording = try sandbox.pledger(["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "x", "--proactive"])
        #expect(recording.status == 64)
        #expect(!FileManager.default.fileExists(atPath: sandbox.ledger))
    }

    @Test func backupAndRestoreRefuseDirectoriesThatAreNotEmpty() throws {
        let sandbox = try Sandbox.withPartnership()
        let busy = sandbox.directory.appending("busy")
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: busy + "/file"))
        try Self.expectRefusal(["backup", busy], status: 64, message: "\(busy) is not empty; choose a new or empty directory.", sandbox: sandbox)
        try sandbox.succeed(["backup", sandbox.directory.appending("backup")])
        let run = try sandbox.pledger(["restore", sandbox.directory.appending("backup")])
        #expect(run.status == 64)
        #expect(run.error.contains("is not empty; choose a new or empty directory."))
    }

    @Test func everyFailureKindHasItsDocumentedExitStatus() {
        #expect(ExitStatus(for: LedgerError.concurrencyConflict(partnership: "acme-iot", attempts: 5))?.rawValue == 75)
        #expect(ExitStatus(for: LedgerError.unreadableEvent(position: 1, type: "X", version: 1, reason: "r"))?.rawValue == 74)
        #expect(ExitStatus(for: LedgerError.noLedger(path: "/x"))?.rawValue == 64)
        #expect(ExitStatus(for: DomainError(code: .unknownParty, field: "", value: nil, message: ""))?.rawValue == 65)
        #expect(ExitStatus(for: Refused(error: DomainError(code: .unknownParty, field: "", value: nil, message: "")))?.rawValue == 65)
        #expect(ExitStatus(for: OutputFailure(path: "/x", reason: "full"))?.rawValue == 74)
        #expect(ExitStatus(for: CocoaError(.fileWriteOutOfSpace))?.rawValue == 74)
    }

    /// With `--json`, a failure is one JSON object on standard error, with the status it exits
    /// with, a stable code, the field and value when the domain names them, and the sentence.
    @Test(arguments: [
        (["commitment", "make", "-p", "acme-iot", "--owner", "globex", "--beneficiary", "acme", "--kind", "data", "--description", "Feed", "--due", "2025-06-30", "--json"],
         65, "unknown-party", "--owner", #""globex""#),
        (["health", "hooli", "--json"], 65, "unknown-partnership", nil, nil),
        (["health", "--json", "--as-of", "2026-13-45"], 65, "invalid-timestamp", "--as-of", #""2026-13-45""#),
        (["health", "--json", "--bogus"], 64, "usage", nil, nil),
    ] as [([String], Int32, String, String?, String?)])
    func jsonFailuresAreOneObjectOnStandardError(
        arguments: [String], status: Int32, code: String, field: String?, value: String?
    ) throws {
        let sandbox = try Sandbox.withPartnership()
        let before = try sandbox.headPosition()
        let run = try sandbox.pledger(arguments)
        #expect(run.status == status)
        #expect(run.output.isEmpty)
        #expect(run.error.hasSuffix("\n") && run.error.dropLast().contains("\n") == false, "one line: \(run.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.error.utf8)) as? [String: Any])
        let error = try #require(document["error"] as? [String: Any], "stderr was: \(run.error)")
        #expect(error["status"] as? Int == Int(status))
        #expect(error["code"] as? String == code)
        #expect(error["field"] as? String == field)
        #expect(error["value"] as? String == value)
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(try sandbox.headPosition() == before)
    }
}

@Suite("Outputs never land in the ledger")
struct OutputPathTests {
    @Test(arguments: [
        ["export", "-o", "LEDGER/data.mdb"], ["export", "-o", "LEDGER/lock.mdb"], ["report", "--format", "json", "-o", "LEDGER/report.json"],
        ["report", "-o", "LINK/data.mdb"], ["export", "-o", "LEDGER"],
        ["backup", "LEDGER/backup"], ["backup", "LINK/copy"], ["restore", "LEDGER"], ["restore", "LINK"],
    ])
    func anOutputInsideTheLedgerIsRefusedAndTheLedgerIsUnchanged(arguments: [String]) throws {
        let sandbox = try Sandbox.withPartnership()
        let link = sandbox.directory.appending("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: sandbox.ledger)
        let before = try sandbox.succeed(["digest"]).output
        let listing = try FileManager.default.contentsOfDirectory(atPath: sandbox.ledger).sorted()
        let resolved = arguments.map { $0.replacingOccurrences(of: "LEDGER", with: sandbox.ledger).replacingOccurrences(of: "LINK", with: link) }
        let run = try sandbox.pledger(resolved)
        #expect(run.status == 64)
        #expect(run.error.contains("is inside the ledger directory"))
        #expect(try sandbox.succeed(["digest"]).output == before)
        #expect(try sandbox.succeed(["verify"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.ledger).sorted() == listing)
    }

    @Test(arguments: [["export", "-o"], ["report", "--format", "json", "-o"]])
    func anOutputToADeviceIsWrittenInPlaceNotReplaced(arguments: [String]) throws {
        let sandbox = try Sandbox.withPartnership()
        // A link to the null device: were the device replaced by a file, the link would be.
        let null = sandbox.directory.appending("null")
        try FileManager.default.createSymbolicLink(atPath: null, withDestinationPath: "/dev/null")
        try sandbox.succeed(arguments + [null])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: null) == "/dev/null")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }
}

@Suite("Command-line text")
struct CommandLineTextTests {
    /// Text on the command line is checked as UTF-8, as standard input, --file and import are;
    /// it is not silently replaced.
    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let sandbox = try Sandbox.withPartnership()
        let before = try sandbox.succeed(["digest"]).output
        // A String argument cannot hold the byte 0xFF, so a shell passes it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"exec "$0" disclose -p acme-iot --party acme --topic "$(printf 'New CEO\377')""#, Sandbox.binary]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": sandbox.directory.path, "NO_COLOR": "1", "PLEDGER_LEDGER": sandbox.ledger]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 65)
        #expect(message.hasPrefix("pledger: error: argument 7: \"New CEO\u{FFFD}\" is not valid UTF-8"), "\(message)")
        #expect(try sandbox.succeed(["digest"]).output == before)
    }
}
