import Foundation
import JSON
import SQLite

/// ACC-4 and ACC-5: accepting the Microsoft Partner Agreement.
enum PartnerAgreements {
    /// A GlobalAdmin accepts the MPA for its tenant, naming the PLA id to associate; returns
    /// the partner as it is afterwards. `acceptance` is read once the tenant is known to be
    /// an enrolled partner that has not accepted yet (those refusals come first).
    static func accept(_ acceptance: @autoclosure () throws -> AgreementAcceptance, _ context: OperationContext,
                       _ db: Connection) throws -> PartnerRecord {
        let partner = try context.callingPartner(db)
        guard !partner.programs.isEmpty else {
            throw APIError.forbidden("The tenant has no CSP enrollment.")
        }
        guard partner.mpaAcceptedAt == nil else {
            throw APIError.conflict(ErrorCode.mpaAlreadyAccepted, "The Microsoft Partner Agreement is already accepted.")
        }
        let acceptance = try acceptance()
        // ACC-4: MPA needs an associated PLA id.
        guard let plaId = acceptance.plaId else {
            throw APIError(.badRequest, code: ErrorCode.noPLAForMPA,
                           "The Microsoft Partner Agreement can be accepted only once a PLA id is associated with the CSP account; give plaId.")
        }
        // ACC-4: a PGA id (this partner's or any other's) can never be associated for this purpose.
        let isPGA = try db.queryOne("SELECT 1 FROM partners WHERE pga_id = ?", [plaId]) != nil
        if isPGA || !AccountNumbers.isWellFormed(plaId) {
            throw APIError(.badRequest, code: ErrorCode.invalidPartnerIdFormat,
                           "\(plaId) is not a Partner Location Account id; a PGA id cannot be associated with the CSP account.")
        }
        guard let location = try db.fetchOne(LocationRow.self, "SELECT * FROM locations WHERE pla_id = ? AND tenant_id = ?",
                                             [plaId, partner.tenantId]),
              location.status == .active else {
            throw APIError(.badRequest, code: ErrorCode.partnerIdNotFound,
                           "\(plaId) is not an active location of this partner.")
        }
        // ACC-5: the PLA id's country must be the business address country.
        guard location.country == partner.country else {
            throw APIError(.badRequest, code: ErrorCode.plaCountryMismatch,
                           "The associated PLA id must be a location in the business address country (\(partner.country)); \(plaId) is in \(location.country).")
        }
        try PartnerStore.acceptAgreement(partner.tenantId, plaId: plaId, acceptedAt: context.nowText, db)
        try context.audit(db, "AcceptPartnerAgreement", resourceType: "PartnerAgreement", resourceId: partner.tenantId,
                          tenants: [partner.tenantId],
                          details: ["plaId": .string(plaId), "signerEmail": JSON(acceptance.signerEmail)])
        try context.notify(db, kind: "PartnerAgreementAccepted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "Microsoft Partner Agreement accepted",
                           body: "The MPA was accepted with PLA id \(plaId).", resourceType: "PartnerAgreement", resourceId: partner.tenantId)
        try EnrollmentVerification.activateVerified(tenantId: partner.tenantId, context, db)
        guard let accepted = try PartnerRecord.find(partner.tenantId, db) else { throw APIError.notFound("The partner") }
        return accepted
    }
}
