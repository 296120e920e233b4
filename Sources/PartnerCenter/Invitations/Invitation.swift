import JSON

/// What an invitation link is (GET /portal/invitations/{id}, and the answer to inviting).
struct Invitation: APIResource {
    static let objectType = "Invitation"

    let id: String
    let kind: InvitationKind
    let status: InvitationStatus
    let inviterTenantId: String
    @Nullable var inviterName: String?
    @Nullable var secondPartnerTenantId: String?
    @Nullable var inviteeTenantId: String?
    @Nullable var customerTenantId: String?
    let createdTime: String
    @Nullable var acceptedTime: String?
    let details: JSON
    let url: String

    var links: [(name: String, link: Link)] { [("self", Link("/portal/invitations/\(id)"))] }

    init(_ invitation: InvitationRecord, _ context: OperationContext) {
        id = invitation.id
        kind = invitation.kind
        status = invitation.status
        inviterTenantId = invitation.inviterId
        inviterName = invitation.inviterName
        secondPartnerTenantId = invitation.secondPartnerId
        inviteeTenantId = invitation.inviteeTenantId
        customerTenantId = invitation.customerId
        createdTime = invitation.createdAt
        acceptedTime = invitation.acceptedAt
        details = invitation.payload
        url = Invitations.url(invitation.id, context)
    }
}
