import Foundation

/// Where the ledger is: `--ledger`, then `PLEDGER_LEDGER`, then a per-user default.
///
/// The per-user default follows the XDG base directories: `$XDG_DATA_HOME/pledger/ledger`
/// when `XDG_DATA_HOME` is set to an absolute path, else `~/.local/share/pledger/ledger`.
public enum LedgerLocation {
    /// The environment variable that names the ledger when `--ledger` is not given.
    public static let environmentVariable = "PLEDGER_LEDGER"

    /// The ledger path to use, from the command-line option, the environment, or the default.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return absolute(option) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return absolute(fromEnvironment) }
        return defaultPath(environment: environment)
    }

    /// The per-user default: `$XDG_DATA_HOME/pledger/ledger`, else `~/.local/share/pledger/ledger`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return (dataHome as NSString).appendingPathComponent("pledger/ledger")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/pledger/ledger")
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.path
    }
}
