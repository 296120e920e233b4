import JSON
import SQLite

/// The one writer of the `invitations` table: every capability that invites (partnerships,
/// customer relationships, transfers) creates and closes its invitations through here.
enum InvitationStore {
    /// Stores a Pending invitation and returns its id.
    static func insert(kind: InvitationKind, inviter: String, secondPartner: String? = nil, invitee: String? = nil,
                       customer: String? = nil, payload: JSON? = nil, id: String? = nil,
                       _ context: OperationContext, _ db: Connection) throws -> String {
        let id = id ?? context.ids.guid()
        try db.run("""
            INSERT INTO invitations (id, kind, inviter_id, second_partner_id, invitee_tenant_id, customer_id, status, created_at, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, kind.rawValue, inviter, secondPartner, invitee, customer, InvitationStatus.pending.rawValue, context.nowText,
                  String(decoding: (payload ?? .object([:])).serialized(), as: UTF8.self)])
        return id
    }

    static func markAccepted(_ id: String, by tenant: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE invitations SET status = ?, accepted_at = ?, accepted_by = ? WHERE id = ?",
                   [InvitationStatus.accepted.rawValue, context.nowText, tenant, id])
    }

    /// A Pending invitation can no longer be accepted (its partnership was removed).
    static func expireIfPending(_ id: String, _ db: Connection) throws {
        try db.run("UPDATE invitations SET status = ? WHERE id = ? AND status = ?",
                   [InvitationStatus.expired.rawValue, id, InvitationStatus.pending.rawValue])
    }
}
