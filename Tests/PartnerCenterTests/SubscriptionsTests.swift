import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Subscription resources, PATCH refusals, and add-ons following their base (SUB-3).
/// SUB-4 (a quantity change during a pending transfer is not reflected in the transfer) needs
/// the transfers capability, which is not built yet: it has no test here.
@Suite("Subscriptions")
struct SubscriptionsTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    /// Relecloud's subscriptions in the demo world: eight billed by Contoso plus one add-on.
    static let relecloudCount = 9

    // MARK: Reading

    @Test("GET subscriptions lists what the caller bills, and for a reseller what it is POR on; mpn_id filters by POR")
    func test_subscriptions_list() throws {
        let world = try TestWorld()
        let base = "/v1/customers/\(Demo.relecloud)/subscriptions"
        let all = try world.request(.get, base, as: "distributor-admin")
        #expect(all.status == 200)
        #expect(all["totalCount"]?.intValue == Int64(Self.relecloudCount))
        #expect(all["attributes"]?["objectType"]?.stringValue == "Collection")
        #expect(all.items.allSatisfy { $0["attributes"]?["objectType"]?.stringValue == "Subscription" })
        #expect(try world.request(.get, base, as: "reseller-admin")["totalCount"]?.intValue == Int64(Self.relecloudCount))
        #expect(try world.request(.get, base + "?mpn_id=5100001", as: "distributor-admin")["totalCount"]?.intValue == Int64(Self.relecloudCount))
        #expect(try world.request(.get, base + "?mpn_id=5200001", as: "distributor-admin")["totalCount"]?.intValue == 0)
        // A subscription with another reseller (Lamna) as POR: Contoso sees it, Fabrikam does not.
        let other = try world.orderSubscriptions([TestWorld.line(por: "5800001")])
        #expect(try world.request(.get, base, as: "distributor-admin")["totalCount"]?.intValue == Int64(Self.relecloudCount + 1))
        #expect(try world.request(.get, base, as: "reseller-admin")["totalCount"]?.intValue == Int64(Self.relecloudCount))
        #expect(try world.request(.get, base + "?mpn_id=5800001", as: "distributor-admin").items.map { $0["id"]?.stringValue } == [other[0]])
        #expect(try world.subscription(other[0], as: "reseller-admin").status == 404)
        // Not a customer of the caller: 404.
        #expect(try world.request(.get, base, as: "directbill-admin").status == 404)
        #expect(try world.request(.get, "/v1/customers/\(Demo.margies)/subscriptions", as: "directbill-admin")["totalCount"]?.intValue == 2)
    }

    @Test("GET subscriptions pages with size and MS-ContinuationToken")
    func test_subscriptions_paging() throws {
        let world = try TestWorld()
        let walk = try AppTestSupport.walk(world, "/v1/customers/\(Demo.relecloud)/subscriptions?size=4", as: "distributor-admin")
        #expect(walk.pages == [4, 4, 1])
        #expect(Set(walk.items.compactMap { $0["id"]?.stringValue }).count == Self.relecloudCount)
    }

    @Test("GET one subscription: visible to its billing partner and its POR reseller, 404 to others")
    func test_subscriptions_getOne() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.azureLegacy)
        let subscription = try world.subscription(id)
        #expect(subscription.status == 200)
        #expect(subscription["id"]?.stringValue == id)
        #expect(subscription["offerId"]?.stringValue == Offers.azureLegacy)
        #expect(subscription["azureSubscriptionId"]?.stringValue != nil)
        #expect(subscription["links"]?["self"]?["uri"]?.stringValue == "/customers/\(Demo.relecloud)/subscriptions/\(id)")
        #expect(try world.subscription(id, as: "reseller-admin").status == 200)
        #expect(try world.subscription(id, as: "directbill-admin").status == 404)
        #expect(try world.subscription("00000000-0000-4000-8000-000000000000").status == 404)
        // Another customer's subscription through this customer's path: 404.
        let margies = try world.subscriptionId(Offers.legacyE3, customer: Demo.margies)
        #expect(try world.subscription(margies).status == 404)
    }

    // MARK: PATCH

    @Test("PATCH changes seat count, billing plan, term and auto-renew, and writes one audit record")
    func test_patch_changes() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let response = try world.patch(id, ["quantity": 50, "billingCycle": "annual", "termDuration": "p1m", "autoRenewEnabled": false])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["quantity"]?.intValue == 50)
        #expect(response["billingCycle"]?.stringValue == "annual")
        #expect(response["termDuration"]?.stringValue == "P1M")
        #expect(response["autoRenewEnabled"]?.boolValue == false)
        #expect(try world.auditCount("UpdateSubscription", resourceId: id, tenant: Demo.contoso) == 1)
    }

    @Test("PATCH sets and removes scheduled next-term instructions")
    func test_patch_scheduledChange() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let set = try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 30, "termDuration": "P1M", "billingCycle": "monthly"]])
        #expect(set.status == 200, "\(set.text)")
        #expect(set["scheduledNextTermInstructions"]?["quantity"]?.intValue == 30)
        #expect(set["scheduledNextTermInstructions"]?["termDuration"]?.stringValue == "P1M")
        #expect(try world.column("scheduled_set_at", of: id) != nil)
        let removed = try world.patch(id, ["scheduledNextTermInstructions": ["remove": true]])
        #expect(removed.status == 200)
        #expect(removed["scheduledNextTermInstructions"] == nil)
        #expect(try world.column("scheduled_set_at", of: id) == nil)
    }

    @Test("PATCH refuses bad input with 400 800002 and changes nothing", arguments: [
        ["quantity": 0] as JSON, ["billingCycle": "weekly"], ["termDuration": "P5Y"], ["status": "paused"],
        [:], ["quantity": 40], ["scheduledNextTermInstructions": [:]],
        ["scheduledNextTermInstructions": ["termDuration": "P3Y"]], ["scheduledNextTermInstructions": ["quantity": 0]],
        ["quantity": "many"],
    ])
    func test_patch_badInput(body: JSON) throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)   // 40 seats: quantity 40 is no change
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, body), 400, 800002, world, unchanged: before)
    }

    @Test("PATCH a usage-based Azure subscription has no seat count and does not renew: 400 800002")
    func test_patch_azureUsage() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.azurePlan)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["quantity": 2]), 400, 800002, world, unchanged: before)
        try expectRefused(try world.patch(id, ["autoRenewEnabled": true]), 400, 800002, world, unchanged: before)
    }

    @Test("PATCH a cancelled subscription cannot change: 400 2011")
    func test_patch_cancelled() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        #expect(try world.patch(id, ["status": "deleted"]).status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["status": "active"]), 400, 2011, world, unchanged: before)
        try expectRefused(try world.patch(id, ["quantity": 3]), 400, 2011, world, unchanged: before)
    }

    @Test("PATCH needs an AdminAgent of the billing partner: SalesAgent 403 900150, stranger 404")
    func test_patch_who() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        let before = try world.snapshot()
        try expectRefused(try world.patch(id, ["quantity": 3], as: "distributor-sales"), 403, 900150, world, unchanged: before)
        try expectRefused(try world.patch(id, ["quantity": 3], as: "directbill-admin"), 404, 1000, world, unchanged: before)
    }

    // MARK: SUB-3

    @Test("SUB-3 add-ons belong to a base subscription: GET addons lists them with parentSubscriptionId")
    func test_SUB_3_addonsListed() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)
        let addon = try world.subscriptionId(Offers.storageAddon, addon: true)
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(base)/addons", as: "distributor-admin")
        #expect(response.status == 200)
        #expect(response.items.map { $0["id"]?.stringValue } == [addon])
        #expect(response.items.first?["parentSubscriptionId"]?.stringValue == base)
        let none = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(addon)/addons", as: "distributor-admin")
        #expect(none["totalCount"]?.intValue == 0)
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(base)/addons", as: "directbill-admin").status == 404)
    }

    @Test("SUB-3 suspending the base suspends its add-ons; reactivating the base reactivates them")
    func test_SUB_3_followSuspension() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)
        let addon = try world.subscriptionId(Offers.storageAddon, addon: true)
        #expect(try world.patch(base, ["status": "suspended"]).status == 200)
        #expect(try world.subscription(addon)["status"]?.stringValue == "suspended")
        #expect(try world.patch(base, ["status": "active"]).status == 200)
        #expect(try world.subscription(addon)["status"]?.stringValue == "active")
        // Each follow is audited on the add-on.
        #expect(try world.auditCount("UpdateSubscription", resourceId: addon) == 2)
    }

    @Test("SUB-3 suspending the base leaves an add-on that is already suspended (and its audit trail) alone")
    func test_SUB_3_alreadySuspendedAddon() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)
        let addon = try world.subscriptionId(Offers.storageAddon, addon: true)
        #expect(try world.patch(addon, ["status": "suspended"]).status == 200)
        #expect(try world.patch(base, ["status": "suspended"]).status == 200)
        #expect(try world.auditCount("UpdateSubscription", resourceId: addon) == 1)
    }

    @Test("SUB-3 an add-on cannot be active while its base is not: 409 27009")
    func test_SUB_3_addonCannotOutliveBase() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)
        let addon = try world.subscriptionId(Offers.storageAddon, addon: true)
        #expect(try world.patch(base, ["status": "suspended"]).status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.patch(addon, ["status": "active"]), 409, 27009, world, unchanged: before)
        #expect(try world.subscription(addon)["status"]?.stringValue == "suspended")
    }

    @Test("SUB-3 cancelling the base cancels its add-ons, each with its own credit")
    func test_SUB_3_followCancellation() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)
        let addon = try world.subscriptionId(Offers.storageAddon, addon: true)
        let response = try world.patch(base, ["status": "deleted"])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["cancellationCredit"] != nil)
        #expect(response["addonCancellationCredits"]?.arrayValue?.count == 1)
        #expect(try world.subscription(addon)["status"]?.stringValue == "deleted")
        #expect(try world.count("credits", where: "subscription_id = ?", [addon]) == 1)
        // A cancelled base's add-on cannot come back.
        let before = try world.snapshot()
        try expectRefused(try world.patch(addon, ["status": "active"]), 400, 2011, world, unchanged: before)
    }

    @Test("SUB-3 an add-on whose base expires at term end expires with it")
    func test_SUB_3_followExpiry() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)   // P1M, ends 2026-02-05
        let addon = try world.subscriptionId(Offers.storageAddon, addon: true)
        #expect(try world.patch(base, ["autoRenewEnabled": false]).status == 200)
        try world.advance("P32D")
        #expect(try world.subscription(base)["status"]?.stringValue == "deleted")
        #expect(try world.subscription(addon)["status"]?.stringValue == "deleted")
        #expect(try world.auditCount("ExpireSubscription", resourceId: addon) == 1)
        #expect(try world.auditCount("RenewSubscription", resourceId: addon) == 0)
    }

    @Test("SUB-3 an add-on is bought for an active base subscription of its base offer")
    func test_SUB_3_orderAddon() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)
        let ids = try world.orderSubscriptions([TestWorld.line(Offers.storageAddon, quantity: 3, term: "P1M", parent: base)])
        let addon = try world.subscription(ids[0])
        #expect(addon["parentSubscriptionId"]?.stringValue == base)
        let listed = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(base)/addons", as: "distributor-admin")
        #expect(listed["totalCount"]?.intValue == 2)
    }

    @Test("SUB-3 an add-on for a base of another offer is 400 800002; for a suspended base 409 27009")
    func test_SUB_3_orderAddonRefused() throws {
        let world = try TestWorld()
        let wrongBase = try world.subscriptionId(Offers.businessBasic)
        var before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line(Offers.storageAddon, quantity: 1, term: "P1M", parent: wrongBase)]),
                          400, 800002, world, unchanged: before)
        let base = try world.subscriptionId(Offers.legacyE3)
        #expect(try world.patch(base, ["status": "suspended"]).status == 200)
        before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line(Offers.storageAddon, quantity: 1, term: "P1M", parent: base)]),
                          409, 27009, world, unchanged: before)
        // A subscription the caller does not bill cannot be a parent either.
        let margies = try world.subscriptionId(Offers.legacyE3, customer: Demo.margies)
        try expectRefused(try world.order([TestWorld.line(Offers.storageAddon, quantity: 1, term: "P1M", parent: margies)]),
                          400, 800002, world, unchanged: before)
    }
}
