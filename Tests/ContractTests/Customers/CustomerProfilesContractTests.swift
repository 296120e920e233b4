import JSON
import SQLite
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-a-customer-s-company-profile
@Suite("Contract: get a customer's company profile")
struct CompanyProfileContractTests {
    typealias Demo = TestWorld.Demo

    @Test("get-a-customer-s-company-profile example 1: tenant, domain, name, e-mail and the self link")
    func companyProfile() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/profiles/company", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        guard case .object(let shape) = CustomerShapes.companyProfile(requiring: ["tenantId", "domain", "companyName", "address", "email", "links", "attributes"])
        else { return }
        expectShape(response.json, shape)
        #expect(response["tenantId"]?.stringValue == Demo.relecloud)
        #expect(response["domain"]?.stringValue == "relecloud.onmicrosoft.com")
        #expect(response["address"]?["country"]?.stringValue == "US")
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/customers/\(Demo.relecloud)/profiles/company")
    }

    @Test("profiles: a partner without a relationship with the customer gets 404, and SalesAgent may read")
    func profileVisibility() throws {
        let world = try TestWorld()
        for path in ["company", "billing"] {
            let stranger = try world.request(.get, "/v1/customers/\(Demo.relecloud)/profiles/\(path)", as: "directbill-admin")
            #expect(stranger.status == 404)
            #expect(stranger.code == 1000)
            #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)/profiles/\(path)", as: "distributor-sales").status == 200)
        }
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-all-of-a-customer-s-billing-profiles
@Suite("Contract: get a customer's billing profile")
struct BillingProfileContractTests {
    @Test("get-all-of-a-customer-s-billing-profiles example 1: the profile with its id, address, self link and etag")
    func billingProfile() throws {
        let world = try TestWorld()
        let id = try ProfileSupport.createdCustomer(world)
        let response = try world.request(.get, "/v1/customers/\(id)/profiles/billing", as: "directbill-admin")
        #expect(response.status == 200, "\(response.text)")
        guard case .object(let shape) = CustomerShapes.billingProfile(requiring: CustomerShapes.fullBilling) else { return }
        expectShape(response.json, shape)
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/customers/\(id)/profiles/billing")
        // The embedded profile of the customer is the same resource, etag included.
        let customer = try world.request(.get, "/v1/customers/\(id)", as: "directbill-admin")
        #expect(customer["billingProfile"] == response.json)
        #expect(response.headers["ETag"] == "\"\(response["attributes"]?["etag"]?.stringValue ?? "")\"")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/update-a-customer-s-billing-profile
@Suite("Contract: update a customer's billing profile")
struct UpdateBillingProfileContractTests {
    typealias Demo = TestWorld.Demo

    @Test("update-a-customer-s-billing-profile example 1: the whole profile with If-Match; the answer is the new profile")
    func update() throws {
        let world = try TestWorld()
        let id = try ProfileSupport.createdCustomer(world)
        let before = try world.request(.get, "/v1/customers/\(id)/profiles/billing", as: "directbill-admin")
        let etag = try #require(before["attributes"]?["etag"]?.stringValue)
        let response = try world.request(.put, "/v1/customers/\(id)/profiles/billing", as: "directbill-admin",
                                         body: ProfileSupport.documentedUpdate(id: before["id"]?.stringValue ?? ""),
                                         headers: [("If-Match", "\"\(etag)\"")])
        #expect(response.status == 200, "\(response.text)")
        guard case .object(let shape) = CustomerShapes.billingProfile(requiring: CustomerShapes.fullBilling) else { return }
        expectShape(response.json, shape)
        #expect(response["id"]?.stringValue == before["id"]?.stringValue)
        #expect(response["firstName"]?.stringValue == "FirstName")
        #expect(response["culture"]?.stringValue == "en-US")
        #expect(response["companyName"]?.stringValue == "CompanyName")
        #expect(response["defaultAddress"]?["phoneNumber"]?.stringValue == "4255555555")
        #expect(response["defaultAddress"]?["addressLine2"] == nil, "a null member is not stored")
        #expect(response["attributes"]?["etag"]?.stringValue != etag)
        // Stored: the next GET and the customer show it, and the contact e-mail is the customer's.
        let after = try world.request(.get, "/v1/customers/\(id)/profiles/billing", as: "directbill-admin")
        #expect(after.json == response.json)
        let customer = try world.request(.get, "/v1/customers/\(id)", as: "directbill-admin")
        #expect(customer["companyProfile"]?["email"]?.stringValue == "email@sample.com")
        #expect(try world.auditCount("UpdateCustomerBillingProfile", resourceId: id) == 1)
    }

    @Test("billing profile PUT refusals: no If-Match or a stale one (412 700007), another country (400), SalesAgent (403), a stranger (404)")
    func refusals() throws {
        let world = try TestWorld()
        let id = try ProfileSupport.createdCustomer(world)
        let path = "/v1/customers/\(id)/profiles/billing"
        let profile = try world.request(.get, path, as: "directbill-admin")
        let etag = try #require(profile["attributes"]?["etag"]?.stringValue)
        let body = ProfileSupport.documentedUpdate(id: "")
        let before = try world.snapshot()
        try expectRefused(try world.request(.put, path, as: "directbill-admin", body: body), 412, 700007, world, unchanged: before)
        try expectRefused(try world.request(.put, path, as: "directbill-admin", body: body, headers: [("If-Match", "\"stale\"")]),
                          412, 700007, world, unchanged: before)
        try expectRefused(try world.request(.put, path, as: "directbill-admin", body: ProfileSupport.documentedUpdate(id: "", country: "CA"),
                                            headers: [("If-Match", etag)]), 400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.put, "/v1/customers/\(Demo.relecloud)/profiles/billing", as: "directbill-admin", body: body,
                                            headers: [("If-Match", "*")]), 404, 1000, world, unchanged: before)
        try expectRefused(try world.request(.put, "/v1/customers/\(Demo.relecloud)/profiles/billing", as: "distributor-sales", body: body,
                                            headers: [("If-Match", "*")]), 403, 900150, world, unchanged: before)
        #expect(try world.request(.get, path, as: "directbill-admin").json == profile.json, "the profile did not change")
    }
}

/// Who may replace the billing profile: only a partner with admin privileges on the customer
/// (CUS-5, CUS-7, CUS-8). The profile's e-mail is the customer's, so a partner that may only
/// read must not be able to redirect it.
@Suite("Contract: billing profile writes need admin privileges")
struct BillingProfileWriteAccessTests {
    typealias Demo = TestWorld.Demo
    typealias Extra = TestWorld.Extra

    /// The customer's row as stored (e-mail and billing profile included).
    static func stored(_ customer: String, _ world: TestWorld) throws -> [[SQLite.Value]] {
        try world.rows("SELECT * FROM customers WHERE tenant_id = ?", [customer]).map(\.values)
    }

    /// `principal` reads the profile (200), and its PUT with the current etag is 403 900150
    /// and changes nothing: no row, no audit record, not the customer's e-mail or profile.
    static func expectReadOnly(_ customer: String, as principal: String, _ world: TestWorld,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = "/v1/customers/\(customer)/profiles/billing"
        let profile = try world.request(.get, path, as: principal)
        #expect(profile.status == 200, "\(profile.text)", sourceLocation: sourceLocation)
        let etag = try #require(profile["attributes"]?["etag"]?.stringValue, sourceLocation: sourceLocation)
        let before = try world.snapshot()
        let row = try stored(customer, world)
        let audits = try world.auditCount("UpdateCustomerBillingProfile", resourceId: customer)
        try expectRefused(try world.request(.put, path, as: principal, body: ProfileSupport.documentedUpdate(id: ""),
                                            headers: [("If-Match", "\"\(etag)\"")]),
                          403, 900150, world, unchanged: before, sourceLocation: sourceLocation)
        #expect(try stored(customer, world) == row, "the customer's e-mail and profile did not change", sourceLocation: sourceLocation)
        #expect(try world.auditCount("UpdateCustomerBillingProfile", resourceId: customer) == audits, sourceLocation: sourceLocation)
        #expect(try world.request(.get, path, as: principal).json == profile.json, sourceLocation: sourceLocation)
    }

    @Test("billing profile PUT: the extension provider (CUS-5) reads the shared profile but its PUT is 403 900150; the reseller's is 200")
    func extensionProvider() throws {
        let world = try TestWorld.withLamnaCustomers()
        let invitation = try #require(try world.request(.post, "/portal/customers/\(Extra.woodgrove)/relationship-extensions", as: "migrated-admin",
                                                        body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        #expect(try world.accept(invitation, as: "woodgrove-admin").status == 200)
        #expect(try world.activeKinds(of: Extra.woodgrove, partner: Demo.contoso) == ["IndirectProvider"])
        #expect(try !world.hasAdminAccess(Demo.contoso, on: Extra.woodgrove))
        try Self.expectReadOnly(Extra.woodgrove, as: "distributor-admin", world)
        // The demo world's Trey holds Contoso the same way (a provider without admin access).
        try Self.expectReadOnly(Demo.trey, as: "distributor-admin", world)
        // Lamna, the reseller with admin privileges, still may.
        let path = "/v1/customers/\(Extra.woodgrove)/profiles/billing"
        let etag = try #require(try world.request(.get, path, as: "migrated-admin")["attributes"]?["etag"]?.stringValue)
        let updated = try world.request(.put, path, as: "migrated-admin", body: ProfileSupport.documentedUpdate(id: ""),
                                        headers: [("If-Match", etag)])
        #expect(updated.status == 200, "\(updated.text)")
        #expect(try world.rows("SELECT email FROM customers WHERE tenant_id = ?", [Extra.woodgrove]).first?.string("email") == "email@sample.com")
    }

    @Test("billing profile PUT: a suspended reseller (CUS-8, admin privileges revoked) still reads the profile but its PUT is 403 900150")
    func revokedAdminAccess() throws {
        let world = try TestWorld()
        #expect(try world.hasAdminAccess(Demo.fabrikam, on: Demo.relecloud))
        let suspended = try world.request(.patch, "/portal/partners/\(Demo.fabrikam)", as: "microsoft-support", body: ["status": "Suspended"])
        #expect(suspended.status == 200, "\(suspended.text)")
        #expect(try world.activeKinds(of: Demo.relecloud, partner: Demo.fabrikam) == ["IndirectReseller"])
        #expect(try !world.hasAdminAccess(Demo.fabrikam, on: Demo.relecloud))
        try Self.expectReadOnly(Demo.relecloud, as: "reseller-admin", world)
        // Contoso, the provider that kept its privileges, still may.
        let path = "/v1/customers/\(Demo.relecloud)/profiles/billing"
        let updated = try world.request(.put, path, as: "distributor-admin", body: ProfileSupport.documentedUpdate(id: ""),
                                        headers: [("If-Match", "*")])
        #expect(updated.status == 200, "\(updated.text)")
    }
}

/// Shared steps of the profile tests.
enum ProfileSupport {
    /// A customer Litware (direct bill) creates with the documented request.
    static func createdCustomer(_ world: TestWorld) throws -> String {
        let created = try world.request(.post, "/v1/customers", as: "directbill-admin",
                                        body: CustomerShapes.documentedCreateBody(domain: "profileco", billing: ["FirstName": "Tania", "LastName": "Carr"]))
        guard created.status == 201, let id = created["id"]?.stringValue else { throw TestFailure("not created: \(created.text)") }
        return id
    }

    /// The documented PUT body: PascalCase, nulls for absent members, links and attributes sent back.
    static func documentedUpdate(id: String, country: String = "US") -> JSON {
        ["Id": .string(id), "FirstName": "FirstName", "LastName": "LastName", "Email": "email@sample.com", "Culture": "en-US",
         "Language": "en", "CompanyName": "CompanyName",
         "DefaultAddress": ["Country": .string(country), "Region": nil, "City": "Redmond", "State": "WA", "AddressLine1": "One Microsoft Way",
                            "AddressLine2": nil, "PostalCode": "98052", "FirstName": "FirstName", "LastName": "LastName",
                            "PhoneNumber": "4255555555"],
         "Links": ["Self": ["Uri": "/v1/customers/x/profiles/billing", "Method": "GET", "Headers": []]],
         "Attributes": ["Etag": "<etag>", "ObjectType": "CustomerBillingProfile"]]
    }
}
