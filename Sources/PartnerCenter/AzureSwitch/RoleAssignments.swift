import Foundation
import JSON
import SQLite

/// Azure RBAC role assignments of partner tenants on Azure subscriptions. After a partner
/// switch the source's assignments stay until the target removes them (AZS-6).
enum RoleAssignments {
    /// GET /portal/azure-subscriptions/{id}/role-assignments: for the billing partner or any
    /// partner that still holds a role on it; stale ones are marked.
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        let azureId = context.pathParameter("azureSubscriptionId").lowercased()
        let owner = try RoleAssignmentStore.currentOwner(azureId, db)
        let rows = try db.query("""
            SELECT a.*, p.legal_name FROM role_assignments a LEFT JOIN partners p ON p.tenant_id = a.principal_tenant_id
            WHERE a.azure_subscription_id = ? ORDER BY a.created_at, a.id
            """, [azureId])
        guard owner == caller.tenantId || rows.contains(where: { $0.string("principal_tenant_id") == caller.tenantId }) else {
            throw APIError.notFound("The Azure subscription")
        }
        let items = rows.map { row -> JSON in
            let principal = row.string("principal_tenant_id")
            return Links.resource([
                "id": JSON(row.string("id")),
                "azureSubscriptionId": .string(azureId),
                "principalTenantId": JSON(principal),
                "principalName": JSON(row.string("legal_name")),
                "roleDefinitionName": JSON(row.string("role")),
                "createdTime": JSON(row.string("created_at")),
                // Stale: held by a partner that no longer bills the subscription.
                "isStale": .bool(principal != owner),
            ], objectType: "RoleAssignment")
        }
        return .ok(try Page(context).collection(all: items, selfURI: "/portal/azure-subscriptions/\(azureId)/role-assignments"))
    }

    /// DELETE /portal/azure-subscriptions/{id}/role-assignments/{assignmentId}: the billing
    /// partner removes an assignment (AZS-6).
    static func remove(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        let azureId = context.pathParameter("azureSubscriptionId").lowercased()
        let assignmentId = context.pathParameter("assignmentId").lowercased()
        let owner = try RoleAssignmentStore.currentOwner(azureId, db)
        guard let row = try db.queryOne("SELECT * FROM role_assignments WHERE id = ? AND azure_subscription_id = ?", [assignmentId, azureId]),
              owner == caller.tenantId || row.string("principal_tenant_id") == caller.tenantId else {
            throw APIError.notFound("The role assignment")
        }
        guard owner == caller.tenantId else {
            throw APIError.forbidden("Only the partner that bills the Azure subscription removes role assignments.")
        }
        try RoleAssignmentStore.remove(assignmentId, db)
        try context.audit(db, "RemoveRoleAssignment", resourceType: "RoleAssignment", resourceId: assignmentId,
                          tenants: [caller.tenantId, row.string("principal_tenant_id")].compactMap { $0 },
                          details: ["azureSubscriptionId": .string(azureId), "principalTenantId": JSON(row.string("principal_tenant_id"))])
        return .noContent
    }
}
