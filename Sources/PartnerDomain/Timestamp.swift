import Foundation

/// An instant, kept as whole milliseconds since 1970-01-01T00:00:00Z: `occurredAt`, `recordedAt`, `scheduledFor`.
///
/// Encodes canonically in UTC with milliseconds, `2025-03-01T09:30:00.000Z`,
/// so equal instants always encode to equal bytes. Decoding accepts:
/// - a calendar date `YYYY-MM-DD`, read as midnight UTC;
/// - RFC 3339 date-times `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`,
///   with `t` and `z` also accepted in lower case, as RFC 3339 allows. A
///   fraction of up to nine digits is truncated to milliseconds.
///
/// Anything else, including leap seconds (`:60`) and date-times without a
/// zone, is rejected with a ``DomainError`` of code `invalid-timestamp`
/// naming the text. Parsed instants lie in the years 0001 to 9999 (UTC), where the canonical
/// form round-trips and every common tool reads it.
///
/// ```swift
/// try Timestamp(parsing: "2025-03-01T10:30:00+01:00").description // "2025-03-01T09:30:00.000Z"
/// ```
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z; negative before.
    public let millisecondsSinceEpoch: Int64

    /// Wraps a count of milliseconds since 1970-01-01T00:00:00Z.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The instant of a Foundation `Date`, truncated to the millisecond below.
    public init(_ date: Date) {
        millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Parses a calendar date or an RFC 3339 date-time with a zone; throws `invalid-timestamp` naming the text otherwise.
    public init(parsing text: String) throws(DomainError) {
        var scanner = DateTextScanner(text)
        let date = try CalendarDate.read(from: &scanner, text: text, describe: Timestamp.error)
        if scanner.isAtEnd {
            self = date.startOfDay
            return
        }
        guard scanner.character(in: "Tt") != nil,
              let hour = scanner.digits(2), scanner.character(in: ":") != nil,
              let minute = scanner.digits(2), scanner.character(in: ":") != nil,
              let second = scanner.digits(2)
        else { throw Timestamp.error(text, reason: nil) }
        guard hour < 24, minute < 60 else {
            throw Timestamp.error(text, reason: "hours run from 00 to 23 and minutes from 00 to 59")
        }
        guard second < 60 else {
            throw Timestamp.error(text, reason: "seconds run from 00 to 59; leap seconds are not recorded")
        }
        var millisecond = 0
        if scanner.character(in: ".") != nil {
            guard let fraction = scanner.digitRun(limit: 10), fraction.count <= 9 else {
                throw Timestamp.error(text, reason: "a fraction of a second has one to nine digits")
            }
            millisecond = Timestamp.milliseconds(ofFraction: fraction.value, digitCount: fraction.count)
        }
        let offsetMinutes = try Timestamp.readOffset(from: &scanner, text: text)
        guard scanner.isAtEnd else { throw Timestamp.error(text, reason: nil) }
        let secondsOfDay = Int64(hour * 3600 + minute * 60 + second - offsetMinutes * 60)
        millisecondsSinceEpoch = date.daysSinceEpoch * CivilCalendar.millisecondsPerDay
            + secondsOfDay * 1000 + Int64(millisecond)
        // A zone offset can carry the first or last day of the range out of it.
        guard (1...9999).contains(calendarDate.year) else {
            throw Timestamp.error(text, reason: "in UTC it falls outside the years 0001 to 9999")
        }
    }

    /// The Foundation `Date` of this instant.
    public var date: Date {
        Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000)
    }

    /// The UTC calendar day this instant falls on.
    public var calendarDate: CalendarDate {
        CalendarDate(daysSinceEpoch: dayNumberAndRemainder.day)
    }

    /// The instant `milliseconds` later (earlier when negative).
    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// The canonical text, `YYYY-MM-DDTHH:MM:SS.sssZ` in UTC.
    public var description: String {
        let (day, millisecondOfDay) = dayNumberAndRemainder
        let hour = Int(millisecondOfDay / 3_600_000)
        let minute = Int(millisecondOfDay / 60_000 % 60)
        let second = Int(millisecondOfDay / 1000 % 60)
        let millisecond = Int(millisecondOfDay % 1000)
        return "\(CalendarDate(daysSinceEpoch: day))T\(CivilCalendar.padded(hour, width: 2)):"
            + "\(CivilCalendar.padded(minute, width: 2)):\(CivilCalendar.padded(second, width: 2))."
            + "\(CivilCalendar.padded(millisecond, width: 3))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// Decodes a JSON string in any accepted form; other text fails with an `invalid-timestamp` ``DomainError`` as the underlying error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(DomainError) {
            self = try Timestamp(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    /// Encodes the canonical text as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The day number and the milliseconds into that day, flooring for instants before 1970.
    private var dayNumberAndRemainder: (day: Int64, millisecondOfDay: Int64) {
        let perDay = CivilCalendar.millisecondsPerDay
        var day = millisecondsSinceEpoch / perDay
        var remainder = millisecondsSinceEpoch % perDay
        if remainder < 0 {
            day -= 1
            remainder += perDay
        }
        return (day, remainder)
    }

    private static func milliseconds(ofFraction value: Int, digitCount: Int) -> Int {
        var scaled = value
        var count = digitCount
        while count > 3 {
            scaled /= 10
            count -= 1
        }
        while count < 3 {
            scaled *= 10
            count += 1
        }
        return scaled
    }

    /// Reads `Z`, `z`, `+HH:MM` or `-HH:MM` and returns the offset east of UTC in minutes.
    private static func readOffset(from scanner: inout DateTextScanner, text: String) throws(DomainError) -> Int {
        if scanner.character(in: "Zz") != nil { return 0 }
        guard let sign = scanner.character(in: "+-") else {
            throw error(text, reason: "it needs a zone: Z for UTC, or an offset such as +01:00")
        }
        guard let hours = scanner.digits(2), scanner.character(in: ":") != nil, let minutes = scanner.digits(2),
              hours < 24, minutes < 60
        else { throw error(text, reason: "a zone offset is written +HH:MM or -HH:MM") }
        let magnitude = hours * 60 + minutes
        return sign == "-" ? -magnitude : magnitude
    }

    private static func error(_ text: String, reason: String?) -> DomainError {
        let because = reason.map { ": \($0)" } ?? ""
        return DomainError(
            code: .invalidTimestamp, field: "", value: JSONText.quoted(text),
            message: "\(JSONText.quoted(text)) is not a timestamp\(because). Write an ISO-8601 date-time with a zone, such as 2025-03-01T09:30:00Z or 2025-03-01T10:30:00.250+01:00, or a date YYYY-MM-DD for midnight UTC.")
    }
}
