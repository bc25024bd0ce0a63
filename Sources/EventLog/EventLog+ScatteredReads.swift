extension EventLog {
    /// Runs `body`, whose reads are scattered over the log (one partnership's stream among
    /// many), without the kernel's readahead of the file: each event read maps its own page
    /// and not a run of neighbours, which keeps such a read fast and its resident memory small.
    /// Results are the same either way. The corresponding LMDB flag, for a whole environment,
    /// is `MDB_NORDAHEAD`; this one is scoped to the call.
    public func withScatteredReads<T>(_ body: () throws -> T) rethrows -> T {
        try environment.withScatteredReads(body)
    }
}
