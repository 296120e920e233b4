import SQLite

/// The one writer of the `partnerships` table (the API's operations and the world loader).
enum PartnershipStore {
    static func insert(_ row: PartnershipRow, _ db: Connection) throws {
        try db.insert(row, into: "partnerships")
    }

    static func activate(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("partnerships", set: [("status", PartnershipStatus.active), ("activated_at", context.nowText),
                                            ("distributor_admin_access", true)], where: "id = ?", [id])
    }

    static func remove(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("partnerships", set: [("status", PartnershipStatus.removed), ("removed_at", context.nowText),
                                            ("distributor_admin_access", false)], where: "id = ?", [id])
    }

    static func revokeAdminAccess(_ id: String, _ db: Connection) throws {
        try db.update("partnerships", set: [("distributor_admin_access", false)], where: "id = ?", [id])
    }
}
