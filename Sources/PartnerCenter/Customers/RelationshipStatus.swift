import SQLite

/// A partner-customer relationship's lifecycle.
enum RelationshipStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case active = "Active"
    case ended = "Ended"
}
