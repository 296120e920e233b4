import Foundation
import JSON
import SQLite

/// Program enrollment rules ACC-1, ACC-2, ACC-3, ACC-6, ACC-7.
enum Enrollments {
    static let directBillRevenueThresholdUSD = 300_000.0

    /// A GlobalAdmin of the enrolling tenant applies; returns the new (or re-opened) enrollment.
    static func enroll(_ application: EnrollmentApplication, _ context: OperationContext, _ db: Connection) throws -> EnrollmentRow {
        let tenantId = try context.caller.tenantId
        if let email = application.contactEmail {
            guard ContactEmail.domain(of: email) != nil else {
                throw APIError.invalidField("primaryContact.email", "is not an e-mail address")
            }
            // ACC-2
            guard !ContactEmail.isWebMail(email) else {
                throw APIError(.badRequest, code: ErrorCode.webMailContact,
                               "The primary contact e-mail must be on the company's own domain; web-mail addresses such as \(email) are not accepted.")
            }
        }
        if try db.queryOne("SELECT 1 FROM customers WHERE tenant_id = ?", [tenantId]) != nil {
            throw APIError.forbidden("A customer tenant cannot enroll in a CSP program.")
        }
        let existing = try PartnerRecord.find(tenantId, db)
        switch (application.program, existing) {
        case (.distributor, _):
            throw APIError.invalidField("program", "Distributor enrollment is by Microsoft invitation only; enroll as IndirectReseller or DirectBill")
        case (.indirectReseller, nil):
            // ACC-1: new CSP partners enroll as indirect resellers.
            try application.requireCompleteProfile()
            try createPartner(tenantId, application, context, db)
            return try createEnrollment(tenantId, .indirectReseller, isMigration: false, context, db)
        case (.indirectReseller, let partner?):
            if partner.programs[.indirectReseller] != nil {
                throw APIError.conflict(ErrorCode.alreadyEnrolled, "The tenant is already enrolled in the IndirectReseller program.")
            }
            // ACC-6: a direct-bill tenant may enroll its existing tenant only while Restricted.
            guard partner.programs[.directBill] == .restricted else {
                throw APIError(.badRequest, code: ErrorCode.directBillNotRestricted,
                               "A direct-bill partner may enroll its existing tenant as an indirect reseller only while its DirectBill enrollment is Restricted; otherwise enroll with a new tenant.")
            }
            return try createEnrollment(tenantId, .indirectReseller, isMigration: true, context, db)
        case (.directBill, let partner):
            // ACC-7: revenue recorded on the partner (or declared by a new tenant).
            let revenue = partner?.cspRevenueUsd ?? application.cspRevenueUSD ?? 0
            guard revenue >= directBillRevenueThresholdUSD else {
                throw APIError(.badRequest, code: ErrorCode.insufficientRevenue,
                               "The DirectBill program needs at least USD 300,000 of CSP revenue over the last 12 months; the partner has USD \(Int(min(max(revenue, 0), directBillRevenueThresholdUSD))).")
            }
            if let partner {
                if let status = partner.programs[.directBill] {
                    guard status == .restricted || status == .suspended else {
                        throw APIError.conflict(ErrorCode.alreadyEnrolled, "The tenant is already enrolled in the DirectBill program (\(status.rawValue)).")
                    }
                    return try reapplyDirectBill(tenantId, context, db)
                }
                return try createEnrollment(tenantId, .directBill, isMigration: false, context, db)
            }
            try application.requireCompleteProfile()
            try createPartner(tenantId, application, context, db)
            return try createEnrollment(tenantId, .directBill, isMigration: false, context, db)
        }
    }

    private static func createPartner(_ tenantId: String, _ application: EnrollmentApplication, _ context: OperationContext,
                                      _ db: Connection) throws {
        let country = application.country ?? ""
        try Regions.region(of: country, field: "address.country", db)
        try PartnerStore.insert(PartnerRow(
            tenantId: tenantId, legalName: application.legalName ?? "", country: country,
            addressLine1: application.addressLine1 ?? "", city: application.city ?? "", postalCode: application.postalCode ?? "",
            primaryContactName: application.contactName ?? "", primaryContactEmail: application.contactEmail ?? "",
            supportEmail: application.supportEmail ?? "", supportPhone: application.supportPhone ?? "", status: .active,
            pgaId: try AccountNumbers.unused(context, db), mpaAcceptedAt: nil, mpaPlaId: nil, maicppMember: false,
            maicppContactEmail: nil, cspRevenueUsd: application.cspRevenueUSD ?? 0, isSandbox: false, createdAt: context.nowText), db)
    }

