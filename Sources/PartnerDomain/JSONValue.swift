import Foundation

/// Any JSON value, kept exactly: the `payload` of an ``EventEnvelope`` before it is decoded into a typed event.
///
/// Numbers are kept as `Decimal`, so `1500.50` and `12345678901234567.89`
/// survive a decode and encode unchanged in value. Objects compare equal
/// regardless of key order, which makes `JSONValue` the right way to compare
/// two JSON documents "as parsed JSON".
public enum JSONValue: Sendable, Hashable, Codable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, exact in decimal.
    case number(Decimal)
    /// A string.
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// An object; key order is not significant.
    case object([String: JSONValue])

    /// Parses JSON text; throws `malformed-json` when the bytes are not JSON.
    public init(parsing data: Data) throws(DomainError) {
        do {
            self = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw DomainError(
                code: .malformedJSON, field: "", value: nil,
                message: "the text is not valid JSON. Check its quotes, commas and brackets.")
        }
    }

    /// Decodes whichever JSON value the decoder holds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as the JSON it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }

    /// The JSON bytes of this value, keys sorted and slashes unescaped.
    public func encoded() throws -> Data {
        try JSONText.makeEncoder().encode(self)
    }

    /// The name of this value's JSON type, as error messages use it: `string`, `number`, `object`...
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// Shared JSON conventions: the canonical encoder and the quoting used in error messages.
enum JSONText {
    /// A JSON encoder with sorted keys and unescaped slashes: the canonical payload bytes.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `text` as a JSON string literal, quotes included, for showing a value in a message.
    static func quoted(_ text: String) -> String {
        guard let data = try? makeEncoder().encode(text) else { return "\"\(text)\"" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `value` as compact JSON text, for showing a value in a message.
    static func rendered(_ value: JSONValue) -> String {
        guard let data = try? value.encoded() else { return value.typeName }
        return String(decoding: data, as: UTF8.self)
    }
}
