import EventLog
import Foundation

/// The clock, the ids and the user a ``Ledger`` works with, injected so tests and the demo are exact.
///
/// ```swift
/// let environment = LedgerEnvironment.live                       // the system clock, random ids
/// let fixed = LedgerEnvironment.seeded(7, clock: { someInstant }) // repeatable ids and times
/// ```
public struct LedgerEnvironment: Sendable {
    /// The current instant: the default business time of a new event, and the recorded time the log stamps.
    public var now: @Sendable () -> Timestamp
    /// A new event id.
    public var newEventID: @Sendable () -> UUID
    /// Random bits for short human ids such as `c-7f3a2`.
    public var randomBits: @Sendable () -> UInt64
    /// Who is recorded as the writer of new events.
    public var userName: String

    /// Creates an environment from its parts.
    public init(
        now: @escaping @Sendable () -> Timestamp, newEventID: @escaping @Sendable () -> UUID,
        randomBits: @escaping @Sendable () -> UInt64, userName: String
    ) {
        self.now = now
        self.newEventID = newEventID
        self.randomBits = randomBits
        self.userName = userName
    }

    /// The system clock, random UUIDs, system randomness and the user running the process
    /// (`$USER`, else the account name).
    public static var live: LedgerEnvironment {
        LedgerEnvironment(
            now: { Timestamp(Date()) }, newEventID: { UUID() }, randomBits: { UInt64.random(in: .min ... .max) },
            userName: currentUserName())
    }

    /// Repeatable ids from `seed` (event ids and short ids alike), with the given clock.
    public static func seeded(_ seed: UInt64, userName: String = "demo", clock: @escaping @Sendable () -> Timestamp) -> LedgerEnvironment {
        let generator = SeededGenerator(seed: seed)
        return LedgerEnvironment(
            now: clock,
            newEventID: {
                var bytes = [UInt8](repeating: 0, count: 16)
                for index in stride(from: 0, to: 16, by: 8) {
                    withUnsafeBytes(of: generator.next().bigEndian) { bytes.replaceSubrange(index..<index + 8, with: $0) }
                }
                bytes[6] = bytes[6] & 0x0f | 0x40
                bytes[8] = bytes[8] & 0x3f | 0x80
                return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                   bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            },
            randomBits: { generator.next() },
            userName: userName)
    }
}

/// SplitMix64 behind a lock: a small, repeatable source of random bits.
final class SeededGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    func next() -> UInt64 {
        lock.withLock {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }
}

/// An instant that code can set, behind a lock: the recorded time an import keeps, or the demo's clock.
final class SettableInstant: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Timestamp?

    var current: Timestamp? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
