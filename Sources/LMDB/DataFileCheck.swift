#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A look at an LMDB data file before it is mapped: a file cut short or with both meta pages
/// broken would otherwise end the process with a bus error or an assertion when read.
///
/// LMDB's file begins with two meta pages (pages 0 and 1). Each holds, after the 16-byte page
/// header, the magic `0xBEEFC0DE`, the format version 1, the page size (in the free database's
/// `md_pad`), the last page in use and the transaction id. The meta with the higher transaction
/// id is the one LMDB uses, and the file must reach the last page it names.
public enum DataFileCheck {
    static let magic: UInt32 = 0xBEEF_C0DE
    static let version: UInt32 = 1
    /// Byte offsets inside a meta page (64-bit build): header 16, magic 16, version 20, address 24,
    /// map size 32, free database 40 (its `md_pad`, the page size, first), main database 88,
    /// last page 136, transaction id 144.
    static let magicOffset = 16, versionOffset = 20, pageSizeOffset = 40, lastPageOffset = 136, transactionOffset = 144

    /// What is wrong with the data file at `path`, in words, or nil when it looks whole (or does
    /// not exist). An empty file is whole only with `allowingEmpty` (LMDB then initialises it).
    public static func problem(at path: String, allowingEmpty: Bool) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        if size == 0 { return allowingEmpty ? nil : "it is empty" }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil } // LMDB reports the access error itself
        defer { close(descriptor) }
        let headLength = min(size, 2 * 65_536)
        var head = [UInt8](repeating: 0, count: headLength)
        let read = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, headLength, 0) }
        guard read == headLength else { return "it cannot be read from the start" }
        guard size >= 152 else { return "it holds \(size) bytes, too few for LMDB's meta pages" }
        func uint32(_ offset: Int) -> UInt32 {
            head[offset..<(offset + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
        func uint64(_ offset: Int) -> UInt64 {
            head[offset..<(offset + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        // The first meta names the page size, and so where the second begins.
        guard uint32(magicOffset) == magic || size < 4096 else {
            return second(head: head, size: size, uint32: uint32, uint64: uint64) ?? nil
        }
        let pageSize = Int(uint32(pageSizeOffset))
        guard uint32(magicOffset) == magic, uint32(versionOffset) == version,
              pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0
        else { return "its first meta page is not an LMDB meta page" }
        guard size >= 2 * pageSize else { return "it holds \(size) bytes, fewer than its two meta pages of \(pageSize)" }
        var metas = [(transaction: uint64(transactionOffset), lastPage: uint64(lastPageOffset))]
        let base = pageSize
        if base + transactionOffset + 8 <= head.count, uint32(base + magicOffset) == magic, uint32(base + versionOffset) == version {
            metas.append((uint64(base + transactionOffset), uint64(base + lastPageOffset)))
        }
        let current = metas.max { $0.transaction < $1.transaction }!
        let needed = (current.lastPage + 1) * UInt64(pageSize)
        guard UInt64(size) >= needed else {
            return "it holds \(size) bytes, but its meta page names \(current.lastPage + 1) pages of \(pageSize) bytes (\(needed)); the file was cut short"
        }
        return nil
    }

    /// When the first meta is broken, the second decides; LMDB's default page size is tried.
    private static func second(
        head: [UInt8], size: Int, uint32: (Int) -> UInt32, uint64: (Int) -> UInt64
    ) -> String? {
        for pageSize in [4096, 8192, 16_384, 65_536] where pageSize + transactionOffset + 8 <= head.count {
            if uint32(pageSize + magicOffset) == magic, uint32(pageSize + versionOffset) == version {
                let needed = (uint64(pageSize + lastPageOffset) + 1) * UInt64(pageSize)
                return UInt64(size) >= needed ? nil : "its first meta page is broken and its second names \(needed) bytes; the file holds \(size)"
            }
        }
        return "neither of its meta pages is an LMDB meta page"
    }
}
