import Foundation
import JSON
import SQLite

/// Invitation links (partnership requests, relationship requests, extensions): anyone with
/// the link can see what it is; only the invited party can accept it.
enum Invitations {
    static func url(_ id: String, _ context: RequestContext) -> String {
        "\(context.baseURL)/portal/invitations/\(id)"
    }

    /// GET /portal/invitations/{id}: the link itself is the credential.
    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = context.pathParameter("invitationId").lowercased()
        return .ok(try render(id, context, db))
    }

    /// POST /portal/invitations/{id}/accept by the invited GlobalAdmin or CustomerAdmin.
    static func accept(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = context.pathParameter("invitationId").lowercased()
        let caller = try context.caller
        guard let row = try db.queryOne("SELECT * FROM invitations WHERE id = ?", [id]) else {
            throw APIError.notFound("The invitation")
        }
        if let invitee = row.string("invitee_tenant_id"), invitee != caller.tenantId {
            throw APIError(.forbidden, code: ErrorCode.forbidden, "This invitation is addressed to another tenant.")
        }
        guard row.string("status") == "Pending" else {
            throw APIError.conflict(ErrorCode.invitationNotPending, "The invitation is \(row.string("status") ?? "") and can no longer be accepted.")
        }
        let result: JSON
        switch row.string("kind") {
        case "Partnership":
            result = try Partnerships.accept(invitation: row, context, db)
        case "ResellerRelationship" where row.string("invitee_tenant_id") != nil:
            // A request addressed to one customer (P2P-1, listing subscriptions) is used once.
            result = try CustomerRelationships.acceptRelationshipRequest(invitation: row, context, db)
        case "ResellerRelationship":
            // The relationship request link is reusable: it stays Pending for the next customer,
            // but each acceptance is audited (GEN-4).
            let accepted = try CustomerRelationships.acceptRelationshipRequest(invitation: row, context, db)
            try context.audit(db, "AcceptInvitation", resourceType: "Invitation", resourceId: id,
                              tenants: [row.string("inviter_id")].compactMap { $0 }, customerId: caller.tenantId)
            return .ok(accepted)
        case "IndirectResellerRelationship":
            result = try CustomerRelationships.acceptIndirectResellerInvitation(invitation: row, context, db)
        case "RelationshipExtension":
            result = try CustomerRelationships.acceptExtension(invitation: row, context, db)
        default:
            throw APIError.notFound("The invitation")
        }
        try InvitationStore.markAccepted(id, by: caller.tenantId, context.operation, db)
        try context.audit(db, "AcceptInvitation", resourceType: "Invitation", resourceId: id,
                          tenants: [row.string("inviter_id"), row.string("second_partner_id")].compactMap { $0 },
                          customerId: row.string("customer_id"))
        return .ok(result)
    }

    static func render(_ id: String, _ context: RequestContext, _ db: Connection) throws -> JSON {
        guard let row = try db.queryOne("""
            SELECT i.*, p.legal_name AS inviter_name FROM invitations i LEFT JOIN partners p ON p.tenant_id = i.inviter_id WHERE i.id = ?
            """, [id]) else { throw APIError.notFound("The invitation") }
        return render(row, context)
    }

    static func render(_ row: Row, _ context: RequestContext) -> JSON {
        let id = row.string("id") ?? ""
        let payload = row.string("payload").flatMap { try? JSON.parse($0) } ?? .object([:])
        return Links.resource([
            "id": .string(id),
            "kind": JSON(row.string("kind")),
            "status": JSON(row.string("status")),
            "inviterTenantId": JSON(row.string("inviter_id")),
            "inviterName": JSON(row.string("inviter_name")),
            "secondPartnerTenantId": JSON(row.string("second_partner_id")),
            "inviteeTenantId": JSON(row.string("invitee_tenant_id")),
            "customerTenantId": JSON(row.string("customer_id")),
            "createdTime": JSON(row.string("created_at")),
            "acceptedTime": JSON(row.string("accepted_at")),
            "details": payload,
            "url": .string(url(id, context)),
        ], objectType: "Invitation", selfURI: "/portal/invitations/\(id)")
    }
}
