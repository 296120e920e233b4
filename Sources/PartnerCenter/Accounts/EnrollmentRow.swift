/// One row of `enrollments`, column for column (decoded and inserted by name).
struct EnrollmentRow: Codable, Sendable {
    var id: String
    var tenantId: String
    var program: Program
    var status: EnrollmentStatus
    var createdAt: String
    var verificationDueAt: String?
    var verifiedAt: String?
    var activatedAt: String?
    var restrictedAt: String?
    var suspendedAt: String?
    /// ACC-6: a direct-bill tenant enrolling its existing tenant as an indirect reseller.
    var isMigration: Bool
}
