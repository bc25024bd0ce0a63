import Foundation
import Testing

/// A ledger whose data file cannot be written (`chattr +i`, which needs root and a file system
/// that supports it): the reporting commands fold the states in memory and write nothing.
@Suite("Reports of a ledger that cannot be written")
struct ReadOnlyLedgerTests {
    /// Runs `chattr` with `arguments`; whether it succeeded.
    @discardableResult
    static func chattr(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether files can be made immutable here: root, `chattr` present and a file system that takes the flag.
    static let canMakeFilesImmutable: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("pledger-immutable-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else { return false }
        defer {
            chattr(["-i", probe])
            try? FileManager.default.removeItem(atPath: probe)
        }
        return chattr(["+i", probe])
    }()

    @Test(.enabled(if: canMakeFilesImmutable, "needs root and a file system that supports immutable files"))
    func reportsAreTheSameAndNothingIsWritten() throws {
        let sandbox = try ReportCommandTests.demo()
        let written = try sandbox.succeed(["health", "--json", "--as-of", ReportCommandTests.date(daysFromToday: -1)]).output
        let flags = try sandbox.succeed(["flags", "quarry", "--json", "--as-of", ReportCommandTests.date(daysFromToday: -1)]).output
        let data = sandbox.ledger + "/data.mdb"
        let before = try Data(contentsOf: URL(fileURLWithPath: data))
        #expect(Self.chattr(["+i", data, sandbox.ledger]))
        defer { Self.chattr(["-i", data, sandbox.ledger]) }
        let readOnly = try sandbox.succeed(["health", "--json", "--as-of", ReportCommandTests.date(daysFromToday: -1)]).output
        #expect(readOnly == written)
        #expect(try sandbox.succeed(["flags", "quarry", "--json", "--as-of", ReportCommandTests.date(daysFromToday: -1)]).output == flags)
        #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == before)

        // LMDB must write its lock file even to read: without it, the error says so and what to do.
        let lock = sandbox.ledger + "/lock.mdb"
        #expect(Self.chattr(["+i", lock]))
        defer { Self.chattr(["-i", lock]) }
        let refused = try sandbox.pledger(["health"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("lock.mdb") && refused.error.contains("give this user write access"), "stderr: \(refused.error)")
        #expect(!refused.error.contains("LMDB error"), "stderr: \(refused.error)")
    }
}
