import SQLite

/// ACC-3 lifecycle of a program enrollment.
public enum EnrollmentStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible, CaseInsensitivelyNamed {
    case pending = "Pending"
    case verified = "Verified"
    case active = "Active"
    case restricted = "Restricted"
    case suspended = "Suspended"
}
