import SQLite

/// The one writer of the `customer_relationships` table.
enum CustomerRelationshipStore {
    static func insert(id: String, customer: String, partner: String, kind: RelationshipKind, origin: String, adminAccess: Bool,
                       billingProfileShared: Bool = false, createdAt: String, _ db: Connection) throws {
        try db.run("""
            INSERT INTO customer_relationships (id, customer_id, partner_id, kind, origin, admin_access, status, created_at, billing_profile_shared)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, customer, partner, kind.rawValue, origin, adminAccess, RelationshipStatus.active.rawValue, createdAt,
                  billingProfileShared])
    }

    static func end(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE customer_relationships SET status = ?, ended_at = ?, admin_access = 0 WHERE id = ?",
                   [RelationshipStatus.ended.rawValue, context.nowText, id])
    }

    /// CUS-8: a suspended partner loses its admin (GDAP) access to every customer.
    static func revokeAdminAccess(partner: String, _ db: Connection) throws {
        try db.run("UPDATE customer_relationships SET admin_access = 0 WHERE partner_id = ? AND admin_access = 1", [partner])
    }
}
