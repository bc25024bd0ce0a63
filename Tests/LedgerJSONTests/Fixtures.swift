import LedgerJSON

/// A compact event line of the kind the event log stores.
let sampleEventLine = #"{"id":"3eb13b90-4668-4257-bdd6-40fb06671ad1","stream":"partnership-007","type":"IntroductionMade","occurredAt":"2024-01-01T00:00:38.726Z","payload":{"introducer":"member-6766","contact":"contact-89217","amount":1234.5,"ok":true,"note":"review alpha river signed alpha market youth."}}"#

/// An input the parser must reject, with where and why.
struct RejectedInput: Sendable, CustomStringConvertible {
    let bytes: [UInt8]
    let reason: JSONError.Reason
    let offset: Int
    let line: Int
    let column: Int

    init(_ text: String, _ reason: JSONError.Reason, offset: Int, line: Int = 1, column: Int? = nil) {
        self.init(bytes: Array(text.utf8), reason, offset: offset, line: line, column: column)
    }

    init(bytes: [UInt8], _ reason: JSONError.Reason, offset: Int, line: Int = 1, column: Int? = nil) {
        self.bytes = bytes
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column ?? offset + 1
    }

    var description: String {
        String(decoding: bytes, as: UTF8.self).debugDescription
    }
}

/// Every rejection rule, each with the exact position reported.
let rejectedInputs: [RejectedInput] = [
    // Structure
    RejectedInput("", .unexpectedEndOfInput, offset: 0),
    RejectedInput("   ", .unexpectedEndOfInput, offset: 3),
    RejectedInput("[", .unexpectedEndOfInput, offset: 1),
    RejectedInput("{", .unexpectedEndOfInput, offset: 1),
    RejectedInput(#"{"a""#, .unexpectedEndOfInput, offset: 4),
    RejectedInput(#"{"a":"#, .unexpectedEndOfInput, offset: 5),
    RejectedInput("[1", .unexpectedEndOfInput, offset: 2),
    RejectedInput("[1,2,]", .trailingComma, offset: 4),
    RejectedInput(#"{"a":1,}"#, .trailingComma, offset: 6),
    RejectedInput("[1,]", .trailingComma, offset: 2),
    RejectedInput("[1,,2]", .expectedValue, offset: 3),
    RejectedInput("[,1]", .expectedValue, offset: 1),
    RejectedInput("[1 2]", .expectedCommaOrArrayEnd, offset: 3),
    RejectedInput("[1}", .expectedCommaOrArrayEnd, offset: 2),
    RejectedInput(#"{"a" 1}"#, .expectedColon, offset: 5),
    RejectedInput(#"{"a":1 "b":2}"#, .expectedCommaOrObjectEnd, offset: 7),
    RejectedInput(#"{"a":1]"#, .expectedCommaOrObjectEnd, offset: 6),
    RejectedInput("{1:2}", .expectedKey, offset: 1),
    RejectedInput("{a:1}", .expectedKey, offset: 1),
    RejectedInput("{'a':1}", .expectedKey, offset: 1),
    RejectedInput(#"{"a":1,2}"#, .expectedKey, offset: 7),
    RejectedInput("'a'", .expectedValue, offset: 0),
    RejectedInput("1 2", .trailingCharacters, offset: 2),
    RejectedInput("[1]]", .trailingCharacters, offset: 3),
    RejectedInput("{} x", .trailingCharacters, offset: 3),
    // Comments
    RejectedInput("// note\n1", .expectedValue, offset: 0),
    RejectedInput("/* note */ 1", .expectedValue, offset: 0),
    RejectedInput("[1] // note", .trailingCharacters, offset: 4),
    RejectedInput("[1, /* note */ 2]", .expectedValue, offset: 4),
    // Whitespace beyond the four JSON whitespace bytes
    RejectedInput("\u{0C}1", .expectedValue, offset: 0),
    RejectedInput("\u{0B}1", .expectedValue, offset: 0),
    RejectedInput("[1,\u{A0}2]", .expectedValue, offset: 3),
    RejectedInput("\u{FEFF}1", .expectedValue, offset: 0),
    // Literals
    RejectedInput("tru", .unexpectedEndOfInput, offset: 3),
    RejectedInput("trUe", .invalidLiteral, offset: 0),
    RejectedInput("[nul]", .invalidLiteral, offset: 1),
    RejectedInput("falsy", .invalidLiteral, offset: 0),
    RejectedInput("True", .expectedValue, offset: 0),
    RejectedInput("NaN", .expectedValue, offset: 0),
    RejectedInput("Infinity", .expectedValue, offset: 0),
    RejectedInput("nullx", .trailingCharacters, offset: 4),
    // Numbers
    RejectedInput("01", .leadingZero, offset: 0),
    RejectedInput("-01", .leadingZero, offset: 0),
    RejectedInput("[00]", .leadingZero, offset: 1),
    RejectedInput("-", .unexpectedEndOfInput, offset: 1),
    RejectedInput("-Infinity", .expectedDigit, offset: 1),
    RejectedInput("-a", .expectedDigit, offset: 1),
    RejectedInput("+1", .expectedValue, offset: 0),
    RejectedInput(".5", .expectedValue, offset: 0),
    RejectedInput("1.", .unexpectedEndOfInput, offset: 2),
    RejectedInput("1.e5", .expectedDigit, offset: 2),
    RejectedInput("[1.]", .expectedDigit, offset: 3),
    RejectedInput("1e", .unexpectedEndOfInput, offset: 2),
    RejectedInput("1e+", .unexpectedEndOfInput, offset: 3),
    RejectedInput("1ex", .expectedDigit, offset: 2),
    RejectedInput("1e+-1", .expectedDigit, offset: 3),
    RejectedInput("0x10", .trailingCharacters, offset: 1),
    RejectedInput("1e400", .numberOutOfRange, offset: 0),
    RejectedInput("[-1.5e309]", .numberOutOfRange, offset: 1),
    // Strings
    RejectedInput("\"a\tb\"", .controlCharacterInString, offset: 2),
    RejectedInput("\"a\nb\"", .controlCharacterInString, offset: 2),
    RejectedInput("\"\u{0}\"", .controlCharacterInString, offset: 1),
    RejectedInput("\"\u{1F}\"", .controlCharacterInString, offset: 1),
    RejectedInput(#""abc"#, .unterminatedString, offset: 4),
    RejectedInput(#""abc\"#, .unterminatedString, offset: 5),
    RejectedInput(#""\u00"#, .unterminatedString, offset: 5),
    RejectedInput(#""\uD83D"#, .unterminatedString, offset: 7),
    RejectedInput(#""\x""#, .invalidEscape, offset: 1),
    RejectedInput(#""ab\'""#, .invalidEscape, offset: 3),
    RejectedInput(#""\U0041""#, .invalidEscape, offset: 1),
    RejectedInput(#""\u12G4""#, .invalidUnicodeEscape, offset: 1),
    RejectedInput(#""\u004""#, .invalidUnicodeEscape, offset: 1),
    RejectedInput(#""\uD800""#, .loneSurrogate, offset: 1),
    RejectedInput(#""\uDBFF\n""#, .loneSurrogate, offset: 1),
    RejectedInput(#""\uDC00""#, .loneSurrogate, offset: 1),
    RejectedInput(#""\uDFFF\uD800""#, .loneSurrogate, offset: 1),
    RejectedInput(#""\uD800\u0041""#, .loneSurrogate, offset: 1),
    RejectedInput(#""\uD800\uD800""#, .loneSurrogate, offset: 1),
    RejectedInput(#""x\uD83D\uZZZZ""#, .invalidUnicodeEscape, offset: 8),
    // UTF-8
    RejectedInput(bytes: [0x22, 0xFF, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0x80, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0x61, 0xE2, 0x82, 0x22], .invalidUTF8, offset: 2),
    RejectedInput(bytes: [0x22, 0xC3], .invalidUTF8, offset: 1),
    RejectedInput(bytes: [0x22, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xC3, 0x28, 0x22], .invalidUTF8, offset: 9),
    RejectedInput(bytes: [0xC3, 0xA9], .expectedValue, offset: 0),
    // Duplicate keys
    RejectedInput(#"{"a":1,"a":2}"#, .duplicateKey("a"), offset: 7),
    RejectedInput(#"{"a":1,"b":2,"a":3}"#, .duplicateKey("a"), offset: 13),
    RejectedInput(#"{"":1,"":2}"#, .duplicateKey(""), offset: 6),
    RejectedInput(#"{"a":1,"\u0061":2}"#, .duplicateKey("a"), offset: 7),
    RejectedInput(#"{"a\nb":1,"a\u000Ab":2}"#, .duplicateKey("a\nb"), offset: 10),
    RejectedInput(#"{"x":{"a":1,"a":2}}"#, .duplicateKey("a"), offset: 12),
    RejectedInput(#"{"a\u0062":{"c\u0064":1},"ab":2}"#, .duplicateKey("ab"), offset: 25),
    RejectedInput(#"{"k\u0031":"v\n\u00e9","k1":0}"#, .duplicateKey("k1"), offset: 23),
    RejectedInput("{\"\u{E9}\":1,\"e\u{301}\":2}", .duplicateKey("e\u{301}"), offset: 8),
    RejectedInput("{\"K\":1,\"\u{212A}\":2}", .duplicateKey("\u{212A}"), offset: 7),
    RejectedInput(#"{"\u212A":1,"K":2}"#, .duplicateKey("K"), offset: 12),
    // Positions on later lines: columns restart after each line feed
    RejectedInput("{\n  \"a\": 1,\n  \"b\" 2\n}", .expectedColon, offset: 18, line: 3, column: 7),
    RejectedInput("[\r\n1,\r\n]", .trailingComma, offset: 4, line: 2, column: 2),
    RejectedInput("[\n\n\n", .unexpectedEndOfInput, offset: 4, line: 4, column: 1),
]

/// Inputs the parser must accept, covering every construct.
let acceptedInputs: [String] = [
    "0", "-0", "1", "-1", "0.5", "-0.0", "1e5", "1E-5", "1e+5", "123.456e-7",
    "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e308",
    "true", "false", "null", #""""#, #""a""#,
    #""\"\\\/\b\f\n\r\t""#, #""\u0041\u00e9\u20AC\uD83D\uDE00""#, "\"\u{E9}\u{20AC}\u{1F600}\"",
    "[]", "{}", "[[]]", "[{}]", #"{"a":{}}"#, " \t\r\n[ 1 , 2 ]\n\t\r ",
    #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
    #"{ "a" : 1 , "b" : 2 }"#,
    #"[{"a":1},{"a":2}]"#,
    #"{"a":{"a":1},"b":{"a":2}}"#,
    #"{"a":1,"A":2}"#,
    #"{"e\u0301":1,"\u00e9x":2}"#,
    "\"\u{7F}\"",
    sampleEventLine,
]
