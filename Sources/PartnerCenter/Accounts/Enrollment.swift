import JSON

/// A program enrollment as the portal shows it (`/portal/enrollments`).
struct Enrollment: APIResource {
    static let objectType = "ProgramEnrollment"

    let id: String
    let tenantId: String
    let program: Program
    let status: EnrollmentStatus
    let createdTime: String
    @Nullable var verificationDueTime: String?
    @Nullable var verifiedTime: String?
    @Nullable var activatedTime: String?
    let isMigration: Bool

    var links: [(name: String, link: Link)] { [("self", Link("/portal/enrollments/\(id)"))] }

    init(_ enrollment: EnrollmentRow) {
        id = enrollment.id
        tenantId = enrollment.tenantId
        program = enrollment.program
        status = enrollment.status
        createdTime = enrollment.createdAt
        verificationDueTime = enrollment.verificationDueAt
        verifiedTime = enrollment.verifiedAt
        activatedTime = enrollment.activatedAt
        isMigration = enrollment.isMigration
    }
}
