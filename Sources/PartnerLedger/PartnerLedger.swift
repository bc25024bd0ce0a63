// The application layer of PartnerLedger: one `Ledger` is the session over one open event
// log, and serves both sides of every question: partnership events validated and appended
// with optimistic concurrency, JSON Lines import and export, the audit history, overviews
// and the partnership list, the checkpointed projection states that health, flags, verdicts
// and trend reports evaluate (`Ledger.projections(model:progress:)`), verification, backup
// and restore. The command line, and any long-lived process, holds one `Ledger` per ledger
// directory and asks it everything; neither imports the storage layer.
//
// Cost follows the question. A partnership's stream is read through the log's stream index
// the first time a question is about it, and only its new events afterwards: recording one
// event, `partnership show`, `history -p`, `export -p` read that partnership alone. The
// portfolio questions read one checkpoint per partnership (the views of ProjectionStore,
// the list entries of `partnershipList`), each refreshed from the log when it is behind and
// never trusted stale.
//
// Why three folds of a partnership's events remain, each with its own job:
// - `PartnershipRegistry` (PartnerDomain) is the validation state: what exists, its status,
//   and which later events build on which, so that a retraction can be checked and undone.
//   It is small, model-free, and must be exact at the stream's head.
// - `PartnershipDirectory` (here) keeps the words and numbers `show` prints, which the
//   registry does not need; it is folded only for `show` and for a stale list entry, from
//   one stream, and takes statuses and retractions from the registry rather than deciding
//   them a second time.
// - `PartnershipProjection` (PartnerProjections) holds the dated facts every evaluation
//   resolves at any view point (as of, known at): far larger, checkpointed by ProjectionStore
//   in a binary format, and independent of the scoring model.
// The registry and the projection both undo retractions, because one answers "what stands
// now" and the other "what stood at T, as known at T'"; merging them would make every
// recorded call pay for the bitemporal state.
//
// The domain vocabulary (events, payloads, errors, times) is part of this module's API,
// so the command line imports this module alone and never the storage layer.
@_exported import PartnerDomain
