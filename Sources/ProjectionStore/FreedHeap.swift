#if canImport(Glibc)
import Glibc
#endif

/// Gives the memory freed after a large transient piece of work (a replay's states) back to
/// the operating system. glibc keeps freed heap mapped for reuse, so without this the process
/// stays as large as its largest replay; elsewhere this does nothing.
enum FreedHeap {
    /// glibc's `malloc_trim`, looked up once: the Glibc module does not export `<malloc.h>`.
    #if canImport(Glibc)
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// Returns the free memory of every heap arena to the operating system (`malloc_trim(0)`).
    static func release() {
        #if canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }
}
