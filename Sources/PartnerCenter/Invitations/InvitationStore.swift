import JSON
import SQLite

/// The one writer of the `invitations` table: every capability that invites (partnerships,
/// customer relationships, transfers) creates and closes its invitations through here.
enum InvitationStore {
    /// Stores a Pending invitation and returns its id.
    static func insert(kind: InvitationKind, inviter: String, secondPartner: String? = nil, invitee: String? = nil,
                       customer: String? = nil, payload: JSON? = nil, id: String? = nil,
                       _ context: OperationContext, _ db: Connection) throws -> String {
        let row = InvitationRow(id: id ?? context.ids.guid(), kind: kind, inviterId: inviter, secondPartnerId: secondPartner,
                                inviteeTenantId: invitee, customerId: customer, status: .pending, createdAt: context.nowText,
                                payload: payload ?? .object([:]))
        try db.insert(row, into: "invitations")
        return row.id
    }

    static func markAccepted(_ id: String, by tenant: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("invitations", set: [("status", InvitationStatus.accepted), ("accepted_at", context.nowText), ("accepted_by", tenant)],
                      where: "id = ?", [id])
    }

    /// A Pending invitation can no longer be accepted (its partnership was removed).
    static func expireIfPending(_ id: String, _ db: Connection) throws {
        try db.update("invitations", set: [("status", InvitationStatus.expired)], where: "id = ? AND status = ?",
                      [id, InvitationStatus.pending])
    }
}
