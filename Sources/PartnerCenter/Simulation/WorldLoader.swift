import Foundation
import JSON
import SQLite

/// SIM-3: loads a world fixture (partners, locations, programs, partnerships, customers,
/// relationships, subscriptions, principals) in one transaction. Fixtures refer to each
/// other by `key`; tenant ids and PLA ids may be fixed in the file or generated.
/// The format is documented in docs/fixtures.md.
struct WorldLoader {
    /// What a loaded fixture defined: its name and the tenant ids of its parties by key,
    /// sorted by key.
    struct LoadedWorld: Sendable {
        let name: String
        let partners: [(key: String, tenantId: String)]
        let customers: [(key: String, tenantId: String)]
    }

    let context: OperationContext
    let db: Connection
    private(set) var tenants: [String: String] = [:]       // key -> tenant id
    private(set) var kinds: [String: PrincipalKind] = [:]  // key -> principal kind
    /// Customers' domains by key: their users' default user names end in them.
    private var domains: [String: String] = [:]
    /// Apps of `partners[].apps[]`, read and checked with their partner, registered once the
    /// rest of the world is loaded: their generated ids come last, so adding apps to a
    /// fixture leaves the ids of everything else as they were.
    private var pendingApps: [(input: AppRegistrations.Input, path: String)] = []

    init(_ context: OperationContext, _ db: Connection) {
        self.context = context
        self.db = db
        tenants["microsoft"] = MicrosoftTenant.tenantId
        kinds["microsoft"] = .microsoft
    }

    /// Loads `fixture` and returns what it defined.
    mutating func load(_ fixture: Body) throws -> LoadedWorld {
        for (index, item) in try list(fixture, "partners").enumerated() { try partner(item, "partners[\(index)]") }
        for (index, item) in try list(fixture, "partnerships").enumerated() { try partnership(item, "partnerships[\(index)]") }
        for (index, item) in try list(fixture, "customers").enumerated() { try customer(item, "customers[\(index)]") }
        for (index, item) in try list(fixture, "subscriptions").enumerated() {
            try subscription(item, parent: nil, "subscriptions[\(index)]")
        }
        for (index, item) in try list(fixture, "principals").enumerated() {
            try addPrincipals([item], tenantKey: try item.string("tenant", maxLength: InputLimits.keyLength), "principals[\(index)]")
        }
        for (input, path) in pendingApps {
            _ = try AppRegistrations.register(input, taken: { clientId in
                APIError.invalidField("\(path).clientId", "'\(clientId)' is the client id of another app of the fixture")
            }, context, db)
        }
        let name = try fixture.optionalString("name", maxLength: InputLimits.keyLength) ?? "custom"
        try Settings.set(Settings.world, name, db)
        var partners: [(key: String, tenantId: String)] = []
        var customers: [(key: String, tenantId: String)] = []
        for (key, tenantId) in tenants.sorted(by: { $0.key < $1.key }) where key != "microsoft" {
            if kinds[key] == .customer { customers.append((key, tenantId)) } else { partners.append((key, tenantId)) }
        }
        return LoadedWorld(name: name, partners: partners, customers: customers)
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

    /// The party's tenant id: given (a GUID no other party of the fixture has) or generated.
    private func newTenantId(_ item: Body, _ path: String) throws -> String {
        if let id = try item.optionalString("tenantId", maxLength: 36) {
            guard UUID(uuidString: id) != nil else { throw APIError.invalidField("\(path).tenantId", "'\(id)' is not a GUID") }
            guard !tenants.values.contains(id.lowercased()) else {
                throw APIError.invalidField("\(path).tenantId", "'\(id)' is used by another party of the fixture")
            }
            return id.lowercased()
        }
        return context.ids.guid()
    }

    /// A new party's key: unique in the fixture.
    private func newKey(_ item: Body, _ path: String) throws -> String {
        let key = try item.string("key", maxLength: InputLimits.keyLength)
        guard tenants[key] == nil else { throw APIError.invalidField("\(path).key", "'\(key)' is used twice") }
        return key
    }

    /// A PLA or PGA id given in the fixture: well formed and not yet taken by any location or
    /// partner (the two share one namespace, POR-1).
    private func unusedAccountNumber(_ id: String, field: String) throws -> String {
        guard AccountNumbers.isWellFormed(id) else { throw APIError.invalidField(field, "must be 6 to 10 digits") }
        guard try !AccountNumbers.isTaken(id, db) else {
            throw APIError.invalidField(field, "'\(id)' is used twice (PLA and PGA ids share one namespace)")
        }
        return id
    }

    /// An optional e-mail address field.
    private func optionalEmail(_ item: Body, _ name: String) throws(APIError) -> String? {
        guard let email = try item.optionalString(name, maxLength: InputLimits.emailLength) else { return nil }
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField(item.field(name), "is not an e-mail address") }
        return email
    }

