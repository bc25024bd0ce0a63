import Foundation
import PartnerDomain

extension EvaluationContext {
    /// Transparency per party over the transparency window: `T_p = 100 * (0.4 breadth + 0.3 respond + 0.3 candour)`.
    ///
    /// - breadth: mean over the expected categories (the charter's, else the
    ///   model's) of the best depth the party shared with anyone in the window.
    /// - respond: `L(answered within 10 days, received)` over requests to the
    ///   party made in the window; a request counts as received once answered
    ///   or declined, or once open past the 10 days (a request still inside
    ///   its 10 days is pending and left out).
    /// - candour: `(proactive + 1) / (proactive + surprises + 2)` over the
    ///   party's proactive disclosures and the surprises discovered about it.
    ///
    /// There is data when a transparency event falls in the window, or when
    /// the partnership was open for the whole window: then silence is evidence.
    func transparencyReport() -> TransparencyReport {
        let windowDays = model.windows.transparencyDays
        let window = window(days: windowDays)
        let expected = resolved.charter?.value.infoCategories.flatMap { $0.isEmpty ? nil : $0 } ?? model.transparency.expectedCategories
        let hasData = wasOpen(at: window.start)
            || resolved.informationShared.contains { window.contains($0.stamp.occurredAt) }
            || resolved.requests.contains { request in
                [request.stamp, request.answered, request.declined].contains { $0.map { window.contains($0.occurredAt) } ?? false }
            }
            || resolved.disclosures.contains { window.contains($0.stamp.occurredAt) }
            || resolved.surprises.contains { window.contains($0.stamp.occurredAt) }
        guard hasData else {
            return TransparencyReport(
                modelVersion: model.version, windowDays: windowDays, hasData: false, expectedCategories: expected,
                parties: [], asymmetry: nil, leastTransparentParty: nil)
        }
        let answerMilliseconds = Int64(model.windows.requestAnswerDays) * millisecondsPerDay
        var results: [PartyTransparency] = []
        for party in parties {
            var evidence: [Evidence] = []
            var best: [InformationCategory: Double] = [:]
            for share in resolved.informationShared where share.from == party && window.contains(share.stamp.occurredAt) {
                let points = depthPoints(share.depth)
                best[share.category] = max(best[share.category] ?? 0, points)
                evidence.append(makeEvidence(share.stamp, party: party, aspect: "shared-\(share.category.rawValue)", credit: points))
            }
            let breadth = expected.map { best[$0] ?? 0 }.reduce(0, +) / Double(expected.count)
            var received = 0
            var answeredInTime = 0
            for request in resolved.requests where request.to == party && window.contains(request.stamp.occurredAt) {
                let deadline = request.stamp.occurredAt.adding(milliseconds: answerMilliseconds)
                if let answer = request.answered, answer.occurredAt <= deadline {
                    received += 1
                    answeredInTime += 1
                    evidence.append(makeEvidence(answer, party: party, aspect: "request-answered-in-time", credit: 1))
                } else if request.answered != nil || request.declined != nil || asOf > deadline {
                    received += 1
                    evidence.append(makeEvidence(request.answered ?? request.declined ?? request.stamp, party: party, aspect: "request-not-answered-in-time", credit: 0))
                }
            }
            let respond = ScoringMath.smoothedShare(Double(answeredInTime), of: Double(received))
            var proactive = 0
            for disclosure in resolved.disclosures where disclosure.party == party && disclosure.proactive && window.contains(disclosure.stamp.occurredAt) {
                proactive += 1
                evidence.append(makeEvidence(disclosure.stamp, party: party, aspect: "proactive-disclosure", credit: 1))
            }
            var surprises = 0
            for surprise in resolved.surprises where surprise.about == party && window.contains(surprise.stamp.occurredAt) {
                surprises += 1
                evidence.append(makeEvidence(surprise.stamp, party: party, aspect: "surprise", credit: 0))
            }
            let candour = ScoringMath.candour(proactiveDisclosures: proactive, surprises: surprises)
            let settings = model.transparency
            let score = ScoringMath.weightedScore([
                (settings.breadthWeight, breadth), (settings.respondWeight, respond), (settings.candourWeight, candour),
            ]) ?? 0
            let counts = model.sufficiency.components.transparency.check(party: party) { measure in
                measure == .transparencyEvents ? Double(evidence.count) : evidenceCount(measure, party: party)
            }
            results.append(PartyTransparency(
                party: party, score: score, breadth: breadth, respond: respond, candour: candour,
                requestsReceived: received, requestsAnsweredInTime: answeredInTime,
                proactiveDisclosures: proactive, surprises: surprises, evidence: evidence.stablySorted(),
                evidenceCounts: counts))
        }
        let scored = results.filter(\.hasEnoughEvidence)
        let lowest = scored.min { $0.score < $1.score }
        let highest = scored.max { $0.score < $1.score }
        return TransparencyReport(
            modelVersion: model.version, windowDays: windowDays, hasData: true, expectedCategories: expected,
            parties: results, asymmetry: scored.count >= 2 ? highest.flatMap { high in lowest.map { high.score - $0.score } } : nil,
            leastTransparentParty: lowest?.party)
    }

