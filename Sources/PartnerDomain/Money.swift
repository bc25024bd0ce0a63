import Foundation

/// An amount of money or value, exact in decimal: `amount`, `value`, `estimatedValue`.
///
/// `Decimal` rather than `Double`: amounts are summed and compared in
/// reciprocity and investment shares, and binary floating point cannot hold
/// most cents exactly (`0.1 + 0.2 != 0.3`). `Decimal` keeps what the user
/// wrote: `1500.50` decodes and re-encodes without drift, sums of cents stay
/// exact, and the JSON text is read digit by digit rather than through a
/// `Double`. Scores derived from amounts may convert to `Double` at the end.
public typealias MoneyAmount = Decimal

/// An ISO 4217 currency code such as `EUR`: exactly three capital letters A to Z.
///
/// The code's shape is checked, not its membership in the current ISO list,
/// so historic and newly issued codes are accepted alike.
public struct CurrencyCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The three capital letters.
    public let code: String

    /// Checks the shape of a code; throws `invalid-currency` naming the text otherwise.
    public init(_ code: String) throws(DomainError) {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw DomainError(
                code: .invalidCurrency, field: "", value: JSONText.quoted(code),
                message: "\(JSONText.quoted(code)) is not an ISO 4217 currency code. Write three capital letters, such as EUR or USD.")
        }
        self.code = code
    }

    /// The code itself, such as `EUR`.
    public var description: String { code }

    /// Decodes a JSON string that must be three capital letters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(DomainError) {
            self = try CurrencyCode(text)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    /// Encodes the code as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
