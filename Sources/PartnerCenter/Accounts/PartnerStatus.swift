import SQLite

/// The state of a partner tenant, set by the Microsoft operator (a suspended or deleted
/// partner fails POR checks and loses admin access to customers, CUS-8).
enum PartnerStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible, CaseInsensitivelyNamed {
    case active = "Active"
    case suspended = "Suspended"
    case deleted = "Deleted"
}
