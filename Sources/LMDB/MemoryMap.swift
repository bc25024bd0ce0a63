import Foundation

/// Where a file is mapped into this process, read from `/proc/self/maps` (Linux only).
///
/// LMDB does not give out the address of its map (`mdb_env_info` reports it only for a map at
/// a fixed address), so the map is found by the file it maps.
struct MemoryMap {
    /// The start of the mapping.
    let address: UnsafeMutableRawPointer
    /// Its length in bytes.
    let length: Int

    /// The shared mapping of `file` (resolved to its real path), or `nil` when there is none or
    /// `/proc/self/maps` cannot be read.
    static func find(file: String) -> MemoryMap? {
        guard let resolved = realpath(file, nil) else { return nil }
        let target = String(cString: resolved)
        free(resolved)
        // Read to the end: files of /proc report no size, and a read by size can stop short.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps") else { return nil }
        defer { try? handle.close() }
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        // Each line: "start-end perms offset device inode path".
        for line in maps.split(separator: "\n") where line.hasSuffix(" " + target) || line.hasSuffix("\t" + target) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1].hasSuffix("s") else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start,
                  let address = UnsafeMutableRawPointer(bitPattern: start)
            else { continue }
            return MemoryMap(address: address, length: Int(end - start))
        }
        return nil
    }
}
