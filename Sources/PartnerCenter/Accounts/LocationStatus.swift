import SQLite

/// Whether a location (a PLA id) can be used: only an Active one is a valid Partner of Record.
enum LocationStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible, CaseInsensitivelyNamed {
    case active = "Active"
    case inactive = "Inactive"
}
