import Foundation
import PartnerProjections

/// The bytes stored in the views' checkpoints.
///
/// A partnership's checkpoint holds its ``PartnershipProjection`` encoded by
/// ``ViewStateEncoder``; the index checkpoint holds the sorted slugs, one per line.
/// Both encodings are deterministic, so a rebuild writes the same bytes as the
/// incremental path. Changing either changes ``ProjectionViews/stateFormat``.
enum StateCoding {
    static func encode(_ projection: PartnershipProjection) throws -> [UInt8] {
        try ViewStateEncoder.encode(projection)
    }

    static func decode(_ bytes: [UInt8], consumer: String) throws -> PartnershipProjection {
        do {
            return try ViewStateDecoder.decode(PartnershipProjection.self, from: bytes)
        } catch {
            throw ViewsError.damagedCheckpoint(consumer: consumer, reason: "\(error)")
        }
    }

    static func encodeIndex(_ slugs: some Sequence<String>) -> [UInt8] {
        Array(slugs.sorted().joined(separator: "\n").utf8)
    }

    static func decodeIndex(_ bytes: [UInt8]) -> [String] {
        bytes.isEmpty ? [] : bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }
}
