/// One of the groups a bounded-memory replay splits the partnerships into: each pass over the
/// log folds only the partnerships of its group, so only that group's states are held at once.
///
/// A partnership's group comes from the FNV-1a hash of its stream name (the hash that also
/// picks its thread's share), mixed again (the finalizer of MurmurHash3) so that the groups
/// are even and independent of the shares: FNV-1a alone splits names that differ only in their
/// last characters, such as `partnership-1` and `partnership-2`, unevenly in its upper bits.
public struct ReplayGroup: Sendable, Hashable {
    /// The group's number, from 0 to `count - 1`.
    public let index: Int
    /// How many groups the partnerships are split into (at least one).
    public let count: Int

    /// Group `index` of `count`; `index` is reduced modulo `count`.
    public init(_ index: Int, of count: Int) {
        self.count = max(1, count)
        self.index = ((index % self.count) + self.count) % self.count
    }

    /// Every partnership: the one group of a replay in a single pass.
    public static let all = ReplayGroup(0, of: 1)

    /// The `count` groups that together hold every partnership, each exactly once.
    public static func groups(_ count: Int) -> [ReplayGroup] {
        (0..<max(1, count)).map { ReplayGroup($0, of: count) }
    }

    /// Whether the partnership whose stream name has the FNV-1a hash `hash` belongs to this group.
    func contains(hash: UInt64) -> Bool {
        count == 1 || Int(Self.mixed(hash) % UInt64(count)) == index
    }

    /// The 64-bit finalizer of MurmurHash3: every bit of the result depends on every bit of `hash`.
    static func mixed(_ hash: UInt64) -> UInt64 {
        var bits = hash
        bits ^= bits >> 33
        bits &*= 0xff51_afd7_ed55_8ccd
        bits ^= bits >> 33
        bits &*= 0xc4ce_b9fe_1a85_ec53
        bits ^= bits >> 33
        return bits
    }

    /// Whether the partnership with this slug (its stream name) belongs to this group.
    public func contains(slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        return bytes.withUnsafeBytes { contains(hash: PartitionedReplay.hash(of: $0)) }
    }
}
