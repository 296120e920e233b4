import JSON

/// A distributor-reseller partnership as the portal renders it (PSH-1 to PSH-6).
struct Partnership: APIResource {
    static let objectType = "Partnership"

    let id: String
    let distributorTenantId: String
    let distributorName: String
    let resellerTenantId: String
    let resellerName: String
    let status: PartnershipStatus
    let requestedTime: String
    @Nullable var activatedTime: String?
    @Nullable var removedTime: String?
    let distributorAdminAccess: Bool
    @Nullable var invitationUrl: String?

    var links: [(name: String, link: Link)] { [("self", Link("/portal/partnerships/\(id)"))] }

    init(_ partnership: PartnershipRecord, _ context: OperationContext) {
        id = partnership.id
        distributorTenantId = partnership.distributorId
        distributorName = partnership.distributorName
        resellerTenantId = partnership.resellerId
        resellerName = partnership.resellerName
        status = partnership.status
        requestedTime = partnership.requestedAt
        activatedTime = partnership.activatedAt
        removedTime = partnership.removedAt
        distributorAdminAccess = partnership.distributorAdminAccess
        invitationUrl = partnership.invitationId.map { Invitations.url($0, context) }
    }
}
