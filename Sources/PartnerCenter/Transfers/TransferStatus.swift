import SQLite

/// A transfer's lifecycle as stored (TransferEntity.status of the real API).
enum TransferStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case active = "Active"
    case complete = "Complete"
    case partiallyComplete = "PartiallyComplete"
    case failed = "Failed"
    case reject = "Reject"
    case cancelled = "Cancelled"
    case expired = "Expired"

    /// The status as the entity of a transfer of `type` renders it (TransferEntityStatus).
    func rendered(for type: TransferType) -> String {
        self == .complete && type == .newCommerce ? TransferEntityStatus.completed.rawValue : rawValue
    }
}
