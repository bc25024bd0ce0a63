import Foundation
import Testing

@Suite("History, verification, backups, the demo and the shell")
struct MaintenanceCommandTests {
    /// acme-iot with a disclosure that happened on 2025-01-10 but was recorded later.
    static func sandboxWithHistory() throws -> Sandbox {
        let sandbox = try Sandbox.withPartnership()
        try sandbox.succeed(["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "Reorganisation", "--proactive", "--at", "2025-01-10"])
        try sandbox.succeed(["surprise", "-p", "acme-iot", "--affected", "acme", "--about", "initech", "--topic", "Price rise", "--at", "2025-02-01"])
        try sandbox.succeed(["partnership", "open", "globex", "--name", "Globex", "--party", "globex", "--at", "2025-03-01"])
        return sandbox
    }

    static func positions(_ sandbox: Sandbox, _ arguments: [String]) throws -> [Int] {
        let object = try #require(try sandbox.succeed(["history", "--json"] + arguments).json() as? [String: Any])
        return try #require(object["events"] as? [[String: Any]]).compactMap { $0["position"] as? Int }
    }

    @Test func historyFiltersByPartnershipTypeAndBusinessTime() throws {
        let sandbox = try Self.sandboxWithHistory()
        #expect(try Self.positions(sandbox, []) == [1, 2, 3, 4])
        #expect(try Self.positions(sandbox, ["-p", "globex"]) == [4])
        #expect(try Self.positions(sandbox, ["--type", "DisclosureMade", "--type", "SurpriseDiscovered"]) == [2, 3])
        #expect(try Self.positions(sandbox, ["--since", "2025-01-10", "--until", "2025-02-01"]) == [2, 3])
        #expect(try Self.positions(sandbox, ["--as-of", "2025-01-31"]) == [1, 2])
        #expect(try Self.positions(sandbox, ["--last", "1"]) == [4])
    }

    @Test func knownAtLooksAtRecordedTime() throws {
        let sandbox = try Self.sandboxWithHistory()
        #expect(try Self.positions(sandbox, ["--known-at", "2000-01-01"]) == [])
        #expect(try Self.positions(sandbox, ["--known-at", "2999-12-31"]) == [1, 2, 3, 4])
        let empty = try sandbox.succeed(["history", "--known-at", "2000-01-01"]).output
        #expect(empty == "No events match.\n")
    }

    @Test func historyJSONHasFullDigestsAndTheVerification() throws {
        let sandbox = try Self.sandboxWithHistory()
        let object = try #require(try sandbox.succeed(["history", "--json", "--verify"]).json() as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        let verification = try #require(object["verification"] as? [String: Any])
        #expect(verification["isIntact"] as? Bool == true)
        #expect(events.allSatisfy { ($0["digest"] as? String)?.count == 64 && $0["verified"] as? Bool == true })
        #expect(events.last?["digest"] as? String == verification["headDigest"] as? String)
        let text = try sandbox.succeed(["history", "--verify"]).output
        #expect(text.contains("CHAIN"))
        #expect(text.hasSuffix("Chain verified: 4 events verified, head digest \(verification["headDigest"] as? String ?? "").\n"))
    }

    @Test func aCorruptedLedgerFailsVerificationWithExit1() throws {
        let sandbox = try Self.sandboxWithHistory()
        let data = sandbox.ledger + "/data.mdb"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: data))
        let marker = Data("Reorganisation".utf8)
        var searchFrom = bytes.startIndex
        while let range = bytes.range(of: marker, in: searchFrom..<bytes.endIndex) {
            bytes[range.lowerBound] = UInt8(ascii: "X")
            searchFrom = range.upperBound
        }
        #expect(searchFrom > bytes.startIndex, "the disclosure's topic is stored in data.mdb")
        try bytes.write(to: URL(fileURLWithPath: data))
        let verify = try sandbox.pledger(["verify"])
        #expect(verify.status == 1)
        #expect(verify.error.hasPrefix("pledger: error: the chain is broken at position 3: the stored link does not match the digest of position 2"))
        let history = try sandbox.pledger(["history", "--verify"])
        #expect(history.status == 1)
        let lines = history.output.split(separator: "\n")
        #expect(lines[2].contains("  ok  "))
        #expect(lines[3].contains("BROKEN"))
    }

    @Test func digestVerifyBackupAndRestoreAgree() throws {
        let sandbox = try Self.sandboxWithHistory()
        let head = try #require(try sandbox.succeed(["digest", "--json"]).json() as? [String: Any])
        let digest = try #require(head["digest"] as? String)
        #expect(try sandbox.succeed(["digest"]).output.hasPrefix("\(digest)  position 4  recorded "))
        #expect(try sandbox.succeed(["verify"]).output == "Verified 4 events. Head digest \(digest).\n")
        let backup = sandbox.directory.appending("backup")
        #expect(try sandbox.succeed(["backup", backup]).output == "Backed up 4 events to \(backup); head digest \(digest).\n")
        let restored = sandbox.directory.appending("restored")
        #expect(try sandbox.succeed(["restore", backup, "--ledger", restored]).output == "Restored 4 events into \(restored); head digest \(digest).\n")
        #expect(try sandbox.succeed(["partnership", "list", "--ledger", restored]).output.contains("globex"))
        try sandbox.succeed(["log", "call", "-p", "acme-iot", "--attendee", "initech:manager", "--organizer", "acme", "--ledger", restored])
        let rows = try #require(try sandbox.succeed(["history", "--json", "--ledger", restored, "--last", "1"]).json() as? [String: Any])
        let events = try #require(rows["events"] as? [[String: Any]])
        let summary = try #require(events.first?["summary"] as? String)
        #expect(summary.contains("organised by acme"), "the restored ledger takes the organisation's own events")
    }

