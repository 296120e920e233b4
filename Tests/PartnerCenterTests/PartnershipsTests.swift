import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// PSH-1..PSH-6: distributor <-> indirect reseller partnerships, their invitations, tenant
/// isolation, and GEN-4 for these writes.
@Suite("Partnerships")
struct PartnershipsTests {
    typealias Demo = TestWorld.Demo

    /// Contoso asks Northwind (active, not yet partnered); answers the partnership and its invitation id.
    private func requestNorthwind(_ world: TestWorld, as principal: String = "distributor-admin") throws -> (id: String, invitationId: String) {
        let response = try world.request(.post, "/portal/partnerships", as: principal, body: ["resellerTenantId": .string(Demo.northwind)])
        guard response.status == 201, let id = response["id"]?.stringValue,
              let url = response["invitationUrl"]?.stringValue, let invitationId = url.split(separator: "/").last else {
            throw TestFailure("partnership request failed: \(response.status) \(response.text)")
        }
        return (id, String(invitationId))
    }

    // MARK: PSH-1

    @Test("PSH-1 a distributor AdminAgent requests a partnership; the reseller is notified with a unique acceptance link")
    func test_PSH_1_requestNotifiesWithLink() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                         body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(response.status == 201)
        #expect(response["status"]?.stringValue == "Requested")
        #expect(response["distributorTenantId"]?.stringValue == Demo.contoso)
        #expect(response["resellerTenantId"]?.stringValue == Demo.northwind)
        #expect(response["distributorAdminAccess"]?.boolValue == false)
        let partnershipId = try #require(response["id"]?.stringValue)

        let notifications = try world.outbox(tenantId: Demo.northwind, kind: "PartnershipRequest")
        #expect(notifications.count == 1)
        let link = try #require(notifications.first?["link"]?.stringValue)
        #expect(link == response["invitationUrl"]?.stringValue)
        let path = try #require(URL(string: link)?.path)
        #expect(path.hasPrefix("/portal/invitations/"))
        #expect(notifications.first?["resourceId"]?.stringValue == partnershipId)

        // Anyone holding the link sees what it is (no token).
        let invitation = try world.request(.get, path)
        #expect(invitation.status == 200)
        #expect(invitation["kind"]?.stringValue == "Partnership")
        #expect(invitation["status"]?.stringValue == "Pending")
        #expect(invitation["inviterTenantId"]?.stringValue == Demo.contoso)
        #expect(invitation["inviteeTenantId"]?.stringValue == Demo.northwind)

