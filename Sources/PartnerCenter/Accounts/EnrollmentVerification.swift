import Foundation
import JSON
import SQLite

/// ACC-3: business verification completes when its due time passes on the simulated clock
/// (SIM-2); a verified enrollment becomes Active once the MPA is accepted (ACC-4).
enum EnrollmentVerification: TimeBasedTransition {
    static let dueQuery = "SELECT 1 FROM enrollments WHERE status = '\(EnrollmentStatus.pending.rawValue)' AND verification_due_at <= ?1"

    static func apply(_ context: OperationContext, _ db: Connection) throws {
        let due = try db.fetchAll(EnrollmentRow.self, """
            SELECT * FROM enrollments WHERE status = ? AND verification_due_at <= ?
            ORDER BY verification_due_at
            """, [EnrollmentStatus.pending, context.nowText])
        for enrollment in due {
            let dueAt = enrollment.verificationDueAt.flatMap(Timestamp.parse) ?? context.now
            try completeVerification(enrollment.id, context.at(dueAt), db)
        }
    }

    /// What verification reads of an enrollment and its partner.
    private struct Verifying: Decodable {
        let tenantId: String
        let program: Program
        let mpaAcceptedAt: String?
        let primaryContactEmail: String
    }

    /// ACC-3: a Pending enrollment becomes Verified, and Active straight away when the MPA is
    /// already accepted.
    static func completeVerification(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        guard let enrollment = try db.fetchOne(Verifying.self, """
            SELECT e.tenant_id, e.program, p.mpa_accepted_at, p.primary_contact_email
            FROM enrollments e JOIN partners p ON p.tenant_id = e.tenant_id WHERE e.id = ?
            """, [id]) else { return }
        let tenantId = enrollment.tenantId
        try EnrollmentStore.setStatus(id, .verified, at: context.nowText, db)
        try context.audit(db, "VerifyEnrollment", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                          details: ["status": .string(EnrollmentStatus.verified.rawValue)], bySystem: true)
        try context.notify(db, kind: "EnrollmentVerified", to: enrollment.primaryContactEmail, tenant: tenantId,
                           subject: "Your \(enrollment.program.rawValue) enrollment is verified",
                           body: "Accept the Microsoft Partner Agreement to activate it.", resourceType: "ProgramEnrollment", resourceId: id)
        if enrollment.mpaAcceptedAt != nil { try activateVerified(tenantId: tenantId, context, db) }
    }

    /// ACC-3: Verified enrollments of a tenant whose MPA is accepted become Active.
    static func activateVerified(tenantId: String, _ context: OperationContext, _ db: Connection) throws {
        let verified = try db.fetchAll(EnrollmentRow.self, "SELECT * FROM enrollments WHERE tenant_id = ? AND status = ?",
                                       [tenantId, EnrollmentStatus.verified])
        for enrollment in verified {
            try EnrollmentStore.setStatus(enrollment.id, .active, at: context.nowText, db)
            try context.audit(db, "ActivateEnrollment", resourceType: "ProgramEnrollment", resourceId: enrollment.id, tenants: [tenantId],
                              details: ["status": .string(EnrollmentStatus.active.rawValue)], bySystem: true)
            if enrollment.isMigration, enrollment.program == .indirectReseller {
                try sendIncentiveInvitation(tenantId: tenantId, context, db)
            }
        }
    }

    /// ACC-8: within 30 days of a direct-bill tenant becoming an indirect reseller, its MAICPP
    /// contact is invited to the incentive program. pcsim sends it on the day it happens.
    static func sendIncentiveInvitation(tenantId: String, _ context: OperationContext, _ db: Connection) throws {
        guard let partner = try PartnerRecord.find(tenantId, db) else { return }
        let recipient = partner.maicppContactEmail ?? partner.primaryContactEmail
        try context.notify(db, kind: "IncentiveInvitation", to: recipient, tenant: tenantId,
                           subject: "Join the indirect reseller incentive program",
                           body: "\(partner.legalName) is now an indirect reseller and may enroll in the partner incentive program.",
                           resourceType: "Partner", resourceId: tenantId)
    }
}
