import SQLite

/// The customer's consent to a reseller relationship extension (CUS-5): the provider
/// relationship is created with the billing profile shared and no admin privileges.
enum RelationshipExtensionAcceptance: InvitationAcceptance {
    static let kind = InvitationKind.relationshipExtension

    static func accept(_ invitation: InvitationRecord, _ context: OperationContext, _ db: Connection) throws -> any APIResource {
        let (customer, partner, distributor) = try CustomerRelationships.acceptingCustomerWithDistributor(invitation, context, db)
        let distributorId = distributor.tenantId
        // Re-checked at consent time: the partner may have ended its direct-bill relationship
        // since the request was sent.
        guard partner.hasMigrated else {
            throw APIError(.badRequest, code: ErrorCode.notDirectBillCustomer, "\(partner.legalName) is no longer a migrated partner.")
        }
        guard try CustomerRelationships.activeKinds(customer: customer.tenantId, partner: partner.tenantId, db).contains(.reseller) else {
            throw APIError(.badRequest, code: ErrorCode.notDirectBillCustomer,
                           "\(partner.legalName) is no longer the direct-bill reseller of \(customer.companyName).")
        }
        try CustomerRelationships.requireActivePartnership(distributor: distributorId, reseller: partner.tenantId, db)
        guard try CustomerRelationships.create(customer: customer.tenantId, partner: distributorId, kind: .indirectProvider, origin: .extension,
                                               adminAccess: false, billingProfileShared: true, context, db) else {
            throw APIError.conflict(ErrorCode.relationshipExists, "The distributor is already the customer's indirect provider.")
        }
        try context.notify(db, kind: "RelationshipExtended", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "\(customer.companyName) consented to the relationship extension",
                           body: "The distributor is now the customer's indirect provider.", resourceType: "Customer", resourceId: customer.tenantId)
        return Customer(try PartnerCustomer.find(customer.tenantId, for: distributorId, db))
    }
}
