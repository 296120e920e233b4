import Foundation
import JSON
import SQLite

/// Relationships between customers and partners (CUS-1 to CUS-8, GEN-1 to GEN-3).
enum CustomerRelationships {
    static func activeKinds(customer: String, partner: String, _ db: Connection) throws -> Set<RelationshipKind> {
        Set(try db.fetchAll(RelationshipKind.self, """
            SELECT kind FROM customer_relationships WHERE customer_id = ? AND partner_id = ? AND status = ?
            """, [customer, partner, RelationshipStatus.active]))
    }

    /// Creates an active relationship unless one of the same kind exists. Returns whether it
    /// created one.
    @discardableResult
    static func create(customer: String, partner: String, kind: RelationshipKind, origin: RelationshipOrigin, adminAccess: Bool,
                       billingProfileShared: Bool = false, _ context: OperationContext, _ db: Connection) throws -> Bool {
        if try activeKinds(customer: customer, partner: partner, db).contains(kind) { return false }
        let id = context.ids.guid()
        try CustomerRelationshipStore.insert(CustomerRelationshipRow(id: id, customerId: customer, partnerId: partner, kind: kind, origin: origin,
                                                                     adminAccess: adminAccess, status: .active, createdAt: context.nowText,
                                                                     billingProfileShared: billingProfileShared), db)
        try context.audit(db, "CreateCustomerRelationship", resourceType: "CustomerRelationship", resourceId: id,
                          tenants: [partner], customerId: customer,
                          details: ["kind": .string(kind.rawValue), "origin": .string(origin.rawValue), "adminAccess": .bool(adminAccess)])
        return true
    }

    /// GEN-1: partner and customer must be in the same CSP region.
    static func requireSameRegion(_ partner: PartnerRecord, _ customer: CustomerRecord) throws(APIError) {
        guard partner.region == customer.region else {
            throw APIError(.badRequest, code: ErrorCode.customerRegionMismatch,
                           "\(partner.legalName) (\(partner.region)) can only sell to customers in its own CSP region; \(customer.companyName) is in \(customer.region).")
        }
    }

    /// CUS-8 and PSH-4: a suspended (or removed) partner gains no customer relationship and no
    /// admin privileges; its links and invitations cannot be accepted meanwhile.
    static func requireActive(_ partner: PartnerRecord) throws(APIError) {
        guard partner.isActive else {
            throw APIError(.badRequest, code: ErrorCode.tenantNotFoundOrSuspended,
                           "\(partner.legalName) is \(partner.status.rawValue.lowercased()) and cannot gain customer relationships.")
        }
    }

    /// The kind a partner's direct relationship with a customer takes (CUS-1).
    static func directKind(for partner: PartnerRecord) -> RelationshipKind {
        if partner.isDistributor { return .indirectProvider }
        if partner.programs[.directBill] != nil { return .reseller }
        return .indirectReseller
    }

    // MARK: CUS-1 relationship request

    /// The caller's reusable reseller relationship link (its invitation id), created on first ask.
    static func relationshipRequest(_ context: OperationContext, _ db: Connection) throws -> String {
        let partner = try context.callingPartner(db)
        if let existing = try db.fetchOne(String.self, """
            SELECT id FROM invitations WHERE inviter_id = ? AND kind = ? AND status = ? AND customer_id IS NULL
            ORDER BY created_at LIMIT 1
            """, [partner.tenantId, InvitationKind.resellerRelationship, InvitationStatus.pending]) {
            return existing
        }
        let id = try InvitationStore.insert(kind: .resellerRelationship, inviter: partner.tenantId, context, db)
        try context.audit(db, "CreateRelationshipRequest", resourceType: "RelationshipRequest", resourceId: id, tenants: [partner.tenantId])
        return id
    }

    /// The accepting CustomerAdmin's customer tenant and the inviting partner; GEN-2 refuses
    /// a partner accepting its own request as a customer.
    static func acceptingCustomer(_ invitation: InvitationRecord, _ context: OperationContext,
                                  _ db: Connection) throws -> (CustomerRecord, PartnerRecord) {
        let caller = try context.caller
        guard caller.has(.customerAdmin) else {
            throw APIError.forbidden("Only a customer's CustomerAdmin can accept this invitation.")
        }
        guard let partner = try PartnerRecord.find(invitation.inviterId, db) else {
            throw APIError.notFound("The invitation")
        }
        // GEN-2
        guard caller.tenantId != partner.tenantId else {
            throw APIError(.badRequest, code: ErrorCode.sellingToSelf, "A partner cannot become a customer of itself.")
        }
        guard let customer = try CustomerRecord.find(caller.tenantId, db) else {
            throw APIError.forbidden("The caller's tenant is not a customer tenant.")
        }
        return (customer, partner)
    }

