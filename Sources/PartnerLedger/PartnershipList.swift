import EventLog
import Foundation

/// One line of `partnership list`: what a partnership is and what it has open, without the
/// detail of ``PartnershipOverview``.
///
/// Each partnership's entry is checkpointed in the ledger (see
/// ``Ledger/partnershipList(today:progress:)``), so that listing a ledger of any size reads
/// one small checkpoint per partnership and folds only the partnerships that changed.
public struct PartnershipListEntry: Sendable, Codable, Equatable {
    /// The partnership's slug.
    public let slug: String
    /// Its display name.
    public let name: String
    /// Its parties, in declared order.
    public let parties: [PartnershipOpened.Party]
    /// What it is called now: the declared type or the latest reclassification.
    public let label: String
    /// `open` or `closed`.
    public let status: String
    /// The business time of its latest event.
    public let lastEventAt: Timestamp
    /// How many events its stream holds, retractions included.
    public let eventCount: Int
    /// The due dates of its open commitments, in the order they were made.
    public let openCommitmentDueDates: [CalendarDate]
    /// Opportunities shared or accepted and not yet decided.
    public let openOpportunityCount: Int

    /// The entry of a partnership's overview.
    public init(_ overview: PartnershipOverview) {
        slug = overview.slug
        name = overview.name
        parties = overview.parties
        label = overview.label
        status = overview.status
        lastEventAt = overview.lastEventAt
        eventCount = overview.eventCount
        openCommitmentDueDates = overview.commitments.filter { $0.status == "open" }.map(\.dueDate)
        openOpportunityCount = overview.openOpportunityCount
    }

    /// Open commitments.
    public var openCommitmentCount: Int { openCommitmentDueDates.count }

    /// Open commitments due before `today`.
    public func overdueCommitmentCount(today: CalendarDate) -> Int {
        openCommitmentDueDates.filter { $0 < today }.count
    }
}

/// How far a listing has come while it folds partnerships whose entries were missing or stale.
public struct ListingProgress: Sendable, Equatable {
    /// Partnerships folded so far.
    public let folded: Int
    /// Partnerships to fold in all.
    public let toFold: Int
}

extension Ledger {
    /// The version of the checkpointed list entries, part of every consumer name: change it
    /// whenever ``PartnershipListEntry`` or the way an entry is computed changes, so that no
    /// program reads entries another computed differently (they are then folded again).
    static let listEntryFormat = "list-v1"

    /// The checkpoint consumer that holds a partnership's list entry.
    static func listEntryConsumer(of slug: String) -> String { "overview/\(listEntryFormat)/partnership/\(slug)" }

    /// Every partnership's list entry, sorted by slug.
    ///
    /// Each entry is read from its checkpoint when the checkpoint was made at the stream's
    /// current version; a missing or stale one is never trusted: its partnership's stream is
    /// folded again and the entry saved for the next listing (on a ledger that cannot be
    /// written, the entries are folded every time and nothing is saved). `progress` hears of
    /// each partnership folded; it is called only when some are.
    public func partnershipList(today: CalendarDate, progress: ((ListingProgress) -> Void)? = nil) throws -> [PartnershipListEntry] {
        let streams = try log.streams().sorted { $0.stream < $1.stream }
        let stored = try log.checkpoints(of: streams.map { Self.listEntryConsumer(of: $0.stream) })
        var entries: [PartnershipListEntry] = []
        var stale: [(stream: String, version: UInt64, previous: UInt64)] = []
        for (index, stream) in streams.enumerated() {
            if let checkpoint = stored[index], let saved = StoredListEntry.decode(checkpoint.state), saved.streamVersion == stream.version {
                if let entry = saved.entry { entries.append(entry) }
            } else {
                stale.append((stream.stream, stream.version, stored[index]?.position ?? 0))
            }
        }
        var saves: [CheckpointSave] = []
        for (done, item) in stale.enumerated() {
            let wasFolded = streamVersions[item.stream] != nil
            let entry = try overview(ofStream: item.stream, today: today).map(PartnershipListEntry.init)
            if let entry { entries.append(entry) }
            if let last = try log.lastEvent(inStream: item.stream, atOrBefore: item.version) {
                saves.append(CheckpointSave(
                    consumer: Self.listEntryConsumer(of: item.stream), previous: item.previous, position: last.position,
                    state: StoredListEntry(streamVersion: item.version, entry: entry).encoded()))
            }
            if !wasFolded {
                // Listing folds each partnership once; holding them all would cost the whole ledger.
                registry.forget(partnership: item.stream)
                streamVersions[item.stream] = nil
            }
            progress?(ListingProgress(folded: done + 1, toFold: stale.count))
            if saves.count >= Self.listEntriesPerCommit {
                try saveListEntries(saves)
                saves = []
            }
        }
        try saveListEntries(saves)
        return entries.sorted { $0.slug < $1.slug }
    }

    /// The slugs of every opened partnership, sorted, from the list entries.
    public func partnershipSlugs() throws -> [String] {
        try partnershipList(today: environment.now().calendarDate).map(\.slug)
    }

    /// How many list entries are saved in one commit.
    static let listEntriesPerCommit = 64

    /// Saves list entries; an entry another process saved meanwhile is left as it is, and a
    /// ledger that cannot be written keeps none (the next listing folds them again).
    private func saveListEntries(_ saves: [CheckpointSave]) throws {
        guard !saves.isEmpty, !log.options.isReadOnly else { return }
        do {
            _ = try log.saveCheckpoints(saves)
        } catch EventLogError.storage, EventLogError.fileSystem {
            return
        }
    }
}

/// A list entry as checkpointed: the entry (none for a stream whose partnership is not
/// opened) and the stream version it was made at.
private struct StoredListEntry: Codable {
    let streamVersion: UInt64
    let entry: PartnershipListEntry?

    static func decode(_ bytes: [UInt8]) -> StoredListEntry? {
        try? JSONDecoder().decode(StoredListEntry.self, from: Data(bytes))
    }

    func encoded() -> [UInt8] {
        (try? Array(JSONEncoder().encode(self))) ?? []
    }
}
