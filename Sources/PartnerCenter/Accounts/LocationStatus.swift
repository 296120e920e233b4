import SQLite

/// Whether a location (a PLA id) can be used: only an Active one is a valid Partner of Record.
enum LocationStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case active = "Active"
    case inactive = "Inactive"

    init?(name: String) {
        guard let match = LocationStatus.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
            return nil
        }
        self = match
    }
}
