import SQLite

/// An invitation's lifecycle.
enum InvitationStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case pending = "Pending"
    case accepted = "Accepted"
    case expired = "Expired"
}
