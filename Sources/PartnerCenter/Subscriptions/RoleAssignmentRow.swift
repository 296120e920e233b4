/// One row of `role_assignments`, column for column: an Azure RBAC role on an Azure
/// subscription.
struct RoleAssignmentRow: Codable, Sendable {
    var id: String
    var azureSubscriptionId: String
    var principalTenantId: String
    var role: String
    var createdAt: String
}
