import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Security review probes: tenant isolation, existence leaks, role checks and crash resistance
/// of the route handlers. Each test names the property it protects.
@Suite("Security review")
struct SecurityReviewTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX
    static let unknown = "c4000000-0000-4000-8000-0000000000ff"
    static let stranger = "e5000000-0000-4000-8000-0000000000ee"

    // MARK: Role confusion on the transfer form (routes that accept both partner and customer roles)

    @Test("Roles: a CustomerAdmin token of the source partner's tenant cannot edit the source side of a transfer form (403 900150)")
    func test_form_customerAdminTokenOfPartnerTenantCannotActAsSource() throws {
        let s = try AzureSwitch()
        let formId = try s.draft()
        let token = s.world.token(tenant: Demo.litware, roles: [.customerAdmin])
        let before = try s.world.snapshot()
        let response = try s.world.request(.patch, "/portal/transfer-forms/\(formId)", token: token,
                                           body: ["sourceDetails": ["contactName": "Mallory"]])
        #expect(response.status == 403, "\(response.status) \(response.text)")
        #expect(response.code == 900150)
        #expect(try s.world.snapshot() == before)
        let form = try s.form(formId)
        #expect(form["sourceDetails"]?["contactName"]?.stringValue == "Lee Source", "the source's details changed: \(form.text)")
    }

    @Test("Roles: an AdminAgent token of the customer's tenant cannot fill the customer side of a transfer form (403 900150)")
    func test_form_partnerTokenOfCustomerTenantCannotActAsCustomer() throws {
        let s = try AzureSwitch()
        let formId = try s.sentForm()
        let token = s.world.token(tenant: Demo.margies, roles: [.adminAgent])
        let response = try s.world.request(.patch, "/portal/transfer-forms/\(formId)", token: token,
                                           body: ["customerDetails": ["contactName": "Mallory"]])
        #expect(response.status == 403, "\(response.status) \(response.text)")
        #expect(response.code == 900150)
    }

    @Test("Roles: a CustomerAdmin token of a partner tenant cannot read that partner's transfer form")
    func test_form_customerAdminTokenOfPartnerTenantCannotRead() throws {
        let s = try AzureSwitch()
        let formId = try s.draft()
        let token = s.world.token(tenant: Demo.litware, roles: [.customerAdmin])
        let response = try s.world.request(.get, "/portal/transfer-forms/\(formId)", token: token)
        #expect(response.status == 403 || response.status == 404, "\(response.status) \(response.text)")
    }

    // MARK: Tokens of a tenant that is nobody

    @Test("Isolation: a partner-role token for a random tenant GUID sees nothing and reaches no foreign resource")
    func test_randomTenantToken_seesNothing() throws {
        let s = try AzureSwitch()
        let world = s.world
        let formId = try s.draft()
        let token = world.token(tenant: Self.stranger, roles: [.adminAgent, .salesAgent, .globalAdmin, .executiveReportViewer])
        let partnershipId = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        let enrollmentId = try #require(try world.rows("SELECT id FROM enrollments LIMIT 1").first?.string("id"))
        let subscriptionId = try world.subscriptionId(TestWorld.Offers.azureLegacy, customer: Demo.margies)
        for path in ["/v1/customers/\(Demo.relecloud)", "/v1/customers/\(Demo.margies)/subscriptions/\(subscriptionId)",
                     "/v1/customers/\(Demo.margies)/orders", "/portal/transfer-forms/\(formId)",
                     "/portal/partnerships/\(partnershipId)", "/portal/enrollments/\(enrollmentId)",
                     "/portal/partners/\(Demo.contoso)", "/portal/azure-subscriptions/\(try s.azureId(of: s.azure))/role-assignments"] {
            let response = try world.request(.get, path, token: token)
            #expect(response.status == 404 || response.status == 403, "\(path): \(response.status) \(response.text)")
        }
        for path in ["/v1/customers", "/v1/auditrecords", "/portal/enrollments", "/v1/customers/\(Demo.relecloud)/transfers"] {
            let response = try world.request(.get, path, token: token)
            #expect(response.status != 200 || response.items.isEmpty, "\(path): \(response.text)")
        }
    }

    @Test("Roles: MicrosoftSupport claimed by a non-Microsoft tenant is ignored: 403 900150 on operator routes")
    func test_microsoftSupportOutsideMicrosoftTenant() throws {
        let world = try TestWorld()
        let token = world.token(tenant: Demo.fabrikam, roles: [.microsoftSupport])
        let enrollmentId = try #require(try world.rows("SELECT id FROM enrollments LIMIT 1").first?.string("id"))
        let before = try world.snapshot()
        let attempts: [(HTTPMethod, String, JSON?)] = [
            (.post, "/portal/enrollments/\(enrollmentId)/approve", nil),
            (.patch, "/portal/enrollments/\(enrollmentId)", ["status": "Suspended"]),
            (.patch, "/portal/partners/\(Demo.contoso)", ["status": "Suspended"]),
        ]
        for (method, path, body) in attempts {
            let response = try world.request(method, path, token: token, body: body)
            #expect(response.status == 403, "\(path): \(response.text)")
            #expect(response.code == 900150)
        }
        // A partner reading another partner's account with a forged operator role: 404, like any stranger.
        let other = try world.request(.get, "/portal/partners/\(Demo.contoso)", token: token)
        #expect(other.status == 403 || other.status == 404)
        #expect(try world.snapshot() == before)
    }

    // MARK: Existence leaks

    @Test("No existence leak: a foreign transfer reads and changes exactly like an unknown one (404 900100)")
    func test_transfer_foreignLooksUnknown() throws {
        let world = try TestWorld.transfers()
        try world.connectTarget("alpine-admin", to: Demo.margies, customerAdmin: "margies-admin",
                                subscriptions: [TX.margiesBasic])
        let transferId = try world.createP2P()
        let unknownId = "00000000-0000-4000-8000-00000000dead"
        let before = try world.snapshot()
        for (method, suffix, body) in [(HTTPMethod.get, "", nil), (.patch, "", ["status": "Cancel"] as JSON?),
                                       (.post, "/accept", nil), (.delete, "", nil)] {
            let foreign = try world.request(method, "/v1/customers/\(Demo.margies)/transfers/\(transferId)\(suffix)",
                                            as: "distributor-admin", body: body)
            let missing = try world.request(method, "/v1/customers/\(Demo.margies)/transfers/\(unknownId)\(suffix)",
                                            as: "distributor-admin", body: body)
            #expect(foreign.status == 404, "\(method) \(suffix): \(foreign.text)")
            #expect(foreign.status == missing.status && foreign.code == missing.code)
        }
        #expect(try world.snapshot() == before)
    }

    @Test("No existence leak: another partner's support request, partnership and enrollment are 404 like unknown ones")
    func test_portalResources_foreignLooksUnknown() throws {
        let s = try AzureSwitch()
        let (_, requestId) = try s.submitted()
        let world = s.world
        let partnershipId = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        let enrollmentId = try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ?", [Demo.contoso])
            .first?.string("id"))
        let unknownId = "00000000-0000-4000-8000-00000000beef"
        for (path, principal) in [("/portal/support-requests/", "reseller-admin"), ("/portal/partnerships/", "northwind-admin"),
                                  ("/portal/enrollments/", "reseller-admin")] {
            let id = path.contains("support") ? requestId : path.contains("partnerships") ? partnershipId : enrollmentId
            let foreign = try world.request(.get, path + id, as: principal)
            let missing = try world.request(.get, path + unknownId, as: principal)
            #expect(foreign.status == 404, "\(path): \(foreign.text)")
            #expect(foreign.code == missing.code && foreign["description"] == missing["description"])
        }
        // Removing another distributor's partnership or a reseller's admin access from outside: 404 and nothing changes.
        let before = try world.snapshot()
        let removal = try world.request(.delete, "/portal/partnerships/\(partnershipId)/admin-access", as: "northwind-admin")
        #expect(removal.status == 404)
        #expect(try world.snapshot() == before)
    }

    @Test("Isolation: audit records of one partner never show to another")
    func test_audit_isolated() throws {
        let world = try TestWorld()
        _ = try world.request(.post, "/v1/customers/\(Demo.relecloud)/agreements", as: "distributor-admin",
                              body: ["primaryContact": ["email": "cio@relecloud.example"]])
        let response = try world.request(.get, "/v1/auditrecords", as: "northwind-admin")
        #expect(response.status == 200)
        #expect(response.items.allSatisfy { $0["partnerId"]?.stringValue == Demo.northwind }, "\(response.text)")
    }

    // MARK: Bad input: a Partner Center error, nothing changed, no crash

    @Test("Robustness: extreme numbers, continuation tokens and odd ids are answered with an error or a page, never a crash")
    func test_extremeInputs() throws {
        let world = try TestWorld()
        let huge = Base64URL.encode(Array("offset:\(Int.max)".utf8))
        let page = try world.request(.get, "/v1/customers?size=500", as: "distributor-admin",
                                     headers: [("MS-ContinuationToken", huge)])
        #expect(page.status == 200 || page.status == 400)
        let negative = Base64URL.encode(Array("offset:-1".utf8))
        #expect(try world.request(.get, "/v1/customers", as: "distributor-admin",
                                  headers: [("MS-ContinuationToken", negative)]).status == 400)
        #expect(try world.request(.get, "/v1/customers?size=99999999999999999999999", as: "distributor-admin").status == 400)

        let before = try world.snapshot()
        for quantity in ["9223372036854775808", "1e400", "-9223372036854775808", "1.5"] {
            let body = "{\"lineItems\":[{\"offerId\":\"CFQ7TTC0LH18:0001\",\"quantity\":\(quantity),\"termDuration\":\"P1M\",\"partnerIdOnRecord\":\"5100001\"}]}"
            let response = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                             rawBody: Array(body.utf8))
            #expect(response.status == 400, "\(quantity): \(response.text)")
        }
        #expect(try world.snapshot() == before)

        // The largest seat count is accepted and its cancellation credit computed without trapping.
        let big = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                    body: ["lineItems": [["offerId": "CFQ7TTC0LH18:0001", "quantity": .int(Int64.max),
                                                          "termDuration": "P1M", "partnerIdOnRecord": "5100001"]]])
        if big.status == 201, let sid = big["lineItems"]?.arrayValue?.first?["subscriptionId"]?.stringValue {
            let cancel = try world.request(.patch, "/v1/customers/\(Demo.relecloud)/subscriptions/\(sid)", as: "distributor-admin",
                                           body: ["status": "deleted"])
            #expect(cancel.status == 200 || cancel.status == 400, "\(cancel.text)")
        }

        for date in ["0000-01-01", "9999-12-31T23:59:59Z", "2026-01-05T09:00:00+99:99", "2026-02-31"] {
            let response = try world.request(.get, "/v1/auditrecords?startDate=\(date)", as: "distributor-admin")
            #expect(response.status == 200 || response.status == 400, "\(date): \(response.text)")
        }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(try world.request(.post, "/v1/customers", as: "distributor-admin", rawBody: Array(deep.utf8)).status == 400)
    }

    @Test("SQL injection: quotes and SQL in filters, ids and query values are data, never SQL")
    func test_sqlInjectionIsData() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let payloads = ["' OR 1=1 --", "x'); DELETE FROM customers; --", "%' OR '1'='1", "\" OR \"\"=\""]
        for payload in payloads {
            let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let filter = TestWorld.filter("CompanyName", payload)
            let listed = try world.request(.get, "/v1/customers?filter=\(filter)", as: "northwind-admin")
            #expect(listed.status == 200 || listed.status == 400)
            #expect(listed.items.isEmpty, "\(payload): \(listed.text)")
            for path in ["/v1/customers/\(encoded)", "/v1/customers/\(Demo.relecloud)/subscriptions/\(encoded)",
                         "/v1/profiles/mpn?mpnId=\(encoded)", "/v1/relationships?relationship_type=IsIndirectResellerOf&filter=\(encoded)",
                         "/v1/customers/\(Demo.relecloud)/subscriptions?mpn_id=\(encoded)"] {
                let response = try world.request(.get, path, as: "reseller-admin")
                #expect(response.status != 500, "\(path): \(response.text)")
                if path.contains("mpn_id") { #expect(response.items.isEmpty) }
            }
        }
        #expect(try world.snapshot() == before)
    }
}
