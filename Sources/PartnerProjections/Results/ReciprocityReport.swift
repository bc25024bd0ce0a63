import Foundation
import PartnerDomain

/// The five flows reciprocity weighs.
public enum ReciprocityFlow: String, Codable, Sendable, CaseIterable {
    /// Opportunities given: estimated value (or count), won value counted twice.
    case opportunities
    /// Commitments fulfilled: value (or count).
    case commitments
    /// Investment: cash, market development funds and integration spend, plus hours at the hourly rate.
    case investment
    /// Initiative: meetings held that the party organised.
    case initiative
    /// Information: breadth points shared.
    case information
}

/// Reciprocity over the reciprocity window (365 days): each pair of parties, and the lowest `R`.
public struct ReciprocityReport: Codable, Sendable, Equatable {
    /// The scoring model's version.
    public var modelVersion: String
    /// The window in days.
    public var windowDays: Int
    /// The lowest `R` over pairs with data; nil when nothing flowed.
    public var score: Double?
    /// Each pair of parties, in declaration order.
    public var pairs: [PairReciprocity]
}

/// What two parties gave each other, flow by flow, and their balance.
public struct PairReciprocity: Codable, Sendable, Equatable {
    /// The party declared first.
    public var partyA: String
    /// The party declared second.
    public var partyB: String
    /// Each flow, in the order of ``ReciprocityFlow``.
    public var flows: [FlowBalance]
    /// `B`, the weighted mean of `b_f` over flows with data: positive when `partyA` gives more; nil when nothing flowed.
    public var balance: Double?
    /// `R` 0..100; nil when nothing flowed.
    public var score: Double?
    /// The party that gives more, when `B` is not 0.
    public var givesMore: String?

    /// The balance of one flow.
    public func flow(_ flow: ReciprocityFlow) -> FlowBalance? {
        flows.first { $0.flow == flow }
    }
}

/// One flow between two parties: `b_f = (G(a->b) - G(b->a)) / (G(a->b) + G(b->a))`.
public struct FlowBalance: Codable, Sendable, Equatable {
    /// Which flow.
    public var flow: ReciprocityFlow
    /// Its weight in `B`.
    public var weight: Double
    /// `value` when every item has a value, else `count`.
    public var measure: String
    /// `G(a->b)`.
    public var givenByA: Double
    /// `G(b->a)`.
    public var givenByB: Double
    /// `b_f` in `[-1, 1]`, or nil when nothing flowed.
    public var balance: Double?
    /// The events that gave, with their amounts as credit.
    public var evidence: [Evidence]
}
