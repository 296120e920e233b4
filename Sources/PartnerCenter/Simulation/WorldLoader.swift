import Foundation
import JSON
import SQLite

/// SIM-3: loads a world fixture (partners, locations, programs, partnerships, customers,
/// relationships, subscriptions, principals) in one transaction. Fixtures refer to each
/// other by `key`; tenant ids and PLA ids may be fixed in the file or generated.
/// The format is documented in docs/fixtures.md.
struct WorldLoader {
    let context: RequestContext
    let db: Connection
    private(set) var tenants: [String: String] = [:]       // key -> tenant id
    private(set) var kinds: [String: String] = [:]         // key -> principal kind
    private var principals: [(name: String, tenantId: String, kind: String, roles: [Role])] = []

    init(_ context: RequestContext, _ db: Connection) {
        self.context = context
        self.db = db
        tenants["microsoft"] = MicrosoftTenant.tenantId
        kinds["microsoft"] = "Microsoft"
    }

    /// Loads `fixture` and returns the seed answer: ids of its parties and their principals.
    mutating func load(_ fixture: Body) throws -> JSON {
        for (index, item) in try list(fixture, "partners").enumerated() { try partner(item, "partners[\(index)]") }
        for (index, item) in try list(fixture, "partnerships").enumerated() { try partnership(item, "partnerships[\(index)]") }
        for (index, item) in try list(fixture, "customers").enumerated() { try customer(item, "customers[\(index)]") }
        for (index, item) in try list(fixture, "subscriptions").enumerated() {
            try subscription(item, parent: nil, "subscriptions[\(index)]")
        }
        for (index, item) in try list(fixture, "principals").enumerated() {
            try addPrincipals([.object(item.object)], tenantKey: try item.string("tenant"), "principals[\(index)]")
        }
        let name = try fixture.optionalString("name") ?? "custom"
        try Settings.set(Settings.world, name, db)
        var partners: JSONObject = [:]
        var customers: JSONObject = [:]
        for (key, tenantId) in tenants.sorted(by: { $0.key < $1.key }) where key != "microsoft" {
            if kinds[key] == "Customer" { customers[key] = .string(tenantId) } else { partners[key] = .string(tenantId) }
        }
        return .object([
            "world": .string(name),
            "partners": .object(partners),
            "customers": .object(customers),
            "principals": .array(try Principals.all(context, db)),
        ])
    }

    private func list(_ body: Body, _ name: String) throws(APIError) -> [Body] {
        guard let value = body.value(name) else { return [] }
        guard let array = value.arrayValue else { throw APIError.invalidField(body.field(name), "must be an array") }
        return try array.enumerated().map { (index, element) throws(APIError) -> Body in
            let field = body.field("\(name)[\(index)]")
            guard let object = element.objectValue else { throw APIError.invalidField(field, "must be an object") }
            return Body(object, path: field)
        }
    }

    private func tenant(_ key: String, _ field: String) throws(APIError) -> String {
        guard let id = tenants[key] else { throw APIError.invalidField(field, "names no party '\(key)' defined earlier in the fixture") }
        return id
    }

    private func newTenantId(_ item: Body) throws -> String {
        if let id = try item.optionalString("tenantId") {
            guard UUID(uuidString: id) != nil else { throw APIError.invalidField("tenantId", "'\(id)' is not a GUID") }
            return id.lowercased()
        }
        return context.services.ids.guid()
    }

