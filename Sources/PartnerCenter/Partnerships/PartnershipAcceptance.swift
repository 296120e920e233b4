import JSON
import SQLite

/// PSH-2 and PSH-6: the reseller's GlobalAdmin accepts a partnership request through its
/// invitation link; the distributor gains admin access to the reseller's work account.
enum PartnershipAcceptance: InvitationAcceptance {
    static let kind = InvitationKind.partnership

    static func accept(_ invitation: InvitationRecord, _ context: OperationContext, _ db: Connection) throws -> any APIResource {
        let caller = try context.caller
        guard caller.has(.globalAdmin) else {
            throw APIError.forbidden("Only a Global Admin of the reseller can accept a partnership request.")
        }
        guard let partnershipId = invitation.payload["partnershipId"]?.stringValue,
              let partnership = try db.fetchOne(PartnershipRow.self, "SELECT * FROM partnerships WHERE id = ?", [partnershipId]) else {
            throw APIError.notFound("The partnership")
        }
        guard partnership.status == .requested else {
            throw APIError.conflict(ErrorCode.invitationNotPending, "The partnership request is no longer pending.")
        }
        guard let distributor = try PartnerRecord.find(partnership.distributorId, db),
              let reseller = try PartnerRecord.find(partnership.resellerId, db) else {
            throw APIError.notFound("The partnership")
        }
        // PSH-3 again at acceptance: a partner may have moved since the request.
        guard reseller.region == distributor.region else {
            throw APIError(.badRequest, code: ErrorCode.partnershipRegionMismatch,
                           "Distributor and reseller must be in the same CSP region (\(distributor.region) vs \(reseller.region)).")
        }
        try PartnershipStore.activate(partnershipId, context, db)
        try context.audit(db, "AcceptPartnership", resourceType: "Partnership", resourceId: partnershipId,
                          tenants: [distributor.tenantId, reseller.tenantId], details: ["status": .string(PartnershipStatus.active.rawValue)])
        try context.notify(db, kind: "PartnershipAccepted", to: distributor.primaryContactEmail, tenant: distributor.tenantId,
                           subject: "\(reseller.legalName) accepted your partnership request",
                           body: "\(reseller.legalName) is now one of your indirect resellers.",
                           resourceType: "Partnership", resourceId: partnershipId)
        return Partnership(try Partnerships.find(partnershipId, db), context)
    }
}
