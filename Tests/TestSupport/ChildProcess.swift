import Foundation

/// A program the tests start and watch: its output lines, its exit, or a `kill -9`.
public final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()
    /// Signalled once standard output reached its end: everything printed is in `buffer`.
    private let drained = DispatchSemaphore(value: 0)

    /// Starts `executable` with `arguments`; standard output is collected, standard error inherited.
    public init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        try process.run()
        // One thread reads until the end of the output, so nothing the child printed can
        // arrive after a caller has seen it exit.
        let reader = output.fileHandleForReading
        Thread { [self] in
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                lock.withLock { buffer.append(chunk) }
            }
            drained.signal()
        }.start()
    }

    /// Everything the child has printed so far.
    public var printed: String {
        lock.withLock { String(decoding: buffer, as: UTF8.self) }
    }

    /// Waits until the child has printed `text`, up to `timeout` seconds; returns whether it did.
    public func waitFor(_ text: String, timeout: TimeInterval = 120) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if printed.contains(text) { return true }
            if !process.isRunning {
                _ = drained.wait(timeout: .now() + 10)
                drained.signal()
                return printed.contains(text)
            }
            usleep(2_000)
        }
        return false
    }

    /// Sends SIGKILL and waits for the child to end.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the child to end and for everything it printed, and returns its exit status.
    @discardableResult
    public func waitForExit() -> Int32 {
        process.waitUntilExit()
        _ = drained.wait(timeout: .now() + 10)
        drained.signal()
        return process.terminationStatus
    }

    /// The path of an executable built beside the running test bundle, such as `eventlog-probe`.
    public static func builtProduct(_ name: String) -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
