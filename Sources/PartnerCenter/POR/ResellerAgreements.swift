import Foundation
import SQLite

/// Whether a reseller signed the partner agreement, asked by a distributor by PLA id or
/// tenant id, with the real API's 2xxx error codes.
enum ResellerAgreements {
    /// `mpnId` and `tenantId` as sent (an empty one counts as absent); exactly one is needed.
    static func status(mpnId: String?, tenantId: String?, _ context: OperationContext, _ db: Connection) throws -> AgreementStatus {
        let distributor = try context.callingDistributor(db)
        let mpnId = mpnId.flatMap { $0.isEmpty ? nil : $0 }
        let tenantId = tenantId.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let reseller: PartnerRecord
        switch (mpnId, tenantId) {
        case (nil, nil):
            throw fail(ErrorCode.agreementStatusMissingInput, "Either mpnId or tenantId is required.")
        case (.some, .some):
            throw fail(ErrorCode.agreementStatusBadFormat, "Give either mpnId or tenantId, not both.")
        case (let mpnId?, nil):
            guard AccountNumbers.isWellFormed(mpnId) else {
                throw fail(ErrorCode.agreementStatusBadFormat, "mpnId '\(mpnId)' is not a valid PLA id.")
            }
            guard let location = try db.fetchOne(LocationRow.self, "SELECT * FROM locations WHERE pla_id = ?", [mpnId]),
                  let partner = try PartnerRecord.find(location.tenantId, db) else {
                throw fail(ErrorCode.agreementStatusUnknownPLA, "mpnId \(mpnId) was not found.")
            }
            reseller = partner
        case (nil, let tenantId?):
            guard UUID(uuidString: tenantId) != nil else {
                throw fail(ErrorCode.agreementStatusBadFormat, "tenantId '\(tenantId)' is not a GUID.")
            }
            guard let partner = try PartnerRecord.find(tenantId, db), partner.status != .deleted else {
                throw fail(ErrorCode.agreementStatusTenantNotFound, "Tenant \(tenantId) was not found.")
            }
            reseller = partner
        }
        guard reseller.hasIndirectReseller else {
            throw fail(ErrorCode.agreementStatusNotReseller, "The partner is not an indirect reseller.")
        }
        guard reseller.region == distributor.region else {
            throw fail(ErrorCode.agreementStatusRegionMismatch, "The reseller is in another CSP region than the distributor.")
        }
        return AgreementStatus(isAgreementSigned: reseller.mpaAcceptedAt != nil)
    }

    private static func fail(_ code: Int, _ description: String) -> APIError {
        APIError(.badRequest, code: code, description)
    }
}
