import Foundation
import JSON
import SQLite

/// Customer resources: create (CUS-4), list, get, end the relationship (CUS-7).
enum Customers {
    /// POST /v1/customers by a direct-bill partner or a distributor.
    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        // CUS-4: indirect resellers cannot create customer tenants.
        guard partner.isDistributor || partner.programs[.directBill] != nil else {
            throw APIError.forbidden("Indirect resellers cannot create customer tenants; a distributor creates them.")
        }
        guard partner.isActive else { throw APIError.forbidden("The partner tenant is not active.") }
        let body = try context.body()
        let company = try body.object("companyProfile")
        let billing = try body.object("billingProfile")
        let domainPrefix = try company.string("domain", maxLength: InputLimits.domainLength).lowercased()
        let domain = domainPrefix.contains(".") ? domainPrefix : domainPrefix + ".onmicrosoft.com"
        guard CustomerDomain.isValid(domain) else {
            throw APIError.invalidField("companyProfile.domain", "must be a domain name (labels of letters, digits and hyphens, at most 63 characters each, 253 in all)")
        }
        let companyName = try company.optionalString("companyName", maxLength: InputLimits.nameLength)
            ?? billing.string("companyName", maxLength: InputLimits.nameLength)
        let address = try billing.object("defaultAddress")
        let country = try address.string("country", maxLength: 2).uppercased()
        let region = try Regions.region(of: country, field: "billingProfile.defaultAddress.country", db)
        // GEN-1
        guard region == partner.region else {
            throw APIError(.badRequest, code: ErrorCode.customerRegionMismatch,
                           "\(partner.legalName) (\(partner.region)) can only sell to customers in its own CSP region; \(country) is in \(region).")
        }
        let email = try billing.optionalString("email", maxLength: InputLimits.emailLength) ?? "admin@\(domain)"
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("billingProfile.email", "is not an e-mail address") }
        let reseller = try associatedReseller(body, partner, context, db)
        if try db.queryOne("SELECT 1 FROM customers WHERE domain = ?", [domain]) != nil {
            throw APIError.conflict(ErrorCode.customerDomainTaken, "The domain \(domain) is already taken.")
        }
        let tenantId = context.services.ids.guid()
        try db.run("""
            INSERT INTO customers (tenant_id, company_name, domain, country, email, created_at, created_by, billing_profile)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [tenantId, companyName, domain, country, email, context.nowText, partner.tenantId,
                  String(decoding: JSON.object(try billingProfile(billing, address, country: country)).serialized(), as: UTF8.self)])
        try context.audit(db, "CreateCustomer", resourceType: "Customer", resourceId: tenantId,
                          tenants: [partner.tenantId] + (reseller.map { [$0.tenantId] } ?? []), customerId: tenantId,
                          details: ["domain": .string(domain), "associatedPartnerId": JSON(reseller?.tenantId)])
        if partner.isDistributor {
            try CustomerRelationships.create(customer: tenantId, partner: partner.tenantId, kind: .indirectProvider,
                                             origin: "CreatedByDistributor", adminAccess: true, context, db)
            if let reseller {
                try CustomerRelationships.create(customer: tenantId, partner: reseller.tenantId, kind: .indirectReseller,
                                                 origin: "CreatedByDistributor", adminAccess: true, context, db)
            }
        } else {
            try CustomerRelationships.create(customer: tenantId, partner: partner.tenantId, kind: .reseller,
                                             origin: "CreatedByPartner", adminAccess: true, context, db)
        }
        try context.notify(db, kind: "CustomerCreated", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "Customer \(companyName) was created",
                           body: "The customer's admin account is admin@\(domain).", resourceType: "Customer", resourceId: tenantId)
        return .created(try render(tenantId, for: partner.tenantId, db))
    }

    /// The billing profile as the API renders it: known fields only, camelCase whatever case
    /// the request used (request names match case-insensitively).
    private static func billingProfile(_ billing: Body, _ address: Body, country: String) throws -> JSONObject {
        var profile: JSONObject = [:]
        let billingLimits: [(String, Int)] = [
            ("firstName", InputLimits.nameLength), ("lastName", InputLimits.nameLength), ("email", InputLimits.emailLength),
            ("culture", InputLimits.shortTextLength), ("language", InputLimits.shortTextLength), ("companyName", InputLimits.nameLength),
        ]
        for (name, limit) in billingLimits {
            if let value = try billing.optionalString(name, maxLength: limit) { profile[name] = .string(value) }
        }
        var defaultAddress: JSONObject = ["country": .string(country)]
        let addressLimits: [(String, Int)] = [
            ("region", InputLimits.addressLength), ("city", InputLimits.addressLength), ("state", InputLimits.addressLength),
            ("addressLine1", InputLimits.addressLength), ("addressLine2", InputLimits.addressLength),
            ("postalCode", InputLimits.shortTextLength), ("firstName", InputLimits.nameLength), ("lastName", InputLimits.nameLength),
            ("phoneNumber", InputLimits.shortTextLength),
        ]
        for (name, limit) in addressLimits {
            if let value = try address.optionalString(name, maxLength: limit) { defaultAddress[name] = .string(value) }
        }
        profile["defaultAddress"] = .object(defaultAddress)
        return profile
    }

    /// CUS-4: `associatedPartnerId` names the indirect reseller (tenant id or PLA id); it must
    /// be one of the distributor's active resellers.
    private static func associatedReseller(_ body: Body, _ partner: PartnerRecord, _ context: RequestContext,
                                           _ db: Connection) throws -> PartnerRecord? {
        guard let value = try body.optionalString("associatedPartnerId") else { return nil }
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

    /// GET /v1/customers: customers the caller has an active relationship with.
    /// `filter` follows the real API: `{"Field": "IndirectReseller"|"CompanyName"|"Domain", "Value": ..., "Operator": "starts_with"}`.
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let page = try Page(context)
        var conditions = ["EXISTS (SELECT 1 FROM customer_relationships r WHERE r.customer_id = c.tenant_id AND r.partner_id = ?1 AND r.status = 'Active')"]
        var filterValue: String?
        if let raw = context.query("filter"), !raw.isEmpty {
            guard let json = try? JSON.parse(raw), let field = json["Field"]?.stringValue, let value = json["Value"]?.stringValue else {
                throw APIError.invalidField("filter", "must be {\"Field\": ..., \"Value\": ..., \"Operator\": \"starts_with\"}")
            }
            switch field.lowercased() {
            case "indirectreseller":
                filterValue = value
                conditions.append("EXISTS (SELECT 1 FROM customer_relationships r2 WHERE r2.customer_id = c.tenant_id AND r2.partner_id = lower(?2) AND r2.kind = 'IndirectReseller' AND r2.status = 'Active')")
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
        let rows = try db.query("SELECT c.tenant_id FROM customers c WHERE \(whereClause) ORDER BY c.company_name, c.tenant_id \(Page.limitClause)",
                                page.arguments(arguments))
        let items = try rows.compactMap { row in try row.string("tenant_id").map { try render($0, for: partnerId, db) } }
        return .ok(page.collection(items, totalCount: total, selfURI: "/customers"))
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

    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        return .ok(try render(customer.tenantId, for: try context.caller.tenantId, db))
    }

    /// PATCH /v1/customers/{cid} with `relationshipToPartner: "none"` ends the caller's
    /// relationship and its admin privileges (CUS-7).
    static func update(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let body = try context.body()
        guard let relationship = try body.optionalString("relationshipToPartner") else {
            throw body.missing("relationshipToPartner", " (\"none\" ends the relationship)")
        }
        guard relationship.lowercased() == "none" else {
            throw APIError.invalidField("relationshipToPartner", "only \"none\" can be set")
        }
        // Like the real service: active Azure reservations must be cancelled first.
        if try db.queryOne("""
            SELECT 1 FROM subscriptions s JOIN offers o ON o.id = s.offer_id
            WHERE s.customer_id = ? AND s.billing_partner_id = ? AND s.status = 'active' AND o.product_type = 'AzureReservation' LIMIT 1
            """, [customer.tenantId, partnerId]) != nil {
            throw APIError.conflict(ErrorCode.relationshipHasActiveReservations,
                                    "Cancel the customer's active Azure reservations before removing the relationship.")
        }
        try CustomerRelationships.end(customer: customer.tenantId, partner: partnerId, context, db)
        var rendered = try render(customer.tenantId, for: partnerId, db)
        if case .object(var object) = rendered {
            object["relationshipToPartner"] = "none"
            object["allowDelegatedAccess"] = false
            rendered = .object(object)
        }
        return .ok(rendered)
    }

    /// The Customer resource as `partnerId` sees it.
    static func render(_ tenantId: String, for partnerId: String, _ db: Connection) throws -> JSON {
        guard let customer = try CustomerRecord.find(tenantId, db) else { throw APIError.notFound("The customer") }
        let relationships = try db.query("""
            SELECT kind, admin_access FROM customer_relationships WHERE customer_id = ? AND partner_id = ? AND status = 'Active'
            """, [tenantId, partnerId])
        let adminAccess = relationships.contains { $0.bool("admin_access") == true }
        let reseller = try db.queryOne("""
            SELECT partner_id FROM customer_relationships WHERE customer_id = ? AND kind = 'IndirectReseller' AND status = 'Active'
            ORDER BY created_at LIMIT 1
            """, [tenantId])?.string("partner_id")
        var billing = customer.billingProfile.objectValue ?? JSONObject()
        if billing["defaultAddress"] == nil { billing["defaultAddress"] = .object(["country": .string(customer.country)]) }
        billing["email"] = .string(customer.email)
        billing["companyName"] = .string(customer.companyName)
        billing["attributes"] = ["objectType": "CustomerBillingProfile"]
        var object: JSONObject = [
            "id": .string(customer.tenantId),
            "commerceId": .string(customer.tenantId),
            "companyProfile": .object([
                "tenantId": .string(customer.tenantId),
                "domain": .string(customer.domain),
                "companyName": .string(customer.companyName),
                "email": .string(customer.email),
                "attributes": ["objectType": "CustomerCompanyProfile"],
            ]),
            "billingProfile": .object(billing),
            "relationshipToPartner": relationships.isEmpty ? "none" : "reseller",
            "allowDelegatedAccess": .bool(adminAccess),
        ]
        if let reseller { object["associatedPartnerId"] = .string(reseller) }
        return Links.resource(object, objectType: "Customer", selfURI: "/customers/\(customer.tenantId)")
    }
}