        // Each request has its own link.
        let other = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.tailspin)])
        #expect(other.status == 201)
        #expect(other["invitationUrl"]?.stringValue != link)

        // GEN-4: audited for both partners.
        #expect(try world.audit(tenantId: Demo.contoso, operation: "RequestPartnership").count == 2)
        #expect(try world.audit(tenantId: Demo.northwind, operation: "RequestPartnership").count == 1)
    }

    @Test("PSH-1 a distributor SalesAgent may request a partnership, also by the reseller's PLA id")
    func test_PSH_1_salesAgentByPLA() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-sales", body: ["mpnId": "5200001"])
        #expect(response.status == 201)
        #expect(response["resellerTenantId"]?.stringValue == Demo.northwind)
        #expect(try world.outbox(tenantId: Demo.northwind, kind: "PartnershipRequest").count == 1)
    }

    @Test("PSH-1 only a distributor's AdminAgent or SalesAgent requests partnerships: 403 900150")
    func test_PSH_1_whoMayRequest() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let body: JSON = ["resellerTenantId": .string(Demo.northwind)]
        for principal in ["reseller-admin", "directbill-admin", "distributor-reports"] {
            let response = try world.request(.post, "/portal/partnerships", as: principal, body: body)
            #expect(response.status == 403, "\(principal)")
            #expect(response.code == 900150, "\(principal)")
        }
        #expect(try world.request(.post, "/portal/partnerships", body: body).status == 401)
        #expect(try world.snapshot() == before)
    }

    @Test("PSH-1 a partnership target that is not an indirect reseller is refused: 400 700203")
    func test_PSH_1_targetNotReseller() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let directBill = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.litware)])
        #expect(directBill.status == 400)
        #expect(directBill.code == 700203)
        let unknown = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                        body: ["resellerTenantId": .string(TestWorld.newTenantId())])
        #expect(unknown.status == 404)
        let customer = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.relecloud)])
        #expect(customer.status == 404)
        let missing = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: [:])
        #expect(missing.status == 400)
        #expect(missing.code == 800002)
        #expect(missing["description"]?.stringValue?.contains("resellerTenantId") == true)
        #expect(try world.snapshot() == before)
    }

    @Test("PSH-1 a second request while one is Requested or Active is 409 700202")
    func test_PSH_1_duplicate() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let active = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.fabrikam)])
        #expect(active.status == 409)
        #expect(active.code == 700202)
        #expect(try world.snapshot() == before)
        _ = try requestNorthwind(world)
        let requested = try world.request(.post, "/portal/partnerships", as: "distributor-sales", body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(requested.status == 409)
        #expect(requested.code == 700202)
    }

    // MARK: PSH-2

    @Test("PSH-2 the reseller's GlobalAdmin accepts: Active, listed on both sides, PLA ids become valid POR")
    func test_PSH_2_acceptActivates() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5200001") == "900414")
        let (id, invitationId) = try requestNorthwind(world)
        #expect(try world.verdict("5200001") == "900414")   // a request is not a partnership

        let accepted = try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "northwind-admin")
        #expect(accepted.status == 200)
        #expect(accepted["id"]?.stringValue == id)
        #expect(accepted["status"]?.stringValue == "Active")
        #expect(sameMinute(accepted["activatedTime"]?.stringValue, TestWorld.start))

        #expect(try world.verdict("5200001") == nil)
        let resellers = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", as: "distributor-admin")
        #expect(resellers.items.contains { $0["id"]?.stringValue == Demo.northwind })
        let providers = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectResellerOf", as: "northwind-admin")
        #expect(providers.items.map { $0["id"]?.stringValue } == [Demo.contoso])

        let invitation = try world.request(.get, "/portal/invitations/\(invitationId)")
        #expect(invitation["status"]?.stringValue == "Accepted")

        // GEN-4
        #expect(try world.audit(tenantId: Demo.northwind, operation: "AcceptPartnership").count == 1)
        #expect(try world.audit(tenantId: Demo.contoso, operation: "AcceptPartnership").count == 1)
        let notice = try world.outbox(tenantId: Demo.contoso, kind: "PartnershipAccepted")
        #expect(notice.count == 1)
        #expect(notice.first?["recipient"]?.stringValue == "partners@contosodistribution.example")
    }

    @Test("PSH-2 an accepted invitation cannot be accepted again: 409 700204")
    func test_PSH_2_acceptTwice() throws {
        let world = try TestWorld()
        let (_, invitationId) = try requestNorthwind(world)
        #expect(try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "northwind-admin").status == 200)
        let before = try world.snapshot()
        let again = try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "northwind-admin")
        #expect(again.status == 409)
        #expect(again.code == 700204)
        #expect(try world.snapshot() == before)
    }

    @Test("PSH-2 only a GlobalAdmin of the reseller accepts: 403 900150")
    func test_PSH_2_globalAdminOnly() throws {
        let world = try TestWorld()
        let (id, invitationId) = try requestNorthwind(world)
        let before = try world.snapshot()
        let agent = world.token(tenant: Demo.northwind, roles: [.adminAgent, .salesAgent])
        let response = try world.request(.post, "/portal/invitations/\(invitationId)/accept", token: agent)
        #expect(response.status == 403)
        #expect(response.code == 900150)
        // The distributor cannot accept its own request either.
        let distributor = try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "distributor-admin")
        #expect(distributor.status == 403)
        #expect(distributor.code == 900150)
        #expect(try world.snapshot() == before)
        #expect(try world.request(.get, "/portal/partnerships/\(id)", as: "northwind-admin")["status"]?.stringValue == "Requested")
    }

    @Test("PSH-2 a reseller cannot accept an invitation addressed to another tenant: 403")
    func test_PSH_2_invitationOfAnotherTenant() throws {
        let world = try TestWorld()
        let (_, invitationId) = try requestNorthwind(world)
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "reseller-admin")
        #expect(response.status == 403)
        #expect(response.code == 900150)
        #expect(try world.snapshot() == before)
        #expect(try world.request(.get, "/portal/invitations/\(invitationId)")["status"]?.stringValue == "Pending")
        let unknown = try world.request(.post, "/portal/invitations/\(TestWorld.newTenantId())/accept", as: "northwind-admin")
        #expect(unknown.status == 404)
    }

    @Test("PSH-2 a removed request's link can no longer be accepted: 409 700204")
    func test_PSH_2_withdrawnRequest() throws {
        let world = try TestWorld()
        let (id, invitationId) = try requestNorthwind(world)
        #expect(try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin").status == 204)
        let response = try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "northwind-admin")
        #expect(response.status == 409)
        #expect(response.code == 700204)
        #expect(try world.verdict("5200001") == "900414")
    }

    // MARK: PSH-3

    @Test("PSH-3 distributor and reseller must be in the same CSP region: 400 700201")
    func test_PSH_3_regionMismatch() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.adatum)])
        #expect(response.status == 400)
        #expect(response.code == 700201)
        let byPLA = try world.request(.post, "/portal/partnerships", as: "distributor-sales", body: ["mpnId": "5400001"])
        #expect(byPLA.code == 700201)
        #expect(try world.snapshot() == before)
        #expect(try world.outbox(tenantId: Demo.adatum).isEmpty)
    }

    @Test("PSH-3 the region comes from the country: a Canadian reseller cannot partner with a US distributor, a Puerto Rican one can")
    func test_PSH_3_regionFromCountry() throws {
        let world = try TestWorld()
        // The United States is a region of its own; Canada is another.
        let (canadian, _) = try world.activeNewReseller(country: "CA", legalName: "Maple Reseller")
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                         body: ["resellerTenantId": .string(canadian.tenantId)])
        #expect(response.status == 400)
        #expect(response.code == 700201)
        // Puerto Rico is another country of the United States region.
        let (puertoRican, plaId) = try world.activeNewReseller(country: "PR", legalName: "Coqui Reseller")
        let ok = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                   body: ["resellerTenantId": .string(puertoRican.tenantId)])
        #expect(ok.status == 201)
        #expect(try world.verdict(plaId) == "900414")
    }

    // MARK: PSH-4

    @Test("PSH-4 a partnered reseller is transacted with only once it is an active, authorized indirect reseller")
    func test_PSH_4_activeResellerOnly() throws {
        let world = try TestWorld()
        // Tailspin (Pending) may be asked and may accept, but its PLA is not valid POR yet.
        let request = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.tailspin)])
        #expect(request.status == 201)
        let invitationId = try #require(request["invitationUrl"]?.stringValue?.split(separator: "/").last.map(String.init))
        #expect(try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "tailspin-admin").status == 200)
        #expect(try world.verdict("5300001") == "900154")

        // Verified without MPA: still not active.
        let enrollmentId = try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ?", [Demo.tailspin]).first?.string("id"))
        #expect(try world.request(.post, "/portal/enrollments/\(enrollmentId)/approve", as: "microsoft-support").status == 200)
        #expect(try world.verdict("5300001") == "900154")
        // MPA accepted: Active, and now valid.
        #expect(try world.request(.post, "/portal/agreements/mpa", as: "tailspin-admin", body: ["plaId": "5300001"]).status == 200)
        #expect(try world.verdict("5300001") == nil)

        // A partnered reseller that is suspended is not transacted with.
        #expect(try world.verdict("5500001") == "900400")
        // Nor one whose enrollment Microsoft restricted.
        let fabrikamEnrollment = try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ?", [Demo.fabrikam]).first?.string("id"))
        #expect(try world.request(.patch, "/portal/enrollments/\(fabrikamEnrollment)", as: "microsoft-support", body: ["status": "Restricted"]).status == 200)
        #expect(try world.verdict("5100001") == "900154")
    }

    // MARK: PSH-5

    @Test("PSH-5 a distributor removes a partnership: 204, the reseller leaves its list, customer access stays, no notice")
    func test_PSH_5_removal() throws {
        let world = try TestWorld()
        let id = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        let relationshipsBefore = try world.rows(
            "SELECT id, customer_id, kind, admin_access, status FROM customer_relationships WHERE partner_id = ? ORDER BY id", [Demo.fabrikam])
        #expect(relationshipsBefore.count == 1)
        #expect(relationshipsBefore.first?.string("customer_id") == Demo.relecloud)
        #expect(relationshipsBefore.first?.bool("admin_access") == true)
        let notificationsBefore = try world.count("notifications")

        let response = try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-sales")
        #expect(response.status == 204)
        #expect(response.body.isEmpty)

        let partnership = try world.request(.get, "/portal/partnerships/\(id)", as: "distributor-admin")
        #expect(partnership["status"]?.stringValue == "Removed")
        #expect(sameMinute(partnership["removedTime"]?.stringValue, TestWorld.start))
        let resellers = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", as: "distributor-admin")
        #expect(!resellers.items.contains { $0["id"]?.stringValue == Demo.fabrikam })
        let providers = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectResellerOf", as: "reseller-admin")
        #expect(providers.items.isEmpty)
        #expect(try world.verdict("5100001") == "900414")

        // Customer access is not revoked: admin privileges stay until removed explicitly.
        let relationshipsAfter = try world.rows(
            "SELECT id, customer_id, kind, admin_access, status FROM customer_relationships WHERE partner_id = ? ORDER BY id", [Demo.fabrikam])
        #expect(relationshipsAfter.map { $0.bool("admin_access") } == relationshipsBefore.map { $0.bool("admin_access") })
        #expect(relationshipsAfter.map { $0.string("status") } == relationshipsBefore.map { $0.string("status") })
        // No notice; an audit record for both partners.
        #expect(try world.count("notifications") == notificationsBefore)
        #expect(try world.audit(tenantId: Demo.contoso, operation: "RemovePartnership").count == 1)
        #expect(try world.audit(tenantId: Demo.fabrikam, operation: "RemovePartnership").count == 1)

        // A removed partnership cannot be removed again, and can be requested anew.
        let again = try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin")
        #expect(again.status == 409)
        #expect(again.code == 700206)
        #expect(try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.fabrikam)]).status == 201)
    }

    @Test("PSH-5 only the distributor removes a partnership: 403 900150 for others")
    func test_PSH_5_whoMayRemove() throws {
        let world = try TestWorld()
        let id = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        let before = try world.snapshot()
        for principal in ["reseller-admin", "distributor-reports"] {
            let response = try world.request(.delete, "/portal/partnerships/\(id)", as: principal)
            #expect(response.status == 403, "\(principal)")
            #expect(response.code == 900150, "\(principal)")
        }
        #expect(try world.snapshot() == before)
    }

    // MARK: PSH-6

    @Test("PSH-6 accepting gives the distributor admin access, which the reseller can remove")
    func test_PSH_6_adminAccess() throws {
        let world = try TestWorld()
        let (id, invitationId) = try requestNorthwind(world)
        let accepted = try world.request(.post, "/portal/invitations/\(invitationId)/accept", as: "northwind-admin")
        #expect(accepted["distributorAdminAccess"]?.boolValue == true)

        // The distributor cannot remove its own admin access through the reseller's route.
        let byDistributor = try world.request(.delete, "/portal/partnerships/\(id)/admin-access", as: "distributor-admin")
        #expect(byDistributor.status == 404)

        let removed = try world.request(.delete, "/portal/partnerships/\(id)/admin-access", as: "northwind-admin")
        #expect(removed.status == 204)
        let partnership = try world.request(.get, "/portal/partnerships/\(id)", as: "northwind-admin")
        #expect(partnership["distributorAdminAccess"]?.boolValue == false)
        // The partnership itself stays Active: the distributor still orders on the reseller's behalf.
        #expect(partnership["status"]?.stringValue == "Active")
        #expect(try world.verdict("5200001") == nil)
        #expect(try world.audit(tenantId: Demo.northwind, operation: "RemoveDistributorAdminAccess").count == 1)

        let before = try world.snapshot()
        let again = try world.request(.delete, "/portal/partnerships/\(id)/admin-access", as: "northwind-admin")
        #expect(again.status == 409)
        #expect(again.code == 700206)
        #expect(try world.snapshot() == before)
    }

    @Test("PSH-6 removing the distributor's admin access needs the reseller's GlobalAdmin: 403 900150")
    func test_PSH_6_globalAdminOnly() throws {
        let world = try TestWorld()
        let id = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        let agent = world.token(tenant: Demo.fabrikam, roles: [.adminAgent])
        let response = try world.request(.delete, "/portal/partnerships/\(id)/admin-access", token: agent)
        #expect(response.status == 403)
        #expect(response.code == 900150)
        #expect(try world.request(.get, "/portal/partnerships/\(id)", as: "reseller-admin")["distributorAdminAccess"]?.boolValue == true)
    }

    // MARK: Tenant isolation

    @Test("PSH isolation: a distributor cannot read or remove another distributor's partnership (404)")
    func test_PSH_isolation_otherDistributor() throws {
        let world = try TestWorld.withSecondDistributor()
        let contosoFabrikam = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        let before = try world.snapshot()
        let read = try world.request(.get, "/portal/partnerships/\(contosoFabrikam)", as: "fourthcoffee-admin")
        #expect(read.status == 404)
        let remove = try world.request(.delete, "/portal/partnerships/\(contosoFabrikam)", as: "fourthcoffee-admin")
        #expect(remove.status == 404)
        // Exactly like a partnership that does not exist.
        let missing = try world.request(.delete, "/portal/partnerships/\(TestWorld.newTenantId())", as: "fourthcoffee-admin")
        #expect(remove.code == missing.code)
        #expect(try world.snapshot() == before)
        let list = try world.request(.get, "/portal/partnerships", as: "fourthcoffee-admin")
        #expect(list.items.map { $0["resellerTenantId"]?.stringValue } == [Demo.northwind])
        // Fabrikam stays Contoso's, and is not Fourth Coffee's.
        #expect(try world.verdict("5100001") == nil)
        #expect(try world.verdict("5100001", as: "fourthcoffee-admin") == "900414")
        #expect(try world.verdict("5200001", as: "fourthcoffee-admin") == nil)
    }

    @Test("PSH isolation: a partner outside a partnership cannot see it (404)")
    func test_PSH_isolation_outsider() throws {
        let world = try TestWorld()
        let id = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        #expect(try world.request(.get, "/portal/partnerships/\(id)", as: "northwind-admin").status == 404)
        #expect(try world.request(.delete, "/portal/partnerships/\(id)/admin-access", as: "northwind-admin").status == 404)
        #expect(try world.request(.get, "/portal/partnerships/\(id)", as: "reseller-admin").status == 200)
        #expect(try world.request(.get, "/portal/partnerships", as: "northwind-admin").items.isEmpty)
    }
}
