import SQLite

/// A new-commerce migration's state as stored and rendered: migrations complete in the
/// request that starts them.
enum MigrationStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case completed = "Completed"
}
