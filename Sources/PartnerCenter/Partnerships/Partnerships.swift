import Foundation
import JSON
import SQLite

/// Distributor <-> indirect reseller partnerships, PSH-1 to PSH-6.
enum Partnerships {
    /// A distributor's AdminAgent or SalesAgent asks a reseller to partner (PSH-1). `reseller`
    /// is read after the caller is known to be a distributor, as the API always answered.
    static func request(_ reseller: @autoclosure () throws -> ResellerReference, _ context: OperationContext,
                        _ db: Connection) throws -> PartnershipRecord {
        let distributor = try context.callingDistributor(db)
        let reseller = try resolve(try reseller(), db)
        guard reseller.tenantId != distributor.tenantId else {
            throw APIError.invalidField("resellerTenantId", "a distributor cannot partner with itself")
        }
        guard reseller.hasIndirectReseller, reseller.status != .deleted else {
            throw APIError(.badRequest, code: ErrorCode.notAnIndirectReseller,
                           "\(reseller.legalName) is not enrolled in the IndirectReseller program.")
        }
        // PSH-3 / GEN-1
        guard reseller.region == distributor.region else {
            throw APIError(.badRequest, code: ErrorCode.partnershipRegionMismatch,
                           "Distributor and reseller must be in the same CSP region (\(distributor.region) vs \(reseller.region)).")
        }
        if let existing = try db.fetchOne(PartnershipRow.self, "SELECT * FROM partnerships WHERE distributor_id = ? AND reseller_id = ? AND status IN (?, ?)",
                                          [distributor.tenantId, reseller.tenantId, PartnershipStatus.requested, PartnershipStatus.active]) {
            throw APIError.conflict(ErrorCode.partnershipExists,
                                    "A partnership with this reseller is already \(existing.status.rawValue) (\(existing.id)).")
        }
        let id = context.ids.guid()
        let invitationId = context.ids.guid()
        try PartnershipStore.insert(PartnershipRow(id: id, distributorId: distributor.tenantId, resellerId: reseller.tenantId,
                                                   status: .requested, invitationId: invitationId, requestedAt: context.nowText,
                                                   distributorAdminAccess: false), db)
        _ = try InvitationStore.insert(kind: .partnership, inviter: distributor.tenantId, invitee: reseller.tenantId,
                                       payload: ["partnershipId": .string(id)], id: invitationId, context, db)
        try Invitations.mail(invitationId, kind: "PartnershipRequest", to: reseller.primaryContactEmail, tenant: reseller.tenantId,
                             subject: "\(distributor.legalName) invites you to become its indirect reseller",
                             body: { "A Global Admin of \(reseller.legalName) can accept the request at \($0)." },
                             resourceType: "Partnership", resourceId: id, context, db)
        try context.audit(db, "RequestPartnership", resourceType: "Partnership", resourceId: id,
                          tenants: [distributor.tenantId, reseller.tenantId],
                          details: ["resellerTenantId": .string(reseller.tenantId), "invitationId": .string(invitationId)])
        return try find(id, db)
    }

    private static func resolve(_ reference: ResellerReference, _ db: Connection) throws -> PartnerRecord {
        switch reference {
        case .tenantId(let tenantId):
            guard let partner = try PartnerRecord.find(tenantId, db) else { throw APIError.notFound("The reseller") }
            return partner
        case .mpnId(let mpnId):
            guard let tenantId = try db.queryOne("SELECT tenant_id FROM locations WHERE pla_id = ?", [mpnId])?.string("tenant_id"),
                  let partner = try PartnerRecord.find(tenantId, db) else {
                throw APIError.notFound("The reseller")
            }
            return partner
        }
    }

    /// DELETE /portal/partnerships/{id} by the distributor (PSH-5): the reseller leaves the
    /// list; its customer access is untouched and no notice is sent.
    static func remove(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        let distributor = try context.callingDistributor(db)
        let id = id.lowercased()
        guard let partnership = try db.fetchOne(PartnershipRow.self, "SELECT * FROM partnerships WHERE id = ? AND distributor_id = ?",
                                                [id, distributor.tenantId]) else { throw APIError.notFound("The partnership") }
        guard partnership.status != .removed else {
            throw APIError.conflict(ErrorCode.partnershipNotActive, "The partnership is already removed.")
        }
        try PartnershipStore.remove(id, context, db)
        if let invitationId = partnership.invitationId {
            try InvitationStore.expireIfPending(invitationId, db)
        }
        try context.audit(db, "RemovePartnership", resourceType: "Partnership", resourceId: id,
                          tenants: [distributor.tenantId, partnership.resellerId], details: ["status": .string(PartnershipStatus.removed.rawValue)])
    }

    /// DELETE /portal/partnerships/{id}/admin-access by the reseller's GlobalAdmin (PSH-6).
    static func removeAdminAccess(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        let reseller = try context.callingPartner(db)
        let id = id.lowercased()
        guard let partnership = try db.fetchOne(PartnershipRow.self, "SELECT * FROM partnerships WHERE id = ? AND reseller_id = ?",
                                                [id, reseller.tenantId]) else { throw APIError.notFound("The partnership") }
        guard partnership.distributorAdminAccess else {
            throw APIError.conflict(ErrorCode.partnershipNotActive, "The distributor has no admin access to remove.")
        }
        try PartnershipStore.revokeAdminAccess(id, db)
        try context.audit(db, "RemoveDistributorAdminAccess", resourceType: "Partnership", resourceId: id,
                          tenants: [reseller.tenantId, partnership.distributorId], details: ["distributorAdminAccess": false])
    }

    /// One page of the caller's partnerships, as distributor or reseller, oldest first (plus
    /// one more when more follow), and the total. `page` is read once the caller is known to
    /// be a partner, as the API always answered.
    static func list(page: @autoclosure () throws -> Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [PartnershipRecord], totalCount: Int) {
        let partner = try context.callingPartner(db)
        let page = try page()
        let total = try db.count("SELECT count(*) FROM partnerships WHERE distributor_id = ?1 OR reseller_id = ?1",
                                  [partner.tenantId])
        let ids = try db.fetchAll(String.self, """
            SELECT id FROM partnerships WHERE distributor_id = ?1 OR reseller_id = ?1 ORDER BY requested_at, id \(Page.limitClause)
            """, page.arguments([partner.tenantId]))
        return (try ids.map { try find($0, db) }, total)
    }

    /// The partnership when the caller is one of its partners; 404 otherwise.
    static func get(_ id: String, _ context: OperationContext, _ db: Connection) throws -> PartnershipRecord {
        let partner = try context.callingPartner(db)
        let id = id.lowercased()
        guard try db.queryOne("SELECT 1 FROM partnerships WHERE id = ?2 AND (distributor_id = ?1 OR reseller_id = ?1)",
                              [partner.tenantId, id]) != nil else { throw APIError.notFound("The partnership") }
        return try find(id, db)
    }

    static func find(_ id: String, _ db: Connection) throws -> PartnershipRecord {
        guard let partnership = try PartnershipRecord.find(id, db) else { throw APIError.notFound("The partnership") }
        return partnership
    }
}
