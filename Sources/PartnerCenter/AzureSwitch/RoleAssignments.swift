import Foundation
import JSON
import SQLite

/// Azure RBAC role assignments of partner tenants on Azure subscriptions. After a partner
/// switch the source's assignments stay until the target removes them (AZS-6).
enum RoleAssignments {
    /// For the billing partner or any partner that still holds a role on it: the assignments,
    /// and the partner billing the subscription now (the others' are stale).
    static func list(azureSubscriptionId: String, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [RoleAssignmentRecord], billingPartner: String?) {
        let caller = try context.caller
        let azureId = azureSubscriptionId.lowercased()
        let owner = try RoleAssignmentStore.currentOwner(azureId, db)
        let assignments = try RoleAssignmentRecord.all(on: azureId, db)
        guard owner == caller.tenantId || assignments.contains(where: { $0.principalTenantId == caller.tenantId }) else {
            throw APIError.notFound("The Azure subscription")
        }
        return (assignments, owner)
    }

    /// The billing partner removes an assignment (AZS-6).
    static func remove(azureSubscriptionId: String, assignmentId: String, _ context: OperationContext, _ db: Connection) throws {
        let caller = try context.caller
        let azureId = azureSubscriptionId.lowercased()
        let assignmentId = assignmentId.lowercased()
        let owner = try RoleAssignmentStore.currentOwner(azureId, db)
        guard let assignment = try db.fetchOne(RoleAssignmentRecord.self, "SELECT * FROM role_assignments WHERE id = ? AND azure_subscription_id = ?",
                                               [assignmentId, azureId]),
              owner == caller.tenantId || assignment.principalTenantId == caller.tenantId else {
            throw APIError.notFound("The role assignment")
        }
        guard owner == caller.tenantId else {
            throw APIError.forbidden("Only the partner that bills the Azure subscription removes role assignments.")
        }
        try RoleAssignmentStore.remove(assignmentId, db)
        try context.audit(db, "RemoveRoleAssignment", resourceType: "RoleAssignment", resourceId: assignmentId,
                          tenants: [caller.tenantId, assignment.principalTenantId],
                          details: ["azureSubscriptionId": .string(azureId), "principalTenantId": .string(assignment.principalTenantId)])
    }
}