    /// Runs `body` for one fixture entry; a database constraint it still trips (a conflict the
    /// checks above missed) is that entry's 400, never a 500 quoting SQL.
    private mutating func entry(_ path: String, _ body: (inout WorldLoader) throws -> Void) throws {
        do {
            try body(&self)
        } catch let error as SQLiteError where error.isConstraintViolation {
            throw APIError.invalidField(path, "conflicts with another entry of the fixture or with the reference data")
        }
    }

    private mutating func partner(_ item: Body, _ path: String) throws {
        let key = try newKey(item, path)
        let tenantId = try newTenantId(item, path)
        let country = try item.string("country", maxLength: 2).uppercased()
        try Regions.region(of: country, field: "\(path).country", db)
        let legalName = try item.string("legalName", maxLength: InputLimits.nameLength)
        let label = legalName.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(InputLimits.domainLabelLength)
        let domain = (label.isEmpty ? key.lowercased().filter { $0.isLetter || $0.isNumber } : String(label)) + ".example"
        let statusName = try item.optionalString("status") ?? PartnerStatus.active.rawValue
        // Exact spelling: fixtures are files pcsim documents, not client requests.
        guard let status = PartnerStatus(rawValue: statusName) else {
            throw APIError.invalidField("\(path).status", "must be Active, Suspended or Deleted")
        }
        let pgaId = try item.optionalString("pgaId").map { try unusedAccountNumber($0, field: "\(path).pgaId") }
            ?? AccountNumbers.unused(context, db)
        let revenue = try item.optionalDouble("cspRevenueUsd", in: InputLimits.revenueUSD) ?? 0
        try entry(path) { loader in
            try PartnerStore.insert(PartnerRow(
                tenantId: tenantId, legalName: legalName, country: country, addressLine1: "1 Main Street", city: "Capital City",
                postalCode: "", primaryContactName: "Primary Contact",
                primaryContactEmail: try loader.optionalEmail(item, "primaryContactEmail") ?? "admin@\(domain)",
                supportEmail: "support@\(domain)", supportPhone: "", status: status, pgaId: pgaId, mpaAcceptedAt: nil, mpaPlaId: nil,
                maicppMember: try item.optionalBool("maicppMember") ?? false,
                maicppContactEmail: try loader.optionalEmail(item, "maicppContactEmail"), cspRevenueUsd: revenue,
                isSandbox: try item.optionalBool("sandbox") ?? false, createdAt: loader.context.nowText), loader.db)
        }
        tenants[key] = tenantId
        var kind = PrincipalKind.indirectReseller
        var programs: Set<Program> = []
        for (index, program) in try list(item, "programs").enumerated() {
            let field = "\(path).programs[\(index)]"
            guard let name = Program(name: try program.string("program")) else {
                throw APIError.invalidField("\(field).program", "must be Distributor, IndirectReseller or DirectBill")
            }
            guard programs.insert(name).inserted else { throw APIError.invalidField("\(field).program", "'\(name.rawValue)' is listed twice") }
            guard let state = EnrollmentStatus(name: try program.optionalString("status") ?? EnrollmentStatus.active.rawValue) else {
                throw APIError.invalidField("\(field).status", "must be Pending, Verified, Active, Restricted or Suspended")
            }
            let due = state == .pending
                ? Timestamp.format(BusinessDays.add(context.configuration.verificationBusinessDays, to: context.now)) : nil
            let isMigration = try program.optionalBool("isMigration") ?? false
            try entry(field) { loader in
                let now = loader.context.nowText
                try EnrollmentStore.insert(EnrollmentRow(
                    id: loader.context.ids.guid(), tenantId: tenantId, program: name, status: state, createdAt: now,
                    verificationDueAt: due, verifiedAt: state == .pending ? nil : now, activatedAt: state == .active ? now : nil,
                    restrictedAt: nil, suspendedAt: nil, isMigration: isMigration), loader.db)
            }
            if name == .distributor { kind = .distributor } else if name == .directBill, kind != .distributor { kind = .directBill }
        }
        kinds[key] = kind
        for (index, location) in try list(item, "locations").enumerated() {
            let field = "\(path).locations[\(index)]"
            let plaId = try location.optionalString("plaId").map { try unusedAccountNumber($0, field: "\(field).plaId") }
                ?? AccountNumbers.unused(context, db)
            let locationCountry = try location.optionalString("country", maxLength: 2)?.uppercased() ?? country
            try Regions.region(of: locationCountry, field: "\(field).country", db)
            let statusName = try location.optionalString("status") ?? LocationStatus.active.rawValue
            guard let status = LocationStatus(rawValue: statusName) else {
                throw APIError.invalidField("\(field).status", "must be Active or Inactive")
            }
            let name = try location.optionalString("name", maxLength: InputLimits.nameLength) ?? "\(legalName) (\(locationCountry))"
            try entry(field) { loader in
                try LocationStore.insert(LocationRow(plaId: plaId, tenantId: tenantId, name: name, country: locationCountry,
                                                     status: status, createdAt: loader.context.nowText), loader.db)
            }
        }
        if let plaId = try item.optionalString("mpaPlaId") {
            guard AccountNumbers.isWellFormed(plaId) else { throw APIError.invalidField("\(path).mpaPlaId", "must be 6 to 10 digits") }
            try PartnerStore.acceptAgreement(tenantId, plaId: plaId, acceptedAt: context.nowText, db)
        }
        try addPrincipals(try list(item, "principals"), tenantKey: key, "\(path).principals")
        for (index, app) in try list(item, "apps").enumerated() {
            let field = "\(path).apps[\(index)]"
            let credentials = try AppRegistrations.credentials(app)
            pendingApps.append((AppRegistrations.Input(
                tenantId: tenantId, displayName: try app.string("name", maxLength: InputLimits.nameLength),
                roles: try AppRegistrations.roles(app), clientId: credentials.clientId, secret: credentials.secret,
                publicClient: try app.optionalBool("publicClient") ?? false), field))
        }
    }

