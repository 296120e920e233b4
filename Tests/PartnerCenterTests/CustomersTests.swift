import JSON
@testable import PartnerCenter
import Testing

/// POST/GET /v1/customers: CUS-4 (creation by a distributor), GEN-1 (region), GEN-4, CUS-3.
@Suite("Customers")
struct CustomersTests {
    typealias Demo = TestWorld.Demo

    // MARK: CUS-4

    @Test("CUS-4 a distributor creates a customer and designates the indirect reseller: both relationships")
    func test_CUS_4_distributorCreatesWithReseller() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin",
                                         body: TestWorld.customerBody(associatedPartnerId: Demo.fabrikam))
        #expect(response.status == 201, "\(response.text)")
        let id = try #require(response["id"]?.stringValue)
        #expect(response["companyProfile"]?["domain"]?.stringValue == "newco.onmicrosoft.com")
        #expect(response["billingProfile"]?["companyName"]?.stringValue == "NewCo")
        #expect(response["associatedPartnerId"]?.stringValue == Demo.fabrikam)
        #expect(response["allowDelegatedAccess"]?.boolValue == true)
        #expect(response["attributes"]?["objectType"]?.stringValue == "Customer")
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/customers/\(id)")
        #expect(try world.activeKinds(of: id, partner: Demo.contoso) == ["IndirectProvider"])
        #expect(try world.activeKinds(of: id, partner: Demo.fabrikam) == ["IndirectReseller"])
        #expect(try world.relationships(of: id).allSatisfy { $0.adminAccess && $0.origin == "CreatedByDistributor" })
        // Both partners now see the customer.
        #expect(try world.customerIds(as: "distributor-admin").contains(id))
        #expect(try world.customerIds(as: "reseller-admin").contains(id))
        // GEN-4
        #expect(try world.auditCount("CreateCustomer", resourceId: id, tenant: Demo.contoso) == 1)
        #expect(try world.auditCount("CreateCustomer", resourceId: id, tenant: Demo.fabrikam) == 1)
        #expect(try world.count("audit_records", where: "operation = 'CreateCustomerRelationship' AND customer_id = ?", [id]) == 2)
        #expect(try world.notifications(kind: "CustomerCreated", tenant: Demo.contoso).count == 1)
    }

    @Test("CUS-4 associatedPartnerId may be the reseller's PLA id")
    func test_CUS_4_associatedPartnerByPLA() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin",
                                         body: TestWorld.customerBody(associatedPartnerId: "5100001"))
        #expect(response.status == 201, "\(response.text)")
        let id = try #require(response["id"]?.stringValue)
        #expect(try world.activeKinds(of: id, partner: Demo.fabrikam) == ["IndirectReseller"])
    }

    @Test("CUS-4 a distributor may create a customer without a reseller; a direct-bill partner becomes its reseller")
    func test_CUS_4_withoutReseller() throws {
        let world = try TestWorld()
        let byDistributor = try world.request(.post, "/v1/customers", as: "distributor-admin", body: TestWorld.customerBody())
        #expect(byDistributor.status == 201, "\(byDistributor.text)")
        let first = try #require(byDistributor["id"]?.stringValue)
        #expect(try world.relationships(of: first).map(\.kind) == ["IndirectProvider"])
        #expect(byDistributor["associatedPartnerId"] == nil)

        let byDirectBill = try world.request(.post, "/v1/customers", as: "directbill-admin",
                                             body: TestWorld.customerBody(domain: "otherco", companyName: "OtherCo"))
        #expect(byDirectBill.status == 201, "\(byDirectBill.text)")
        let second = try #require(byDirectBill["id"]?.stringValue)
        #expect(try world.relationships(of: second) == [
            .init(partner: Demo.litware, kind: "Reseller", status: "Active", adminAccess: true, origin: "CreatedByPartner", billingProfileShared: false),
        ])
    }

    @Test("CUS-4 indirect resellers cannot create customer tenants (403 900150)")
    func test_CUS_4_resellerCannotCreate() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for principal in ["reseller-admin", "northwind-admin", "adatum-admin"] {
            let response = try world.request(.post, "/v1/customers", as: principal, body: TestWorld.customerBody())
            try expectRefused(response, 403, 900150, world, unchanged: before)
        }
    }

    @Test("CUS-4 creating a customer needs AdminAgent (403 900150)")
    func test_CUS_4_needsAdminAgent() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/customers", as: "distributor-sales",
                                         body: TestWorld.customerBody(associatedPartnerId: Demo.fabrikam))
        try expectRefused(response, 403, 900150, world, unchanged: before)
    }

    @Test("CUS-4 associatedPartnerId must be an active reseller partnered with the distributor",
          arguments: [
            (Demo.northwind, 400, 700310),   // no partnership
            ("5200001", 400, 900414),        // PLA id of a reseller without partnership (POR-2.7)
            (Demo.wideworld, 400, 900400),   // suspended reseller by tenant id
            ("5500001", 400, 900400),        // suspended reseller by PLA id (POR-2.3)
            (Demo.tailspin, 400, 900154),    // pending IndirectReseller enrollment
            ("5100000", 400, 800016),        // a PGA id
            (Demo.litware, 400, 800002),     // not an indirect reseller at all
            ("f0000000-0000-4000-8000-000000000000", 400, 800002), // unknown tenant
          ])
    func test_CUS_4_associatedPartnerRefusals(value: String, status: Int, code: Int) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin",
                                         body: TestWorld.customerBody(associatedPartnerId: value))
        try expectRefused(response, status, code, world, unchanged: before)
    }

    @Test("CUS-4 only a distributor designates an indirect reseller (400 800002)")
    func test_CUS_4_directBillCannotDesignate() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/customers", as: "directbill-admin",
                                         body: TestWorld.customerBody(associatedPartnerId: Demo.fabrikam))
        try expectRefused(response, 400, 800002, world, unchanged: before)
    }

    @Test("CUS-4 create refusals: missing fields (400 800002), taken domain (409 700304)")
    func test_CUS_4_validation() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let missingCompany: JSON = ["billingProfile": ["companyName": "X", "defaultAddress": ["country": "US"]]]
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin", body: missingCompany),
                          400, 800002, world, unchanged: before)
        let missingAddress: JSON = ["companyProfile": ["domain": "x"], "billingProfile": ["companyName": "X"]]
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin", body: missingAddress),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin",
                                            body: TestWorld.customerBody(domain: "bad domain!")),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin",
                                            body: TestWorld.customerBody(domain: "relecloud")),
                          409, 700304, world, unchanged: before)
    }

    @Test("CUS-4 a partner's sign-in domain is taken too (409 700304): the token endpoints resolve tenants by it")
    func test_CUS_4_partnerSignInDomainTaken() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin",
                                            body: TestWorld.customerBody(domain: "northwind")),
                          409, 700304, world, unchanged: before)
        // Northwind's app still signs in by its domain.
        let token = try world.token("northwind.onmicrosoft.com", [
            ("grant_type", "client_credentials"), ("client_id", "a2a00000-0000-4000-8000-000000000002"),
            ("client_secret", "northwind-app-secret-0001"), ("scope", "https://api.partnercenter.microsoft.com/.default")])
        #expect(token.status == 200, "\(token.text)")
    }

    // MARK: GEN-1

    @Test("GEN-1 a customer outside the partner's CSP region is refused (400 700301)")
    func test_GEN_1_createOutsideRegion() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for (principal, country) in [("distributor-admin", "DE"), ("directbill-admin", "JP"), ("distributor-admin", "IN")] {
            let response = try world.request(.post, "/v1/customers", as: principal, body: TestWorld.customerBody(country: country))
            try expectRefused(response, 400, 700301, world, unchanged: before)
        }
        // An unknown country is a bad field, not a region mismatch.
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin",
                                            body: TestWorld.customerBody(country: "ZZ")),
                          400, 800002, world, unchanged: before)
        // A Canadian customer is in another region than the US distributor (United States vs Canada).
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin",
                                            body: TestWorld.customerBody(country: "CA")),
                          400, 700301, world, unchanged: before)
    }

    // MARK: List and read

    @Test("GET /v1/customers lists the caller's customers, with filters and paging")
    func test_listFilterPaging() throws {
        let world = try TestWorld()
        #expect(try world.customerIds(as: "distributor-admin") == [Demo.relecloud, Demo.trey])
        #expect(try world.customerIds(as: "distributor-sales") == [Demo.relecloud, Demo.trey])
        #expect(try world.customerIds(as: "reseller-admin") == [Demo.relecloud])
        #expect(try world.customerIds(as: "directbill-admin") == [Demo.margies])
        #expect(try world.customerIds(as: "migrated-admin") == [Demo.trey])
        #expect(try world.customerIds(as: "distributor-admin", query: TestWorld.filter("IndirectReseller", Demo.fabrikam)) == [Demo.relecloud])
        #expect(try world.customerIds(as: "distributor-admin", query: TestWorld.filter("IndirectReseller", Demo.northwind)) == [])
        #expect(try world.customerIds(as: "distributor-admin", query: TestWorld.filter("CompanyName", "Trey")) == [Demo.trey])
        #expect(try world.customerIds(as: "distributor-admin", query: TestWorld.filter("Domain", "relecloud")) == [Demo.relecloud])
        // Filters never widen what the caller sees.
        #expect(try world.customerIds(as: "reseller-admin", query: TestWorld.filter("CompanyName", "Margie")) == [])

        let bad = try world.request(.get, "/v1/customers?filter=%7B%22Field%22%3A%22Nope%22%2C%22Value%22%3A%22x%22%7D", as: "distributor-admin")
        #expect(bad.status == 400)
        #expect(bad.code == 800002)

        let walked = try AppTestSupport.walk(world, "/v1/customers?size=1", as: "distributor-admin")
        #expect(walked.pages == [1, 1])
        #expect(walked.items.compactMap { $0["id"]?.stringValue } == [Demo.relecloud, Demo.trey])
        let first = try world.request(.get, "/v1/customers?size=1", as: "distributor-admin")
        #expect(first["totalCount"]?.intValue == 2)
    }

    @Test("GET /v1/customers/{cid} shows the customer as the caller sees it")
    func test_getCustomer() throws {
        let world = try TestWorld()
        let relecloud = try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "distributor-admin")
        #expect(relecloud.status == 200)
        #expect(relecloud["companyProfile"]?["companyName"]?.stringValue == "Relecloud")
        #expect(relecloud["associatedPartnerId"]?.stringValue == Demo.fabrikam)
        #expect(relecloud["allowDelegatedAccess"]?.boolValue == true)
        // Contoso got Trey through an extension without admin privileges.
        let trey = try world.request(.get, "/v1/customers/\(Demo.trey.uppercased())", as: "distributor-admin")
        #expect(trey.status == 200)
        #expect(trey["allowDelegatedAccess"]?.boolValue == false)
        #expect(try world.request(.get, "/v1/customers/\(Demo.trey)", as: "migrated-admin")["allowDelegatedAccess"]?.boolValue == true)
    }

    // MARK: CUS-3

    static let orderBody: JSON = ["lineItems": [[
        "lineItemNumber": 0, "offerId": "CFQ7TTC0LH18:0001", "quantity": 1, "termDuration": "P1M", "billingCycle": "monthly",
        "partnerIdOnRecord": "5800001",
    ]]]

    @Test("CUS-3 a distributor orders for a customer only while it has a reseller relationship with it")
    func test_CUS_3_ordersNeedRelationship() throws {
        let world = try TestWorld()
        let ordered = try world.request(.post, "/v1/customers/\(Demo.trey)/orders", as: "distributor-admin", body: Self.orderBody)
        #expect(ordered.status == 201, "\(ordered.text)")

        // No relationship with Margie's: the customer is invisible.
        var before = try world.snapshot()
        try expectRefused(try world.request(.post, "/v1/customers/\(Demo.margies)/orders", as: "distributor-admin", body: Self.orderBody),
                          404, 1000, world, unchanged: before)

        // Once Contoso ends its relationship with Trey, ordering is refused and nothing is created.
        let ended = try world.request(.patch, "/v1/customers/\(Demo.trey)", as: "distributor-admin", body: ["relationshipToPartner": "none"])
        #expect(ended.status == 200, "\(ended.text)")
        before = try world.snapshot()
        try expectRefused(try world.request(.post, "/v1/customers/\(Demo.trey)/orders", as: "distributor-admin", body: Self.orderBody),
                          404, 1000, world, unchanged: before)
    }
}

@Suite("Customer billing profile")
struct CustomerBillingProfileTests {
    @Test("CUS-4 the created customer's billing profile is rendered in camelCase whatever case the request used")
    func test_CUS_4_billingProfileCamelCase() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin", body: [
            "CompanyProfile": ["Domain": "casedco"],
            "BillingProfile": ["CompanyName": "CasedCo", "Email": "it@casedco.example",
                               "DefaultAddress": ["Country": "us", "City": "Denver", "PostalCode": "80202"]],
        ])
        #expect(response.status == 201, "\(response.text)")
        let billing = try #require(response["billingProfile"]?.objectValue)
        #expect(billing.keys.allSatisfy { $0.first?.isLowercase == true }, "\(billing.keys)")
        #expect(billing["defaultAddress"]?["city"]?.stringValue == "Denver")
        #expect(billing["defaultAddress"]?["country"]?.stringValue == "US")
        #expect(billing["email"]?.stringValue == "it@casedco.example")
    }
}
