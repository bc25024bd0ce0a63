extension JSONReader {
    /// Reads the number starting at `position` (a `-` or a digit).
    ///
    /// A number without fraction or exponent that fits `Int64` becomes
    /// `.integer`; anything else becomes `.double`. `-0` becomes
    /// `.double(-0.0)` so its sign survives. A number too large for a finite
    /// `Double` is rejected; one too small becomes zero.
    mutating func scanNumber() throws(ParseFailure) -> JSONValue {
        let start = position
        var index = position
        let isNegative = input[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }

        var significand = SignificandAccumulator()
        guard index < length else { throw ParseFailure(.unexpectedEndOfInput, at: length) }
        let firstDigit = input[index]
        if firstDigit == UInt8(ascii: "0") {
            index += 1
            if index < length && Self.isDigit(input[index]) { throw ParseFailure(.leadingZero, at: start) }
        } else if Self.isDigit(firstDigit) {
            while index < length && Self.isDigit(input[index]) {
                significand.appendIntegerDigit(input[index])
                index += 1
            }
        } else {
            throw ParseFailure(.expectedDigit, at: index)
        }

        var isInteger = true
        if index < length && input[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try requireDigit(at: index)
            while index < length && Self.isDigit(input[index]) {
                significand.appendFractionDigit(input[index])
                index += 1
            }
        }

        if index < length && (input[index] | 0x20) == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            var exponentIsNegative = false
            if index < length && (input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-")) {
                exponentIsNegative = input[index] == UInt8(ascii: "-")
                index += 1
            }
            try requireDigit(at: index)
            var exponent = 0
            while index < length && Self.isDigit(input[index]) {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(input[index] &- UInt8(ascii: "0")) }
                index += 1
            }
            significand.decimalExponent += exponentIsNegative ? -exponent : exponent
        }
        position = index

        if isInteger && significand.isExact && significand.decimalExponent == 0 {
            if let value = Self.int64(magnitude: significand.value, isNegative: isNegative) {
                return .integer(value)
            }
        }
        if let fast = significand.exactDouble() {
            return .double(isNegative ? -fast : fast)
        }
        let text = String(decoding: UnsafeBufferPointer(start: input + start, count: index - start), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw ParseFailure(.numberOutOfRange, at: start)
        }
        return .double(value)
    }

    private func requireDigit(at index: Int) throws(ParseFailure) {
        guard index < length else { throw ParseFailure(.unexpectedEndOfInput, at: length) }
        guard Self.isDigit(input[index]) else { throw ParseFailure(.expectedDigit, at: index) }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// The integer with the given magnitude and sign, or `nil` if it does not
    /// fit `Int64` or is negative zero.
    private static func int64(magnitude: UInt64, isNegative: Bool) -> Int64? {
        if isNegative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}

/// The decimal digits of a number as `value × 10^decimalExponent`.
///
/// Digits that no longer fit a `UInt64` are dropped and make the result
/// inexact; the exact cases cover nearly every number in practice and can be
/// converted without going through text.
struct SignificandAccumulator {
    var value: UInt64 = 0
    var decimalExponent = 0
    var isExact = true

    mutating func appendIntegerDigit(_ byte: UInt8) {
        if !append(byte) { decimalExponent += 1 }
    }

    mutating func appendFractionDigit(_ byte: UInt8) {
        if append(byte) { decimalExponent -= 1 }
    }

    /// Appends a digit; returns `false` if it had to be dropped.
    private mutating func append(_ byte: UInt8) -> Bool {
        let digit = UInt64(byte &- UInt8(ascii: "0"))
        let (times10, overflowed) = value.multipliedReportingOverflow(by: 10)
        let (sum, carried) = times10.addingReportingOverflow(digit)
        guard !overflowed && !carried else {
            if digit != 0 { isExact = false }
            return false
        }
        value = sum
        return true
    }

    /// The correctly rounded `Double` when both the significand and the
    /// power of ten are exactly representable, so one IEEE multiplication or
    /// division rounds once; otherwise `nil`.
    func exactDouble() -> Double? {
        guard isExact, value <= 1 << 53, (-22...22).contains(decimalExponent) else { return nil }
        let significand = Double(value)
        let scale = Self.powersOfTen[decimalExponent < 0 ? -decimalExponent : decimalExponent]
        return decimalExponent < 0 ? significand / scale : significand * scale
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