    /// For an invitation made with a distributor (CUS-2, CUS-5): the accepting customer, the
    /// inviting partner and the distributor, both partners still active (either may have been
    /// suspended since the invitation was sent).
    static func acceptingCustomerWithDistributor(_ invitation: InvitationRecord, _ context: OperationContext,
                                                 _ db: Connection) throws -> (CustomerRecord, PartnerRecord, PartnerRecord) {
        let (customer, partner) = try acceptingCustomer(invitation, context, db)
        guard let distributorId = invitation.secondPartnerId,
              let distributor = try PartnerRecord.find(distributorId, db) else { throw APIError.notFound("The invitation") }
        try requireActive(partner)
        try requireActive(distributor)
        return (customer, partner, distributor)
    }

    // MARK: CUS-2 indirect reseller + distributor invitation

    /// An indirect reseller invites a customer together with one of its active distributors.
    /// `distributor` (a tenant id) is read once the caller and the customer are known, as the
    /// API always answered.
    static func inviteWithDistributor(customer customerId: String, distributor: @autoclosure () throws -> String,
                                      _ context: OperationContext, _ db: Connection) throws -> InvitationRecord {
        let reseller = try context.callingPartner(db)
        guard reseller.hasIndirectReseller else {
            throw APIError.forbidden("Only an indirect reseller invites a customer together with a distributor.")
        }
        guard reseller.isActive else { throw APIError.forbidden("The partner tenant is not active.") }
        guard let customer = try CustomerRecord.find(customerId, db) else {
            throw APIError.notFound("The customer")
        }
        let distributorId = try distributor().lowercased()
        try requireActivePartnership(distributor: distributorId, reseller: reseller.tenantId, db)
        guard let distributor = try PartnerRecord.find(distributorId, db) else { throw APIError.notFound("The distributor") }
        try requireActive(distributor)
        try requireSameRegion(reseller, customer)
        let id = try InvitationStore.insert(kind: .indirectResellerRelationship, inviter: reseller.tenantId, secondPartner: distributorId,
                                            invitee: customer.tenantId, customer: customer.tenantId, context, db)
        try Invitations.mail(id, kind: "IndirectResellerInvitation", to: customer.email, tenant: customer.tenantId,
                             subject: "\(reseller.legalName) and \(distributor.legalName) invite you to a reseller relationship",
                             body: { "Accept at \($0) to make \(reseller.legalName) your indirect reseller and \(distributor.legalName) your indirect provider." },
                             context, db)
        try context.audit(db, "InviteCustomer", resourceType: "Invitation", resourceId: id,
                          tenants: [reseller.tenantId, distributorId], customerId: customer.tenantId)
        return try Invitations.get(id, db)
    }

    static func requireActivePartnership(distributor: String, reseller: String, _ db: Connection) throws {
        guard try db.queryOne("""
            SELECT 1 FROM partnerships WHERE distributor_id = ? AND reseller_id = ? AND status = ?
            """, [distributor, reseller, PartnershipStatus.active]) != nil else {
            throw APIError(.badRequest, code: ErrorCode.distributorNotPartnered,
                           "There is no active partnership between distributor \(distributor) and reseller \(reseller).")
        }
    }

    // MARK: CUS-5 reseller relationship extension

    /// A migrated partner asks the customer's consent to add the distributor as indirect
    /// provider. `distributor` (a tenant id) is read once the caller and the customer are
    /// known, as the API always answered.
    static func requestExtension(customer customerId: String, distributor: @autoclosure () throws -> String,
                                 _ context: OperationContext, _ db: Connection) throws -> InvitationRecord {
        let partner = try context.callingPartner(db)
        guard partner.hasMigrated else {
            throw APIError.forbidden("Only a direct-bill partner with an active IndirectReseller enrollment on the same tenant can extend relationships.")
        }
        guard partner.isActive else { throw APIError.forbidden("The partner tenant is not active.") }
        let customerId = customerId.lowercased()
        let kinds = try activeKinds(customer: customerId, partner: partner.tenantId, db)
        guard !kinds.isEmpty, let customer = try CustomerRecord.find(customerId, db) else { throw APIError.notFound("The customer") }
        guard kinds.contains(.reseller) else {
            throw APIError(.badRequest, code: ErrorCode.notDirectBillCustomer,
                           "Only existing direct-bill customers can be extended; \(customer.companyName) was gained as an indirect reseller.")
        }
        let distributorId = try distributor().lowercased()
        try requireActivePartnership(distributor: distributorId, reseller: partner.tenantId, db)
        guard let distributor = try PartnerRecord.find(distributorId, db) else { throw APIError.notFound("The distributor") }
        try requireActive(distributor)
        if try activeKinds(customer: customerId, partner: distributorId, db).contains(.indirectProvider) {
            throw APIError.conflict(ErrorCode.relationshipExists, "\(distributor.legalName) is already the customer's indirect provider.")
        }
        let id = try InvitationStore.insert(kind: .relationshipExtension, inviter: partner.tenantId, secondPartner: distributorId,
                                            invitee: customerId, customer: customerId, context, db)
        try Invitations.mail(id, kind: "RelationshipExtensionConsent", to: customer.email, tenant: customerId,
                             subject: "\(partner.legalName) asks your consent to add \(distributor.legalName) as your indirect provider",
                             body: { "Consent at \($0). \(distributor.legalName) will see your billing profile and gets no admin privileges." },
                             context, db)
        try context.audit(db, "RequestRelationshipExtension", resourceType: "Invitation", resourceId: id,
                          tenants: [partner.tenantId, distributorId], customerId: customerId)
        return try Invitations.get(id, db)
    }