    /// Principals of `tenantKey`; each item's Body path names it in errors.
    private mutating func addPrincipals(_ items: [Body], tenantKey: String, _ path: String) throws {
        let tenantId = try tenant(tenantKey, path)
        for item in items {
            let field = item.path
            let name = try item.string("name", maxLength: InputLimits.keyLength)
            let roles = try item.stringArray("roles").enumerated().map { (roleIndex, roleName) throws(APIError) -> Role in
                guard let role = Role(name: roleName) else {
                    throw APIError.invalidField("\(field).roles[\(roleIndex)]", "'\(roleName)' is not a role")
                }
                return role
            }
            // Before the user name, whose default derives from the name.
            guard try db.queryOne("SELECT 1 FROM principals WHERE name = ?", [name]) == nil else {
                throw APIError.invalidField("\(field).name", "principal '\(name)' is defined twice")
            }
            let userName = try self.userName(item, name: name, tenantKey: tenantKey, tenantId: tenantId)
            // Exactly as given, like an app's secret: the password grant compares it byte for byte.
            let password = try AppRegistrations.exactSecret(item, "password") ?? AppRegistrations.generatedSecret()
            do {
                try PrincipalStore.insert(PrincipalRow(name: name, tenantId: tenantId, kind: kinds[tenantKey] ?? .customer,
                                                       roles: roles.map(\.rawValue).joined(separator: ","),
                                                       userId: "\(name)@\(tenantKey).example", userName: userName, password: password), db)
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw APIError.invalidField("\(field).name", "principal '\(name)' is defined twice")
            }
        }
    }

