import Foundation
import TestSupport
import Testing

/// What one run of the `pledger` binary did.
struct Run {
    let status: Int32
    let output: String
    let error: String

    /// The JSON document printed on standard output.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.utf8))
    }
}

/// A temporary directory with a ledger location in it, where tests run the built `pledger` binary.
final class Sandbox: @unchecked Sendable {
    let directory = TemporaryDirectory(prefix: "pledger-cli-test")
    private let lock = NSLock()
    private var runs = 0

    /// The ledger directory that `PLEDGER_LEDGER` names.
    var ledger: String { directory.appending("ledger") }

    static let binary = ChildProcess.builtProduct("pledger")

    /// Runs `pledger` with `arguments`, standard input from `input`, in a plain environment:
    /// no colour, user `tester`, `HOME` in the sandbox, `PLEDGER_LEDGER` set to ``ledger``.
    @discardableResult
    func pledger(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Run {
        let number = lock.withLock {
            runs += 1
            return runs
        }
        let outputPath = directory.appending("run-\(number).out")
        let errorPath = directory.appending("run-\(number).err")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary)
        process.arguments = arguments
        var variables = [
            "PATH": "/usr/bin:/bin", "HOME": directory.path, "NO_COLOR": "1", "USER": "tester",
            "PLEDGER_LEDGER": ledger,
        ]
        variables.merge(environment) { $1 }
        process.environment = variables.filter { !$0.value.isEmpty }
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        if let input {
            let inputPath = directory.appending("run-\(number).in")
            _ = FileManager.default.createFile(atPath: inputPath, contents: input)
            process.standardInput = FileHandle(forReadingAtPath: inputPath)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self),
            error: String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self))
    }

    /// Runs `pledger` and requires success.
    @discardableResult
    func succeed(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Run {
        let run = try pledger(arguments, input: input, environment: environment)
        guard run.status == 0 else {
            throw Failure(description: "pledger \(arguments.joined(separator: " ")) exited \(run.status): \(run.error)")
        }
        return run
    }

    /// The ledger's head position, from `pledger digest --json`.
    func headPosition(ledger path: String? = nil) throws -> Int {
        let run = try succeed(["digest", "--json"] + (path.map { ["--ledger", $0] } ?? []))
        let object = try #require(run.json() as? [String: Any])
        return try #require(object["position"] as? Int)
    }

    /// `init` for acme and `partnership open acme-iot` with initech.
    static func withPartnership() throws -> Sandbox {
        let sandbox = Sandbox()
        try sandbox.succeed(["init", "--organization", "acme", "--name", "Acme Corp"])
        try sandbox.succeed(["partnership", "open", "acme-iot", "--name", "Acme x Initech", "--party", "initech=Initech", "--at", "2025-01-06"])
        return sandbox
    }

    /// Runs a recording command with `--json` and returns the short id it introduced.
    func recordedID(_ arguments: [String]) throws -> String {
        let run = try succeed(arguments + ["--json"])
        let object = try #require(run.json() as? [String: Any])
        return try #require(object["subject"] as? String)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
