import Foundation
import JSON
import SQLite

/// Customer tenants: create (CUS-4), list, get, end the relationship (CUS-7).
enum Customers {
    /// A direct-bill partner or a distributor creates a customer tenant. `input` is read once
    /// the caller may create customers, as the API always answered. Returns the customer and
    /// its admin user's credentials. They are not stored with the customer and no read returns
    /// them; the idempotent replay store keeps the whole 201, credentials included, for its 24
    /// hours, because a retry with the same `MS-RequestId` must get the same answer
    /// (docs/decisions.md, "Customers, profiles and agreements").
    static func create(_ input: @autoclosure () throws -> NewCustomerInput, _ context: OperationContext,
                       _ db: Connection) throws -> (customer: PartnerCustomer, credentials: UserCredentials) {
        let partner = try context.callingPartner(db)
        // CUS-4: indirect resellers cannot create customer tenants.
        guard partner.isDistributor || partner.programs[.directBill] != nil else {
            throw APIError.forbidden("Indirect resellers cannot create customer tenants; a distributor creates them.")
        }
        guard partner.isActive else { throw APIError.forbidden("The partner tenant is not active.") }
        let input = try input()
        let region = try Regions.region(of: input.country, field: "billingProfile.defaultAddress.country", db)
        // GEN-1
        guard region == partner.region else {
            throw APIError(.badRequest, code: ErrorCode.customerRegionMismatch,
                           "\(partner.legalName) (\(partner.region)) can only sell to customers in its own CSP region; \(input.country) is in \(region).")
        }
        let reseller = try associatedReseller(input.associatedPartnerId, partner, db)
        // A domain is one tenant's: a partner's sign-in domain (the domain of its users' user
        // names, which the token endpoints resolve tenants by) is taken as well.
        if try db.queryOne("""
            SELECT 1 FROM customers WHERE domain = ?
            UNION ALL SELECT 1 FROM principals WHERE lower(substr(user_name, instr(user_name, '@') + 1)) = ?
            LIMIT 1
            """, [input.domain, input.domain.lowercased()]) != nil {
            throw APIError.conflict(ErrorCode.customerDomainTaken, "The domain \(input.domain) is already taken.")
        }
        let tenantId = context.ids.guid()
        try CustomerStore.insert(CustomerRow(tenantId: tenantId, companyName: input.companyName, domain: input.domain, country: input.country,
                                             email: input.email, createdAt: context.nowText, createdBy: partner.tenantId,
                                             billingProfile: .object(input.billingProfile),
                                             organizationRegistrationNumber: input.organizationRegistrationNumber), db)
        try context.audit(db, "CreateCustomer", resourceType: "Customer", resourceId: tenantId,
                          tenants: [partner.tenantId] + (reseller.map { [$0.tenantId] } ?? []), customerId: tenantId,
                          details: ["domain": .string(input.domain), "associatedPartnerId": JSON(reseller?.tenantId)])
        if partner.isDistributor {
            try CustomerRelationships.create(customer: tenantId, partner: partner.tenantId, kind: .indirectProvider,
                                             origin: .createdByDistributor, adminAccess: true, context, db)
            if let reseller {
                try CustomerRelationships.create(customer: tenantId, partner: reseller.tenantId, kind: .indirectReseller,
                                                 origin: .createdByDistributor, adminAccess: true, context, db)
            }
        } else {
            try CustomerRelationships.create(customer: tenantId, partner: partner.tenantId, kind: .reseller,
                                             origin: .createdByPartner, adminAccess: true, context, db)
        }
        try context.notify(db, kind: "CustomerCreated", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "Customer \(input.companyName) was created",
                           body: "The customer's admin account is admin@\(input.domain).", resourceType: "Customer", resourceId: tenantId)
        // Drawn last, so every id of the creation is the one it always was.
        return (try PartnerCustomer.find(tenantId, for: partner.tenantId, db), UserCredentials.generated(context.ids))
    }

    /// CUS-4: `associatedPartnerId` names the indirect reseller (tenant id or PLA id); it must
    /// be one of the distributor's active resellers.
    private static func associatedReseller(_ value: String?, _ partner: PartnerRecord, _ db: Connection) throws -> PartnerRecord? {
        guard let value else { return nil }
        guard partner.isDistributor else {
            throw APIError.invalidField("associatedPartnerId", "only a distributor designates an indirect reseller")
        }
        var resellerId = value.lowercased()
        if AccountNumbers.isWellFormed(value) {
            let verdict = try PORValidator.verdict(for: value, distributor: partner, db)
            if let error = verdict.apiError { throw error }
            resellerId = verdict.resellerTenantId ?? ""
        }
        guard let reseller = try PartnerRecord.find(resellerId, db), reseller.hasIndirectReseller else {
            throw APIError.invalidField("associatedPartnerId", "'\(value)' is not an indirect reseller")
        }
        // Named by tenant id, the reseller must pass the same checks as a PLA id would (POR-2
        // steps 3 and 5): a suspended or not yet active reseller gets no customer (CUS-8, PSH-4).
        try CustomerRelationships.requireActive(reseller)
        guard reseller.programs[.indirectReseller] == .active else {
            throw APIError(.badRequest, code: ErrorCode.resellerNotActive, PORValidator.Message.notActive)
        }
        try CustomerRelationships.requireActivePartnership(distributor: partner.tenantId, reseller: reseller.tenantId, db)
        return reseller
    }

