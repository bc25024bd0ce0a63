import Foundation
import Testing

@Suite("Recording commands")
struct RecordingCommandTests {
    static func types(_ sandbox: Sandbox) throws -> [String] {
        let object = try #require(try sandbox.succeed(["history", "--json"]).json() as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        return events.compactMap { $0["type"] as? String }
    }

    @Test func meetingsAreHeldScheduledCancelledAndMissed() throws {
        let sandbox = try Sandbox.withPartnership()
        let held = try sandbox.recordedID(["log", "call", "-p", "acme-iot", "--attendee", "acme:manager", "--attendee", "initech:individual", "--duration", "30", "--notes", "Weekly", "--decision", "Ship it", "--action", "acme:2025-02-01:Send the numbers", "--prior-actions-reviewed"])
        #expect(held.hasPrefix("m-"))
        let scheduled = try sandbox.recordedID(["log", "qbr", "scheduled", "-p", "acme-iot", "--for", "2025-04-01T14:00:00Z"])
        try sandbox.succeed(["log", "qbr", "cancelled", "-p", "acme-iot", "--meeting", scheduled, "--by", "initech", "--notice-hours", "2", "--reason", "Travel"])
        let noShow = try sandbox.recordedID(["log", "call", "scheduled", "-p", "acme-iot", "--for", "2025-04-08T09:00:00Z", "--organizer", "initech"])
        try sandbox.succeed(["log", "call", "missed", "-p", "acme-iot", "--meeting", noShow, "--absent", "initech"])
        let exec = try sandbox.recordedID(["log", "meeting", "--kind", "exec", "-p", "acme-iot", "--attendee", "acme:exec", "--meeting", "m-board"])
        #expect(exec == "m-board")
        let show = try #require(try sandbox.succeed(["partnership", "show", "acme-iot", "--json"]).json() as? [String: Any])
        let items = try #require(show["actionItems"] as? [[String: Any]])
        let action = try #require(items.first?["id"] as? String)
        try sandbox.succeed(["action", "close", action, "-p", "acme-iot"])
        #expect(try Self.types(sandbox) == [
            "PartnershipOpened", "MeetingHeld", "MeetingScheduled", "MeetingCancelled", "MeetingScheduled", "MeetingMissed", "MeetingHeld",
            "ActionItemClosed",
        ])
    }

    /// Nobody said who organised the call: it is recorded as unknown, the receipt says so, and no party is credited.
    @Test func aMeetingWithoutAnOrganiserIsRecordedAsUnknownAndSaysSo() throws {
        let sandbox = try Sandbox.withPartnership()
        let call = try sandbox.succeed(["log", "call", "-p", "acme-iot", "--attendee", "initech:manager", "--at", "2025-01-08T10:00:00Z"])
        #expect(call.output.contains("Filled in by default: organiser not recorded: unknown, it counts for no party (give --organizer PARTY)."),
                "output: \(call.output)")
        let history = try #require(try sandbox.succeed(["history", "--json", "--last", "1"]).json() as? [String: Any])
        let event = try #require((history["events"] as? [[String: Any]])?.first)
        #expect(event["version"] as? Int == 3)
        #expect((event["payload"] as? [String: Any])?["organizer"] == nil)
        #expect((event["summary"] as? String)?.contains("organiser not recorded") == true)
        let show = try sandbox.succeed(["partnership", "show", "acme-iot"]).output
        #expect(show.contains("unknown"))
        // one given is recorded, and nothing is said
        let named = try sandbox.succeed(["log", "call", "-p", "acme-iot", "--attendee", "initech:manager", "--organizer", "initech"])
        #expect(!named.output.contains("Filled in by default"))
    }

    @Test func opportunitiesAreSharedAcceptedDeclinedWonAndLost() throws {
        let sandbox = try Sandbox.withPartnership()
        func share() throws -> String {
            try sandbox.recordedID(["opportunity", "share", "-p", "acme-iot", "--from", "acme", "--to", "initech", "--kind", "co-sell", "--value", "1500.50", "--currency", "EUR", "--account", "Nordvatten"])
        }
        let won = try share(), lost = try share(), declined = try share()
        try sandbox.succeed(["opportunity", "accept", won, "-p", "acme-iot", "--reason", "Good fit"])
        try sandbox.succeed(["opportunity", "win", won, "-p", "acme-iot", "--value", "1400"])
        try sandbox.succeed(["opportunity", "accept", lost, "-p", "acme-iot"])
        try sandbox.succeed(["opportunity", "lose", lost, "-p", "acme-iot", "--reason", "Budget frozen"])
        try sandbox.succeed(["opportunity", "decline", declined, "-p", "acme-iot", "--reason", "No capacity"])
        let show = try #require(try sandbox.succeed(["partnership", "show", "acme-iot", "--json"]).json() as? [String: Any])
        let statuses = try #require(show["opportunities"] as? [[String: Any]]).compactMap { $0["status"] as? String }
        #expect(statuses == ["won", "lost", "declined"])
    }

    @Test func showGivesTheWonValueAsRecordedApartFromTheEstimate() throws {
        let sandbox = try Sandbox.withPartnership()
        let won = try sandbox.recordedID(["opportunity", "share", "-p", "acme-iot", "--from", "initech", "--to", "acme", "--kind", "referral", "--value", "50000", "--currency", "EUR"])
        let unstated = try sandbox.recordedID(["opportunity", "share", "-p", "acme-iot", "--from", "initech", "--to", "acme", "--kind", "referral", "--value", "20000", "--currency", "EUR"])
        for id in [won, unstated] { try sandbox.succeed(["opportunity", "accept", id, "-p", "acme-iot"]) }
        let win = try #require(try sandbox.succeed(["opportunity", "win", won, "-p", "acme-iot", "--value", "95000", "--json"]).json() as? [String: Any])
        try sandbox.succeed(["opportunity", "win", unstated, "-p", "acme-iot"])
        func opportunities() throws -> [String: [String: Any]] {
            let show = try #require(try sandbox.succeed(["partnership", "show", "acme-iot", "--json"]).json() as? [String: Any])
            let rows = try #require(show["opportunities"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as? String ?? "", $0) })
        }
        var rows = try opportunities()
        #expect(rows[won]?["estimatedValue"] as? Int == 50000)
        #expect(rows[won]?["wonValue"] as? Int == 95000)
        // A win that stated no value shows none: the estimate is never passed off as won.
        #expect(rows[unstated]?["wonValue"] == nil)
        let text = try sandbox.succeed(["partnership", "show", "acme-iot"]).output
        #expect(text.contains("ESTIMATED"))
        #expect(text.contains("50000 EUR") && text.contains("95000 EUR"))
        // Retracting the win leaves the opportunity accepted, with no won value.
        try sandbox.succeed(["retract", try #require(win["id"] as? String), "--reason", "Not signed yet"])
        rows = try opportunities()
        #expect(rows[won]?["status"] as? String == "accepted")
        #expect(rows[won]?["wonValue"] == nil)
        #expect(rows[unstated]?["status"] as? String == "won")
    }

    @Test func commitmentsAreMadeFulfilledMissedRenegotiatedAndWithdrawn() throws {
        let sandbox = try Sandbox.withPartnership()
        func make(_ id: String? = nil) throws -> String {
            try sandbox.recordedID(["commitment", "make", "-p", "acme-iot", "--owner", "acme", "--beneficiary", "initech", "--kind", "people", "--description", "Two engineers", "--due", "2025-05-01", "--value", "20000"] + (id.map { ["--id", $0] } ?? []))
        }
        let kept = try make("c-kept"), missed = try make(), moved = try make(), withdrawn = try make()
        #expect(kept == "c-kept")
        try sandbox.succeed(["commitment", "fulfil", kept, "-p", "acme-iot", "--quality", "4"])
        try sandbox.succeed(["commitment", "miss", missed, "-p", "acme-iot", "--reason", "Hiring freeze"])
        try sandbox.succeed(["commitment", "renegotiate", moved, "-p", "acme-iot", "--due", "2025-06-01", "--requested-by", "acme", "--reason", "Holidays"])
        try sandbox.succeed(["commitment", "withdraw", withdrawn, "-p", "acme-iot", "--by", "acme"])
        let show = try #require(try sandbox.succeed(["partnership", "show", "acme-iot", "--json"]).json() as? [String: Any])
        let commitments = try #require(show["commitments"] as? [[String: Any]])
        #expect(commitments.compactMap { $0["status"] as? String } == ["fulfilled", "missed", "open", "withdrawn"])
        #expect(commitments[2]["dueDate"] as? String == "2025-06-01")
    }

    @Test func alignmentIsRecordedWithObjectivesACharterAssessmentsAndSurveys() throws {
        let sandbox = try Sandbox.withPartnership()
        let ours = try sandbox.recordedID(["objective", "-p", "acme-iot", "--party", "acme", "--statement", "Reach utilities", "--kind", "market", "--horizon", "long"])
        let theirs = try sandbox.recordedID(["objective", "-p", "acme-iot", "--party", "initech", "--statement", "Learn analytics", "--kind", "learning", "--horizon", "long", "--id", "obj-initech"])
        #expect(ours.hasPrefix("obj-"))
        let charter = try sandbox.recordedID([
            "charter", "-p", "acme-iot", "--why", "Better maintenance for utilities", "--objective", ours, "--objective", theirs,
            "--signed-by", "acme", "--signed-by", "initech", "--call-cadence-days", "14", "--info-category", "roadmap", "--success-measure", "Two customers live",
        ])
        #expect(charter.hasPrefix("ch-"))
        try sandbox.succeed(["assess", "-p", "acme-iot", "--party", "acme", "--area", "transparency", "--rating", "2", "--mitigation", "Monthly pipeline share"])
        try sandbox.succeed(["survey", "-p", "acme-iot", "--party", "initech", "--dimension", "strategic", "--score", "4", "--comment", "Good"])
        #expect(try Self.types(sandbox).suffix(5) == ["ObjectiveDeclared", "ObjectiveDeclared", "CharterAgreed", "WeakSpotAssessed", "HealthSurveyed"])
    }

    @Test func transparencyIsRecordedWithSharesRequestsDisclosuresAndSurprises() throws {
        let sandbox = try Sandbox.withPartnership()
        try sandbox.succeed(["info", "share", "-p", "acme-iot", "--from", "acme", "--to", "initech", "--category", "pipeline", "--depth", "counts-only"])
        let answered = try sandbox.recordedID(["info", "request", "-p", "acme-iot", "--by", "initech", "--to", "acme", "--category", "roadmap"])
        let declined = try sandbox.recordedID(["info", "request", "-p", "acme-iot", "--by", "acme", "--to", "initech", "--category", "forecast", "--id", "r-forecast"])
        try sandbox.succeed(["info", "answer", answered, "-p", "acme-iot", "--note", "Sent the deck"])
        try sandbox.succeed(["info", "decline", declined, "-p", "acme-iot", "--reason", "Confidential"])
        try sandbox.succeed(["disclose", "-p", "acme-iot", "--party", "initech", "--topic", "New CEO", "--proactive"])
        try sandbox.succeed(["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "Price rise", "--no-proactive"])
        try sandbox.succeed(["surprise", "-p", "acme-iot", "--affected", "acme", "--about", "initech", "--topic", "Competing bid"])
        try sandbox.succeed(["invest", "-p", "acme-iot", "--party", "acme", "--amount", "250000", "--currency", "EUR", "--kind", "cash", "--upfront", "--expected-return-by", "2026-01-01"])
        #expect(try Self.types(sandbox).dropFirst() == [
            "InformationShared", "InformationRequested", "InformationRequested", "InformationRequestAnswered", "InformationRequestDeclined",
            "DisclosureMade", "DisclosureMade", "SurpriseDiscovered", "InvestmentMade",
        ])
    }

    @Test func correctionsRetractByPositionAndReclassify() throws {
        let sandbox = try Sandbox.withPartnership()
        try sandbox.succeed(["invest", "-p", "acme-iot", "--party", "initech", "--amount", "10", "--currency", "EUR", "--kind", "fee"])
        let retracted = try sandbox.succeed(["retract", "2", "--reason", "Wrong amount"])
        #expect(retracted.output.contains("Recorded EventRetracted"))
        try sandbox.succeed(["reclassify", "-p", "acme-iot", "--label", "supplier-customer", "--rationale", "Fees one way"])
        let history = try sandbox.succeed(["history"]).output
        #expect(history.contains("[retracted by #3] initech invests 10 EUR as fee"))
        #expect(history.contains(#"retracts #2 InvestmentMade: "Wrong amount""#))
        let asOf = try sandbox.succeed(["history", "--as-of", "2999-01-01"]).output
        #expect(!asOf.contains("initech invests"))
        let list = try sandbox.succeed(["partnership", "list"]).output
        #expect(list.contains("acme-iot  open    supplier-customer"))
    }

    @Test func rawJSONEventsAreAppendedFromAnArgumentAFileOrStandardInput() throws {
        let sandbox = try Sandbox.withPartnership()
        let event = #"{"partnership":"acme-iot","type":"ExecAccessRequested","payload":{"by":"initech","granted":true}}"#
        let fromArgument = try sandbox.succeed(["append", event])
        #expect(fromArgument.output == "Recorded ExecAccessRequested in acme-iot at position 2.\n")
        let path = sandbox.directory.appending("event.json")
        try Data(event.utf8).write(to: URL(fileURLWithPath: path))
        try sandbox.succeed(["append", "--file", path])
        try sandbox.succeed(["append"], input: Data(event.utf8))
        #expect(try sandbox.headPosition() == 4)
    }

    @Test func anEventIDMakesARetriedCommandIdempotent() throws {
        let sandbox = try Sandbox.withPartnership()
        let arguments = ["disclose", "-p", "acme-iot", "--party", "acme", "--topic", "New CEO", "--proactive", "--at", "2025-02-01", "--event-id", "6f1c2a1e-8d7b-4c3a-9e2f-0a1b2c3d4e5f"]
        try sandbox.succeed(arguments)
        let again = try sandbox.succeed(arguments)
        #expect(again.output == "Already recorded: DisclosureMade in acme-iot at position 2; nothing was written.\n")
        #expect(try sandbox.headPosition() == 2)
    }

    @Test func partnershipsAreListedShownAndClosed() throws {
        let sandbox = try Sandbox.withPartnership()
        try sandbox.succeed(["partnership", "open", "globex", "--name", "Acme x Globex", "--party", "globex=Globex", "--type", "marketing"])
        let list = try sandbox.succeed(["partnership", "list"]).output.split(separator: "\n")
        #expect(list.count == 3)
        #expect(list[1].hasPrefix("acme-iot  open    partnership  acme, initech"))
        #expect(list[2].hasPrefix("globex    open    marketing    acme, globex"))
        try sandbox.succeed(["partnership", "close", "globex", "--reason", "Campaign over"])
        let rows = try #require(try sandbox.succeed(["partnership", "list", "--json"]).json() as? [[String: Any]])
        #expect(rows.compactMap { $0["status"] as? String } == ["open", "closed"])
        let show = try sandbox.succeed(["partnership", "show", "globex"]).output
        #expect(show.hasPrefix("Acme x Globex (globex)\n  status     closed, marketing\n  parties    acme (Acme Corp), globex (Globex)"))
    }
}

@Suite("Checkpointed answers are never trusted stale")
struct StaleCheckpointTests {
    static func listedEventCount(_ sandbox: Sandbox, _ slug: String) throws -> Int? {
        let rows = try #require(try sandbox.succeed(["partnership", "list", "--json"]).json() as? [[String: Any]])
        return rows.first { $0["slug"] as? String == slug }?["eventCount"] as? Int
    }

    /// The most calls held by one party in one period of the partnership's JSON trend report.
    static func callsHeld(_ sandbox: Sandbox, _ slug: String) throws -> Int {
        let text = try sandbox.succeed(["report", slug, "--format", "json", "--from", "2020-01-01", "--period", "quarter"]).output
        let pattern = try NSRegularExpression(pattern: #""callsHeld"\s*:\s*(\d+)"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reduce(0) { most, match in
            max(most, Int((text as NSString).substring(with: match.range(at: 1))) ?? 0)
        }
    }

    @Test func aListingAndTheViewsSeeWhatAnotherProcessAppendedAfterThem() throws {
        let sandbox = try Sandbox.withPartnership()
        // Each pledger is its own process: the first listing and the first trend report save
        // their checkpoints, another process appends, and the next ones must fold the new event.
        #expect(try Self.listedEventCount(sandbox, "acme-iot") == 1)
        #expect(try Self.callsHeld(sandbox, "acme-iot") == 0)
        try sandbox.succeed(["log", "call", "-p", "acme-iot", "--attendee", "acme:manager", "--attendee", "initech:director"])
        #expect(try Self.listedEventCount(sandbox, "acme-iot") == 2)
        #expect(try Self.callsHeld(sandbox, "acme-iot") == 1)
    }
}
