// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PartnerLedger",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "PartnerDomain", targets: ["PartnerDomain"]),
        .library(name: "PartnerProjections", targets: ["PartnerProjections"]),
        .library(name: "ProjectionStore", targets: ["ProjectionStore"]),
        .library(name: "PartnerReports", targets: ["PartnerReports"]),
        .library(name: "PartnerLedger", targets: ["PartnerLedger"]),
        .executable(name: "pledger", targets: ["pledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // The C library, linked from the system (Debian: liblmdb-dev).
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"]), .brew(["lmdb"])]
        ),
        // The only module that imports CLMDB: environments, transactions, cursors, errors.
        .target(name: "LMDB", dependencies: ["CLMDB"]),
        // A small, fast JSON reader and writer used on the log's hot paths.
        .target(name: "LedgerJSON"),
        // The append-only, hash-chained event log on top of LMDB.
        .target(
            name: "EventLog",
            dependencies: [
                "LMDB",
                "LedgerJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Partnership events as value types; stored payloads are read with LedgerJSON. Never imports storage.
        .target(name: "PartnerDomain", dependencies: ["LedgerJSON"]),
        // Projections: pure folds of partnership events into health, flags and the classifier.
        // Never imports storage.
        .target(name: "PartnerProjections", dependencies: ["PartnerDomain"]),
        // Trend reports of projection states: text, Markdown, HTML with inline SVG, JSON and CSV.
        // Never imports storage.
        .target(name: "PartnerReports", dependencies: ["PartnerDomain", "PartnerProjections"]),
        // The app-layer views: projection state checkpointed in the ledger, refreshed incrementally.
        .target(name: "ProjectionStore", dependencies: ["EventLog", "PartnerDomain", "PartnerProjections"]),
        // The application layer: domain events validated and recorded in the event log,
        // import, export and the audit history.
        .target(name: "PartnerLedger", dependencies: ["EventLog", "PartnerDomain", "PartnerProjections", "ProjectionStore"]),
        // The command line.
        .executableTarget(
            name: "pledger",
            dependencies: [
                "PartnerLedger",
                "PartnerProjections",
                "PartnerReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "ledger-bench",
            dependencies: ["EventLog", "LedgerJSON"],
            path: "tools/ledger-bench"
        ),
        // A deterministic large ledger for the benchmarks and the tests that need one.
        .target(
            name: "LedgerGenerator",
            dependencies: ["EventLog", "PartnerDomain"],
            path: "tools/ledger-generator"
        ),
        .executableTarget(
            name: "projection-bench",
            dependencies: ["ProjectionStore", "EventLog", "PartnerDomain", "PartnerProjections", "LedgerGenerator"],
            path: "tools/projection-bench"
        ),
        // A child process the event-log tests drive: concurrent writers, kill -9 mid-batch.
        .executableTarget(
            name: "eventlog-probe",
            dependencies: ["EventLog"],
            path: "Tests/EventLogProbe"
        ),

        // Temporary directories and child processes for tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "TestSupport"]),
        .testTarget(name: "LedgerJSONTests", dependencies: ["LedgerJSON"]),
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "LMDB", .product(name: "Crypto", package: "swift-crypto"), "TestSupport", "eventlog-probe"]),
        .testTarget(name: "PartnerDomainTests", dependencies: ["PartnerDomain"]),
        // Partnership stories as event sequences with fixed ids and times, for the projection and report tests.
        .target(
            name: "ProjectionStories", dependencies: ["PartnerDomain", "PartnerProjections"], path: "Tests/ProjectionStories",
            exclude: ["README.md"]),

        .testTarget(name: "PartnerProjectionsTests", dependencies: ["PartnerProjections", "PartnerDomain", "ProjectionStories"]),
        .testTarget(
            name: "ProjectionStoreTests",
            dependencies: ["ProjectionStore", "EventLog", "PartnerDomain", "PartnerProjections", "TestSupport"]
        ),
        .testTarget(
            name: "PartnerReportsTests",
            dependencies: ["PartnerReports", "PartnerProjections", "PartnerDomain", "ProjectionStories"],
            exclude: ["Golden"]),
        .testTarget(
            name: "PartnerLedgerTests",
            dependencies: ["PartnerLedger", "ProjectionStore", "PartnerProjections", "EventLog", "LedgerGenerator", "TestSupport"]),
        .testTarget(name: "PledgerTests", dependencies: ["PartnerLedger", "TestSupport", "pledger"]),
    ],
    swiftLanguageModes: [.v6]
)
