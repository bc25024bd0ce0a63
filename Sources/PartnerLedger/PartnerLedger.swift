// The application layer of PartnerLedger: partnership events validated against the state
// folded from the log, then appended with optimistic concurrency; JSON Lines import and
// export; the audit history; verification, backup and restore.
//
// The domain vocabulary (events, payloads, errors, times) is part of this module's API,
// so the command line imports this module alone and never the storage layer.
@_exported import PartnerDomain
