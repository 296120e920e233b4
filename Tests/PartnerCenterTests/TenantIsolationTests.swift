import HTTP
import JSON
import SQLite
@testable import PartnerCenter
import Testing

/// A partner cannot list, read or change a customer it has no relationship with (404, like a
/// customer that does not exist), nor accept an invitation addressed to someone else (403).
@Suite("Tenant isolation")
struct TenantIsolationTests {
    typealias Demo = TestWorld.Demo
    static let unknown = "c4000000-0000-4000-8000-0000000000ff"

    @Test("Isolation: a partner lists only customers it has a relationship with")
    func test_isolation_list() throws {
        let world = try TestWorld()
        for principal in ["northwind-admin", "adatum-admin", "proseware-admin"] {
            #expect(try world.customerIds(as: principal).isEmpty, "\(principal)")
            // Filters on another partner's customers reveal nothing.
            #expect(try world.customerIds(as: principal, query: TestWorld.filter("IndirectReseller", Demo.fabrikam)).isEmpty)
            #expect(try world.customerIds(as: principal, query: TestWorld.filter("CompanyName", "R")).isEmpty)
        }
        #expect(try world.customerIds(as: "reseller-admin") == [Demo.relecloud])
        #expect(try world.customerIds(as: "directbill-admin") == [Demo.margies])
        #expect(try !world.customerIds(as: "distributor-admin").contains(Demo.margies))
        let response = try world.request(.get, "/v1/customers", as: "northwind-admin")
        #expect(response["totalCount"]?.intValue == 0)
    }

    @Test("Isolation: reading a stranger's customer is 404, exactly like an unknown customer",
          arguments: ["", "/relationships", "/agreements"])
    func test_isolation_read(suffix: String) throws {
        let world = try TestWorld()
        let unknown = try world.request(.get, "/v1/customers/\(Self.unknown)\(suffix)", as: "northwind-admin")
        #expect(unknown.status == 404)
        #expect(unknown.code == 1000)
        for (principal, customer) in [("northwind-admin", Demo.relecloud), ("directbill-admin", Demo.trey),
                                      ("distributor-admin", Demo.margies), ("reseller-admin", Demo.trey)] {
            let response = try world.request(.get, "/v1/customers/\(customer)\(suffix)", as: principal)
            #expect(response.status == 404, "\(principal) \(customer)")
            #expect(response.code == unknown.code)
            #expect(response["description"] == unknown["description"])
        }
    }

