import SQLite

/// The one writer of the `partnerships` table (the API's operations and the world loader).
enum PartnershipStore {
    static func insert(id: String, distributor: String, reseller: String, status: PartnershipStatus, invitationId: String?,
                       requestedAt: String, activatedAt: String? = nil, distributorAdminAccess: Bool = false,
                       _ db: Connection) throws {
        try db.run("""
            INSERT INTO partnerships (id, distributor_id, reseller_id, status, invitation_id, requested_at, activated_at, distributor_admin_access)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, distributor, reseller, status.rawValue, invitationId, requestedAt, activatedAt, distributorAdminAccess])
    }

    static func activate(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE partnerships SET status = ?, activated_at = ?, distributor_admin_access = 1 WHERE id = ?",
                   [PartnershipStatus.active.rawValue, context.nowText, id])
    }

    static func remove(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE partnerships SET status = ?, removed_at = ?, distributor_admin_access = 0 WHERE id = ?",
                   [PartnershipStatus.removed.rawValue, context.nowText, id])
    }

    static func revokeAdminAccess(_ id: String, _ db: Connection) throws {
        try db.run("UPDATE partnerships SET distributor_admin_access = 0 WHERE id = ?", [id])
    }
}
