import Foundation
internal import LMDB

extension EventLog {
    /// Writes a compacted, consistent copy of the live ledger into `directory` (created when
    /// missing, and it must be empty), while appends go on, and verifies the copy.
    ///
    /// The copy holds exactly the log as of one commit. The corresponding C function is
    /// `mdb_env_copy2` with `MDB_CP_COMPACT` (as `mdb_copy -c`).
    @discardableResult
    public func backup(to directory: String) throws -> VerificationReport {
        try EventLog.prepareEmptyDirectory(directory)
        try storageErrors { try environment.copy(to: directory, compacting: true) }
        let copy = try EventLog(path: directory, options: EventLogOptions(isReadOnly: true))
        let report = try copy.verify(deep: true)
        guard report.isIntact else { throw EventLogError.verificationFailed(path: directory, report: report) }
        return report
    }

    /// Restores a backup into `destination` (missing or empty), then opens and verifies it.
    ///
    /// On a failed verification the restored files are removed again and the error says
    /// where the chain broke.
    @discardableResult
    public static func restore(from backup: String, to destination: String) throws -> VerificationReport {
        let source = URL(fileURLWithPath: backup).appendingPathComponent("data.mdb").path
        guard FileManager.default.fileExists(atPath: source) else {
            throw EventLogError.notALedger(path: backup, reason: "there is no data.mdb to restore")
        }
        // Checked before anything is created: a refused restore leaves nothing behind.
        if let problem = DataFileCheck.problem(at: source, allowingEmpty: false) {
            throw EventLogError.damaged(path: source, reason: problem)
        }
        let existed = FileManager.default.fileExists(atPath: destination)
        try prepareEmptyDirectory(destination)
        let target = URL(fileURLWithPath: destination).appendingPathComponent("data.mdb").path
        do {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        } catch {
            throw EventLogError.fileSystem(path: target, reason: "cannot copy the backup (\(error.localizedDescription))")
        }
        do {
            let restored = try EventLog(path: destination, options: EventLogOptions(isReadOnly: false))
            let report = try restored.verify(deep: true)
            guard report.isIntact else { throw EventLogError.verificationFailed(path: destination, report: report) }
            return report
        } catch {
            for file in ["data.mdb", "lock.mdb"] {
                try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: destination).appendingPathComponent(file).path)
            }
            if !existed { try? FileManager.default.removeItem(atPath: destination) }
            throw error
        }
    }

    static func prepareEmptyDirectory(_ directory: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, (try? manager.contentsOfDirectory(atPath: directory))?.isEmpty == true else {
                throw EventLogError.destinationNotEmpty(path: directory)
            }
            return
        }
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EventLogError.fileSystem(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
    }
}
