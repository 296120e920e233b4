import SQLite

/// The one writer of `enrollments`: applications, verification (ACC-3), the Microsoft
/// operator's status changes and the world loader.
enum EnrollmentStore {
    static func insert(_ enrollment: EnrollmentRow, _ db: Connection) throws {
        try db.insert(enrollment, into: "enrollments")
    }

    /// `status` as of `at`, stamped in the column that records when that state began.
    static func setStatus(_ id: String, _ status: EnrollmentStatus, at: String, _ db: Connection) throws {
        let column = switch status {
        case .pending: "created_at"
        case .verified: "verified_at"
        case .active: "activated_at"
        case .restricted: "restricted_at"
        case .suspended: "suspended_at"
        }
        try db.update("enrollments", set: [("status", status), (column, at)], where: "id = ?", [id])
    }

    /// ACC-7: a DirectBill re-application starts verification over, as a new application.
    static func reapply(_ id: String, at: String, verificationDueAt: String, _ db: Connection) throws {
        try db.update("enrollments", set: [
            ("status", EnrollmentStatus.pending), ("created_at", at), ("verification_due_at", verificationDueAt),
            ("verified_at", nil), ("activated_at", nil), ("restricted_at", nil), ("suspended_at", nil),
        ], where: "id = ?", [id])
    }
}
