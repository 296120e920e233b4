import SQLite

/// Reading a partner account: the caller's own, or any for the Microsoft operator.
enum PartnerAccounts {
    static func get(_ tenantId: String, _ context: OperationContext, _ db: Connection) throws -> PartnerRecord {
        let caller = try context.caller
        let tenantId = tenantId.lowercased()
        guard caller.has(.microsoftSupport) || caller.tenantId == tenantId,
              let partner = try PartnerRecord.find(tenantId, db) else { throw APIError.notFound("The partner") }
        return partner
    }
}
