import SQLite

/// A write that failed because of the database's storage, not because of the request: the disk
/// (or the size limit) is full, or the file cannot be written. Both the Partner Center routes and
/// the Entra token endpoints answer it as the service being unavailable, in their own error
/// shape, and report it in `/_sim/health` until a write succeeds again.
enum StorageFailure: Equatable, Sendable {
    case full
    case notWritable

    /// The storage failure `error` is, or nil for any other error.
    init?(_ error: any Error) {
        guard let storage = error as? SQLiteError else { return nil }
        if storage.isStorageFull {
            self = .full
        } else if storage.isNotWritable {
            self = .notWritable
        } else {
            return nil
        }
    }

    /// The log line of a request refused by it.
    var logMessage: String {
        switch self {
        case .full: "request refused: the database is full"
        case .notWritable: "request refused: the database cannot be written"
        }
    }

    /// The reason `/_sim/health` gives while writes fail (`Services.storageFailed`).
    var healthReason: String {
        switch self {
        case .full: "the database's disk (or size limit) is full"
        case .notWritable: "the database file cannot be written"
        }
    }
}
