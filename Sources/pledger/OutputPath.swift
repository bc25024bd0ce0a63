import Foundation

/// Where a command may write a file it was asked to (`-o`, `--report`, a backup) or restore one
/// from: never inside the ledger.
enum OutputPath {
    /// Refuses `path` when it lies inside the ledger directory or is the directory itself,
    /// symbolic links resolved, so that no output can overwrite the ledger's own files;
    /// standard output (no path, or `-`) is always allowed.
    static func check(_ path: String?, option: String, ledger: String) throws {
        guard let path, path != "-" else { return }
        let target = resolved(path)
        let root = resolved(ledger)
        if target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
            throw OutputRefused.insideLedger(option: option, path: path, ledger: root)
        }
    }

    /// Whether an output should replace `path` atomically (a temporary file renamed over it):
    /// when nothing is there or a regular file is. A device or a pipe (`/dev/null`,
    /// `/dev/stdout`) is written in place; renaming over it would replace it with a file.
    static func isReplaceable(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return true }
        return status.st_mode & S_IFMT == S_IFREG
    }

    /// The absolute path with every symbolic link resolved, for a file that may not exist yet:
    /// the deepest existing directory is resolved and the rest appended.
    static func resolved(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let real = realpath(absolute, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let parent = (absolute as NSString).deletingLastPathComponent
        guard parent != absolute else { return absolute }
        return (resolved(parent) as NSString).appendingPathComponent((absolute as NSString).lastPathComponent)
    }
}

/// An output path refused before anything was written.
enum OutputRefused: Error, CustomStringConvertible {
    /// The path lies inside the ledger directory.
    case insideLedger(option: String, path: String, ledger: String)

    var description: String {
        switch self {
        case let .insideLedger(option, path, ledger):
            "\(option) \(path) is inside the ledger directory \(ledger); writing there could overwrite the ledger's own files. Use a path outside it."
        }
    }
}
