/// Instants as the log stores them: milliseconds since 1970-01-01T00:00:00Z, written
/// as ISO-8601 UTC with milliseconds (`2024-01-01T00:00:38.726Z`).
///
/// The conversions are hand-written (days-from-civil, after Howard Hinnant's algorithms)
/// because they sit on the append and replay paths.
public enum LogTime {
    /// The earliest instant the log stores: 0000-01-01T00:00:00.000Z.
    public static let earliest: Int64 = -62_167_219_200_000
    /// The latest instant the log stores: 9999-12-31T23:59:59.999Z.
    public static let latest: Int64 = 253_402_300_799_999

    /// The canonical text of `milliseconds`: `YYYY-MM-DDTHH:MM:SS.sssZ`, for instants from
    /// ``earliest`` to ``latest`` (others are clamped into that range).
    public static func format(_ milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the canonical text of `milliseconds` to `bytes`.
    public static func append(_ milliseconds: Int64, to bytes: inout [UInt8]) {
        let milliseconds = min(max(milliseconds, earliest), latest)
        let days = floorDivide(milliseconds, 86_400_000)
        let millisOfDay = Int(milliseconds - days * 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let clampedYear = Int(min(max(year, 0), 9999))
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &text) { out in
            writePair(clampedYear / 100, to: out, at: 0)
            writePair(clampedYear % 100, to: out, at: 2)
            out[4] = UInt8(ascii: "-")
            writePair(Int(month), to: out, at: 5)
            out[7] = UInt8(ascii: "-")
            writePair(Int(day), to: out, at: 8)
            out[10] = UInt8(ascii: "T")
            writePair(millisOfDay / 3_600_000, to: out, at: 11)
            out[13] = UInt8(ascii: ":")
            writePair(millisOfDay / 60_000 % 60, to: out, at: 14)
            out[16] = UInt8(ascii: ":")
            writePair(millisOfDay / 1000 % 60, to: out, at: 17)
            out[19] = UInt8(ascii: ".")
            let millis = millisOfDay % 1000
            out[20] = UInt8(ascii: "0") &+ UInt8(millis / 100)
            writePair(millis % 100, to: out, at: 21)
            out[23] = UInt8(ascii: "Z")
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[0..<24]))
        }
    }

    @inline(__always)
    private static func writePair(_ value: Int, to out: UnsafeMutableRawBufferPointer, at offset: Int) {
        out[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
        out[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`.
    ///
    /// A date alone means midnight UTC. Fractions beyond milliseconds are truncated.
    /// Returns `nil` for anything else, including impossible dates such as `2025-02-30`.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses the UTF-8 bytes of an ISO-8601 instant; see ``parse(_:)-(String)``.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(4), reader.expect("-"),
              let month = reader.number(2), reader.expect("-"),
              let day = reader.number(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var millis = daysFromCivil(year: year, month: month, day: day) * 86_400_000
        if reader.isAtEnd { return millis }
        guard reader.expect("T") || reader.expect(" "),
              let hour = reader.number(2), hour < 24, reader.expect(":"),
              let minute = reader.number(2), minute < 60
        else { return nil }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if reader.expect(":") {
            guard let value = reader.number(2), value < 60 else { return nil }
            second = value
            if reader.expect(".") || reader.expect(",") {
                var digits = 0
                while let digit = reader.digit() {
                    if digits < 3 { fraction = fraction * 10 + digit }
                    digits += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 3) { fraction *= 10 }
            }
        }
        millis += ((hour * 60 + minute) * 60 + second) * 1000 + fraction
        if reader.expect("Z") || reader.expect("z") {
            return reader.isAtEnd ? millis : nil
        }
        let sign: Int64
        if reader.expect("+") { sign = 1 } else if reader.expect("-") { sign = -1 } else { return nil }
        guard let offsetHours = reader.number(2), offsetHours < 24 else { return nil }
        _ = reader.expect(":")
        guard let offsetMinutes = reader.number(2), offsetMinutes < 60, reader.isAtEnd else { return nil }
        return millis - sign * (offsetHours * 60 + offsetMinutes) * 60_000
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return a % b < 0 ? quotient - 1 : quotient
    }

}

private struct DigitReader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func digit() -> Int64? {
        guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
        defer { index += 1 }
        return Int64(bytes[index] - 48)
    }

    mutating func number(_ count: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<count {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
