import SQLite

/// The one writer of `role_assignments`: Azure RBAC roles on the Azure subscription behind a
/// usage-based subscription. A new Azure subscription gives its billing partner Owner; a
/// partner switch adds the new partner's; the billing partner may remove them (AZS-6).
enum RoleAssignmentStore {
    static func grant(azureSubscriptionId: String, to tenant: String, role: String, _ context: OperationContext, _ db: Connection) throws {
        guard try db.queryOne("SELECT 1 FROM role_assignments WHERE azure_subscription_id = ? AND principal_tenant_id = ? AND role = ?",
                              [azureSubscriptionId, tenant, role]) == nil else { return }
        try db.insert(RoleAssignmentRow(id: context.ids.guid(), azureSubscriptionId: azureSubscriptionId, principalTenantId: tenant,
                                        role: role, createdAt: context.nowText), into: "role_assignments")
    }

    /// The partner currently billing the Azure subscription (nil when none is active).
    static func currentOwner(_ azureSubscriptionId: String, _ db: Connection) throws -> String? {
        try db.queryOne("""
            SELECT billing_partner_id FROM subscriptions
            WHERE azure_subscription_id = ? AND moved_to_subscription_id IS NULL AND status <> ?
            ORDER BY created_at DESC LIMIT 1
            """, [azureSubscriptionId, SubscriptionStatus.deleted])?.string("billing_partner_id")
    }

    static func remove(_ id: String, _ db: Connection) throws {
        try db.run("DELETE FROM role_assignments WHERE id = ?", [id])
    }
}
