/// Times as users type them on the command line.
public enum TimeText {
    /// Parses `YYYY-MM-DD` or an ISO-8601 date-time with a zone (`2025-03-01T09:30:00Z`,
    /// `2025-03-01T10:30:00+01:00`).
    ///
    /// A date alone means midnight UTC at its start, or, with `endOfDay`, the last
    /// millisecond of that day, so that `--until 2025-03-31` includes the whole day.
    /// Errors are `invalid-timestamp` ``DomainError``s reported at `field`, such as `--at`.
    public static func instant(_ text: String, endOfDay: Bool = false, field: String) throws(DomainError) -> Timestamp {
        do throws(DomainError) {
            let date = try? CalendarDate(parsing: text)
            if let date {
                return endOfDay ? date.adding(days: 1).startOfDay.adding(milliseconds: -1) : date.startOfDay
            }
            return try Timestamp(parsing: text)
        } catch {
            throw error.at(field: field)
        }
    }

    /// Parses a calendar date `YYYY-MM-DD`, reporting an `invalid-date` error at `field`.
    public static func date(_ text: String, field: String) throws(DomainError) -> CalendarDate {
        do throws(DomainError) {
            return try CalendarDate(parsing: text)
        } catch {
            throw error.at(field: field)
        }
    }
}
