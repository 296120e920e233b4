import Foundation
import JSON
import SQLite

/// Distributor <-> indirect reseller partnerships, PSH-1 to PSH-6.
enum Partnerships {
    /// POST /portal/partnerships by a distributor AdminAgent or SalesAgent (PSH-1).
    static func request(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let distributor = try context.callingDistributor(db)
        let body = try context.body()
        let reseller = try resolveReseller(body, db)
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
        if let existing = try db.queryOne(
            "SELECT id, status FROM partnerships WHERE distributor_id = ? AND reseller_id = ? AND status IN ('Requested','Active')",
            [distributor.tenantId, reseller.tenantId]) {
            throw APIError.conflict(ErrorCode.partnershipExists,
                                    "A partnership with this reseller is already \(existing.string("status") ?? "") (\(existing.string("id") ?? "")).")
        }
        let id = context.services.ids.guid()
        let invitationId = context.services.ids.guid()
        try PartnershipStore.insert(id: id, distributor: distributor.tenantId, reseller: reseller.tenantId, status: .requested,
                                    invitationId: invitationId, requestedAt: context.nowText, db)
        _ = try InvitationStore.insert(kind: .partnership, inviter: distributor.tenantId, invitee: reseller.tenantId,
                                       payload: ["partnershipId": .string(id)], id: invitationId, context.operation, db)
        let link = Invitations.url(invitationId, context)
        try context.notify(db, kind: "PartnershipRequest", to: reseller.primaryContactEmail, tenant: reseller.tenantId,
                           subject: "\(distributor.legalName) invites you to become its indirect reseller",
                           body: "A Global Admin of \(reseller.legalName) can accept the request at \(link).",
                           link: link, resourceType: "Partnership", resourceId: id)
        try context.audit(db, "RequestPartnership", resourceType: "Partnership", resourceId: id,
                          tenants: [distributor.tenantId, reseller.tenantId],
                          details: ["resellerTenantId": .string(reseller.tenantId), "invitationId": .string(invitationId)])
        return .created(try render(id, db, context))
    }

    private static func resolveReseller(_ body: Body, _ db: Connection) throws -> PartnerRecord {
        if let tenantId = try body.optionalString("resellerTenantId") {
            guard let partner = try PartnerRecord.find(tenantId, db) else { throw APIError.notFound("The reseller") }
            return partner
        }
        if let mpnId = try body.optionalString("mpnId") ?? body.optionalString("plaId") {
            guard let row = try db.queryOne("SELECT tenant_id FROM locations WHERE pla_id = ?", [mpnId]),
                  let tenantId = row.string("tenant_id"), let partner = try PartnerRecord.find(tenantId, db) else {
                throw APIError.notFound("The reseller")
            }
            return partner
        }
        throw body.missing("resellerTenantId", " (or mpnId)")
    }

    /// PSH-2 and PSH-6: the reseller's GlobalAdmin accepts through the invitation link.
    static func accept(invitation: Row, _ context: RequestContext, _ db: Connection) throws -> JSON {
        let caller = try context.caller
        guard caller.has(.globalAdmin) else {
            throw APIError.forbidden("Only a Global Admin of the reseller can accept a partnership request.")
        }
        guard let partnershipId = invitation.string("payload").flatMap({ try? JSON.parse($0) })?["partnershipId"]?.stringValue,
              let row = try db.queryOne("SELECT distributor_id, reseller_id, status FROM partnerships WHERE id = ?", [partnershipId]),
              let distributorId = row.string("distributor_id"), let resellerId = row.string("reseller_id") else {
            throw APIError.notFound("The partnership")
        }
        guard row.string("status") == "Requested" else {
            throw APIError.conflict(ErrorCode.invitationNotPending, "The partnership request is no longer pending.")
        }
        guard let distributor = try PartnerRecord.find(distributorId, db), let reseller = try PartnerRecord.find(resellerId, db) else {
            throw APIError.notFound("The partnership")
        }
        // PSH-3 again at acceptance: a partner may have moved since the request.
        guard reseller.region == distributor.region else {
            throw APIError(.badRequest, code: ErrorCode.partnershipRegionMismatch,
                           "Distributor and reseller must be in the same CSP region (\(distributor.region) vs \(reseller.region)).")
        }
        try PartnershipStore.activate(partnershipId, context.operation, db)
        try context.audit(db, "AcceptPartnership", resourceType: "Partnership", resourceId: partnershipId,
                          tenants: [distributorId, resellerId], details: ["status": "Active"])
        try context.notify(db, kind: "PartnershipAccepted", to: distributor.primaryContactEmail, tenant: distributorId,
                           subject: "\(reseller.legalName) accepted your partnership request",
                           body: "\(reseller.legalName) is now one of your indirect resellers.",
                           resourceType: "Partnership", resourceId: partnershipId)
        return try render(partnershipId, db, context)
    }

