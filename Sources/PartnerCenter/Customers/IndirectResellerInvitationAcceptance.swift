import SQLite

/// The customer accepts an indirect reseller's invitation made together with a distributor
/// (CUS-2): the reseller becomes its indirect reseller, the distributor its indirect provider.
enum IndirectResellerInvitationAcceptance: InvitationAcceptance {
    static let kind = InvitationKind.indirectResellerRelationship

    static func accept(_ invitation: InvitationRecord, _ context: OperationContext, _ db: Connection) throws -> any APIResource {
        let (customer, reseller, distributor) = try CustomerRelationships.acceptingCustomerWithDistributor(invitation, context, db)
        let distributorId = distributor.tenantId
        // The partnership may have been removed since the invitation was sent.
        try CustomerRelationships.requireActivePartnership(distributor: distributorId, reseller: reseller.tenantId, db)
        try CustomerRelationships.requireSameRegion(reseller, customer)
        let createdReseller = try CustomerRelationships.create(customer: customer.tenantId, partner: reseller.tenantId, kind: .indirectReseller,
                                                               origin: .invitation, adminAccess: true, context, db)
        let createdProvider = try CustomerRelationships.create(customer: customer.tenantId, partner: distributorId, kind: .indirectProvider,
                                                               origin: .invitation, adminAccess: true, context, db)
        guard createdReseller || createdProvider else {
            throw APIError.conflict(ErrorCode.relationshipExists, "Both relationships already exist.")
        }
        // GEN-4: both partners learn of the acceptance.
        for partner in [reseller, distributor] {
            try context.notify(db, kind: "RelationshipAccepted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                               subject: "\(customer.companyName) accepted the reseller relationship invitation",
                               body: "\(reseller.legalName) is now the indirect reseller and \(distributor.legalName) the indirect provider of \(customer.companyName).",
                               resourceType: "Customer", resourceId: customer.tenantId)
        }
        return Customer(try PartnerCustomer.find(customer.tenantId, for: reseller.tenantId, db))
    }
}