    // MARK: CUS-7 and CUS-8 ending relationships

    /// Ends every active relationship of `partner` with `customer` (of `kinds`, when given),
    /// and with it the admin privileges (CUS-7).
    static func end(customer: String, partner: String, kinds: Set<RelationshipKind>? = nil, _ context: OperationContext,
                    _ db: Connection) throws {
        for relationship in try db.fetchAll(CustomerRelationshipRow.self, """
            SELECT * FROM customer_relationships WHERE customer_id = ? AND partner_id = ? AND status = ?
            """, [customer, partner, RelationshipStatus.active]) {
            if let kinds, !kinds.contains(relationship.kind) { continue }
            try CustomerRelationshipStore.end(relationship.id, context, db)
            try context.audit(db, "EndCustomerRelationship", resourceType: "CustomerRelationship", resourceId: relationship.id,
                              tenants: [partner], customerId: customer, details: ["kind": .string(relationship.kind.rawValue)])
        }
    }

    /// A distributor removes a reseller's assignment to a customer; the reseller's admin
    /// privileges go with it (CUS-8).
    static func removeResellerAssignment(customer customerId: String, reseller resellerId: String, _ context: OperationContext,
                                         _ db: Connection) throws {
        let distributor = try context.callingDistributor(db)
        let (customer, kinds) = try context.visibleCustomer(customerId, db)
        guard kinds.contains(.indirectProvider) else { throw APIError.notFound("The customer") }
        let resellerId = resellerId.lowercased()
        guard try activeKinds(customer: customer.tenantId, partner: resellerId, db).contains(.indirectReseller) else {
            throw APIError.notFound("The reseller assignment")
        }
        try end(customer: customer.tenantId, partner: resellerId, kinds: [.indirectReseller], context, db)
        try context.audit(db, "RemoveResellerAssignment", resourceType: "Customer", resourceId: customer.tenantId,
                          tenants: [distributor.tenantId, resellerId], customerId: customer.tenantId,
                          details: ["resellerTenantId": .string(resellerId)])
    }

    /// The customer's partners (GEN-3: there may be many), by name then kind, and the
    /// customer's tenant id.
    static func list(customer customerId: String, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [PartnerRelationship], customerId: String) {
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let partners = try db.fetchAll(Partner.self, """
            SELECT r.kind, r.status, r.admin_access, r.created_at, r.billing_profile_shared, p.tenant_id, p.legal_name, p.pga_id, p.country
            FROM customer_relationships r JOIN partners p ON p.tenant_id = r.partner_id
            WHERE r.customer_id = ? AND r.status = ? ORDER BY p.legal_name, r.kind
            """, [customer.tenantId, RelationshipStatus.active])
        let items = partners.map { partner in
            let type: PartnerRelationshipType = switch partner.kind {
            case .indirectReseller: .isIndirectResellerOf
            case .indirectProvider: .isIndirectCloudSolutionProviderOf
            case .reseller: .isResellerOf
            }
            return PartnerRelationship(id: partner.tenantId, name: partner.legalName, relationshipType: type, state: partner.status.rawValue,
                                       mpnId: partner.pgaId, location: partner.country, participationStartDate: partner.createdAt,
                                       hasAdminAccess: partner.adminAccess, billingProfileShared: partner.billingProfileShared)
        }
        return (items, customer.tenantId)
    }

    /// A partner of the customer with its relationship's facts.
    private struct Partner: Decodable {
        let kind: RelationshipKind
        let status: RelationshipStatus
        let adminAccess: Bool
        let createdAt: String
        let billingProfileShared: Bool
        let tenantId: String
        let legalName: String
        let pgaId: String?
        let country: String
    }
}
