import HTTP
import JSON
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
