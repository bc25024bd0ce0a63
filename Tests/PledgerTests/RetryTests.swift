import Foundation
import Testing

/// A script that retries after a timeout runs the very same command line again, usually
/// without `--at`: with the same `--event-id` it records nothing new.
@Suite("Retrying a recording command with the same event id")
struct RetryTests {
    /// Recording commands that generate a short id or default the business time, each with the
    /// facts it states; run twice with one `--event-id`.
    static let commands: [[String]] = [
        ["log", "call", "-p", "acme-iot", "--attendee", "initech:manager", "--action", "initech:2025-03-01:Send the plan"],
        ["log", "qbr", "scheduled", "-p", "acme-iot", "--for", "2025-04-01T14:00:00Z", "--organizer", "acme"],
        ["opportunity", "share", "-p", "acme-iot", "--from", "initech", "--to", "acme", "--kind", "referral", "--value", "80000", "--currency", "EUR"],
        ["commitment", "make", "-p", "acme-iot", "--owner", "initech", "--beneficiary", "acme", "--kind", "integration", "--description", "Connector", "--due", "2025-06-30"],
        ["objective", "-p", "acme-iot", "--party", "acme", "--statement", "Grow in utilities", "--kind", "market", "--horizon", "long"],
        ["info", "request", "-p", "acme-iot", "--by", "acme", "--to", "initech", "--category", "pipeline"],
    ]

    @Test(arguments: commands.indices, [false, true])
    func theSameCommandTwiceRecordsOnce(_ index: Int, withTime: Bool) throws {
        let sandbox = try Sandbox.withPartnership()
        let id = UUID().uuidString.lowercased()
        let command = Self.commands[index] + ["--event-id", id] + (withTime ? ["--at", "2025-02-03T10:00:00Z"] : [])
        let first = try #require(try sandbox.succeed(command + ["--json"]).json() as? [String: Any])
        let digest = try sandbox.succeed(["digest"]).output
        let second = try sandbox.pledger(command + ["--json"])
        #expect(second.status == 0, "\(command.joined(separator: " ")): \(second.error)")
        let receipt = try #require(second.json() as? [String: Any])
        #expect(receipt["wasAlreadyStored"] as? Bool == true)
        #expect(receipt["position"] as? Int == first["position"] as? Int)
        #expect(receipt["subject"] as? String == first["subject"] as? String, "the retry names the id the first run generated")
        #expect(try sandbox.succeed(["digest"]).output == digest, "nothing was written")
        let text = try sandbox.succeed(command).output
        #expect(text.hasPrefix("Already recorded:"), "\(text)")
    }

    /// A value the user gave that differs from the stored one is refused, naming the option.
    @Test func aDifferentValueUnderTheSameIdIsRefusedNamingIt() throws {
        let sandbox = try Sandbox.withPartnership()
        let id = UUID().uuidString.lowercased()
        let base = ["commitment", "make", "-p", "acme-iot", "--owner", "initech", "--beneficiary", "acme", "--kind", "integration", "--due", "2025-06-30", "--event-id", id]
        try sandbox.succeed(base + ["--description", "Connector"])
        let digest = try sandbox.succeed(["digest"]).output
        let changed = try sandbox.pledger(base + ["--description", "Another connector"])
        #expect(changed.status == 65)
        #expect(changed.error.contains("--description"), "\(changed.error)")
        #expect(changed.error.contains("already stored at position 2"), "\(changed.error)")
        let moved = try sandbox.pledger(base + ["--description", "Connector", "--at", "2025-02-03"])
        #expect(moved.status == 65)
        #expect(moved.error.contains("--at"), "\(moved.error)")
        #expect(try sandbox.succeed(["digest"]).output == digest)
    }
}
