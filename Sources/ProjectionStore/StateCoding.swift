import Foundation
import PartnerProjections

/// The bytes stored in the views' checkpoints.
///
/// A partnership's checkpoint holds its ``PartnershipProjection`` encoded by
/// ``ViewStateEncoder`` and then an 8-byte checksum of those bytes (64-bit FNV-1a, little
/// endian), so that a state damaged on disk is found rather than read as another state; the
/// index checkpoint holds the sorted slugs, one per line.
/// Both encodings are deterministic, so a rebuild writes the same bytes as the
/// incremental path. Changing either changes ``ProjectionViews/stateFormat``.
enum StateCoding {
    static func encode(_ projection: PartnershipProjection) throws -> [UInt8] {
        var bytes = try ViewStateEncoder.encode(projection)
        let sum = checksum(bytes[...])
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: sum >> UInt64(shift))) }
        return bytes
    }

    static func decode(_ bytes: [UInt8], consumer: String) throws -> PartnershipProjection {
        guard bytes.count >= 8 else {
            throw ViewsError.damagedCheckpoint(consumer: consumer, reason: "it holds \(bytes.count) bytes, too few for a state and its checksum")
        }
        let body = bytes[..<(bytes.count - 8)]
        let stored = bytes[(bytes.count - 8)...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard checksum(body) == stored else {
            throw ViewsError.damagedCheckpoint(consumer: consumer, reason: "its checksum does not match its bytes")
        }
        do {
            return try ViewStateDecoder.decode(PartnershipProjection.self, from: Array(body))
        } catch {
            throw ViewsError.damagedCheckpoint(consumer: consumer, reason: "\(error)")
        }
    }

    /// 64-bit FNV-1a: cheap, and any change of a byte changes it.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func encodeIndex(_ slugs: some Sequence<String>) -> [UInt8] {
        Array(slugs.sorted().joined(separator: "\n").utf8)
    }

    static func decodeIndex(_ bytes: [UInt8]) -> [String] {
        bytes.isEmpty ? [] : bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }
}
