import JSON
@testable import PartnerCenter
import Testing

/// Both SDKs PATCH a whole Subscription, usually one they fetched (GET, change a member, PATCH
/// it back). What GET showed comes back unchanged beside the change: the scheduled change and
/// the support contact echoed that way are no change, so they are neither re-written nor
/// re-checked (POR-4, POR-5, POR-6, PSH-5).
@Suite("Contract: a fetched subscription PATCHed back")
struct SubscriptionRoundTripTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    /// GET the subscription, rename it, PATCH it back; `reserialize` stands for an SDK reading
    /// the member into its own model and writing it again.
    static func renameFetched(_ world: TestWorld, _ id: String, to name: String,
                              reserialize: (JSONObject) -> JSONObject = { $0 }) throws -> TestResponse {
        guard case .object(var object) = try world.subscription(id).json else { throw TestFailure("no subscription") }
        object["friendlyName"] = .string(name)
        if let scheduled = object["scheduledNextTermInstructions"]?.objectValue {
            object["scheduledNextTermInstructions"] = .object(reserialize(scheduled))
        }
        return try world.patch(id, .object(object))
    }

    /// The .NET ScheduledNextTermInstructions has only `product` (ProductTerm, with the term and
    /// cycle), `quantity` and `customTermEndDate`: pcsim's top-level term and cycle are lost.
    static func asDotNet(_ scheduled: JSONObject) -> JSONObject {
        ["product": scheduled["product"] ?? .null, "quantity": scheduled["quantity"] ?? 0, "customTermEndDate": .null]
    }

    /// The last UpdateSubscription audit record's details.
    static func lastUpdateDetails(_ world: TestWorld, _ id: String) throws -> JSON {
        let details = try #require(try world.rows("""
            SELECT details FROM audit_records WHERE operation = 'UpdateSubscription' AND resource_id = ? ORDER BY seq DESC LIMIT 1
            """, [id]).first?.string("details"))
        return try JSON.parse(Array(details.utf8))
    }

    @Test("a scheduled change set before the POR enforcement date survives a rename while the POR is invalid: its time set and POR-5 exemption stay",
          arguments: [false, true])
    func scheduledBeforeDateKept(dotNet: Bool) throws {
        let world = try TestWorld.beforeEnforcement()
        let id = try world.subscriptionId(Offers.businessPremium)   // P1M from 2025-11-20, 15 seats
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 20, "termDuration": "P1Y"]]).status == 200)
        let setAt = try #require(try world.column("scheduled_set_at", of: id))
        let stored = try world.column("scheduled_next_term", of: id)
        try world.setClock("2025-12-05T09:00:00Z")   // POR enforced from 2025-12-01
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")   // the POR 5100001 is now invalid
        // A POR-4 change is refused now, so the rename below is not one.
        #expect(try world.patch(id, ["quantity": 16]).code == 900400)

        let response = try Self.renameFetched(world, id, to: "Premium seats", reserialize: dotNet ? Self.asDotNet : { $0 })
        #expect(response.status == 200, "\(response.text)")
        #expect(response["friendlyName"]?.stringValue == "Premium seats")
        #expect(response["scheduledNextTermInstructions"]?["quantity"]?.intValue == 20)
        #expect(try world.column("scheduled_set_at", of: id) == setAt)
        #expect(try world.column("scheduled_next_term", of: id) == stored)
        let details = try Self.lastUpdateDetails(world, id)
        #expect(details["friendly_name"]?.stringValue == "Premium seats")
        #expect(details["scheduled_next_term"] == nil && details["scheduled_set_at"] == nil, "\(details)")

        // POR-5: still set before the enforcement date, so applied at renewal despite the POR.
        try world.setClock("2025-12-21T09:00:00Z")   // past the term end, 2025-12-20
        let renewed = try world.subscription(id)
        #expect(renewed["quantity"]?.intValue == 20)
        #expect(renewed["termDuration"]?.stringValue == "P1Y")
        #expect(renewed["friendlyName"]?.stringValue == "Premium seats")
    }

    @Test("a scheduled change set after the POR enforcement date, echoed in a rename while the POR is invalid: the rename succeeds, the change is not re-set")
    func scheduledAfterDateEchoed() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": [
            "quantity": 30, "billingCycle": "Annual", "product": ["productId": "CFQ7TTC0LH18", "skuId": "0001"],
        ]]).status == 200)
        let setAt = try world.column("scheduled_set_at", of: id)
        try world.advance("PT1H")
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        let before = try world.subscription(id)["scheduledNextTermInstructions"]
        let response = try Self.renameFetched(world, id, to: "Basic seats")
        #expect(response.status == 200, "\(response.text)")
        #expect(response["friendlyName"]?.stringValue == "Basic seats")
        #expect(response["scheduledNextTermInstructions"] == before)
        #expect(try world.column("scheduled_set_at", of: id) == setAt)
        // A different scheduled change is still a POR-4 change, refused with the POR's verdict.
        let snapshot = try world.snapshot()
        try expectRefused(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 31]]), 400, 900400, world, unchanged: snapshot)
        #expect(try world.column("scheduled_set_at", of: id) == setAt)
    }

    @Test("a null scheduledNextTermInstructions changes nothing: the scheduled change and its time set stay")
    func nullChangesNothing() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 30]]).status == 200)
        let stored = try world.column("scheduled_next_term", of: id)
        let setAt = try world.column("scheduled_set_at", of: id)
        // Alone, null names no change.
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["scheduledNextTermInstructions": .null]), 400, 800002, world, unchanged: before)
        // Beside a rename, null leaves the scheduled change alone.
        let response = try world.patch(id, ["friendlyName": "renamed", "scheduledNextTermInstructions": .null])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["scheduledNextTermInstructions"]?["quantity"]?.intValue == 30)
        #expect(try world.column("scheduled_next_term", of: id) == stored)
        #expect(try world.column("scheduled_set_at", of: id) == setAt)
    }

    @Test("{\"remove\": true} removes the scheduled change; with new instructions beside it it is 400 800002 and nothing changes")
    func explicitRemoval() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 30]]).status == 200)
        let before = try world.snapshot()
        let mixed = try world.patch(id, ["scheduledNextTermInstructions": ["remove": true, "quantity": 31]])
        try expectRefused(mixed, 400, 800002, world, unchanged: before)
        #expect(mixed["data"]?[0]?.stringValue == "scheduledNextTermInstructions.remove", "\(mixed.text)")
        #expect(try world.subscription(id)["scheduledNextTermInstructions"]?["quantity"]?.intValue == 30)
        let removed = try world.patch(id, ["scheduledNextTermInstructions": ["remove": true, "customTermEndDate": .null]])
        #expect(removed.status == 200, "\(removed.text)")
        #expect(removed["scheduledNextTermInstructions"] == nil)
        #expect(try world.column("scheduled_next_term", of: id) == nil)
        #expect(try world.column("scheduled_set_at", of: id) == nil)
    }

    @Test("an echoed support contact is not re-checked: a rename succeeds after the partnership with that reseller was removed (PSH-5)")
    func supportContactAfterPartnershipRemoved() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["supportContact": ["supportTenantId": .string(Demo.fabrikam)]]).status == 200)
        let partnership = try #require(try world.rows("SELECT id FROM partnerships WHERE distributor_id = ? AND reseller_id = ?",
                                                      [Demo.contoso, Demo.fabrikam]).first?.string("id"))
        #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        // Naming that reseller anew is refused now...
        let snapshot = try world.snapshot()
        let other = try world.subscriptionId(Offers.businessPremium)
        try expectRefused(try world.patch(other, ["supportContact": ["supportTenantId": .string(Demo.fabrikam)]]), 400, 900414,
                          world, unchanged: snapshot)
        // ...but echoing it, as a fetched object does, is no change.
        let response = try Self.renameFetched(world, id, to: "Basic seats")
        #expect(response.status == 200, "\(response.text)")
        #expect(response["friendlyName"]?.stringValue == "Basic seats")
        #expect(response["supportContact"]?["supportTenantId"]?.stringValue == Demo.fabrikam)
        #expect(try world.column("support_contact_tenant_id", of: id) == Demo.fabrikam)
    }

    @Test("an echoed support contact is not written again: the audit record names only the rename")
    func supportContactNotRewritten() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["supportContact": ["supportTenantId": .string(Demo.fabrikam)]]).status == 200)
        let response = try Self.renameFetched(world, id, to: "Basic seats")
        #expect(response.status == 200, "\(response.text)")
        let details = try Self.lastUpdateDetails(world, id)
        #expect(details["friendly_name"]?.stringValue == "Basic seats")
        #expect(details["support_contact_tenant_id"] == nil, "\(details)")
        // The echo alone (the same tenant, any case) names no change.
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["supportContact": ["supportTenantId": .string(Demo.fabrikam.uppercased())]]),
                          400, 800002, world, unchanged: before)
    }
}
