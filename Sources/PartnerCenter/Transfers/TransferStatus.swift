import SQLite

/// A transfer's lifecycle (TransferEntity.status of the real API).
enum TransferStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case active = "Active"
    case complete = "Complete"
    case partiallyComplete = "PartiallyComplete"
    case failed = "Failed"
    case reject = "Reject"
    case cancelled = "Cancelled"
    case expired = "Expired"
}
