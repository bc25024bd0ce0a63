import PartnerDomain
import Testing

@Suite("Timestamps and calendar dates parse strictly")
struct TemporalParsingTests {
    /// Milliseconds worked out by hand: 2025-03-01 is day 20148 since 1970-01-01
    /// (55 years, 14 of them leap, then 31 + 28 days), 2024-02-29 is day 19782,
    /// and a day has 86,400,000 ms.
    @Test(arguments: [
        ("1970-01-01", Int64(0)),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2025-03-01", 1_740_787_200_000),
        ("2025-03-01T09:30:00Z", 1_740_821_400_000),
        ("2025-03-01t09:30:00z", 1_740_821_400_000),
        ("2025-03-01T10:30:00.250+01:00", 1_740_821_400_250),
        ("2025-03-01T09:30:00.5Z", 1_740_821_400_500),
        ("2025-03-01T09:30:00.123456789Z", 1_740_821_400_123),
        ("2024-02-29T23:59:59.999-00:30", 1_709_252_999_999),
        ("2025-03-01T00:00:00+14:00", 1_740_736_800_000),
    ])
    func timestampParsesToExactMilliseconds(text: String, milliseconds: Int64) throws {
        #expect(try Timestamp(parsing: text).millisecondsSinceEpoch == milliseconds)
    }

