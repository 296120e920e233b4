import Foundation
import JSON
import SQLite

/// ACC-4 and ACC-5: accepting the Microsoft Partner Agreement.
enum PartnerAgreement {
    /// POST /portal/agreements/mpa by a GlobalAdmin, naming the PLA id to associate.
    static func accept(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        guard !partner.programs.isEmpty else {
            throw APIError.forbidden("The tenant has no CSP enrollment.")
        }
        guard partner.mpaAcceptedAt == nil else {
            throw APIError.conflict(ErrorCode.mpaAlreadyAccepted, "The Microsoft Partner Agreement is already accepted.")
        }
        let body = try context.body()
        // ACC-4: MPA needs an associated PLA id.
        guard let plaId = try body.optionalString("plaId") ?? body.optionalString("mpnId") else {
            throw APIError(.badRequest, code: ErrorCode.noPLAForMPA,
                           "The Microsoft Partner Agreement can be accepted only once a PLA id is associated with the CSP account; give plaId.")
        }
        // ACC-4: a PGA id (this partner's or any other's) can never be associated for this purpose.
        let isPGA = try db.queryOne("SELECT 1 FROM partners WHERE pga_id = ?", [plaId]) != nil
        if isPGA || !AccountNumbers.isWellFormed(plaId) {
            throw APIError(.badRequest, code: ErrorCode.invalidPartnerIdFormat,
                           "\(plaId) is not a Partner Location Account id; a PGA id cannot be associated with the CSP account.")
        }
        guard let location = try db.queryOne("SELECT country, status FROM locations WHERE pla_id = ? AND tenant_id = ?",
                                             [plaId, partner.tenantId]),
              location.string("status") == "Active" else {
            throw APIError(.badRequest, code: ErrorCode.partnerIdNotFound,
                           "\(plaId) is not an active location of this partner.")
        }
        // ACC-5: the PLA id's country must be the business address country.
        guard location.string("country") == partner.country else {
            throw APIError(.badRequest, code: ErrorCode.plaCountryMismatch,
                           "The associated PLA id must be a location in the business address country (\(partner.country)); \(plaId) is in \(location.string("country") ?? "").")
        }
        let signer = try body.optionalObject("signer")
        try db.run("UPDATE partners SET mpa_accepted_at = ?, mpa_pla_id = ? WHERE tenant_id = ?",
                   [context.nowText, plaId, partner.tenantId])
        try context.audit(db, "AcceptPartnerAgreement", resourceType: "PartnerAgreement", resourceId: partner.tenantId,
                          tenants: [partner.tenantId],
                          details: ["plaId": .string(plaId), "signerEmail": JSON(try signer?.optionalString("email"))])
        try context.notify(db, kind: "PartnerAgreementAccepted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "Microsoft Partner Agreement accepted",
                           body: "The MPA was accepted with PLA id \(plaId).", resourceType: "PartnerAgreement", resourceId: partner.tenantId)
        try EnrollmentVerification.activateVerified(tenantId: partner.tenantId, context.operation, db)
        return .ok(try render(partner.tenantId, db))
    }

    static func render(_ tenantId: String, _ db: Connection) throws -> JSON {
        let row = try db.queryOne("SELECT mpa_accepted_at, mpa_pla_id FROM partners WHERE tenant_id = ?", [tenantId])
        return Links.resource([
            "partnerTenantId": .string(tenantId),
            "agreementType": "MicrosoftPartnerAgreement",
            "isAccepted": .bool(row?.string("mpa_accepted_at") != nil),
            "acceptedTime": JSON(row?.string("mpa_accepted_at")),
            "plaId": JSON(row?.string("mpa_pla_id")),
        ], objectType: "PartnerAgreement")
    }
}