    @Test("Isolation: changing a stranger's customer is 404 and changes nothing")
    func test_isolation_change() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let relationships = try world.relationships(of: Demo.relecloud) + world.relationships(of: Demo.margies)
        let attestation: JSON = ["primaryContact": ["email": "cio@relecloud.example"]]
        let attempts: [(HTTPMethod, String, String, JSON?)] = [
            (.patch, "/v1/customers/\(Demo.relecloud)", "northwind-admin", ["relationshipToPartner": "none"]),
            (.patch, "/v1/customers/\(Demo.margies)", "distributor-admin", ["relationshipToPartner": "none"]),
            (.post, "/v1/customers/\(Demo.relecloud)/agreements", "directbill-admin", attestation),
            (.post, "/v1/customers/\(Demo.margies)/agreements", "reseller-admin", attestation),
            (.delete, "/portal/customers/\(Demo.margies)/indirect-resellers/\(Demo.litware)", "distributor-admin", nil),
            (.post, "/portal/customers/\(Demo.margies)/relationship-extensions", "migrated-admin", ["distributorTenantId": .string(Demo.contoso)]),
            (.post, "/v1/customers/\(Demo.margies)/orders", "distributor-admin", CustomersTests.orderBody),
        ]
        for (method, path, principal, body) in attempts {
            let response = try world.request(method, path, as: principal, body: body)
            try expectRefused(response, 404, 1000, world, unchanged: before)
        }
        #expect(try world.relationships(of: Demo.relecloud) + world.relationships(of: Demo.margies) == relationships)
    }

    /// Relecloud (Contoso's and Fabrikam's customer) with an order and a migration of
    /// Contoso's, and the ids of its routes' sub-resources.
    struct Resources {
        let world: TestWorld
        let subscription: String
        let order: String
        let migration: String

        init() throws {
            world = try TestWorld()
            subscription = try world.subscriptionId(TestWorld.Offers.businessBasic)
            let placed = try world.order([TestWorld.line()])
            order = try #require(placed["id"]?.stringValue, "\(placed.text)")
            let migrated = try NewCommerceMigrationTests.migrate(world, try NewCommerceMigrationTests.relecloudE3(world))
            migration = try #require(migrated["id"]?.stringValue, "\(migrated.text)")
        }

        /// The routes added with the wire-contract work, for `customer`: method, path, body,
        /// headers (the billing PUT sends If-Match, as documented).
        func attempts(_ customer: String) -> [(HTTPMethod, String, JSON?, [(String, String)])] {
            let base = "/v1/customers/\(customer)"
            let migration: JSON = ["currentSubscriptionId": .string(subscription), "termDuration": "P1Y", "billingCycle": "monthly"]
            return [
                (.get, "\(base)/profiles/company", nil, []),
                (.get, "\(base)/profiles/billing", nil, []),
                (.put, "\(base)/profiles/billing", ["email": "attacker@northwind.example", "defaultAddress": ["country": "US"]], [("If-Match", "*")]),
                (.get, "\(base)/directSignedMicrosoftCustomerAgreementStatus", nil, []),
                (.get, "\(base)/subscriptions/\(subscription)/supportcontact", nil, []),
                (.put, "\(base)/subscriptions/\(subscription)/supportcontact", ["supportTenantId": .string(Demo.northwind)], []),
                (.get, "\(base)/orders/\(order)/provisioningstatus", nil, []),
                (.post, "\(base)/migrations/newcommerce/validate", migration, []),
                (.get, "\(base)/migrations/newcommerce/\(self.migration)", nil, []),
            ]
        }

        /// What a stranger must not change: the customer's row (e-mail, billing profile) and the
        /// subscription's support contact, besides every table's row count.
        func state() throws -> [[SQLite.Value]] {
            try world.rows("SELECT * FROM customers WHERE tenant_id = ?", [Demo.relecloud]).map(\.values)
                + world.rows("SELECT * FROM subscriptions WHERE customer_id = ?", [Demo.relecloud]).map(\.values)
        }
    }

    @Test("Isolation: a stranger on the customer's profiles, agreement status, support contact, provisioning status and migrations gets 404 like an unknown customer, and changes nothing")
    func test_isolation_subresources() throws {
        let resources = try Resources()
        let world = resources.world
        let before = try world.snapshot()
        let state = try resources.state()
        let unknown = resources.attempts(Self.unknown)
        for principal in ["northwind-admin", "directbill-admin"] {
            for (index, (method, path, body, headers)) in resources.attempts(Demo.relecloud).enumerated() {
                let (_, unknownPath, _, _) = unknown[index]
                let expected = try world.request(method, unknownPath, as: principal, body: body, headers: headers)
                #expect(expected.status == 404, "\(method) \(unknownPath): \(expected.text)")
                let response = try world.request(method, path, as: principal, body: body, headers: headers)
                try expectRefused(response, 404, expected.code ?? -1, world, unchanged: before)
                #expect(response["description"] == expected["description"], "\(principal) \(method) \(path)")
                // The billing PUT without If-Match is refused before the customer is looked up:
                // the same answer whether the customer exists or not, and nothing changes.
                if method == .put && path.hasSuffix("/profiles/billing") {
                    let bare = try world.request(method, path, as: principal, body: body)
                    let bareUnknown = try world.request(method, unknownPath, as: principal, body: body)
                    try expectRefused(bare, bareUnknown.status, bareUnknown.code ?? -1, world, unchanged: before)
                    #expect(bare["description"] == bareUnknown["description"])
                }
            }
        }
        #expect(try resources.state() == state, "the customer and its subscriptions did not change")
        // The owner still reaches every route (the 404s are about the caller, not the routes).
        for (method, path, body, _) in resources.attempts(Demo.relecloud) where method == .get {
            let owned = try world.request(method, path, as: "distributor-admin", body: body)
            #expect(owned.status == 200, "\(path): \(owned.text)")
        }
    }

    @Test("Isolation: the audit records' CustomerId filter naming another partner's customer returns none of its records")
    func test_isolation_auditFilter() throws {
        let resources = try Resources()
        let world = resources.world
        // Litware has records of its own (a customer it creates), so an empty answer is the filter's.
        #expect(try world.request(.post, "/v1/customers", as: "directbill-admin", body: TestWorld.customerBody()).status == 201)
        func records(_ principal: String, customer: String?) throws -> TestResponse {
            let filter = customer.map { #"{"Field":"CustomerId","Value":"\#($0)","Operator":"equals"}"# }
            let query = filter.map { "&filter=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
            let response = try world.request(.get, "/v1/auditrecords?size=500\(query)", as: principal)
            #expect(response.status == 200, "\(response.text)")
            return response
        }
        let owner = try records("distributor-admin", customer: Demo.relecloud)
        #expect(!owner.items.isEmpty, "Contoso's records of Relecloud exist")
        #expect(try !records("directbill-admin", customer: nil).items.isEmpty)
        for principal in ["directbill-admin", "northwind-admin"] {
            for customer in [Demo.relecloud, Demo.relecloud.uppercased()] {
                let stranger = try records(principal, customer: customer)
                #expect(stranger.items.isEmpty, "\(principal): \(stranger.text)")
                #expect(stranger["totalCount"]?.intValue == 0)
            }
            #expect(try records(principal, customer: nil).items.allSatisfy { $0["customerId"]?.stringValue != Demo.relecloud })
        }
    }

    @Test("Isolation: a customer's token cannot use the partner customer routes (403 900150)")
    func test_isolation_customerToken() throws {
        let world = try TestWorld()
        for path in ["/v1/customers", "/v1/customers/\(Demo.relecloud)", "/v1/customers/\(Demo.relecloud)/relationships"] {
            let response = try world.request(.get, path, as: "relecloud-admin")
            #expect(response.status == 403)
            #expect(response.code == 900150)
        }
    }

    @Test("Isolation: an invitation addressed to another customer cannot be accepted (403 900150)")
    func test_isolation_acceptOthersInvitation() throws {
        let world = try TestWorld.withLamnaCustomers()
        let invitation = try #require(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin",
                                                        body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        let extension_ = try #require(try world.request(.post, "/portal/customers/\(TestWorld.Extra.woodgrove)/relationship-extensions",
                                                        as: "migrated-admin", body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        let before = try world.snapshot()
        for (id, principal) in [(invitation, "relecloud-admin"), (invitation, "trey-admin"), (invitation, "reseller-admin"),
                                (invitation, "distributor-admin"), (extension_, "margies-admin"), (extension_, "coho-admin")] {
            try expectRefused(try world.accept(id, as: principal), 403, 900150, world, unchanged: before)
        }
        // A forged CustomerAdmin token of another tenant fares no better.
        try expectRefused(try world.accept(invitation, token: world.token(tenant: Demo.relecloud, roles: [.customerAdmin, .globalAdmin])),
                          403, 900150, world, unchanged: before)
        for id in [invitation, extension_] {
            #expect(try world.rows("SELECT status FROM invitations WHERE id = ?", [id]).first?.string("status") == "Pending")
        }
    }
}
