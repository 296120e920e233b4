import Foundation
import JSON
import SQLite

/// ACC-3: business verification completes when its due time passes on the simulated clock
/// (SIM-2); a verified enrollment becomes Active once the MPA is accepted (ACC-4).
enum EnrollmentVerification: TimeBasedTransition {
    static let dueQuery = "SELECT 1 FROM enrollments WHERE status = 'Pending' AND verification_due_at <= ?1"

    static func apply(_ context: OperationContext, _ db: Connection) throws {
        let due = try db.query("""
            SELECT id, verification_due_at FROM enrollments WHERE status = ? AND verification_due_at <= ?
            ORDER BY verification_due_at
            """, [EnrollmentStatus.pending, context.nowText])
        for row in due {
            guard let id = row.string("id") else { continue }
            let dueAt = row.string("verification_due_at").flatMap(Timestamp.parse) ?? context.now
            try completeVerification(id, context.at(dueAt), db)
        }
    }

    /// ACC-3: a Pending enrollment becomes Verified, and Active straight away when the MPA is
    /// already accepted.
    static func completeVerification(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        guard let row = try db.queryOne(
            "SELECT e.tenant_id, e.program, e.is_migration, p.mpa_accepted_at, p.primary_contact_email FROM enrollments e JOIN partners p ON p.tenant_id = e.tenant_id WHERE e.id = ?",
            [id]), let tenantId = row.string("tenant_id") else { return }
        try db.run("UPDATE enrollments SET status = 'Verified', verified_at = ? WHERE id = ?", [context.nowText, id])
        try context.audit(db, "VerifyEnrollment", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                          details: ["status": "Verified"], bySystem: true)
        try context.notify(db, kind: "EnrollmentVerified", to: row.string("primary_contact_email") ?? "", tenant: tenantId,
                           subject: "Your \(row.string("program") ?? "") enrollment is verified",
                           body: "Accept the Microsoft Partner Agreement to activate it.", resourceType: "ProgramEnrollment", resourceId: id)
        if row.string("mpa_accepted_at") != nil { try activateVerified(tenantId: tenantId, context, db) }
    }

    /// ACC-3: Verified enrollments of a tenant whose MPA is accepted become Active.
    static func activateVerified(tenantId: String, _ context: OperationContext, _ db: Connection) throws {
        let verified = try db.query("SELECT id, program, is_migration FROM enrollments WHERE tenant_id = ? AND status = 'Verified'", [tenantId])
        for row in verified {
            guard let id = row.string("id") else { continue }
            try db.run("UPDATE enrollments SET status = 'Active', activated_at = ? WHERE id = ?", [context.nowText, id])
            try context.audit(db, "ActivateEnrollment", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                              details: ["status": "Active"], bySystem: true)
            if row.bool("is_migration") == true, row.string("program") == Program.indirectReseller.rawValue {
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