    @Test(arguments: [
        ("2025-02-30", "\"2025-02-30\" is not a timestamp: February 2025 has 28 days."),
        ("2025-03-01T09:30:00", "\"2025-03-01T09:30:00\" is not a timestamp: it needs a zone: Z for UTC, or an offset such as +01:00."),
        ("2025-03-01T24:00:00Z", "\"2025-03-01T24:00:00Z\" is not a timestamp: hours run from 00 to 23 and minutes from 00 to 59."),
        ("2025-03-01T23:59:60Z", "\"2025-03-01T23:59:60Z\" is not a timestamp: seconds run from 00 to 59; leap seconds are not recorded."),
        ("2025-03-01 09:30:00Z", "\"2025-03-01 09:30:00Z\" is not a timestamp."),
        ("2025-03-01T09:30Z", "\"2025-03-01T09:30Z\" is not a timestamp."),
        ("2025-03-01T09:30:00.Z", "\"2025-03-01T09:30:00.Z\" is not a timestamp: a fraction of a second has one to nine digits."),
        ("2025-03-01T09:30:00.1234567890Z", "\"2025-03-01T09:30:00.1234567890Z\" is not a timestamp: a fraction of a second has one to nine digits."),
        ("2025-03-01T09:30:00+0100", "\"2025-03-01T09:30:00+0100\" is not a timestamp: a zone offset is written +HH:MM or -HH:MM."),
        ("2025-03-01T09:30:00Z ", "\"2025-03-01T09:30:00Z \" is not a timestamp."),
        ("", "\"\" is not a timestamp."),
        ("yesterday", "\"yesterday\" is not a timestamp."),
    ])
    func timestampRejectsTextNamingIt(text: String, messageStart: String) {
        let error = #expect(throws: DomainError.self) { try Timestamp(parsing: text) }
        #expect(error?.code == .invalidTimestamp)
        #expect(error?.value == "\"\(text)\"")
        #expect(error?.message.hasPrefix(messageStart) == true, "\(error?.message ?? "no error")")
        #expect(error?.message.hasSuffix("or a date YYYY-MM-DD for midnight UTC.") == true)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (1_740_821_400_250, "2025-03-01T09:30:00.250Z"),
        (1_709_252_999_999, "2024-03-01T00:29:59.999Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func timestampEncodesCanonicallyInUTCWithMilliseconds(milliseconds: Int64, text: String) throws {
        let timestamp = Timestamp(millisecondsSinceEpoch: milliseconds)
        #expect(timestamp.description == text)
        #expect(try Timestamp(parsing: text) == timestamp)
    }

    @Test func timestampKnowsItsUTCCalendarDay() throws {
        #expect(try Timestamp(parsing: "2025-03-01T00:30:00+01:00").calendarDate == CalendarDate(parsing: "2025-02-28"))
        #expect(Timestamp(millisecondsSinceEpoch: -1).calendarDate == (try CalendarDate(parsing: "1969-12-31")))
    }

    @Test(arguments: [
        ("1970-01-01", Int64(0)),
        ("1969-12-31", -1),
        ("2000-02-29", 11016),
        ("2024-02-29", 19782),
        ("2025-03-01", 20148),
        ("9999-12-31", 2_932_896),
    ])
    func calendarDateCountsDaysSinceEpoch(text: String, days: Int64) throws {
        let date = try CalendarDate(parsing: text)
        #expect(date.daysSinceEpoch == days)
        #expect(CalendarDate(daysSinceEpoch: days) == date)
        #expect(date.description == text)
    }

    @Test(arguments: [
        ("2025-02-30", "\"2025-02-30\" is not a calendar date: February 2025 has 28 days. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("1900-02-29", "\"1900-02-29\" is not a calendar date: February 1900 has 28 days. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("2025-04-31", "\"2025-04-31\" is not a calendar date: April 2025 has 30 days. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("2025-13-01", "\"2025-13-01\" is not a calendar date: there is no month 13. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("2025-00-10", "\"2025-00-10\" is not a calendar date: there is no month 00. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("2025-03-00", "\"2025-03-00\" is not a calendar date: March 2025 has 31 days. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("2025-3-1", "\"2025-3-1\" is not a calendar date. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("2025/03/01", "\"2025/03/01\" is not a calendar date. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("2025-03-01T00:00:00Z", "\"2025-03-01T00:00:00Z\" is not a calendar date. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        (" 2025-03-01", "\" 2025-03-01\" is not a calendar date. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
        ("", "\"\" is not a calendar date. Write a day that exists as YYYY-MM-DD, for example 2025-03-31."),
    ])
    func calendarDateRejectsTextNamingIt(text: String, message: String) {
        let error = #expect(throws: DomainError.self) { try CalendarDate(parsing: text) }
        #expect(error?.code == .invalidDate)
        #expect(error?.value == "\"\(text)\"")
        #expect(error?.message == message)
    }

    @Test func calendarDateArithmeticCrossesMonthsAndLeapDays() throws {
        let leapDay = try CalendarDate(parsing: "2024-02-29")
        #expect(leapDay.adding(days: 1).description == "2024-03-01")
        #expect(leapDay.adding(days: 366).description == "2025-03-01")
        #expect(leapDay.adding(days: -60).description == "2023-12-31")
        #expect(leapDay.days(until: try CalendarDate(parsing: "2025-03-01")) == 366)
        #expect(leapDay < (try CalendarDate(parsing: "2024-03-01")))
        #expect(leapDay.startOfDay.millisecondsSinceEpoch == 1_709_164_800_000)
    }

    @Test func calendarDateFromPartsRejectsDaysThatDoNotExist() throws {
        #expect(try CalendarDate(year: 2024, month: 2, day: 29).description == "2024-02-29")
        let error = #expect(throws: DomainError.self) { try CalendarDate(year: 2023, month: 2, day: 29) }
        #expect(error?.message.hasPrefix("\"2023-02-29\" is not a calendar date: February 2023 has 28 days.") == true)
    }

    /// Parsed instants lie in the years 0001 to 9999 in UTC: year 0, and a zone that carries the
    /// first day back into it, are refused naming the text; both ends of the range are taken.
    @Test func theYearsRunFromOneTo9999() throws {
        for text in ["0000-06-01", "0000-12-31T23:00:00Z", "0001-01-01T00:30:00+01:00"] {
            let error = #expect(throws: DomainError.self) { try Timestamp(parsing: text) }
            #expect(error?.description.contains("0001") == true, "\(text): \(String(describing: error))")
        }
        #expect(throws: DomainError.self) { try CalendarDate(parsing: "0000-01-01") }
        #expect(try Timestamp(parsing: "0001-01-01").description == "0001-01-01T00:00:00.000Z")
        #expect(try Timestamp(parsing: "9999-12-31T23:59:59.999Z").description == "9999-12-31T23:59:59.999Z")
    }
}
