import Foundation
import JSON
import SQLite

/// Program enrollment rules ACC-1, ACC-2, ACC-3, ACC-6, ACC-7.
enum Enrollments {
    static let directBillRevenueThresholdUSD = 300_000.0

    struct Application {
        var program: Program
        var legalName: String?
        var addressLine1: String?
        var city: String?
        var postalCode: String?
        var country: String?
        var contactName: String?
        var contactEmail: String?
        var supportEmail: String?
        var supportPhone: String?
        var cspRevenueUSD: Double?

        init(_ body: Body) throws {
            let programName = try body.optionalString("program") ?? Program.indirectReseller.rawValue
            guard let program = Program(name: programName) else {
                throw APIError.invalidField("program", "must be IndirectReseller or DirectBill")
            }
            self.program = program
            let name = InputLimits.nameLength, line = InputLimits.addressLength, email = InputLimits.emailLength
            legalName = try body.optionalString("legalName", maxLength: name) ?? body.optionalString("companyName", maxLength: name)
            let address = try body.optionalObject("address")
            addressLine1 = try address?.optionalString("addressLine1", maxLength: line)
            city = try address?.optionalString("city", maxLength: line)
            postalCode = try address?.optionalString("postalCode", maxLength: InputLimits.shortTextLength)
            country = try address?.optionalString("country", maxLength: 2)?.uppercased()
            let contact = try body.optionalObject("primaryContact")
            let first = try contact?.optionalString("firstName", maxLength: name)
            let last = try contact?.optionalString("lastName", maxLength: name)
            let joined = [first, last].compactMap { $0 }.joined(separator: " ")
            contactName = joined.isEmpty ? try contact?.optionalString("name", maxLength: name) : joined
            contactEmail = try contact?.optionalString("email", maxLength: email)
            let support = try body.optionalObject("supportContact")
            supportEmail = try support?.optionalString("email", maxLength: email) ?? body.optionalString("supportEmail", maxLength: email)
            supportPhone = try support?.optionalString("phone", maxLength: InputLimits.shortTextLength)
                ?? body.optionalString("supportPhone", maxLength: InputLimits.shortTextLength)
            cspRevenueUSD = try body.optionalDouble("cspRevenueLast12MonthsUsd", in: InputLimits.revenueUSD)
        }

        /// ACC-1: what a new tenant must provide.
        func requireCompleteProfile() throws(APIError) {
            let required: [(String, String?)] = [
                ("legalName", legalName), ("address.addressLine1", addressLine1), ("address.city", city),
                ("address.country", country), ("primaryContact.email", contactEmail),
            ]
            let missing = required.filter { $0.1 == nil }.map(\.0)
                + (supportEmail == nil && supportPhone == nil ? ["supportContact"] : [])
            guard missing.isEmpty else {
                throw APIError(.badRequest, code: ErrorCode.missingEnrollmentField,
                               "Enrollment needs a legal name, a business address, a primary contact and support details; missing: \(missing.joined(separator: ", ")).",
                               data: missing.map { .string($0) })
            }
        }
    }

