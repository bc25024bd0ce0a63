import Foundation
import LMDB
import Testing
import TestSupport

@Suite("Map growth under concurrency")
struct ResizeRaceTests {
    @Test func writersGrowingTheMapWhileOthersReadItsInfoNeverCrash() throws {
        let directory = TemporaryDirectory(prefix: "resize-race")
        let environment = try Environment(path: directory.path, options: EnvironmentOptions(mapSize: 1))
        let database = try environment.openDatabases([("data", .create)])[0]
        let startSize = environment.mapSize
        let group = DispatchGroup()
        let failures = Failures()
        for writer in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    for round in 0..<25 {
                        try environment.write { txn in
                            for item in 0..<40 {
                                let key = Array("w\(writer)-r\(round)-i\(item)".utf8)
                                try txn.put(database, key: key, value: [UInt8](repeating: UInt8(writer), count: 1_000))
                            }
                        }
                    }
                } catch {
                    failures.record(error)
                }
            }.start()
        }
        let done = Done()
        group.enter()
        Thread {
            defer { group.leave() }
            // mdb_env_info reads the map's meta pages: it must never run during a remap.
            while !done.value { _ = environment.info }
        }.start()
        DispatchQueue.global().async {
            while group.wait(timeout: .now() + 0.01) == .timedOut, !done.value {
                if (try? environment.read({ try $0.statistics(database).entries })) == 4 * 25 * 40 { done.value = true }
            }
        }
        group.wait()
        #expect(failures.errors.isEmpty, "\(failures.errors)")
        #expect(try environment.read { try $0.statistics(database).entries } == 4 * 25 * 40)
        #expect(environment.mapSize > startSize)
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func record(_ error: any Error) { lock.withLock { stored.append("\(error)") } }
    var errors: [String] { lock.withLock { stored } }
}

private final class Done: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false
    var value: Bool {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
