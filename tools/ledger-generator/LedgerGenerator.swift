import EventLog
import Foundation
import PartnerDomain

/// SplitMix64: a small, fast, seeded generator, so that a seed always gives the same ledger.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    mutating func pick<T>(_ values: [T]) -> T {
        values[below(values.count)]
    }

    /// A UUID made of generator bits, version 4 and variant bits set.
    mutating func uuid() -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        let high = next(), low = next()
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * index))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * index))
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// One partnership's life as the generator plays it: what is open and waiting for a follow-up.
struct PartnershipScript {
    let slug: String
    let parties: [String]
    var step = 0
    var counter = 0
    var scheduled: [(id: String, at: Int64)] = []
    var openActions: [String] = []
    var openCommitments: [(id: String, owner: String)] = []
    var sharedOpportunities: [String] = []
    var acceptedOpportunities: [String] = []
    var openRequests: [String] = []
    var objectives: [String] = []
    var retractable: [UUID] = []

    init(index: Int, rng: inout SplitMix64) {
        slug = "partnership-\(index)"
        let count = rng.chance(10) ? 3 : 2
        parties = (0..<count).map { "p\(index)-party-\($0)" }
    }

    mutating func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)"
    }

    /// The next event of this partnership at business time `now` (ms), valid for what has happened so far.
    mutating func next(at now: Int64, rng: inout SplitMix64) -> PartnershipEvent {
        defer { step += 1 }
        let parties = self.parties
        let other = { (party: String, rng: inout SplitMix64) -> String in
            let rest = parties.filter { $0 != party }
            return rest[rng.below(rest.count)]
        }
        switch step {
        case 0:
            return .partnershipOpened(PartnershipOpened(
                name: "Partnership \(slug)", parties: parties.map { .init(id: $0, name: "Company \($0)") },
                declaredType: rng.chance(70) ? .partnership : rng.pick([.supplierCustomer, .commercialAgreement, .marketing, .technologySharing]),
                callCadenceDays: 14, qbrCadenceDays: 91))
        case 1..<(1 + parties.count):
            let party = parties[step - 1]
            let id = nextID("objective")
            objectives.append(id)
            return .objectiveDeclared(ObjectiveDeclared(
                objectiveId: id, party: party, statement: "What \(party) wants from the partnership",
                kind: rng.pick([.revenue, .leads, .access, .learning, .innovation, .market]), horizon: rng.chance(50) ? .short : .long))
        case 1 + parties.count where rng.chance(70):
            return .charterAgreed(CharterAgreed(
                charterId: nextID("charter"), why: "Grow together in the joint market", jointObjectiveIds: objectives,
                signedBy: parties, callCadenceDays: 14, qbrCadenceDays: 91, infoCategories: [.pipeline, .roadmap],
                successMeasures: ["joint pipeline"]))
        default:
            break
        }
        let roll = rng.below(100)
        if roll < 30, let meeting = scheduled.first, meeting.at <= now {
            scheduled.removeFirst()
            let outcome = rng.below(100)
            if outcome < 75 {
                let attendees = parties.filter { _ in rng.chance(85) }.map {
                    MeetingHeld.Attendee(party: $0, seniority: rng.pick([.exec, .director, .manager, .individual]))
                }
                var items: [MeetingHeld.ActionItem] = []
                if rng.chance(40) {
                    let id = nextID("action")
                    openActions.append(id)
                    items.append(.init(actionId: id, owner: rng.pick(parties), due: CalendarDate(daysSinceEpoch: now / 86_400_000 + 14), text: "Follow up"))
                }
                return .meetingHeld(MeetingHeld(
                    meetingId: meeting.id, kind: .call, organizer: parties[0],
                    attendees: attendees.isEmpty ? [.init(party: parties[0], seniority: .manager)] : attendees,
                    durationMinutes: 30 + rng.below(60), decisions: rng.chance(30) ? ["Go ahead"] : nil,
                    actionItems: items.isEmpty ? nil : items, priorActionsReviewed: rng.chance(60)))
            } else if outcome < 90 {
                return .meetingCancelled(MeetingCancelled(meetingId: meeting.id, by: rng.pick(parties), noticeHours: rng.below(96)))
            }
            return .meetingMissed(MeetingMissed(meetingId: meeting.id, absentParty: rng.pick(parties)))
        }
        if roll < 42, scheduled.count < 4 {
            let id = nextID("meeting")
            let at = now + Int64(1 + rng.below(3)) * 86_400_000
            scheduled.append((id, at))
            return .meetingScheduled(MeetingScheduled(
                meetingId: id, kind: rng.chance(85) ? .call : .qbr, scheduledFor: Timestamp(millisecondsSinceEpoch: at), organizer: rng.pick(parties)))
        }
        if roll < 46, !openActions.isEmpty {
            return .actionItemClosed(ActionItemClosed(actionId: openActions.removeFirst()))
        }
        if roll < 54, openCommitments.count < 6 {
            let owner = rng.pick(parties)
            let id = nextID("commitment")
            openCommitments.append((id, owner))
            return .commitmentMade(CommitmentMade(
                commitmentId: id, owner: owner, beneficiary: other(owner, &rng),
                kind: rng.pick([.deliverable, .resource, .people, .funding, .integration, .intro, .data]),
                description: "Deliver the agreed piece of work", dueDate: CalendarDate(daysSinceEpoch: now / 86_400_000 + 30),
                value: rng.chance(30) ? Decimal(1_000 * (1 + rng.below(50))) : nil))
        }
        if roll < 62, !openCommitments.isEmpty {
            let outcome = rng.below(100)
            if outcome < 12 {
                let commitment = openCommitments[0]
                return .commitmentRenegotiated(CommitmentRenegotiated(
                    commitmentId: commitment.id, newDueDate: CalendarDate(daysSinceEpoch: now / 86_400_000 + 21), requestedBy: commitment.owner))
            }
            let commitment = openCommitments.removeFirst()
            if outcome < 80 {
                return .commitmentFulfilled(CommitmentFulfilled(commitmentId: commitment.id, quality: 1 + rng.below(5)))
            }
            return .commitmentMissed(CommitmentMissed(commitmentId: commitment.id, reason: "Ran out of time"))
        }
        if roll < 67, sharedOpportunities.count < 4 {
            let from = rng.pick(parties)
            let id = nextID("opportunity")
            sharedOpportunities.append(id)
            return .opportunityShared(OpportunityShared(
                opportunityId: id, from: from, to: other(from, &rng), kind: rng.pick([.referral, .coSell, .intro, .lead]),
                estimatedValue: Decimal(5_000 * (1 + rng.below(40))), currency: try? CurrencyCode("USD"), account: "Account \(counter)"))
        }
        if roll < 72, !sharedOpportunities.isEmpty {
            let id = sharedOpportunities.removeFirst()
            if rng.chance(60) {
                acceptedOpportunities.append(id)
                return .opportunityAccepted(OpportunityAccepted(opportunityId: id))
            }
            return .opportunityDeclined(OpportunityDeclined(opportunityId: id, reason: "Not a fit"))
        }
        if roll < 76, !acceptedOpportunities.isEmpty {
            let id = acceptedOpportunities.removeFirst()
            if rng.chance(50) {
                return .opportunityWon(OpportunityWon(opportunityId: id, value: Decimal(10_000 * (1 + rng.below(20)))))
            }
            return .opportunityLost(OpportunityLost(opportunityId: id, reason: "Went elsewhere"))
        }
        if roll < 83 {
            let from = rng.pick(parties)
            return .informationShared(InformationShared(
                from: from, to: other(from, &rng), category: rng.pick([.pipeline, .forecast, .roadmap, .customerOverlap, .orgChange, .strategy, .technical]),
                depth: rng.pick([.countsOnly, .summary, .full])))
        }
        if roll < 87, openRequests.count < 3 {
            let by = rng.pick(parties)
            let id = nextID("request")
            openRequests.append(id)
            return .informationRequested(InformationRequested(requestId: id, by: by, to: other(by, &rng), category: rng.pick([.pipeline, .forecast, .roadmap])))
        }
        if roll < 90, !openRequests.isEmpty {
            let id = openRequests.removeFirst()
            return rng.chance(75)
                ? .informationRequestAnswered(InformationRequestAnswered(requestId: id))
                : .informationRequestDeclined(InformationRequestDeclined(requestId: id, reason: "Confidential"))
        }
        if roll < 92 {
            return .investmentMade(InvestmentMade(
                party: rng.pick(parties), amount: Decimal(1_000 * (1 + rng.below(200))), currency: (try? CurrencyCode("USD"))!,
                kind: rng.pick([.cash, .hours, .mdf, .integration]), upfront: rng.chance(10)))
        }
        if roll < 95 {
            return .healthSurveyed(HealthSurveyed(
                respondentParty: rng.pick(parties), dimension: rng.pick([.strategic, .operational, .relationship, .governance]), score: 1 + rng.below(5)))
        }
        if roll < 96 {
            return .weakSpotAssessed(WeakSpotAssessed(
                party: rng.pick(parties), area: rng.pick([.shortTermGain, .upfrontInvestment, .collaborationAppetite, .objectiveAlignment, .transparency, .operationalEngagement]),
                rating: 1 + rng.below(5)))
        }
        if roll < 97 {
            let id = nextID("objective")
            return .objectiveDeclared(ObjectiveDeclared(
                objectiveId: id, party: rng.pick(parties), statement: "A further objective", kind: rng.pick([.revenue, .innovation, .learning]),
                horizon: rng.chance(50) ? .short : .long))
        }
        if roll < 98 {
            return .disclosureMade(DisclosureMade(party: rng.pick(parties), topic: "Reorganisation", proactive: rng.chance(70)))
        }
        if roll < 99, !retractable.isEmpty {
            let target = retractable.remove(at: rng.below(retractable.count))
            return .eventRetracted(EventRetracted(targetEventId: target, reason: "Recorded by mistake"))
        }
        return .execAccessRequested(ExecAccessRequested(by: rng.pick(parties), granted: rng.chance(60)))
    }
}

