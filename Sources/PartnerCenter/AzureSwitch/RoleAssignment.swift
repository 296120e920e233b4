import JSON

/// An Azure RBAC role a partner tenant holds on an Azure subscription (AZS-6).
struct RoleAssignment: APIResource {
    static let objectType = "RoleAssignment"

    let id: String
    let azureSubscriptionId: String
    let principalTenantId: String
    @Nullable var principalName: String?
    let roleDefinitionName: String
    let createdTime: String
    /// Held by a partner that no longer bills the subscription (left over from a partner switch).
    let isStale: Bool

    init(_ assignment: RoleAssignmentRecord, billingPartner: String?) {
        id = assignment.id
        azureSubscriptionId = assignment.azureSubscriptionId
        principalTenantId = assignment.principalTenantId
        principalName = assignment.principalName
        roleDefinitionName = assignment.role
        createdTime = assignment.createdAt
        isStale = assignment.principalTenantId != billingPartner
    }
}
