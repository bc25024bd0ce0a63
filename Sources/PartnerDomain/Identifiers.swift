import Foundation

/// The rule for partnership slugs and party ids: lower-case letters, digits and hyphens.
///
/// A slug starts with a letter or digit and has at most 63 characters, that
/// is `^[a-z0-9][a-z0-9-]{0,62}$`, so it is safe in file names, URLs and
/// LMDB keys.
public enum Slug {
    /// Whether `text` matches `^[a-z0-9][a-z0-9-]{0,62}$`.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 63, isLetterOrDigit(first) else { return false }
        return bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// Throws `invalid-slug` naming the text unless it is a valid slug; `what` names it in the message, such as "partnership slug".
    public static func validate(_ text: String, as what: String) throws(DomainError) {
        guard isValid(text) else {
            throw DomainError(
                code: .invalidSlug, field: "", value: JSONText.quoted(text),
                message: "\(JSONText.quoted(text)) is not a valid \(what). Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, such as acme-iot.")
        }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

/// Coding of UUIDs as lower-case RFC 4122 text, with `invalid-uuid` errors that name the text.
enum UUIDCoding {
    static func decode<Key: CodingKey>(
        _ container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> UUID {
        let text = try container.decode(String.self, forKey: key)
        guard let uuid = UUID(uuidString: text) else {
            let error = DomainError(
                code: .invalidUUID, field: "", value: JSONText.quoted(text),
                message: "\(JSONText.quoted(text)) is not a UUID. Write 32 hexadecimal digits in the 8-4-4-4-12 form, such as 0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f.")
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath + [key], debugDescription: error.message, underlyingError: error))
        }
        return uuid
    }

    static func decodeIfPresent<Key: CodingKey>(
        _ container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> UUID? {
        try container.contains(key) ? decode(container, forKey: key) : nil
    }

    static func text(_ uuid: UUID) -> String {
        uuid.uuidString.lowercased()
    }
}