    private static func createEnrollment(_ tenantId: String, _ program: Program, isMigration: Bool,
                                         _ context: OperationContext, _ db: Connection) throws -> EnrollmentRow {
        let id = context.ids.guid()
        // ACC-3: verification after N business days; ACC-6: migration approval immediate by default.
        let days = isMigration ? context.configuration.migrationApprovalBusinessDays : context.configuration.verificationBusinessDays
        let due = Timestamp.format(BusinessDays.add(days, to: context.now))
        try EnrollmentStore.insert(EnrollmentRow(
            id: id, tenantId: tenantId, program: program, status: .pending, createdAt: context.nowText, verificationDueAt: due,
            verifiedAt: nil, activatedAt: nil, restrictedAt: nil, suspendedAt: nil, isMigration: isMigration), db)
        try context.audit(db, "CreateEnrollment", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                          details: ["program": .string(program.rawValue), "isMigration": .bool(isMigration)])
        if let partner = try PartnerRecord.find(tenantId, db) {
            try context.notify(db, kind: "EnrollmentReceived", to: partner.primaryContactEmail, tenant: tenantId,
                               subject: "Your \(program.rawValue) enrollment was received",
                               body: "Business verification takes 3 to 5 business days.", resourceType: "ProgramEnrollment", resourceId: id)
        }
        // A zero-day approval completes inside this same transaction.
        if days == 0 { try EnrollmentVerification.apply(context, db) }
        return try find(id, db)
    }

    private static func reapplyDirectBill(_ tenantId: String, _ context: OperationContext, _ db: Connection) throws -> EnrollmentRow {
        guard let enrollment = try db.fetchOne(EnrollmentRow.self, "SELECT * FROM enrollments WHERE tenant_id = ? AND program = ?",
                                               [tenantId, Program.directBill]) else { throw APIError.notFound("The enrollment") }
        let id = enrollment.id
        let due = Timestamp.format(BusinessDays.add(context.configuration.verificationBusinessDays, to: context.now))
        try EnrollmentStore.reapply(id, at: context.nowText, verificationDueAt: due, db)
        try context.audit(db, "ReapplyEnrollment", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                          details: ["program": .string(Program.directBill.rawValue)])
        // GEN-4: a re-application is acknowledged like a first application.
        if let partner = try PartnerRecord.find(tenantId, db) {
            try context.notify(db, kind: "EnrollmentReceived", to: partner.primaryContactEmail, tenant: tenantId,
                               subject: "Your DirectBill re-application was received",
                               body: "Business verification takes 3 to 5 business days.", resourceType: "ProgramEnrollment", resourceId: id)
        }
        return try find(id, db)
    }

    /// One enrollment by id; 404 when there is none.
    static func find(_ id: String, _ db: Connection) throws -> EnrollmentRow {
        guard let enrollment = try db.fetchOne(EnrollmentRow.self, "SELECT * FROM enrollments WHERE id = ?", [id]) else {
            throw APIError.notFound("The enrollment")
        }
        return enrollment
    }

    /// The Microsoft operator completes business verification now (ACC-3).
    static func approve(_ id: String, _ context: OperationContext, _ db: Connection) throws -> EnrollmentRow {
        let id = id.lowercased()
        let enrollment = try find(id, db)
        guard enrollment.status == .pending else {
            throw APIError.conflict(ErrorCode.enrollmentNotPending, "Only a Pending enrollment can be approved; this one is \(enrollment.status.rawValue).")
        }
        try EnrollmentVerification.completeVerification(id, context, db)
        return try find(id, db)
    }

    /// The Microsoft operator restricts, suspends or reinstates an enrollment (`status` is one
    /// of Active, Restricted, Suspended).
    static func changeStatus(_ id: String, to status: EnrollmentStatus, _ context: OperationContext,
                             _ db: Connection) throws -> EnrollmentRow {
        let id = id.lowercased()
        let enrollment = try find(id, db)
        if status == .active, enrollment.status == .pending || enrollment.status == .verified {
            throw APIError.conflict(ErrorCode.enrollmentNotVerified,
                                    "A \(enrollment.status.rawValue) enrollment becomes Active through verification and MPA acceptance.")
        }
        try EnrollmentStore.setStatus(id, status, at: context.nowText, db)
        try context.audit(db, "UpdateEnrollmentStatus", resourceType: "ProgramEnrollment", resourceId: id, tenants: [enrollment.tenantId],
                          details: ["status": .string(status.rawValue)])
        return try find(id, db)
    }

    /// The caller's own enrollments, oldest first.
    static func list(_ context: OperationContext, _ db: Connection) throws -> [EnrollmentRow] {
        try db.fetchAll(EnrollmentRow.self, "SELECT * FROM enrollments WHERE tenant_id = ? ORDER BY created_at, program",
                        [try context.caller.tenantId])
    }

    /// One enrollment: the caller's own, or any for the Microsoft operator; 404 otherwise.
    static func get(_ id: String, _ context: OperationContext, _ db: Connection) throws -> EnrollmentRow {
        let caller = try context.caller
        guard let enrollment = try db.fetchOne(EnrollmentRow.self, "SELECT * FROM enrollments WHERE id = ?", [id.lowercased()]),
              caller.has(.microsoftSupport) || enrollment.tenantId == caller.tenantId else {
            throw APIError.notFound("The enrollment")
        }
        return enrollment
    }
}
