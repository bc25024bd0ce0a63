import EventLog
import Foundation
import Testing
import TestSupport

/// What a program printed and how it ended.
struct ProgramResult {
    let status: Int32
    let output: String
    let errors: String

    /// The output's lines, without the empty last one.
    var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}

/// Runs `executable` with `arguments` to completion and collects both of its output streams.
func runProgram(_ executable: String, _ arguments: [String]) throws -> ProgramResult {
    let scratch = TemporaryDirectory(prefix: "program-output")
    let outputPath = scratch.appending("stdout")
    let errorsPath = scratch.appending("stderr")
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    try output.close()
    try errors.close()
    return ProgramResult(
        status: process.terminationStatus,
        output: try String(contentsOfFile: outputPath, encoding: .utf8),
        errors: try String(contentsOfFile: errorsPath, encoding: .utf8))
}

/// The first executable called `name` on `PATH`, or `nil`.
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// One of LMDB's command-line tools in /usr/bin (Debian: lmdb-utils).
func lmdbTool(_ name: String) throws -> String {
    let path = "/usr/bin/\(name)"
    try #require(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing: install lmdb-utils (CI does)")
    return path
}

/// The `eventlog-probe` child program built with the tests.
func probeExecutable() throws -> String {
    let path = ChildProcess.builtProduct("eventlog-probe")
    try #require(FileManager.default.isExecutableFile(atPath: path), "eventlog-probe is not built at \(path)")
    return path
}

/// Starts `eventlog-probe` with `arguments`.
func startProbe(_ arguments: [String]) throws -> ChildProcess {
    try ChildProcess(executable: try probeExecutable(), arguments: arguments)
}

/// The fields every probe event carries in its payload.
struct ProbePayload: Decodable, Hashable {
    let writer: String
    let batch: Int
    let index: Int
}

extension RecordedEvent {
    /// The payload of an event the probe wrote.
    func probePayload() throws -> ProbePayload {
        try JSONDecoder().decode(ProbePayload.self, from: payloadData)
    }
}

/// Checks that the events of each probe batch hold one contiguous block of positions, in the
/// order the batch listed them; returns the number of batches found.
@discardableResult
func expectEachBatchIsContiguous(_ events: [RecordedEvent]) throws -> Int {
    var blocks: [String: [(position: UInt64, index: Int)]] = [:]
    for event in events {
        let payload = try event.probePayload()
        blocks["\(payload.writer)/\(payload.batch)", default: []].append((event.position, payload.index))
    }
    for (name, block) in blocks {
        let first = block[0].position
        let expected = (0..<block.count).map { (first + UInt64($0), $0) }
        #expect(block.map(\.position) == expected.map(\.0), "batch \(name) is not one contiguous block of positions")
        #expect(block.map(\.index) == expected.map(\.1), "batch \(name) is stored out of order")
    }
    return blocks.count
}

/// The path of a file of the repository, found from this source file.
func repositoryFile(_ relativePath: String, filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        .appendingPathComponent("../../\(relativePath)").standardizedFileURL.path
}
