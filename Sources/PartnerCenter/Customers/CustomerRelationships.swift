import Foundation
import JSON
import SQLite

/// Relationships between customers and partners (CUS-1 to CUS-8, GEN-1 to GEN-3).
enum CustomerRelationships {
    static func activeKinds(customer: String, partner: String, _ db: Connection) throws -> Set<RelationshipKind> {
        Set(try db.query("""
            SELECT kind FROM customer_relationships WHERE customer_id = ? AND partner_id = ? AND status = 'Active'
            """, [customer, partner]).compactMap { $0.string("kind").flatMap(RelationshipKind.init(rawValue:)) })
    }

    /// Creates an active relationship unless one of the same kind exists. Returns whether it
    /// created one.
    @discardableResult
    static func create(customer: String, partner: String, kind: RelationshipKind, origin: String, adminAccess: Bool,
                       billingProfileShared: Bool = false, _ context: RequestContext, _ db: Connection) throws -> Bool {
        if try activeKinds(customer: customer, partner: partner, db).contains(kind) { return false }
        let id = context.services.ids.guid()
        try CustomerRelationshipStore.insert(id: id, customer: customer, partner: partner, kind: kind, origin: origin, adminAccess: adminAccess,
                                             billingProfileShared: billingProfileShared, createdAt: context.nowText, db)
        try context.audit(db, "CreateCustomerRelationship", resourceType: "CustomerRelationship", resourceId: id,
                          tenants: [partner], customerId: customer,
                          details: ["kind": .string(kind.rawValue), "origin": .string(origin), "adminAccess": .bool(adminAccess)])
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

    /// GET /v1/customers/relationshiprequests: the caller's reusable reseller relationship link.
    static func relationshipRequest(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let id: String
        if let row = try db.queryOne("""
            SELECT id FROM invitations WHERE inviter_id = ? AND kind = 'ResellerRelationship' AND status = 'Pending' AND customer_id IS NULL
            ORDER BY created_at LIMIT 1
            """, [partner.tenantId]), let existing = row.string("id") {
            id = existing
        } else {
            id = try InvitationStore.insert(kind: .resellerRelationship, inviter: partner.tenantId, context.operation, db)
            try context.audit(db, "CreateRelationshipRequest", resourceType: "RelationshipRequest", resourceId: id, tenants: [partner.tenantId])
        }
        return .ok(Links.resource(["url": .string(Invitations.url(id, context))], objectType: "RelationshipRequest"))
    }

    /// A CustomerAdmin accepts a partner's relationship request (CUS-1). The link is reusable,
    /// like the real one: every customer that accepts it becomes the partner's customer.
    static func acceptRelationshipRequest(invitation: Row, _ context: RequestContext, _ db: Connection) throws -> JSON {
        let (customer, partner) = try acceptingCustomer(invitation, context, db)
        try requireActive(partner)
        try requireSameRegion(partner, customer)
        let kind = directKind(for: partner)
        guard try create(customer: customer.tenantId, partner: partner.tenantId, kind: kind, origin: "Invitation",
                         adminAccess: true, context, db) else {
            throw APIError.conflict(ErrorCode.relationshipExists, "\(partner.legalName) is already a partner of \(customer.companyName).")
        }
        try context.notify(db, kind: "RelationshipAccepted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "\(customer.companyName) accepted your reseller relationship request",
                           body: "You are now a partner of \(customer.companyName).", resourceType: "Customer", resourceId: customer.tenantId)
        return try Customers.render(customer.tenantId, for: partner.tenantId, db)
    }

    /// The accepting CustomerAdmin's customer tenant and the inviting partner; GEN-2 refuses
    /// a partner accepting its own request as a customer.
    static func acceptingCustomer(_ invitation: Row, _ context: RequestContext, _ db: Connection) throws -> (CustomerRecord, PartnerRecord) {
        let caller = try context.caller
        guard caller.has(.customerAdmin) else {
            throw APIError.forbidden("Only a customer's CustomerAdmin can accept this invitation.")
        }
        guard let inviterId = invitation.string("inviter_id"), let partner = try PartnerRecord.find(inviterId, db) else {
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

    // MARK: CUS-2 indirect reseller + distributor invitation

    /// POST /portal/customers/{cid}/invitations by an indirect reseller, naming one of its
    /// active distributors.
    static func inviteWithDistributor(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let reseller = try context.callingPartner(db)
        guard reseller.hasIndirectReseller else {
            throw APIError.forbidden("Only an indirect reseller invites a customer together with a distributor.")
        }
        guard reseller.isActive else { throw APIError.forbidden("The partner tenant is not active.") }
        guard let customer = try CustomerRecord.find(context.pathParameter("customerId"), db) else {
            throw APIError.notFound("The customer")
        }
        let distributorId = try context.body().string("distributorTenantId").lowercased()
        try requireActivePartnership(distributor: distributorId, reseller: reseller.tenantId, db)
        guard let distributor = try PartnerRecord.find(distributorId, db) else { throw APIError.notFound("The distributor") }
        try requireActive(distributor)
        try requireSameRegion(reseller, customer)
        let id = try InvitationStore.insert(kind: .indirectResellerRelationship, inviter: reseller.tenantId, secondPartner: distributorId,
                                            invitee: customer.tenantId, customer: customer.tenantId, context.operation, db)
        let link = Invitations.url(id, context)
        try context.notify(db, kind: "IndirectResellerInvitation", to: customer.email, tenant: customer.tenantId,
                           subject: "\(reseller.legalName) and \(distributor.legalName) invite you to a reseller relationship",
                           body: "Accept at \(link) to make \(reseller.legalName) your indirect reseller and \(distributor.legalName) your indirect provider.",
                           link: link, resourceType: "Invitation", resourceId: id)
        try context.audit(db, "InviteCustomer", resourceType: "Invitation", resourceId: id,
                          tenants: [reseller.tenantId, distributorId], customerId: customer.tenantId)
        return .created(try Invitations.render(id, context, db))
    }

    static func acceptIndirectResellerInvitation(invitation: Row, _ context: RequestContext, _ db: Connection) throws -> JSON {
        let (customer, reseller) = try acceptingCustomer(invitation, context, db)
        guard let distributorId = invitation.string("second_partner_id"),
              let distributor = try PartnerRecord.find(distributorId, db) else { throw APIError.notFound("The invitation") }
        // The partnership may have been removed, or a partner suspended, since the invitation was sent.
        try requireActive(reseller)
        try requireActive(distributor)
        try requireActivePartnership(distributor: distributorId, reseller: reseller.tenantId, db)
        try requireSameRegion(reseller, customer)
        let createdReseller = try create(customer: customer.tenantId, partner: reseller.tenantId, kind: .indirectReseller,
                                         origin: "Invitation", adminAccess: true, context, db)
        let createdProvider = try create(customer: customer.tenantId, partner: distributorId, kind: .indirectProvider,
                                         origin: "Invitation", adminAccess: true, context, db)
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
        return try Customers.render(customer.tenantId, for: reseller.tenantId, db)
    }

    static func requireActivePartnership(distributor: String, reseller: String, _ db: Connection) throws {
        guard try db.queryOne("""
            SELECT 1 FROM partnerships WHERE distributor_id = ? AND reseller_id = ? AND status = 'Active'
            """, [distributor, reseller]) != nil else {
            throw APIError(.badRequest, code: ErrorCode.distributorNotPartnered,
                           "There is no active partnership between distributor \(distributor) and reseller \(reseller).")
        }
    }

    // MARK: CUS-5 reseller relationship extension

    /// POST /portal/customers/{cid}/relationship-extensions by a migrated partner: asks the
    /// customer's consent to add the distributor as indirect provider.
    static func requestExtension(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        guard partner.hasMigrated else {
            throw APIError.forbidden("Only a direct-bill partner with an active IndirectReseller enrollment on the same tenant can extend relationships.")
        }
        guard partner.isActive else { throw APIError.forbidden("The partner tenant is not active.") }
        let customerId = context.pathParameter("customerId").lowercased()
        let kinds = try activeKinds(customer: customerId, partner: partner.tenantId, db)
        guard !kinds.isEmpty, let customer = try CustomerRecord.find(customerId, db) else { throw APIError.notFound("The customer") }
        guard kinds.contains(.reseller) else {
            throw APIError(.badRequest, code: ErrorCode.notDirectBillCustomer,
                           "Only existing direct-bill customers can be extended; \(customer.companyName) was gained as an indirect reseller.")
        }
        let distributorId = try context.body().string("distributorTenantId").lowercased()
        try requireActivePartnership(distributor: distributorId, reseller: partner.tenantId, db)
        guard let distributor = try PartnerRecord.find(distributorId, db) else { throw APIError.notFound("The distributor") }
        try requireActive(distributor)
        if try activeKinds(customer: customerId, partner: distributorId, db).contains(.indirectProvider) {
            throw APIError.conflict(ErrorCode.relationshipExists, "\(distributor.legalName) is already the customer's indirect provider.")
        }
        let id = try InvitationStore.insert(kind: .relationshipExtension, inviter: partner.tenantId, secondPartner: distributorId,
                                            invitee: customerId, customer: customerId, context.operation, db)
        let link = Invitations.url(id, context)
        try context.notify(db, kind: "RelationshipExtensionConsent", to: customer.email, tenant: customerId,
                           subject: "\(partner.legalName) asks your consent to add \(distributor.legalName) as your indirect provider",
                           body: "Consent at \(link). \(distributor.legalName) will see your billing profile and gets no admin privileges.",
                           link: link, resourceType: "Invitation", resourceId: id)
        try context.audit(db, "RequestRelationshipExtension", resourceType: "Invitation", resourceId: id,
                          tenants: [partner.tenantId, distributorId], customerId: customerId)
        return .created(try Invitations.render(id, context, db))
    }

    /// The customer's consent: the provider relationship is created with the billing profile
    /// shared and no admin privileges (CUS-5).
    static func acceptExtension(invitation: Row, _ context: RequestContext, _ db: Connection) throws -> JSON {
        let (customer, partner) = try acceptingCustomer(invitation, context, db)
        guard let distributorId = invitation.string("second_partner_id"),
              let distributor = try PartnerRecord.find(distributorId, db) else { throw APIError.notFound("The invitation") }
        // Re-checked at consent time: the partner may have ended its direct-bill relationship,
        // or a partner may have been suspended, since the request was sent.
        try requireActive(partner)
        try requireActive(distributor)
        guard partner.hasMigrated else {
            throw APIError(.badRequest, code: ErrorCode.notDirectBillCustomer, "\(partner.legalName) is no longer a migrated partner.")
        }
        guard try activeKinds(customer: customer.tenantId, partner: partner.tenantId, db).contains(.reseller) else {
            throw APIError(.badRequest, code: ErrorCode.notDirectBillCustomer,
                           "\(partner.legalName) is no longer the direct-bill reseller of \(customer.companyName).")
        }
        try requireActivePartnership(distributor: distributorId, reseller: partner.tenantId, db)
        guard try create(customer: customer.tenantId, partner: distributorId, kind: .indirectProvider, origin: "Extension",
                         adminAccess: false, billingProfileShared: true, context, db) else {
            throw APIError.conflict(ErrorCode.relationshipExists, "The distributor is already the customer's indirect provider.")
        }
        try context.notify(db, kind: "RelationshipExtended", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "\(customer.companyName) consented to the relationship extension",
                           body: "The distributor is now the customer's indirect provider.", resourceType: "Customer", resourceId: customer.tenantId)
        return try Customers.render(customer.tenantId, for: distributorId, db)
    }

    // MARK: CUS-7 and CUS-8 ending relationships

    /// Ends every active relationship of `partner` with `customer`, and with it the admin
    /// privileges (CUS-7).
    static func end(customer: String, partner: String, kinds: Set<RelationshipKind>? = nil, _ context: RequestContext, _ db: Connection) throws {
        for row in try db.query("SELECT id, kind FROM customer_relationships WHERE customer_id = ? AND partner_id = ? AND status = 'Active'",
                                [customer, partner]) {
            guard let id = row.string("id") else { continue }
            if let kinds, let kind = row.string("kind").flatMap(RelationshipKind.init(rawValue:)), !kinds.contains(kind) { continue }
            try CustomerRelationshipStore.end(id, context.operation, db)
            try context.audit(db, "EndCustomerRelationship", resourceType: "CustomerRelationship", resourceId: id,
                              tenants: [partner], customerId: customer, details: ["kind": JSON(row.string("kind"))])
        }
    }

    /// DELETE /portal/customers/{cid}/indirect-resellers/{resellerId}: a distributor removes a
    /// reseller's assignment to a customer; the reseller's admin privileges go with it (CUS-8).
    static func removeResellerAssignment(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let distributor = try context.callingDistributor(db)
        let (customer, kinds) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        guard kinds.contains(.indirectProvider) else { throw APIError.notFound("The customer") }
        let resellerId = context.pathParameter("resellerId").lowercased()
        guard try activeKinds(customer: customer.tenantId, partner: resellerId, db).contains(.indirectReseller) else {
            throw APIError.notFound("The reseller assignment")
        }
        try end(customer: customer.tenantId, partner: resellerId, kinds: [.indirectReseller], context, db)
        try context.audit(db, "RemoveResellerAssignment", resourceType: "Customer", resourceId: customer.tenantId,
                          tenants: [distributor.tenantId, resellerId], customerId: customer.tenantId,
                          details: ["resellerTenantId": .string(resellerId)])
        return .noContent
    }

    /// GET /v1/customers/{cid}/relationships: the customer's partners (GEN-3: there may be many).
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let rows = try db.query("""
            SELECT r.kind, r.admin_access, r.created_at, r.billing_profile_shared, p.tenant_id, p.legal_name, p.pga_id, p.country
            FROM customer_relationships r JOIN partners p ON p.tenant_id = r.partner_id
            WHERE r.customer_id = ? AND r.status = 'Active' ORDER BY p.legal_name, r.kind
            """, [customer.tenantId])
        let items = rows.map { row -> JSON in
            let type = switch row.string("kind") {
            case "IndirectReseller": "is_indirect_reseller_of"
            case "IndirectProvider": "is_indirect_cloud_solution_provider_of"
            default: "is_reseller_of"
            }
            return Links.resource([
                "id": JSON(row.string("tenant_id")),
                "name": JSON(row.string("legal_name")),
                "relationshipType": .string(type),
                "state": "Active",
                "mpnId": JSON(row.string("pga_id")),
                "location": JSON(row.string("country")),
                "participationStartDate": JSON(row.string("created_at")),
                "hasAdminAccess": .bool(row.bool("admin_access") ?? false),
                "billingProfileShared": .bool(row.bool("billing_profile_shared") ?? false),
            ], objectType: "PartnerRelationship")
        }
        return .ok(try Page(context).collection(all: items, selfURI: "/customers/\(customer.tenantId)/relationships"))
    }
}
