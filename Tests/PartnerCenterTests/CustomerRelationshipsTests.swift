import JSON
@testable import PartnerCenter
import Testing

/// CUS-1 relationship requests, CUS-2 indirect reseller invitations, CUS-5 extensions,
/// GEN-1, GEN-2, GEN-3 and GEN-4 for invitations and acceptances.
@Suite("Customer relationships")
struct CustomerRelationshipsTests {
    typealias Demo = TestWorld.Demo
    typealias Extra = TestWorld.Extra

    // MARK: CUS-1

    @Test("CUS-1 a partner gets a reusable reseller relationship request link")
    func test_CUS_1_link() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/customers/relationshiprequests", as: "directbill-admin")
        #expect(response.status == 200)
        let url = try #require(response["url"]?.stringValue)
        #expect(url.hasPrefix("http://pcsim.test/portal/invitations/"))
        #expect(response["attributes"]?["objectType"]?.stringValue == "RelationshipRequest")
        let id = try world.relationshipRequestLink(as: "directbill-admin")
        #expect(url.hasSuffix(id))
        // GEN-4: the link is created once, and audited.
        #expect(try world.count("invitations", where: "inviter_id = ? AND kind = 'ResellerRelationship'", [Demo.litware]) == 1)
        #expect(try world.auditCount("CreateRelationshipRequest", resourceId: id) == 1)
        // Anyone holding the link can see what it is.
        let shown = try world.request(.get, "/portal/invitations/\(id)")
        #expect(shown.status == 200)
        #expect(shown["kind"]?.stringValue == "ResellerRelationship")
        #expect(shown["inviterTenantId"]?.stringValue == Demo.litware)
    }

    @Test("CUS-1 the link needs an AdminAgent of a partner (403 900150)")
    func test_CUS_1_linkNeedsAdminAgent() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.request(.get, "/v1/customers/relationshiprequests", as: "distributor-sales"), 403, 900150, world, unchanged: before)
        try expectRefused(try world.request(.get, "/v1/customers/relationshiprequests", as: "relecloud-admin"), 403, 900150, world, unchanged: before)
        let customerAsAgent = world.token(tenant: Demo.relecloud, roles: [.adminAgent])
        try expectRefused(try world.request(.get, "/v1/customers/relationshiprequests", token: customerAsAgent), 403, 900150, world, unchanged: before)
    }

    @Test("CUS-1 a CustomerAdmin who accepts makes the partner its reseller; the link stays usable")
    func test_CUS_1_accept() throws {
        let world = try TestWorld()
        let link = try world.relationshipRequestLink(as: "directbill-admin")
        let accepted = try world.accept(link, as: "relecloud-admin")
        #expect(accepted.status == 200, "\(accepted.text)")
        #expect(accepted["id"]?.stringValue == Demo.relecloud)
        #expect(accepted["allowDelegatedAccess"]?.boolValue == true)
        #expect(try world.relationships(of: Demo.relecloud, partner: Demo.litware) == [
            .init(partner: Demo.litware, kind: "Reseller", status: "Active", adminAccess: true, origin: "Invitation", billingProfileShared: false),
        ])
        #expect(try world.customerIds(as: "directbill-admin").contains(Demo.relecloud))
        // Reusable: still Pending, a second customer accepts the same link.
        #expect(try world.rows("SELECT status FROM invitations WHERE id = ?", [link]).first?.string("status") == "Pending")
        #expect(try world.accept(link, as: "trey-admin").status == 200)
        #expect(try world.activeKinds(of: Demo.trey, partner: Demo.litware) == ["Reseller"])
        // GEN-4: each acceptance is audited and notified to the partner.
        #expect(try world.auditCount("AcceptInvitation", resourceId: link) == 2)
        #expect(try world.count("audit_records", where: "operation = 'CreateCustomerRelationship' AND tenant_id = ?", [Demo.litware]) == 2)
        #expect(try world.notifications(kind: "RelationshipAccepted", tenant: Demo.litware).count == 2)
    }

    @Test("CUS-1 the relationship kind follows the partner: distributor, direct-bill, indirect reseller")
    func test_CUS_1_kinds() throws {
        let world = try TestWorld.withLamnaCustomers()
        #expect(try world.accept(try world.relationshipRequestLink(as: "distributor-admin"), as: "margies-admin").status == 200)
        #expect(try world.activeKinds(of: Demo.margies, partner: Demo.contoso) == ["IndirectProvider"])
        #expect(try world.accept(try world.relationshipRequestLink(as: "adatum-admin"), as: "fourthcoffee-admin").status == 200)
        #expect(try world.activeKinds(of: Extra.fourthCoffee, partner: Demo.adatum) == ["IndirectReseller"])
    }

    @Test("CUS-1 accepting twice is refused (409 700303) and changes nothing")
    func test_CUS_1_acceptTwice() throws {
        let world = try TestWorld()
        let link = try world.relationshipRequestLink(as: "directbill-admin")
        #expect(try world.accept(link, as: "relecloud-admin").status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.accept(link, as: "relecloud-admin"), 409, 700303, world, unchanged: before)
        // A partner that already has the customer gets the same answer.
        let fabrikam = try world.relationshipRequestLink(as: "reseller-admin")
        let again = try world.snapshot()
        try expectRefused(try world.accept(fabrikam, as: "relecloud-admin"), 409, 700303, world, unchanged: again)
    }

    @Test("CUS-1 only a CustomerAdmin of a customer tenant accepts (403 900150)")
    func test_CUS_1_acceptNeedsCustomerAdmin() throws {
        let world = try TestWorld()
        let link = try world.relationshipRequestLink(as: "directbill-admin")
        let before = try world.snapshot()
        // A partner's GlobalAdmin is not a CustomerAdmin.
        try expectRefused(try world.accept(link, as: "northwind-admin"), 403, 900150, world, unchanged: before)
        // A customer tenant's token without CustomerAdmin.
        try expectRefused(try world.accept(link, token: world.token(tenant: Demo.relecloud, roles: [.globalAdmin])),
                          403, 900150, world, unchanged: before)
        // A CustomerAdmin role on a tenant that is not a customer.
        try expectRefused(try world.accept(link, token: world.token(tenant: Demo.northwind, roles: [.customerAdmin])),
                          403, 900150, world, unchanged: before)
        // An unknown link.
        try expectRefused(try world.accept("00000000-0000-4000-8000-00000000dead", as: "relecloud-admin"),
                          404, 1000, world, unchanged: before)
    }

    // MARK: GEN-2

    @Test("GEN-2 a partner cannot accept its own relationship request as a customer (400 700302)")
    func test_GEN_2_ownLink() throws {
        let world = try TestWorld()
        for (principal, tenant) in [("directbill-admin", Demo.litware), ("distributor-admin", Demo.contoso), ("reseller-admin", Demo.fabrikam)] {
            let link = try world.relationshipRequestLink(as: principal)
            let before = try world.snapshot()
            let response = try world.accept(link, token: world.token(tenant: tenant, roles: [.customerAdmin]))
            try expectRefused(response, 400, 700302, world, unchanged: before)
        }
    }

    @Test("GEN-2 a partner cannot designate itself, nor partner with itself, to sell to a customer")
    func test_GEN_2_selfDesignation() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        // A distributor is not its own indirect reseller.
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin",
                                            body: TestWorld.customerBody(associatedPartnerId: Demo.contoso)),
                          400, 800002, world, unchanged: before)
        // A reseller cannot name itself as the distributor of an invitation.
        try expectRefused(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin",
                                            body: ["distributorTenantId": .string(Demo.fabrikam)]),
                          400, 700310, world, unchanged: before)
        // A partner tenant cannot be invited as a customer: it is no customer tenant.
        try expectRefused(try world.request(.post, "/portal/customers/\(Demo.fabrikam)/invitations", as: "reseller-admin",
                                            body: ["distributorTenantId": .string(Demo.contoso)]),
                          404, 1000, world, unchanged: before)
    }

    // MARK: GEN-1

    @Test("GEN-1 a customer in another CSP region cannot accept a partner's link (400 700301)")
    func test_GEN_1_acceptOutsideRegion() throws {
        let world = try TestWorld.withLamnaCustomers()
        let adatum = try world.relationshipRequestLink(as: "adatum-admin")
        var before = try world.snapshot()
        try expectRefused(try world.accept(adatum, as: "relecloud-admin"), 400, 700301, world, unchanged: before)
        let litware = try world.relationshipRequestLink(as: "directbill-admin")
        before = try world.snapshot()
        try expectRefused(try world.accept(litware, as: "fourthcoffee-admin"), 400, 700301, world, unchanged: before)
        // CUS-2 invitations too.
        try expectRefused(try world.request(.post, "/portal/customers/\(Extra.fourthCoffee)/invitations", as: "reseller-admin",
                                            body: ["distributorTenantId": .string(Demo.contoso)]),
                          400, 700301, world, unchanged: before)
    }

    // MARK: GEN-3

    @Test("GEN-3 a customer may have several partners at once, each seeing it")
    func test_GEN_3_multiPartner() throws {
        let world = try TestWorld()
        // Relecloud: Contoso (indirect provider) and Fabrikam (indirect reseller); add Litware as direct-bill reseller.
        #expect(try world.accept(try world.relationshipRequestLink(as: "directbill-admin"), as: "relecloud-admin").status == 200)
        for principal in ["distributor-admin", "reseller-admin", "directbill-admin"] {
            #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: principal).status == 200)
            #expect(try world.customerIds(as: principal).contains(Demo.relecloud))
        }
        let list = try world.request(.get, "/v1/customers/\(Demo.relecloud)/relationships", as: "reseller-admin")
        #expect(list.status == 200)
        #expect(list["totalCount"]?.intValue == 3)
        let types = Dictionary(uniqueKeysWithValues: list.items.compactMap { item -> (String, String)? in
            guard let id = item["id"]?.stringValue, let type = item["relationshipType"]?.stringValue else { return nil }
            return (id, type)
        })
        #expect(types == [Demo.contoso: "is_indirect_cloud_solution_provider_of", Demo.fabrikam: "is_indirect_reseller_of",
                          Demo.litware: "is_reseller_of"])
        #expect(list.items.allSatisfy { $0["attributes"]?["objectType"]?.stringValue == "PartnerRelationship" })
    }

    // MARK: GEN-4

    @Test("GEN-4 every invitation and acceptance writes audit records and outbox notifications")
    func test_GEN_4_invitationsAndAcceptances() throws {
        let world = try TestWorld.withLamnaCustomers()
        func counts() throws -> (audit: Int, outbox: Int) { (try world.count("audit_records"), try world.count("notifications")) }
        var last = try counts()
        func expectBoth(_ step: String, notified: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let now = try counts()
            #expect(now.audit > last.audit, "\(step): no audit record", sourceLocation: sourceLocation)
            if notified { #expect(now.outbox > last.outbox, "\(step): no notification", sourceLocation: sourceLocation) }
            last = now
        }
        // CUS-1: the link is handed to the partner in the response (no mail); its acceptance is mailed.
        let link = try world.relationshipRequestLink(as: "directbill-admin")
        try expectBoth("relationship request", notified: false)
        #expect(try world.accept(link, as: "trey-admin").status == 200)
        try expectBoth("relationship request acceptance")
        // CUS-2
        let invitation = try #require(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin",
                                                        body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        try expectBoth("indirect reseller invitation")
        #expect(try world.accept(invitation, as: "margies-admin").status == 200)
        try expectBoth("indirect reseller invitation acceptance")
        // CUS-5
        let extension_ = try #require(try Self.extend(world, TestWorld.Extra.woodgrove)["id"]?.stringValue)
        try expectBoth("relationship extension")
        #expect(try world.accept(extension_, as: "woodgrove-admin").status == 200)
        try expectBoth("relationship extension consent")
        // Every acceptance names its invitation in the audit log.
        for id in [link, invitation, extension_] {
            #expect(try world.auditCount("AcceptInvitation", resourceId: id) >= 1)
        }
    }

    // MARK: CUS-2

    @Test("CUS-2 an indirect reseller invites a customer with one of its distributors; acceptance creates both relationships")
    func test_CUS_2_inviteAndAccept() throws {
        let world = try TestWorld()
        let invited = try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin",
                                        body: ["distributorTenantId": .string(Demo.contoso)])
        #expect(invited.status == 201, "\(invited.text)")
        let id = try #require(invited["id"]?.stringValue)
        #expect(invited["kind"]?.stringValue == "IndirectResellerRelationship")
        #expect(invited["status"]?.stringValue == "Pending")
        #expect(invited["inviterTenantId"]?.stringValue == Demo.fabrikam)
        #expect(invited["secondPartnerTenantId"]?.stringValue == Demo.contoso)
        #expect(invited["inviteeTenantId"]?.stringValue == Demo.margies)
        // GEN-4: the customer gets the link by mail; both partners get an audit record.
        let mail = try #require(try world.notifications(kind: "IndirectResellerInvitation", tenant: Demo.margies).first)
        #expect(mail.string("link") == invited["url"]?.stringValue)
        #expect(try world.auditCount("InviteCustomer", resourceId: id, tenant: Demo.fabrikam) == 1)
        #expect(try world.auditCount("InviteCustomer", resourceId: id, tenant: Demo.contoso) == 1)
        // Nothing exists before acceptance.
        #expect(try world.activeKinds(of: Demo.margies, partner: Demo.fabrikam).isEmpty)

        let accepted = try world.accept(id, as: "margies-admin")
        #expect(accepted.status == 200, "\(accepted.text)")
        #expect(try world.activeKinds(of: Demo.margies, partner: Demo.fabrikam) == ["IndirectReseller"])
        #expect(try world.activeKinds(of: Demo.margies, partner: Demo.contoso) == ["IndirectProvider"])
        #expect(try world.relationships(of: Demo.margies).filter { $0.partner != Demo.litware }
            .allSatisfy { $0.origin == "Invitation" && $0.adminAccess })
        // GEN-3: Litware stays.
        #expect(try world.activeKinds(of: Demo.margies, partner: Demo.litware) == ["Reseller"])
        let row = try #require(try world.rows("SELECT * FROM invitations WHERE id = ?", [id]).first)
        #expect(row.string("status") == "Accepted")
        #expect(row.string("accepted_by") == Demo.margies)
        // GEN-4: acceptance audited for both partners and notified to both.
        #expect(try world.auditCount("AcceptInvitation", resourceId: id, tenant: Demo.fabrikam) == 1)
        #expect(try world.auditCount("AcceptInvitation", resourceId: id, tenant: Demo.contoso) == 1)
        #expect(try world.notifications(kind: "RelationshipAccepted", tenant: Demo.fabrikam).count == 1)
        #expect(try world.notifications(kind: "RelationshipAccepted", tenant: Demo.contoso).count == 1)
        #expect(try world.customerIds(as: "reseller-admin", query: "").contains(Demo.margies))
        #expect(try world.customerIds(as: "distributor-admin", query: TestWorld.filter("IndirectReseller", Demo.fabrikam)).contains(Demo.margies))

        // An accepted invitation cannot be accepted again (409 700204).
        let before = try world.snapshot()
        try expectRefused(try world.accept(id, as: "margies-admin"), 409, 700204, world, unchanged: before)
    }

    @Test("CUS-2 only an active indirect reseller invites (403 900150)")
    func test_CUS_2_onlyIndirectReseller() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let body: JSON = ["distributorTenantId": .string(Demo.contoso)]
        for principal in ["directbill-admin", "distributor-admin", "wideworld-admin", "relecloud-admin"] {
            try expectRefused(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: principal, body: body),
                              403, 900150, world, unchanged: before)
        }
    }

    @Test("CUS-2 invitation refusals: distributor not partnered (400 700310), bad body (400 800002), unknown customer (404)")
    func test_CUS_2_refusals() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "northwind-admin",
                                            body: ["distributorTenantId": .string(Demo.contoso)]),
                          400, 700310, world, unchanged: before)
        try expectRefused(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin",
                                            body: ["distributorTenantId": .string(Demo.northwind)]),
                          400, 700310, world, unchanged: before)
        try expectRefused(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin", body: [:]),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, "/portal/customers/c4000000-0000-4000-8000-0000000000ff/invitations", as: "reseller-admin",
                                            body: ["distributorTenantId": .string(Demo.contoso)]),
                          404, 1000, world, unchanged: before)
    }

    @Test("CUS-2 acceptance is refused when the partnership ended meanwhile (400 700310) or both relationships exist (409 700303)")
    func test_CUS_2_acceptRefusals() throws {
        let world = try TestWorld()
        let toMargies = try #require(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin",
                                                       body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        let toRelecloud = try #require(try world.request(.post, "/portal/customers/\(Demo.relecloud)/invitations", as: "reseller-admin",
                                                         body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        var before = try world.snapshot()
        try expectRefused(try world.accept(toRelecloud, as: "relecloud-admin"), 409, 700303, world, unchanged: before)

        let partnership = try #require(try world.rows("SELECT id FROM partnerships WHERE distributor_id = ? AND reseller_id = ?",
                                                      [Demo.contoso, Demo.fabrikam]).first?.string("id"))
        #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        before = try world.snapshot()
        try expectRefused(try world.accept(toMargies, as: "margies-admin"), 400, 700310, world, unchanged: before)
        #expect(try world.rows("SELECT status FROM invitations WHERE id = ?", [toMargies]).first?.string("status") == "Pending")
    }

    // MARK: CUS-5

    static func extend(_ world: TestWorld, _ customer: String, as principal: String = "migrated-admin",
                       distributor: String = Demo.contoso) throws -> TestResponse {
        try world.request(.post, "/portal/customers/\(customer)/relationship-extensions", as: principal,
                          body: ["distributorTenantId": .string(distributor)])
    }

    @Test("CUS-5 a migrated partner extends a direct-bill customer to its distributor with the customer's consent")
    func test_CUS_5_extension() throws {
        let world = try TestWorld.withLamnaCustomers()
        let requested = try Self.extend(world, Extra.woodgrove)
        #expect(requested.status == 201, "\(requested.text)")
        let id = try #require(requested["id"]?.stringValue)
        #expect(requested["kind"]?.stringValue == "RelationshipExtension")
        #expect(requested["inviteeTenantId"]?.stringValue == Extra.woodgrove)
        // GEN-4: consent is asked by mail; the request is audited for both partners.
        let mail = try #require(try world.notifications(kind: "RelationshipExtensionConsent", tenant: Extra.woodgrove).first)
        #expect(mail.string("link") == requested["url"]?.stringValue)
        #expect(try world.auditCount("RequestRelationshipExtension", resourceId: id, tenant: Demo.lamna) == 1)
        #expect(try world.auditCount("RequestRelationshipExtension", resourceId: id, tenant: Demo.contoso) == 1)
        // No consent yet, no provider relationship.
        #expect(try world.activeKinds(of: Extra.woodgrove, partner: Demo.contoso).isEmpty)
        #expect(try world.request(.get, "/v1/customers/\(Extra.woodgrove)", as: "distributor-admin").status == 404)

        let consented = try world.accept(id, as: "woodgrove-admin")
        #expect(consented.status == 200, "\(consented.text)")
        #expect(consented["allowDelegatedAccess"]?.boolValue == false)
        #expect(try world.relationships(of: Extra.woodgrove, partner: Demo.contoso) == [
            .init(partner: Demo.contoso, kind: "IndirectProvider", status: "Active", adminAccess: false, origin: "Extension", billingProfileShared: true),
        ])
        // The migrated partner keeps its own relationship and admin access.
        #expect(try world.hasAdminAccess(Demo.lamna, on: Extra.woodgrove))
        // The consent is recorded.
        let row = try #require(try world.rows("SELECT * FROM invitations WHERE id = ?", [id]).first)
        #expect(row.string("status") == "Accepted")
        #expect(row.string("accepted_by") == Extra.woodgrove)
        #expect(row.string("accepted_at") != nil)
        #expect(try world.auditCount("AcceptInvitation", resourceId: id, tenant: Demo.lamna) == 1)
        #expect(try world.auditCount("AcceptInvitation", resourceId: id, tenant: Demo.contoso) == 1)
        #expect(try world.notifications(kind: "RelationshipExtended", tenant: Demo.lamna).count == 1)
        // The distributor sees the customer, its billing profile shared, without admin privileges.
        let list = try world.request(.get, "/v1/customers/\(Extra.woodgrove)/relationships", as: "distributor-admin")
        let contoso = try #require(list.items.first { $0["id"]?.stringValue == Demo.contoso })
        #expect(contoso["billingProfileShared"]?.boolValue == true)
        #expect(contoso["hasAdminAccess"]?.boolValue == false)
        let customer = try world.request(.get, "/v1/customers/\(Extra.woodgrove)", as: "distributor-admin")
        #expect(customer.status == 200)
        #expect(customer["billingProfile"]?["companyName"]?.stringValue == "Woodgrove Bank")
        #expect(customer["allowDelegatedAccess"]?.boolValue == false)
    }

    @Test("CUS-5 extension refused for a customer gained as indirect reseller (400 700307)")
    func test_CUS_5_gainedAsIndirectReseller() throws {
        let world = try TestWorld.withLamnaCustomers()
        let before = try world.snapshot()
        try expectRefused(try Self.extend(world, Extra.coho), 400, 700307, world, unchanged: before)
    }

    @Test("CUS-5 extension refused for a customer a distributor created for the migrated partner (400 700307)")
    func test_CUS_5_createdByDistributor() throws {
        let world = try TestWorld()
        let created = try world.request(.post, "/v1/customers", as: "distributor-admin",
                                        body: TestWorld.customerBody(associatedPartnerId: Demo.lamna))
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created["id"]?.stringValue)
        let before = try world.snapshot()
        try expectRefused(try Self.extend(world, id), 400, 700307, world, unchanged: before)
    }

    @Test("CUS-5 only a migrated partner may extend (403 900150)")
    func test_CUS_5_onlyMigrated() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try Self.extend(world, Demo.margies, as: "directbill-admin"), 403, 900150, world, unchanged: before)
        try expectRefused(try Self.extend(world, Demo.margies, as: "proseware-admin"), 403, 900150, world, unchanged: before)
        try expectRefused(try Self.extend(world, Demo.relecloud, as: "reseller-admin"), 403, 900150, world, unchanged: before)
        try expectRefused(try Self.extend(world, Demo.relecloud, as: "distributor-admin"), 403, 900150, world, unchanged: before)
        try expectRefused(try Self.extend(world, Demo.trey, as: "distributor-sales"), 403, 900150, world, unchanged: before)
    }

    @Test("CUS-5 extension refusals: not partnered (400 700310), provider exists (409 700303), not its customer (404), bad body (400)")
    func test_CUS_5_refusals() throws {
        let world = try TestWorld.withLamnaCustomers()
        let before = try world.snapshot()
        try expectRefused(try Self.extend(world, Extra.woodgrove, distributor: Demo.northwind), 400, 700310, world, unchanged: before)
        try expectRefused(try Self.extend(world, Demo.trey), 409, 700303, world, unchanged: before)
        try expectRefused(try Self.extend(world, Demo.margies), 404, 1000, world, unchanged: before)
        try expectRefused(try world.request(.post, "/portal/customers/\(Extra.woodgrove)/relationship-extensions", as: "migrated-admin", body: [:]),
                          400, 800002, world, unchanged: before)
    }

    @Test("CUS-5 consent is refused once the migrated partner is no longer the customer's direct-bill reseller (400 700307)")
    func test_CUS_5_consentAfterRelationshipEnded() throws {
        let world = try TestWorld.withLamnaCustomers()
        let id = try #require(try Self.extend(world, Extra.woodgrove)["id"]?.stringValue)
        #expect(try world.request(.patch, "/v1/customers/\(Extra.woodgrove)", as: "migrated-admin",
                                  body: ["relationshipToPartner": "none"]).status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.accept(id, as: "woodgrove-admin"), 400, 700307, world, unchanged: before)
        #expect(try world.activeKinds(of: Extra.woodgrove, partner: Demo.contoso).isEmpty)
    }

    @Test("CUS-5 consent is refused once the partnership with the distributor is removed (400 700310)")
    func test_CUS_5_consentAfterPartnershipRemoved() throws {
        let world = try TestWorld.withLamnaCustomers()
        let id = try #require(try Self.extend(world, Extra.woodgrove)["id"]?.stringValue)
        let partnership = try #require(try world.rows("SELECT id FROM partnerships WHERE distributor_id = ? AND reseller_id = ?",
                                                      [Demo.contoso, Demo.lamna]).first?.string("id"))
        #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        let before = try world.snapshot()
        try expectRefused(try world.accept(id, as: "woodgrove-admin"), 400, 700310, world, unchanged: before)
    }

    @Test("CUS-5 only the customer itself consents (403 900150)")
    func test_CUS_5_onlyCustomerConsents() throws {
        let world = try TestWorld.withLamnaCustomers()
        let id = try #require(try Self.extend(world, Extra.woodgrove)["id"]?.stringValue)
        let before = try world.snapshot()
        for principal in ["trey-admin", "migrated-admin", "distributor-admin"] {
            try expectRefused(try world.accept(id, as: principal), 403, 900150, world, unchanged: before)
        }
    }
}
