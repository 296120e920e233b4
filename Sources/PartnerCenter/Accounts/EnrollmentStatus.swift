import SQLite

/// ACC-3 lifecycle of a program enrollment.
public enum EnrollmentStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case pending = "Pending"
    case verified = "Verified"
    case active = "Active"
    case restricted = "Restricted"
    case suspended = "Suspended"

    init?(name: String) {
        guard let match = EnrollmentStatus.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
            return nil
        }
        self = match
    }
}
