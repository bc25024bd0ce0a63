import Foundation
import PartnerDomain

/// The folded state of one partnership: every fact its events stated, kept with their ids and both times.
///
/// Folding is a pure reducer composed of small ones, one per area
/// (setup, commitments, opportunities, meetings, transparency, money,
/// retractions): ``apply(_:)`` never throws, reads no clock and does no I/O.
/// Each area keeps its facts in log order with the event's id, `occurredAt`
/// and `recordedAt`, so that one state answers every question of time travel:
/// ``evaluate(asOf:knownAt:model:options:)`` admits the facts that had
/// occurred by `asOf`, were recorded by `knownAt`, and were not retracted by
/// a retraction recorded by `knownAt`, and computes every view from them.
///
/// Feed each event once, in log order; the log's id idempotency and consumer
/// checkpoints guarantee that. The state is `Codable` and its encoding is
/// deterministic (arrays in log order, no dictionaries), so a checkpointed
/// state and a rebuild from scratch encode to the same bytes.
///
/// ```swift
/// var acme = PartnershipProjection(slug: "acme-iot")
/// for event in events { acme.apply(event) }
/// let report = acme.evaluate(asOf: now, knownAt: nil, model: .default)
/// report.health.band // .green
/// ```
public struct PartnershipProjection: Codable, Sendable, Equatable {
    /// The partnership's slug; events of other partnerships are ignored.
    public let slug: String
    /// How many events were applied, retractions included.
    public private(set) var appliedEventCount = 0
    var setup = SetupFold()
    var commitments = CommitmentFold()
    var opportunities = OpportunityFold()
    var meetings = MeetingFold()
    var transparency = TransparencyFold()
    var money = MoneyFold()
    var retractions = RetractionFold()

    /// An empty state for the partnership with this slug.
    public init(slug: String) {
        self.slug = slug
    }

    /// Folds one recorded event of this partnership; an event of another partnership changes nothing.
    public mutating func apply(_ event: ProjectionEvent) {
        guard event.partnership == slug else { return }
        appliedEventCount += 1
        setup.apply(event)
        commitments.apply(event)
        opportunities.apply(event)
        meetings.apply(event)
        transparency.apply(event)
        money.apply(event)
        retractions.apply(event)
    }
}

/// The folded state of every partnership in the ledger: one ``PartnershipProjection`` per slug.
///
/// Encodes as the list of partnerships sorted by slug, so that the bytes do
/// not depend on dictionary order.
///
/// ```swift
/// var portfolio = PortfolioProjection()
/// for event in log { portfolio.apply(event) }
/// let ranked = PortfolioRanking.rank(portfolio.evaluate(asOf: now, knownAt: nil, model: .default))
/// ```
public struct PortfolioProjection: Codable, Sendable, Equatable {
    /// The state of each partnership, by slug.
    public private(set) var partnerships: [String: PartnershipProjection] = [:]

    /// An empty portfolio.
    public init() {}

    /// Folds one recorded event into its partnership's state, creating the state on the partnership's first event.
    public mutating func apply(_ event: ProjectionEvent) {
        partnerships[event.partnership, default: PartnershipProjection(slug: event.partnership)].apply(event)
    }

    /// The slugs of every partnership that has events, sorted.
    public var slugs: [String] {
        partnerships.keys.sorted()
    }

    /// Evaluates every partnership opened as of `asOf` (and known at `knownAt`), sorted by slug.
    ///
    /// Flag histories are left out unless `options` asks for them: the
    /// portfolio needs the standing flags, not when each was raised.
    public func evaluate(
        asOf: Timestamp, knownAt: Timestamp?, model: ScoringModel,
        options: EvaluationOptions = EvaluationOptions(includeFlagHistory: false)
    ) -> [PartnershipReport] {
        slugs.compactMap { slug in
            let report = partnerships[slug]?.evaluate(asOf: asOf, knownAt: knownAt, model: model, options: options)
            return report?.isOpened == true ? report : nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case partnerships
    }

    /// Decodes the sorted list of partnership states.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let states = try container.decode([PartnershipProjection].self, forKey: .partnerships)
        partnerships = Dictionary(states.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Encodes the partnership states as a list sorted by slug.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slugs.compactMap { partnerships[$0] }, forKey: .partnerships)
    }
}
