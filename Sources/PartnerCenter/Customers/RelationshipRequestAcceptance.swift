import SQLite

/// A CustomerAdmin accepts a partner's relationship request (CUS-1). The link is reusable,
/// like the real one: every customer that accepts it becomes the partner's customer. A
/// request addressed to one customer (P2P-1, listing subscriptions) is used once.
enum RelationshipRequestAcceptance: InvitationAcceptance {
    static let kind = InvitationKind.resellerRelationship

    static func isReusable(_ invitation: InvitationRecord) -> Bool { invitation.inviteeTenantId == nil }

    static func accept(_ invitation: InvitationRecord, _ context: OperationContext, _ db: Connection) throws -> any APIResource {
        let (customer, partner) = try CustomerRelationships.acceptingCustomer(invitation, context, db)
        try CustomerRelationships.requireActive(partner)
        try CustomerRelationships.requireSameRegion(partner, customer)
        let kind = CustomerRelationships.directKind(for: partner)
        guard try CustomerRelationships.create(customer: customer.tenantId, partner: partner.tenantId, kind: kind, origin: .invitation,
                                               adminAccess: true, context, db) else {
            throw APIError.conflict(ErrorCode.relationshipExists, "\(partner.legalName) is already a partner of \(customer.companyName).")
        }
        try context.notify(db, kind: "RelationshipAccepted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "\(customer.companyName) accepted your reseller relationship request",
                           body: "You are now a partner of \(customer.companyName).", resourceType: "Customer", resourceId: customer.tenantId)
        return Customer(try PartnerCustomer.find(customer.tenantId, for: partner.tenantId, db))
    }
}
