import SQLite

/// A transfer line's outcome (TransferLineItem.status); NULL while the transfer is pending.
/// A transfer moves all its lines or none, so a written line is always complete.
enum TransferLineStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case complete = "Complete"
}
