import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// SST-4 and SST-5 through the eligibility query:
/// GET /v1/customers/{cid}/transferseligibility?transferType=directtoindirect.
@Suite("Transfer eligibility")
struct TransferEligibilityTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    func eligibility(_ world: TestWorld, _ customer: String = Demo.trey, as principal: String = "migrated-admin",
                     query: String = "?transferType=directtoindirect") throws -> TestResponse {
        try world.request(.get, "/v1/customers/\(customer)/transferseligibility\(query)", as: principal)
    }

    func verdicts(_ response: TestResponse) -> [String: (eligible: Bool, reason: String?)] {
        var result: [String: (Bool, String?)] = [:]
        for item in response.json.arrayValue ?? [] {
            guard let id = item["id"]?.stringValue else { continue }
            result[id] = (item["isEligible"]?.boolValue ?? false, item["reason"]?.stringValue)
        }
        return result
    }

    @Test("SST-4 the eligibility query tells, per subscription, whether it can be transferred and why not")
    func test_SST_4_perSubscription() throws {
        let world = try TestWorld.transfers()
        let response = try eligibility(world)
        #expect(response.status == 200, "\(response.text)")
        let verdicts = verdicts(response)
        let e3 = try world.treyE3(), azure = try world.treyAzure()
        #expect(verdicts[e3]?.eligible == true)
        #expect(verdicts[e3]?.reason == nil)
        #expect(verdicts[azure]?.eligible == true)
        #expect(verdicts[TX.treyIntune]?.eligible == true)
        let expected: [(String, String)] = [
            (try world.treyBusinessBasic(), "NewCommerceNotEligible"),
            (TX.treyAzurePlan, "AzurePlanNotEligible"),
            (TX.treyReservation, "ReservationNotEligible"),
            (TX.treySoftware, "SoftwareNotEligible"),
            (TX.treySaaS, "MarketplaceNotEligible"),
            (TX.treySuspendedDynamics, "SubscriptionNotActive"),
            (try world.treyE3Addon(), "AddOnFollowsBase"),
        ]
        for (id, reason) in expected {
            #expect(verdicts[id]?.eligible == false, "\(id)")
            #expect(verdicts[id]?.reason?.hasPrefix(reason) == true, "\(id): \(verdicts[id]?.reason ?? "nil")")
        }
        // Only Lamna's subscriptions of this customer, each once.
        #expect((response.json.arrayValue ?? []).count == 10)
        #expect(response.json.arrayValue?.count == 10)
        #expect((response.json.arrayValue ?? []).allSatisfy { $0["offerId"]?.stringValue != nil && $0["productType"]?.stringValue != nil })
    }

    @Test("SST-5 the eligibility query names a subscription already in an active transfer, until it is withdrawn")
    func test_SST_5_inActiveTransfer() throws {
        let world = try TestWorld.transfers()
        try world.treyAcceptsMCA()
        let e3 = try world.treyE3()
        let id = try world.createSST([e3])
        let during = verdicts(try eligibility(world))
        #expect(during[e3]?.eligible == false)
        #expect(during[e3]?.reason?.hasPrefix("InActiveTransfer") == true)
        #expect(during[e3]?.reason?.contains(id) == true)
        #expect(during[TX.treyIntune]?.eligible == true)

        #expect(try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "migrated-admin").status == 204)
        #expect(verdicts(try eligibility(world))[e3]?.eligible == true)
    }

    @Test("SST-9 after acceptance the moved Azure subscription leaves the list and the suspended license is not eligible")
    func test_SST_9_afterAcceptance() throws {
        let world = try TestWorld.transfers()
        try world.treyAcceptsMCA()
        let e3 = try world.treyE3(), azure = try world.treyAzure()
        let id = try world.createSST([e3, azure])
        #expect(try world.acceptSST(id).status == 200)
        let after = verdicts(try eligibility(world))
        #expect(after[azure] == nil)
        #expect(after[e3]?.eligible == false)
        #expect(after[e3]?.reason?.hasPrefix("SubscriptionNotActive") == true)
    }

    @Test("SST-1 only a migrated partner may ask (900150); the transfer type is required; the customer must be visible")
    func test_SST_1_refusals() throws {
        let world = try TestWorld.transfers()
        let litware = try eligibility(world, Demo.margies, as: "directbill-admin")
        #expect(litware.status == 403)
        #expect(litware.code == ErrorCode.forbidden)
        let missing = try eligibility(world, query: "")
        #expect(missing.status == 400)
        #expect(missing.code == ErrorCode.invalidInput)
        let other = try eligibility(world, query: "?transferType=newcommerce")
        #expect(other.status == 400)
        // Lamna has no relationship with Relecloud: 404 like an unknown customer.
        let invisible = try eligibility(world, Demo.relecloud)
        #expect(invisible.status == 404)
        // A customer role cannot ask.
        #expect(try eligibility(world, as: "trey-admin").status == 403)
    }
}
