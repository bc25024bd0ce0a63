/// The kinds of entity that get short, human-usable ids, and their prefixes.
public enum ShortIDKind: String, Sendable, CaseIterable {
    /// `c-`: a commitment.
    case commitment
    /// `o-`: an opportunity.
    case opportunity
    /// `m-`: a meeting.
    case meeting
    /// `r-`: an information request.
    case request
    /// `a-`: an action item agreed at a meeting.
    case actionItem
    /// `obj-`: an objective.
    case objective
    /// `ch-`: a charter.
    case charter

    /// The prefix of generated ids, such as `c-`.
    public var prefix: String {
        switch self {
        case .commitment: "c-"
        case .opportunity: "o-"
        case .meeting: "m-"
        case .request: "r-"
        case .actionItem: "a-"
        case .objective: "obj-"
        case .charter: "ch-"
        }
    }

    func isTaken(_ id: String, in state: PartnershipState?) -> Bool {
        guard let state else { return false }
        switch self {
        case .commitment: return state.commitmentStatus(id) != nil
        case .opportunity: return state.opportunityStatus(id) != nil
        case .meeting: return state.meetingStatus(id) != nil
        case .request: return state.requestStatus(id) != nil
        case .actionItem: return state.isActionItemOpen(id) != nil
        case .objective: return state.hasObjective(id)
        case .charter: return state.hasCharter(id)
        }
    }
}

/// Generates short ids such as `c-7f3a2`: a prefix and five hex digits, unique within one partnership.
///
/// ``Ledger/record(in:occurredAt:eventID:causationID:correlationID:_:)`` hands one to the
/// closure that builds an event, bound to the partnership's current state. Ids issued by one
/// generator differ from each other too, so one meeting's action items never collide.
public struct ShortIDs {
    private let state: PartnershipState?
    private let randomBits: @Sendable () -> UInt64
    private var issued: Set<String> = []

    /// A generator for the partnership whose state is `state` (`nil` for a new partnership).
    public init(state: PartnershipState?, randomBits: @escaping @Sendable () -> UInt64) {
        self.state = state
        self.randomBits = randomBits
    }

    /// A new id of `kind`, taken neither in the partnership nor by this generator.
    ///
    /// Five hex digits give about a million ids per kind; after 64 collisions in a row the
    /// id grows to eight digits.
    public mutating func next(_ kind: ShortIDKind) -> String {
        if isWildcard { return Self.wildcardMark + kind.prefix }
        var attempts = 0
        while true {
            let digits = attempts < 64 ? 5 : 8
            let bits = randomBits() & ((1 << (4 * UInt64(digits))) - 1)
            let hex = String(bits, radix: 16)
            let candidate = kind.prefix + String(repeating: "0", count: digits - hex.count) + hex
            if !issued.contains(candidate), !kind.isTaken(candidate, in: state) {
                issued.insert(candidate)
                return candidate
            }
            attempts += 1
        }
    }

    /// A generator whose ids stand for "whatever was generated": each is a marker that
    /// ``firstDifference(_:_:at:)`` matches with any id of its kind, for comparing a retried
    /// command with the event it stored.
    static func wildcards() -> ShortIDs {
        var ids = ShortIDs(state: nil, randomBits: { 0 })
        ids.isWildcard = true
        return ids
    }

    private var isWildcard = false
    private static let wildcardMark = "\u{1}generated:"

    /// The dotted path of the first place where `given` (built with ``wildcards()``) and `stored`
    /// differ, a generated id matching any id of its kind; nil when they state the same.
    static func firstDifference(_ given: JSONValue, _ stored: JSONValue, at path: String) -> String? {
        switch (given, stored) {
        case let (.string(mark), .string(value)) where mark.hasPrefix(wildcardMark):
            return value.hasPrefix(String(mark.dropFirst(wildcardMark.count))) ? nil : path
        case let (.object(left), .object(right)):
            for key in Set(left.keys).union(right.keys).sorted() {
                guard let l = left[key], let r = right[key] else { return "\(path).\(key)" }
                if let difference = firstDifference(l, r, at: "\(path).\(key)") { return difference }
            }
            return nil
        case let (.array(left), .array(right)):
            guard left.count == right.count else { return path }
            for (index, pair) in zip(left, right).enumerated() {
                if let difference = firstDifference(pair.0, pair.1, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        default:
            return given == stored ? nil : path
        }
    }

    /// `given` when present, else a new id of `kind`; a given id is also remembered as issued.
    public mutating func id(_ given: String?, _ kind: ShortIDKind) -> String {
        guard let given else { return next(kind) }
        issued.insert(given)
        return given
    }
}
