import SQLite

/// A distributor-reseller partnership's lifecycle.
enum PartnershipStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case requested = "Requested"
    case active = "Active"
    case removed = "Removed"
}
