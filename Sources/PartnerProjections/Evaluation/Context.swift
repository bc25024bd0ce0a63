import Foundation
import PartnerDomain

let millisecondsPerDay: Int64 = 86_400_000

/// A half-open span of time, `[start, end)`.
struct TimeRange {
    /// The first instant in the range.
    let start: Timestamp
    /// The first instant after the range.
    let end: Timestamp

    func contains(_ instant: Timestamp) -> Bool {
        instant >= start && instant < end
    }

    /// The window of `days` days ending at `asOf`, both ends included: ages 0 to `days` days.
    static func window(days: Int, endingAt asOf: Timestamp) -> TimeRange {
        TimeRange(start: asOf.adding(milliseconds: -Int64(days) * millisecondsPerDay), end: asOf.adding(milliseconds: 1))
    }
}

extension Timestamp {
    /// Days from `earlier` to `self`, with fractions.
    func days(since earlier: Timestamp) -> Double {
        Double(millisecondsSinceEpoch - earlier.millisecondsSinceEpoch) / Double(millisecondsPerDay)
    }

    /// The instant `days` days later.
    func adding(days: Int) -> Timestamp {
        adding(milliseconds: Int64(days) * millisecondsPerDay)
    }
}

extension Decimal {
    /// The amount as a `Double`, for scores.
    var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}

/// A calendar month or quarter in UTC.
struct CalendarPeriod {
    /// `2025-03` or `2025-Q1`.
    let name: String
    let firstDay: CalendarDate
    let nextFirstDay: CalendarDate
    /// Months or quarters since year 0, for slopes per period.
    let ordinal: Int

    var range: TimeRange { TimeRange(start: firstDay.startOfDay, end: nextFirstDay.startOfDay) }
    var lastDay: CalendarDate { nextFirstDay.adding(days: -1) }

    /// Whether the period had ended by `asOf`.
    func isComplete(asOf: Timestamp) -> Bool {
        nextFirstDay.startOfDay <= asOf.adding(milliseconds: 1)
    }

    /// Every month from the month of `first` through the month of `last`.
    static func months(from first: CalendarDate, through last: CalendarDate) -> [CalendarPeriod] {
        var periods: [CalendarPeriod] = []
        var day = firstOfMonth(first)
        while day <= last {
            let next = firstOfMonth(day.adding(days: 31))
            periods.append(CalendarPeriod(
                name: String(day.description.prefix(7)), firstDay: day, nextFirstDay: next,
                ordinal: day.year * 12 + day.month - 1))
            day = next
        }
        return periods
    }

    /// Every quarter from the quarter of `first` through the quarter of `last`.
    static func quarters(from first: CalendarDate, through last: CalendarDate) -> [CalendarPeriod] {
        var day = firstOfMonth(first)
        while (day.month - 1) % 3 != 0 {
            day = firstOfMonth(day.adding(days: -1))
        }
        var periods: [CalendarPeriod] = []
        while day <= last {
            var next = day
            for _ in 0..<3 { next = firstOfMonth(next.adding(days: 31)) }
            let quarter = (day.month - 1) / 3 + 1
            periods.append(CalendarPeriod(
                name: "\(day.description.prefix(4))-Q\(quarter)", firstDay: day, nextFirstDay: next,
                ordinal: day.year * 4 + quarter - 1))
            day = next
        }
        return periods
    }

    private static func firstOfMonth(_ date: CalendarDate) -> CalendarDate {
        date.adding(days: 1 - date.day)
    }
}

/// One evaluation's inputs: the resolved partnership, the model, and what follows from them.
struct EvaluationContext {
    let resolved: ResolvedPartnership
    let model: ScoringModel

    var asOf: Timestamp { resolved.asOf }
    var parties: [String] { resolved.parties }
    var openedAt: Timestamp? { resolved.openedAt }

    /// The window of the model's `days` ending at "as of".
    func window(days: Int) -> TimeRange {
        TimeRange.window(days: days, endingAt: asOf)
    }

    /// `w(e)` of evidence dated `instant`.
    func decay(at instant: Timestamp) -> Double {
        ScoringMath.decayWeight(ageDays: asOf.days(since: instant), halfLifeDays: model.decayHalfLifeDays)
    }

    /// The call cadence in force at `instant`: the latest charter's by then, else the opening's, else the model's default.
    func callCadenceDays(at instant: Timestamp) -> Int {
        let charter = resolved.charters.last { $0.stamp.occurredAt <= instant && $0.value.callCadenceDays != nil }
        return charter?.value.callCadenceDays ?? resolved.opening?.value.callCadenceDays ?? model.engagement.defaultCallCadenceDays
    }

    /// The event that set the call cadence in force at `instant`: the latest charter by then that sets one, else the opening.
    func cadenceAgreement(at instant: Timestamp) -> EventStamp? {
        let charter = resolved.charters.last { $0.stamp.occurredAt <= instant && $0.value.callCadenceDays != nil }
        return charter?.stamp ?? resolved.opening?.stamp
    }

    /// Whether the partnership was open from `instant` on (silence since then is evidence).
    func wasOpen(at instant: Timestamp) -> Bool {
        openedAt.map { $0 <= instant } ?? false
    }

    /// The parties in declaration order, then any other party named by `names`, sorted.
    func ordered(_ names: some Sequence<String>) -> [String] {
        let known = Set(parties)
        let others = Set(names).subtracting(known).sorted()
        return parties + others
    }

    /// The value of a party's QBR attendee.
    func seniorityValue(_ seniority: Seniority) -> Double {
        switch seniority {
        case .exec: model.engagement.seniority.exec
        case .director: model.engagement.seniority.director
        case .manager: model.engagement.seniority.manager
        case .individual: model.engagement.seniority.individual
        }
    }

    /// The points of a depth of sharing.
    func depthPoints(_ depth: DisclosureDepth) -> Double {
        switch depth {
        case .countsOnly: model.transparency.depthPoints.countsOnly
        case .summary: model.transparency.depthPoints.summary
        case .full: model.transparency.depthPoints.full
        }
    }

    /// An evidence entry for an event.
    func makeEvidence(_ stamp: EventStamp, party: String?, aspect: String, weight: Double = 1, credit: Double) -> Evidence {
        Evidence(eventId: stamp.id, occurredAt: stamp.occurredAt, party: party, aspect: aspect, weight: weight, credit: credit)
    }
}

extension EvaluationContext {
    /// How an investment among `investments` is measured, in the one unit they can be compared in: money as recorded and
    /// hours at the model's rate when it has one; without a rate, hours when every one is in
    /// hours, money when none is, and otherwise nil for every one (they are then compared by
    /// count). Hours are never turned into money at a rate nobody gave.
    func investmentMeasure(among investments: [MoneyFact.Investment]) -> (MoneyFact.Investment) -> Double? {
        let rate = model.reciprocity.hourlyRate
        let hours = investments.filter { $0.kind == .hours }.count
        let allHours = hours == investments.count
        return { investment in
            if investment.kind == .hours {
                if let rate { return investment.amount.doubleValue * rate }
                return allHours ? investment.amount.doubleValue : nil
            }
            return hours == 0 || rate != nil ? investment.amount.doubleValue : nil
        }
    }
}