    /// DELETE /portal/partnerships/{id} by the distributor (PSH-5): the reseller leaves the
    /// list; its customer access is untouched and no notice is sent.
    static func remove(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let distributor = try context.callingDistributor(db)
        let id = context.pathParameter("partnershipId").lowercased()
        guard let row = try db.queryOne("SELECT reseller_id, status, invitation_id FROM partnerships WHERE id = ? AND distributor_id = ?",
                                        [id, distributor.tenantId]),
              let resellerId = row.string("reseller_id") else { throw APIError.notFound("The partnership") }
        guard row.string("status") != "Removed" else {
            throw APIError.conflict(ErrorCode.partnershipNotActive, "The partnership is already removed.")
        }
        try PartnershipStore.remove(id, context.operation, db)
        if let invitationId = row.string("invitation_id") {
            try InvitationStore.expireIfPending(invitationId, db)
        }
        try context.audit(db, "RemovePartnership", resourceType: "Partnership", resourceId: id,
                          tenants: [distributor.tenantId, resellerId], details: ["status": "Removed"])
        return .noContent
    }

    /// DELETE /portal/partnerships/{id}/admin-access by the reseller's GlobalAdmin (PSH-6).
    static func removeAdminAccess(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let reseller = try context.callingPartner(db)
        let id = context.pathParameter("partnershipId").lowercased()
        guard let row = try db.queryOne("SELECT distributor_id, distributor_admin_access FROM partnerships WHERE id = ? AND reseller_id = ?",
                                        [id, reseller.tenantId]),
              let distributorId = row.string("distributor_id") else { throw APIError.notFound("The partnership") }
        guard row.bool("distributor_admin_access") == true else {
            throw APIError.conflict(ErrorCode.partnershipNotActive, "The distributor has no admin access to remove.")
        }
        try PartnershipStore.revokeAdminAccess(id, db)
        try context.audit(db, "RemoveDistributorAdminAccess", resourceType: "Partnership", resourceId: id,
                          tenants: [reseller.tenantId, distributorId], details: ["distributorAdminAccess": false])
        return .noContent
    }

    /// GET /portal/partnerships: the caller's partnerships, as distributor or reseller.
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let page = try Page(context)
        let total = try db.count("SELECT count(*) FROM partnerships WHERE distributor_id = ?1 OR reseller_id = ?1",
                                  [partner.tenantId])
        let rows = try db.query("""
            SELECT id FROM partnerships WHERE distributor_id = ?1 OR reseller_id = ?1 ORDER BY requested_at, id \(Page.limitClause)
            """, page.arguments([partner.tenantId]))
        let items = try rows.compactMap { try $0.string("id").map { try render($0, db, context) } }
        return .ok(page.collection(items, totalCount: total, selfURI: "/portal/partnerships"))
    }

    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let id = context.pathParameter("partnershipId").lowercased()
        guard try db.queryOne("SELECT 1 FROM partnerships WHERE id = ?2 AND (distributor_id = ?1 OR reseller_id = ?1)",
                              [partner.tenantId, id]) != nil else { throw APIError.notFound("The partnership") }
        return .ok(try render(id, db, context))
    }

    static func render(_ id: String, _ db: Connection, _ context: RequestContext) throws -> JSON {
        guard let row = try db.queryOne("""
            SELECT s.*, d.legal_name AS distributor_name, r.legal_name AS reseller_name
            FROM partnerships s JOIN partners d ON d.tenant_id = s.distributor_id JOIN partners r ON r.tenant_id = s.reseller_id
            WHERE s.id = ?
            """, [id]) else { throw APIError.notFound("The partnership") }
        let invitationId = row.string("invitation_id")
        return Links.resource([
            "id": .string(id),
            "distributorTenantId": JSON(row.string("distributor_id")),
            "distributorName": JSON(row.string("distributor_name")),
            "resellerTenantId": JSON(row.string("reseller_id")),
            "resellerName": JSON(row.string("reseller_name")),
            "status": JSON(row.string("status")),
            "requestedTime": JSON(row.string("requested_at")),
            "activatedTime": JSON(row.string("activated_at")),
            "removedTime": JSON(row.string("removed_at")),
            "distributorAdminAccess": .bool(row.bool("distributor_admin_access") ?? false),
            "invitationUrl": JSON(invitationId.map { Invitations.url($0, context) }),
        ], objectType: "Partnership", selfURI: "/portal/partnerships/\(id)")
    }
}