/// A deterministic ledger: `events` events over `partnerships` partnerships (`partnership-0`,
/// `partnership-1`, …), spread evenly over two years, for benchmarks and for tests that need
/// a large ledger. The events are appended to the log as they are, without the domain's
/// validation, but each partnership's script keeps to the rules.
public struct LedgerGenerator: Sendable {
    /// How many events in all.
    public let events: Int
    /// How many partnerships they are spread over, round robin.
    public let partnerships: Int
    /// The seed of the random choices: the same seed gives the same ledger.
    public let seed: UInt64
    /// 2024-01-01T00:00:00Z.
    public static let start: Int64 = 1_704_067_200_000
    /// Two years, in milliseconds.
    public static let span: Int64 = 730 * 86_400_000

    /// The business time at the end of the generated span.
    public static var end: Timestamp { Timestamp(millisecondsSinceEpoch: start + span) }

    /// A generator of `events` events over `partnerships` partnerships.
    public init(events: Int, partnerships: Int, seed: UInt64 = 42) {
        self.events = events
        self.partnerships = partnerships
        self.seed = seed
    }

    /// Appends the whole ledger to `log` in batches of `batchSize` events, releasing the
    /// mapped pages after every commit as a long-running writer would.
    public func append(to log: EventLog, batchSize: Int = 1_000) throws {
        try log.appendBatches(batches(of: batchSize)) { _ in
            log.releaseMappedPages()
        }
    }

