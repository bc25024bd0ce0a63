extension JSONError {
    /// The rule a rejected JSON text broke.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The text ended where more was required (also for empty input).
        case unexpectedEndOfInput
        /// A value was expected but the byte cannot start one.
        case expectedValue
        /// A byte sequence starting like `true`, `false` or `null` is not one of them.
        case invalidLiteral
        /// An object member must start with a string key.
        case expectedKey
        /// An object key must be followed by `:`.
        case expectedColon
        /// An object member must be followed by `,` or `}`.
        case expectedCommaOrObjectEnd
        /// An array element must be followed by `,` or `]`.
        case expectedCommaOrArrayEnd
        /// A `,` directly before `}` or `]`.
        case trailingComma
        /// Something other than whitespace follows the top-level value.
        case trailingCharacters
        /// A number has a `0` followed by more digits in its integer part.
        case leadingZero
        /// A digit was required in a number (after `-`, `.`, `e` or `e±`).
        case expectedDigit
        /// A number's magnitude is too large for a finite `Double`.
        case numberOutOfRange
        /// A string contains an unescaped byte below 0x20.
        case controlCharacterInString
        /// A backslash is followed by something other than `" \ / b f n r t u`.
        case invalidEscape
        /// `\u` is not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape encodes a UTF-16 surrogate that is not part of a high-low pair.
        case loneSurrogate
        /// A string contains bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// The text ended inside a string.
        case unterminatedString
        /// An object has two members whose keys are equal as Swift strings.
        case duplicateKey(String)
        /// Containers are nested deeper than the allowed maximum depth.
        case depthLimitExceeded(maxDepth: Int)

        /// A short phrase stating the broken rule.
        public var description: String {
            switch self {
            case .unexpectedEndOfInput: "unexpected end of input"
            case .expectedValue: "expected a value"
            case .invalidLiteral: "invalid literal, expected true, false or null"
            case .expectedKey: "expected a string key"
            case .expectedColon: "expected ':' after an object key"
            case .expectedCommaOrObjectEnd: "expected ',' or '}' after an object member"
            case .expectedCommaOrArrayEnd: "expected ',' or ']' after an array element"
            case .trailingComma: "trailing comma before the end of a container"
            case .trailingCharacters: "unexpected data after the top-level value"
            case .leadingZero: "leading zeros are not allowed in numbers"
            case .expectedDigit: "expected a digit in number"
            case .numberOutOfRange: "number is too large to represent"
            case .controlCharacterInString: "unescaped control character in string"
            case .invalidEscape: "invalid escape sequence in string"
            case .invalidUnicodeEscape: "\\u must be followed by four hexadecimal digits"
            case .loneSurrogate: "unpaired UTF-16 surrogate in \\u escape"
            case .invalidUTF8: "invalid UTF-8 in string"
            case .unterminatedString: "unterminated string"
            case .duplicateKey(let key): "duplicate key \"\(key)\" in object"
            case .depthLimitExceeded(let maxDepth): "containers nested deeper than \(maxDepth) levels"
            }
        }
    }
}