    private mutating func partner(_ item: Body, _ path: String) throws {
        let key = try item.string("key")
        guard tenants[key] == nil else { throw APIError.invalidField("\(path).key", "'\(key)' is used twice") }
        let tenantId = try newTenantId(item)
        let country = try item.string("country").uppercased()
        try Regions.region(of: country, field: "\(path).country", db)
        let legalName = try item.string("legalName")
        let domain = legalName.lowercased().filter { $0.isLetter || $0.isNumber } + ".example"
        let status = try item.optionalString("status") ?? "Active"
        guard ["Active", "Suspended", "Deleted"].contains(status) else {
            throw APIError.invalidField("\(path).status", "must be Active, Suspended or Deleted")
        }
        let pgaId = try item.optionalString("pgaId") ?? AccountNumbers.unused(context, db)
        try db.run("""
            INSERT INTO partners (tenant_id, legal_name, country, address_line1, city, primary_contact_name, primary_contact_email,
                support_email, status, pga_id, maicpp_member, maicpp_contact_email, csp_revenue_usd, is_sandbox, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [tenantId, legalName, country, "1 Main Street", "Capital City", "Primary Contact",
             try item.optionalString("primaryContactEmail") ?? "admin@\(domain)", "support@\(domain)", status, pgaId,
             try item.optionalBool("maicppMember") ?? false, try item.optionalString("maicppContactEmail"),
             item.value("cspRevenueUsd")?.doubleValue ?? 0, try item.optionalBool("sandbox") ?? false, context.nowText])
        tenants[key] = tenantId
        var kind = "IndirectReseller"
        for (index, program) in try list(item, "programs").enumerated() {
            let field = "\(path).programs[\(index)]"
            guard let name = Program(name: try program.string("program")) else {
                throw APIError.invalidField("\(field).program", "must be Distributor, IndirectReseller or DirectBill")
            }
            guard let state = EnrollmentStatus(name: try program.optionalString("status") ?? "Active") else {
                throw APIError.invalidField("\(field).status", "must be Pending, Verified, Active, Restricted or Suspended")
            }
            let due = state == .pending
                ? Timestamp.format(BusinessDays.add(context.services.configuration.verificationBusinessDays, to: context.now)) : nil
            try db.run("""
                INSERT INTO enrollments (id, tenant_id, program, status, created_at, verification_due_at, verified_at, activated_at, is_migration)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [context.services.ids.guid(), tenantId, name.rawValue, state.rawValue, context.nowText, due,
                 state == .pending ? nil : context.nowText, state == .active ? context.nowText : nil,
                 try program.optionalBool("isMigration") ?? false])
            if name == .distributor { kind = "Distributor" } else if name == .directBill, kind != "Distributor" { kind = "DirectBill" }
        }
        kinds[key] = kind
        for (index, location) in try list(item, "locations").enumerated() {
            let field = "\(path).locations[\(index)]"
            let plaId = try location.optionalString("plaId") ?? AccountNumbers.unused(context, db)
            guard AccountNumbers.isWellFormed(plaId) else { throw APIError.invalidField("\(field).plaId", "must be 6 to 10 digits") }
            let locationCountry = try location.optionalString("country")?.uppercased() ?? country
            try db.run("INSERT INTO locations (pla_id, tenant_id, name, country, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       [plaId, tenantId, try location.optionalString("name") ?? "\(legalName) (\(locationCountry))",
                        locationCountry, try location.optionalString("status") ?? "Active", context.nowText])
        }
        if let plaId = try item.optionalString("mpaPlaId") {
            try db.run("UPDATE partners SET mpa_accepted_at = ?, mpa_pla_id = ? WHERE tenant_id = ?", [context.nowText, plaId, tenantId])
        }
        try addPrincipals(item.value("principals")?.arrayValue ?? [], tenantKey: key, "\(path).principals")
    }

    private mutating func addPrincipals(_ items: [JSON], tenantKey: String, _ path: String) throws {
        let tenantId = try tenant(tenantKey, path)
        for (index, element) in items.enumerated() {
            guard let object = element.objectValue else { continue }
            let item = Body(object, path: "\(path)[\(index)]")
            let name = try item.string("name")
            let roles = try item.stringArray("roles").enumerated().map { (roleIndex, roleName) throws(APIError) -> Role in
                guard let role = Role(name: roleName) else {
                    throw APIError.invalidField("\(path)[\(index)].roles[\(roleIndex)]", "'\(roleName)' is not a role")
                }
                return role
            }
            do {
                try db.run("INSERT INTO principals (name, tenant_id, kind, roles, user_id) VALUES (?, ?, ?, ?, ?)",
                           [name, tenantId, kinds[tenantKey] ?? "Customer", roles.map(\.rawValue).joined(separator: ","),
                            "\(name)@\(tenantKey).example"])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw APIError.invalidField("\(path)[\(index)].name", "principal '\(name)' is defined twice")
            }
        }
    }

    private mutating func partnership(_ item: Body, _ path: String) throws {
        let distributor = try tenant(try item.string("distributor"), "\(path).distributor")
        let reseller = try tenant(try item.string("reseller"), "\(path).reseller")
        let status = try item.optionalString("status") ?? "Active"
        guard ["Requested", "Active", "Removed"].contains(status) else {
            throw APIError.invalidField("\(path).status", "must be Requested, Active or Removed")
        }
        try db.run("""
            INSERT INTO partnerships (id, distributor_id, reseller_id, status, requested_at, activated_at, distributor_admin_access)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [context.services.ids.guid(), distributor, reseller, status, context.nowText,
             status == "Active" ? context.nowText : nil, status == "Active"])
    }

    private mutating func customer(_ item: Body, _ path: String) throws {
        let key = try item.string("key")
        guard tenants[key] == nil else { throw APIError.invalidField("\(path).key", "'\(key)' is used twice") }
        let tenantId = try newTenantId(item)
        let country = try item.string("country").uppercased()
        try Regions.region(of: country, field: "\(path).country", db)
        let companyName = try item.string("companyName")
        let domain = try item.optionalString("domain") ?? companyName.lowercased().filter { $0.isLetter } + ".onmicrosoft.com"
        try db.run("INSERT INTO customers (tenant_id, company_name, domain, country, email, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   [tenantId, companyName, domain, country, try item.optionalString("email") ?? "admin@\(domain)", context.nowText])
        tenants[key] = tenantId
        kinds[key] = "Customer"
        for (index, mca) in try list(item, "mca").enumerated() {
            let method = try mca.string("method")
            guard ["AdminCenter", "PartnerAttestation"].contains(method) else {
                throw APIError.invalidField("\(path).mca[\(index)].method", "must be AdminCenter or PartnerAttestation")
            }
            let partner = try mca.optionalString("partner").map { key throws(APIError) in try tenant(key, "\(path).mca[\(index)].partner") }
            try db.run("""
                INSERT INTO customer_agreements (id, customer_id, method, partner_id, signer_email, accepted_at) VALUES (?, ?, ?, ?, ?, ?)
                """, [context.services.ids.guid(), tenantId, method, partner, "admin@\(domain)", context.nowText])
        }
        for (index, relationship) in try list(item, "relationships").enumerated() {
            let field = "\(path).relationships[\(index)]"
            let partner = try tenant(try relationship.string("partner"), "\(field).partner")
            let kind = try relationship.optionalString("kind") ?? "Reseller"
            guard ["Reseller", "IndirectReseller", "IndirectProvider"].contains(kind) else {
                throw APIError.invalidField("\(field).kind", "must be Reseller, IndirectReseller or IndirectProvider")
            }
            try db.run("""
                INSERT INTO customer_relationships (id, customer_id, partner_id, kind, origin, admin_access, status, created_at)
                VALUES (?, ?, ?, ?, 'Seed', ?, 'Active', ?)
                """, [context.services.ids.guid(), tenantId, partner, kind, try relationship.optionalBool("adminAccess") ?? true, context.nowText])
        }
        try addPrincipals(item.value("principals")?.arrayValue ?? [], tenantKey: key, "\(path).principals")
    }

    private mutating func subscription(_ item: Body, parent: (id: String, customer: String, partner: String)?, _ path: String) throws {
        let customer = try parent?.customer ?? tenant(try item.string("customer"), "\(path).customer")
        let partner = try parent?.partner ?? tenant(try item.string("billingPartner"), "\(path).billingPartner")
        let offerId = try item.string("offerId")
        guard let offer = try db.queryOne("SELECT name, product_type, billing_cycles, term_durations FROM offers WHERE id = ? COLLATE NOCASE", [offerId]) else {
            throw APIError.invalidField("\(path).offerId", "'\(offerId)' is not in the offer catalog")
        }
        let productType = offer.string("product_type") ?? ""
        let isAzure = productType == "AzureLegacy" || productType == "AzureSubscription"
        let id = try item.optionalString("id")?.lowercased() ?? context.services.ids.guid()
        let createdAt = try item.optionalString("createdAt").flatMap(Timestamp.parse).map(Timestamp.format) ?? context.nowText
        let status = try item.optionalString("status") ?? "active"
        guard ["active", "suspended", "deleted"].contains(status) else {
            throw APIError.invalidField("\(path).status", "must be active, suspended or deleted")
        }
        try db.run("""
            INSERT INTO subscriptions (id, customer_id, billing_partner_id, offer_id, friendly_name, quantity, status, billing_cycle,
                term_duration, auto_renew, parent_subscription_id, partner_id_on_record, azure_subscription_id, gained_as, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [id, customer, partner, offerId.uppercased() == offerId ? offerId : offerId, try item.optionalString("friendlyName") ?? offer.string("name"),
             try item.optionalInt("quantity") ?? 1, status,
             try item.optionalString("billingCycle") ?? (offer.string("billing_cycles")?.split(separator: ",").first.map(String.init) ?? "monthly"),
             try item.optionalString("termDuration") ?? (offer.string("term_durations")?.split(separator: ",").first.map(String.init) ?? ""),
             try item.optionalBool("autoRenewEnabled") ?? !isAzure, parent?.id,
             try item.optionalString("partnerIdOnRecord"), isAzure ? context.services.ids.guid() : nil,
             try item.optionalString("gainedAs") ?? "Direct", createdAt])
        if let por = try item.optionalString("partnerIdOnRecord"), kinds.first(where: { tenants[$0.key] == partner })?.value == "Distributor" {
            try PORPolicy.recordUsage(distributor: partner, partnerId: por, context, db)
        }
        if !isAzure, let term = try db.queryOne("SELECT term_duration, created_at FROM subscriptions WHERE id = ?", [id]),
           let duration = term.string("term_duration").flatMap(ISODuration.init), let created = term.string("created_at").flatMap(Timestamp.parse) {
            var end = duration.added(to: created)
            while end <= context.now { end = duration.added(to: end) }
            try db.run("UPDATE subscriptions SET commitment_end_at = ? WHERE id = ?", [Timestamp.format(end), id])
        }
        if let azureId = try db.queryOne("SELECT azure_subscription_id FROM subscriptions WHERE id = ?", [id])?.string("azure_subscription_id") {
            try RoleAssignments.grant(azureSubscriptionId: azureId, to: partner, role: "Owner", context, db)
        }
        for (index, addon) in try list(item, "addons").enumerated() {
            try subscription(addon, parent: (id, customer, partner), "\(path).addons[\(index)]")
        }
    }
}
