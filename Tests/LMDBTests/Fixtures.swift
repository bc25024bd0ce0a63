import Foundation
import LMDB
import TestSupport

/// An environment directory of its own for each test.
struct TestEnvironment {
    let directory = TemporaryDirectory(prefix: "lmdb")
    var path: String { directory.path }

    /// Opens the environment; release it before opening the same directory again
    /// (LMDB forbids two opens of one environment in a process).
    func open(mapSize: Int = 1 << 20, maxDatabases: Int = 8, maxReaders: Int = 126, isReadOnly: Bool = false) throws -> Environment {
        try Environment(path: path, options: EnvironmentOptions(
            mapSize: mapSize, maxDatabases: maxDatabases, maxReaders: maxReaders, isReadOnly: isReadOnly))
    }

    /// Opens the environment with the named databases created.
    func open(creating name: String, _ more: String..., flags: DatabaseFlags = []) throws -> (Environment, [Database]) {
        let environment = try open()
        let databases = try environment.openDatabases(([name] + more).map { ($0, flags.union(.create)) })
        return (environment, databases)
    }
}

/// The UTF-8 bytes of a string.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A buffer from LMDB as text (copied before the transaction ends).
func text(_ buffer: UnsafeRawBufferPointer?) -> String? {
    buffer.map { String(decoding: $0, as: UTF8.self) }
}

/// A cursor entry as `key=value` text.
func pair(_ entry: Entry?) -> String? {
    entry.map { "\(text($0.key)!)=\(text($0.value)!)" }
}

extension Transaction {
    func put(_ database: Database, _ key: String, _ value: String, flags: PutFlags = []) throws {
        try put(database, key: bytes(key), value: bytes(value), flags: flags)
    }

    func string(_ database: Database, _ key: String) throws -> String? {
        text(try get(database, key: bytes(key)))
    }

    @discardableResult
    func delete(_ database: Database, _ key: String, value: String? = nil) throws -> Bool {
        try bytes(key).withUnsafeBytes { keyBytes in
            guard let value else { return try delete(database, key: keyBytes) }
            return try bytes(value).withUnsafeBytes { try delete(database, key: keyBytes, value: $0) }
        }
    }
}

extension Cursor {
    func find(_ key: String) throws -> String? {
        try bytes(key).withUnsafeBytes { pair(try find(key: $0)) }
    }

    func seek(atOrAfter key: String) throws -> String? {
        try bytes(key).withUnsafeBytes { pair(try seek(atOrAfter: $0)) }
    }

    func seek(_ key: String, valueAtOrAfter value: String) throws -> String? {
        try bytes(key).withUnsafeBytes { keyBytes in
            try bytes(value).withUnsafeBytes { pair(try seek(key: keyBytes, valueAtOrAfter: $0)) }
        }
    }

    func put(_ key: String, _ value: String, flags: PutFlags = []) throws {
        try bytes(key).withUnsafeBytes { keyBytes in
            try bytes(value).withUnsafeBytes { try put(key: keyBytes, value: $0, flags: flags) }
        }
    }

    /// Every entry from the current position on, moving with `step`.
    func collect(from start: Entry?, step: () throws -> Entry?) rethrows -> [String] {
        var result: [String] = []
        var entry = start
        while let current = entry {
            result.append(pair(current)!)
            entry = try step()
        }
        return result
    }

    /// Every value from the current position on, moving with `step`.
    func values(from start: Entry?, step: () throws -> Entry?) rethrows -> [String] {
        var result: [String] = []
        var entry = start
        while let current = entry {
            result.append(text(current.value)!)
            entry = try step()
        }
        return result
    }
}

/// An error of the tests' own, to see that a write closure rethrows exactly what it threw.
struct Abandoned: Error, Equatable {}