    @Test func theDemoRecordsFourPartnershipsAndSaysWhereTheyAre() throws {
        let sandbox = Sandbox()
        let path = sandbox.directory.appending("demo")
        let run = try sandbox.succeed(["demo", path])
        #expect(run.output.hasPrefix("Partnerships\n  SLUG     STATUS  LABEL"))
        for slug in ["helix", "lumen", "orbital", "quarry"] { #expect(run.output.contains("\n  \(slug) ")) }
        #expect(run.output.contains("Last events"))
        #expect(run.output.contains("The demo ledger is at \(path)."))
        let digest = try sandbox.succeed(["digest", "--ledger", path]).output.prefix(64)
        #expect(run.output.contains("Head digest \(digest)."))
        #expect(!FileManager.default.fileExists(atPath: sandbox.ledger))
        let again = try sandbox.pledger(["demo", path])
        #expect(again.status == 64)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsAreGenerated(shell: String) throws {
        let run = try Sandbox().succeed(["--generate-completion-script", shell])
        #expect(run.output.contains("pledger"))
        #expect(run.output.contains("commitment"))
    }

    @Test func helpListsTheCommandsAndTheExitCodes() throws {
        let help = try Sandbox().succeed(["--help"]).output
        for command in ["init", "partnership", "log", "commitment", "import", "export", "history", "verify", "digest", "backup", "restore", "demo"] {
            #expect(help.contains("  \(command) "), "\(command)")
        }
        #expect(help.contains("65 refused input"))
        #expect(help.contains("75 concurrency conflict"))
    }

    @Test func theDefaultLedgerFollowsXDGAndOutputHasNoColourWhenPiped() throws {
        let sandbox = Sandbox()
        let xdg = sandbox.directory.appending("xdg")
        let run = try sandbox.succeed(["init", "--organization", "acme"], environment: ["PLEDGER_LEDGER": "", "XDG_DATA_HOME": xdg, "NO_COLOR": ""])
        #expect(run.output.hasPrefix("Created the ledger at \(xdg)/pledger/ledger for acme (acme)."))
        #expect(FileManager.default.fileExists(atPath: xdg + "/pledger/ledger/data.mdb"))
        #expect(FileManager.default.fileExists(atPath: xdg + "/pledger/ledger/pledger-settings.json"))
        let home = try sandbox.succeed(["init", "--organization", "acme"], environment: ["PLEDGER_LEDGER": "", "NO_COLOR": ""])
        #expect(home.output.hasPrefix("Created the ledger at \(sandbox.directory.path)/.local/share/pledger/ledger"))
        let history = try sandbox.succeed(["history"], environment: ["PLEDGER_LEDGER": "", "XDG_DATA_HOME": xdg, "NO_COLOR": ""])
        #expect(!history.output.contains("\u{1B}["))
    }
}

/// A damaged data file is reported, never mapped: no signal, exit 74, nothing changed.
@Suite("Damaged files")
struct DamagedFileTests {
    @Test(arguments: [["verify"], ["health"], ["history", "--last", "1"], ["partnership", "list"]])
    func aTruncatedLedgerIsReportedDamaged(arguments: [String]) throws {
        let sandbox = try Sandbox.withPartnership()
        try sandbox.succeed(["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "New CEO", "--proactive"])
        let data = sandbox.ledger + "/data.mdb"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: data)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: data))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        let run = try sandbox.pledger(arguments)
        #expect(run.status == 74, "\(arguments): status \(run.status), \(run.error)")
        #expect(run.error.contains("data.mdb is damaged: it holds \(size / 2) bytes"), "\(run.error)")
        #expect(run.error.contains("the file was cut short"))
    }

    /// A killed backup leaves a file cut short; an empty one restores nothing. Both are refused,
    /// and no directory is left where the ledger was to go.
    @Test(arguments: [true, false])
    func aDamagedBackupIsNotRestored(empty: Bool) throws {
        let sandbox = try Sandbox.withPartnership()
        let backup = sandbox.directory.appending("backup")
        try sandbox.succeed(["backup", backup])
        let data = backup + "/data.mdb"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: data)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: data))
        try handle.truncate(atOffset: empty ? 0 : UInt64(size - 4096))
        try handle.close()
        let target = sandbox.directory.appending("restored")
        let run = try sandbox.pledger(["restore", backup, "--ledger", target])
        #expect(run.status == 74)
        #expect(run.error.contains("data.mdb is damaged: " + (empty ? "it is empty" : "it holds")), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
