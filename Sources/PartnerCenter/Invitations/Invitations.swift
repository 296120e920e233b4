import Foundation
import SQLite

/// Invitation links (partnership requests, relationship requests, extensions): anyone with
/// the link can see what it is; only the invited party can accept it.
enum Invitations {
    static func url(_ id: String, _ context: OperationContext) -> String {
        "\(context.baseURL)/portal/invitations/\(id)"
    }

    /// Sends the mail that carries invitation `id`'s link (GEN-4: kept in the outbox); `body`
    /// is given the link. The resource it names is the invitation unless said otherwise.
    static func mail(_ id: String, kind: String, to recipient: String, tenant: String, subject: String,
                     body: (String) -> String, resourceType: String = "Invitation", resourceId: String? = nil,
                     _ context: OperationContext, _ db: Connection) throws {
        let link = url(id, context)
        try context.notify(db, kind: kind, to: recipient, tenant: tenant, subject: subject, body: body(link), link: link,
                           resourceType: resourceType, resourceId: resourceId ?? id)
    }

    /// The invitation `id`: the link itself is the credential. 404 when there is none.
    static func get(_ id: String, _ db: Connection) throws -> InvitationRecord {
        guard let invitation = try InvitationRecord.find(id.lowercased(), db) else { throw APIError.notFound("The invitation") }
        return invitation
    }

    /// The invited GlobalAdmin or CustomerAdmin accepts `id`; the kind's acceptance (one of
    /// `acceptances`) does the rest and its answer is returned.
    static func accept(_ id: String, acceptances: [any InvitationAcceptance.Type], _ context: OperationContext,
                       _ db: Connection) throws -> any APIResource {
        let id = id.lowercased()
        let caller = try context.caller
        guard let invitation = try InvitationRecord.find(id, db) else {
            throw APIError.notFound("The invitation")
        }
        if let invitee = invitation.inviteeTenantId, invitee != caller.tenantId {
            throw APIError(.forbidden, code: ErrorCode.forbidden, "This invitation is addressed to another tenant.")
        }
        guard invitation.status == .pending else {
            throw APIError.conflict(ErrorCode.invitationNotPending, "The invitation is \(invitation.status.rawValue) and can no longer be accepted.")
        }
        guard let acceptance = acceptances.first(where: { $0.kind == invitation.kind }) else {
            throw APIError.notFound("The invitation")
        }
        let result = try acceptance.accept(invitation, context, db)
        if acceptance.isReusable(invitation) {
            try context.audit(db, "AcceptInvitation", resourceType: "Invitation", resourceId: id,
                              tenants: [invitation.inviterId], customerId: caller.tenantId)
            return result
        }
        try InvitationStore.markAccepted(id, by: caller.tenantId, context, db)
        try context.audit(db, "AcceptInvitation", resourceType: "Invitation", resourceId: id,
                          tenants: [invitation.inviterId, invitation.secondPartnerId].compactMap { $0 },
                          customerId: invitation.customerId)
        return result
    }
}
