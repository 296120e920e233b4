import Foundation
import JSON
import SQLite

/// Whether a reseller signed the partner agreement, asked by a distributor by PartnerID (a PGA
/// or PLA id) or tenant id, with the real API's 2xxx error codes and their help links
/// (verify-indirect-reseller-mpa-status). A reseller that has not signed is not `false` but
/// the documented 400: 2203 asked by PartnerID, 2206 asked by tenant id.
enum ResellerAgreements {
    /// The help links the documented errors carry in `data`.
    static let faqLink = "https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq"
    static let migrationGuideLink = "https://partner.microsoft.com/resources/detail/migrate-pmc-pc-mpa-guide-pptx"

    /// `mpnId` and `tenantId` as sent (an empty one counts as absent); exactly one is needed.
    static func status(mpnId: String?, tenantId: String?, _ context: OperationContext, _ db: Connection) throws -> AgreementStatus {
        let distributor = try context.callingDistributor(db)
        let mpnId = mpnId.flatMap { $0.isEmpty ? nil : $0 }
        let tenantId = tenantId.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let reseller: PartnerRecord
        switch (mpnId, tenantId) {
        case (nil, nil):
            throw fail(ErrorCode.agreementStatusMissingInput, "Both MPN Id and Tenant Id cannot be empty.")
        case (.some, .some):
            throw fail(ErrorCode.agreementStatusBadFormat, "Both MPN Id and Tenant Id should not be passed.")
        case (let mpnId?, nil):
            guard AccountNumbers.isWellFormed(mpnId) else {
                throw fail(ErrorCode.agreementStatusBadFormat, "MPN Id must be numeric (a PGA or PLA id); got '\(mpnId)'.")
            }
            guard let partner = try owner(of: mpnId, db) else {
                throw fail(ErrorCode.agreementStatusUnknownPLA, "MPN Id \(mpnId) is either invalid or not yet migrated to Partner Center.",
                           link: migrationGuideLink)
            }
            reseller = partner
        case (nil, let tenantId?):
            guard UUID(uuidString: tenantId) != nil else {
                throw fail(ErrorCode.agreementStatusBadFormat, "Tenant Id must be a GUID.")
            }
            guard let partner = try PartnerRecord.find(tenantId, db), partner.status != .deleted else {
                throw fail(ErrorCode.agreementStatusTenantNotFound, "Partner Center doesn't find any account associated to the Tenant ID \(tenantId).")
            }
            reseller = partner
        }
        guard reseller.hasIndirectReseller else {
            throw fail(ErrorCode.agreementStatusNotReseller, "The partner is not associated with a CSP indirect reseller account.",
                       link: faqLink)
        }
        guard reseller.region == distributor.region else {
            throw fail(ErrorCode.agreementStatusRegionMismatch, "The reseller is in another CSP region than the distributor.", link: faqLink)
        }
        guard reseller.mpaAcceptedAt != nil else {
            if let mpnId {
                throw fail(ErrorCode.agreementStatusNotSignedByMpnId,
                           "MPN Id \(mpnId) has not signed the Microsoft Partner Agreement (MPA) for this CSP region.", link: faqLink)
            }
            throw fail(ErrorCode.agreementStatusNotSignedByTenantId,
                       "The Partner Center account of tenant \(reseller.tenantId) has not signed the agreement.", link: faqLink)
        }
        return AgreementStatus(isAgreementSigned: true)
    }

    /// The partner whose location has PLA id `mpnId`, or whose PGA id it is.
    private static func owner(of mpnId: String, _ db: Connection) throws -> PartnerRecord? {
        if let location = try db.fetchOne(LocationRow.self, "SELECT * FROM locations WHERE pla_id = ?", [mpnId]) {
            return try PartnerRecord.find(location.tenantId, db)
        }
        guard let tenantId = try db.fetchOne(String.self, "SELECT tenant_id FROM partners WHERE pga_id = ?", [mpnId]) else { return nil }
        return try PartnerRecord.find(tenantId, db)
    }

    private static func fail(_ code: Int, _ description: String, link: String? = nil) -> APIError {
        APIError(.badRequest, code: code, description, data: link.map { [.string($0)] } ?? [])
    }
}