    /// A principal's user name: given (a UPN no other principal has, in a domain no other tenant
    /// claims) or `name@` the customer's domain, or `name@<key>.onmicrosoft.com` for partners
    /// and Microsoft.
    private func userName(_ item: Body, name: String, tenantKey: String, tenantId: String) throws -> String {
        guard let given = try item.optionalString("userName", maxLength: Self.userNameLength) else {
            let label = tenantKey.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(InputLimits.domainLabelLength)
            let domain = domains[tenantKey] ?? "\(label.isEmpty ? "tenant" : String(label)).onmicrosoft.com"
            let local = name.filter { $0.isLetter || $0.isNumber || "._-".contains($0) }.prefix(64)
            let generated = "\(local.isEmpty ? "user" : String(local))@\(domain)"
            guard try !Directory.userNameTaken(generated, db) else {
                throw APIError.invalidField(item.field("userName"), "the default '\(generated)' is the user name of another principal: give one")
            }
            // A domain is one tenant's (Entra resolves the tenant from it), the default one too.
            guard try Directory.owners(ofDomain: domain, db).subtracting([tenantId]).isEmpty else {
                throw APIError.invalidField(item.field("userName"), "the default domain '\(domain)' is another tenant's: give a userName")
            }
            return generated
        }
        let field = item.field("userName")
        let parts = given.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].count),
              parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-+'".contains($0)) }),
              parts[1].contains("."), CustomerDomain.isValid(String(parts[1])) else {
            throw APIError.invalidField(field, "must be a user principal name (name@domain, at most 64 characters before the @)")
        }
        guard try !Directory.userNameTaken(given, db) else { throw APIError.invalidField(field, "'\(given)' is the user name of another principal") }
        guard try Directory.owners(ofDomain: String(parts[1]), db).subtracting([tenantId]).isEmpty else {
            throw APIError.invalidField(field, "'\(parts[1])' is a domain of another tenant of the fixture")
        }
        return given
    }

    /// Entra's longest user principal name (64 characters, the @ and a 48-character domain).
    static let userNameLength = 113

    /// A key naming a partner defined earlier (not a customer, not Microsoft).
    private func partnerTenant(_ key: String, _ field: String) throws(APIError) -> String {
        let id = try tenant(key, field)
        guard key != "microsoft", kinds[key] != .customer else { throw APIError.invalidField(field, "'\(key)' is not a partner") }
        return id
    }

    /// A key naming a customer defined earlier.
    private func customerTenant(_ key: String, _ field: String) throws(APIError) -> String {
        let id = try tenant(key, field)
        guard kinds[key] == .customer else { throw APIError.invalidField(field, "'\(key)' is not a customer") }
        return id
    }

    private mutating func partnership(_ item: Body, _ path: String) throws {
        let distributor = try partnerTenant(try item.string("distributor", maxLength: InputLimits.keyLength), "\(path).distributor")
        let reseller = try partnerTenant(try item.string("reseller", maxLength: InputLimits.keyLength), "\(path).reseller")
        guard distributor != reseller else { throw APIError.invalidField("\(path).reseller", "a partner cannot partner with itself") }
        // Active unless the fixture says otherwise.
        guard let state = try item.optionalString("status").map(PartnershipStatus.init(rawValue:)) ?? .some(.active) else {
            throw APIError.invalidField("\(path).status", "must be Requested, Active or Removed")
        }
        try entry(path) { loader in
            try PartnershipStore.insert(PartnershipRow(id: loader.context.ids.guid(), distributorId: distributor, resellerId: reseller,
                                                       status: state, invitationId: nil, requestedAt: loader.context.nowText,
                                                       activatedAt: state == .active ? loader.context.nowText : nil,
                                                       distributorAdminAccess: state == .active), loader.db)
        }
    }

    private mutating func customer(_ item: Body, _ path: String) throws {
        let key = try newKey(item, path)
        let tenantId = try newTenantId(item, path)
        let country = try item.string("country", maxLength: 2).uppercased()
        try Regions.region(of: country, field: "\(path).country", db)
        let companyName = try item.string("companyName", maxLength: InputLimits.nameLength)
        let domain: String
        if let given = try item.optionalString("domain", maxLength: InputLimits.domainLength)?.lowercased() {
            guard CustomerDomain.isValid(given) else { throw APIError.invalidField("\(path).domain", "must be a domain name") }
            domain = given
        } else {
            let prefix = companyName.lowercased().filter { $0.isLetter }.prefix(InputLimits.domainLabelLength)
            domain = (prefix.isEmpty ? key.lowercased().filter { $0.isLetter || $0.isNumber } : String(prefix)) + ".onmicrosoft.com"
        }
        // customers.domain is UNIQUE: two customers of one fixture (or two with the same name and
        // no domain given) would otherwise fail the insert.
        guard try db.queryOne("SELECT 1 FROM customers WHERE domain = ?", [domain]) == nil else {
            throw APIError.invalidField("\(path).domain", "'\(domain)' is the domain of another customer of the fixture")
        }
        let email = try optionalEmail(item, "email") ?? "admin@\(domain)"
        try entry(path) { loader in
            try CustomerStore.insert(CustomerRow(tenantId: tenantId, companyName: companyName, domain: domain, country: country, email: email,
                                                 createdAt: loader.context.nowText, createdBy: nil, billingProfile: .object([:])), loader.db)
        }
        tenants[key] = tenantId
        kinds[key] = .customer
        domains[key] = domain
        for (index, mca) in try list(item, "mca").enumerated() {
            guard let method = AgreementMethod(rawValue: try mca.string("method")) else {
                throw APIError.invalidField("\(path).mca[\(index)].method", "must be AdminCenter or PartnerAttestation")
            }
            let partner = try mca.optionalString("partner", maxLength: InputLimits.keyLength)
                .map { key throws(APIError) in try partnerTenant(key, "\(path).mca[\(index)].partner") }
            try CustomerStore.insertAgreement(CustomerAgreementRow(id: context.ids.guid(), customerId: tenantId, method: method,
                                                                   partnerId: partner, signerEmail: "admin@\(domain)", signerName: "",
                                                                   acceptedAt: context.nowText), db)
        }
        for (index, relationship) in try list(item, "relationships").enumerated() {
            let field = "\(path).relationships[\(index)]"
            let partner = try partnerTenant(try relationship.string("partner", maxLength: InputLimits.keyLength), "\(field).partner")
            let kindName = try relationship.optionalString("kind")
            guard let kind = kindName.map(RelationshipKind.init(rawValue:)) ?? .some(.reseller) else {
                throw APIError.invalidField("\(field).kind", "must be Reseller, IndirectReseller or IndirectProvider")
            }
            let adminAccess = try relationship.optionalBool("adminAccess") ?? true
            try entry(field) { loader in
                try CustomerRelationshipStore.insert(CustomerRelationshipRow(id: loader.context.ids.guid(), customerId: tenantId,
                                                                             partnerId: partner, kind: kind, origin: .seed, adminAccess: adminAccess,
                                                                             status: .active, createdAt: loader.context.nowText,
                                                                             billingProfileShared: false), loader.db)
            }
        }
        try addPrincipals(try list(item, "principals"), tenantKey: key, "\(path).principals")
    }

    private mutating func subscription(_ item: Body, parent: (id: String, customer: String, partner: String)?, _ path: String) throws {
        let customer = try parent?.customer
            ?? customerTenant(try item.string("customer", maxLength: InputLimits.keyLength), "\(path).customer")
        let partner = try parent?.partner
            ?? partnerTenant(try item.string("billingPartner", maxLength: InputLimits.keyLength), "\(path).billingPartner")
        let offerId = try item.string("offerId", maxLength: InputLimits.keyLength)
        guard let offer = try OfferRecord.find(offerId, db) else {
            throw APIError.invalidField("\(path).offerId", "'\(offerId)' is not in the offer catalog")
        }
        let isAzure = offer.isAzureUsage
        let givenId = try item.optionalString("id", maxLength: 36)?.lowercased()
        if let givenId {
            guard UUID(uuidString: givenId) != nil else { throw APIError.invalidField("\(path).id", "'\(givenId)' is not a GUID") }
            guard try db.queryOne("SELECT 1 FROM subscriptions WHERE id = ?", [givenId]) == nil else {
                throw APIError.invalidField("\(path).id", "'\(givenId)' is used by another subscription of the fixture")
            }
        }
        // createdAt is a past moment (a cancellation credit counts the days from it).
        let created = try item.optionalDate("createdAt") ?? context.now
        guard created <= context.now else { throw APIError.invalidField("\(path).createdAt", "must not be after the simulated now") }
        guard let status = SubscriptionStatus(rawValue: try item.optionalString("status") ?? SubscriptionStatus.active.rawValue) else {
            throw APIError.invalidField("\(path).status", "must be active, suspended or deleted")
        }
        let quantity = try item.optionalInt("quantity", in: InputLimits.fixtureQuantity) ?? 1
        // The catalog's cycles and terms, as orders require: a term like P0D once made the
        // commitment-end computation loop forever under the write lock.
        let billingCycle = try item.optionalString("billingCycle")?.lowercased() ?? offer.billingCycles.first ?? "monthly"
        guard offer.billingCycles.contains(billingCycle) else {
            throw APIError.invalidField("\(path).billingCycle", "must be one of \(offer.billingCycles.joined(separator: ", ")) for \(offer.id)")
        }
        let termDuration = try item.optionalString("termDuration", maxLength: 16)?.uppercased() ?? offer.termDurations.first ?? ""
        guard offer.termDurations.isEmpty ? termDuration.isEmpty : offer.termDurations.contains(termDuration) else {
            throw APIError.invalidField("\(path).termDuration", offer.termDurations.isEmpty
                ? "is not used by \(offer.id)" : "must be one of \(offer.termDurations.joined(separator: ", ")) for \(offer.id)")
        }
        guard let gainedAs = GainedAs(rawValue: try item.optionalString("gainedAs") ?? GainedAs.direct.rawValue) else {
            throw APIError.invalidField("\(path).gainedAs", "must be Direct or Indirect")
        }
        let por = try item.optionalString("partnerIdOnRecord", maxLength: InputLimits.keyLength)
        // The store's commitment-end rule (whole terms since creation, never stepped to); a
        // term it cannot apply is the fixture's mistake.
        if !isAzure, !termDuration.isEmpty,
           SubscriptionStore.commitmentEnd(offer: offer, term: termDuration, createdAt: created, now: context.now) == nil {
            throw APIError.invalidField("\(path).termDuration", "is not a term pcsim can apply")
        }
        let new = NewSubscription(
            customerId: customer, billingPartnerId: partner, offer: offer, quantity: quantity, billingCycle: billingCycle,
            termDuration: termDuration, friendlyName: try item.optionalString("friendlyName", maxLength: InputLimits.nameLength) ?? offer.name,
            gainedAs: gainedAs, parentSubscriptionId: parent?.id, partnerIdOnRecord: por, id: givenId, status: status,
            createdAt: created, autoRenew: try item.optionalBool("autoRenewEnabled") ?? !isAzure)
        var id = ""
        try entry(path) { loader in
            // With the order it came from (every subscription of the real service has one).
            id = try Orders.recordFixture(new, loader.context, loader.db)
        }
        if let por, kinds.first(where: { tenants[$0.key] == partner })?.value == .distributor {
            try PORPolicy.recordUsage(distributor: partner, partnerId: por, context, db)
        }
        for (index, addon) in try list(item, "addons").enumerated() {
            try subscription(addon, parent: (id, customer, partner), "\(path).addons[\(index)]")
        }
    }
}
