import SQLite

/// An invitation row with its inviter's name: what the link shows and what accepting reads.
/// Columns read straight through (`invitation.inviterId`).
@dynamicMemberLookup
struct InvitationRecord: Sendable {
    let row: InvitationRow
    /// nil when the inviter is no partner of this world.
    let inviterName: String?

    subscript<Value>(dynamicMember column: KeyPath<InvitationRow, Value>) -> Value { row[keyPath: column] }

    /// The inviter's name, selected next to the invitation's own columns.
    private struct Inviter: Decodable {
        let inviterName: String?
    }

    static func find(_ id: String, _ db: Connection) throws -> InvitationRecord? {
        guard let row = try db.queryOne("""
            SELECT i.*, p.legal_name AS inviter_name FROM invitations i LEFT JOIN partners p ON p.tenant_id = i.inviter_id WHERE i.id = ?
            """, [id]) else { return nil }
        return InvitationRecord(row: try row.decode(InvitationRow.self), inviterName: try row.decode(Inviter.self).inviterName)
    }
}
