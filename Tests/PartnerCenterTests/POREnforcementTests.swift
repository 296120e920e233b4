import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// POR enforcement on transactions: new orders (POR-3), changes to existing subscriptions
/// (POR-4), the exemptions (POR-5) and explicit assignment (POR-6). P2P transfers and
/// legacy-to-new-commerce migration (also POR-4) belong to capabilities not built yet.
@Suite("POR enforcement")
struct POREnforcementTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    /// Every invalid POR of the demo world with its verdict code (POR-2), plus missing ones.
    static let invalidPORs: [(String?, Int)] = [
        (nil, 800016), ("", 800016), ("12345", 800016), ("5100000", 800016),   // missing, malformed, PGA
        ("9999999", 900151), ("5100002", 900151),                              // unknown, inactive location
        ("5500001", 900400),                                                   // suspended tenant
        ("5600001", 900414),                                                   // direct-bill only
        ("5300001", 900154),                                                   // enrollment pending
        ("5400001", 900152),                                                   // other region
        ("5200001", 900414),                                                   // no partnership
    ]

    // MARK: POR-3

    @Test("POR-3 from the enforcement date an order with a valid partnerIdOnRecord on every line item succeeds")
    func test_POR_3_validOrder() throws {
        let world = try TestWorld()
        let response = try world.order([TestWorld.line(number: 0), TestWorld.line(Offers.businessPremium, quantity: 2, number: 1)])
        #expect(response.status == 201, "\(response.text)")
        for line in response["lineItems"]?.arrayValue ?? [] {
            let id = try #require(line["subscriptionId"]?.stringValue)
            #expect(try world.column("partner_id_on_record", of: id) == "5100001")
        }
    }

    @Test("POR-3 an invalid or missing partnerIdOnRecord blocks the order with the verdict's code", arguments: invalidPORs)
    func test_POR_3_invalidPOR(por: String?, code: Int) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.order([TestWorld.line(por: por)])
        try expectRefused(response, 400, code, world, unchanged: before)
        #expect(response["data"]?[0]?.stringValue == "lineItems[0].partnerIdOnRecord", "\(response.text)")
        // The code is the validation API's verdict for the same id (one implementation, POR-7).
        if let por, !por.isEmpty { #expect(try world.verdict(por) == String(code)) }
    }

    @Test("POR-3 one invalid line item blocks the whole order: no order, subscription, audit record or notification")
    func test_POR_3_oneInvalidLineBlocksWholeOrder() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let audits = try world.count("audit_records")
        let notifications = try world.count("notifications")
        let listedBefore = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin")["totalCount"]?.intValue
        let response = try world.order([
            TestWorld.line(number: 0),
            TestWorld.line(Offers.businessPremium, quantity: 3, number: 1),
            TestWorld.line(Offers.legacyE3, quantity: 4, term: "P1M", por: "5300001", number: 2),
            TestWorld.line(Offers.azurePlan, quantity: 1, term: nil, cycle: nil, number: 3),
        ])
        try expectRefused(response, 400, 900154, world, unchanged: before)
        #expect(response["data"]?[0]?.stringValue == "lineItems[2].partnerIdOnRecord")
        #expect(try world.count("orders") == before["orders"])
        #expect(try world.count("subscriptions") == before["subscriptions"])
        #expect(try world.count("order_line_items") == before["order_line_items"])
        #expect(try world.count("audit_records") == audits)
        #expect(try world.count("notifications") == notifications)
        #expect(try world.count("por_usage") == before["por_usage"])
        // No order beyond those the demo world's subscriptions came with.
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin")["totalCount"]?.intValue
                == listedBefore)
    }

    @Test("POR-3 with several invalid line items the first one (in request order) gives the code")
    func test_POR_3_firstInvalidLineWins() throws {
        let world = try TestWorld()
        let response = try world.order([
            TestWorld.line(number: 0), TestWorld.line(por: "5400001", number: 1), TestWorld.line(por: "5100000", number: 2),
        ])
        #expect(response.status == 400)
        #expect(response.code == 900152)
        #expect(response["data"]?[0]?.stringValue == "lineItems[1].partnerIdOnRecord")
    }

    @Test("POR-3 before the enforcement date orders need no valid POR; from the date the same order is blocked")
    func test_POR_3_beforeEnforcementDate() throws {
        let world = try TestWorld.beforeEnforcement()
        #expect(try world.order([TestWorld.line(por: nil)]).status == 201)
        #expect(try world.order([TestWorld.line(por: "5300001")]).status == 201)
        try world.setClock("2025-11-30T23:59:30Z")
        #expect(try world.order([TestWorld.line(por: nil)]).status == 201)
        try world.setClock("2025-12-01T00:00:00Z")
        let before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line(por: nil)]), 400, 800016, world, unchanged: before)
        try expectRefused(try world.order([TestWorld.line(por: "5300001")]), 400, 900154, world, unchanged: before)
        #expect(try world.order([TestWorld.line()]).status == 201)
    }

    @Test("POR-3 the enforcement date is configurable")
    func test_POR_3_configurableDate() throws {
        let date = try #require(Timestamp.parse("2026-02-01T00:00:00Z"))
        let world = try TestWorld(configuration: SimulatorConfiguration(porEnforcementDate: date))
        #expect(try world.order([TestWorld.line(por: nil)]).status == 201)
        try world.advance("P27D")   // 2026-02-01T09:00:00Z
        let before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line(por: nil)]), 400, 800016, world, unchanged: before)
    }

    @Test("POR-3 applies to distributors' orders only: a direct-bill partner's order needs no POR")
    func test_POR_3_directBillNotSubject() throws {
        let world = try TestWorld()
        let response = try world.order([TestWorld.line(por: nil)], customer: Demo.margies, as: "directbill-admin")
        #expect(response.status == 201, "\(response.text)")
    }

    @Test("POR-3 a POR that becomes invalid blocks the next order (the verdict is live, not cached)")
    func test_POR_3_liveVerdict() throws {
        let world = try TestWorld()
        #expect(try world.order([TestWorld.line()]).status == 201)
        let partnership = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        let before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line()]), 400, 900414, world, unchanged: before)
    }

    // MARK: POR-4

    /// The changes POR-4 guards, as PATCH bodies for the demo Business Basic subscription
    /// (40 seats, P1Y, monthly).
    static let guardedChanges: [(String, JSON)] = [
        ("seat-count change", ["quantity": 41]),
        ("billing-plan change", ["billingCycle": "annual"]),
        ("term change", ["termDuration": "P1M"]),
        ("setting a scheduled change", ["scheduledNextTermInstructions": ["quantity": 30]]),
    ]

    @Test("POR-4 from the enforcement date a change is allowed while the subscription's POR is valid", arguments: guardedChanges)
    func test_POR_4_allowedWithValidPOR(name: String, body: JSON) throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let response = try world.patch(id, body)
        #expect(response.status == 200, "\(name): \(response.text)")
    }

    @Test("POR-4 a change is blocked when the subscription's POR is no longer valid; nothing changes", arguments: guardedChanges)
    func test_POR_4_blockedWithInvalidPOR(name: String, body: JSON) throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")   // 5100001 -> 900400
        let before = try world.snapshot()
        let original = try world.subscription(id).json
        let response = try world.patch(id, body)
        try expectRefused(response, 400, 900400, world, unchanged: before)
        #expect(try world.subscription(id).json == original, "\(name) changed the subscription")
    }

    @Test("POR-4 the refusal carries the verdict's own code", arguments: [
        ("location inactive", 900151), ("partnership removed", 900414), ("enrollment restricted", 900154),
    ])
    func test_POR_4_verdictCodes(cause: String, code: Int) throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        switch cause {
        case "location inactive":
            #expect(try world.request(.patch, "/portal/locations/5100001", as: "reseller-admin", body: ["status": "Inactive"]).status == 200)
        case "partnership removed":
            let partnership = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
            #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        default:
            let enrollment = try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ? AND program = 'IndirectReseller'",
                                                         [Demo.fabrikam]).first?.string("id"))
            #expect(try world.request(.patch, "/portal/enrollments/\(enrollment)", as: "microsoft-support",
                                      body: ["status": "Restricted"]).status == 200)
        }
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["quantity": 45]), 400, code, world, unchanged: before)
    }

    @Test("POR-4 editing a scheduled change is blocked once the POR is invalid")
    func test_POR_4_editingScheduledChange() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 30]]).status == 200)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 20, "termDuration": "P1M"]]),
                          400, 900400, world, unchanged: before)
        #expect(try world.subscription(id)["scheduledNextTermInstructions"]?["quantity"]?.intValue == 30)
    }

    @Test("POR-4 a subscription without any POR cannot be changed from the enforcement date: 800016")
    func test_POR_4_missingPOR() throws {
        let world = try TestWorld.beforeEnforcement()
        let id = try #require(try world.orderSubscriptions([TestWorld.line(por: nil)]).first)
        #expect(try world.patch(id, ["quantity": 6]).status == 200)   // before the date: allowed
        try world.setClock("2025-12-02T09:00:00Z")
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["quantity": 7]), 400, 800016, world, unchanged: before)
    }

    @Test("POR-4 before the enforcement date changes are not blocked by an invalid POR")
    func test_POR_4_beforeEnforcementDate() throws {
        let world = try TestWorld.beforeEnforcement()
        let id = try world.subscriptionId(Offers.businessBasic)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        for (name, body) in Self.guardedChanges {
            #expect(try world.patch(id, body).status == 200, "\(name)")
        }
        try world.setClock("2025-12-01T00:00:00Z")
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["quantity": 12]), 400, 900400, world, unchanged: before)
    }

    @Test("POR-4 changes outside its list are not blocked: auto-renew, suspension, reactivation, cancellation, removing a scheduled change")
    func test_POR_4_unguardedChanges() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 30]]).status == 200)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        #expect(try world.patch(id, ["autoRenewEnabled": false]).status == 200)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["remove": true]]).status == 200)
        #expect(try world.subscription(id)["scheduledNextTermInstructions"] == nil)
        #expect(try world.patch(id, ["status": "suspended"]).status == 200)
        #expect(try world.patch(id, ["status": "active"]).status == 200)
        #expect(try world.patch(id, ["status": "deleted"]).status == 200)
    }

    @Test("POR-4 a direct-bill partner's subscriptions carry no POR requirement")
    func test_POR_4_directBillNotSubject() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.legacyE3, customer: Demo.margies)
        let response = try world.patch(id, ["quantity": 13], customer: Demo.margies, as: "directbill-admin")
        #expect(response.status == 200, "\(response.text)")
    }

    @Test("POR-4 a change together with a new, valid POR (POR-6) in the same request goes through")
    func test_POR_4_changeWithNewPOR() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let plaId = try world.addLocation(token: try world.token("reseller-admin"))
        try world.request(.patch, "/portal/locations/5100001", as: "reseller-admin", body: ["status": "Inactive"])
        #expect(try world.patch(id, ["quantity": 41]).code == 900151)
        let response = try world.patch(id, ["quantity": 41, "partnerId": .string(plaId)])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["quantity"]?.intValue == 41)
        #expect(response["partnerId"]?.stringValue == plaId)
    }

    // MARK: POR-5

    @Test("POR-5 a renewal is not blocked by an invalid POR")
    func test_POR_5_renewalNotBlocked() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessPremium)   // P1M, ends 2026-02-05
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        try world.advance("P31D")
        let renewed = try world.subscription(id)
        #expect(renewed["status"]?.stringValue == "active")
        #expect(renewed["commitmentEndDate"]?.stringValue == "2026-03-05T09:00:00Z")
        #expect(try world.auditCount("RenewSubscription", resourceId: id) == 1)
    }

    @Test("POR-5 a scheduled change set before the enforcement date applies at renewal even though the POR is invalid")
    func test_POR_5_scheduledBeforeDateExempt() throws {
        let world = try TestWorld.beforeEnforcement()
        let id = try world.subscriptionId(Offers.businessPremium)   // P1M from 2025-11-20, 15 seats
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 20, "termDuration": "P1Y"]]).status == 200)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        try world.setClock("2025-12-21T09:00:00Z")   // past the term end, 2025-12-20
        let renewed = try world.subscription(id)
        #expect(renewed["quantity"]?.intValue == 20)
        #expect(renewed["termDuration"]?.stringValue == "P1Y")
        #expect(renewed["commitmentEndDate"]?.stringValue == "2026-12-20T09:00:00Z")
        #expect(renewed["scheduledNextTermInstructions"] == nil)
    }

    @Test("POR-5 a scheduled change set after the enforcement date is applied at renewal while the POR is valid")
    func test_POR_5_scheduledAfterDateValid() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessPremium)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 20]]).status == 200)
        try world.advance("P31D")
        #expect(try world.subscription(id)["quantity"]?.intValue == 20)
    }

    @Test("POR-5 a scheduled change set after the enforcement date is not applied once the POR is invalid; the renewal still happens")
    func test_POR_5_scheduledAfterDateBlocked() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessPremium)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 20, "billingCycle": "annual"]]).status == 200)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        try world.advance("P31D")
        let renewed = try world.subscription(id)
        #expect(renewed["status"]?.stringValue == "active")
        #expect(renewed["quantity"]?.intValue == 15)
        #expect(renewed["billingCycle"]?.stringValue == "monthly")
        #expect(renewed["commitmentEndDate"]?.stringValue == "2026-03-05T09:00:00Z")
        let details = try #require(try world.rows("SELECT details FROM audit_records WHERE operation = 'RenewSubscription' AND resource_id = ?",
                                                  [id]).first?.string("details")).utf8
        let audit = try JSON.parse(Array(details))
        #expect(audit["scheduledChangeBlockedCode"]?.intValue == 900400, "\(audit)")
        #expect(audit["appliedScheduledChange"]?.boolValue == false)
    }

    // MARK: POR-6

    @Test("POR-6 a distributor assigns or changes the POR of an existing subscription; the new POR is validated")
    func test_POR_6_assignPOR() throws {
        let world = try TestWorld.beforeEnforcement()
        let id = try #require(try world.orderSubscriptions([TestWorld.line(por: nil)]).first)
        try world.setClock("2026-01-05T09:00:00Z")
        // No POR yet: assign one.
        let assigned = try world.patch(id, ["partnerId": "5100001"])
        #expect(assigned.status == 200, "\(assigned.text)")
        #expect(assigned["partnerId"]?.stringValue == "5100001")
        // Change it to another valid PLA id of the reseller (the request name is case-insensitive).
        let plaId = try world.addLocation(token: try world.token("reseller-admin"))
        let changed = try world.patch(id, ["PartnerId": .string(plaId)])
        #expect(changed.status == 200, "\(changed.text)")
        #expect(try world.column("partner_id_on_record", of: id) == plaId)
        #expect(try world.auditCount("UpdateSubscription", resourceId: id) == 2)
        // The reseller now finds the subscription by its new POR.
        let listed = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions?mpn_id=\(plaId)", as: "reseller-admin")
        #expect(listed.items.map { $0["id"]?.stringValue } == [id])
    }

    @Test("POR-6 an invalid POR is refused with the verdict's code, nothing changes",
          arguments: invalidPORs.compactMap { por, code in por.flatMap { $0.isEmpty ? nil : ($0, code) } })
    func test_POR_6_invalidPOR(por: String, code: Int) throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let before = try world.snapshot()
        let response = try world.patch(id, ["partnerId": .string(por)])
        try expectRefused(response, 400, code, world, unchanged: before)
        #expect(response["data"]?[0]?.stringValue == "partnerId")
        #expect(try world.column("partner_id_on_record", of: id) == "5100001")
    }

    @Test("POR-6 assignment is validated even before the enforcement date")
    func test_POR_6_validatedBeforeDate() throws {
        let world = try TestWorld.beforeEnforcement()
        let id = try world.subscriptionId(Offers.businessBasic)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["partnerId": "5200001"]), 400, 900414, world, unchanged: before)
    }

    @Test("POR-6 only a distributor assigns a POR: a direct-bill partner gets 400 800002")
    func test_POR_6_directBillCannotAssign() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.legacyE3, customer: Demo.margies)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["partnerId": "5100001"], customer: Demo.margies, as: "directbill-admin"),
                          400, 800002, world, unchanged: before)
    }

    @Test("POR-6 only the billing partner changes a subscription: the reseller that is its POR gets 403 900150")
    func test_POR_6_resellerCannotChange() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.subscription(id, as: "reseller-admin").status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["partnerId": "5100001", "quantity": 1], as: "reseller-admin"),
                          403, 900150, world, unchanged: before)
    }

    @Test("POR-6 a distributor names one of its active resellers as the subscription's support contact")
    func test_POR_6_supportContact() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let response = try world.patch(id, ["supportContact": ["supportTenantId": .string(Demo.fabrikam)]])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["supportContact"]?["supportTenantId"]?.stringValue == Demo.fabrikam)
        #expect(try world.subscription(id)["supportContact"]?["supportTenantId"]?.stringValue == Demo.fabrikam)
    }

    @Test("POR-6 a support contact that is not an active partnered reseller is refused: 400 900414", arguments: [
        TestWorld.Demo.northwind,   // reseller, not partnered with Contoso
        TestWorld.Demo.litware,     // not a reseller
        "a2000000-0000-4000-8000-0000000000ff",   // no such tenant
    ])
    func test_POR_6_supportContactRefused(tenant: String) throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["supportContact": ["supportTenantId": .string(tenant)]]), 400, 900414,
                          world, unchanged: before)
    }

    @Test("POR-6 a direct-bill partner cannot name a support contact: 400 800002")
    func test_POR_6_supportContactDirectBill() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.legacyE3, customer: Demo.margies)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["supportContact": ["supportTenantId": .string(Demo.fabrikam)]],
                                          customer: Demo.margies, as: "directbill-admin"), 400, 800002, world, unchanged: before)
    }
}
