import SQLite

/// One row of `role_assignments` (owned by RoleAssignmentStore) with the holder's legal name.
struct RoleAssignmentRecord: Codable, Sendable {
    var id: String
    var azureSubscriptionId: String
    var principalTenantId: String
    var role: String
    var createdAt: String
    /// The partner's legal name; nil when the tenant is not a partner.
    var principalName: String?

    /// The assignments on an Azure subscription, oldest first.
    static func all(on azureSubscriptionId: String, _ db: Connection) throws -> [RoleAssignmentRecord] {
        try db.fetchAll(RoleAssignmentRecord.self, """
            SELECT a.*, p.legal_name AS principal_name FROM role_assignments a LEFT JOIN partners p ON p.tenant_id = a.principal_tenant_id
            WHERE a.azure_subscription_id = ? ORDER BY a.created_at, a.id
            """, [azureSubscriptionId])
    }
}
