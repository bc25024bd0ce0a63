/// A calendar day without a time or zone, written `YYYY-MM-DD`: due dates and return dates.
///
/// Business deadlines (`dueDate`, `newDueDate`, `expectedReturnBy`, an action
/// item's `due`) are days, not instants: "due 2025-03-31" means the whole day
/// wherever the parties are. Parsing is strict: exactly four-digit year,
/// two-digit month and day, and a day that exists, so `2025-02-30` and
/// `2025-3-1` are rejected with a ``DomainError`` (code `invalid-date`) naming
/// the text. Years run from 0000 to 9999 in the proleptic Gregorian calendar.
///
/// ```swift
/// let due = try CalendarDate(parsing: "2025-03-31")
/// due.adding(days: 14).description // "2025-04-14"
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1...9999 for a parsed or constructed date.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28, 29, 30 or 31 as the month has.
    public let day: Int

    /// Creates a date from its parts, rejecting a month or day that does not exist.
    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        let text = "\(CivilCalendar.padded(year, width: 4))-\(CivilCalendar.padded(month, width: 2))-\(CivilCalendar.padded(day, width: 2))"
        guard (1...9999).contains(year) else {
            throw CalendarDate.error(text, reason: "the year must lie between 0001 and 9999")
        }
        if let problem = CalendarDate.problem(year: year, month: month, day: day) {
            throw CalendarDate.error(text, reason: problem)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly; throws `invalid-date` naming the text otherwise.
    public init(parsing text: String) throws(DomainError) {
        var scanner = DateTextScanner(text)
        let date = try CalendarDate.read(from: &scanner, text: text, describe: CalendarDate.error)
        guard scanner.isAtEnd else { throw CalendarDate.error(text, reason: nil) }
        self = date
    }

    /// The date that is `dayNumber` days after 1970-01-01 (negative before).
    public init(daysSinceEpoch dayNumber: Int64) {
        (year, month, day) = CivilCalendar.civilDate(dayNumber: dayNumber)
    }

    private init(validYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (day 0); negative for earlier dates.
    public var daysSinceEpoch: Int64 {
        CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + Int64(days))
    }

    /// Whole days from `self` to `other`: positive when `other` is later.
    public func days(until other: CalendarDate) -> Int {
        Int(other.daysSinceEpoch - daysSinceEpoch)
    }

    /// Midnight UTC at the start of this day.
    public var startOfDay: Timestamp {
        Timestamp(millisecondsSinceEpoch: daysSinceEpoch * CivilCalendar.millisecondsPerDay)
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        "\(CivilCalendar.padded(year, width: 4))-\(CivilCalendar.padded(month, width: 2))-\(CivilCalendar.padded(day, width: 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a JSON string `YYYY-MM-DD`; any other text fails with an `invalid-date` ``DomainError`` as the underlying error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(DomainError) {
            self = try CalendarDate(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    /// Encodes the date as the JSON string `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Reads `YYYY-MM-DD` at the scanner's position, reporting problems through `describe(text, reason)`.
    static func read(
        from scanner: inout DateTextScanner,
        text: String,
        describe: (String, String?) -> DomainError
    ) throws(DomainError) -> CalendarDate {
        guard let year = scanner.digits(4), scanner.character(in: "-") != nil,
              let month = scanner.digits(2), scanner.character(in: "-") != nil,
              let day = scanner.digits(2)
        else { throw describe(text, nil) }
        if let problem = problem(year: year, month: month, day: day) {
            throw describe(text, problem)
        }
        return CalendarDate(validYear: year, month: month, day: day)
    }

    /// Why a year, month and day do not form a date, or nil when they do.
    private static func problem(year: Int, month: Int, day: Int) -> String? {
        // Year 0 exists in ISO 8601 but not in most tools that read a ledger's export.
        guard year >= 1 else { return "the year must lie between 0001 and 9999" }
        guard (1...12).contains(month) else {
            return "there is no month \(CivilCalendar.padded(month, width: 2))"
        }
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else {
            return "\(CivilCalendar.monthNames[month - 1]) \(CivilCalendar.padded(year, width: 4)) has \(length) days"
        }
        return nil
    }

    private static func error(_ text: String, reason: String?) -> DomainError {
        let because = reason.map { ": \($0)" } ?? ""
        return DomainError(
            code: .invalidDate, field: "", value: JSONText.quoted(text),
            message: "\(JSONText.quoted(text)) is not a calendar date\(because). Write a day that exists as YYYY-MM-DD, for example 2025-03-31.")
    }
}
