import Foundation
import Testing

@Suite("A new user's first session")
struct NewUserTests {
    /// The README tutorial: init, open a partnership, record a call, a QBR, an opportunity and a
    /// commitment, fulfil it, replay the history and verify it.
    @Test func theTutorialWorksFromAnEmptyMachine() throws {
        let sandbox = Sandbox()
        let created = try sandbox.succeed(["init", "--organization", "acme", "--name", "Acme Corp"])
        #expect(created.output.contains("Created the ledger at \(sandbox.ledger) for Acme Corp (acme)."))

        let opened = try sandbox.succeed(["partnership", "open", "acme-iot", "--name", "Acme x Initech", "--party", "initech=Initech", "--call-cadence-days", "14"])
        #expect(opened.output == "Recorded PartnershipOpened in acme-iot at position 1.\n")

        let call = try sandbox.succeed([
            "log", "call", "-p", "acme-iot", "--at", "2025-01-08T10:00:00Z",
            "--attendee", "acme:manager:Maya Ortiz", "--attendee", "initech:director", "--action", "initech:2025-01-20:Send the pilot plan",
        ])
        #expect(call.output.contains("Recorded MeetingHeld m-"))
        #expect(call.output.contains("Action items: a-"))

        try sandbox.succeed(["log", "qbr", "-p", "acme-iot", "--at", "2025-01-15T14:00:00Z", "--attendee", "acme:exec", "--attendee", "initech:exec", "--scorecard-reviewed"])
        let opportunity = try sandbox.recordedID([
            "opportunity", "share", "-p", "acme-iot", "--from", "initech", "--to", "acme", "--kind", "referral",
            "--value", "50000", "--currency", "EUR", "--at", "2025-01-16",
        ])
        #expect(opportunity.hasPrefix("o-"))
        let commitment = try sandbox.recordedID([
            "commitment", "make", "-p", "acme-iot", "--owner", "initech", "--beneficiary", "acme", "--kind", "integration",
            "--description", "Certified connector", "--due", "2025-03-31", "--at", "2025-01-16",
        ])
        #expect(commitment.wholeMatch(of: /c-[0-9a-f]{5}/) != nil)
        let fulfilled = try sandbox.succeed(["commitment", "fulfil", commitment, "-p", "acme-iot", "--quality", "5", "--at", "2025-03-28"])
        #expect(fulfilled.output == "Recorded CommitmentFulfilled \(commitment) in acme-iot at position 6.\n")

        let history = try sandbox.succeed(["history"])
        let lines = history.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix("    #  OCCURRED"))
        #expect(lines[5].contains("2025-01-16 00:00") && lines[5].contains("tester") && lines[5].contains("CommitmentMade"))
        #expect(lines[5].hasSuffix(#"initech commits integration \#(commitment) to acme by 2025-03-31: "Certified connector""#))
        #expect(lines[6].hasSuffix("commitment \(commitment) fulfilled, quality 5/5"))

        let verified = try sandbox.succeed(["verify"])
        #expect(verified.output.hasPrefix("Verified 6 events. Head digest "))
        let digest = try sandbox.succeed(["digest"])
        #expect(verified.output.contains(String(digest.output.prefix(64))))

        let show = try sandbox.succeed(["partnership", "show", "acme-iot"])
        #expect(show.output.contains("\(commitment)  initech  acme  integration  2025-03-31  fulfilled"))
        #expect(show.output.contains("Send the pilot plan"))
    }
}
