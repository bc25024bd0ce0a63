import Foundation

/// Ledger-level settings, kept in the file `pledger-settings.json` inside the ledger directory.
///
/// The settings are not events: they say who owns this copy of the ledger, which
/// differs between two organisations that exchange the same history, and they stay out
/// of the hash chain so that an export re-imports to identical digests. `pledger backup`
/// and `pledger restore` carry the file along with the log.
public struct LedgerSettings: Codable, Sendable, Equatable {
    /// The name of the settings file inside the ledger directory.
    public static let fileName = "pledger-settings.json"

    /// The organisation that keeps the ledger: its party id in every partnership, and its display name.
    public var organization: PartnershipOpened.Party

    /// Creates settings for an organisation.
    public init(organization: PartnershipOpened.Party) {
        self.organization = organization
    }

    /// The settings stored in a ledger directory, or `nil` when it has none.
    public static func load(fromLedger directory: String) throws -> LedgerSettings? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(LedgerSettings.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw LedgerError.settings(path: path, reason: "it is not a settings file (\(error.localizedDescription)); restore it from a backup or run `pledger init` again after removing it")
        }
    }

    /// Writes the settings into a ledger directory, replacing the file atomically.
    public func save(toLedger directory: String) throws {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LedgerError.settings(path: path, reason: "it cannot be written (\(error.localizedDescription))")
        }
    }
}
