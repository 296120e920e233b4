import JSON
@testable import PartnerCenter
import Testing

/// Admin privileges on customers: CUS-7 (ending a relationship), CUS-8 (suspension and
/// assignment removal revoke them) and PSH-5 (removing a partnership does not).
@Suite("Admin access")
struct AdminAccessTests {
    typealias Demo = TestWorld.Demo

    static let none: JSON = ["relationshipToPartner": "none"]

    // MARK: CUS-7

    @Test("CUS-7 a partner ends its reseller relationship; its admin privileges end with it")
    func test_CUS_7_end() throws {
        let world = try TestWorld()
        #expect(try world.hasAdminAccess(Demo.fabrikam, on: Demo.relecloud))
        let response = try world.request(.patch, "/v1/customers/\(Demo.relecloud)", as: "reseller-admin", body: Self.none)
        #expect(response.status == 200, "\(response.text)")
        #expect(response["relationshipToPartner"]?.stringValue == "none")
        #expect(response["allowDelegatedAccess"]?.boolValue == false)
        let fabrikam = try world.relationships(of: Demo.relecloud, partner: Demo.fabrikam)
        #expect(fabrikam.map(\.status) == ["Ended"])
        #expect(fabrikam.map(\.adminAccess) == [false])
        #expect(try world.rows("SELECT ended_at FROM customer_relationships WHERE customer_id = ? AND partner_id = ?",
                               [Demo.relecloud, Demo.fabrikam]).first?.string("ended_at") != nil)
        // The other partner keeps its relationship and access (GEN-3).
        #expect(try world.hasAdminAccess(Demo.contoso, on: Demo.relecloud))
        // The customer disappears for the partner.
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "reseller-admin").status == 404)
        #expect(try world.customerIds(as: "reseller-admin").isEmpty)
        #expect(try world.customerIds(as: "distributor-admin", query: TestWorld.filter("IndirectReseller", Demo.fabrikam)).isEmpty)
        // GEN-4
        #expect(try world.count("audit_records", where: "operation = 'EndCustomerRelationship' AND customer_id = ? AND tenant_id = ?",
                                [Demo.relecloud, Demo.fabrikam]) == 1)
        // Ending it again: the customer is no longer visible.
        let before = try world.snapshot()
        try expectRefused(try world.request(.patch, "/v1/customers/\(Demo.relecloud)", as: "reseller-admin", body: Self.none),
                          404, 1000, world, unchanged: before)
    }

    @Test("CUS-7 a partner with several relationship kinds ends all of them")
    func test_CUS_7_endsEveryKind() throws {
        let world = try TestWorld()
        // Lamna is Trey's direct-bill reseller; it becomes Trey's indirect reseller too (CUS-2).
        let invitation = try #require(try world.request(.post, "/portal/customers/\(Demo.trey)/invitations", as: "migrated-admin",
                                                        body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        #expect(try world.accept(invitation, as: "trey-admin").status == 200)
        #expect(try world.activeKinds(of: Demo.trey, partner: Demo.lamna) == ["Reseller", "IndirectReseller"])
        #expect(try world.request(.patch, "/v1/customers/\(Demo.trey)", as: "migrated-admin", body: Self.none).status == 200)
        #expect(try world.relationships(of: Demo.trey, partner: Demo.lamna).allSatisfy { $0.status == "Ended" && !$0.adminAccess })
        #expect(try world.activeKinds(of: Demo.trey, partner: Demo.contoso) == ["IndirectProvider"])
    }

    @Test("CUS-7 refusals: bad value (400 800002), SalesAgent (403 900150), active reservations (409 700305)")
    func test_CUS_7_refusals() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let relationships = try world.relationships(of: Demo.relecloud)
        let path = "/v1/customers/\(Demo.relecloud)"
        try expectRefused(try world.request(.patch, path, as: "reseller-admin", body: ["relationshipToPartner": "reseller"]),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.patch, path, as: "reseller-admin", body: [:]), 400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.patch, path, as: "distributor-sales", body: Self.none), 403, 900150, world, unchanged: before)
        // Contoso bills an active Azure reservation for Relecloud.
        try expectRefused(try world.request(.patch, path, as: "distributor-admin", body: Self.none), 409, 700305, world, unchanged: before)
        #expect(try world.relationships(of: Demo.relecloud) == relationships)
    }

    // MARK: CUS-8

    static func suspend(_ world: TestWorld, _ tenant: String) throws {
        let response = try world.request(.patch, "/portal/partners/\(tenant)", as: "microsoft-support", body: ["status": "Suspended"])
        guard response.status == 200 else { throw TestFailure("suspend: \(response.status) \(response.text)") }
    }

    @Test("CUS-8 suspending a reseller revokes every admin privilege it holds on customers")
    func test_CUS_8_suspension() throws {
        let world = try TestWorld()
        // Fabrikam gains a second customer first.
        let created = try world.request(.post, "/v1/customers", as: "distributor-admin",
                                        body: TestWorld.customerBody(associatedPartnerId: Demo.fabrikam))
        let second = try #require(created["id"]?.stringValue)
        #expect(try world.hasAdminAccess(Demo.fabrikam, on: second))
        try Self.suspend(world, Demo.fabrikam)
        #expect(try !world.hasAdminAccess(Demo.fabrikam, on: Demo.relecloud))
        #expect(try !world.hasAdminAccess(Demo.fabrikam, on: second))
        #expect(try world.count("customer_relationships", where: "partner_id = ? AND admin_access = 1", [Demo.fabrikam]) == 0)
        // Other partners keep theirs.
        #expect(try world.hasAdminAccess(Demo.contoso, on: Demo.relecloud))
        #expect(try world.hasAdminAccess(Demo.contoso, on: second))
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "distributor-admin")["allowDelegatedAccess"]?.boolValue == true)
        // GEN-4
        #expect(try world.auditCount("UpdatePartner", resourceId: Demo.fabrikam) >= 1)
    }

    @Test("CUS-8 suspending a migrated partner revokes its admin privileges on its direct-bill customers")
    func test_CUS_8_suspendMigrated() throws {
        let world = try TestWorld()
        #expect(try world.hasAdminAccess(Demo.lamna, on: Demo.trey))
        try Self.suspend(world, Demo.lamna)
        #expect(try !world.hasAdminAccess(Demo.lamna, on: Demo.trey))
    }

    @Test("CUS-8 a suspended partner regains no admin privileges through its links and invitations (400 900400)")
    func test_CUS_8_suspendedGainsNothing() throws {
        let world = try TestWorld()
        let link = try world.relationshipRequestLink(as: "directbill-admin")
        let invitation = try #require(try world.request(.post, "/portal/customers/\(Demo.margies)/invitations", as: "reseller-admin",
                                                        body: ["distributorTenantId": .string(Demo.contoso)])["id"]?.stringValue)
        try Self.suspend(world, Demo.litware)
        try Self.suspend(world, Demo.fabrikam)
        let before = try world.snapshot()
        try expectRefused(try world.accept(link, as: "relecloud-admin"), 400, 900400, world, unchanged: before)
        try expectRefused(try world.accept(invitation, as: "margies-admin"), 400, 900400, world, unchanged: before)
        // A suspended reseller cannot be designated for a new customer either.
        try expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin",
                                            body: TestWorld.customerBody(associatedPartnerId: Demo.fabrikam)),
                          400, 900400, world, unchanged: before)
    }

    @Test("CUS-8 removing a reseller's assignment to a customer revokes its admin privileges there")
    func test_CUS_8_assignmentRemoval() throws {
        let world = try TestWorld()
        let response = try world.request(.delete, "/portal/customers/\(Demo.relecloud)/indirect-resellers/\(Demo.fabrikam)", as: "distributor-admin")
        #expect(response.status == 204, "\(response.text)")
        #expect(try world.relationships(of: Demo.relecloud, partner: Demo.fabrikam).map { "\($0.status) \($0.adminAccess)" } == ["Ended false"])
        #expect(try world.hasAdminAccess(Demo.contoso, on: Demo.relecloud))
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "reseller-admin").status == 404)
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "distributor-admin")["associatedPartnerId"] == nil)
        // GEN-4: both partners get the record.
        #expect(try world.auditCount("RemoveResellerAssignment", resourceId: Demo.relecloud, tenant: Demo.contoso) == 1)
        #expect(try world.auditCount("RemoveResellerAssignment", resourceId: Demo.relecloud, tenant: Demo.fabrikam) == 1)
        #expect(try world.count("audit_records", where: "operation = 'EndCustomerRelationship' AND customer_id = ?", [Demo.relecloud]) == 1)
    }

    @Test("CUS-8 assignment removal refusals: not the distributor (403 900150), no such assignment or customer (404 1000)")
    func test_CUS_8_assignmentRefusals() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let path = "/portal/customers/\(Demo.relecloud)/indirect-resellers/\(Demo.fabrikam)"
        try expectRefused(try world.request(.delete, path, as: "reseller-admin"), 403, 900150, world, unchanged: before)
        try expectRefused(try world.request(.delete, path, as: "distributor-sales"), 403, 900150, world, unchanged: before)
        try expectRefused(try world.request(.delete, path, as: "directbill-admin"), 403, 900150, world, unchanged: before)
        try expectRefused(try world.request(.delete, "/portal/customers/\(Demo.relecloud)/indirect-resellers/\(Demo.northwind)", as: "distributor-admin"),
                          404, 1000, world, unchanged: before)
        // Trey's Lamna relationship is direct-bill, not an indirect reseller assignment.
        try expectRefused(try world.request(.delete, "/portal/customers/\(Demo.trey)/indirect-resellers/\(Demo.lamna)", as: "distributor-admin"),
                          404, 1000, world, unchanged: before)
        try expectRefused(try world.request(.delete, "/portal/customers/\(Demo.margies)/indirect-resellers/\(Demo.litware)", as: "distributor-admin"),
                          404, 1000, world, unchanged: before)
        #expect(try world.hasAdminAccess(Demo.fabrikam, on: Demo.relecloud))
    }

    // MARK: PSH-5

    @Test("PSH-5 removing a partnership leaves the reseller's customer admin access; no notice is sent")
    func test_PSH_5_customerAccessKept() throws {
        let world = try TestWorld()
        let partnership = try #require(try world.rows("SELECT id FROM partnerships WHERE distributor_id = ? AND reseller_id = ?",
                                                      [Demo.contoso, Demo.fabrikam]).first?.string("id"))
        let notifications = try world.count("notifications")
        let relationships = try world.relationships(of: Demo.relecloud)
        #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        #expect(try world.relationships(of: Demo.relecloud) == relationships)
        #expect(try world.hasAdminAccess(Demo.fabrikam, on: Demo.relecloud))
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "reseller-admin")["allowDelegatedAccess"]?.boolValue == true)
        #expect(try world.customerIds(as: "distributor-admin", query: TestWorld.filter("IndirectReseller", Demo.fabrikam)) == [Demo.relecloud])
        #expect(try world.count("notifications") == notifications)
        // The access stays until removed explicitly (CUS-8).
        #expect(try world.request(.delete, "/portal/customers/\(Demo.relecloud)/indirect-resellers/\(Demo.fabrikam)",
                                  as: "distributor-admin").status == 204)
        #expect(try !world.hasAdminAccess(Demo.fabrikam, on: Demo.relecloud))
    }
}
