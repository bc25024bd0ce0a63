import LedgerJSON
import Testing

@Suite("Number parsing")
struct NumberParsingTests {
    @Test("whole numbers within Int64 become integers", arguments: [
        ("0", Int64(0)),
        ("1", 1),
        ("-1", -1),
        ("42", 42),
        ("9007199254740993", 9_007_199_254_740_993),
        ("9223372036854775807", .max),
        ("-9223372036854775808", .min),
        ("-9223372036854775807", -9_223_372_036_854_775_807),
    ])
    func integers(_ text: String, _ expected: Int64) throws {
        #expect(try JSONParser.parse(text) == .integer(expected))
    }

    @Test("whole numbers beyond Int64 become doubles", arguments: [
        ("9223372036854775808", 9_223_372_036_854_775_808.0),
        ("-9223372036854775809", -9_223_372_036_854_775_809.0),
        ("18446744073709551615", 18_446_744_073_709_551_615.0),
        ("18446744073709551616", 18_446_744_073_709_551_616.0),
        ("100000000000000000000", 1e20),
        ("123456789012345678901234567890", 1.2345678901234568e29),
    ])
    func overflowToDouble(_ text: String, _ expected: Double) throws {
        #expect(try JSONParser.parse(text) == .double(expected))
    }

    @Test("fractions and exponents become doubles", arguments: [
        ("0.5", 0.5),
        ("-0.5", -0.5),
        ("1234.5", 1234.5),
        ("0.1", 0.1),
        ("1e2", 100.0),
        ("1E2", 100.0),
        ("1e+2", 100.0),
        ("1e-2", 0.01),
        ("-1.25e-3", -0.00125),
        ("2.5E+10", 2.5e10),
        ("1.0", 1.0),
        ("1e0", 1.0),
        ("0e10", 0.0),
        ("0.000001", 0.000001),
        ("1e22", 1e22),
        ("1e23", 1e23),
        ("1.7976931348623157e308", .greatestFiniteMagnitude),
        ("2.2250738585072014e-308", 2.2250738585072014e-308),
        ("4.9e-324", .leastNonzeroMagnitude),
        ("1e-400", 0.0),
        ("12345678901234567890e-10", 1234567890.123456789),
        ("0.30000000000000004", 0.30000000000000004),
        ("3.141592653589793238462643383279", 3.141592653589793),
        ("1e00000000000000000000001", 10.0),
    ])
    func doubles(_ text: String, _ expected: Double) throws {
        #expect(try JSONParser.parse(text) == .double(expected))
    }

    @Test("negative zero keeps its sign", arguments: ["-0", "-0.0", "-0e5", "-0E-2"])
    func negativeZero(_ text: String) throws {
        let value = try #require(try JSONParser.parse(text).doubleValue)
        #expect(value == 0)
        #expect(value.sign == .minus)
    }

    @Test("positive zero is an integer unless written with a fraction")
    func positiveZero() throws {
        #expect(try JSONParser.parse("0") == .integer(0))
        #expect(try JSONParser.parse("0.0") == .double(0))
    }

    @Test("every number reads as the correctly rounded Double of its text")
    func correctRounding() throws {
        var generator = DeterministicGenerator(seed: 0x5EED)
        for _ in 0..<5_000 {
            let text = generator.decimalText()
            let parsed = try JSONParser.parse(text)
            let expected = try #require(Double(text))
            switch parsed {
            case .double(let value):
                #expect(value.bitPattern == expected.bitPattern, "\(text)")
            case .integer(let value):
                #expect(Double(value) == expected, "\(text)")
            default:
                Issue.record("\(text) parsed as \(parsed)")
            }
        }
    }
}

/// A small fixed-seed generator of JSON number texts.
struct DeterministicGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A decimal number with up to 22 significant digits, an optional
    /// fraction and an optional exponent, never beyond the `Double` range.
    mutating func decimalText() -> String {
        var text = next(below: 2) == 0 ? "" : "-"
        let integerDigits = 1 + next(below: 12)
        text += String(1 + next(below: 9))
        for _ in 1..<integerDigits { text += String(next(below: 10)) }
        if next(below: 3) != 0 {
            text += "."
            for _ in 0..<(1 + next(below: 10)) { text += String(next(below: 10)) }
        }
        switch next(below: 3) {
        case 0: text += "e" + String(next(below: 290))
        case 1: text += "E-" + String(next(below: 340))
        default: break
        }
        return text
    }
}