    /// One page of the customers the caller has an active relationship with, by company name
    /// (plus one more when more follow), and the total. `filter` follows the real API:
    /// `{"Field": "IndirectReseller"|"CompanyName"|"Domain", "Value": ..., "Operator": "starts_with"}`.
    static func list(filter raw: String?, page: Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [PartnerCustomer], totalCount: Int) {
        let partnerId = try context.caller.tenantId
        let active = RelationshipStatus.active.rawValue
        var conditions = ["EXISTS (SELECT 1 FROM customer_relationships r WHERE r.customer_id = c.tenant_id AND r.partner_id = ?1 AND r.status = '\(active)')"]
        var filterValue: String?
        if let raw, !raw.isEmpty {
            guard let json = try? JSON.parse(raw), let field = json["Field"]?.stringValue, let value = json["Value"]?.stringValue else {
                throw APIError.invalidField("filter", "must be {\"Field\": ..., \"Value\": ..., \"Operator\": \"starts_with\"}")
            }
            switch field.lowercased() {
            case "indirectreseller":
                filterValue = value
                conditions.append("EXISTS (SELECT 1 FROM customer_relationships r2 WHERE r2.customer_id = c.tenant_id AND r2.partner_id = lower(?2) AND r2.kind = '\(RelationshipKind.indirectReseller.rawValue)' AND r2.status = '\(active)')")
            case "companyname":
                filterValue = likePrefix(value)
                conditions.append("c.company_name LIKE ?2 ESCAPE '\\'")
            case "domain":
                filterValue = likePrefix(value)
                conditions.append("c.domain LIKE ?2 ESCAPE '\\'")
            default:
                throw APIError.invalidField("filter", "Field must be IndirectReseller, CompanyName or Domain")
            }
        }
        let whereClause = conditions.joined(separator: " AND ")
        let arguments: [(any ValueConvertible)?] = filterValue.map { [partnerId, $0] } ?? [partnerId]
        let total = try db.count("SELECT count(*) FROM customers c WHERE \(whereClause)", arguments)
        let tenantIds = try db.fetchAll(String.self, "SELECT c.tenant_id FROM customers c WHERE \(whereClause) ORDER BY c.company_name, c.tenant_id \(Page.limitClause)",
                                        page.arguments(arguments))
        return (try tenantIds.map { try PartnerCustomer.find($0, for: partnerId, db) }, total)
    }

    /// The LIKE pattern of a "starts with" match of `value` taken literally: `%`, `_` and the
    /// escape character itself are escaped (with `ESCAPE '\'`), so `{"Value": "%"}` matches names
    /// starting with a percent sign, not every customer. The real filter's only operation is
    /// StartsWith (learn.microsoft.com/partner-center/developer/get-a-customer-by-name).
    static func likePrefix(_ value: String) -> String {
        var pattern = ""
        for character in value {
            if character == "\\" || character == "%" || character == "_" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }

    /// The customer as the caller sees it; 404 unless the caller has a relationship with it.
    static func get(_ customerId: String, _ context: OperationContext, _ db: Connection) throws -> PartnerCustomer {
        let (customer, _) = try context.visibleCustomer(customerId, db)
        return try PartnerCustomer.find(customer.tenantId, for: try context.caller.tenantId, db)
    }

    /// Applies `change` to a customer the caller sees (read once the customer is found, as the
    /// API always answered): `endRelationship` ends the caller's relationship and its admin
    /// privileges (CUS-7). Returns the customer as the caller now sees it.
    static func update(_ customerId: String, _ change: @autoclosure () throws -> CustomerChange, _ context: OperationContext,
                       _ db: Connection) throws -> PartnerCustomer {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        switch try change() {
        case .endRelationship:
            // Like the real service: active Azure reservations must be cancelled first. Subscriptions
            // lie to the right of Customers, so this reads the view of active ones (migration 0011)
            // instead of naming SubscriptionStatus.
            if try db.queryOne("""
                SELECT 1 FROM active_subscriptions s JOIN offers o ON o.id = s.offer_id
                WHERE s.customer_id = ? AND s.billing_partner_id = ? AND o.product_type = 'AzureReservation' LIMIT 1
                """, [customer.tenantId, partnerId]) != nil {
                throw APIError.conflict(ErrorCode.relationshipHasActiveReservations,
                                        "Cancel the customer's active Azure reservations before removing the relationship.")
            }
            try CustomerRelationships.end(customer: customer.tenantId, partner: partnerId, context, db)
        }
        return try PartnerCustomer.find(customer.tenantId, for: partnerId, db)
    }
}