    /// The batches to append, produced lazily: the whole ledger is never in memory.
    public func batches(of size: Int) -> AnySequence<[StreamAppend]> {
        AnySequence { () -> AnyIterator<[StreamAppend]> in
            var rng = SplitMix64(seed: seed)
            var scripts = (0..<partnerships).map { PartnershipScript(index: $0, rng: &rng) }
            var produced = 0
            return AnyIterator {
                guard produced < events else { return nil }
                var groups: [StreamAppend] = []
                while produced < events, groups.count < size {
                    let index = produced % partnerships
                    let now = Self.start + Int64(produced) * Self.span / Int64(max(events, 1))
                    let event = scripts[index].next(at: now, rng: &rng)
                    let id = rng.uuid()
                    switch event {
                    case .partnershipOpened, .eventRetracted: break
                    default: if rng.chance(5) { scripts[index].retractable.append(id) }
                    }
                    if scripts[index].retractable.count > 20 { scripts[index].retractable.removeFirst() }
                    let proposed = ProposedEvent(
                        id: id, type: event.eventType, typeVersion: event.eventVersion, occurredAt: now,
                        payload: Array((try? event.encodedPayload()) ?? Data()), recordedBy: "generator", source: "import")
                    groups.append(StreamAppend(stream: scripts[index].slug, events: [proposed]))
                    produced += 1
                }
                return groups
            }
        }
    }
}