    /// Reciprocity over the reciprocity window for every pair of parties; see ``ReciprocityFlow`` for what each flow counts.
    ///
    /// A flow is measured in value when every item in it (both directions)
    /// has one, else in counts; a won opportunity counts its won value twice
    /// (never its estimate: a win without a value makes the flow count).
    /// Investment counts cash, market development funds and integration spend,
    /// and hours (in hours, or at the model's rate when it has one), given by the
    /// investor to every other party; fees and purchases pay for something
    /// received, so they are left to the classifier. Initiative counts held
    /// meetings a party organised; information sums, per category, the best
    /// depth a party shared with the other. Amounts in different currencies
    /// are added as they are: a partnership keeps its amounts in one currency.
    func reciprocityReport(windowDays: Int) -> ReciprocityReport {
        let window = window(days: windowDays)
        var pairs: [PairReciprocity] = []
        for (index, a) in parties.enumerated() {
            for b in parties[(index + 1)...] {
                pairs.append(reciprocity(between: a, and: b, in: window))
            }
        }
        return ReciprocityReport(
            modelVersion: model.version, windowDays: windowDays, score: pairs.compactMap(\.score).min(), pairs: pairs)
    }

    private func reciprocity(between a: String, and b: String, in window: TimeRange) -> PairReciprocity {
        let weights = model.reciprocity.flowWeights
        let flows = [
            opportunityFlow(a, b, window, weight: weights.opportunities),
            commitmentFlow(a, b, window, weight: weights.commitments),
            investmentFlow(a, b, window, weight: weights.investment),
            initiativeFlow(a, b, window, weight: weights.initiative),
            informationFlow(a, b, window, weight: weights.information),
        ]
        let measured = flows.compactMap { flow in flow.balance.map { (flow.weight, $0) } }
        let totalWeight = measured.reduce(0) { $0 + $1.0 }
        let balance = totalWeight > 0 ? measured.reduce(0) { $0 + $1.0 * $1.1 } / totalWeight : nil
        let score = balance.map { ScoringMath.reciprocityScore(balance: $0, tolerance: model.reciprocity.tolerance) }
        let givesMore = balance.flatMap { $0 > 0 ? a : $0 < 0 ? b : nil }
        return PairReciprocity(partyA: a, partyB: b, flows: flows, balance: balance, score: score, givesMore: givesMore)
    }

    /// A flow from items that each have a giver, an optional value, a count and an event (a won opportunity's is its win).
    private func flow(
        _ kind: ReciprocityFlow, weight: Double, a: String,
        items: [(giver: String, value: Double?, count: Double, stamp: EventStamp)]
    ) -> FlowBalance {
        let byValue = !items.isEmpty && items.allSatisfy { $0.value != nil }
        var givenByA = 0.0
        var givenByB = 0.0
        var evidence: [Evidence] = []
        for item in items {
            let amount = byValue ? (item.value ?? 0) : item.count
            if item.giver == a { givenByA += amount } else { givenByB += amount }
            evidence.append(makeEvidence(item.stamp, party: item.giver, aspect: kind.rawValue, weight: weight, credit: amount))
        }
        return FlowBalance(
            flow: kind, weight: weight, measure: byValue ? "value" : "count", givenByA: givenByA, givenByB: givenByB,
            balance: ScoringMath.balance(given: givenByA, received: givenByB), evidence: evidence.stablySorted())
    }