    /// POST /portal/enrollments by a GlobalAdmin of the enrolling tenant.
    static func enroll(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let tenantId = try context.caller.tenantId
        let application = try Application(try context.body())
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
            let revenue = partner?.cspRevenueUSD ?? application.cspRevenueUSD ?? 0
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

    private static func createPartner(_ tenantId: String, _ application: Application, _ context: RequestContext, _ db: Connection) throws {
        let country = application.country ?? ""
        try Regions.region(of: country, field: "address.country", db)
        try db.run("""
            INSERT INTO partners (tenant_id, legal_name, country, address_line1, city, postal_code, primary_contact_name,
                primary_contact_email, support_email, support_phone, pga_id, csp_revenue_usd, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [tenantId, application.legalName, country, application.addressLine1, application.city,
             application.postalCode ?? "", application.contactName ?? "", application.contactEmail,
             application.supportEmail ?? "", application.supportPhone ?? "",
             try AccountNumbers.unused(context, db), application.cspRevenueUSD ?? 0, context.nowText])
    }

    private static func createEnrollment(_ tenantId: String, _ program: Program, isMigration: Bool,
                                         _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = context.services.ids.guid()
        let configuration = context.services.configuration
        // ACC-3: verification after N business days; ACC-6: migration approval immediate by default.
        let days = isMigration ? configuration.migrationApprovalBusinessDays : configuration.verificationBusinessDays
        let due = Timestamp.format(BusinessDays.add(days, to: context.now))
        try db.run("""
            INSERT INTO enrollments (id, tenant_id, program, status, created_at, verification_due_at, is_migration)
            VALUES (?, ?, ?, 'Pending', ?, ?, ?)
            """, [id, tenantId, program.rawValue, context.nowText, due, isMigration])
        try context.audit(db, "CreateEnrollment", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                          details: ["program": .string(program.rawValue), "isMigration": .bool(isMigration)])
        if let partner = try PartnerRecord.find(tenantId, db) {
            try context.notify(db, kind: "EnrollmentReceived", to: partner.primaryContactEmail, tenant: tenantId,
                               subject: "Your \(program.rawValue) enrollment was received",
                               body: "Business verification takes 3 to 5 business days.", resourceType: "ProgramEnrollment", resourceId: id)
        }
        // A zero-day approval completes inside this same transaction.
        if days == 0 { try EnrollmentVerification.apply(context.operation, db) }
        return .created(try render(id, db))
    }

    private static func reapplyDirectBill(_ tenantId: String, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        guard let row = try db.queryOne("SELECT id FROM enrollments WHERE tenant_id = ? AND program = 'DirectBill'", [tenantId]),
              let id = row.string("id") else { throw APIError.notFound("The enrollment") }
        let due = Timestamp.format(BusinessDays.add(context.services.configuration.verificationBusinessDays, to: context.now))
        try db.run("""
            UPDATE enrollments SET status = 'Pending', created_at = ?, verification_due_at = ?, verified_at = NULL,
                activated_at = NULL, restricted_at = NULL, suspended_at = NULL WHERE id = ?
            """, [context.nowText, due, id])
        try context.audit(db, "ReapplyEnrollment", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                          details: ["program": "DirectBill"])
        // GEN-4: a re-application is acknowledged like a first application.
        if let partner = try PartnerRecord.find(tenantId, db) {
            try context.notify(db, kind: "EnrollmentReceived", to: partner.primaryContactEmail, tenant: tenantId,
                               subject: "Your DirectBill re-application was received",
                               body: "Business verification takes 3 to 5 business days.", resourceType: "ProgramEnrollment", resourceId: id)
        }
        return .created(try render(id, db))
    }

    static func render(_ id: String, _ db: Connection) throws -> JSON {
        guard let row = try db.queryOne("SELECT * FROM enrollments WHERE id = ?", [id]) else {
            throw APIError.notFound("The enrollment")
        }
        return render(row)
    }

    static func render(_ row: Row) -> JSON {
        let id = row.string("id") ?? ""
        return Links.resource([
            "id": .string(id),
            "tenantId": JSON(row.string("tenant_id")),
            "program": JSON(row.string("program")),
            "status": JSON(row.string("status")),
            "createdTime": JSON(row.string("created_at")),
            "verificationDueTime": JSON(row.string("verification_due_at")),
            "verifiedTime": JSON(row.string("verified_at")),
            "activatedTime": JSON(row.string("activated_at")),
            "isMigration": .bool(row.bool("is_migration") ?? false),
        ], objectType: "ProgramEnrollment", selfURI: "/portal/enrollments/\(id)")
    }

    /// POST /portal/enrollments/{id}/approve by the Microsoft operator (ACC-3).
    static func approve(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = context.pathParameter("enrollmentId").lowercased()
        guard let row = try db.queryOne("SELECT status FROM enrollments WHERE id = ?", [id]) else {
            throw APIError.notFound("The enrollment")
        }
        guard row.string("status") == EnrollmentStatus.pending.rawValue else {
            throw APIError.conflict(ErrorCode.enrollmentNotPending, "Only a Pending enrollment can be approved; this one is \(row.string("status") ?? "").")
        }
        try EnrollmentVerification.completeVerification(id, context.operation, db)
        return .ok(try render(id, db))
    }

    /// PATCH /portal/enrollments/{id} by the Microsoft operator: restrict, suspend or reinstate.
    static func changeStatus(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = context.pathParameter("enrollmentId").lowercased()
        let name = try context.body().string("status")
        guard let status = EnrollmentStatus(name: name), [.active, .restricted, .suspended].contains(status) else {
            throw APIError.invalidField("status", "must be Active, Restricted or Suspended")
        }
        guard let row = try db.queryOne("SELECT tenant_id, status FROM enrollments WHERE id = ?", [id]),
              let tenantId = row.string("tenant_id") else { throw APIError.notFound("The enrollment") }
        if status == .active, let current = row.string("status"), current == "Pending" || current == "Verified" {
            throw APIError.conflict(ErrorCode.enrollmentNotVerified, "A \(current) enrollment becomes Active through verification and MPA acceptance.")
        }
        let column = status == .restricted ? "restricted_at" : status == .suspended ? "suspended_at" : "activated_at"
        try db.run("UPDATE enrollments SET status = ?, \(column) = ? WHERE id = ?", [status.rawValue, context.nowText, id])
        try context.audit(db, "UpdateEnrollmentStatus", resourceType: "ProgramEnrollment", resourceId: id, tenants: [tenantId],
                          details: ["status": .string(status.rawValue)])
        return .ok(try render(id, db))
    }

    /// GET /portal/enrollments: the caller's own enrollments.
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(context)
        let rows = try db.query("SELECT * FROM enrollments WHERE tenant_id = ? ORDER BY created_at, program", [try context.caller.tenantId])
        return .ok(page.collection(all: rows.map(render), selfURI: "/portal/enrollments"))
    }

    /// GET /portal/enrollments/{id}: the caller's own, or any for the Microsoft operator.
    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = context.pathParameter("enrollmentId").lowercased()
        let caller = try context.caller
        guard let row = try db.queryOne("SELECT * FROM enrollments WHERE id = ?", [id]),
              caller.has(.microsoftSupport) || row.string("tenant_id") == caller.tenantId else {
            throw APIError.notFound("The enrollment")
        }
        return .ok(render(row))
    }
}
