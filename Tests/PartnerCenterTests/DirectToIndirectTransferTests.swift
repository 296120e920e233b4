import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// SST-1 to SST-10 and SUB-4: self-service transfers from a migrating direct-bill partner
/// (Lamna) to a distributor (Contoso) for Trey Research.
@Suite("Direct-to-indirect transfers")
struct DirectToIndirectTransferTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    /// The transfer world where Trey accepted the MCA in the admin center, so it counts for
    /// Contoso too (SST-2).
    func ready() throws -> TestWorld {
        let world = try TestWorld.transfers()
        try world.treyAcceptsMCA()
        return world
    }

    func sst(_ world: TestWorld, _ subscriptions: [String], customer: String = Demo.trey, as principal: String = "migrated-admin",
             source: String = Demo.lamna, target: String? = Demo.contoso) throws -> TestResponse {
        try world.createTransfer(customer, as: principal, body: TestWorld.sstBody(source: source, target: target, subscriptions))
    }

    // MARK: SST-1

    @Test("SST-1 only a migrated partner may create a self-service transfer (900150)")
    func test_SST_1_onlyMigrated() throws {
        let world = try ready()
        let before = try world.snapshot()
        let legacy = try world.onlySubscription(TestWorld.Offers.legacyE3, customer: Demo.margies, billedBy: Demo.litware)
        // Litware is direct bill only.
        try expectRefused(try sst(world, [legacy], customer: Demo.margies, as: "directbill-admin", source: Demo.litware),
                          403, ErrorCode.forbidden, world, unchanged: before)
    }

    @Test("SST-1 only to a distributor the source has an Active partnership with (700310)")
    func test_SST_1_partneredDistributor() throws {
        let world = try ready()
        let e3 = try world.treyE3()
        let before = try world.snapshot()
        try expectRefused(try sst(world, [e3], target: TX.fourthCoffee), 400, ErrorCode.distributorNotPartnered, world, unchanged: before)
        // The target must be a distributor, and must be named.
        try expectRefused(try sst(world, [e3], target: Demo.litware), 400, ErrorCode.invalidInput, world, unchanged: before)
        try expectRefused(try sst(world, [e3], target: nil), 400, ErrorCode.invalidInput, world, unchanged: before)
        // Source equals target.
        try expectRefused(try sst(world, [e3], target: Demo.lamna), 400, ErrorCode.transferSourceEqualsTarget, world, unchanged: before)
        // The caller must be the source it names.
        var body = try #require(TestWorld.sstBody(source: Demo.litware, [e3]).objectValue)
        body["transferType"] = "DirectToIndirect"
        try expectRefused(try world.createTransfer(Demo.trey, as: "migrated-admin", body: .object(body)), 403, ErrorCode.forbidden,
                          world, unchanged: before)
        // A removed partnership no longer counts.
        let partnership = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.lamna)
        let removed = try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin")
        #expect(removed.status == 200 || removed.status == 204, "\(removed.text)")
        let after = try world.snapshot()
        try expectRefused(try sst(world, [e3]), 400, ErrorCode.distributorNotPartnered, world, unchanged: after)
    }

    // MARK: SST-2

    @Test("SST-2 the customer must already have a relationship with the distributor (700503)")
    func test_SST_2_relationshipWithDistributor() throws {
        let world = try ready()
        let before = try world.snapshot()
        try expectRefused(try sst(world, [TX.woodgroveE3], customer: TX.woodgrove), 400, ErrorCode.customerNotWithDistributor,
                          world, unchanged: before)
    }

    @Test("SST-2 the customer must have accepted the MCA through the distributor; an attestation through the source does not count (700504)")
    func test_SST_2_mcaThroughDistributor() throws {
        let world = try TestWorld.transfers()
        let e3 = try world.treyE3()
        let before = try world.snapshot()
        try expectRefused(try sst(world, [e3]), 400, ErrorCode.mcaNotAcceptedThroughDistributor, world, unchanged: before)
        // Contoso attests the MCA through itself (CUS-6): now it counts.
        let attested = try world.request(.post, "/v1/customers/\(Demo.trey)/agreements", as: "distributor-admin", body: [
            "primaryContact": ["email": "cio@treyresearch.example", "firstName": "Ana", "lastName": "Trey"],
            "agreementType": "MicrosoftCustomerAgreement",
        ])
        #expect(attested.status == 201, "\(attested.text)")
        #expect(try sst(world, [e3]).status == 201)
    }

    @Test("SST-2 an MCA accepted in the admin center counts for the distributor")
    func test_SST_2_adminCenterMCA() throws {
        let world = try ready()
        let response = try sst(world, [try world.treyE3()])
        #expect(response.status == 201, "\(response.text)")
    }

    // MARK: SST-3

    @Test("SST-3 one request holds one or more subscriptions of a single customer")
    func test_SST_3_severalSubscriptions() throws {
        let world = try ready()
        let e3 = try world.treyE3(), azure = try world.treyAzure()
        let response = try sst(world, [e3, azure, TX.treyIntune])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["transferType"]?.stringValue == "DirectToIndirect")
        #expect(response["status"]?.stringValue == "Active")
        #expect(response["sourcePartnerTenantId"]?.stringValue == Demo.lamna)
        #expect(response["targetPartnerTenantId"]?.stringValue == Demo.contoso)
        #expect(response["customerTenantId"]?.stringValue == Demo.trey)
        #expect(response["expirationTime"] == nil)
        let lines = response["lineItems"]?.arrayValue ?? []
        #expect(lines.compactMap { $0["subscriptionId"]?.stringValue } == [e3, azure, TX.treyIntune])
        #expect(lines.compactMap { $0["productType"]?.stringValue } == ["OnlineServices", "AzureLegacy", "OnlineServices"])
        let id = try #require(response["id"]?.stringValue)
        #expect(try world.count("transfer_claims", where: "transfer_id = ?", [id]) == 4)   // with E3's add-on
        #expect(try world.notifications(kind: "TransferRequested", tenant: Demo.contoso).count == 1)
        #expect(try world.auditCount("CreateTransfer", resourceId: id, tenant: Demo.contoso) == 1)
        // The distributor sees it.
        #expect(try world.transfer(id, customer: Demo.trey, as: "distributor-admin").status == 200)
    }

    @Test("SST-3 a subscription of another customer, an unknown one, none, or one listed twice is refused")
    func test_SST_3_refusals() throws {
        let world = try ready()
        let e3 = try world.treyE3()
        let before = try world.snapshot()
        // Woodgrove's E3 is Lamna's too, but of another customer.
        try expectRefused(try sst(world, [e3, TX.woodgroveE3]), 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: before)
        try expectRefused(try sst(world, ["00000000-0000-4000-8000-000000000000"]), 400, ErrorCode.invalidSubscriptionInTransfer,
                          world, unchanged: before)
        try expectRefused(try sst(world, []), 400, ErrorCode.invalidInput, world, unchanged: before)
        try expectRefused(try sst(world, [e3, e3]), 400, ErrorCode.invalidInput, world, unchanged: before)
        let refused = try sst(world, [TX.woodgroveE3])
        #expect(refused["data"]?.arrayValue?.first?.stringValue == TX.woodgroveE3)
    }

    // MARK: SST-4

    @Test("SST-4 legacy licenses and MS-AZR-0145P are eligible")
    func test_SST_4_eligible() throws {
        let world = try ready()
        #expect(try sst(world, [try world.treyE3()]).status == 201)
        #expect(try sst(world, [try world.treyAzure()]).status == 201)
        #expect(try sst(world, [TX.treyIntune]).status == 201)
    }

    @Test("SST-4 new commerce, Azure plan, reservations, software, SaaS and inactive subscriptions are refused (800078)",
          arguments: ["nce", TX.treyAzurePlan, TX.treyReservation, TX.treySoftware, TX.treySaaS, TX.treySuspendedDynamics])
    func test_SST_4_notEligible(_ subscription: String) throws {
        let world = try ready()
        let id = subscription == "nce" ? try world.treyBusinessBasic() : subscription
        let before = try world.snapshot()
        let response = try sst(world, [try world.treyE3(), id])
        try expectRefused(response, 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: before)
        #expect(response["data"]?.arrayValue?.first?.stringValue == id)
    }

    // MARK: SST-5

    @Test("SST-5 a subscription in an active transfer is refused for a second one (409 900101)")
    func test_SST_5_secondTransferRefused() throws {
        let world = try ready()
        let e3 = try world.treyE3()
        _ = try world.createSST([e3])
        let before = try world.snapshot()
        try expectRefused(try sst(world, [e3]), 409, ErrorCode.transferInProgress, world, unchanged: before)
        // Also when it is only one of several: nothing of the second request is claimed.
        try expectRefused(try sst(world, [TX.treyIntune, e3]), 409, ErrorCode.transferInProgress, world, unchanged: before)
        #expect(try world.count("transfer_claims", where: "subscription_id = ?", [TX.treyIntune]) == 0)
    }

    @Test("SST-5 a withdrawn or rejected transfer frees its subscriptions; a completed one moved them")
    func test_SST_5_freedWhenFinished() throws {
        let world = try ready()
        let e3 = try world.treyE3()
        let first = try world.createSST([e3])
        #expect(try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(first)", as: "migrated-admin").status == 204)
        let second = try world.createSST([e3])
        #expect(try world.patchTransfer(second, customer: Demo.trey, status: "reject", as: "distributor-admin").status == 200)
        let third = try world.createSST([e3])
        #expect(try world.acceptSST(third).status == 200)
        #expect(try world.count("transfer_claims") == 0)
        // The source's copy is suspended now: no longer transferable.
        let before = try world.snapshot()
        try expectRefused(try sst(world, [e3]), 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: before)
    }

    // MARK: SST-6

    @Test("SST-6 add-ons are added automatically with their base subscription, and cannot be named alone")
    func test_SST_6_addons() throws {
        let world = try ready()
        let e3 = try world.treyE3(), addon = try world.treyE3Addon()
        let before = try world.snapshot()
        try expectRefused(try sst(world, [addon]), 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: before)

        let response = try sst(world, [e3])
        #expect(response.status == 201)
        let lines = response["lineItems"]?.arrayValue ?? []
        #expect(lines.count == 1)
        let addonItems = lines.first?["addonItems"]?.arrayValue ?? []
        #expect(addonItems.compactMap { $0["subscriptionId"]?.stringValue } == [addon])
        #expect(addonItems.first?["quantity"]?.intValue == 5)
        #expect(try world.count("transfer_claims", where: "subscription_id = ?", [addon]) == 1)

        let id = try #require(response["id"]?.stringValue)
        let accepted = try world.acceptSST(id)
        #expect(accepted.status == 200, "\(accepted.text)")
        let transfer = try world.transfer(id, customer: Demo.trey, as: "distributor-admin")
        let newBase = try #require(transfer["lineItems"]?[0]?["targetSubscriptionId"]?.stringValue)
        let newAddon = try #require(transfer["lineItems"]?[0]?["addonItems"]?[0]?["targetSubscriptionId"]?.stringValue)
        #expect(try world.subscriptionRow(newAddon)?.string("parent_subscription_id") == newBase)
        #expect(try world.subscriptionRow(newAddon)?.string("billing_partner_id") == Demo.contoso)
        #expect(try world.subscriptionRow(addon)?.string("status") == "suspended")
    }

    @Test("SST-6 a suspended add-on stays behind; its active base moves")
    func test_SST_6_suspendedAddon() throws {
        let world = try ready()
        let e3 = try world.treyE3(), addon = try world.treyE3Addon()
        #expect(try world.patch(addon, ["status": "suspended"], customer: Demo.trey, as: "migrated-admin").status == 200)
        let response = try sst(world, [e3])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["lineItems"]?[0]?["addonItems"]?.arrayValue?.isEmpty == true)
        let id = try #require(response["id"]?.stringValue)
        #expect(try world.acceptSST(id).status == 200)
        #expect(try world.subscriptionRow(addon)?.string("billing_partner_id") == Demo.lamna)
        #expect(try world.subscriptionRow(addon)?.string("status") == "suspended")
        #expect(try world.activeSubscriptions(Demo.trey, billedBy: Demo.contoso).count == 1)
    }

    // MARK: SST-7 and SUB-4

    @Test("SST-7 the transfer captures each quantity at creation; to move a new quantity, withdraw and create again")
    func test_SST_7_quantityCaptured() throws {
        let world = try ready()
        let e3 = try world.treyE3()
        let first = try world.createSST([e3])
        #expect(try world.patch(e3, ["quantity": 35], customer: Demo.trey, as: "migrated-admin").status == 200)
        let pending = try world.transfer(first, customer: Demo.trey, as: "migrated-admin")
        #expect(pending["lineItems"]?[0]?["quantity"]?.intValue == 30)

        #expect(try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(first)", as: "migrated-admin").status == 204)
        let second = try world.createSST([e3])
        #expect(try world.transfer(second, customer: Demo.trey, as: "migrated-admin")["lineItems"]?[0]?["quantity"]?.intValue == 35)
        let accepted = try world.acceptSST(second)
        #expect(accepted.status == 200)
        let newId = try #require(try world.transfer(second, customer: Demo.trey, as: "distributor-admin")["lineItems"]?[0]?["targetSubscriptionId"]?.stringValue)
        #expect(try world.subscriptionRow(newId)?.int("quantity") == 35)
    }

    @Test("SUB-4 a subscription in a pending transfer keeps working; a quantity change is allowed but not reflected")
    func test_SUB_4_pendingTransfer() throws {
        let world = try ready()
        let e3 = try world.treyE3()
        let id = try world.createSST([e3])
        let patched = try world.patch(e3, ["quantity": 35], customer: Demo.trey, as: "migrated-admin")
        #expect(patched.status == 200, "\(patched.text)")
        #expect(patched["quantity"]?.intValue == 35)
        #expect(try world.subscription(e3, customer: Demo.trey, as: "migrated-admin")["status"]?.stringValue == "active")
        #expect(try world.transfer(id, customer: Demo.trey, as: "distributor-admin")["lineItems"]?[0]?["quantity"]?.intValue == 30)
        // Accepted as captured.
        #expect(try world.acceptSST(id).status == 200)
        let newId = try #require(try world.transfer(id, customer: Demo.trey, as: "distributor-admin")["lineItems"]?[0]?["targetSubscriptionId"]?.stringValue)
        #expect(try world.subscriptionRow(newId)?.int("quantity") == 30)
    }

    // MARK: SST-8

    @Test("SST-8 the distributor's AdminAgent or SalesAgent accepts")
    func test_SST_8_salesAgentAccepts() throws {
        let world = try ready()
        let id = try world.createSST([TX.treyIntune])
        let accepted = try world.acceptSST(id, as: "distributor-sales")
        #expect(accepted.status == 200, "\(accepted.text)")
    }

    @Test("SST-8 the distributor rejects; nothing moves and the source is told")
    func test_SST_8_reject() throws {
        let world = try ready()
        let e3 = try world.treyE3()
        let id = try world.createSST([e3])
        let rejected = try world.patchTransfer(id, customer: Demo.trey, status: "reject", as: "distributor-sales")
        #expect(rejected.status == 200, "\(rejected.text)")
        #expect(rejected["status"]?.stringValue == "Reject")
        #expect(try world.notifications(kind: "TransferRejected", tenant: Demo.lamna).count == 1)
        #expect(try world.subscriptionRow(e3)?.string("status") == "active")
        #expect(try world.subscriptionRow(e3)?.string("billing_partner_id") == Demo.lamna)
        let before = try world.snapshot()
        try expectRefused(try world.acceptSST(id), 409, ErrorCode.transferProcessedByAnotherRequest, world, unchanged: before)
        try expectRefused(try world.patchTransfer(id, customer: Demo.trey, status: "reject", as: "distributor-admin"),
                          409, ErrorCode.transferProcessedByAnotherRequest, world, unchanged: before)
    }

    @Test("SST-8 the source withdraws while Active (204); then nothing can be accepted")
    func test_SST_8_withdraw() throws {
        let world = try ready()
        let id = try world.createSST([try world.treyE3()])
        let withdrawn = try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "migrated-admin")
        #expect(withdrawn.status == 204)
        #expect(withdrawn.body.isEmpty)
        #expect(try world.transfer(id, customer: Demo.trey, as: "migrated-admin")["status"]?.stringValue == "Cancelled")
        let before = try world.snapshot()
        try expectRefused(try world.acceptSST(id), 409, ErrorCode.transferProcessedByAnotherRequest, world, unchanged: before)
        try expectRefused(try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "migrated-admin"),
                          409, ErrorCode.transferProcessedByAnotherRequest, world, unchanged: before)
    }

    @Test("SST-8 the wrong party is refused: the source cannot accept or reject, the distributor cannot withdraw, strangers see nothing")
    func test_SST_8_wrongParty() throws {
        let world = try ready()
        let id = try world.createSST([try world.treyE3()])
        let before = try world.snapshot()
        try expectRefused(try world.acceptSST(id, as: "migrated-admin"), 403, ErrorCode.forbidden, world, unchanged: before)
        try expectRefused(try world.patchTransfer(id, customer: Demo.trey, status: "reject", as: "migrated-admin"),
                          403, ErrorCode.forbidden, world, unchanged: before)
        try expectRefused(try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "distributor-admin"),
                          403, ErrorCode.forbidden, world, unchanged: before)
        try expectRefused(try world.acceptSST(id, as: "fourthcoffee-admin"), 404, ErrorCode.transferNotFound, world, unchanged: before)
        // The new-commerce steps do not apply.
        try expectRefused(try world.request(.patch, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "migrated-admin",
                                            body: TestWorld.selection([try world.treyE3()])),
                          400, ErrorCode.invalidInput, world, unchanged: before)
        // Accepting needs AdminAgent or SalesAgent.
        try expectRefused(try world.acceptSST(id, as: "distributor-reports"), 403, ErrorCode.forbidden, world, unchanged: before)
    }

    @Test("SST-8 a completed transfer can no longer be accepted, rejected or withdrawn (900102)")
    func test_SST_8_completed() throws {
        let world = try ready()
        let id = try world.createSST([TX.treyIntune])
        #expect(try world.acceptSST(id).status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.acceptSST(id), 400, ErrorCode.transferAlreadyCompleted, world, unchanged: before)
        try expectRefused(try world.patchTransfer(id, customer: Demo.trey, status: "reject", as: "distributor-admin"),
                          400, ErrorCode.transferAlreadyCompleted, world, unchanged: before)
        try expectRefused(try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "migrated-admin"),
                          400, ErrorCode.transferAlreadyCompleted, world, unchanged: before)
    }

    // MARK: SST-9

    @Test("SST-9 acceptance: Azure gets a new id under the distributor and leaves the source's list; licenses are recreated and the source's copy suspended")
    func test_SST_9_accept() throws {
        let world = try ready()
        let e3 = try world.treyE3(), azure = try world.treyAzure()
        let azureSubscriptionId = try #require(try world.subscriptionRow(azure)?.string("azure_subscription_id"))
        let id = try world.createSST([e3, azure])
        let result = try world.acceptSST(id)
        #expect(result.status == 200, "\(result.text)")
        #expect(result["attributes"]?["objectType"]?.stringValue == "TransferSubmitResult")
        #expect(result["transferErrors"]?.arrayValue?.isEmpty == true)
        let orders = result["orders"]?.arrayValue ?? []
        #expect(orders.count == 1)
        #expect(orders.first?["lineItems"]?.arrayValue?.count == 3)   // E3, its add-on, Azure

        let transfer = try world.transfer(id, customer: Demo.trey, as: "migrated-admin")
        #expect(transfer["status"]?.stringValue == "Complete")
        expectTime(transfer["completedTime"]?.stringValue, near: TestWorld.start)
        let lines = transfer["lineItems"]?.arrayValue ?? []
        #expect(lines.allSatisfy { $0["status"]?.stringValue == "Complete" })
        let newE3 = try #require(lines.first { $0["subscriptionId"]?.stringValue == e3 }?["targetSubscriptionId"]?.stringValue)
        let newAzure = try #require(lines.first { $0["subscriptionId"]?.stringValue == azure }?["targetSubscriptionId"]?.stringValue)
        #expect(newE3 != e3 && newAzure != azure)

        // Azure: new Partner Center id, same Azure subscription, gone from the source's list.
        let azureRow = try #require(try world.subscriptionRow(newAzure))
        #expect(azureRow.string("billing_partner_id") == Demo.contoso)
        #expect(azureRow.string("azure_subscription_id") == azureSubscriptionId)
        #expect(try world.subscriptionRow(azure)?.string("moved_to_subscription_id") == newAzure)
        let sourceList = try world.request(.get, "/v1/customers/\(Demo.trey)/subscriptions", as: "migrated-admin")
        let sourceIds = sourceList.items.compactMap { $0["id"]?.stringValue }
        #expect(!sourceIds.contains(azure))
        // License: recreated under the distributor, the source's copy suspended (and still listed).
        let e3Row = try #require(try world.subscriptionRow(newE3))
        #expect(e3Row.string("billing_partner_id") == Demo.contoso)
        #expect(e3Row.int("quantity") == 30)
        #expect(e3Row.string("gained_as") == "Indirect")
        #expect(e3Row.string("partner_id_on_record") == "5800001")   // Lamna's PLA, now an indirect reseller
        #expect(try world.subscriptionRow(e3)?.string("status") == "suspended")
        #expect(sourceIds.contains(e3))
        // The distributor lists the new ones.
        let distributorList = try world.request(.get, "/v1/customers/\(Demo.trey)/subscriptions", as: "distributor-admin")
        let distributorIds = Set(distributorList.items.compactMap { $0["id"]?.stringValue })
        #expect(distributorIds.contains(newE3) && distributorIds.contains(newAzure))
        #expect(try world.notifications(kind: "TransferCompleted", tenant: Demo.lamna).count == 1)
    }

    @Test("SST-9 a subscription the source cancelled or suspended while the transfer was pending is refused at acceptance (800078); nothing moves",
          arguments: ["deleted", "suspended"])
    func test_SST_9_changedWhilePending(_ status: String) throws {
        let world = try ready()
        let e3 = try world.treyE3()
        let id = try world.createSST([TX.treyIntune, e3])
        let changed = try world.patch(e3, ["status": .string(status)], customer: Demo.trey, as: "migrated-admin")
        #expect(changed.status == 200, "\(changed.text)")
        let before = try world.snapshot()
        let refused = try world.acceptSST(id)
        try expectRefused(refused, 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: before)
        #expect(refused["data"]?.arrayValue?.first?.stringValue == e3)
        #expect(try world.subscriptionRow(TX.treyIntune)?.string("status") == "active")
        #expect(try world.activeSubscriptions(Demo.trey, billedBy: Demo.contoso).isEmpty)
        // The distributor rejects (or the source withdraws) and the source asks again.
        #expect(try world.patchTransfer(id, customer: Demo.trey, status: "reject", as: "distributor-admin").status == 200)
        #expect(try world.acceptSST(try world.createSST([TX.treyIntune])).status == 200)
    }

    @Test("SST-1 the partnership is checked again at acceptance (700310): the new subscriptions' POR would be invalid")
    func test_SST_1_partnershipAtAcceptance() throws {
        let world = try ready()
        let id = try world.createSST([TX.treyIntune])
        let partnership = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.lamna)
        let removed = try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin")
        #expect(removed.status == 200 || removed.status == 204, "\(removed.text)")
        let before = try world.snapshot()
        try expectRefused(try world.acceptSST(id), 400, ErrorCode.distributorNotPartnered, world, unchanged: before)
    }

    // MARK: SST-10

    @Test("SST-10 a partner marked as sandbox is refused (700502)")
    func test_SST_10_sandbox() throws {
        let world = try ready()
        let before = try world.snapshot()
        try expectRefused(try sst(world, [TX.wingtipE3], customer: TX.wingtip, as: "sandbox-admin", source: TX.sandbox),
                          400, ErrorCode.sandboxTransfer, world, unchanged: before)
    }
}

@Suite("SST-9 the source's suspended copy")
struct SuspendedSourceCopyTests {
    @Test("SST-9 the source cannot reactivate its suspended copy of a transferred license: 409 700405")
    func test_SST_9_sourceCopyStaysSuspended() throws {
        let world = try TestWorld.transfers()
        try world.treyAcceptsMCA()
        let e3 = try world.treyE3()
        let id = try world.createSST([e3])
        #expect(try world.acceptSST(id).status == 200)
        #expect(try world.subscriptionRow(e3)?.string("status") == "suspended")
        let before = try world.snapshot()
        let refused = try world.patch(e3, ["status": "active"], customer: TestWorld.Demo.trey, as: "migrated-admin")
        try expectRefused(refused, 409, ErrorCode.subscriptionTransferred, world, unchanged: before)
        #expect(try world.subscriptionRow(e3)?.string("status") == "suspended")
    }
}