    /// Whether `giver` and `receiver` are `a` and `b`, in either order.
    private static func connects(_ giver: String, _ receiver: String, _ a: String, _ b: String) -> Bool {
        (giver == a && receiver == b) || (giver == b && receiver == a)
    }

    private func opportunityFlow(_ a: String, _ b: String, _ window: TimeRange, weight: Double) -> FlowBalance {
        let multiplier = model.reciprocity.wonMultiplier
        let items = resolved.opportunities.filter { opportunity in
            window.contains(opportunity.shared.occurredAt)
                && Self.connects(opportunity.terms.from, opportunity.terms.to, a, b)
        }.map { opportunity in
            let estimate = opportunity.terms.estimatedValue?.doubleValue
            if let win = opportunity.won {
                // the won value, never the estimate: a win without a recorded value leaves the flow to counts
                return (opportunity.terms.from, win.value.map { $0.doubleValue * multiplier }, multiplier, win.stamp)
            }
            return (opportunity.terms.from, estimate, 1.0, opportunity.shared)
        }
        return flow(.opportunities, weight: weight, a: a, items: items)
    }

    private func commitmentFlow(_ a: String, _ b: String, _ window: TimeRange, weight: Double) -> FlowBalance {
        let items = resolved.commitments.compactMap { commitment -> (String, Double?, Double, EventStamp)? in
            guard let fulfilled = commitment.fulfilled, window.contains(fulfilled.occurredAt),
                  Self.connects(commitment.terms.owner, commitment.terms.beneficiary, a, b)
            else { return nil }
            return (commitment.terms.owner, commitment.terms.value?.doubleValue, 1, fulfilled)
        }
        return flow(.commitments, weight: weight, a: a, items: items)
    }

    private func investmentFlow(_ a: String, _ b: String, _ window: TimeRange, weight: Double) -> FlowBalance {
        let given = resolved.investments.filter { investment in
            let details = investment.value
            return (details.party == a || details.party == b) && window.contains(investment.stamp.occurredAt)
                && ![.fee, .purchase].contains(details.kind)
        }
        let measure = investmentMeasure(among: given.map(\.value))
        let items = given.map { investment -> (String, Double?, Double, EventStamp) in
            (investment.value.party, measure(investment.value), 1, investment.stamp)
        }
        return flow(.investment, weight: weight, a: a, items: items)
    }

    private func initiativeFlow(_ a: String, _ b: String, _ window: TimeRange, weight: Double) -> FlowBalance {
        let items = resolved.meetings.compactMap { meeting -> (String, Double?, Double, EventStamp)? in
            guard let held = meeting.held, let organizer = held.value.organizer, organizer == a || organizer == b,
                  window.contains(held.stamp.occurredAt) else { return nil }
            return (organizer, nil, 1, held.stamp)
        }
        return flow(.initiative, weight: weight, a: a, items: items)
    }

    private func informationFlow(_ a: String, _ b: String, _ window: TimeRange, weight: Double) -> FlowBalance {
        struct Key: Hashable {
            let giver: String
            let category: String
        }
        var best: [Key: (points: Double, stamp: EventStamp)] = [:]
        for share in resolved.informationShared
        where window.contains(share.stamp.occurredAt) && Self.connects(share.from, share.to, a, b) {
            let key = Key(giver: share.from, category: share.category.rawValue)
            let points = depthPoints(share.depth)
            if points > (best[key]?.points ?? -1) {
                best[key] = (points, share.stamp)
            }
        }
        // By giver, then category.
        let keys = best.keys.sorted { ($0.giver, $0.category) < ($1.giver, $1.category) }
        let items = keys.compactMap { key -> (String, Double?, Double, EventStamp)? in
            guard let entry = best[key] else { return nil }
            return (key.giver, entry.points, entry.points, entry.stamp)
        }
        return flow(.information, weight: weight, a: a, items: items)
    }
}
