import Foundation
import Testing

/// Text stored in the ledger never acts on the terminal: control characters are shown escaped
/// in every text output, and JSON keeps them exactly.
@Suite("Terminal-safe output")
struct TerminalSafetyTests {
    static let hostile = "Acme\u{1B}]0;pwned\u{07}\u{1B}[2J x \u{9B}31m"

    @Test func storedControlCharactersAreShownEscaped() throws {
        let sandbox = Sandbox()
        try sandbox.succeed(["init", "--organization", "acme", "--name", "Acme Corp"])
        try sandbox.succeed(["partnership", "open", "acme-iot", "--name", Self.hostile, "--party", "initech=Initech", "--at", "2025-01-06"])
        try sandbox.succeed(["disclose", "-p", "acme-iot", "--party", "acme", "--topic", Self.hostile, "--proactive"])
        let outputs = [
            try sandbox.succeed(["history"]).output,
            try sandbox.succeed(["partnership", "list"]).output,
            try sandbox.succeed(["partnership", "show", "acme-iot"]).output,
            try sandbox.succeed(["report", "acme-iot", "--format", "text"]).output,
            try sandbox.succeed(["health"]).output,
        ]
        for output in outputs {
            #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" }, "raw control character in: \(output)")
            #expect(output.contains(#"Acme\u001b]0;pwned\u0007\u001b[2J x \u009b31m"#), "\(output)")
        }
        let file = sandbox.directory.appending("report.txt")
        try sandbox.succeed(["report", "acme-iot", "--format", "text", "-o", file])
        #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains("\u{1B}"))
        // JSON keeps the text exactly
        let exported = try sandbox.succeed(["export"]).output
        let first = try #require(exported.split(separator: "\n").first)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect((line["payload"] as? [String: Any])?["name"] as? String == Self.hostile)
        let history = try #require(try sandbox.succeed(["history", "--json"]).json() as? [String: Any])
        let summary = try #require((history["events"] as? [[String: Any]])?.first?["summary"] as? String)
        #expect(summary.contains(Self.hostile))
    }
}
