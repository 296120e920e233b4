import SQLite

/// The one writer of the `customer_relationships` table.
enum CustomerRelationshipStore {
    static func insert(_ row: CustomerRelationshipRow, _ db: Connection) throws {
        try db.insert(row, into: "customer_relationships")
    }

    static func end(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("customer_relationships", set: [("status", RelationshipStatus.ended), ("ended_at", context.nowText), ("admin_access", false)],
                      where: "id = ?", [id])
    }

    /// CUS-8: a suspended partner loses its admin (GDAP) access to every customer.
    static func revokeAdminAccess(partner: String, _ db: Connection) throws {
        try db.update("customer_relationships", set: [("admin_access", false)], where: "partner_id = ? AND admin_access = 1", [partner])
    }
}
