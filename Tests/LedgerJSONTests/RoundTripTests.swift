import LedgerJSON
import Testing

@Suite("Round trips")
struct RoundTripTests {
    @Test("compact documents serialize back to the same bytes", arguments: [
        sampleEventLine,
        "{}", "[]", "null", "true", "0", "-1", "1.5", "-0.0", #""""#,
        #"{"a":[1,2.5,"x",true,false,null],"b":{"c":{}}}"#,
        #"["\u0001\n\"\\",{"k\t":"v"}]"#,
        "[\"caf\u{E9} \u{1F600}\"]",
        #"{"z":1,"a":2,"m":3}"#,
    ])
    func compactDocumentsAreStable(_ text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(String(decoding: value.serialized(), as: UTF8.self) == text)
    }

    @Test("spaced documents serialize to their compact form")
    func whitespaceIsDropped() throws {
        let value = try JSONParser.parse(" { \"a\" : [ 1 , 2 ] ,\n\t\"b\" : null }\r\n")
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"a":[1,2],"b":null}"#)
    }

    @Test("texts differing only in spelling serialize to one form", arguments: [
        (#""\u0041\/""#, #""A/""#),
        ("1E2", "100.0"),
        ("1e-7", "1e-07"),
        ("0.10", "0.1"),
        ("-0", "-0.0"),
        ("9223372036854775808", "9.223372036854776e+18"),
    ])
    func canonicalSpelling(_ text: String, _ canonical: String) throws {
        #expect(String(decoding: try JSONParser.parse(text).serialized(), as: UTF8.self) == canonical)
    }

    @Test("built values survive serialize then parse")
    func builtValuesRoundTrip() throws {
        let value: JSONValue = [
            "int": .integer(.min),
            "max": .integer(.max),
            "double": 0.1,
            "tiny": .double(.leastNonzeroMagnitude),
            "huge": .double(1.7976931348623157e308),
            "negativeZero": .double(-0.0),
            "text": "tab\tquote\"slash\\nul\u{0}caf\u{E9}\u{1F600}",
            "list": [1, "two", 3.0, .null, [true, false], [:]],
            "nested": ["deeper": ["deepest": []]],
        ]
        #expect(try JSONParser.parse(value.serialized()) == value)
    }
}
