import Foundation
import PartnerDomain

/// Transparency per party over the transparency window (180 days), and the asymmetry between parties.
public struct TransparencyReport: Codable, Sendable, Equatable {
    /// The scoring model's version.
    public var modelVersion: String
    /// The window in days.
    public var windowDays: Int
    /// Whether there is data: a transparency event in the window, or a partnership open for the whole window (silence is then evidence).
    public var hasData: Bool
    /// The categories breadth is measured over: the charter's, or the model's defaults.
    public var expectedCategories: [InformationCategory]
    /// Each party's transparency, in the order the parties were declared; empty without data.
    public var parties: [PartyTransparency]
    /// The highest party score minus the lowest, among parties with enough evidence; nil with fewer than two.
    public var asymmetry: Double?
    /// The party with the lowest score among those with enough evidence; nil without one.
    public var leastTransparentParty: String?

    /// One party's transparency.
    public func party(_ id: String) -> PartyTransparency? {
        parties.first { $0.party == id }
    }
}

/// One party's transparency: `T_p = 100 * (0.4 breadth + 0.3 respond + 0.3 candour)`.
public struct PartyTransparency: Codable, Sendable, Equatable {
    /// The party.
    public var party: String
    /// `T_p`, 0..100.
    public var score: Double
    /// Mean over expected categories of the best depth shared.
    public var breadth: Double
    /// `L(requests answered within 10 days, requests received)`.
    public var respond: Double
    /// `(proactive + 1) / (proactive + surprises + 2)`.
    public var candour: Double
    /// Requests to the party that count: answered, declined, or open past the answer window.
    public var requestsReceived: Int
    /// Of those, answered within the answer window.
    public var requestsAnsweredInTime: Int
    /// Proactive disclosures by the party.
    public var proactiveDisclosures: Int
    /// Surprises discovered about the party.
    public var surprises: Int
    /// The events behind the score.
    public var evidence: [Evidence]
    /// The evidence the score needs against what the party has (model `sufficiency.components.transparency`).
    public var evidenceCounts: [EvidenceCount]

    /// Whether the party has the evidence its transparency needs; without it the score is only indicative:
    /// it counts toward neither health, the asymmetry, nor a flag.
    public var hasEnoughEvidence: Bool { evidenceCounts.areMet }
}
