import Foundation
import Testing

/// `pledger report` through the binary: formats, files, ranges, the ledger seal and bad options.
@Suite("Trend report command")
struct TrendReportCommandTests {
    /// A ledger whose acme-iot partnership (opened 2025-01-06) has calls just inside and just outside March 2025.
    static func marchLedger() throws -> Sandbox {
        let sandbox = try Sandbox.withPartnership()
        for instant in ["2025-02-28T23:59:59.999Z", "2025-03-01T00:00:00Z", "2025-03-31T23:59:59.999Z", "2025-04-01T00:00:00Z"] {
            try sandbox.succeed([
                "log", "call", "-p", "acme-iot", "--attendee", "acme:manager", "--attendee", "initech:manager", "--at", instant,
            ])
        }
        return sandbox
    }

    @Test func aRangeCoversExactlyTheEventsThatOccurredInIt() throws {
        let sandbox = try Self.marchLedger()
        let run = try sandbox.succeed(["report", "acme-iot", "--from", "2025-03-01", "--to", "2025-03-31", "--format", "json"])
        let report = try #require(run.json() as? [String: Any])
        let trend = try #require((report["partnerships"] as? [[String: Any]])?.first)
        #expect(trend["eventCount"] as? Int == 2)
        let periods = try #require(trend["periods"] as? [[String: Any]])
        #expect(periods.map { $0["period"] as? String } == ["2025-03"])
        let acme = try #require((periods.first?["parties"] as? [[String: Any]])?.first)
        #expect(acme["callsHeld"] as? Int == 2)
        let history = try sandbox.succeed([
            "history", "--partnership", "acme-iot", "--since", "2025-03-01T00:00:00Z", "--until", "2025-03-31T23:59:59.999Z", "--json",
        ])
        let events = try #require((history.json() as? [String: Any])?["events"] as? [Any])
        #expect(events.count == 2)
    }

    @Test func theReportIsSealedWithTheLedgersHead() throws {
        let sandbox = try Self.marchLedger()
        let report = try #require(try sandbox.succeed(["report", "--all", "--json", "--to", "2025-06-30"]).json() as? [String: Any])
        let seal = try #require(report["ledger"] as? [String: Any])
        let head = try #require(try sandbox.succeed(["digest", "--json"]).json() as? [String: Any])
        #expect(seal["headDigest"] as? String == head["digest"] as? String)
        #expect(seal["headPosition"] as? Int == head["position"] as? Int)
        #expect(report["scope"] as? String == "portfolio")
        #expect(report["modelVersion"] as? String == "2026.3-default")
    }

    @Test func theOutputFilesExtensionChoosesTheFormat() throws {
        let sandbox = try Self.marchLedger()
        for (file, marker) in [("r.html", "<svg "), ("r.md", "| Period | Party |"), ("r.csv", "partnership,period,first_day"), ("r.json", "\"reportVersion\"")] {
            let path = sandbox.directory.appending(file)
            let run = try sandbox.succeed(["report", "acme-iot", "--from", "2025-01-01", "--to", "2025-06-30", "-o", path])
            #expect(run.output.contains("to \(path)."), "\(run.output)")
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(written.contains(marker), "\(file) lacks \(marker)")
        }
    }

    @Test func textByQuarterHasItsPeriodsSparklinesAndVerdict() throws {
        let sandbox = try Self.marchLedger()
        let run = try sandbox.succeed(["report", "acme-iot", "--from", "2025-01-01", "--to", "2025-06-30", "--period", "quarter"])
        #expect(run.output.hasPrefix("Trend report: acme-iot (Acme x Initech)\n"))
        #expect(run.output.contains("2025-01-01 – 2025-06-30 by quarter"))
        #expect(run.output.contains("  2025-Q1* "))
        #expect(run.output.contains("  2025-Q2 "))
        #expect(run.output.contains("Verdict: "))
        #expect(!run.output.contains("\u{1B}["), "NO_COLOR is set")
    }

    @Test(arguments: [
        (["report", "acme-iot", "--all"], Int32(64), "Give a partnership or --all, not both"),
        (["report", "acme-iot", "--from", "2025-05-01", "--to", "2025-04-01"], Int32(64), "--from 2025-05-01 is after --to 2025-04-01"),
        (["report", "acme-iot", "--from", "2025-02-30"], Int32(65), "--from"),
        (["report", "acme-iot", "--period", "week"], Int32(64), "week"),
        (["report", "acme-iot", "--to", "2024-12-31"], Int32(64), "acme-iot was not opened by --to 2024-12-31"),
        (["report", "nosuch"], Int32(65), "nosuch"),
        (["report", "--json", "--format", "csv"], Int32(64), "--json asks for JSON but --format is csv"),
    ])
    func badOptionsAreRefusedNamingTheOption(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let sandbox = try Self.marchLedger()
        let run = try sandbox.pledger(arguments)
        #expect(run.status == status, "\(arguments): \(run.error)")
        #expect(run.error.contains(message), "\(arguments): \(run.error)")
        #expect(run.output.isEmpty)
    }

    @Test func anUnwritableOutputFileIsAStorageFailureAndLeavesNothing() throws {
        let sandbox = try Self.marchLedger()
        let path = sandbox.directory.appending("missing-directory/r.html")
        let run = try sandbox.pledger(["report", "acme-iot", "-o", path])
        #expect(run.status == 74, "\(run.error)")
        #expect(run.error.contains("cannot write \(path)"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// The repository's `tools/check_schemas.py`.
    static let schemaCheck = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/check_schemas.py").path

    @Test func theDemosJSONReportsValidateAgainstTheReportSchema() throws {
        let sandbox = Sandbox()
        try sandbox.succeed(["demo", sandbox.ledger])
        let portfolio = sandbox.directory.appending("portfolio.json")
        let lumen = sandbox.directory.appending("lumen.json")
        try sandbox.succeed(["report", "--all", "--from", "2024-06-01", "-o", portfolio])
        try sandbox.succeed(["report", "lumen", "--period", "quarter", "--known-at", ReportCommandTests.date(daysFromToday: -14), "-o", lumen])
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", Self.schemaCheck, "--report", portfolio, lumen]
        let output = Pipe()
        check.standardOutput = output
        check.standardError = output
        try check.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "\(text)")
        #expect(text.contains("reports: 2 valid, 0 rejected"), "\(text)")
    }

    @Test func theDemoWritesItsHTMLReportAndPrintsItsPath() throws {
        let sandbox = Sandbox()
        let run = try sandbox.succeed(["demo", sandbox.ledger])
        let lines = run.output.split(separator: "\n").map(String.init)
        let path = sandbox.ledger + "-report.html"
        #expect(lines.last == "  " + path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        for slug in ["helix", "quarry", "orbital", "lumen"] {
            #expect(html.contains(#"id="p-\#(slug)""#))
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4 * 9)
        let portfolio = try #require(lines.firstIndex { $0.hasPrefix("RANK  PARTNERSHIP") })
        // three ranked partnerships; lumen, seven weeks old, apart as onboarding (a heading, a header, its row; blank lines are not counted)
        #expect(lines.count - portfolio == 1 + 3 + 3 + 2, "the portfolio and the report's path end the output: \(run.output)")
    }
}
